"""TensorFlow: a ``tf.data.Dataset`` of records with a signature from the Croissant dataTypes.

:func:`output_signature` maps each field to a ``tf.TensorSpec``: text and encoded media
are ``tf.string``, numbers and booleans their own dtype, dates ``int32`` days and
date-times ``int64`` microseconds since the epoch, lists get one dimension per
``arrayShape`` entry (``-1`` → ``None``), sub-fields nested dicts. With
``decode_images=True`` image fields become ``uint8`` tensors ``(height, width, channels)``.

    from croissant_tools.tf import to_tf_dataset
    ds = to_tf_dataset("croissant.json", "images", split="train", decode_images=True)
    ds = ds.shuffle(1000).batch(32).prefetch(tf.data.AUTOTUNE)

Records are produced one Arrow batch at a time; under ``tf.distribute`` pass
``input_context`` so each input pipeline reads its own share.
"""

from __future__ import annotations

from croissant_tools.extras import require

# a missing framework is a message naming the extra to install (exit 2)
require("tensorflow", "croissant_tools.tf (tf.data datasets)")

import os
from collections.abc import Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import tensorflow as tf

from croissant_tools.errors import DataError, UsageError
from croissant_tools.loading.api import reader_for
from croissant_tools.loading.arrays import column_array, field_shape, temporal_as_number
from croissant_tools.loading.batches import Partition
from croissant_tools.loading.reader import RecordSetReader
from croissant_tools.loading.records import image_columns

_DTYPES = {
    "int8": tf.int8, "int16": tf.int16, "int32": tf.int32, "int64": tf.int64,
    "uint8": tf.uint8, "uint16": tf.uint16, "uint32": tf.uint32, "uint64": tf.uint64,
    "halffloat": tf.float16, "float": tf.float32, "double": tf.float64, "bool": tf.bool,
    "date32[day]": tf.int32, "timestamp[us]": tf.int64, "time64[us]": tf.int64,
}  # fmt: skip


def _dtype(data_type: pa.DataType) -> tf.DType:
    while pa.types.is_list(data_type) or pa.types.is_large_list(data_type):
        data_type = data_type.value_type
    if pa.types.is_string(data_type) or pa.types.is_binary(data_type):
        return tf.string
    found = _DTYPES.get(str(data_type))
    if found is None:
        raise UsageError(f"no TensorFlow type for Arrow type {data_type}")
    return found


def _spec(field: pa.Field) -> Any:
    if pa.types.is_struct(field.type):
        return {child.name: _spec(child) for child in field.type}
    if pa.types.is_list(field.type) and pa.types.is_struct(field.type.value_type):
        raise UsageError(f"field {field.name!r} is a list of sub-field records; select its parts")
    return tf.TensorSpec(shape=field_shape(field), dtype=_dtype(field.type), name=None)


def output_signature(
    schema: pa.Schema, *, decode_images: bool = False, channels: int = 3
) -> dict[str, Any]:
    """``{field @id: TensorSpec or nested dict}`` for a reader's Arrow schema."""
    signature = {f.name: _spec(f) for f in schema}
    if decode_images:
        for name in image_columns(schema):
            signature[name] = tf.TensorSpec(shape=(None, None, channels), dtype=tf.uint8)
    return signature


def _value(value: Any, field: pa.Field, fill_nulls: bool) -> Any:
    data_type = field.type
    if pa.types.is_struct(data_type):
        return {
            child.name: _value((value or {}).get(child.name), child, fill_nulls)
            for child in data_type
        }
    if value is None and not fill_nulls:
        raise DataError(
            f"field {field.name!r} has a null value, which tensors cannot hold",
            hint="select other columns, or pass fill_nulls=True to use 0 / False / empty text",
        )
    if value is None:
        value = [] if field_shape(field) else _EMPTY.get(str(_dtype(data_type).name), 0)
    return np.asarray(value)


_EMPTY = {"string": b"", "bool": False}


def _records(
    batch: pa.RecordBatch, schema: pa.Schema, fill_nulls: bool
) -> Iterator[dict[str, Any]]:
    columns: dict[str, Any] = {}
    for field in schema:
        column = batch.column(field.name)
        if pa.types.is_struct(field.type) or field_shape(field):
            values = temporal_as_number(column).to_pylist()
            columns[field.name] = [_value(v, field, fill_nulls) for v in values]
        else:
            columns[field.name] = column_array(column, field, fill_nulls=fill_nulls)
    for row in range(batch.num_rows):
        yield {name: values[row] for name, values in columns.items()}


def to_tf_dataset(
    source: RecordSetReader | str | os.PathLike[str],
    record_set: str | None = None,
    *,
    decode_images: bool = False,
    channels: int = 3,
    input_context: tf.distribute.InputContext | None = None,
    partition: Partition | None = None,
    read_batch_size: int = 1024,
    fill_nulls: bool = False,
    **load_kwargs: Any,
) -> tf.data.Dataset:
    """A dataset of record dicts (see the module docstring); ``partition`` picks a share.

    A null is an error (tensors cannot hold one) unless ``fill_nulls`` replaces it by 0
    (integers, dates), False, empty text or bytes; floats are NaN either way.
    """
    reader = reader_for(source, record_set, **load_kwargs)
    if input_context is not None:
        partition = Partition(input_context.input_pipeline_id, input_context.num_input_pipelines)
    schema = reader.schema
    raw_signature = output_signature(schema)

    def generate() -> Iterator[dict[str, Any]]:
        for batch in reader.iter_batches(read_batch_size, partition=partition):
            yield from _records(batch, schema, fill_nulls)

    dataset = tf.data.Dataset.from_generator(generate, output_signature=raw_signature)
    images = image_columns(schema) if decode_images else []
    if images:

        def decode(record: dict[str, Any]) -> dict[str, Any]:
            out = dict(record)
            for name in images:
                image = tf.io.decode_image(record[name], channels=channels, expand_animations=False)
                out[name] = tf.ensure_shape(image, (None, None, channels))
            return out

        dataset = dataset.map(decode, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return dataset
