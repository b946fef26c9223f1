"""HTML building blocks for self-contained pages: the dataset page and the pipeline report.

Every function returns :class:`markupsafe.Markup` (a ``str`` subclass that is already safe
HTML). Any plain ``str`` given as content or as an attribute value is escaped; only
``Markup`` produced here (or deliberately wrapped by the caller) passes through unchanged.
That makes escaping the default instead of something each call site must remember::

    from croissant_tools.publishing import html

    body = html.table([["a.py", 12], ["<b>.py", 3]], ["file", "lines"], numeric={"lines"})
    chart = html.svg_histogram(scores, title="SCIP score", markers={"threshold": 0.4})
    text = html.page("Pruning report", [html.Section("Scores", [body, chart])])
    Path("report.html").write_text(text, encoding="utf-8")

:func:`page` writes one file with no external resource: inline CSS and a small inline
script, both allowed by a ``Content-Security-Policy`` that names their SHA-256 hashes, so
no other script (for instance one smuggled in through metadata) could run, and nothing is
fetched from the network when the page is viewed. Charts are inline SVG
(:mod:`croissant_tools.publishing.svg`). Text from data is marked ``dir="auto"`` so that
right-to-left names and descriptions render in their own direction.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup, escape

from croissant_tools.publishing.assets import BASE_CSS, BASE_JS
from croissant_tools.publishing.markup import Content, el, render, safe_href
from croissant_tools.publishing.svg import svg_bars, svg_histogram, svg_scatter

__all__ = [
    "Content",
    "Markup",
    "Section",
    "badge",
    "code_block",
    "el",
    "escape",
    "json_for_script",
    "json_ld_script",
    "kv",
    "link",
    "page",
    "render",
    "safe_href",
    "stats",
    "svg_bars",
    "svg_histogram",
    "svg_scatter",
    "table",
]

Tone = Literal["ok", "warn", "error", "info", "neutral"]
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def link(url: str | None, label: Content = None) -> Markup:
    """A link opening ``url`` (absolute http(s)/mailto only); otherwise the label as text."""
    shown = label if label is not None else url
    if url and _SCHEME.match(url.strip()) and safe_href(url) is not None:
        return el("a", shown, href=url, rel="noopener noreferrer", dir="auto")
    return el("span", shown, dir="auto")


def badge(text: Content, tone: Tone = "neutral", *, title: str | None = None) -> Markup:
    """A small coloured label (``ok`` green, ``warn`` amber, ``error`` red, ``info`` blue)."""
    return el("span", text, class_=f"badge {tone}", title=title)


def kv(pairs: Iterable[tuple[str, Content]]) -> Markup:
    """A definition list of ``(label, value)``; pairs whose value is empty are left out."""
    items = [
        el("div", el("dt", label), el("dd", value, dir="auto"))
        for label, value in pairs
        if value not in (None, "", [], ())
    ]
    return el("dl", items, class_="kv") if items else Markup("")


def stats(items: Iterable[tuple[str, Content]]) -> Markup:
    """A row of headline numbers: ``stats([("records", 1200), ("pruned", 87)])``."""
    cards = [
        el("div", el("div", value, class_="n"), el("div", label), class_="stat")
        for label, value in items
    ]
    return el("div", cards, class_="stats")


def code_block(text: str, *, id: str, copy: bool = True, label: str = "Copy") -> Markup:
    """Preformatted text with an optional copy-to-clipboard button (``id`` must be unique)."""
    button = (
        el("button", label, type="button", class_="copy", data_copy=id, aria_label=f"{label} text")
        if copy
        else None
    )
    return el("div", button, el("pre", el("code", text), id=id, dir="auto"), class_="code")


def table(
    rows: Iterable[Sequence[Content]],
    columns: Sequence[str],
    *,
    numeric: Collection[str] = (),
    caption: Content = None,
    id: str | None = None,
    filterable: bool = False,
    row_ids: Sequence[str | None] | None = None,
    row_classes: Sequence[str | None] | None = None,
    empty: str = "nothing to show",
) -> Markup:
    """A table in a scroll box, so wide or very long tables never stretch the page.

    ``rows`` are sequences matched to ``columns`` by position; cells are :data:`Content`.
    Columns named in ``numeric`` are right-aligned. ``filterable`` adds a search box that
    hides non-matching rows (needs ``id``). ``row_ids``/``row_classes`` give each row an
    anchor or a CSS class (``muted``, ``nested``).
    """
    heads = [
        el("th", name, scope="col", class_="num" if name in numeric else None) for name in columns
    ]
    numeric_at = {i for i, name in enumerate(columns) if name in numeric}
    body = []
    for index, row in enumerate(rows):
        cells = [
            el("td", cell, class_="num" if i in numeric_at else None, dir="auto")
            for i, cell in enumerate(row)
        ]
        row_id = row_ids[index] if row_ids is not None else None
        row_class = row_classes[index] if row_classes is not None else None
        body.append(el("tr", cells, id=row_id, class_=row_class))
    if not body:
        return el("p", empty, class_="muted")
    search = None
    if filterable and id:
        search = el(
            "input",
            type="search",
            class_="filter",
            placeholder=f"Filter {len(body):,} rows",
            aria_label="Filter rows",
            data_filter=id,
        )
    grid = el(
        "table",
        el("caption", caption) if caption is not None else None,
        el("thead", el("tr", heads)),
        el("tbody", body),
        id=id,
    )
    return el("div", search, el("div", grid, class_="table-wrap"))


@dataclass
class Section:
    """A titled part of a page; ``collapsible`` sections use ``<details>`` (``open`` or not)."""

    title: str
    body: Content
    id: str | None = None
    collapsible: bool = False
    open: bool = True
    intro: Content = None

    def render(self, fallback_id: str) -> Markup:
        """The section's HTML; ``fallback_id`` is its anchor when ``id`` is not set."""
        anchor = self.id or fallback_id
        heading = el("h2", self.title)
        intro = el("p", self.intro, class_="intro") if self.intro is not None else None
        if self.collapsible:
            summary = el("summary", heading)
            return el(
                "details", summary, intro, self.body, id=anchor, open=self.open, class_="section"
            )
        return el("section", heading, intro, self.body, id=anchor, class_="section")


