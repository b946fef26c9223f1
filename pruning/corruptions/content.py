"""Content corruptions: the code still parses but computes something else."""

from __future__ import annotations

import random

from pruning.corruptions.base import code_tokens, register, replace
from pruning.languages import Token

_FLIP = {
    "<": ">=",
    ">": "<=",
    "<=": ">",
    ">=": "<",
    "==": "!=",
    "!=": "==",
    "===": "!==",
    "!==": "===",
}
_NON_COMMUTATIVE = {"-", "/", "//", "%", "<<", ">>", "**"}
_OPERAND = ("identifier", "number")
_AND_OR = {"and": "or", "or": "and", "&&": "||", "||": "&&"}
_GENERIC_LANGS = {"java", "cpp", "typescript", "tsx", "rust", "go", "c"}


def _is_generic_bracket(tokens: list[Token], i: int, language: str) -> bool:
    """A ``<``/``>`` that most likely brackets type arguments (``List<String>``)."""
    if language not in _GENERIC_LANGS or tokens[i].text not in ("<", ">"):
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    prev = tokens[i - 1] if i > 0 else None
    type_like = [t for t in (nxt, prev) if t is not None and t.text[:1].isupper()]
    return bool(type_like) or (nxt is not None and nxt.text in (">", "(", ",", ";"))


