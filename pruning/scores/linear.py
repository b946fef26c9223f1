"""A small, picklable linear classifier: standardisation + logistic regression weights.

Training uses scikit-learn; applying the model needs only numpy, so a trained model is a
few kilobytes that a Beam pipeline can ship as a side input and apply record by record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pruning.errors import DataError


@dataclass(frozen=True, eq=False)
class LinearModel:
    """``sigmoid(((x - mean) / scale) @ coef + intercept)`` over named features (``c``: the
    inverse regularisation it was fit with)."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    c: float = 1.0

    def logit(self, features: np.ndarray) -> np.ndarray:
        """Decision values (log-odds of "corrupted") for rows of ``features``."""
        x = np.atleast_2d(np.asarray(features, dtype=np.float64))
        if x.shape[1] != len(self.coef):
            raise DataError(f"model expects {len(self.coef)} features, got {x.shape[1]}")
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def probability(self, features: np.ndarray) -> np.ndarray:
        """Probability of "corrupted" for rows of ``features``."""
        return 1.0 / (1.0 + np.exp(-self.logit(features)))

    def weights(self) -> dict[str, float]:
        """Standardised weight per named feature (embedding dimensions summed as one norm)."""
        out: dict[str, float] = {}
        emb = [i for i, n in enumerate(self.feature_names) if n.startswith("emb_")]
        if emb:
            out["embedding (L2 norm of weights)"] = float(np.linalg.norm(self.coef[emb]))
        for i, name in enumerate(self.feature_names):
            if not name.startswith("emb_"):
                out[name] = float(self.coef[i])
        return out


C_GRID: tuple[float, ...] = (0.01, 0.1, 1.0, 10.0, 100.0)


def fit_linear(
    features: np.ndarray,
    labels: np.ndarray,
    names: Sequence[str],
    c: float | None = 1.0,
    seed: int = 0,
    groups: np.ndarray | None = None,
) -> LinearModel:
    """Fit a standardised L2 logistic regression; needs both classes present.

    ``c=None`` picks the inverse regularisation strength from :data:`C_GRID` by 5-fold
    cross-validated AUROC on the training data itself, folds grouped by ``groups`` (so a
    clean text and its corruption never sit on both sides of a split).
    """
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    if len(np.unique(y)) < 2:
        raise DataError("training needs both clean and corrupted examples")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-12] = 1.0
    z = (x - mean) / scale
    if c is None:
        c = choose_c(z, y, np.arange(len(y)) if groups is None else groups, seed)
    coef, intercept = _fit(z, y, c, seed)
    return LinearModel(tuple(names), mean, scale, coef, intercept, c)


def _fit(z: np.ndarray, y: np.ndarray, c: float, seed: int) -> tuple[np.ndarray, float]:
    """One L-BFGS fit on one BLAS thread: these problems are a few thousand rows, and
    threaded BLAS made each fit about 20x slower on a busy 2-core machine."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    model = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    with threadpool_limits(limits=1, user_api="blas"):
        model.fit(z, y)
    return model.coef_[0].copy(), float(model.intercept_[0])


def choose_c(z: np.ndarray, y: np.ndarray, groups: np.ndarray, seed: int, folds: int = 5) -> float:
    """The value of :data:`C_GRID` with the best grouped cross-validated AUROC."""
    from sklearn.metrics import roc_auc_score

    unique = np.unique(groups)
    fold_of = dict(zip(unique, np.random.default_rng(seed).permutation(len(unique)) % folds))
    fold = np.array([fold_of[g] for g in groups])
    best, best_auc = C_GRID[len(C_GRID) // 2], -1.0
    for c in C_GRID:
        scores = np.zeros(len(y))
        for k in range(folds):
            test = fold == k
            if not test.any() or len(np.unique(y[~test])) < 2:
                continue
            coef, intercept = _fit(z[~test], y[~test], c, seed)
            scores[test] = z[test] @ coef + intercept
        auc = float(roc_auc_score(y, scores))
        if auc > best_auc + 1e-4:
            best, best_auc = c, auc
    return best
