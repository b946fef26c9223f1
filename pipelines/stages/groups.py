"""Stage 4 — Duplicate groups, ordered by quality → ``_work/groups``.

The scan found exact duplicates (their representative has ``copies``), the analysis
joined near and semantic duplicates into groups (``analysis/dups``, connected components
over both kinds). This stage puts them together and orders each group by the run's prune
score, best first (ties by lower id), so that the decision keeps the member with the best
quality — not the lowest id, and never a member the score rule would prune while a better
one exists (:func:`pipelines.decisions.decide_group`).

* Exact copies are not analysed (their text is their representative's), so they join the
  group with their representative's facts; a representative in no near or semantic group
  starts a group of its own (its id).
* One row per member in the member's shard: the group, its position and size, how it was
  found (``kind``, ``found_with``, ``similarity``), ``copy_of`` for an exact copy, whether it
  *represents* the group in the score rule's cut (the first member no earlier rule prunes),
  and its facts.

Only group members cross the runner: two small shuffles (exact copies to their
representative, members to their group).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import pyarrow as pa

from pipelines import shards, storage
from pipelines.decisions import ScoreRule, score_rule
from pipelines.stages import Context, Stage, Tick, digest
from pipelines.stages.analyse import FACTS_SCHEMA

_FACT_FIELDS = [f for f in FACTS_SCHEMA if f.name != "id"]
GROUPS_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("group", pa.string()),
        pa.field("position", pa.int64()),
        pa.field("size", pa.int64()),
        pa.field("kind", pa.string()),
        pa.field("found_with", pa.string()),
        pa.field("similarity", pa.float64()),
        pa.field("copy_of", pa.string()),
        pa.field("represents", pa.bool_()),
        *_FACT_FIELDS,
    ]
)
Member = dict[str, Any]


def _table(directory: str, shard: int, num_shards: int, columns: list[str] | None = None) -> Any:
    table = shards.read_shard(directory, shard, num_shards, columns)
    return table.to_pylist() if table is not None else []


def read_members(shard: int, work: str, num_shards: int) -> Iterator[Any]:
    """A shard's part of the groups: near/semantic members (main output, keyed by group),
    exact representatives (``reps``, keyed by id) and exact copies (``copies``, keyed by
    their representative)."""
    analysis = storage.join(work, "analysis")
    facts = {f["id"]: f for f in _table(storage.join(analysis, "facts"), shard, num_shards)}
    dups = {d["id"]: d for d in _table(storage.join(analysis, "dups"), shard, num_shards)}
    columns = ["id", "invalid", "duplicate_of", "copies"]
    for record in _table(storage.join(work, "records"), shard, num_shards, columns):
        record_id = record["id"]
        if record["duplicate_of"] is not None:
            yield beam.pvalue.TaggedOutput("copies", (record["duplicate_of"], (record_id, shard)))
            continue
        fact = facts.get(record_id)
        if fact is None:
            continue
        dup = dups.get(record_id)
        if dup is not None:
            member = _member(fact, shard, dup["group"], dup["kind"], dup["kept"], dup["similarity"])
            yield dup["group"], member
        if record["copies"]:
            group = dup["group"] if dup is not None else None
            yield beam.pvalue.TaggedOutput("reps", (record_id, (group, _member(fact, shard))))


def _member(
    fact: dict[str, Any],
    shard: int,
    group: str | None = None,
    kind: str | None = None,
    found_with: str | None = None,
    similarity: float | None = None,
) -> Member:
    return {
        **fact,
        "shard": shard,
        "group": group,
        "kind": kind,
        "found_with": found_with,
        "similarity": similarity,
        "copy_of": None,
    }


def exact_members(joined: tuple[str, dict[str, list[Any]]]) -> Iterator[tuple[str, Member]]:
    """An exact representative's copies (with its facts), and the representative itself
    when it is in no near or semantic group."""
    rep_id, found = joined
    if not found["reps"]:
        return
    group, rep = found["reps"][0]
    if group is None:
        group = rep_id
        yield group, {**rep, "group": group}
    for copy_id, shard in sorted(found["copies"]):
        yield (
            group,
            {
                **rep,
                "id": copy_id,
                "shard": shard,
                "group": group,
                "kind": "exact",
                "found_with": rep_id,
                "similarity": 1.0,
                "copy_of": rep_id,
            },
        )


def order_group(
    group: tuple[str, Iterable[Member]], rule: ScoreRule
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The members of one group in quality order, as ``(shard, groups row)``."""
    group_id, members = group

    def rank(member: Member) -> tuple[float, str]:
        score = rule.score(member)
        return (math.inf if math.isnan(score) else score, member["id"])

    ordered = sorted(members, key=rank)
    represented = False
    for position, member in enumerate(ordered):
        ruled = rule.prune_unparsable and member.get("parses") is False
        represents = not ruled and not represented
        represented = represented or represents
        row = {name: member.get(name) for name in GROUPS_SCHEMA.names}
        row.update(group=group_id, position=position, size=len(ordered), represents=represents)
        yield member["shard"], row


class GroupsStage(Stage):
    """Stage 4 (see the module docstring)."""

    name = "groups"
    description = "duplicate groups by quality"

    def directory(self, ctx: Context) -> str:
        return storage.join(ctx.layout.work, "groups")

    def fingerprint(self, ctx: Context) -> str:
        config = ctx.spec.config
        return digest(
            self.name,
            ctx.version,
            ctx.marker("analyse")["fingerprint"],
            ctx.marker("prepare")["fingerprint"],
            config.scorer,
            config.scip if config.scorer == "scip" else None,  # the SCIP rule orders by it
            ctx.spec.prune_unparsable,
        )

    def rule(self, ctx: Context) -> ScoreRule:
        """The score rule that orders the members."""
        marker = ctx.marker("analyse")
        eligible = int(marker["eligible_parsable" if ctx.spec.prune_unparsable else "eligible"])
        return score_rule(
            ctx.spec.config, marker["cluster_sizes"], eligible, ctx.spec.prune_unparsable
        )

    def build(self, pipeline: beam.Pipeline, ctx: Context) -> None:
        read = functools.partial(read_members, work=ctx.layout.work, num_shards=ctx.num_shards)
        found = (
            pipeline
            | "Shards" >> beam.Create(list(range(ctx.num_shards)))
            | "Read" >> beam.FlatMap(read).with_outputs("reps", "copies", main="members")
        )
        exact = {"reps": found.reps, "copies": found.copies} | "JoinCopies" >> beam.CoGroupByKey()
        _ = (
            (found.members, exact | "ExactMembers" >> beam.FlatMap(exact_members))
            | "AllMembers" >> beam.Flatten()
            | "ByGroup" >> beam.GroupByKey()
            | "Order" >> beam.FlatMap(order_group, self.rule(ctx))
            | "Progress" >> beam.ParDo(Tick(ctx.layout.progress(self.name)))
            | "Write" >> shards.WriteShards(self.directory(ctx), ctx.num_shards, GROUPS_SCHEMA)
        )

    def total(self, ctx: Context) -> int | None:
        return None

    def finish(self, ctx: Context) -> dict[str, Any]:
        groups: set[str] = set()
        members = 0
        for path in shards.shard_files(self.directory(ctx)):
            rows = storage.read_table(path, ["group"]).column("group").to_pylist()
            members += len(rows)
            groups.update(rows)
        return {"groups": len(groups), "members": members}

    def summary(self, payload: dict[str, Any]) -> str:
        return f"{payload['groups']:,} duplicate groups of {payload['members']:,} records"
