"""Parquet files, split into tasks of whole row groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from croissant_tools.errors import InputError
from pipelines import storage
from pipelines.sources import RawRow

TASK_ROWS = 50_000


def _metadata(path: str) -> pq.FileMetaData:
    try:
        with storage.open_read(path) as handle:
            return pq.ParquetFile(handle).metadata
    except (OSError, pa.ArrowException) as exc:
        raise InputError(f"not a readable Parquet file: {exc}", where=path) from exc


def plan_tasks(found: list[tuple[str, int]], rels: list[str]) -> tuple[tuple[Any, ...], list[str]]:
    """Read tasks of about :data:`TASK_ROWS` rows, and the column names of the first file."""
    from pipelines.inputs import ReadTask

    tasks: list[ReadTask] = []
    names: list[str] = []
    for (path, _), rel in zip(found, rels):
        meta = _metadata(path)
        schema = meta.schema.to_arrow_schema()
        names = names or list(schema.names)
        missing = [n for n in names if n not in schema.names]
        if missing:
            raise InputError(f"column {missing[0]!r} of the first file is missing here", where=path)
        start, rows, first_row = 0, 0, 0
        for group in range(meta.num_row_groups):
            rows += meta.row_group(group).num_rows
            if rows >= TASK_ROWS or group == meta.num_row_groups - 1:
                tasks.append(
                    ReadTask(len(tasks), "parquet", (path,), (rel,), (start, group + 1), first_row)
                )
                first_row += rows
                start, rows = group + 1, 0
    return tuple(tasks), names


def read(task: Any, options: Any) -> tuple[Iterator[RawRow], pa.Schema]:
    """Rows of the task's row groups (``source`` is ``file:row``), and the file's schema."""
    handle = storage.open_read(task.paths[0])
    parquet = pq.ParquetFile(handle)
    first, stop = task.row_groups
    schema = parquet.schema_arrow

    def rows() -> Iterator[RawRow]:
        try:
            number = 0
            for group in range(first, stop):
                for batch in parquet.read_row_group(group).to_batches():
                    for values in batch.to_pylist():
                        row = task.first_row + number
                        yield RawRow((task.index, number), f"{task.rels[0]}:{row}", values)
                        number += 1
        finally:
            handle.close()

    return rows(), schema
