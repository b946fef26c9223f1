"""Semantic checks of record sets and fields (part of layer 4, ``CR3xx``)."""

from __future__ import annotations

import difflib
import re
from typing import Any

from croissant_tools import vocab
from croissant_tools.model import Extract, FieldNode, Metadata, RecordSet, Transform
from croissant_tools.safety import MAX_REFERENCE_CHAIN
from croissant_tools.validation.report import make_issue
from croissant_tools.validation.semantics import Index, kind_of, resolve_source

_SHAPE = re.compile(r"^\s*[\(\[]?\s*(-1|\d+)(\s*,\s*(-1|\d+))*\s*,?\s*[\)\]]?\s*$")


def check_record_set(record_set: RecordSet, metadata: Metadata, index: Index) -> None:
    """Check a record set, its fields (recursively), its key, data and splits."""
    if not record_set.fields and record_set.data is None:
        message = "the record set has no fields, so its records have nothing in them"
        index.issues.append(make_issue("CR330", record_set.path, message, node=record_set.id))
    own_ids = {item.id for item in record_set.walk_fields() if item.id}
    for uid in record_set.key:
        if uid in own_ids:
            continue
        target = index.resolve(uid, f"{record_set.path}.key", {"field"}, "key")
        if target is not None:
            message = f"key {uid!r} is a field of another record set"
            index.issues.append(make_issue("CR317", record_set.path, message, node=record_set.id))
    has_data = record_set.data is not None
    for item in record_set.fields:
        _check_field(item, index, needs_origin=not has_data, top=True)
    for item in record_set.annotations:
        _check_field(item, index, needs_origin=False, top=False)
    if has_data:
        _check_data(record_set, index)
    if record_set.is_split:
        _check_split(record_set, index)


def _check_field(item: FieldNode, index: Index, *, needs_origin: bool, top: bool) -> None:
    where = f"field {item.id or item.name or '?'}"
    has_value = item.value is not None
    if item.source is not None and has_value:
        message = f"{where} has both a source and a value; a field takes its values from one"
        index.issues.append(make_issue("CR306", item.path, message, node=item.id))
    elif item.source is None and not has_value and not item.sub_fields and needs_origin:
        message = f"{where} has neither a source nor a value, so it has no data"
        hint = 'add "source": {"fileObject": {"@id": "..."}, "extract": {"column": "..."}}'
        index.issues.append(make_issue("CR305", item.path, message, node=item.id, hint=hint))
    if item.source is not None:
        resolve_source(item.source, index, f"the source of {where}")
        _check_extract_transforms(item, index)
    if item.references is not None:
        wanted = {"field"}
        if len(item.references.targets) == 1:
            index.resolve(item.references.targets[0][1], item.references.path, wanted, "references")
    _check_data_type(item, index, has_value)
    _check_array(item, index)
    inherited = needs_origin and item.source is None and not has_value
    for child in item.sub_fields:
        _check_field(child, index, needs_origin=inherited, top=False)
    for child in item.annotations:
        _check_field(child, index, needs_origin=False, top=False)


def _check_data_type(item: FieldNode, index: Index, has_value: bool) -> None:
    if item.sub_fields:
        return
    where = f"field {item.id or item.name or '?'}"
    if has_value:
        if not item.data_types:
            message = f"{where} has a constant value but no dataType"
            index.issues.append(make_issue("CR307", item.path, message, node=item.id))
        return
    if _loadable_type(item, index, set()):
        return
    shown = ", ".join(item.data_types) if item.data_types else "none"
    message = f"{where} has no dataType a loader can read (found: {shown}), nor does its source"
    hint = 'add an atomic type, e.g. "dataType": "sc:Text" (or ["sc:Text", "cr:Label"])'
    meant = next(filter(None, map(vocab.suggest_data_type, item.data_types)), None)
    if meant is not None:  # the same suggestion as the CR214 warning on the type itself
        hint = f"did you mean {meant!r}?"
    index.issues.append(make_issue("CR307", item.path, message, node=item.id, hint=hint))


