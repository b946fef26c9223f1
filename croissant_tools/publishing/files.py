"""The files table of the dataset page: names, kinds, locations, sizes, formats, checksums."""

from __future__ import annotations

from markupsafe import Markup

from croissant_tools.model import FileObject, FileSet, Resource
from croissant_tools.publishing import html
from croissant_tools.publishing.facts import DatasetFacts, human_size
from croissant_tools.publishing.markup import Content, el
from croissant_tools.publishing.records import Anchors

FILE_COLUMNS = ["Name", "Kind", "Location", "Size", "Format", "Checksum", "Contained in"]


def _location(resource: Resource) -> Content:
    if isinstance(resource, FileObject):
        url = resource.content_url
        if url and url.startswith(("http://", "https://")):
            return html.link(url)
        return el("code", url) if url else None
    parts: list[Content] = [el("div", "includes ", el("code", g)) for g in resource.includes]
    parts.extend(el("div", "excludes ", el("code", g), class_="muted") for g in resource.excludes)
    return parts


def _size(resource: Resource) -> Content:
    if not isinstance(resource, FileObject) or resource.content_size is None:
        return None
    shown = human_size(resource.content_size) or ""
    exact, _, rest = shown.partition(" (")
    return [
        el("span", exact, class_="nowrap"),
        el("div", "(" + rest, class_="muted") if rest else None,
    ]


def _checksum(resource: Resource) -> Content:
    if not isinstance(resource, FileObject):
        return None
    return [
        el("div", el("div", label, class_="muted"), el("code", value, class_="hash"))
        for label, value in (("sha256", resource.sha256), ("md5", resource.md5))
        if value
    ] or None


def _contained_in(uid: str, facts: DatasetFacts, anchors: Anchors) -> Markup:
    container = facts.lookup.resource(uid)
    label = container.name if container is not None and container.name else uid
    anchor = anchors.resources.get(uid)
    return el("div", el("a", label, href=f"#{anchor}", dir="auto") if anchor else el("code", uid))


def files_body(facts: DatasetFacts, anchors: Anchors) -> Content:
    """The distribution table (files, sizes, formats, checksums)."""
    rows, ids = [], []
    for index, resource in enumerate(facts.metadata.distribution):
        name = resource.name or resource.id or f"file {index + 1}"
        rows.append(
            [
                [
                    el("strong", name, dir="auto"),
                    el("div", resource.description, class_="muted description")
                    if resource.description
                    else None,
                ],
                el(
                    "span", "file set" if isinstance(resource, FileSet) else "file", class_="nowrap"
                ),
                _location(resource),
                _size(resource),
                [el("div", el("code", f)) for f in resource.encoding_formats],
                _checksum(resource),
                [_contained_in(c, facts, anchors) for c in resource.contained_in],
            ]
        )
        ids.append(anchors.resources.get(resource.id or "") or f"file-{index}")
    return html.table(
        rows,
        FILE_COLUMNS,
        id="files",
        filterable=len(rows) >= 12,
        row_ids=ids,
        empty="The document lists no files.",
    )
