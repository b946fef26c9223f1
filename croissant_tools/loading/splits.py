"""``cr:Split``: which field of a record set names the split, and which values mean "train".

A record set is partitioned by a field that ``references`` (or takes its ``source``
from) a field of a record set whose ``dataType`` is ``cr:Split``, or that is itself typed
``cr:Split``. The requested split may be given as any value of a row of the split
record set (``"train"``, ``"cr:TrainingSplit"``, the full IRI); the accepted values are
that row's values of the referenced field. When the split field is computed from a file
name or path, whole files outside the split are skipped before they are opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from croissant_tools import vocab
from croissant_tools.errors import UsageError
from croissant_tools.model import FieldNode, Metadata, RecordSet

LISTING = frozenset({"filename", "fullpath", "filepath"})


@dataclass(frozen=True)
class SplitField:
    """The field that partitions a record set, and the split record set it refers to."""

    field: FieldNode
    split_set: RecordSet | None
    key: str | None  # the referenced field of ``split_set``


def find_split_field(metadata: Metadata, rs: RecordSet) -> SplitField | None:
    """The first field of ``rs`` that names a split (``None`` if it has none)."""
    for item in rs.fields:
        for ref in (item.references, item.source):
            target = ref.field if ref is not None else None
            found = metadata.field(target) if target else None
            if found is not None and found[0].is_split and found[0] is not rs:
                return SplitField(item, found[0], target)
    for item in rs.fields:
        if vocab.SPLIT in item.data_types:
            return SplitField(item, None, None)
    return None


def _same(a: Any, b: str) -> bool:
    if not isinstance(a, str):
        return a is not None and str(a) == b
    return a == b or vocab.compact(a) == vocab.compact(b)


def accepted_values(
    split: SplitField, requested: str, read_rows: Callable[[RecordSet], list[dict[str, Any]]]
) -> frozenset[str]:
    """The values of the split field that select ``requested`` (UsageError if unknown)."""
    if split.split_set is None or split.key is None:
        return frozenset({requested})
    rows = read_rows(split.split_set)
    accepted = {
        str(row.get(split.key)) for row in rows if any(_same(v, requested) for v in row.values())
    }
    if not accepted:
        names = sorted({str(row.get(split.key)) for row in rows})
        raise UsageError(
            f"no split {requested!r} in {split.split_set.id!r}; available: {', '.join(names)}"
        )
    return frozenset(accepted)


def file_level(split: SplitField, base: str) -> bool:
    """Whether the split is decided by file names/paths of the base resource."""
    source = split.field.source
    extract = source.extract if source is not None else None
    return (
        source is not None
        and (source.resource or source.field) == base
        and extract is not None
        and extract.file_property in LISTING
    )


def split_names(metadata: Metadata, rs: RecordSet) -> list[str]:
    """Split names of ``rs`` from its split record set's inline data (for ``info``)."""
    split = find_split_field(metadata, rs)
    if split is None or split.split_set is None or split.key is None:
        return []
    from croissant_tools.errors import DataError
    from croissant_tools.loading.engine import inline_rows

    if split.split_set.data is None:
        return []
    try:
        rows = inline_rows(split.split_set)
    except DataError:
        return []
    return [str(row.get(split.key)) for row in rows]
