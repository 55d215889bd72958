"""Datasets of the budget tables: the spending plan (O18) and its two reports (O19, O20).

One row per category (หมวด) and fiscal year, as on the page; the "รวม" row is left out
so that adding up a column gives the page's total. Shares are the ones the page shows,
computed by the build to two decimals.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.model import Site
from site_builder.model.dataset import Column, Dataset
from site_builder.model.records import BudgetTable
from site_builder.opendata.shown import shown_on
from site_builder.schema.framework import FeedKind

_KEYWORDS = ("งบประมาณ", "การใช้จ่ายงบประมาณ")
_YEAR = Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "integer")
_CATEGORY = Column("category", "รายการ", "text")
_AMOUNT = Column("amount", "งบประมาณ (บาท)", "amount")
_SHARE = Column("share", "ร้อยละของงบประมาณ", "number")
_DISBURSED = Column("disbursed", "เบิกจ่าย (บาท)", "amount")
_DISBURSED_SHARE = Column("disbursed_share", "ร้อยละการเบิกจ่าย", "number")
_NOTE = Column("note", "หมายเหตุ", "text")


def _budget(
    site: Site, kind: FeedKind, id: str, title_th: str, description_th: str
) -> Iterator[Dataset]:
    tables = [t for t in site.records.of_kind(kind) if isinstance(t, BudgetTable)]
    shown = shown_on(site, kind)
    if not tables or shown is None:
        return
    report = kind != "budget_plan"
    columns = (
        _YEAR,
        _CATEGORY,
        _AMOUNT,
        _SHARE,
        *((_DISBURSED, _DISBURSED_SHARE) if report else ()),
        _NOTE,
    )
    rows = tuple(
        (
            table.fiscal_year,
            line.category,
            line.amount,
            line.share,
            *((line.disbursed, line.disbursed_share) if report else ()),
            line.note,
        )
        for table in tables
        for line in table.lines
    )
    yield Dataset(
        id=id,
        title_th=title_th,
        description_th=description_th,
        columns=columns,
        rows=rows,
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=_KEYWORDS,
    )


def budget_plan(site: Site) -> Iterator[Dataset]:
    yield from _budget(
        site,
        "budget_plan",
        "budget-plan",
        "แผนการใช้จ่ายงบประมาณประจำปี",
        "งบประมาณแต่ละรายการของแต่ละปีงบประมาณ และร้อยละของงบประมาณทั้งหมด",
    )


def budget_six_month_report(site: Site) -> Iterator[Dataset]:
    yield from _budget(
        site,
        "budget_six_month_report",
        "budget-six-month-report",
        "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ 6 เดือน",
        "งบประมาณและผลการเบิกจ่ายแต่ละรายการในครึ่งแรกของปีงบประมาณ (ตุลาคม–มีนาคม)",
    )


def budget_annual_report(site: Site) -> Iterator[Dataset]:
    yield from _budget(
        site,
        "budget_annual_report",
        "budget-annual-report",
        "รายงานผลการใช้จ่ายงบประมาณประจำปี",
        "งบประมาณและผลการเบิกจ่ายแต่ละรายการตลอดปีงบประมาณ",
    )
