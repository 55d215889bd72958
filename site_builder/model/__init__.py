"""Stage 3 — model: the domain objects the pages are rendered from.

Leaf records (a measure, an analysis row, a document) are the validated schema records;
this stage adds what is derived or joined across files: computed scores and grades,
the O1–O43 checklist merged with the agency's disclosures, news URLs, attachments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from site_builder.model.attachment import Attachment
from site_builder.model.dataset import Dataset
from site_builder.model.records import ItemRecord, Month, Records
from site_builder.model.richtext import RichText, StoredMarkdown
from site_builder.opendata.ocds import ProcurementPackage
from site_builder.periods import Period
from site_builder.schema.content import (
    Adoption,
    Agency,
    AnalysisSection,
    Measure,
    ProgressReport,
    SiteSettings,
)
from site_builder.schema.framework import EvidenceKind, FrameworkFile, ItemSpec

if TYPE_CHECKING:  # the readiness stage imports the model
    from site_builder.readiness.results import Readiness


@dataclass(frozen=True, slots=True)
class Indicator:
    number: int
    name_th: str
    tool: str
    score: float
    rank: int  # 1 = highest score; equal scores share a rank (the seed ranks its ten indicators)


@dataclass(frozen=True, slots=True)
class ToolResult:
    code: str
    name_th: str
    weight: float
    score: float  # mean of the tool's indicators


@dataclass(frozen=True, slots=True)
class Assessment:
    """One ITA result (ผลการประเมิน ITA) with its analysis."""

    year: int
    framework: FrameworkFile
    score: float  # as published
    grade: str  # as published
    computed_score: float
    computed_grade: str
    target: float
    summary: RichText | None
    indicators: tuple[Indicator, ...]
    tools: tuple[ToolResult, ...]
    analysis: tuple[AnalysisSection, ...]
    source: str
    updated: dt.date | None = None

    @property
    def path(self) -> str:
        return f"ita/{self.year}/"

    @property
    def analysis_path(self) -> str:
        return f"ita/{self.year}/analysis/"


@dataclass(frozen=True, slots=True)
class MeasureSet:
    """The integrity measures of one fiscal year (O42) and the reports on them (O43)."""

    fiscal_year: int
    title: str
    assessment_year: int | None
    adopted: Adoption
    measures: tuple[Measure, ...]
    documents: tuple[Attachment, ...]
    progress_reports: tuple[tuple[ProgressReport, tuple[Attachment, ...]], ...]
    source: str

    @property
    def path(self) -> str:
        return f"measures/{self.fiscal_year}/"

    @property
    def print_path(self) -> str:
        """The A4 document of these measures (and the ITA analysis they answer)."""
        return f"measures/{self.fiscal_year}/print/"

    @property
    def pdf_path(self) -> str:
        return f"{self.print_path}measures-{self.fiscal_year}.pdf"

    @property
    def last_update(self) -> dt.date:
        dates = [self.adopted.date, *(report.date for report, _ in self.progress_reports)]
        return max(dates)


@dataclass(frozen=True, slots=True)
class NewsPost:
    slug: str
    title: str
    date: dt.date
    summary: str | None
    image: str | None
    body: RichText | StoredMarkdown
    documents: tuple[Attachment, ...]
    source: str

    @property
    def path(self) -> str:
        return f"news/{self.slug}/"


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A page whose content publishes (part of) an O item by itself."""

    title: str
    path: str
    date: dt.date | None
    source: str  # the content file it comes from (pages listing it depend on that file)


@dataclass(frozen=True, slots=True)
class EmptyPeriod:
    """A period the agency states had nothing to report (e.g. ไม่มีการจัดซื้อจัดจ้าง)."""

    period: Period
    statement: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of what an item shows, as the readiness rules read it.

    Each kind of content that publishes an item adds its evidence (documents, links, text,
    feeds and stated empty periods in model/build.py; typed records such as monthly
    procurement summaries or executives in model/record_evidence.py), so the rules ask
    "which periods, parts and facts does this item cover?" without knowing where the
    content came from.
    """

    kind: EvidenceKind
    title: str
    date: dt.date | None = None  # issued; evidence dated after the reference date does not count
    period: Period | None = None  # the months it covers, when known
    period_from: Literal["stated", "title", "date"] | None = None  # how `period` was found
    part: str | None = None  # the required part of the item it shows (O1: สมาชิกสภา)
    subject: str | None = None  # whom or what a record describes, e.g. a post (นายก อบต.)
    facts: frozenset[str] | None = None  # the facts a record gives (PersonFact; "vacant")


@dataclass(frozen=True, slots=True)
class OitItem:
    """One O item of the checklist, with what the agency has published for it."""

    spec: ItemSpec
    sub_indicator: str  # "9.1"
    sub_indicator_name: str
    group: str
    text: RichText | None = None
    documents: tuple[Attachment, ...] = ()
    links: tuple[Attachment, ...] = ()
    fed_by: tuple[FeedLink, ...] = ()
    empty_periods: tuple[EmptyPeriod, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    updated: dt.date | None = None
    reviewed: dt.date | None = None  # a person checked what the readiness rules cannot judge
    source: str | None = None
    records: tuple[ItemRecord, ...] = ()  # typed content drawn on the page (current year first)

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def number(self) -> int:
        return int(self.spec.code[1:])

    @property
    def path(self) -> str:
        return f"oit/{self.spec.code.lower()}/"

    @property
    def published(self) -> bool:
        current = any(record.current for record in self.records)
        return bool(
            self.text
            or self.documents
            or self.links
            or self.fed_by
            or self.empty_periods
            or current
        )

    @property
    def covered_until(self) -> Month | None:
        """The latest month the current year's monthly records reach (O15, O23, O31)."""
        months = [r.covered_until for r in self.records if r.current and r.covered_until]
        return max(months, default=None)

    @property
    def gaps(self) -> tuple[Month, ...]:
        """Months of the current year's monthly records missing before their latest month."""
        return tuple(sorted({m for r in self.records if r.current for m in r.gaps}))


@dataclass(frozen=True, slots=True)
class ChecklistGroup:
    name_th: str
    items: tuple[OitItem, ...]


@dataclass(frozen=True, slots=True)
class ChecklistSection:
    """A sub-indicator (ตัวชี้วัดย่อย) with its groups of items."""

    code: str
    name_th: str
    indicator: int
    indicator_name: str
    groups: tuple[ChecklistGroup, ...]


@dataclass(frozen=True, slots=True)
class Checklist:
    """The O1–O43 checklist of the site's framework, merged with the agency's content."""

    framework: FrameworkFile
    sections: tuple[ChecklistSection, ...]
    items: tuple[OitItem, ...] = field(default=())

    def item(self, code: str) -> OitItem:
        return next(item for item in self.items if item.code == code)

    @property
    def published_count(self) -> int:
        return sum(item.published for item in self.items)


@dataclass(frozen=True, slots=True)
class Site:
    agency: Agency
    settings: SiteSettings
    assessments: tuple[Assessment, ...]  # newest first
    measure_sets: tuple[MeasureSet, ...]  # newest first
    checklist: Checklist
    news: tuple[NewsPost, ...]  # newest first
    attachments: tuple[str, ...]  # content paths of files to copy ("files/…")
    logo: str | None = None
    records: Records = field(
        default_factory=Records
    )  # organisation, statistics, budget, procurement
    datasets: tuple[Dataset, ...] = ()  # the tables published under data/ (open data)
    procurement_ocds: ProcurementPackage | None = None  # data/ocds-release-package.json
    readiness: Readiness | None = None  # O1–O43 judged at a reference date (pipeline stage)
