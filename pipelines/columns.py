"""Carrying a record's original columns through the pipeline and back into Parquet.

Inside the pipeline the columns travel as one JSON string per record (:func:`encode`).
Values JSON cannot hold (bytes, dates, times, decimals) are tagged so :func:`decode` gives
them back unchanged. Each read task reports the Arrow schema of the columns it saw
(:func:`column_schema`, or the file's own schema); :func:`merge_schemas` unifies those
reports into the schema every output shard is written with, so all shards agree. A column
whose values have no common Arrow type (say, numbers in one file and strings in another)
is written as JSON text.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

_TAG = "$croissant_tools"
_JSON_KEY = b"croissant_tools.json_text"


def _default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {_TAG: "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, dt.time):
        return {_TAG: "time", "v": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {_TAG: "timedelta", "v": value.total_seconds()}
    if isinstance(value, decimal.Decimal):
        return {_TAG: "decimal", "v": str(value)}
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    raise TypeError(f"cannot carry a value of type {type(value).__name__}")


_DECODERS: dict[str, Any] = {
    "bytes": lambda v: base64.b64decode(v),
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "timedelta": lambda v: dt.timedelta(seconds=v),
    "decimal": decimal.Decimal,
}


def _hook(obj: dict[str, Any]) -> Any:
    kind = obj.get(_TAG)
    if kind in _DECODERS and len(obj) == 2:
        return _DECODERS[kind](obj["v"])
    return obj


def encode(columns: Mapping[str, Any]) -> str:
    """One record's columns as JSON text (see the module docstring)."""
    return json.dumps(columns, default=_default, ensure_ascii=False, allow_nan=True)


def decode(text: str) -> dict[str, Any]:
    """Inverse of :func:`encode`."""
    value = json.loads(text, object_hook=_hook)
    return value if isinstance(value, dict) else {}


def is_json_text(field: pa.Field) -> bool:
    """Whether a merged column is written as JSON text (its values had no common type)."""
    return bool(field.metadata and field.metadata.get(_JSON_KEY) == b"1")


def _json_field(name: str) -> pa.Field:
    return pa.field(name, pa.string(), metadata={_JSON_KEY: b"1"})


def column_schema(rows: Iterable[Mapping[str, Any]]) -> pa.Schema:
    """Arrow type of every column over ``rows``, first-seen order; conflicts are JSON text,
    and so are types Parquet cannot write (an empty object, very deep nesting)."""
    values: dict[str, list[Any]] = {}
    for row in rows:
        for name, value in row.items():
            values.setdefault(name, []).append(value)
    fields = []
    for name, column in values.items():
        try:
            fields.append(writable(pa.field(name, pa.array(column).type)))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
            fields.append(_json_field(name))
    return pa.schema(fields)


_WRITABLE: dict[pa.DataType, bool] = {}


def writable(field: pa.Field) -> pa.Field:
    """``field`` if Parquet can write and read back its type, else its JSON-text stand-in.

    Tried once per type on an empty table (structs without fields and types nested past
    Arrow's limits fail only when written or read back, at the end of a run).
    """
    if is_json_text(field):
        return field
    ok = _WRITABLE.get(field.type)
    if ok is None:
        import io

        import pyarrow.parquet as pq

        try:
            buffer = io.BytesIO()
            pq.write_table(pa.table([pa.array([], field.type)], names=["c"]), buffer)
            buffer.seek(0)
            pq.read_table(buffer)
            ok = True
        except (pa.ArrowException, OSError, ValueError, TypeError):
            ok = False
        _WRITABLE[field.type] = ok
    return field if ok else _json_field(field.name)


def to_bytes(schema: pa.Schema) -> bytes:
    """A schema as bytes, to travel in a PCollection or a stage marker."""
    return bytes(schema.serialize().to_pybytes())


def from_bytes(data: bytes) -> pa.Schema:
    """Inverse of :func:`to_bytes`."""
    return pa.ipc.read_schema(pa.py_buffer(data))


def merge_schemas(schemas: Iterable[pa.Schema]) -> pa.Schema:
    """Unify per-task column schemas column by column; conflicts become JSON text."""
    merged: dict[str, pa.Field] = {}
    for schema in schemas:
        for field in schema:
            old = merged.get(field.name)
            merged[field.name] = field if old is None else _unify(old, field)
    return pa.schema(list(merged.values()))


def _unify(a: pa.Field, b: pa.Field) -> pa.Field:
    if is_json_text(a) or is_json_text(b):
        return _json_field(a.name)
    if a.type == b.type:
        return a
    try:
        schema = pa.unify_schemas(
            [pa.schema([a.remove_metadata()]), pa.schema([b.with_name(a.name).remove_metadata()])],
            promote_options="permissive",
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return _json_field(a.name)
    return writable(schema.field(0))


def to_arrow_values(row: Mapping[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """A decoded row ready for ``pa.Table.from_pylist(rows, schema)``: JSON-text columns dumped.

    The schema comes from the valid records; a value of an invalid record that does not
    fit its column is written as JSON text in a text column and as null elsewhere (such a
    record keeps its input exactly in the added ``raw`` column).
    """
    out = {}
    for field in schema:
        value = row.get(field.name)
        if value is not None and (is_json_text(field) or not fits(value, field.type)):
            text = json.dumps(value, default=_default, ensure_ascii=False)
            value = text if is_json_text(field) or _is_text(field.type) else None
        out[field.name] = value
    return out


def _is_text(arrow_type: pa.DataType) -> bool:
    return bool(pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type))


def _fits_integer(value: Any, arrow_type: pa.DataType) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    bits = arrow_type.bit_width
    signed = pa.types.is_signed_integer(arrow_type)
    low, high = (-(1 << (bits - 1)), 1 << (bits - 1)) if signed else (0, 1 << bits)
    return low <= value < high


def _fits_float(value: Any, arrow_type: pa.DataType) -> bool:
    if isinstance(value, float):
        return True
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    try:
        float(value)
    except OverflowError:
        return False
    return True


_PRIMITIVE_CHECKS: list[tuple[Any, Any]] = [
    (pa.types.is_boolean, lambda v, t: isinstance(v, bool)),
    (pa.types.is_integer, _fits_integer),
    (pa.types.is_floating, _fits_float),
    (_is_text, lambda v, t: isinstance(v, str)),
]


def fits(value: Any, arrow_type: pa.DataType) -> bool:
    """Whether ``value`` can be written as ``arrow_type`` (cheap checks for plain types)."""
    for is_type, check in _PRIMITIVE_CHECKS:
        if is_type(arrow_type):
            return bool(check(value, arrow_type))
    try:
        pa.scalar(value, arrow_type)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return False
    return True
