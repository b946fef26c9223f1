"""Turning prune scores into keep/prune decisions (scores and decisions stay separate).

The global order is "higher score first, then lower id", so a decision is deterministic even
with tied scores. For a target fraction, :func:`cutoff_for_fraction` finds the last record
to prune (a :class:`Cutoff`, computed once over all scores — in a pipeline, a global
combine); :func:`decide_one` then decides each record on its own against that cutoff, which
is what a per-record ``Map`` needs. :func:`decide` does both in memory.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from pruning.errors import ConfigError
from pruning.types import Decision


@dataclass(frozen=True)
class Cutoff:
    """Prune every record whose ``(score, id)`` ranks at or before ``(score, id)`` here.

    ``id=None`` means "every record with a score at or above ``score``" (a threshold);
    ``score=inf`` with ``id=None`` prunes nothing.
    """

    score: float
    id: str | None
    reason: str

    def prunes(self, record_id: str, score: float) -> bool:
        """Whether a record with this id and score falls on the prune side."""
        if math.isnan(score):
            return False
        if self.id is None:
            return score >= self.score
        return score > self.score or (score == self.score and record_id <= self.id)


def cutoff_for_fraction(ids: Sequence[str], scores: np.ndarray, fraction: float) -> Cutoff:
    """The cutoff that prunes ``round(fraction * n)`` records with the highest scores.

    NaN scores (e.g. no score could be computed) are never pruned by score.
    """
    if not 0 <= fraction <= 1:
        raise ConfigError(f"prune fraction must be in [0, 1], got {fraction!r}")
    values = np.asarray(scores, dtype=np.float64)
    count = min(round(fraction * len(ids)), int(np.sum(~np.isnan(values))))
    if count == 0:
        return Cutoff(math.inf, None, "score-top-fraction")
    order = ranking(ids, values)
    last = order[count - 1]
    return Cutoff(float(values[last]), ids[last], "score-top-fraction")


def cutoff_for_threshold(threshold: float) -> Cutoff:
    """The cutoff that prunes every record scoring at or above ``threshold``."""
    return Cutoff(float(threshold), None, "score-threshold")


def ranking(ids: Sequence[str], scores: np.ndarray) -> list[int]:
    """Indices in prune order: highest score first, ties by lowest id; NaN last."""
    values = np.asarray(scores, dtype=np.float64)
    safe = np.where(np.isnan(values), -np.inf, values)
    return sorted(range(len(ids)), key=lambda i: (-safe[i], ids[i]))


def decide_one(record_id: str, score: float, cutoff: Cutoff, reason: str | None = None) -> Decision:
    """Keep or prune one record against a precomputed cutoff; ``reason`` overrides the cutoff's."""
    if cutoff.prunes(record_id, score):
        return Decision(record_id, "prune", reason or cutoff.reason, float(score))
    return Decision(record_id, "keep", "kept", None if math.isnan(score) else float(score))


def decide(
    ids: Sequence[str],
    scores: np.ndarray,
    *,
    fraction: float | None = None,
    threshold: float | None = None,
    reason_for: Callable[[int], str] | None = None,
) -> list[Decision]:
    """Decisions for all records: the top ``fraction`` by score, or all at/above ``threshold``.

    Exactly one of ``fraction`` and ``threshold`` must be given. ``reason_for(i)`` may name
    a more specific reason for a pruned record ``i`` (SCIP uses it).
    """
    if (fraction is None) == (threshold is None):
        raise ConfigError("give exactly one of fraction and threshold")
    values = np.asarray(scores, dtype=np.float64)
    if len(values) != len(ids):
        raise ConfigError(f"{len(ids)} ids but {len(values)} scores")
    cutoff = (
        cutoff_for_fraction(ids, values, fraction)
        if fraction is not None
        else cutoff_for_threshold(float(threshold))  # type: ignore[arg-type]
    )
    out = []
    for i, record_id in enumerate(ids):
        reason = reason_for(i) if reason_for is not None else None
        out.append(decide_one(record_id, float(values[i]), cutoff, reason))
    return out
