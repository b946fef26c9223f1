"""Croissant input: one record set of a Croissant file, read with :func:`croissant_tools.load`.

Field names may be given as the field's ``@id`` (``records/content``) or its last part
(``content``). The record set is read as one task, in the loader's own order.
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
    return InputPlan(
        kind="croissant",
        root=path.rsplit("/", 1)[0] if "/" in path else ".",
        tasks=(ReadTask(0, "croissant", (path,), (str(fields.record_set),)),),
        fields=resolved,
        total_bytes=size,
        n_files=1,
        fingerprint=_fingerprint([(path, size)]),
        columns=tuple(names),
        description=f"record set {fields.record_set!r} of {path}",
    )


def read(task: Any, options: Any) -> tuple[Iterator[RawRow], pa.Schema]:
    """Every record of the record set; columns are named by the last part of their ``@id``."""
    reader = _reader(task.paths[0], task.rels[0])
    schema = pa.schema([f.with_name(_short(f.name)) for f in reader.schema])

    def rows() -> Iterator[RawRow]:
        number = 0
        for batch in reader.iter_batches(BATCH_ROWS):
            for values in batch.to_pylist():
                record = {_short(k): v for k, v in values.items()}
                yield RawRow((0, number), f"{task.rels[0]}:{number}", record)
                number += 1

    return rows(), schema
