"""Languages: file extension -> language, parse checks and a uniform tokeniser.

Python is checked with the interpreter's own ``compile`` (exact); the other languages use the
tree-sitter grammar wheels (``tree_sitter_javascript``, ``_java``, ``_c``, ``_cpp``, ``_go``,
``_rust``, ``_typescript``, ``_python``), which ship compiled grammars and download nothing.
Parsers are created lazily, once per process, and never pickled.
"""

from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import PurePosixPath
from typing import Any, Literal

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".java": "java",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".hh": "cpp",
    ".hxx": "cpp",
    ".go": "go",
    ".rs": "rust",
}

#: language -> (grammar module, function returning the language pointer)
_GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "java": ("tree_sitter_java", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
}

LANGUAGES: tuple[str, ...] = tuple(_GRAMMARS)

_COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment"})
_STRING_TYPES = frozenset(
    {
        "string",
        "string_literal",
        "char_literal",
        "character_literal",
        "raw_string_literal",
        "interpreted_string_literal",
        "rune_literal",
        "template_string",
        "concatenated_string",
        "text_block",
    }
)
_IDENT_SUFFIX = "identifier"
_NUMBER_HINTS = ("number", "integer", "float", "int_literal", "decimal", "hex_", "octal")

TokenKind = Literal["identifier", "keyword", "string", "comment", "number", "operator", "error"]


@dataclass(frozen=True)
class Token:
    """One lexical token; ``start``/``end`` are character offsets into the text, ``line``
    (0-based) and ``col`` (0-based characters) where it starts, ``parent`` the grammar's
    type of the node around it (e.g. ``binary_expression``; ``""`` when not known)."""

    kind: TokenKind
    text: str
    start: int
    end: int
    line: int
    col: int = 0
    parent: str = ""


def language_for_path(path: str) -> str:
    """Canonical language of a file name by its extension, or ``"unknown"``."""
    return EXTENSIONS.get(PurePosixPath(path).suffix.lower(), "unknown")


@cache
def _parser(language: str) -> Any:
    import tree_sitter

    module_name, attr = _GRAMMARS[language]
    module = importlib.import_module(module_name)
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, attr)()))


@lru_cache(maxsize=64)
def parse_tree(text: str, language: str) -> Any:
    """The tree-sitter tree of ``text`` in ``language`` (the last few are cached: language
    detection, the parse check, the tokeniser and the lint checks read the same tree)."""
    return _parser(language).parse(text.encode("utf-8", "surrogatepass"))


def has_parser(language: str) -> bool:
    """Whether :func:`parse_check` can judge text in ``language``."""
    return language in _GRAMMARS


#: A method is not a program on its own: these languages also accept a record that parses
#: inside a class body, and JavaScript and TypeScript one that parses inside an object
#: literal (a method cut from ``{ get(t, k) { ... }, ... }`` ends with a comma). The
#: wrappers add lines after the text only, so line numbers hold.
_CLASS = ("class Fragment__ { ", "\n}")
_OBJECT = ("({ ", "\n})")
FRAGMENT_WRAPPERS: dict[str, tuple[tuple[str, str], ...]] = {
    "java": (_CLASS,),
    "javascript": (_CLASS, _OBJECT),
    "typescript": (_CLASS, _OBJECT),
    "tsx": (_CLASS, _OBJECT),
    "cpp": (("struct Fragment__ { ", "\n};"),),
}


