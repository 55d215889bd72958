"""The agency's records as published: organisation, statistics, budget, procurement.

Monthly records are `MonthlySeries`: for each month of a fiscal year, whether it is
published, stated as having had nothing ("ไม่มีการจัดซื้อจัดจ้าง"), or missing —
the questions a readiness check asks of O15, O23 and O31.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar, Generic, TypeVar

from site_builder import thai
from site_builder.model.attachment import Attachment
from site_builder.model.richtext import RichText
from site_builder.schema.organisation import Structure

T = TypeVar("T")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month; `year` is the Christian-era year, shown in Buddhist era."""

    year: int
    month: int

    @classmethod
    def of_fiscal_year(cls, fiscal_year: int) -> tuple[Month, ...]:
        """The twelve months of a fiscal year (พ.ศ.), October to September."""
        first, _last = thai.fiscal_year_bounds(fiscal_year)
        return tuple(
            cls(first.year + (first.month + offset - 1) // 12, (first.month + offset - 1) % 12 + 1)
            for offset in range(12)
        )

    @property
    def be_year(self) -> int:
        return thai.be_year(self.year)

    @property
    def fiscal_year(self) -> int:
        return thai.fiscal_year_of(dt.date(self.year, self.month, 1))

    @property
    def label(self) -> str:
        """มกราคม 2565"""
        return thai.thai_month(self.year, self.month)

    @property
    def short_label(self) -> str:
        """ม.ค. 65"""
        return f"{thai.MONTH_ABBREVIATIONS[self.month - 1]} {self.be_year % 100:02d}"

    @property
    def key(self) -> str:
        """2565-01: used in file names and page anchors."""
        return f"{self.be_year}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class MonthEntry(Generic[T]):
    """What one month of a series holds: its data, or the statement that it had none."""

    month: Month
    value: T | None  # None when the month is stated as having nothing
    statement: str | None  # that statement as written, e.g. "ไม่มีการจัดซื้อจัดจ้าง"
    source: str  # the file it comes from

    @property
    def stated_none(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class MonthlySeries(Generic[T]):
    """The months of one fiscal year that a monthly record gives."""

    fiscal_year: int
    entries: tuple[MonthEntry[T], ...]  # in calendar order, each month at most once

    @property
    def months(self) -> tuple[Month, ...]:
        return Month.of_fiscal_year(self.fiscal_year)

    @property
    def present(self) -> tuple[Month, ...]:
        """Months with data."""
        return tuple(entry.month for entry in self.entries if not entry.stated_none)

    @property
    def stated_none(self) -> tuple[Month, ...]:
        """Months stated as having nothing."""
        return tuple(entry.month for entry in self.entries if entry.stated_none)

    def missing(self, through: Month | None = None) -> tuple[Month, ...]:
        """Months neither present nor stated as none (up to and including `through`)."""
        given = {entry.month for entry in self.entries}
        return tuple(
            month
            for month in self.months
            if month not in given and (through is None or month <= through)
        )

    @property
    def complete(self) -> bool:
        return not self.missing()

    @property
    def latest(self) -> Month | None:
        return self.entries[-1].month if self.entries else None

    def entry(self, month: Month) -> MonthEntry[T] | None:
        return next((entry for entry in self.entries if entry.month == month), None)

    @property
    def calendar(self) -> tuple[tuple[Month, MonthEntry[T] | None], ...]:
        """Every month of the year with its entry (None when missing), for pages."""
        return tuple((month, self.entry(month)) for month in self.months)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({entry.source for entry in self.entries}))


# --- O1, O2: organisation ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Photo:
    path: str  # "files/…"
    width: int | None = None
    height: int | None = None
    # The image file as named in messages; its size goes into the page, so the page
    # depends on its bytes (incremental rebuilds).
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ExecutiveProfile:
    position: str
    name: str | None  # None: the post is vacant (ตำแหน่งว่าง)
    photo: Photo | None
    phones: tuple[str, ...]
    email: str | None

    @property
    def vacant(self) -> bool:
        return self.name is None


@dataclass(frozen=True, slots=True)
class Organisation:
    """content/organisation.yaml: the structure (O1) and the executives (O2)."""

    structure: Structure
    executives: tuple[ExecutiveProfile, ...]
    source: str

    @property
    def sources(self) -> tuple[str, ...]:
        """organisation.yaml and the photos whose sizes the executives' page shows."""
        photos = (e.photo.source for e in self.executives if e.photo and e.photo.source)
        return (self.source, *sorted(set(photos)))

    @property
    def has_structure(self) -> bool:
        sides = (self.structure.political, self.structure.permanent)
        return any(side.posts or side.units for side in sides)


# --- O15, O31: monthly counts ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthCounts:
    received: int
    in_progress: int
    completed: int
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CaseStatistics:
    """Service (O15) or complaint (O31) statistics of one fiscal year, month by month."""

    kind: str  # "service_statistics" or "complaint_statistics"
    fiscal_year: int
    title: str
    text: RichText | None
    months: MonthlySeries[MonthCounts]
    total: MonthCounts  # computed from the months
    source: str

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)

    @property
    def monthly(self) -> MonthlySeries[MonthCounts]:
        return self.months


# --- O18–O20: budget ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BudgetLine:
    category: str
    amount: Decimal
    disbursed: Decimal | None
    share: Decimal  # percent of the table's total amount
    disbursed_share: Decimal | None  # percent of this line's amount that was disbursed
    note: str | None


