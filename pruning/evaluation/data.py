"""Evaluation data: corruptions injected into a clean corpus, and planted duplicates."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pruning.corruptions import Corrupted, corrupt
from pruning.corruptions.base import code_tokens
from pruning.types import CodeRecord

DUPLICATE_TYPES: tuple[str, ...] = ("exact", "whitespace-comment", "renamed")
_COMMENT = {"python": "#"}
_QUALIFIERS = {".", "->", "::"}
_SINGLE_EQUALS = re.compile(r"(?<=[\w\)\]])=(?=[\w\(\[])")


@dataclass(frozen=True)
class Injected:
    """The evaluation corpus and its labels: corruption kind by id ("" = clean)."""

    records: list[CodeRecord]
    kind: dict[str, str]
    description: dict[str, str]


def inject_corruptions(
    records: Sequence[CodeRecord], rate: float, kinds: Sequence[str], seed: int
) -> Injected:
    """Corrupt ``round(rate * n)`` records, balancing the kinds: each chosen record gets the
    least-used kind that applies to it (ties broken by a seeded order)."""
    rng = random.Random(seed)
    chosen = set(rng.sample(range(len(records)), round(rate * len(records))))
    used = dict.fromkeys(kinds, 0)
    out: list[CodeRecord] = []
    kind_of: dict[str, str] = {}
    description: dict[str, str] = {}
    for index, record in enumerate(records):
        kind_of[record.id] = ""
        if index in chosen:
            options = {}
            for kind in kinds:
                result = corrupt(record.text, record.language, kind, seed)
                if isinstance(result, Corrupted):
                    options[kind] = result
            if options:
                order = rng.sample(sorted(options), len(options))
                kind = min(order, key=lambda k: used[k])
                used[kind] += 1
                record = replace(record, text=options[kind].text)
                kind_of[record.id] = kind
                description[record.id] = options[kind].description
        out.append(record)
    return Injected(out, kind_of, description)


def plant_duplicates(
    records: Sequence[CodeRecord], count: int, seed: int, exclude: set[str] | None = None
) -> tuple[list[CodeRecord], dict[str, tuple[str, str]]]:
    """Add ``count`` copies of clean records, cycling through :data:`DUPLICATE_TYPES`.

    Returns the new records and, for each copy id, ``(original id, duplicate type)``.
    Copies whose edit would change nothing are made exact copies instead.
    """
    rng = random.Random(seed)
    pool = [r for r in records if not exclude or r.id not in exclude]
    sources = rng.sample(pool, min(count, len(pool)))
    copies: list[CodeRecord] = []
    truth: dict[str, tuple[str, str]] = {}
    for number, source in enumerate(sources):
        kind = DUPLICATE_TYPES[number % len(DUPLICATE_TYPES)]
        text = source.text
        if kind == "whitespace-comment":
            text = whitespace_comment_edit(text, source.language)
        elif kind == "renamed":
            text = rename_identifiers(text, source.language, rng)
        copy_id = f"{source.id}~dup{number}"
        copies.append(replace(source, id=copy_id, text=text))
        truth[copy_id] = (source.id, kind if text != source.text or kind == "exact" else "exact")
    return copies, truth


def whitespace_comment_edit(text: str, language: str) -> str:
    """Drop full-line comments, add a comment on top, space out operators, add blank lines."""
    mark = _COMMENT.get(language, "//")
    lines = [ln for ln in text.split("\n") if not ln.strip().startswith(mark)]
    spaced = [_SINGLE_EQUALS.sub(" = ", ln) for ln in lines]
    body = "\n\n".join(ln.rstrip() + "  " if ln.strip() else ln for ln in spaced)
    return f"{mark} copied from elsewhere\n{body}"


def rename_identifiers(text: str, language: str, rng: random.Random) -> str:
    """Consistently rename one or two variables used at least twice."""
    tokens = code_tokens(text, language)
    counts: dict[str, int] = {}
    for prev, tok, nxt in zip([None, *tokens], tokens, [*tokens[1:], None]):
        if tok.kind != "identifier" or (prev is not None and prev.text in _QUALIFIERS):
            continue
        if nxt is not None and nxt.text == "(":
            continue
        counts[tok.text] = counts.get(tok.text, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= 2 and n not in ("self", "this", "cls"))
    if not names:
        return text
    picked = rng.sample(names, min(2, len(names)))
    mapping = {name: f"{name}_{rng.choice(['alt', 'tmp', 'new', 'val'])}" for name in picked}
    out = text
    for tok in reversed(tokens):
        if tok.kind == "identifier" and tok.text in mapping:
            out = out[: tok.start] + mapping[tok.text] + out[tok.end :]
    return out
