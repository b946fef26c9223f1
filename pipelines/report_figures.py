"""The pruning report's own figures: learned weights as sorted bars, the embedding map with
its legend beside the plot, and code snippets with the offending lines marked.

Built from :mod:`croissant_tools.publishing.markup` elements like every chart of the
dataset page (inline SVG, escaped text, no network); the charts the report shares with
that page (histograms, bars) come from :mod:`croissant_tools.publishing.svg`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup

from croissant_tools.publishing.markup import Content, el
from croissant_tools.publishing.svg import OTHER, PALETTE, figure, nice_ticks

REPORT_CSS = """
.codelines > span { display: block; white-space: pre; }
.codelines .ln { display: inline-block; width: 3.2em; margin-right: .8em; text-align: right;
  color: #888; font-weight: normal; user-select: none; }
.codelines > span.hit { background: #ffe3b3; }
.codelines > span.hit .ln { color: #a04000; font-weight: 600; }
svg.chart .legend text { font-size: 12px; }
svg.chart .bar-pos { fill: #D55E00; }
svg.chart .bar-neg { fill: #0072B2; }
svg.chart rect.plot-area { fill: none; stroke: none; }
"""
_LINE = re.compile(r"\bline (\d+)(?::\d+)?")
_PAD_L, _PAD_T, _PAD_B = 48, 12, 44


def offending_lines(detail: str | None) -> set[int]:
    """1-based line numbers a detail points at (``line 4:12`` …)."""
    return {int(m.group(1)) for m in _LINE.finditer(detail or "")}


def marked_code(text: str, hits: set[int], *, max_lines: int = 25) -> Markup:
    """A snippet with line numbers, the ``hits`` highlighted; long texts are cut around the
    first hit (or at the top), and the cut says so."""
    lines = text.splitlines() or [""]
    first = min(hits) if hits else 1
    start = max(0, min(first - 1 - max_lines // 3, len(lines) - max_lines))
    shown = lines[start : start + max_lines]
    spans = [
        el(
            "span",
            el("b", str(start + i + 1), class_="ln"),
            line or " ",
            class_="hit" if start + i + 1 in hits else None,
        )
        for i, line in enumerate(shown)
    ]
    parts: list[Content] = [el("pre", el("code", spans, class_="codelines"))]
    if start or start + max_lines < len(lines):
        parts.append(
            el("p", f"lines {start + 1}–{start + len(shown)} of {len(lines)}", class_="muted")
        )
    return el("div", parts, class_="code")


def weights_chart(weights: Mapping[str, float], *, top: int = 20, width: int = 640) -> Markup:
    """The ``top`` largest standardised weights by size, as horizontal bars (positive:
    towards "corrupted"), sorted."""
    items = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:top]
    if not items:
        return el("p", "no learned weights", class_="muted")
    label_width, row = 230, 20
    height = _PAD_T + row * len(items) + _PAD_B
    span = max(abs(v) for _, v in items) or 1.0
    zero = label_width + (width - label_width - 20) / 2
    scale = (width - label_width - 20) / 2 / span
    bars = []
    for i, (name, value) in enumerate(items):
        y = _PAD_T + i * row
        left = zero + min(value, 0.0) * scale
        bars.append(el("text", name, x=label_width - 8, y=y + 14, text_anchor="end"))
        bars.append(
            el(
                "rect",
                x=round(left, 2),
                y=y + 3,
                width=round(max(abs(value) * scale, 1.0), 2),
                height=row - 6,
                class_="bar-pos" if value > 0 else "bar-neg",
            )
        )
        anchor = "start" if value >= 0 else "end"
        at = zero + value * scale + (4 if value >= 0 else -4)
        bars.append(el("text", f"{value:+.2f}", x=round(at, 2), y=y + 14, text_anchor=anchor))
    axis = el("line", x1=zero, y1=_PAD_T, x2=zero, y2=height - _PAD_B + 4, class_="axis")
    title = f"combined scorer: the {len(items)} largest standardised weights"
    note = el(
        "text",
        "← towards clean · towards corrupted →",
        x=zero,
        y=height - 14,
        text_anchor="middle",
        class_="label",
    )
    return figure(width, height, title, [axis, bars, note], title)


def embedding_map(
    points: Sequence[tuple[float, float]],
    labels: Sequence[str],
    *,
    width: int = 760,
    height: int = 440,
    legend_width: int = 190,
) -> Markup:
    """Records on two principal components, kept ones first and pruned ones drawn on top;
    the legend sits in its own column right of the plot area, never over the data."""
    kept = [(x, y, c) for (x, y), c in zip(points, labels) if math.isfinite(x + y)]
    if not kept:
        return el("p", "no embeddings to show", class_="muted")
    order: dict[str, str] = {"kept": "#C8C8C8"}
    for _, _, label in kept:
        if label not in order:
            order[label] = PALETTE[(len(order) - 1) % len(PALETTE)] if len(order) < 8 else OTHER
    plot_right = width - legend_width
    xs, ys = [p[0] for p in kept], [p[1] for p in kept]
    x0, x1 = _range(xs)
    y0, y1 = _range(ys)

    def px(v: float) -> float:
        return round(_PAD_L + (v - x0) / (x1 - x0) * (plot_right - _PAD_L - 10), 2)

    def py(v: float) -> float:
        return round(height - _PAD_B - (v - y0) / (y1 - y0) * (height - _PAD_B - _PAD_T), 2)

    drawn = sorted(kept, key=lambda p: p[2] != "kept")  # pruned points last: on top
    dots = [
        el("circle", cx=px(x), cy=py(y), r=2.2 if c == "kept" else 3.2, fill=order[c])
        for x, y, c in drawn
    ]
    area = el(
        "rect",
        x=_PAD_L,
        y=_PAD_T,
        width=plot_right - 10 - _PAD_L,
        height=height - _PAD_B - _PAD_T,
        class_="plot-area",
    )
    counts = {label: sum(1 for _, _, c in kept if c == label) for label in order}
    entries = [
        el(
            "g",
            el("circle", cx=plot_right + 10, cy=_PAD_T + 10 + 20 * i, r=5, fill=colour),
            el("text", f"{label} ({counts[label]:,})", x=plot_right + 20, y=_PAD_T + 14 + 20 * i),
        )
        for i, (label, colour) in enumerate(order.items())
    ]
    legend = el("g", entries, class_="legend")
    axes = [
        el(
            "line",
            x1=_PAD_L,
            y1=height - _PAD_B,
            x2=plot_right - 10,
            y2=height - _PAD_B,
            class_="axis",
        ),
        el("line", x1=_PAD_L, y1=_PAD_T, x2=_PAD_L, y2=height - _PAD_B, class_="axis"),
        el(
            "text",
            "PC 1",
            x=(_PAD_L + plot_right) / 2,
            y=height - 12,
            text_anchor="middle",
            class_="label",
        ),
        el(
            "text",
            "PC 2",
            x=14,
            y=height / 2,
            text_anchor="middle",
            class_="label",
            transform=f"rotate(-90 14 {height / 2})",
        ),
    ]
    title = "embedding map: the first two principal components, pruned records on top"
    caption = f"{len(kept):,} records; pruned ones coloured by reason, kept ones grey"
    return figure(width, height, title, [area, axes, dots, legend], caption)


def _range(values: Sequence[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = (high - low) * 0.04 or 0.5
    ticks = nice_ticks(low - pad, high + pad)
    return min(low - pad, ticks[0]), max(high + pad, ticks[-1])
