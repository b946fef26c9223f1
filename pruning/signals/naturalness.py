"""Naturalness: a token n-gram language model of the corpus and per-record surprisal features.

Code is repetitive and predictable, so an n-gram model trained on a project assigns its code
low cross-entropy (Hindle, Barr, Su, Gabel, Devanbu, "On the Naturalness of Software",
ICSE 2012), and buggy lines are measurably less predictable than fixed ones (Ray, Hellendoorn,
Godhane, Tu, Bacchelli, Devanbu, "On the 'Naturalness' of Buggy Code", ICSE 2016). A
corruption is a local, unusual change: a token sequence that the corpus rarely writes.

* **Tokens** come from :func:`pruning.languages.tokenize`. Comments are dropped, string
  literals become ``<str>``, numbers longer than three characters ``<num>``, identifiers
  outside the vocabulary (the ``vocab_size`` most frequent identifiers that appear in at least
  two training texts) ``<id>``; a ``<nl>`` symbol marks each new line.
* **Rare names are surprising**: an ``<id>`` costs the bits of the ``<id>`` class in its
  context *plus* the bits of choosing that name among the corpus's identifiers
  (:meth:`pruning.signals.identifiers.NameTable.name_bits`: its count, or the share of new
  names for a name no other text uses), so a misspelt or never-seen name raises surprisal
  instead of vanishing into one common symbol (Ray et al. found this necessary).
* **Model**: interpolated Witten-Bell smoothing over orders 1..``order``, one model reading
  left to right and one right to left, so a token is judged by what precedes and follows it.
  All n-grams are keyed by a stable 32-bit hash (``blake2b`` of each symbol, mixed per
  position), and n-grams of different languages never share counts.
* **Storage**: per direction and order, sorted ``uint32`` keys of the distinct n-grams with
  their counts, and of the distinct contexts with their counts and numbers of distinct
  followers — 8 bytes per distinct n-gram and 12 per distinct context. Training stops
  adding texts once ``max_tokens`` symbols are counted, so the tables hold at most
  ``2 * order * 20`` bytes per counted symbol (160 for order 4); measured on real code it
  is 23-26 (``docs/pruning.md``), about 12 MiB at the default 500,000.
* **Leave-one-out**: scoring a text that was part of the training subtracts its own counts
  first (``exclude="auto"``), and a corrupted copy of a training text is scored with its
  source's counts removed (``exclude=source``), so no text explains itself.

:meth:`NgramModel.features` turns per-token surprisal (bits) into :data:`NATURALNESS_NAMES`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pruning.languages import tokenize
from pruning.signals.identifiers import NameTable, train_names
from pruning.signals.ngram import (
    END,
    CountTable,
    Keys,
    build_table,
    check_order,
    contains,
    ngram_keys,
    padded,
    symbol_hash,
    witten_bell_bits,
)

NATURALNESS_NAMES: tuple[str, ...] = (
    "lm_mean_bits",
    "lm_context_bits",
    "lm_max_line_bits",
    "lm_top3_bits",
)
NEWLINE = "<nl>"
UNKNOWN_ID = "<id>"
_WORDS = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|[^\w\s]")


def raw_tokens(text: str, language: str) -> list[tuple[str, str, int]]:
    """``(kind, text, line)`` of the code tokens of ``text`` (comments dropped).

    Languages without a grammar fall back to a word/punctuation split.
    """
    tokens = tokenize(text, language)
    if tokens:
        return [(t.kind, t.text, t.line) for t in tokens if t.kind != "comment"]
    out: list[tuple[str, str, int]] = []
    for number, line in enumerate(text.splitlines()):
        for word in _WORDS.findall(line):
            kind = "identifier" if word[0].isalpha() or word[0] == "_" else "operator"
            out.append(("number" if word[0].isdigit() else kind, word, number))
    return out


def symbols(
    tokens: Sequence[tuple[str, str, int]], vocab: np.ndarray | None
) -> tuple[list[str], list[int]]:
    """Model symbols and their line numbers (``<nl>`` carries the new line's number)."""
    out, lines, _ = _symbols(tokens, vocab)
    return out, lines


def _symbols(
    tokens: Sequence[tuple[str, str, int]], vocab: np.ndarray | None
) -> tuple[list[str], list[int], list[str]]:
    """:func:`symbols` plus the source text of each symbol (``""`` for ``<nl>``)."""
    out: list[str] = []
    lines: list[int] = []
    texts: list[str] = []
    previous = None
    for kind, text, line in tokens:
        if previous is not None and line != previous:
            out.append(NEWLINE)
            lines.append(line)
            texts.append("")
        previous = line
        out.append(_symbol(kind, text, vocab))
        lines.append(line)
        texts.append(text)
    return out, lines, texts


def _symbol(kind: str, text: str, vocab: np.ndarray | None) -> str:
    if kind == "string":
        return "<str>"
    if kind == "number":
        return text if len(text) <= 3 else "<num>"
    if kind == "identifier" and vocab is not None:
        return text if contains(vocab, np.uint64(symbol_hash(text))) else UNKNOWN_ID
    return text


def text_key(text: str, language: str) -> int:
    """The stable key under which a training text is remembered (for leave-one-out)."""
    return symbol_hash(f"{language}\x00{text}")


def identifier_vocabulary(
    token_lists: Sequence[Sequence[tuple[str, str, int]]], size: int
) -> np.ndarray:
    """Sorted hashes of the ``size`` most frequent identifiers found in >= 2 texts."""
    df: Counter[str] = Counter()
    tf: Counter[str] = Counter()
    for tokens in token_lists:
        names = [text for kind, text, _ in tokens if kind == "identifier"]
        tf.update(names)
        df.update(set(names))
    common = [n for n, _ in tf.most_common() if df[n] >= 2][:size]
    return np.sort(np.fromiter((symbol_hash(n) for n in common), np.uint64, len(common)))


Exclude = str | None


@dataclass(frozen=True, eq=False)
class NgramModel:
    """Forward and backward Witten-Bell n-gram models of a corpus (picklable numpy arrays)."""

    order: int
    vocab: np.ndarray  # sorted uint64 hashes of the identifiers kept by name
    forward: tuple[CountTable, ...]
    backward: tuple[CountTable, ...]
    vocab_size: int  # distinct symbols seen in training
    trained: np.ndarray  # sorted uint64 text_key of every training text
    tokens: int  # symbols (tokens and line breaks) counted in training
    names: NameTable | None = None  # identifier counts: the bits of an ``<id>`` name

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (what pickling the model costs, give or take)."""
        tables = [*self.forward, *self.backward]
        arrays = [a for t in tables for a in vars(t).values()] + [self.vocab, self.trained]
        if self.names is not None:
            arrays += [a for a in vars(self.names).values() if isinstance(a, np.ndarray)]
        return int(sum(a.nbytes for a in arrays))

    def token_bits(self, text: str, language: str, exclude: Exclude = "auto") -> TokenBits:
        """Surprisal of every symbol of ``text`` (see :class:`TokenBits`).

        ``exclude="auto"`` removes the text's own counts when it was a training text;
        ``exclude=None`` removes nothing; any other string removes that text's counts (the
        source of a corrupted copy).
        """
        seq, lines, texts = _symbols(raw_tokens(text, language), self.vocab)
        if not seq:
            return TokenBits.empty()
        removed = self._excluded_symbols(text, language, exclude)
        m = len(seq)
        fwd, fwd_uni = self._bits(self.forward, seq, removed, language)
        back = removed[::-1] if removed is not None else None
        bwd, bwd_uni = self._bits(self.backward, seq[::-1], back, language)
        fwd, bwd = fwd[:m], bwd[:m][::-1]
        fwd_uni, bwd_uni = fwd_uni[:m], bwd_uni[:m][::-1]
        if self.names is not None:
            extra = self._name_bits(seq, texts, text, language, exclude)
            fwd, bwd, fwd_uni, bwd_uni = fwd + extra, bwd + extra, fwd_uni + extra, bwd_uni + extra
        return TokenBits(fwd, bwd, fwd_uni, bwd_uni, np.asarray(lines))

    def _name_bits(
        self, seq: list[str], texts: list[str], text: str, language: str, exclude: Exclude
    ) -> np.ndarray:
        """Bits of choosing each ``<id>`` name among the corpus's identifiers (0 elsewhere),
        the text's own occurrences left out when it was a training text."""
        assert self.names is not None
        own: Counter[str] = Counter()
        source = self._excluded_source(text, language, exclude)
        if source is not None:
            own.update(t for k, t, _ in raw_tokens(source, language) if k == "identifier")
        names = self.names
        totals = names.totals_without(own)
        return np.array(
            [
                names.name_bits(t, own, totals) if s == UNKNOWN_ID else 0.0
                for s, t in zip(seq, texts)
            ]
        )

    def was_trained(self, text: str, language: str) -> bool:
        """Whether ``text`` was one of the training texts."""
        return contains(self.trained, np.uint64(text_key(text, language)))

    def _excluded_source(self, text: str, language: str, exclude: Exclude) -> str | None:
        if exclude is None:
            return None
        if exclude == "auto":
            return text if self.was_trained(text, language) else None
        return exclude

    def _excluded_symbols(self, text: str, language: str, exclude: Exclude) -> list[str] | None:
        source = self._excluded_source(text, language, exclude)
        return None if source is None else symbols(raw_tokens(source, language), self.vocab)[0]

    def _bits(
        self,
        tables: tuple[CountTable, ...],
        seq: list[str],
        removed: list[str] | None,
        language: str,
    ) -> tuple[np.ndarray, np.ndarray]:
        per_order = ngram_keys(padded(seq, self.order), language, self.order)
        exclude = None
        if removed is not None:
            exclude = ngram_keys(padded(removed, self.order), language, self.order)
        return witten_bell_bits(tables, per_order, self.vocab_size, exclude)

    def features(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        exclude: Sequence[Exclude] | None = None,
    ) -> np.ndarray:
        """``(n, len(NATURALNESS_NAMES))`` float32 features (``exclude`` per text, default
        ``"auto"`` for all): see :meth:`TokenBits.features`."""
        out = np.zeros((len(texts), len(NATURALNESS_NAMES)), dtype=np.float32)
        for i, (text, language) in enumerate(zip(texts, languages)):
            how = "auto" if exclude is None else exclude[i]
            out[i] = self.token_bits(text, language, how).features()
        return out


