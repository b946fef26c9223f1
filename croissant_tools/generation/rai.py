"""Responsible-AI (RAI 1.0) properties from a metadata file or a mapping, strictly checked.

Keys may be short (``dataBiases``), compact (``rai:dataBiases``) or full IRIs. Variant
spellings found in the wild (``useCases``, ``dataCollectionTimeFrame``) are mapped to the
canonical term with a warning; anything else unknown is an error with a "did you mean".
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from croissant_tools import vocab
from croissant_tools.errors import UsageError

KNOWN = (*vocab.RAI_TERMS, *vocab.RAI_COMMUNITY_TERMS)
_SHORT = {term.split(":", 1)[1]: term for term in (*KNOWN, *vocab.RAI_VARIANTS)}


def canonical_rai(
    data: Mapping[str, Any], *, where: str = "rai", warnings: list[str] | None = None
) -> dict[str, Any]:
    """Check keys and values; return ``{"rai:term": value}`` in the canonical order.

    Raises :class:`UsageError` listing every unknown key (with suggestions) and every
    value that is not text, a number, a boolean or a list of those. Variant spellings are
    mapped and reported in ``warnings``.
    """
    problems: list[str] = []
    out: dict[str, Any] = {}
    for key, value in data.items():
        term = _term(str(key))
        if term is None:
            problems.append(_unknown(str(key)))
            continue
        if term in vocab.RAI_VARIANTS:
            canonical = vocab.RAI_VARIANTS[term]
            if warnings is not None:
                warnings.append(f"RAI key {key!r} is a variant spelling; written as {canonical}")
            term = canonical
        if not _valid_value(value):
            problems.append(f"{key}: value must be text, a number or a list of them")
            continue
        if term in out:
            previous = out[term] if isinstance(out[term], list) else [out[term]]
            value = previous + (value if isinstance(value, list) else [value])
        out[term] = value
    if problems:
        raise UsageError("invalid RAI properties: " + "; ".join(problems), where=where)
    order = {term: index for index, term in enumerate(KNOWN)}
    return {term: out[term] for term in sorted(out, key=order.__getitem__)}


def is_rai_key(key: str) -> bool:
    """Whether ``key`` names an RAI term (canonical, community or variant spelling)."""
    return _term(key) is not None


def short_names() -> list[str]:
    """Every accepted RAI term without its prefix (for "did you mean" suggestions)."""
    return list(_SHORT)


def _term(key: str) -> str | None:
    if key.startswith(vocab.RAI):
        key = "rai:" + key[len(vocab.RAI) :]
    if key.startswith("rai:"):
        key = key[4:]
    return _SHORT.get(key)


def _unknown(key: str) -> str:
    short = key.split(":", 1)[-1].rsplit("/", 1)[-1]
    guesses = difflib.get_close_matches(short, list(_SHORT), n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(guesses)}?)" if guesses else ""
    return f"unknown RAI property {key!r}{hint}"


def _valid_value(value: Any) -> bool:
    atomic = (str, int, float, bool)
    if isinstance(value, atomic):
        return not (isinstance(value, str) and not value.strip())
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, atomic) for v in value)
    return False
