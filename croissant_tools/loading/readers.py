"""File readers: one local file in, a stream of raw Arrow record batches out.

A :class:`ReadSpec` says what the fields of a record set need from a resource; each
reader returns only that, with column names that say where a value came from:
``c:<column>`` (CSV/TSV/Parquet/JSON Lines columns), ``j:<jsonPath>`` (JSON extracts),
``p:<property>`` (``content``, ``lines``, ``lineNumbers``, ``filename``, ``fullpath``,
``filepath``). Field extraction, transforms and casts happen later, on whole columns.

Tabular readers stream: CSV/TSV through ``pyarrow.csv.open_csv`` (gzip, bz2 and zstd
detected by content), Parquet by row group, JSON Lines through ``pyarrow.json.open_json``
with a Python fallback for files Arrow's JSON reader rejects. Whole-file JSON (needed by
``jsonPath``) is capped by ``LoadOptions.max_json_bytes``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq

from croissant_tools.errors import DataError
from croissant_tools.loading.casting import to_arrow
from croissant_tools.loading.files import FileRef
from croissant_tools.loading.jsonpath import find_all, is_definite

Method = Literal["table", "json", "lines", "content", "files"]
#: Strings read as null in CSV/TSV (pandas' defaults, so records match mlcroissant's).
NULL_VALUES = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
    "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
]  # fmt: skip
CSV_BLOCK = 1024 * 1024
_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\x28\xb5\x2f\xfd": "zstd"}


@dataclass(frozen=True)
class ReadSpec:
    """What to read from every file of one resource.

    ``columns`` maps a column name to the Arrow type to read a CSV/TSV column as
    (``None``: text); other formats are read as stored. ``content`` is always bytes.
    """

    method: Method
    columns: dict[str, pa.DataType | None] = field(default_factory=dict)
    json_paths: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    max_json_bytes: int = 1024**3


def read_file(
    ref: FileRef, spec: ReadSpec, batch_size: int, row_groups: Sequence[int] | None = None
) -> Iterator[pa.RecordBatch]:
    """Raw batches of one file (with ``p:`` file-property columns appended)."""
    try:
        for batch in _dispatch(ref, spec, batch_size, row_groups):
            yield _with_properties(batch, ref, spec.properties)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise DataError(
            f"cannot read {ref.kind or 'file'}: {_short(exc)}", where=ref.fullpath
        ) from None
    except OSError as exc:
        raise DataError(f"cannot read file: {exc}", where=ref.fullpath) from None


def _dispatch(
    ref: FileRef, spec: ReadSpec, batch_size: int, row_groups: Sequence[int] | None
) -> Iterator[pa.RecordBatch]:
    if spec.method == "files":
        return iter([_empty(1)])
    if spec.method == "content":
        return iter([_content(ref)])
    if spec.method == "lines":
        return _lines(ref, spec, batch_size)
    if spec.method == "json" and ref.kind == "jsonl":
        return _jsonl_paths(ref, spec, batch_size)
    if spec.method == "json":
        return iter([_json_paths(ref, spec)])
    if ref.kind in ("csv", "tsv"):
        return _csv(ref, spec, "\t" if ref.kind == "tsv" else ",")
    if ref.kind == "parquet":
        return _parquet(ref, spec, batch_size, row_groups)
    if ref.kind == "jsonl":
        return _jsonl(ref, spec, batch_size)
    if ref.kind == "json":
        return iter([_json_table(ref, spec)])
    raise DataError(
        f"cannot read columns from a file of kind {ref.kind!r}",
        where=ref.fullpath,
        hint="columns can be extracted from CSV, TSV, Parquet, JSON and JSON Lines files",
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _with_properties(batch: pa.RecordBatch, ref: FileRef, names: tuple[str, ...]) -> pa.RecordBatch:
    values = {"filename": ref.filename, "fullpath": ref.fullpath, "filepath": ref.path}
    for name in names:
        if name in values and f"p:{name}" not in batch.schema.names:
            column = pa.array([values[name]] * batch.num_rows, pa.string())
            batch = batch.append_column(f"p:{name}", column)
    return batch


def open_stream(path: str) -> pa.NativeFile:
    """An input stream that decompresses gzip, bz2 or zstd files (detected by content)."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    for magic, codec in _MAGIC.items():
        if head.startswith(magic):
            return pa.input_stream(path, compression=codec)
    return pa.input_stream(path)