@register("flip-comparison", "content", "invert one comparison operator (< to >=, == to !=)")
def flip_comparison(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Replace one comparison operator by its negation."""
    tokens = code_tokens(text, language)
    spots = [
        i
        for i, t in enumerate(tokens)
        if t.kind == "operator" and t.text in _FLIP and not _is_generic_bracket(tokens, i, language)
    ]
    if not spots:
        return "no comparison"
    tok = tokens[rng.choice(spots)]
    new = _FLIP[tok.text]
    return replace(text, tok.start, tok.end, new), f"{tok.text!r} -> {new!r} on line {tok.line + 1}"


@register("off-by-one", "content", "add or subtract 1 from one integer literal")
def off_by_one(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Change one decimal integer literal by +1 or -1 (never below zero)."""
    numbers = [t for t in code_tokens(text, language) if t.kind == "number" and t.text.isdigit()]
    if not numbers:
        return "no integer literal"
    tok = rng.choice(numbers)
    value = int(tok.text)
    delta = 1 if value == 0 or rng.random() < 0.5 else -1
    new = str(value + delta)
    return replace(text, tok.start, tok.end, new), f"{tok.text} -> {new} on line {tok.line + 1}"


def _left_operand(tokens: list[Token], i: int) -> int | None:
    """Index of the first token of the primary expression that ends at token ``i``."""
    j = i
    while True:
        if tokens[j].text in (")", "]"):
            opened = _matching_open(tokens, j)
            if opened is None:
                return None
            j = opened
            if j > 0 and tokens[j - 1].kind == "identifier":
                j -= 1
        elif tokens[j].kind not in _OPERAND:
            return None
        if j >= 2 and tokens[j - 1].text in (".", "->", "::"):
            j -= 2
            continue
        return j


def _matching_open(tokens: list[Token], j: int) -> int | None:
    pairs = {")": "(", "]": "["}
    want, depth = pairs[tokens[j].text], 0
    for k in range(j, -1, -1):
        if tokens[k].text in pairs:
            depth += 1
        elif tokens[k].text in ("(", "["):
            depth -= 1
            if depth == 0:
                return k if tokens[k].text == want else None
    return None


def _right_operand(tokens: list[Token], i: int) -> int | None:
    """Index of the last token of the primary expression that starts at token ``i``."""
    if tokens[i].kind not in _OPERAND:
        return None
    j = i
    while j + 1 < len(tokens):
        nxt = tokens[j + 1].text
        if nxt in (".", "->", "::") and j + 2 < len(tokens) and tokens[j + 2].kind == "identifier":
            j += 2
        elif nxt in ("(", "["):
            close = _matching_close(tokens, j + 1)
            if close is None:
                return None
            j = close
        else:
            return j
    return j


def _matching_close(tokens: list[Token], j: int) -> int | None:
    depth = 0
    for k in range(j, len(tokens)):
        if tokens[k].text in ("(", "["):
            depth += 1
        elif tokens[k].text in (")", "]"):
            depth -= 1
            if depth == 0:
                return k
    return None


@register("swap-operands", "content", "swap the operands of one -, /, %, <<, >> or **")
def swap_operands(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Swap the operands (names, literals, calls, subscripts) of one non-commutative operator."""
    tokens = code_tokens(text, language)
    spots = []
    for i in range(1, len(tokens) - 1):
        op = tokens[i]
        if op.kind != "operator" or op.text not in _NON_COMMUTATIVE:
            continue
        left, right = _left_operand(tokens, i - 1), _right_operand(tokens, i + 1)
        if left is None or right is None or tokens[left].line != tokens[right].line:
            continue
        a = text[tokens[left].start : tokens[i - 1].end]
        b = text[tokens[i + 1].start : tokens[right].end]
        if a != b:
            spots.append((left, i, right, a, b))
    if not spots:
        return "no simple non-commutative operation"
    left, i, right, a, b = rng.choice(spots)
    middle = text[tokens[i - 1].end : tokens[i + 1].start]
    new = replace(text, tokens[left].start, tokens[right].end, b + middle + a)
    op = tokens[i]
    return new, f"{a} {op.text} {b} -> {b} {op.text} {a} on line {op.line + 1}"


@register("swap-and-or", "content", "swap one boolean and/or (&&/||)")
def swap_and_or(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Replace one ``and``/``&&`` by ``or``/``||`` or the reverse."""
    spots = [
        t
        for t in code_tokens(text, language)
        if t.text in _AND_OR
        and t.kind in ("keyword", "operator", "identifier")
        and (language == "python") == t.text.isalpha()
    ]
    if not spots:
        return "no boolean and/or"
    tok = rng.choice(spots)
    new = _AND_OR[tok.text]
    return replace(text, tok.start, tok.end, new), f"{tok.text!r} -> {new!r} on line {tok.line + 1}"


@register("remove-return", "content", "drop the return keyword of one return with a value")
def remove_return(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Turn one ``return value`` into the bare expression ``value`` (still parses)."""
    tokens = code_tokens(text, language)
    spots = [
        i
        for i, t in enumerate(tokens[:-1])
        if t.text == "return"
        and t.kind in ("keyword", "identifier")
        and tokens[i + 1].line == t.line
        and tokens[i + 1].text not in (";", "}")
    ]
    if not spots:
        return "no return with a value"
    i = rng.choice(spots)
    tok, nxt = tokens[i], tokens[i + 1]
    return replace(text, tok.start, nxt.start, ""), f"removed 'return' on line {tok.line + 1}"


def _condition_span(tokens: list[Token], i: int, language: str) -> tuple[int, int] | None:
    """Token index range ``[a, b)`` of the condition after the ``if``/``while`` at ``i``."""
    if language == "python":
        end_text, start = ":", i + 1
    elif language in ("go", "rust"):
        end_text, start = "{", i + 1
    else:
        if i + 1 >= len(tokens) or tokens[i + 1].text != "(":
            return None
        end_text, start = ")", i + 2
    depth = 0
    for j in range(start, len(tokens)):
        text = tokens[j].text
        if depth == 0 and text == end_text:
            return (start, j) if j > start else None
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and text == ";":
            return None
    return None


@register("negate-condition", "content", "negate the condition of one if/elif/while")
def negate_condition(text: str, language: str, rng: random.Random) -> tuple[str, str] | str:
    """Wrap one ``if``/``elif``/``while`` condition in a logical negation."""
    tokens = code_tokens(text, language)
    spots = []
    for i, t in enumerate(tokens):
        if t.text in ("if", "elif", "while") and t.kind in ("keyword", "identifier"):
            span = _condition_span(tokens, i, language)
            if span is not None:
                spots.append((i, span))
    if not spots:
        return "no if/while condition"
    i, (a, b) = rng.choice(spots)
    start, end = tokens[a].start, tokens[b - 1].end
    inner = text[start:end]
    wrapped = f"not ({inner})" if language == "python" else f"!({inner})"
    return replace(text, start, end, wrapped), f"negated condition on line {tokens[i].line + 1}"
