"""Candidate bug sites of a record and the context each is judged in.

A *site* is a place where a one-token mistake changes what code computes while it still
compiles (DeepBugs, Pradel & Sen, OOPSLA 2018): a comparison operator, a boolean operator,
an arithmetic operator, a small integer literal, or the order of two call arguments. For
each site :func:`extract_sites` records the token actually written, the alternatives a
mistake would produce, and *contexts* — strings built from the code around the site:

* the heads of the operands (``len(`` for ``len(x)``, ``size`` for ``self.size``, small
  integers by value, ``<str>`` for strings), exactly and as identifier sub-words
  (``maxLength`` → ``length``);
* the statement the site is in (``if``, ``while``, ``for``, ``return``, ...);
* for literals, the tokens just before and after; for arguments, the callee and position.

Contexts come in *chains*, most specific first, so a model of the corpus can back off from
"``i`` compared with ``len(``" to "anything compared with ``len(``" to the language's
overall habit (:mod:`pruning.signals.site_model`). Nothing here looks at what a mutation
would rewrite: the same contexts serve a clean record and a broken one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pruning.languages import Token

#: Node types around a binary operator, over the grammars of :mod:`pruning.languages`.
BINARY_PARENTS = frozenset(
    {"binary_expression", "comparison_operator", "boolean_operator", "binary_operator"}
)
AUGMENTED_PARENTS = frozenset(
    {
        "augmented_assignment",
        "augmented_assignment_expression",
        "assignment_expression",
        "assignment_statement",
        "compound_assignment_expr",
    }
)
ARGUMENT_PARENTS = frozenset({"argument_list", "arguments"})

CMP = ("<", "<=", ">", ">=", "==", "!=", "===", "!==")
BOOL = ("and", "or", "&&", "||")
ARITH = ("+", "-", "*", "/", "%", "//")
AUGMENTED = ("+=", "-=", "*=", "/=")
_CLASSES: dict[str, tuple[str, ...]] = {
    "cmp": CMP,
    "bool": BOOL,
    "arith": ARITH,
    "aug": AUGMENTED,
}
#: Kinds of site, in the order of :data:`pruning.signals.site_model.SITE_NAMES`.
KINDS: tuple[str, ...] = ("cmp", "bool", "arith", "num", "args")
STATEMENTS = frozenset(
    {"if", "elif", "while", "for", "return", "assert", "yield", "case", "switch", "do", "let"}
)
_UNARY = frozenset({"-", "+", "!", "~", "not", "&", "*"})
_QUALIFIERS = frozenset({".", "->", "::", "?."})
_SMALL_INT = re.compile(r"^\d{1,3}$")
_SUBWORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
MAX_INT = 64


@dataclass(frozen=True)
class Site:
    """One candidate bug site.

    ``actual`` is the token written; ``candidates`` the tokens the model compares it with
    (``actual`` among them); ``chains`` the context strings, each chain most specific first;
    ``line``/``col`` are 0-based; ``swap`` (argument sites) holds the second argument's
    index into ``candidates`` — the actual order is ``candidates[0], candidates[1]``.
    """

    kind: str
    actual: str
    candidates: tuple[str, ...]
    chains: tuple[tuple[str, ...], ...]
    line: int
    col: int


def subword(name: str) -> str:
    """The last sub-word of an identifier, lower case (``maxLength`` → ``length``)."""
    parts = _SUBWORD.findall(name)
    return parts[-1].lower() if parts else name.lower()


def norm_literal(token: Token) -> str:
    """How a literal or name enters a context."""
    if token.kind == "number":
        text = token.text.rstrip("lLuU")
        if _SMALL_INT.match(text):
            return text if int(text) <= MAX_INT else "<int>"
        return "<num>"
    if token.kind == "string":
        return "<str>"
    return token.text


def _matching_open(tokens: Sequence[Token], close: int) -> int:
    pair = {")": "(", "]": "["}[tokens[close].text]
    depth = 0
    for j in range(close, -1, -1):
        text = tokens[j].text
        if text == tokens[close].text:
            depth += 1
        elif text == pair:
            depth -= 1
            if depth == 0:
                return j
    return -1


def left_head(tokens: Sequence[Token], i: int) -> str:
    """The head of the operand that ends just before token ``i``."""
    j = i - 1
    if j < 0:
        return "^"
    token = tokens[j]
    if token.text in (")", "]"):
        opened = _matching_open(tokens, j)
        if opened > 0 and tokens[opened - 1].kind == "identifier":
            return tokens[opened - 1].text + tokens[opened].text
        return "(" if token.text == ")" else "["
    return norm_literal(token)


def right_head(tokens: Sequence[Token], i: int) -> str:
    """The head of the operand that starts just after token ``i`` (unary prefixes kept)."""
    j = i + 1
    prefix = ""
    while j < len(tokens) and tokens[j].text in _UNARY and tokens[j].kind != "identifier":
        prefix += tokens[j].text
        j += 1
    if j >= len(tokens):
        return prefix + "$"
    token = tokens[j]
    if token.kind == "identifier":
        while (
            j + 2 < len(tokens)
            and tokens[j + 1].text in _QUALIFIERS
            and tokens[j + 2].kind == "identifier"
        ):
            j += 2
        follower = tokens[j + 1].text if j + 1 < len(tokens) else ""
        bracket = follower if follower in ("(", "[") else ""
        return prefix + tokens[j].text + bracket
    return prefix + norm_literal(token)


def _sub(head: str) -> str:
    """A head with its identifier cut to its last sub-word (brackets and prefixes kept)."""
    match = re.match(r"^([^\w]*)([A-Za-z_]\w*)([(\[]?)$", head)
    if not match:
        return head
    return match.group(1) + subword(match.group(2)) + match.group(3)


def statement_of(tokens: Sequence[Token], first_of_line: dict[int, int], i: int) -> str:
    """The keyword that starts the site's line (``if``, ``return``, ...), else ``-``."""
    start = first_of_line.get(tokens[i].line, i)
    for j in range(start, min(start + 3, i)):
        if tokens[j].kind == "keyword" and tokens[j].text in STATEMENTS:
            return tokens[j].text
    return "-"