# --- tabular ---------------------------------------------------------------------------
def _csv(ref: FileRef, spec: ReadSpec, delimiter: str) -> Iterator[pa.RecordBatch]:
    types = {name: t if t is not None else pa.string() for name, t in spec.columns.items()}
    convert = pacsv.ConvertOptions(
        column_types=types,
        include_columns=list(spec.columns),
        null_values=NULL_VALUES,
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
    )
    parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
    read = pacsv.ReadOptions(block_size=CSV_BLOCK)
    try:
        reader = pacsv.open_csv(open_stream(ref.path), read, parse, convert)
    except (pa.ArrowInvalid, KeyError) as exc:
        raise _missing_columns(ref, spec, exc) from None
    try:
        for batch in reader:
            yield batch.rename_columns([f"c:{n}" for n in batch.schema.names])
    except pa.ArrowInvalid as exc:
        raise DataError(_name_csv_column(_short(exc), ref), where=ref.fullpath) from None


def _name_csv_column(message: str, ref: FileRef) -> str:
    """Replace Arrow's "In CSV column #2" by the column's name from the header."""
    found = re.search(r"In CSV column #(\d+)", message)
    header = _csv_header(ref) if found else None
    if found is None or header is None or int(found[1]) >= len(header):
        return f"cannot read CSV: {message}"
    name = header[int(found[1])]
    return f"cannot read CSV column {name!r}: {message[found.end() :].lstrip(': ')}"


def _missing_columns(ref: FileRef, spec: ReadSpec, exc: Exception) -> DataError:
    message = _short(exc)
    if "does not exist" in message or isinstance(exc, KeyError):
        header = _csv_header(ref)
        missing = [c for c in spec.columns if header is not None and c not in header]
        if missing:
            return DataError(
                f"column(s) {', '.join(map(repr, missing))} not found; the file has "
                f"{', '.join(map(repr, header or []))}",
                where=ref.fullpath,
            )
    return DataError(_name_csv_column(message, ref), where=ref.fullpath)


def _csv_header(ref: FileRef) -> list[str] | None:
    try:
        delimiter = "\t" if ref.kind == "tsv" else ","
        parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True)
        reader = pacsv.open_csv(open_stream(ref.path), parse_options=parse)
        return list(reader.schema.names)
    except (pa.ArrowInvalid, OSError):
        return None


def _parquet(
    ref: FileRef, spec: ReadSpec, batch_size: int, row_groups: Sequence[int] | None
) -> Iterator[pa.RecordBatch]:
    handle = pq.ParquetFile(ref.path)
    available = handle.schema_arrow.names
    missing = [c for c in spec.columns if c not in available]
    if missing:
        raise DataError(
            f"column(s) {', '.join(map(repr, missing))} not found; the file has "
            f"{', '.join(map(repr, available))}",
            where=ref.fullpath,
        )
    groups = list(row_groups) if row_groups is not None else None
    if not spec.columns:  # only file properties: one empty-column batch per row group
        counts = [
            handle.metadata.row_group(i).num_rows for i in groups or range(handle.num_row_groups)
        ]
        for count in counts:
            yield _empty(count)
        return
    for batch in handle.iter_batches(batch_size, row_groups=groups, columns=list(spec.columns)):
        yield batch.rename_columns([f"c:{n}" for n in batch.schema.names])


def parquet_row_groups(path: str) -> list[int]:
    """Number of rows of each row group of a Parquet file (from its footer only)."""
    meta = pq.ParquetFile(path).metadata
    return [meta.row_group(i).num_rows for i in range(meta.num_row_groups)]