@dataclass(frozen=True, slots=True)
class BudgetTable:
    """The budget plan (O18) or a report on spending it (O19 six months, O20 the year)."""

    kind: str  # "budget_plan", "budget_six_month_report", "budget_annual_report"
    fiscal_year: int
    title: str
    text: RichText | None
    lines: tuple[BudgetLine, ...]
    total_amount: Decimal
    total_disbursed: Decimal | None
    disbursed_share: Decimal | None
    source: str
    monthly: ClassVar[None] = None  # not a monthly record

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)

    @property
    def reports_disbursement(self) -> bool:
        return self.total_disbursed is not None


# --- O21–O24: procurement ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedProcurement:
    number: int | None
    project: str
    budget: Decimal
    method: str | None
    expected: str | None
    unit: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class ProcurementPlan:
    """O21: the procurement plan of a fiscal year."""

    kind: ClassVar[str] = "procurement_plan"
    monthly: ClassVar[None] = None  # not a monthly record

    fiscal_year: int
    title: str
    text: RichText | None
    items: tuple[PlannedProcurement, ...]
    total_budget: Decimal
    source: str

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)


@dataclass(frozen=True, slots=True)
class Announcement:
    date: dt.date
    title: str
    kind: str | None
    document: Attachment


@dataclass(frozen=True, slots=True)
class Announcements:
    """O22: procurement announcements of a fiscal year, newest first."""

    kind: ClassVar[str] = "procurement_announcements"
    monthly: ClassVar[None] = None  # not a monthly record

    fiscal_year: int
    title: str
    text: RichText | None
    items: tuple[Announcement, ...]
    source: str

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,)


@dataclass(frozen=True, slots=True)
class Procurement:
    """One row of form สขร.1."""

    number: int
    project: str
    budget: Decimal
    reference_price: Decimal | None
    method: str
    bidders: tuple[str, ...]  # as written, one line each
    winner: str
    agreed_price: Decimal
    reason: str
    contract: str


@dataclass(frozen=True, slots=True)
class MethodTotal:
    """Procurement of one method over a period: how many, and the agreed amount."""

    method: str
    count: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class MonthlySummary:
    """O23: the procurement of one month (form สขร.1)."""

    month: Month
    title: str
    text: RichText | None
    items: tuple[Procurement, ...]
    total_budget: Decimal
    total_agreed: Decimal


@dataclass(frozen=True, slots=True)
class ProcurementSummaries:
    """O23: the monthly summaries of one fiscal year."""

    kind: ClassVar[str] = "procurement_summaries"

    fiscal_year: int
    months: MonthlySeries[MonthlySummary]
    by_method: tuple[MethodTotal, ...]  # computed from the months present

    @property
    def sources(self) -> tuple[str, ...]:
        return self.months.sources

    @property
    def monthly(self) -> MonthlySeries[MonthlySummary]:
        return self.months


@dataclass(frozen=True, slots=True)
class ProcurementReport:
    """O24: the annual procurement report, as stated, beside what the summaries add up to."""

    kind: ClassVar[str] = "procurement_annual_report"
    monthly: ClassVar[None] = None  # not a monthly record

    fiscal_year: int
    title: str
    text: RichText | None
    lines: tuple[MethodTotal, ...]
    total_count: int
    total_amount: Decimal
    from_summaries: ProcurementSummaries | None
    source: str

    @property
    def sources(self) -> tuple[str, ...]:
        """The report, and the monthly summaries it is shown beside."""
        monthly = self.from_summaries.sources if self.from_summaries else ()
        return (self.source, *monthly)


YearlyRecord = (
    CaseStatistics
    | BudgetTable
    | ProcurementPlan
    | Announcements
    | ProcurementSummaries
    | ProcurementReport
)


@dataclass(frozen=True, slots=True)
class Records:
    """Every typed record of the agency; yearly ones ordered by kind, then year."""

    organisation: Organisation | None = None
    yearly: tuple[YearlyRecord, ...] = field(default=())

    def of_kind(self, kind: str) -> tuple[YearlyRecord, ...]:
        return tuple(record for record in self.yearly if record.kind == kind)

    def find(self, kind: str, fiscal_year: int) -> YearlyRecord | None:
        return next((r for r in self.of_kind(kind) if r.fiscal_year == fiscal_year), None)

    def procurement_summaries(self, fiscal_year: int) -> ProcurementSummaries | None:
        found = self.find("procurement_summaries", fiscal_year)
        return found if isinstance(found, ProcurementSummaries) else None

    def statistics(self, kind: str, fiscal_year: int) -> CaseStatistics | None:
        found = self.find(kind, fiscal_year)
        return found if isinstance(found, CaseStatistics) else None

    def budget(self, kind: str, fiscal_year: int) -> BudgetTable | None:
        found = self.find(kind, fiscal_year)
        return found if isinstance(found, BudgetTable) else None


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """Typed content drawn on an O item's page by the template `records/<kind>.html`."""

    kind: str
    content: object
    fiscal_year: int | None  # None: not tied to a fiscal year (structure, executives, contact)
    current: bool  # of the site's fiscal year, or not tied to one
    sources: tuple[str, ...]
    monthly: MonthlySeries | None = None  # O15, O23, O31: which months the record gives

    @property
    def covered_until(self) -> Month | None:
        return self.monthly.latest if self.monthly else None

    @property
    def gaps(self) -> tuple[Month, ...]:
        """Months missing before the latest month given: not published, nor stated as none."""
        if not self.monthly or self.monthly.latest is None:
            return ()
        return self.monthly.missing(through=self.monthly.latest)
