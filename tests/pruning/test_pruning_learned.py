import pickle

import numpy as np
import pytest

from pruning.cluster import assign, cluster_sizes, fit_centroids
from pruning.config import ClusterConfig, ProbeConfig
from pruning.embed import FakeEncoder
from pruning.errors import DataError
from pruning.scores.features import FeatureBatch
from pruning.scores.learned import features_for_texts, train_scorers
from pruning.scores.linear import fit_linear
from pruning.scores.synthetic import make_synthetic
from pruning.signals.structural import structural_signals
from pruning.types import CodeRecord


def _records(n=80):
    out = []
    for i in range(n):
        text = (
            f"def compute_{i}(values, limit={i % 7 + 2}):\n"
            f"    total = 0\n"
            f"    for value in values:\n"
            f"        if value > limit and value != {i}:\n"
            f"            total = total + value * {i % 5 + 1}\n"
            f"    return total - {i % 3 + 1}\n"
        )
        out.append(CodeRecord(f"r{i:03d}", text, "python"))
    return out


def test_make_synthetic_is_deterministic_and_paired():
    records = _records(30)
    a = make_synthetic(records, 20, seed=1)
    assert a == make_synthetic(records, 20, seed=1)
    assert sum(a.labels) == len(a) // 2
    for _text, label, kind in zip(a.texts, a.labels, a.kinds):
        assert (kind == "") == (label == 0)
    assert make_synthetic(records, 20, kinds=["unbalance-quote"], seed=1).kinds == ()  # no strings


def test_linear_model_needs_both_classes_and_checks_width():
    with pytest.raises(DataError):
        fit_linear(np.ones((4, 2)), np.zeros(4), ["a", "b"])
    model = fit_linear(np.array([[0.0], [1.0], [0.1], [0.9]]), np.array([0, 1, 0, 1]), ["a"])
    assert model.probability(np.array([[1.0]]))[0] > 0.5 > model.probability(np.array([[0.0]]))[0]
    with pytest.raises(DataError):
        model.logit(np.ones((1, 3)))


def _clustered(records, dim, k):
    """A fake encoder and the corpus clustering: (encoder, centroids, sizes)."""
    enc = FakeEncoder(dim=dim)
    vectors = enc.encode([r.text for r in records])
    cents = fit_centroids(vectors, ClusterConfig(k=k))
    return enc, cents, cluster_sizes(assign(vectors, cents).cluster, len(cents))


def test_trained_scorers_rank_syntax_corruptions_high_and_pickle():
    records = _records()
    enc, cents, sizes = _clustered(records, 32, 4)
    config = ProbeConfig(sample_size=60, kinds=("drop-closing-bracket", "truncate"), seed=2)
    trained = train_scorers(records[:60], enc.encode, cents, sizes, config)
    trained = pickle.loads(pickle.dumps(trained))
    held = records[60:]
    broken = [r.text.replace("(values", "values", 1) for r in held]
    texts = [r.text for r in held] + broken
    batch = features_for_texts(texts, ["python"] * len(texts), enc.encode, cents, sizes)
    scores = trained.score(batch)
    assert set(scores) >= {
        "probe",
        "structural",
        "combined",
        "length",
        "scip-distance",
        "scip-size",
    }
    n = len(held)
    for method in ("probe", "structural", "combined"):
        assert scores[method][n:].min() > scores[method][:n].max(), method
    assert trained.combined.weights()["unparsable"] > 0


def test_train_scorers_refuses_tiny_inputs():
    enc = FakeEncoder(dim=8)
    with pytest.raises(DataError, match="synthetic examples"):
        train_scorers(_records(3), enc.encode, np.eye(8, dtype=np.float32)[:2], np.array([2, 1]))


def test_naturalness_needs_texts_and_is_optional():
    records = _records()
    enc, cents, sizes = _clustered(records, 16, 3)
    config = ProbeConfig(sample_size=60, seed=1)
    trained = train_scorers(records[:60], enc.encode, cents, sizes, config)
    assert trained.corpus is not None
    assert len(pickle.dumps(trained)) < 2_000_000
    texts = [r.text for r in records[60:]]
    with_texts = features_for_texts(texts, ["python"] * len(texts), enc.encode, cents, sizes)
    scores = trained.score(with_texts)
    assert np.ptp(scores["naturalness"]) > 0
    # the pipeline's call, without texts: naturalness features sit at their training mean
    bare = FeatureBatch.build(
        with_texts.embeddings,
        [structural_signals(t, "python") for t in texts],
        with_texts.distance,
        with_texts.cluster_size,
    )
    plain = trained.score(bare)
    assert "naturalness" not in plain and set(plain) >= {"probe", "structural", "combined"}
    assert np.array_equal(plain["structural"], scores["structural"])
    filled = trained.corpus_features(bare)
    assert filled is not None and np.allclose(filled, trained.corpus_mean)
    with pytest.raises(DataError, match="both texts and languages"):
        FeatureBatch.build(bare.embeddings, [], bare.distance, bare.cluster_size, texts=texts)
    off = train_scorers(records[:60], enc.encode, cents, sizes, ProbeConfig(60, ngram_order=0))
    assert off.corpus is None and "naturalness" not in off.score(with_texts)
    weights = trained.combined.weights()
    assert "lm_mean_bits" in weights and "site_cmp" in weights and "misspelt_name" in weights
