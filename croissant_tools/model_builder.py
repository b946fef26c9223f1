"""How :func:`croissant_tools.model.build` reads a document into the typed model.

Kept apart from the dataclasses of :mod:`croissant_tools.model` so that each module stays
small; values of the wrong shape are recorded as :class:`~croissant_tools.model.Problem`
with their JSON path, never raised.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Context, Node, json_kind, language_values, preferred
from croissant_tools.model import (
    Extract,
    FieldNode,
    FileObject,
    FileSet,
    Metadata,
    Problem,
    RecordSet,
    Resource,
    Source,
    Transform,
)


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def text(self, node: Node, name: str) -> str | None:
        value = node.text(name)
        if value is None:
            return None
        raw = value.value
        if isinstance(raw, dict) and raw and all(not k.startswith("@") for k in raw):
            # a language map whose term does not declare "@container": "@language"
            found = preferred(language_values(raw, value.path), node.context.language)
            value = found or value
            raw = value.value
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

    def integer(self, node: Node, name: str) -> int | None:
        value = node.first(name)
        if value is None:
            return None
        raw = value.value
        if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
            return raw
        if isinstance(raw, str) and raw.strip().isdigit() and int(raw) > 0:
            return int(raw)
        message = f"{name} must be a positive whole number, not {json_kind(raw)}"
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
            sampling_rate=self.integer(node, "cr:samplingRate"),
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


def build_metadata(data: Any) -> Metadata:
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