def extract_sites(tokens: Sequence[Token], language: str) -> list[Site]:
    """Every site of a record's tokens (comments already dropped or not: they are skipped)."""
    code = [t for t in tokens if t.kind != "comment"]
    first_of_line: dict[int, int] = {}
    for index, token in enumerate(code):
        first_of_line.setdefault(token.line, index)
    sites: list[Site] = []
    for i, token in enumerate(code):
        text, parent = token.text, token.parent
        if parent in BINARY_PARENTS and text in CMP:
            sites.append(_operator_site("cmp", code, first_of_line, i, language))
        elif parent in BINARY_PARENTS and text in BOOL:
            sites.append(_operator_site("bool", code, first_of_line, i, language))
        elif parent in BINARY_PARENTS and text in ARITH and _is_binary(code, i):
            sites.append(_operator_site("arith", code, first_of_line, i, language))
        elif parent in AUGMENTED_PARENTS and text in AUGMENTED:
            sites.append(_operator_site("aug", code, first_of_line, i, language))
        elif token.kind == "number" and _SMALL_INT.match(token.text):
            site = _number_site(code, i, language)
            if site is not None:
                sites.append(site)
        elif text == "(" and parent in ARGUMENT_PARENTS:
            sites.extend(_argument_sites(code, i, language))
    return sites


def _is_binary(tokens: Sequence[Token], i: int) -> bool:
    if i == 0:
        return False
    before = tokens[i - 1]
    return before.kind in ("identifier", "number", "string") or before.text in (")", "]")


