"""Rewriting Croissant 0.8 and 1.0 documents as Croissant 1.1.

:func:`upgrade_document` returns the 1.1 document and the list of changes it made, each
a :class:`Change` with the JSON path it concerns. What it does:

* 0.8 (the ``ml:`` vocabulary, ``http://mlcommons.org/schema/``; nodes named, not
  identified): every FileObject, FileSet and record set gets ``@id`` = its name, every
  field ``record_set/name`` (sub-fields ``parent/name``), as mlcroissant names them;
  ``ml:`` classes and data types become ``cr:``; a source's ``distribution`` becomes
  ``fileObject`` or ``fileSet``; references written as names become ``{"@id": ...}``;
  inline ``data`` rows keyed by field name are keyed by field ``@id``; ``ml:`` RAI
  properties move to ``rai:``.
* 0.8 and 1.0: the 1.1 ``@context`` (terms the document defines beyond it are kept),
  ``conformsTo`` 1.1, ``repeated`` becomes ``isArray``, ``sc:FileObject``/``sc:FileSet``
  become ``cr:``, string references become ``{"@id": ...}``.

Nothing is invented: required properties the document lacks (license, creator...) stay
missing, and the validation of the result says so. The loader applies the same upgrade
in memory to read 0.8 documents, as mlcroissant still does.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from croissant_tools import vocab

ML = "http://mlcommons.org/schema/"
_CLASSES = {
    "ml:RecordSet": "cr:RecordSet",
    "ml:Field": "cr:Field",
    "sc:FileObject": "cr:FileObject",
    "sc:FileSet": "cr:FileSet",
    "ml:FileObject": "cr:FileObject",
    "ml:FileSet": "cr:FileSet",
}
_RAI = {"dataBiases", "dataCollection", "personalSensitiveInformation"}
_REFERENCE_KEYS = ("fileObject", "fileSet", "recordSet", "field")


@dataclass(frozen=True)
class Change:
    """One rewrite: where, and what was done."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def source_version(data: dict[str, Any]) -> str | None:
    """``"0.8"``, ``"1.0"`` or ``"1.1"`` as the document declares or writes it."""
    conforms = data.get("conformsTo") or data.get("dct:conformsTo")
    values = conforms if isinstance(conforms, list) else [conforms]
    for value in values:
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str):
            found = vocab.version_of(iri) or vocab.version_of(vocab.near_version(iri) or "")
            if found:
                return found
            if iri.rstrip("/").endswith("/croissant/0.8"):
                return "0.8"
    context = data.get("@context")
    if isinstance(context, dict) and any(v == ML for v in context.values()):
        return "0.8"
    return None


def is_old(data: Any) -> bool:
    """Whether ``data`` is a Croissant 0.8 document (which loaders read after upgrading)."""
    return isinstance(data, dict) and source_version(data) == "0.8"


def upgrade_document(data: dict[str, Any]) -> tuple[dict[str, Any], list[Change]]:
    """The document as Croissant 1.1, and the changes made (see the module docstring)."""
    out = copy.deepcopy(data)
    changes: list[Change] = []
    version = source_version(data) or "1.0"
    if version == "1.1":
        return out, changes
    _context(out, changes)
    out["conformsTo"] = vocab.CROISSANT_1_1
    out.pop("dct:conformsTo", None)
    changes.append(Change("$.conformsTo", f"declares Croissant 1.1 (was {version})"))
    if version == "0.8":
        _Renamer(out, changes).run()
    for key in list(out):
        if key in _RAI:
            out[f"rai:{key}"] = out.pop(key)
            changes.append(Change(f"$.{key}", f"is now rai:{key}"))
    _walk(out, "$", changes)
    return out, changes


def _context(out: dict[str, Any], changes: list[Change]) -> None:
    old = out.get("@context")
    context: dict[str, Any] = dict(vocab.CONTEXT_1_1)
    if isinstance(old, dict):
        for term, definition in old.items():
            croissant = isinstance(definition, str) and definition.startswith(("ml:", "cr:"))
            if term not in context and term not in _RAI and term != "ml" and not croissant:
                context[term] = definition  # the document's own prefixes (wd, ...)
            elif isinstance(definition, dict) and definition.get("@container") == "@language":
                context[term] = definition
    out["@context"] = context
    changes.append(Change("$['@context']", "the Croissant 1.1 context"))


