"""Inline-SVG charts for self-contained pages: histogram, bar chart, scatter plot.

Each function returns one ``<figure>`` (SVG plus caption) as :class:`~markupsafe.Markup`,
sized by a ``viewBox`` so it scales with the page. Labels are escaped like all other
text. Non-finite values (NaN, infinities) are left out and counted in the caption, never
silently dropped. Colours are the Okabe–Ito palette, readable with colour blindness.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup

from croissant_tools.publishing.markup import Content, el

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C6D1F", "#444444")
OTHER = "#B0B0B0"
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 56, 16, 12, 44


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 10_000 or magnitude < 0.001:
        return f"{value:.2g}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values (multiples of 1, 2 or 5 × 10^k) covering the range."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    return ticks


def _finite(values: Iterable[Any]) -> tuple[list[float], int]:
    kept: list[float] = []
    dropped = 0
    for value in values:
        number = float(value)
        if math.isfinite(number):
            kept.append(number)
        else:
            dropped += 1
    return kept, dropped


class _Plot:
    """Maps data coordinates onto the drawing area of a ``width`` × ``height`` chart."""

    def __init__(
        self, width: int, height: int, x_range: tuple[float, float], y_range: tuple[float, float]
    ):
        self.width, self.height = width, height
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        if self.x1 <= self.x0:
            self.x0, self.x1 = self.x0 - 0.5, self.x0 + 0.5
        if self.y1 <= self.y0:
            self.y0, self.y1 = self.y0 - 0.5, self.y0 + 0.5

    def x(self, value: float) -> float:
        span = self.width - _PAD_L - _PAD_R
        return round(_PAD_L + (value - self.x0) / (self.x1 - self.x0) * span, 2)

    def y(self, value: float) -> float:
        span = self.height - _PAD_T - _PAD_B
        return round(self.height - _PAD_B - (value - self.y0) / (self.y1 - self.y0) * span, 2)

    def axes(self, x_label: str, y_label: str, *, x_ticks: bool = True) -> Markup:
        bottom, left = self.height - _PAD_B, _PAD_L
        parts: list[Content] = [
            el("line", x1=left, y1=bottom, x2=self.width - _PAD_R, y2=bottom, class_="axis"),
            el("line", x1=left, y1=_PAD_T, x2=left, y2=bottom, class_="axis"),
        ]
        for tick in nice_ticks(self.y0, self.y1):
            y = self.y(tick)
            parts.append(el("line", x1=left, y1=y, x2=self.width - _PAD_R, y2=y, class_="grid"))
            parts.append(el("text", _fmt(tick), x=left - 6, y=y + 4, text_anchor="end"))
        if x_ticks:
            for tick in nice_ticks(self.x0, self.x1):
                x = self.x(tick)
                parts.append(el("text", _fmt(tick), x=x, y=bottom + 16, text_anchor="middle"))
        parts.append(
            el(
                "text",
                x_label,
                x=(left + self.width - _PAD_R) / 2,
                y=self.height - 6,
                text_anchor="middle",
                class_="label",
            )
        )
        parts.append(
            el(
                "text",
                y_label,
                x=12,
                y=(self.height - _PAD_B) / 2,
                text_anchor="middle",
                class_="label",
                transform=f"rotate(-90 12 {(self.height - _PAD_B) / 2})",
            )
        )
        return el("g", parts, class_="axes")


def figure(width: int, height: int, title: str, body: Content, caption: Content) -> Markup:
    """An accessible chart: ``body`` in an ``<svg>`` whose ``<title>`` and ARIA label are
    ``title``, inside a ``<figure>`` captioned ``caption`` (``title`` when empty). Used by
    the dataset page and the pruning report."""
    svg = el(
        "svg",
        el("title", title),
        body,
        viewBox=f"0 0 {width} {height}",
        role="img",
        aria_label=title,
        xmlns="http://www.w3.org/2000/svg",
        class_="chart",
    )
    return el("figure", svg, el("figcaption", caption or title, dir="auto"), class_="chart")


def _empty(title: str, why: str) -> Markup:
    return el("figure", el("p", why, class_="muted"), el("figcaption", title), class_="chart")


def svg_histogram(
    values: Iterable[Any],
    *,
    bins: int = 20,
    title: str = "Histogram",
    x_label: str = "value",
    y_label: str = "count",
    markers: Mapping[str, float] | None = None,
    width: int = 640,
    height: int = 260,
    colour: str = PALETTE[0],
) -> Markup:
    """A histogram of ``values`` in ``bins`` equal-width bins.

    ``markers`` draws labelled vertical lines (e.g. ``{"threshold": 0.4}``). Each bar's
    tooltip gives its range and count.
    """
    data, dropped = _finite(values)
    if not data:
        return _empty(title, "no finite values to plot")
    low, high = min(data), max(data)
    bins = max(1, bins if high > low else 1)
    width_of_bin = (high - low) / bins if high > low else 1.0
    counts = [0] * bins
    for value in data:
        counts[min(int((value - low) / width_of_bin), bins - 1) if high > low else 0] += 1
    plot = _Plot(width, height, (low, low + width_of_bin * bins), (0, max(counts) * 1.05))
    bars = []
    for index, count in enumerate(counts):
        start = low + index * width_of_bin
        x0, x1 = plot.x(start), plot.x(start + width_of_bin)
        tip = f"{_fmt(start)} – {_fmt(start + width_of_bin)}: {count:,}"
        bars.append(
            el(
                "rect",
                el("title", tip),
                x=x0,
                y=plot.y(count),
                width=max(x1 - x0 - 1, 0.5),
                height=round(plot.y(0) - plot.y(count), 2),
                fill=colour,
            )
        )
    lines = [
        _marker(plot, name, value)
        for name, value in (markers or {}).items()
        if math.isfinite(value)
    ]
    caption = f"{title}: {len(data):,} values" + (
        f", {dropped:,} non-finite left out" if dropped else ""
    )
    return figure(width, height, title, [plot.axes(x_label, y_label), bars, lines], caption)


def _marker(plot: _Plot, name: str, value: float) -> Markup:
    x = plot.x(min(max(value, plot.x0), plot.x1))
    return el(
        "g",
        el("line", x1=x, y1=_PAD_T, x2=x, y2=plot.height - _PAD_B, class_="marker"),
        el("text", f"{name} = {_fmt(value)}", x=x + 4, y=_PAD_T + 12, class_="marker"),
    )


def svg_bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str = "Counts",
    x_label: str = "count",
    max_bars: int = 40,
    width: int = 640,
    colour: str = PALETTE[0],
) -> Markup:
    """Horizontal bars, one per label, longest first; beyond ``max_bars`` the rest are summed."""
    pairs = sorted(
        ((float(v), str(k)) for k, v in zip(labels, values) if math.isfinite(float(v))),
        reverse=True,
    )
    if not pairs:
        return _empty(title, "no values to plot")
    if len(pairs) > max_bars:
        rest = sum(value for value, _ in pairs[max_bars - 1 :])
        pairs = [*pairs[: max_bars - 1], (rest, f"other ({len(pairs) - max_bars + 1:,})")]
    row, label_width = 22, 170
    height = _PAD_T + row * len(pairs) + _PAD_B
    top = max(value for value, _ in pairs)
    scale = (width - label_width - 70) / top if top > 0 else 0.0
    rows = []
    for index, (value, label) in enumerate(pairs):
        y = _PAD_T + index * row
        shown = label if len(label) <= 26 else label[:25] + "…"
        rows.append(
            el(
                "g",
                el("title", f"{label}: {_fmt(value)}"),
                el("text", shown, x=label_width - 6, y=y + 15, text_anchor="end"),
                el(
                    "rect",
                    x=label_width,
                    y=y + 3,
                    width=round(max(value, 0) * scale, 2),
                    height=row - 6,
                    fill=colour,
                ),
                el(
                    "text",
                    _fmt(value),
                    x=label_width + round(max(value, 0) * scale, 2) + 4,
                    y=y + 15,
                ),
            )
        )
    axis = el("text", x_label, x=label_width, y=height - 12, class_="label")
    return figure(width, height, title, [rows, axis], f"{title}: {len(labels):,} categories")


def svg_scatter(
    points: Sequence[tuple[float, float]],
    colours: Sequence[str | int] | None = None,
    *,
    title: str = "Scatter plot",
    x_label: str = "x",
    y_label: str = "y",
    max_points: int = 4000,
    width: int = 640,
    height: int = 420,
) -> Markup:
    """Points coloured by category (``colours[i]`` is point ``i``'s label, e.g. a cluster).

    More than ``max_points`` points are thinned to evenly spaced ones (deterministic), and
    the caption says so. The first seven categories get palette colours with a legend;
    the rest share grey ("other").
    """
    labels = list(colours) if colours is not None else [""] * len(points)
    if len(labels) != len(points):
        raise ValueError(f"{len(points)} points but {len(labels)} colour labels")
    kept = [
        (float(x), float(y), str(c))
        for (x, y), c in zip(points, labels)
        if math.isfinite(float(x)) and math.isfinite(float(y))
    ]
    dropped = len(points) - len(kept)
    if not kept:
        return _empty(title, "no finite points to plot")
    shown = (
        kept
        if len(kept) <= max_points
        else [kept[i * len(kept) // max_points] for i in range(max_points)]
    )
    order: dict[str, str] = {}
    for _, _, label in kept:
        if label not in order:
            order[label] = PALETTE[len(order)] if len(order) < len(PALETTE) - 1 else OTHER
    xs, ys = [p[0] for p in kept], [p[1] for p in kept]
    plot = _Plot(width, height, _padded(min(xs), max(xs)), _padded(min(ys), max(ys)))
    dots = [
        el("circle", cx=plot.x(x), cy=plot.y(y), r=2.6, fill=order[c], class_="dot")
        for x, y, c in shown
    ]
    legend = _legend(order, width) if colours is not None else None
    caption = f"{title}: {len(kept):,} points"
    if len(shown) < len(kept):
        caption += f" (showing {len(shown):,}, evenly thinned)"
    if dropped:
        caption += f", {dropped:,} non-finite left out"
    return figure(width, height, title, [plot.axes(x_label, y_label), dots, legend], caption)


def _padded(low: float, high: float) -> tuple[float, float]:
    pad = (high - low) * 0.04 or 0.5
    return low - pad, high + pad


def _legend(order: Mapping[str, str], width: int) -> Markup:
    entries = [(label, colour) for label, colour in order.items() if colour != OTHER]
    if len(order) > len(entries):
        entries.append((f"other ({len(order) - len(entries):,})", OTHER))
    items = []
    for index, (label, colour) in enumerate(entries):
        y = _PAD_T + 6 + index * 16
        shown = label if len(label) <= 18 else label[:17] + "…"
        items.append(
            el(
                "g",
                el("circle", cx=width - 130, cy=y, r=4, fill=colour),
                el("text", shown or "(none)", x=width - 122, y=y + 4),
            )
        )
    return el("g", items, class_="legend")