def _operator_site(
    kind: str, tokens: Sequence[Token], first_of_line: dict[int, int], i: int, language: str
) -> Site:
    token = tokens[i]
    left, right = left_head(tokens, i), right_head(tokens, i)
    stmt = statement_of(tokens, first_of_line, i)
    base = "arith" if kind == "aug" else kind
    chains = (
        (
            f"{kind}|{language}|{left}|{right}|{stmt}",
            f"{kind}|{language}|{left}|{right}",
            f"{kind}|{language}|R|{right}",
            f"{base}|{language}",
        ),
        (
            f"{kind}|{language}|{_sub(left)}|{_sub(right)}",
            f"{kind}|{language}|L|{left}",
            f"{base}|{language}",
        ),
        (
            f"{kind}|{language}|S|{stmt}|{_sub(right)}",
            f"{kind}|{language}|S|{stmt}",
            f"{base}|{language}",
        ),
    )
    candidates = tuple(c for c in _CLASSES[kind] if _in_language(c, language))
    if token.text not in candidates:
        candidates = (*candidates, token.text)
    return Site(kind, token.text, candidates, chains, token.line, token.col)


def _in_language(op: str, language: str) -> bool:
    if op in ("and", "or"):
        return language == "python"
    if op in ("&&", "||"):
        return language != "python"
    if op in ("===", "!=="):
        return language in ("javascript", "typescript", "tsx")
    if op == "//":
        return language == "python"
    return True


def _number_site(tokens: Sequence[Token], i: int, language: str) -> Site | None:
    token = tokens[i]
    value = int(token.text)
    if value > MAX_INT:
        return None
    before = tokens[i - 1].text if i > 0 else "^"
    before2 = tokens[i - 2].text if i > 1 else "^"
    after = tokens[i + 1].text if i + 1 < len(tokens) else "$"
    owner = left_head(tokens, i - 1) if i > 0 else "^"  # what the literal is applied to
    values = [str(v) for v in (value - 1, value, value + 1) if v >= 0]
    chains = (
        (
            f"num|{language}|{owner}|{before}|{after}",
            f"num|{language}|{owner}|{before}",
            f"num|{language}|B|{before}",
            f"num|{language}",
        ),
        (
            f"num|{language}|{before2}|{before}|{after}",
            f"num|{language}|A|{before}|{after}",
            f"num|{language}",
        ),
        (f"num|{language}|{_sub(owner)}|{before}", f"num|{language}|A|{after}", f"num|{language}"),
    )
    return Site("num", token.text, tuple(values), chains, token.line, token.col)


def _argument_sites(tokens: Sequence[Token], open_index: int, language: str) -> list[Site]:
    """One site per pair of adjacent simple arguments: is their order the corpus's order?"""
    callee = tokens[open_index - 1].text if open_index > 0 else "^"
    if open_index == 0 or tokens[open_index - 1].kind != "identifier":
        return []
    args: list[tuple[str, Token]] = []
    depth, start, simple = 0, open_index + 1, True
    for j in range(open_index + 1, len(tokens)):
        text = tokens[j].text
        if text in ("(", "[", "{"):
            depth += 1
            simple = False
        elif text in (")", "]", "}"):
            if depth == 0:
                args.append(_argument(tokens, start, j, simple))
                break
            depth -= 1
        elif text == "," and depth == 0:
            args.append(_argument(tokens, start, j, simple))
            start, simple = j + 1, True
    sites = []
    for pos in range(len(args) - 1):
        (a, first), (b, _) = args[pos], args[pos + 1]
        if not a or not b or a == b:
            continue
        chains = tuple(
            (
                f"arg|{language}|{callee}|{p}",
                f"arg|{language}|{subword(callee)}|{p}",
                f"arg|{language}|{p}",
            )
            for p in (pos, pos + 1)
        )
        sites.append(Site("args", f"{a},{b}", (a, b), chains, first.line, first.col))
    return sites


def _argument(tokens: Sequence[Token], start: int, end: int, simple: bool) -> tuple[str, Token]:
    """``(head, first token)`` of one argument; an empty head when it is not simple."""
    span = tokens[start:end]
    if not span or not simple or len(span) > 5:
        return "", tokens[min(start, len(tokens) - 1)]
    last = span[-1]
    if last.kind == "identifier":
        return subword(last.text), span[0]
    if len(span) == 1:
        return norm_literal(last), span[0]
    return "", span[0]
