"""A shortcut for many small CSV/TSV shards of one layout: no Arrow parse per shard.

Arrow's CSV reader costs a few hundred microseconds per call however small the file, which
dominates a folder of thousands of tiny shards. Once one shard with a header has been
inferred with Arrow, a later shard with the *same header line* is checked in plain Python
against that layout, and the Arrow schema is reused only when the check **proves** Arrow
would infer exactly the same types for it:

* ``int64`` columns: every cell is ``-?[0-9]+`` within the int64 range (no empty cells);
* ``double`` columns: every cell is a plain decimal or exponent number, and at least one of
  them is not an int64 (Arrow would otherwise infer ``int64``);
* ``string`` columns: at least one cell starts with a letter and is none of the words
  Arrow reads as null, boolean, infinity or NaN (so no other type can parse the column).

Anything else (quotes, ragged rows, empty lines, empty cells in a number column, other
column types, a sample over :data:`FAST_BYTES`) returns ``None`` and the caller runs
Arrow, so the result never depends on which shard was seen first: the shortcut gives the
same schema, row count and key that Arrow inference would.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyarrow as pa

from croissant_tools.generation.arrow_schema import key_candidates, signature

#: Samples larger than this always go through Arrow: past a few KiB, Arrow's fixed cost
#: per call is smaller than the Python checks.
FAST_BYTES = 8 * 1024
_MAX_LAYOUTS = 1024
_INT64 = (-(2**63), 2**63 - 1)
#: Words (lower case) that Arrow may read as null, a boolean or a special float.
_NOT_PROOF = frozenset(
    {"n/a", "na", "null", "nan", "true", "false", "inf", "infinity", "none", "nil"}
)


_INT_CELL = r"-?[0-9]{1,18}"
_FLOAT_CELL = r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_INTS = re.compile(rf"(?:{_INT_CELL}\n)*{_INT_CELL}")
_FLOATS = re.compile(rf"(?:{_FLOAT_CELL}\n)*{_FLOAT_CELL}")
_LONG_INT = re.compile(r"-?[0-9]+")
_INT_LIKE = re.compile(r"(?:-?[0-9]+\n)*-?[0-9]+")


def _ints(joined: str) -> bool:
    """Whether every line of ``joined`` is an int64 Arrow would read (one regex pass)."""
    return _INTS.fullmatch(joined) is not None


def _long_ints(cells: Sequence[str]) -> bool:
    """:func:`_ints` cell by cell, for integers of 19 digits or more (range check)."""
    return all(_LONG_INT.fullmatch(c) and _INT64[0] <= int(c) <= _INT64[1] for c in cells)


def _int_column(cells: Sequence[str], joined: str) -> bool:
    return _ints(joined) or _long_ints(cells)


def _float_column(cells: Sequence[str], joined: str) -> bool:
    if _FLOATS.fullmatch(joined) is None:
        return False
    if _INT_LIKE.fullmatch(joined) is None:
        return True  # some cell has a point or an exponent
    return not _long_ints(cells)  # integers are int64 to Arrow unless one overflows


def _proves_text(cell: str) -> bool:
    text = cell.strip()
    if not text or not text[0].isalpha():
        return False
    lowered = text.lower()
    return lowered not in _NOT_PROOF and not lowered.startswith(("inf", "nan"))


def _text_column(cells: Sequence[str], joined: str) -> bool:
    return any(_proves_text(cell) for cell in cells)


Check = Callable[[Sequence[str], str], bool]
_CHECKS: dict[str, Check] = {
    "int64": _int_column,
    "double": _float_column,
    "string": _text_column,
}


@dataclass(frozen=True)
class Layout:
    """What one Arrow inference found, reusable for shards with the same header line."""

    schema: pa.Schema
    delimiter: str
    notes: tuple[str, ...]
    checks: tuple[Check, ...]
    #: (column index, is an integer column) of the id-like columns, in schema order
    keys: tuple[tuple[int, bool], ...]
    signature: str
    #: one data row: exactly ``len(checks)`` cells, no line break, no quote
    row: re.Pattern[str]


@dataclass(frozen=True)
class Shortcut:
    """The result of a proven match: the layout and this shard's row count and key."""

    layout: Layout
    num_rows: int
    key: str | None


