"""Calibration: likelihood ratios from the synthetic task, a corpus's prior by EM."""

from __future__ import annotations

import numpy as np
import pytest

from pruning.scores.calibration import (
    estimate_prior,
    fit_calibration,
    histogram,
    logit,
    posterior,
)


def _mixture(prior: float, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Log likelihood ratios of records drawn from two Gaussians of known LR."""
    rng = np.random.default_rng(seed)
    bad = rng.random(n) < prior
    x = np.where(bad, rng.normal(2.0, 1.0, n), rng.normal(0.0, 1.0, n))
    log_lr = 2.0 * x - 2.0  # exact log N(x;2,1) - log N(x;0,1)
    return log_lr, bad


@pytest.mark.parametrize("prior", [0.0, 0.02, 0.2, 0.5])
def test_em_recovers_the_share_of_bad_records(prior: float) -> None:
    log_lr, bad = _mixture(prior, 20_000, seed=1)
    found = estimate_prior(histogram(log_lr), resamples=50)
    assert abs(found.prior - bad.mean()) < 0.02
    assert found.low <= found.prior <= found.high
    assert found.records == 20_000


def test_posterior_and_prior_shift() -> None:
    assert posterior(np.array([0.0]), 0.5)[0] == pytest.approx(0.5)
    assert posterior(np.array([0.0]), 0.1)[0] == pytest.approx(0.1)
    assert posterior(np.array([logit(0.9) - logit(0.1)]), 0.1)[0] == pytest.approx(0.9)


def test_fit_calibration_on_a_balanced_task() -> None:
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 500)
    scores = rng.normal(labels * 3.0, 1.0)
    tier = np.where((labels == 1) & (rng.random(1000) < 0.4), 2, 0)
    cal = fit_calibration(scores, labels, tier)
    assert cal.slope > 0 and cal.synthetic_prior == pytest.approx(0.5)
    lr = cal.log_lr(np.array([-2.0, 0.0, 5.0]), np.array([0, 0, 0]))
    assert lr[0] < lr[1] < lr[2]
    # a tier seen only on corrupted examples has a large ratio, and it never lowers a score
    assert cal.tier_log_lr[2] > 4
    assert cal.log_lr(np.array([-5.0]), np.array([2]))[0] == pytest.approx(cal.tier_log_lr[2])
