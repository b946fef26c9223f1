"""Near (MinHash-LSH) and semantic (SemDeDup) deduplication as Beam transforms.

Both *identify* duplicates: they emit ``(removed id, (kept id, similarity, shard of the
removed record, shard of the kept one))`` for every record another record makes
redundant; the analyse stage joins them into duplicate groups and the decide stage
chooses which member of each group is kept.

* :class:`~pipelines.transforms.near.NearDedup` (in :mod:`pipelines.transforms.near`):
  MinHash-LSH with per-shard band files.
* :class:`SemanticDedup`: the worker that reads a shard assigns its records (as the
  scores do) and writes them, near duplicates left out, to a scratch file with one row
  group per cluster, each record in its top-1 and its top-2 cluster (so near pairs split
  by a cluster boundary still meet). Once every shard is written, each cluster reads its
  row group of every file and runs :func:`pruning.dedup.semantic_dedup` (which splits
  clusters larger than ``dedup.max_block`` into blocks); :func:`pruning.dedup.merge_groups`
  over all clusters then makes every removed record point at a representative that is
  kept everywhere. Only the groups cross the runner; a worker holds one cluster at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np
import pyarrow as pa

from pipelines import shards, storage
from pipelines.transforms import Item
from pipelines.transforms.clusters import as_vector, assigned_batches
from pruning.config import DedupConfig
from pruning.dedup import merge_groups, semantic_dedup
from pruning.types import DuplicateGroup

Removed = tuple[str, tuple[str, float, int, int]]  # removed, (kept, similarity, shards)


class CollectAll(beam.CombineFn):
    """Every element into one list (pairs or groups: a small share of the corpus)."""

    def create_accumulator(self) -> list[Any]:
        return []

    def add_input(self, acc: list[Any], element: Any) -> list[Any]:
        acc.append(element)
        return acc

    def merge_accumulators(self, accs: Iterable[list[Any]]) -> list[Any]:
        return [element for acc in accs for element in acc]

    def extract_output(self, acc: list[Any]) -> list[Any]:
        return acc


def removals(groups: Iterable[DuplicateGroup], shard_of: dict[str, int]) -> Iterator[Removed]:
    """``(removed, (kept, similarity, shard of removed, shard of kept))`` for every removed
    group member."""
    for group in groups:
        for member in group.removed:
            yield (
                member,
                (
                    group.kept,
                    float(group.similarity),
                    shard_of[member],
                    shard_of[group.kept],
                ),
            )


def _order(group: DuplicateGroup) -> tuple[str, tuple[str, ...]]:
    return group.kept, group.members


Member = tuple[str, np.ndarray | bytes, float, int]  # id, vector, distance to centroid, shard


def write_members(
    shard: int,
    read: Callable[[int], Iterable[Item]],
    centroids: np.ndarray,
    near_removed: Container[str],
    directory: str,
    clusters: int,
) -> Iterator[int]:
    """Write a shard's records (not near duplicates) by top-1 and top-2 cluster; yields the count.

    ``<directory>/<shard>.parquet`` has one row group per cluster (``clusters`` of them):
    id, distance to the top-1 centroid, shard and vector of every member.
    """
    ids: list[str] = []
    distance: list[float] = []
    vectors: list[np.ndarray] = []
    rows: list[list[int]] = [[] for _ in range(clusters)]
    for batch in assigned_batches(shard, read, centroids):
        for item in batch:
            if item["id"] in near_removed:
                continue
            rows[item["cluster"]].append(len(ids))
            if item["second_cluster"] >= 0:
                rows[item["second_cluster"]].append(len(ids))
            ids.append(item["id"])
            distance.append(item["distance"])
            vectors.append(as_vector(item["vector"]))
    if ids:
        flat = pa.array(np.concatenate(vectors), pa.float32())
        table = pa.table(
            {
                "id": pa.array(ids, pa.string()),
                "distance": pa.array(distance, pa.float64()),
                "shard": pa.array([shard] * len(ids), pa.int32()),
                "vector": pa.FixedSizeListArray.from_arrays(flat, len(vectors[0])),
            }
        )
        path = storage.join(directory, f"{shard:05d}.parquet")
        shards.write_partitioned(path, table, [np.asarray(r, dtype=np.int64) for r in rows])
    yield len(ids)


def cluster_groups(
    cluster: int, directory: str, config: DedupConfig
) -> Iterator[tuple[DuplicateGroup, dict[str, int]]]:
    """SemDeDup inside one cluster, over its members in every shard's file."""
    table = shards.read_partition(directory, cluster)
    if table is None or table.num_rows < 2:
        return
    vectors = shards.vectors_of(table, "vector")
    members = zip(
        table.column("id").to_pylist(),
        vectors,
        table.column("distance").to_pylist(),
        table.column("shard").to_pylist(),
    )
    yield from _cluster_groups((cluster, members), config)


def _cluster_groups(
    cluster: tuple[int, Iterable[Member]], config: DedupConfig
) -> Iterator[tuple[DuplicateGroup, dict[str, int]]]:
    members = sorted(cluster[1], key=lambda member: member[0])
    if len(members) < 2:
        return
    ids = [member[0] for member in members]
    vectors = np.stack([as_vector(member[1]) for member in members])
    distance = np.asarray([member[2] for member in members], dtype=np.float64)
    shard_of = {member[0]: member[3] for member in members}
    zeros = np.zeros(len(ids), dtype=np.int64)
    for group in semantic_dedup(ids, vectors, zeros, None, distance, config):
        yield group, {member: shard_of[member] for member in group.members}


def _semantic_removed(found: list[tuple[DuplicateGroup, dict[str, int]]]) -> Iterator[Removed]:
    shard_of: dict[str, int] = {}
    for _, where in found:
        shard_of.update(where)
    groups = sorted((group for group, _ in found), key=_order)
    yield from removals(merge_groups(groups), shard_of)


class SemanticDedup(beam.PTransform):
    """Shard numbers -> ``(removed id, (kept id, cosine, shard))`` (see the module docstring).

    ``read(shard)`` yields a shard's items in id order; ``centroids`` is the singleton
    PCollection of centroids, ``near`` the near-dedup findings (their removed records take
    no part); ``directory`` receives the per-shard member files.
    """

    def __init__(
        self,
        config: DedupConfig,
        read: Callable[[int], Iterable[Item]],
        centroids: beam.PCollection,
        near: beam.PCollection,
        directory: str,
        clusters: int,
    ) -> None:
        super().__init__()
        self.config = config
        self.read = read
        self.centroids = centroids
        self.near = near
        self.directory = directory
        self.clusters = clusters

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        config, directory, clusters = self.config, self.directory, self.clusters
        centroids = beam.pvalue.AsSingleton(self.centroids)
        near = beam.pvalue.AsDict(self.near)
        return (
            shard_ids
            | "WriteMembers"
            >> beam.FlatMap(write_members, self.read, centroids, near, directory, clusters)
            | "AllWritten" >> beam.CombineGlobally(sum)
            | "Clusters" >> beam.FlatMap(lambda _: range(clusters))
            | "DedupCluster" >> beam.FlatMap(cluster_groups, directory, config)
            | "AllGroups" >> beam.CombineGlobally(CollectAll()).without_defaults()
            | "Merge" >> beam.FlatMap(_semantic_removed)
        )
