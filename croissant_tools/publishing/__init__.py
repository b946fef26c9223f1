"""Publishing: a self-contained dataset page and a Hugging Face dataset card from Croissant.

``publish(source, out_dir)`` writes ``index.html`` (the document embedded as JSON-LD for
search engines, and shown for people: overview, citation, files, a structure diagram,
record sets, splits, Responsible AI, validation summary) and ``README.md`` (a dataset card
with a Hub YAML header). See ``docs/publishing.md``.

The HTML building blocks (escaping, page shell, tables, SVG charts) are reusable by other
reports: :mod:`croissant_tools.publishing.html`.
"""

from __future__ import annotations

from croissant_tools.publishing.api import PublishRefused, PublishResult, publish, publish_site

__all__ = ["PublishRefused", "PublishResult", "publish", "publish_site"]
