"""Reading a Croissant document from a path, a URL or a dict, with every failure located.

:func:`read_document` never lets a parser exception escape: whatever the bytes are
(binary, empty, not UTF-8, not JSON, 10,000 levels deep, larger than the cap) it raises
:class:`DocumentError` whose ``kind`` says what went wrong and whose ``line``/``column``
say where, so the validator can turn it into an issue and the other commands into a
one-line message with exit code 2.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from croissant_tools.errors import InputError, SecurityError, UsageError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 256
_TOO_LARGE = (
    "raise the limit with --max-bytes (max_bytes= in Python) if the file is really "
    "Croissant metadata"
)

ReadProblem = Literal[
    "not_found",
    "not_a_file",
    "unreadable",
    "too_large",
    "empty",
    "binary",
    "encoding",
    "syntax",
    "too_deep",
    "network_refused",
    "network_failed",
]


class DocumentError(InputError):
    """The document could not be read as JSON; ``kind`` names the problem."""

    def __init__(
        self,
        kind: ReadProblem,
        message: str,
        *,
        where: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ):
        location = where if line is None else f"{where}:{line}:{column or 1}"
        super().__init__(message, where=location, hint=hint)
        self.kind = kind
        self.source = where
        self.line = line
        self.column = column


@dataclass
class Document:
    """A parsed JSON document and where it came from.

    ``root`` is the directory that relative ``contentUrl`` values resolve against (the
    document's folder), or ``None`` for documents given as a dict or fetched from a URL.
    ``duplicate_keys`` lists ``(json_path, key)`` for keys that appeared twice in one
    object: JSON parsers keep the last one and silently lose the other.
    """

    data: Any
    source: str
    root: Path | None = None
    size: int = 0
    duplicate_keys: list[tuple[str, str]] = field(default_factory=list)
    non_standard: list[str] = field(default_factory=list)
    #: The decoded JSON text (``None`` for dicts), kept so that issues can be located
    #: by line and column.
    text: str | None = None
    #: JSON paths of keys and string values that hold a lone surrogate (``"\ud800"``):
    #: valid JSON, but no Unicode text, which no UTF-8 writer or Arrow column can take.
    surrogates: list[str] = field(default_factory=list)


def check_source(source: object) -> None:
    """Raise :class:`UsageError` unless ``source`` is a path, a URL string or a mapping."""
    if not isinstance(source, str | os.PathLike | Mapping):
        kind = type(source).__name__
        raise UsageError(f"source must be a path, a URL string or a parsed dict, not {kind}")


def read_document(
    source: str | os.PathLike[str] | Mapping[str, Any],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_network: bool = False,
    timeout: float = 30.0,
    network: Any = None,
) -> Document:
    """Read and parse ``source`` (path, ``http(s)`` URL or already-parsed mapping).

    URLs are fetched only when ``allow_network`` is true (otherwise
    :class:`~croissant_tools.errors.SecurityError`), under ``network`` (a
    :class:`~croissant_tools.loading.NetworkPolicy`: host allow-list checked on every
    redirect hop, credentials, deadlines) or, without one, within ``timeout`` seconds for
    any one operation and four times that in all; ``file://`` URLs are read as paths.
    Documents larger than ``max_bytes`` are refused before being read (or while fetched).
    """
    check_source(source)
    if isinstance(source, Mapping):
        data = dict(source)
        _check_depth(data, "<dict>")
        return Document(data=data, source="<dict>", surrogates=lone_surrogates(data))
    text_source = os.fspath(source)
    parsed = urlparse(text_source)
    if parsed.scheme in ("http", "https"):
        raw = _fetch(text_source, max_bytes, network or _policy(allow_network, timeout))
        return parse_bytes(raw, where=text_source)
    if parsed.scheme == "file":
        text_source = parsed.path
    path = Path(text_source)
    raw = _read_file(path, max_bytes)
    document = parse_bytes(raw, where=str(path))
    document.root = path.resolve().parent
    return document


def require_object(document: Document) -> dict[str, Any]:
    """The document's top level, which must be a JSON object (else :class:`InputError`).

    The validator reports other top levels as ``CR008``; the commands that need the
    dataset itself (records, info, publish) stop here with exit code 2.
    """
    data = document.data
    if isinstance(data, dict):
        return data
    kind = "an array" if isinstance(data, list) else "null" if data is None else type(data).__name__
    raise InputError(
        f"not a Croissant document: the top level is {kind}, not a JSON object",
        where=document.source,
        hint='a Croissant document is one JSON object: {"@context": ..., "@type": ...}',
    )


def _read_file(path: Path, max_bytes: int) -> bytes:
    where = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DocumentError("not_found", "file not found", where=where) from None
    except OSError as exc:
        message = f"cannot access file: {exc.strerror}"
        raise DocumentError("unreadable", message, where=where) from None
    if not path.is_file():
        raise DocumentError("not_a_file", "not a regular file", where=where)
    if stat.st_size > max_bytes:
        raise DocumentError(
            "too_large",
            f"file is {stat.st_size:,} bytes, over the {max_bytes:,}-byte limit",
            where=where,
            hint=_TOO_LARGE,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        message = f"cannot read file: {exc.strerror}"
        raise DocumentError("unreadable", message, where=where) from None


def _policy(allow: bool, timeout: float) -> Any:
    from croissant_tools.loading.options import NetworkPolicy

    return NetworkPolicy(allow=allow, timeout=timeout, deadline=4 * timeout)


def _fetch(url: str, max_bytes: int, policy: Any) -> bytes:
    """The document at ``url``, fetched as :func:`croissant_tools.loading.fetch.fetch_bytes`
    fetches (every hop checked against the policy, deadline, minimum rate, size cap)."""
    if not policy.allow:
        raise SecurityError(
            "fetching a URL needs network access, which is off by default",
            where=url,
            hint="pass --allow-network (allow_network=True) to fetch it",
        )
    from croissant_tools.errors import CroissantToolsError
    from croissant_tools.loading.fetch import DocumentTooLarge, fetch_bytes

    try:
        return fetch_bytes(url, policy=policy, max_bytes=max_bytes, where=url)
    except DocumentTooLarge as exc:
        raise DocumentError("too_large", exc.message, where=url, hint=_TOO_LARGE) from None
    except SecurityError:
        raise
    except CroissantToolsError as exc:
        raise DocumentError(
            "network_failed", f"cannot fetch URL: {exc.message}", where=url
        ) from None


def parse_bytes(raw: bytes, *, where: str) -> Document:
    """Parse JSON bytes into a :class:`Document`, raising :class:`DocumentError`."""
    if not raw.strip():
        raise DocumentError("empty", "file is empty", where=where)
    text = _decode(raw, where)
    duplicates: dict[int, list[str]] = {}
    non_standard: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for key, value in pairs:
            if key in obj:
                duplicates.setdefault(id(obj), []).append(key)
            obj[key] = value
        return obj

    def constant_hook(name: str) -> float:
        non_standard.append(name)
        return float(name.lower().replace("infinity", "inf"))

    try:
        data = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=constant_hook)
    except json.JSONDecodeError as exc:
        message, line, column, hint = _syntax_problem(text, exc)
        raise DocumentError(
            "syntax", message, where=where, line=line, column=column, hint=hint
        ) from None
    except RecursionError:
        raise DocumentError(
            "too_deep", "JSON nesting is too deep to be Croissant metadata", where=where
        ) from None
    _check_depth(data, where)
    document = Document(
        data=data, source=where, size=len(raw), non_standard=non_standard, text=text
    )
    if duplicates:
        document.duplicate_keys = _locate_duplicates(data, duplicates)
    if _SURROGATE_ESCAPE.search(text):  # only a \uD8xx-\uDFxx escape can make one
        document.surrogates = lone_surrogates(data)
    return document


def _syntax_problem(text: str, exc: json.JSONDecodeError) -> tuple[str, int, int, str | None]:
    """Message, line, column and hint for a JSON syntax error; a trailing comma (the most
    common hand-editing slip) is named as such and located at the comma, not at the
    bracket after it where the parser noticed it."""
    before = text[: exc.pos].rstrip()
    closing = text[exc.pos : exc.pos + 1]
    if before.endswith(",") and closing in ("}", "]"):
        comma = len(before) - 1
        line = text.count("\n", 0, comma) + 1
        column = comma - (text.rfind("\n", 0, comma) + 1) + 1
        what = "object" if closing == "}" else "array"
        message = f"invalid JSON: trailing comma before the '{closing}' that closes the {what}"
        return message, line, column, "delete the comma (JSON allows none after the last item)"
    return f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(data: Any) -> list[str]:
    """JSON paths of the keys and string values of ``data`` that hold a lone surrogate
    (walked without recursion; a key's path is the path of its value)."""
    from croissant_tools.jsonld import key_path

    found: list[str] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                found.append(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                item_path = f"{path}{key_path(key)}"
                if _SURROGATE.search(key):
                    found.append(item_path)
                stack.append((item, item_path))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    return sorted(set(found))


def _decode(raw: bytes, where: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DocumentError(
            "encoding", "file is UTF-16; JSON must be UTF-8", where=where, hint="re-save as UTF-8"
        )
    if b"\x00" in raw[:8192]:
        raise DocumentError("binary", "file is binary (contains NUL bytes), not JSON", where=where)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(
            "encoding",
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            where=where,
            line=line,
            column=column,
            hint="re-save the file as UTF-8",
        ) from None


def _check_depth(data: Any, where: str) -> None:
    """Refuse values nested deeper than :data:`MAX_DEPTH` (the top level is depth 1).

    Only containers are walked: a non-empty container at depth ``d`` holds values at
    ``d + 1``, so scalars never need a stack entry of their own.
    """
    stack: list[tuple[dict[str, Any] | list[Any], int]] = []
    if isinstance(data, dict | list):
        stack.append((data, 1))
    while stack:
        value, depth = stack.pop()
        items = value.values() if isinstance(value, dict) else value
        if items and depth >= MAX_DEPTH:
            raise DocumentError(
                "too_deep", f"JSON is nested more than {MAX_DEPTH} levels deep", where=where
            )
        stack.extend((item, depth + 1) for item in items if isinstance(item, dict | list))


def _locate_duplicates(data: Any, duplicates: dict[int, list[str]]) -> list[tuple[str, str]]:
    from croissant_tools.jsonld import key_path

    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            found.extend((path, key) for key in duplicates.get(id(value), []))
            stack.extend((item, f"{path}{key_path(key)}") for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in enumerate(value))
    return sorted(found)


def escape_surrogates(data: Any) -> Any:
    """A copy of ``data`` in which every lone surrogate, in keys and values, is replaced by
    its escape as visible text (``\\ud800``), for output that must be UTF-8 (a page, a
    card). Walked without recursion."""

    def fix(text: str) -> str:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(data, root, 0)]
    while stack:
        value, parent, slot = stack.pop()
        if isinstance(value, str):
            parent[slot] = fix(value)
        elif isinstance(value, dict):
            copied: dict[str, Any] = {}
            parent[slot] = copied
            for key, item in value.items():
                copied[fix(key)] = None
                stack.append((item, copied, fix(key)))
        elif isinstance(value, list):
            items: list[Any] = [None] * len(value)
            parent[slot] = items
            stack.extend((item, items, i) for i, item in enumerate(value))
        else:
            parent[slot] = value
    return root[0]
