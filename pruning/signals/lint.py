"""Lint-style signals that synthetic corruptions leave behind in code that still parses.

Names and control flow, per language (what a compiler, type checker or linter reports):

* Python — :mod:`pruning.signals.lint_python` (``ast``): unbound names, use before definition,
  pointless statements, missing returns, unreachable statements, unused parameters,
  unused assignments (dead stores);
* Java, C/C++, Go, JavaScript/TypeScript — :mod:`pruning.signals.scopes` (tree-sitter scopes): use
  before declaration, undeclared names (Go), unused parameters, unreachable statements,
  unused assignments; plus, here, pointless expression statements and functions with a
  non-``void`` result type and no ``return`` or ``throw`` at all (a compile error).

Token patterns, every language:

* ``negated_groups`` — ``not (...)`` / ``!(...)``: a negated parenthesised condition;
* ``literal_left_operands`` — a literal on the left of ``-``, ``/``, ``%``, ``<<``, ``>>``;
* ``noop_arithmetic`` — ``+ 0``, ``- 0``, ``* 1``, ``/ 1``;
* ``guard_contradictions`` — ``x is None and x.…``, ``x is not None or x.…`` (and the
  ``== null``/``!= null`` forms): a null guard joined with the wrong operator;
* ``loop_direction`` — a ``for`` loop whose condition points against its update
  (``i = 0; i >= n; i++``).

The token patterns were written knowing the content corruptions of
:mod:`pruning.corruptions` (see ``docs/pruning.md``); the name and control-flow checks are
the ordinary diagnostics of the languages' tools. All counts are zero for languages
without a parser; the name checks are zero for Python text that does not parse.
"""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from typing import Any

from pruning.languages import Token, has_parser, parse_tree
from pruning.signals.lint_python import python_counts
from pruning.signals.scopes import scope_counts

_TS_POINTLESS = {
    "identifier",
    "binary_expression",
    "member_expression",
    "field_access",
    "field_expression",
    "selector_expression",
    "subscript_expression",
    "index_expression",
    "parenthesized_expression",
    "number_literal",
    "decimal_integer_literal",
    "int_literal",
    "true",
    "false",
}
_NON_COMMUTATIVE = {"-", "/", "%", "<<", ">>", "//"}
_BINDS_TIGHTER = {"*", "/", "%", "**", ".", ")", "]", "-", "+", "//"}


@dataclass(frozen=True)
class LintCounts:
    """Counts of the signals in the module docstring."""

    unbound_names: int = 0
    use_before_def: int = 0
    pointless_statements: int = 0
    negated_groups: int = 0
    literal_left_operands: int = 0
    noop_arithmetic: int = 0
    guard_contradictions: int = 0
    loop_direction: int = 0
    missing_returns: int = 0
    unreachable_statements: int = 0
    unused_parameters: int = 0
    unused_assignments: int = 0
    null_dereferences: int = 0


def lint_counts(text: str, language: str, tokens: list[Token]) -> LintCounts:
    """All lint counts of one record (``tokens`` from :func:`pruning.languages.tokenize`)."""
    counts = {
        "negated_groups": _negated_groups(tokens),
        "literal_left_operands": _literal_left(tokens),
        "noop_arithmetic": _noop_arithmetic(tokens),
        "guard_contradictions": _guard_contradictions(tokens),
        "loop_direction": _loop_direction(tokens),
    }
    if language == "python":
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return LintCounts(**counts)
        return LintCounts(**counts, **python_counts(tree))
    if not has_parser(language):
        return LintCounts()
    pointless, missing = _ts_counts(text, language)
    scoped = scope_counts(text, language)
    return LintCounts(
        **counts,
        **scoped,
        pointless_statements=pointless,
        missing_returns=missing,
        null_dereferences=_null_dereferences(tokens),
    )


_FUNCTIONS = {"method_declaration", "function_declaration", "function_definition"}
_EXITS = {"return_statement", "throw_statement"}


