"""Write mlcroissant's records for the reference-conformance datasets (golden files).

    .venv/bin/python -m tests.loading.reference_expected

Runs mlcroissant 1.1.1 on every record set listed in
``tests/fixtures/reference/make_reference.py`` (librosa is needed for the audio one) and
writes ``output/<record set>.jsonl`` next to the document, each record passed through
mlcroissant's own ``record_to_python`` as its repository's tests do. Review the diff.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.fixtures.reference.make_reference import DATASETS, HERE


def cases() -> list[tuple[str, Path, str, dict[str, str] | None]]:
    """``(id, document, record set, mlcroissant filters)`` of every reference record set."""
    out = []
    for folder, (_writer, items) in DATASETS.items():
        for document, record_set, filters in items:
            out.append(
                (f"{folder}/{document}:{record_set}", HERE / folder / document, record_set, filters)
            )
    return out


def output_path(document: Path, record_set: str) -> Path:
    """Where the expected records of ``record_set`` are kept."""
    return document.parent / "output" / f"{record_set}.jsonl"


def mlcroissant_records(document: Path, record_set: str, filters: Any) -> list[dict[str, Any]]:
    """mlcroissant's records, as ``record_to_python`` renders them (private caches)."""
    import mlcroissant as mlc
    from etils import epath
    from mlcroissant._src.core import constants
    from mlcroissant._src.operation_graph.operations import extract
    from mlcroissant._src.tests.records import record_to_python

    logging.getLogger("absl").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as private:
        extract.EXTRACT_PATH = epath.Path(private) / "extract"
        constants.DOWNLOAD_PATH = epath.Path(private) / "download"
        dataset = mlc.Dataset(str(document))
        records = dataset.records(record_set, filters=filters)
        return [record_to_python(dict(r)) for r in records]


def main(argv: list[str]) -> int:
    for name, document, record_set, filters in cases():
        if argv and not any(term in name for term in argv):
            continue
        try:
            rows = mlcroissant_records(document, record_set, filters)
        except Exception as exc:
            print(f"{name}: mlcroissant failed: {type(exc).__name__}: {exc}")
            continue
        path = output_path(document, record_set)
        path.parent.mkdir(exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        print(f"{name}: {len(rows)} record(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
