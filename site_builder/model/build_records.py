"""Join the agency's records into domain objects, computing totals and checking them.

What a document states (a total row, a percentage) is checked against what the build
computes from its rows; a difference is an error at the stated cell, so `check` says
where. Records that disagree across files (the annual report and the monthly
summaries) are warnings: either may be right, and both are published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from site_builder.load.content_tree import display_path
from site_builder.load.images import image_info
from site_builder.load.yaml_source import SourceDocument
from site_builder.model.attachment import Attachment
from site_builder.model.records import (
    Announcement,
    Announcements,
    BudgetLine,
    BudgetTable,
    CaseStatistics,
    ExecutiveProfile,
    ItemRecord,
    MethodTotal,
    Month,
    MonthCounts,
    MonthEntry,
    MonthlySeries,
    MonthlySummary,
    Organisation,
    Photo,
    PlannedProcurement,
    Procurement,
    ProcurementPlan,
    ProcurementReport,
    ProcurementSummaries,
    Records,
    YearlyRecord,
)
from site_builder.model.richtext import RichText
from site_builder.problems import Location, Problem, Severity
from site_builder.schema.content import Agency
from site_builder.schema.records import ValidRecords, ValidTable
from site_builder.schema.tables import (
    AnnouncementsFile,
    BudgetFile,
    ProcurementPlanFile,
    ProcurementReportFile,
    ProcurementRow,
    ProcurementSummaryFile,
    StatisticsFile,
)
from site_builder.thai import BE_OFFSET, to_arabic_digits

if TYPE_CHECKING:
    from site_builder.model.build import _Context

# Default titles, shown when a table file gives none.
TITLES = {
    "service_statistics": "สถิติการให้บริการ",
    "complaint_statistics": "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "budget_plan": "แผนการใช้จ่ายงบประมาณประจำปี",
    "budget_six_month_report": "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ 6 เดือน",
    "budget_annual_report": "รายงานผลการใช้จ่ายงบประมาณประจำปี",
    "procurement_plan": "แผนการจัดซื้อจัดจ้าง",
    "procurement_announcements": "ประกาศเกี่ยวกับการจัดซื้อจัดจ้าง",
    "procurement_summary": "สรุปผลการดำเนินการจัดซื้อจัดจ้าง",
    "procurement_annual_report": "รายงานผลการจัดซื้อจัดจ้างประจำปี",
}
# What a month with all counts zero is shown as.
NONE_STATEMENTS = {
    "service_statistics": "ไม่มีผู้ขอรับบริการ",
    "complaint_statistics": "ไม่มีเรื่องร้องเรียน",
}
_CENT = Decimal("0.01")


def _problem(
    ctx: _Context,
    source: SourceDocument,
    path: Sequence[str | int],
    key: str,
    severity: Severity = Severity.ERROR,
    **fields: object,
) -> None:
    ctx.problems.append(Problem(source.locate(path), key, fields, source.describe(path), severity))


def _text(value: str | None) -> RichText | None:
    return RichText(value) if value and value.strip() else None


def _title(table: ValidTable, kind: str) -> str:
    return table.record.title or f"{TITLES[kind]} ปีงบประมาณ {table.fiscal_year}"


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """Part of whole in percent, to two decimals (half up, as Thai reports round)."""
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


def _shown(value: Decimal | int) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"


def _check_total(
    ctx: _Context,
    source: SourceDocument,
    stated: Decimal | int | None,
    computed: Decimal | int,
    field_name: str,
) -> None:
    if stated is not None and stated != computed:
        _problem(
            ctx,
            source,
            ("total", field_name),
            "total_disagrees",
            stated=_shown(stated),
            computed=_shown(computed),
        )


def _check_share(
    ctx: _Context,
    source: SourceDocument,
    path: tuple[str | int, ...],
    stated: Decimal | None,
    computed: Decimal | None,
) -> None:
    # One hundredth of a percent either way is rounding, not a mistake.
    if stated is not None and computed is not None and abs(stated - computed) > _CENT:
        _problem(
            ctx, source, path, "share_disagrees", stated=f"{stated:.2f}", computed=f"{computed:.2f}"
        )


def _month_of(written: str, fiscal_year: int) -> Month:
    """'2565-01' → January 2022; '01' (no year) → the month of that name in the fiscal year."""
    if "-" in written:
        year, month = written.split("-")
        return Month(int(year) - BE_OFFSET, int(month))
    return next(m for m in Month.of_fiscal_year(fiscal_year) if m.month == int(written))


def _outside_year(
    ctx: _Context,
    source: SourceDocument,
    path: tuple[str | int, ...] | None,
    month: Month,
    fiscal_year: int,
) -> bool:
    """Report a month outside the fiscal year at `path` (None: the file's name)."""
    months = Month.of_fiscal_year(fiscal_year)
    if month in months:
        return False
    fields = {
        "month": month.label,
        "fiscal_year": fiscal_year,
        "first": months[0].label,
        "last": months[-1].label,
    }
    if path is None:
        ctx.problems.append(Problem(Location(source.file), "month_outside_fiscal_year", fields))
    else:
        _problem(ctx, source, path, "month_outside_fiscal_year", **fields)
    return True


# --- O1, O2 --------------------------------------------------------------------------------


def _organisation(ctx: _Context, valid: ValidRecords) -> Organisation | None:
    record, source = valid.organisation, valid.organisation_source
    if record is None or source is None:
        return None
    executives = []
    for index, executive in enumerate(record.executives):
        photo = None
        path = ("executives", index, "photo")
        if executive.photo is not None and ctx.content_file(executive.photo, source, path):
            info = image_info(ctx.root / executive.photo)
            if info is not None and not info.colour:
                _problem(
                    ctx, source, path, "photo_not_colour", Severity.WARNING, found=executive.photo
                )
            photo = Photo(
                executive.photo,
                info.width if info else None,
                info.height if info else None,
                display_path(ctx.root / executive.photo),
            )
        executives.append(
            ExecutiveProfile(
                executive.position,
                None if executive.vacant else executive.name,
                photo,
                tuple(executive.phones),
                executive.email,
            )
        )
    return Organisation(record.structure, tuple(executives), source.file)


# --- O15, O31 ------------------------------------------------------------------------------


def _none_statement(kind: str, note: str | None) -> str:
    """ "ไม่มีเรื่องร้องเรียน", or the row's own words for it, keeping any other note."""
    if note and note.startswith("ไม่มี"):
        return note
    return f"{NONE_STATEMENTS[kind]} ({note})" if note else NONE_STATEMENTS[kind]


def _statistics(ctx: _Context, table: ValidTable[StatisticsFile]) -> CaseStatistics:
    record, source, fiscal_year = table.record, table.source, table.fiscal_year
    entries: dict[Month, MonthEntry[MonthCounts]] = {}
    first_line: dict[Month, int] = {}
    for index, row in enumerate(record.rows):
        path = ("rows", index, "month")
        month = _month_of(row.month, fiscal_year)
        if _outside_year(ctx, source, path, month, fiscal_year):
            continue
        if month in entries:
            _problem(
                ctx,
                source,
                path,
                "duplicate_month",
                month=month.label,
                first_line=first_line[month],
            )
            continue
        first_line[month] = source.locate(path).line
        counts = MonthCounts(row.received, row.in_progress, row.completed, row.note)
        if row.received == row.in_progress == row.completed == 0:
            entries[month] = MonthEntry(
                month, None, _none_statement(table.kind, row.note), source.file
            )
        else:
            entries[month] = MonthEntry(month, counts, None, source.file)
    total = MonthCounts(
        sum(row.received for row in record.rows),
        sum(row.in_progress for row in record.rows),
        sum(row.completed for row in record.rows),
    )
    if record.total is not None:
        for name in ("received", "in_progress", "completed"):
            _check_total(ctx, source, getattr(record.total, name), getattr(total, name), name)
    series = MonthlySeries(fiscal_year, tuple(entries[m] for m in sorted(entries)))
    return CaseStatistics(
        table.kind,
        fiscal_year,
        _title(table, table.kind),
        _text(record.text),
        series,
        total,
        source.file,
    )


# --- O18–O20 --------------------------------------------------------------------------------


def _budget(ctx: _Context, table: ValidTable[BudgetFile]) -> BudgetTable:
    record, source = table.record, table.source
    is_report = table.kind != "budget_plan"
    total_amount = sum((row.amount for row in record.rows), Decimal("0"))
    total_disbursed = (
        sum((row.disbursed or Decimal("0") for row in record.rows), Decimal("0"))
        if is_report
        else None
    )
    lines = []
    seen: set[str] = set()
    for index, row in enumerate(record.rows):
        if row.category in seen:
            _problem(
                ctx, source, ("rows", index, "category"), "duplicate_category", found=row.category
            )
        seen.add(row.category)
        if is_report and row.disbursed is None:
            _problem(ctx, source, ("rows", index, "disbursed"), "budget_needs_disbursed")
        if not is_report and row.disbursed is not None:
            _problem(ctx, source, ("rows", index, "disbursed"), "plan_has_disbursed")
        if row.disbursed is not None and row.disbursed > row.amount:
            _problem(
                ctx,
                source,
                ("rows", index, "disbursed"),
                "disbursed_over_amount",
                Severity.WARNING,
                disbursed=_shown(row.disbursed),
                amount=_shown(row.amount),
            )
        share = percent(row.amount, total_amount)
        disbursed_share = percent(row.disbursed, row.amount) if row.disbursed is not None else None
        _check_share(ctx, source, ("rows", index, "share"), row.share, share)
        _check_share(
            ctx, source, ("rows", index, "disbursed_share"), row.disbursed_share, disbursed_share
        )
        lines.append(
            BudgetLine(row.category, row.amount, row.disbursed, share, disbursed_share, row.note)
        )
    total_share = percent(total_disbursed, total_amount) if total_disbursed is not None else None
    if record.total is not None:
        _check_total(ctx, source, record.total.amount, total_amount, "amount")
        if total_disbursed is not None:
            _check_total(ctx, source, record.total.disbursed, total_disbursed, "disbursed")
        _check_share(ctx, source, ("total", "share"), record.total.share, Decimal("100.00"))
        _check_share(
            ctx, source, ("total", "disbursed_share"), record.total.disbursed_share, total_share
        )
    return BudgetTable(
        table.kind,
        table.fiscal_year,
        _title(table, table.kind),
        _text(record.text),
        tuple(lines),
        total_amount,
        total_disbursed,
        total_share,
        source.file,
    )


# --- O21, O22 -------------------------------------------------------------------------------


def _duplicate_numbers(
    ctx: _Context, source: SourceDocument, numbers: Iterable[int | None]
) -> None:
    seen: set[int] = set()
    for index, number in enumerate(numbers):
        if number is not None and number in seen:
            _problem(ctx, source, ("rows", index, "number"), "duplicate_number", found=number)
        if number is not None:
            seen.add(number)


def _plan(ctx: _Context, table: ValidTable[ProcurementPlanFile]) -> ProcurementPlan:
    record, source = table.record, table.source
    _duplicate_numbers(ctx, source, (row.number for row in record.rows))
    total = sum((row.budget for row in record.rows), Decimal("0"))
    if record.total is not None:
        _check_total(ctx, source, record.total.budget, total, "budget")
    items = tuple(
        PlannedProcurement(
            row.number, row.project, row.budget, row.method, row.expected, row.unit, row.note
        )
        for row in record.rows
    )
    return ProcurementPlan(
        table.fiscal_year,
        _title(table, "procurement_plan"),
        _text(record.text),
        items,
        total,
        source.file,
    )


def _announcements(ctx: _Context, table: ValidTable[AnnouncementsFile]) -> Announcements:
    record, source = table.record, table.source
    items = []
    for index, row in enumerate(record.rows):
        if row.file is not None:
            if not ctx.content_file(row.file, source, ("rows", index, "file")):
                continue
            document = Attachment(row.title, row.file, True, row.date)
        else:
            document = Attachment(row.title, row.url or "", False, row.date)
        items.append((index, Announcement(row.date, row.title, row.kind, document)))
    # Newest first; announcements of the same day keep the order they were written in.
    ordered = tuple(
        item for _, item in sorted(items, key=lambda pair: (-pair[1].date.toordinal(), pair[0]))
    )
    return Announcements(
        table.fiscal_year,
        _title(table, "procurement_announcements"),
        _text(record.text),
        ordered,
        source.file,
    )


# --- O23, O24 -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?")
_NAME_TRAILER = re.compile(r"[\s/:,\-–—]*(?:ราคา(?:ที่ตกลง)?)?[\s/:,\-–—]*$")


def split_winner(cell: str) -> tuple[str, Decimal] | None:
    """'ร้านรุ่งเรืองพาณิชย์ / 14,850.00 บาท' → ('ร้านรุ่งเรืองพาณิชย์', Decimal('14850.00')).

    The price is the last number that looks like money: with decimals or thousands
    separators, followed by บาท or preceded by ราคา — so the 99 of "หจก. 99 ก่อสร้าง"
    is not taken for a price.
    """
    text = to_arabic_digits(cell)  # one character for one: positions stay those of `cell`
    for match in reversed(list(_NUMBER.finditer(text))):
        written = match[0]
        before = text[: match.start()].rstrip(" :")
        after = text[match.end() :].strip()
        if "," in written or "." in written or after.startswith("บาท") or before.endswith("ราคา"):
            name = _NAME_TRAILER.sub("", cell[: match.start()]).strip()
            rest = cell[match.end() :].strip().removeprefix("บาท").strip()
            return f"{name} {rest}".strip(), Decimal(written.replace(",", ""))
    return None


def _procurement(
    ctx: _Context, source: SourceDocument, index: int, row: ProcurementRow
) -> Procurement | None:
    winner, agreed = row.winner, row.agreed_price
    if agreed is None:
        split = split_winner(row.winner)
        if split is None:
            _problem(ctx, source, ("rows", index, "winner"), "winner_price_missing")
            return None
        winner, agreed = split
    if agreed > row.budget:
        where = "agreed_price" if row.agreed_price is not None else "winner"
        _problem(
            ctx,
            source,
            ("rows", index, where),
            "agreed_over_budget",
            Severity.WARNING,
            agreed=_shown(agreed),
            budget=_shown(row.budget),
        )
    bidders = tuple(line.strip() for line in row.bidders.splitlines() if line.strip())
    return Procurement(
        row.number,
        row.project,
        row.budget,
        row.reference_price,
        row.method,
        bidders,
        winner,
        agreed,
        row.reason,
        row.contract,
    )


def _summary(
    ctx: _Context, table: ValidTable[ProcurementSummaryFile], month: Month
) -> MonthEntry[MonthlySummary]:
    record, source = table.record, table.source
    if record.statement is not None:
        return MonthEntry(month, None, record.statement, source.file)
    _duplicate_numbers(ctx, source, (row.number for row in record.rows))
    items = [_procurement(ctx, source, index, row) for index, row in enumerate(record.rows)]
    kept = tuple(item for item in items if item is not None)
    total_budget = sum((item.budget for item in kept), Decimal("0"))
    total_agreed = sum((item.agreed_price for item in kept), Decimal("0"))
    if record.total is not None and len(kept) == len(items):
        _check_total(ctx, source, record.total.budget, total_budget, "budget")
        references = [item.reference_price for item in kept if item.reference_price is not None]
        _check_total(
            ctx,
            source,
            record.total.reference_price,
            sum(references, Decimal("0")),
            "reference_price",
        )
        _check_total(ctx, source, record.total.agreed_price, total_agreed, "agreed_price")
        _check_total(ctx, source, record.total.winner, total_agreed, "winner")
    title = record.title or f"{TITLES['procurement_summary']} เดือน{month.label}"
    summary = MonthlySummary(month, title, _text(record.text), kept, total_budget, total_agreed)
    return MonthEntry(month, summary, None, source.file)


def method_key(method: str) -> str:
    """'วิธีเฉพาะเจาะจง' and 'เฉพาะเจาะจง ' name the same method."""
    return " ".join(method.split()).removeprefix("วิธี").strip().casefold()


def _by_method(series: MonthlySeries[MonthlySummary]) -> tuple[MethodTotal, ...]:
    totals: dict[str, MethodTotal] = {}
    for entry in series.entries:
        for item in entry.value.items if entry.value else ():
            key = method_key(item.method)
            found = totals.get(key, MethodTotal(item.method, 0, Decimal("0")))
            totals[key] = MethodTotal(
                found.method, found.count + 1, found.amount + item.agreed_price
            )
    return tuple(totals[key] for key in sorted(totals))


def _summaries(
    ctx: _Context, tables: list[ValidTable[ProcurementSummaryFile]]
) -> list[ProcurementSummaries]:
    by_year: dict[int, dict[Month, MonthEntry[MonthlySummary]]] = {}
    shown_by: dict[Month, str] = {}
    for table in tables:
        assert table.month is not None  # summary file names always name their month
        month = Month(*table.month)
        if _outside_year(ctx, table.source, None, month, table.fiscal_year):
            continue
        if month in shown_by:
            where = Location(table.source.file)
            ctx.problems.append(
                Problem(where, "records_duplicate_file", {"other": shown_by[month]})
            )
            continue
        shown_by[month] = table.source.file
        by_year.setdefault(table.fiscal_year, {})[month] = _summary(ctx, table, month)
    result = []
    for fiscal_year, entries in sorted(by_year.items()):
        series = MonthlySeries(fiscal_year, tuple(entries[m] for m in sorted(entries)))
        result.append(ProcurementSummaries(fiscal_year, series, _by_method(series)))
    return result


def _report(
    ctx: _Context,
    table: ValidTable[ProcurementReportFile],
    summaries: ProcurementSummaries | None,
) -> ProcurementReport:
    record, source = table.record, table.source
    lines = tuple(MethodTotal(row.method, row.count, row.amount) for row in record.rows)
    total_count = sum(line.count for line in lines)
    total_amount = sum((line.amount for line in lines), Decimal("0"))
    if record.total is not None:
        _check_total(ctx, source, record.total.count, total_count, "count")
        _check_total(ctx, source, record.total.amount, total_amount, "amount")
    # The report and a complete year of summaries should agree, method by method.
    if summaries is not None and summaries.months.complete:
        computed = {method_key(m.method): m for m in summaries.by_method}
        for index, line in enumerate(lines):
            found = computed.pop(method_key(line.method), MethodTotal(line.method, 0, Decimal("0")))
            if (found.count, found.amount) != (line.count, line.amount):
                _problem(
                    ctx,
                    source,
                    ("rows", index, "method"),
                    "report_disagrees",
                    Severity.WARNING,
                    method=line.method,
                    count=found.count,
                    amount=_shown(found.amount),
                )
        for missing in computed.values():
            _problem(
                ctx,
                source,
                ("rows",),
                "report_lacks_method",
                Severity.WARNING,
                method=missing.method,
                count=missing.count,
                amount=_shown(missing.amount),
            )
    return ProcurementReport(
        table.fiscal_year,
        _title(table, "procurement_annual_report"),
        _text(record.text),
        lines,
        total_count,
        total_amount,
        summaries,
        source.file,
    )


# --- All records, and what feeds each O item -------------------------------------------------


def build_records(ctx: _Context, valid: ValidRecords) -> Records:
    yearly: list[YearlyRecord] = []
    for kind in ("service_statistics", "complaint_statistics"):
        yearly += [_statistics(ctx, table) for table in valid.of_kind(kind)]
    for kind in ("budget_plan", "budget_six_month_report", "budget_annual_report"):
        yearly += [_budget(ctx, table) for table in valid.of_kind(kind)]
    yearly += [_plan(ctx, table) for table in valid.of_kind("procurement_plan")]
    yearly += [_announcements(ctx, table) for table in valid.of_kind("procurement_announcements")]
    summaries = _summaries(ctx, valid.of_kind("procurement_summary"))
    yearly += summaries
    by_year = {s.fiscal_year: s for s in summaries}
    yearly += [
        _report(ctx, table, by_year.get(table.fiscal_year))
        for table in valid.of_kind("procurement_annual_report")
    ]
    ordered = sorted(yearly, key=lambda record: (record.kind, record.fiscal_year))
    return Records(_organisation(ctx, valid), tuple(ordered))


def _has_contact(agency: Agency) -> bool:
    return bool(agency.address or agency.phones or agency.email or agency.map_url)


def item_records(
    kinds: Iterable[str], records: Records, agency: Agency, site_source: str, fiscal_year: int
) -> tuple[ItemRecord, ...]:
    """The typed content feeding an item: the site's fiscal year first, then the others."""
    found: list[ItemRecord] = []
    organisation = records.organisation
    for kind in kinds:
        if kind in ("organisation_chart", "executives"):
            shown = organisation and (
                organisation.has_structure
                if kind == "organisation_chart"
                else organisation.executives
            )
            if organisation and shown:
                found.append(ItemRecord(kind, organisation, None, True, organisation.sources))
        elif kind == "contact":
            if _has_contact(agency):
                found.append(ItemRecord(kind, agency, None, True, (site_source,)))
        else:
            yearly = sorted(
                records.of_kind(kind),
                key=lambda r: (r.fiscal_year != fiscal_year, -r.fiscal_year),
            )
            found += [
                ItemRecord(
                    kind,
                    record,
                    record.fiscal_year,
                    record.fiscal_year == fiscal_year,
                    record.sources,
                    record.monthly,
                )
                for record in yearly
            ]
    return tuple(found)
