"""Describe real data as Croissant 1.1 (with RAI and provenance) in one call.

    from croissant_tools.generation import generate, provenance
    doc = generate("data/", name="my-data", license="MIT", creators=["Ada,ada@example.org"])

:func:`generate` returns the JSON-LD document; :func:`describe` also returns the run's
:class:`Summary`; :func:`provenance` builds PROV-O properties for derived datasets.
The command line (``croissant-tools generate``) validates before writing.
"""

from __future__ import annotations

from croissant_tools.generation.api import Generated, describe, generate
from croissant_tools.generation.document import dumps
from croissant_tools.generation.provenance import provenance
from croissant_tools.generation.report import Summary

__all__ = ["Generated", "Summary", "describe", "dumps", "generate", "provenance"]
