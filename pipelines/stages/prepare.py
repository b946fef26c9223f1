"""Stage 1 — Read → Normalise → UniqueIds → ExactDedup → Structural → ``_work/records``.

Every input row becomes exactly one row of ``_work/records`` (co-sharded by id): valid
records with their structural signals and, for exact duplicates, the id of the kept
representative; invalid records with the reason they cannot take part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam

from pipelines import columns as cols
from pipelines import shards, storage
from pipelines.inputs import ReadTask
from pipelines.options import Fields
from pipelines.records import RECORDS_SCHEMA, Prepared, prepare, resolve_duplicate_ids, to_row
from pipelines.sources import RawRow, read_task
from pipelines.stages import Context, Stage, Tick, digest
from pruning.dedup.exact import groups_from_keys
from pruning.structural import structural_signals


class _Read(beam.DoFn):
    """A read task -> its raw rows, plus (tagged ``schema``) the Arrow schema of its columns."""

    def __init__(self, max_record_bytes: int) -> None:
        self.max_record_bytes = max_record_bytes

    def process(self, task: ReadTask) -> Iterator[Any]:
        rows, schema = read_task(task, self)
        seen: list[dict[str, Any]] = []
        for row in rows:
            if schema is None and row.error is None:
                seen.append(row.columns)
            yield row
        found = schema if schema is not None else cols.column_schema(seen)
        yield beam.pvalue.TaggedOutput("schema", (task.index, cols.to_bytes(found)))


class ReadInput(beam.PTransform):
    """Read tasks -> :class:`RawRow` (main output) and per-task column schemas (``schema``)."""

    def __init__(self, tasks: Iterable[ReadTask], max_record_bytes: int) -> None:
        super().__init__()
        self.tasks = list(tasks)
        self.max_record_bytes = max_record_bytes

    def expand(self, begin: beam.pvalue.PBegin) -> Any:
        return (
            begin
            | "Tasks" >> beam.Create(self.tasks)
            | "ReadTask"
            >> beam.ParDo(_Read(self.max_record_bytes)).with_outputs("schema", main="rows")
        )


class Normalise(beam.PTransform):
    """Raw rows -> :class:`Prepared` records (invalid ones marked, never dropped)."""

    def __init__(self, fields: Fields, max_record_bytes: int) -> None:
        super().__init__()
        self.fields = fields
        self.cap = max_record_bytes

    def expand(self, rows: beam.PCollection) -> beam.PCollection:
        fields, cap = self.fields, self.cap
        return rows | "Prepare" >> beam.Map(lambda row: prepare(row, fields, cap))


class UniqueIds(beam.PTransform):
    """Records sharing an id: all but the first (in input order) become invalid."""

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        return (
            records
            | "KeyById" >> beam.Map(lambda r: (r.id, r))
            | "GroupById" >> beam.GroupByKey()
            | "Resolve" >> beam.FlatMap(lambda kv: resolve_duplicate_ids(list(kv[1])))
        )


def _mark_exact(group: tuple[str, Iterable[Prepared]]) -> Iterator[Prepared]:
    members = {r.id: r for r in group[1]}
    for found in groups_from_keys([list(members)]):
        for removed in found.removed:
            members[removed] = members[removed].replace(duplicate_of=found.kept)
    yield from members.values()


class ExactDedup(beam.PTransform):
    """Valid records with equal normalised text: the lowest id is kept, the others point at it."""

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        valid = records | "Valid" >> beam.Filter(lambda r: r.valid)
        invalid = records | "Invalid" >> beam.Filter(lambda r: not r.valid)
        marked = (
            valid
            | "KeyByText" >> beam.Map(lambda r: (r.exact_key, r))
            | "GroupByText" >> beam.GroupByKey()
            | "MarkDuplicates" >> beam.FlatMap(_mark_exact)
        )
        return (marked, invalid) | "Join" >> beam.Flatten()


def _signals(record: Prepared) -> dict[str, Any]:
    needed = record.valid and record.duplicate_of is None and record.text is not None
    signals = structural_signals(record.text, record.language).to_dict() if needed else None  # type: ignore[arg-type]
    return to_row(record, signals)


class Structural(beam.PTransform):
    """Records -> ``_work/records`` rows with structural signals (skipped for duplicates)."""

    def expand(self, records: beam.PCollection) -> beam.PCollection:
        return records | "Signals" >> beam.Map(_signals)


class PrepareStage(Stage):
    """Stage 1 (see the module docstring)."""

    name = "prepare"
    description = "read, normalise, exact dedup, parse"

    def directory(self, ctx: Context) -> str:
        return storage.join(ctx.layout.work, "records")

    def fingerprint(self, ctx: Context) -> str:
        return digest(
            self.name,
            ctx.version,
            ctx.plan.fingerprint,
            ctx.plan.fields,
            ctx.spec.max_record_bytes,
            ctx.num_shards,
        )

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        cap = ctx.spec.max_record_bytes
        read = pipeline | "Read" >> ReadInput(ctx.plan.tasks, cap)
        _ = read.schema | "WriteSchemas" >> beam.Map(
            _write_schema, storage.join(self.directory(ctx), "_schemas")
        )
        _ = (
            read.rows
            | "Progress" >> beam.ParDo(Tick(ctx.layout.progress(self.name)))
            | "Normalise" >> Normalise(ctx.plan.fields, cap)
            | "UniqueIds" >> UniqueIds()
            | "ExactDedup" >> ExactDedup()
            | "Structural" >> Structural()
            | "WriteRecords"
            >> shards.WriteShards(self.directory(ctx), ctx.num_shards, RECORDS_SCHEMA)
        )

    def finish(self, ctx: Context) -> dict[str, Any]:
        directory = self.directory(ctx)
        schema_files = storage.list_files(storage.join(directory, "_schemas", "*.arrow"))
        merged = cols.merge_schemas(cols.from_bytes(storage.read_bytes(p)) for p, _ in schema_files)
        counts = shard_counts(directory, ctx.num_shards)
        table = _count_kinds(directory, ctx.num_shards)
        return {
            "records": sum(counts.values()),
            "shards": counts,
            "columns_schema": cols.to_bytes(merged).hex(),
            **table,
        }

    def summary(self, payload: dict[str, Any]) -> str:
        return (
            f"{payload['records']:,} records, {payload['invalid']:,} invalid, "
            f"{payload['exact_duplicates']:,} exact duplicates"
        )

    def total(self, ctx: Context) -> int | None:
        return None


def _write_schema(item: tuple[int, bytes], directory: str) -> None:
    index, data = item
    storage.write_bytes(storage.join(directory, f"task-{index:06d}.arrow"), data)


def shard_counts(directory: str, num_shards: int) -> dict[str, int]:
    """Rows per shard, from the Parquet footers (empty shards are absent)."""
    import pyarrow.parquet as pq

    counts = {}
    for path in shards.shard_files(directory):
        with storage.open_read(path) as handle:
            counts[path.rsplit("/", 1)[-1]] = pq.ParquetFile(handle).metadata.num_rows
    return counts


def _count_kinds(directory: str, num_shards: int) -> dict[str, int]:
    invalid = duplicates = usable = 0
    for path in shards.shard_files(directory):
        table = storage.read_table(path, ["invalid", "duplicate_of"])
        inv = table.column("invalid").is_valid().to_pylist()
        dup = table.column("duplicate_of").is_valid().to_pylist()
        invalid += sum(inv)
        duplicates += sum(dup)
        usable += sum(1 for a, b in zip(inv, dup) if not a and not b)
    return {"invalid": invalid, "exact_duplicates": duplicates, "usable": usable}


__all__ = [
    "ExactDedup",
    "Normalise",
    "PrepareStage",
    "RawRow",
    "ReadInput",
    "Structural",
    "UniqueIds",
]
