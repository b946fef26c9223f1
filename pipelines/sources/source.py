"""Directories of source files: one record per file, language from the extension."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipelines.sources import RawRow
from pruning.languages import language_for_path

SCHEMA = pa.schema([("path", pa.string()), ("language", pa.string()), ("text", pa.string())])


def read(task: Any, options: Any) -> Iterator[RawRow]:
    """Each file of the task; too large, binary or non-UTF-8 files carry an ``error`` (a
    non-UTF-8 file its bytes as ``raw`` too)."""
    cap = int(options.max_record_bytes)
    for number, (path, rel) in enumerate(zip(task.paths, task.rels)):
        columns: dict[str, Any] = {"path": rel, "language": language_for_path(rel)}
        order = (task.index, number)
        try:
            size = Path(path).stat().st_size
            if size > cap:
                yield RawRow(order, rel, columns, f"{size} bytes is over the size cap of {cap}")
                continue
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            yield RawRow(order, rel, columns, f"cannot read the file: {exc.strerror or exc}")
            continue
        try:
            columns["text"] = data.decode("utf-8")
        except UnicodeDecodeError as exc:  # kept whole in ``raw`` (base64 in the output)
            yield RawRow(order, rel, columns, f"not UTF-8 (byte {exc.start})", raw=data)
            continue
        yield RawRow(order, rel, columns)
