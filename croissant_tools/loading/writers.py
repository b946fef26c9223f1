"""Writing record streams as JSON Lines, Parquet or CSV (the ``records`` command).

JSON Lines and CSV cannot hold every Arrow value as is: bytes (images) are written as
base64 text, dates and times as ISO 8601, and in CSV nested values (lists, sub-fields) as
JSON text. Parquet keeps the exact Arrow schema. Writes to a file go to a temporary name
next to it and are renamed only when complete.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from croissant_tools import atomic

Format = Literal["jsonl", "parquet", "csv"]


def limited(batches: Iterable[pa.RecordBatch], limit: int | None) -> Iterator[pa.RecordBatch]:
    """At most ``limit`` rows of a batch stream (all of it for ``None``)."""
    left = limit
    for batch in batches:
        if left is not None:
            if left <= 0:
                return
            if batch.num_rows > left:
                batch = batch.slice(0, left)
            left -= batch.num_rows
        yield batch


def json_default(value: Any) -> Any:
    """JSON rendering of values ``json`` does not know (bytes as base64, dates as ISO)."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.date | dt.time | dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return str(value)


def _jsonl(batches: Iterable[pa.RecordBatch], out: IO[bytes], schema: pa.Schema) -> None:
    for batch in batches:
        lines = [json.dumps(r, ensure_ascii=False, default=json_default) for r in batch.to_pylist()]
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


def _flat_column(column: pa.Array) -> pa.Array:
    data_type = column.type
    if pa.types.is_binary(data_type) or pa.types.is_large_binary(data_type):
        return pa.array(
            [None if v is None else base64.b64encode(v).decode() for v in column.to_pylist()],
            pa.string(),
        )
    if pa.types.is_nested(data_type):
        return pa.array(
            [
                None if v is None else json.dumps(v, default=json_default)
                for v in column.to_pylist()
            ],
            pa.string(),
        )
    return column


def _csv(batches: Iterable[pa.RecordBatch], out: IO[bytes], schema: pa.Schema) -> None:
    writer: pacsv.CSVWriter | None = None
    for batch in batches:
        flat = pa.RecordBatch.from_arrays(
            [_flat_column(c) for c in batch.columns], names=batch.schema.names
        )
        if writer is None:
            writer = pacsv.CSVWriter(out, flat.schema)
        writer.write_batch(flat)
    if writer is None:  # no rows: still write the header
        header = pa.schema([pa.field(f.name, _flat_type(f.type)) for f in schema])
        writer = pacsv.CSVWriter(out, header)
    writer.close()


def _flat_type(data_type: pa.DataType) -> pa.DataType:
    if pa.types.is_nested(data_type) or pa.types.is_binary(data_type):
        return pa.string()
    return data_type


def _parquet(batches: Iterable[pa.RecordBatch], out: IO[bytes], schema: pa.Schema) -> None:
    with pq.ParquetWriter(out, schema) as writer:
        for batch in batches:
            writer.write_batch(batch)


WRITERS: dict[str, Callable[[Iterable[pa.RecordBatch], IO[bytes], pa.Schema], None]] = {
    "jsonl": _jsonl,
    "csv": _csv,
    "parquet": _parquet,
}


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` only if the block completes (normal mode)."""
    with atomic.replacing(path, parents=False) as handle:
        yield handle


def write_batches(
    batches: Iterable[pa.RecordBatch], schema: pa.Schema, fmt: Format, out: IO[bytes]
) -> None:
    """Write a batch stream in ``fmt`` to a binary stream."""
    WRITERS[fmt](batches, out, schema)