@dataclass(frozen=True)
class TokenBits:
    """Per-symbol surprisal in bits: full model and unigram level, each read forwards and
    backwards, with the line of every symbol."""

    forward: np.ndarray
    backward: np.ndarray
    forward_unigram: np.ndarray
    backward_unigram: np.ndarray
    lines: np.ndarray

    @classmethod
    def empty(cls) -> TokenBits:
        """No symbols at all."""
        nothing = np.zeros(0)
        return cls(nothing, nothing, nothing, nothing, nothing)

    def features(self) -> np.ndarray:
        """:data:`NATURALNESS_NAMES` for this text (zeros when it has no symbols):

        * ``lm_mean_bits`` — mean forward bits per symbol (the cross-entropy of Hindle et al.);
        * ``lm_context_bits`` — mean of how much the context lowers each symbol's probability
          below its unigram probability (full minus unigram bits, both directions averaged):
          high when symbols are common but out of place;
        * ``lm_max_line_bits`` — the highest mean two-sided bits of a line;
        * ``lm_top3_bits`` — the mean of the three highest two-sided symbol bits.
        """
        if len(self.forward) == 0:
            return np.zeros(len(NATURALNESS_NAMES), dtype=np.float32)
        both = (self.forward + self.backward) / 2.0
        context = both - (self.forward_unigram + self.backward_unigram) / 2.0
        _, line_index = np.unique(self.lines, return_inverse=True)
        line_means = np.bincount(line_index, both) / np.bincount(line_index)
        top = np.sort(both)[-3:]
        values = [self.forward.mean(), context.mean(), line_means.max(), top.mean()]
        return np.asarray(values, dtype=np.float32)


