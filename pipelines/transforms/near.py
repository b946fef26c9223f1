"""Near dedup (MinHash-LSH) as a Beam transform whose per-record state lives in files.

A bucket shuffle would hold one element per LSH band and record (14 with the default
threshold) in the runner, and a signature join two more copies of every signature; on the
DirectRunner all of it sits in the process's memory. Instead:

1. **SignShard** — the worker that reads a shard computes each record's
   :func:`pruning.dedup.signature` and writes two scratch files: ``sigs/<shard>.parquet``
   (id and the low 32 bits of every value; row ``i`` = the shard's ``i``-th record) and
   ``bands/<shard>.parquet`` (band, 64 bits of the band hash, shard, row: 18 bytes per band
   entry; one row group per *band partition*, chosen by the hash).
2. Once every shard is signed (a global count is the barrier), **SharedBuckets** reads one
   partition's row group of every shard's band file, sorts the entries by bucket and emits
   ``(shard, (bucket, row))`` for the members of buckets with two or more entries.
3. Those few entries are grouped by shard, which attaches each record's id and signature,
   then by bucket: the candidate pairs of a bucket (:func:`pruning.dedup.near.bucket_pairs`
   over its sorted ids, as before) are verified there
   (:func:`pruning.dedup.near.jaccard_estimate`); ``DistinctPairs`` removes pairs found in
   several bands, and :func:`pruning.dedup.groups_from_pairs` makes the groups.

Only members of shared buckets (a share of the duplicates, not of the corpus) cross the
runner; a partition holds at most about :data:`BAND_ENTRIES` band entries (about 40 bytes
each while it is sorted), whatever the corpus size. Buckets are keyed by 80 bits of the
band hash (band number and 64 hash bits). A signature keeps the low 32 bits of each value
(two values then agree by chance with probability 2^-32, far below the estimate's error).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator

import apache_beam as beam
import numpy as np
import pyarrow as pa

from pipelines import shards, storage
from pipelines.transforms import Item
from pipelines.transforms.dedup import CollectAll, Removed, removals
from pruning.config import DedupConfig
from pruning.dedup import band_keys, choose_bands, groups_from_pairs, signature
from pruning.dedup.near import bucket_pairs, jaccard_estimate

BAND_ENTRIES = 1 << 17  # band entries per partition: about 5 MB while it is sorted

BANDS_SCHEMA = pa.schema(
    [
        pa.field("band", pa.uint16()),
        pa.field("key", pa.uint64()),
        pa.field("shard", pa.int32()),
        pa.field("row", pa.int32()),
    ]
)

Bucket = tuple[int, int]  # band, 64 bits of the band hash
Member = tuple[str, int, bytes]  # id, shard, signature (uint32 values)
Verified = tuple[str, str, float, int, int]  # a, b, Jaccard estimate, shard of a, shard of b


def band_partitions(records: int, config: DedupConfig) -> int:
    """How many band partitions keep each under :data:`BAND_ENTRIES` entries."""
    bands, _ = choose_bands(config.near_threshold, config.num_perm)
    return max(1, math.ceil(records * bands / BAND_ENTRIES))


def _sigs_path(directory: str, shard: int) -> str:
    return storage.join(directory, "sigs", f"{shard:05d}.parquet")


def load_signatures(directory: str, shard: int) -> tuple[list[str], np.ndarray]:
    """The ids and ``(rows, num_perm)`` uint32 signatures :func:`sign_shard` wrote."""
    table = storage.read_table(_sigs_path(directory, shard))
    sigs = table.column("sig").combine_chunks()
    values = sigs.values.to_numpy(zero_copy_only=False)
    return table.column("id").to_pylist(), values.reshape(-1, sigs.type.list_size)


def _write_bands(path: str, keys: list[bytes], bands: int, shard: int, partitions: int) -> None:
    """Band entries (10-byte keys, ``bands`` per record, in row order) by partition."""
    raw = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 10)
    key = raw[:, 2:].copy().view(">u8").ravel().astype(np.uint64)
    table = pa.table(
        {
            "band": raw[:, :2].copy().view(">u2").ravel().astype(np.uint16),
            "key": key,
            "shard": np.full(len(key), shard, dtype=np.int32),
            "row": np.repeat(np.arange(len(keys) // bands, dtype=np.int32), bands),
        },
        schema=BANDS_SCHEMA,
    )
    part = key % np.uint64(partitions)
    shards.write_partitioned(path, table, [np.flatnonzero(part == p) for p in range(partitions)])


def sign_shard(
    shard: int,
    read: Callable[[int], Iterable[Item]],
    directory: str,
    partitions: int,
    config: DedupConfig,
) -> Iterator[int]:
    """Write a shard's signatures and band entries (see the module docstring); yields its size."""
    bands, rows = choose_bands(config.near_threshold, config.num_perm)
    ids: list[str] = []
    sigs: list[np.ndarray] = []
    keys: list[bytes] = []
    for item in read(shard):
        sig = signature(item["text"], item["language"], config)
        keys.extend(key[:10] for key in band_keys(sig, bands, rows))
        ids.append(item["id"])
        sigs.append(sig.astype(np.uint32))
    if ids:
        flat = pa.array(np.concatenate(sigs), pa.uint32())
        table = pa.table(
            {
                "id": pa.array(ids, pa.string()),
                "sig": pa.FixedSizeListArray.from_arrays(flat, len(sigs[0])),
            }
        )
        storage.write_table(_sigs_path(directory, shard), table)
        _write_bands(
            storage.join(directory, "bands", f"{shard:05d}.parquet"), keys, bands, shard, partitions
        )
    yield len(ids)