def _jsonl(ref: FileRef, spec: ReadSpec, batch_size: int) -> Iterator[pa.RecordBatch]:
    typed = [pa.field(n, t) for n, t in spec.columns.items() if t is not None]
    parse = pajson.ParseOptions(explicit_schema=pa.schema(typed), unexpected_field_behavior="infer")
    yielded = 0
    try:
        reader = pajson.open_json(
            open_stream(ref.path), pajson.ReadOptions(block_size=CSV_BLOCK), parse
        )
        for batch in reader:
            batch = _select(batch, spec)
            yielded += batch.num_rows
            yield batch
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # Arrow's JSON reader wants one type per key; Python takes anything.
        yield from _jsonl_python(ref, spec, batch_size, skip=yielded)


def _select(batch: pa.RecordBatch, spec: ReadSpec) -> pa.RecordBatch:
    arrays = []
    for name, wanted in spec.columns.items():
        index = batch.schema.get_field_index(name)
        column = (
            batch.column(index) if index >= 0 else pa.nulls(batch.num_rows, wanted or pa.null())
        )
        arrays.append(column)
    if not arrays:
        return _empty(batch.num_rows)
    return pa.RecordBatch.from_arrays(arrays, names=[f"c:{n}" for n in spec.columns])


def _jsonl_python(
    ref: FileRef, spec: ReadSpec, batch_size: int, *, skip: int
) -> Iterator[pa.RecordBatch]:
    rows: list[dict[str, Any]] = []
    for seen, row in enumerate(_json_lines(ref, spec.max_json_bytes), start=1):
        if seen <= skip:
            continue
        rows.append(row if isinstance(row, dict) else {})
        if len(rows) >= batch_size:
            yield _rows_to_batch(rows, spec)
            rows = []
    if rows:
        yield _rows_to_batch(rows, spec)


def _jsonl_paths(ref: FileRef, spec: ReadSpec, batch_size: int) -> Iterator[pa.RecordBatch]:
    """``jsonPath`` fields of a JSON Lines file: each path applied to each line, one row per
    line. A path that selects one value (:func:`is_definite`) gives it, or ``None``; any
    other (``$.tags[*]``) gives the list of what it selects. mlcroissant reads only
    top-level keys this way (it takes the path as a column name); we read those the same
    and any other path too."""
    rows: list[Any] = []

    def batch() -> pa.RecordBatch:
        columns = {}
        for path in spec.json_paths:
            found = [find_all(path, row, where=ref.fullpath) for row in rows]
            values = [f[0] if f else None for f in found] if is_definite(path) else found
            columns[f"j:{path}"] = to_arrow(values)
        return pa.record_batch(columns) if columns else _empty(len(rows))

    for row in _json_lines(ref, spec.max_json_bytes):
        rows.append(row)
        if len(rows) >= batch_size:
            yield batch()
            rows = []
    if rows:
        yield batch()


def _json_lines(ref: FileRef, limit: int | None = None) -> Iterator[Any]:
    """The parsed non-blank lines of a JSON Lines file, streamed; an invalid line is a
    :class:`DataError` located by its line number."""
    for number, raw in enumerate(_raw_lines(ref, limit), start=1):
        if raw.strip():
            try:
                yield json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                where = f"{ref.fullpath}:{number}"
                raise DataError(f"invalid JSON line: {exc}", where=where) from None


def _raw_lines(ref: FileRef, limit: int | None = None) -> Iterator[bytes]:
    """The lines of a (possibly compressed) file as bytes without their ``\\n``, read in
    blocks; a final newline does not start another line.

    Linear in the bytes read: the pieces of a line that spans blocks are joined once, when
    its end is found. A line longer than ``limit`` is a :class:`DataError` located by its
    number (raise ``LoadOptions.max_json_bytes``), so memory stays bounded.
    """
    with open_stream(ref.path) as stream:
        pending: list[bytes] = []
        size, number = 0, 1  # bytes pending, and the number of the line they belong to
        while chunk := stream.read(CSV_BLOCK):
            parts = chunk.split(b"\n")
            for part in parts[:-1]:
                line = b"".join([*pending, part]) if pending else part
                pending, size = [], 0
                _check_length(len(line), limit, ref, number)
                yield line
                number += 1
            if parts[-1]:
                pending.append(parts[-1])
                size += len(parts[-1])
                _check_length(size, limit, ref, number)
        if pending:
            yield b"".join(pending)


