"""Learned scorers trained on the synthetic task: ``probe``, ``structural``, ``naturalness``
and ``combined``.

* ``probe`` — logistic regression on the embedding, the structural features and the
  naturalness features;
* ``structural`` — logistic regression on the structural features alone;
* ``naturalness`` — logistic regression on the naturalness features alone (surprisal under
  a token n-gram model of the training sample, :mod:`pruning.signals.naturalness`);
* ``combined`` — logistic regression on a few interpretable inputs: the probe's log-odds,
  the structural and naturalness features and the SCIP geometry (distance to centroid, log
  cluster size). The probe log-odds it is trained on are *out-of-fold* (5-fold, grouped by
  source record), so the combiner learns how far to trust the probe on texts it has not
  seen.

The language model is trained on the records given to :func:`train_scorers` and is part of
:class:`TrainedScorers`. Naturalness features need the texts: a :class:`FeatureBatch` built
without ``texts``/``languages`` gets each naturalness feature set to its training mean, so
it contributes nothing and the other inputs decide (and no ``naturalness`` score is given).
With ``ProbeConfig(ngram_order=0)`` there is no language model and no naturalness score.

All weights are fit on (clean, corrupted) pairs generated from a sample of the corpus
(:mod:`pruning.scores.synthetic`) — never on labels of the corpus being evaluated. The
result, :class:`TrainedScorers`, holds only numpy arrays (the language model included:
about 12 MiB at most at the default budget, see ``docs/pruning.md``): pickle it, ship it
as a Beam side input, and call :meth:`TrainedScorers.score` on any batch of records.
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
from pruning.scores.synthetic import SyntheticSet, make_synthetic, sources
from pruning.signals.naturalness import NATURALNESS_NAMES, NgramModel, train_ngram
from pruning.signals.structural import FEATURE_NAMES, structural_signals
from pruning.types import CodeRecord

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True, eq=False)
class TrainedScorers:
    """The fitted models; :meth:`score` gives every learned and baseline score.

    ``language_model`` and ``naturalness`` are ``None`` when the scorers were trained with
    ``ngram_order=0``; ``naturalness_mean`` holds the training mean of each naturalness
    feature (what a batch without texts gets).
    """

    probe: LinearModel
    structural: LinearModel
    combined: LinearModel
    training_examples: int
    use_embedding: bool = True
    naturalness: LinearModel | None = None
    language_model: NgramModel | None = None
    naturalness_mean: np.ndarray | None = None

    def score(self, batch: FeatureBatch) -> dict[str, np.ndarray]:
        """Scores by method for a batch (higher = prune first); ``naturalness`` only when
        the scorers have a language model and the batch has texts."""
        natural = self.naturalness_features(batch)
        probe_logit = self.probe.logit(_probe_inputs(batch, natural, self.use_embedding))
        out = {
            "probe": probe_logit,
            "structural": self.structural.logit(batch.structural),
            "combined": self.combined.logit(_combined_inputs(batch, natural, probe_logit)),
            **baseline_scores(batch),
        }
        if self.naturalness is not None and natural is not None and batch.texts is not None:
            out["naturalness"] = self.naturalness.logit(natural)
        return out

    def naturalness_features(self, batch: FeatureBatch) -> np.ndarray | None:
        """``(n, len(NATURALNESS_NAMES))`` for the batch: from its texts when it has them,
        else the training means; ``None`` without a language model."""
        if self.language_model is None or self.naturalness_mean is None:
            return None
        if batch.texts is None or batch.languages is None:
            return np.tile(self.naturalness_mean, (len(batch), 1))
        return self.language_model.features(batch.texts, batch.languages)


def baseline_scores(batch: FeatureBatch) -> dict[str, np.ndarray]:
    """Scores that need no training: length in tokens and the two SCIP signals."""
    return {
        "length": batch.n_tokens.astype(np.float64),
        "scip-distance": batch.distance.astype(np.float64),
        "scip-size": -np.log(np.maximum(batch.cluster_size, 1)),
    }


def _probe_inputs(
    batch: FeatureBatch, natural: np.ndarray | None, use_embedding: bool = True
) -> np.ndarray:
    parts = [batch.embeddings] if use_embedding else []
    parts.append(batch.structural)
    if natural is not None:
        parts.append(natural)
    return np.hstack(parts)


def _combined_inputs(
    batch: FeatureBatch, natural: np.ndarray | None, probe_logit: np.ndarray
) -> np.ndarray:
    parts = [probe_logit[:, None], batch.structural]
    if natural is not None:
        parts.append(natural)
    parts.append(batch.geometry())
    return np.hstack(parts)


def features_for_texts(
    texts: Sequence[str],
    languages: Sequence[str],
    embed: Embed,
    centroids: np.ndarray,
    sizes: np.ndarray,
) -> FeatureBatch:
    """Embed, measure and place ``texts`` against the corpus clustering (centroids, sizes);
    the batch keeps the texts, so scorers with a language model see naturalness."""
    vectors = embed(list(texts))
    signals = [structural_signals(t, lang) for t, lang in zip(texts, languages)]
    found = assign(vectors, centroids)
    return FeatureBatch.build(
        vectors,
        signals,
        found.distance,
        np.asarray(sizes)[found.cluster],
        texts=texts,
        languages=languages,
    )


def train_scorers(
    records: Sequence[CodeRecord],
    embed: Embed,
    centroids: np.ndarray,
    sizes: np.ndarray,
    config: ProbeConfig | None = None,
) -> TrainedScorers:
    """Generate the synthetic task from ``records`` and fit the learned scorers; the
    language model of the naturalness features is trained on ``records`` too."""
    config = config or ProbeConfig()
    synthetic = make_synthetic(
        records, config.sample_size, config.kinds, config.per_record, config.seed
    )
    if len(synthetic) < 10:
        raise DataError(
            f"only {len(synthetic)} synthetic examples could be made; need at least 10",
            hint="use a larger sample or more records",
        )
    model = None
    if config.ngram_order:
        model = train_ngram(
            [r.text for r in records],
            [r.language for r in records],
            config.ngram_order,
            config.ngram_vocab,
            config.ngram_max_tokens,
        )
    batch = features_for_texts(synthetic.texts, synthetic.languages, embed, centroids, sizes)
    return fit_scorers(batch, synthetic, config, model)


def fit_scorers(
    batch: FeatureBatch,
    synthetic: SyntheticSet,
    config: ProbeConfig,
    language_model: NgramModel | None = None,
) -> TrainedScorers:
    """Fit the models on precomputed features of ``synthetic``; with a language model, the
    naturalness features of each example are computed without its source record's counts
    (leave-one-out), as they would be for a record the model never saw."""
    labels = np.asarray(synthetic.labels)
    groups = np.asarray(synthetic.group)
    natural = None
    if language_model is not None:
        exclude = sources(synthetic)
        natural = language_model.features(synthetic.texts, synthetic.languages, exclude)
    nat_names = list(NATURALNESS_NAMES) if natural is not None else []
    dim = batch.embeddings.shape[1] if config.use_embedding else 0
    probe_names = [*embedding_names(dim), *FEATURE_NAMES, *nat_names]
    inputs = _probe_inputs(batch, natural, config.use_embedding)
    probe = fit_linear(inputs, labels, probe_names, config.c, config.seed, groups)
    oof = _out_of_fold_logits(inputs, labels, groups, probe_names, probe.c, config.seed)
    structural = fit_linear(batch.structural, labels, FEATURE_NAMES, config.c, config.seed, groups)
    combined_names = ["probe_logit", *FEATURE_NAMES, *nat_names, *GEOMETRY_NAMES]
    combined = fit_linear(
        _combined_inputs(batch, natural, oof), labels, combined_names, config.c, config.seed, groups
    )
    if natural is None:
        return TrainedScorers(probe, structural, combined, len(labels), config.use_embedding)
    naturalness = fit_linear(natural, labels, nat_names, config.c, config.seed, groups)
    return TrainedScorers(
        probe,
        structural,
        combined,
        len(labels),
        config.use_embedding,
        naturalness,
        language_model,
        natural.mean(axis=0),
    )


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
