"""The published page as a person sees it: rendered by headless Chromium, read from the DOM.

Each test publishes a document, opens ``index.html`` from disk and checks the rendered
page: the JSON-LD parses back to the original document, every record set and field name
is on screen, nothing is requested from the network, no script error or CSP violation
happens, and a screenshot lands in ``tests/artifacts/``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import croissant_tools as ct
from tests.browser import Browser, PageView
from tests.publishing.conftest import CORPUS, dataset, field, write

pytestmark = pytest.mark.browser


def names(doc: dict[str, Any]) -> Iterator[str]:
    """Every record-set and field name in the raw document (sub-fields included)."""
    stack: list[dict[str, Any]] = list(doc.get("recordSet", []))
    while stack:
        node = stack.pop()
        yield node["name"]
        stack.extend(node.get("field", []) + node.get("subField", []))


def open_published(browser: Browser, source: Any, out: Path, **options: Any) -> PageView:
    page = ct.publish(source, out, **options)
    view = browser.open(page)
    assert view.js("return document.documentElement.getAttribute('data-ready')") == "1"
    return view


def check_common(view: PageView, doc: dict[str, Any], shot: str) -> str:
    """Assertions every page must pass; returns the rendered text."""
    assert (
        view.js("return JSON.parse(document.getElementById('croissant-jsonld').textContent)") == doc
    )
    text = view.text()
    missing = [name for name in names(doc) if name not in text]
    assert not missing, f"not visible: {missing[:10]}"
    assert view.requests() == []
    assert view.console_errors() == []
    png = view.screenshot(shot)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    return text


CORPUS_TEXT = (
    "tiny-code-corpus",
    "Ada Example",
    "cc-by-4.0",
    "48.2 kB",
    "5b7b2f16",
    "Data biases",
    "train",
    "test",
    "valid, 0 warnings",
    "2025-03-01",
)


def test_corpus_page(browser, tmp_path, corpus):
    view = open_published(browser, CORPUS, tmp_path)
    text = check_common(view, corpus, "publish-corpus")
    for expected in CORPUS_TEXT:
        assert expected in text
    boxes = view.js("return document.querySelectorAll('svg.diagram g.node').length")
    assert boxes == len(corpus["distribution"]) + len(corpus["recordSet"])
    assert view.js("return document.querySelectorAll('svg.diagram path.join').length") == 2
    dangling = view.js(
        "return [...document.querySelectorAll('a[href^=\"#\"]')]"
        ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))"
    )
    assert dangling == []
    button = view.driver.find_element("css selector", "button[data-copy='citation']")
    button.click()
    deadline = time.monotonic() + 5
    while button.get_attribute("data-result") is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert button.get_attribute("data-result") in ("Copied", "Press Ctrl+C")


HOSTILE = (
    '</script><script>window.__pwned = 1</script><img src="https://evil.example/x.png" '
    'onerror="window.__pwned = 2"><style>body{display:none}</style>'
)


def test_hostile_metadata_stays_text(browser, tmp_path):
    doc = dataset(
        name=f"<b>bold</b>{HOSTILE}",
        description=HOSTILE,
        license="javascript:window.__pwned=3",
        url="javascript:window.__pwned=4",
        creator={"@type": "sc:Person", "name": HOSTILE, "url": "javascript:window.__pwned=5"},
        citeAs=HOSTILE,
        keywords=[HOSTILE],
    )
    doc["recordSet"][0]["field"].append(field("rows", '"><svg onload="window.__pwned=6">'))
    doc["recordSet"][0]["description"] = HOSTILE
    view = open_published(
        browser, write(tmp_path / "hostile.json", doc), tmp_path / "site", force=True
    )
    text = check_common(view, doc, "publish-hostile")
    assert view.js("return window.__pwned === undefined")
    assert text.count("window.__pwned = 1") >= 5  # shown literally wherever it was
    assert view.js("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    hrefs = view.js(
        "return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
    )
    assert hrefs and all(h.startswith(("https:", "mailto:", "#")) for h in hrefs)
    assert view.js("return getComputedStyle(document.body).display") == "block"


def test_rtl_and_non_latin_text(browser, tmp_path):
    doc = dataset(
        name="مجموعة بيانات تجريبية",
        description="هذا وصف باللغة العربية.\nשורה שנייה בעברית.",
        keywords=["数据集", "Συλλογή δεδομένων"],
        creator={"@type": "sc:Person", "name": "Зоя Пример"},
    )
    doc["recordSet"][0]["field"] += [
        field("rows", "שם"),
        field("rows", "名前"),
        field("rows", "τιμή"),
    ]
    view = open_published(browser, doc, tmp_path)
    text = check_common(view, doc, "publish-rtl")
    assert "Зоя Пример" in text and "数据集" in text
    directions = view.js(
        "return [document.querySelector('h1'), document.querySelector('p.description')]"
        ".map(e => getComputedStyle(e).direction)"
    )
    assert directions == ["rtl", "rtl"]
    assert view.js("return getComputedStyle(document.querySelector('nav.toc')).direction") == "ltr"


def test_two_thousand_fields_stay_readable(browser, tmp_path):
    doc = dataset()
    doc["recordSet"][0]["field"] = [
        field("rows", f"column_{i:04d}", "sc:Float") for i in range(2000)
    ]
    started = time.perf_counter()
    view = open_published(browser, doc, tmp_path)
    seconds = time.perf_counter() - started
    check_common(view, doc, "publish-2000-fields")
    page_height = view.js("return document.documentElement.scrollHeight")
    viewport = view.js("return window.innerHeight")
    assert page_height < 4 * viewport, f"page is {page_height}px tall for a {viewport}px window"
    box = view.js(
        "const w = document.querySelector('#rs-0-fields').parentElement;"
        "return [w.scrollHeight, w.clientHeight]"
    )
    assert box[0] > 20 * box[1]  # the table scrolls inside its box
    search = view.driver.find_element("css selector", "input[data-filter='rs-0-fields']")
    search.send_keys("column_1999")
    shown = view.js(
        "return [...document.querySelectorAll('#rs-0-fields tbody tr')]"
        ".filter(r => !r.hidden).length"
    )
    assert shown == 1
    print(f"2,000 fields: published and rendered in {seconds:.2f} s, page height {page_height}px")


def test_missing_optional_properties(browser, tmp_path):
    doc = {"@context": {"@vocab": "https://schema.org/"}, "@type": "Dataset", "name": "bare"}
    view = open_published(browser, doc, tmp_path, force=True)
    text = check_common(view, doc, "publish-bare")
    for absent in ("None", "null", "undefined", "NaN"):
        assert absent not in text
    for message in (
        "No description.",
        "The document lists no files.",
        "The document declares no record sets.",
    ):
        assert message in text
