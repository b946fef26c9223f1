"""From stored scores and findings to one decision per record, with its reason.

Rules apply in this order; the first that matches decides:

1. ``invalid_input`` — the record could not take part (see :mod:`pipelines.records`);
2. ``duplicate-exact`` / ``duplicate-near`` / ``duplicate-semantic`` — another record is kept
   in its place (``duplicate_of``);
3. ``unparsable`` — only with ``--prune-unparsable``: the code does not parse;
4. the score rule over the remaining *eligible* records: the top ``prune_fraction`` by
   ``prune_score`` (ties by lower id, via :func:`pruning.scores.decide.decide_one` and a
   global :class:`~pruning.scores.decide.Cutoff`), or every score at or above
   ``--threshold``. Under the SCIP scorer a pruned record says ``scip-small-cluster`` or
   ``scip-far-from-centroid``; otherwise ``score-top-fraction`` / ``score-threshold``;
5. ``kept``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipelines.records import INVALID
from pruning.config import PruningConfig
from pruning.scores.decide import Cutoff, decide_one
from pruning.scores.scip import SMALL_CLUSTER_BASE, scip_score, select_small_clusters

_COLUMN = {
    "scip-size": "score_scip_size",
    "scip-distance": "score_scip_distance",
    "length": "score_length",
    "probe": "score_probe",
    "structural": "score_structural",
    "naturalness": "score_naturalness",
    "combined": "score_combined",
}


@dataclass(frozen=True)
class Outcome:
    """The decision about one record."""

    decision: str  # "keep" | "prune"
    reason: str
    prune_score: float | None = None
    detail: str | None = None
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None


@dataclass(frozen=True)
class ScoreRule:
    """How the prune score of an eligible record is read or computed."""

    scorer: str
    sizes: tuple[int, ...] = ()
    selected: frozenset[int] = frozenset()
    prune_unparsable: bool = False

    def scip(self, facts: Mapping[str, Any]) -> float:
        """The SCIP rule's score of an analysed record (small clusters of this run first)."""
        sizes = np.asarray(self.sizes, dtype=np.int64)
        return scip_score(
            int(facts["cluster"]), float(facts["centroid_distance"]), sizes, self.selected
        )

    def score(self, facts: Mapping[str, Any]) -> float:
        """The record's prune score (NaN when the score was not computed)."""
        if self.scorer == "scip":
            return self.scip(facts)
        value = facts.get(_COLUMN[self.scorer])
        return math.nan if value is None else float(value)

    def reason(self, score: float) -> str | None:
        """The specific reason of a pruned record (``None``: the cutoff's own reason)."""
        if self.scorer != "scip":
            return None
        return "scip-small-cluster" if score >= SMALL_CLUSTER_BASE else "scip-far-from-centroid"


def score_rule(
    config: PruningConfig, sizes: Mapping[str, int], eligible: int, prune_unparsable: bool
) -> ScoreRule:
    """The rule of a run; for SCIP, the small clusters are chosen here, once, for everyone."""
    k = 1 + max((int(c) for c in sizes), default=-1)
    array = np.zeros(k, dtype=np.int64)
    for cluster, size in sizes.items():
        array[int(cluster)] = int(size)
    selected = select_small_clusters(array, eligible, config.scip)
    return ScoreRule(
        config.scorer, tuple(int(s) for s in array), frozenset(selected), prune_unparsable
    )


def rule_based(
    record: Mapping[str, Any], facts: Mapping[str, Any] | None, rule: ScoreRule
) -> Outcome | None:
    """Rules 1–3 of the module docstring; ``None`` for an eligible record."""
    if record["invalid"] is not None:
        return Outcome("prune", INVALID, detail=record["invalid"])
    if record["duplicate_of"] is not None:
        kept = record["duplicate_of"]
        return Outcome("prune", "duplicate-exact", None, f"exact duplicate of {kept}", kept, 1.0)
    if facts is None:
        raise RuntimeError(f"no analysis for usable record {record['id']!r}")
    for kind in ("near", "semantic"):
        kept = facts[f"{kind}_of"]
        if kept is not None:
            similarity = facts[f"{kind}_similarity"]
            detail = f"{kind} duplicate of {kept} (similarity {similarity:.3f})"
            return Outcome("prune", f"duplicate-{kind}", None, detail, kept, similarity)
    if rule.prune_unparsable and facts.get("parses") is False:
        return Outcome("prune", "unparsable", detail=record.get("parse_error"))
    return None


def decide(
    record: Mapping[str, Any], facts: Mapping[str, Any] | None, rule: ScoreRule, cutoff: Cutoff
) -> Outcome:
    """The decision about one record (see the module docstring)."""
    outcome = rule_based(record, facts, rule)
    if outcome is not None:
        return outcome
    assert facts is not None
    score = rule.score(facts)
    decision = decide_one(
        record["id"], score, cutoff, rule.reason(score) if not math.isnan(score) else None
    )
    prune_score = None if math.isnan(score) else score
    if decision.keep:
        return Outcome("keep", "kept", prune_score)
    return Outcome("prune", decision.reason, prune_score)


def cutoff_from_top(top: list[tuple[float, str]], reason: str) -> Cutoff:
    """The cutoff from the records to prune, as ``(score, id)`` pairs (any order)."""
    if not top:
        return Cutoff(math.inf, None, reason)
    score, record_id = max(top, key=lambda pair: (-pair[0], pair[1]))
    return Cutoff(score, record_id, reason)
