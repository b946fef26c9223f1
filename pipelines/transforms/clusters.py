"""k-means in Beam: fit on a sample (faiss), assign with the centroids as a side input.

* :class:`FitCentroids` takes a reproducible sample of ``cluster.sample_size`` vectors (the
  ids with the smallest seeded hash, selected through per-shard scratch files by
  :class:`~pipelines.transforms.smallest.SpilledSmallest`), sorts it by id and fits
  :func:`pruning.cluster.fit_centroids`; only the result, one small array, goes through
  the runner, as an ``AsSingleton`` side input.
* :class:`AssignClusters` reads each shard's items in id order and calls
  :func:`pruning.cluster.assign` (top-1 and top-2 centroid and cosine distances) on
  batches cut from that order, so results do not depend on the runner's bundles.
* :class:`ClusterSizes` counts members per cluster with ``CombinePerKey`` (hot-key fan-out)
  and gathers the counts into one ``{cluster: size}`` dict (a side input for the scores).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.transforms import Item, sample_key
from pipelines.transforms.smallest import SpilledSmallest
from pruning.cluster import assign, fit_centroids
from pruning.config import ClusterConfig

ASSIGN_BATCH = 2048


def as_vector(value: np.ndarray | bytes) -> np.ndarray:
    """A float32 vector from an array or from its raw bytes (the compact form in transit)."""
    if isinstance(value, bytes | bytearray):
        return np.frombuffer(value, dtype=np.float32)
    return np.asarray(value, dtype=np.float32)


def fit_on_sample(
    sample: Iterable[tuple[str, np.ndarray | bytes]], config: ClusterConfig
) -> np.ndarray:
    """Centroids fit on the sampled ``(id, vector)`` pairs, in id order."""
    pairs = sorted(sample, key=lambda pair: pair[0])
    vectors = np.stack([as_vector(v) for _, v in pairs])
    return fit_centroids(vectors, config)


SAMPLE_SCHEMA = pa.schema(
    [
        pa.field("key", pa.binary(12), nullable=False),
        pa.field("id", pa.string(), nullable=False),
        pa.field("vector", pa.binary(), nullable=False),
    ]
)


def sample_rows(
    shard: int, read: Callable[[int], Iterable[Item]], seed: int
) -> Iterator[dict[str, Any]]:
    """A shard's rows for the k-means sample: sample key, id and float32 vector bytes."""
    for item in read(shard):
        yield {
            "key": sample_key(item["id"], seed, "kmeans"),
            "id": item["id"],
            "vector": as_vector(item["vector"]).tobytes(),
        }


def sample_vectors(sample: pa.Table) -> np.ndarray:
    """The ``vector`` column of a :data:`SAMPLE_SCHEMA` table as a ``(rows, dim)`` array.

    Every vector has the same length, so the column's data buffer is the matrix itself.
    """
    column = sample.column("vector").combine_chunks()
    if len(column) == 0:
        raise ValueError("the k-means sample is empty")
    _, offsets_buffer, data = column.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[column.offset :][: len(column) + 1]
    width = int(offsets[1] - offsets[0])
    if width == 0 or width % 4 or np.any(np.diff(offsets) != width):
        raise ValueError("the sampled vectors differ in length")
    flat = np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
    return flat.view(np.float32).reshape(len(column), width // 4)


def fit_on_table(sample: pa.Table, config: ClusterConfig) -> np.ndarray:
    """Centroids fit on a :data:`SAMPLE_SCHEMA` table, its vectors taken in id order.

    Gives the same centroids as :func:`fit_on_sample` on the same ``(id, vector)`` pairs.
    """
    ordered = sample.take(pc.sort_indices(sample, sort_keys=[("id", "ascending")]))
    return fit_centroids(sample_vectors(ordered), config)


class FitCentroids(beam.PTransform):
    """Shard numbers -> one ``(k, d)`` array of unit-norm centroids (see the module docstring).

    ``read(shard)`` yields a shard's items; ``scratch`` receives each shard's part of the
    sample (the caller deletes it).
    """

    def __init__(
        self, config: ClusterConfig, read: Callable[[int], Iterable[Item]], scratch: str
    ) -> None:
        super().__init__()
        self.config = config
        self.read = read
        self.scratch = scratch

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        config = self.config
        return shard_ids | "Sample" >> SpilledSmallest(
            config.sample_size,
            SAMPLE_SCHEMA,
            [("key", "ascending")],
            functools.partial(sample_rows, read=self.read, seed=config.seed),
            self.scratch,
            functools.partial(fit_on_table, config=config),
        )


def assign_batch(batch: list[Item], centroids: np.ndarray) -> list[Item]:
    """The items of a batch with their top-1/top-2 cluster and distances added."""
    vectors = np.stack([np.asarray(item["vector"], dtype=np.float32) for item in batch])
    found = assign(vectors, centroids)
    return [
        {
            **item,
            "cluster": int(found.cluster[i]),
            "distance": float(found.distance[i]),
            "second_cluster": int(found.second_cluster[i]),
            "second_distance": float(found.second_distance[i]),
        }
        for i, item in enumerate(batch)
    ]


def assigned_batches(
    shard: int, read: Callable[[int], Iterable[Item]], centroids: np.ndarray
) -> Iterator[list[Item]]:
    """A shard's items, assigned in batches of :data:`ASSIGN_BATCH` in id order.

    Batches are cut from the sorted shard, never from a runner's bundles, so every runner
    multiplies the same matrices and gets bit-identical distances.
    """
    batch: list[Item] = []
    for item in read(shard):
        batch.append(item)
        if len(batch) == ASSIGN_BATCH:
            yield assign_batch(batch, centroids)
            batch = []
    if batch:
        yield assign_batch(batch, centroids)


def _assign_shard(
    shard: int, read: Callable[[int], Iterable[Item]], centroids: np.ndarray
) -> Iterator[Item]:
    for batch in assigned_batches(shard, read, centroids):
        yield from batch


class AssignClusters(beam.PTransform):
    """Shard numbers -> their items with a cluster assignment (centroids as a side input).

    ``read(shard)`` yields a shard's items in id order.
    """

    def __init__(self, centroids: beam.PCollection, read: Callable[[int], Iterable[Item]]) -> None:
        super().__init__()
        self.centroids = centroids
        self.read = read

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        return shard_ids | "AssignShard" >> beam.FlatMap(
            _assign_shard, self.read, beam.pvalue.AsSingleton(self.centroids)
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
