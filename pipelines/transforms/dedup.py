"""Near (MinHash-LSH) and semantic (SemDeDup) deduplication as Beam transforms.

Both *identify* duplicates: they emit ``(removed id, (kept id, similarity, shard of the
removed record))`` for every record another record makes redundant; the decision stage
turns that into a reason.

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
from pipelines.transforms.clusters import as_vector
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

Removed = tuple[str, tuple[str, float, int]]


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


def _removed(groups: Iterable[DuplicateGroup], shard_of: dict[str, int]) -> Iterator[Removed]:
    for group in groups:
        for member in group.removed:
            yield member, (group.kept, float(group.similarity), shard_of[member])


def _order(group: DuplicateGroup) -> tuple[str, tuple[str, ...]]:
    return group.kept, group.members


Signed = tuple[str, tuple[int, bytes]]  # (id, (shard, signature: low 32 bits of each value))


class _Sign(beam.DoFn):
    """An item -> its signature (main) and one ``(bucket, id)`` per LSH band (``bands``).

    Buckets come from the full 64-bit signature; the verification copy keeps the low 32
    bits of each value (half the size; two values then agree by chance with probability
    2^-32, far below the Jaccard estimate's own error).
    """

    def __init__(self, config: DedupConfig) -> None:
        self.config = config

    def process(self, item: Item) -> Iterator[Any]:
        config = self.config
        sig = signature(item["text"], item["language"], config)
        bands, rows = choose_bands(config.near_threshold, config.num_perm)
        for key in band_keys(sig, bands, rows):
            yield beam.pvalue.TaggedOutput("bands", (int.from_bytes(key[:10], "big"), item["id"]))
        compact = sig.astype(np.uint32).tobytes()
        yield item["id"], (int(item.get("shard", 0)), compact)


def _candidates(bucket: tuple[int, Iterable[str]]) -> Iterator[tuple[str, str]]:
    ids = sorted(set(bucket[1]))
    if len(ids) > 1:
        yield from bucket_pairs(ids)


def _with_first(
    joined: tuple[str, dict[str, list[Any]]],
) -> Iterator[tuple[str, tuple[str, tuple[int, bytes]]]]:
    """``(b, (a, (shard, signature) of a))`` for every candidate pair ``(a, b)``."""
    signed = joined[1]["sig"]
    for other in joined[1]["pair"]:
        yield other, (joined[0], signed[0])


def _verified(
    joined: tuple[str, dict[str, list[Any]]], threshold: float
) -> Iterator[tuple[str, str, float, int, int]]:
    """``(a, b, Jaccard estimate, shard of a, shard of b)`` of pairs at the threshold."""
    shard_b, raw_b = joined[1]["sig"][0]
    sig_b = np.frombuffer(raw_b, dtype=np.uint32)
    for a, (shard_a, raw_a) in joined[1]["pair"]:
        similarity = jaccard_estimate(np.frombuffer(raw_a, dtype=np.uint32), sig_b)
        if similarity >= threshold:
            yield a, joined[0], similarity, shard_a, shard_b


def _near_removed(found: list[tuple[str, str, float, int, int]]) -> Iterator[Removed]:
    shard_of = {a: sa for a, _, _, sa, _ in found} | {b: sb for _, b, _, _, sb in found}
    pairs = sorted((a, b, s) for a, b, s, _, _ in found)
    yield from _removed(groups_from_pairs(pairs, "near"), shard_of)


class NearDedup(beam.PTransform):
    """Items -> ``(removed id, (kept id, Jaccard estimate, shard))`` (see the module docstring).

    Buckets hold ids only (keyed by 80 bits of the band hash); each candidate pair is
    verified after two joins with the signatures, so a signature travels a constant number
    of times, not once per band.
    """

    def __init__(self, config: DedupConfig) -> None:
        super().__init__()
        self.config = config

    def expand(self, items: beam.PCollection) -> beam.PCollection:
        config = self.config
        signed = items | "Sign" >> beam.ParDo(_Sign(config)).with_outputs("bands", main="sigs")
        sigs = signed.sigs
        pairs = (
            signed.bands
            | "GroupByBucket" >> beam.GroupByKey()
            | "Candidates" >> beam.FlatMap(_candidates)
            | "DistinctPairs" >> beam.Distinct()
        )
        with_first = (
            {"pair": pairs, "sig": sigs}
            | "JoinFirst" >> beam.CoGroupByKey()
            | "FirstSignature" >> beam.FlatMap(_with_first)
        )
        return (
            {"pair": with_first, "sig": sigs}
            | "JoinSecond" >> beam.CoGroupByKey()
            | "Verify" >> beam.FlatMap(_verified, config.near_threshold)
            | "AllPairs" >> beam.CombineGlobally(_Collect()).without_defaults()
            | "Groups" >> beam.FlatMap(_near_removed)
        )


Member = tuple[str, np.ndarray | bytes, float, int]  # id, vector, distance to centroid, shard


def _memberships(item: Item) -> Iterator[tuple[int, Member]]:
    member = (item["id"], item["vector"], item["distance"], int(item.get("shard", 0)))
    yield item["cluster"], member
    if item["second_cluster"] >= 0:
        yield item["second_cluster"], member


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
    for _, shards in found:
        shard_of.update(shards)
    groups = sorted((group for group, _ in found), key=_order)
    yield from _removed(merge_groups(groups), shard_of)


class SemanticDedup(beam.PTransform):
    """Assigned items -> ``(removed id, (kept id, cosine, shard))`` (see the module docstring)."""

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
            | "Merge" >> beam.FlatMap(_semantic_removed)
        )
