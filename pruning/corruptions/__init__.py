"""Synthetic corruptions of code, deterministic for a seed.

Every kind is a rule registered in :data:`REGISTRY` under a stable name, in one of two
families: ``syntax`` (the result should no longer compile or resolve: a dropped bracket, an
unbalanced quote, a misspelt variable use, damaged indentation, truncation, swapped
statements, a deleted line) and ``content`` (still parses, computes something else: a
flipped comparison, an off-by-one literal, swapped operands, and/or swapped, a removed
``return``, a negated condition).

Python is handled with ``tokenize`` and ``ast``; JavaScript, TypeScript, Java, C, C++, Go
and Rust with token-level rules over tree-sitter tokens. :func:`corrupt` returns
:class:`Corrupted` (new text + description naming the line) or :class:`NotApplicable`
(with the reason); the same ``(text, kind, seed)`` always gives the same result.
"""

from __future__ import annotations

from collections.abc import Sequence

from pruning.corruptions import content, syntax  # noqa: F401  (registers the rules)
from pruning.corruptions.base import (
    REGISTRY,
    Corrupted,
    Family,
    Kind,
    NotApplicable,
    Result,
    rng_for,
)
from pruning.errors import ConfigError

__all__ = [
    "REGISTRY",
    "Corrupted",
    "Family",
    "Kind",
    "NotApplicable",
    "Result",
    "corrupt",
    "corrupt_any",
    "kinds",
]


def kinds(family: Family | None = None) -> list[str]:
    """Registered kind names (of one family when given), in registration order."""
    return [k.name for k in REGISTRY.values() if family is None or k.family == family]


def corrupt(text: str, language: str, kind: str, seed: int = 0) -> Result:
    """Apply corruption ``kind`` to ``text``; unknown kinds raise :class:`ConfigError`."""
    entry = REGISTRY.get(kind)
    if entry is None:
        raise ConfigError(f"unknown corruption kind {kind!r}; choose from {', '.join(REGISTRY)}")
    outcome = entry.rule(text, language, rng_for(text, kind, seed))
    if isinstance(outcome, str):
        return NotApplicable(kind, outcome)
    new_text, description = outcome
    if new_text == text:
        return NotApplicable(kind, "the change left the text unchanged")
    return Corrupted(kind, entry.family, new_text, description)


def corrupt_any(
    text: str, language: str, seed: int = 0, allowed: Sequence[str] | None = None
) -> Result:
    """Try the ``allowed`` kinds (default: all) in a seeded order; the first that applies wins."""
    names = list(allowed) if allowed else kinds()
    order = rng_for(text, "any", seed).sample(names, len(names))
    last: Result = NotApplicable("any", "no kinds to try")
    for name in order:
        last = corrupt(text, language, name, seed)
        if isinstance(last, Corrupted):
            return last
    return NotApplicable("any", "no corruption kind applies")