def _ts_counts(text: str, language: str) -> tuple[int, int]:
    """Pointless expression statements, and typed functions whose end can be reached
    without a ``return``/``throw`` (Java's and Go's "missing return" compile errors)."""
    if language == "java":  # a lone constructor only parses as one inside a class body
        text = f"class Fragment__ {{\n{text}\n}}"
    tree = parse_tree(text, language)
    pointless = missing = 0
    stack: list[Any] = [tree.root_node]
    while stack:
        node = stack.pop()
        single = node.type == "expression_statement" and node.named_child_count == 1
        if single and node.named_children[0].type in _TS_POINTLESS:
            pointless += 1
        if node.type in _FUNCTIONS and _needs_return(node) and _falls_off_end(node):
            missing += 1
        stack.extend(node.children)
    return pointless, missing


def _needs_return(node: Any) -> bool:
    """A declared result type other than ``void`` (Go: a result list), and not ``main``."""
    declarator = node.child_by_field_name("declarator") or node.child_by_field_name("name")
    if declarator is not None and declarator.text.startswith(b"main"):
        return False
    result = node.child_by_field_name("result") or node.child_by_field_name("type")
    return result is not None and result.text != b"void"


_BLOCKS = {"block", "compound_statement", "statement_block", "statement_list", "else_clause"}
_PLAIN = {
    "expression_statement",
    "local_variable_declaration",
    "declaration",
    "short_var_declaration",
    "assignment_statement",
    "var_declaration",
    "inc_statement",
    "dec_statement",
}
_NO_RETURN_CALLS = (b"panic(", b"exit(", b"abort(", b"os.Exit(", b"log.Fatal", b"System.exit(")


def _falls_off_end(function: Any) -> bool:
    """Whether the body plainly reaches its end: no ``return``/``throw`` anywhere, or it
    ends in a plain statement or in an ``if`` without ``else`` (or with a branch that does).
    Loops, ``switch`` and ``try`` at the end are given the benefit of the doubt."""
    body = function.child_by_field_name("body")
    if body is None:
        return False
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type in _EXITS:
            return _reaches_end(body)
        stack.extend(current.children)
    return True


def _reaches_end(node: Any) -> bool:
    if node.type in _BLOCKS:
        statements = [c for c in node.named_children if "comment" not in c.type]
        return not statements or _reaches_end(statements[-1])
    if node.type == "if_statement":
        branches = [node.child_by_field_name(f) for f in ("consequence", "alternative")]
        return any(b is None or _reaches_end(b) for b in branches)
    if node.type in _PLAIN:
        return not node.text.lstrip().startswith(_NO_RETURN_CALLS)
    return False


def _negated_groups(tokens: list[Token]) -> int:
    return sum(1 for a, b in itertools.pairwise(tokens) if a.text in ("not", "!") and b.text == "(")


def _literal_left(tokens: list[Token]) -> int:
    """``1 - n``-shaped operations whose left operand is a bare literal starting a term."""
    count = 0
    for i in range(1, len(tokens) - 1):
        left, op, right = tokens[i - 1], tokens[i], tokens[i + 1]
        if op.text not in _NON_COMMUTATIVE or left.kind != "number" or right.kind == "number":
            continue
        before = tokens[i - 2] if i >= 2 else None
        if before is None or (before.text not in _BINDS_TIGHTER and before.kind != "identifier"):
            count += 1
    return count


def _noop_arithmetic(tokens: list[Token]) -> int:
    count = 0
    for i in range(1, len(tokens) - 1):
        op, right = tokens[i].text, tokens[i + 1]
        after = tokens[i + 2].text if i + 2 < len(tokens) else ""
        if right.kind != "number" or after in ("*", "/", "**", ".", "e", "x"):
            continue
        if (op in ("+", "-") and right.text == "0") or (
            op in ("*", "/", "//", "**") and right.text == "1"
        ):
            count += tokens[i - 1].kind in ("identifier", "number") or tokens[i - 1].text in (
                ")",
                "]",
            )
    return count


_NULLS = {"None", "null", "nil", "NULL", "nullptr", "undefined"}


