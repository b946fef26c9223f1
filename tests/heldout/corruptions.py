"""Held-out synthetic code corruptions for single Python, JavaScript and Java functions.

This module was written independently of the project's own pruning code and of its
corruption sets, from a plain-language list of bug kinds (see ``README.md`` next to it).
It is meant only for evaluating a code-quality tool, never for training it or for
choosing its features.

API::

    FAMILIES: dict[str, str]            # kind -> "syntax" | "content"
    LANGUAGES = ("python", "javascript", "java")
    corrupt(text, language, kind, seed) -> str | None

Contract of :func:`corrupt`: the result differs from ``text``; results of a ``syntax``
kind do not compile while the original does; results of a ``content`` kind compile.
"Compiles" means ``compile()`` for Python and "a tree-sitter parse without ERROR or
MISSING nodes" for JavaScript and Java (a bare method is wrapped in ``class _X { ... }``
for the check).  Text inside string literals and comments is never edited.  The site is
drawn with ``random.Random(seed)``; ``None`` is returned when the kind does not apply or
the contract could not be met within a small number of tries.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import io
import itertools
import keyword
import random
import re
import tokenize
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

FAMILIES: dict[str, str] = {
    "drop-bracket": "syntax",
    "lose-indentation": "syntax",
    "shuffle-lines": "syntax",
    "truncate-body": "syntax",
    "missing-separator": "syntax",
    "flip-comparison": "content",
    "off-by-one": "content",
    "misspell-identifier": "content",
    "swap-arguments": "content",
    "wrong-variable": "content",
    "wrong-operator": "content",
    "drop-statement": "content",
}
LANGUAGES = ("python", "javascript", "java")

Edit = tuple[tuple[int, int, str], ...]
"""Non-overlapping replacements ``(start, end, new_text)`` in character offsets."""
Site = list[Edit]
"""The alternative edits (variants) available at one site."""

_MAX_TRIES = 12  # candidate results checked per call
_MAX_SHUFFLE_TRIES = 48  # shuffle-lines rarely breaks JS/Java, so it may look further
_MAX_VARIANTS = 4  # variants tried at one site before moving to the next site

_WRAPPERS: dict[str, tuple[tuple[str, str], ...]] = {
    "python": (("", ""), ("if True:\n", "")),
    "javascript": (("", ""), ("class _X {\n", "\n}")),
    "java": (("class _X {\n", "\n}"), ("", "")),
}

_BRACKETS = frozenset("()[]{}")
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")

# --------------------------------------------------------------------------- parsing

_PARSERS: dict[str, Any] = {}


def _parser(language: str) -> Any:
    """Return the cached tree-sitter parser for ``language`` ("javascript" or "java")."""
    parser = _PARSERS.get(language)
    if parser is None:
        import importlib

        import tree_sitter

        grammar = importlib.import_module(f"tree_sitter_{language}")
        parser = tree_sitter.Parser(tree_sitter.Language(grammar.language()))
        _PARSERS[language] = parser
    return parser


def _encode(source: str) -> bytes:
    """UTF-8 bytes of ``source`` (lone surrogates pass through)."""
    return source.encode("utf-8", "surrogatepass")


def _python_compiles(source: str) -> bool:
    """Whether ``source`` compiles as a Python module (syntax and compile-time checks)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, "<x>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return False
    return True


def _source_ok(language: str, source: str) -> bool:
    """The per-language notion of "compiles" used by the contract."""
    if language == "python":
        return _python_compiles(source)
    tree = _parser(language).parse(_encode(source))
    return not tree.root_node.has_error


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    """One lexical token of the function text (offsets are characters into the text)."""

    kind: str  # name | keyword | number | string | comment | op | other
    text: str
    start: int
    end: int
    node: Any = None  # tree-sitter node (JavaScript/Java)
    first_in_line: bool = False  # Python: first token of a logical line


_TS_ATOMIC: dict[str, dict[str, str]] = {
    "javascript": {
        "string": "string",
        "template_string": "string",
        "regex": "string",
        "jsx_text": "string",
        "comment": "comment",
        "html_comment": "comment",
    },
    "java": {
        "string_literal": "string",
        "character_literal": "string",
        "text_block": "string",
        "line_comment": "comment",
        "block_comment": "comment",
    },
}
_TS_NAMES: dict[str, frozenset[str]] = {
    "javascript": frozenset(
        {
            "identifier",
            "property_identifier",
            "shorthand_property_identifier",
            "shorthand_property_identifier_pattern",
            "private_property_identifier",
            "statement_identifier",
        }
    ),
    "java": frozenset({"identifier"}),
}
_TS_NUMBERS: dict[str, frozenset[str]] = {
    "javascript": frozenset({"number"}),
    "java": frozenset(
        {
            "decimal_integer_literal",
            "hex_integer_literal",
            "octal_integer_literal",
            "binary_integer_literal",
            "decimal_floating_point_literal",
            "hex_floating_point_literal",
        }
    ),
}
_WORD_RE = re.compile(r"[A-Za-z_$][\w$]*")


def _python_kind(tok: tokenize.TokenInfo) -> str:
    """The token kind (see :class:`_Tok`) of a Python token."""
    if tok.type == tokenize.NAME:
        return "keyword" if keyword.iskeyword(tok.string) else "name"
    return {
        tokenize.NUMBER: "number",
        tokenize.STRING: "string",
        tokenize.COMMENT: "comment",
        tokenize.OP: "op",
    }.get(tok.type, "other")


_PY_SKIP = frozenset(
    {
        tokenize.NEWLINE,
        tokenize.NL,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
        tokenize.ENCODING,
    }
)
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -2)


