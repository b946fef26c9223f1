"""What a dataset page and a dataset card say, read once from a Croissant document.

:func:`describe` turns the typed model (:mod:`croissant_tools.model`) and the raw JSON-LD
(read by IRI through :class:`~croissant_tools.jsonld.Node`) into :class:`DatasetFacts`:
plain strings and small records that both renderers (HTML page, Markdown card) use, so
the two outputs cannot disagree. Nothing here raises on odd input: a value of an
unexpected shape is shown as compact JSON rather than dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from croissant_tools import vocab
from croissant_tools.jsonld import Node
from croissant_tools.model import FieldNode, Metadata, RecordSet, Resource
from croissant_tools.publishing.licenses import License, read_license

#: Dataset properties that have their own place on the page; others go to "More metadata".
SHOWN = frozenset(
    {
        "@context", "@type", "@id", "sc:name", "sc:description", "sc:license", "sc:creator",
        "sc:publisher", "sc:url", "sc:sameAs", "sc:keywords", "sc:inLanguage", "sc:version",
        "sc:datePublished", "sc:dateCreated", "sc:dateModified", "cr:citeAs", "sc:citation",
        "dct:conformsTo", "sc:distribution", "cr:recordSet",
    }
)  # fmt: skip
SPLIT_KINDS = {
    "cr:TrainingSplit": "train",
    "cr:ValidationSplit": "validation",
    "cr:TestSplit": "test",
}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def plain(value: Any) -> str:
    """A readable string for any JSON-LD value (names of objects, ``@value``, language maps)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ", ".join(plain(item) for item in value)
    if isinstance(value, dict):
        for key in ("@value", "name", "sc:name", "@id"):
            if isinstance(value.get(key), str | int | float):
                return plain(value[key])
        if value and all(isinstance(k, str) and _LANGUAGE_TAG.match(k) for k in value):
            return plain(value.get("en", next(iter(value.values()))))
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def term_label(term: str) -> str:
    """``rai:dataBiases`` -> ``Data biases``; ``sc:sdLicense`` -> ``Sd license``."""
    name = term.split(":", 1)[-1]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).split()
    return " ".join([words[0].capitalize(), *(w.lower() for w in words[1:])]) if words else term


def type_label(data_type: str) -> str:
    """Short display name of a data type: ``sc:Text`` -> ``Text``, ``cr:Split`` -> ``Split``."""
    prefix, sep, rest = data_type.partition(":")
    return rest if sep and prefix in ("sc", "cr") else data_type


@dataclass(frozen=True)
class Agent:
    """A creator or publisher (``sc:Person``/``sc:Organization`` or a bare name)."""

    name: str
    url: str | None = None
    email: str | None = None
    affiliation: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class RaiEntry:
    """One Responsible-AI property: canonical term, the spelling used, and its values."""

    term: str
    key: str
    values: tuple[str, ...]

    @property
    def label(self) -> str:
        """Human label of the canonical term."""
        return term_label(self.term)

    @property
    def variant(self) -> bool:
        """Whether the document used a non-canonical spelling of the term."""
        return self.key != self.term


@dataclass(frozen=True)
class Join:
    """A field of ``source`` that references a field (or record set) of ``target``."""

    source: RecordSet
    field: FieldNode
    target_id: str
    target: RecordSet | None
    target_field: FieldNode | None


@dataclass
class SplitInfo:
    """A ``cr:Split`` record set, its split names and the record sets it partitions."""

    record_set: RecordSet
    names: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    partitions: list[tuple[RecordSet, FieldNode]] = field(default_factory=list)


