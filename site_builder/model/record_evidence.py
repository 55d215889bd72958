"""What an item's typed records show, as readiness evidence (see docs/readiness.md).

The readiness rules read an item only through `Evidence`; this module says what each
kind of record (site_builder/model/records.py) gives them: a month of a monthly record
is a `record` for that month, or a `statement` when the month is stated as having had
nothing (ไม่มีการจัดซื้อจัดจ้าง, ไม่มีเรื่องร้องเรียน); a yearly table covers its fiscal
year (a six-month report its first half); the structure shows the parts of O1; each
executive is a record with the facts O2 asks for.
"""

from __future__ import annotations

from collections.abc import Iterable

from site_builder.model import Evidence
from site_builder.model import records as r
from site_builder.periods import Month, Period
from site_builder.schema.content import Agency
from site_builder.schema.organisation import OrgUnit, Post

# The parts of O1 (the framework's `parts` rule), as the structure shows them: the
# political side holds the executives and the council, the permanent side the staff.
EXECUTIVES_PART = "ผู้บริหาร"
COUNCIL_PART = "สมาชิกสภา"
STAFF_PART = "พนักงาน"
# A post or unit of the political side belongs to the council when its name, or the
# name of a unit it sits in, says so: สภาองค์การบริหารส่วนตำบล, สภาเทศบาล, ประธานสภา….
COUNCIL_WORD = "สภา"

POLITICAL_SIDE = "ฝ่ายการเมือง"
PERMANENT_SIDE = "ฝ่ายประจำ"


def record_evidence(records: Iterable[r.ItemRecord]) -> tuple[Evidence, ...]:
    """The evidence of every record drawn on an item, of any fiscal year."""
    return tuple(evidence for record in records for evidence in _evidence(record))


def _evidence(record: r.ItemRecord) -> tuple[Evidence, ...]:
    content = record.content
    if isinstance(content, r.Organisation):
        if record.kind == "organisation_chart":
            return _structure(content)
        return tuple(_executive(person) for person in content.executives)
    if isinstance(content, Agency):
        return (Evidence("record", f"ช่องทางติดต่อ{content.name_th}"),)
    if isinstance(content, r.CaseStatistics):
        return _months(content.title, content.months)
    if isinstance(content, r.ProcurementSummaries):
        return _months("สรุปผลการจัดซื้อจัดจ้าง", content.months)
    if isinstance(content, r.Announcements):
        return tuple(_announcement(item) for item in content.items)
    if isinstance(content, r.BudgetTable) and content.kind == "budget_six_month_report":
        return (_yearly(content.title, Period.first_half(content.fiscal_year)),)
    assert isinstance(content, r.BudgetTable | r.ProcurementPlan | r.ProcurementReport), record.kind
    return (_yearly(content.title, Period.fiscal_year(content.fiscal_year)),)


def _month(month: r.Month) -> Period:
    return Period.month(Month(month.year, month.month))


def _months(title: str, series: r.MonthlySeries) -> tuple[Evidence, ...]:
    """One piece per month given: its data, or the statement that it had none."""
    found = []
    for entry in series.entries:
        period = _month(entry.month)
        if entry.statement is not None:
            found.append(
                Evidence("statement", entry.statement, period=period, period_from="stated")
            )
        else:
            title_of_month = f"{title} เดือน{entry.month.label}"
            found.append(Evidence("record", title_of_month, period=period, period_from="stated"))
    return tuple(found)


def _yearly(title: str, period: Period) -> Evidence:
    """A table of a fiscal year says which year it is by where it is (budget/2565/…)."""
    return Evidence("record", title, period=period, period_from="stated")


def _announcement(item: r.Announcement) -> Evidence:
    """Dated, so an announcement made after the reference date is not counted."""
    return Evidence("record", item.title, item.date, Period.month(Month.of(item.date)), "date")


def _executive(person: r.ExecutiveProfile) -> Evidence:
    """The facts given for one post; a post stated vacant has nobody to describe."""
    if person.vacant:
        return Evidence(
            "record",
            person.position,
            subject=f"{person.position} (ตำแหน่งว่าง)",
            facts=frozenset({"position", "vacant"}),
        )
    facts = {"position", "name"}
    if person.photo is not None:
        facts.add("photo")
    if person.phones or person.email:
        facts.add("contact")
    return Evidence(
        "record",
        person.position,
        subject=f"{person.position} ({person.name})",
        facts=frozenset(facts),
    )


def _structure(organisation: r.Organisation) -> tuple[Evidence, ...]:
    """One piece per O1 part the chart shows, naming the first post or unit showing it."""
    structure = organisation.structure
    shown: dict[str, str] = {}
    political = structure.political
    for name, in_council in _names(political.posts, political.units, False):
        part = COUNCIL_PART if in_council else EXECUTIVES_PART
        shown.setdefault(part, f"{POLITICAL_SIDE}: {name}")
    for name, _ in _names(structure.permanent.posts, structure.permanent.units, False):
        shown.setdefault(STAFF_PART, f"{PERMANENT_SIDE}: {name}")
    return tuple(
        Evidence("record", f"แผนผังโครงสร้าง — {shown[part]}", part=part, subject=shown[part])
        for part in (EXECUTIVES_PART, COUNCIL_PART, STAFF_PART)
        if part in shown
    )


def _names(
    posts: Iterable[Post], units: Iterable[OrgUnit], in_council: bool
) -> Iterable[tuple[str, bool]]:
    """Every post and unit under a side, with whether it belongs to the council."""
    for post in posts:
        yield post.title, in_council or COUNCIL_WORD in post.title
    for unit in units:
        council = in_council or COUNCIL_WORD in unit.name
        yield unit.name, council
        yield from _names(unit.posts, unit.units, council)