def _python_tokens(source: str, starts: list[int], shift: int) -> list[_Tok]:
    """Tokens of ``source`` with offsets shifted by ``-shift`` (f-strings are one token)."""
    toks: list[_Tok] = []
    logical_start, depth, fstart = True, 0, 0
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NEWLINE:
            logical_start = True
        if tok.type in _PY_SKIP:
            continue
        start = starts[tok.start[0] - 1] + tok.start[1]
        end = starts[tok.end[0] - 1] + tok.end[1]
        if tok.type == _FSTRING_START:
            fstart = start if depth == 0 else fstart
            depth += 1
            continue
        if depth:
            depth -= tok.type == _FSTRING_END
            if depth == 0:
                toks.append(_Tok("string", source[fstart:end], fstart - shift, end - shift))
                logical_start = False
            continue
        kind = _python_kind(tok)
        toks.append(_Tok(kind, tok.string, start - shift, end - shift, None, logical_start))
        if kind != "comment":
            logical_start = False
    return toks


def _ts_leaf_kind(language: str, node: Any, text: str) -> str:
    """The token kind (see :class:`_Tok`) of a tree-sitter leaf."""
    if node.type in _TS_NAMES[language]:
        return "name"
    if node.type in _TS_NUMBERS[language]:
        return "number"
    if _WORD_RE.fullmatch(text):
        return "other" if node.is_named else "keyword"
    return "op"


def _ts_tokens(language: str, root: Any, pos: Callable[[int], int], text: str) -> list[_Tok]:
    """Leaf tokens of a tree-sitter tree; strings, regexes and comments are single tokens."""
    atomic = _TS_ATOMIC[language]
    toks: list[_Tok] = []
    stack = [root]
    while stack:
        node = stack.pop()
        kind = atomic.get(node.type)
        if kind is None and node.child_count:
            stack.extend(reversed(node.children))
            continue
        start, end = pos(node.start_byte), pos(node.end_byte)
        if start < 0 or end > len(text) or start == end:
            continue
        leaf_text = text[start:end]
        kind = kind or _ts_leaf_kind(language, node, leaf_text)
        toks.append(_Tok(kind, leaf_text, start, end, node))
    return toks


def _byte_mapper(source: str, shift: int) -> Callable[[int], int]:
    """Map a UTF-8 byte offset in ``source`` to a character offset minus ``shift``."""
    data = _encode(source)
    if len(data) == len(source):
        return lambda b: b - shift
    table = [0] * (len(data) + 1)
    pos = 0
    for index, char in enumerate(source):
        width = len(_encode(char))
        table[pos : pos + width] = [index] * width
        pos += width
    table[pos] = len(source)
    return lambda b: table[b] - shift


def _line_starts(text: str) -> list[int]:
    """Offsets at which the lines of ``text`` start (split on ``\\n`` only)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


# --------------------------------------------------------------------------- context


@dataclass
class _Ctx:
    """Everything the site finders need about one (wrapped) function text."""

    text: str
    language: str
    prefix: str
    suffix: str
    tree: Any  # ast.Module (Python) or tree_sitter.Tree
    toks: list[_Tok]
    pos: Callable[[int], int] | None = None  # tree-sitter byte offset -> text offset
    line_starts: list[int] = field(default_factory=list)
    code: list[_Tok] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    func: Any = None  # outermost function node (ast or tree-sitter)
    _nodes: list[Any] | None = None

    def __post_init__(self) -> None:
        """Derive lines, code tokens and protected (string/comment) spans."""
        self.line_starts = _line_starts(self.text)
        self.code = [t for t in self.toks if t.kind not in ("string", "comment")]
        self.protected = [(t.start, t.end) for t in self.toks if t.kind in ("string", "comment")]
        self._pstarts = [s for s, _ in self.protected]
        self._src_starts = _line_starts(self.prefix + self.text + self.suffix)

    # -- positions
    def line_of(self, pos: int) -> int:
        """Index of the line containing offset ``pos``."""
        return bisect.bisect_right(self.line_starts, pos) - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end (after the newline) of a line."""
        start = self.line_starts[line]
        nxt = line + 1
        return start, self.line_starts[nxt] if nxt < len(self.line_starts) else len(self.text)

    def inside_protected(self, pos: int) -> bool:
        """Whether ``pos`` lies strictly inside a string literal or comment."""
        i = bisect.bisect_right(self._pstarts, pos) - 1
        return i >= 0 and self.protected[i][0] < pos < self.protected[i][1]

    def node_span(self, node: Any) -> tuple[int, int]:
        """Text offsets of a tree-sitter node."""
        assert self.pos is not None
        return self.pos(node.start_byte), self.pos(node.end_byte)

    def py_span(self, node: Any) -> tuple[int, int]:
        """Text offsets of a Python ``ast`` node."""
        return (
            self._py_offset(node.lineno, node.col_offset),
            self._py_offset(node.end_lineno, node.end_col_offset),
        )

    def _py_offset(self, lineno: int, col: int) -> int:
        """Text offset of an ``ast`` position (1-based line, UTF-8 byte column)."""
        source = self.prefix + self.text
        start = self._src_starts[lineno - 1]
        chunk = source[start : start + col]
        if not chunk.isascii():
            col = len(_encode(chunk)[:col].decode("utf-8", "replace"))
        return start + col - len(self.prefix)

    # -- structure
    def nodes(self) -> list[Any]:
        """Tree-sitter nodes of the function (pre-order), cached per call."""
        if self._nodes is None:
            root = self.func if self.func is not None else self.tree.root_node
            out, stack = [], [root]
            while stack:
                node = stack.pop()
                out.append(node)
                stack.extend(reversed(node.children))
            assert self.pos is not None
            size = len(self.text)
            self._nodes = [n for n in out if 0 <= self.pos(n.start_byte) < size]
        return self._nodes

    def line_tokens(self) -> dict[int, list[_Tok]]:
        """Code tokens grouped by the line they start on."""
        out: dict[int, list[_Tok]] = {}
        for tok in self.code:
            out.setdefault(self.line_of(tok.start), []).append(tok)
        return out

    def body_first_line(self) -> int:
        """First line after the function header (or after the first code line)."""
        if not self.code:
            return 0
        if self.func is None:
            return self.line_of(self.code[0].start) + 1
        if self.language == "python":
            return max(self.line_of(self.py_span(self.func.body[0])[0]), self._def_line() + 1)
        body = self.func.child_by_field_name("body")
        anchor = body if body is not None else self.func
        return self.line_of(self.node_span(anchor)[0]) + 1

    def _def_line(self) -> int:
        """Line of the Python function's ``def``."""
        return self.line_of(self.py_span(self.func)[0])

    def last_statement_line(self) -> int:
        """Line of the last code token, not counting the function's closing brace."""
        code = self.code
        if self.language != "python" and len(code) > 1 and code[-1].text == "}":
            return self.line_of(code[-2].start)
        return self.line_of(code[-1].start) if code else 0


