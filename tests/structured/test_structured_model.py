"""Stages 2–3 for records: file place → kind and year; totals computed and checked."""

from __future__ import annotations

import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from site_builder.model.build_records import split_winner
from site_builder.model.records import Month, MonthlySeries
from site_builder.pipeline import load_site
from site_builder.problems import Problem, Severity, errors_in
from tests.structured.conftest import FIXTURE

SUMMARY_HEADER = (
    "ลำดับ,งานที่จัดซื้อหรือจัดจ้าง,วงเงิน,ราคากลาง,วิธีซื้อหรือจ้าง,ผู้เสนอราคาและราคาที่เสนอ,"
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลง,เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญา"
)


def problems_of(content: Path) -> list[Problem]:
    _site, problems = load_site(content)
    return problems


def only(problems: list[Problem], key: str) -> Problem:
    found = [p for p in problems if p.key == key]
    assert len(found) == 1, problems
    return found[0]


def summary_csv(*rows: str) -> str:
    return "\n".join((SUMMARY_HEADER, *rows)) + "\n"


def test_fixture_agency_has_no_problems():
    _site, problems = load_site(FIXTURE)
    assert problems == []


def test_monthly_procurement_series_tells_present_stated_none_and_missing_months():
    site, _ = load_site(FIXTURE)
    series = site.records.procurement_summaries(2565).months
    assert series.stated_none == (Month(2022, 4),)
    assert series.missing() == (Month(2022, 6),)
    assert len(series.present) == 10
    assert series.missing(through=Month(2022, 5)) == ()
    assert series.entry(Month(2022, 4)).statement == "ไม่มีการจัดซื้อจัดจ้าง"
    assert series.latest == Month(2022, 9)
    assert not series.complete


def test_fiscal_year_months_run_october_to_september():
    months = Month.of_fiscal_year(2565)
    assert (months[0], months[-1]) == (Month(2021, 10), Month(2022, 9))
    assert [m.key for m in months[2:4]] == ["2564-12", "2565-01"]
    assert MonthlySeries(2565, ()).missing() == months


def test_summary_rows_keep_winner_price_and_totals():
    site, _ = load_site(FIXTURE)
    december = site.records.procurement_summaries(2565).months.entry(Month(2021, 12)).value
    tank = december.items[1]
    assert tank.winner == "หจก.ทดลองก่อสร้าง"
    assert tank.agreed_price == Decimal("419000.00")
    assert len(tank.bidders) == 3
    assert (december.total_budget, december.total_agreed) == (Decimal("458000"), Decimal("427000"))


def test_months_without_a_year_take_it_from_the_fiscal_year():
    site, _ = load_site(FIXTURE)
    stats = site.records.statistics("complaint_statistics", 2564)
    assert stats.months.months[0] == Month(2020, 10)
    assert stats.months.present == (Month(2021, 1),)
    assert len(stats.months.stated_none) == 11


def test_a_month_of_zero_counts_is_stated_as_none():
    site, _ = load_site(FIXTURE)
    stats = site.records.statistics("complaint_statistics", 2565)
    april = stats.months.entry(Month(2022, 4))
    assert april.stated_none
    assert april.statement == "ไม่มีเรื่องร้องเรียน"
    assert (stats.total.received, stats.total.in_progress, stats.total.completed) == (3, 1, 2)


def test_budget_shares_and_totals_are_computed():
    site, _ = load_site(FIXTURE)
    plan = site.records.budget("budget_plan", 2565)
    assert plan.total_amount == Decimal("26000000.00")
    assert [line.share for line in plan.lines][:2] == [Decimal("32.50"), Decimal("36.00")]
    annual = site.records.budget("budget_annual_report", 2565)
    assert annual.total_disbursed == Decimal("24716715.25")
    assert annual.disbursed_share == Decimal("95.06")


def test_stated_total_that_differs_from_the_rows_is_an_error_at_the_total_cell(site_copy):
    path = site_copy / "budget" / "2565" / "plan.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace('"26,000,000.00"', '"26,100,000.00"'),
        encoding="utf-8",
    )
    problem = only(problems_of(site_copy), "total_disagrees")
    assert problem.location.file.endswith("budget/2565/plan.csv")
    assert (problem.location.line, problem.location.column) == (8, 2)
    assert problem.field_path == "งบประมาณ (บาท)"
    assert problem.fields == {"stated": "26,100,000.00", "computed": "26,000,000.00"}


def test_stated_percentage_that_differs_is_an_error_at_its_cell(site_copy):
    path = site_copy / "budget" / "2565" / "report-annual.csv"
    path.write_text(path.read_text().replace(",87.45", ",78.45"), encoding="utf-8")
    problem = only(problems_of(site_copy), "share_disagrees")
    assert (problem.location.line, problem.location.column, problem.field_path) == (
        4,
        4,
        "ร้อยละการเบิกจ่าย",
    )


