"""``RecordSetReader``: the records of one record set as Arrow batches, tables or dicts.

A reader is cheap to create and to pickle: it holds the parsed document and the load
options, and rebuilds its engine lazily in each process (DataLoader workers, Beam
workers), so it can be handed to any of the framework adapters.

    reader = croissant_tools.load("croissant.json", "ratings", split="train")
    for batch in reader.iter_batches(65536):      # pyarrow.RecordBatch
        ...
    for record in reader:                         # {"ratings/user": 1, ...}
        ...
    reader.to_pandas(); reader.to_hf_dataset().with_format("torch")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pyarrow as pa

from croissant_tools.errors import UsageError
from croissant_tools.loading.batches import Partition, deal, filter_rows, rebatch, stride_rows
from croissant_tools.loading.engine import Unit
from croissant_tools.loading.options import LoadOptions
from croissant_tools.loading.records import AudioMode, ImageMode, TextMode, iter_records

if TYPE_CHECKING:  # pragma: no cover
    import datasets
    import pandas as pd

DEFAULT_BATCH_SIZE = 65536


class Backend(Protocol):
    """What the reader needs from the native engine or the mlcroissant delegate."""

    schema: pa.Schema

    def units(self, split_row_groups: bool = False) -> list[Unit]:
        """Units of work in reading order."""

    def read(self, unit: Unit, batch_size: int) -> Iterator[pa.RecordBatch]:
        """Batches of one unit."""

    def read_many(self, units: Iterable[Unit], batch_size: int) -> Iterator[pa.RecordBatch]:
        """Batches of several units, in order."""


@dataclass(frozen=True)
class LoadSpec:
    """Everything needed to rebuild a reader in another process."""

    data: dict[str, Any]
    source: str
    root: str | None
    record_set: str
    split: str | None
    columns: tuple[str, ...] | None
    options: LoadOptions
    delegated: bool = False
    #: keep records whose field (``@id``) equals the value, as mlcroissant's ``filters``
    filters: tuple[tuple[str, str], ...] = ()


def build_backend(spec: LoadSpec) -> Backend:
    """The engine (native or delegated) for a spec."""
    from croissant_tools import model
    from croissant_tools.loading.engine import Context

    metadata = model.build(spec.data)
    rs = metadata.record_set(spec.record_set)
    if rs is None:
        raise UsageError(f"no record set {spec.record_set!r}")
    root = Path(spec.root) if spec.root else None
    columns = list(spec.columns) if spec.columns is not None else None
    if spec.delegated:
        from croissant_tools.loading.delegate import DelegateEngine

        return DelegateEngine(metadata, spec, rs, root)
    return Context(metadata, root, spec.options).engine(rs, columns, spec.split)


class RecordSetReader:
    """The records of one record set (see the module docstring)."""

    def __init__(self, spec: LoadSpec, backend: Backend | None = None):
        self.spec = spec
        self._backend = backend

    def __getstate__(self) -> dict[str, Any]:
        return {"spec": self.spec}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.spec = state["spec"]
        self._backend = None

    def __repr__(self) -> str:
        split = f", split={self.spec.split!r}" if self.spec.split else ""
        how = " via mlcroissant" if self.spec.delegated else ""
        return f"RecordSetReader({self.spec.source!r}, {self.record_set!r}{split}){how}"

    @property
    def backend(self) -> Backend:
        """The engine doing the reading (built on first use in each process)."""
        if self._backend is None:
            self._backend = build_backend(self.spec)
        return self._backend

    @property
    def record_set(self) -> str:
        """The record set's ``@id``."""
        return self.spec.record_set

    @property
    def schema(self) -> pa.Schema:
        """Arrow schema: one field per Croissant field (name = ``@id``), see :mod:`.schema`."""
        return self.backend.schema

    @property
    def delegated(self) -> bool:
        """Whether records come from mlcroissant (formats the native reader lacks)."""
        return self.spec.delegated

    def units(self, *, split_row_groups: bool = False) -> list[Unit]:
        """Units of work (files, or Parquet row groups) in reading order."""
        return self.backend.units(split_row_groups)

    def iter_batches(
        self,
        batch_size: int = DEFAULT_BATCH_SIZE,
        *,
        partition: Partition | None = None,
        units: Sequence[Unit] | None = None,
    ) -> Iterator[pa.RecordBatch]:
        """Stream the records as batches of ``batch_size`` rows (the last may be shorter).

        With ``partition`` only that consumer's share is read (see :class:`Partition`);
        ``units`` restricts reading to the given units (as returned by :meth:`units`).
        """
        if batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, not {batch_size}")
        chosen = list(units) if units is not None else None
        if chosen is None:
            chosen = self.units(split_row_groups=partition is not None and partition.count > 1)
        strided = partition is not None and not partition.uses_units(len(chosen))
        if partition is not None and not strided:
            chosen = deal(chosen, partition)
        stream = self.backend.read_many(chosen, batch_size)
        if strided and partition is not None:
            stream = stride_rows(stream, partition)
        if self.spec.filters:
            stream = filter_rows(stream, self.spec.filters)
        yield from rebatch(stream, batch_size)

    def records(
        self,
        *,
        text: TextMode = "str",
        images: ImageMode = "bytes",
        audio: AudioMode = "bytes",
        partition: Partition | None = None,
        batch_size: int = 4096,
    ) -> Iterator[dict[str, Any]]:
        """Dict records keyed by field ``@id`` (``text="bytes"`` for mlcroissant parity;
        ``images="pil"`` and ``audio="array"`` decode media as mlcroissant does)."""
        return iter_records(
            self.iter_batches(batch_size, partition=partition),
            text=text,
            images=images,
            audio=audio,
        )

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.records()

    def head(self, n: int = 5, **kwargs: Any) -> list[dict[str, Any]]:
        """The first ``n`` records (reads only as much as needed)."""
        out: list[dict[str, Any]] = []
        for record in self.records(batch_size=max(1, min(n, 4096)), **kwargs):
            if len(out) >= n:
                break
            out.append(record)
        return out

    def to_table(self) -> pa.Table:
        """All records as one ``pyarrow.Table``."""
        return pa.Table.from_batches(list(self.iter_batches()), schema=self.schema)

    def to_pandas(self) -> pd.DataFrame:
        """All records as a pandas DataFrame (columns named by field ``@id``); needs pandas
        (the ``hf`` extra)."""
        from croissant_tools.extras import require

        require("pandas", "to_pandas()")
        return self.to_table().to_pandas()

    def count_rows(self) -> int:
        """Number of records (from Parquet footers when possible, else by reading)."""
        units = self.units(split_row_groups=True)
        if units and all(u.rows is not None for u in units):
            return sum(u.rows or 0 for u in units)
        return sum(b.num_rows for b in self.iter_batches())

    def to_hf_dataset(self, *, images: str = "bytes", dates: str = "keep") -> datasets.Dataset:
        """A ``datasets.Dataset`` (in memory); ``images="image"`` uses ``datasets.Image``;
        ``dates="int64"`` (days / µs since the epoch) for ``with_format("torch")``."""
        from croissant_tools.loading.hf import to_dataset

        return to_dataset(self, images=images, dates=dates)

    def to_hf_iterable_dataset(self, *, images: str = "bytes") -> datasets.IterableDataset:
        """A streaming ``datasets.IterableDataset``, sharded by unit across workers."""
        from croissant_tools.loading.hf import to_iterable_dataset

        return to_iterable_dataset(self, images=images)
