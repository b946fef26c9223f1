"""From a combined score to a probability that a record is corrupted, and how many are.

The combined scorer is trained on a balanced synthetic task (one corruption per clean
record), so its log-odds answer "corrupted or clean, at even odds?". A real corpus has
its own share ``prior`` of bad records. Following Saerens, Latinne & Decaestecker (Neural
Computation 14(1), 2002, "Adjusting the outputs of a classifier to new a priori
probabilities"):

* **Likelihood ratio** — Platt scaling of the combined log-odds, fit *out of fold* on the
  synthetic task (:func:`fit_calibration`), gives ``log LR = a * logit + b -
  logit(synthetic prior)``. Records with hard evidence (:mod:`pruning.scores.evidence`)
  use their tier's likelihood ratio instead, counted on the synthetic task with add-one
  smoothing (a clean record that does not parse is rare, so the ratio is large).
* **Posterior** — ``P(corrupted) = sigmoid(log LR + logit(prior))``.
* **Prior** — estimated from the corpus itself by the EM of Saerens et al.
  (:func:`estimate_prior`): start at the stated prior, then repeatedly set the prior to the
  mean posterior of the corpus's records. A bootstrap over records gives an interval.
  :func:`estimate_prior` works on a histogram of ``log LR`` (:data:`BINS` bins), so a
  pipeline combines per-shard histograms instead of holding every score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

BINS = np.linspace(-30.0, 30.0, 1201)  # 0.05-wide bins of log LR
DEFAULT_PRIOR = 0.05


def logit(p: float) -> float:
    """``log(p / (1 - p))`` for p in (0, 1)."""
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Calibration:
    """Platt scaling of the combined log-odds and the likelihood ratio of each tier."""

    slope: float
    intercept: float
    synthetic_prior: float
    tier_log_lr: tuple[float, ...]  # by tier; index 0 is unused (learned scores decide)

    def log_lr(self, combined_logit: np.ndarray, tier: np.ndarray) -> np.ndarray:
        """Log likelihood ratio (corrupted vs clean) of each record."""
        learned = self.slope * combined_logit + self.intercept - logit(self.synthetic_prior)
        by_tier = np.asarray(self.tier_log_lr)[np.minimum(tier, len(self.tier_log_lr) - 1)]
        return np.where(tier > 0, np.maximum(by_tier, learned), learned)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (for ``scorers.json`` and the report)."""
        return {
            "slope": self.slope,
            "intercept": self.intercept,
            "synthetic_prior": self.synthetic_prior,
            "tier_log_lr": list(self.tier_log_lr),
        }


def posterior(log_lr: np.ndarray, prior: float) -> np.ndarray:
    """``P(corrupted)`` of records with these log likelihood ratios under ``prior``."""
    return 1.0 / (1.0 + np.exp(-(np.asarray(log_lr, dtype=np.float64) + logit(prior))))


def fit_calibration(
    oof_logit: np.ndarray, labels: np.ndarray, tier: np.ndarray, max_tier: int = 2
) -> Calibration:
    """Platt-scale out-of-fold combined log-odds on the synthetic task (tier-0 examples),
    and count each tier's likelihood ratio there."""
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels, dtype=np.int64)
    plain = tier == 0
    slope, intercept = 1.0, 0.0
    if len(np.unique(labels[plain])) == 2:
        model = LogisticRegression(C=1e4, max_iter=1000)
        model.fit(oof_logit[plain, None], labels[plain])
        slope, intercept = float(model.coef_[0, 0]), float(model.intercept_[0])
    prior = float(labels.mean()) if len(labels) else 0.5
    positives, negatives = max(int(labels.sum()), 1), max(int((1 - labels).sum()), 1)
    ratios = [0.0]
    for t in range(1, max_tier + 1):
        in_tier = tier >= t
        bad = (float(np.sum(in_tier & (labels == 1))) + 1) / (positives + 2)
        good = (float(np.sum(in_tier & (labels == 0))) + 1) / (negatives + 2)
        ratios.append(math.log(bad / good))
    # slope and intercept are fit at the synthetic task's balance, which log_lr removes
    # again; a corpus's own share of bad records is found by estimate_prior
    return Calibration(slope, intercept, prior, tuple(ratios))


def histogram(log_lr: np.ndarray) -> np.ndarray:
    """Counts of ``log_lr`` in :data:`BINS` (values outside go to the end bins)."""
    clipped = np.clip(np.asarray(log_lr, dtype=np.float64), BINS[0], BINS[-1] - 1e-9)
    return np.histogram(clipped, bins=BINS)[0].astype(np.int64)


@dataclass(frozen=True)
class PriorEstimate:
    """The estimated share of corrupted records, with a 90 % bootstrap interval."""

    prior: float
    low: float
    high: float
    records: int

    def to_dict(self) -> dict[str, float | int]:
        """A JSON-ready dict."""
        return {"prior": self.prior, "low": self.low, "high": self.high, "records": self.records}


def _em(counts: np.ndarray, centres: np.ndarray, start: float, rounds: int = 200) -> float:
    total = counts.sum()
    if total == 0:
        return start
    prior = start
    for _ in range(rounds):
        new = float((counts * posterior(centres, prior)).sum() / total)
        new = min(max(new, 1e-6), 1 - 1e-6)
        if abs(new - prior) < 1e-7:
            return new
        prior = new
    return prior


def estimate_prior(
    counts: np.ndarray, start: float = DEFAULT_PRIOR, resamples: int = 200, seed: int = 0
) -> PriorEstimate:
    """EM estimate of the corpus's share of corrupted records from a :func:`histogram` of
    its ``log LR``, with a 90 % interval from ``resamples`` multinomial bootstraps."""
    counts = np.asarray(counts, dtype=np.int64)
    centres = (BINS[:-1] + BINS[1:]) / 2
    prior = _em(counts, centres, start)
    total = int(counts.sum())
    if total == 0:
        return PriorEstimate(prior, prior, prior, 0)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(total, counts / total, size=resamples)
    estimates = np.array([_em(d, centres, prior, rounds=100) for d in draws])
    low, high = np.quantile(estimates, [0.05, 0.95])
    return PriorEstimate(prior, float(low), float(high), total)
