"""Stage 5 — Cut → Decide groups → Write ``kept/``, ``pruned/`` and ``scores/``.

1. **Cut** — the score rule's cut is global, over the eligible records (in no duplicate
   group, or representing one: :mod:`pipelines.stages.groups`):

   * ``calibrated``: every shard adds a histogram of its eligible records' log likelihood
     ratios; EM on the sum estimates the corpus's share of bad records with a bootstrap
     interval (:func:`pruning.scores.calibration.estimate_prior`), which sets the threshold
     of ``P(corrupted) >= min_probability``; the ``max_prune_fraction`` cap is the top of
     ``(log LR, id)`` selected through scratch files (``_work/top``);
   * ``fraction``: the top ``round(prune_fraction * eligible)`` of ``(prune score, id)``,
     selected the same way;
   * ``threshold``: no global step.

   The :class:`~pipelines.decisions.Cut` reaches every step as a side input, and
   ``_work/cut.json`` keeps it (and the prior estimate) for the summary and the report.
2. **Groups** — each duplicate group's members meet again and
   :func:`pipelines.decisions.decide_group` keeps the best member the cut does not prune.
3. **Write** — per shard, every record is decided (:mod:`pipelines.decisions`) and its
   kept, pruned and scores rows written. ``kept/`` and ``pruned/`` hold the original
   columns (plus ``id`` when the input had no id field); ``pruned/`` adds ``reason``,
   ``prune_score`` and ``detail``. ``scores/`` has one row per input record.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa

from croissant_tools.errors import DataError
from pipelines import columns as cols
from pipelines import shards, storage
from pipelines.decisions import (
    NOTHING,
    Cut,
    Member,
    Outcome,
    ScoreRule,
    calibrated_cut,
    decide_group,
    rule_based,
    score_outcome,
)
from pipelines.records import raw_columns, restore_columns
from pipelines.stages import Context, Stage, Tick, digest
from pipelines.stages.analyse import FACTS_SCHEMA
from pipelines.stages.groups import GroupsStage
from pipelines.transforms.scoring import LEARNED
from pipelines.transforms.smallest import SpilledSmallest
from pruning.scores.calibration import estimate_prior, histogram

RECORD_COLUMNS = [
    "id",
    "text",
    "language",
    "language_source",
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
        pa.field("language_source", pa.string()),
        *[f for f in FACTS_SCHEMA if f.name not in ("id", "parses")],
        pa.field("score_scip", pa.float64()),
        pa.field("parses", pa.bool_()),
        pa.field("parse_error", pa.string()),
        pa.field("n_tokens", pa.int64()),
        pa.field("group", pa.string()),
        pa.field("p_corrupted", pa.float64()),
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


def top_last(top: pa.Table, count: int) -> tuple[float, str] | None:
    """The last of the ``count`` selected ``(key, id)`` (the table is in :data:`TOP_ORDER`)."""
    if not count or top.num_rows == 0:
        return None
    last = top.slice(top.num_rows - 1).to_pylist()[0]
    return float(last["score"]), str(last["id"])


def shard_rows(
    shard: int, work: str, num_shards: int, columns: list[str] | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any] | None]]:
    """Each record of a shard with its facts (``None`` when not analysed) and its row in
    ``_work/groups`` (``None`` when in no group; an exact copy gets its facts there)."""
    records = shards.read_shard(storage.join(work, "records"), shard, num_shards, columns)
    if records is None:
        return
    table = shards.read_shard(storage.join(work, "analysis", "facts"), shard, num_shards)
    facts = {row["id"]: row for row in table.to_pylist()} if table is not None else {}
    table = shards.read_shard(storage.join(work, "groups"), shard, num_shards)
    groups = {row["id"]: row for row in table.to_pylist()} if table is not None else {}
    for row in records.to_pylist():
        group = groups.get(row["id"])
        yield row, facts.get(row["id"]) or group, group


def eligible_keys(
    shard: int, work: str, num_shards: int, rule: ScoreRule
) -> Iterator[tuple[float, str]]:
    """``(cut key, id)`` of the shard's eligible records with a key."""
    needed = ["id", "invalid", "duplicate_of", "parse_error"]
    for record, facts, group in shard_rows(shard, work, num_shards, needed):
        if group is not None and not group["represents"]:
            continue
        if rule_based(record, facts, rule) is None and facts is not None:
            key = rule.key(facts)
            if not math.isnan(key):
                yield key, record["id"]


def top_rows(shard: int, work: str, num_shards: int, rule: ScoreRule) -> Iterator[dict[str, Any]]:
    """:func:`eligible_keys` as :data:`TOP_SCHEMA` rows."""
    for key, record_id in eligible_keys(shard, work, num_shards, rule):
        yield {"score": key, "id": record_id}


def shard_histogram(shard: int, work: str, num_shards: int, rule: ScoreRule) -> np.ndarray:
    """Histogram of the shard's eligible log likelihood ratios."""
    values = [key for key, _ in eligible_keys(shard, work, num_shards, rule)]
    return histogram(np.asarray(values, dtype=np.float64))


