"""The ``n`` smallest rows over all shards, selected through scratch files, not the runner.

:class:`SpilledSmallest` serves the selections whose size grows with the corpus: the
k-means sample (up to ``cluster.sample_size`` ids and vectors) and the records to prune for
the global top fraction (``prune_fraction`` of every eligible ``(score, id)``). A combine
would ship them through the runner: on the DirectRunner an accumulator is encoded, buffered
and decoded in several copies (measured: about 8 times its size), and Beam's ``Top`` costs
about 5 KiB per kept element. Instead, the worker that reads a shard keeps the shard's
``n`` smallest rows as Arrow columns (batches of :data:`BATCH` rows, pruned with
:func:`pyarrow.compute.sort_indices` whenever they reach ``2 n``) and writes them to
``<scratch>/<shard>.parquet``; one step then reads those files one at a time, keeps the
global ``n`` smallest the same way and applies ``finish`` to them, so only its small result
(centroids, a cutoff) travels through the runner. A row costs its column bytes (12 + id +
4 * dim bytes for the sample, 8 + id bytes for a score).

Sort keys must make rows unique (every order used here ends in the record id), so the
selection is exact and does not depend on how a runner splits the work. Arrow orders
strings by their UTF-8 bytes, which is the order of Python's ``str`` comparison (code
points) for valid UTF-8 text, and record ids always are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import apache_beam as beam
import pyarrow as pa
import pyarrow.compute as pc

from pipelines import storage

BATCH = 4096
Order = list[tuple[str, str]]


def smallest(table: pa.Table, n: int, order: Order) -> pa.Table:
    """The first ``n`` rows of ``table`` in ``order``: a fresh, compact, sorted table."""
    indices = pc.sort_indices(table, sort_keys=order)
    if len(indices) > n:
        indices = indices.slice(0, n)
    return table.take(indices)


class _Selection:
    """Arrow batches pruned to the ``n`` smallest rows whenever they hold ``2 n``."""

    def __init__(self, n: int, schema: pa.Schema, order: Order) -> None:
        self.n, self.schema, self.order = n, schema, order
        self.tables: list[pa.Table] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        self.tables.append(table)
        self.rows += table.num_rows
        if self.rows >= 2 * self.n:
            self.tables = [self.result()]
            self.rows = self.tables[0].num_rows

    def result(self) -> pa.Table:
        table = pa.concat_tables(self.tables) if self.tables else self.schema.empty_table()
        return smallest(table, self.n, self.order)


def shard_smallest(
    shard: int,
    rows: Callable[[int], Iterable[dict[str, Any]]],
    spec: tuple[int, pa.Schema, Order],
    directory: str,
) -> str | None:
    """Write the ``n`` smallest of ``rows(shard)`` to ``<directory>/<shard>.parquet``.

    ``spec`` is ``(n, schema, order)``. Returns the file's path, or ``None`` (and writes
    nothing) for a shard without rows.
    """
    n, schema, order = spec
    selection = _Selection(n, schema, order)
    pending: list[dict[str, Any]] = []
    for row in rows(shard):
        pending.append(row)
        if len(pending) >= BATCH:
            selection.add(pa.Table.from_pylist(pending, schema=schema))
            pending = []
    if pending:
        selection.add(pa.Table.from_pylist(pending, schema=schema))
    if not selection.rows:
        return None
    path = storage.join(directory, f"{shard:05d}.parquet")
    storage.write_table(path, selection.result())
    return path


def gather_smallest(paths: Iterable[str | None], spec: tuple[int, pa.Schema, Order]) -> pa.Table:
    """The ``n`` smallest rows of the files written by :func:`shard_smallest`, sorted.

    Files are read in path order, one at a time; at most ``2 n`` rows are held.
    """
    n, schema, order = spec
    selection = _Selection(n, schema, order)
    for path in sorted(p for p in paths if p is not None):
        selection.add(storage.read_table(path).select(schema.names).cast(schema))
    return selection.result()


class SpilledSmallest(beam.PTransform):
    """Shard numbers -> one element: ``finish`` of the ``n`` rows first in ``order``.

    ``rows(shard)`` yields a shard's rows as dicts matching ``schema``; ``order`` is a list
    of ``(column, "ascending" | "descending")`` whose values are unique per row; ``finish``
    receives the selected rows as one table sorted in ``order`` (empty when no shard has
    rows). ``directory`` receives one scratch file per shard; the caller deletes it.
    """

    def __init__(
        self,
        n: int,
        schema: pa.Schema,
        order: Order,
        rows: Callable[[int], Iterable[dict[str, Any]]],
        directory: str,
        finish: Callable[[pa.Table], Any],
    ) -> None:
        super().__init__()
        self.spec = (n, schema, order)
        self.rows = rows
        self.directory = directory
        self.finish = finish

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        spec, finish = self.spec, self.finish
        return (
            shard_ids
            | "ShardSmallest" >> beam.Map(shard_smallest, self.rows, spec, self.directory)
            | "Files" >> beam.combiners.ToList()
            | "Gather" >> beam.Map(lambda paths: finish(gather_smallest(paths, spec)))
        )
