"""The corruption registry: named kinds, deterministic per seed and text."""

from __future__ import annotations

import io
import keyword
import random
import tokenize as pytokenize
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pruning.languages import Token, tokenize

Family = Literal["syntax", "content"]


@dataclass(frozen=True)
class Corrupted:
    """A corrupted text and a description of the change (with its line, 1-based)."""

    kind: str
    family: Family
    text: str
    description: str


@dataclass(frozen=True)
class NotApplicable:
    """The kind cannot corrupt this text, and why."""

    kind: str
    reason: str


Result = Corrupted | NotApplicable
Rule = Callable[[str, str, random.Random], "tuple[str, str] | str"]


@dataclass(frozen=True)
class Kind:
    """A registered corruption: its family, a one-line summary and the rule implementing it.

    A rule returns ``(new_text, description)`` or a string saying why it does not apply.
    """

    name: str
    family: Family
    summary: str
    rule: Rule


REGISTRY: dict[str, Kind] = {}


def register(name: str, family: Family, summary: str) -> Callable[[Rule], Rule]:
    """Decorator adding a rule to :data:`REGISTRY` under ``name``."""

    def wrap(rule: Rule) -> Rule:
        REGISTRY[name] = Kind(name, family, summary, rule)
        return rule

    return wrap


def rng_for(text: str, kind: str, seed: int) -> random.Random:
    """A generator that depends only on the seed, the kind and the text."""
    return random.Random(f"{seed}:{kind}:{zlib.crc32(text.encode('utf-8', 'surrogatepass'))}")


def code_tokens(text: str, language: str) -> list[Token]:
    """Tokens for corruption rules: Python's own ``tokenize`` when it can, else tree-sitter."""
    if language == "python":
        try:
            return _python_tokens(text)
        except (pytokenize.TokenError, IndentationError, SyntaxError):
            pass
    return tokenize(text, language)


def _python_tokens(text: str) -> list[Token]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    out = []
    for tok in pytokenize.generate_tokens(io.StringIO(text).readline):
        kind = _PY_KINDS.get(tok.type)
        if kind is None:
            continue
        if kind == "identifier" and (keyword.iskeyword(tok.string)):
            kind = "keyword"
        start = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        out.append(Token(kind, tok.string, start, end, tok.start[0] - 1))  # type: ignore[arg-type]
    return out


_PY_KINDS = {
    pytokenize.NAME: "identifier",
    pytokenize.NUMBER: "number",
    pytokenize.STRING: "string",
    pytokenize.COMMENT: "comment",
    pytokenize.OP: "operator",
}


def replace(text: str, start: int, end: int, new: str) -> str:
    """``text`` with ``text[start:end]`` replaced by ``new``."""
    return text[:start] + new + text[end:]


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1
