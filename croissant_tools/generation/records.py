"""JSON-LD for resources, record sets and fields, written the way mlcroissant reads them.

Identifiers: a resource's ``@id`` is its path (or a name for FileSets), a record set's is
its name, and a field's is ``record_set/field``. Names are kept as the data spells them;
identifiers are made safe (``[A-Za-z0-9_.-]``) and unique.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from croissant_tools.generation.arrow_schema import FieldSpec

_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]+")
Json = dict[str, Any]


def safe_id(name: str, taken: set[str] | None = None) -> str:
    """An identifier made of safe characters, unique within ``taken`` (which it updates)."""
    base = _UNSAFE.sub("_", name).strip("_") or "item"
    candidate = base
    counter = 2
    while taken is not None and candidate in taken:
        candidate = f"{base}_{counter}"
        counter += 1
    if taken is not None:
        taken.add(candidate)
    return candidate


def ref(uid: str) -> Json:
    """A JSON-LD reference ``{"@id": uid}``."""
    return {"@id": uid}


def source(resource: str, resource_kind: str, extract: Json, transform: Json | None = None) -> Json:
    """A field ``source`` reading from a FileObject or FileSet (``resource_kind``)."""
    out: Json = {resource_kind: ref(resource), "extract": extract}
    if transform:
        out["transform"] = transform
    return out


def field_json(
    field_id: str,
    name: str,
    data_type: str | None,
    src: Json | None,
    *,
    description: str | None = None,
    is_array: bool = False,
    array_shape: str | None = None,
    sub_fields: list[Json] | None = None,
    references: str | None = None,
) -> Json:
    """One ``cr:Field`` with its keys in a fixed order."""
    out: Json = {"@type": "cr:Field", "@id": field_id, "name": name}
    if description:
        out["description"] = description
    if data_type:
        out["dataType"] = data_type
    if is_array:
        out["isArray"] = True
        out["arrayShape"] = array_shape or "-1"
    if src is not None:
        out["source"] = src
    if references:
        out["references"] = {"field": ref(references)}
    if sub_fields:
        out["subField"] = sub_fields
    return out


def _json_path_key(name: str) -> str:
    return f".{name}" if name.isidentifier() else ".'" + name.replace("'", "\\'") + "'"


def column_fields(
    record_set: str,
    specs: Iterable[FieldSpec],
    resource: str,
    resource_kind: str,
    *,
    json_root: str | None = None,
) -> list[Json]:
    """Fields for table columns: ``extract.column`` (or ``jsonPath`` under ``json_root``).

    Struct columns become ``subField`` lists whose children extract the parent column and
    select the child with a ``jsonPath`` transform (what mlcroissant reads).
    """
    taken: set[str] = set()
    out = []
    for index, spec in enumerate(specs):
        name = spec.name or f"column_{index + 1}"
        field_id = f"{record_set}/{safe_id(name, taken)}"
        if json_root:
            extract: Json = {"jsonPath": json_root + _json_path_key(spec.name)}
        else:
            extract = {"column": spec.name}
        src = source(resource, resource_kind, extract)
        out.append(_spec_field(field_id, name, spec, src, path=()))
    return out


def _spec_field(
    field_id: str, name: str, spec: FieldSpec, src: Json, path: tuple[str, ...]
) -> Json:
    description = spec.description
    if not spec.nullable:
        description = "; ".join(filter(None, [description, "never null"]))
    if path:
        src = {**src, "transform": {"jsonPath": ".".join(path)}}
    children = None
    if spec.sub_fields:
        taken: set[str] = set()
        children = [
            _spec_field(
                f"{field_id}/{safe_id(child.name, taken)}",
                child.name,
                child,
                src if not path else {k: v for k, v in src.items() if k != "transform"},
                (*path, child.name),
            )
            for child in spec.sub_fields
        ]
    return field_json(
        field_id,
        name,
        spec.data_type,
        None if children else src,
        description=description,
        is_array=spec.is_array,
        array_shape=spec.array_shape,
        sub_fields=children,
    )


def record_set_json(
    uid: str,
    fields: list[Json],
    *,
    description: str | None = None,
    key: list[str] | None = None,
    data_type: str | None = None,
    data: list[Json] | None = None,
) -> Json:
    """A ``cr:RecordSet`` with its keys in a fixed order."""
    out: Json = {"@type": "cr:RecordSet", "@id": uid, "name": uid}
    if description:
        out["description"] = description
    if data_type:
        out["dataType"] = data_type
    if key:
        out["key"] = [ref(k) for k in key] if len(key) > 1 else ref(key[0])
    out["field"] = fields
    if data is not None:
        out["data"] = data
    return out


def regex_field(
    field_id: str,
    name: str,
    resource: str,
    resource_kind: str,
    regex: str,
    *,
    data_type: str = "sc:Text",
    description: str | None = None,
    file_property: str = "fullpath",
    references: str | None = None,
) -> Json:
    """A field computed from each file's path with a capturing regex (labels, partitions)."""
    src = source(resource, resource_kind, {"fileProperty": file_property}, {"regex": regex})
    return field_json(
        field_id, name, data_type, src, description=description, references=references
    )


def file_field(
    field_id: str,
    name: str,
    resource: str,
    resource_kind: str,
    file_property: str,
    data_type: str,
    description: str,
) -> Json:
    """A field taken from each file itself (``fullpath``, ``filename`` or ``content``)."""
    src = source(resource, resource_kind, {"fileProperty": file_property})
    return field_json(field_id, name, data_type, src, description=description)


def set_description(item: Json, text: str) -> None:
    """Replace a node's description in place, keeping the key order (after ``name``)."""
    pairs = [(k, v) for k, v in item.items() if k != "description"]
    position = next((i + 1 for i, (k, _) in enumerate(pairs) if k == "name"), len(pairs))
    pairs.insert(position, ("description", text))
    item.clear()
    item.update(pairs)
