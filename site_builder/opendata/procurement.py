"""Datasets of procurement: plan (O21), announcements (O22), monthly results (O23), report (O24).

Each is the table its page shows, one row per line, every fiscal year the content
holds; total rows are left out so that adding up a column gives the page's total. The
same records are also published as an OCDS release package (opendata/contracting.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.model import Site
from site_builder.model.dataset import Column, Dataset
from site_builder.model.records import (
    Announcements,
    Month,
    ProcurementPlan,
    ProcurementReport,
    ProcurementSummaries,
)
from site_builder.opendata.shown import shown_on

_KEYWORDS = ("การจัดซื้อจัดจ้าง",)
_YEAR = Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "integer")
_MONTH = Column("month", "เดือน", "month")
_METHOD = Column("method", "วิธีซื้อหรือจ้าง", "text")
NOT_PUBLISHED = "ยังไม่ได้เผยแพร่"
FORM = "แบบ สขร.1"


def month_cell(month: Month) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def plan(site: Site) -> Iterator[Dataset]:
    plans = [p for p in site.records.of_kind("procurement_plan") if isinstance(p, ProcurementPlan)]
    shown = shown_on(site, "procurement_plan")
    if not plans or shown is None:
        return
    yield Dataset(
        id="procurement-plan",
        title_th="แผนการจัดซื้อจัดจ้างประจำปี",
        description_th="งานที่จะจัดซื้อหรือจัดจ้างในแต่ละปีงบประมาณ วงเงิน วิธีซื้อหรือจ้าง "
        "ช่วงเวลาที่คาดว่าจะประกาศ และหน่วยงานที่รับผิดชอบ",
        columns=(
            _YEAR,
            Column("number", "ลำดับ", "integer"),
            Column("project", "งานที่จัดซื้อหรือจัดจ้าง", "text"),
            Column("budget", "วงเงิน (บาท)", "amount"),
            _METHOD,
            Column("expected", "กำหนดเวลาที่คาดว่าจะประกาศ", "text"),
            Column("unit", "หน่วยงานที่รับผิดชอบ", "text"),
            Column("note", "หมายเหตุ", "text"),
        ),
        rows=tuple(
            (p.fiscal_year, i.number, i.project, i.budget, i.method, i.expected, i.unit, i.note)
            for p in plans
            for i in p.items
        ),
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=(*_KEYWORDS, "แผนการจัดซื้อจัดจ้าง"),
    )


def announcements(site: Site) -> Iterator[Dataset]:
    years = [
        a for a in site.records.of_kind("procurement_announcements") if isinstance(a, Announcements)
    ]
    shown = shown_on(site, "procurement_announcements")
    if not years or shown is None:
        return
    yield Dataset(
        id="procurement-announcements",
        title_th="ประกาศจัดซื้อจัดจ้าง",
        description_th="ประกาศเชิญชวน ประกาศผู้ชนะการเสนอราคา และประกาศอื่นเกี่ยวกับการจัดซื้อจัดจ้าง "
        "พร้อมวันที่ประกาศและที่อยู่ของเอกสาร (ใหม่สุดก่อนในแต่ละปีงบประมาณ เช่นเดียวกับหน้าเว็บ)",
        columns=(
            _YEAR,
            Column("date", "วันที่", "date"),
            Column("title", "ประกาศ", "text"),
            Column("kind", "ประเภท", "text"),
            Column("document", "เอกสาร", "url"),
        ),
        rows=tuple(
            (year.fiscal_year, a.date, a.title, a.kind, a.document.href)
            for year in years
            for a in year.items
        ),
        pages=shown.pages,
        modified=shown.modified(a.date for year in years for a in year.items),
        oit_codes=shown.oit_codes,
        keywords=(*_KEYWORDS, "ประกาศจัดซื้อจัดจ้าง"),
    )


def _summaries(site: Site) -> list[ProcurementSummaries]:
    return [
        s
        for s in site.records.of_kind("procurement_summaries")
        if isinstance(s, ProcurementSummaries)
    ]


def monthly_results(site: Site) -> Iterator[Dataset]:
    """The O23 overview: every month of each year, its สขร.1, its statement, or a gap."""
    years = _summaries(site)
    shown = shown_on(site, "procurement_summaries")
    if not years or shown is None:
        return
    rows = []
    for year in years:
        for month, entry in year.months.calendar:
            if entry is None:
                rows.append((year.fiscal_year, month_cell(month), NOT_PUBLISHED, None, None))
            elif entry.value is None:
                rows.append((year.fiscal_year, month_cell(month), entry.statement, None, None))
            else:
                summary = entry.value
                rows.append(
                    (
                        year.fiscal_year,
                        month_cell(month),
                        FORM,
                        len(summary.items),
                        summary.total_agreed,
                    )
                )
    yield Dataset(
        id="procurement-months",
        title_th="สรุปผลการจัดซื้อจัดจ้างรายเดือน (ภาพรวมรายเดือน)",
        description_th="ทุกเดือนของปีงบประมาณ: เผยแพร่แบบ สขร.1 แล้ว (จำนวนรายการและรวมราคาที่ตกลง) "
        f"แจ้งว่าไม่มีการจัดซื้อจัดจ้าง หรือ{NOT_PUBLISHED}",
        columns=(
            _YEAR,
            _MONTH,
            Column("result", "ผลการจัดซื้อจัดจ้าง", "text"),
            Column("items", "จำนวนรายการ", "integer"),
            Column("total_agreed", "รวมราคาที่ตกลง (บาท)", "amount"),
        ),
        rows=tuple(rows),
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=(*_KEYWORDS, "สขร.1"),
    )


def results(site: Site) -> Iterator[Dataset]:
    """Every row of every published แบบ สขร.1."""
    years = _summaries(site)
    shown = shown_on(site, "procurement_summaries")
    if not years or shown is None:
        return
    yield Dataset(
        id="procurement-results",
        title_th="ผลการจัดซื้อจัดจ้าง (แบบ สขร.1)",
        description_th="ทุกรายการในแบบ สขร.1 ของทุกเดือน: งาน วงเงิน ราคากลาง วิธีซื้อหรือจ้าง "
        "ผู้เสนอราคา ผู้ได้รับการคัดเลือกและราคาที่ตกลง เหตุผล และสัญญา",
        columns=(
            _YEAR,
            _MONTH,
            Column("number", "ลำดับ", "integer"),
            Column("project", "งานที่จัดซื้อหรือจัดจ้าง", "text"),
            Column("budget", "วงเงิน (บาท)", "amount"),
            Column("reference_price", "ราคากลาง (บาท)", "amount"),
            _METHOD,
            Column("bidders", "ผู้เสนอราคาและราคาที่เสนอ", "list"),
            Column("winner", "ผู้ได้รับการคัดเลือก", "text"),
            Column("agreed_price", "ราคาที่ตกลง (บาท)", "amount"),
            Column("reason", "เหตุผลที่คัดเลือกโดยสรุป", "text"),
            Column("contract", "เลขที่และวันที่ของสัญญา", "text"),
        ),
        rows=tuple(
            (
                year.fiscal_year,
                month_cell(entry.month),
                item.number,
                item.project,
                item.budget,
                item.reference_price,
                item.method,
                item.bidders,
                item.winner,
                item.agreed_price,
                item.reason,
                item.contract,
            )
            for year in years
            for entry in year.months.entries
            if entry.value is not None
            for item in entry.value.items
        ),
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=(*_KEYWORDS, "สขร.1"),
    )


def annual_report(site: Site) -> Iterator[Dataset]:
    reports = [
        r
        for r in site.records.of_kind("procurement_annual_report")
        if isinstance(r, ProcurementReport)
    ]
    shown = shown_on(site, "procurement_annual_report")
    if not reports or shown is None:
        return
    yield Dataset(
        id="procurement-annual-report",
        title_th="รายงานผลการจัดซื้อจัดจ้างประจำปี",
        description_th="จำนวนรายการและจำนวนเงินของการจัดซื้อจัดจ้างแต่ละวิธีในปีงบประมาณ ตามที่หน่วยงานรายงาน",
        columns=(
            _YEAR,
            _METHOD,
            Column("count", "จำนวนรายการ", "integer"),
            Column("amount", "จำนวนเงิน (บาท)", "amount"),
        ),
        rows=tuple(
            (report.fiscal_year, line.method, line.count, line.amount)
            for report in reports
            for line in report.lines
        ),
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=(*_KEYWORDS, "รายงานผลการจัดซื้อจัดจ้าง"),
    )
