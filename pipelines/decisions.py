"""From stored scores and findings to one decision per record, with its reason and detail.

Rules apply in this order; the first that matches decides:

1. ``invalid_input`` — the record could not take part (see :mod:`pipelines.records`);
2. ``unparsable`` — only with ``--prune-unparsable``: the code does not parse;
3. **duplicate groups** — exact, near and semantic duplicates joined into groups
   (:mod:`pipelines.stages.groups`). Members are ranked by prune score (best quality
   first, ties by lower id); going down the ranking, the first member the score rule (4)
   keeps is the group's *kept* member and every member after it is pruned as a duplicate of
   it (``duplicate-exact`` / ``-near`` / ``-semantic``); a member before it is pruned for its
   own score. So a group is never emptied by the duplicate rule: when no member passes
   the score rule, each is pruned for its own score;
4. the **score rule** over the eligible records (records in no group, and the best member
   of each group):

   * ``calibrated`` (default for the learned scorers): prune when ``P(corrupted) >=
     min_probability``, the posterior from the record's likelihood ratio and the corpus's
     share of bad records estimated by EM (:mod:`pruning.scores.calibration`), at most
     ``max_prune_fraction`` of the eligible records (the highest likelihood ratios);
   * ``fraction``: the top ``prune_fraction`` by prune score (ties by lower id); under the
     SCIP scorer a pruned record says ``scip-small-cluster`` or ``scip-far-from-centroid``;
   * ``threshold``: every prune score at or above ``--threshold``.

   A pruned record with hard evidence says so: ``unparsable`` (tier 2) or
   ``certain-finding`` (tier 1); otherwise ``score-calibrated``, ``score-top-fraction`` or
   ``score-threshold``;
5. ``kept``.

Every pruned record carries a ``detail`` a person can act on: the parse error with
line:column, the most suspicious site or misspelt name, the two inputs that raised the
score most and ``P(corrupted)``, or the kept duplicate and the similarity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from pipelines.records import INVALID
from pruning.config import PruningConfig
from pruning.scores.calibration import logit, posterior
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
_CUT_REASON = {
    "calibrated": "score-calibrated",
    "fraction": "score-top-fraction",
    "threshold": "score-threshold",
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
    p_corrupted: float | None = None


@dataclass(frozen=True)
class Cut:
    """What the score rule prunes: ``key >= threshold`` (when set) and ``(key, id)`` at or
    before ``last`` in the order "higher key first, then lower id" (when set)."""

    threshold: float | None
    last: tuple[float, str] | None
    prior: float | None = None

    def prunes(self, record_id: str, key: float) -> bool:
        """Whether a record with this id and key falls on the prune side."""
        if math.isnan(key):
            return False
        if self.threshold is not None and key < self.threshold:
            return False
        if self.last is not None:
            score, last_id = self.last
            return key > score or (key == score and record_id <= last_id)
        return self.threshold is not None


NOTHING = Cut(math.inf, None)


@dataclass(frozen=True)
class ScoreRule:
    """How an eligible record's prune score and cut key are read, and which cut applies."""

    scorer: str
    cut: str = "fraction"
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

    def key(self, facts: Mapping[str, Any]) -> float:
        """What the cut compares: the log likelihood ratio under the calibrated cut, else
        the prune score."""
        if self.cut == "calibrated":
            value = facts.get("log_lr")
            return math.nan if value is None else float(value)
        return self.score(facts)

    def reason(self, facts: Mapping[str, Any], score: float) -> str:
        """The reason of a record the score rule prunes."""
        if self.scorer == "scip":
            return "scip-small-cluster" if score >= SMALL_CLUSTER_BASE else "scip-far-from-centroid"
        tier = facts.get("evidence") or 0
        if tier >= 2:
            return "unparsable"
        if tier == 1:
            return "certain-finding"
        return _CUT_REASON[self.cut]


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
        config.scorer,
        cut_mode(config),
        tuple(int(s) for s in array),
        frozenset(selected),
        prune_unparsable,
    )


def cut_mode(config: PruningConfig) -> str:
    """``threshold`` with a threshold; ``calibrated`` when asked for and the scorer is
    learned (the others have no likelihood ratio), else ``fraction``."""
    if config.threshold is not None:
        return "threshold"
    if config.cut == "calibrated" and config.scorer in ("probe", "structural", "combined"):
        return "calibrated"
    return "fraction"


def calibrated_cut(prior: float, min_probability: float, cap: tuple[float, str] | None) -> Cut:
    """Prune ``P(corrupted) >= min_probability`` under ``prior``, within the cap."""
    threshold = logit(min_probability) - logit(prior)
    return Cut(threshold, cap, prior)


