import numpy as np
import pytest
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from pruning.cluster import assign, cluster_sizes, fit_centroids
from pruning.config import ClusterConfig
from pruning.errors import DataError


def _blobs(n=1500, k=6, dim=24, seed=0):
    x, y = make_blobs(n, dim, centers=k, random_state=seed)
    x = x.astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True), y


def test_kmeans_recovers_blobs_and_is_deterministic():
    x, y = _blobs()
    config = ClusterConfig(k=6, seed=3, sample_size=1000, nredo=5)
    c1, c2 = fit_centroids(x, config), fit_centroids(x, config)
    assert np.array_equal(c1, c2)
    assert np.allclose(np.linalg.norm(c1, axis=1), 1, atol=1e-5)
    a = assign(x, c1, batch_size=128)
    assert adjusted_rand_score(y, a.cluster) > 0.99
    assert cluster_sizes(a.cluster, 6).sum() == len(x)


def test_assign_top2_matches_brute_force():
    x, _ = _blobs(400, 5)
    c = fit_centroids(x, ClusterConfig(k=5))
    a = assign(x, c, batch_size=64)
    sims = x @ c.T
    order = np.argsort(-sims, axis=1)
    assert np.array_equal(a.cluster, order[:, 0])
    assert np.array_equal(a.second_cluster, order[:, 1])
    assert np.allclose(a.distance, 1 - sims[np.arange(len(x)), order[:, 0]], atol=1e-5)
    assert np.all(a.second_distance >= a.distance)


def test_k_larger_than_n_is_clamped_and_k1_has_no_second():
    x, _ = _blobs(40, 2)
    assert fit_centroids(x[:5], ClusterConfig(k=50)).shape == (5, x.shape[1])
    a = assign(x, fit_centroids(x, ClusterConfig(k=1)))
    assert np.all(a.second_cluster == -1) and np.all(np.isinf(a.second_distance))


def test_bad_shapes_raise():
    with pytest.raises(DataError):
        fit_centroids(np.zeros((0, 4), dtype=np.float32))
    with pytest.raises(DataError):
        assign(np.zeros((3, 4), dtype=np.float32), np.zeros((2, 5), dtype=np.float32))
