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
    """``sigmoid(((x - mean) / scale) @ coef + intercept)`` over named features."""

    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

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


def fit_linear(
    features: np.ndarray, labels: np.ndarray, names: Sequence[str], c: float = 1.0, seed: int = 0
) -> LinearModel:
    """Fit a standardised L2 logistic regression; needs both classes present."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    if len(np.unique(y)) < 2:
        raise DataError("training needs both clean and corrupted examples")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-12] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    model.fit((x - mean) / scale, y)
    return LinearModel(tuple(names), mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))
