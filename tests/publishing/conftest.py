"""Fixtures for the publishing tests: Croissant documents built in code, and the browser."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from croissant_tools import vocab
from tests.browser import browser  # noqa: F401  (registers the fixture)

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "code_corpus.json"


def field(rs: str, name: str, data_type: str = "sc:Text", **extra: Any) -> dict[str, Any]:
    """A field of record set ``rs`` reading column ``name`` of ``table.csv``."""
    return {
        "@type": "cr:Field",
        "@id": f"{rs}/{name}",
        "name": name,
        "dataType": data_type,
        "source": {"fileObject": {"@id": "table.csv"}, "extract": {"column": name}},
        **extra,
    }


def dataset(**overrides: Any) -> dict[str, Any]:
    """A small valid Croissant 1.1 document (core profile); ``overrides`` replace keys."""
    doc: dict[str, Any] = {
        "@context": copy.deepcopy(vocab.CONTEXT_1_1),
        "@type": "sc:Dataset",
        "conformsTo": vocab.CROISSANT_1_1,
        "name": "small-table",
        "description": "A small table.",
        "license": "https://spdx.org/licenses/MIT.html",
        "url": "https://example.org/small-table",
        "creator": {"@type": "sc:Person", "name": "Ada Example"},
        "datePublished": "2025-01-01",
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": "table.csv",
                "name": "table.csv",
                "contentUrl": "table.csv",
                "encodingFormat": "text/csv",
                "sha256": "0" * 64,
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "rows",
                "name": "rows",
                "field": [field("rows", "id", "sc:Integer"), field("rows", "text")],
            }
        ],
    }
    doc.update(overrides)
    return doc


def many_files(count: int) -> dict[str, Any]:
    """A valid document with ``count`` CSV files, each read by its own one-field record set."""
    distribution = []
    record_sets = []
    for i in range(count):
        distribution.append(
            {
                "@type": "cr:FileObject",
                "@id": f"f{i}",
                "name": f"f{i}.csv",
                "contentUrl": f"data/f{i}.csv",
                "contentSize": f"{1000 + i} B",
                "encodingFormat": "text/csv",
                "sha256": f"{i:064x}",
            }
        )
        source = {"fileObject": {"@id": f"f{i}"}, "extract": {"column": "x"}}
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": f"rs{i}",
                "name": f"rs{i}",
                "field": [{**field(f"rs{i}", "x"), "source": source}],
            }
        )
    return dataset(distribution=distribution, recordSet=record_sets)


def write(path: Path, doc: Any) -> Path:
    """Write ``doc`` as UTF-8 JSON and return ``path``."""
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture
def corpus() -> dict[str, Any]:
    """The code-corpus example (files, archive, splits, joins, sub-fields, RAI)."""
    return json.loads(CORPUS.read_text(encoding="utf-8"))
