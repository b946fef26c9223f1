"""Learned scorers trained on the synthetic task: ``probe``, ``structural``, ``naturalness``
and ``combined``.

* ``probe`` — logistic regression on the embedding, the structural features and the
  corpus features (naturalness, site detectors, misspelt names: :mod:`pruning.signals.
  corpus`);
* ``structural`` — logistic regression on the structural features alone;
* ``naturalness`` — logistic regression on the naturalness features alone;
* ``combined`` — logistic regression on interpretable inputs: the probe's log-odds, the
  structural and corpus features and the SCIP geometry (distance to centroid, log cluster
  size). The probe log-odds it is trained on are *out-of-fold* (5 folds grouped by source
  record), so the combiner learns how far to trust the probe on texts it has not seen.

Hard evidence leads (:mod:`pruning.scores.evidence`): a record that does not parse ranks
above every record that parses, and one with a certain check above every record without,
in every learned score — the score is ``tier * 100 + log-odds``. The combined log-odds is
also calibrated to a likelihood ratio of "corrupted" (:mod:`pruning.scores.calibration`).

The corpus statistics are trained on the records given to :func:`train_scorers`. A
:class:`FeatureBatch` built without ``texts``/``languages`` gets each corpus feature set to
its training mean, so it contributes nothing (and no ``naturalness`` score is given). With
``ProbeConfig(ngram_order=0)`` there are no corpus statistics at all.

All weights are fit on (clean, corrupted) pairs generated from a sample of the corpus
(:mod:`pruning.scores.synthetic`) — never on labels of the corpus being evaluated. The
result, :class:`TrainedScorers`, holds only numpy arrays: pickle it, ship it as a Beam side
input, and call :meth:`TrainedScorers.explain` (scores and a finding per record) on any
batch of records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from pruning.cluster import assign
from pruning.config import ProbeConfig
from pruning.errors import DataError
from pruning.languages import parse_check
from pruning.scores import evidence
from pruning.scores.calibration import Calibration, fit_calibration
from pruning.scores.features import GEOMETRY_NAMES, FeatureBatch, embedding_names
from pruning.scores.linear import LinearModel, fit_linear
from pruning.scores.synthetic import SyntheticSet, make_synthetic, sources
from pruning.signals.corpus import CORPUS_NAMES, CorpusModel, train_corpus_model
from pruning.signals.naturalness import NATURALNESS_NAMES
from pruning.signals.structural import FEATURE_NAMES, structural_signals
from pruning.types import CodeRecord

Embed = Callable[[Sequence[str]], np.ndarray]
LEARNED_SCORES = ("probe", "structural", "naturalness", "combined")


@dataclass(frozen=True)
class Explained:
    """Scores of a batch by method, with per record its evidence tier, ``log_lr`` (log
    likelihood ratio of "corrupted"), the most telling finding and the two inputs that
    pushed the combined score up most (``None`` when nothing stands out)."""

    scores: dict[str, np.ndarray]
    tier: np.ndarray
    log_lr: np.ndarray
    findings: list[str | None]
    top_signals: list[str | None]


@dataclass(frozen=True, eq=False)
class TrainedScorers:
    """The fitted models (see the module docstring).

    ``corpus`` and ``naturalness`` are ``None`` when trained with ``ngram_order=0``;
    ``corpus_mean`` holds the training mean of each corpus feature (what a batch without
    texts gets); ``evidence_checks`` are the certain checks that stay certain for this
    corpus, ``check_rates`` their rates in its sample.
    """

    probe: LinearModel
    structural: LinearModel
    combined: LinearModel
    training_examples: int
    calibration: Calibration
    use_embedding: bool = True
    naturalness: LinearModel | None = None
    corpus: CorpusModel | None = None
    corpus_mean: np.ndarray | None = None
    evidence_checks: tuple[str, ...] = evidence.CERTAIN_CHECKS
    check_rates: tuple[tuple[str, float], ...] = ()
    demoted_checks: evidence.Demoted = ()
    dropped_sources: int = 0  # left out of the final fit as probably not clean

    def score(self, batch: FeatureBatch) -> dict[str, np.ndarray]:
        """Scores by method for a batch (higher = prune first); ``naturalness`` only when
        the scorers have corpus statistics and the batch has texts."""
        return self.explain(batch).scores

    def explain(self, batch: FeatureBatch) -> Explained:
        """Scores, evidence tiers, likelihood ratios and findings of a batch."""
        corpus, findings = self._corpus_features(batch)
        tier = evidence.tiers(
            batch.structural, self.evidence_checks, batch.languages, self.demoted_checks
        )
        probe_logit = self.probe.logit(_probe_inputs(batch, corpus, self.use_embedding))
        combined_inputs = _combined_inputs(batch, corpus, probe_logit)
        combined = self.combined.logit(combined_inputs)
        raw = {
            "probe": probe_logit,
            "structural": self.structural.logit(batch.structural),
            "combined": combined,
        }
        if self.naturalness is not None and corpus is not None and batch.texts is not None:
            raw["naturalness"] = self.naturalness.logit(corpus[:, : len(NATURALNESS_NAMES)])
        scores = {name: evidence.ranked(value, tier) for name, value in raw.items()}
        scores.update(baseline_scores(batch))
        return Explained(
            scores,
            tier,
            self.calibration.log_lr(combined, tier),
            findings,
            top_contributions(self.combined, combined_inputs),
        )

    def _corpus_features(self, batch: FeatureBatch) -> tuple[np.ndarray | None, list[str | None]]:
        nothing: list[str | None] = [None] * len(batch)
        if self.corpus is None or self.corpus_mean is None:
            return None, nothing
        if batch.texts is None or batch.languages is None:
            return np.tile(self.corpus_mean, (len(batch), 1)), nothing
        found = self.corpus.analyse(batch.texts, batch.languages)
        return found.features, [f.describe() if f is not None else None for f in found.findings]

    def corpus_features(self, batch: FeatureBatch) -> np.ndarray | None:
        """``(n, len(CORPUS_NAMES))`` for the batch (training means without texts)."""
        return self._corpus_features(batch)[0]


def top_contributions(model: LinearModel, inputs: np.ndarray, count: int = 2) -> list[str | None]:
    """The ``count`` inputs that raise each row's log-odds most, with their values, e.g.
    ``site_cmp=3.10 (+1.24), lm_top3_bits=17.52 (+0.61)``."""
    x = np.atleast_2d(inputs)
    parts = ((x - model.mean) / model.scale) * model.coef
    out: list[str | None] = []
    for row, values in zip(parts, x):
        order = [i for i in np.argsort(-row)[:count] if row[i] > 0.05]
        text = ", ".join(f"{model.feature_names[i]}={values[i]:.2f} (+{row[i]:.2f})" for i in order)
        out.append(text or None)
    return out


def baseline_scores(batch: FeatureBatch) -> dict[str, np.ndarray]:
    """Scores that need no training: length in tokens and the two SCIP signals."""
    return {
        "length": batch.n_tokens.astype(np.float64),
        "scip-distance": batch.distance.astype(np.float64),
        "scip-size": -np.log(np.maximum(batch.cluster_size, 1)),
    }


def _probe_inputs(
    batch: FeatureBatch, corpus: np.ndarray | None, use_embedding: bool = True
) -> np.ndarray:
    parts = [batch.embeddings] if use_embedding else []
    parts.append(batch.structural)
    if corpus is not None:
        parts.append(corpus)
    return np.hstack(parts)


def _combined_inputs(
    batch: FeatureBatch, corpus: np.ndarray | None, probe_logit: np.ndarray
) -> np.ndarray:
    parts = [probe_logit[:, None], batch.structural]
    if corpus is not None:
        parts.append(corpus)
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
    the batch keeps the texts, so scorers with corpus statistics see them."""
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


