"""SCIP (arXiv 2312.02418): prune small clusters and points far from their centroid.

The paper's rule, with prune fraction ``p`` and share ``alpha``:

1. take whole clusters, smallest first (ties by cluster id), while the records taken stay
   within ``alpha * p * n`` — a cluster that would overshoot is skipped and the remaining
   budget moves to step 2, so exactly ``round(p * n)`` records are pruned;
2. take the rest, ``round(p * n) - taken``, as the records farthest (cosine distance) from
   their centroid among those not taken in step 1.

:func:`scip_scores` expresses this as a per-record score that only needs the cluster sizes
(a side input) and the record's own cluster and distance: records of selected clusters score
``2 + 1/size`` (above any distance, which lies in [0, 2]); the others score their distance.
Pruning the top ``p`` fraction of that score *is* the rule. The two raw signals are
available as ``scip-size`` (``-log size``) and ``scip-distance`` scores.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pruning.config import ScipConfig
from pruning.scores.decide import decide
from pruning.types import Decision

SMALL_CLUSTER_BASE = 2.0


def select_small_clusters(sizes: np.ndarray, n: int, config: ScipConfig) -> frozenset[int]:
    """Cluster ids taken whole in step 1 of the rule (see the module docstring)."""
    budget = round(config.alpha * round(config.prune_fraction * n))
    taken = 0
    chosen = []
    for cluster in sorted(range(len(sizes)), key=lambda c: (int(sizes[c]), c)):
        size = int(sizes[cluster])
        if size == 0:
            continue
        if taken + size > budget:
            continue
        chosen.append(cluster)
        taken += size
    return frozenset(chosen)


def scip_score(cluster: int, distance: float, sizes: np.ndarray, selected: frozenset[int]) -> float:
    """Prune score of one record under the SCIP rule (see the module docstring)."""
    if cluster in selected:
        return SMALL_CLUSTER_BASE + 1.0 / max(1, int(sizes[cluster]))
    return float(distance)


def scip_scores(
    cluster: np.ndarray, distance: np.ndarray, sizes: np.ndarray, config: ScipConfig
) -> np.ndarray:
    """Vectorised :func:`scip_score` for a whole corpus."""
    cluster = np.asarray(cluster, dtype=np.int64)
    selected = select_small_clusters(sizes, len(cluster), config)
    mask = np.isin(cluster, np.fromiter(selected, dtype=np.int64, count=len(selected)))
    size_of = np.maximum(np.asarray(sizes)[cluster], 1)
    return np.where(mask, SMALL_CLUSTER_BASE + 1.0 / size_of, np.asarray(distance, np.float64))


def size_scores(cluster: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``-log(cluster size)``: records of small clusters score high."""
    return -np.log(np.maximum(np.asarray(sizes)[np.asarray(cluster, dtype=np.int64)], 1))


def scip_decide(
    ids: Sequence[str],
    cluster: np.ndarray,
    distance: np.ndarray,
    sizes: np.ndarray,
    config: ScipConfig | None = None,
) -> list[Decision]:
    """Decisions of the SCIP rule; pruned records say ``scip-small-cluster`` or
    ``scip-far-from-centroid``."""
    config = config or ScipConfig()
    scores = scip_scores(cluster, distance, sizes, config)

    def reason(i: int) -> str:
        small = scores[i] >= SMALL_CLUSTER_BASE
        return "scip-small-cluster" if small else "scip-far-from-centroid"

    return decide(ids, scores, fraction=config.prune_fraction, reason_for=reason)