def _check_length(size: int, limit: int | None, ref: FileRef, number: int) -> None:
    if limit is not None and size > limit:
        raise DataError(
            f"line is longer than the {limit:,}-byte limit for one line",
            where=f"{ref.fullpath}:{number}",
            hint="raise LoadOptions.max_json_bytes if the line is really one record",
        )


def _rows_to_batch(rows: list[dict[str, Any]], spec: ReadSpec) -> pa.RecordBatch:
    arrays = [to_arrow([r.get(n) for r in rows], t) for n, t in spec.columns.items()]
    if not arrays:
        return _empty(len(rows))
    return pa.RecordBatch.from_arrays(arrays, names=[f"c:{n}" for n in spec.columns])


# --- whole files -----------------------------------------------------------------------
def _read_bytes(ref: FileRef, limit: int | None = None, *, decompress: bool = True) -> bytes:
    if limit is not None and Path(ref.path).stat().st_size > limit:
        raise DataError(
            f"file is over the {limit:,}-byte limit for JSON parsed whole",
            where=ref.fullpath,
            hint="raise LoadOptions.max_json_bytes, or ship the data as JSON Lines",
        )
    if not decompress:
        return Path(ref.path).read_bytes()
    with open_stream(ref.path) as stream:
        data: bytes = stream.read()
    return data


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            where=where,
            hint="declare the field as binary data, or read text as bytes (text='bytes')",
        ) from None


def _content(ref: FileRef) -> pa.RecordBatch:
    raw = _read_bytes(ref, decompress=False)
    return pa.record_batch({"p:content": pa.array([raw], pa.binary())})


def _lines(ref: FileRef, spec: ReadSpec, batch_size: int) -> Iterator[pa.RecordBatch]:
    number = 0
    block: list[bytes] = []
    for raw in _raw_lines(ref, spec.max_json_bytes):
        block.append(raw[:-1] if raw.endswith(b"\r") else raw)
        if len(block) == batch_size:
            yield _lines_batch(ref, block, number)
            number += len(block)
            block = []
    if block:
        yield _lines_batch(ref, block, number)


def _lines_batch(ref: FileRef, block: list[bytes], first: int) -> pa.RecordBatch:
    texts = [_decode(b, f"{ref.fullpath}:{first + i + 1}") for i, b in enumerate(block)]
    return pa.record_batch(
        {
            "p:lines": pa.array(texts, pa.string()),
            "p:lineNumbers": pa.array(range(first, first + len(block)), pa.int64()),
        }
    )


def _load_json(ref: FileRef, spec: ReadSpec) -> Any:
    raw = _read_bytes(ref, spec.max_json_bytes)
    try:
        return json.loads(_decode(raw, ref.fullpath))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"invalid JSON: {exc.msg}", where=f"{ref.fullpath}:{exc.lineno}:{exc.colno}"
        ) from None
    except RecursionError:
        raise DataError("JSON is nested too deeply", where=ref.fullpath) from None


def _json_paths(ref: FileRef, spec: ReadSpec) -> pa.RecordBatch:
    document = _load_json(ref, spec)
    columns = {path: find_all(path, document, where=ref.fullpath) for path in spec.json_paths}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        shown = ", ".join(f"{p!r}: {len(v)}" for p, v in columns.items())
        raise DataError(f"jsonPath extracts have different lengths ({shown})", where=ref.fullpath)
    arrays = {f"j:{p}": to_arrow(v) for p, v in columns.items()}
    return pa.record_batch(arrays) if arrays else _empty(0)


def _json_table(ref: FileRef, spec: ReadSpec) -> pa.RecordBatch:
    document = _load_json(ref, spec)
    rows = document if isinstance(document, list) else [document]
    return _rows_to_batch([r if isinstance(r, dict) else {} for r in rows], spec)


def _empty(rows: int) -> pa.RecordBatch:
    """A batch of ``rows`` rows and no columns (file properties are appended to it)."""
    return pa.record_batch({"p:_": pa.nulls(rows)}).drop_columns(["p:_"])
