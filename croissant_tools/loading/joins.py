"""Left joins through ``references``, keeping the order of the base rows.

The right side (a lookup record set or file) is read whole once; each base batch is
joined against it. Unique right keys (the usual foreign-key case) use one vectorised
``index_in``; duplicated right keys repeat the base row once per match, in right-side
order, as pandas' left merge (mlcroissant) does. Keys of different types (an integer
column against a text field) are compared as text.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from croissant_tools.loading.casting import cast_array

Columns = dict[str, pa.Array]


def _align(left: pa.Array, right: pa.Array) -> tuple[pa.Array, pa.Array]:
    if left.type == right.type:
        return left, right
    if pa.types.is_integer(left.type) and pa.types.is_integer(right.type):
        return left.cast(pa.int64()), right.cast(pa.int64())
    return cast_array(left, pa.string()), cast_array(right, pa.string())


class Lookup:
    """The right side of a join, indexed by its key column."""

    def __init__(self, columns: Columns, key: str):
        self.columns = columns
        self.key_name = key
        self.keys = columns[key]
        self.unique = (
            pc.count_distinct(self.keys, mode="only_valid").as_py()
            == len(self.keys) - self.keys.null_count
        )
        self._groups: dict[object, list[int]] | None = None

    def _indices(self, left: pa.Array) -> tuple[pa.Array, pa.Array]:
        left, right = _align(left, self.keys)
        if self.unique:
            positions = pc.index_in(left, value_set=right)
            return pa.array(range(len(left)), pa.int64()), positions
        if self._groups is None:
            groups: dict[object, list[int]] = {}
            for index, value in enumerate(right.to_pylist()):
                if value is not None:
                    groups.setdefault(value, []).append(index)
            self._groups = groups
        left_rows: list[int] = []
        right_rows: list[int | None] = []
        for row, value in enumerate(left.to_pylist()):
            matches: list[int | None] = (
                list(self._groups.get(value, [])) if value is not None else []
            )
            for match in matches or [None]:
                left_rows.append(row)
                right_rows.append(match)
        return pa.array(left_rows, pa.int64()), pa.array(right_rows, pa.int64())

    def join(self, working: Columns, left_key: pa.Array) -> Columns:
        """``working`` (base columns) with this lookup's columns added, left-join style."""
        left_rows, right_rows = self._indices(left_key)
        identity = self.unique
        out = {
            name: column if identity else column.take(left_rows) for name, column in working.items()
        }
        for name, column in self.columns.items():
            out.setdefault(name, column.take(right_rows))
        return out