def _find_python_func(tree: ast.Module) -> Any:
    """The outermost (first, breadth-first) function definition, or ``None``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return None


_TS_FUNCS: dict[str, frozenset[str]] = {
    "javascript": frozenset(
        {
            "function_declaration",
            "generator_function_declaration",
            "method_definition",
            "function_expression",
            "generator_function",
            "arrow_function",
        }
    ),
    "java": frozenset({"method_declaration", "constructor_declaration"}),
}


def _find_ts_func(language: str, root: Any, pos: Callable[[int], int]) -> Any:
    """The first function/method node inside the text (pre-order), or ``None``."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in _TS_FUNCS[language] and pos(node.start_byte) >= 0:
            return node
        stack.extend(reversed(node.children))
    return None


def _prepare(text: str, language: str) -> _Ctx | None:
    """Parse ``text`` (wrapped if needed); ``None`` when the original does not compile."""
    for prefix, suffix in _WRAPPERS[language]:
        source = prefix + text + suffix
        if _source_ok(language, source):
            break
    else:
        return None
    if language == "python":
        try:
            tree = ast.parse(source)
            toks = _python_tokens(source, _line_starts(source), len(prefix))
        except (SyntaxError, tokenize.TokenError, ValueError):
            return None
        toks = [t for t in toks if t.start >= 0 and t.end <= len(text)]
        ctx = _Ctx(text, language, prefix, suffix, tree, toks)
        ctx.func = _find_python_func(tree)
        return ctx
    tree = _parser(language).parse(_encode(source))
    pos = _byte_mapper(source, len(prefix))
    toks = _ts_tokens(language, tree.root_node, pos, text)
    ctx = _Ctx(text, language, prefix, suffix, tree, toks, pos)
    ctx.func = _find_ts_func(language, tree.root_node, pos)
    return ctx


def _valid(ctx: _Ctx, text: str) -> bool:
    """Whether a candidate text compiles under the original's wrapper."""
    return _source_ok(ctx.language, ctx.prefix + text + ctx.suffix)


