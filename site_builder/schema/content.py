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
    PlainText,
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
    Field(description="รหัสข้อ OIT ตั้งแต่ O1 ถึง O43 (ตรงกับชื่อไฟล์)", examples=["O23"]),
]

Text = Annotated[PlainText, StringConstraints(min_length=1)]


class SocialLink(Record):
    name: Text = Field(description="ชื่อช่องทาง เช่น Facebook, LINE, YouTube")
    url: WebUrl = Field(description="ที่อยู่ของหน้าเพจ ขึ้นต้นด้วย https://")


class Agency(Record):
    """The agency the site belongs to (หน่วยงาน)."""

    name_th: Text = Field(description="ชื่อเต็มของหน่วยงานภาษาไทย เช่น องค์การบริหารส่วนตำบลลาดหญ้า (จำเป็น)")
    name_en: Text | None = Field(default=None, description="ชื่อภาษาอังกฤษ ถ้ามี (ไม่มีให้ใส่ null)")
    short_name_th: Text | None = Field(default=None, description="ชื่อย่อ เช่น อบต.ลาดหญ้า")
    type: AgencyType = Field(description="ประเภทหน่วยงาน เลือกจากรายการ")
    subdistrict: Text | None = Field(default=None, description="ตำบล")
    district: Text | None = Field(default=None, description="อำเภอ")
    province: Text | None = Field(default=None, description="จังหวัด")
    address: Text | None = Field(default=None, description="ที่อยู่สำหรับติดต่อ เขียนเป็นข้อความเดียว")
    phones: list[Text] = Field(
        default_factory=list,
        description='หมายเลขโทรศัพท์ หนึ่งหมายเลขต่อหนึ่งรายการ ใส่ในเครื่องหมายคำพูด เช่น "034 000 000"',
    )
    email: Email | None = Field(
        default=None, description="อีเมลติดต่อหน่วยงาน เช่น saraban@example.go.th"
    )
    office_hours: Text | None = Field(
        default=None, description="เวลาทำการ เช่น จันทร์–ศุกร์ 08:30–16:30 น."
    )
    map_url: WebUrl | None = Field(
        default=None, description="ลิงก์แผนที่ไปยังที่ตั้งสำนักงาน เช่น https://maps.example.com/…"
    )
    social: list[SocialLink] = Field(
        default_factory=list, description="ช่องทางสื่อสังคม แต่ละรายการมี name และ url"
    )
    logo: ContentPath | None = Field(
        default=None, description="ไฟล์ตราหน่วยงานในโฟลเดอร์ content/files/ เช่น files/logo.png"
    )


class SiteSettings(Record):
    base_url: WebUrl | None = Field(
        default=None,
        description="ที่อยู่เว็บไซต์จริง เช่น https://www.example.go.th/ (มีโฟลเดอร์ต่อท้ายได้) ใช้ใน sitemap และ feed",
    )
    fiscal_year: BuddhistYear = Field(description="ปีงบประมาณปัจจุบัน (พ.ศ.) เช่น 2566")
    checklist: Text = Field(
        description="แบบตรวจ OIT ที่หน้า O1–O43 ใช้ เช่น ita-2565 (มีให้เลือก ita-2564, ita-2565)"
    )
    thai_digits: bool = Field(
        default=False,
        description="true = แสดงวันที่และตัวเลขเป็นเลขไทย (๒๔ มกราคม ๒๕๖๕), false = เลขอารบิก (24 มกราคม 2565)",
    )
    open_data: OpenDataSettings = Field(
        default_factory=OpenDataSettings, description="ชุดข้อมูลเปิดที่เผยแพร่ในโฟลเดอร์ data/ ของเว็บไซต์"
    )
    admin: AdminSettings = Field(
        default_factory=AdminSettings, description="หน้าแก้ไขเนื้อหาผ่านเว็บที่ /admin/ (ไม่บังคับ)"
    )
    readiness_page: bool = Field(
        default=False,
        description="true = เผยแพร่หน้าความพร้อมของข้อมูล O1–O43 สำหรับเจ้าหน้าที่ของหน่วยงาน",
    )
    news_per_page: int = Field(
        default=20,
        ge=1,
        le=200,
        description="จำนวนข่าวต่อหน้าในหน้ารายการข่าว (news/, news/page/2/ …) 1–200 ค่าเริ่มต้น 20 "
        "(หน้าที่ยาวเกินไปเปิดช้าบนโทรศัพท์)",
    )


class SiteFile(Record):
    """content/site.yaml"""

    agency: Agency = Field(description="ข้อมูลหน่วยงาน: ชื่อ ที่ตั้ง ช่องทางติดต่อ")
    site: SiteSettings = Field(description="การตั้งค่าเว็บไซต์: ที่อยู่เว็บ ปีงบประมาณ แบบตรวจ")


class IndicatorScore(Record):
    number: int = Field(ge=1, le=10, description="หมายเลขตัวชี้วัด 1–10 ตามแบบตรวจ")
    score: float = Field(ge=0, le=100, description="คะแนนของตัวชี้วัด 0–100 ตามที่ประกาศ")