def group_members(shard: int, work: str, num_shards: int) -> Iterator[tuple[str, Any]]:
    """``(group, (shard, record, member))`` for the shard's group members."""
    for record, facts, group in shard_rows(shard, work, num_shards, RECORD_COLUMNS):
        if group is not None:
            member = Member(
                record, facts or group, group["kind"], group["found_with"], group["similarity"]
            )
            yield group["group"], (shard, record["id"], member)


def decide_groups(
    group: tuple[str, Iterable[Any]], rule: ScoreRule, cut: Cut
) -> Iterator[tuple[int, tuple[str, Outcome]]]:
    """Outcomes of one group's members, as ``(shard, (id, outcome))``."""
    found = sorted(group[1], key=lambda item: item[1])
    outcomes = decide_group([member for _, _, member in found], rule, cut)
    for (shard, record_id, _), outcome in zip(found, outcomes):
        yield shard, (record_id, outcome)


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

    def process(self, element: tuple[int, Any], cut: Cut) -> Iterator[dict[str, int]]:
        shard, joined = element
        decided = dict(joined["groups"])
        kept: list[dict[str, Any]] = []
        pruned: list[dict[str, Any]] = []
        scores: list[dict[str, Any]] = []
        for record, facts, group in shard_rows(shard, self.work, self.num_shards, RECORD_COLUMNS):
            outcome = decided.get(record["id"]) or self._decide(record, facts, cut)
            scores.append(self._score_row(record, facts, group, outcome))
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

    def _decide(self, record: dict[str, Any], facts: dict[str, Any] | None, cut: Cut) -> Outcome:
        found = rule_based(record, facts, self.rule)
        if found is not None:
            return found
        assert facts is not None
        return score_outcome(record, facts, self.rule, cut)

    def _score_row(
        self,
        record: dict[str, Any],
        facts: dict[str, Any] | None,
        group: dict[str, Any] | None,
        outcome: Outcome,
    ) -> dict[str, Any]:
        row: dict[str, Any] = {name: None for name in SCORES_SCHEMA.names}
        if facts is not None:
            row.update({k: v for k, v in facts.items() if k in row})
            row["score_scip"] = self.rule.scip(facts)
        row.update(
            id=record["id"],
            language=record["language"],
            language_source=record.get("language_source"),
            parses=record["parses"],
            parse_error=record["parse_error"],
            n_tokens=record["n_tokens"],
            group=group["group"] if group is not None else None,
            p_corrupted=outcome.p_corrupted,
            duplicate_of=outcome.duplicate_of,
            duplicate_similarity=outcome.duplicate_similarity,
            prune_score=outcome.prune_score,
            decision=outcome.decision,
            reason=outcome.reason,
            detail=outcome.detail,
        )
        return row


