"""Scope-aware checks for brace languages (Java, C/C++, Go, JavaScript/TypeScript).

Over the tree-sitter tree of one record, every identifier is classified as a *declaration*
(a local variable, parameter, loop or catch variable, with the scope it is visible in), a
*write* (the whole left side of a plain ``=``) or a *read*. From that:

* ``use_before_def`` — a name read where none of its declarations is visible yet, while a
  declaration further down an enclosing block is: "cannot find symbol" in Java, "undefined"
  in Go, "undeclared identifier" in C, a temporal-dead-zone error for ``let``/``const``;
* ``unbound_names`` — Go only: a lower-case name read (not called, not a package qualifier)
  that nothing in the record declares — "undefined: x" unless it is a package-level
  variable. (Java fields, C globals and JavaScript closures make the check meaningless
  there.);
* ``unused_parameters`` — parameters never read in their function;
* ``unreachable_statements`` — statements after ``return``/``throw``/``break``/``continue``/
  ``goto`` in the same block ("unreachable statement" is a compile error in Java);
* ``unused_assignments`` — a local's last write, outside any loop, that nothing reads later
  (Go's "declared and not used", clang's dead stores).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pruning.languages import FRAGMENT_WRAPPERS, parse_tree

_C_DECLARES = {("init_declarator", "declarator"), ("declaration", "declarator")}
_C_PARAMS = {("parameter_declaration", "declarator")}
_C_CLIMB = {
    ("pointer_declarator", "declarator"),
    ("array_declarator", "declarator"),
    ("parenthesized_declarator", None),
    ("reference_declarator", None),
}
_JS_CLIMB = {
    ("object_pattern", None),
    ("array_pattern", None),
    ("assignment_pattern", "left"),
    ("rest_pattern", None),
    ("pair_pattern", "value"),
    ("required_parameter", "pattern"),
    ("optional_parameter", "pattern"),
}


@dataclass(frozen=True)
class _Grammar:
    """What the checks need to know about one tree-sitter grammar."""

    identifiers: frozenset[str]
    declares: frozenset[tuple[str, str | None]]
    params: frozenset[tuple[str, str | None]]
    climb: frozenset[tuple[str, str | None]]
    not_reads: frozenset[tuple[str, str | None]]
    scopes: frozenset[str]
    functions: frozenset[str]
    loops: frozenset[str]
    blocks: frozenset[str]
    exits: frozenset[str]
    calls: frozenset[tuple[str, str | None]]


def _grammar(**fields: Any) -> _Grammar:
    return _Grammar(**{k: frozenset(v) for k, v in fields.items()})


_EXITS = {
    "return_statement",
    "throw_statement",
    "break_statement",
    "continue_statement",
    "goto_statement",
}
_JAVA = _grammar(
    identifiers={"identifier"},
    declares={("variable_declarator", "name"), ("enhanced_for_statement", "name")}
    | {("catch_formal_parameter", "name"), ("resource", "name")},
    params={("formal_parameter", "name"), ("inferred_parameters", None)}
    | {("lambda_expression", "parameters")},
    climb=set(),
    not_reads={("field_access", "field"), ("method_invocation", "name")}
    | {("method_declaration", "name"), ("constructor_declaration", "name")}
    | {("class_declaration", "name"), ("labeled_statement", None), ("break_statement", None)}
    | {("continue_statement", None), ("marker_annotation", "name"), ("annotation", "name")}
    | {("enum_constant", "name"), ("element_value_pair", "key"), ("method_reference", None)}
    | {("scoped_identifier", "name"), ("scoped_identifier", "scope")},
    scopes={"block", "for_statement", "enhanced_for_statement", "catch_clause", "switch_block"}
    | {"method_declaration", "constructor_declaration", "lambda_expression"}
    | {"try_with_resources_statement", "switch_block_statement_group"},
    functions={"method_declaration", "constructor_declaration", "lambda_expression"},
    loops={"for_statement", "enhanced_for_statement", "while_statement", "do_statement"},
    blocks={"block", "switch_block_statement_group"},
    exits=_EXITS,
    calls={("method_invocation", "name"), ("method_invocation", "object")},
)
_C = _grammar(
    identifiers={"identifier"},
    declares=_C_DECLARES,
    params=_C_PARAMS,
    climb=_C_CLIMB,
    not_reads={("function_declarator", "declarator"), ("preproc_def", "name")},
    scopes={"compound_statement", "for_statement", "function_definition", "lambda_expression"},
    functions={"function_definition", "lambda_expression"},
    loops={"for_statement", "while_statement", "do_statement", "for_range_loop"},
    blocks={"compound_statement", "case_statement"},
    exits=_EXITS,
    calls={("call_expression", "function")},
)
_GO = _grammar(
    identifiers={"identifier"},
    declares={("var_spec", "name"), ("const_spec", "name"), ("short_var_declaration", "left")}
    | {("range_clause", "left")},
    params={("parameter_declaration", "name"), ("variadic_parameter_declaration", "name")},
    climb={("expression_list", None), ("literal_element", None)},
    not_reads={("keyed_element", "key"), ("function_declaration", "name")},
    scopes={"block", "for_statement", "if_statement", "expression_switch_statement"}
    | {"type_switch_statement", "expression_case", "type_case", "communication_case"}
    | {"function_declaration", "method_declaration", "func_literal"},
    functions={"function_declaration", "method_declaration", "func_literal"},
    loops={"for_statement"},
    blocks={"statement_list"},
    exits=_EXITS,
    calls={("call_expression", "function"), ("selector_expression", "operand")},
)
_JS = _grammar(
    identifiers={"identifier", "shorthand_property_identifier_pattern"}
    | {"shorthand_property_identifier"},
    declares={("variable_declarator", "name"), ("for_in_statement", "left")}
    | {("catch_clause", "parameter")},
    params={("formal_parameters", None), ("arrow_function", "parameter")},
    climb=_JS_CLIMB,
    not_reads={("function_declaration", "name"), ("function_expression", "name")}
    | {("generator_function_declaration", "name"), ("class_declaration", "name")},
    scopes={"statement_block", "for_statement", "for_in_statement", "catch_clause"}
    | {"function_declaration", "function_expression", "function", "arrow_function"}
    | {"method_definition", "generator_function_declaration"},
    functions={"function_declaration", "function_expression", "function", "arrow_function"}
    | {"method_definition", "generator_function_declaration"},
    loops={"for_statement", "for_in_statement", "while_statement", "do_statement"},
    blocks={"statement_block", "switch_case"},
    exits=_EXITS,
    calls={("call_expression", "function")},
)
GRAMMARS: dict[str, _Grammar] = {
    "java": _JAVA,
    "c": _C,
    "cpp": _C,
    "go": _GO,
    "javascript": _JS,
    "typescript": _JS,
    "tsx": _JS,
}
_GO_BUILTINS = frozenset(
    [
        "nil",
        "true",
        "false",
        "iota",
        "len",
        "cap",
        "make",
        "new",
        "append",
        "copy",
        "delete",
        "panic",
        "recover",
        "print",
        "println",
        "close",
        "complex",
        "real",
        "imag",
        "min",
        "max",
        "clear",
        "_",
    ]
)


#: The counts :func:`scope_counts` returns, in order.
SCOPE_COUNTS: tuple[str, ...] = (
    "use_before_def",
    "unbound_names",
    "unused_parameters",
    "unreachable_statements",
    "unused_assignments",
)


@dataclass
class _Name:
    """One identifier occurrence: where, what it does, and in which scope it declares."""

    text: str
    start: int
    role: str  # "declare", "param", "write", "read", "call"
    scope: tuple[int, int] = (0, 0)
    has_value: bool = False
    in_loop: bool = False


def scope_counts(text: str, language: str) -> dict[str, int]:
    """The :data:`SCOPE_COUNTS` of ``text``; all zero for languages without a grammar entry."""
    grammar = GRAMMARS.get(language)
    if grammar is None:
        return dict.fromkeys(SCOPE_COUNTS, 0)
    root = _tree(text, language)
    names, functions, unreachable = _walk(root, grammar)
    return {
        "use_before_def": _used_before_declared(names),
        "unbound_names": _undeclared(names) if language == "go" else 0,
        "unused_parameters": _unused_parameters(names, functions),
        "unreachable_statements": unreachable,
        "unused_assignments": _dead_stores(names),
    }


def _tree(text: str, language: str) -> Any:
    """The parse tree; a lone method is parsed inside a class body or an object literal
    (as the parse check does)."""
    root = parse_tree(text, language).root_node
    if root.has_error or language == "java":
        for before, after in FRAGMENT_WRAPPERS.get(language, ()):
            wrapped = parse_tree(before + text + after, language)
            if not wrapped.root_node.has_error:
                return wrapped.root_node
    return root


def _walk(root: Any, grammar: _Grammar) -> tuple[list[_Name], list[tuple[int, int]], int]:
    """Every identifier with its role; function spans; unreachable statement count."""
    names: list[_Name] = []
    functions: list[tuple[int, int]] = []
    unreachable = 0
    stack: list[tuple[Any, Any, str | None, int]] = [(root, None, None, 0)]
    while stack:
        node, parent, field, loops = stack.pop()
        if node.type in grammar.functions:
            functions.append((node.start_byte, node.end_byte))
        if node.type in grammar.blocks:
            unreachable += _after_exit(node, grammar)
        if node.type in grammar.identifiers and parent is not None:
            name = _classify(node, parent, field, grammar)
            if name is not None:
                name.in_loop = loops > 0
                names.append(name)
        inner = loops + (node.type in grammar.loops)
        for i in range(node.child_count - 1, -1, -1):
            stack.append((node.children[i], node, node.field_name_for_child(i), inner))
    names.sort(key=lambda n: n.start)
    return names, functions, unreachable


def _after_exit(block: Any, grammar: _Grammar) -> int:
    statements = [c for c in block.named_children if c.type != "comment"]
    for i, statement in enumerate(statements[:-1]):
        if statement.type in grammar.exits:
            return len(statements) - i - 1
    return 0


_ASSIGNMENTS = frozenset({"assignment_expression", "assignment_statement"})
_VALUED = frozenset({"init_declarator", "short_var_declaration", "range_clause"})


def _classify(node: Any, parent: Any, field: str | None, grammar: _Grammar) -> _Name | None:
    text = node.text.decode("utf-8", "replace")
    start = node.start_byte
    while (parent.type, field) in grammar.climb and parent.parent is not None:
        node, parent = parent, parent.parent
        field = _field_of(parent, node)
    key = (parent.type, field)
    if key in grammar.not_reads:
        return None
    if key in grammar.calls:
        return _Name(text, start, "call")
    if parent.type in _ASSIGNMENTS and field == "left":
        return _Name(text, start, _write_role(parent))
    how = _declaration_kind(parent, field, grammar)
    if how is None:
        return _Name(text, start, "read")
    scope = parent
    while scope is not None and scope.type not in grammar.scopes:
        scope = scope.parent
    span = (scope.start_byte, scope.end_byte) if scope is not None else (0, 1 << 62)
    valued = parent.type in _VALUED or parent.child_by_field_name("value") is not None
    return _Name(text, start, how, span, has_value=valued and how == "declare")


def _write_role(assignment: Any) -> str:
    operator = assignment.child_by_field_name("operator")
    plain = operator is None or operator.type == "="
    return "write" if plain else "read"


def _declaration_kind(parent: Any, field: str | None, grammar: _Grammar) -> str | None:
    """``"param"``, ``"declare"`` or ``None`` for an identifier at ``field`` of ``parent``."""
    if (parent.type, field) in grammar.params:
        return "param"
    if (parent.type, field) not in grammar.declares:
        return None
    if parent.type == "range_clause" and b":=" not in parent.text:
        return None
    if parent.type == "for_in_statement" and parent.child_by_field_name("kind") is None:
        return None
    return "declare"


def _field_of(parent: Any, child: Any) -> str | None:
    for i in range(parent.child_count):
        if parent.children[i].id == child.id:
            name = parent.field_name_for_child(i)
            return str(name) if name else None
    return None


def _declarations(names: list[_Name]) -> dict[str, list[_Name]]:
    out: dict[str, list[_Name]] = defaultdict(list)
    for n in names:
        if n.role in ("declare", "param"):
            out[n.text].append(n)
    return out


def _used_before_declared(names: list[_Name]) -> int:
    """Names read (or written) where no declaration is visible but a later one in an
    enclosing scope is."""
    declared = _declarations(names)
    early: set[str] = set()
    for n in names:
        if n.role not in ("read", "write") or n.text not in declared:
            continue
        around = [d for d in declared[n.text] if d.scope[0] <= n.start < d.scope[1]]
        if around and not any(d.start < n.start for d in around):
            early.add(n.text)
    return len(early)


def _undeclared(names: list[_Name]) -> int:
    """Lower-case names read that no declaration in the record binds (Go)."""
    declared = _declarations(names)
    return len(
        {
            n.text
            for n in names
            if n.role in ("read", "write")
            and n.text not in declared
            and n.text[:1].islower()
            and n.text not in _GO_BUILTINS
        }
    )


def _unused_parameters(names: list[_Name], functions: list[tuple[int, int]]) -> int:
    count = 0
    for p in names:
        if p.role != "param" or p.text.startswith("_"):
            continue
        inside = [f for f in functions if f[0] <= p.start < f[1]]
        if not inside:
            continue
        start, end = min(inside, key=lambda f: f[1] - f[0])
        if not any(
            n.text == p.text and n.role in ("read", "call") and start <= n.start < end
            for n in names
        ):
            count += 1
    return count


def _dead_stores(names: list[_Name]) -> int:
    """Locals whose last write (declaration with a value, or ``=``) is never read after it."""
    declared = _declarations(names)
    last_write: dict[str, _Name] = {}
    last_read: dict[str, int] = {}
    for n in names:
        if n.text not in declared or n.text == "_":
            continue
        if n.role in ("read", "call"):
            last_read[n.text] = n.start
        elif n.role == "write" or n.has_value:
            last_write[n.text] = n
    return sum(
        1 for name, w in last_write.items() if not w.in_loop and last_read.get(name, -1) < w.start
    )
