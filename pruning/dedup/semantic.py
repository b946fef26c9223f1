"""Semantic deduplication (SemDeDup) with blocked pairwise similarity inside clusters.

Within a block, records are ranked by one *global* key — ``(priority, id)``, lower first —
and a record is removed when its cosine similarity to any record ranked before it is at or
above ``threshold`` (a similarity, not SemDeDup's ``1 - eps``). Its group representative is
found by following "first similar record ranked before me" links to a record that has none.
Because the ranking is global, a record that appears in two blocks (top-2 assignment, split
clusters) is judged consistently, and :func:`pruning.dedup.merge_groups` can combine blocks.

Similarities are computed ``rows x block`` at a time, never as a full ``n x n`` matrix; a
cluster larger than ``max_block`` is split by :func:`split_cluster` (k-means with top-2
membership, so near pairs across the split still meet in one block).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from pruning.config import ClusterConfig, DedupConfig
from pruning.dedup.groups import merge_groups
from pruning.types import DuplicateGroup

#: Upper bound on the number of float32 similarities held at once (64 MiB).
BLOCK_ELEMENTS = 1 << 24


def semantic_dedup_block(
    ids: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
    priority: Sequence[float] | np.ndarray | None = None,
    rule: str = "lowest-id",
) -> list[DuplicateGroup]:
    """SemDeDup groups among one block of unit vectors (see the module docstring).

    ``priority`` (lower = keep first) defaults to none, i.e. the lowest id is kept.
    """
    n = len(ids)
    if n < 2:
        return []
    keys = np.zeros(n) if priority is None else np.asarray(priority, dtype=np.float64)
    order = sorted(range(n), key=lambda i: (keys[i], ids[i]))
    data = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32)[order])
    parent, sims = _first_similar_earlier(data, threshold)
    root = list(range(n))
    for i in range(n):
        if parent[i] >= 0:
            root[i] = root[parent[i]]
    members: dict[int, list[int]] = {}
    for i in range(n):
        if parent[i] >= 0:
            members.setdefault(root[i], []).append(i)
    groups = []
    for head, removed in sorted(members.items()):
        names = tuple(sorted(ids[order[i]] for i in [head, *removed]))
        low = float(min(sims[i] for i in removed))
        groups.append(DuplicateGroup("semantic", ids[order[head]], names, rule, low))
    return groups


def _first_similar_earlier(data: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """For each row i, the first row j < i with ``data[i] . data[j] >= threshold`` (or -1)."""
    n = len(data)
    parent = np.full(n, -1, dtype=np.int64)
    best = np.zeros(n, dtype=np.float32)
    rows = max(1, BLOCK_ELEMENTS // max(1, n))
    for start in range(1, n, rows):
        stop = min(n, start + rows)
        sim = data[start:stop] @ data[:stop].T
        hit = sim >= threshold
        hit &= np.arange(stop)[None, :] < np.arange(start, stop)[:, None]
        any_hit = hit.any(axis=1)
        first = hit.argmax(axis=1)
        local = np.nonzero(any_hit)[0]
        parent[start + local] = first[local]
        best[start + local] = sim[local, first[local]]
    return parent, best


def split_cluster(
    vectors: np.ndarray, max_size: int, seed: int = 0, margin: float = 0.05, _depth: int = 0
) -> list[np.ndarray]:
    """Index blocks of about ``max_size`` rows that together cover ``vectors``.

    Sub-clusters come from spherical k-means; each point belongs to the block of its top-1
    sub-centroid and is also a guest in the block of its top-2 when the two cosine distances
    differ by less than ``margin`` (points near a boundary, where near pairs get split). The
    two points of a pair with cosine similarity ``s`` differ by at most ``sqrt(2 (1 - s))`` in
    their distance to any centroid, so a split pair is nearly always on a boundary and meets
    as owner and guest; a pair can still be lost when a third centroid lies between. When
    k-means cannot shrink a block (near-identical vectors) it is cut into contiguous chunks.
    """
    from pruning.cluster import assign, fit_centroids

    n = len(vectors)
    if n <= max_size:
        return [np.arange(n)]
    if _depth >= 4:
        return [np.arange(s, min(n, s + max_size)) for s in range(0, n, max_size)]
    k = max(2, math.ceil(n / (0.75 * max_size)))
    cents = fit_centroids(vectors, ClusterConfig(k=k, seed=seed, sample_size=50_000))
    found = assign(vectors, cents)
    guest = (found.second_distance - found.distance) < margin
    blocks: list[np.ndarray] = []
    for c in range(len(cents)):
        idx = np.nonzero((found.cluster == c) | (guest & (found.second_cluster == c)))[0]
        if len(idx) <= max_size:
            blocks.extend([idx] if len(idx) else [])
        elif len(idx) < n:
            subs = split_cluster(vectors[idx], max_size, seed + 1, margin, _depth + 1)
            blocks.extend(idx[sub] for sub in subs)
        else:
            blocks.extend(idx[s : s + max_size] for s in range(0, n, max_size))
    return blocks


def semantic_dedup(
    ids: Sequence[str],
    vectors: np.ndarray,
    cluster: np.ndarray,
    second_cluster: np.ndarray | None = None,
    distance: np.ndarray | None = None,
    config: DedupConfig | None = None,
) -> list[DuplicateGroup]:
    """SemDeDup over a whole corpus given its cluster assignment (top-2 when given).

    ``distance`` (cosine distance to the top-1 centroid) is needed for the
    ``closest-to-centroid`` / ``farthest-from-centroid`` keep rules of ``config``.
    """
    config = config or DedupConfig()
    priority = _priority(len(ids), distance, config.semantic_keep)
    cluster = np.asarray(cluster)
    groups: list[DuplicateGroup] = []
    for c in np.unique(cluster):
        mask = cluster == c
        if second_cluster is not None:
            mask |= np.asarray(second_cluster) == c
        idx = np.nonzero(mask)[0]
        for block in split_cluster(vectors[idx], config.max_block, config.seed):
            rows = idx[block]
            groups.extend(
                semantic_dedup_block(
                    [ids[i] for i in rows],
                    vectors[rows],
                    config.semantic_threshold,
                    priority[rows],
                    config.semantic_keep,
                )
            )
    return merge_groups(groups)


def _priority(n: int, distance: np.ndarray | None, rule: str) -> np.ndarray:
    if rule == "lowest-id":
        return np.zeros(n)
    if distance is None:
        raise ValueError(f"keep rule {rule!r} needs the distance to the centroid")
    dist = np.asarray(distance, dtype=np.float64)
    return dist if rule == "closest-to-centroid" else -dist
