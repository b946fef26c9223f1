"""A typed, located view of a Croissant document: resources, record sets, fields, sources.

:func:`build` turns a parsed document into :class:`Metadata` without ever raising: values
of the wrong shape are left out of the typed view and recorded in ``Metadata.problems``
with their JSON path, so the validator can report them and the loader can refuse the
document. Every object keeps its JSON ``path`` and its :class:`~croissant_tools.jsonld.Node`
for checks that need the raw JSON.

Identifiers follow Croissant 1.0+: a node is referred to by its ``@id``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Context, Node, Value, json_kind


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

    def resource(self, uid: str) -> Resource | None:
        """The FileObject/FileSet with this ``@id``, or ``None``."""
        return next((r for r in self.distribution if r.id == uid), None)

    def record_set(self, uid: str) -> RecordSet | None:
        """The record set with this ``@id`` (or, failing that, this ``name``)."""
        found = next((rs for rs in self.record_sets if rs.id == uid), None)
        return found or next((rs for rs in self.record_sets if rs.name == uid), None)

    def field(self, uid: str) -> tuple[RecordSet, FieldNode] | None:
        """The field with this ``@id`` and the record set that holds it."""
        for record_set in self.record_sets:
            for item in record_set.walk_fields():
                if item.id == uid:
                    return record_set, item
        return None


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def text(self, node: Node, name: str) -> str | None:
        value = node.first(name)
        if value is None:
            return None
        raw = value.value
        if isinstance(raw, dict) and raw and all(not k.startswith("@") for k in raw):
            # a 1.1 language map: {"en": "...", "fr": "..."}
            lang = node.context.language or "en"
            raw = raw.get(lang, next(iter(raw.values())))
        if isinstance(raw, str):
            return raw
        if isinstance(raw, bool) or raw is None or isinstance(raw, dict | list):
            self.problems.append(
                Problem(value.path, f"{name} must be text, not {json_kind(raw)}", node.id)
            )
            return None
        return str(raw)  # numbers are acceptable text (e.g. a version 1.0)

    def texts(self, node: Node, name: str) -> list[str]:
        out = []
        for value in node.values(name):
            if isinstance(value.value, str):
                out.append(value.value)
            else:
                message = f"{name} must be text, not {json_kind(value.value)}"
                self.problems.append(Problem(value.path, message, node.id))
        return out

    def boolean(self, node: Node, name: str) -> bool | None:
        value = node.first(name)
        if value is None:
            return None
        raw = value.value
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        message = f"{name} must be true or false, not {json_kind(raw)}"
        self.problems.append(Problem(value.path, message, node.id))
        return None

    def refs(self, node: Node, name: str) -> list[str]:
        out = []
        for value in node.values(name):
            raw = value.value
            if isinstance(raw, dict) and isinstance(raw.get("@id"), str):
                out.append(raw["@id"])
            elif isinstance(raw, str):
                out.append(raw)  # 0.8 style: a bare name
            else:
                message = f'{name} must be a reference like {{"@id": "..."}}, not {json_kind(raw)}'
                self.problems.append(Problem(value.path, message, node.id))
        return out

    def vocab_values(self, node: Node, name: str) -> list[str]:
        out = []
        for value in node.values(name):
            raw = value.value
            if isinstance(raw, dict) and isinstance(raw.get("@id"), str):
                raw = raw["@id"]
            if isinstance(raw, str):
                out.append(node.vocab_value(raw))
            else:
                message = f"{name} must be a type name such as sc:Text, not {json_kind(raw)}"
                self.problems.append(Problem(value.path, message, node.id))
        return out

    def containers(self, node: Node) -> tuple[list[str], list[Source]]:
        """``containedIn`` (``cr:`` in 1.1, ``sc:`` in 1.0): ids, and 1.1 DataSources."""
        ids: list[str] = []
        sources: list[Source] = []
        for name in ("cr:containedIn", "sc:containedIn"):
            for value in node.values(name):
                raw = value.value
                child = node.child(value)
                if child is not None and any(not k.startswith("@") for k in raw):
                    source = self.source(child)
                    sources.append(source)
                    ids.extend(uid for _, uid in source.targets)
                elif isinstance(raw, dict) and isinstance(raw.get("@id"), str):
                    ids.append(raw["@id"])
                elif isinstance(raw, str):
                    ids.append(raw)
                else:
                    shape = json_kind(raw)
                    message = f'containedIn must be a reference like {{"@id": "..."}}, not {shape}'
                    self.problems.append(Problem(value.path, message, node.id))
        return ids, sources

    def objects(self, node: Node, name: str) -> Iterator[Node]:
        for value in node.values(name):
            child = node.child(value)
            if child is None:
                message = f"{name} entries must be objects, not {json_kind(value.value)}"
                self.problems.append(Problem(value.path, message, node.id))
            else:
                yield child

    # --- record sets and fields ------------------------------------------------------
    def extract(self, node: Node) -> Extract:
        return Extract(
            path=node.path,
            file_property=self.text(node, "cr:fileProperty"),
            column=self.text(node, "cr:column"),
            json_path=self.text(node, "cr:jsonPath"),
        )

    def transform(self, node: Node) -> Transform:
        separator = self.text(node, "cr:separator") or self.text(node, "cr:delimiter")
        return Transform(
            path=node.path,
            regex=self.text(node, "cr:regex"),
            json_path=self.text(node, "cr:jsonPath"),
            separator=separator,
            format=self.text(node, "cr:format"),
            replace=self.text(node, "cr:replace"),
            read_lines=self.boolean(node, "cr:readLines"),
            un_archive=self.boolean(node, "cr:unArchive"),
        )

    def source(self, node: Node) -> Source:
        source = Source(path=node.path)
        origins = {
            "cr:fileObject": "file_object",
            "cr:fileSet": "file_set",
            "cr:recordSet": "record_set",
            "cr:field": "field",
            "sc:distribution": "file_object",  # 0.8 spelling
        }
        for name, attr in origins.items():
            refs = self.refs(node, name)
            if refs and getattr(source, attr) is None:
                setattr(source, attr, refs[0])
        if not source.targets and node.id is not None:
            source.field = node.id  # the bare {"@id": "record_set/field"} form
        extracts = list(self.objects(node, "cr:extract"))
        source.extract = self.extract(extracts[0]) if extracts else None
        source.transforms = [self.transform(t) for t in self.objects(node, "cr:transform")]
        source.format = self.text(node, "cr:format")
        return source

    def field(self, node: Node) -> FieldNode:
        item = FieldNode(
            path=node.path,
            node=node,
            id=node.id,
            name=self.text(node, "sc:name"),
            description=self.text(node, "sc:description"),
            data_types=self.vocab_values(node, "cr:dataType"),
            value=node.first("cr:value"),
            is_array=bool(self.boolean(node, "cr:isArray")),
            array_shape=self.text(node, "cr:arrayShape"),
            repeated=bool(self.boolean(node, "cr:repeated")),
        )
        sources = list(self.objects(node, "cr:source"))
        item.source = self.source(sources[0]) if sources else None
        references = list(self.objects(node, "cr:references"))
        item.references = self.source(references[0]) if references else None
        item.sub_fields = [self.field(child) for child in self.objects(node, "cr:subField")]
        item.annotations = [self.field(child) for child in self.objects(node, "cr:annotation")]
        return item

    def record_set(self, node: Node) -> RecordSet:
        return RecordSet(
            path=node.path,
            node=node,
            id=node.id,
            name=self.text(node, "sc:name"),
            description=self.text(node, "sc:description"),
            fields=[self.field(child) for child in self.objects(node, "cr:field")],
            key=self.refs(node, "cr:key"),
            data=node.raw("cr:data"),
            examples=node.raw("cr:examples"),
            data_types=self.vocab_values(node, "cr:dataType"),
            annotations=[self.field(child) for child in self.objects(node, "cr:annotation")],
        )

    # --- resources ---------------------------------------------------------------------
    def resource(self, node: Node) -> Resource | None:
        types = node.types()
        common: dict[str, Any] = {
            "path": node.path,
            "node": node,
            "id": node.id,
            "name": self.text(node, "sc:name"),
            "description": self.text(node, "sc:description"),
            "encoding_formats": self.texts(node, "sc:encodingFormat"),
        }
        common["contained_in"], common["contained_in_sources"] = self.containers(node)
        if vocab.FILE_SET in types:
            return FileSet(
                **common,
                includes=self.texts(node, "cr:includes"),
                excludes=self.texts(node, "cr:excludes"),
            )
        if vocab.FILE_OBJECT in types:
            size = node.first("sc:contentSize")
            return FileObject(
                **common,
                content_url=self.text(node, "sc:contentUrl"),
                content_size=None if size is None else str(size.value),
                sha256=self.text(node, "cr:sha256") or self.text(node, "sc:sha256"),
                md5=self.text(node, "cr:md5") or self.text(node, "sc:md5"),
            )
        shown = ", ".join(types) if types else "no @type"
        message = f"distribution entries must be cr:FileObject or cr:FileSet (found {shown})"
        self.problems.append(Problem(node.path, message, node.id))
        return None


def build(data: Any) -> Metadata:
    """Build the typed view of a parsed document (never raises; see ``problems``)."""
    builder = _Builder()
    if not isinstance(data, dict):
        context = Context()
        root = Node({}, "$", context)
        metadata = Metadata(node=root, context=context)
        message = f"a Croissant document is a JSON object, not {json_kind(data)}"
        metadata.problems.append(Problem("$", message))
        return metadata
    context = Context.parse(data.get("@context", {}))
    root = Node(data, "$", context)
    conforms_to = builder.refs(root, "dct:conformsTo")
    versions = [vocab.CROISSANT_VERSIONS[c] for c in conforms_to if c in vocab.CROISSANT_VERSIONS]
    metadata = Metadata(
        node=root,
        context=context,
        conforms_to=conforms_to,
        version=versions[0] if versions else None,
        name=builder.text(root, "sc:name"),
        description=builder.text(root, "sc:description"),
    )
    for child in builder.objects(root, "sc:distribution"):
        resource = builder.resource(child)
        if resource is not None:
            metadata.distribution.append(resource)
    metadata.record_sets = [builder.record_set(n) for n in builder.objects(root, "cr:recordSet")]
    metadata.problems = builder.problems
    return metadata
