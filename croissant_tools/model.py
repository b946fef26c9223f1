"""A typed, located view of a Croissant document: resources, record sets, fields, sources.

:func:`build` turns a parsed document into :class:`Metadata` without ever raising: values
of the wrong shape are left out of the typed view and recorded in ``Metadata.problems``
with their JSON path, so the validator can report them and the loader can refuse the
document. Every object keeps its JSON ``path`` and its :class:`~croissant_tools.jsonld.Node`
for checks that need the raw JSON.

Identifiers follow Croissant 1.0+: a node is referred to by its ``@id``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Context, Node, Value


@dataclass(frozen=True)
class Problem:
    """Something in the document that the typed view could not represent."""

    path: str
    message: str
    node: str | None = None


@dataclass
class Extract:
    """``source.extract``: what to take from a file or record."""

    path: str
    file_property: str | None = None
    column: str | None = None
    json_path: str | None = None


@dataclass
class Transform:
    """One ``source.transform`` step."""

    path: str
    regex: str | None = None
    json_path: str | None = None
    separator: str | None = None
    format: str | None = None
    replace: str | None = None
    read_lines: bool | None = None
    un_archive: bool | None = None
    sampling_rate: int | None = None


@dataclass
class Source:
    """A field's ``source`` (or ``references``): a resource or field plus extract/transform.

    Exactly one of ``file_object``, ``file_set``, ``record_set`` or ``field`` is expected;
    ``field`` also covers the bare ``{"@id": ...}`` form.
    """

    path: str
    file_object: str | None = None
    file_set: str | None = None
    record_set: str | None = None
    field: str | None = None
    extract: Extract | None = None
    transforms: list[Transform] = dataclasses.field(default_factory=list)
    format: str | None = None

    @property
    def targets(self) -> list[tuple[str, str]]:
        """``(kind, id)`` for every origin this source names (normally exactly one)."""
        pairs = [
            ("fileObject", self.file_object),
            ("fileSet", self.file_set),
            ("recordSet", self.record_set),
            ("field", self.field),
        ]
        return [(kind, value) for kind, value in pairs if value is not None]

    @property
    def resource(self) -> str | None:
        """The FileObject or FileSet id this source reads from, if any."""
        return self.file_object or self.file_set


@dataclass
class FieldNode:
    """A ``cr:Field`` (also used for ``subField`` and 1.1 ``annotation`` fields)."""

    path: str
    node: Node
    id: str | None
    name: str | None
    description: str | None = None
    data_types: list[str] = dataclasses.field(default_factory=list)
    source: Source | None = None
    value: Value | None = None
    references: Source | None = None
    sub_fields: list[FieldNode] = dataclasses.field(default_factory=list)
    annotations: list[FieldNode] = dataclasses.field(default_factory=list)
    is_array: bool = False
    array_shape: str | None = None
    repeated: bool = False

    @property
    def uid(self) -> str | None:
        """The identifier other nodes use to refer to this field."""
        return self.id


@dataclass
class RecordSet:
    """A ``cr:RecordSet``: fields, key, inline ``data`` and its own ``dataType``."""

    path: str
    node: Node
    id: str | None
    name: str | None
    description: str | None = None
    fields: list[FieldNode] = dataclasses.field(default_factory=list)
    key: list[str] = dataclasses.field(default_factory=list)
    #: ``data`` and ``examples`` as written (``@json``: normally a list of records).
    data: Value | None = None
    examples: Value | None = None
    data_types: list[str] = dataclasses.field(default_factory=list)
    #: 1.1 record-level annotations (fields that annotate the whole record).
    annotations: list[FieldNode] = dataclasses.field(default_factory=list)

    @property
    def is_split(self) -> bool:
        """Whether this record set enumerates splits (``dataType: cr:Split``)."""
        return vocab.SPLIT in self.data_types

    def walk_fields(self) -> Iterator[FieldNode]:
        """Every field, depth first, including sub-fields and annotation fields."""
        stack = list(reversed(self.fields + self.annotations))
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(current.sub_fields + current.annotations))


@dataclass
class FileObject:
    """A ``cr:FileObject``: one file, local (relative ``contentUrl``) or remote."""

    path: str
    node: Node
    id: str | None
    name: str | None
    description: str | None = None
    content_url: str | None = None
    content_size: str | None = None
    encoding_formats: list[str] = dataclasses.field(default_factory=list)
    sha256: str | None = None
    md5: str | None = None
    contained_in: list[str] = dataclasses.field(default_factory=list)
    #: 1.1 ``containedIn`` values that are DataSources (a manifest read with transforms).
    contained_in_sources: list[Source] = dataclasses.field(default_factory=list)


@dataclass
class FileSet:
    """A ``cr:FileSet``: files matched by ``includes``/``excludes`` globs, maybe in archives."""

    path: str
    node: Node
    id: str | None
    name: str | None
    description: str | None = None
    encoding_formats: list[str] = dataclasses.field(default_factory=list)
    includes: list[str] = dataclasses.field(default_factory=list)
    excludes: list[str] = dataclasses.field(default_factory=list)
    contained_in: list[str] = dataclasses.field(default_factory=list)
    #: 1.1 ``containedIn`` values that are DataSources (a manifest read with transforms).
    contained_in_sources: list[Source] = dataclasses.field(default_factory=list)


Resource = FileObject | FileSet


@dataclass
class Metadata:
    """The dataset: its declared version, resources and record sets."""

    node: Node
    context: Context
    conforms_to: list[str] = dataclasses.field(default_factory=list)
    version: str | None = None
    name: str | None = None
    description: str | None = None
    distribution: list[Resource] = dataclasses.field(default_factory=list)
    record_sets: list[RecordSet] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    _index: _Lookup | None = dataclasses.field(default=None, repr=False, compare=False)

    def resource(self, uid: str) -> Resource | None:
        """The FileObject/FileSet with this ``@id``, or ``None``."""
        return self._lookup().resources.get(uid)

    def record_set(self, uid: str) -> RecordSet | None:
        """The record set with this ``@id`` (or, failing that, this ``name``)."""
        index = self._lookup()
        return index.record_sets.get(uid) or index.record_sets_by_name.get(uid)

    def source_resource(self, source: Source) -> str | None:
        """The FileObject/FileSet a source reads: ``fileObject``/``fileSet``, or a ``field``
        reference that names a resource (``"field": {"@id": "images-fileset"}``, as the
        reference "read from tar" recipe writes; mlcroissant reads both)."""
        if source.resource is not None:
            return source.resource
        if source.field is not None and self.resource(source.field) is not None:
            return source.field
        return None

    def field(self, uid: str) -> tuple[RecordSet, FieldNode] | None:
        """The field with this ``@id`` and the record set that holds it."""
        return self._lookup().fields.get(uid)

    def _lookup(self) -> _Lookup:
        """Indexes by id, rebuilt when the lists changed size (first occurrence wins)."""
        shape = (len(self.distribution), len(self.record_sets))
        if self._index is None or self._index.shape != shape:
            self._index = _Lookup.of(self, shape)
        return self._index


@dataclass
class _Lookup:
    shape: tuple[int, int]
    resources: dict[str, Resource]
    record_sets: dict[str, RecordSet]
    record_sets_by_name: dict[str, RecordSet]
    fields: dict[str, tuple[RecordSet, FieldNode]]

    @classmethod
    def of(cls, metadata: Metadata, shape: tuple[int, int]) -> _Lookup:
        index = cls(shape, {}, {}, {}, {})
        for resource in metadata.distribution:
            if resource.id is not None:
                index.resources.setdefault(resource.id, resource)
        for record_set in metadata.record_sets:
            if record_set.id is not None:
                index.record_sets.setdefault(record_set.id, record_set)
            if record_set.name is not None:
                index.record_sets_by_name.setdefault(record_set.name, record_set)
            for item in record_set.walk_fields():
                if item.id is not None:
                    index.fields.setdefault(item.id, (record_set, item))
        return index


_REUSE = {"active": 0}
_LAST: list[tuple[Any, Metadata]] = []
_REUSE_LOCK = threading.Lock()


def build(data: Any) -> Metadata:
    """Build the typed view of a parsed document (never raises; see ``problems``).

    Inside :func:`reusing_builds`, building the same ``data`` again (the same object, or a
    shallow copy of it) returns the view built before.
    """
    from croissant_tools.model_builder import build_metadata

    with _REUSE_LOCK:
        if _REUSE["active"] and _LAST and _same(_LAST[0][0], data):
            return _LAST[0][1]
    metadata = build_metadata(data)
    with _REUSE_LOCK:
        if _REUSE["active"]:
            _LAST[:] = [(data, metadata)]
    return metadata


def _same(a: Any, b: Any) -> bool:
    """``b`` is ``a`` or a shallow copy of it (the loader copies the top level)."""
    if a is b:
        return True
    if not (isinstance(a, dict) and isinstance(b, dict)) or a.keys() != b.keys():
        return False
    return all(a[key] is b[key] for key in a)


@contextlib.contextmanager
def reusing_builds() -> Iterator[None]:
    """Let :func:`build` reuse its last result for the same ``data`` object (in any
    thread) while active: loading each of thousands of record sets of one document must
    not rebuild the whole document each time."""
    with _REUSE_LOCK:
        _REUSE["active"] += 1
    try:
        yield
    finally:
        with _REUSE_LOCK:
            _REUSE["active"] -= 1
            if not _REUSE["active"]:
                _LAST.clear()