@dataclass(frozen=True)
class Lookup:
    """Constant-time lookups by ``@id``, with the rules of :class:`~croissant_tools.model.Metadata`.

    ``Metadata.resource``/``record_set``/``field`` scan lists, which is quadratic over a
    document with 10,000 files; the first node with an id wins, as there, and record sets
    are also found by name.
    """

    resources: dict[str, Resource]
    record_sets: dict[str, RecordSet]
    fields: dict[str, tuple[RecordSet, FieldNode]]

    @classmethod
    def of(cls, metadata: Metadata) -> Lookup:
        """Index every resource, record set and field of ``metadata``."""
        resources: dict[str, Resource] = {}
        for resource in metadata.distribution:
            if resource.id is not None:
                resources.setdefault(resource.id, resource)
        by_id: dict[str, RecordSet] = {}
        by_name: dict[str, RecordSet] = {}
        fields: dict[str, tuple[RecordSet, FieldNode]] = {}
        for record_set in metadata.record_sets:
            if record_set.id is not None:
                by_id.setdefault(record_set.id, record_set)
            if record_set.name is not None:
                by_name.setdefault(record_set.name, record_set)
            for item in record_set.walk_fields():
                if item.id is not None:
                    fields.setdefault(item.id, (record_set, item))
        return cls(resources, {**by_name, **by_id}, fields)

    def resource(self, uid: str) -> Resource | None:
        """The FileObject/FileSet with this ``@id``."""
        return self.resources.get(uid)

    def record_set(self, uid: str) -> RecordSet | None:
        """The record set with this ``@id`` (or, failing that, this name)."""
        return self.record_sets.get(uid)

    def field(self, uid: str) -> tuple[RecordSet, FieldNode] | None:
        """The field with this ``@id`` and its record set."""
        return self.fields.get(uid)


@dataclass
class DatasetFacts:
    """Everything the page and the card show, as plain values."""

    metadata: Metadata
    lookup: Lookup
    name: str | None
    description: str | None
    version: str | None = None
    url: str | None = None
    same_as: list[str] = field(default_factory=list)
    licenses: list[License] = field(default_factory=list)
    creators: list[Agent] = field(default_factory=list)
    publishers: list[Agent] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    cite_as: str | None = None
    dates: dict[str, str] = field(default_factory=dict)
    conforms_to: list[str] = field(default_factory=list)
    rai: list[RaiEntry] = field(default_factory=list)
    extra: list[tuple[str, Any]] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    splits: list[SplitInfo] = field(default_factory=list)

    @property
    def field_count(self) -> int:
        """Number of fields in all record sets, sub-fields included."""
        return sum(1 for rs in self.metadata.record_sets for _ in rs.walk_fields())


def _texts(node: Node, name: str) -> list[str]:
    return [text for text in (plain(v.value).strip() for v in node.values(name)) if text]


def _first(node: Node, name: str) -> str | None:
    """The value to show: of language variants, the document's default language or English."""
    shown = node.text(name)
    text = plain(shown.value).strip() if shown is not None else ""
    if text:
        return text
    found = _texts(node, name)
    return found[0] if found else None


def _agents(node: Node, name: str) -> list[Agent]:
    agents = []
    for value in node.values(name):
        child = node.child(value)
        if child is None:
            if plain(value.value).strip():
                agents.append(Agent(name=plain(value.value).strip()))
            continue
        types = child.types()
        agents.append(
            Agent(
                name=_first(child, "sc:name") or child.id or plain(value.value),
                url=_first(child, "sc:url") or _first(child, "sc:sameAs"),
                email=_first(child, "sc:email"),
                affiliation=_first(child, "sc:affiliation"),
                kind=type_label(types[0]) if types else None,
            )
        )
    return agents


def _keywords(node: Node) -> list[str]:
    words: list[str] = []
    for text in _texts(node, "sc:keywords"):
        parts = text.split(",") if len(node.values("sc:keywords")) == 1 else [text]
        words.extend(part.strip() for part in parts if part.strip())
    return list(dict.fromkeys(words))


def _rai(root: Node) -> list[RaiEntry]:
    entries: list[RaiEntry] = []
    for _key, name, _path in root.properties():
        if name is None or not name.startswith("rai:"):
            continue
        term = vocab.RAI_VARIANTS.get(name, name)
        values = tuple(_readable(v.value) for v in root.values(name) if plain(v.value).strip())
        if values and not any(e.key == name for e in entries):
            entries.append(RaiEntry(term=term, key=name, values=values))
    order = {term: index for index, term in enumerate(vocab.RAI_TERMS)}
    return sorted(entries, key=lambda e: (order.get(e.term, len(order)), e.term))


