"""The HTML building blocks: escaping, URL safety, JSON-LD embedding, CSP, tables, charts."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from croissant_tools.publishing import html
from croissant_tools.publishing.markup import el, render, safe_href
from croissant_tools.publishing.svg import nice_ticks

HOSTILE = '<script>alert("x")</script> & \' " </script><!-- \u2028\u2029 ﷽ שלום'


def test_text_and_attributes_are_escaped_and_markup_is_kept():
    out = el("p", HOSTILE, title=HOSTILE, class_="c")
    assert "<script>" not in out
    assert out.count("<") == 2  # only the element's own tags
    assert 'title="&lt;script&gt;alert(&#34;x&#34;)' in out
    assert render([el("b", "x"), "<i>"]) == "<b>x</b>&lt;i&gt;"
    assert render(None) == "" and render(1234) == "1,234" and render(True) == "true"


@pytest.mark.parametrize("name", ["onclick", "ONLOAD", "a b", "x>y", '"'])
def test_event_handlers_and_odd_attribute_names_are_refused(name):
    with pytest.raises(ValueError, match="refusing attribute"):
        el("a", "x", **{name: "alert(1)"})
    with pytest.raises(ValueError, match="refusing tag"):
        el("scr ipt", "x")


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
     "\x01javascript:x", "data:text/html,<script>x</script>", "vbscript:x", "file:///etc/passwd"],
)  # fmt: skip
def test_script_urls_never_become_links(url):
    assert safe_href(url) is None
    assert "href" not in el("a", "x", href=url)
    assert "<a" not in html.link(url, "label") and "label" in html.link(url, "label")


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=<d>", "http://x", "mailto:a@b.c"])
def test_safe_urls_are_links_with_escaped_attribute(url):
    out = html.link(url)
    assert out.startswith("<a ") and 'rel="noopener noreferrer"' in out
    assert "<d>" not in out


def test_relative_urls_are_shown_as_text_not_links():
    assert "<a" not in html.link("data/train.csv")
    assert safe_href("#section") == "#section"


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.sampled_from("</>&'\"script!-\u2028\u2029\\ aé中ש"))
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_for_script_parses_back_and_cannot_close_the_script(value):
    text = html.json_for_script(value)
    assert json.loads(text) == value
    lowered = text.lower()
    assert "</" not in lowered and "<!--" not in lowered and "<" not in text
    assert "\u2028" not in text and "\u2029" not in text


def test_json_for_script_refuses_nan():
    with pytest.raises(ValueError):
        html.json_for_script({"x": math.nan})


def test_page_csp_allows_exactly_its_own_style_and_script():
    text = html.page("T <1>", [html.Section("A", "a"), html.Section("B", "b")], extra_js="var x=1;")
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    policy = unescape(found.group(1))
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 1 and scripts[0].endswith("var x=1;")

    def digest(s: str) -> str:
        return base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert f"script-src 'sha256-{digest(scripts[0])}'" in policy
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert "<title>T &lt;1&gt;</title>" in text
    assert 'href="#section-0"' in text and 'id="section-1"' in text  # contents navigation


def test_table_escapes_cells_marks_numeric_columns_and_handles_empty():
    out = html.table(
        [["<b>", 1200], ["x", 3]], ["name", "n"], numeric={"n"}, id="t", filterable=True
    )
    assert (
        out.count("<tr") == 3 and "&lt;b&gt;" in out and '<td class="num" dir="auto">1,200' in out
    )
    assert 'data-filter="t"' in out and 'placeholder="Filter 2 rows"' in out
    assert "nothing to show" in html.table([], ["a"])


def test_kv_leaves_out_empty_values():
    out = html.kv([("a", "1"), ("b", None), ("c", ""), ("d", [])])
    assert "<dt>a</dt>" in out and "<dt>b</dt>" not in out and "<dt>d</dt>" not in out
    assert html.kv([("b", None)]) == ""


def test_histogram_counts_every_finite_value_and_reports_the_rest():
    values = [0.0, 0.1, 0.1, 0.5, 0.9, 1.0, math.nan, math.inf]
    out = html.svg_histogram(values, bins=4, title="scores", markers={"cut": 0.4})
    counts = [int(c.replace(",", "")) for c in re.findall(r"<title>[^<]*: ([\d,]+)</title>", out)]
    assert sum(counts) == 6 and len(counts) == 4
    assert "6 values, 2 non-finite left out" in out and "cut = 0.4" in out
    assert "no finite values" in html.svg_histogram([math.nan])
    assert html.svg_histogram([3, 3, 3]).count("<rect") == 1  # constant data: one bin


def test_scatter_thins_deterministically_and_gives_a_legend():
    points = [(float(i), float(i % 7)) for i in range(10_000)]
    labels = [f"c{i % 12}" for i in range(10_000)]
    out = html.svg_scatter(points, labels, max_points=500)
    assert out.count("<circle") == 500 + 8  # points plus legend entries (7 colours + other)
    assert "showing 500" in out and "other (5)" in out
    assert out == html.svg_scatter(points, labels, max_points=500)
    with pytest.raises(ValueError, match="colour labels"):
        html.svg_scatter(points, labels[:3])


def test_bars_sum_the_tail_beyond_max_bars():
    out = html.svg_bars([f"r{i}" for i in range(50)], [1.0] * 50, max_bars=10)
    assert out.count("<rect") == 10 and "other (41)" in out


@pytest.mark.parametrize(("low", "high"), [(0, 1), (-3.2, 17.9), (1e-6, 3e-6), (0, 12345)])
def test_nice_ticks_are_round_and_cover_the_range(low, high):
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= 12
    assert ticks[0] >= low - 1e-12 and ticks[-1] <= high + 1e-12
    steps = {round(b - a, 12) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
