"""Hashed n-gram counts with interpolated Witten-Bell smoothing (the engine of
:mod:`pruning.signals.naturalness`).

Symbols are hashed with ``blake2b`` (stable across processes); the hash of an n-gram is built
position by position from its context's hash, seeded with the language, and shortened to 32
bits for storage. A :class:`CountTable` holds, for one order and reading direction, the
sorted distinct n-gram keys with their counts and the sorted distinct contexts with their
counts and numbers of distinct followers — all that Witten-Bell smoothing needs, and all
that leave-one-out needs to subtract one text's contribution exactly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pruning.errors import DataError

START, END = "<s>", "</s>"
Keys = tuple[np.ndarray, np.ndarray]  # (n-gram keys, context keys), uint32, per position
_P1 = np.uint64(0x9E3779B97F4A7C15)
_P2 = np.uint64(0xC2B2AE3D27D4EB4F)


@lru_cache(maxsize=1 << 17)
def symbol_hash(symbol: str) -> int:
    """A stable 64-bit hash of one symbol (identical in every process, unlike ``hash``)."""
    digest = hashlib.blake2b(symbol.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = ((a * _P1) ^ b) * _P2
    return x ^ (x >> np.uint64(29))


def contains(sorted_keys: np.ndarray, key: np.uint64) -> bool:
    """Whether ``key`` is in ``sorted_keys`` (ascending, as the count tables keep them)."""
    i = int(np.searchsorted(sorted_keys, key))
    return i < len(sorted_keys) and sorted_keys[i] == key


@dataclass(frozen=True, eq=False)
class CountTable:
    """Counts of one order and direction, keyed by sorted ``uint32`` hashes."""

    keys: np.ndarray
    counts: np.ndarray
    ctx_keys: np.ndarray
    ctx_counts: np.ndarray
    ctx_types: np.ndarray


def lookup(keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """``values`` at ``queries`` (0 where a query is absent), as float64."""
    if len(keys) == 0:
        return np.zeros(len(queries))
    idx = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    return np.where(keys[idx] == queries, values[idx], 0).astype(np.float64)


def ngram_keys(hashes: np.ndarray, language: str, order: int) -> list[Keys]:
    """``(keys, contexts)`` as ``uint32`` per order 1..``order`` for the already padded
    symbol hashes (scored positions only: everything after the ``order - 1`` start pads)."""
    start = order - 1
    g_prev = np.full(len(hashes), np.uint64(symbol_hash(f"<lang:{language}>")))
    out = []
    for _n in range(order):
        shifted = np.concatenate([g_prev[:1], g_prev[:-1]])
        g = _mix(shifted, hashes)
        out.append((_short(g[start:]), _short(shifted[start:])))
        g_prev = g
    return out


def _short(x: np.ndarray) -> np.ndarray:
    return (x >> np.uint64(32)).astype(np.uint32)


def padded(seq: Sequence[str], order: int) -> np.ndarray:
    """Symbol hashes of ``order - 1`` start pads, ``seq`` and the end symbol."""
    full = [START] * (order - 1) + list(seq) + [END]
    return np.fromiter((symbol_hash(s) for s in full), dtype=np.uint64, count=len(full))


@dataclass(frozen=True)
class _Exclusion:
    """Counts of one excluded text, to subtract from the model's (leave-one-out)."""

    keys: np.ndarray
    counts: np.ndarray
    ctx_keys: np.ndarray
    ctx_counts: np.ndarray
    vanish_keys: np.ndarray
    vanish_counts: np.ndarray


def _exclusion(table: CountTable, keys: np.ndarray, ctx: np.ndarray) -> _Exclusion:
    uk, first, uc = np.unique(keys, return_index=True, return_counts=True)
    ck, cc = np.unique(ctx, return_counts=True)
    vanished = lookup(table.keys, table.counts, uk) - uc <= 0
    vk, vc = np.unique(ctx[first][vanished], return_counts=True)
    return _Exclusion(uk, uc, ck, cc, vk, vc)


def witten_bell_bits(
    tables: Sequence[CountTable],
    per_order: Sequence[Keys],
    vocab_size: int,
    exclude: Sequence[Keys] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Surprisal in bits of every scored position under interpolated Witten-Bell smoothing.

    ``exclude`` holds the ``(keys, contexts)`` per order of a text whose counts are removed
    from the model first.
    """
    p = np.full(len(per_order[0][0]), 1.0 / (vocab_size + 1))
    unigram = p
    for n, (table, (keys, ctx)) in enumerate(zip(tables, per_order)):
        c = lookup(table.keys, table.counts, keys)
        ch = lookup(table.ctx_keys, table.ctx_counts, ctx)
        t = lookup(table.ctx_keys, table.ctx_types, ctx)
        if exclude is not None:
            ex = _exclusion(table, *exclude[n])
            c = np.maximum(c - lookup(ex.keys, ex.counts, keys), 0)
            ch = np.maximum(ch - lookup(ex.ctx_keys, ex.ctx_counts, ctx), 0)
            t = np.maximum(t - lookup(ex.vanish_keys, ex.vanish_counts, ctx), 0)
        known = (ch > 0) & (t > 0)
        p = np.where(known, (c + t * p) / np.maximum(ch + t, 1), p)
        if n == 0:
            unigram = p
    return -np.log2(p), -np.log2(unigram)


def build_table(keys: list[np.ndarray], ctx: list[np.ndarray]) -> CountTable:
    """Count distinct n-grams, contexts and followers per context from per-text arrays."""
    all_keys = np.concatenate(keys) if keys else np.zeros(0, np.uint32)
    all_ctx = np.concatenate(ctx) if ctx else np.zeros(0, np.uint32)
    uk, first, counts = np.unique(all_keys, return_index=True, return_counts=True)
    ctx_keys, ctx_counts = np.unique(all_ctx, return_counts=True)
    typed_keys, types = np.unique(all_ctx[first], return_counts=True)
    ctx_types = lookup(typed_keys, types, ctx_keys).astype(np.uint32)
    return CountTable(
        uk,
        counts.astype(np.uint32),
        ctx_keys,
        ctx_counts.astype(np.uint32),
        np.maximum(ctx_types, 1),
    )


def check_order(order: int) -> None:
    """Refuse orders outside 1..8 (longer n-grams are all but unique in any corpus)."""
    if not 1 <= order <= 8:
        raise DataError(f"n-gram order must be in 1..8, got {order}")
