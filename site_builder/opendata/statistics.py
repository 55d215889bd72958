"""Datasets of the monthly statistics: services (O15) and complaints (O31).

One row per month the agency gives, in calendar order. A month stated as having had
nothing counts 0 with the statement in the note, as the page shows it; a month not
given has no row (the page says ยังไม่ได้เผยแพร่), so adding up a column gives the
page's total.
"""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.model import Site
from site_builder.model.dataset import Cell, Column, Dataset
from site_builder.model.records import CaseStatistics
from site_builder.opendata.shown import shown_on
from site_builder.schema.framework import FeedKind

_COLUMNS = (
    Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "integer"),
    Column("month", "เดือน", "month"),
    Column("received", "รับเรื่อง", "integer"),
    Column("in_progress", "อยู่ระหว่างดำเนินการ", "integer"),
    Column("completed", "ดำเนินการแล้วเสร็จ", "integer"),
    Column("note", "หมายเหตุ", "text"),
)


def _rows(statistics: CaseStatistics) -> Iterator[tuple[Cell, ...]]:
    for entry in statistics.months.entries:
        month = f"{entry.month.year:04d}-{entry.month.month:02d}"
        if entry.value is None:
            yield (statistics.fiscal_year, month, 0, 0, 0, entry.statement)
        else:
            counts = entry.value
            yield (
                statistics.fiscal_year,
                month,
                counts.received,
                counts.in_progress,
                counts.completed,
                counts.note,
            )


def _statistics(
    site: Site, kind: FeedKind, id: str, title_th: str, description_th: str, keyword: str
) -> Iterator[Dataset]:
    years = [s for s in site.records.of_kind(kind) if isinstance(s, CaseStatistics)]
    shown = shown_on(site, kind)
    if not years or shown is None:
        return
    yield Dataset(
        id=id,
        title_th=title_th,
        description_th=description_th,
        columns=_COLUMNS,
        rows=tuple(row for statistics in years for row in _rows(statistics)),
        pages=shown.pages,
        modified=shown.modified(),
        oit_codes=shown.oit_codes,
        keywords=(keyword, "สถิติ"),
    )


def service_statistics(site: Site) -> Iterator[Dataset]:
    yield from _statistics(
        site,
        "service_statistics",
        "service-statistics",
        "สถิติการให้บริการรายเดือน",
        "จำนวนผู้รับบริการหรือคำขอที่รับ อยู่ระหว่างดำเนินการ และดำเนินการแล้วเสร็จ ในแต่ละเดือน",
        "การให้บริการ",
    )


def complaint_statistics(site: Site) -> Iterator[Dataset]:
    yield from _statistics(
        site,
        "complaint_statistics",
        "complaint-statistics",
        "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบรายเดือน",
        "จำนวนเรื่องร้องเรียนที่รับ อยู่ระหว่างดำเนินการ และดำเนินการแล้วเสร็จ ในแต่ละเดือน",
        "เรื่องร้องเรียน",
    )
