"""Python lint signals from the ``ast``: what a compiler, type checker or linter would report.

* ``unbound_names`` / ``use_before_def`` — plain names read but never bound in the record, or
  read on an earlier line than their first binding (pyflakes F821/F841-style);
* ``pointless_statements`` — expression statements without effect (pylint W0104);
* ``missing_returns`` — a function that returns a value somewhere but ends in a bare
  expression, or whose return annotation promises a value it never returns (mypy's
  "Missing return statement" and "empty-body");
* ``unreachable_statements`` — statements after ``return``/``raise``/``break``/``continue``
  in the same block (pylint W0101);
* ``unused_parameters`` — parameters a non-stub function never reads (pylint W0613;
  ``self``/``cls`` and ``_``-prefixed names aside);
* ``unused_assignments`` — a local's last assignment, outside any loop, that nothing reads
  afterwards (a dead store, as clang's ``deadcode.DeadStores`` and pyflakes F841 report).
"""

from __future__ import annotations

import ast
import builtins
import re

_BUILTINS = frozenset(dir(builtins)) | {"__class__", "__name__", "__file__"}
_PY_EFFECT = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.Constant, ast.NamedExpr)
_FUNCTION = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_EXITS = (ast.Return, ast.Raise, ast.Break, ast.Continue)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_NO_VALUE = {"None", "NoReturn", "Never", "typing.NoReturn", "t.NoReturn", "typing.Never"}
_IMPLICIT = {"self", "cls", "mcs", "metacls"}
_RETURN_DOC = re.compile(
    r"\A\s*Returns?\b|^\s*Returns?\s*:?\s*$|^\s*:(returns?|rtype):", re.MULTILINE
)


def python_counts(tree: ast.AST) -> dict[str, int]:
    """Every count of the module docstring for one parsed record."""
    unbound, early = _python_names(tree)
    functions = [n for n in ast.walk(tree) if isinstance(n, _FUNCTION)]
    return {
        "unbound_names": unbound,
        "use_before_def": early,
        "pointless_statements": sum(1 for n in ast.walk(tree) if _pointless(n)),
        "missing_returns": sum(_missing_return(f) for f in functions),
        "unreachable_statements": _unreachable(tree),
        "unused_parameters": sum(_unused_parameters(f) for f in functions),
        "unused_assignments": sum(_dead_stores(f) for f in functions),
        "null_dereferences": _null_dereferences(tree),
    }


def _pointless(node: ast.AST) -> bool:
    """An expression statement without effect; string constants (docstrings, comment
    strings) and ``...`` are not counted, other constants are."""
    if not isinstance(node, ast.Expr):
        return False
    value = node.value
    if isinstance(value, ast.Constant):
        return not isinstance(value.value, str) and value.value is not Ellipsis
    return not isinstance(value, _PY_EFFECT)


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


def _is_stub(body: list[ast.stmt]) -> bool:
    """``pass``, ``...`` or ``raise NotImplementedError`` (after an optional docstring)."""
    rest = body[1:] if body and _is_docstring(body[0]) else body
    if len(rest) != 1:
        return False
    only = rest[0]
    if isinstance(only, ast.Pass):
        return True
    if isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant):
        return only.value.value is Ellipsis
    return isinstance(only, ast.Raise) and "NotImplemented" in ast.unparse(only)


def _is_docstring(statement: ast.stmt) -> bool:
    value = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(value, ast.Constant) and isinstance(value.value, str)