_PNG = b"\x89PNG\r\n\x1a\n"


def png_image(png: bytes, *, alt: str, width: int, height: int) -> Markup:
    """An ``<img>`` holding PNG bytes as a ``data:`` URL (allowed by the page's CSP).

    Only PNG is accepted (checked by signature) and the bytes are base64-encoded, whose
    alphabet cannot leave the attribute; :func:`el` drops ``data:`` URLs from metadata,
    this is the one way a page shows an image, and only one the page itself encoded.
    """
    if not png.startswith(_PNG):
        raise ValueError("png_image() takes PNG bytes")
    encoded = base64.b64encode(png).decode("ascii")
    return Markup('<img src="data:image/png;base64,{}" alt="{}" width="{}" height="{}">').format(
        Markup(encoded), alt, int(width), int(height)
    )


def json_for_script(data: Any) -> str:
    """JSON text that is safe inside a ``<script>`` element and parses back to ``data``.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026`` (so ``</script>``
    and ``<!--`` cannot appear), and U+2028/U+2029 are escaped for old JavaScript parsers.
    Those characters can only occur inside JSON strings, where the escapes mean the same
    thing. NaN and infinities are refused: they are not JSON and would break parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    # A lone surrogate ("\ud800" in the source JSON) is no character: write its escape.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_ld_script(data: Any, *, id: str = "jsonld") -> Markup:
    """``<script type="application/ld+json">`` holding ``data`` (see :func:`json_for_script`)."""
    return Markup('<script type="application/ld+json" id="{}">\n{}\n</script>').format(
        id, Markup(json_for_script(data))
    )


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _nav(sections: Sequence[Section], ids: Sequence[str]) -> Markup:
    links = [el("a", section.title, href=f"#{anchor}") for section, anchor in zip(sections, ids)]
    return el("nav", links, class_="toc", aria_label="Contents")


def page(
    title: str,
    sections: Sequence[Section],
    *,
    subtitle: Content = None,
    header: Content = None,
    banner: Content = None,
    footer: Content = None,
    head: Content = None,
    extra_css: str = "",
    extra_js: str = "",
    lang: str = "en",
    nav: bool = True,
) -> str:
    """A complete, self-contained HTML document.

    ``header`` is shown under the title (badges, key facts), ``banner`` above everything
    (e.g. a warning), ``head`` is added to ``<head>`` (e.g. :func:`json_ld_script`).
    ``extra_css``/``extra_js`` are appended to the built-in style and script and covered
    by the page's Content-Security-Policy; nothing else can load or run.
    """
    css = BASE_CSS + extra_css
    js = BASE_JS + extra_js
    policy = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        "base-uri 'none'; form-action 'none'"
    )
    ids = [section.id or f"section-{index}" for index, section in enumerate(sections)]
    head_html = [
        Markup('<meta charset="utf-8">'),
        el("meta", http_equiv="Content-Security-Policy", content=policy),
        el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("meta", name="generator", content="croissant-tools"),
        el("title", title),
        Markup("<style>{}</style>").format(Markup(css)),
        render(head),
    ]
    body = [
        render(banner),
        el(
            "header",
            el("h1", title, dir="auto"),
            el("p", subtitle, class_="subtitle", dir="auto") if subtitle is not None else None,
            header,
            class_="top",
        ),
        _nav(sections, ids) if nav and len(sections) > 1 else None,
        el("main", [section.render(anchor) for section, anchor in zip(sections, ids)]),
        el("footer", footer) if footer is not None else None,
        Markup("<script>{}</script>").format(Markup(js)),
    ]
    document = el("html", el("head", head_html), el("body", body), lang=lang)
    return "<!DOCTYPE html>\n" + str(document) + "\n"
