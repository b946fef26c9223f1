"""Stage 3 — Fit clusters → Assign → Cluster statistics → Scores → Near and semantic dedup.

Reads the usable records with their vectors (records and embeddings shards, joined shard
by shard) and writes ``_work/analysis``: ``facts/`` (per record: cluster assignment,
cluster size, every score computed, parse status — written by the worker that scored the
shard, no shuffle), ``dups/`` (only the near and semantic duplicates: the kept
representative and the similarity), ``centroids.npy``, ``cluster_sizes.json`` and
``scorers.json`` (the weights of the learned scorers, for the report). Decisions are not
taken here, so a new prune fraction, threshold or scorer reuses this stage.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa

from pipelines import shards, storage
from pipelines.records import SIGNAL_FIELDS
from pipelines.stages import Context, Stage, Tick, digest
from pipelines.transforms import Item
from pipelines.transforms.clusters import AssignClusters, ClusterSizes, FitCentroids
from pipelines.transforms.dedup import CollectAll, Removed, SemanticDedup
from pipelines.transforms.near import NearDedup, band_partitions
from pipelines.transforms.scoring import (
    LEARNED,
    SYNTHETIC_STEP,
    TRAINED_STEP,
    ScoreRecords,
    TrainScorers,
)
from pruning.dedup.groups import UnionFind

SCORE_NAMES = (
    "length",
    "scip-distance",
    "scip-size",
    "probe",
    "structural",
    "naturalness",
    "combined",
)
_SIGNALS = [f.name for f in SIGNAL_FIELDS]
ASSIGNED = "assigned"
SCORED = "scored"


def score_column(name: str) -> str:
    """Parquet column of a score, e.g. ``score_scip_distance``."""
    return "score_" + name.replace("-", "_")


FACTS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("cluster", pa.int64()),
        pa.field("cluster_size", pa.int64()),
        pa.field("centroid_distance", pa.float64()),
        pa.field("second_cluster", pa.int64()),
        pa.field("second_distance", pa.float64()),
        *[pa.field(score_column(n), pa.float64()) for n in SCORE_NAMES],
        pa.field("parses", pa.bool_()),
        pa.field("evidence", pa.int64()),
        pa.field("log_lr", pa.float64()),
        pa.field("finding", pa.string()),
        pa.field("top_signals", pa.string()),
    ]
)
DUPS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("group", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("kept", pa.string()),
        pa.field("similarity", pa.float64()),
    ]
)


def read_items(
    shard: int, records_dir: str, embeddings_dir: str, num_shards: int
) -> Iterator[Item]:
    """The usable records of one shard with their vectors (both files are sorted by id)."""
    vectors_table = shards.read_shard(embeddings_dir, shard, num_shards)
    if vectors_table is None:
        return
    columns = ["id", "text", "language", "invalid", "duplicate_of", *_SIGNALS]
    records = shards.read_shard(records_dir, shard, num_shards, columns)
    assert records is not None, f"records shard {shard} is missing"
    vectors = shards.vectors_of(vectors_table)
    ids = vectors_table.column("id").to_pylist()
    usable = (r for r in records.to_pylist() if r["invalid"] is None and r["duplicate_of"] is None)
    for index, row in enumerate(usable):
        if row["id"] != ids[index]:
            raise RuntimeError(f"shard {shard}: records and embeddings disagree at {row['id']!r}")
        yield {
            "id": row["id"],
            "shard": shard,
            "vector": vectors[index],
            "text": row["text"],
            "language": row["language"],
            "signals": {name: row[name] for name in _SIGNALS},
        }


def facts_row(facts: dict[str, Any]) -> dict[str, Any]:
    """A ``_work/analysis/facts`` row: the scores dict flattened into columns."""
    row = {k: v for k, v in facts.items() if k not in ("scores", "shard")}
    for name in SCORE_NAMES:
        row[score_column(name)] = facts["scores"].get(name)
    return row


class FactsSink:
    """Writes one shard of facts (used by the worker that scored the shard)."""

    def __init__(self, directory: str, num_shards: int) -> None:
        self.directory = directory
        self.num_shards = num_shards

    def __call__(self, shard: int, facts: list[dict[str, Any]]) -> int:
        if not facts:
            return 0
        rows = [facts_row(f) for f in facts]
        return shards.write_shard(self.directory, shard, self.num_shards, rows, FACTS_SCHEMA)


def duplicate_groups(found: list[tuple[str, Removed]]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every near or semantic finding ``(kind, removed)`` joined into groups: connected
    components of "duplicates" over both kinds (a record kept by near dedup may itself be a
    semantic duplicate). One ``dups/`` row per member, removed or not: the group (its
    smallest id), and for a removed member how it was found (kind, the record it
    duplicates at detection, similarity). Which member is *kept* is decided later, by
    quality (the decide stage)."""
    uf = UnionFind()
    shard_of: dict[str, int] = {}
    edge: dict[str, tuple[str, str, float]] = {}
    for kind, (removed, (kept, similarity, removed_shard, kept_shard)) in found:
        uf.union(removed, kept)
        shard_of[removed], shard_of[kept] = removed_shard, kept_shard
        edge[removed] = (kind, kept, similarity)
    for member in sorted(shard_of):
        kind, kept, similarity = edge.get(member, (None, None, None))  # type: ignore[assignment]
        yield (
            shard_of[member],
            {
                "id": member,
                "group": uf.find(member),
                "kind": kind,
                "kept": kept,
                "similarity": similarity,
            },
        )


