"""`python build.py new …`: start a content file with every field and a Thai comment on each.

The skeletons are Jinja templates in site_builder/scaffolds/; each writes a file that
passes `check` as it is (values to replace say "แก้ไข:"), with optional lists left empty
and an example entry in comments. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import typing
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder import thai
from site_builder.checklist import available_frameworks, load_framework
from site_builder.load.content_tree import display_path, read_yaml
from site_builder.load.tables import parse_month
from site_builder.model.records import Month
from site_builder.model.scoring import grade_for
from site_builder.schema.content import AgencyType
from site_builder.schema.framework import FrameworkFile
from site_builder.schema.json_schemas import modeline

KINDS = (
    "news",
    "oit",
    "measures",
    "ita",
    "site",
    "organisation",
    "procurement-summary",
    "service-statistics",
    "complaint-statistics",
)
# The other record tables (budget, procurement plan, announcements, annual report) are
# yearly documents kept in a spreadsheet: they are saved as CSV, not started here.
_TEMPLATES = {
    "news": "news.md",
    "service-statistics": "statistics.yaml",
    "complaint-statistics": "statistics.yaml",
}
_MAX_NAME = 60


class ScaffoldRefused(Exception):
    """The file cannot be written; carries the catalogue key and fields of the reason."""

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields


@dataclass(frozen=True, slots=True)
class Scaffold:
    path: Path  # where the file goes
    text: str


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder", "scaffolds"),
        autoescape=False,  # YAML, not HTML; strings go through the `yaml` filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    return env


def _framework(content: Path) -> FrameworkFile:
    """The checklist the site follows (site.yaml), or the newest one shipped."""
    doc, _ = read_yaml(content / "site.yaml") if (content / "site.yaml").is_file() else (None, [])
    chosen = None
    if doc is not None and isinstance(doc.value.get("site"), dict):
        chosen = doc.value["site"].get("checklist")
    if chosen not in available_frameworks():
        chosen = available_frameworks()[-1]
    framework, _ = load_framework(chosen)
    assert framework is not None, chosen  # shipped frameworks are valid (tested)
    return framework


def _year(argument: str | None) -> int:
    digits = thai.to_arabic_digits(argument or "")
    if not re.fullmatch(r"25\d\d|26\d\d", digits):
        raise ScaffoldRefused("new_bad_year", found=argument or "")
    return int(digits)


def _month(argument: str | None) -> Month:
    """'2566-01', 'ม.ค. 66', 'มกราคม 2566' → that month; refused without a year."""
    parsed = parse_month(argument or "")
    if parsed is None or parsed[0] is None or not 1957 <= parsed[0] <= 2157:
        raise ScaffoldRefused("new_bad_month", found=argument or "")
    return Month(parsed[0], parsed[1])


def news_file_name(title: str, date: dt.date) -> str:
    """'ประชุมประชาคม หมู่ 3' on 2023-01-09 → '2566-01-09-ประชุมประชาคม-หมู่-3.md'."""
    # Letters (with Thai vowel and tone marks) and digits are kept; the rest become "-".
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else "-" for c in title)
    words = re.sub("-+", "-", kept).strip("-")[:_MAX_NAME].strip("-")
    stamp = f"{thai.be_year(date.year)}-{date.month:02d}-{date.day:02d}"
    return f"{stamp}-{words}.md" if words else f"{stamp}.md"


def plan(kind: str, argument: str | None, content: Path, today: dt.date) -> Scaffold:
    """The file `new kind argument` would write, or ScaffoldRefused explaining why not."""
    schemas = os.path.relpath(Path("schemas").resolve(), content.resolve())
    env = _environment()
    values: dict[str, object] = {"date": today.isoformat()}
    if kind == "news":
        if not argument or not argument.strip():
            raise ScaffoldRefused("new_needs_title")
        relative = f"news/{news_file_name(argument.strip(), today)}"
        values["title"] = argument.strip()
    elif kind == "oit":
        framework = _framework(content)
        code = (argument or "").strip().upper()
        item = next((i for i in framework.items if i.code == code), None)
        if item is None:
            raise ScaffoldRefused("new_bad_code", found=argument or "", framework=framework.id)
        relative = f"oit/{code}.yaml"
        values |= {
            "code": code,
            "title": item.title_th,
            "framework": framework.id,
            "criteria": item.criteria,
            "parts": item.part_names,
        }
    elif kind == "measures":
        year = _year(argument)
        relative = f"measures/{year}.yaml"
        before = year - 1
        start, end = thai.to_thai_digits(str(before)[-2:]), thai.to_thai_digits(str(year)[-2:])
        values |= {
            "year": year,
            "assessment": before if (content / f"ita/{before}.yaml").is_file() else "null",
            "period": f"ต.ค. {start}- ก.ย. {end}",
        }
    elif kind == "ita":
        year = _year(argument)
        relative = f"ita/{year}.yaml"
        framework_id = f"ita-{year}" if f"ita-{year}" in available_frameworks() else None
        framework = load_framework(framework_id)[0] if framework_id else _framework(content)
        assert framework is not None
        values |= {
            "year": year,
            "framework": framework.id,
            "frameworks": ", ".join(available_frameworks()),
            "indicators": framework.indicators,
            "score": "0.00",
            "grade": grade_for(framework, 0.0),
        }
    elif kind == "site":
        relative = "site.yaml"
        values |= {
            "framework": available_frameworks()[-1],
            "frameworks": ", ".join(available_frameworks()),
            "fiscal_year": thai.fiscal_year_of(today),
            "agency_types": ", ".join(typing.get_args(AgencyType)),
        }
    elif kind == "organisation":
        relative = "organisation.yaml"
    elif kind == "procurement-summary":
        month = _month(argument)
        relative = f"procurement/{month.fiscal_year}/summary-{month.key}.yaml"
        values |= {"month": month.label, "fiscal_year": month.fiscal_year}
    elif kind in ("service-statistics", "complaint-statistics"):
        year = _year(argument)
        service = kind == "service-statistics"
        relative = f"statistics/{'service' if service else 'complaints'}-{year}.yaml"
        months = Month.of_fiscal_year(year)
        values |= {
            "year": year,
            "service": service,
            "first_month": months[0].short_label,
            "first_month_long": months[0].label,
            "last_month": months[-1].short_label,
        }
    else:
        raise ScaffoldRefused("new_unknown_kind", found=kind, expected=", ".join(KINDS))
    values["modeline"] = modeline(relative, Path(schemas).as_posix())
    template = _TEMPLATES.get(kind, f"{kind}.yaml")
    return Scaffold(content / relative, env.get_template(template).render(**values))


def write(scaffold: Scaffold) -> None:
    """Write the file; refuses (never overwrites) when it already exists."""
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with scaffold.path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(scaffold.text)
    except FileExistsError:
        raise ScaffoldRefused("new_exists", file=display_path(scaffold.path)) from None