def _walk(node: Any, path: str, changes: list[Change]) -> None:
    """1.0 -> 1.1 rewrites that apply to every node."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, f"{path}[{index}]", changes)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    if isinstance(kind, str) and kind in _CLASSES:
        node["@type"] = _CLASSES[kind]
        changes.append(Change(f"{path}['@type']", f"{kind} is now {_CLASSES[kind]}"))
    if "repeated" in node:
        node["isArray"] = node.pop("repeated")
        changes.append(Change(f"{path}.repeated", "is now isArray (Croissant 1.1)"))
    for key in ("containedIn", "references", "key", *_REFERENCE_KEYS):
        if isinstance(node.get(key), str):
            node[key] = {"@id": node[key]}
            changes.append(Change(f"{path}.{key}", 'a reference is written {"@id": ...}'))
    for key, value in node.items():
        if key not in ("data", "examples", "@context") and isinstance(value, dict | list):
            _walk(value, f"{path}.{key}", changes)


class _Renamer:
    """0.8 -> 1.0: identifiers from names, ``distribution`` sources, ``ml:`` types."""

    def __init__(self, data: dict[str, Any], changes: list[Change]):
        self.data = data
        self.changes = changes
        self.kinds: dict[str, str] = {}

    def run(self) -> None:
        for index, node in enumerate(_as_list(self.data.get("distribution"))):
            if isinstance(node, dict):
                self._identify(node, f"$.distribution[{index}]", None)
                kind = _CLASSES.get(str(node.get("@type")), str(node.get("@type")))
                self.kinds[str(node.get("@id"))] = (
                    "fileSet" if kind == "cr:FileSet" else "fileObject"
                )
        for index, rs in enumerate(_as_list(self.data.get("recordSet"))):
            if isinstance(rs, dict):
                self._record_set(rs, f"$.recordSet[{index}]")

    def _identify(self, node: dict[str, Any], path: str, parent: str | None) -> None:
        if "@id" not in node and isinstance(node.get("name"), str):
            uid = f"{parent}/{node['name']}" if parent else node["name"]
            rest = {k: v for k, v in node.items() if k != "@type"}
            head = {"@type": node["@type"]} if "@type" in node else {}
            node.clear()
            node.update({**head, "@id": uid, **rest})
            self.changes.append(Change(path, f"@id {uid!r} from its name"))

    def _record_set(self, rs: dict[str, Any], path: str) -> None:
        self._identify(rs, path, None)
        uid = str(rs.get("@id"))
        names: dict[str, str] = {}
        for index, item in enumerate(_as_list(rs.get("field"))):
            if isinstance(item, dict):
                self._field(item, f"{path}.field[{index}]", uid)
                names[str(item.get("name"))] = str(item.get("@id"))
        self._types(rs, path)
        key = rs.get("key")
        if isinstance(key, str) and key in names:
            rs["key"] = {"@id": names[key]}
        rows = rs.get("data")
        if isinstance(rows, list) and names:
            rs["data"] = [
                {names.get(k, k): v for k, v in row.items()} if isinstance(row, dict) else row
                for row in rows
            ]
            self.changes.append(Change(f"{path}.data", "rows keyed by field @id"))

    def _field(self, item: dict[str, Any], path: str, parent: str) -> None:
        self._identify(item, path, parent)
        self._types(item, path)
        for key in ("source", "references"):
            source = item.get(key)
            if isinstance(source, dict) and "distribution" in source:
                target = source.pop("distribution")
                uid = target.get("@id") if isinstance(target, dict) else target
                kind = self.kinds.get(str(uid), "fileObject")
                source[kind] = {"@id": uid}
                self.changes.append(Change(f"{path}.{key}", f"distribution is now {kind}"))
        for index, child in enumerate(_as_list(item.get("subField"))):
            if isinstance(child, dict):
                self._field(child, f"{path}.subField[{index}]", str(item.get("@id")))

    def _types(self, node: dict[str, Any], path: str) -> None:
        kind = node.get("@type")
        if isinstance(kind, str) and kind.startswith("ml:"):
            node["@type"] = _CLASSES.get(kind, "cr:" + kind[3:])
        data_types = node.get("dataType")
        if isinstance(data_types, str | list):
            items = [data_types] if isinstance(data_types, str) else data_types
            renamed = [
                f"cr:{t[3:]}" if isinstance(t, str) and t.startswith("ml:") else t for t in items
            ]
            if renamed != items:
                node["dataType"] = renamed[0] if isinstance(data_types, str) else renamed
                self.changes.append(Change(f"{path}.dataType", "ml: data types are now cr:"))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value is not None else []
