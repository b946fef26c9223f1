"""Near deduplication with MinHash-LSH over code-aware token shingles.

Shingles are ``n``-grams of the record's code tokens with comments dropped and variable
names renamed in order of first appearance (``a``, ``b``, ... become ``§0``, ``§1``, ...), so
copies that differ in whitespace, comments or consistently renamed variables have the same
shingles (whitespace inside string literals is collapsed too). Attribute names (after
``.``, ``->``, ``::``) and called names (before ``(``) keep their spelling, as do literals,
keywords and operators: they tell apart small functions that merely share a shape.

Signatures come from ``rensa`` (default, Rust) or ``datasketch``; see ``docs/pruning.md`` for
the measurement behind the default. Bands x rows are chosen from the Jaccard threshold by
minimising the false-positive plus false-negative area of the LSH S-curve. Candidates that
share a band are verified by the estimated Jaccard similarity before they are joined, and the
lowest id of each connected group is kept.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

from pruning.config import DedupConfig
from pruning.dedup.groups import groups_from_pairs
from pruning.embed import encodable
from pruning.errors import ConfigError
from pruning.languages import has_parser, tokenize
from pruning.types import CodeRecord, DuplicateGroup

_FALLBACK_TOKEN = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|\S")
_FALLBACK_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*|#[^\n]*", re.S)


def code_tokens(text: str, language: str) -> list[str]:
    """Tokens without comments, variable names renamed in order of first appearance."""
    pairs: list[tuple[str, str]]
    if has_parser(language):
        pairs = [(t.kind, t.text) for t in tokenize(text, language) if t.kind != "comment"]
    else:
        stripped = _FALLBACK_COMMENT.sub(" ", text)
        pairs = [
            ("identifier" if m[0].isalpha() or m[0] == "_" else "other", m)
            for m in _FALLBACK_TOKEN.findall(stripped)
        ]
    names: dict[str, str] = {}
    out = []
    for i, (kind, token) in enumerate(pairs):
        if kind == "identifier" and not _is_member_or_call(pairs, i):
            token = names.setdefault(token, f"§{len(names)}")
        elif kind == "string":
            token = " ".join(token.split())
        out.append(token)
    return out


def _is_member_or_call(pairs: list[tuple[str, str]], i: int) -> bool:
    """Attribute names (``x.name``) and called names (``name(``) keep their spelling."""
    before = pairs[i - 1][1] if i > 0 else ""
    after = pairs[i + 1][1] if i + 1 < len(pairs) else ""
    return before in (".", "->", "::") or after == "("


def shingles(text: str, language: str, n: int = 5) -> list[str]:
    """Distinct ``n``-token shingles of :func:`code_tokens` (one shingle if shorter)."""
    tokens = code_tokens(text, language)
    if len(tokens) <= n:
        return [" ".join(tokens)] if tokens else []
    return sorted({" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)})


def signature(text: str, language: str, config: DedupConfig | None = None) -> np.ndarray:
    """MinHash signature (``num_perm`` uint64 values) of the record's shingles."""
    config = config or DedupConfig()
    items = shingles(encodable(text), language, config.shingle) or [""]
    if config.minhash_backend == "rensa":
        import rensa

        minhash = rensa.RMinHash(num_perm=config.num_perm, seed=config.seed)
        minhash.update(items)
        return np.asarray(minhash.digest(), dtype=np.uint64)
    try:
        from datasketch import MinHash
    except ImportError as exc:
        raise ConfigError(
            "minhash_backend='datasketch' needs the datasketch package",
            hint="pip install datasketch (it is in the dev extra), or use the default rensa",
        ) from exc
    sketch = MinHash(num_perm=config.num_perm, seed=config.seed)
    sketch.update_batch([s.encode("utf-8", "surrogatepass") for s in items])
    return np.asarray(sketch.hashvalues, dtype=np.uint64)


def jaccard_estimate(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal MinHash values: an unbiased estimate of the Jaccard similarity."""
    return float(np.mean(a == b))


@cache
def choose_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` with ``bands * rows <= num_perm`` that best separate at ``threshold``.

    Minimises the area under the S-curve ``1 - (1 - s^r)^b`` below the threshold (false
    positives) plus the area above it left out (false negatives), equally weighted.
    """
    best = (1, num_perm)
    best_error = float("inf")
    below = np.linspace(0.0, threshold, 200)
    above = np.linspace(threshold, 1.0, 200)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            fp = float(np.trapezoid(1 - (1 - below**rows) ** bands, below))
            fn = float(np.trapezoid((1 - above**rows) ** bands, above))
            if fp + fn < best_error:
                best, best_error = (bands, rows), fp + fn
    return best


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """One 16-byte bucket key per band (the band number is part of the key)."""
    keys = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows]
        digest = hashlib.blake2b(chunk.tobytes(), digest_size=14).digest()
        keys.append(band.to_bytes(2, "big") + digest)
    return keys


def bucket_pairs(ids: Sequence[str]) -> list[tuple[str, str]]:
    """Candidate pairs of one LSH bucket: each id against the smallest and its predecessor.

    Linear in the bucket size, so a huge bucket (boilerplate) cannot blow up.
    """
    ordered = sorted(set(ids))
    pairs = {(ordered[0], other) for other in ordered[1:]}
    pairs.update(itertools.pairwise(ordered))
    return sorted(pairs)


def near_dedup(
    records: Iterable[CodeRecord], config: DedupConfig | None = None
) -> list[DuplicateGroup]:
    """Near-duplicate groups among ``records`` (see the module docstring)."""
    config = config or DedupConfig()
    sigs = {r.id: signature(r.text, r.language, config) for r in records}
    return near_groups(sigs, config)


def near_groups(sigs: dict[str, np.ndarray], config: DedupConfig) -> list[DuplicateGroup]:
    """Near-duplicate groups from precomputed signatures, by id."""
    bands, rows = choose_bands(config.near_threshold, config.num_perm)
    buckets: dict[bytes, list[str]] = defaultdict(list)
    for record_id, sig in sigs.items():
        for key in band_keys(sig, bands, rows):
            buckets[key].append(record_id)
    verified: dict[tuple[str, str], float] = {}
    for ids in buckets.values():
        if len(ids) < 2:
            continue
        for a, b in bucket_pairs(ids):
            if (a, b) not in verified:
                verified[(a, b)] = jaccard_estimate(sigs[a], sigs[b])
    pairs = [(a, b, s) for (a, b), s in verified.items() if s >= config.near_threshold]
    return groups_from_pairs(pairs, "near", "lowest-id")
