"""Shared helpers for the loader tests: fixture datasets, an isolated cache, a tiny writer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "loading"
V11 = "http://mlcommons.org/croissant/1.1"


def fixture_path(name: str) -> Path:
    """``metadata.json`` of a fixture dataset (see tests/fixtures/loading/make_fixtures.py)."""
    return FIXTURES / name / "metadata.json"


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own loader cache (``CROISSANT_TOOLS_CACHE``)."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CROISSANT_TOOLS_CACHE", str(cache))
    return cache


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_dataset(
    folder: Path,
    distribution: list[dict[str, Any]],
    record_sets: list[dict[str, Any]],
    *,
    checksums: bool = True,
) -> Path:
    """Write a Croissant 1.1 ``metadata.json`` into ``folder`` (sha256 of local files filled in)."""
    from croissant_tools.vocab import CONTEXT_1_1

    for node in distribution:
        url = node.get("contentUrl")
        local = folder / url if isinstance(url, str) and "://" not in url else None
        if (
            checksums
            and "sha256" not in node
            and "containedIn" not in node
            and local
            and local.is_file()
        ):
            node["sha256"] = sha(local)
    doc = {
        "@context": CONTEXT_1_1,
        "@type": "sc:Dataset",
        "conformsTo": V11,
        "name": "test",
        "description": "A dataset written by a test.",
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "url": "https://example.org/test",
        "creator": {"@type": "sc:Person", "name": "tests"},
        "datePublished": "2026-01-01",
        "version": "1.0.0",
        "distribution": distribution,
        "recordSet": record_sets,
    }
    path = folder / "metadata.json"
    path.write_text(json.dumps(doc, indent=1))
    return path


def csv_dataset(folder: Path, text: str, fields: dict[str, str], *, name: str = "data.csv") -> Path:
    """A one-CSV dataset with record set ``rs`` and one field per column (id ``rs/<column>``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    fo = {
        "@type": "cr:FileObject",
        "@id": "csv",
        "name": "csv",
        "contentUrl": name,
        "encodingFormat": "text/csv",
    }
    rs = {
        "@type": "cr:RecordSet",
        "@id": "rs",
        "name": "rs",
        "field": [
            {
                "@type": "cr:Field",
                "@id": f"rs/{column}",
                "name": column,
                "dataType": dtype,
                "source": {"fileObject": {"@id": "csv"}, "extract": {"column": column}},
            }
            for column, dtype in fields.items()
        ],
    }
    return make_dataset(folder, [fo], [rs])


def records(path: Path, record_set: str = "rs", **kwargs: Any) -> list[dict[str, Any]]:
    import croissant_tools as ct

    return list(ct.load(path, record_set, **kwargs))


def iterate(it: Iterator[Any]) -> list[Any]:
    return list(it)


def fo(uid: str, url: str, fmt: str = "text/csv", **extra: Any) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": uid,
        "name": uid,
        "contentUrl": url,
        "encodingFormat": fmt,
        **extra,
    }


def fs(uid: str, includes: str, fmt: str = "text/plain", **extra: Any) -> dict[str, Any]:
    return {
        "@type": "cr:FileSet",
        "@id": uid,
        "name": uid,
        "includes": includes,
        "encodingFormat": fmt,
        **extra,
    }


def fld(
    rs: str, name: str, dtype: str, src: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    node = {"@type": "cr:Field", "@id": f"{rs}/{name}", "name": name, "dataType": dtype, **extra}
    if src is not None:
        node["source"] = src
    return node


def col(resource: str, column: str, kind: str = "fileObject", **extra: Any) -> dict[str, Any]:
    return {kind: {"@id": resource}, "extract": {"column": column}, **extra}


def prop(resource: str, name: str, kind: str = "fileSet", **extra: Any) -> dict[str, Any]:
    return {kind: {"@id": resource}, "extract": {"fileProperty": name}, **extra}


def rset(uid: str, fields: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"@type": "cr:RecordSet", "@id": uid, "name": uid, "field": fields, **extra}
