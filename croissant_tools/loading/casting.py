"""Casting raw columns to the Arrow type of their Croissant field, whole columns at a time.

Vectorised ``pyarrow.compute`` casts do the common cases (text → numbers, booleans, ISO
dates); values Arrow cannot parse go through pandas (dates in other layouts, explicit
``format``), and text renderings of non-text values follow Python's ``str`` (what
mlcroissant returns) computed once per distinct value. A value that cannot become its
declared type raises :class:`~croissant_tools.errors.DataError` naming the value.
Date-times with a time zone are converted to UTC and stored without one.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.errors import DataError

ArrowError = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)

#: Counts of values changed by lossy casts, by field, while lossy casts are allowed
#: (set by the engine from ``LoadOptions.lossy``); ``None``: lossy casts are errors.
LOSSY: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar(
    "croissant_lossy", default=None
)


class LossyCastError(DataError):
    """A cast would change values (a time dropped, a fraction truncated); not allowed."""


def _lossy(changed: int, where: str, message: str, hint: str) -> None:
    """Count ``changed`` values under ``where``, or raise :class:`LossyCastError`."""
    if not changed:
        return
    counts = LOSSY.get()
    if counts is None:
        raise LossyCastError(message, where=where, hint=hint)
    counts[where.rsplit(": ", 1)[-1]] = counts.get(where.rsplit(": ", 1)[-1], 0) + changed


def map_values(
    array: pa.Array, fn: Callable[[Any], Any], out_type: pa.DataType | None = None
) -> pa.Array:
    """Apply a Python function to every distinct non-null value (lists: to their items)."""
    if pa.types.is_list(array.type) or pa.types.is_large_list(array.type):
        values = map_values(pc.list_flatten(array), fn, out_type)
        return rebuild_list(array, values)
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if len(array) == 0:
        return pa.array([], out_type or pa.null())
    if _hashable(array.type):
        encoded = pc.dictionary_encode(array)
        uniques = encoded.dictionary.to_pylist()
        mapped = to_arrow([fn(v) for v in uniques], out_type)
        return mapped.take(encoded.indices)
    return to_arrow([None if v is None else fn(v) for v in array.to_pylist()], out_type)


def _hashable(data_type: pa.DataType) -> bool:
    return not (pa.types.is_nested(data_type) or pa.types.is_null(data_type))


def to_arrow(values: list[Any], wanted: pa.DataType | None = None) -> pa.Array:
    """An Arrow array from Python values: typed if possible, else inferred, else JSON text."""
    for attempt in (wanted, None) if wanted is not None else (None,):
        try:
            return pa.array(values, type=attempt)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            continue
    return pa.array(
        [None if v is None else v if isinstance(v, str) else json.dumps(v) for v in values],
        pa.string(),
    )


def rebuild_list(template: pa.Array, values: pa.Array) -> pa.Array:
    """A list array with ``template``'s offsets and nulls and new item ``values``."""
    flat_template = (
        template.cast(pa.list_(template.type.value_type))
        if pa.types.is_large_list(template.type)
        else template
    )
    offsets = flat_template.offsets
    start = offsets[0].as_py()
    if start:
        offsets = pc.subtract(offsets, start)
    return pa.ListArray.from_arrays(offsets, values, mask=flat_template.is_null())


def cast_array(
    array: pa.Array, target: pa.DataType, *, fmt: str | None = None, where: str = ""
) -> pa.Array:
    """Cast ``array`` to ``target`` (see the module docstring for the rules)."""
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if array.type == target:
        return array
    if pa.types.is_null(array.type):
        return pa.nulls(len(array), target)
    try:
        return _cast(array, target, fmt, where)
    except ArrowError as exc:
        message = str(exc).strip().splitlines()[0]
        raise DataError(f"cannot convert values to {target}: {message}", where=where) from None


def _cast(array: pa.Array, target: pa.DataType, fmt: str | None, where: str) -> pa.Array:
    if pa.types.is_list(target):
        return _cast_list(array, target, fmt, where)
    if pa.types.is_struct(target):
        return _cast_struct(array, target, fmt, where)
    if pa.types.is_string(target) or pa.types.is_large_string(target):
        return _to_text(array, target, fmt, where)
    if pa.types.is_binary(target) or pa.types.is_large_binary(target):
        if _is_text(array.type) or pa.types.is_binary(array.type):
            return array.cast(target)
        return _to_text(array, pa.string(), fmt, where).cast(target)
    if pa.types.is_temporal(target):
        return _to_temporal(array, target, fmt, where)
    if _is_text(array.type) and (pa.types.is_integer(target) or pa.types.is_floating(target)):
        array = pc.utf8_trim_whitespace(array)
        if pa.types.is_integer(target):
            array = _text_to_integer(array, where)
    if pa.types.is_floating(array.type) and pa.types.is_integer(target):
        return _float_to_integer(array, target, where)
    return array.cast(target)


def _text_to_integer(array: pa.Array, where: str) -> pa.Array:
    """Text read as integers; text holding fractions goes through the float rule."""
    try:
        return array.cast(pa.int64())
    except ArrowError:
        try:
            return array.cast(pa.float64())
        except ArrowError:
            return array  # the final cast names the value that is not a number


def _float_to_integer(array: pa.Array, target: pa.DataType, where: str) -> pa.Array:
    whole = pc.equal(pc.trunc(array), array)
    fractions = pc.filter(array, pc.invert(pc.fill_null(whole, True)))
    if len(fractions):
        first = fractions[0].as_py()
        _lossy(
            len(fractions),
            where,
            f"{len(fractions)} value(s) such as {first!r} are not whole numbers, but the "
            f"field is {target}; they would be truncated",
            "declare the field sc:Float, or load with lossy=True (--allow-lossy) to truncate",
        )
    return pc.trunc(array).cast(target, safe=False) if len(fractions) else array.cast(target)


