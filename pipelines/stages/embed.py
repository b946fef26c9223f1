"""Stage 2 — Embed: RunInference over the usable records → ``embeddings/``.

Usable records are valid and not exact duplicates. Work fans out over the row groups of
the ``_work/records`` shards; vectors are written co-sharded with the records, sorted by
id, as ``id`` + ``embedding`` (``fixed_size_list<float32>[dim]``, unit norm). This is the
expensive stage: a rerun reuses ``embeddings/`` whenever the input, the fields and the
embedding configuration are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
from apache_beam.ml.inference.base import KeyedModelHandler, RunInference

from pipelines import shards, storage
from pipelines.embedding import EncoderHandler
from pipelines.stages import Context, Stage, Tick, digest

TEXT_COLUMNS = ["id", "text", "invalid", "duplicate_of"]


def row_group_tasks(directory: str, num_shards: int) -> list[tuple[int, str, int]]:
    """``(shard, file, row group)`` for every row group of an output's shards."""
    tasks: list[tuple[int, str, int]] = []
    for shard in range(num_shards):
        path = shards.shard_path(directory, shard, num_shards)
        if storage.exists(path):
            meta = storage.parquet_metadata(path)
            tasks.extend((shard, path, group) for group in range(meta.num_row_groups))
    return tasks


def _usable_texts(task: tuple[int, str, int]) -> Iterator[tuple[tuple[int, str], str]]:
    shard, path, group = task
    table = storage.read_row_groups(path, [group], TEXT_COLUMNS)
    for row in table.to_pylist():
        if row["invalid"] is None and row["duplicate_of"] is None and row["text"] is not None:
            yield (shard, row["id"]), row["text"]


def embedding_table(rows: list[tuple[str, np.ndarray]]) -> pa.Table:
    """Sorted ``(id, vector)`` pairs as an ``embeddings/`` table."""
    rows.sort(key=lambda item: item[0])
    dim = len(rows[0][1])
    flat = np.concatenate([np.asarray(v, dtype=np.float32) for _, v in rows])
    vectors = pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.float32()), dim)
    ids = pa.array([record_id for record_id, _ in rows], pa.string())
    return pa.Table.from_arrays([ids, vectors], schema=shards.embedding_schema(dim))


class _WriteEmbeddings(beam.DoFn):
    def __init__(self, directory: str, num_shards: int) -> None:
        self.directory = directory
        self.num_shards = num_shards

    def process(self, element: tuple[int, Iterable[tuple[str, np.ndarray]]]) -> Iterator[int]:
        shard, pairs = element
        table = embedding_table(list(pairs))
        path = shards.shard_path(self.directory, shard, self.num_shards)
        storage.write_table(path, table, shards.ROW_GROUP)
        yield table.num_rows


class Embed(beam.PTransform):
    """``(id, text)`` -> ``(id, vector)`` with RunInference and :class:`EncoderHandler`."""

    def __init__(self, handler: EncoderHandler) -> None:
        super().__init__()
        self.handler = handler

    def expand(self, texts: beam.PCollection) -> beam.PCollection:
        return texts | "RunInference" >> RunInference(KeyedModelHandler(self.handler))


class EmbedStage(Stage):
    """Stage 2 (see the module docstring)."""

    name = "embed"
    description = "embed (RunInference)"

    def directory(self, ctx: Context) -> str:
        return ctx.layout.path("embeddings")

    def fingerprint(self, ctx: Context) -> str:
        spec = ctx.spec
        return digest(
            self.name,
            ctx.version,
            ctx.marker("prepare")["fingerprint"],
            spec.model,
            spec.config.embed,
        )

    def handler(self, ctx: Context) -> EncoderHandler:
        """The model handler of this run."""
        return EncoderHandler(
            ctx.spec.config.embed,
            fake=ctx.spec.fake_model,
            batch_size=ctx.spec.inference_batch_size,
            large_model=ctx.spec.large_model,
        )

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        records = storage.join(ctx.layout.work, "records")
        n = ctx.num_shards
        _ = (
            pipeline
            | "RowGroups" >> beam.Create(row_group_tasks(records, n))
            | "Texts" >> beam.FlatMap(_usable_texts)
            | "Embed" >> Embed(self.handler(ctx))
            | "Progress" >> beam.ParDo(Tick(ctx.layout.progress(self.name)))
            | "KeyByShard" >> beam.Map(lambda kv: (kv[0][0], (kv[0][1], kv[1])))
            | "GroupByShard" >> beam.GroupByKey()
            | "Write" >> beam.ParDo(_WriteEmbeddings(self.directory(ctx), n))
        )

    def total(self, ctx: Context) -> int | None:
        return int(ctx.marker("prepare")["usable"])

    def finish(self, ctx: Context) -> dict[str, Any]:
        counts = {}
        dim = None
        for path in shards.shard_files(self.directory(ctx)):
            meta = storage.parquet_metadata(path)
            counts[path.rsplit("/", 1)[-1]] = meta.num_rows
            dim = meta.schema.to_arrow_schema().field("embedding").type.list_size
        expected = int(ctx.marker("prepare")["usable"])
        if sum(counts.values()) != expected:
            raise RuntimeError(
                f"embed stage wrote {sum(counts.values())} vectors for {expected} usable records"
            )
        return {"vectors": expected, "dim": dim, "shards": counts}

    def summary(self, payload: dict[str, Any]) -> str:
        return f"{payload['vectors']:,} vectors of {payload['dim']} dims"
