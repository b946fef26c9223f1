"""Apache Beam: ``ReadFromCroissant``, a source split by file and by Parquet row group.

    import apache_beam as beam
    from croissant_tools.beam import ReadFromCroissant

    with beam.Pipeline(runner="DirectRunner") as p:
        rows = p | ReadFromCroissant("croissant.json", "ratings", columns=["ratings/rating"])

The document is loaded, validated and its files resolved (downloads, archive extraction,
safety checks) when the transform is built, so mistakes fail before the pipeline runs.
The units of work (files, Parquet row groups) become a PCollection that is reshuffled
across workers; each worker rebuilds the reader from the pickled document and reads its
units. ``output="records"`` yields dicts keyed by field ``@id`` (text as ``str``);
``output="batches"`` yields ``pyarrow.RecordBatch`` objects of the reader's
:attr:`schema`. Workers must see the dataset at the same path (or reach it over http(s)
with ``allow_network=True``).
"""

from __future__ import annotations

from croissant_tools.extras import require

# a missing framework is a message naming the extra to install (exit 2)
require("apache_beam", "croissant_tools.beam (ReadFromCroissant)")

import os
from collections.abc import Iterator, Sequence
from typing import Any

import apache_beam as beam
import pyarrow as pa

from croissant_tools.errors import UsageError
from croissant_tools.loading.api import reader_for
from croissant_tools.loading.engine import Unit
from croissant_tools.loading.reader import RecordSetReader


class _ReadUnits(beam.DoFn):
    """Reads the records of the units it receives."""

    def __init__(self, reader: RecordSetReader, output: str, batch_size: int):
        super().__init__()
        self.reader = reader
        self.output = output
        self.batch_size = batch_size
        self.records = beam.metrics.Metrics.counter("croissant", "records")

    def process(self, unit: Unit) -> Iterator[Any]:
        for batch in self.reader.iter_batches(self.batch_size, units=[unit]):
            self.records.inc(batch.num_rows)
            if self.output == "batches":
                yield batch
            else:
                yield from batch.to_pylist()


class ReadFromCroissant(beam.PTransform):
    """Read a Croissant record set in parallel (see the module docstring).

    ``source`` is a path/URL (with ``record_set`` and any :func:`croissant_tools.load`
    keyword argument such as ``split``, ``columns``, ``allow_network``) or a
    :class:`RecordSetReader`. ``split_row_groups`` makes each Parquet row group its own
    unit of work.
    """

    def __init__(
        self,
        source: RecordSetReader | str | os.PathLike[str],
        record_set: str | None = None,
        *,
        columns: Sequence[str] | None = None,
        output: str = "records",
        batch_size: int = 8192,
        split_row_groups: bool = True,
        **load_kwargs: Any,
    ):
        super().__init__()
        if output not in ("records", "batches"):
            raise UsageError(f"output must be 'records' or 'batches', not {output!r}")
        self.reader = reader_for(source, record_set, columns=columns, **load_kwargs)
        self.output = output
        self.batch_size = batch_size
        self.units = self.reader.units(split_row_groups=split_row_groups)

    @property
    def schema(self) -> pa.Schema:
        """Arrow schema of the records (field ``@id`` → type)."""
        return self.reader.schema

    def expand(self, pbegin: beam.pvalue.PBegin) -> beam.PCollection:
        """The units of work (files, Parquet row groups), spread over workers and read there."""
        label = self.reader.record_set
        return (
            pbegin
            | f"Units of {label}" >> beam.Create(self.units)
            | f"Spread {label}" >> beam.Reshuffle()
            | f"Read {label}" >> beam.ParDo(_ReadUnits(self.reader, self.output, self.batch_size))
        )
