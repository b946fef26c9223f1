"""The dataset page (``index.html``): the Croissant document for people and for search engines.

The document itself is embedded unchanged as JSON-LD in ``<head>`` (what Google Dataset
Search reads); the body shows the same metadata for people, section by section. Missing
optional properties simply leave their line out; nothing on the page comes from the
network. See :mod:`croissant_tools.publishing.html` for the escaping rules.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from croissant_tools import __version__, vocab
from croissant_tools.publishing import html
from croissant_tools.publishing.checks import ValidationSummary
from croissant_tools.publishing.diagram import structure_svg
from croissant_tools.publishing.facts import Agent, DatasetFacts, plain, term_label
from croissant_tools.publishing.files import files_body
from croissant_tools.publishing.markup import Content, el
from croissant_tools.publishing.records import Anchors, record_sets_body, splits_body
from croissant_tools.publishing.samples import Sample
from croissant_tools.publishing.snippets import Snippet
from croissant_tools.validation.profiles import is_placeholder

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


def rai_body(facts: DatasetFacts) -> Content:
    """The Responsible-AI properties, canonical terms first, variant spellings noted.

    One value is a paragraph, several a list; booleans read Yes/No (see :mod:`.facts`).
    """
    pairs: list[tuple[str, Content]] = []
    for entry in facts.rai:
        note = el("div", f"written as {entry.key}", class_="muted") if entry.variant else None
        if len(entry.values) == 1:
            values: Content = el("p", entry.values[0], class_="description", dir="auto")
        else:
            items = [el("li", v, class_="description", dir="auto") for v in entry.values]
            values = el("ul", items, class_="plain")
        pairs.append((entry.label, [values, note]))
    return html.kv(pairs)


def load_body(loads: list[Snippet]) -> Content:
    """The "Load it" box: one titled code block with a copy button per way to load."""
    blocks = [
        el(
            "div",
            el("h3", snippet.title),
            html.code_block(snippet.code, id=f"load-{index}"),
            class_="snippet",
        )
        for index, snippet in enumerate(loads)
    ]
    return el("div", blocks, class_="snippets")


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


def _banner(summary: ValidationSummary, facts: DatasetFacts) -> Content:
    errors = summary.errors
    placeholder = bool(facts.description) and is_placeholder(facts.description or "")
    notice = (
        el(
            "div",
            el("strong", "The description is a placeholder."),
            " Whoever published this page has not described the data yet.",
            class_="banner warn",
            role="note",
        )
        if placeholder
        else None
    )
    if not errors:
        return notice
    return [
        el(
            "div",
            el("strong", f"Published with {len(errors):,} validation error(s)."),
            " The metadata may be wrong or incomplete; see ",
            el("a", "Validation", href="#validation"),
            ".",
            class_="banner error",
            role="alert",
        ),
        notice,
    ]


def render_page(
    document: Any,
    facts: DatasetFacts,
    summary: ValidationSummary,
    *,
    title: str | None = None,
    source_name: str = "croissant.json",
    samples: Mapping[str, Sample] | None = None,
    snippets: list[Snippet] | None = None,
) -> str:
    """The complete ``index.html`` text for a parsed Croissant ``document``.

    ``samples`` (record-set ``@id`` -> first rows) are shown in each record set's block;
    ``snippets`` fill the "Load it" section.
    """
    anchors = Anchors.of(facts.metadata)
    sections = [
        html.Section("Load it", load_body(snippets), id="load") if snippets else None,
        html.Section(
            "Citation", html.code_block(facts.cite_as, id="citation"), id="citation-section"
        )
        if facts.cite_as
        else None,
        html.Section("Files", files_body(facts, anchors), id="files-section"),
        html.Section("Structure", structure_svg(facts, anchors.nodes), id="structure"),
        html.Section(
            "Record sets", record_sets_body(facts, anchors, samples or {}), id="record-sets"
        ),
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
        banner=_banner(summary, facts),
        footer=footer,
        head=html.json_ld_script(document, id="croissant-jsonld"),
    )