def _null_dereferences(tokens: list[Token]) -> int:
    """Brace languages: ``if (x == null) { … x.f … }`` — the then-branch of a test that ``x``
    is null dereferences ``x`` (``.``, ``->``, ``[``) before assigning it (SpotBugs'
    NP_ALWAYS_NULL). Only conditions that are a conjunction (no ``||``) are read."""
    texts = [t.text for t in tokens]
    count = 0
    for i, text in enumerate(texts):
        if text != "if":
            continue
        parenthesized = i + 1 < len(texts) and texts[i + 1] == "("
        start = i + 2 if parenthesized else i + 1  # Go: if x == nil {
        close = _closing(texts, i + 1) if parenthesized else _next(texts, start, "{")
        names = _null_tested(texts[start:close]) if close is not None else []
        if not names or close is None:
            continue
        body_open = close + 1 if parenthesized else close
        if body_open < len(texts) and texts[body_open] == "{":
            body = texts[body_open : _closing(texts, body_open) or len(texts)]
        else:
            body = texts[body_open : _next(texts, body_open, ";") or len(texts)]
        count += sum(_dereferenced_first(body, name) for name in names)
    return count


def _closing(texts: list[str], open_at: int) -> int | None:
    """Index of the bracket that closes ``texts[open_at]``."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    opener = texts[open_at] if 0 <= open_at < len(texts) else ""
    if opener not in pairs:
        return None
    depth = 0
    for j in range(open_at, len(texts)):
        depth += (texts[j] == opener) - (texts[j] == pairs[opener])
        if depth == 0:
            return j
    return None


def _next(texts: list[str], start: int, token: str) -> int | None:
    return next((j for j in range(start, len(texts)) if texts[j] == token), None)


def _null_tested(condition: list[str]) -> list[str]:
    """Names a conjunctive condition tests to be null (``x == null``, ``null == x``)."""
    if "||" in condition:
        return []
    names = []
    for i in range(1, len(condition) - 1):
        left, op, right = condition[i - 1], condition[i], condition[i + 1]
        if op not in ("==", "==="):
            continue
        if right in _NULLS and left.isidentifier() and (i < 2 or condition[i - 2] != "."):
            names.append(left)
        elif left in _NULLS and right.isidentifier():
            names.append(right)
    return names


def _dereferenced_first(body: list[str], name: str) -> bool:
    for j, text in enumerate(body[:-1]):
        if text != name or (j and body[j - 1] in (".", "->")):
            continue
        if body[j + 1] in (".", "->", "["):
            return True
        if body[j + 1] == "=":
            return False
    return False


def _guard_contradictions(tokens: list[Token]) -> int:
    """``x is None and x.``, ``x is not None or x.``, ``x == null && x.``, ``x != null || x.``"""
    texts = [t.text for t in tokens]
    count = 0
    for i, tok in enumerate(tokens):
        if tok.kind != "identifier":
            continue
        rest = texts[i + 1 : i + 8]
        guard, tail = None, []
        if rest[:2] in (["is", "None"], ["==", "null"], ["==", "nil"], ["===", "null"]):
            guard, tail = "is-null", rest[2:]
        elif rest[:3] == ["is", "not", "None"]:
            guard, tail = "not-null", rest[3:]
        elif rest[:2] in (["!=", "null"], ["!=", "nil"], ["!==", "null"], ["!=", "None"]):
            guard, tail = "not-null", rest[2:]
        if guard is None or len(tail) < 3:
            continue
        wrong = ("and", "&&") if guard == "is-null" else ("or", "||")
        if tail[0] in wrong and tail[1] == tok.text and tail[2] in (".", "[", "->"):
            count += 1
    return count


def _loop_direction(tokens: list[Token]) -> int:
    """C-style ``for`` loops whose condition and update point in opposite directions."""
    texts = [t.text for t in tokens]
    count = 0
    for i, text in enumerate(texts):
        if text != "for":
            continue
        window = texts[i + 1 : i + 40]
        if window.count(";") < 2:
            continue
        first = window.index(";")
        second = window.index(";", first + 1)
        cond, update = window[first + 1 : second], window[second + 1 : second + 6]
        if len(cond) < 3 or cond[1] not in ("<", "<=", ">", ">="):
            continue
        var = cond[0]
        up = (
            f"{var}++" in "".join(update)
            or "".join(update[:2]) == f"++{var}"
            or (update[:2] == [var, "+="])
        )
        down = (
            f"{var}--" in "".join(update)
            or "".join(update[:2]) == f"--{var}"
            or (update[:2] == [var, "-="])
        )
        if (up and cond[1] in (">", ">=")) or (down and cond[1] in ("<", "<=")):
            count += 1
    return count
