"""Near (MinHash-LSH) and semantic (SemDeDup) deduplication as Beam transforms.

Both *identify* duplicates: they emit ``(removed id, (kept id, similarity))`` for every
record another record makes redundant; the decision stage turns that into a reason.

* :class:`NearDedup`: :func:`pruning.dedup.signature` per record, one element per LSH
  band (:func:`pruning.dedup.band_keys`), ``GroupByKey`` per bucket, candidate pairs of
  each bucket (:func:`pruning.dedup.near.bucket_pairs`) verified by estimated Jaccard,
  then connected components over all verified pairs (:func:`pruning.dedup.groups_from_pairs`).
* :class:`SemanticDedup`: each record goes to its top-1 and top-2 cluster (so near pairs
  split by a cluster boundary still meet), ``GroupByKey`` per cluster,
  :func:`pruning.dedup.semantic_dedup` inside the cluster (which splits clusters larger
  than ``dedup.max_block`` into blocks), then :func:`pruning.dedup.merge_groups` over all
  clusters so every removed record points at a representative that is kept everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import apache_beam as beam
import numpy as np

from pipelines.transforms import Item
from pruning.config import DedupConfig
from pruning.dedup import (
    band_keys,
    choose_bands,
    groups_from_pairs,
    merge_groups,
    semantic_dedup,
    signature,
)
from pruning.dedup.near import bucket_pairs, jaccard_estimate
from pruning.types import DuplicateGroup

Removed = tuple[str, tuple[str, float]]


class _Collect(beam.CombineFn):
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


def _removed(groups: Iterable[DuplicateGroup]) -> Iterator[Removed]:
    for group in groups:
        for member in group.removed:
            yield member, (group.kept, float(group.similarity))


def _order(group: DuplicateGroup) -> tuple[str, tuple[str, ...]]:
    return group.kept, group.members


def _bands(item: Item, config: DedupConfig) -> Iterator[tuple[bytes, tuple[str, np.ndarray]]]:
    sig = signature(item["text"], item["language"], config)
    bands, rows = choose_bands(config.near_threshold, config.num_perm)
    for key in band_keys(sig, bands, rows):
        yield key, (item["id"], sig)


def _verified_pairs(
    bucket: tuple[bytes, Iterable[tuple[str, np.ndarray]]], threshold: float
) -> Iterator[tuple[str, str, float]]:
    sigs = dict(bucket[1])
    if len(sigs) < 2:
        return
    for a, b in bucket_pairs(list(sigs)):
        similarity = jaccard_estimate(sigs[a], sigs[b])
        if similarity >= threshold:
            yield a, b, similarity


class NearDedup(beam.PTransform):
    """Items -> ``(removed id, (kept id, Jaccard estimate))`` (see the module docstring)."""

    def __init__(self, config: DedupConfig) -> None:
        super().__init__()
        self.config = config

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        config = self.config
        return (
            items
            | "Bands" >> beam.FlatMap(_bands, config)
            | "GroupByBucket" >> beam.GroupByKey()
            | "VerifiedPairs" >> beam.FlatMap(_verified_pairs, config.near_threshold)
            | "Distinct" >> beam.Distinct()
            | "AllPairs" >> beam.CombineGlobally(_Collect()).without_defaults()
            | "Groups"
            >> beam.FlatMap(lambda pairs: _removed(groups_from_pairs(sorted(pairs), "near")))
        )


def _memberships(item: Item) -> Iterator[tuple[int, tuple[str, np.ndarray, float]]]:
    member = (item["id"], item["vector"], item["distance"])
    yield item["cluster"], member
    if item["second_cluster"] >= 0:
        yield item["second_cluster"], member


def _cluster_groups(
    cluster: tuple[int, Iterable[tuple[str, np.ndarray, float]]], config: DedupConfig
) -> Iterator[DuplicateGroup]:
    members = sorted(cluster[1], key=lambda member: member[0])
    if len(members) < 2:
        return
    ids = [member[0] for member in members]
    vectors = np.stack([np.asarray(member[1], dtype=np.float32) for member in members])
    distance = np.asarray([member[2] for member in members], dtype=np.float64)
    yield from semantic_dedup(
        ids, vectors, np.zeros(len(ids), dtype=np.int64), None, distance, config
    )


class SemanticDedup(beam.PTransform):
    """Assigned items -> ``(removed id, (kept id, cosine))`` (see the module docstring)."""

    def __init__(self, config: DedupConfig) -> None:
        super().__init__()
        self.config = config

    def expand(self, assigned: beam.PCollection) -> beam.PCollection:
        config = self.config
        return (
            assigned
            | "Memberships" >> beam.FlatMap(_memberships)
            | "GroupByCluster" >> beam.GroupByKey()
            | "DedupCluster" >> beam.FlatMap(_cluster_groups, config)
            | "AllGroups" >> beam.CombineGlobally(_Collect()).without_defaults()
            | "Merge"
            >> beam.FlatMap(lambda groups: _removed(merge_groups(sorted(groups, key=_order))))
        )