def train_ngram(
    texts: Sequence[str],
    languages: Sequence[str],
    order: int = 4,
    vocab_size: int = 20_000,
    max_tokens: int = 500_000,
) -> NgramModel:
    """Count forward and backward n-grams of ``texts`` (in order, until ``max_tokens``
    symbols — tokens and line breaks — are counted; the text that crosses the budget is
    still counted whole) and return the model."""
    check_order(order)
    token_lists: list[list[tuple[str, str, int]]] = []
    used: list[tuple[str, str]] = []
    total = 0
    for text, language in zip(texts, languages):
        if total >= max_tokens:
            break
        tokens = raw_tokens(text, language)
        token_lists.append(tokens)
        used.append((text, language))
        total += len(tokens) + len({line for _, _, line in tokens})  # tokens and newlines
    vocab = identifier_vocabulary(token_lists, vocab_size)
    names = train_names([t for k, t, _ in tokens if k == "identifier"] for tokens in token_lists)
    per_direction: dict[bool, list[list[Keys]]] = {True: [], False: []}
    distinct: set[str] = {END}
    for tokens, (_, language) in zip(token_lists, used):
        seq = symbols(tokens, vocab)[0]
        distinct.update(seq)
        for forward in (True, False):
            ordered = seq if forward else seq[::-1]
            per_direction[forward].append(ngram_keys(padded(ordered, order), language, order))
    tables = {
        forward: tuple(
            build_table([k[n][0] for k in keyed], [k[n][1] for k in keyed]) for n in range(order)
        )
        for forward, keyed in per_direction.items()
    }
    trained = np.unique(np.fromiter((text_key(t, lang) for t, lang in used), np.uint64))
    return NgramModel(
        order, vocab, tables[True], tables[False], len(distinct), trained, total, names
    )
