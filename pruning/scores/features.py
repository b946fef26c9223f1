"""Per-record feature assembly shared by training and scoring (so they cannot drift apart)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pruning.errors import DataError
from pruning.signals.structural import FEATURE_NAMES, feature_vector
from pruning.types import StructuralSignals

GEOMETRY_NAMES: tuple[str, ...] = ("centroid_distance", "log_cluster_size")


@dataclass(frozen=True)
class FeatureBatch:
    """Everything the scorers read about ``n`` records, column-wise.

    ``texts`` and ``languages`` are optional: with them, scorers that carry a language
    model (:mod:`pruning.signals.naturalness`) compute naturalness features from the texts; without
    them those features are absent and contribute nothing to any score.
    """

    embeddings: np.ndarray  # (n, d) float32, unit norm
    structural: np.ndarray  # (n, len(FEATURE_NAMES)) float32
    distance: np.ndarray  # (n,) cosine distance to the top-1 centroid
    cluster_size: np.ndarray  # (n,) size of that cluster in the corpus
    n_tokens: np.ndarray  # (n,) length in tokens
    texts: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.distance)

    @classmethod
    def build(
        cls,
        embeddings: np.ndarray,
        signals: Sequence[StructuralSignals],
        distance: np.ndarray,
        cluster_size: np.ndarray,
        texts: Sequence[str] | None = None,
        languages: Sequence[str] | None = None,
    ) -> FeatureBatch:
        """Assemble from per-record pieces (all in the same order); ``texts`` and
        ``languages`` go together (both or neither)."""
        if (texts is None) != (languages is None):
            raise DataError("FeatureBatch.build needs both texts and languages, or neither")
        if (
            texts is not None
            and languages is not None
            and not (len(texts) == len(languages) == len(signals))
        ):
            raise DataError(
                f"{len(texts)} texts and {len(languages)} languages for {len(signals)} records"
            )
        structural = (
            np.vstack([feature_vector(s) for s in signals])
            if signals
            else np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
        )
        return cls(
            np.asarray(embeddings, dtype=np.float32),
            structural,
            np.asarray(distance, dtype=np.float64),
            np.asarray(cluster_size, dtype=np.float64),
            np.asarray([s.n_tokens for s in signals], dtype=np.float64),
            None if texts is None else tuple(texts),
            None if languages is None else tuple(languages),
        )

    def geometry(self) -> np.ndarray:
        """``(n, 2)``: distance to centroid and log cluster size."""
        return np.column_stack([self.distance, np.log(np.maximum(self.cluster_size, 1))])

    def select(self, index: np.ndarray) -> FeatureBatch:
        """The rows ``index`` of every column."""
        return FeatureBatch(
            self.embeddings[index],
            self.structural[index],
            self.distance[index],
            self.cluster_size[index],
            self.n_tokens[index],
            _pick(self.texts, index),
            _pick(self.languages, index),
        )


def _pick(values: tuple[str, ...] | None, index: np.ndarray) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(values[int(i)] for i in np.arange(len(values))[index])


def embedding_names(dim: int) -> list[str]:
    """Feature names of the embedding dimensions."""
    return [f"emb_{i}" for i in range(dim)]
