"""The dataset page (``index.html``): the Croissant document for people and for search engines.

The document itself is embedded unchanged as JSON-LD in ``<head>`` (what Google Dataset
Search reads); the body shows the same metadata for people, section by section. Missing
optional properties simply leave their line out; nothing on the page comes from the
network. See :mod:`croissant_tools.publishing.html` for the escaping rules.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from croissant_tools import __version__, vocab
from croissant_tools.model import FileObject, FileSet, Resource
from croissant_tools.publishing import html
from croissant_tools.publishing.checks import ValidationSummary
from croissant_tools.publishing.diagram import structure_svg
from croissant_tools.publishing.facts import Agent, DatasetFacts, human_size, plain, term_label
from croissant_tools.publishing.markup import Content, el
from croissant_tools.publishing.records import Anchors, record_sets_body, splits_body

FILE_COLUMNS = ["Name", "Kind", "Location", "Size", "Format", "Checksum", "Contained in"]
FINDING_COLUMNS = ["Severity", "Code", "Where", "Message", "Hint"]
_TONE: dict[str, html.Tone] = {"error": "error", "warning": "warn", "info": "info"}


def _agent(agent: Agent) -> Markup:
    extras = [agent.affiliation, agent.kind if agent.kind not in (None, "Person") else None]
    detail = ", ".join(e for e in extras if e)
    email = (
        html.link(f"mailto:{agent.email}", agent.email)
        if agent.email and "@" in agent.email
        else None
    )
    return el(
        "li",
        html.link(agent.url, agent.name) if agent.url else el("span", agent.name, dir="auto"),
        el("span", f" ({detail})", class_="muted", dir="auto") if detail else None,
        [" · ", email] if email else None,
    )


def _agents(agents: list[Agent]) -> Content:
    return el("ul", [_agent(a) for a in agents], class_="plain") if agents else None


def _conforms(facts: DatasetFacts) -> list[str]:
    labels = {
        vocab.CROISSANT_1_0: "Croissant 1.0",
        vocab.CROISSANT_1_1: "Croissant 1.1",
        vocab.RAI_1_0: "RAI 1.0",
    }
    return [labels.get(c, c) for c in facts.conforms_to]


def _badges(facts: DatasetFacts, summary: ValidationSummary) -> Markup:
    items: list[Content] = [html.badge(label, "info") for label in _conforms(facts)]
    if facts.version:
        items.append(html.badge(f"version {facts.version}"))
    items.extend(
        html.badge(lic.hub_id or lic.spdx or lic.label, title=lic.label) for lic in facts.licenses
    )
    if facts.rai:
        items.append(html.badge("Responsible AI", "ok"))
    if not summary.ran:
        items.append(html.badge("not validated", "warn"))
    else:
        counts = summary.counts
        tone: html.Tone = "error" if counts["error"] else "warn" if counts["warning"] else "ok"
        text = (
            f"{counts['error']} errors"
            if counts["error"]
            else f"valid, {counts['warning']} warnings"
        )
        items.append(html.badge(text, tone, title=summary.headline()))
    return el("div", items, class_="badges")


def overview(facts: DatasetFacts, summary: ValidationSummary) -> Markup:
    """Badges, description, key facts and headline numbers shown under the title."""
    metadata = facts.metadata
    licenses = [
        el(
            "div",
            html.link(lic.url, lic.label),
            el("span", f" (SPDX {lic.spdx})", class_="muted")
            if lic.spdx and lic.spdx != lic.label
            else None,
        )
        for lic in facts.licenses
    ]
    pairs: list[tuple[str, Content]] = [
        ("Homepage", html.link(facts.url) if facts.url else None),
        ("Creators", _agents(facts.creators)),
        ("Publisher", _agents(facts.publishers)),
        ("License", licenses or html.badge("no licence stated", "warn")),
        ("Version", facts.version),
        *((f"Date {label}", value) for label, value in facts.dates.items()),
        (
            "Keywords",
            el("div", [html.badge(k) for k in facts.keywords], class_="badges")
            if facts.keywords
            else None,
        ),
        ("Language", ", ".join(facts.languages) or None),
        ("Same as", [el("div", html.link(u)) for u in facts.same_as] or None),
        ("Conforms to", ", ".join(_conforms(facts)) or None),
    ]
    numbers = html.stats(
        [
            ("files and file sets", len(metadata.distribution)),
            ("record sets", len(metadata.record_sets)),
            ("fields", facts.field_count),
            ("splits", sum(len(s.names) for s in facts.splits)),
            ("joins", len(facts.joins)),
        ]
    )
    description = (
        el("p", facts.description, class_="description", dir="auto")
        if facts.description
        else el("p", "No description.", class_="muted")
    )
    return Markup("").join([_badges(facts, summary), description, html.kv(pairs), numbers])


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


def rai_body(facts: DatasetFacts) -> Content:
    """The Responsible-AI properties, canonical terms first, variant spellings noted."""
    pairs: list[tuple[str, Content]] = []
    for entry in facts.rai:
        note = el("div", f"written as {entry.key}", class_="muted") if entry.variant else None
        values = [el("p", v, class_="description", dir="auto") for v in entry.values]
        pairs.append((entry.label, [values, note]))
    return html.kv(pairs)


def _generic(value: Any) -> Content:
    text = plain(value)
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return html.link(value)
    if isinstance(value, dict | list) and text.startswith(("{", "[")):
        return el("pre", el("code", json.dumps(value, ensure_ascii=False, indent=2)))
    return el("span", text, class_="description")


def extra_body(facts: DatasetFacts) -> Content:
    """Other dataset-level properties, shown generically under the key they were written as."""
    return html.kv(
        (term_label(key) if ":" not in key else key, _generic(value)) for key, value in facts.extra
    )


def validation_body(summary: ValidationSummary) -> Content:
    """Counts and a table of every finding with its code, path, message and hint."""
    if not summary.ran:
        return el("p", "Validation was not run when this page was published.", class_="muted")
    counts = summary.counts
    numbers = html.stats(
        [("errors", counts["error"]), ("warnings", counts["warning"]), ("notes", counts["info"])]
    )
    if not summary.findings:
        return [
            numbers,
            el("p", html.badge("valid", "ok"), f" No issues under the {summary.profile} profile."),
        ]
    rank = {"error": 0, "warning": 1, "info": 2}
    shown = sorted(summary.findings, key=lambda f: rank.get(f.severity, 3))[:FINDINGS_SHOWN]
    rows = [
        [
            html.badge(f.severity, _TONE.get(f.severity, "neutral")),
            el("code", f.code),
            [el("code", f.path), el("div", f"line {f.line}", class_="muted") if f.line else None],
            f.message,
            f.hint,
        ]
        for f in shown
    ]
    table = html.table(rows, FINDING_COLUMNS, id="findings", filterable=len(rows) >= 12)
    hidden = len(summary.findings) - len(shown)
    if not hidden:
        return [numbers, table]
    more = f"and {hidden:,} more (croissant-tools validate lists every finding)"
    return [numbers, table, el("p", more, class_="muted")]


#: Findings listed on the page (errors first); the counts above the table cover all.
FINDINGS_SHOWN = 1000


def json_body(source_name: str) -> Content:
    """Download and view buttons for the embedded JSON-LD (no copy of it in the body)."""
    filename = (
        PurePath(source_name).name
        if source_name.endswith((".json", ".jsonld"))
        else "croissant.json"
    )
    return [
        el(
            "p",
            "The Croissant metadata is embedded in this page as JSON-LD, unchanged.",
            class_="muted",
        ),
        el(
            "div",
            el(
                "button",
                f"Download {filename}",
                type="button",
                class_="js-only",
                data_download="croissant-jsonld",
                data_filename=filename,
            ),
            class_="toolbar",
        ),
        el(
            "details",
            el("summary", "Show the JSON-LD"),
            el(
                "pre",
                "Open this page with JavaScript enabled, or view the page source.",
                data_json_from="croissant-jsonld",
            ),
        ),
    ]


def _banner(summary: ValidationSummary) -> Content:
    errors = summary.errors
    if not errors:
        return None
    return el(
        "div",
        el("strong", f"Published with {len(errors):,} validation error(s)."),
        " The metadata may be wrong or incomplete; see ",
        el("a", "Validation", href="#validation"),
        ".",
        class_="banner error",
        role="alert",
    )


def render_page(
    document: Any,
    facts: DatasetFacts,
    summary: ValidationSummary,
    *,
    title: str | None = None,
    source_name: str = "croissant.json",
) -> str:
    """The complete ``index.html`` text for a parsed Croissant ``document``."""
    anchors = Anchors.of(facts.metadata)
    sections = [
        html.Section(
            "Citation", html.code_block(facts.cite_as, id="citation"), id="citation-section"
        )
        if facts.cite_as
        else None,
        html.Section("Files", files_body(facts, anchors), id="files-section"),
        html.Section("Structure", structure_svg(facts, anchors.nodes), id="structure"),
        html.Section("Record sets", record_sets_body(facts, anchors), id="record-sets"),
        html.Section("Splits", splits_body(facts, anchors), id="splits") if facts.splits else None,
        html.Section("Responsible AI", rai_body(facts), id="rai") if facts.rai else None,
        html.Section("More metadata", extra_body(facts), id="more", collapsible=True)
        if facts.extra
        else None,
        html.Section(
            "Validation", validation_body(summary), id="validation", intro=summary.headline()
        ),
        html.Section(
            "Croissant JSON-LD",
            json_body(source_name),
            id="jsonld-section",
            collapsible=True,
            open=False,
        ),
    ]
    footer = [
        "Generated by ",
        el("strong", f"croissant-tools {__version__}"),
        " from ",
        el("code", source_name),
        ". No part of this page is loaded from the network.",
    ]
    return html.page(
        title or facts.name or "Untitled dataset",
        [s for s in sections if s is not None],
        header=overview(facts, summary),
        banner=_banner(summary),
        footer=footer,
        head=html.json_ld_script(document, id="croissant-jsonld"),
    )
