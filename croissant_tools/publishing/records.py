"""The record-set part of the dataset page: one collapsible block per record set, and splits.

Each record set shows its description, key, the files it reads, a table of every field
(sub-fields indented under their parent) with types, source and references, and up to
:data:`MAX_DATA_ROWS` rows of inline ``data``. Long field lists stay inside a scroll box
with a filter, so a 2,000-field record set does not stretch the page.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from croissant_tools.model import FieldNode, Metadata, RecordSet, Source
from croissant_tools.publishing import html
from croissant_tools.publishing.facts import (
    DatasetFacts,
    Lookup,
    inline_rows,
    plain,
    resources_of,
    type_label,
)
from croissant_tools.publishing.markup import Content, el
from croissant_tools.publishing.samples import Sample, sample_table

MAX_DATA_ROWS = 100
MAX_DATA_COLUMNS = 24
FILTER_FROM = 12
FIELD_COLUMNS = ["Field", "Type", "Description", "Source", "References"]


@dataclass(frozen=True)
class Anchors:
    """Page anchors for resources, record sets and fields, keyed by ``@id``.

    Anchors are generated (``rs-0``, ``rs-0-f-3``), never taken from the document, so any
    identifier (spaces, quotes, RTL text) links correctly.
    """

    resources: dict[str, str]
    record_sets: dict[str, str]
    fields: dict[str, str]

    @classmethod
    def of(cls, metadata: Metadata) -> Anchors:
        """Anchors for every node of ``metadata``."""
        resources = {r.id: f"file-{i}" for i, r in enumerate(metadata.distribution) if r.id}
        record_sets: dict[str, str] = {}
        fields: dict[str, str] = {}
        for i, rs in enumerate(metadata.record_sets):
            for key in (rs.id, rs.name):
                if key and key not in record_sets:
                    record_sets[key] = f"rs-{i}"
            for j, item in enumerate(rs.walk_fields()):
                if item.id and item.id not in fields:
                    fields[item.id] = f"rs-{i}-f-{j}"
        return cls(resources, record_sets, fields)

    @property
    def nodes(self) -> dict[str, str]:
        """Resource and record-set anchors together (for the diagram)."""
        return {**self.resources, **self.record_sets}


def _walk(fields: list[FieldNode], depth: int = 0) -> Iterator[tuple[FieldNode, int]]:
    for item in fields:
        yield item, depth
        yield from _walk(item.sub_fields + item.annotations, depth + 1)


def _type_cell(item: FieldNode) -> Content:
    names = [type_label(t) for t in item.data_types] or (["record"] if item.sub_fields else [])
    text = ", ".join(names) if names else "—"
    if item.is_array or item.repeated:
        text += "[]"
    shape = (
        el("div", "shape ", el("code", item.array_shape), class_="muted")
        if item.array_shape
        else None
    )
    return [el("code", text, class_="nowrap"), shape]


def _source_cell(source: Source | None, lookup: Lookup, anchors: Anchors) -> Content:
    if source is None:
        return None
    parts: list[Content] = []
    for kind, target in source.targets:
        if kind in ("fileObject", "fileSet"):
            parts.append(_ref(_resource_label(lookup, target), anchors.resources.get(target)))
        else:
            parts.append(
                _ref(target, anchors.fields.get(target) or anchors.record_sets.get(target))
            )
    pairs: list[tuple[str, str | None]] = []
    if source.extract is not None:
        extract = source.extract
        pairs += [("column", extract.column), ("jsonPath", extract.json_path)]
        pairs.append(("fileProperty", extract.file_property))
    for step in source.transforms:
        pairs += [("regex", step.regex), ("jsonPath", step.json_path), ("format", step.format)]
        pairs.append(("separator", step.separator))
    pairs.append(("format", source.format))
    parts.extend(el("div", f"{k} ", el("code", v), class_="muted") for k, v in pairs if v)
    return parts


def _resource_label(lookup: Lookup, uid: str) -> str:
    resource = lookup.resource(uid)
    return resource.name if resource is not None and resource.name else uid


def _ref(label: str, anchor: str | None) -> Markup:
    if anchor:
        return el("div", el("a", label, href=f"#{anchor}", dir="auto"))
    return el("div", el("code", label), " ", html.badge("not found", "warn"))


def _references_cell(item: FieldNode, lookup: Lookup, anchors: Anchors) -> Content:
    ref = item.references
    if ref is None:
        return None
    target = ref.field or ref.record_set or ref.resource
    if not target:
        return None
    found = lookup.field(target)
    label = f"{found[0].name or found[0].id} / {found[1].name or found[1].id}" if found else target
    return _ref(label, anchors.fields.get(target) or anchors.record_sets.get(target))


def breakable(text: str) -> Markup:
    """``text`` escaped, with a line-break opportunity after each ``/``: ids such as
    ``record_set/field`` wrap between their parts, never inside a word."""
    return Markup("/<wbr>").join(escape(part) for part in text.split("/"))


def _name_cell(item: FieldNode, key: set[str]) -> Content:
    name = item.name or item.id or "(unnamed)"
    mark = (
        html.badge("key", "info", title="part of the record set's key") if item.id in key else None
    )
    ident = (
        el("div", el("code", breakable(item.id), class_="ident"), class_="muted")
        if item.id and item.id != name
        else None
    )
    return [el("strong", name, dir="auto"), " " if mark else None, mark, ident]


def fields_table(record_set: RecordSet, lookup: Lookup, anchors: Anchors, table_id: str) -> Markup:
    """The field table of one record set (every field and sub-field, in document order)."""
    key = set(record_set.key)
    rows: list[list[Content]] = []
    ids: list[str | None] = []
    classes: list[str | None] = []
    for item, depth in _walk(record_set.fields):
        rows.append(
            [
                _name_cell(item, key),
                _type_cell(item),
                el("span", item.description, class_="description") if item.description else None,
                _source_cell(item.source, lookup, anchors),
                _references_cell(item, lookup, anchors),
            ]
        )
        anchor = anchors.fields.get(item.id or "")
        ids.append(anchor if anchor not in ids else None)  # an anchor names one row only
        classes.append(f"depth-{min(depth, 3)}" if depth else None)
    return html.table(
        rows,
        FIELD_COLUMNS,
        id=table_id,
        filterable=len(rows) >= FILTER_FROM,
        row_ids=ids,
        row_classes=classes,
        empty="This record set declares no fields.",
    )


def data_table(value: list[Any], caption: str, names: dict[str, str]) -> Markup | None:
    """Inline ``data``/``examples`` rows as a table (first :data:`MAX_DATA_ROWS` rows).

    Columns are keyed by field ``@id`` in the document; ``names`` maps them to field names.
    """
    rows = [row for row in value if isinstance(row, dict)]
    if not rows:
        return el("pre", el("code", plain(value))) if value else None
    columns = list(dict.fromkeys(k for row in rows for k in row))[:MAX_DATA_COLUMNS]
    shown = rows[:MAX_DATA_ROWS]
    note = f"{caption}: {len(rows):,} rows" + (
        f", first {len(shown):,} shown" if len(shown) < len(rows) else ""
    )
    headers = [names.get(c, c) for c in columns]
    return html.table(
        [[plain(row.get(c)) for c in columns] for row in shown], headers, caption=note
    )


def record_set_block(
    index: int,
    record_set: RecordSet,
    facts: DatasetFacts,
    anchors: Anchors,
    sample: Sample | None = None,
) -> Markup:
    """One ``<details>`` block for a record set (with its first rows, when read)."""
    lookup = facts.lookup
    count = sum(1 for _ in record_set.walk_fields())
    summary = el(
        "summary",
        el("span", record_set.name or record_set.id or f"record set {index + 1}", dir="auto"),
        html.badge(f"{count:,} fields"),
        html.badge("splits", "warn") if record_set.is_split else None,
    )
    resources = resources_of(record_set)
    field_names = {f.id: f.name or f.id for f in record_set.walk_fields() if f.id}
    facts_list = html.kv(
        [
            ("Id", el("code", record_set.id) if record_set.id else None),
            ("Key", [el("code", field_names.get(k, k)) for k in record_set.key] or None),
            (
                "Reads",
                [_ref(_resource_label(lookup, r), anchors.resources.get(r)) for r in resources]
                or None,
            ),
            ("Data type", ", ".join(type_label(t) for t in record_set.data_types) or None),
        ]
    )
    description = (
        el("p", record_set.description, class_="description", dir="auto")
        if record_set.description
        else None
    )
    table = fields_table(record_set, lookup, anchors, f"rs-{index}-fields")
    data = data_table(inline_rows(record_set), "Inline data", field_names)
    examples = data_table(inline_rows(record_set, "cr:examples"), "Examples", field_names)
    rows = sample_table(sample, field_names) if sample is not None else None
    return el(
        "details", summary, description, facts_list, table, data, examples, rows,
        id=anchors.record_sets.get(record_set.id or record_set.name or "", f"rs-{index}"),
        open=True, class_="rs",
    )  # fmt: skip


def record_sets_body(
    facts: DatasetFacts, anchors: Anchors, samples: Mapping[str, Sample] | None = None
) -> Content:
    """All record-set blocks with "expand/collapse all" buttons (and sample rows)."""
    samples = samples or {}
    record_sets = facts.metadata.record_sets
    if not record_sets:
        return el("p", "The document declares no record sets.", class_="muted")
    toolbar = el(
        "div",
        el(
            "button",
            "Expand all",
            type="button",
            class_="js-only",
            data_expand="open",
            data_target="details.rs",
        ),
        el(
            "button",
            "Collapse all",
            type="button",
            class_="js-only",
            data_expand="close",
            data_target="details.rs",
        ),
        class_="toolbar",
    )
    blocks = [
        record_set_block(i, rs, facts, anchors, samples.get(rs.id or rs.name or ""))
        for i, rs in enumerate(record_sets)
    ]
    return [toolbar, blocks]


def splits_body(facts: DatasetFacts, anchors: Anchors) -> Content:
    """Split names per split record set, and which record sets they partition."""
    parts: list[Content] = []
    for info in facts.splits:
        rs = info.record_set
        name = rs.name or rs.id or "splits"
        names = [
            html.badge(n if info.kinds.get(n, n) == n else f"{n} ({info.kinds[n]})", "info")
            for n in info.names
        ]
        partitioned = [
            el(
                "li",
                _ref(
                    f"{source.name or source.id} / {item.name or item.id}",
                    anchors.fields.get(item.id or ""),
                ),
            )
            for source, item in info.partitions
        ]
        parts.append(
            [
                el(
                    "h3",
                    el(
                        "a", name, href=f"#{anchors.record_sets.get(rs.id or name, '')}", dir="auto"
                    ),
                ),
                el("div", names, class_="badges")
                if names
                else el("p", "No split names in inline data.", class_="muted"),
                el("p", "Partitions:") if partitioned else None,
                el("ul", partitioned, class_="plain") if partitioned else None,
            ]
        )
    return parts
