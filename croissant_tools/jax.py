"""JAX: numpy batches with static shapes, sharded per process (``import croissant_tools.jax``).

Every batch has exactly ``batch_size`` rows so that a jitted step compiles once: the
last short batch is dropped (``drop_remainder=True``) or padded with zeros, with a boolean
``"_valid"`` array marking the real rows (always present, so the pytree never changes).
Each JAX process reads its own share (``jax.process_index()`` of
``jax.process_count()`` unless given), rows dealt round-robin by default so that process
shares differ by at most one row and batch counts by at most one batch. See
:mod:`croissant_tools.loading.arrays` for how dates, lists and nulls become arrays.

    from croissant_tools.jax import iter_numpy_batches
    for batch in iter_numpy_batches("croissant.json", "ratings", batch_size=1024,
                                     columns=["ratings/user_id", "ratings/rating"]):
        batch = jax.device_put(batch)
"""

from __future__ import annotations

from croissant_tools.extras import require

# a missing framework is a message naming the extra to install (exit 2)
require("jax", "croissant_tools.jax (JAX batches)")

import os
from collections.abc import Iterator
from typing import Any, Literal

import jax
import numpy as np

from croissant_tools.errors import UsageError
from croissant_tools.loading.api import reader_for
from croissant_tools.loading.arrays import column_array, field_shape
from croissant_tools.loading.batches import Partition
from croissant_tools.loading.reader import RecordSetReader

VALID = "_valid"


def _pad(array: np.ndarray, size: int) -> np.ndarray:
    missing = size - len(array)
    if missing <= 0:
        return array
    filler = np.zeros((missing, *array.shape[1:]), dtype=array.dtype)
    if array.dtype == object:
        filler = np.full((missing, *array.shape[1:]), None, dtype=object)
    return np.concatenate([array, filler])


def iter_numpy_batches(
    source: RecordSetReader | str | os.PathLike[str],
    record_set: str | None = None,
    *,
    batch_size: int,
    drop_remainder: bool = False,
    process_index: int | None = None,
    process_count: int | None = None,
    partition_by: Literal["auto", "units", "rows"] = "rows",
    shapes: dict[str, tuple[int, ...]] | None = None,
    fill_nulls: bool = False,
    **load_kwargs: Any,
) -> Iterator[dict[str, np.ndarray]]:
    """Yield ``{field @id: array (batch_size, ...)}`` plus ``"_valid"`` (see module docstring).

    ``shapes`` gives the per-record shape of list fields whose ``arrayShape`` has ``-1``
    (values are zero-padded to it). Text and image columns are numpy object arrays: select
    numeric ``columns`` (a :func:`croissant_tools.load` argument) for ``jax.device_put``.
    """
    if batch_size < 1:
        raise UsageError(f"batch_size must be at least 1, not {batch_size}")
    reader = reader_for(source, record_set, **load_kwargs)
    index = jax.process_index() if process_index is None else process_index
    count = jax.process_count() if process_count is None else process_count
    partition = Partition(index, count, partition_by, block=1)
    schema = reader.schema
    field_shapes = {f.name: field_shape(f, shapes) for f in schema}
    for batch in reader.iter_batches(batch_size, partition=partition):
        rows = batch.num_rows
        if rows < batch_size and drop_remainder:
            return
        out = {
            f.name: _pad(
                column_array(
                    batch.column(f.name), f, shape=field_shapes[f.name], fill_nulls=fill_nulls
                ),
                batch_size,
            )
            for f in schema
        }
        out[VALID] = np.arange(batch_size) < rows
        yield out