class FinalizeStage(Stage):
    """Stage 5 (see the module docstring)."""

    name = "finalize"
    description = "decide and write"

    def directory(self, ctx: Context) -> str:
        return ctx.layout.path("scores")

    def outputs(self, ctx: Context) -> list[str]:
        """Directories this stage writes."""
        return [ctx.layout.path(name) for name in ("kept", "pruned", "scores")]

    def scratch(self, ctx: Context) -> str:
        """Scratch files of the top selection (deleted when the stage completes)."""
        return storage.join(ctx.layout.work, "top")

    def cut_path(self, ctx: Context) -> str:
        """Where the cut of the run is kept (for the summary and the report)."""
        return storage.join(ctx.layout.work, "cut.json")

    def clear(self, ctx: Context) -> None:
        for directory in [*self.outputs(ctx), self.scratch(ctx)]:
            storage.delete_tree(directory)

    def fingerprint(self, ctx: Context) -> str:
        config = ctx.spec.config
        return digest(
            self.name,
            ctx.version,
            ctx.marker("groups")["fingerprint"],
            config.prune_fraction,
            config.threshold,
            config.cut,
            config.min_probability,
            config.max_prune_fraction,
            config.prior,
            config.fixed_prior,
        )

    def eligible(self, ctx: Context) -> int:
        """Records the score rule ranks (after invalid, unparsable and duplicate rules)."""
        marker = ctx.marker("analyse")
        return int(marker["eligible_parsable" if ctx.spec.prune_unparsable else "eligible"])

    def rule(self, ctx: Context) -> ScoreRule:
        """The score rule of this run (the one the groups were ordered by)."""
        return GroupsStage().rule(ctx)

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        config, rule, n = ctx.spec.config, self.rule(ctx), ctx.num_shards
        analysed = ctx.marker("analyse")
        if config.scorer in LEARNED and analysed["records"] and not analysed["trained_scorers"]:
            languages = ctx.marker("prepare").get("languages", {})
            total = sum(sum(how.values()) for how in languages.values()) or 1
            unknown = sum(languages.get("unknown", {}).values())
            hint = "use --scorer scip (or length), or a larger corpus"
            if unknown > total / 2:
                hint = (
                    f"{unknown:,} of {total:,} records are in no known language, and synthetic "
                    "corruptions need one: name it with --language or --language-field, or " + hint
                )
            raise DataError(
                f"the {config.scorer!r} scorer could not be trained: too few usable records "
                "to make a synthetic task from",
                hint=hint,
            )
        cut = beam.pvalue.AsSingleton(self._cut(pipeline, ctx, rule))
        work = ctx.layout.work
        outcomes = (
            pipeline
            | "GroupShards" >> beam.Create(list(range(n)))
            | "Members" >> beam.FlatMap(group_members, work, n)
            | "ByGroup" >> beam.GroupByKey()
            | "DecideGroups" >> beam.FlatMap(decide_groups, rule, cut)
        )
        every = pipeline | "Shards" >> beam.Create([(s, None) for s in range(n)])
        _ = (
            {"shard": every, "groups": outcomes}
            | "PerShard" >> beam.CoGroupByKey()
            | "DecideAndWrite" >> beam.ParDo(_WriteShard(ctx, rule, ctx.plan.fields.text), cut)
            | "Progress"
            >> beam.ParDo(
                Tick(ctx.layout.progress(self.name), weight=lambda c: c["kept"] + c["pruned"])
            )
        )

    def _cut(self, pipeline: beam.Pipeline, ctx: Context, rule: ScoreRule) -> beam.PCollection:
        """The run's :class:`Cut` as a one-element PCollection (also saved to cut.json)."""
        config, n, work = ctx.spec.config, ctx.num_shards, ctx.layout.work
        path = self.cut_path(ctx)
        if rule.cut == "threshold":
            cut = Cut(float(config.threshold), None)  # type: ignore[arg-type]
            return pipeline | "Threshold" >> beam.Create([_saved(cut, None, path)])
        fraction = config.max_prune_fraction if rule.cut == "calibrated" else config.prune_fraction
        count = round(fraction * self.eligible(ctx))
        rows = functools.partial(top_rows, work=work, num_shards=n, rule=rule)
        top = (
            pipeline
            | "TopShards" >> beam.Create(list(range(n)))
            | "Top"
            >> SpilledSmallest(
                max(count, 1),
                TOP_SCHEMA,
                TOP_ORDER,
                rows,
                self.scratch(ctx),
                functools.partial(top_last, count=count),
            )
        )
        if rule.cut == "fraction":
            return top | "FractionCut" >> beam.Map(
                lambda last: _saved(Cut(None, last) if last else NOTHING, None, path)
            )
        counts = (
            pipeline
            | "HistogramShards" >> beam.Create(list(range(n)))
            | "Histograms" >> beam.Map(shard_histogram, work, n, rule)
            | "SumHistograms" >> beam.CombineGlobally(_sum_arrays)
        )
        return top | "CalibratedCut" >> beam.Map(
            _calibrated, beam.pvalue.AsSingleton(counts), config, path
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
        cut = storage.read_json(self.cut_path(ctx))
        return {**counts, "reasons": dict(sorted(reasons.items())), "cut": cut}

    def summary(self, payload: dict[str, Any]) -> str:
        line = f"{payload['kept']:,} kept, {payload['pruned']:,} pruned"
        prior = (payload.get("cut") or {}).get("prior")
        if prior:
            line += (
                f"; estimated share of bad records {prior['prior']:.1%} "
                f"(90% interval {prior['low']:.1%}-{prior['high']:.1%})"
            )
        return line


def _sum_arrays(arrays: Iterable[np.ndarray]) -> np.ndarray:
    total = None
    for array in arrays:
        total = array.copy() if total is None else total + array
    return total if total is not None else histogram(np.zeros(0))


def _calibrated(last: tuple[float, str] | None, counts: np.ndarray, config: Any, path: str) -> Cut:
    """The calibrated cut from the summed histogram (EM prior) and the cap's last record."""
    if config.fixed_prior:
        estimate = None
        prior = config.prior
    else:
        estimate = estimate_prior(counts, start=config.prior, seed=config.seed)
        prior = estimate.prior
    cut = calibrated_cut(prior, config.min_probability, last)
    return _saved(cut, estimate.to_dict() if estimate is not None else None, path)


def _saved(cut: Cut, prior: dict[str, Any] | None, path: str) -> Cut:
    """Write the cut (and the prior estimate) to ``path``; return the cut."""
    finite = cut.threshold is not None and math.isfinite(cut.threshold)
    storage.write_json(
        path,
        {
            "threshold": float(cut.threshold) if finite else None,  # type: ignore[arg-type]
            "prunes_nothing": cut is NOTHING,
            "last": list(cut.last) if cut.last is not None else None,
            "prior_used": cut.prior,
            "prior": prior,
        },
    )
    return cut


__all__ = ["FinalizeStage", "output_schemas"]
