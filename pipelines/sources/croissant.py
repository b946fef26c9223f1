"""Croissant input: one record set of a Croissant file, read with :func:`croissant_tools.load`.

Field names may be given as the field's ``@id`` (``records/content``) or its last part
(``content``). Each unit of work of the loader (a file, or a Parquet row group) is one read
task, so a large record set spreads over workers like ``croissant_tools.beam.ReadFromCroissant``;
rows are named ``RECORD_SET#UNIT:ROW`` when the record set has no id field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from croissant_tools.errors import CroissantToolsError, InputError
from pipelines.sources import RawRow

BATCH_ROWS = 4096


def _reader(path: str, record_set: str | None) -> Any:
    import croissant_tools

    if not record_set:
        raise InputError(
            "a Croissant input needs the record set to read",
            where=path,
            hint="pass --record-set NAME (croissant-tools info FILE lists them)",
        )
    try:
        return croissant_tools.load(path, record_set)
    except CroissantToolsError:
        raise
    except (ImportError, AttributeError) as exc:
        raise InputError(f"cannot load Croissant records here: {exc}", where=path) from exc


def _short(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def plan(path: str, fields: Any) -> Any:
    """Check the record set and fields of a Croissant file; one read task."""
    from pipelines.inputs import InputPlan, ReadTask, _fingerprint, _size, resolve_fields

    reader = _reader(path, fields.record_set)
    names = [_short(n) for n in reader.schema.names]
    resolved = resolve_fields(fields, names, f"{path}#{fields.record_set}")
    size = _size(path)
    units = len(reader.units(split_row_groups=True)) or 1
    record_set = str(fields.record_set)
    tasks = tuple(
        ReadTask(i, "croissant", (path,), (record_set,), row_groups=(i, i + 1))
        for i in range(units)
    )
    return InputPlan(
        kind="croissant",
        root=path.rsplit("/", 1)[0] if "/" in path else ".",
        tasks=tasks,
        fields=resolved,
        total_bytes=size,
        n_files=1,
        fingerprint=_fingerprint([(path, size)]),
        columns=tuple(names),
        description=f"record set {fields.record_set!r} of {path}",
    )


def read(task: Any, options: Any) -> tuple[Iterator[RawRow], pa.Schema]:
    """The records of one unit; columns are named by the last part of their ``@id``."""
    reader = _reader(task.paths[0], task.rels[0])
    schema = pa.schema([f.with_name(_short(f.name)) for f in reader.schema])
    unit_index = task.row_groups[0] if task.row_groups else 0
    units = reader.units(split_row_groups=True)
    chosen = [units[unit_index]] if units else None

    def rows() -> Iterator[RawRow]:
        number = 0
        for batch in reader.iter_batches(BATCH_ROWS, units=chosen):
            for values in batch.to_pylist():
                record = {_short(k): v for k, v in values.items()}
                source = f"{task.rels[0]}#{unit_index}:{number}"
                yield RawRow((task.index, number), source, record)
                number += 1

    return rows(), schema
