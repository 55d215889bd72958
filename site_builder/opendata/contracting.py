"""The agency's procurement tables (O21–O23) → OCDS procurement records (opendata/ocds.py).

The tables do not share an identifier: the plan (O21) numbers its lines, each monthly
สขร.1 (O23) numbers its rows, announcements (O22) have only a title. So:

- every สขร.1 row is one contracting process, `skr1-<month>-<row>` ("skr1-2565-03-2");
- every plan line is one, `plan-<fiscal year>-<line>` ("plan-2565-2"), unless exactly one
  สขร.1 row of that year has the same project name: then the row joins the plan line's
  process (its ocid stays the one the plan gave it). When several rows share the
  line's name (office supplies bought month by month), each row stays a process of its
  own and names the plan line's as its planning process (relatedProcesses);
- an announcement belongs to the process whose project name its title contains (the
  longest such name, when only one process has it); an invitation dates the tender, a
  winner's announcement the award, an announcement of the plan dates the planning.
  Announcements that match no process stay in the O22 dataset only.

Names are compared with Thai digits as Arabic ones and spaces collapsed. The ids hold as
long as the agency keeps its line and row numbers; the e-GP project number would be a
better one, but the tables do not carry it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from site_builder.load.tables import parse_date
from site_builder.model import Site
from site_builder.model.build_records import split_winner
from site_builder.model.records import (
    Announcement,
    Announcements,
    Month,
    PlannedProcurement,
    Procurement,
    ProcurementPlan,
)
from site_builder.opendata.ocds import (
    Buyer,
    Contract,
    DocumentType,
    ProcurementDocument,
    ProcurementPackage,
    ProcurementRecord,
    Supplier,
    method_of,
)
from site_builder.opendata.shown import shown_on
from site_builder.thai import fiscal_year_bounds, to_arabic_digits

# Until site.yaml names the agency's registered prefix, ocids start with this and the
# site's address: unique to the site, and plainly not a registered prefix ("ocds-…"
# prefixes are assigned by the Open Contracting Partnership to the publisher that asks,
# and only that publisher may use one).
UNREGISTERED_PREFIX = "unregistered"
_SIGNED = re.compile(r"ลงวันที่\s*(.+?)\s*$")


def _key(name: str) -> str:
    return " ".join(to_arabic_digits(name).split()).casefold()


def default_prefix(base_url: str) -> str:
    """unregistered-nongkaew.example: the site's host and path, unique to the site."""
    parts = urlsplit(base_url)
    place = "-".join(part for part in (parts.netloc, *parts.path.split("/")) if part)
    return f"{UNREGISTERED_PREFIX}-{place}"


def contract_of(cell: str) -> Contract | None:
    """The contract a สขร.1 cell names: "สัญญาจ้างเลขที่ 1/2565 ลงวันที่ 28 ธ.ค. 2564".

    A cell with neither a number (เลขที่) nor a date names no contract yet.
    """
    match = _SIGNED.search(cell)
    signed = None
    if match:
        written = to_arabic_digits(match[1])
        signed = parse_date(written)
        if signed is None:
            try:
                signed = dt.date.fromisoformat(written)
            except ValueError:
                signed = None
    if signed is None and "เลขที่" not in cell:
        return None
    return Contract(cell, signed)


def _notice_kind(notice: Announcement) -> DocumentType | None:
    text = f"{notice.kind or ''} {notice.title}"
    if "แผนการจัดซื้อจัดจ้าง" in text:
        return "procurementPlan"
    if "เชิญชวน" in text:
        return "tenderNotice"
    if "ผู้ชนะ" in text:
        return "awardNotice"
    return None


def _document(notice: Announcement, kind: DocumentType | None) -> ProcurementDocument:
    return ProcurementDocument(notice.title, notice.document.href, notice.date, kind)


def _last_day(month: Month) -> dt.date:
    return dt.date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])


@dataclass
class _Process:
    """A contracting process being assembled from the rows that describe it."""

    id: str
    name: str
    plan_line: PlannedProcurement | None = None
    result: tuple[Month, Procurement] | None = None
    planning_process: str | None = None
    notices: list[tuple[Announcement, DocumentType | None]] = field(default_factory=list)

    def record(self, planned: dt.date | None) -> ProcurementRecord:
        line, result = self.plan_line, self.result
        written = result[1].method if result else (line.method if line else None)
        dated = {
            kind: min((n.date for n, k in self.notices if k == kind), default=None)
            for kind in ("tenderNotice", "awardNotice")
        }
        record = ProcurementRecord(
            id=self.id,
            title=self.name,
            method=method_of(written) if written else None,
            method_details=written,
            budget=line.budget if line else result[1].budget if result else None,
            planned=planned if line else None,
            announced=dated["tenderNotice"],
            documents=tuple(_document(n, k) for n, k in sorted(self.notices, key=_by_date)),
            planning_process=self.planning_process,
        )
        if result is None:
            return record
        month, row = result
        return replace(
            record,
            reference_price=row.reference_price,
            tenderers=tuple(_bidder(bid) for bid in row.bidders),
            supplier=Supplier(row.winner),
            award_amount=row.agreed_price,
            award_reason=row.reason,
            awarded=dated["awardNotice"],
            contract=contract_of(row.contract),
            reported=_last_day(month),
        )