def _save_npy(array: np.ndarray, path: str) -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array, dtype=np.float32))
    storage.write_bytes(path, buffer.getvalue())


def _save_scorers(trained: Any, path: str) -> None:
    if trained is None:
        storage.write_json(path, None)
        return
    models = {
        "probe": trained.probe,
        "structural": trained.structural,
        "combined": trained.combined,
    }
    if trained.naturalness is not None:
        models["naturalness"] = trained.naturalness
    corpus = trained.corpus
    storage.write_json(
        path,
        {
            "training_examples": trained.training_examples,
            "weights": {name: model.weights() for name, model in models.items()},
            "calibration": trained.calibration.to_dict(),
            "evidence_checks": list(trained.evidence_checks),
            "dropped_sources": trained.dropped_sources,
            "check_rates": dict(trained.check_rates),
            "demoted_checks": {language: list(off) for language, off in trained.demoted_checks},
            "corpus_model_bytes": corpus.nbytes if corpus is not None else 0,
        },
    )


class AnalyseStage(Stage):
    """Stage 3 (see the module docstring)."""

    name = "analyse"
    description = "cluster, score, dedup"

    def directory(self, ctx: Context) -> str:
        return storage.join(ctx.layout.work, "analysis")

    def fingerprint(self, ctx: Context) -> str:
        config = ctx.spec.config
        learned = config.scorer in LEARNED
        return digest(
            self.name,
            ctx.version,
            ctx.marker("embed")["fingerprint"],
            config.cluster,
            config.dedup,
            config.probe if learned else None,
            learned,
        )

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        config, out = ctx.spec.config, self.directory(ctx)
        records, embeddings = (
            storage.join(ctx.layout.work, "records"),
            ctx.layout.path("embeddings"),
        )
        read = functools.partial(
            read_items, records_dir=records, embeddings_dir=embeddings, num_shards=ctx.num_shards
        )

        def shard_ids(label: str) -> beam.PCollection:
            # one Create per consumer: a shared one lets the fuser put a side input's
            # producer and its consumer in one stage, which then waits forever
            return pipeline | label >> beam.Create(list(range(ctx.num_shards)))

        def items(label: str) -> beam.PCollection:
            # every consumer reads the shards itself: a shared PCollection of items would be
            # held whole (texts and vectors) between fused stages on the DirectRunner
            return shard_ids(f"ShardsFor{label}") | f"ReadFor{label}" >> beam.FlatMap(read)

        centroids = shard_ids("ShardsToSample") | "FitCentroids" >> FitCentroids(
            config.cluster, read, storage.join(out, "sample")
        )
        assigned = (
            shard_ids("ShardsToAssign")
            | "AssignClusters" >> AssignClusters(centroids, read)
            | "Progress" >> beam.ParDo(Tick(ctx.layout.progress(self.name), step=ASSIGNED))
        )
        sizes = assigned | "ClusterSizes" >> ClusterSizes()
        trained = None
        if config.scorer in LEARNED:
            trained = items("Training") | "TrainScorers" >> TrainScorers(
                config.probe,
                config.embed,
                ctx.spec.fake_model,
                centroids,
                sizes,
                ctx.layout.progress(self.name),
            )
            _ = trained | "SaveScorers" >> beam.Map(
                _save_scorers, storage.join(out, "scorers.json")
            )
        facts = FactsSink(storage.join(out, "facts"), ctx.num_shards)
        _ = (
            shard_ids("ShardsToScore")
            | "Scores" >> ScoreRecords(read, centroids, sizes, trained, facts)
            | "ScoreProgress"
            >> beam.ParDo(Tick(ctx.layout.progress(self.name), weight=lambda n: n, step=SCORED))
        )
        self._dedup(pipeline, ctx, shard_ids, read, centroids)
        _ = centroids | "SaveCentroids" >> beam.Map(_save_npy, storage.join(out, "centroids.npy"))
        _ = sizes | "SaveSizes" >> beam.Map(
            lambda s, path: storage.write_json(path, {str(k): v for k, v in s.items()}),
            storage.join(out, "cluster_sizes.json"),
        )

    def _dedup(
        self, pipeline: beam.Pipeline, ctx: Context, shard_ids: Any, read: Any, centroids: Any
    ) -> None:
        """Near, then semantic dedup; their findings are written to ``dups/`` by shard."""
        config = ctx.spec.config.dedup
        kinds = config.kinds
        if "near" in kinds:
            partitions = band_partitions(int(ctx.marker("embed")["vectors"]), config)
            scratch = storage.join(self.directory(ctx), "near")
            near = shard_ids("ShardsForNear") | "NearDedup" >> NearDedup(
                config, read, scratch, partitions
            )
        else:
            near = pipeline | "NoNear" >> beam.Create([])
        semantic = (
            shard_ids("ShardsForSemantic")
            | "SemanticDedup"
            >> SemanticDedup(
                config,
                read,
                centroids,
                near,
                storage.join(self.directory(ctx), "semantic"),
                ctx.spec.config.cluster.k,
            )
            if "semantic" in kinds
            else pipeline | "NoSemantic" >> beam.Create([])
        )
        directory = storage.join(self.directory(ctx), "dups")
        _ = (
            (
                near | "NearKind" >> beam.Map(lambda r: ("near", r)),
                semantic | "SemanticKind" >> beam.Map(lambda r: ("semantic", r)),
            )
            | "AllDuplicates" >> beam.Flatten()
            | "CollectDuplicates" >> beam.CombineGlobally(CollectAll()).without_defaults()
            | "Groups" >> beam.FlatMap(duplicate_groups)
            | "WriteDuplicates" >> shards.WriteShards(directory, ctx.num_shards, DUPS_SCHEMA)
        )

    def total(self, ctx: Context) -> int | None:
        return int(ctx.marker("embed")["vectors"])

    def steps(self, ctx: Context) -> list[tuple[str, int | None]]:
        n = self.total(ctx)
        steps: list[tuple[str, int | None]] = [(ASSIGNED, n)]
        if ctx.spec.config.scorer in LEARNED:
            steps += [(SYNTHETIC_STEP, None), (TRAINED_STEP, 1)]
        return [*steps, (SCORED, n)]

    def finish(self, ctx: Context) -> dict[str, Any]:
        out = self.directory(ctx)
        for scratch in ("sample", "near", "semantic"):  # scratch files of the transforms
            storage.delete_tree(storage.join(out, scratch))
        counts = dict.fromkeys(("records", "near_duplicates", "semantic_duplicates"), 0)
        group_of: dict[str, str] = {}
        for path in shards.shard_files(storage.join(out, "dups")):
            for row in storage.read_table(path, ["id", "group", "kind"]).to_pylist():
                if row["kind"] is not None:
                    counts[f"{row['kind']}_duplicates"] += 1
                group_of[row["id"]] = row["group"]
        # eligible for the score cut: records in no group, and one representative per group
        eligible = eligible_parsable = 0
        parsable_groups: set[str] = set()
        for path in shards.shard_files(storage.join(out, "facts")):
            rows = storage.read_table(path, ["id", "parses"]).to_pylist()
            counts["records"] += len(rows)
            for row in rows:
                group = group_of.get(row["id"])
                if group is None:
                    eligible += 1
                    eligible_parsable += row["parses"] is not False
                elif row["parses"] is not False:
                    parsable_groups.add(group)
        groups = len(set(group_of.values()))
        eligible += groups
        eligible_parsable += len(parsable_groups)
        expected = int(ctx.marker("embed")["vectors"])
        if counts["records"] != expected:
            raise RuntimeError(f"analysis has {counts['records']} rows for {expected} vectors")
        sizes_path = storage.join(out, "cluster_sizes.json")
        sizes = storage.read_json(sizes_path) if storage.exists(sizes_path) else {}
        scorers_path = storage.join(out, "scorers.json")
        trained = storage.exists(scorers_path) and storage.read_json(scorers_path) is not None
        return {
            **counts,
            "duplicate_groups": groups,
            "grouped_records": len(group_of),
            "eligible": eligible,
            "eligible_parsable": eligible_parsable,
            "clusters": len(sizes),
            "cluster_sizes": sizes,
            "trained_scorers": trained,
        }

    def summary(self, payload: dict[str, Any]) -> str:
        return (
            f"{payload['clusters']} clusters, {payload['near_duplicates']:,} near and "
            f"{payload['semantic_duplicates']:,} semantic duplicates"
        )
