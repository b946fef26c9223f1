"""Schema inference for tables with PyArrow, reading a bounded prefix, never whole files.

CSV/TSV and JSON Lines are inferred from the first :data:`SAMPLE_BYTES` (cut at the last
complete line); Parquet from its footer; a JSON document (an array of objects, or an
object holding one) is parsed whole only when it is under :data:`JSON_LIMIT`. The key
check is the one place that reads a column in full, and only for files under
:data:`KEY_SCAN_BYTES`.

Every failure is an :class:`Unusable` whose message is the reason shown in the summary.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from croissant_tools.generation import csv_layouts
from croissant_tools.generation.arrow_schema import key_candidates

SAMPLE_BYTES = 1024 * 1024
JSON_LIMIT = 64 * 1024 * 1024
KEY_SCAN_BYTES = 64 * 1024 * 1024
KEY_SCAN_ROWS = 5_000_000
_DELIMITERS = ",\t;|"

Opener = Callable[[], IO[bytes]]


class Unusable(Exception):
    """A file that cannot be described; ``str(exc)`` is the reason."""


@dataclass
class TableInfo:
    """The inferred layout of one table file."""

    kind: str
    schema: pa.Schema
    delimiter: str | None = None
    header: bool = True
    json_root: str | None = None
    complete: bool = False
    num_rows: int | None = None
    notes: list[str] = field(default_factory=list)
    sample: pa.Table | None = None
    #: the key column, when already known (a one-tuple: the key may be ``None``)
    key: tuple[str | None] | None = None
    #: :func:`~.arrow_schema.signature` of ``schema``, when already known
    signature: str = ""


def read_prefix(opener: Opener, limit: int = SAMPLE_BYTES) -> tuple[bytes, bool]:
    """The first ``limit`` bytes and whether that is the whole (decompressed) stream."""
    try:
        with opener() as handle:
            data = handle.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise Unusable(f"cannot read ({_reason(exc)})") from None
    return data[:limit], len(data) <= limit


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def text_sample(data: bytes, complete: bool) -> bytes:
    """Check that a prefix is UTF-8 text and cut it at its last complete line."""
    if not data.strip():
        raise Unusable("empty file")
    if b"\x00" in data[:8192]:
        raise Unusable("binary content where text was expected (NUL bytes)")
    if not complete:
        end = data.rfind(b"\n")
        if end <= 0:
            raise Unusable(f"first line is longer than {SAMPLE_BYTES:,} bytes")
        data = data[: end + 1]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unusable(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at {exc.start})") from None
    return data


def inspect_table(kind: str, opener: Opener, whole: bytes | None = None) -> TableInfo:
    """Infer the layout of a table of ``kind`` (csv, tsv, parquet, json, jsonl).

    ``whole`` is the file's entire (decompressed) content when the caller has already
    read it (a small file), so that it is not read again.
    """
    if kind == "parquet":
        return _parquet(opener)
    if kind == "json":
        return _json(opener, whole)
    if whole is not None and len(whole) <= SAMPLE_BYTES:
        data, complete = whole, True
    else:
        data, complete = read_prefix(opener)
    sample = text_sample(data, complete)
    if kind == "jsonl":
        return _jsonl(sample, complete)
    return _csv(kind, sample, complete)


def _sniff(text: str, kind: str) -> tuple[str, bool]:
    sniffer = csv.Sniffer()
    head = text[:65536]
    delimiter = "\t" if kind == "tsv" else ","
    if kind != "tsv":
        try:
            delimiter = sniffer.sniff(head, delimiters=_DELIMITERS).delimiter
        except csv.Error:
            delimiter = ","
    return delimiter, _has_header(head, delimiter)


def _has_header(text: str, delimiter: str) -> bool:
    """A header unless every cell of the first row is a number (and there is a second row).

    ``csv.Sniffer.has_header`` guesses wrong on small files with text columns; a first
    row made only of numbers is the one reliable sign that there is no header.
    """
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[:2]
    if len(rows) < 2 or not rows[0]:
        return True
    return not all(_is_number(cell) for cell in rows[0])


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


_SNIFFED: dict[tuple[str, bytes], tuple[str, bool]] = {}
_SNIFFED_LOCK = threading.Lock()


def _sniff_cached(kind: str, sample: bytes) -> tuple[str, bool]:
    """:func:`_sniff`, remembered by first line: shards of one table share their header."""
    first = sample.split(b"\n", 1)[0][:4096]
    with _SNIFFED_LOCK:
        known = _SNIFFED.get((kind, first))
    if known is not None:
        return known
    found = _sniff(sample.decode("utf-8"), kind)
    with _SNIFFED_LOCK:
        if len(_SNIFFED) > 1024:
            _SNIFFED.clear()
        _SNIFFED[(kind, first)] = found
    return found


def _csv(kind: str, sample: bytes, complete: bool) -> TableInfo:
    known = csv_layouts.match(kind, sample)
    if known is not None:
        layout = known.layout
        info = TableInfo(kind, layout.schema, layout.delimiter, True, complete=complete)
        info.num_rows = known.num_rows if complete else None
        info.notes = list(layout.notes)
        info.key = (known.key,)
        info.signature = layout.signature
        return info
    delimiter, header = _sniff_cached(kind, sample)
    try:
        table = pa_csv.read_csv(
            io.BytesIO(sample),
            read_options=pa_csv.ReadOptions(
                autogenerate_column_names=not header,
                use_threads=False,
                block_size=len(sample) + 1,  # one block: the whole sample is inferred at once
            ),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise Unusable(f"not parseable as {kind.upper()}: {str(exc).splitlines()[0]}") from None
    info = TableInfo(kind, table.schema, delimiter, header, complete=complete)
    info.num_rows = table.num_rows if complete else None
    info.sample = table
    expected = "\t" if kind == "tsv" else ","
    if delimiter != expected:
        info.notes.append(
            f"delimiter {delimiter!r}: mlcroissant reads {kind.upper()} with {expected!r} only"
        )
    if not header:
        info.notes.append("no header row detected: mlcroissant reads the first row as a header")
    elif complete:
        csv_layouts.remember(kind, sample, table.schema, delimiter, info.notes)
    return info


def _jsonl(sample: bytes, complete: bool) -> TableInfo:
    for number, line in enumerate(sample.splitlines()[:1000], start=1):
        if line.strip() and not line.lstrip().startswith(b"{"):
            raise Unusable(f"line {number} is not a JSON object")
    try:
        table = pa_json.read_json(
            io.BytesIO(sample), read_options=pa_json.ReadOptions(block_size=len(sample) + 1)
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise Unusable(f"not parseable as JSON Lines: {str(exc).splitlines()[0]}") from None
    info = TableInfo("jsonl", table.schema, complete=complete, sample=table)
    info.num_rows = table.num_rows if complete else None
    return info


def _json(opener: Opener, whole: bytes | None) -> TableInfo:
    data, complete = (whole, True) if whole is not None else read_prefix(opener, JSON_LIMIT)
    if not complete:
        raise Unusable(f"JSON document over {JSON_LIMIT:,} bytes (convert it to JSON Lines)")
    text_sample(data, True)
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise Unusable(f"invalid JSON: {exc.msg} (line {exc.lineno})") from None
    if isinstance(document, dict) and "@context" in document:
        raise Unusable("a JSON-LD document (metadata such as Croissant), not data")
    root, rows = _records(document)
    if not rows:
        raise Unusable("no array of objects found (top level or under one key)")
    lines = b"\n".join(json.dumps(row).encode() for row in rows[:1000])
    try:
        table = pa_json.read_json(io.BytesIO(lines))
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise Unusable(f"objects do not share a schema: {str(exc).splitlines()[0]}") from None
    info = TableInfo("json", table.schema, json_root=root, complete=len(rows) <= 1000)
    info.num_rows = len(rows)
    info.sample = table if info.complete else None
    if any(set(row) != set(table.column_names) for row in rows[:1000]):
        info.notes.append("some objects lack keys: mlcroissant misaligns such columns")
    return info


def _records(document: Any) -> tuple[str, list[dict[str, Any]]]:
    def objects(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)

    if objects(document):
        return "$[*]", document
    if isinstance(document, dict):
        for key in sorted(document):
            if objects(document[key]) and key.isidentifier():
                return f"$.{key}[*]", document[key]
    return "", []


def _parquet(opener: Opener) -> TableInfo:
    try:
        with opener() as handle:
            meta = pq.ParquetFile(handle)
            schema = meta.schema_arrow
            rows = meta.metadata.num_rows
    except (pa.ArrowInvalid, OSError) as exc:
        raise Unusable(f"not a readable Parquet file ({_reason(exc)})") from None
    keep = [f for f in schema if not f.name.startswith("__index_level_")]
    return TableInfo("parquet", pa.schema(keep), complete=True, num_rows=rows)


def find_key(info: TableInfo, opener: Opener, size: int) -> str | None:
    """The first id-like column whose values are all present and distinct, if any."""
    if info.key is not None:
        return info.key[0]
    for name in key_candidates(info.schema):
        column = _key_column(info, opener, size, name)
        if column is None:
            return None
        complete = len(column) > 0 and column.null_count == 0
        if complete and pc.count_distinct(column).as_py() == len(column):
            return name
    return None


#: Column names that may hold each row's split (compared case-insensitively).
SPLIT_COLUMNS = ("split", "data_split")
MAX_SPLITS = 16


def find_split_column(
    info: TableInfo, opener: Opener, size: int
) -> tuple[str, tuple[str, ...]] | None:
    """A text column naming each row's split, and its values (``train``, ``test`` ...).

    Every value of the whole column must be a split name the generator knows (see
    :data:`~croissant_tools.generation.layout.SPLIT_NAMES`), with no nulls; the column
    is read whole, within the same limits as the key check, so a file sorted by split
    cannot hide its test rows past the sample.
    """
    from croissant_tools.generation.layout import SPLIT_NAMES

    for item in info.schema:
        if item.name.lower() not in SPLIT_COLUMNS:
            continue
        if not (pa.types.is_string(item.type) or pa.types.is_large_string(item.type)):
            return None
        column = _key_column(info, opener, size, item.name)
        if column is None or len(column) == 0 or column.null_count:
            return None
        values = pc.unique(column).to_pylist()
        known = all(isinstance(v, str) and v.lower() in SPLIT_NAMES for v in values)
        if not known or len(values) > MAX_SPLITS:
            return None
        return item.name, tuple(sorted(values))
    return None


def _key_column(info: TableInfo, opener: Opener, size: int, name: str) -> pa.ChunkedArray | None:
    if info.sample is not None and info.complete:
        return info.sample.column(name)
    try:
        if info.kind == "parquet" and (info.num_rows or 0) <= KEY_SCAN_ROWS:
            with opener() as handle:
                return pq.ParquetFile(handle).read(columns=[name]).column(name)
        if info.kind in ("csv", "tsv") and size <= KEY_SCAN_BYTES:
            with opener() as handle:
                table = pa_csv.read_csv(
                    handle,
                    read_options=pa_csv.ReadOptions(autogenerate_column_names=not info.header),
                    parse_options=pa_csv.ParseOptions(
                        delimiter=info.delimiter or ",", newlines_in_values=True
                    ),
                    convert_options=pa_csv.ConvertOptions(include_columns=[name]),
                )
                return table.column(name)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OSError):
        return None
    return None
