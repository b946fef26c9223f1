"""Learned scorers trained on the synthetic task: ``probe``, ``structural`` and ``combined``.

* ``probe`` — logistic regression on the embedding plus the structural features;
* ``structural`` — logistic regression on the structural features alone;
* ``combined`` — logistic regression on a few interpretable inputs: the probe's log-odds,
  the structural features and the SCIP geometry (distance to centroid, log cluster size).
  The probe log-odds it is trained on are *out-of-fold* (5-fold, grouped by source record),
  so the combiner learns how far to trust the probe on texts it has not seen.

All weights are fit on (clean, corrupted) pairs generated from a sample of the corpus
(:mod:`pruning.scores.synthetic`) — never on labels of the corpus being evaluated. The
result, :class:`TrainedScorers`, holds only numpy arrays: pickle it, ship it as a Beam side
input, and call :meth:`TrainedScorers.score` on any batch of records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from pruning.cluster import assign
from pruning.config import ProbeConfig
from pruning.errors import DataError
from pruning.scores.features import GEOMETRY_NAMES, FeatureBatch, embedding_names
from pruning.scores.linear import LinearModel, fit_linear
from pruning.scores.synthetic import SyntheticSet, make_synthetic
from pruning.structural import FEATURE_NAMES, structural_signals
from pruning.types import CodeRecord

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, eq=False)
class TrainedScorers:
    """The fitted models; :meth:`score` gives every learned and baseline score."""

    probe: LinearModel
    structural: LinearModel
    combined: LinearModel
    training_examples: int
    use_embedding: bool = True

    def score(self, batch: FeatureBatch) -> dict[str, np.ndarray]:
        """Scores by method for a batch (higher = prune first)."""
        probe_logit = self.probe.logit(_probe_inputs(batch, self.use_embedding))
        return {
            "probe": probe_logit,
            "structural": self.structural.logit(batch.structural),
            "combined": self.combined.logit(_combined_inputs(batch, probe_logit)),
            **baseline_scores(batch),
        }


def baseline_scores(batch: FeatureBatch) -> dict[str, np.ndarray]:
    """Scores that need no training: length in tokens and the two SCIP signals."""
    return {
        "length": batch.n_tokens.astype(np.float64),
        "scip-distance": batch.distance.astype(np.float64),
        "scip-size": -np.log(np.maximum(batch.cluster_size, 1)),
    }


def _probe_inputs(batch: FeatureBatch, use_embedding: bool = True) -> np.ndarray:
    if not use_embedding:
        return batch.structural
    return np.hstack([batch.embeddings, batch.structural])


def _combined_inputs(batch: FeatureBatch, probe_logit: np.ndarray) -> np.ndarray:
    return np.column_stack([probe_logit, batch.structural, batch.geometry()])


def features_for_texts(
    texts: Sequence[str],
    languages: Sequence[str],
    embed: Embed,
    centroids: np.ndarray,
    sizes: np.ndarray,
) -> FeatureBatch:
    """Embed, measure and place ``texts`` against the corpus clustering (centroids, sizes)."""
    vectors = embed(list(texts))
    signals = [structural_signals(t, lang) for t, lang in zip(texts, languages)]
    found = assign(vectors, centroids)
    return FeatureBatch.build(vectors, signals, found.distance, np.asarray(sizes)[found.cluster])


def train_scorers(
    records: Sequence[CodeRecord],
    embed: Embed,
    centroids: np.ndarray,
    sizes: np.ndarray,
    config: ProbeConfig | None = None,
) -> TrainedScorers:
    """Generate the synthetic task from ``records`` and fit the three learned scorers."""
    config = config or ProbeConfig()
    synthetic = make_synthetic(
        records, config.sample_size, config.kinds, config.per_record, config.seed
    )
    if len(synthetic) < 10:
        raise DataError(
            f"only {len(synthetic)} synthetic examples could be made; need at least 10",
            hint="use a larger sample or more records",
        )
    batch = features_for_texts(synthetic.texts, synthetic.languages, embed, centroids, sizes)
    return fit_scorers(batch, synthetic, config)


def fit_scorers(
    batch: FeatureBatch, synthetic: SyntheticSet, config: ProbeConfig
) -> TrainedScorers:
    """Fit probe, structural and combined models on precomputed features of ``synthetic``."""
    labels = np.asarray(synthetic.labels)
    groups = np.asarray(synthetic.group)
    dim = batch.embeddings.shape[1] if config.use_embedding else 0
    probe_names = [*embedding_names(dim), *FEATURE_NAMES]
    inputs = _probe_inputs(batch, config.use_embedding)
    probe = fit_linear(inputs, labels, probe_names, config.c, config.seed, groups)
    oof = _out_of_fold_logits(inputs, labels, groups, probe_names, probe.c, config.seed)
    structural = fit_linear(batch.structural, labels, FEATURE_NAMES, config.c, config.seed, groups)
    combined_names = ["probe_logit", *FEATURE_NAMES, *GEOMETRY_NAMES]
    combined = fit_linear(
        _combined_inputs(batch, oof), labels, combined_names, config.c, config.seed, groups
    )
    return TrainedScorers(probe, structural, combined, len(labels), config.use_embedding)


def _out_of_fold_logits(
    inputs: np.ndarray,
    labels: np.ndarray,
    groups: np.ndarray,
    names: list[str],
    c: float,
    seed: int,
    folds: int = 5,
) -> np.ndarray:
    """Probe log-odds for each example from a probe that never saw its source record."""
    fold_of_group = np.random.default_rng(seed).permutation(groups.max() + 1) % folds
    fold = fold_of_group[groups]
    out = np.zeros(len(labels))
    for k in range(folds):
        test = fold == k
        if not test.any() or len(np.unique(labels[~test])) < 2:
            continue
        model = fit_linear(inputs[~test], labels[~test], names, c, seed)
        out[test] = model.logit(inputs[test])
    return out