def rule_based(
    record: Mapping[str, Any], facts: Mapping[str, Any] | None, rule: ScoreRule
) -> Outcome | None:
    """Rules 1–2 of the module docstring; ``None`` when the record goes on."""
    if record["invalid"] is not None:
        return Outcome("prune", INVALID, detail=record["invalid"])
    if facts is None:
        raise RuntimeError(f"no analysis for usable record {record['id']!r}")
    if rule.prune_unparsable and facts.get("parses") is False:
        detail = f"does not parse: {record.get('parse_error') or 'syntax error'}"
        return Outcome("prune", "unparsable", detail=detail)
    return None


def score_outcome(
    record: Mapping[str, Any], facts: Mapping[str, Any], rule: ScoreRule, cut: Cut
) -> Outcome:
    """Rule 4 for one eligible record."""
    score = rule.score(facts)
    prune_score = None if math.isnan(score) else score
    p = _probability(facts, cut)
    if not cut.prunes(record["id"], rule.key(facts)):
        return Outcome("keep", "kept", prune_score, p_corrupted=p)
    reason = rule.reason(facts, score)
    return Outcome("prune", reason, prune_score, explain(record, facts, reason, p), p_corrupted=p)


def _probability(facts: Mapping[str, Any], cut: Cut) -> float | None:
    value = facts.get("log_lr")
    if value is None or cut.prior is None:
        return None
    return float(posterior(np.array([float(value)]), cut.prior)[0])


def explain(
    record: Mapping[str, Any], facts: Mapping[str, Any], reason: str, p: float | None
) -> str:
    """The detail of a record pruned by the score rule."""
    parts = []
    if reason == "unparsable":
        parts.append(f"does not parse: {record.get('parse_error') or 'syntax error'}")
    elif reason.startswith("scip-"):
        parts.append(
            f"cluster {facts['cluster']} of {facts['cluster_size']} records, "
            f"{facts['centroid_distance']:.3f} from its centroid"
        )
    if facts.get("finding"):
        parts.append(str(facts["finding"]))
    if facts.get("top_signals") and not reason.startswith("scip-"):
        parts.append(f"strongest signals: {facts['top_signals']}")
    if p is not None:
        parts.append(f"P(corrupted) {p:.2f}")
    return "; ".join(parts) or reason


@dataclass(frozen=True)
class Member:
    """A member of a duplicate group: its record, facts (an exact copy has its
    representative's) and how it was found (``kind``, ``found_with``, ``similarity``)."""

    record: Mapping[str, Any]
    facts: Mapping[str, Any]
    kind: str | None
    found_with: str | None
    similarity: float | None


def decide_group(members: Sequence[Member], rule: ScoreRule, cut: Cut) -> list[Outcome]:
    """Rule 3 for one group; outcomes in the order of ``members``."""
    ranked = sorted(
        range(len(members)), key=lambda i: (_rank(rule, members[i]), members[i].record["id"])
    )
    outcomes: list[Outcome | None] = [None] * len(members)
    kept: int | None = None
    for i in ranked:
        member = members[i]
        found = rule_based(member.record, member.facts, rule)
        if found is not None:
            outcomes[i] = found
        elif kept is not None:
            outcomes[i] = _duplicate(member, members[kept], rule)
        else:
            own = score_outcome(member.record, member.facts, rule, cut)
            if own.decision == "keep":
                kept = i
            else:
                copy = f"exact copy of {member.found_with}: " if member.kind == "exact" else ""
                own = replace(own, detail=f"{copy}{own.detail}; one of {len(members)} duplicates")
            outcomes[i] = own
    return [o for o in outcomes if o is not None]


def _rank(rule: ScoreRule, member: Member) -> float:
    score = rule.score(member.facts)
    return math.inf if math.isnan(score) else score


def _duplicate(member: Member, kept: Member, rule: ScoreRule) -> Outcome:
    """A member pruned as a duplicate of the group's kept member."""
    kept_id = kept.record["id"]
    kind, similarity = member.kind, member.similarity
    if kind is None:  # the record others were found against: described from their side
        kind, similarity = kept.kind or "near", kept.similarity
    if kind == "exact":
        similarity = 1.0
    score = rule.score(member.facts)
    how = f"{kind} duplicate of {kept_id}"
    if similarity is not None and kind != "exact":
        how += f" (similarity {similarity:.3f})"
    if member.found_with not in (None, kept_id):
        how += f"; found as a duplicate of {member.found_with}"
    how += "; kept: the group's best-scoring member"
    return Outcome(
        "prune",
        f"duplicate-{kind}",
        None if math.isnan(score) else score,
        how,
        kept_id,
        similarity,
    )
