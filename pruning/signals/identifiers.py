"""The corpus's identifiers: how often each is used, and names one letter from a common one.

:class:`NameTable` counts, over the training texts, how many texts use each identifier
(document frequency) and how often it occurs, and indexes every single-letter deletion of
the names used by at least two texts. Two signals come from it:

* :meth:`NameTable.misspelling` — an identifier (variable, parameter, attribute, method or
  keyword-argument name) written once in its record and by no other text of the corpus,
  that is one edit (a dropped, added, replaced or swapped letter) from a name of the same
  record or from a name other texts use: the footprint of a typo. Pairs that differ only
  by case, by a trailing ``s`` or by digits are legitimate (``item``/``items``,
  ``x1``/``x2``) and names shorter than four letters are too crowded to judge.
* :meth:`NameTable.name_bits` — the surprisal in bits of an identifier among identifiers,
  so that a rare or never-seen name raises the naturalness surprisal
  (:mod:`pruning.signals.naturalness`) instead of vanishing into one ``<id>`` symbol.

Both leave a training text's own counts out when judging it (leave-one-out). Names are
hashed (``crc32``) into sorted ``uint32`` arrays, so the table pickles as numpy arrays.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

MIN_LENGTH = 4
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: Node types whose identifier child is a name being declared (a definition names itself).
DECLARATIONS = frozenset(
    {
        "function_definition",
        "function_declaration",
        "method_declaration",
        "method_definition",
        "constructor_declaration",
        "class_definition",
        "class_declaration",
        "function_item",
        "function_declarator",
        "struct_item",
        "type_spec",
    }
)


def name_hash(name: str) -> int:
    """A stable 32-bit hash of a name."""
    return zlib.crc32(name.encode("utf-8", "surrogatepass"))


def deletions(name: str) -> set[str]:
    """Every string one deleted character away from ``name``."""
    return {name[:i] + name[i + 1 :] for i in range(len(name))}


def _lookup(keys: np.ndarray, values: np.ndarray, query: int) -> int:
    i = int(np.searchsorted(keys, np.uint32(query)))
    return int(values[i]) if i < len(keys) and keys[i] == query else 0


def legitimate_pair(a: str, b: str) -> bool:
    """Name pairs one edit apart that are not typos: case only, a leading or trailing
    underscore, a plural ``s``, or an edit that involves a digit (``x1``/``x2``)."""
    if a.lower() == b.lower() or a.strip("_") == b.strip("_"):
        return True
    short, long_ = sorted((a, b), key=len)
    if long_ == short + "s":
        return True
    changed = set(a).symmetric_difference(b) or {
        x for i, (x, y) in enumerate(zip(a, b)) if x != y for x in (x, y)
    }
    return any(ch.isdigit() for ch in changed)


def subwords(name: str) -> list[str]:
    """The lower-case words of an identifier (``maxLength`` → ``max``, ``length``)."""
    return [w.lower() for w in _WORDS.findall(name)]


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is one deletion, insertion, substitution or adjacent swap from ``a``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long_ = sorted((a, b), key=len)
    return short in deletions(long_)


@dataclass(frozen=True)
class Misspelling:
    """A name that looks like a typo of another."""

    name: str
    near: str
    line: int  # 1-based
    col: int  # 1-based
    in_record: bool
    near_df: int
    score: float

    def describe(self) -> str:
        """``line 3:9: 'valeu' is used nowhere else in the corpus and is one letter from
        'value' (used in 12 other texts)``."""
        where = "this record" if self.in_record else f"{self.near_df} other texts"
        return (
            f"line {self.line}:{self.col}: '{self.name}' is used nowhere else in the corpus "
            f"and is one letter from '{self.near}' (used in {where})"
        )


@dataclass(frozen=True, eq=False)
class NameTable:
    """Identifier statistics of the training texts (see the module docstring)."""

    names: np.ndarray  # sorted uint32 name hashes
    df: np.ndarray  # texts using the name
    tf: np.ndarray  # occurrences
    deletion_keys: np.ndarray  # sorted uint32 hashes of deletions of the frequent names
    deletion_name: np.ndarray  # index into ``frequent`` of the name giving that deletion
    frequent: tuple[str, ...]  # names used by >= 2 texts (the most used first, capped)
    word_keys: np.ndarray  # sorted uint32 hashes of identifier sub-words
    word_df: np.ndarray  # texts using the sub-word
    total: int  # identifier occurrences counted
    types: int  # distinct identifiers

    def df_of(self, name: str) -> int:
        """Texts that use ``name``."""
        return self._maps()[0].get(name_hash(name), 0)

    def tf_of(self, name: str) -> int:
        """Occurrences of ``name``."""
        return self._maps()[1].get(name_hash(name), 0)

    def _maps(self) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
        """Dictionaries of df, tf and sub-word df by hash, built once per process (faster
        than a binary search per name; not pickled)."""
        maps = self.__dict__.get("_cached_maps")
        if maps is None:
            keys = self.names.tolist()
            maps = (
                dict(zip(keys, self.df.tolist())),
                dict(zip(keys, self.tf.tolist())),
                dict(zip(self.word_keys.tolist(), self.word_df.tolist())),
            )
            object.__setattr__(self, "_cached_maps", maps)
        return maps

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_cached_maps"}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def misspelling(self, names: Sequence[tuple[str, int, int]], own: bool) -> Misspelling | None:
        """The most typo-like identifier among a record's ``(name, line, col)`` occurrences
        (0-based positions); ``own`` when the record was a training text."""
        counts = Counter(name for name, _, _ in names)
        best: Misspelling | None = None
        for name, line, col in names:
            if counts[name] != 1 or len(name) < MIN_LENGTH:
                continue
            if self.df_of(name) - int(own) > 0:
                continue  # another text uses it: a real name
            if not self._has_new_word(name, own):
                continue  # made of words the corpus uses (getX / setX): not a typo
            found = self._near_in_record(name, counts) or self._near_in_corpus(name)
            if found is None:
                continue
            near, in_record, near_df = found
            score = (4.0 if in_record else 1.0) + math.log2(1 + near_df)
            if best is None or score > best.score:
                best = Misspelling(name, near, line + 1, col + 1, in_record, near_df, score)
        return best

    def _has_new_word(self, name: str, own: bool) -> bool:
        """Whether a sub-word of ``name`` is used by no other text."""
        words = subwords(name)
        own_words = set(words)
        word_df = self._maps()[2]
        return any(word_df.get(name_hash(w), 0) - int(own and w in own_words) <= 0 for w in words)

    def _near_in_record(self, name: str, counts: Counter[str]) -> tuple[str, bool, int] | None:
        for other in counts:
            if other != name and one_edit(name, other) and not legitimate_pair(name, other):
                return other, True, self.df_of(other)
        return None

    def _near_in_corpus(self, name: str) -> tuple[str, bool, int] | None:
        """The most used name of other texts one edit from ``name`` (not a legitimate pair)."""
        best: tuple[str, bool, int] | None = None
        for variant in {name, *deletions(name)}:
            candidates = [variant] if variant != name else []  # name has a letter too many
            i = int(np.searchsorted(self.deletion_keys, np.uint32(name_hash(variant))))
            while i < len(self.deletion_keys) and self.deletion_keys[i] == name_hash(variant):
                candidates.append(self.frequent[int(self.deletion_name[i])])
                i += 1
            for other in candidates:
                if not one_edit(name, other) or legitimate_pair(name, other):
                    continue
                df = self.df_of(other)
                if df >= 2 and (best is None or df > best[2]):
                    best = (other, False, df)
        return best

    def totals_without(self, own: Counter[str] | None) -> tuple[int, int]:
        """``(identifier occurrences, distinct identifiers)`` with a text's ``own`` counts
        left out (compute once per text, pass to :meth:`name_bits`)."""
        if not own:
            return self.total, self.types
        vanished = sum(1 for n, c in own.items() if self.tf_of(n) <= c)
        return self.total - sum(own.values()), self.types - vanished

    def name_bits(
        self,
        name: str,
        own: Counter[str] | None = None,
        totals: tuple[int, int] | None = None,
    ) -> float:
        """Surprisal in bits of ``name`` among the corpus's identifiers (Witten-Bell: a name
        never seen shares the mass of new names with as many others as were seen).

        ``own``: the identifier counts of a text to leave out (its own, when it was a
        training text), so the result equals that of a table trained without it;
        ``totals``: :meth:`totals_without` of ``own``, when already known.
        """
        total, types = totals if totals is not None else self.totals_without(own)
        count = self.tf_of(name) - (own[name] if own else 0)
        denominator = max(total + types, 1)
        if count > 0:
            return -math.log2(count / denominator)
        unseen = types / denominator / max(types, 1)
        return -math.log2(max(unseen, 1e-12))


def train_names(token_names: Iterable[Sequence[str]], max_frequent: int = 50_000) -> NameTable:
    """Count identifiers per text (an iterable of each text's identifier occurrences); the
    ``max_frequent`` most used names of at least two texts are indexed for near misses."""
    df: Counter[str] = Counter()
    tf: Counter[str] = Counter()
    words: Counter[int] = Counter()
    for names in token_names:
        tf.update(names)
        distinct = set(names)
        df.update(distinct)
        words.update({name_hash(w) for n in distinct for w in subwords(n)})
    hashed: dict[int, tuple[int, int]] = {}
    for name, count in tf.items():
        key = name_hash(name)
        old = hashed.get(key, (0, 0))
        hashed[key] = (old[0] + df[name], old[1] + count)
    keys = np.array(sorted(hashed), dtype=np.uint32)
    frequent = tuple(
        sorted((n for n, d in df.items() if d >= 2), key=lambda n: (-df[n], n))[:max_frequent]
    )
    pairs = sorted(
        (name_hash(variant), index)
        for index, name in enumerate(frequent)
        if len(name) >= MIN_LENGTH - 1
        for variant in deletions(name)
    )
    return NameTable(
        keys,
        np.array([hashed[int(k)][0] for k in keys], dtype=np.uint32),
        np.array([hashed[int(k)][1] for k in keys], dtype=np.uint32),
        np.array([k for k, _ in pairs], dtype=np.uint32),
        np.array([i for _, i in pairs], dtype=np.uint32),
        frequent,
        np.array(sorted(words), dtype=np.uint32),
        np.array([words[k] for k in sorted(words)], dtype=np.uint32),
        sum(tf.values()),
        len(tf),
    )
