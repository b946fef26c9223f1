"""Spherical k-means with faiss: fit on a sample, assign everything in batches.

:func:`fit_centroids` returns unit-norm centroids (a small float32 array that a Beam pipeline
passes as a side input); :func:`assign` gives, for a batch of unit vectors, the top-1 and top-2
centroids and the cosine distances ``1 - cos`` to them. Both are deterministic for a seed:
the sample is drawn with ``numpy.random.default_rng(seed)`` and faiss is seeded and run
single-threaded inside the fit.

``k`` larger than the number of sampled vectors is clamped to that number (with a warning in
the log), because faiss refuses to fit more centroids than points; a fit on zero vectors
raises :class:`pruning.errors.DataError`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from pruning.config import ClusterConfig
from pruning.embed import normalize
from pruning.errors import DataError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Assignments:
    """Column-wise cluster assignments of ``n`` vectors (top-1 and top-2)."""

    cluster: np.ndarray  # int64 (n,)
    distance: np.ndarray  # float32 (n,), cosine distance to the top-1 centroid
    second_cluster: np.ndarray  # int64 (n,), -1 when k == 1
    second_distance: np.ndarray  # float32 (n,), inf when k == 1

    def __len__(self) -> int:
        return len(self.cluster)


def sample_indices(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a uniform sample of ``min(n, size)`` out of ``n`` rows."""
    if n <= size:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=size, replace=False))


def fit_centroids(vectors: np.ndarray, config: ClusterConfig | None = None) -> np.ndarray:
    """Fit spherical k-means on (a sample of) ``vectors``; unit-norm centroids ``(k', d)``.

    ``vectors`` are re-normalised; ``k' = min(k, sample size)``. Cluster ids are the row
    numbers of the result, ordered as faiss produced them.
    """
    import faiss

    config = config or ClusterConfig()
    data = np.asarray(vectors, dtype=np.float32)
    if data.ndim != 2 or len(data) == 0:
        raise DataError(f"k-means needs a non-empty 2-D array of vectors, got shape {data.shape}")
    sample = normalize(data[sample_indices(len(data), config.sample_size, config.seed)])
    k = min(config.k, len(sample))
    if k < config.k:
        log.warning("k=%d clamped to %d: only %d vectors to fit on", config.k, k, len(sample))
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        kmeans = faiss.Kmeans(
            sample.shape[1],
            k,
            niter=config.niter,
            nredo=config.nredo,
            spherical=True,
            seed=config.seed,
            max_points_per_centroid=max(256, -(-len(sample) // k)),
            verbose=False,
        )
        kmeans.train(sample)
    finally:
        faiss.omp_set_num_threads(threads)
    centroids = kmeans.centroids
    assert centroids is not None  # set by train()
    return normalize(centroids)


def assign(vectors: np.ndarray, centroids: np.ndarray, batch_size: int = 65_536) -> Assignments:
    """Top-1/top-2 centroid of each unit vector, by inner product, in batches of rows."""
    data = np.asarray(vectors, dtype=np.float32)
    cents = np.asarray(centroids, dtype=np.float32)
    if data.ndim != 2 or cents.ndim != 2 or data.shape[1] != cents.shape[1]:
        raise DataError(
            f"vectors {data.shape} and centroids {cents.shape} must be 2-D with equal widths"
        )
    n, k = len(data), len(cents)
    top = np.full((n, 2), -1, dtype=np.int64)
    sims = np.full((n, 2), -np.inf, dtype=np.float32)
    take = min(2, k)
    for start in range(0, n, batch_size):
        block = data[start : start + batch_size] @ cents.T
        if take == 1:
            idx = np.zeros((len(block), 1), dtype=np.int64)
        else:
            idx = np.argpartition(-block, 1, axis=1)[:, :2]
        vals = np.take_along_axis(block, idx, axis=1)
        swap = vals[:, 0] < vals[:, -1]
        idx[swap] = idx[swap][:, ::-1]
        vals[swap] = vals[swap][:, ::-1]
        top[start : start + len(block), :take] = idx[:, :take]
        sims[start : start + len(block), :take] = vals[:, :take]
    distance = np.clip(1.0 - sims, 0.0, 2.0).astype(np.float32)
    distance[top < 0] = np.inf
    return Assignments(top[:, 0], distance[:, 0], top[:, 1], distance[:, 1])


def cluster_sizes(cluster: np.ndarray, k: int) -> np.ndarray:
    """Members per cluster id ``0..k-1`` (int64)."""
    return np.bincount(np.asarray(cluster, dtype=np.int64), minlength=k).astype(np.int64)