def _by_date(notice: tuple[Announcement, DocumentType | None]) -> tuple[dt.date, str]:
    return notice[0].date, notice[0].title


def _bidder(line: str) -> str:
    """'หจก.ทดลองก่อสร้าง / 419,000.00' → 'หจก.ทดลองก่อสร้าง' (the offer is not core OCDS)."""
    split = split_winner(line)
    return split[0] if split else line


def _processes(
    fiscal_year: int,
    plan: ProcurementPlan | None,
    results: list[tuple[Month, Procurement]],
) -> list[_Process]:
    lines = list(enumerate(plan.items, start=1)) if plan else []
    lines_by_name: dict[str, list[int]] = defaultdict(list)
    for position, line in lines:
        lines_by_name[_key(line.project)].append(position)
    results_by_name: dict[str, list[tuple[Month, Procurement]]] = defaultdict(list)
    for month, row in results:
        results_by_name[_key(row.project)].append((month, row))
    processes: list[_Process] = []
    joined: set[tuple[Month, int]] = set()
    planned_by_name: dict[str, str] = {}
    for position, line in lines:
        number = f"{line.number}" if line.number is not None else f"row{position}"
        process = _Process(f"plan-{fiscal_year}-{number}", line.project, plan_line=line)
        name = _key(line.project)
        same = results_by_name.get(name, [])
        if len(lines_by_name[name]) == 1:
            if len(same) == 1:
                process.result = same[0]
                joined.add((same[0][0], same[0][1].number))
            elif same:
                planned_by_name[name] = process.id
        processes.append(process)
    for month, row in results:
        if (month, row.number) in joined:
            continue
        processes.append(
            _Process(
                f"skr1-{month.key}-{row.number}",
                row.project,
                result=(month, row),
                planning_process=planned_by_name.get(_key(row.project)),
            )
        )
    return processes


def _attach(processes: list[_Process], notices: Announcements | None) -> list[Announcement]:
    """Give each announcement to its process; returns the announcements of the plan."""
    plan_notices = []
    for notice in notices.items if notices else ():
        kind = _notice_kind(notice)
        if kind == "procurementPlan":
            plan_notices.append(notice)
            continue
        title = _key(notice.title)
        found = [p for p in processes if _key(p.name) in title]
        longest = max((len(_key(p.name)) for p in found), default=0)
        best = [p for p in found if len(_key(p.name)) == longest]
        if len(best) == 1:
            best[0].notices.append((notice, kind))
    return plan_notices


def _planned(
    fiscal_year: int, plan_notices: list[Announcement], o21_updated: dt.date | None
) -> dt.date | None:
    """When the year's plan was published: its announcement, else the O21 page's date
    if that falls by the end of the fiscal year (a later one dates a later plan)."""
    if plan_notices:
        return min(notice.date for notice in plan_notices)
    if o21_updated is not None and o21_updated <= fiscal_year_bounds(fiscal_year)[1]:
        return o21_updated
    return None


def procurement_records(site: Site) -> tuple[ProcurementRecord, ...]:
    """Every process of every fiscal year the plan or the สขร.1 cover, dated or not."""
    records = site.records
    plan_shown = shown_on(site, "procurement_plan")
    o21_updated = plan_shown.updated if plan_shown else None
    plans = {p.fiscal_year: p for p in records.of_kind("procurement_plan")}
    summaries = {s.fiscal_year: s for s in records.of_kind("procurement_summaries")}
    found: list[ProcurementRecord] = []
    for fiscal_year in sorted({*plans, *summaries}):
        plan = plans.get(fiscal_year)
        series = records.procurement_summaries(fiscal_year)
        results = [
            (entry.month, row)
            for entry in (series.months.entries if series else ())
            if entry.value is not None
            for row in entry.value.items
        ]
        processes = _processes(
            fiscal_year, plan if isinstance(plan, ProcurementPlan) else None, results
        )
        notices = records.find("procurement_announcements", fiscal_year)
        plan_notices = _attach(processes, notices if isinstance(notices, Announcements) else None)
        planned = _planned(fiscal_year, plan_notices, o21_updated)
        for process in processes:
            if process.plan_line is not None:
                process.notices += [(n, "procurementPlan") for n in plan_notices]
            found.append(process.record(planned))
    return tuple(found)


def procurement_package(site: Site) -> ProcurementPackage | None:
    """The OCDS package of the site's procurement; None when no process has a date yet,
    or when site.base_url is not set (OCDS addresses must be absolute)."""
    base_url = site.settings.base_url
    dated = tuple(record for record in procurement_records(site) if record.stages())
    if not dated or base_url is None:
        return None
    kinds = ("procurement_plan", "procurement_announcements", "procurement_summaries")
    shown = [s for s in (shown_on(site, kind) for kind in kinds) if s is not None]
    configured = site.settings.open_data.ocid_prefix
    agency = site.agency
    return ProcurementPackage(
        records=dated,
        buyer=Buyer(agency.name_th, agency.name_th, agency.address),
        ocid_prefix=configured or default_prefix(base_url),
        prefix_registered=configured is not None,
        pages=tuple(page for s in shown for page in s.pages),
        oit_codes=tuple(code for s in shown for code in s.oit_codes),
    )