def _loadable_type(item: FieldNode, index: Index, seen: set[str]) -> bool:
    """Whether the field, or a field its source chain reaches, has a loadable type.

    Followed iteratively and for at most :data:`MAX_REFERENCE_CHAIN` links (a longer chain
    is reported as such, ``CR333``, and no reader follows it), so a document of thousands
    of chained fields costs linear time.
    """
    while not any(t in vocab.LOADABLE_TYPES for t in item.data_types):
        if len(seen) > MAX_REFERENCE_CHAIN:
            return True
        if item.source is None or len(item.source.targets) != 1:
            return False
        kind, uid = item.source.targets[0]
        target = index.nodes.get(uid)
        if uid in seen:
            message = f"sources of fields form a cycle through {uid!r}"
            index.issues.append(make_issue("CR318", item.path, message, node=item.id))
            return True
        if kind != "field" or not isinstance(target, FieldNode):
            return False
        seen.add(uid)
        item = target
    return True


def _check_array(item: FieldNode, index: Index) -> None:
    if item.array_shape is None:
        return
    if not item.is_array:
        message = f"field {item.id or '?'} has arrayShape {item.array_shape!r} but not isArray"
        index.issues.append(make_issue("CR308", item.path, message, node=item.id))
    if not _SHAPE.match(str(item.array_shape)):
        message = f"arrayShape {item.array_shape!r} is not comma-separated sizes (-1 = unknown)"
        index.issues.append(make_issue("CR309", item.path, message, node=item.id))


def _check_extract_transforms(item: FieldNode, index: Index) -> None:
    source = item.source
    assert source is not None
    if source.extract is not None:
        _check_extract(source.extract, item, index)
    for transform in source.transforms:
        _check_transform(transform, item, index)


def _check_extract(extract: Extract, item: FieldNode, index: Index) -> None:
    given = [
        name
        for name, value in (
            ("fileProperty", extract.file_property),
            ("column", extract.column),
            ("jsonPath", extract.json_path),
        )
        if value is not None
    ]
    if len(given) != 1:
        shown = ", ".join(given) if given else "nothing"
        message = f"extract gives {shown}; it takes one of fileProperty, column or jsonPath"
        index.issues.append(make_issue("CR312", extract.path, message, node=item.id))
    if extract.json_path is not None:
        _check_json_path(extract.json_path, f"{extract.path}.jsonPath", item, index)


def _check_transform(transform: Transform, item: FieldNode, index: Index) -> None:
    strings = [
        name
        for name, value in (
            ("regex", transform.regex),
            ("jsonPath", transform.json_path),
            ("separator", transform.separator),
            ("format", transform.format),
            ("replace", transform.replace),
        )
        if value is not None
    ]
    flags = (
        bool(transform.read_lines) or bool(transform.un_archive) or bool(transform.sampling_rate)
    )
    if len(strings) > 1 or (not strings and not flags):
        shown = ", ".join(strings) if strings else "no operation"
        message = f"transform holds {shown}; each transform holds exactly one operation"
        hint = "write a list of transforms, one operation each"
        index.issues.append(make_issue("CR313", transform.path, message, node=item.id, hint=hint))
    if transform.regex is not None:
        _check_regex(transform.regex, f"{transform.path}.regex", item, index)
    if transform.json_path is not None:
        _check_json_path(transform.json_path, f"{transform.path}.jsonPath", item, index)


def _check_regex(pattern: str, path: str, item: FieldNode, index: Index) -> None:
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        message = f"regex {_shown(pattern)} does not compile: {compile_problem(exc)}"
        index.issues.append(make_issue("CR314", path, message, node=item.id))
        return
    if compiled.groups == 0:
        message = f"regex {pattern!r} has no capture group, so the value is the whole match"
        index.issues.append(make_issue("CR331", path, message, node=item.id))


def compile_problem(exc: BaseException) -> str:
    """Why a regex does not compile, in words (Python's compiler recurses per group)."""
    if isinstance(exc, RecursionError):
        return "it is nested too deeply to compile"
    return str(exc)


def _shown(pattern: str) -> str:
    return (
        repr(pattern) if len(pattern) <= 200 else f"{pattern[:200]!r}... ({len(pattern):,} chars)"
    )


