"""Lint-style signals that synthetic corruptions leave behind in code that still parses.

* ``unbound_names`` — Python: plain (not called, not ALL_CAPS, not builtin) names read in a
  function but never bound in it: a deleted assignment or a misspelt variable;
* ``use_before_def`` — Python (via ``ast``): a local name read on an earlier line than its
  first binding, or only ever updated with ``+=`` and the like; other languages: a name
  used before its ``:=``/``let``/``var``/``const``/``Type name =`` declaration. Typical of
  swapped statements and deleted initialisations;
* ``pointless_statements`` — expression statements without effect (``x``, ``a + b``): what a
  removed ``return`` leaves;
* ``negated_groups`` — ``not (...)`` / ``!(...)``: a negated parenthesised condition;
* ``literal_left_operands`` — a literal on the left of ``-``, ``/``, ``%``, ``<<``, ``>>``:
  the shape of swapped operands;
* ``noop_arithmetic`` — ``+ 0``, ``- 0``, ``* 1``, ``/ 1``: what an off-by-one leaves on a
  ``- 1``/``* 2``;
* ``guard_contradictions`` — ``x is None and x.…``, ``x is not None or x.…`` (and the
  ``== null``/``!= null`` forms): a null guard joined with the wrong operator;
* ``loop_direction`` — a ``for`` loop whose condition points against its update
  (``i = 0; i >= n; i++``): a flipped loop bound;
* ``missing_returns`` — Java/C/C++/Go functions with a non-``void`` result type and no
  ``return`` or ``throw`` at all (a compile error); Python functions that return a value
  somewhere but end in a bare expression: a removed or deleted return.

All counts are zero for languages without a parser, and for Python text that does not parse.
"""

from __future__ import annotations

import ast
import builtins
import itertools
from dataclasses import dataclass
from typing import Any

from pruning.languages import Token, _parser, has_parser

_BUILTINS = frozenset(dir(builtins)) | {"__class__", "__name__", "__file__"}
_PY_EFFECT = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.Constant, ast.NamedExpr)
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
_DECLARE_KEYWORDS = {"var", "let", "const"}
_TYPE_KEYWORDS = {
    "int",
    "char",
    "long",
    "short",
    "double",
    "float",
    "bool",
    "boolean",
    "byte",
    "auto",
    "unsigned",
    "signed",
    "final",
    "size_t",
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


def lint_counts(text: str, language: str, tokens: list[Token]) -> LintCounts:
    """All lint counts of one record (``tokens`` from :func:`pruning.languages.tokenize`)."""
    negated = _negated_groups(tokens)
    literal_left = _literal_left(tokens)
    extra = {
        "noop_arithmetic": _noop_arithmetic(tokens),
        "guard_contradictions": _guard_contradictions(tokens),
        "loop_direction": _loop_direction(tokens),
    }
    if language == "python":
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return LintCounts(0, 0, 0, negated, literal_left, **extra)
        unbound, early = _python_names(tree)
        pointless = sum(
            1
            for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and not isinstance(n.value, _PY_EFFECT)
        )
        missing = _python_fall_through(tree)
        return LintCounts(
            unbound, early, pointless, negated, literal_left, missing_returns=missing, **extra
        )
    if not has_parser(language):
        return LintCounts()
    pointless, missing = _ts_counts(text, language)
    return LintCounts(
        0,
        _declared_late(tokens),
        pointless,
        negated,
        literal_left,
        missing_returns=missing,
        **extra,
    )


def _python_names(tree: ast.AST) -> tuple[int, int]:
    bound: dict[str, int] = {}
    loads: dict[str, int] = {}
    called: set[str] = set()
    augmented: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            augmented.add(id(node.target))  # ``x += 1`` reads x before it writes it
            name, line = node.target.id, node.lineno
            loads[name] = min(loads.get(name, line), line)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called.add(node.func.id)
        if id(node) in augmented:
            continue
        for name, line in _bindings(node):
            bound[name] = min(bound.get(name, line), line)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads[node.id] = min(loads.get(node.id, node.lineno), node.lineno)
    plain = {
        n for n in loads if n not in called and n not in _BUILTINS and not n.isupper() and n != "_"
    }
    unbound = sum(1 for n in plain if n not in bound)
    early = sum(1 for n in plain if n in bound and loads[n] < bound[n])
    early += sum(1 for n in plain if n not in bound and _only_augmented(tree, n))
    return unbound, early


def _python_fall_through(tree: ast.AST) -> int:
    """Functions that return a value somewhere but end in a bare expression statement."""
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.body:
            continue
        last = node.body[-1]
        valued = any(isinstance(n, ast.Return) and n.value is not None for n in ast.walk(node))
        if valued and isinstance(last, ast.Expr) and not isinstance(last.value, ast.Constant):
            count += 1
    return count


def _only_augmented(tree: ast.AST, name: str) -> bool:
    """Whether ``name`` is written only by augmented assignment (never initialised)."""
    return any(
        isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name
        for n in ast.walk(tree)
    )


def _bindings(node: ast.AST) -> list[tuple[str, int]]:
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
        return [(node.id, line)]
    if isinstance(node, ast.arg):
        return [(node.arg, 0)]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [(node.name, 0)]
    if isinstance(node, ast.alias):
        return [((node.asname or node.name).split(".")[0], 0)]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [(node.name, line)]
    if isinstance(node, ast.Global | ast.Nonlocal):
        return [(name, 0) for name in node.names]
    if isinstance(node, ast.comprehension):
        return [(n.id, 0) for n in ast.walk(node.target) if isinstance(n, ast.Name)]
    return []


_FUNCTIONS = {"method_declaration", "function_declaration", "function_definition"}
_EXITS = {"return_statement", "throw_statement"}


def _ts_counts(text: str, language: str) -> tuple[int, int]:
    """Pointless expression statements and typed functions without any return/throw."""
    if language == "java":  # a lone constructor only parses as one inside a class body
        text = f"class Fragment__ {{\n{text}\n}}"
    tree = _parser(language).parse(text.encode("utf-8", "surrogatepass"))
    pointless = missing = 0
    stack: list[Any] = [tree.root_node]
    while stack:
        node = stack.pop()
        single = node.type == "expression_statement" and node.named_child_count == 1
        if single and node.named_children[0].type in _TS_POINTLESS:
            pointless += 1
        if node.type in _FUNCTIONS and _needs_return(node) and not _has_exit(node):
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


def _has_exit(node: Any) -> bool:
    body = node.child_by_field_name("body")
    if body is None:
        return True
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type in _EXITS:
            return True
        stack.extend(current.children)
    return False


def _declared_late(tokens: list[Token]) -> int:
    """Names used before a later declaration of them: ``:=``, ``var``/``let``/``const``, or
    ``Type name =`` / ``Type name;``."""
    first_use: dict[str, int] = {}
    late = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "identifier":
            continue
        prev = tokens[i - 1].text if i else ""
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        typed = i > 0 and (tokens[i - 1].kind == "identifier" or prev in _TYPE_KEYWORDS)
        declares = prev in _DECLARE_KEYWORDS or nxt == ":=" or (typed and nxt in ("=", ";"))
        if declares and tok.text in first_use and first_use[tok.text] < i:
            late.add(tok.text)
        first_use.setdefault(tok.text, i)
    return len(late)


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
