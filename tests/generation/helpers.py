"""Shared helpers for generation tests: generate into a folder, read back with mlcroissant."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from croissant_tools.generation import Generated, describe, dumps
from croissant_tools.generation.cli import validate_text

BASE = {
    "name": "t",
    "description": "test data",
    "license": "MIT",
    "url": "https://example.org/t",
    "creators": ["Ann,ann@example.org"],
    "date_published": "2024-01-01",
}


def generate_into(root: Path, **options: Any) -> Generated:
    """Describe ``root``, write its croissant.json (validated), return the result."""
    generated = describe(root, **{**BASE, **options})
    text = dumps(generated.document)
    assert validate_text(text, generated.output.parent) == []
    generated.output.write_text(text)
    return generated


def records(path: Path, record_set: str) -> list[dict[str, Any]]:
    """Rows mlcroissant reads, with bytes decoded and field ids shortened to names."""
    import mlcroissant as mlc

    logging.getLogger("absl").setLevel(logging.ERROR)
    rows = mlc.Dataset(str(path)).records(record_set)
    return [{k.rsplit("/", 1)[-1]: _plain(v) for k, v in row.items()} for row in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: _plain(v) for k, v in value.items()}
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def by_id(items: list[dict[str, Any]], uid: str) -> dict[str, Any]:
    """The node with this ``@id``."""
    return next(item for item in items if item["@id"] == uid)


def dump(document: dict[str, Any]) -> str:
    """Stable text of a document, for comparisons in assertion messages."""
    return json.dumps(document, indent=1)
