"""PyTorch datasets over Croissant record sets (``import croissant_tools.torch``).

:class:`CroissantIterableDataset` streams a record set and gives every record exactly
once across DataLoader workers *and* distributed ranks, without needing
``torch.distributed`` to be initialised: the rank and world size come from the
arguments, else from ``RANK``/``WORLD_SIZE``, else (0, 1). Consumers
(``rank * num_workers + worker``) take whole units of work (files, Parquet row groups)
round-robin when there are enough of them, else interleaved blocks of rows. An optional
shuffle buffer (seeded; call :meth:`~CroissantIterableDataset.set_epoch` each epoch)
also permutes the order of the units.

:class:`CroissantMapDataset` gives random access: by unit when every unit's record count
is known (Parquet row groups, one file per record), else over the whole record set read
once per process into an Arrow table.

    from torch.utils.data import DataLoader
    from croissant_tools.torch import CroissantIterableDataset
    ds = CroissantIterableDataset("croissant.json", "ratings", split="train", shuffle_buffer=10_000)
    loader = DataLoader(ds, batch_size=256, num_workers=4)
"""

from __future__ import annotations

from croissant_tools.extras import require

# a missing framework is a message naming the extra to install (exit 2)
require("torch", "croissant_tools.torch (PyTorch datasets)")

import bisect
import datetime as dt
import os
import random
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import torch
from torch.utils.data import Dataset, IterableDataset, get_worker_info

from croissant_tools.errors import UsageError
from croissant_tools.loading.api import reader_for
from croissant_tools.loading.arrays import temporal_as_number
from croissant_tools.loading.batches import Partition, env_rank, shuffled
from croissant_tools.loading.reader import RecordSetReader
from croissant_tools.loading.records import ImageMode, TextMode, batch_records, iter_records

Transform = Callable[[dict[str, Any]], Any]


MASK = "_mask"


def column_tensor(column: pa.Array | pa.ChunkedArray) -> torch.Tensor | list[Any]:
    """A tensor for numeric, boolean and date/time columns, else a Python list.

    Dates are ``int64`` days since 1970-01-01, date-times ``int64`` microseconds since
    the epoch, times microseconds since midnight. Nulls become 0 (NaN in float columns)
    and keep their dtype; :func:`batch_tensors` says where they were (``"_mask"``).
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    was_date = pa.types.is_date(column.type)
    column = temporal_as_number(column)
    if was_date:
        column = column.cast(pa.int64())
    data_type = column.type
    if not (
        pa.types.is_integer(data_type)
        or pa.types.is_floating(data_type)
        or pa.types.is_boolean(data_type)
    ):
        return column.to_pylist()
    if column.null_count:
        if pa.types.is_floating(data_type):
            fill = pa.scalar(float("nan"), data_type)
        elif pa.types.is_boolean(data_type):
            fill = pa.scalar(False)
        else:
            fill = pa.scalar(0, data_type)
        column = pc.fill_null(column, fill)
    values = column.to_numpy(zero_copy_only=False)
    if pa.types.is_float16(column.type):
        values = values.astype(np.float32)
    return torch.from_numpy(np.array(values, copy=True))  # writable: no torch warning


def batch_tensors(batch: pa.RecordBatch) -> dict[str, Any]:
    """One Arrow batch as ``{field @id: tensor or list}`` (for ``DataLoader(batch_size=None)``),
    plus ``"_mask"``: ``{field @id: bool tensor}`` (True = a value) for every tensor column
    that has nulls."""
    out: dict[str, Any] = {}
    masks: dict[str, torch.Tensor] = {}
    for name in batch.schema.names:
        column = batch.column(name)
        out[name] = column_tensor(column)
        if column.null_count and isinstance(out[name], torch.Tensor):
            masks[name] = torch.from_numpy(column.is_valid().to_numpy(zero_copy_only=False))
    out[MASK] = masks
    return out


def _number(value: Any, dates: str) -> Any:
    if isinstance(value, dt.datetime):
        if dates == "str":
            return value.isoformat()
        return int((value - _EPOCH_TIME) // dt.timedelta(microseconds=1))
    if isinstance(value, dt.date):
        return value.isoformat() if dates == "str" else (value - _EPOCH).days
    if isinstance(value, dt.time):
        if dates == "str":
            return value.isoformat()
        return ((value.hour * 60 + value.minute) * 60 + value.second) * 10**6 + value.microsecond
    return value


_EPOCH = dt.date(1970, 1, 1)
_EPOCH_TIME = dt.datetime(1970, 1, 1)


def collate(records: list[dict[str, Any]], *, dates: str = "int64") -> dict[str, Any]:
    """A ``DataLoader`` ``collate_fn`` for Croissant records with nulls and dates.

    Numbers and booleans become tensors with nulls as 0 (NaN for floats) and a
    ``"_mask"`` entry ``{field: bool tensor}`` (True = a value) for every field that had a
    null in the batch; dates become ``int64`` days since 1970-01-01, date-times ``int64``
    microseconds since the epoch, times microseconds since midnight (``dates="str"``:
    ISO 8601 strings instead); text, bytes and images stay lists (``None`` kept);
    sub-fields are collated recursively. Use ``functools.partial(collate, dates="str")``
    to change the default.
    """
    if dates not in ("int64", "str"):
        raise UsageError(f"dates must be 'int64' or 'str', not {dates!r}")
    out: dict[str, Any] = {}
    masks: dict[str, torch.Tensor] = {}
    for key in records[0] if records else []:
        values = [_number(r.get(key), dates) for r in records]
        present = [v is not None for v in values]
        sample = next((v for v in values if v is not None), None)
        if isinstance(sample, dict):
            out[key] = collate([v or {} for v in values], dates=dates)
        elif isinstance(sample, bool | int | float) and not isinstance(sample, str):
            floats = any(isinstance(v, float) for v in values)
            fill: Any = float("nan") if floats else (False if isinstance(sample, bool) else 0)
            out[key] = torch.tensor([fill if v is None else v for v in values])
            if not all(present):
                masks[key] = torch.tensor(present)
        else:
            out[key] = values
    out[MASK] = masks
    return out


class CroissantIterableDataset(IterableDataset[Any]):
    """A streaming dataset; see the module docstring.

    ``source`` is a path/URL (then ``record_set`` and the :func:`croissant_tools.load`
    keyword arguments apply) or a :class:`RecordSetReader`. ``batch_size`` switches to
    yielding whole batches as ``{field: tensor or list}`` (use ``DataLoader(batch_size=None)``);
    ``transform`` is applied to every record (or batch) before it is yielded.
    """

    def __init__(
        self,
        source: RecordSetReader | str | os.PathLike[str],
        record_set: str | None = None,
        *,
        rank: int | None = None,
        world_size: int | None = None,
        shuffle_buffer: int = 0,
        seed: int = 0,
        batch_size: int | None = None,
        transform: Transform | None = None,
        text: TextMode = "str",
        images: ImageMode = "bytes",
        partition_by: str = "auto",
        read_batch_size: int = 4096,
        **load_kwargs: Any,
    ):
        super().__init__()
        self.reader = reader_for(source, record_set, **load_kwargs)
        self.rank, self.world_size = rank, world_size
        env_rank(rank, world_size)  # validate early
        if shuffle_buffer < 0 or (batch_size is not None and batch_size < 1):
            raise UsageError("shuffle_buffer must be >= 0 and batch_size >= 1")
        self.shuffle_buffer = shuffle_buffer
        self.seed = seed
        self.epoch = 0
        self.batch_size = batch_size
        self.transform = transform
        self.text, self.images = text, images
        self.partition_by = partition_by
        self.read_batch_size = read_batch_size

    def set_epoch(self, epoch: int) -> None:
        """Change the shuffle order for the next iteration (same seed + epoch → same order)."""
        self.epoch = epoch

    def partition(self) -> Partition:
        """This process's consumer index and the number of consumers."""
        info = get_worker_info()
        worker, workers = (info.id, info.num_workers) if info is not None else (0, 1)
        rank, world = env_rank(self.rank, self.world_size)
        return Partition(rank * workers + worker, world * workers, self.partition_by)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Any]:
        partition = self.partition()
        units = self.reader.units(split_row_groups=True)
        shuffle = self.shuffle_buffer > 0
        if shuffle:  # the same permutation in every consumer, so the deal stays disjoint
            random.Random(self.seed * 1_000_003 + self.epoch).shuffle(units)
        size = self.batch_size or self.read_batch_size
        batches = self.reader.iter_batches(size, partition=partition, units=units)
        rng = random.Random(f"{self.seed}:{self.epoch}:{partition.index}")
        if self.batch_size is not None:
            for batch in batches:
                if shuffle:
                    batch = batch.take(pa.array(rng.sample(range(batch.num_rows), batch.num_rows)))
                item = batch_tensors(batch)
                yield self.transform(item) if self.transform else item
            return
        records = iter_records(batches, text=self.text, images=self.images)
        for record in shuffled(records, self.shuffle_buffer, rng):
            yield self.transform(record) if self.transform else record


