"""Planning: what to read, from where, for one record set, before any byte is read.

A :class:`RecordSetPlan` names the *base* origin whose rows become records (a FileObject
or FileSet, another record set, or inline ``data``), the raw columns each field needs
(:class:`ColumnRef`), the joins through ``references`` that bring in columns of other
origins, and the :class:`ReadSpec` for every resource. Anything the native reader does
not handle raises :class:`NotNative`, which :func:`croissant_tools.load` turns into a
delegation to mlcroissant (after the same safety checks) or a clear error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from croissant_tools import vocab
from croissant_tools.errors import DataError, InputError, UsageError
from croissant_tools.loading.files import resource_kinds
from croissant_tools.loading.readers import Method, ReadSpec
from croissant_tools.loading.schema import arrow_field, metadata_lookup
from croissant_tools.loading.transforms import transform_format
from croissant_tools.model import FieldNode, Metadata, RecordSet, Source, Transform

#: Reader kinds the native reader handles (others are delegated).
NATIVE_KINDS = frozenset(
    {"csv", "tsv", "parquet", "json", "jsonl", "text", "image", "audio", "video"}
)
#: Types the CSV parser produces directly (others are read as text and cast). Integers
#: are read as text: "1.0" is a whole number the parser would refuse, and "2.5" must be
#: refused by name (or truncated, counted, with lossy=True) — see casting.py.
_CSV_DIRECT = frozenset(
    [
        pa.float32(),
        pa.float64(),
        pa.bool_(),
        pa.string(),
    ]
)


class NotNative(Exception):
    """The native reader cannot read this record set; the message says why."""


@dataclass(frozen=True)
class ColumnRef:
    """A raw column of an origin: ``c:<column>``, ``j:<path>``, ``p:<property>``, ``f:<field>``."""

    origin: str
    raw: str

    @property
    def key(self) -> str:
        """The column name inside the loader's working batches."""
        return f"{self.origin}\x1f{self.raw}"


