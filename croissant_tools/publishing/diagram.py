"""The structure diagram: files, record sets and the joins between them, as inline SVG.

Nodes are laid out in columns by dependency: archives and files first, then record sets
after everything they read (a record set built from another record set sits to its
right). Edges: "reads from" (file → record set), "contained in" (archive → file),
"derived from" (record set → record set, via a field source) and "references" (a join
between fields, dashed and labelled). Every node links to its section of the page, and
every label carries its full text in a tooltip because long names are shortened.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from croissant_tools.model import FileSet, Metadata, RecordSet
from croissant_tools.publishing.facts import DatasetFacts, resources_of
from croissant_tools.publishing.markup import Content, el

BOX_W, BOX_H, COL_GAP, ROW_GAP, MARGIN = 210, 46, 76, 18, 16
#: Diagrams up to this width shrink to fit the page; wider ones scroll.
FIT_WIDTH = 1700
#: Boxes shown per column; the rest are folded into one "N more" box.
MAX_ROWS = 24
MAX_NAME = 27
#: How far a same-column edge bulges into the gap (a Bezier reaches 3/4 of it): it stays
#: inside the gap, clear of the next column's boxes.
MAX_BULGE = COL_GAP - 14


@dataclass
class _Box:
    key: str
    name: str
    kind: str
    css: str
    href: str | None
    column: int = 0
    row: int = 0

    @property
    def x(self) -> int:
        return MARGIN + self.column * (BOX_W + COL_GAP)

    @property
    def y(self) -> int:
        return MARGIN + 22 + self.row * (BOX_H + ROW_GAP)


@dataclass(frozen=True)
class _Edge:
    start: str
    end: str
    kind: str  # source | contains | derived | join
    label: str = ""


def _short(text: str, limit: int = MAX_NAME) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _boxes(metadata: Metadata, anchors: Mapping[str, str]) -> dict[str, _Box]:
    boxes: dict[str, _Box] = {}
    for index, resource in enumerate(metadata.distribution):
        key = resource.id or f"resource-{index}"
        kind = "FileSet" if isinstance(resource, FileSet) else "FileObject"
        formats = ", ".join(resource.encoding_formats)
        boxes[key] = _Box(
            key,
            resource.name or key,
            f"{kind} · {formats}" if formats else kind,
            "node file",
            anchors.get(key),
        )
    for index, record_set in enumerate(metadata.record_sets):
        key = record_set.id or record_set.name or f"record-set-{index}"
        count = sum(1 for _ in record_set.walk_fields())
        kind = (
            "Split record set"
            if record_set.is_split
            else "Enumeration"
            if "sc:Enumeration" in record_set.data_types
            else "RecordSet"
        )
        css = "node rs split" if record_set.is_split else "node rs"
        boxes[key] = _Box(
            key, record_set.name or key, f"{kind} · {count:,} fields", css, anchors.get(key)
        )
    return boxes


def _edges(facts: DatasetFacts, boxes: Mapping[str, _Box]) -> list[_Edge]:
    edges: list[_Edge] = []
    metadata = facts.metadata
    for resource in metadata.distribution:
        for container in resource.contained_in:
            if resource.id and container in boxes:
                edges.append(_Edge(container, resource.id, "contains"))
    for index, record_set in enumerate(metadata.record_sets):
        key = record_set.id or record_set.name or f"record-set-{index}"
        for uid in resources_of(record_set):
            if uid in boxes:
                edges.append(_Edge(uid, key, "source"))
        for origin in _derived_from(facts, record_set):
            if origin in boxes and origin != key:
                edges.append(_Edge(origin, key, "derived"))
    for join in facts.joins:
        if join.target is None or join.target is join.source:
            continue
        start = join.source.id or join.source.name or ""
        end = join.target.id or join.target.name or ""
        if start in boxes and end in boxes:
            target = join.target_field.name if join.target_field else None
            label = f"{join.field.name or join.field.id} → {target or join.target_id}"
            edges.append(_Edge(start, end, "join", label))
    return list(dict.fromkeys(edges))


def _derived_from(facts: DatasetFacts, record_set: RecordSet) -> list[str]:
    origins = []
    for item in record_set.walk_fields():
        source = item.source
        if source is None:
            continue
        if source.record_set:
            origins.append(source.record_set)
        elif source.field:
            found = facts.lookup.field(source.field)
            if found and found[0].id:
                origins.append(found[0].id)
    return origins


def _longest_paths(keys: list[str], edges: list[tuple[str, str]], base: int) -> dict[str, int]:
    """Column of each key: ``base`` + longest chain of edges into it (cycles cut)."""
    column = dict.fromkeys(keys, base)
    for _ in range(len(keys)):
        changed = False
        for start, end in edges:
            if start in column and end in column and column[start] + 1 > column[end]:
                column[end], changed = column[start] + 1, True
        if not changed:
            break
    return column


def _layout(boxes: Mapping[str, _Box], edges: list[_Edge]) -> None:
    """Files first (archives left of their members), then record sets after what they use.

    A record set sits right of the record sets it is derived from (a field sourced from
    another record set). Joins do not move boxes: a join between record sets of one column
    is drawn in the gap on its right, so no edge has to pass under another box to reach a
    lookup table (splits, class names) placed after the record set that references it.
    """
    files = [key for key, box in boxes.items() if box.css == "node file"]
    record_sets = [key for key, box in boxes.items() if box.css != "node file"]
    file_edges = [(e.start, e.end) for e in edges if e.kind == "contains"]
    columns = _longest_paths(files, file_edges, 0)
    base = max(columns.values(), default=-1) + 1
    rs_edges = [(e.start, e.end) for e in edges if e.kind == "derived"]
    columns.update(_longest_paths(record_sets, rs_edges, base))
    rows: dict[int, int] = {}
    for key, box in boxes.items():
        box.column = columns[key]
        box.row = rows.get(box.column, 0)
        rows[box.column] = box.row + 1


def _lane(start: _Box, end: _Box) -> float:
    """A horizontal corridor in the gap under the lower box: no box of any column is there."""
    return MARGIN + 22 + (max(start.row, end.row) + 1) * (BOX_H + ROW_GAP) - ROW_GAP / 2


def _fold(boxes: dict[str, _Box], edges: list[_Edge]) -> tuple[dict[str, _Box], list[_Edge]]:
    """Fold the boxes of any column beyond :data:`MAX_ROWS` into one box; re-route edges."""
    folded: dict[str, str] = {}
    kept: dict[str, _Box] = {}
    for key, box in boxes.items():
        if box.row < MAX_ROWS - 1:
            kept[key] = box
            continue
        more = f"more-{box.column}"
        folded[key] = more
        if more not in kept:
            is_file = box.css == "node file"
            anchor = "files-section" if is_file else "record-sets"
            kept[more] = _Box(
                more, "", "see the tables below", box.css, anchor, box.column, box.row
            )
    if not folded:
        return boxes, edges
    for more in set(folded.values()):
        count = sum(1 for target in folded.values() if target == more)
        noun = "files" if kept[more].css == "node file" else "record sets"
        kept[more].name = f"{count:,} more {noun}"
    rerouted = []
    for edge in edges:
        start, end = folded.get(edge.start, edge.start), folded.get(edge.end, edge.end)
        if start != end:
            label = edge.label if start == edge.start and end == edge.end else ""
            rerouted.append(_Edge(start, end, edge.kind, label))
    return kept, list(dict.fromkeys(rerouted))


def _path(start: _Box, end: _Box, shift: float = 0) -> str:
    """An edge from ``start`` to ``end``; ``shift`` moves both ends up (joins vs. reads)."""
    y1, y2 = start.y + BOX_H / 2 - shift, end.y + BOX_H / 2 - shift
    if start.column == end.column:  # bulge out into the gap on the right-hand side
        x1, x2 = start.x + BOX_W, end.x + BOX_W + 6
        bulge = x1 + min(36 + 6 * abs(start.row - end.row), MAX_BULGE)
        return f"M{x1},{y1 + 5} C{bulge},{y1 + 5} {bulge},{y2 - 5} {x2},{y2 - 5}"
    forward = end.column > start.column
    x1 = start.x + BOX_W if forward else start.x
    x2 = end.x - 6 if forward else end.x + BOX_W + 6
    step = COL_GAP / 2 if forward else -COL_GAP / 2
    if abs(end.column - start.column) == 1:
        mid = (x1 + x2) / 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
    lane = _lane(start, end)  # long edges run between rows so they cross no box
    a, b = x1 + step, x2 - step
    return (
        f"M{x1},{y1} C{a},{y1} {x1},{lane} {a},{lane} L{b},{lane} C{x2},{lane} {b},{y2} {x2},{y2}"
    )


def _node(box: _Box) -> Markup:
    shape = [
        el("title", f"{box.name} ({box.kind})"),
        el("rect", x=box.x, y=box.y, width=BOX_W, height=BOX_H, rx=8),
        el("text", _short(box.name), x=box.x + 10, y=box.y + 19, class_="name"),
        el("text", _short(box.kind, 34), x=box.x + 10, y=box.y + 36, class_="kind"),
    ]
    inner: Content = el("a", shape, href=f"#{box.href}") if box.href else shape
    return el("g", inner, class_=box.css)


def _markers() -> Markup:
    def arrow(kind: str) -> Markup:
        return el(
            "marker",
            el("path", d="M0,0 L8,4 L0,8 z", class_=f"arrow-{kind}"),
            id=f"arrow-{kind}",
            viewBox="0 0 8 8",
            refX=7,
            refY=4,
            markerWidth=7,
            markerHeight=7,
            orient="auto",
        )

    return el("defs", [arrow(kind) for kind in ("source", "join", "derived")])


def _plan(facts: DatasetFacts, anchors: Mapping[str, str]) -> tuple[dict[str, _Box], list[_Edge]]:
    """Boxes placed in columns and rows, and the edges between them (folded past MAX_ROWS)."""
    boxes = _boxes(facts.metadata, anchors)
    edges = _edges(facts, boxes)
    _layout(boxes, edges)
    return _fold(boxes, edges)


@dataclass(frozen=True)
class Geometry:
    """Where the diagram draws things: box rectangles ``(x, y, w, h)`` and edge paths."""

    boxes: dict[str, tuple[float, float, float, float]]
    #: ``(start box, end box, SVG path data)``
    edges: list[tuple[str, str, str]]


def geometry(facts: DatasetFacts) -> Geometry:
    """The diagram's boxes and edge paths, as drawn (for tests of the layout)."""
    boxes, edges = _plan(facts, {})
    return Geometry(
        {key: (box.x, box.y, BOX_W, BOX_H) for key, box in boxes.items()},
        [(e.start, e.end, _path(boxes[e.start], boxes[e.end], _shift(e))) for e in edges],
    )