def _apply(text: str, edit: Edit) -> str:
    """Apply non-overlapping replacements, right to left."""
    for start, end, new in sorted(edit, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + new + text[end:]
    return text


# --------------------------------------------------------------------------- helpers


def _leading_ws(ctx: _Ctx, line: int) -> int:
    """Width (in characters) of a line's leading whitespace."""
    start, end = ctx.line_span(line)
    content = ctx.text[start:end]
    return len(content) - len(content.lstrip(" \t"))


def _whole_lines(ctx: _Ctx, start: int, end: int) -> tuple[int, int] | None:
    """The full-line span of ``[start, end)`` if nothing else shares those lines."""
    first, last = ctx.line_of(start), ctx.line_of(max(start, end - 1))
    line_start, _ = ctx.line_span(first)
    _, line_end = ctx.line_span(last)
    if ctx.text[line_start:start].strip() or ctx.text[end:line_end].strip():
        return None
    return line_start, line_end


def _is_ts_operator(tok: _Tok, parents: frozenset[str]) -> bool:
    """Whether a tree-sitter token's parent node has one of the given types."""
    parent = tok.node.parent if tok.node is not None else None
    return parent is not None and parent.type in parents


def _python_header_colon(ctx: _Ctx, index: int) -> _Tok | None:
    """The ``:`` ending the compound-statement header that starts at ``ctx.code[index]``."""
    depth = lambdas = 0
    for tok in ctx.code[index + 1 :]:
        if tok.first_in_line:
            return None
        if tok.kind == "op" and tok.text in _OPENERS:
            depth += 1
        elif tok.kind == "op" and tok.text in _CLOSERS:
            depth -= 1
        elif depth == 0 and tok.text == "lambda":
            lambdas += 1
        elif depth == 0 and tok.kind == "op" and tok.text == ":":
            if not lambdas:
                return tok
            lambdas -= 1
    return None


# --------------------------------------------------------------------------- syntax kinds


def _sites_drop_bracket(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Delete one bracket, brace or parenthesis."""
    return [[((t.start, t.end, ""),)] for t in ctx.code if t.kind == "op" and t.text in _BRACKETS]


def _indent_unit(ctx: _Ctx) -> int:
    """The smallest indentation step between statement lines (4 if none)."""
    widths = sorted({_leading_ws(ctx, ctx.line_of(t.start)) for t in ctx.code if t.first_in_line})
    steps = [b - a for a, b in itertools.pairwise(widths) if b > a]
    return min(steps) if steps else 4


def _sites_lose_indentation_py(ctx: _Ctx) -> list[Site]:
    """Strip, or shift left by half/one level, the indentation of one statement line."""
    base = _leading_ws(ctx, ctx.line_of(ctx.code[0].start)) if ctx.code else 0
    unit = _indent_unit(ctx)
    sites: list[Site] = []
    for tok in ctx.code:
        line_start = ctx.line_starts[ctx.line_of(tok.start)]
        width = tok.start - line_start
        if not tok.first_in_line or width <= base:
            continue
        variants = {
            ((line_start, tok.start, ""),): None,
            ((line_start, line_start + min(width, max(1, unit // 2)), ""),): None,
            ((line_start, line_start + min(width, unit), ""),): None,
        }
        sites.append(list(variants))
    return sites


_TS_BLOCKS: dict[str, frozenset[str]] = {
    "javascript": frozenset({"statement_block", "switch_body", "class_body"}),
    "java": frozenset({"block", "constructor_body", "switch_block", "class_body"}),
}


def _flatten_block(ctx: _Ctx, open_line: int, close_line: int) -> list[tuple[int, int, str]]:
    """Edits removing one indentation level from the lines strictly inside a block."""
    inner = [
        line
        for line in range(open_line + 1, close_line)
        if ctx.text[slice(*ctx.line_span(line))].strip()
        and not ctx.inside_protected(ctx.line_starts[line])
    ]
    if not inner:
        return []
    delta = min(_leading_ws(ctx, line) for line in inner) - _leading_ws(ctx, open_line)
    if delta <= 0:
        return []
    return [(ctx.line_starts[line], ctx.line_starts[line] + delta, "") for line in inner]


def _sites_lose_indentation_ts(ctx: _Ctx) -> list[Site]:
    """Remove a block's closing brace and flatten the block's indentation."""
    sites: list[Site] = []
    for node in ctx.nodes():
        if node.type not in _TS_BLOCKS[ctx.language] or node.child_count < 2:
            continue
        opening, closing = node.children[0], node.children[-1]
        if opening.type != "{" or closing.type != "}" or closing.is_missing:
            continue
        open_line = ctx.line_of(ctx.node_span(opening)[0])
        close_start, close_end = ctx.node_span(closing)
        close_line = ctx.line_of(close_start)
        if close_line <= open_line or close_end > len(ctx.text):
            continue
        whole = _whole_lines(ctx, close_start, close_end)
        trailing = len(ctx.text[close_end:]) - len(ctx.text[close_end:].lstrip(" \t"))
        brace = (*whole, "") if whole else (close_start, close_end + trailing, "")
        if whole and whole[1] == len(ctx.text) and not ctx.text.endswith("\n"):
            brace = (whole[0] - 1, whole[1], "")
        sites.append([(brace, *_flatten_block(ctx, open_line, close_line))])
    return sites


def _sites_lose_indentation(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Python: break one line's indentation; JS/Java: drop a block's ``}`` and flatten it."""
    if ctx.language == "python":
        return _sites_lose_indentation_py(ctx)
    return _sites_lose_indentation_ts(ctx)


def _is_statement_line(ctx: _Ctx, toks: list[_Tok], next_tok: _Tok | None) -> bool:
    """Whether a line holds one whole statement (Python) or starts a statement/closes a block."""
    first = toks[0]
    if ctx.language == "python":
        return first.first_in_line and (next_tok is None or next_tok.first_in_line)
    if first.text == "}":
        return True
    node = first.node
    while node is not None and node.start_byte == first.node.start_byte:
        if node.type.endswith(("_statement", "_declaration")):
            return True
        node = node.parent
    return False


def _movable_lines(ctx: _Ctx) -> tuple[list[int], list[int]]:
    """Lines that may be moved, and the line indices a line may be inserted before."""
    by_line = ctx.line_tokens()
    first = ctx.body_first_line()
    n_lines = len(ctx.line_starts)
    stop = n_lines if ctx.language == "python" else ctx.line_of(ctx.code[-1].start)
    index = {id(t): i for i, t in enumerate(ctx.code)}
    movable = []
    for line, toks in sorted(by_line.items()):
        if line < first or line >= stop:
            continue
        start, end = ctx.line_span(line)
        if ctx.inside_protected(start) or ctx.inside_protected(end - 1):
            continue
        nxt = index[id(toks[-1])] + 1
        if _is_statement_line(ctx, toks, ctx.code[nxt] if nxt < len(ctx.code) else None):
            movable.append(line)
    if ctx.language != "python":
        last_target = stop
    else:
        last_target = n_lines - 1 if ctx.text.endswith("\n") else n_lines
    targets = [
        j
        for j in range(first, last_target + 1)
        if j >= n_lines or not ctx.inside_protected(ctx.line_starts[j])
    ]
    return movable, targets


def _move_line(ctx: _Ctx, line: int, target: int) -> Edit:
    """Cut ``line`` and paste it (verbatim) before line ``target``."""
    start, end = ctx.line_span(line)
    moved = ctx.text[start:end]
    delete = (start, end, "")
    if not moved.endswith("\n"):
        delete = (start - 1, end, "")
        moved += "\n"
    if target >= len(ctx.line_starts):
        at = len(ctx.text)
        return ((at, at, moved if ctx.text.endswith("\n") else "\n" + moved[:-1]), delete)
    at = ctx.line_starts[target]
    return ((at, at, moved), delete)


def _sites_shuffle_lines(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Move one statement line elsewhere inside the function."""
    if not ctx.code:
        return []
    movable, targets = _movable_lines(ctx)
    return [
        [_move_line(ctx, line, t) for t in targets if t not in (line, line + 1)] for line in movable
    ]


def _sites_truncate_body(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Cut the text off at a line start, after a token, or inside a word."""
    if not ctx.code:
        return []
    size = len(ctx.text)
    body_line = min(ctx.body_first_line(), len(ctx.line_starts) - 1)
    floor = max(ctx.line_starts[body_line], ctx.code[0].end)
    sites: list[Site] = []
    for line, toks in sorted(ctx.line_tokens().items()):
        start = ctx.line_starts[line]
        cuts = [t.end for t in toks[:-1]]
        if not ctx.inside_protected(start):
            cuts.append(start)
        words = [t for t in toks if t.kind in ("name", "keyword") and len(t.text) > 1]
        if words:
            word = rng.choice(words)
            cuts.append(word.start + rng.randint(1, len(word.text) - 1))
        variants: Site = [((cut, size, ""),) for cut in cuts if cut >= floor]
        if variants:
            sites.append(variants)
    return sites


_PY_HEADERS = frozenset(
    {"if", "elif", "else", "for", "while", "def", "try", "except", "finally", "with", "class"}
)


def _sites_missing_separator(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Python: drop a header's ``:``; JS/Java: drop a ``;`` or an argument ``,``."""
    sites: list[Site] = []
    code = ctx.code
    for i, tok in enumerate(code):
        target: _Tok | None = None
        if ctx.language == "python":
            head = code[i + 1] if tok.text == "async" and i + 1 < len(code) else tok
            if tok.first_in_line and tok.kind == "keyword" and head.text in _PY_HEADERS:
                target = _python_header_colon(ctx, i)
        elif tok.kind == "op" and tok.text == ",":
            target = tok if _is_ts_operator(tok, _ARGUMENT_LISTS) else None
        elif tok.kind == "op" and tok.text == ";":
            nxt = code[i + 1] if i + 1 < len(code) else None
            same_line = nxt is not None and ctx.line_of(nxt.start) == ctx.line_of(tok.start)
            ok = ctx.language == "java" or (same_line and nxt is not None and nxt.text != "}")
            target = tok if ok else None
        if target is not None:
            sites.append([((target.start, target.end, ""),)])
    return sites


_ARGUMENT_LISTS = frozenset({"arguments", "argument_list"})


# --------------------------------------------------------------------------- content kinds

_FLIPS: dict[str, tuple[str, ...]] = {
    "<": ("<=", ">"),
    "<=": ("<", ">="),
    ">": (">=", "<"),
    ">=": (">", "<="),
    "==": ("!=",),
    "!=": ("==",),
    "===": ("!==",),
    "!==": ("===",),
}
_BINARY = frozenset({"binary_expression"})


def _sites_flip_comparison(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Replace one comparison operator (Python ``is``/``is not`` included)."""
    sites: list[Site] = []
    code = ctx.code
    for i, tok in enumerate(code):
        if tok.kind == "op" and tok.text in _FLIPS:
            if ctx.language == "python" or _is_ts_operator(tok, _BINARY):
                sites.append([((tok.start, tok.end, alt),) for alt in _FLIPS[tok.text]])
        elif ctx.language == "python" and tok.kind == "keyword" and tok.text == "is":
            nxt = code[i + 1] if i + 1 < len(code) else None
            if nxt is not None and nxt.text == "not":
                sites.append([((tok.end, nxt.end, ""),)])
            else:
                sites.append([((tok.end, tok.end, " not"),)])
    return sites


_INT_RE: dict[str, re.Pattern[str]] = {
    "python": re.compile(r"(0|[1-9][0-9]*)()"),
    "javascript": re.compile(r"(0|[1-9][0-9]*)(n?)"),
    "java": re.compile(r"(0|[1-9][0-9]*)([lL]?)"),
}


def _sites_off_by_one(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Change one decimal integer literal by +1 or -1 (0 only goes up)."""
    sites: list[Site] = []
    for tok in ctx.code:
        match = _INT_RE[ctx.language].fullmatch(tok.text) if tok.kind == "number" else None
        if match is None:
            continue
        value = int(match[1])
        news = [value + 1] + ([value - 1] if value > 0 else [])
        sites.append([((tok.start, tok.end, f"{new}{match[2]}"),) for new in news])
    return sites


_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ROW_SHIFT = (0.0, 0.25, 0.75)
_KEY_POS = {c: (r, i + _ROW_SHIFT[r]) for r, row in enumerate(_KEYBOARD) for i, c in enumerate(row)}
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    c: tuple(
        sorted(
            d
            for d, (r2, x2) in _KEY_POS.items()
            if d != c and abs(r2 - r) <= 1 and abs(x2 - x) <= (1.0 if r2 == r else 0.75)
        )
    )
    for c, (r, x) in _KEY_POS.items()
}
# fmt: off
_JS_RESERVED = frozenset({
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
    "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
    "implements", "interface", "package", "private", "protected", "public", "await", "async",
    "of", "get", "set", "undefined", "NaN", "Infinity", "arguments", "eval",
})
# fmt: on
# fmt: off
_JAVA_RESERVED = frozenset({
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
    "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
    "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
    "long", "native", "new", "package", "private", "protected", "public", "return", "short",
    "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
    "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield",
    "record", "sealed", "permits", "non-sealed", "when", "module", "open", "exports",
    "requires", "_",
})
# fmt: on
_PY_RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))


def _typos(name: str, rng: random.Random) -> list[str]:
    """One dropped, doubled, swapped and wrong-key variant of ``name`` (letters only)."""
    letters = [i for i, c in enumerate(name) if c.isascii() and c.isalpha()]
    if not letters:
        return []
    out = []
    if len(name) >= 3:
        p = rng.choice(letters)
        out.append(name[:p] + name[p + 1 :])
    p = rng.choice(letters)
    out.append(name[: p + 1] + name[p:])
    pairs = [i for i in letters if i + 1 in letters and name[i] != name[i + 1]]
    if pairs:
        p = rng.choice(pairs)
        out.append(name[:p] + name[p + 1] + name[p] + name[p + 2 :])
    p = rng.choice(letters)
    key = rng.choice(_NEIGHBOURS[name[p].lower()])
    out.append(name[:p] + (key.upper() if name[p].isupper() else key) + name[p + 1 :])
    return out


def _own_name_start(ctx: _Ctx) -> int:
    """Offset of the function's own name in its declaration (-1 if none)."""
    if ctx.func is None:
        return -1
    if ctx.language == "python":
        def_tok = next((t for t in ctx.code if t.text == "def"), None)
        after = [t for t in ctx.code if def_tok is not None and t.start > def_tok.start]
        return after[0].start if after else -1
    name = ctx.func.child_by_field_name("name")
    return ctx.node_span(name)[0] if name is not None else -1


def _sites_misspell_identifier(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Misspell one identifier occurrence as a typo would, into a name not yet used."""
    reserved = {"python": _PY_RESERVED, "javascript": _JS_RESERVED, "java": _JAVA_RESERVED}
    taken = {t.text for t in ctx.code if t.kind == "name"} | reserved[ctx.language]
    valid = re.compile(r"#?[A-Za-z_$][\w$]*" if ctx.language != "python" else r"[A-Za-z_]\w*")
    own = _own_name_start(ctx)
    sites: list[Site] = []
    for tok in ctx.code:
        if tok.kind != "name" or tok.start == own or len(tok.text) < 2 or not tok.text.isascii():
            continue
        typos = dict.fromkeys(
            t for t in _typos(tok.text, rng) if valid.fullmatch(t) and t not in taken
        )
        if typos:
            sites.append([((tok.start, tok.end, t),) for t in typos])
    return sites


def _swap_edit(ctx: _Ctx, spans: list[tuple[int, int]]) -> list[Edit]:
    """Edits swapping each pair of adjacent argument spans whose texts differ."""
    out: list[Edit] = []
    for (a0, a1), (b0, b1) in itertools.pairwise(spans):
        left, right = ctx.text[a0:a1], ctx.text[b0:b1]
        if left != right and a0 >= 0 and not ctx.inside_protected(a0):
            out.append(((a0, a1, right), (b0, b1, left)))
    return out


def _sites_swap_arguments(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Swap two adjacent arguments of one call."""
    sites: list[Site] = []
    if ctx.language == "python":
        for node in ast.walk(ctx.tree):
            if isinstance(node, ast.Call) and len(node.args) >= 2:
                edits = _swap_edit(ctx, [ctx.py_span(a) for a in node.args])
                sites.extend([[e] for e in edits])
        return sites
    for node in ctx.nodes():
        if node.type in _ARGUMENT_LISTS:
            args = [c for c in node.named_children if c.type not in _TS_ATOMIC_COMMENTS]
            if len(args) >= 2:
                sites.extend([[e] for e in _swap_edit(ctx, [ctx.node_span(a) for a in args])])
    return sites


_TS_ATOMIC_COMMENTS = frozenset({"comment", "html_comment", "line_comment", "block_comment"})

_PY_SCOPES = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ClassDef,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _py_scope_walk(ctx: _Ctx, func: Any) -> Iterator[tuple[Any, int]]:
    """Nodes of ``func``'s own scope with the offset from which a binding there is usable."""
    stack: list[tuple[Any, int]] = [(stmt, 0) for stmt in reversed(func.body)]
    while stack:
        node, bind = stack.pop()
        yield node, bind
        if isinstance(node, _PY_SCOPES):
            continue
        if isinstance(node, ast.stmt):
            bind = ctx.py_span(node)[1]
        children: list[tuple[Any, int]] = [(c, bind) for c in ast.iter_child_nodes(node)]
        if isinstance(node, ast.For | ast.AsyncFor):
            children = [
                (c, ctx.py_span(node.iter)[1]) if c is node.target else (c, b) for c, b in children
            ]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            children = [(node.optional_vars, ctx.py_span(node.context_expr)[1])]
        elif isinstance(node, ast.NamedExpr):
            children = [(node.target, ctx.py_span(node)[1]), (node.value, bind)]
        stack.extend(reversed(children))


def _sites_wrong_variable_py(ctx: _Ctx) -> list[Site]:
    """Replace a use of a local variable with another local bound before that use."""
    func = ctx.func
    if func is None:
        return []
    args = func.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    bound = {a.arg: -1 for a in params if a is not None}
    uses, declared_global = [], set()
    for node, bind in _py_scope_walk(ctx, func):
        if isinstance(node, ast.Global | ast.Nonlocal):
            declared_global.update(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound[node.id] = min(bound.get(node.id, bind), bind)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            uses.append(node)
    skip = declared_global | {"self", "cls"}
    sites: list[Site] = []
    for use in uses:
        start, end = ctx.py_span(use)
        if use.id not in bound or use.id in skip or ctx.text[start:end] != use.id:
            continue
        others = sorted(
            n for n, at in bound.items() if n != use.id and n not in skip and at <= start
        )
        if others and not ctx.inside_protected(start):
            sites.append([((start, end, name),) for name in others])
    return sites


@dataclass(frozen=True)
class _Decl:
    """A local variable declaration in a JavaScript/Java function."""

    name: str
    site: int  # offset of the declaring identifier
    usable: int  # offset from which the variable may be referenced
    scope: tuple[int, int]
    type_text: str = ""


def _js_binding_ids(node: Any) -> list[Any]:
    """Identifiers bound by a JavaScript binding pattern."""
    if node is None:
        return []
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [node]
    if node.type in ("assignment_pattern", "object_assignment_pattern"):
        return _js_binding_ids(node.child_by_field_name("left"))
    if node.type == "pair_pattern":
        return _js_binding_ids(node.child_by_field_name("value"))
    if node.type in ("object_pattern", "array_pattern", "rest_pattern"):
        return [i for child in node.named_children for i in _js_binding_ids(child)]
    return []


def _js_enclosing_function(node: Any) -> Any:
    """The nearest enclosing JavaScript function node (or the root)."""
    while node.parent is not None and node.type not in _TS_FUNCS["javascript"]:
        node = node.parent
    return node


def _js_decl(ctx: _Ctx, node: Any) -> tuple[list[Any], Any, Any] | None:
    """(binding identifiers, scope node, node after which they are usable) for ``node``."""
    kind = node.type
    if kind == "formal_parameters":
        return [i for c in node.named_children for i in _js_binding_ids(c)], node.parent, node
    if kind == "arrow_function" and node.child_by_field_name("parameter") is not None:
        param = node.child_by_field_name("parameter")
        return [param], node, param
    if kind == "variable_declarator":
        decl = node.parent
        is_var = decl.children and decl.children[0].type == "var"
        scope = _js_enclosing_function(decl) if is_var else decl.parent
        return _js_binding_ids(node.child_by_field_name("name")), scope, node
    if kind == "for_in_statement" and any(c.type in ("const", "let", "var") for c in node.children):
        ids = _js_binding_ids(node.child_by_field_name("left"))
        return ids, node, node.child_by_field_name("right") or node
    if kind == "catch_clause" and node.child_by_field_name("parameter") is not None:
        param = node.child_by_field_name("parameter")
        return _js_binding_ids(param), node, param
    return None


def _java_decl(ctx: _Ctx, node: Any) -> tuple[list[Any], Any, Any, str] | None:
    """(identifiers, scope node, usable-after node, type text) for a Java declaration."""
    kind, parent = node.type, node.parent
    type_node = node.child_by_field_name("type")
    type_text = type_node.text.decode("utf-8", "replace") if type_node is not None else ""
    name = node.child_by_field_name("name")
    if kind == "formal_parameter" and name is not None:
        return [name], parent.parent, parent, type_text
    if kind == "variable_declarator" and parent.type in (
        "local_variable_declaration",
        "spread_parameter",
    ):
        ptype = parent.child_by_field_name("type") or parent.named_children[0]
        ptext = ptype.text.decode("utf-8", "replace")
        if parent.type == "spread_parameter":
            return [name], parent.parent.parent, parent.parent, ptext + "[]"
        return [name], parent.parent, node, ptext
    if kind == "enhanced_for_statement" and name is not None:
        return [name], node, node.child_by_field_name("value") or node, type_text
    if kind == "catch_formal_parameter" and name is not None:
        return [name], parent, node, ""
    if kind == "resource" and name is not None:
        return [name], parent.parent, node, type_text
    if kind == "inferred_parameters":
        return list(node.named_children), parent, node, ""
    if kind == "lambda_expression":
        param = node.child_by_field_name("parameters")
        if param is not None and param.type == "identifier":
            return [param], node, param, ""
    return None


def _ts_declarations(ctx: _Ctx) -> list[_Decl]:
    """Local variable declarations (parameters included) of a JS/Java function."""
    decls = []
    for node in ctx.nodes():
        if ctx.language == "javascript":
            found = _js_decl(ctx, node)
            info = (*found, "") if found is not None else None
        else:
            info = _java_decl(ctx, node)
        if info is None:
            continue
        ids, scope, usable, type_text = info
        for ident in ids:
            if ident is None:
                continue
            start, end = ctx.node_span(ident)
            decls.append(
                _Decl(
                    ctx.text[start:end],
                    start,
                    ctx.node_span(usable)[1],
                    ctx.node_span(scope),
                    " ".join(type_text.split()),
                )
            )
    return decls


def _java_non_variable(node: Any) -> bool:
    """Whether a Java identifier names a method, field or label rather than a variable."""
    parent = node.parent
    if parent is None:
        return True
    if parent.type == "method_invocation":
        return parent.child_by_field_name("name") == node
    if parent.type == "field_access":
        return parent.child_by_field_name("field") == node
    return parent.type in ("labeled_statement", "break_statement", "continue_statement")


def _sites_wrong_variable_ts(ctx: _Ctx) -> list[Site]:
    """Replace a use of a local with another local visible (declared before) at that use."""
    decls = _ts_declarations(ctx)
    sites_at = {d.site for d in decls}
    names = {d.name for d in decls}
    sites: list[Site] = []
    for tok in ctx.code:
        if tok.node.type != "identifier" or tok.text not in names or tok.start in sites_at:
            continue
        if ctx.language == "java" and _java_non_variable(tok.node):
            continue
        visible = [
            d for d in decls if d.scope[0] <= tok.start < d.scope[1] and d.usable <= tok.start
        ]
        own = [d for d in visible if d.name == tok.text]
        if not own:
            continue
        others = sorted({d.name for d in visible if d.name != tok.text})
        same_type = sorted(
            {d.name for d in visible if d.type_text == own[-1].type_text} & set(others)
        )
        choice = same_type if ctx.language == "java" and same_type else others
        if choice:
            sites.append([((tok.start, tok.end, name),) for name in choice])
    return sites


def _sites_wrong_variable(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Replace one use of a local variable with another local in scope."""
    if ctx.language == "python":
        return _sites_wrong_variable_py(ctx)
    return _sites_wrong_variable_ts(ctx)


_OPERATOR_SWAPS: dict[str, str] = {
    "+": "-",
    "-": "+",
    "*": "/",
    "/": "*",
    "&&": "||",
    "||": "&&",
    "and": "or",
    "or": "and",
    "+=": "-=",
    "-=": "+=",
    "*=": "/=",
    "/=": "*=",
}
_TS_OPERATOR_PARENTS = frozenset(
    {"binary_expression", "augmented_assignment_expression", "assignment_expression"}
)
_PY_OPERAND_KEYWORDS = frozenset({"True", "False", "None"})


def _py_operand_end(tok: _Tok) -> bool:
    """Whether ``tok`` can end an operand (so a following ``+ - * /`` is binary)."""
    if tok.kind in ("name", "number", "string"):
        return True
    return tok.text in _PY_OPERAND_KEYWORDS or (tok.kind == "op" and tok.text in _CLOSERS)


def _touches_string(ctx: _Ctx, i: int) -> bool:
    """Whether the operator at ``ctx.code[i]`` has a string literal right next to it."""
    tok = ctx.code[i]
    before = [t for t in ctx.toks if t.end <= tok.start and t.kind != "comment"]
    after = [t for t in ctx.toks if t.start >= tok.end and t.kind != "comment"]
    return bool((before and before[-1].kind == "string") or (after and after[0].kind == "string"))


def _sites_wrong_operator(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Swap ``+``/``-``, ``*``/``/``, ``and``/``or`` (``&&``/``||``), or their ``x=`` forms."""
    sites: list[Site] = []
    code = ctx.code
    for i, tok in enumerate(code):
        new = _OPERATOR_SWAPS.get(tok.text)
        if new is None or tok.kind not in ("op", "keyword"):
            continue
        if ctx.language == "python":
            if tok.text in ("+", "-", "*", "/") and not (i and _py_operand_end(code[i - 1])):
                continue
            if tok.kind == "keyword" and tok.text not in ("and", "or"):
                continue
        elif not _is_ts_operator(tok, _TS_OPERATOR_PARENTS) or tok.kind != "op":
            continue
        if tok.text in ("+", "+=") and _touches_string(ctx, i):
            continue
        sites.append([((tok.start, tok.end, new),)])
    return sites


_PY_DROPPABLE = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete, ast.Assert)
_TS_STATEMENT_PARENTS = frozenset(
    {
        "statement_block",
        "block",
        "switch_case",
        "switch_default",
        "switch_block_statement_group",
        "program",
        "constructor_body",
    }
)


def _python_first_bindings(ctx: _Ctx, root: Any) -> set[int]:
    """Offsets of the Name targets that first bind a (non-parameter) name in ``root``."""
    params = {a.arg for a in ast.walk(root) if isinstance(a, ast.arg)}
    first: dict[str, int] = {}
    for node in ast.walk(root):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            start = ctx.py_span(node)[0]
            first[node.id] = min(first.get(node.id, start), start)
    return {at for name, at in first.items() if name not in params}


def _python_droppable(ctx: _Ctx) -> list[tuple[int, int]]:
    """Statements whose removal keeps the code compiling and declares nothing new."""
    root = ctx.func if ctx.func is not None else ctx.tree
    declaring = _python_first_bindings(ctx, root)
    spans = []
    for node in ast.walk(root):
        if not isinstance(node, _PY_DROPPABLE):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.AnnAssign) and node.value is None:
            continue
        targets = [n for n in ast.walk(node) if isinstance(n, ast.Name)]
        if isinstance(node, ast.Assign | ast.AnnAssign) and any(
            isinstance(n.ctx, ast.Store) and ctx.py_span(n)[0] in declaring for n in targets
        ):
            continue  # the first assignment of a local acts as its declaration
        spans.append(ctx.py_span(node))
    return spans


def _java_uninitialised(ctx: _Ctx) -> set[str]:
    """Local variables declared without an initializer (assignments to them must stay)."""
    return {
        n.child_by_field_name("name").text.decode("utf-8", "replace")
        for n in ctx.nodes()
        if n.type == "variable_declarator"
        and n.parent.type == "local_variable_declaration"
        and n.child_by_field_name("value") is None
    }


def _ts_droppable(ctx: _Ctx) -> list[tuple[int, int]]:
    """Expression statements of a JS/Java function that may be deleted."""
    keep = _java_uninitialised(ctx) if ctx.language == "java" else set()
    spans = []
    for node in ctx.nodes():
        if node.type != "expression_statement" or node.parent is None:
            continue
        if node.parent.type not in _TS_STATEMENT_PARENTS or not node.named_children:
            continue
        expr = node.named_children[0]
        if expr.type in ("string", "template_string"):
            continue  # a directive such as "use strict"
        if expr.type == "assignment_expression":
            left = expr.child_by_field_name("left")
            if left is not None and left.text.decode("utf-8", "replace") in keep:
                continue
        spans.append(ctx.node_span(node))
    return spans


def _sites_drop_statement(ctx: _Ctx, rng: random.Random) -> list[Site]:
    """Delete one whole-line expression/assignment statement that is not the last line."""
    if not ctx.code:
        return []
    spans = _python_droppable(ctx) if ctx.language == "python" else _ts_droppable(ctx)
    last = ctx.last_statement_line()
    sites: list[Site] = []
    for start, end in spans:
        whole = _whole_lines(ctx, start, end)
        if whole is not None and ctx.line_of(max(start, end - 1)) < last and start >= 0:
            sites.append([((*whole, ""),)])
    return sites


# --------------------------------------------------------------------------- driver

_FINDERS: dict[str, Callable[[_Ctx, random.Random], list[Site]]] = {
    "drop-bracket": _sites_drop_bracket,
    "lose-indentation": _sites_lose_indentation,
    "shuffle-lines": _sites_shuffle_lines,
    "truncate-body": _sites_truncate_body,
    "missing-separator": _sites_missing_separator,
    "flip-comparison": _sites_flip_comparison,
    "off-by-one": _sites_off_by_one,
    "misspell-identifier": _sites_misspell_identifier,
    "swap-arguments": _sites_swap_arguments,
    "wrong-variable": _sites_wrong_variable,
    "wrong-operator": _sites_wrong_operator,
    "drop-statement": _sites_drop_statement,
}


def corrupt(text: str, language: str, kind: str, seed: int) -> str | None:
    """Return a corrupted copy of ``text``, or ``None`` when ``kind`` cannot apply to it.

    Deterministic for ``(text, language, kind, seed)``; the result always differs from
    ``text``.  Syntax kinds return text that does not compile (while ``text`` does);
    content kinds return text that still compiles.  Sites are drawn with
    ``random.Random(seed)`` and checked in that order until one meets the contract.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    if kind not in FAMILIES:
        raise ValueError(f"unknown corruption kind {kind!r}")
    ctx = _prepare(text, language)
    if ctx is None:
        return None
    rng = random.Random(seed)
    sites = _FINDERS[kind](ctx, rng)
    rng.shuffle(sites)
    must_compile = FAMILIES[kind] == "content"
    budget = _MAX_SHUFFLE_TRIES if kind == "shuffle-lines" else _MAX_TRIES
    for variants in sites:
        picked = rng.sample(variants, min(len(variants), _MAX_VARIANTS))
        for edit in picked:
            result = _apply(text, edit)
            if result != text and _valid(ctx, result) == must_compile:
                return result
            budget -= 1
            if budget <= 0:
                return None
    return None
