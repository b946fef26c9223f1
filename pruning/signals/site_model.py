"""Site-level bug detectors learned from the corpus's own code.

For every site of :mod:`pruning.signals.sites` the model asks the corpus "in this context,
which of the candidate tokens do you write?" and compares the answer with the token that
*is* written. It is trained on the sites of the corpus sample as they are (each written
token is an example of the right choice in its contexts) — the approach of DeepBugs
(Pradel & Sen, OOPSLA 2018), with count statistics instead of learned embeddings, so it
needs no synthetic mutation of its own and cannot learn the shape of one.

* **Model** — for each context chain of a site (most specific first), interpolated
  Witten-Bell estimates of ``P(token | context)``, each backing off to the next context and
  finally to a uniform choice among the candidates; the chains' log-probabilities are
  averaged. Counts are kept as sorted ``uint32`` hash tables (:class:`~pruning.signals.
  ngram.CountTable`, the storage of the n-gram model), so the model is a few numpy arrays.
* **Suspicion** of an operator or literal site: ``log P(best alternative) - log
  P(written)`` — positive when the corpus prefers another token here. Of an argument pair:
  the log-likelihood gain of swapping the two. A record's feature per kind is its most
  suspicious site (0 when none is suspicious), and the most suspicious site of all is its
  :class:`Finding` (``'<=' where the corpus writes '<'``, with line and column).
* **Leave-one-out** — a record that was part of the training has its own sites' counts
  subtracted before it is judged (``exclude="auto"``); a corrupted copy of a training
  record is judged without its source's counts (``exclude=source``), as for the n-gram
  model.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from pruning.languages import tokenize
from pruning.signals.ngram import CountTable, build_table, lookup
from pruning.signals.sites import KINDS, Site, extract_sites

#: Feature names, one per kind of site (see :data:`pruning.signals.sites.KINDS`).
SITE_NAMES: tuple[str, ...] = tuple(f"site_{kind}" for kind in KINDS)
_KIND_INDEX = {kind: i for i, kind in enumerate(KINDS)} | {"aug": KINDS.index("arith")}
_LEVELS = 4
_P1 = np.uint64(0x9E3779B97F4A7C15)
_P2 = np.uint64(0xC2B2AE3D27D4EB4F)
_NONE = np.uint32(0)
_UNIVERSE = {"num": 66, "args": 1000}


@lru_cache(maxsize=1 << 16)
def _hash(text: str) -> int:
    """A stable 32-bit hash of a context or token (never 0, the pad); contexts repeat a lot
    across records, so the last 65,536 are cached."""
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) | 1


def _joint(ctx: np.ndarray, tok: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = ((ctx.astype(np.uint64) * _P1) ^ tok.astype(np.uint64)) * _P2
    return ((x ^ (x >> np.uint64(29))) >> np.uint64(32)).astype(np.uint32)


@dataclass(frozen=True)
class Finding:
    """The most suspicious site of a record, in words a person can act on."""

    kind: str
    line: int  # 1-based
    col: int  # 1-based
    written: str
    expected: str
    suspicion: float

    def describe(self) -> str:
        """``line 4:12: '<=' where the corpus writes '<' here (log-odds 3.1)``."""
        where = f"line {self.line}:{self.col}"
        if self.kind == "args":
            first, second = self.written.split(",", 1)
            what = f"arguments '{first}, {second}' where the corpus passes them the other way"
        elif self.kind == "num":
            what = f"{self.written} where the corpus writes {self.expected} here"
        else:
            what = f"'{self.written}' where the corpus writes '{self.expected}' here"
        return f"{where}: {what} (log-odds {self.suspicion:.1f})"


@dataclass(frozen=True)
class _Encoded:
    """A record's sites as hash arrays: ``ctx`` (sites, chains, levels) and ``cand``
    (sites, candidates), 0 where padded."""

    sites: list[Site]
    ctx: np.ndarray
    cand: np.ndarray
    n_cand: np.ndarray


def _encode(sites: Sequence[Site]) -> _Encoded:
    n = len(sites)
    chains = max((len(s.chains) for s in sites), default=1)
    width = max((len(s.candidates) for s in sites), default=1)
    ctx = np.zeros((n, chains, _LEVELS), dtype=np.uint32)
    cand = np.zeros((n, width), dtype=np.uint32)
    n_cand = np.zeros(n, dtype=np.int64)
    for i, site in enumerate(sites):
        for c, chain in enumerate(site.chains):
            for level, text in enumerate(chain[:_LEVELS]):
                ctx[i, c, level] = _hash(text)
        for j, token in enumerate(site.candidates):
            cand[i, j] = _hash(token)
        n_cand[i] = len(site.candidates)
    return _Encoded(list(sites), ctx, cand, n_cand)


def _written_pairs(encoded: _Encoded) -> tuple[np.ndarray, np.ndarray]:
    """``(joint keys, context keys)`` of the written tokens: what training counts."""
    keys: list[np.ndarray] = []
    ctxs: list[np.ndarray] = []
    for i, site in enumerate(encoded.sites):
        for c in range(len(site.chains)):
            if site.kind == "args":  # chain c judges slot c: its argument is candidate c
                token = encoded.cand[i, c]
            else:
                token = np.uint32(_hash(site.actual))
            level_ctx = encoded.ctx[i, c]
            level_ctx = level_ctx[level_ctx != _NONE]
            keys.append(_joint(level_ctx, np.full(len(level_ctx), token, dtype=np.uint32)))
            ctxs.append(level_ctx)
    if not keys:
        return np.zeros(0, np.uint32), np.zeros(0, np.uint32)
    return np.concatenate(keys), np.concatenate(ctxs)


def record_sites(text: str, language: str) -> list[Site]:
    """The sites of one record (none for a language without a grammar)."""
    return extract_sites(tokenize(text, language), language)


@dataclass(frozen=True, eq=False)
class SiteModel:
    """Counts of written tokens by context (see the module docstring)."""

    table: CountTable
    trained: np.ndarray  # sorted uint64 keys of the training texts (leave-one-out)

    def findings(
        self, text: str, language: str, exclude: str | None = "auto"
    ) -> tuple[np.ndarray, Finding | None]:
        """The record's feature per kind (:data:`SITE_NAMES`) and its top finding."""
        sites = record_sites(text, language)
        features = np.zeros(len(KINDS), dtype=np.float32)
        if not sites:
            return features, None
        encoded = _encode(sites)
        removed = self._excluded(text, language, exclude, encoded)
        logp = self._log_probs(encoded, removed)
        best: Finding | None = None
        for i, site in enumerate(sites):
            value, expected = _suspicion(site, logp[i])
            k = _KIND_INDEX[site.kind]
            features[k] = max(features[k], value)
            if value > 0 and (best is None or value > best.suspicion):
                best = Finding(site.kind, site.line + 1, site.col + 1, site.actual, expected, value)
        return features, best

    def features(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        exclude: Sequence[str | None] | None = None,
    ) -> np.ndarray:
        """``(n, len(SITE_NAMES))`` float32 (``exclude`` per text; default ``"auto"``)."""
        out = np.zeros((len(texts), len(SITE_NAMES)), dtype=np.float32)
        for i, (text, language) in enumerate(zip(texts, languages)):
            how = "auto" if exclude is None else exclude[i]
            out[i] = self.findings(text, language, how)[0]
        return out

    def _excluded(
        self, text: str, language: str, exclude: str | None, own: _Encoded
    ) -> tuple[np.ndarray, np.ndarray] | None:
        if exclude is None:
            return None
        if exclude == "auto":
            key = np.uint64(text_key(text, language))
            i = int(np.searchsorted(self.trained, key))
            if i >= len(self.trained) or self.trained[i] != key:
                return None
            return _written_pairs(own)  # the text's own sites, already encoded
        sites = record_sites(exclude, language)
        return _written_pairs(_encode(sites)) if sites else None

    def _log_probs(
        self, encoded: _Encoded, removed: tuple[np.ndarray, np.ndarray] | None
    ) -> np.ndarray:
        """``(sites, chains, candidates)`` natural-log probabilities, averaged over chains
        for operator and literal sites (argument sites keep one chain per slot)."""
        ctx, cand = encoded.ctx, encoded.cand
        n, chains, _ = ctx.shape
        width = cand.shape[1]
        universe = np.array(
            [_UNIVERSE.get(s.kind, max(len(s.candidates), 1)) for s in encoded.sites], float
        )
        p = np.broadcast_to((1.0 / universe)[:, None, None], (n, chains, width)).copy()
        table = self.table
        for level in range(_LEVELS - 1, -1, -1):
            level_ctx = ctx[:, :, level]
            joint = _joint(level_ctx[:, :, None], cand[:, None, :])
            c = lookup(table.keys, table.counts, joint.ravel()).reshape(joint.shape)
            ch = lookup(table.ctx_keys, table.ctx_counts, level_ctx.ravel()).reshape(n, chains)
            t = lookup(table.ctx_keys, table.ctx_types, level_ctx.ravel()).reshape(n, chains)
            if removed is not None:
                c, ch, t = _leave_out(table, removed, joint, level_ctx, c, ch, t)
            known = ((ch > 0) & (t > 0) & (level_ctx != _NONE))[:, :, None]
            p = np.where(known, (c + t[:, :, None] * p) / np.maximum(ch + t, 1)[:, :, None], p)
        return np.log(np.maximum(p, 1e-12))

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays."""
        return int(sum(a.nbytes for a in vars(self.table).values()) + self.trained.nbytes)


def _leave_out(
    table: CountTable,
    removed: tuple[np.ndarray, np.ndarray],
    joint: np.ndarray,
    level_ctx: np.ndarray,
    c: np.ndarray,
    ch: np.ndarray,
    t: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keys, ctxs = removed
    uk, first, uc = np.unique(keys, return_index=True, return_counts=True)
    ck, cc = np.unique(ctxs, return_counts=True)
    vanished = lookup(table.keys, table.counts, uk) - uc <= 0
    vk, vc = np.unique(ctxs[first][vanished], return_counts=True)
    c = np.maximum(c - lookup(uk, uc, joint.ravel()).reshape(joint.shape), 0)
    flat = level_ctx.ravel()
    ch = np.maximum(ch - lookup(ck, cc, flat).reshape(ch.shape), 0)
    t = np.maximum(t - lookup(vk, vc, flat).reshape(t.shape), 0)
    return c, ch, t


def _suspicion(site: Site, logp: np.ndarray) -> tuple[float, str]:
    """``(suspicion, the corpus's choice)`` of one site from its ``(chains, candidates)``."""
    if site.kind == "args":
        first, second = logp[0], logp[1]  # chain 0 judges slot 0, chain 1 slot 1
        gain = (first[1] + second[0]) - (first[0] + second[1])
        return max(float(gain), 0.0), f"{site.candidates[1]},{site.candidates[0]}"
    scores = logp[: len(site.chains), : len(site.candidates)].mean(axis=0)
    written = site.candidates.index(site.actual)
    order = np.argsort(-scores)
    alternative = int(order[0]) if int(order[0]) != written else int(order[1])
    gain = float(scores[alternative] - scores[written])
    return max(gain, 0.0), site.candidates[alternative]


def text_key(text: str, language: str) -> int:
    """The stable key under which a training text is remembered (for leave-one-out)."""
    from pruning.signals.naturalness import text_key as ngram_text_key

    return ngram_text_key(text, language)


def train_site_model(texts: Sequence[str], languages: Sequence[str]) -> SiteModel:
    """Count the written token of every site of ``texts`` in each of its contexts."""
    keys: list[np.ndarray] = []
    ctxs: list[np.ndarray] = []
    for text, language in zip(texts, languages):
        sites = record_sites(text, language)
        if sites:
            k, c = _written_pairs(_encode(sites))
            keys.append(k)
            ctxs.append(c)
    table = build_table(keys, ctxs)
    trained = np.unique(
        np.fromiter((text_key(t, lang) for t, lang in zip(texts, languages)), np.uint64)
    )
    return SiteModel(table, trained)