def parses(record: CodeRecord) -> bool:
    """Whether a record may stand for clean code in the synthetic task: it parses (or its
    language has no parser)."""
    return parse_check(record.text, record.language)[0] is not False


def train_scorers(
    records: Sequence[CodeRecord],
    embed: Embed,
    centroids: np.ndarray,
    sizes: np.ndarray,
    config: ProbeConfig | None = None,
) -> TrainedScorers:
    """Generate the synthetic task from ``records`` and fit the learned scorers; the corpus
    statistics (n-gram model, identifier table, site model) are trained on ``records``."""
    config = config or ProbeConfig()
    synthetic = make_synthetic(
        records, config.sample_size, config.kinds, config.per_record, config.seed, parses
    )
    if len(synthetic) < 10:
        raise DataError(
            f"only {len(synthetic)} synthetic examples could be made; need at least 10",
            hint="use a larger sample or more records",
        )
    model = None
    if config.ngram_order:
        model = train_corpus_model(
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
    corpus_model: CorpusModel | None = None,
) -> TrainedScorers:
    """Fit the models on precomputed features of ``synthetic``; with corpus statistics,
    the corpus features of each example are computed without its source record's counts
    (leave-one-out), as they would be for a record the model never saw.

    The clean side of the synthetic task is the corpus itself, which is not clean: a bad
    record labelled clean caps how sure any model can become. So the models are fit twice
    (*confident learning*, Northcutt, Jiang & Chuang, JAIR 2021): sources whose clean text
    a model that never saw them finds more likely corrupted than not (out-of-fold combined
    probability >= 0.5; at most :data:`MAX_DROPPED` of the sources) leave the task, with
    their corruptions, before the final fit.
    """
    labels = np.asarray(synthetic.labels)
    groups = np.asarray(synthetic.group)
    corpus = None
    if corpus_model is not None:
        exclude = sources(synthetic)
        corpus = corpus_model.analyse(synthetic.texts, synthetic.languages, exclude).features
    first = _fit_models(batch, corpus, labels, groups, config)
    keep = _confident(first.combined_oof, labels, groups)
    fitted = first
    if not keep.all():
        rows = np.nonzero(keep)[0]
        subset = None if corpus is None else corpus[rows]
        fitted = _fit_models(batch.select(rows), subset, labels[rows], groups[rows], config)
    clean = labels == 0
    clean_languages = [lang for lang, c in zip(synthetic.languages, clean) if c]
    checks, rates, demoted = evidence.qualifying_checks(batch.structural[clean], clean_languages)
    return TrainedScorers(
        fitted.probe,
        fitted.structural,
        fitted.combined,
        int(keep.sum()),
        fitted.calibration(checks, synthetic.languages, demoted, keep),
        config.use_embedding,
        fitted.naturalness,
        corpus_model,
        corpus.mean(axis=0) if corpus is not None else None,
        checks,
        tuple(sorted(rates.items())),
        demoted,
        int(len(np.unique(groups)) - len(np.unique(groups[keep]))),
    )