def _shift(edge: _Edge) -> float:
    return 8 if edge.kind == "join" else 0


def structure_svg(facts: DatasetFacts, anchors: Mapping[str, str]) -> Markup:
    """The diagram for ``facts``; ``anchors`` maps resource/record-set ids to page anchors."""
    boxes, edges = _plan(facts, anchors)
    if not boxes:
        return el("p", "The document describes no files and no record sets.", class_="muted")
    columns = max(box.column for box in boxes.values()) + 1
    rows = max(box.row for box in boxes.values()) + 1
    bulges = any(boxes[e.start].column == boxes[e.end].column for e in edges)
    width = MARGIN * 2 + columns * BOX_W + (columns - 1) * COL_GAP + (60 if bulges else 0)
    height = MARGIN * 2 + 22 + rows * (BOX_H + ROW_GAP)
    heads = []
    for column, title in enumerate(_column_titles(boxes, columns)):
        heads.append(
            el("text", title, x=MARGIN + column * (BOX_W + COL_GAP), y=MARGIN + 8, class_="label")
        )
    lines = []
    for edge in edges:
        start, end = boxes[edge.start], boxes[edge.end]
        marker = {"source": "source", "derived": "derived", "join": "join"}.get(edge.kind)
        lines.append(
            el(
                "path",
                el("title", edge.label or f"{start.name} → {end.name}"),
                d=_path(start, end, _shift(edge)),
                class_=edge.kind,
                marker_end=f"url(#arrow-{marker})" if marker else None,
            )
        )
    svg = el(
        "svg",
        el("title", "Files, record sets and joins"),
        _markers(),
        heads,
        lines,
        [_node(box) for box in boxes.values()],
        viewBox=f"0 0 {width} {height}",
        width=width,
        height=height,
        role="img",
        aria_label="Files, record sets and joins",
        xmlns="http://www.w3.org/2000/svg",
        class_="diagram fit" if width <= FIT_WIDTH else "diagram",
    )
    legend = el(
        "div",
        el("span", "reads from", class_="l-source"),
        el("span", "contained in", class_="l-contains"),
        el("span", "derived from", class_="l-derived"),
        el("span", "references (join)", class_="l-join"),
        class_="legend-row",
    )
    return Markup("").join(
        [legend, el("div", svg, class_="diagram-wrap"), _join_list(edges, boxes)]
    )


def _column_titles(boxes: Mapping[str, _Box], columns: int) -> list[str]:
    titles = []
    for column in range(columns):
        kinds = {box.css == "node file" for box in boxes.values() if box.column == column}
        titles.append("Files" if kinds == {True} else "Record sets" if kinds == {False} else "")
    return [t if t not in titles[:i] else "" for i, t in enumerate(titles)]


def _join_list(edges: list[_Edge], boxes: Mapping[str, _Box]) -> Markup:
    joins = [edge for edge in edges if edge.kind == "join"]
    if not joins:
        return Markup("")
    items = [
        el(
            "li",
            el("strong", boxes[e.start].name, dir="auto"),
            " → ",
            el("strong", boxes[e.end].name, dir="auto"),
            ": ",
            el("code", e.label),
        )
        for e in joins
    ]
    return el(
        "details",
        el("summary", f"{len(joins):,} join(s) between record sets"),
        el("ul", items, class_="plain"),
    )
