"""The readiness report in four formats: text (terminal), JSON, CSV (spreadsheets) and HTML.

Every label comes from the message catalogue in the chosen language; the JSON keys and
status values are fixed English identifiers for tools (CI, dashboards).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path
from typing import Any

import jinja2

from site_builder.messages import message
from site_builder.readiness.results import (
    FiscalYear,
    ItemReadiness,
    Readiness,
    Reason,
    Status,
    date_label,
)

FORMATS = ("text", "json", "csv", "html")
CSV_BOM = "\ufeff"  # so spreadsheet programs read the Thai text as UTF-8


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Thai vowel and tone marks take none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _counts(lang: str, counts: dict[Status, int]) -> str:
    return " · ".join(f"{status.label(lang)} {counts[status]}" for status in Status)


def _title(readiness: Readiness, lang: str) -> str:
    return message(
        lang,
        "report_title",
        date=date_label(readiness.as_of, lang),
        fiscal_year=FiscalYear(readiness.fiscal_year).label(lang),
        framework=readiness.framework.id,
    )


def _checks(result: ItemReadiness) -> list[str]:
    """Verified criteria a person still has to judge against the content."""
    return list(result.item.spec.criteria)


def estimate_lines(readiness: Readiness, lang: str) -> list[str]:
    estimate = readiness.estimate
    lines = [
        message(
            lang,
            "report_estimate_line",
            low=f"{estimate.low:.2f}",
            high=f"{estimate.high:.2f}",
            ita_low=f"{estimate.ita_points_low:.2f}",
            ita_high=f"{estimate.ita_points_high:.2f}",
            weight=f"{estimate.weight:g}",
        )
    ]
    lines += [
        message(
            lang,
            "report_estimate_indicator",
            number=tally.number,
            name=tally.name_th,
            low=f"{tally.low_share:.2f}",
            high=f"{tally.high_share:.2f}",
        )
        for tally in estimate.indicators
    ]
    lines.append(message(lang, "report_rule_used", rule=estimate.rule.text(lang)))
    return lines


def count_lines(readiness: Readiness, lang: str) -> list[str]:
    lines = [
        message(
            lang,
            "report_indicator_line",
            number=tally.number,
            name=tally.name_th,
            total=tally.total,
            counts=_counts(lang, dict(tally.counts)),
        )
        for tally in readiness.tallies
    ]
    total = {status: readiness.count(status) for status in Status}
    lines.append(
        message(lang, "report_total_line", total=len(readiness.items), counts=_counts(lang, total))
    )
    return lines


def verified_lines(readiness: Readiness, lang: str) -> list[str]:
    """The verified rules about the whole checklist that the checks and the estimate use."""
    return [
        message(lang, f"readiness_general_{rule.id}")
        + " — "
        + message(lang, "report_source_label", sources=", ".join(rule.source))
        for rule in readiness.framework.general_rules
        if rule.verified
    ]


def confirm_lines(readiness: Readiness, lang: str) -> list[str]:
    lines = []
    for entry in readiness.to_confirm:
        where = entry.code or message(lang, "report_confirm_whole")
        text = f"{where}: {entry.rule.text(lang)}"
        if entry.source:
            text += " — " + message(lang, "report_source_label", sources=", ".join(entry.source))
        lines.append(text)
    return lines


def cited_sources(readiness: Readiness) -> list[tuple[str, str]]:
    """Every source id the report cites, with its description from the framework."""
    ids = {s for entry in readiness.to_confirm for s in entry.source}
    ids |= {s for rule in readiness.framework.general_rules for s in rule.source}
    criteria = {r.item.spec.criteria_source for r in readiness.items if r.item.spec.criteria}
    ids |= {s for s in criteria if s}
    return [(source, readiness.source_text(source)) for source in sorted(ids)]


def format_text(readiness: Readiness, lang: str) -> str:
    out = [_title(readiness, lang), ""]
    for note in readiness.notes:
        out.append(f"! {note.text(lang)}")
    if readiness.notes:
        out.append("")
    labels = {status: status.label(lang) for status in Status}
    code_width = max(_width(r.code) for r in readiness.items) + 2
    status_width = max(_width(label) for label in labels.values()) + 3
    indent = " " * (code_width + status_width)
    out.append(
        _pad(message(lang, "report_col_code"), code_width)
        + _pad(message(lang, "report_col_status"), status_width)
        + message(lang, "report_col_title")
    )
    for result in readiness.items:
        mark = "*" if result.unverified else ""
        out.append(
            _pad(result.code, code_width)
            + _pad(labels[result.status] + mark, status_width)
            + result.item.spec.title_th
        )
        out += [f"{indent}- {text}" for text in result.reason_texts(lang)]
        out += [f"{indent}· {text}" for text in result.note_texts(lang)]
        out += [
            f"{indent}? {message(lang, 'report_check_by_person', criterion=c)}"
            for c in _checks(result)
        ]
    out += ["", message(lang, "report_legend"), ""]
    out += [message(lang, "report_counts_heading"), *count_lines(readiness, lang), ""]
    out += [message(lang, "report_estimate_heading"), *estimate_lines(readiness, lang), ""]
    out += [message(lang, "report_verified_heading")]
    out += [f"- {line}" for line in verified_lines(readiness, lang)]
    out += ["", message(lang, "report_confirm_heading")]
    out += [f"- {line}" for line in confirm_lines(readiness, lang)]
    out += ["", message(lang, "report_sources_heading")]
    out += [f"{source}: {text}" for source, text in cited_sources(readiness)]
    return "\n".join(out) + "\n"


def _reason_list(reasons: tuple[Reason, ...], lang: str) -> list[str]:
    return [reason.text(lang) for reason in reasons]


def as_json(readiness: Readiness, lang: str) -> dict[str, Any]:
    """The report as one object; `items` holds each item's code, status and reasons."""
    estimate = readiness.estimate
    return {
        "as_of": readiness.as_of.isoformat(),
        "fiscal_year": readiness.fiscal_year,
        "framework": readiness.framework.id,
        "lang": lang,
        "notes": _reason_list(readiness.notes, lang),
        "items": [
            {
                "code": result.code,
                "title": result.item.spec.title_th,
                "indicator": readiness.indicator_of(result),
                "sub_indicator": result.item.sub_indicator,
                "status": result.status.value,
                "status_label": result.label(lang),
                "reasons": result.reason_texts(lang),
                "notes": result.note_texts(lang),
                "checks_for_a_person": _checks(result),
                "relies_on_unverified_rule": result.unverified,
                "updated": result.item.updated.isoformat() if result.item.updated else None,
                "path": result.item.path,
            }
            for result in readiness.items
        ],
        "counts": {status.value: readiness.count(status) for status in Status},
        "indicators": [
            {
                "number": tally.number,
                "name": tally.name_th,
                "items": tally.total,
                "counts": {status.value: count for status, count in tally.counts},
            }
            for tally in readiness.tallies
        ],
        "estimate": {
            "oit_low": round(estimate.low, 2),
            "oit_high": round(estimate.high, 2),
            "ita_points_low": round(estimate.ita_points_low, 2),
            "ita_points_high": round(estimate.ita_points_high, 2),
            "oit_weight": estimate.weight,
            "indicators": [
                {
                    "number": tally.number,
                    "low": round(tally.low_share, 2),
                    "high": round(tally.high_share, 2),
                }
                for tally in estimate.indicators
            ],
            "rule": estimate.rule.text(lang),
        },
        "rules_used": verified_lines(readiness, lang),
        "rules_to_confirm": [
            {
                "code": entry.code,
                "rule": entry.rule.text(lang),
                "source": list(entry.source),
                "note": entry.note,
            }
            for entry in readiness.to_confirm
        ],
        "sources": dict(cited_sources(readiness)),
    }