@dataclass
class FieldPlan:
    """How to compute one output field (or sub-field)."""

    node: FieldNode
    arrow: pa.Field
    source: ColumnRef | None = None
    transforms: list[Transform] = field(default_factory=list)
    fmt: str | None = None
    constant: Any = None
    children: list[FieldPlan] = field(default_factory=list)

    @property
    def id(self) -> str:
        """The output column name (the field's ``@id``)."""
        return self.arrow.name

    def walk(self) -> list[FieldPlan]:
        """This plan and all its descendants."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class JoinPlan:
    """A left join: rows of the base gain the columns of ``right_origin`` whose key matches."""

    left: ColumnRef
    left_transforms: list[Transform]
    right: ColumnRef
    where: str


@dataclass
class RecordSetPlan:
    """Everything needed to produce the records of one record set."""

    record_set: RecordSet
    base: str
    base_kind: str  # "resource", "record_set" or "inline"
    fields: list[FieldPlan]
    hidden: list[FieldPlan]
    joins: list[JoinPlan]
    reads: dict[str, ReadSpec]
    schema: pa.Schema


def column_ref(source: Source, metadata: Metadata, where: str) -> ColumnRef:
    """The raw column a ``source`` (or ``references``) points to."""
    extract = source.extract
    resource = metadata.source_resource(source)
    if resource is not None:
        found = metadata.resource(resource)
        if found is None:
            raise DataError(f"source names {resource!r}, which is not in distribution", where=where)
        if extract is None or not (extract.column or extract.json_path or extract.file_property):
            raise DataError(
                f"source reads {resource!r} but says nothing to extract",
                where=where,
                hint="add extract: {column | jsonPath | fileProperty}",
            )
        if extract.column:
            return ColumnRef(resource, f"c:{extract.column}")
        if extract.json_path:
            return ColumnRef(resource, f"j:{extract.json_path}")
        prop = extract.file_property or ""
        if prop not in vocab.FILE_PROPERTIES:
            raise DataError(f"unknown fileProperty {prop!r}", where=where)
        return ColumnRef(resource, f"p:{prop}")
    if source.field:
        found_field = metadata.field(source.field)
        if found_field is None:
            raise DataError(
                f"source names field {source.field!r}, which does not exist",
                where=where,
                hint=_did_you_mean(source.field, metadata),
            )
        return ColumnRef(found_field[0].id or "", f"f:{source.field}")
    if source.record_set:
        rs = metadata.record_set(source.record_set)
        column = extract.column if extract else None
        match = _field_by_column(rs, column) if rs is not None and column else None
        if rs is None or match is None:
            raise NotNative(f"{where}: unsupported recordSet source without a field")
        return ColumnRef(rs.id or "", f"f:{match}")
    raise DataError("source names no fileObject, fileSet, recordSet or field", where=where)


def _did_you_mean(uid: str, metadata: Metadata) -> str:
    import difflib

    known = [f.id for rs in metadata.record_sets for f in rs.walk_fields() if f.id]
    known += [r.id for r in metadata.distribution if r.id]
    close = difflib.get_close_matches(uid, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else "name a field or resource by its @id"


def _field_by_column(rs: RecordSet, column: str) -> str | None:
    for item in rs.fields:
        if item.id in (column, f"{rs.id}/{column}") or item.name == column:
            return item.id
    return None


def select_fields(rs: RecordSet, columns: list[str] | None) -> list[FieldNode]:
    """The top-level fields to output, by ``@id`` or name, in the order asked (each once:
    two output columns of one name cannot be told apart)."""
    if columns is None:
        return unique_fields(list(rs.fields), f"record set {rs.id!r}")
    chosen = []
    for name in columns:
        match = next((f for f in rs.fields if name in (f.id, f.name)), None)
        if match is None:
            known = ", ".join(repr(f.id) for f in rs.fields)
            raise UsageError(f"record set {rs.id!r} has no field {name!r}; fields: {known}")
        if match in chosen:
            raise UsageError(f"field {name!r} is asked for twice", hint="name each field once")
        chosen.append(match)
    return unique_fields(chosen, f"record set {rs.id!r}")


def unique_fields(items: list[FieldNode], where: str) -> list[FieldNode]:
    """``items``, after checking that no two share an ``@id`` (validator code ``CR301``)."""
    seen: set[str] = set()
    for item in items:
        key = item.id or item.name or ""
        if key in seen:
            raise InputError(
                f"two fields have the @id {key!r}, so their values cannot be told apart",
                where=where,
                hint="give every field its own @id (croissant-tools validate: CR301)",
            )
        seen.add(key)
    return items


def field_plan(item: FieldNode, metadata: Metadata) -> FieldPlan:
    """Plan one field and its sub-fields."""
    where = f"field {item.id!r}"
    plan = FieldPlan(node=item, arrow=arrow_field(item, metadata_lookup(metadata)))
    children = unique_fields(list(item.sub_fields), where)
    plan.children = [field_plan(child, metadata) for child in children]
    if item.source is not None and not item.sub_fields:
        plan.source = column_ref(item.source, metadata, where)
        plan.transforms = list(item.source.transforms)
        plan.fmt = transform_format(plan.transforms, item.source.format)
    if item.value is not None:
        plan.constant = item.value.value
    return plan


def _read_spec(
    refs: list[ColumnRef], types: dict[str, pa.DataType | None], max_json: int
) -> ReadSpec:
    methods: set[Method] = set()
    columns: dict[str, pa.DataType | None] = {}
    paths: list[str] = []
    props: list[str] = []
    for ref in refs:
        kind, name = ref.raw[:2], ref.raw[2:]
        if kind == "c:":
            methods.add("table")
            columns.setdefault(name, types.get(ref.key))
        elif kind == "j:":
            methods.add("json")
            paths.append(name)
        elif name in ("lines", "lineNumbers"):
            methods.add("lines")
        elif name == "content":
            methods.add("content")
        else:
            props.append(name)
    if len(methods) > 1:
        raise NotNative(f"fields read the same resource in several ways: {sorted(methods)}")
    method: Method = methods.pop() if methods else "files"
    return ReadSpec(
        method, columns, tuple(dict.fromkeys(paths)), tuple(dict.fromkeys(props)), max_json
    )


def csv_types(plans: list[FieldPlan]) -> dict[str, pa.DataType | None]:
    """Types CSV columns can be parsed as directly (one plain consumer, no transforms)."""
    consumers: dict[str, list[FieldPlan]] = {}
    for plan in plans:
        if plan.source is not None:
            consumers.setdefault(plan.source.key, []).append(plan)
    types: dict[str, pa.DataType | None] = {}
    for key, users in consumers.items():
        only = users[0]
        arrow_type = only.arrow.type
        direct = arrow_type in _CSV_DIRECT
        types[key] = arrow_type if len(users) == 1 and direct and not only.transforms else None
    return types


def _check_native(metadata: Metadata, origin: str, spec: ReadSpec) -> None:
    resource = metadata.resource(origin)
    if resource is None:
        return
    for container in resource.contained_in:
        found = metadata.resource(container)
        kinds = resource_kinds(found) if found is not None else []
        if found is None or not set(kinds) & {"zip", "tar", "gzip"}:
            raise NotNative(f"{origin!r} is contained in {container!r}, which is not an archive")
    kinds = [k for k in resource_kinds(resource) if k not in vocab.ARCHIVE_KINDS]
    if kinds and not set(kinds) & NATIVE_KINDS:
        raise NotNative(f"{origin!r} has encodingFormat {resource.encoding_formats}")
    if not kinds and spec.method in ("table", "json"):
        raise NotNative(f"{origin!r} declares no encodingFormat the loader can read")


def _needed_refs(plans: list[FieldPlan]) -> list[ColumnRef]:
    return [p.source for plan in plans for p in plan.walk() if p.source is not None]


def _join_candidates(rs: RecordSet, metadata: Metadata) -> list[JoinPlan]:
    joins = []
    for item in rs.walk_fields():
        if item.source is None or item.references is None:
            continue
        where = f"field {item.id!r} references"
        left = column_ref(item.source, metadata, where)
        right = column_ref(item.references, metadata, where)
        if left.origin != right.origin:
            joins.append(JoinPlan(left, list(item.source.transforms), right, where))
    return joins


def _choose_joins(
    origins: list[str], candidates: list[JoinPlan], rs: RecordSet
) -> tuple[str, list[JoinPlan]]:
    """The base origin and the joins (in an executable order) that bring in the others."""
    needed = set(origins)
    joins = [j for j in candidates if j.right.origin in needed]
    rights = {j.right.origin for j in joins}
    bases = [o for o in dict.fromkeys(origins) if o not in rights]
    if len(bases) != 1:
        shown = ", ".join(repr(o) for o in dict.fromkeys(origins))
        raise NotNative(f"record set {rs.id!r} reads from {shown} without references joining them")
    ordered: list[JoinPlan] = []
    available = {bases[0]}
    pending = list(joins)
    while pending:
        ready = [j for j in pending if j.left.origin in available]
        if not ready:
            raise NotNative(f"record set {rs.id!r}: joins do not connect to its base")
        for join in ready:
            if join.right.origin not in available:
                ordered.append(join)
                available.add(join.right.origin)
            pending.remove(join)
    return bases[0], ordered


def build_plan(
    metadata: Metadata,
    rs: RecordSet,
    columns: list[str] | None = None,
    *,
    extra: list[FieldNode] | None = None,
    max_json_bytes: int = 1024**3,
) -> RecordSetPlan:
    """Plan the record set ``rs``; ``extra`` fields are computed but not output (splits)."""
    selected = select_fields(rs, columns)
    hidden_nodes = [f for f in extra or [] if f not in selected]
    plans = [field_plan(f, metadata) for f in selected]
    hidden = [field_plan(f, metadata) for f in hidden_nodes]
    schema = pa.schema([p.arrow for p in plans])
    if rs.data is not None:
        return RecordSetPlan(rs, rs.id or "", "inline", plans, hidden, [], {}, schema)
    refs = _needed_refs(plans + hidden)
    if not refs:
        raise DataError(
            f"record set {rs.id!r} has no field with a source and no inline data",
            where=rs.path,
        )
    base, joins = _choose_joins([r.origin for r in refs], _join_candidates(rs, metadata), rs)
    refs += [j.left for j in joins] + [j.right for j in joins]
    reads: dict[str, ReadSpec] = {}
    types = csv_types(plans + hidden)
    for origin in dict.fromkeys(r.origin for r in refs):
        if metadata.resource(origin) is not None:
            origin_refs = [r for r in refs if r.origin == origin]
            reads[origin] = _read_spec(origin_refs, types, max_json_bytes)
            _check_native(metadata, origin, reads[origin])
    base_kind = "resource" if base in reads else "record_set"
    if base_kind == "record_set" and base == rs.id:
        raise NotNative(f"record set {rs.id!r} derives fields from its own fields")
    return RecordSetPlan(rs, base, base_kind, plans, hidden, joins, reads, schema)