def _is_text(data_type: pa.DataType) -> bool:
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def _cast_list(array: pa.Array, target: pa.DataType, fmt: str | None, where: str) -> pa.Array:
    if _is_text(array.type):
        array = map_values(array, lambda v: _json_list(v, where))
    if pa.types.is_null(array.type):
        return pa.nulls(len(array), target)
    if not (pa.types.is_list(array.type) or pa.types.is_large_list(array.type)):
        raise DataError(
            f"expected a list of values, found {array.type}",
            where=where,
            hint="split text into a list with a `separator` transform",
        )
    items = cast_array(pc.list_flatten(array), target.value_type, fmt=fmt, where=where)
    return rebuild_list(array, items)


_NUMBERS = re.compile(r"^\s*-?[\d.eE+-]+(?:[\s,]+-?[\d.eE+-]+)*\s*$")


def _json_list(value: str, where: str) -> Any:
    """A list from JSON text (``[1, 2]``) or from numbers separated by spaces/commas."""
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    elif _NUMBERS.match(text):  # e.g. a cr:BoundingBox written "10 20 30 40"
        try:
            return [float(part) for part in re.split(r"[\s,]+", text)]
        except ValueError:
            pass
    raise DataError(
        f"expected a list, found the text {value[:60]!r}",
        where=where,
        hint="split text into a list with a `separator` transform",
    )


def _cast_struct(array: pa.Array, target: pa.StructType, fmt: str | None, where: str) -> pa.Array:
    if not pa.types.is_struct(array.type):
        raise DataError(f"expected an object with fields, found {array.type}", where=where)
    children = []
    for child in target:
        index = array.type.get_field_index(child.name)
        raw = array.field(index) if index >= 0 else pa.nulls(len(array), child.type)
        children.append(cast_array(raw, child.type, fmt=fmt, where=f"{where}.{child.name}"))
    return pa.StructArray.from_arrays(children, fields=list(target), mask=array.is_null())


def _python_text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _to_text(array: pa.Array, target: pa.DataType, fmt: str | None, where: str) -> pa.Array:
    if _is_text(array.type):
        return array.cast(target)
    if pa.types.is_integer(array.type):
        return array.cast(target)
    if fmt and pa.types.is_temporal(array.type) and not pa.types.is_time(array.type):
        return pc.strftime(array, format=fmt).cast(target)
    if pa.types.is_binary(array.type) or pa.types.is_large_binary(array.type):
        try:
            return array.cast(target)
        except ArrowError:
            raise DataError(
                "text is not valid UTF-8",
                where=where,
                hint="declare the field as binary data, or read it with text='bytes'",
            ) from None
    return map_values(array, _python_text, target)


def _to_temporal(array: pa.Array, target: pa.DataType, fmt: str | None, where: str) -> pa.Array:
    if pa.types.is_temporal(array.type) and not pa.types.is_time(target):
        if pa.types.is_timestamp(array.type) and array.type.tz is not None:
            array = array.cast(pa.timestamp(array.type.unit))
        if pa.types.is_timestamp(array.type) and pa.types.is_date(target):
            return _to_date(array.cast(pa.timestamp("us")), target, where)
        return array.cast(target)
    if not _is_text(array.type):
        array = _to_text(array, pa.string(), None, where)
    if pa.types.is_time(target):
        return map_values(array, lambda v: _parse_time(v, fmt, where), target)
    if fmt is None:
        try:
            parsed = pc.utf8_trim_whitespace(array).cast(
                pa.timestamp("us") if pa.types.is_date(target) else target
            )
            return _to_date(parsed, target, where) if pa.types.is_date(target) else parsed
        except ArrowError:
            pass
    parsed = _pandas_datetimes(array, fmt, where)
    return _to_date(parsed, target, where) if pa.types.is_date(target) else parsed.cast(target)


def _to_date(stamps: pa.Array, target: pa.DataType, where: str) -> pa.Array:
    """Date-times as dates: refused when a time of day would be lost (mlcroissant keeps it:
    its sc:Date values are pandas Timestamps), unless lossy casts are allowed."""
    dates = stamps.cast(pa.date32(), safe=False)
    timed = pc.not_equal(dates.cast(pa.timestamp("us")), stamps)
    lost = pc.filter(stamps, pc.fill_null(timed, False))
    if len(lost):
        _lossy(
            len(lost),
            where,
            f"{len(lost)} value(s) such as {str(lost[0].as_py())!r} have a time of day, but "
            "the field is sc:Date; the time would be lost (mlcroissant keeps it)",
            "declare the field sc:DateTime, or load with lossy=True (--allow-lossy) to keep "
            "the date only",
        )
    return dates.cast(target)


def _parse_time(value: str, fmt: str | None, where: str) -> dt.time:
    try:
        if fmt:
            return dt.datetime.strptime(value.strip(), fmt).time()
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise DataError(f"cannot read {value!r} as a time", where=where) from None


def _pandas_datetimes(array: pa.Array, fmt: str | None, where: str) -> pa.Array:
    from croissant_tools.extras import require

    pd = require("pandas", f"reading the dates of {where}")
    series = array.to_pandas()
    try:
        parsed = pd.to_datetime(series, format=fmt if fmt else "mixed", utc=True)
    except (ValueError, TypeError) as exc:
        raise DataError(f"cannot read dates: {exc}", where=where) from None
    naive = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return pa.array(naive, pa.timestamp("us"))
