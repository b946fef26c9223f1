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
    """A run over 40 real functions plus hostile records: a pair of exact duplicates (one is
    pruned and shown as an example) and one record with a hostile id and no text (invalid)."""
    folder = tmp_path_factory.mktemp("hostile")
    rows = [json.loads(line) for line in FUNCTIONS.read_text(encoding="utf-8").splitlines()[:40]]
    rows += [
        {"id": "hostile/a", "text": HOSTILE_TEXT, "language": "python"},
        {"id": "hostile/b", "text": HOSTILE_TEXT, "language": "python"},
        {"id": HOSTILE_ID, "text": "", "language": "python"},
    ]
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = folder / "out"
    assert cli(["prune", *prune_args(corpus, out, "--runner", "DirectRunner")]) == 0
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
    assert {"invalid_input", "duplicate-exact"} <= set(reasons)
    missing = [reason for reason in reasons if reason not in text]
    assert not missing, f"reasons not on screen: {missing}"
    assert "Pruning report" in text and "cluster sizes" in text
    # every plot is drawn with a real size, and the embedding map has points
    sizes = view.js(
        "return [...document.querySelectorAll('svg')].map(s => {"
        " const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(sizes) >= 4 and all(w > 50 and h > 50 for w, h in sizes)
    assert view.js("return document.querySelectorAll('svg circle').length") > 10
    png = view.screenshot("pipeline-report")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


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
