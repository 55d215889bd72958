"""SVG charts drawn at build time; every chart's data is also shown as a table on its page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from site_builder.model import Indicator


def indicator_bars(
    indicators: Sequence[Indicator],
    target: float,
    title: str,
    numerals: Callable[[object], str] = str,
) -> Markup:
    """Horizontal bars, one per indicator, 0–100, with a dashed target line.

    Each indicator's name sits above its bar, so the chart stays narrow enough to read
    on a phone without shrinking the text. `numerals` writes the numbers shown (Thai
    digits when the site uses them).
    """
    row_height, left, bar_width, value_room, top = 48, 4, 330, 62, 30
    width = left + bar_width + value_room
    height = top + row_height * len(indicators) + 24

    def x_of(value: float) -> float:
        return left + bar_width * value / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        x = x_of(tick)
        parts.append(
            f'<line class="chart-grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 22}"/>'
        )
        parts.append(
            f'<text class="chart-tick" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{numerals(tick)}</text>'
        )
    for index, indicator in enumerate(indicators):
        y = top + index * row_height
        below = indicator.score < target
        parts.append(
            f'<text class="chart-label" x="{left}" y="{y + 16}">'
            f"{numerals(indicator.number)}. {escape(indicator.name_th)}</text>"
        )
        parts.append(
            f'<rect class="chart-bar{" chart-bar-below" if below else ""}" x="{left}" y="{y + 23}" '
            f'width="{bar_width * indicator.score / 100:.1f}" height="18"/>'
        )
        parts.append(
            f'<text class="chart-value" x="{x_of(indicator.score) + 6:.1f}" y="{y + 37}">{numerals(f"{indicator.score:.2f}")}</text>'
        )
    tx = x_of(target)
    parts.append(
        f'<line class="chart-target" x1="{tx:.1f}" y1="{top - 10}" x2="{tx:.1f}" y2="{height - 22}"/>'
    )
    parts.append(
        f'<text class="chart-target-label" x="{tx:.1f}" y="{top - 14}" text-anchor="middle">เป้าหมาย {numerals(f"{target:g}")}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