def shared_buckets(partition: int, directory: str) -> Iterator[tuple[int, tuple[Bucket, int]]]:
    """``(shard, (bucket, row))`` of every entry of a bucket with two or more entries."""
    table = shards.read_partition(storage.join(directory, "bands"), partition)
    if table is None or table.num_rows < 2:
        return
    columns = {name: table.column(name).to_numpy() for name in BANDS_SCHEMA.names}
    del table
    order = np.lexsort((columns["key"], columns["band"]))
    band, key = columns["band"][order], columns["key"][order]
    boundary = np.flatnonzero((band[1:] != band[:-1]) | (key[1:] != key[:-1])) + 1
    starts = np.concatenate(([0], boundary))
    ends = np.concatenate((boundary, [len(order)]))
    for start, end in zip(starts[(ends - starts) > 1], ends[(ends - starts) > 1]):
        bucket = (int(band[start]), int(key[start]))
        for index in order[start:end]:
            yield int(columns["shard"][index]), (bucket, int(columns["row"][index]))


def _members(
    group: tuple[int, Iterable[tuple[Bucket, int]]], directory: str
) -> Iterator[tuple[Bucket, Member]]:
    """A shard's entries of shared buckets -> ``(bucket, (id, shard, signature))``."""
    shard, entries = group
    ids, sigs = load_signatures(directory, shard)
    for bucket, row in entries:
        yield bucket, (ids[row], shard, sigs[row].tobytes())


def verified_pairs(bucket: tuple[Bucket, Iterable[Member]], threshold: float) -> Iterator[Verified]:
    """The candidate pairs of one bucket whose estimated Jaccard reaches ``threshold``."""
    by_id = {member[0]: member for member in bucket[1]}
    if len(by_id) < 2:
        return
    for a, b in bucket_pairs(list(by_id)):
        _, shard_a, raw_a = by_id[a]
        _, shard_b, raw_b = by_id[b]
        sig_a, sig_b = (np.frombuffer(raw, dtype=np.uint32) for raw in (raw_a, raw_b))
        similarity = jaccard_estimate(sig_a, sig_b)
        if similarity >= threshold:
            yield a, b, similarity, shard_a, shard_b


def _near_removed(found: list[Verified]) -> Iterator[Removed]:
    shard_of = {a: sa for a, _, _, sa, _ in found} | {b: sb for _, b, _, _, sb in found}
    pairs = sorted((a, b, s) for a, b, s, _, _ in found)
    yield from removals(groups_from_pairs(pairs, "near"), shard_of)


class NearDedup(beam.PTransform):
    """Shard numbers -> ``(removed id, (kept id, Jaccard estimate, shard))``.

    ``read(shard)`` yields a shard's items (``id``, ``text``, ``language``) in a fixed
    order; ``directory`` receives the scratch files (see the module docstring) and
    ``partitions`` is the number of band partitions (:func:`band_partitions`). The result
    does not depend on ``partitions``.
    """

    def __init__(
        self,
        config: DedupConfig,
        read: Callable[[int], Iterable[Item]],
        directory: str,
        partitions: int,
    ) -> None:
        super().__init__()
        self.config = config
        self.read = read
        self.directory = directory
        self.partitions = partitions

    def expand(self, shard_ids: beam.PCollection) -> beam.PCollection:
        config, directory, partitions = self.config, self.directory, self.partitions
        return (
            shard_ids
            | "SignShard" >> beam.FlatMap(sign_shard, self.read, directory, partitions, config)
            | "AllSigned" >> beam.CombineGlobally(sum)
            | "Partitions" >> beam.FlatMap(lambda _: range(partitions))
            | "SharedBuckets" >> beam.FlatMap(shared_buckets, directory)
            | "GroupByShard" >> beam.GroupByKey()
            | "Members" >> beam.FlatMap(_members, directory)
            | "GroupByBucket" >> beam.GroupByKey()
            | "Verify" >> beam.FlatMap(verified_pairs, config.near_threshold)
            | "DistinctPairs" >> beam.Distinct()
            | "AllPairs" >> beam.CombineGlobally(CollectAll()).without_defaults()
            | "Groups" >> beam.FlatMap(_near_removed)
        )