def format_json(readiness: Readiness, lang: str) -> str:
    return json.dumps(as_json(readiness, lang), ensure_ascii=False, indent=2) + "\n"


def format_csv(readiness: Readiness, lang: str) -> str:
    """One row per item; the text starts with a byte-order mark for spreadsheet programs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = ("code", "title", "sub_indicator", "status", "reasons", "notes", "updated")
    writer.writerow([message(lang, f"report_col_{column}") for column in columns])
    for result in readiness.items:
        writer.writerow(
            [
                result.code,
                result.item.spec.title_th,
                result.item.sub_indicator,
                result.label(lang) + ("*" if result.unverified else ""),
                "\n".join(result.reason_texts(lang)),
                "\n".join(result.note_texts(lang)),
                result.item.updated.isoformat() if result.item.updated else "",
            ]
        )
    return CSV_BOM + buffer.getvalue()


def format_html(readiness: Readiness, lang: str, templates: Path) -> str:
    """A standalone printable page (templates/readiness_report.html)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("readiness_report.html").render(
        **page_inputs(readiness, lang), title=_title(readiness, lang)
    )


def page_inputs(readiness: Readiness, lang: str) -> dict[str, Any]:
    """What the readiness templates draw (the report page and the staff page of the site)."""

    def t(key: str, **fields: Any) -> str:
        return message(lang, key, **fields)

    return {
        "readiness": readiness,
        "lang": lang,
        "t": t,
        "as_of_label": date_label(readiness.as_of, lang),
        "fiscal_year_label": FiscalYear(readiness.fiscal_year).label(lang),
        "count_lines": count_lines(readiness, lang),
        "estimate_lines": estimate_lines(readiness, lang),
        "verified_lines": verified_lines(readiness, lang),
        "confirm_lines": confirm_lines(readiness, lang),
        "sources": cited_sources(readiness),
    }
