"""Bar charts as inline SVG, drawn by the hub: no script library, nothing fetched from outside.

Rows of a time dimension (day, hour, weekday) stand as columns from left to right; any other
dimension's rows lie as horizontal bars with their names beside them. Each bar carries its
value as a tooltip (``<title>``) and as ``data-value``, so a test can read what was drawn.
"""

from __future__ import annotations

import math
from html import escape

from contract import models as m

MAX_BARS = 60  # more would be unreadable; the table below has every row
WIDTH = 760
TIME = (m.Dimension.DAY, m.Dimension.HOUR, m.Dimension.WEEKDAY)


def bar_chart(
    labels: list[str], values: list[float | None], shown: list[str], by: m.Dimension
) -> str:
    """The chart of one column: ``values`` to scale, ``shown`` as they are written."""
    bars = list(zip(labels, values, shown, strict=True))
    cut = len(bars) > MAX_BARS and by not in TIME
    bars = bars[:MAX_BARS] if cut else bars
    top = max((v for _, v, _ in bars if v is not None and v > 0), default=0.0)
    if not top:
        return '<p class="note" id="no-chart">这一列没有可作图的数值。</p>'
    svg = _columns(bars, top) if by in TIME else _bars(bars, top)
    note = f'<p class="note">图中为前 {MAX_BARS} 行，表格中有全部各行。</p>' if cut else ""
    return svg + note


def _bars(bars: list[tuple[str, float | None, str]], top: float) -> str:
    row, label_w, value_w = 24, 200, 70
    span = WIDTH - label_w - value_w
    parts = []
    for n, (label, value, shown) in enumerate(bars):
        y = n * row
        length = span * (value / top) if value and top else 0
        tip = escape(f"{label}：{shown}")
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}"'
            f' data-value="{"" if value is None else value}"><title>{tip}</title></rect>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 16}">{escape(shown)}</text>'
        )
    height = max(row, row * len(bars))
    return _svg(height, "".join(parts))


def _columns(bars: list[tuple[str, float | None, str]], top: float) -> str:
    height, base, left = 220, 190, 36
    step = (WIDTH - 2 * left) / max(1, len(bars))
    widest = max((len(_short(label, 10)) for label, _, _ in bars), default=1) * 7 + 12
    every = max(1, math.ceil(len(bars) / max(1, int((WIDTH - 2 * left) // widest))))
    parts = [f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - left}" y2="{base}"/>']
    for n, (label, value, shown) in enumerate(bars):
        x = left + n * step
        tall = (base - 20) * (value / top) if value and top else 0
        tip = escape(f"{label}：{shown}")
        parts.append(
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{base - tall:.1f}"'
            f' width="{step * 0.8:.1f}" height="{tall:.1f}"'
            f' data-value="{"" if value is None else value}"><title>{tip}</title></rect>'
        )
        if n % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle">'
                f"{escape(_short(label, 10))}</text>"
            )
    return _svg(height, "".join(parts))


def _svg(height: int, body: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img"'
        f' preserveAspectRatio="xMinYMin meet">{body}</svg>'
    )


def _short(text: str, most: int = 16) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
