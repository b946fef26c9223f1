"""JSON Lines: one record per line, split in linear time from any byte stream.

:func:`split_lines` cuts a plain or decompressed stream into lines without ever re-copying
what it has read (a 200 MB line costs one join), honouring a task's byte range. Each line
becomes a :class:`~pipelines.sources.RawRow` that keeps the line's bytes; a line that cannot
become a record carries an ``error`` instead of columns, and its id when one can be read:

* not UTF-8 (the id is read from a lenient decoding when it is intact there),
* not JSON, not a JSON object, or a key given twice (JSON parsers keep only the last),
* a lone surrogate (``"\\ud800"``) in a key or value: valid JSON, but no Unicode text,
* nested deeper than :data:`MAX_DEPTH` (checked without recursion),
* longer than :func:`parse_limit` (not parsed at all; the text cap decides the rest).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

from pipelines import storage
from pipelines.sources import RawRow

MAX_DEPTH = 256
BLOCK = 1 << 20
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def read(task: Any, options: Any) -> Iterator[RawRow]:
    """Every non-blank line of the task (``source`` is ``file:line``, counted in the file).

    ``options`` has ``max_record_bytes`` and, optionally, ``fields`` (whose ``id`` names
    the field to read an unreadable line's id from).
    """
    path, rel = task.paths[0], task.rels[0]
    cap = int(options.max_record_bytes)
    fields = getattr(options, "fields", None)
    id_field = getattr(fields, "id", None)
    start, end = task.byte_range or (0, None)
    with storage.open_read(path, decompress=task.byte_range is None) as handle:
        if start:
            handle.seek(start)
        lines = split_lines(handle, start, end)
        for number, (_, line) in enumerate(lines, start=task.first_row + 1):
            if line.strip():
                yield decode_line((task.index, number), f"{rel}:{number}", line, cap, id_field)


def split_lines(
    stream: IO[bytes], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, bytes]]:
    """``(offset, line)`` for each line of ``stream`` (read from ``start``), without ``\\n``.

    A line belongs to the range its first byte is in: lines starting at or after ``end``
    are not read. A last line without a newline is a line; an empty stream has none.
    """
    pending: list[bytes] = []
    offset = start
    while chunk := stream.read(BLOCK):
        cut = 0
        while (newline := chunk.find(b"\n", cut)) >= 0:
            piece = chunk[cut:newline]
            line = b"".join([*pending, piece]) if pending else piece
            pending = []
            yield offset, line
            offset += len(line) + 1
            if end is not None and offset >= end:
                return
            cut = newline + 1
        if cut < len(chunk):
            pending.append(chunk[cut:])
    if pending and (end is None or offset < end):
        yield offset, b"".join(pending)


def parse_limit(cap: int) -> int:
    """Lines longer than this are not parsed (their text is over the cap anyway)."""
    return max(64 << 20, 4 * cap + 4096)


def decode_line(
    order: tuple[int, int], source: str, line: bytes, cap: int, id_field: str | None
) -> RawRow:
    """One line as a row (see the module docstring); ``raw`` is always the line."""
    if len(line) > parse_limit(cap):
        why = f"line of {len(line):,} bytes is over the size cap of {cap:,} (too large to parse)"
        return RawRow(order, source, {}, why, raw=line)
    try:
        text, bad_bytes = line.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = line.decode("utf-8", "replace")
        bad_bytes = f"not UTF-8 (byte {exc.start} of the line)"
    value, problem = _parse(text)
    if problem is not None:
        return RawRow(order, source, {}, bad_bytes or problem, raw=line)
    if not isinstance(value, dict):
        kind = "list" if isinstance(value, list) else type(value).__name__
        return RawRow(order, source, {}, bad_bytes or f"a JSON {kind}, not an object", raw=line)
    problem = bad_bytes or _too_deep(text, value) or _surrogate(text, value)
    if problem is not None:
        readable = _readable_id(value, id_field, lenient=bad_bytes is not None)
        return RawRow(order, source, readable, problem, raw=line)
    return RawRow(order, source, value, raw=line)


class _DuplicateKey(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _parse(text: str) -> tuple[Any, str | None]:
    try:
        return json.loads(text, object_pairs_hook=_pairs), None
    except _DuplicateKey as exc:
        return None, f"key {exc.args[0]!r} appears twice in one object (JSON keeps only one)"
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return None, f"nested more than {MAX_DEPTH} levels deep"
    except ValueError as exc:  # e.g. a number too long to convert
        return None, f"malformed JSON: {exc}"


def _too_deep(text: str, value: Any) -> str | None:
    """Whether ``value`` nests more than :data:`MAX_DEPTH` levels (no recursion)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if children and depth >= MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep"
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return None


def _surrogate(text: str, value: Any) -> str | None:
    """A message when a key or value holds a lone surrogate (only ``\\uD8xx`` escapes can
    produce one; a pair that forms a character is fine)."""
    if not _SURROGATE_ESCAPE.search(text):
        return None
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        shown = exc.object[exc.start : exc.start + 1].encode("unicode_escape").decode()
        return f"a key or value holds a lone surrogate ({shown}), which is not text"
    return None


def _readable_id(value: dict[str, Any], id_field: str | None, *, lenient: bool) -> dict[str, Any]:
    """``{id_field: id}`` when the id of an otherwise unusable line is intact, else ``{}``
    (``lenient``: the line was decoded with replacement characters, which the id must lack)."""
    if id_field is None:
        return {}
    found = value.get(id_field)
    if isinstance(found, bool) or not isinstance(found, str | int):
        return {}
    if isinstance(found, str):
        if (lenient and "\ufffd" in found) or not found.strip():
            return {}
        try:
            found.encode("utf-8")
        except UnicodeEncodeError:
            return {}
    return {id_field: found}
