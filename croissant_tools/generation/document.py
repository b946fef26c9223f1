"""Dataset-level metadata (name, licence, creators, ...) and deterministic serialisation."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from croissant_tools import vocab
from croissant_tools.errors import UsageError

_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+\-]*$")
_EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")
Creator = str | Mapping[str, Any]


def license_url(license: str) -> str:
    """An SPDX identifier becomes its URL (``MIT`` -> ``https://spdx.org/licenses/MIT.html``).

    URLs are kept as given; anything else is a :class:`UsageError`.
    """
    text = license.strip()
    if text.startswith(("http://", "https://")):
        return text
    if not _SPDX.match(text):
        raise UsageError(
            f"license {license!r} is neither an SPDX identifier nor a URL",
            hint="use an SPDX id such as MIT, Apache-2.0 or CC-BY-4.0, or a licence URL",
        )
    return f"https://spdx.org/licenses/{text}.html"


def creator_node(creator: Creator) -> dict[str, Any]:
    """A ``sc:Person`` (or ``sc:Organization``) from ``"Name,email,url"`` or a mapping.

    In the string form the email and URL are optional and may come in either order;
    a mapping may set ``@type`` to ``sc:Organization``.
    """
    if isinstance(creator, Mapping):
        if not str(creator.get("name", "")).strip():
            raise UsageError(f"creator {dict(creator)!r} has no name")
        node = {"@type": str(creator.get("@type", "sc:Person")), "name": str(creator["name"])}
        for key in ("email", "url"):
            if creator.get(key):
                node[key] = str(creator[key])
        return node
    parts = [p.strip() for p in creator.split(",")]
    if not parts[0]:
        raise UsageError(f"creator {creator!r} has no name", hint='use "Name,email,url"')
    node = {"@type": "sc:Person", "name": parts[0]}
    for part in parts[1:]:
        if not part:
            continue
        if _EMAIL.match(part):
            node["email"] = part
        elif part.startswith(("http://", "https://")):
            node["url"] = part
        else:
            raise UsageError(
                f"creator {creator!r}: {part!r} is neither an email nor an http(s) URL",
                hint='use "Name,email,url" (email and url optional)',
            )
    return node


def check_date(value: str | dt.date) -> str:
    """An ISO 8601 date or date-time, as text; anything else is a :class:`UsageError`."""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        if "T" in value or " " in value.strip():
            return dt.datetime.fromisoformat(value.strip()).isoformat()
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError(f"date {value!r} is not an ISO 8601 date", hint="use YYYY-MM-DD") from None


def licenses(license: str | Sequence[str] | None) -> list[str]:
    """Licence URLs for one licence or several (a corpus of differently licensed parts)."""
    if license is None:
        return []
    items = [license] if isinstance(license, str) else list(license)
    return [license_url(item) for item in items if item]


def dataset_json(
    *,
    name: str,
    description: str,
    license: str | Sequence[str] | None,
    url: str | None,
    creators: Sequence[Creator],
    date_published: str | dt.date | None,
    version: str | None,
    keywords: Sequence[str],
    properties: Mapping[str, Any] | None = None,
    rai: Mapping[str, Any],
    extra: Mapping[str, Any],
    live: bool,
    distribution: list[dict[str, Any]],
    record_sets: list[dict[str, Any]],
) -> dict[str, Any]:
    """The whole document, keys in a fixed order (context, identity, RAI, provenance, data).

    ``properties`` are further dataset properties (``publisher``, ``citeAs`` ...) written
    after the keywords; ``extra`` holds the provenance terms.
    """
    conforms: Any = [vocab.CROISSANT_1_1, vocab.RAI_1_0] if rai else vocab.CROISSANT_1_1
    doc: dict[str, Any] = {
        "@context": vocab.CONTEXT_1_1,
        "@type": "sc:Dataset",
        "conformsTo": conforms,
        "name": name,
        "description": description,
    }
    urls = licenses(license)
    if urls:
        doc["license"] = urls[0] if len(urls) == 1 else urls
    if url:
        doc["url"] = url
    nodes = [creator_node(c) for c in creators]
    if nodes:
        doc["creator"] = nodes[0] if len(nodes) == 1 else nodes
    if date_published is not None:
        doc["datePublished"] = check_date(date_published)
    if version:
        doc["version"] = version
    if keywords:
        doc["keywords"] = list(keywords)
    doc.update(properties or {})
    if live:
        doc["isLiveDataset"] = True
    doc.update(rai)
    doc.update(extra)
    doc["distribution"] = distribution
    doc["recordSet"] = record_sets
    return doc


def dumps(document: Mapping[str, Any]) -> str:
    """Pretty-printed JSON with a final newline: the same document gives the same bytes."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
