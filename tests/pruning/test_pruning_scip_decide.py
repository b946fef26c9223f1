import numpy as np
import pytest

from pruning.config import ScipConfig
from pruning.errors import ConfigError
from pruning.scores.decide import cutoff_for_fraction, decide, decide_one
from pruning.scores.scip import scip_decide, scip_scores, select_small_clusters


def _corpus():
    # cluster sizes: c0=50, c1=30, c2=10, c3=6, c4=4 -> n=100
    sizes = np.array([50, 30, 10, 6, 4])
    cluster = np.repeat(np.arange(5), sizes)
    rng = np.random.default_rng(0)
    distance = rng.uniform(0, 1, len(cluster)).astype(np.float32)
    ids = [f"r{i:03d}" for i in range(len(cluster))]
    return ids, cluster, distance, sizes


def test_small_clusters_are_taken_whole_smallest_first_within_budget():
    _, _cluster, _, sizes = _corpus()
    # p=0.2, alpha=0.8 -> budget 16: c4 (4) + c3 (6) = 10; c2 (10) would overshoot
    assert select_small_clusters(sizes, 100, ScipConfig()) == frozenset({3, 4})
    assert select_small_clusters(sizes, 100, ScipConfig(alpha=1.0)) == frozenset({2, 3, 4})
    assert select_small_clusters(sizes, 100, ScipConfig(prune_fraction=0.25)) == frozenset(
        {2, 3, 4}
    )
    assert select_small_clusters(sizes, 100, ScipConfig(alpha=0.0)) == frozenset()


def test_scip_rule_prunes_exactly_p_with_the_right_reasons():
    ids, cluster, distance, sizes = _corpus()
    decisions = scip_decide(ids, cluster, distance, sizes, ScipConfig())
    pruned = [d for d in decisions if not d.keep]
    assert len(pruned) == 20
    small = {d.id for d in pruned if d.reason == "scip-small-cluster"}
    assert small == {ids[i] for i in np.nonzero(np.isin(cluster, [3, 4]))[0]}
    far = [i for i, d in enumerate(decisions) if d.reason == "scip-far-from-centroid"]
    rest = [i for i in range(100) if cluster[i] not in (3, 4)]
    expected = sorted(rest, key=lambda i: -distance[i])[:10]
    assert sorted(far) == sorted(expected)


def test_scip_scores_rank_small_clusters_above_any_distance():
    _ids, cluster, distance, sizes = _corpus()
    scores = scip_scores(cluster, distance, sizes, ScipConfig())
    assert scores[cluster == 4].min() > scores[cluster == 3].min() > distance.max()
    assert np.allclose(scores[cluster == 0], distance[cluster == 0])


def test_decide_fraction_threshold_and_ties_by_id():
    ids = ["b", "a", "c", "d"]
    scores = np.array([1.0, 1.0, 0.5, np.nan])
    out = decide(ids, scores, fraction=0.25)
    assert [d.id for d in out if not d.keep] == ["a"]
    out = decide(ids, scores, threshold=0.5)
    assert {d.id for d in out if not d.keep} == {"a", "b", "c"}
    assert all(d.reason == "score-threshold" for d in out if not d.keep)
    assert decide(ids, scores, fraction=1.0)[3].keep  # NaN is never pruned by score
    with pytest.raises(ConfigError):
        decide(ids, scores)


def test_cutoff_lets_records_be_decided_one_by_one():
    rng = np.random.default_rng(1)
    ids = [f"{i:03d}" for i in range(200)]
    scores = np.round(rng.uniform(size=200), 1)  # many ties
    cutoff = cutoff_for_fraction(ids, scores, 0.3)
    one_by_one = {i for i, s in zip(ids, scores) if not decide_one(i, float(s), cutoff).keep}
    assert len(one_by_one) == 60
    assert one_by_one == {d.id for d in decide(ids, scores, fraction=0.3) if not d.keep}
