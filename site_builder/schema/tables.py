"""Tabular records (O15, O31, O18–O24): one model per kind of table, CSV or YAML.

Each row field lists the column headers a spreadsheet may give it (`column(...)`),
the first being the one the documentation shows; the English field name is accepted
too. The same models validate the YAML form, whose keys are the field names.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, PydanticUndefined

from site_builder.load.tables import TableSpec, parse_date, parse_month, parse_number
from site_builder.schema.content import Text
from site_builder.schema.types import ContentPath, Date, Markdown, Record, WebUrl
from site_builder.thai import BE_OFFSET


def column(*headers: str, default: Any = PydanticUndefined, description: str = "") -> Any:
    """A table field and the headers it may have in a CSV file (first = canonical)."""
    others = f" (หัวคอลัมน์ใน CSV: {', '.join(headers)})" if len(headers) > 1 else ""
    return Field(
        default,
        description=(description or headers[0]) + others,
        json_schema_extra={"headers": list(headers)},
    )


def _not_negative(value: Decimal | int, written: object) -> None:
    if value < 0:
        raise PydanticCustomError("number_min", "below zero", {"found": str(written), "limit": 0})


def _amount(value: object) -> object:
    """Money as written: 1,234,567.00 / ๑๒,๕๐๐ / 12500 บาท / a YAML number."""
    if isinstance(value, bool):
        raise PydanticCustomError("bad_number", "not a number", {"found": str(value)})
    if isinstance(value, int | float):
        value = Decimal(str(value))
    elif isinstance(value, str):
        parsed = parse_number(value)
        if parsed is None:
            raise PydanticCustomError("bad_number", "not a number", {"found": value})
        value = parsed
    if isinstance(value, Decimal):
        _not_negative(value, value)
        if value != value.quantize(Decimal("0.01")):
            raise PydanticCustomError("bad_satang", "more than 2 decimals", {"found": str(value)})
    return value


def _percent(value: object) -> object:
    return _amount(value.replace("%", "").strip() if isinstance(value, str) else value)


def _count(value: object) -> object:
    """A whole number; a cell saying there were none (ไม่มี…) counts as 0."""
    if isinstance(value, str):
        if value.startswith("ไม่มี"):
            return 0
        parsed = parse_number(value)
        if parsed is None or parsed != parsed.to_integral_value():
            raise PydanticCustomError("bad_count", "not a whole number", {"found": value})
        value = int(parsed)
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise PydanticCustomError("bad_count", "not a whole number", {"found": str(value)})
    if isinstance(value, int | float):
        _not_negative(value, value)
        return int(value)
    return value


def _month(value: object) -> str:
    """A month as written → '2565-01' (Buddhist-era year), or '01' when no year is given."""
    if isinstance(value, dt.date):
        return f"{value.year + BE_OFFSET}-{value.month:02d}"
    parsed = parse_month(value) if isinstance(value, str) else None
    if parsed is None:
        raise PydanticCustomError("bad_month", "unreadable month", {"found": str(value)})
    year, month = parsed
    return f"{year + BE_OFFSET}-{month:02d}" if year is not None else f"{month:02d}"


def _table_date(value: object) -> object:
    if isinstance(value, str):
        return parse_date(value) or value
    return value


# Editors' JSON Schemas must accept what the validators accept: "1,234.00", "๑๒", "ไม่มี".
_NUMBER_AS_WRITTEN = {"anyOf": [{"type": "number"}, {"type": "string"}]}

Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    WithJsonSchema(_NUMBER_AS_WRITTEN),
    Field(description="จำนวนเงิน (บาท) เช่น 1,234,567.00 (ใช้เลขไทยและจุลภาคคั่นหลักพันได้)"),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    WithJsonSchema(_NUMBER_AS_WRITTEN),
    Field(description="ร้อยละ เช่น 12.5"),
]
Count = Annotated[
    int,
    BeforeValidator(_count),
    WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string"}]}),
    Field(description="จำนวนเต็ม 0 ขึ้นไป (ข้อความที่ขึ้นต้นด้วย ไม่มี… นับเป็น 0)"),
]
MonthCell = Annotated[
    str,
    BeforeValidator(_month),
    Field(description="เดือน เช่น 'มกราคม 2565', 'ม.ค. 65', '2565-01' หรือ 'มกราคม' อย่างเดียว"),
]
TableDate = Annotated[
    Date,
    BeforeValidator(_table_date),
    WithJsonSchema({"type": "string"}),
    Field(description="วันที่ เช่น 2022-01-24, 24/01/2565 หรือ 24 ม.ค. 2565"),
]


class TableFileModel(Record):
    """A table file: rows, and what the agency states about them."""

    # Phrases that state a period had nothing (the whole file is then that one line).
    STATEMENTS: ClassVar[tuple[str, ...]] = ()

    title: Text | None = Field(default=None, description="หัวเรื่องที่แสดงเหนือตาราง")
    text: Markdown | None = Field(default=None, description="ข้อความ (Markdown) ที่แสดงใต้หัวเรื่อง")

    @classmethod
    def row_model(cls) -> type[BaseModel]:
        annotation = cls.model_fields["rows"].annotation
        return typing.get_args(annotation)[0]

    @classmethod
    def spec(cls) -> TableSpec:
        """How a CSV file of this kind is read: its columns and their headers."""
        fields = cls.row_model().model_fields
        columns = {
            name: tuple(info.json_schema_extra["headers"])  # type: ignore[index]
            for name, info in fields.items()
        }
        required = frozenset(name for name, info in fields.items() if info.is_required())
        return TableSpec(columns, required, cls.STATEMENTS)


# --- O15 / O31: monthly counts -----------------------------------------------------------


class MonthlyCountsRow(Record):
    month: MonthCell = column("เดือน", "ประจำเดือน", "เดือน/ปี")
    received: Count = column(
        "รับเรื่อง",
        "จำนวนเรื่องที่รับ",
        "เรื่องที่รับ",
        "จำนวนเรื่อง",
        "จำนวนเรื่องร้องเรียน",
        "จำนวนผู้รับบริการ",
        "จำนวนผู้ใช้บริการ",
        "จำนวนคำขอ",
        default=0,
    )
    in_progress: Count = column("อยู่ระหว่างดำเนินการ", "ระหว่างดำเนินการ", default=0)
    completed: Count = column("ดำเนินการแล้วเสร็จ", "แล้วเสร็จ", "ดำเนินการเสร็จสิ้น", "เสร็จสิ้น", default=0)
    note: Text | None = column("หมายเหตุ", default=None)


class MonthlyCountsTotal(Record):
    received: Count | None = Field(default=None, description="รวมจำนวนเรื่องที่รับ")
    in_progress: Count | None = Field(default=None, description="รวมอยู่ระหว่างดำเนินการ")
    completed: Count | None = Field(default=None, description="รวมดำเนินการแล้วเสร็จ")
    note: Text | None = Field(default=None, description="หมายเหตุของแถวรวม")


class StatisticsFile(TableFileModel):
    """statistics/service-<fy> (O15) and statistics/complaints-<fy> (O31)."""

    rows: list[MonthlyCountsRow] = Field(min_length=1, description="หนึ่งแถวต่อหนึ่งเดือน")
    total: MonthlyCountsTotal | None = Field(
        default=None, description="ยอดรวมตามที่ระบุ (ระบบตรวจกับผลรวมของแถว)"
    )


# --- O18–O20: budget plan and reports -------------------------------------------------


class BudgetRow(Record):
    category: Text = column("หมวด", "หมวดรายจ่าย", "รายการ", "แผนงาน", "ประเภทรายจ่าย", "งบรายจ่าย")
    amount: Amount = column(
        "งบประมาณ",
        "จำนวนเงิน",
        "งบประมาณที่ได้รับ",
        "งบประมาณที่ได้รับจัดสรร",
        "งบประมาณตามข้อบัญญัติ",
        "งบประมาณตามเทศบัญญัติ",
    )
    disbursed: Amount | None = column(
        "เบิกจ่าย", "เบิกจ่ายแล้ว", "ผลการเบิกจ่าย", "จำนวนเงินที่เบิกจ่าย", default=None
    )
    share: Percent | None = column(
        "ร้อยละ", "สัดส่วน", "ร้อยละของงบประมาณ", "ร้อยละของงบประมาณทั้งหมด", default=None
    )
    disbursed_share: Percent | None = column(
        "ร้อยละการเบิกจ่าย", "ร้อยละที่เบิกจ่าย", "ร้อยละของการเบิกจ่าย", default=None
    )
    note: Text | None = column("หมายเหตุ", default=None)


class BudgetTotal(Record):
    amount: Amount | None = Field(default=None, description="รวมงบประมาณ")
    disbursed: Amount | None = Field(default=None, description="รวมเบิกจ่าย")
    share: Percent | None = Field(default=None, description="รวมร้อยละ")
    disbursed_share: Percent | None = Field(default=None, description="ร้อยละการเบิกจ่ายรวม")
    note: Text | None = Field(default=None, description="หมายเหตุของแถวรวม")


class BudgetFile(TableFileModel):
    """budget/<fy>/plan (O18), report-6-months (O19), report-annual (O20)."""

    rows: list[BudgetRow] = Field(min_length=1, description="หนึ่งแถวต่อหนึ่งหมวดรายจ่าย")
    total: BudgetTotal | None = Field(
        default=None, description="ยอดรวมตามที่ระบุ (ระบบตรวจกับผลรวมของแถว)"
    )


# --- O21: procurement plan -----------------------------------------------------------------

_PROJECT = ("งานที่จัดซื้อหรือจัดจ้าง", "งานที่ซื้อหรือจ้าง", "งานจัดซื้อจัดจ้าง")
_METHOD = ("วิธีซื้อหรือจ้าง", "วิธีจัดซื้อจัดจ้าง", "วิธีการจัดซื้อจัดจ้าง", "วิธีการจัดหา")


class PlannedProcurementRow(Record):
    number: Count | None = column("ลำดับ", "ลำดับที่", default=None)
    project: Text = column(*_PROJECT, "รายการ", "โครงการ", "ชื่อโครงการ")
    budget: Amount = column("วงเงิน", "วงเงินงบประมาณ", "งบประมาณ", "วงเงินที่จะซื้อหรือจ้าง")
    method: Text | None = column(*_METHOD, default=None)
    expected: Text | None = column(
        "กำหนดเวลาที่คาดว่าจะประกาศ",
        "ช่วงเวลาที่คาดว่าจะประกาศจัดซื้อจัดจ้าง",
        "คาดว่าจะประกาศจัดซื้อจัดจ้าง",
        "ระยะเวลาที่คาดว่าจะจัดหา",
        default=None,
    )
    unit: Text | None = column("หน่วยงานที่รับผิดชอบ", "หน่วยงานเจ้าของงบประมาณ", "หน่วยงาน", default=None)
    note: Text | None = column("หมายเหตุ", default=None)


class PlanTotal(Record):
    budget: Amount | None = Field(default=None, description="รวมวงเงิน")
    note: Text | None = Field(default=None, description="หมายเหตุของแถวรวม")


class ProcurementPlanFile(TableFileModel):
    """procurement/<fy>/plan (O21)."""

    rows: list[PlannedProcurementRow] = Field(
        min_length=1, description="หนึ่งแถวต่อหนึ่งงานที่จะจัดซื้อหรือจัดจ้าง"
    )
    total: PlanTotal | None = Field(default=None, description="ยอดรวมตามที่ระบุ (ระบบตรวจ)")


# --- O22: announcements ----------------------------------------------------------------------


class AnnouncementRow(Record):
    date: TableDate = column("วันที่", "วันที่ประกาศ")
    title: Text = column("เรื่อง", "ชื่อประกาศ", "ประกาศ", "หัวข้อ")
    kind: Text | None = column("ประเภท", "ประเภทประกาศ", default=None)
    file: ContentPath | None = column("ไฟล์", "เอกสาร", default=None)
    url: WebUrl | None = column("ลิงก์", "ที่อยู่เว็บ", default=None)

    @model_validator(mode="after")
    def _one_source(self) -> AnnouncementRow:
        if (self.file is None) == (self.url is None):
            raise PydanticCustomError("document_needs_one_source", "needs file or url")
        return self


class AnnouncementsFile(TableFileModel):
    """procurement/<fy>/announcements (O22)."""

    rows: list[AnnouncementRow] = Field(min_length=1, description="หนึ่งแถวต่อหนึ่งประกาศ")


# --- O23: monthly summary, form สขร.1 --------------------------------------------------------

NO_PROCUREMENT = "ไม่มีการจัดซื้อจัดจ้าง"


def _statement(value: str) -> str:
    if not value.startswith(NO_PROCUREMENT):
        raise PydanticCustomError(
            "statement_unrecognised",
            "not a statement",
            {"found": value, "expected": NO_PROCUREMENT},
        )
    return value


class ProcurementRow(Record):
    """One procurement in the monthly summary, in the columns of form สขร.1."""

    number: Count = column("ลำดับ", "ลำดับที่")
    project: Text = column(*_PROJECT)
    budget: Amount = column("วงเงิน", "วงเงินที่จะซื้อหรือจ้าง", "วงเงินงบประมาณ", "วงเงินที่จัดซื้อหรือจัดจ้าง")
    reference_price: Amount | None = column("ราคากลาง", default=None)
    method: Text = column(*_METHOD)
    bidders: Text = column("ผู้เสนอราคาและราคาที่เสนอ", "รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้เสนอราคา")
    winner: Text = column(
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        "ผู้ได้รับการคัดเลือก",
        description="ผู้ได้รับการคัดเลือกและราคาที่ตกลง เช่น 'ร้าน ก. / 12,000.00' "
        "(หรือใส่ราคาใน agreed_price)",
    )
    agreed_price: Amount | None = column("ราคาที่ตกลง", "ราคาที่ตกลงซื้อหรือจ้าง", default=None)
    reason: Text = column("เหตุผลที่คัดเลือกโดยสรุป", "เหตุผลที่คัดเลือก")
    contract: Text = column(
        "เลขที่และวันที่ของสัญญา",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
    )


class SummaryTotal(Record):
    budget: Amount | None = Field(default=None, description="รวมวงเงิน")
    reference_price: Amount | None = Field(default=None, description="รวมราคากลาง")
    agreed_price: Amount | None = Field(default=None, description="รวมราคาที่ตกลง")
    winner: Amount | None = Field(
        default=None, description="รวมราคาที่ตกลง เมื่อเขียนไว้ในคอลัมน์ผู้ได้รับการคัดเลือก"
    )


class ProcurementSummaryFile(TableFileModel):
    """procurement/<fy>/summary-<year>-<month> (O23): one month, or the statement that it had none."""

    STATEMENTS: ClassVar[tuple[str, ...]] = (NO_PROCUREMENT,)

    statement: Annotated[Text, AfterValidator(_statement)] | None = Field(
        default=None,
        description=f"'{NO_PROCUREMENT}' สำหรับเดือนที่ไม่มีการจัดซื้อจัดจ้าง (ใช้แทน rows)",
    )
    rows: list[ProcurementRow] = Field(
        default_factory=list, description="หนึ่งแถวต่อหนึ่งโครงการ ตามแบบ สขร.1"
    )
    total: SummaryTotal | None = Field(default=None, description="ยอดรวมตามที่ระบุ (ระบบตรวจ)")

    @model_validator(mode="after")
    def _rows_or_statement(self) -> ProcurementSummaryFile:
        if bool(self.rows) == (self.statement is not None):
            raise PydanticCustomError(
                "rows_or_statement", "rows or statement", {"statement": NO_PROCUREMENT}
            )
        return self


# --- O24: annual procurement report --------------------------------------------------------


class ReportRow(Record):
    method: Text = column(*_METHOD)
    count: Count = column("จำนวนโครงการ", "จำนวนครั้ง", "จำนวนรายการ", "จำนวน")
    amount: Amount = column("จำนวนเงิน", "มูลค่า", "มูลค่ารวม", "รวมราคาที่ตกลง", "ราคาที่ตกลง")
    note: Text | None = column("หมายเหตุ", default=None)


class ReportTotal(Record):
    count: Count | None = Field(default=None, description="รวมจำนวนโครงการ")
    amount: Amount | None = Field(default=None, description="รวมจำนวนเงิน")
    note: Text | None = Field(default=None, description="หมายเหตุของแถวรวม")


class ProcurementReportFile(TableFileModel):
    """procurement/<fy>/report (O24): the year's procurement by method."""

    rows: list[ReportRow] = Field(min_length=1, description="หนึ่งแถวต่อหนึ่งวิธีจัดซื้อจัดจ้าง")
    total: ReportTotal | None = Field(default=None, description="ยอดรวมตามที่ระบุ (ระบบตรวจ)")
