"""JSON Lines: one record per line; bad lines become rows with an ``error``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pipelines import storage
from pipelines.sources import RawRow


def read(task: Any, options: Any) -> Iterator[RawRow]:
    """Every non-blank line of the task (``source`` is ``file:line``, counted in the file)."""
    path, rel = task.paths[0], task.rels[0]
    cap = int(options.max_record_bytes)
    start, end = task.byte_range or (0, None)
    with storage.open_read(path, decompress=task.byte_range is None) as handle:
        if start:
            handle.seek(start)
        position = start
        for number, line in enumerate(handle, start=task.first_row + 1):
            if end is not None and position >= end:
                break
            position += len(line)
            if line.strip():
                yield _row((task.index, number), f"{rel}:{number}", line, cap)


def _row(order: tuple[int, int], source: str, line: bytes, cap: int) -> RawRow:
    if len(line) > 4 * cap + 4096:  # far over the cap: do not even parse it
        return RawRow(order, source, {}, f"line of {len(line)} bytes is over the size cap")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRow(order, source, {}, f"not UTF-8 (byte {exc.start} of the line)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRow(order, source, {}, f"malformed JSON: {exc.msg} at column {exc.colno}")
    except ValueError as exc:  # e.g. a number too long to convert
        return RawRow(order, source, {}, f"malformed JSON: {exc}")
    if not isinstance(value, dict):
        return RawRow(order, source, {}, f"a JSON {type(value).__name__}, not an object")
    return RawRow(order, source, value)
