"""Arrow columns → numpy arrays with static shapes (shared by the TensorFlow and JAX adapters).

Dates become ``int32`` days since 1970-01-01, date-times ``int64`` microseconds since the
epoch, times ``int64`` microseconds since midnight. List fields become a dimension per
``arrayShape`` entry; a ``-1`` entry must be given a size (``shapes={field: (..)}``) to
be padded to. Null numbers become NaN in float columns; a null anywhere else is an error
unless ``fill_nulls`` replaces it with 0 / False / "" / b"".
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.errors import DataError, UsageError
from croissant_tools.loading.schema import array_shape


def temporal_as_number(column: pa.Array) -> pa.Array:
    """Dates, date-times and times as their integer encodings (see the module docstring)."""
    data_type = column.type
    if pa.types.is_date(data_type):
        return column.cast(pa.date32()).cast(pa.int32())
    if pa.types.is_timestamp(data_type):
        return column.cast(pa.timestamp("us")).cast(pa.int64())
    if pa.types.is_time(data_type):
        return column.cast(pa.time64("us")).cast(pa.int64())
    return column


def _filled(column: pa.Array, name: str, fill_nulls: bool) -> pa.Array:
    if not column.null_count or pa.types.is_floating(column.type):
        return column
    if not fill_nulls:
        raise DataError(
            f"field {name!r} has null values ({column.null_count} of the {len(column)} in "
            "this batch; later batches are not read yet), which tensors cannot hold",
            hint="select other columns, or pass fill_nulls=True to use 0 / False / empty text",
        )
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        return pc.fill_null(column, "")
    if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
        return pc.fill_null(column, b"")
    if pa.types.is_boolean(column.type):
        return pc.fill_null(column, False)
    return pc.fill_null(column, pa.scalar(0, column.type))


def field_shape(
    field: pa.Field, shapes: dict[str, tuple[int, ...]] | None = None
) -> tuple[int | None, ...]:
    """Per-record shape of a column (``None`` for a dimension of unknown size)."""
    if shapes and field.name in shapes:
        return tuple(shapes[field.name])
    depth = 0
    data_type = field.type
    while pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        depth += 1
        data_type = data_type.value_type
    if depth == 0:
        return ()
    declared = array_shape(field)
    if declared and len(declared) == depth:
        return tuple(None if d == -1 else d for d in declared)
    return (None,) * depth


def column_array(
    column: pa.Array,
    field: pa.Field,
    *,
    shape: tuple[int | None, ...] = (),
    fill_nulls: bool = False,
) -> np.ndarray:
    """A numpy array ``(rows, *shape)`` for one column; ragged lists must have a fixed ``shape``."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not shape:
        values = _filled(temporal_as_number(column), field.name, fill_nulls)
        if pa.types.is_struct(values.type) or pa.types.is_list(values.type):
            raise UsageError(f"field {field.name!r} has sub-fields; select its parts instead")
        if pa.types.is_string(values.type) or pa.types.is_binary(values.type):
            return np.array(values.to_pylist(), dtype=object)
        return values.to_numpy(zero_copy_only=False)
    if any(d is None for d in shape):
        raise UsageError(
            f"field {field.name!r} has a dimension of unknown size {shape}",
            hint=f"give it a fixed size to pad to, e.g. shapes={{'{field.name}': (16,)}}",
        )
    return _padded_lists(column.to_pylist(), field.name, shape, _item_dtype(field.type))


def _item_dtype(data_type: pa.DataType) -> np.dtype[Any]:
    while pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        data_type = data_type.value_type
    try:
        return np.dtype(data_type.to_pandas_dtype())
    except (NotImplementedError, TypeError):
        return np.dtype(float)


def _padded_lists(
    rows: list[Any], name: str, shape: tuple[int | None, ...], dtype: np.dtype[Any]
) -> np.ndarray:
    dims = tuple(int(d or 0) for d in shape)
    out = np.zeros((len(rows), *dims), dtype=dtype)
    for index, row in enumerate(rows):
        if row is None:
            continue
        value = np.asarray(row, dtype=dtype)
        if value.ndim != len(dims) or any(s > d for s, d in zip(value.shape, dims)):
            raise DataError(f"field {name!r}: a value of shape {value.shape} does not fit {dims}")
        region: tuple[int | slice, ...] = (index, *(slice(0, s) for s in value.shape))
        out[region] = value
    return out
