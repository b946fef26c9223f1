"""Map JSON paths to line and column in the JSON text, for located issues.

One linear pass over the text (a small tokenizer, not a second parser) records where
every object member and array item starts: for ``$.distribution[0].name`` the position
of the key ``"name"``, for ``$.distribution[0]`` the ``{`` that opens the item. Paths
use the same spelling as :func:`croissant_tools.jsonld.key_path`. The pass runs only
when a document has issues to locate.
"""

from __future__ import annotations

import bisect
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from croissant_tools.jsonld import key_path

_SKIP = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|true|false|null|NaN")


class Positions:
    """Line/column lookup for JSON paths of one document (1-based, in characters)."""

    def __init__(self, text: str):
        self._offsets = _scan(text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def offset(self, path: str) -> int | None:
        """Character offset where ``path`` starts, or of its nearest located ancestor."""
        while path:
            found = self._offsets.get(path)
            if found is not None:
                return found
            path = parent_path(path)
        return None

    def line_column(self, path: str) -> tuple[int, int] | None:
        """``(line, column)`` of ``path`` (or of its nearest located ancestor)."""
        offset = self.offset(path)
        if offset is None:
            return None
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


_LAST_SEGMENT = re.compile(r"(?:\.[^.\[']+|\[\d+\]|\['(?:[^'\\]|\\.)*'\])$")


def parent_path(path: str) -> str:
    """The JSON path one level up (``$.a[0].b`` -> ``$.a[0]``); ``""`` above ``$``."""
    if path == "$":
        return ""
    match = _LAST_SEGMENT.search(path)
    return path[: match.start()] if match and match.start() > 0 else "$"


def _scan(text: str) -> dict[str, int]:
    """Offsets of every member key and array item, keyed by JSON path."""
    offsets: dict[str, int] = {}
    # Each frame: [path, is_array, next_index]
    stack: list[list[object]] = []
    pos = _SKIP.match(text, 0).end()  # type: ignore[union-attr]
    if pos < len(text):
        offsets["$"] = pos
    value_path = "$"
    length = len(text)
    while pos < length:
        char = text[pos]
        if char in "{[":
            stack.append([value_path, char == "[", 0])
            pos += 1
            if char == "[":
                pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
                if pos < length and text[pos] != "]":
                    value_path = _next_item(stack, offsets, pos)
                continue
        elif char in "}]":
            stack.pop()
            pos += 1
        elif char == ",":
            pos = _SKIP.match(text, pos + 1).end()  # type: ignore[union-attr]
            if stack and stack[-1][1]:
                value_path = _next_item(stack, offsets, pos)
            continue
        elif char == '"':
            string, end = scanstring(text, pos + 1)
            if stack and not stack[-1][1] and _is_key(text, end):
                value_path = f"{stack[-1][0]}{key_path(string)}"
                offsets[value_path] = pos
                pos = _SKIP.match(text, end).end() + 1  # type: ignore[union-attr]
            else:
                pos = end
        elif char in " \t\n\r:":
            pos += 1
        else:
            match = _SCALAR.match(text, pos)
            pos = match.end() if match else pos + 1
        pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
    return offsets


def _next_item(stack: list[list[object]], offsets: dict[str, int], pos: int) -> str:
    frame = stack[-1]
    index = frame[2]
    assert isinstance(index, int)
    frame[2] = index + 1
    path = f"{frame[0]}[{index}]"
    offsets[path] = pos
    return path


def _is_key(text: str, end: int) -> bool:
    after = _SKIP.match(text, end).end()  # type: ignore[union-attr]
    return after < len(text) and text[after] == ":"