QuestionCode = Annotated[
    str,
    StringConstraints(pattern=r"^[IEO][1-9][0-9]?$"),
    Field(description="รหัสข้อคำถาม I… (IIT), E… (EIT) หรือ O… (OIT)", examples=["I1", "E14", "O23"]),
]


class AnalysisRow(Record):
    code: QuestionCode
    question: Markdown = Field(min_length=1, description="ข้อคำถามหรือชื่อข้อ O (Markdown)")
    issue: Markdown | None = Field(
        default=None, description="ประเด็นที่พบ ถ้าเอกสารเขียนแยกไว้ (Markdown)"
    )
    remedy: Markdown | None = Field(default=None, description="วิธีการแก้ไข (Markdown)")


class AnalysisSection(Record):
    tool: Literal["IIT", "EIT", "OIT"] = Field(description="เครื่องมือประเมิน: IIT, EIT หรือ OIT")
    finding: Markdown | None = Field(default=None, description="ประโยคเปิดของหัวข้อ (Markdown)")
    rows: list[AnalysisRow] = Field(
        default_factory=list, description="ข้อคำถามที่ต้องแก้ไข หนึ่งรายการต่อหนึ่งข้อ"
    )
    conclusion: Markdown | None = Field(default=None, description="ย่อหน้าสรุปท้ายหัวข้อ (Markdown)")


class AssessmentFile(Record):
    """content/ita/<year>.yaml: one ITA result and its analysis."""

    year: BuddhistYear = Field(description="ปีที่ประเมิน ITA (พ.ศ.) ต้องตรงกับชื่อไฟล์ เช่น 2564")
    framework: Text = Field(description="แบบตรวจที่ใช้ประเมินปีนั้น เช่น ita-2564")
    score: float = Field(ge=0, le=100, description="คะแนนรวมตามที่ประกาศ (ตรวจกับคะแนนที่คำนวณได้)")
    grade: Literal["AA", "A", "B", "C", "D", "E", "F"] = Field(
        description="ระดับผลการประเมินตามที่ประกาศ: AA, A, B, C, D, E หรือ F"
    )
    target: float = Field(default=85, ge=0, le=100, description="คะแนนเป้าหมาย (ปกติ 85)")
    updated: Date | None = Field(
        default=None, description="วันที่แก้ไขผลหรือการวิเคราะห์ครั้งล่าสุด (ใช้เป็นวันที่ของข้อมูลเปิด)"
    )
    summary: Markdown | None = Field(default=None, description="สรุปผลการประเมิน (Markdown)")
    indicators: list[IndicatorScore] = Field(
        min_length=1, description="คะแนนตัวชี้วัดทั้ง 10 ตัว ตัวละหนึ่งรายการ"
    )
    analysis: list[AnalysisSection] = Field(
        default_factory=list, description="การวิเคราะห์ผล แยกตามเครื่องมือ IIT, EIT, OIT"
    )


def _month_range(value: str) -> str:
    if parse_month_range(value) is None:
        raise PydanticCustomError("bad_period", "unreadable period", {"found": value})
    return value


MonthRange = Annotated[
    str,
    AfterValidator(_month_range),
    Field(description="ช่วงเดือน เช่น 'ม.ค. ๖๕- ส.ค. ๖๕' (ใส่ในเครื่องหมายคำพูด)"),
]


class Measure(Record):
    number: int = Field(ge=1, description="ลำดับของมาตรการ 1, 2, 3 … ไม่ซ้ำกัน")
    title: Markdown = Field(min_length=1, description="มาตรการ/แนวทางการดำเนินการ")
    methods: list[Markdown] = Field(min_length=1, description="วิธีการดำเนินการ หนึ่งรายการต่อหนึ่งข้อ")
    responsible: list[Text] = Field(
        min_length=1, description="ผู้รับผิดชอบ หนึ่งหน่วยงานต่อหนึ่งรายการ เช่น [สำนักปลัด, กองคลัง]"
    )
    periods: list[MonthRange] = Field(min_length=1, description="ระยะเวลาดำเนินการ")
    follow_up: list[Markdown] = Field(min_length=1, description="การติดตามผล หนึ่งรายการต่อหนึ่งข้อ")


class Adoption(Record):
    meeting: Text = Field(description="การประชุมที่ให้ความเห็นชอบมาตรการ")
    date: Date = Field(description="วันที่ประชุม เช่น 2022-01-24 หรือ 24 มกราคม 2565")
    text: Markdown | None = Field(default=None, description="รายละเอียดมติที่ประชุม (Markdown)")


class ProgressReport(Record):
    """O43: a report on carrying out the measures."""

    title: Text = Field(description="ชื่อรายงาน เช่น รายงานผลการดำเนินการ รอบ 6 เดือน")
    date: Date = Field(description="วันที่รายงาน เช่น 2022-07-15 หรือ 15 กรกฎาคม 2565")
    measures: list[int] = Field(
        default_factory=list, description="หมายเลขมาตรการที่รายงาน เช่น [1, 2]"
    )
    text: Markdown | None = Field(default=None, description="ผลการดำเนินการ (Markdown)")
    documents: list[Document] = Field(default_factory=list, description="เอกสารประกอบรายงาน")