def parse_check(text: str, language: str) -> tuple[bool | None, str | None]:
    """Whether ``text`` parses as ``language``: ``(ok, first error)``; ``(None, None)`` if unknown.

    Python uses ``compile(..., "exec")`` so it reports exactly what the interpreter would
    (including indentation errors). Other languages fail when tree-sitter inserts an ERROR
    or MISSING node, unless the text parses as a class member or, in JavaScript and
    TypeScript, inside an
    object literal (a lone method, see :data:`FRAGMENT_WRAPPERS`); the message
    names the first such node's line and column (1-based) and what is there or missing.
    """
    if language == "python":
        return _python_check(text)
    if language not in _GRAMMARS:
        return None, None
    root = parse_tree(text, language).root_node
    if not root.has_error:
        return True, None
    for before, after in FRAGMENT_WRAPPERS.get(language, ()):
        wrapped = _parser(language).parse((before + text + after).encode("utf-8", "surrogatepass"))
        if not wrapped.root_node.has_error:
            return True, None
    bad = _first_error(root)
    if bad is None:
        return False, "syntax error"
    where = f"line {bad.start_point[0] + 1}:{bad.start_point[1] + 1}"
    if bad.is_missing:
        return False, f"missing {bad.type!r} at {where}"
    data = text.encode("utf-8", "surrogatepass")
    snippet = data[bad.start_byte : min(bad.end_byte, bad.start_byte + 30)]
    shown = snippet.decode("utf-8", "replace").split("\n")[0].strip()
    return False, f"syntax error at {where}" + (f" near {shown!r}" if shown else "")


def _python_check(text: str) -> tuple[bool, str | None]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<record>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: source contains NUL bytes
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "offset", None)
        where = f" at line {line}" + (f":{column}" if column else "") if line else ""
        return False, f"{type(exc).__name__}{where}: {getattr(exc, 'msg', exc)}"
    return True, None


def _first_error(node: Any) -> Any:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            return current
        if current.has_error:
            stack.extend(reversed(current.children))
    return None


def tokenize(text: str, language: str) -> list[Token]:
    """Tokens of ``text`` via tree-sitter (robust on broken code); ``[]`` for unknown languages.

    Strings and comments are single tokens; keywords are the grammar's anonymous alphabetic
    leaves; everything else that is not a name, number, string or comment is an operator.
    The last few results are cached (the structural signals, the naturalness model, the site
    detectors and near dedup all read the same record's tokens): treat the list as read-only.
    """
    if language not in _GRAMMARS:
        return []
    return _tokenize(text, language)


@lru_cache(maxsize=64)
def _tokenize(text: str, language: str) -> list[Token]:
    data = text.encode("utf-8", "surrogatepass")
    to_char = _byte_to_char(text, data)
    line_starts = _line_starts(text)
    tree = parse_tree(text, language)
    out: list[Token] = []
    stack: list[tuple[Any, str]] = [(tree.root_node, "")]
    while stack:
        node, parent = stack.pop()
        kind = _leaf_kind(node)
        if kind is None:
            node_type = node.type
            stack.extend((child, node_type) for child in reversed(node.children))
            continue
        if node.end_byte > node.start_byte:
            start, end = to_char(node.start_byte), to_char(node.end_byte)
            line = node.start_point[0]
            col = start - line_starts[line] if line < len(line_starts) else 0
            out.append(Token(kind, text[start:end], start, end, line, col, parent))
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _leaf_kind(node: Any) -> TokenKind | None:
    node_type = node.type
    if node_type in _COMMENT_TYPES:
        return "comment"
    if node_type in _STRING_TYPES:
        return "string"
    if node.child_count:
        return "error" if node.is_error and not node.named_child_count else None
    if node.is_error:
        return "error"
    if node_type.endswith(_IDENT_SUFFIX):
        return "identifier"
    if any(hint in node_type for hint in _NUMBER_HINTS):
        return "number"
    if not node.is_named and node_type.replace("_", "").isalpha():
        return "keyword"
    if node.is_named and node_type in ("true", "false", "null", "none", "nil", "this", "self"):
        return "keyword"
    return "operator"


def _byte_to_char(text: str, data: bytes) -> Any:
    if len(data) == len(text):
        return lambda offset: offset
    starts: list[int] = []
    for index, char in enumerate(text):
        starts.extend([index] * len(char.encode("utf-8", "surrogatepass")))
    starts.append(len(text))
    return lambda offset: starts[offset]