class CroissantMapDataset(Dataset[Any]):
    """Random access to the records of a record set (see the module docstring).

    Use with a ``DistributedSampler`` for distributed training. ``cache_units`` bounds
    how many units (e.g. Parquet row groups) each process keeps decoded.
    """

    def __init__(
        self,
        source: RecordSetReader | str | os.PathLike[str],
        record_set: str | None = None,
        *,
        transform: Transform | None = None,
        text: TextMode = "str",
        images: ImageMode = "bytes",
        cache_units: int = 4,
        **load_kwargs: Any,
    ):
        self.reader = reader_for(source, record_set, **load_kwargs)
        self.transform = transform
        self.text, self.images = text, images
        self.cache_units = max(1, cache_units)
        self.units = self.reader.units(split_row_groups=True)
        counts = [u.rows for u in self.units]
        self.by_unit = bool(counts) and all(c is not None for c in counts)
        self.starts: list[int] = []
        total = 0
        for count in counts if self.by_unit else []:
            self.starts.append(total)
            total += count or 0
        self.length = total if self.by_unit else self.reader.count_rows()
        self._cache: dict[int, pa.Table] = {}
        self._table: pa.Table | None = None

    def __len__(self) -> int:
        return self.length

    def _unit_table(self, position: int) -> pa.Table:
        table = self._cache.get(position)
        if table is None:
            batches = list(self.reader.iter_batches(65536, units=[self.units[position]]))
            table = pa.Table.from_batches(batches, schema=self.reader.schema)
            if len(self._cache) >= self.cache_units:
                self._cache.pop(next(iter(self._cache)))
            self._cache[position] = table
        return table

    def _row(self, index: int) -> pa.Table:
        if self.by_unit:
            position = bisect.bisect_right(self.starts, index) - 1
            return self._unit_table(position).slice(index - self.starts[position], 1)
        if self._table is None:
            self._table = self.reader.to_table()
        return self._table.slice(index, 1)

    def __getitem__(self, index: int) -> Any:
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(f"index {index} is out of range for {self.length} records")
        batch = self._row(index).combine_chunks().to_batches()[0]
        record = batch_records(batch, text=self.text, images=self.images)[0]
        return self.transform(record) if self.transform else record
