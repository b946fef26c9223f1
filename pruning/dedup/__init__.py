"""Deduplication: exact, near (MinHash-LSH) and semantic (SemDeDup).

Each stage *identifies* duplicates and returns :class:`pruning.types.DuplicateGroup` records
(kept representative, members, the rule that chose the representative); removing them is a
separate decision step. The per-record and per-block pieces (:func:`exact.exact_key`,
:func:`near.signature`, :func:`near.band_keys`, :func:`semantic.semantic_dedup_block`) are
what a distributed pipeline calls inside its workers; the ``*_dedup`` functions run a whole
stage in memory.
"""

from pruning.dedup.exact import exact_dedup, exact_key, normalize_text
from pruning.dedup.groups import groups_from_pairs, merge_groups
from pruning.dedup.near import band_keys, choose_bands, near_dedup, signature
from pruning.dedup.semantic import semantic_dedup, semantic_dedup_block, split_cluster

__all__ = [
    "band_keys",
    "choose_bands",
    "exact_dedup",
    "exact_key",
    "groups_from_pairs",
    "merge_groups",
    "near_dedup",
    "normalize_text",
    "semantic_dedup",
    "semantic_dedup_block",
    "signature",
    "split_cluster",
]
