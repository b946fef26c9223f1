"""Stage 4 — Decide (global cutoff) → Write ``kept/``, ``pruned/`` and ``scores/``.

The cutoff for the prune fraction is global: every shard contributes the prune scores of
its eligible records, the ``round(fraction * eligible)`` highest (ties by lower id) are
selected through per-shard scratch files in ``_work/top`` by
:class:`~pipelines.transforms.smallest.SpilledSmallest`, and the resulting
:class:`~pruning.scores.decide.Cutoff` reaches every shard as a side input. Each shard then
decides record by record (:mod:`pipelines.decisions`) and writes its three files. ``kept/``
and ``pruned/`` hold the original columns (plus ``id`` when the input had no id field);
``pruned/`` adds ``reason``, ``prune_score`` and ``detail``. ``scores/`` has one row per
input record.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa

from croissant_tools.errors import DataError
from pipelines import columns as cols
from pipelines import shards, storage
from pipelines.decisions import Outcome, ScoreRule, cutoff_from_top, decide, rule_based, score_rule
from pipelines.records import raw_columns, restore_columns
from pipelines.stages import Context, Stage, Tick, digest
from pipelines.stages.analyse import FACTS_SCHEMA, SCORE_NAMES, score_column
from pipelines.transforms.scoring import LEARNED
from pipelines.transforms.smallest import SpilledSmallest
from pruning.scores.decide import Cutoff, cutoff_for_threshold

RECORD_COLUMNS = [
    "id",
    "text",
    "language",
    "columns",
    "invalid",
    "duplicate_of",
    "parses",
    "parse_error",
    "n_tokens",
    "raw",
]
ADDED = ("id", "reason", "prune_score", "detail", "raw", "raw_encoding")

SCORES_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("language", pa.string()),
        *[f for f in FACTS_SCHEMA if f.name not in ("id", "parses")],
        pa.field("score_scip", pa.float64()),
        pa.field("parses", pa.bool_()),
        pa.field("parse_error", pa.string()),
        pa.field("n_tokens", pa.int64()),
        pa.field("duplicate_of", pa.string()),
        pa.field("duplicate_similarity", pa.float64()),
        pa.field("prune_score", pa.float64()),
        pa.field("decision", pa.string()),
        pa.field("reason", pa.string()),
        pa.field("detail", pa.string()),
    ]
)


def output_schemas(
    columns: pa.Schema, id_field: str | None
) -> tuple[pa.Schema, pa.Schema, dict[str, str]]:
    """Schemas of ``kept/`` and ``pruned/``, and the names the added columns got.

    The id column (``id_field``, or an added ``id``) holds the pipeline's unique record id
    as text. An added column whose name the input already uses is called ``pruning_<name>``
    (``pruning_<name>_2``, ... while that is taken too), so no input column is ever hidden.
    """
    names = {f.name for f in columns}
    taken = set(names)
    renamed: dict[str, str] = {}
    for name in ADDED:
        if name == "id" and id_field is not None:
            renamed["id"] = id_field
            continue
        renamed[name] = _free_name(name, taken)
        taken.add(renamed[name])
    base = [
        pa.field(f.name, pa.string() if f.name == id_field else f.type, metadata=f.metadata)
        for f in columns
    ]
    if id_field is None or id_field not in names:
        base.insert(0, pa.field(renamed["id"], pa.string()))
    kept = pa.schema(base)
    pruned = pa.schema(
        [
            *base,
            pa.field(renamed["reason"], pa.string()),
            pa.field(renamed["prune_score"], pa.float64()),
            pa.field(renamed["detail"], pa.string()),
            pa.field(renamed["raw"], pa.large_string()),
            pa.field(renamed["raw_encoding"], pa.string()),
        ]
    )
    return kept, pruned, renamed


def added_names(ctx: Context) -> dict[str, str]:
    """The names this run gave the columns it adds (see :func:`output_schemas`)."""
    columns = cols.from_bytes(bytes.fromhex(ctx.marker("prepare")["columns_schema"]))
    return output_schemas(columns, ctx.plan.fields.id)[2]


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, else ``pruning_<name>``, else ``pruning_<name>_2``, ...: the first not taken."""
    for candidate in (name, f"pruning_{name}"):
        if candidate not in taken:
            return candidate
    number = 2
    while f"pruning_{name}_{number}" in taken:
        number += 1
    return f"pruning_{name}_{number}"


TOP_SCHEMA = pa.schema(
    [pa.field("score", pa.float64(), nullable=False), pa.field("id", pa.string(), nullable=False)]
)
TOP_ORDER = [("score", "descending"), ("id", "ascending")]


