"""Hugging Face ``datasets`` views of a record set.

``to_dataset`` builds an in-memory ``datasets.Dataset`` straight from the Arrow table;
``to_iterable_dataset`` streams, with the reader's units as shards, so
``datasets.distributed.split_dataset_by_node`` and DataLoader workers divide the files.
Either way ``.with_format("torch" | "tensorflow" | "jax" | "numpy")`` works. With
``images="image"`` image columns become ``datasets.Image`` features (decoded on access).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from croissant_tools.errors import UsageError
from croissant_tools.extras import require
from croissant_tools.loading.records import batch_records, image_columns

if TYPE_CHECKING:  # pragma: no cover
    require("datasets", "a Hugging Face dataset")
    import datasets

    from croissant_tools.loading.engine import Unit
    from croissant_tools.loading.reader import RecordSetReader


def _check(images: str) -> None:
    if images not in ("bytes", "image"):
        raise UsageError(f"images must be 'bytes' or 'image', not {images!r}")


def features(schema: pa.Schema, images: str) -> datasets.Features:
    """``datasets.Features`` for the reader's schema."""
    require("datasets", "a Hugging Face dataset")
    import datasets

    found = datasets.Features.from_arrow_schema(schema)
    if images == "image":
        for name in image_columns(schema):
            found[name] = datasets.Image()
    return found


def _as_image_structs(table: pa.Table, names: list[str]) -> pa.Table:
    for name in names:
        index = table.schema.get_field_index(name)
        column = table.column(name).combine_chunks()
        struct = pa.StructArray.from_arrays(
            [column, pa.nulls(len(column), pa.string())], names=["bytes", "path"]
        )
        table = table.set_column(index, pa.field(name, struct.type), struct)
    return table


def to_dataset(
    reader: RecordSetReader, *, images: str = "bytes", dates: str = "keep"
) -> datasets.Dataset:
    """An in-memory ``datasets.Dataset`` of every record; ``dates="int64"`` stores dates as
    days and date-times as microseconds since the epoch (what ``with_format("torch")``
    needs: torch has no date type), ``"str"`` as ISO 8601 text."""
    require("datasets", "a Hugging Face dataset")
    import datasets

    _check(images)
    table = _dates(reader.to_table(), dates)
    info = datasets.DatasetInfo(features=features(table.schema, images))
    if images == "image":
        table = _as_image_structs(table, image_columns(reader.schema))
    table = table.replace_schema_metadata(None)
    return datasets.Dataset(table, info=info)


def _dates(table: pa.Table, dates: str) -> pa.Table:
    if dates not in ("keep", "int64", "str"):
        raise UsageError(f"dates must be 'keep', 'int64' or 'str', not {dates!r}")
    if dates == "keep":
        return table
    from croissant_tools.loading.arrays import temporal_as_number
    from croissant_tools.loading.casting import cast_array

    for index, field in enumerate(table.schema):
        if pa.types.is_temporal(field.type):
            column = table.column(index).combine_chunks()
            if dates == "str":
                new = cast_array(column, pa.string())
            else:
                new = temporal_as_number(column).cast(pa.int64())
            table = table.set_column(index, field.with_type(new.type), new)
    return table


def _generate(reader: RecordSetReader, units: list[Unit], images: str) -> Iterator[dict[str, Any]]:
    names = image_columns(reader.schema) if images == "image" else []
    for batch in reader.iter_batches(1024, units=units):
        for record in batch_records(batch):
            for name in names:
                record[name] = {"bytes": record[name], "path": None}
            yield record


def to_iterable_dataset(
    reader: RecordSetReader, *, images: str = "bytes"
) -> datasets.IterableDataset:
    """A streaming ``datasets.IterableDataset`` with one shard per unit of work."""
    require("datasets", "a Hugging Face dataset")
    import datasets

    _check(images)
    units = [[unit] for unit in reader.units(split_row_groups=True)]
    return datasets.IterableDataset.from_generator(
        partial(_generate_shards, reader, images=images),
        features=features(reader.schema, images),
        gen_kwargs={"shards": units},
    )


def _generate_shards(
    reader: RecordSetReader, shards: list[list[Unit]], images: str
) -> Iterator[dict[str, Any]]:
    for units in shards:
        yield from _generate(reader, units, images)