def _missing_return(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """1 when the function ends in a bare expression after returning values elsewhere, or
    is annotated to return a value, or documented to ("Return ..." first line, a
    ``Returns:`` or ``:returns:`` section), and has no ``return value``/``yield`` (and no
    stub body, and does not end by raising). Darglint calls the latter DAR202."""
    body = function.body
    own = list(_own_nodes(function))
    valued = any(isinstance(n, ast.Return) and n.value is not None for n in own)
    last = body[-1]
    if valued:
        return int(isinstance(last, ast.Expr) and not isinstance(last.value, ast.Constant))
    annotated = function.returns is not None and _annotation(function.returns) not in _NO_VALUE
    if not annotated and not _documents_return(function):
        return 0
    if _is_stub(body) or isinstance(last, ast.Raise):
        return 0
    return int(not any(isinstance(n, ast.Yield | ast.YieldFrom) for n in own))


def _documents_return(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    doc = ast.get_docstring(function) or ""
    return bool(_RETURN_DOC.search(doc))


def _annotation(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.strip()
    return ast.unparse(node)


def _own_nodes(function: ast.AST) -> list[ast.AST]:
    """Nodes of ``function`` outside nested functions, classes and lambdas."""
    out: list[ast.AST] = []
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _unreachable(tree: ast.AST) -> int:
    """Statements that follow an exit statement in the same block."""
    count = 0
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            for i, statement in enumerate(block[:-1]):
                if isinstance(statement, _EXITS):
                    count += len(block) - i - 1
                    break
    return count


def _unused_parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Parameters a function with a real body never reads (anywhere inside it)."""
    if _is_stub(function.body):
        return 0
    args = function.args
    names = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    read = {
        n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    if "locals" in read or "vars" in read:
        return 0
    return sum(1 for n in names if n not in read and n not in _IMPLICIT and not n.startswith("_"))


def _dead_stores(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Locals whose last plain assignment (outside loops) is never read later in the text."""
    own = _own_nodes(function)
    declared = {name for n in own if isinstance(n, ast.Global | ast.Nonlocal) for name in n.names}
    nested = [n for n in own if isinstance(n, _SCOPES)]
    captured = {
        n.id
        for inner in nested
        for n in ast.walk(inner)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load | ast.Del)
    }
    in_loop = {id(n) for loop in own if isinstance(loop, _LOOPS) for n in ast.walk(loop)}
    plain = _plain_targets(own)
    last_store: dict[str, tuple[int, int]] = {}
    last_read: dict[str, tuple[int, int]] = {}
    for node in own:
        if not isinstance(node, ast.Name):
            continue
        where = (node.lineno, node.col_offset)
        if isinstance(node.ctx, ast.Store):
            if id(node) in in_loop or id(node) not in plain:
                last_read[node.id] = (1 << 30, 0)  # loop or unpacking: leave it alone
            last_store[node.id] = max(last_store.get(node.id, where), where)
        else:
            last_read[node.id] = max(last_read.get(node.id, where), where)
    skip = declared | captured
    return sum(
        1
        for name, where in last_store.items()
        if name not in skip and not name.startswith("_") and last_read.get(name, (0, 0)) < where
    )


def _plain_targets(own: list[ast.AST]) -> set[int]:
    """Ids of names that are the whole target of an ``=``, annotated or augmented assignment."""
    out: set[int] = set()
    for node in own:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        out.update(id(t) for t in targets if isinstance(t, ast.Name))
    return out


def _null_dereferences(tree: ast.AST) -> int:
    """``if x is None: … x.attr …`` — the body of a test that ``x`` is ``None`` reads an
    attribute or item of ``x`` before assigning it (SpotBugs' NP_ALWAYS_NULL). Only plain
    tests and ``and`` conjunctions count."""
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.If):
            continue
        test = node.test
        tests = test.values if isinstance(test, ast.BoolOp) and _is_and(test) else [test]
        for name in {n for t in tests if (n := _none_tested(t))}:
            count += _dereferenced_first(node.body, name)
    return count


def _is_and(test: ast.expr) -> bool:
    return isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)


def _none_tested(test: ast.expr) -> str | None:
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    if not isinstance(test.ops[0], ast.Is | ast.Eq):
        return None
    left, right = test.left, test.comparators[0]
    if isinstance(left, ast.Name) and isinstance(right, ast.Constant) and right.value is None:
        return left.id
    return None


def _dereferenced_first(body: list[ast.stmt], name: str) -> bool:
    """Whether the first use of ``name`` in ``body`` (source order) reads through it."""
    events: list[tuple[int, int, bool]] = []
    for statement in body:
        for n in ast.walk(statement):
            if isinstance(n, ast.Attribute | ast.Subscript):
                base = n.value
                if isinstance(base, ast.Name) and base.id == name:
                    events.append((n.lineno, n.col_offset, True))
            elif isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store):
                events.append((n.lineno, n.col_offset, False))
    return bool(events) and min(events)[2]