def test_stated_total_in_yaml_is_checked_too(site_copy):
    path = site_copy / "statistics" / "complaints-2565.yaml"
    path.write_text(path.read_text().replace("received: 3,", "received: 4,"), encoding="utf-8")
    problem = only(problems_of(site_copy), "total_disagrees")
    assert problem.field_path == "total.received"
    assert (problem.location.line, problem.location.column) == (14, 9)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("ร้านสมใจพาณิชย์ / 9,850.00", ("ร้านสมใจพาณิชย์", Decimal("9850.00"))),
        ("หจก.ทดลองก่อสร้าง ราคา 419000 บาท", ("หจก.ทดลองก่อสร้าง", Decimal("419000"))),
        ("หจก. 99 ก่อสร้าง / ๔๕๐,๐๐๐.๐๐", ("หจก. 99 ก่อสร้าง", Decimal("450000.00"))),
        ("ร้าน ก. 12,000 บาท (รวมภาษีมูลค่าเพิ่ม)", ("ร้าน ก. (รวมภาษีมูลค่าเพิ่ม)", Decimal("12000"))),
        ("ร้าน 7-11", None),
        ("นายขยัน เก็บกวาด", None),
    ],
)
def test_winner_cell_gives_the_name_and_the_agreed_price(cell, expected):
    assert split_winner(cell) == expected


def test_winner_without_a_price_is_an_error_naming_the_column(site_copy):
    target = site_copy / "procurement" / "2565" / "summary-2565-06.csv"
    target.write_text(
        summary_csv(
            '1,จ้างเหมาบริการกำจัดขยะ,"8,000.00","8,000.00",เฉพาะเจาะจง,นายขยัน,นายขยัน เก็บกวาด,ราคาไม่เกินวงเงิน,ข้อตกลงจ้าง 8/2565'
        ),
        encoding="utf-8",
    )
    problem = only(problems_of(site_copy), "winner_price_missing")
    assert (problem.location.line, problem.location.column) == (2, 7)
    assert problem.field_path == "ผู้ได้รับการคัดเลือกและราคาที่ตกลง"


def test_agreed_price_above_the_budget_is_a_warning(site_copy):
    target = site_copy / "procurement" / "2565" / "summary-2565-06.csv"
    target.write_text(
        summary_csv(
            '1,จ้างเหมาบริการกำจัดขยะ,"8,000.00","8,000.00",เฉพาะเจาะจง,นายขยัน / 8500,"นายขยัน / 8,500.00",รายเดียว,ข้อตกลงจ้าง 8/2565'
        ),
        encoding="utf-8",
    )
    problems = problems_of(site_copy)
    assert only(problems, "agreed_over_budget").severity is Severity.WARNING
    assert errors_in(problems) == []


def test_summary_of_a_month_outside_the_folder_year_is_an_error(site_copy):
    (site_copy / "procurement" / "2565" / "summary-2565-10.csv").write_text(
        "ไม่มีการจัดซื้อจัดจ้าง\n", encoding="utf-8"
    )
    problem = only(problems_of(site_copy), "month_outside_fiscal_year")
    assert problem.location.file.endswith("summary-2565-10.csv")
    assert problem.fields["first"] == "ตุลาคม 2564"


def test_the_same_month_named_in_both_eras_is_one_file_too_many(site_copy):
    (site_copy / "procurement" / "2565" / "summary-2022-04.csv").write_text(
        "ไม่มีการจัดซื้อจัดจ้าง\n", encoding="utf-8"
    )
    problem = only(problems_of(site_copy), "records_duplicate_file")
    assert problem.location.file.endswith("summary-2565-04.csv")


def test_a_month_given_twice_in_statistics_is_an_error(site_copy):
    path = site_copy / "statistics" / "service-2565.csv"
    text = path.read_text(encoding="utf-8-sig").replace("พฤศจิกายน 2564,", "ตุลาคม 2564,")
    path.write_text(text, encoding="utf-8")
    problem = only(problems_of(site_copy), "duplicate_month")
    assert (problem.location.line, problem.fields["first_line"]) == (3, 2)


