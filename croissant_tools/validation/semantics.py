"""Layer 4 (``CR3xx``): what the document means: identifiers, references, joins, cycles.

This module builds the index of ``@id``s and checks that every reference resolves to a
node of the right kind; :mod:`.semantics_fields` checks fields, sources and record sets,
and :mod:`.semantics_resources` checks files (checksums, formats, URLs). Together they
cover mlcroissant's static checks plus the ones it misses.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass, field
from typing import Any

from croissant_tools.jsonld import Node
from croissant_tools.model import FieldNode, Metadata, RecordSet, Resource, Source
from croissant_tools.validation.report import ValidationIssue, make_issue

Target = Resource | RecordSet | FieldNode
_KIND_LABEL = {"fileObject": "FileObject", "fileSet": "FileSet", "recordSet": "RecordSet"}


def kind_of(target: Target) -> str:
    """``fileObject``, ``fileSet``, ``recordSet`` or ``field``."""
    if isinstance(target, RecordSet):
        return "recordSet"
    if isinstance(target, FieldNode):
        return "field"
    return "fileObject" if type(target).__name__ == "FileObject" else "fileSet"


@dataclass
class Index:
    """Every identified node by ``@id``, and the record set that holds each field."""

    nodes: dict[str, Target] = field(default_factory=dict)
    owner: dict[str, RecordSet] = field(default_factory=dict)
    issues: list[ValidationIssue] = field(default_factory=list)

    def add(self, target: Target, label: str) -> None:
        """Index ``target`` by its ``@id``; a missing (CR304) or repeated (CR301) ``@id`` is
        recorded as an issue instead, and the first node with an ``@id`` keeps it."""
        if target.id is None:
            message = f"{label} has no @id, so nothing can refer to it"
            if isinstance(target, FieldNode):
                message += " and loaders cannot key its values"
            self.issues.append(make_issue("CR304", target.path, message, node=target.name))
            return
        first = self.nodes.get(target.id)
        if first is not None:
            message = f"@id {target.id!r} is already used by the node at {first.path}"
            self.issues.append(make_issue("CR301", target.path, message, node=target.id))
            return
        self.nodes[target.id] = target

    def resolve(self, uid: str, path: str, wanted: set[str], what: str) -> Target | None:
        """The node ``uid`` names, or ``None`` after reporting why it does not resolve."""
        found = self.nodes.get(uid)
        if found is None:
            close = difflib.get_close_matches(uid, list(self.nodes), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "check the @id"
            message = f"{what} refers to {uid!r}, but no node has that @id"
            self.issues.append(make_issue("CR302", path, message, node=uid, hint=hint))
            return None
        kind = kind_of(found)
        if kind not in wanted:
            names = " or ".join(sorted(_KIND_LABEL.get(w, "Field") for w in wanted))
            message = (
                f"{what} must name a {names}, but {uid!r} is a {_KIND_LABEL.get(kind, 'Field')}"
            )
            self.issues.append(make_issue("CR303", path, message, node=uid))
            return None
        return found


def build_index(metadata: Metadata) -> Index:
    """Index resources, record sets and fields by ``@id`` (reporting missing/duplicates)."""
    index = Index()
    for resource in metadata.distribution:
        index.add(resource, _KIND_LABEL[kind_of(resource)] + f" {resource.name or ''}".rstrip())
    for record_set in metadata.record_sets:
        index.add(record_set, f"RecordSet {record_set.name or ''}".rstrip())
    for record_set in metadata.record_sets:
        for item in record_set.walk_fields():
            index.add(item, f"field {item.name or ''}".rstrip())
            if item.id is not None:
                index.owner.setdefault(item.id, record_set)
    return index


def check_semantics(metadata: Metadata, version: str) -> list[ValidationIssue]:
    """Run every semantic check on the typed view of the document."""
    from croissant_tools.validation import semantics_fields, semantics_links, semantics_resources

    index = build_index(metadata)
    issues = index.issues
    _check_containers(metadata, index)
    for record_set in metadata.record_sets:
        semantics_fields.check_record_set(record_set, metadata, index)
        _check_joins(record_set, index)
    issues.extend(semantics_resources.check_resources(metadata))
    issues.extend(_string_references(metadata))
    issues.extend(semantics_links.check_links(metadata))
    return issues


def resolve_source(source: Source, index: Index, what: str) -> Target | None:
    """Resolve the origin of a source (reporting none/several/unknown origins)."""
    targets = source.targets
    if not targets:
        message = f"{what} names no origin (fileObject, fileSet, recordSet or field)"
        index.issues.append(make_issue("CR311", source.path, message))
        return None
    if len(targets) > 1:
        shown = ", ".join(f"{kind} {uid!r}" for kind, uid in targets)
        message = f"{what} names several origins ({shown}); a source reads from one"
        index.issues.append(make_issue("CR311", source.path, message))
        return None
    kind, uid = targets[0]
    wanted = {kind} if kind != "field" else {"field", "fileObject", "fileSet", "recordSet"}
    return index.resolve(uid, source.path, wanted, what)


def _check_containers(metadata: Metadata, index: Index) -> None:
    from croissant_tools.validation.semantics_chains import check_chains

    for resource in metadata.distribution:
        for uid in resource.contained_in:
            index.resolve(uid, resource.path, {"fileObject", "fileSet"}, "containedIn")
    check_chains(metadata, index)  # containedIn cycles, over-long reference chains


def parent_uid(uid: str | None, index: Index) -> str | None:
    """The record set of a field, or the node itself (mlcroissant's join unit)."""
    if uid is None:
        return None
    owner = index.owner.get(uid)
    return owner.id if owner is not None else uid


def _check_joins(record_set: RecordSet, index: Index) -> None:
    sources: set[str] = set()
    joins: set[tuple[str, str]] = set()
    for item in record_set.fields:
        if item.source is None:
            continue
        target = _single_target(item.source)
        origin = parent_uid(target, index) if target in index.nodes else None
        if origin is None:
            continue
        sources.add(origin)
        if item.references is not None:
            referenced = _single_target(item.references)
            other = parent_uid(referenced, index) if referenced in index.nodes else None
            if other is not None:
                joins.update({(origin, other), (other, origin)})
    for first, second in itertools.combinations(sorted(sources), 2):
        if (first, second) not in joins:
            message = (
                f"fields of this record set read from {first!r} and {second!r}, but no field "
                "declares how to join them"
            )
            hint = "give the joining field both a source and references to the other side"
            index.issues.append(
                make_issue("CR310", record_set.path, message, node=record_set.id, hint=hint)
            )


def _single_target(source: Source) -> str | None:
    targets = source.targets
    return targets[0][1] if len(targets) == 1 else None


_REFERENCE_KEYS = ("cr:fileObject", "cr:fileSet", "cr:recordSet", "cr:field")


def _string_references(metadata: Metadata) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []

    def scan(node: Node, names: tuple[str, ...]) -> None:
        for name in names:
            for value in node.values(name):
                if isinstance(value.value, str):
                    message = (
                        f"{name.split(':')[1]} is the plain string {value.value!r}; in JSON-LD "
                        "that is text, not a reference to a node"
                    )
                    hint = f'write {{"@id": "{value.value}"}}'
                    issues.append(make_issue("CR329", value.path, message, hint=hint))

    for resource in metadata.distribution:
        scan(resource.node, ("cr:containedIn", "sc:containedIn"))
    for record_set in metadata.record_sets:
        scan(record_set.node, ("cr:key",))
        for item in record_set.walk_fields():
            for name in ("cr:source", "cr:references"):
                for child in item.node.children(name):
                    scan(child, _REFERENCE_KEYS)
    return issues


def raw_source_node(item: FieldNode, name: str = "cr:source") -> Node | None:
    """The JSON node of a field's ``source`` (or ``references``), if it is an object."""
    return next(iter(item.node.children(name)), None)


def as_list(value: Any) -> list[Any]:
    """A JSON value as a list (JSON-LD treats one value and a one-element list alike)."""
    return value if isinstance(value, list) else [value]
