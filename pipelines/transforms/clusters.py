"""k-means in Beam: fit on a sample (faiss), assign with the centroids as a side input.

* :class:`FitCentroids` takes a reproducible sample of ``cluster.sample_size`` vectors (the
  ids with the smallest seeded hash), sorts it by id and fits :func:`pruning.cluster.fit_centroids`;
  the result is one small array, used as an ``AsSingleton`` side input.
* :class:`AssignClusters` batches items and calls :func:`pruning.cluster.assign` (top-1
  and top-2 centroid and cosine distances) on each batch.
* :class:`ClusterSizes` counts members per cluster with ``CombinePerKey`` (hot-key fan-out)
  and gathers the counts into one ``{cluster: size}`` dict (a side input for the scores).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np

from pipelines.transforms import Item, sample_key
from pruning.cluster import assign, fit_centroids
from pruning.config import ClusterConfig

ASSIGN_BATCH = 2048


def fit_on_sample(sample: Iterable[tuple[str, np.ndarray]], config: ClusterConfig) -> np.ndarray:
    """Centroids fit on the sampled ``(id, vector)`` pairs, in id order."""
    pairs = sorted(sample, key=lambda pair: pair[0])
    vectors = np.stack([np.asarray(v, dtype=np.float32) for _, v in pairs])
    return fit_centroids(vectors, config)


class FitCentroids(beam.PTransform):
    """Items -> one ``(k, d)`` array of unit-norm centroids (see the module docstring)."""

    def __init__(self, config: ClusterConfig) -> None:
        super().__init__()
        self.config = config

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        config = self.config
        return (
            items
            | "IdAndVector" >> beam.Map(lambda item: (item["id"], item["vector"]))
            | "Sample"
            >> beam.combiners.Top.Of(
                config.sample_size,
                key=lambda pair: sample_key(pair[0], config.seed, "kmeans"),
                reverse=True,
            )
            | "Fit" >> beam.Map(fit_on_sample, config)
        )


def assign_batch(batch: list[Item], centroids: np.ndarray) -> Iterator[Item]:
    """Add the top-1/top-2 cluster and distances to each item of a batch."""
    vectors = np.stack([np.asarray(item["vector"], dtype=np.float32) for item in batch])
    found = assign(vectors, centroids)
    for i, item in enumerate(batch):
        yield {
            **item,
            "cluster": int(found.cluster[i]),
            "distance": float(found.distance[i]),
            "second_cluster": int(found.second_cluster[i]),
            "second_distance": float(found.second_distance[i]),
        }


class AssignClusters(beam.PTransform):
    """Items -> items with their cluster assignment (centroids as a side input)."""

    def __init__(self, centroids: beam.PCollection) -> None:
        super().__init__()
        self.centroids = centroids

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        return (
            items
            | "Batch"
            >> beam.BatchElements(min_batch_size=ASSIGN_BATCH, max_batch_size=ASSIGN_BATCH)
            | "Assign" >> beam.FlatMap(assign_batch, beam.pvalue.AsSingleton(self.centroids))
        )


class _MergeCounts(beam.CombineFn):
    """``(cluster, size)`` pairs -> one ``{cluster: size}`` dict."""

    def create_accumulator(self) -> dict[int, int]:
        return {}

    def add_input(self, acc: dict[int, int], pair: tuple[int, int]) -> dict[int, int]:
        acc[pair[0]] = acc.get(pair[0], 0) + pair[1]
        return acc

    def merge_accumulators(self, accs: Iterable[dict[int, int]]) -> dict[int, int]:
        out: dict[int, int] = {}
        for acc in accs:
            for key, value in acc.items():
                out[key] = out.get(key, 0) + value
        return out

    def extract_output(self, acc: dict[int, int]) -> dict[int, int]:
        return dict(sorted(acc.items()))


class ClusterSizes(beam.PTransform):
    """Assigned items -> one ``{cluster: members}`` dict."""

    def expand(self, assigned: beam.PCollection) -> Any:
        return (
            assigned
            | "One" >> beam.Map(lambda item: (item["cluster"], 1))
            | "CountPerCluster" >> beam.CombinePerKey(sum).with_hot_key_fanout(8)
            | "Gather" >> beam.CombineGlobally(_MergeCounts()).without_defaults()
        )


def sizes_array(sizes: dict[int, int], k: int) -> np.ndarray:
    """``{cluster: size}`` as an int64 array of length ``k`` (absent clusters are 0)."""
    out = np.zeros(k, dtype=np.int64)
    for cluster, size in sizes.items():
        out[int(cluster)] = int(size)
    return out
