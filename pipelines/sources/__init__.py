"""Readers: one module per input kind, each turning a :class:`~pipelines.inputs.ReadTask`
into :class:`RawRow` values (the original columns of each record, or why it is unreadable).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa


@dataclass(frozen=True)
class RawRow:
    """One input record as read: its original columns, or ``error`` when it cannot be read.

    ``order`` (task index, row within the task) gives every record a stable global position;
    ``source`` names it for messages and derived ids (``file:line`` or a relative path).
    ``raw`` is the record exactly as it was in the input (a JSON line, a file's bytes) when
    the reader has it: a record that turns out invalid keeps it, so nothing is lost. With
    an ``error``, ``columns`` holds only what could still be read (the id, say).
    """

    order: tuple[int, int]
    source: str
    columns: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    raw: bytes | None = None


def read_task(task: Any, options: Any) -> tuple[Iterator[RawRow], pa.Schema | None]:
    """Rows of a read task and, when the format fixes it, the Arrow schema of its columns."""
    if task.kind == "jsonl":
        from pipelines.sources import jsonl

        return jsonl.read(task, options), None
    if task.kind == "parquet":
        from pipelines.sources import parquet

        return parquet.read(task, options)
    if task.kind == "source":
        from pipelines.sources import source

        return source.read(task, options), source.SCHEMA
    from pipelines.sources import croissant

    return croissant.read(task, options)
