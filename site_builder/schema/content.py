"""The content file formats: one model per kind of file in content/."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from site_builder.periods import parse_period
from site_builder.schema.publishing import AdminSettings, OpenDataSettings
from site_builder.schema.types import (
    BuddhistYear,
    ContentPath,
    Date,
    Document,
    Email,
    Link,
    Markdown,
    Record,
    WebUrl,
)
from site_builder.thai import parse_month_range

AgencyType = Literal[
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "องค์การบริหารส่วนจังหวัด",
    "อื่น ๆ",
]

OitCode = Annotated[
    str,
    StringConstraints(pattern=r"^O[1-9][0-9]?$"),
    Field(description="OIT item code, O1 to O43", examples=["O23"]),
]

Text = Annotated[str, StringConstraints(min_length=1)]


class SocialLink(Record):
    name: Text = Field(description="e.g. Facebook, LINE")
    url: WebUrl


class Agency(Record):
    """The agency the site belongs to (หน่วยงาน)."""

    name_th: Text = Field(description="ชื่อหน่วยงานภาษาไทย")
    name_en: Text | None = Field(default=None, description="English name, if the agency has one")
    short_name_th: Text | None = Field(default=None, description="ชื่อย่อ เช่น อบต.ลาดหญ้า")
    type: AgencyType = Field(description="ประเภทหน่วยงาน")
    subdistrict: Text | None = Field(default=None, description="ตำบล")
    district: Text | None = Field(default=None, description="อำเภอ")
    province: Text | None = Field(default=None, description="จังหวัด")
    address: Text | None = Field(default=None, description="ที่อยู่สำหรับติดต่อ")
    phones: list[Text] = Field(
        default_factory=list, description="หมายเลขโทรศัพท์ (ใส่ในเครื่องหมายคำพูด)"
    )
    email: Email | None = None
    office_hours: Text | None = Field(default=None, description="เวลาทำการ")
    map_url: WebUrl | None = Field(default=None, description="แผนที่: link to the office on a map")
    social: list[SocialLink] = Field(default_factory=list, description="ช่องทางสื่อสังคม")
    logo: ContentPath | None = Field(default=None, description="ตราหน่วยงาน: image path in content/")


class SiteSettings(Record):
    base_url: WebUrl | None = Field(
        default=None, description="public address of the site; may contain a path"
    )
    fiscal_year: BuddhistYear = Field(description="ปีงบประมาณปัจจุบัน (พ.ศ.)")
    checklist: Text = Field(description="OIT framework the O1–O43 pages follow, e.g. ita-2565")
    thai_digits: bool = Field(
        default=False,
        description="show dates and numbers in Thai digits (๒๔ มกราคม ๒๕๖๕) instead of 24 มกราคม 2565",
    )
    open_data: OpenDataSettings = Field(
        default_factory=OpenDataSettings, description="datasets published under data/"
    )
    admin: AdminSettings = Field(
        default_factory=AdminSettings, description="optional web editor at /admin/"
    )
    readiness_page: bool = Field(
        default=False, description="publish the O1–O43 readiness page for the agency's staff"
    )


class SiteFile(Record):
    """content/site.yaml"""

    agency: Agency
    site: SiteSettings


class IndicatorScore(Record):
    number: int = Field(ge=1, le=10, description="indicator number 1–10 of the framework")
    score: float = Field(ge=0, le=100)


QuestionCode = Annotated[
    str,
    StringConstraints(pattern=r"^[IEO][1-9][0-9]?$"),
    Field(description="question code: I…, E… or O…", examples=["I1", "E14", "O23"]),
]


class AnalysisRow(Record):
    code: QuestionCode
    question: Markdown = Field(min_length=1, description="the question or O item (Markdown)")
    issue: Markdown | None = Field(default=None, description="the problem found, if stated")
    remedy: Markdown | None = Field(default=None, description="วิธีการแก้ไข (Markdown)")


class AnalysisSection(Record):
    tool: Literal["IIT", "EIT", "OIT"]
    finding: Markdown | None = Field(default=None, description="the section's opening sentence")
    rows: list[AnalysisRow] = Field(default_factory=list)
    conclusion: Markdown | None = Field(default=None, description="the closing paragraph")


class AssessmentFile(Record):
    """content/ita/<year>.yaml: one ITA result and its analysis."""

    year: BuddhistYear = Field(description="ปีที่ประเมิน ITA (พ.ศ.)")
    framework: Text = Field(description="framework the result was scored with, e.g. ita-2564")
    score: float = Field(ge=0, le=100, description="overall score as published")
    grade: Literal["AA", "A", "B", "C", "D", "E", "F"] = Field(description="grade as published")
    target: float = Field(default=85, ge=0, le=100, description="target score")
    updated: Date | None = Field(
        default=None, description="last change to this result or its analysis (open-data date)"
    )
    summary: Markdown | None = None
    indicators: list[IndicatorScore] = Field(min_length=1)
    analysis: list[AnalysisSection] = Field(default_factory=list)


def _month_range(value: str) -> str:
    if parse_month_range(value) is None:
        raise PydanticCustomError("bad_period", "unreadable period", {"found": value})
    return value


MonthRange = Annotated[
    str,
    AfterValidator(_month_range),
    Field(description="Thai month range as written, e.g. 'ม.ค. ๖๕- ส.ค. ๖๕'"),
]


class Measure(Record):
    number: int = Field(ge=1)
    title: Markdown = Field(min_length=1, description="มาตรการ/แนวทาง")
    methods: list[Markdown] = Field(min_length=1, description="วิธีการดำเนินการ")
    responsible: list[Text] = Field(min_length=1, description="ผู้รับผิดชอบ (one unit each)")
    periods: list[MonthRange] = Field(min_length=1, description="ระยะเวลาดำเนินการ")
    follow_up: list[Markdown] = Field(min_length=1, description="การติดตามผล")


class Adoption(Record):
    meeting: Text = Field(description="the meeting that adopted the measures")
    date: Date
    text: Markdown | None = None


class ProgressReport(Record):
    """O43: a report on carrying out the measures."""

    title: Text
    date: Date
    measures: list[int] = Field(
        default_factory=list, description="numbers of the measures reported on"
    )
    text: Markdown | None = None
    documents: list[Document] = Field(default_factory=list)


class MeasuresFile(Record):
    """content/measures/<fiscal year>.yaml: integrity measures (O42) and progress (O43)."""

    fiscal_year: BuddhistYear
    title: Text
    assessment: BuddhistYear | None = Field(default=None, description="ITA year analysed")
    adopted: Adoption
    measures: list[Measure] = Field(min_length=1)
    documents: list[Document] = Field(default_factory=list)
    progress_reports: list[ProgressReport] = Field(default_factory=list)


def _item_period(value: str) -> str:
    if parse_period(value) is None:
        raise PydanticCustomError("bad_item_period", "unreadable period", {"found": value})
    return value


ItemPeriod = Annotated[
    str,
    AfterValidator(_item_period),
    Field(
        description="the month or months covered: 'มี.ค. 66', 'ต.ค. 65 - มี.ค. 66', "
        "'ปีงบประมาณ 2566' or 'ปีงบประมาณ 2566 รอบ 6 เดือน'"
    ),
]


class DisclosureDocument(Document):
    part: Text | None = Field(
        default=None, description="the required part of the item it shows, e.g. O1 'สมาชิกสภา'"
    )
    period: ItemPeriod | None = Field(
        default=None, description="the period it reports on, when its title does not say"
    )


class DisclosureLink(Link):
    part: Text | None = Field(default=None, description="the required part of the item it shows")


class NothingToReport(Record):
    """A period with nothing to report, stated explicitly (an unstated empty month is a gap)."""

    period: ItemPeriod
    statement: Text = Field(description="e.g. ไม่มีการจัดซื้อจัดจ้าง, ไม่มีเรื่องร้องเรียน")


class DisclosureFile(Record):
    """content/oit/<code>.yaml: the agency's disclosure for one O item."""

    code: OitCode
    updated: Date | None = Field(default=None, description="last update of this item")
    reviewed: Date | None = Field(
        default=None,
        description="when a person last checked what the readiness checks cannot judge "
        "(e.g. each executive's photo and contact); counts until the item changes",
    )
    text: Markdown | None = None
    documents: list[DisclosureDocument] = Field(default_factory=list)
    links: list[DisclosureLink] = Field(default_factory=list)
    nothing_to_report: list[NothingToReport] = Field(default_factory=list)


class NewsFrontMatter(Record):
    """Front matter of content/news/<name>.md."""

    title: Text
    date: Date
    summary: Text | None = Field(default=None, description="one sentence for the news list")
    image: ContentPath | None = None
    documents: list[Document] = Field(default_factory=list)