_LAYOUTS: dict[tuple[str, bytes], Layout] = {}
_LOCK = threading.Lock()


def forget() -> None:
    """Drop the known layouts (each run starts afresh, as a new process would)."""
    with _LOCK:
        _LAYOUTS.clear()


def remember(kind: str, sample: bytes, schema: pa.Schema, delimiter: str, notes: list[str]) -> None:
    """Keep a layout Arrow inferred from ``sample`` (a headed CSV/TSV) for later shards."""
    if len(sample) > FAST_BYTES or b'"' in sample:
        return
    checks = []
    for field in schema:
        check = _CHECKS.get(str(field.type))
        if check is None:
            return
        checks.append(check)
    names = schema.names
    keys = tuple(
        (names.index(name), pa.types.is_integer(schema.field(name).type))
        for name in key_candidates(schema)
    )
    layout = Layout(
        schema,
        delimiter,
        tuple(notes),
        tuple(checks),
        keys,
        signature(schema),
        _row(delimiter, len(checks)),
    )
    with _LOCK:
        if len(_LAYOUTS) >= _MAX_LAYOUTS:
            _LAYOUTS.clear()
        _LAYOUTS[(kind, _first_line(sample))] = layout


def match(kind: str, sample: bytes) -> Shortcut | None:
    """The known layout of a complete, headed ``sample`` if Arrow provably infers it."""
    if len(sample) > FAST_BYTES or b'"' in sample:
        return None
    head, _, body = sample.partition(b"\n")
    layout = _LAYOUTS.get((kind, head))  # one dict lookup: atomic, no lock needed
    if layout is None:
        return None
    columns = _columns(body.decode("utf-8"), layout)
    if columns is None:
        return None
    for check, cells in zip(layout.checks, columns, strict=True):
        if not check(cells, "\n".join(cells)):
            return None
    return Shortcut(layout, len(columns[0]), _key(layout, columns))


def _first_line(sample: bytes) -> bytes:
    return sample.split(b"\n", 1)[0]


def _row(delimiter: str, width: int) -> re.Pattern[str]:
    """Lines of exactly ``width`` cells (Arrow skips empty lines: a one-cell row is not)."""
    d = re.escape(delimiter)
    cell = f"[^{d}\\n\\r]"
    line = f"{cell}+" if width == 1 else f"{cell}*(?:{d}{cell}*){{{width - 1}}}"
    return re.compile(f"(?:{line}\\n)+")


def _columns(body: str, layout: Layout) -> list[list[str]] | None:
    """The data cells column by column, or ``None`` when Arrow might split differently."""
    if "\r" in body:
        if body.count("\r") != body.count("\r\n"):
            return None
        body = body.replace("\r\n", "\n")
    if body and not body.endswith("\n"):
        body += "\n"
    if not body or layout.row.fullmatch(body) is None:
        return None
    width = len(layout.checks)
    cells = body[:-1].replace("\n", layout.delimiter).split(layout.delimiter)
    return [cells[index::width] for index in range(width)]


def _key(layout: Layout, columns: list[list[str]]) -> str | None:
    """The first id-like column whose values are distinct (as :func:`tables.find_key`)."""
    if layout.keys and len(columns[0]) == 1:
        return layout.schema.field(layout.keys[0][0]).name  # one row: its values are distinct
    for index, integer in layout.keys:
        cells = columns[index]
        distinct = len(set(map(int, cells))) if integer else len(set(cells))
        if distinct == len(cells):
            return layout.schema.field(index).name
    return None