def _check_json_path(expression: str, path: str, item: FieldNode, index: Index) -> None:
    try:
        import jsonpath_rw

        jsonpath_rw.parse(expression)
    except ImportError:  # pragma: no cover - jsonpath_rw comes with mlcroissant
        return
    except Exception as exc:
        message = f"JSONPath {expression!r} does not parse: {exc}"
        index.issues.append(make_issue("CR315", path, message, node=item.id))


def _check_data(record_set: RecordSet, index: Index) -> None:
    assert record_set.data is not None
    rows = record_set.data.value
    path = record_set.data.path
    if isinstance(rows, dict):
        rows = [rows]
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        message = "data must be a non-empty list of records (objects keyed by field @id)"
        index.issues.append(make_issue("CR316", path, message, node=record_set.id))
        return
    expected = {item.id for item in record_set.fields if item.id}
    for number, row in enumerate(rows):
        keys = set(row)
        if keys != expected:
            missing = sorted(expected - keys)
            extra = sorted(keys - expected)
            message = (
                f"record {number} does not match the fields: missing {missing}, unknown {extra}"
            )
            hint = _data_hint(extra, expected)
            index.issues.append(
                make_issue("CR316", f"{path}[{number}]", message, node=record_set.id, hint=hint)
            )


def _data_hint(extra: list[str], expected: set[str]) -> str:
    for key in extra:
        close = difflib.get_close_matches(key, sorted(expected), n=1)
        if close:
            return f"did you mean {close[0]!r} for {key!r}?"
    return "key every record by the @id of the record set's fields"


def _check_split(record_set: RecordSet, index: Index) -> None:
    has_source = any(item.source is not None for item in record_set.fields)
    if record_set.data is None and not has_source:
        message = "a cr:Split record set lists its splits in data or reads them from a source"
        index.issues.append(make_issue("CR327", record_set.path, message, node=record_set.id))
        return
    if record_set.data is None or not isinstance(record_set.data.value, list):
        return
    rows, data_path = record_set.data.value, record_set.data.path
    by_id = {i.id: i for i in record_set.fields if i.id}
    split_fields = [i for i in record_set.fields if vocab.SPLIT in i.data_types]
    keys = [by_id[k] for k in record_set.key if k in by_id] or record_set.fields[:1]
    _check_split_names(rows, keys, data_path, record_set, index)
    for number, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        for item in split_fields:
            value = row_value(row, item)
            _check_split_value(value, f"{data_path}[{number}]", record_set, index)


def row_value(row: dict[str, Any], item: FieldNode) -> Any:
    """A field's value in an inline ``data`` row, keyed as loaders accept it: by the
    field's ``@id``, its name, or the last segment of its ``@id``."""
    for key in (item.id, item.name, (item.id or "").rsplit("/", 1)[-1]):
        if key and key in row:
            return row[key]
    return None


def _check_split_names(
    rows: list[Any], keys: list[FieldNode], data_path: str, rs: RecordSet, index: Index
) -> None:
    seen: set[Any] = set()
    for number, row in enumerate(rows):
        if not isinstance(row, dict) or not keys:
            continue
        values = [row_value(row, k) for k in keys]
        if all(v is None for v in values):
            continue  # a row without the key: CR316 reports it
        value = tuple(repr(v) for v in values)
        if value in seen:
            message = f"split {', '.join(value)} is listed twice"
            index.issues.append(make_issue("CR327", f"{data_path}[{number}]", message, node=rs.id))
        seen.add(value)


def _check_split_value(value: Any, path: str, record_set: RecordSet, index: Index) -> None:
    if not isinstance(value, str):
        return
    name = value.replace(vocab.CR, "cr:")
    if not name.startswith("cr:") or name in vocab.SPLIT_VALUES:
        return
    known = sorted(vocab.SPLIT_VALUES)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}?" if close else "use " + ", ".join(known)
    message = f"{value!r} is not a Croissant split"
    index.issues.append(make_issue("CR328", path, message, node=record_set.id, hint=hint))


__all__ = ["check_record_set", "kind_of"]
