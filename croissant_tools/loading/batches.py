"""Batch plumbing shared by the reader and the adapters: rebatching, partitions, shuffling.

A :class:`Partition` is one consumer's share of a record set (a DataLoader worker of a
distributed rank, a JAX process). With at least as many units of work as consumers the
units are dealt round-robin; otherwise — or with ``by="rows"`` — every consumer reads all
units and keeps its own blocks of :data:`STRIDE` rows. Either way each record goes to
exactly one consumer, deterministically, whatever the batch size.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import numpy as np
import pyarrow as pa

from croissant_tools.errors import UsageError

STRIDE = 64
T = TypeVar("T")


@dataclass(frozen=True)
class Partition:
    """Consumer ``index`` of ``count``; ``by`` chooses units, rows, or (auto) whichever fits.

    ``block`` is the number of consecutive rows a consumer keeps when rows are strided
    (1 balances counts to within one row; larger blocks filter a little faster).
    """

    index: int = 0
    count: int = 1
    by: Literal["auto", "units", "rows"] = "auto"
    block: int = STRIDE

    def __post_init__(self) -> None:
        if self.count < 1 or not 0 <= self.index < self.count:
            raise UsageError(f"partition index must be in [0, {self.count}), not {self.index}")
        if self.block < 1:
            raise UsageError(f"partition block must be at least 1, not {self.block}")
        if self.by not in ("auto", "units", "rows"):
            raise UsageError(f"partition 'by' must be auto, units or rows, not {self.by!r}")

    def uses_units(self, units: int) -> bool:
        """Whether whole units are dealt out (else rows are strided)."""
        if self.count == 1 or self.by == "units":
            return True
        return self.by == "auto" and units >= self.count


def deal(items: list[T], partition: Partition) -> list[T]:
    """This consumer's round-robin share of ``items``."""
    return items[partition.index :: partition.count]


def stride_rows(
    batches: Iterable[pa.RecordBatch], partition: Partition
) -> Iterator[pa.RecordBatch]:
    """Keep the rows whose block of ``partition.block`` rows belongs to ``partition``."""
    position = 0
    for batch in batches:
        rows = batch.num_rows
        blocks = (np.arange(position, position + rows) // partition.block) % partition.count
        position += rows
        mask = blocks == partition.index
        if mask.all():
            yield batch
        elif mask.any():
            yield batch.filter(pa.array(mask))


def rebatch(batches: Iterable[pa.RecordBatch], size: int) -> Iterator[pa.RecordBatch]:
    """Re-cut a stream of batches into batches of exactly ``size`` rows (the last may be short)."""
    if size < 1:
        raise UsageError(f"batch_size must be at least 1, not {size}")
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        if batch.num_rows == 0:
            continue
        if not pending and batch.num_rows == size:
            yield batch
            continue
        pending.append(batch)
        count += batch.num_rows
        if count >= size:
            table = pa.Table.from_batches(pending).combine_chunks()
            full = (count // size) * size
            yield from table.slice(0, full).to_batches(max_chunksize=size)
            rest = table.slice(full)
            pending, count = (rest.to_batches() if rest.num_rows else []), rest.num_rows
    if count:
        yield from pa.Table.from_batches(pending).combine_chunks().to_batches(max_chunksize=size)


def shuffled(items: Iterable[T], buffer_size: int, rng: random.Random) -> Iterator[T]:
    """Approximate shuffle through a buffer of ``buffer_size`` items (0 or 1: unchanged)."""
    if buffer_size <= 1:
        yield from items
        return
    buffer: list[T] = []
    for item in items:
        if len(buffer) < buffer_size:
            buffer.append(item)
            continue
        index = rng.randrange(buffer_size)
        buffer[index], item = item, buffer[index]
        yield item
    rng.shuffle(buffer)
    yield from buffer


def env_rank(rank: int | None, world_size: int | None) -> tuple[int, int]:
    """``(rank, world_size)`` from the arguments, else ``RANK``/``WORLD_SIZE``, else ``(0, 1)``."""
    import os

    def from_env(name: str) -> int | None:
        raw = os.environ.get(name)
        if raw is None or raw == "":
            return None
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"environment variable {name}={raw!r} is not an integer") from None

    size = world_size if world_size is not None else from_env("WORLD_SIZE") or 1
    index = rank if rank is not None else from_env("RANK") or 0
    if size < 1 or not 0 <= index < size:
        raise UsageError(f"rank {index} is not in [0, {size})")
    return index, size


def first(items: Iterable[Any]) -> Any:
    """The first item of an iterable, or ``None``."""
    return next(iter(items), None)


def filter_rows(
    batches: Iterable[pa.RecordBatch], filters: tuple[tuple[str, str], ...]
) -> Iterator[pa.RecordBatch]:
    """Rows whose every ``(field, value)`` pair matches, the field's value read as text
    (mlcroissant's ``filters``: ``{"data/split": "train"}``)."""
    import pyarrow.compute as pc

    from croissant_tools.loading.casting import cast_array

    for batch in batches:
        mask = None
        for name, value in filters:
            column = cast_array(batch.column(name), pa.string())
            equal = pc.fill_null(pc.equal(column, value), False)
            mask = equal if mask is None else pc.and_(mask, equal)
        yield batch.filter(mask) if mask is not None else batch