class MeasuresFile(Record):
    """content/measures/<fiscal year>.yaml: integrity measures (O42) and progress (O43)."""

    fiscal_year: BuddhistYear = Field(description="ปีงบประมาณ (พ.ศ.) ต้องตรงกับชื่อไฟล์ เช่น 2565")
    title: Text = Field(description="ชื่อมาตรการตามเอกสาร")
    assessment: BuddhistYear | None = Field(
        default=None, description="ปีผลการประเมิน ITA ที่มาตรการนี้ใช้วิเคราะห์ เช่น 2564"
    )
    adopted: Adoption = Field(description="การประชุมที่ให้ความเห็นชอบมาตรการ")
    measures: list[Measure] = Field(min_length=1, description="มาตรการ อย่างน้อยหนึ่งข้อ (O42)")
    documents: list[Document] = Field(
        default_factory=list, description="เอกสารมาตรการที่ลงนามแล้ว ฯลฯ"
    )
    progress_reports: list[ProgressReport] = Field(
        default_factory=list, description="รายงานผลการดำเนินการตามมาตรการ (O43)"
    )


def _item_period(value: str) -> str:
    if parse_period(value) is None:
        raise PydanticCustomError("bad_item_period", "unreadable period", {"found": value})
    return value


ItemPeriod = Annotated[
    str,
    AfterValidator(_item_period),
    Field(
        description="เดือนหรือช่วงเดือนที่ครอบคลุม เช่น 'มี.ค. 66', 'ต.ค. 65 - มี.ค. 66', "
        "'ปีงบประมาณ 2566' หรือ 'ปีงบประมาณ 2566 รอบ 6 เดือน'"
    ),
]


class DisclosureDocument(Document):
    part: Text | None = Field(
        default=None,
        description="ส่วนของข้อที่เอกสารนี้แสดง ตามรายการที่แบบตรวจกำหนด เช่น O1 'สมาชิกสภา'",
    )
    period: ItemPeriod | None = Field(
        default=None, description="ช่วงเวลาที่เอกสารรายงาน เมื่อชื่อเอกสารไม่ได้บอกไว้"
    )


class DisclosureLink(Link):
    part: Text | None = Field(default=None, description="ส่วนของข้อที่ลิงก์นี้แสดง ตามรายการที่แบบตรวจกำหนด")


class NothingToReport(Record):
    """A period with nothing to report, stated explicitly (an unstated empty month is a gap)."""

    period: ItemPeriod
    statement: Text = Field(description="ข้อความที่ระบุว่าไม่มี เช่น ไม่มีการจัดซื้อจัดจ้าง, ไม่มีเรื่องร้องเรียน")


class DisclosureFile(Record):
    """content/oit/<code>.yaml: the agency's disclosure for one O item."""

    code: OitCode
    updated: Date | None = Field(default=None, description="วันที่ปรับปรุงข้อมูลข้อนี้ล่าสุด")
    reviewed: Date | None = Field(
        default=None,
        description="วันที่เจ้าหน้าที่ตรวจสิ่งที่ระบบตรวจเองไม่ได้ครั้งล่าสุด (เช่น รูปและช่องทางติดต่อของ"
        "ผู้บริหารแต่ละคน) ใช้ได้จนกว่าข้อนี้จะเปลี่ยน",
    )
    text: Markdown | None = Field(default=None, description="คำอธิบายข้อมูลที่เปิดเผย (Markdown)")
    documents: list[DisclosureDocument] = Field(
        default_factory=list, description="เอกสาร: ไฟล์ใน content/files/ (file) หรือที่อยู่เว็บ (url)"
    )
    links: list[DisclosureLink] = Field(default_factory=list, description="ลิงก์ไปยังหน้าเว็บที่เกี่ยวข้อง")
    nothing_to_report: list[NothingToReport] = Field(
        default_factory=list,
        description="ช่วงเวลาที่ไม่มีเรื่องจะรายงาน เขียนไว้ให้ชัด (เดือนที่ว่างโดยไม่เขียนนับเป็นช่องว่าง)",
    )


class NewsFrontMatter(Record):
    """Front matter of content/news/<name>.md."""

    title: Text = Field(description="หัวข้อข่าว")
    date: Date = Field(description="วันที่ข่าว เช่น 2022-01-24 หรือ 24 มกราคม 2565")
    summary: Text | None = Field(default=None, description="สรุปหนึ่งประโยคสำหรับหน้ารายการข่าว")
    image: ContentPath | None = Field(
        default=None, description="ภาพประกอบในโฟลเดอร์ content/files/ เช่น files/news/ภาพ.jpg"
    )
    documents: list[Document] = Field(default_factory=list, description="เอกสารแนบของข่าว")