def test_a_statement_file_must_say_there_was_no_procurement(site_copy):
    (site_copy / "procurement" / "2565" / "summary-2565-06.yaml").write_text(
        "statement: จัดซื้อแล้ว\n", encoding="utf-8"
    )
    problem = only(problems_of(site_copy), "statement_unrecognised")
    assert problem.field_path == "statement"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("procurement/2565/sumary-2565-06.csv", "records_unknown_file"),
        ("procurement/2565/summary-2565-06.xlsx", "records_spreadsheet"),
        ("budget/2565/plan.pdf", "records_not_table"),
        ("budget/2022/plan.csv", "records_fiscal_year_ce"),
        ("budget/2565/plan.yaml", "records_duplicate_file"),
    ],
)
def test_files_in_record_folders_that_are_not_known_tables_are_reported(site_copy, name, key):
    target = site_copy / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("rows: []\n", encoding="utf-8")
    only(problems_of(site_copy), key)


def test_annual_report_is_compared_with_a_complete_year_of_summaries(site_copy):
    folder = site_copy / "procurement" / "2565"
    (folder / "summary-2565-06.csv").write_text(
        summary_csv(
            '1,จ้างเหมาบริการกำจัดขยะ,"8,000.00","8,000.00",เฉพาะเจาะจง,"นายขยัน / 8,000.00","นายขยัน / 8,000.00",ราคาไม่เกินวงเงิน,ข้อตกลงจ้าง 8/2565'
        ),
        encoding="utf-8",
    )
    site, problems = load_site(site_copy)
    assert problems == []  # the year is complete and agrees with the report
    report = site.records.find("procurement_annual_report", 2565)
    assert report.from_summaries.months.complete

    report_file = folder / "report.yaml"
    report_file.write_text(
        report_file.read_text()
        .replace("count: 15,", "count: 14,")
        .replace("count: 17,", "count: 16,"),
        encoding="utf-8",
    )
    problem = only(problems_of(site_copy), "report_disagrees")
    assert problem.severity is Severity.WARNING
    assert problem.fields["count"] == 15


def _png(path: Path, colour_type: int) -> None:
    raw = b"".join(b"\x00" + bytes([128] * (3 if colour_type == 2 else 1)) * 4 for _ in range(4))
    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, colour_type, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_black_and_white_executive_photo_is_a_warning(site_copy):
    _png(site_copy / "files" / "executives" / "palad.png", colour_type=0)
    problem = only(problems_of(site_copy), "photo_not_colour")
    assert problem.severity is Severity.WARNING
    assert problem.field_path == "executives[4].photo"


def test_executive_photo_size_is_read_for_the_page():
    site, _ = load_site(FIXTURE)
    photo = site.records.organisation.executives[0].photo
    assert (photo.width, photo.height) == (120, 150)


def test_vacant_post_cannot_name_a_holder(site_copy):
    path = site_copy / "organisation.yaml"
    path.write_text(
        path.read_text().replace("    vacant: true\n", "    vacant: true\n    name: นายใคร\n"),
        encoding="utf-8",
    )
    problem = only(problems_of(site_copy), "executive_vacant_with_holder")
    assert problem.field_path == "executives[2]"


def test_records_of_the_site_year_come_first_and_only_they_publish_an_item(site_copy):
    site, _ = load_site(FIXTURE)
    o31 = site.checklist.item("O31")
    assert [(r.fiscal_year, r.current) for r in o31.records] == [(2565, True), (2564, False)]
    assert o31.covered_until == Month(2022, 5)

    (site_copy / "statistics" / "complaints-2565.yaml").unlink()
    site, _ = load_site(site_copy)
    o31 = site.checklist.item("O31")
    assert [(r.fiscal_year, r.current) for r in o31.records] == [(2564, False)]
    assert not o31.published


def test_zero_month_keeps_its_other_note_beside_the_statement(site_copy):
    path = site_copy / "statistics" / "complaints-2565.yaml"
    path.write_text(
        path.read_text().replace(
            "{month: เม.ย. 65, received: 0,",
            "{month: เม.ย. 65, note: ปิดสำนักงานช่วงสงกรานต์, received: 0,",
        ),
        encoding="utf-8",
    )
    site, _ = load_site(site_copy)
    april = site.records.statistics("complaint_statistics", 2565).months.entry(Month(2022, 4))
    assert april.statement == "ไม่มีเรื่องร้องเรียน (ปิดสำนักงานช่วงสงกรานต์)"


def test_disbursement_in_the_budget_plan_is_an_error(site_copy):
    path = site_copy / "budget" / "2565" / "plan.csv"
    text = path.read_text(encoding="utf-8-sig").replace(
        "หมวด,งบประมาณ (บาท),ร้อยละ", "หมวด,งบประมาณ (บาท),ร้อยละ,เบิกจ่าย"
    )
    path.write_text(
        text.replace('งบกลาง,"8,450,000.00",32.50', 'งบกลาง,"8,450,000.00",32.50,100'),
        encoding="utf-8",
    )
    problem = only(problems_of(site_copy), "plan_has_disbursed")
    assert (problem.location.line, problem.field_path) == (3, "เบิกจ่าย")