MAX_DROPPED = 0.25


def _confident(oof: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Rows to keep: every row but those of sources whose clean example looks corrupted
    out of fold (the most suspicious first, at most :data:`MAX_DROPPED` of the sources)."""
    clean = np.nonzero(labels == 0)[0]
    suspicious = clean[oof[clean] >= 0.0]
    suspicious = suspicious[np.argsort(-oof[suspicious])]
    limit = int(MAX_DROPPED * len(np.unique(groups)))
    dropped = set(groups[suspicious[:limit]].tolist())
    return np.array([g not in dropped for g in groups.tolist()], dtype=bool)


@dataclass(frozen=True)
class _Fitted:
    """The models of one fit, with what calibration needs."""

    probe: LinearModel
    structural: LinearModel
    combined: LinearModel
    naturalness: LinearModel | None
    combined_oof: np.ndarray
    labels: np.ndarray
    structural_features: np.ndarray

    def calibration(
        self,
        checks: Sequence[str],
        languages: Sequence[str],
        demoted: evidence.Demoted,
        rows: np.ndarray,
    ) -> Calibration:
        """Calibration of the combined log-odds, tiers counted with ``checks`` (``languages``
        of every synthetic example; ``rows`` the ones this fit kept)."""
        kept = [lang for lang, keep in zip(languages, rows) if keep]
        tier = evidence.tiers(self.structural_features, checks, kept, demoted)
        return fit_calibration(self.combined_oof, self.labels, tier)


def _fit_models(
    batch: FeatureBatch,
    corpus: np.ndarray | None,
    labels: np.ndarray,
    groups: np.ndarray,
    config: ProbeConfig,
) -> _Fitted:
    corpus_names = list(CORPUS_NAMES) if corpus is not None else []
    dim = batch.embeddings.shape[1] if config.use_embedding else 0
    probe_names = [*embedding_names(dim), *FEATURE_NAMES, *corpus_names]
    inputs = _probe_inputs(batch, corpus, config.use_embedding)
    probe = fit_linear(inputs, labels, probe_names, config.c, config.seed, groups)
    oof = _out_of_fold_logits(inputs, labels, groups, probe_names, probe.c, config.seed)
    structural = fit_linear(batch.structural, labels, FEATURE_NAMES, config.c, config.seed, groups)
    combined_names = ["probe_logit", *FEATURE_NAMES, *corpus_names, *GEOMETRY_NAMES]
    combined_inputs = _combined_inputs(batch, corpus, oof)
    combined = fit_linear(combined_inputs, labels, combined_names, config.c, config.seed, groups)
    combined_oof = _out_of_fold_logits(
        combined_inputs, labels, groups, combined_names, combined.c, config.seed
    )
    naturalness = None
    if corpus is not None:
        nat = corpus[:, : len(NATURALNESS_NAMES)]
        naturalness = fit_linear(
            nat, labels, list(NATURALNESS_NAMES), config.c, config.seed, groups
        )
    return _Fitted(probe, structural, combined, naturalness, combined_oof, labels, batch.structural)


def _out_of_fold_logits(
    inputs: np.ndarray,
    labels: np.ndarray,
    groups: np.ndarray,
    names: list[str],
    c: float,
    seed: int,
    folds: int = 5,
) -> np.ndarray:
    """Log-odds for each example from a model that never saw its source record."""
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
