"""Stage 1 for tables: CSV as spreadsheets export it → rows that remember line and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from site_builder.load.tables import (
    TableSpec,
    normalise_header,
    parse_date,
    parse_month,
    parse_number,
    read_csv,
    table_document,
)
from site_builder.schema.records import TABLE_KINDS
from site_builder.schema.tables import ProcurementSummaryFile, StatisticsFile
from site_builder.schema.validate import validate

SUMMARY = ProcurementSummaryFile.spec()
HEADER = (
    "ลำดับ,งานที่จัดซื้อหรือจัดจ้าง,วงเงิน (บาท),ราคากลาง,วิธีซื้อหรือจ้าง,"
    "ผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือกและราคาที่ตกลง,"
    "เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญา"
)
ROW = '1,จัดซื้อวัสดุสำนักงาน,"9,850.00","9,850.00",เฉพาะเจาะจง,ร้าน ก. / 9850,"ร้าน ก. / 9,850.00",ราคาต่ำสุด,ใบสั่งซื้อ 1/2565'


def document(text: str, spec: TableSpec = SUMMARY, bom: bool = False):
    data = ("\ufeff" if bom else "") + text
    table, problems = read_csv(data.encode("utf-8"), "summary.csv")
    assert table is not None and not problems
    return table_document(table, spec)


def test_csv_with_and_without_byte_order_mark_reads_the_same():
    text = f"{HEADER}\n{ROW}\n"
    with_bom, _ = document(text, bom=True)
    without_bom, _ = document(text)
    assert with_bom.value == without_bom.value
    assert with_bom.value["rows"][0]["project"] == "จัดซื้อวัสดุสำนักงาน"


def test_thai_headers_map_to_fields_ignoring_units_in_brackets():
    doc, problems = document(f"{HEADER}\n{ROW}\n")
    assert problems == []
    row = doc.value["rows"][0]
    assert row["budget"] == "9,850.00"  # header "วงเงิน (บาท)"
    assert row["winner"] == "ร้าน ก. / 9,850.00"
    assert doc.labels[("rows", 0, "budget")] == "วงเงิน (บาท)"


def test_each_cell_remembers_its_line_and_column_number():
    multi_line = '2,จ้างก่อสร้าง,"450,000.00",,เฉพาะเจาะจง,"หจก. ก / 1\nหจก. ข / 2","หจก. ก / 419,000.00",ต่ำสุด,สัญญา 1/2565'
    doc, _ = document(f"แบบ สขร.1\n{HEADER}\n{ROW}\n{multi_line}\n{ROW.replace('1,', '3,', 1)}\n")
    assert doc.positions[("rows", 0, "project")] == (3, 2)
    assert doc.positions[("rows", 1, "budget")] == (4, 3)
    # The quoted cell spans lines 4–5, so the next row starts on line 6.
    assert doc.positions[("rows", 2, "number")] == (6, 1)


def test_title_lines_above_the_header_are_skipped():
    doc, problems = document(
        f"แบบ สขร.1,,\nสรุปผลการดำเนินการจัดซื้อจัดจ้าง เดือนมกราคม 2565\n{HEADER}\n{ROW}\n"
    )
    assert problems == []
    assert len(doc.value["rows"]) == 1


def test_total_row_is_kept_apart_as_the_stated_total():
    doc, problems = document(f'{HEADER}\n{ROW}\nรวม,,"9,850.00",,,,"9,850.00",,\n')
    assert problems == []
    assert len(doc.value["rows"]) == 1
    assert doc.value["total"] == {"budget": "9,850.00", "winner": "9,850.00"}
    assert doc.positions[("total", "budget")] == (3, 3)


def test_total_row_must_be_last():
    _, problems = document(f'{HEADER}\nรวม,,"9,850.00"\n{ROW}\n')
    assert [(p.key, p.location.line) for p in problems] == [("table_total_not_last", 3)]


def test_a_file_of_one_line_stating_no_procurement_is_a_statement():
    doc, problems = document("ไม่มีการจัดซื้อจัดจ้าง\n")
    assert problems == []
    assert doc.value == {"statement": "ไม่มีการจัดซื้อจัดจ้าง"}


def test_a_form_whose_only_row_states_no_procurement_is_a_statement():
    doc, problems = document(f"{HEADER}\n-,ไม่มีการจัดซื้อจัดจ้างในเดือนนี้,,,,,,,\n")
    assert problems == []
    assert doc.value == {"statement": "ไม่มีการจัดซื้อจัดจ้างในเดือนนี้"}


def test_unknown_column_is_reported_with_the_closest_header():
    header = HEADER.replace("ราคากลาง", "ราคากลาง่")
    _, problems = document(f"{header}\n{ROW}\n")
    [problem] = problems
    assert problem.key == "table_unknown_column_hint"
    assert problem.fields["suggestion"] == "ราคากลาง"
    assert (problem.location.line, problem.location.column) == (1, 4)


def test_missing_required_column_is_reported_once_at_the_header():
    header = HEADER.replace(",เหตุผลที่คัดเลือกโดยสรุป", "")
    doc, problems = document(f"{header}\n{ROW}\n{ROW}\n")
    assert doc is None
    assert [(p.key, p.fields["header"], p.location.line) for p in problems] == [
        ("table_missing_column", "เหตุผลที่คัดเลือกโดยสรุป", 1)
    ]


def test_two_columns_for_one_field_are_reported():
    _, problems = document(f"{HEADER},วงเงินที่จะซื้อหรือจ้าง\n{ROW},1\n")
    assert [p.key for p in problems] == ["table_duplicate_column"]


def test_data_beyond_the_header_is_reported_with_its_column():
    _, problems = document(f"{HEADER}\n{ROW},ข้อมูลเกิน\n")
    assert [(p.key, p.location.column) for p in problems] == [("table_extra_cells", 10)]


def test_file_without_a_header_row_names_the_expected_columns():
    doc, problems = document("a,b,c\n1,2,3\n")
    assert doc is None
    assert problems[0].key == "table_no_header"
    assert "งานที่จัดซื้อหรือจัดจ้าง" in problems[0].fields["expected"]


def test_csv_not_in_utf8_names_the_line_of_the_first_bad_byte():
    data = "เดือน,รับเรื่อง\n".encode() + "ตุลาคม,1\n".encode("cp874")
    table, problems = read_csv(data, "stats.csv")
    assert table is None
    assert [(p.key, p.location.line) for p in problems] == [("csv_not_utf8", 2)]


def test_dash_cells_count_as_empty():
    row = ROW.replace('"9,850.00",เฉพาะ', "-,เฉพาะ")
    doc, _ = document(f"{HEADER}\n{row}\n")
    assert "reference_price" not in doc.value["rows"][0]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,234,567.00", Decimal("1234567.00")),
        ("๑๒,๕๐๐", Decimal("12500")),
        ("12500 บาท", Decimal("12500")),
        ("0.5", Decimal("0.5")),
        ("1,2,3", None),
        ("สามพัน", None),
        ("12.5.1", None),
    ],
)
def test_numbers_accept_thai_digits_and_thousands_separators(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("มกราคม 2565", (2022, 1)),
        ("ม.ค. 65", (2022, 1)),
        ("ม.ค.๖๕", (2022, 1)),
        ("2565-01", (2022, 1)),
        ("2022-01", (2022, 1)),
        ("1/2565", (2022, 1)),
        ("ตุลาคม", (None, 10)),
        ("2565-13", None),
        ("เดือนแรก", None),
    ],
)
def test_months_are_read_as_thai_agencies_write_them(written, month):
    assert parse_month(written) == month


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("24/1/2565", dt.date(2022, 1, 24)),
        ("24 ม.ค. 65", dt.date(2022, 1, 24)),
        ("๒๔ มกราคม ๒๕๖๕", dt.date(2022, 1, 24)),
        ("30/2/2565", None),
        ("2022-01-24", None),  # ISO dates are left to the ordinary date type
    ],
)
def test_dates_are_read_in_thai_forms(written, date):
    assert parse_date(written) == date


def test_bad_cell_is_reported_at_its_line_and_column_under_its_header():
    bad = ROW.replace('"9,850.00","9,850.00"', 'เก้าพัน,"9,850.00"')
    doc, _ = document(f"{HEADER}\n{ROW}\n{bad}\n")
    record, problems = validate(doc, ProcurementSummaryFile)
    assert record is None
    [problem] = problems
    assert problem.format("th") == (
        "summary.csv:3:3: วงเงิน (บาท): ค่า 'เก้าพัน' ไม่ใช่ตัวเลข — เขียนเช่น 1,234,567.00 หรือ ๑๒,๕๐๐"
    )
    assert problem.format("en").startswith("summary.csv:3:3: วงเงิน (บาท): 'เก้าพัน' is not a number")


def test_statistics_cells_saying_none_count_as_zero():
    spec = StatisticsFile.spec()
    doc, _ = document("เดือน,รับเรื่อง,หมายเหตุ\nมกราคม 2565,ไม่มีเรื่องร้องเรียน,\n", spec)
    record, problems = validate(doc, StatisticsFile)
    assert problems == []
    assert record.rows[0].received == 0
    assert record.rows[0].month == "2565-01"


def test_no_header_names_two_fields_of_one_table():
    for kind in TABLE_KINDS:
        spec = kind.model.spec()
        owners: dict[str, str] = {}
        for name, headers in spec.columns.items():
            for header in (name, *headers):
                key = normalise_header(header)
                assert owners.setdefault(key, name) == name, (kind.name, header)


def test_documentation_lists_every_column_and_its_headers():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "content-format.md").read_text()
    for kind in TABLE_KINDS:
        for name, headers in kind.model.spec().columns.items():
            assert f"| `{name}` | {', '.join(headers)} |" in docs, (kind.name, name)