def top_cutoff(top: pa.Table, count: int) -> Cutoff:
    """The cutoff from the :data:`TOP_SCHEMA` table of the ``count`` records to prune.

    The table is in :data:`TOP_ORDER`, so its last row is the last record pruned.
    """
    if not count or top.num_rows == 0:
        return cutoff_from_top([], "score-top-fraction")
    last = top.slice(top.num_rows - 1).to_pylist()[0]
    return cutoff_from_top([(last["score"], last["id"])], "score-top-fraction")


def shard_rows(
    shard: int, work: str, num_shards: int, columns: list[str] | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each record of a shard with its analysis facts (``None`` for records not analysed).

    Facts carry ``near_of``/``semantic_of`` and their similarities from ``dups/``.
    """
    records = shards.read_shard(storage.join(work, "records"), shard, num_shards, columns)
    if records is None:
        return
    analysis = storage.join(work, "analysis")
    table = shards.read_shard(storage.join(analysis, "facts"), shard, num_shards)
    facts = {row["id"]: row for row in table.to_pylist()} if table is not None else {}
    dups = shards.read_shard(storage.join(analysis, "dups"), shard, num_shards)
    found = {row["id"]: row for row in dups.to_pylist()} if dups is not None else {}
    for row in records.to_pylist():
        fact = facts.get(row["id"])
        if fact is not None:
            dup = found.get(row["id"]) or {"kind": None}
            for kind in ("near", "semantic"):
                hit = dup["kind"] == kind
                fact[f"{kind}_of"] = dup["kept"] if hit else None
                fact[f"{kind}_similarity"] = dup["similarity"] if hit else None
        yield row, fact


def eligible_scores(
    shard: int, work: str, num_shards: int, rule: ScoreRule
) -> Iterator[tuple[float, str]]:
    """``(prune score, id)`` of the shard's eligible records with a score."""
    needed = ["id", "invalid", "duplicate_of", "parse_error"]
    for record, facts in shard_rows(shard, work, num_shards, needed):
        if rule_based(record, facts, rule) is None:
            score = rule.score(facts or {})
            if not math.isnan(score):
                yield score, record["id"]


def top_rows(shard: int, work: str, num_shards: int, rule: ScoreRule) -> Iterator[dict[str, Any]]:
    """:func:`eligible_scores` as :data:`TOP_SCHEMA` rows."""
    for score, record_id in eligible_scores(shard, work, num_shards, rule):
        yield {"score": score, "id": record_id}


class _WriteShard(beam.DoFn):
    """Decide every record of a shard and write its kept, pruned and scores files."""

    def __init__(self, ctx: Context, rule: ScoreRule, text_field: str | None) -> None:
        self.work = ctx.layout.work
        self.out = ctx.layout.out
        self.num_shards = ctx.num_shards
        self.rule = rule
        self.text_field = text_field
        columns = cols.from_bytes(bytes.fromhex(ctx.marker("prepare")["columns_schema"]))
        id_field = ctx.plan.fields.id
        self.kept_schema, self.pruned_schema, self.names = output_schemas(columns, id_field)
        self.columns = columns

    def process(self, shard: int, cutoff: Cutoff) -> Iterator[dict[str, int]]:
        kept: list[dict[str, Any]] = []
        pruned: list[dict[str, Any]] = []
        scores: list[dict[str, Any]] = []
        for record, facts in shard_rows(shard, self.work, self.num_shards, RECORD_COLUMNS):
            outcome = decide(record, facts, self.rule, cutoff)
            scores.append(self._score_row(record, facts, outcome))
            row = cols.to_arrow_values(
                restore_columns(record["columns"], self.text_field, record["text"]), self.columns
            )
            row[self.names["id"]] = record["id"]  # unique, even for repeated or missing ids
            if outcome.decision == "keep":
                kept.append(row)
            else:
                raw, encoding = raw_columns(record["raw"])
                row.update(
                    {
                        self.names["reason"]: outcome.reason,
                        self.names["prune_score"]: outcome.prune_score,
                        self.names["detail"]: outcome.detail,
                        self.names["raw"]: raw,
                        self.names["raw_encoding"]: encoding,
                    }
                )
                pruned.append(row)
        for name, rows, schema in (
            ("kept", kept, self.kept_schema),
            ("pruned", pruned, self.pruned_schema),
            ("scores", scores, SCORES_SCHEMA),
        ):
            if rows:
                directory = storage.join(self.out, name)  # rows are in id order already
                shards.write_shard(directory, shard, self.num_shards, rows, schema, presorted=True)
        yield {"kept": len(kept), "pruned": len(pruned)}

    def _score_row(
        self, record: dict[str, Any], facts: dict[str, Any] | None, outcome: Outcome
    ) -> dict[str, Any]:
        row: dict[str, Any] = {name: None for name in SCORES_SCHEMA.names}
        if facts is not None:
            row.update({k: v for k, v in facts.items() if k in row})
            row["score_scip"] = self.rule.scip(facts)
        row.update(
            id=record["id"],
            language=record["language"],
            parses=record["parses"],
            parse_error=record["parse_error"],
            n_tokens=record["n_tokens"],
            duplicate_of=outcome.duplicate_of,
            duplicate_similarity=outcome.duplicate_similarity,
            prune_score=outcome.prune_score,
            decision=outcome.decision,
            reason=outcome.reason,
            detail=outcome.detail,
        )
        return row


class FinalizeStage(Stage):
    """Stage 4 (see the module docstring)."""

    name = "finalize"
    description = "decide and write"

    def directory(self, ctx: Context) -> str:
        return ctx.layout.path("scores")

    def outputs(self, ctx: Context) -> list[str]:
        """Directories this stage writes."""
        return [ctx.layout.path(name) for name in ("kept", "pruned", "scores")]

    def scratch(self, ctx: Context) -> str:
        """Scratch files of the top-fraction selection (deleted when the stage completes)."""
        return storage.join(ctx.layout.work, "top")

    def clear(self, ctx: Context) -> None:
        for directory in [*self.outputs(ctx), self.scratch(ctx)]:
            storage.delete_tree(directory)

    def fingerprint(self, ctx: Context) -> str:
        config = ctx.spec.config
        return digest(
            self.name,
            ctx.version,
            ctx.marker("analyse")["fingerprint"],
            ctx.marker("prepare")["fingerprint"],
            config.scorer,
            config.prune_fraction,
            config.threshold,
            config.scip,
            ctx.spec.prune_unparsable,
        )

    def eligible(self, ctx: Context) -> int:
        """Records the score rule ranks (after invalid, duplicate and unparsable rules)."""
        marker = ctx.marker("analyse")
        return int(marker["eligible_parsable" if ctx.spec.prune_unparsable else "eligible"])

    def rule(self, ctx: Context) -> ScoreRule:
        """The score rule of this run."""
        marker = ctx.marker("analyse")
        return score_rule(
            ctx.spec.config, marker["cluster_sizes"], self.eligible(ctx), ctx.spec.prune_unparsable
        )

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        config, rule, n = ctx.spec.config, self.rule(ctx), ctx.num_shards
        analysed = ctx.marker("analyse")
        if config.scorer in LEARNED and analysed["records"] and not analysed["trained_scorers"]:
            raise DataError(
                f"the {config.scorer!r} scorer could not be trained: too few usable records "
                "to make a synthetic task from",
                hint="use --scorer scip (or length), or a larger corpus",
            )
        shard_ids = list(range(n))
        if config.threshold is not None:
            cutoff = pipeline | "Threshold" >> beam.Create([cutoff_for_threshold(config.threshold)])
        else:
            count = round(config.prune_fraction * self.eligible(ctx))
            rows = functools.partial(top_rows, work=ctx.layout.work, num_shards=n, rule=rule)
            cutoff = (
                pipeline
                | "ScoreShards" >> beam.Create(shard_ids)
                | "TopToPrune"
                >> SpilledSmallest(
                    max(count, 1),
                    TOP_SCHEMA,
                    TOP_ORDER,
                    rows,
                    self.scratch(ctx),
                    functools.partial(top_cutoff, count=count),
                )
            )
        _ = (
            pipeline
            | "Shards" >> beam.Create(shard_ids)
            | "DecideAndWrite"
            >> beam.ParDo(
                _WriteShard(ctx, rule, ctx.plan.fields.text), beam.pvalue.AsSingleton(cutoff)
            )
            | "Progress"
            >> beam.ParDo(
                Tick(ctx.layout.progress(self.name), weight=lambda c: c["kept"] + c["pruned"])
            )
        )

    def total(self, ctx: Context) -> int | None:
        return int(ctx.marker("prepare")["records"])

    def finish(self, ctx: Context) -> dict[str, Any]:
        storage.delete_tree(self.scratch(ctx))
        counts: dict[str, int] = {}
        reasons: dict[str, int] = {}
        for path in shards.shard_files(self.directory(ctx)):
            table = storage.read_table(path, ["reason"])
            for reason in table.column("reason").to_pylist():
                reasons[reason] = reasons.get(reason, 0) + 1
        for name in ("kept", "pruned", "scores"):
            counts[name] = sum(
                storage.parquet_metadata(p).num_rows
                for p in shards.shard_files(ctx.layout.path(name))
            )
        total = int(ctx.marker("prepare")["records"])
        if counts["kept"] + counts["pruned"] != total or counts["scores"] != total:
            raise RuntimeError(f"{total} records in, but {counts} out")
        return {**counts, "reasons": dict(sorted(reasons.items()))}

    def summary(self, payload: dict[str, Any]) -> str:
        return f"{payload['kept']:,} kept, {payload['pruned']:,} pruned"


__all__ = ["SCORE_NAMES", "FinalizeStage", "score_column"]
