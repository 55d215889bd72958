"""SVG charts drawn at build time; every chart's data is also shown as a table on its page."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

from site_builder.model import Indicator
from site_builder.model.records import BudgetTable, CaseStatistics


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


# --- Records: monthly counts (O15, O31) and budget (O18–O20) ------------------------------


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis top ≥ value and its tick step, on a 1-2-5 scale (at most five steps)."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = factor * magnitude
        if step >= 1 and value / step <= 5:
            return step * math.ceil(value / step), step
    return value, value  # pragma: no cover - factor 10 always fits


def _svg_open(chart_id: str, width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]


def _legend(series: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    parts = ['<g class="chart-legend">']
    for css_class, label in series:
        parts.append(f'<rect class="{css_class}" x="{x:.1f}" y="{y - 11}" width="14" height="14"/>')
        parts.append(f'<text class="chart-label" x="{x + 20:.1f}" y="{y}">{escape(label)}</text>')
        x += 30 + 13 * len(label) * 0.62
    parts.append("</g>")
    return parts


def monthly_counts_chart(statistics: CaseStatistics, chart_id: str) -> Markup:
    """Grouped columns per month of the fiscal year: received, in progress, completed."""
    width, height = 720, 320
    left, right, top, bottom = 44, 8, 44, 40
    plot_width, plot_height = width - left - right, height - top - bottom
    calendar = statistics.months.calendar
    largest = max(
        (
            max(e.value.received, e.value.in_progress, e.value.completed)
            for _, e in calendar
            if e and e.value
        ),
        default=0,
    )
    axis_top, step = _nice_ceiling(largest)
    group = plot_width / len(calendar)
    bar = group / 4.5
    series = (
        ("chart-series-1", "รับเรื่อง", "received"),
        ("chart-series-2", "อยู่ระหว่างดำเนินการ", "in_progress"),
        ("chart-series-3", "ดำเนินการแล้วเสร็จ", "completed"),
    )
    parts = _svg_open(chart_id, width, height, f"{statistics.title} รายเดือน")
    parts += _legend([(css, label) for css, label, _ in series], left, 20)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - value / axis_top)

    tick = 0.0
    while tick <= axis_top:
        y = y_of(tick)
        parts.append(
            f'<line class="chart-grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart-tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:,.0f}</text>'
        )
        tick += step
    for index, (month, entry) in enumerate(calendar):
        x = left + index * group
        parts.append(
            f'<text class="chart-tick" x="{x + group / 2:.1f}" y="{height - bottom + 18}" '
            f'text-anchor="middle">{escape(month.short_label)}</text>'
        )
        if entry is None:  # not published: nothing to draw (the table says so)
            parts.append(
                f'<text class="chart-tick" x="{x + group / 2:.1f}" y="{y_of(0) - 6:.1f}" text-anchor="middle">–</text>'
            )
            continue
        for number, (css, _label, name) in enumerate(series):
            value = getattr(entry.value, name) if entry.value else 0
            bar_x = x + bar * 0.75 + number * bar
            parts.append(
                f'<rect class="{css}" x="{bar_x:.1f}" y="{y_of(value):.1f}" width="{bar * 0.9:.1f}" '
                f'height="{y_of(0) - y_of(value):.1f}"/>'
            )
        if entry.value is None:  # stated as none: a zero, so it does not read as missing
            parts.append(
                f'<text class="chart-tick" x="{x + group / 2:.1f}" y="{y_of(0) - 6:.1f}" text-anchor="middle">0</text>'
            )
    parts.append(
        f'<line class="chart-axis" x1="{left}" y1="{y_of(0):.1f}" x2="{width - right}" y2="{y_of(0):.1f}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def budget_chart(table: BudgetTable, chart_id: str) -> Markup:
    """Horizontal bars per category: the budget, and for reports the part disbursed."""
    row_height, label_width, bar_width, value_width, top = 34, 210, 300, 240, 36
    width = label_width + bar_width + value_width
    height = top + row_height * len(table.lines) + 8
    largest = max((line.amount for line in table.lines), default=0) or 1
    parts = _svg_open(chart_id, width, height, table.title)
    legend = [("chart-budget", "งบประมาณ")]
    if table.reports_disbursement:
        legend.append(("chart-disbursed", "เบิกจ่าย"))
    parts += _legend(legend, label_width, 20)
    for index, line in enumerate(table.lines):
        y = top + index * row_height
        full = float(bar_width * line.amount / largest)
        parts.append(
            f'<text class="chart-label" x="{label_width - 8}" y="{y + 20}" text-anchor="end">'
            f"{escape(_short(line.category))}</text>"
        )
        parts.append(
            f'<rect class="chart-budget" x="{label_width}" y="{y + 5}" width="{full:.1f}" height="{row_height - 10}"/>'
        )
        if line.disbursed is not None and table.reports_disbursement:
            spent = float(bar_width * min(line.disbursed, line.amount) / largest)
            parts.append(
                f'<rect class="chart-disbursed" x="{label_width}" y="{y + 10}" width="{spent:.1f}" height="{row_height - 20}"/>'
            )
            value = f"{line.amount:,.0f} (เบิกจ่าย {line.disbursed_share:.2f}%)"
        else:
            value = f"{line.amount:,.0f} ({line.share:.2f}%)"
        parts.append(
            f'<text class="chart-value" x="{label_width + full + 6:.1f}" y="{y + 20}">{escape(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


RECORD_CHARTS = {"monthly_counts_chart": monthly_counts_chart, "budget_chart": budget_chart}