def _readable(value: Any) -> str:
    """An RAI value for people: ``true``/``false`` read Yes/No, the rest as :func:`plain`."""
    if isinstance(value, dict) and isinstance(value.get("@value"), bool):
        value = value["@value"]
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return plain(value)


def _joins(metadata: Metadata, lookup: Lookup) -> list[Join]:
    joins = []
    for record_set in metadata.record_sets:
        for item in record_set.walk_fields():
            ref = item.references
            target_id = ref and (ref.field or ref.record_set or ref.file_object or ref.file_set)
            if not ref or not target_id:
                continue
            found = lookup.field(target_id)
            target_rs = found[0] if found else lookup.record_set(target_id)
            if target_rs is None and "/" in target_id:  # 1.0 style "record_set/field"
                target_rs = lookup.record_set(target_id.split("/", 1)[0])
            joins.append(Join(record_set, item, target_id, target_rs, found[1] if found else None))
    return joins


def inline_rows(record_set: RecordSet, name: str = "cr:data") -> list[Any]:
    """All rows of a record set's inline ``data`` (or ``examples``), as written."""
    return [value.value for value in record_set.node.values(name)]


def _splits(metadata: Metadata, joins: list[Join]) -> list[SplitInfo]:
    splits = []
    for record_set in (rs for rs in metadata.record_sets if rs.is_split):
        info = SplitInfo(record_set)
        for row in (r for r in inline_rows(record_set) if isinstance(r, dict)):
            name = next(
                (plain(v) for k, v in row.items() if k.split("/")[-1].endswith("name")), None
            )
            url = next((plain(v) for k, v in row.items() if k.split("/")[-1].endswith("url")), None)
            if not name:
                continue
            info.names.append(name)
            kind = SPLIT_KINDS.get(record_set.node.vocab_value(url)) if url else None
            info.kinds[name] = kind or name
        info.partitions = [
            (j.source, j.field)
            for j in joins
            if j.target is record_set and j.source is not record_set
        ]
        splits.append(info)
    return splits


def describe(metadata: Metadata) -> DatasetFacts:
    """Collect the facts of a built document (see :func:`croissant_tools.model.build`)."""
    root = metadata.node
    lookup = Lookup.of(metadata)
    joins = _joins(metadata, lookup)
    dates = {
        label: value
        for label, term in (
            ("published", "sc:datePublished"),
            ("created", "sc:dateCreated"),
            ("modified", "sc:dateModified"),
        )
        if (value := _first(root, term))
    }
    extra = [
        (key, root.obj[key])
        for key, name, _path in root.properties()
        if name not in SHOWN and not (name or "").startswith("rai:")
    ]
    return DatasetFacts(
        metadata=metadata,
        lookup=lookup,
        name=metadata.name,
        description=metadata.description,
        version=_first(root, "sc:version"),
        url=_first(root, "sc:url"),
        same_as=_texts(root, "sc:sameAs"),
        licenses=[
            read_license(v.value) for v in root.values("sc:license") if plain(v.value).strip()
        ],
        creators=_agents(root, "sc:creator"),
        publishers=_agents(root, "sc:publisher"),
        keywords=_keywords(root),
        languages=_texts(root, "sc:inLanguage"),
        cite_as=_first(root, "cr:citeAs") or _first(root, "sc:citation"),
        dates=dates,
        conforms_to=_texts(root, "dct:conformsTo"),
        rai=_rai(root),
        extra=extra,
        joins=joins,
        splits=_splits(metadata, joins),
    )


def resources_of(record_set: RecordSet) -> list[str]:
    """Ids of the FileObjects/FileSets that the fields of ``record_set`` read, in order."""
    found: dict[str, None] = {}
    for item in record_set.walk_fields():
        if item.source is not None and item.source.resource:
            found[item.source.resource] = None
    return list(found)


def human_size(content_size: str | None) -> str | None:
    """``"1234567"``/``"1234567 B"`` -> ``"1.2 MB (1,234,567 bytes)"``; other text unchanged."""
    if content_size is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*(?:b|bytes?)?\s*", content_size, flags=re.IGNORECASE)
    if not match:
        return content_size.strip()
    size = int(match.group(1))
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit} ({size:,} bytes)"
    return f"{size:,} bytes"
