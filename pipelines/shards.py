"""Co-sharded Parquet outputs: shard ``s`` of every per-record output holds read task ``s``.

Shard ``s`` of ``records``, ``embeddings``, the analysis and ``kept``/``pruned``/``scores``
holds the same ids, sorted by id, so later stages join them shard by shard without a
shuffle, and the result does not depend on how a runner cut the work into bundles.
A shard file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines import storage


def shard_name(shard: int, num_shards: int) -> str:
    """File name of a shard, e.g. ``part-00003-of-00008.parquet``."""
    return f"part-{shard:05d}-of-{num_shards:05d}.parquet"


def shard_path(directory: str, shard: int, num_shards: int) -> str:
    """Full path of a shard file in ``directory``."""
    return storage.join(directory, shard_name(shard, num_shards))


def shard_files(directory: str) -> list[str]:
    """The shard files of an output directory, sorted."""
    return [path for path, _ in storage.list_files(storage.join(directory, "part-*.parquet"))]


def read_shard(
    directory: str, shard: int, num_shards: int, columns: list[str] | None = None
) -> pa.Table | None:
    """One shard of an output (``None`` when no record fell into it)."""
    path = shard_path(directory, shard, num_shards)
    return storage.read_table(path, columns) if storage.exists(path) else None


ROW_GROUP = 2048  # rows per Parquet row group: the unit later stages fan out over


def write_shard(
    directory: str,
    shard: int,
    num_shards: int,
    rows: list[dict[str, Any]],
    schema: pa.Schema,
    *,
    presorted: bool = False,
) -> int:
    """Sort ``rows`` by id (unless ``presorted``) and write them as one shard; returns the count."""
    if not presorted:
        rows.sort(key=lambda row: row["id"])
    table = pa.Table.from_pylist(rows, schema=schema)
    storage.write_table(shard_path(directory, shard, num_shards), table, ROW_GROUP)
    return len(rows)


def write_partitioned(path: str, table: pa.Table, partitions: list[np.ndarray]) -> None:
    """Write ``table`` with row group ``p`` = the rows ``partitions[p]`` (empty groups kept).

    Scratch files of the analysis: each shard writes one, and the worker handling
    partition ``p`` reads row group ``p`` of every shard's file (:func:`read_partition`).
    """
    with storage.atomic_writer(path) as out, pq.ParquetWriter(out, table.schema) as writer:
        for rows in partitions:
            writer.write_table(table.take(pa.array(rows, pa.int64())))


def read_partition(directory: str, partition: int) -> pa.Table | None:
    """Row group ``partition`` of every ``*.parquet`` file in ``directory``, concatenated.

    ``None`` when the directory holds no file.
    """
    paths = [path for path, _ in storage.list_files(storage.join(directory, "*.parquet"))]
    if not paths:
        return None
    return pa.concat_tables([storage.read_row_groups(path, [partition]) for path in paths])


def vectors_of(table: pa.Table, column: str = "embedding") -> np.ndarray:
    """A ``fixed_size_list<float32>`` column as a ``(rows, dim)`` float32 array."""
    chunked = table.column(column)
    dim = chunked.type.list_size
    if table.num_rows == 0:
        return np.zeros((0, dim), dtype=np.float32)
    values = chunked.combine_chunks().values.to_numpy(zero_copy_only=False)
    return np.asarray(values, dtype=np.float32).reshape(-1, dim)


def embedding_schema(dim: int) -> pa.Schema:
    """Schema of ``embeddings/``: the id and its unit-norm float32 vector."""
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("embedding", pa.list_(pa.float32(), dim), nullable=False),
        ]
    )


class _WriteShard(beam.DoFn):
    def __init__(self, directory: str, num_shards: int, schema: pa.Schema) -> None:
        self.directory = directory
        self.num_shards = num_shards
        self.schema = schema

    def process(self, element: tuple[int, Iterable[dict[str, Any]]]) -> Iterator[tuple[int, int]]:
        shard, rows = element
        yield shard, write_shard(self.directory, shard, self.num_shards, list(rows), self.schema)


class WriteShards(beam.PTransform):
    """``(shard, row)`` pairs -> one Parquet file per shard, rows sorted by ``id``.

    Emits ``(shard, rows written)``.
    """

    def __init__(self, directory: str, num_shards: int, schema: pa.Schema) -> None:
        super().__init__()
        self.directory = directory
        self.num_shards = num_shards
        self.schema = schema

    def expand(self, rows: beam.PCollection) -> beam.PCollection:
        return (
            rows
            | "GroupByShard" >> beam.GroupByKey()
            | "Write" >> beam.ParDo(_WriteShard(self.directory, self.num_shards, self.schema))
        )
