"""The pipeline's ``report.html`` as a person sees it, in headless Chromium.

The same checks as the published dataset page (tests/publishing/test_publishing_browser.py):
one self-contained file that loads nothing from the network, raises no script error or CSP
violation, shows every prune reason and its plots, and renders hostile record text and ids
as text. A screenshot lands in ``tests/artifacts/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from croissant_tools.cli import main as cli
from tests.browser import Browser, browser  # noqa: F401  (registers the fixture)
from tests.pipelines.conftest import FUNCTIONS, prune_args

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_TEXT = (
    'x = "</script><script>window.pwned = 1</script>"\n<img src=x onerror="window.pwned=2">\n'
)
HOSTILE_ID = '<b id="pwned">bold</b></details><script>window.pwned=3</script>'


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run over 40 real functions (learned scorer) plus: a function that does not parse, an
    exact copy of a function, a pair of exact duplicates with hostile text (shown as
    examples) and one record with a hostile id and no text (invalid)."""
    folder = tmp_path_factory.mktemp("hostile")
    rows = [json.loads(line) for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()[:40]]
    rows += [  # ids that sort first, so their shards' examples show them
        {"id": "0-broken", "text": "def f(x):\n    y = g(x\n    return y\n", "language": "python"},
        {"id": "0-copy", "text": rows[0]["text"], "language": "python"},
        {"id": "0-hostile/a", "text": HOSTILE_TEXT, "language": "python"},
        {"id": "0-hostile/b", "text": HOSTILE_TEXT, "language": "python"},
        {"id": HOSTILE_ID, "text": "", "language": "python"},
    ]
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = folder / "out"
    args = prune_args(corpus, out, "--runner", "DirectRunner", "--scorer", "combined")
    assert cli(["prune", *args]) == 0
    return out


def test_report_renders_offline_with_every_reason_and_plot(
    browser: Browser,  # noqa: F811
    report: Path,
) -> None:
    view = browser.open(report / "report.html")
    assert view.requests() == []
    assert view.console_errors() == []
    # open every collapsed section, as a reader clicking through would
    view.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = view.text()
    summary = json.loads((report / "summary.json").read_text())
    reasons = summary["counts"]["by_reason"]
    assert {"invalid_input", "duplicate-exact", "unparsable"} <= set(reasons)
    missing = [reason for reason in reasons if reason not in text]
    assert not missing, f"reasons not on screen: {missing}"
    assert (
        "Pruning report" in text and "cluster sizes" in text and "What the scorer learned" in text
    )
    # every plot is drawn with a real size, and the embedding map has points
    sizes = view.js(
        "return [...document.querySelectorAll('svg')].map(s => {"
        " const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(sizes) >= 4 and all(w > 50 and h > 50 for w, h in sizes)
    assert view.js("return document.querySelectorAll('svg circle').length") > 10
    png = view.screenshot("pipeline-report")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


SECTIONS = ("summary", "examples", "scores", "weights", "map", "clusters", "run")


def test_report_sections_are_drawn_and_the_legend_stays_off_the_data(
    browser: Browser,  # noqa: F811
    report: Path,
) -> None:
    view = browser.open(report / "report.html")
    view.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    heights = view.js(
        "return Object.fromEntries(" + json.dumps(list(SECTIONS)) + ".map(id => {"
        " const e = document.getElementById(id); return [id, e ? e.getBoundingClientRect().height"
        " : 0]; }))"
    )
    assert all(heights[name] > 40 for name in SECTIONS), heights
    # the first screen accounts for the decisions: reasons, languages, the cut in words
    first = view.js("return document.getElementById('summary').innerText")
    assert "What was pruned and why" in first and "by language" in first
    assert "python" in first and "given" in first
    # the map's legend lies outside its plot area (screen boxes of the drawn elements)
    boxes = view.js(
        "const svg = document.querySelector('#map svg');"
        "const box = e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; };"
        "return [box(svg.querySelector('rect.plot-area')), box(svg.querySelector('g.legend'))];"
    )
    area, legend = boxes
    assert legend[0] >= area[2], f"legend {legend} overlaps the plot area {area}"
    # pruned points are drawn after (on top of) the kept ones
    fills = view.js(
        "return [...document.querySelectorAll('#map svg > circle')]"
        ".map(c => c.getAttribute('fill'))"
    )
    kept = [i for i, f in enumerate(fills) if f.lower() == "#c8c8c8"]
    other = [i for i, f in enumerate(fills) if f.lower() != "#c8c8c8"]
    assert kept and other and max(kept) < max(other)
    # the weights chart is sorted by size
    values = view.js(
        "return [...document.querySelectorAll('#weights svg text')]"
        ".map(t => t.textContent).filter(t => /^[+-]\\d/.test(t)).map(Number)"
    )
    assert values and [abs(v) for v in values] == sorted((abs(v) for v in values), reverse=True)
    view.screenshot("pipeline-report-sections")


def test_examples_mark_the_offending_line(
    browser: Browser,  # noqa: F811
    report: Path,
) -> None:
    view = browser.open(report / "report.html")
    marked = view.js(
        "return [...document.querySelectorAll('#examples .codelines > span.hit')]"
        ".map(s => s.querySelector('.ln').textContent)"
    )
    whys = view.js("return [...document.querySelectorAll('#examples dd')].map(d => d.innerText)")
    assert any("line " in why for why in whys)
    assert marked, "no offending line highlighted"


def test_hostile_record_text_and_ids_render_as_text(
    browser: Browser,  # noqa: F811
    report: Path,
) -> None:
    view = browser.open(report / "report.html")
    view.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert view.js("return window.pwned === undefined") is True
    assert view.js("return document.getElementById('pwned') === null") is True
    assert view.js("return document.querySelectorAll('img').length") == 0
    text = view.text()
    assert "</script><script>window.pwned = 1</script>" in text
    assert HOSTILE_ID in text
    assert view.console_errors() == []
