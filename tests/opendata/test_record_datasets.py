"""From content to downloads: the agency's tables (O15, O18–O24, O31) as CSV and JSON.

Built from the fictional agency in tests/fixtures/structured; each dataset is checked
against the page that shows the same rows: headings, row counts and totals.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest
import yaml

from tests.structured.conftest import FIXTURE, parse_html, text_of
from tests.support.sites import build_into, copy_agency

RECORD_DATASETS = {
    "service-statistics": "oit/o15/",
    "budget-plan": "oit/o18/",
    "budget-six-month-report": "oit/o19/",
    "budget-annual-report": "oit/o20/",
    "procurement-plan": "oit/o21/",
    "procurement-announcements": "oit/o22/",
    "procurement-months": "oit/o23/",
    "procurement-results": "oit/o23/",
    "procurement-annual-report": "oit/o24/",
    "complaint-statistics": "oit/o31/",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(FIXTURE, tmp_path_factory.mktemp("structured") / "output")


def csv_rows(site: Path, name: str) -> list[dict[str, str]]:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{name}.csv has no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def csv_header(site: Path, name: str) -> list[str]:
    text = (site / "data" / f"{name}.csv").read_bytes().decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text, newline="")))


def json_document(site: Path, name: str) -> dict:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def page(site: Path, path: str) -> Element:
    return parse_html((site / path / "index.html").read_text(encoding="utf-8"))


def tables(element: Element) -> dict[str, Element]:
    return {text_of(t.find("caption")): t for t in element.iter("table")}


def headings(table: Element) -> list[str]:
    return [text_of(th) for th in table.find("thead").iter("th")]


def footer(table: Element) -> list[str]:
    return [text_of(cell) for cell in table.find("tfoot/tr")]


def amount(shown: str) -> Decimal:
    """'26,000,000.00 บาท' or '3,360' as on the page → a number."""
    return Decimal(shown.removesuffix(" บาท").replace(",", ""))


def year_of(caption: str) -> str:
    return re.findall(r"25\d\d", caption)[-1]


def without_unit(header: str) -> str:
    return header.removesuffix(" (บาท)")


def test_every_table_of_the_content_is_published_and_linked_from_its_page(site: Path):
    catalog = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))
    listed = {entry["dct:identifier"] for entry in catalog["dcat:dataset"]}

    assert set(RECORD_DATASETS) <= listed
    for name, path in RECORD_DATASETS.items():
        html = (site / path / "index.html").read_text(encoding="utf-8")
        assert f'href="/data/{name}.csv"' in html, (name, path)
        assert f'href="/data/{name}.json"' in html, (name, path)


def test_csv_has_the_pages_thai_headings_and_json_the_english_keys(site: Path):
    o18 = tables(page(site, "oit/o18/"))
    plan_table = next(t for caption, t in o18.items() if "แผนการใช้จ่ายงบประมาณ" in caption)
    header = csv_header(site, "budget-plan")
    document = json_document(site, "budget-plan")

    assert set(headings(plan_table)) <= {without_unit(h) for h in header}
    assert header[0] == "ปีงบประมาณ (พ.ศ.)"
    assert list(document["rows"][0]) == [
        "fiscal_year",
        "category",
        "amount",
        "share",
        "note",
    ]
    assert document["rows"][0] == {
        "fiscal_year": 2565,
        "category": "งบกลาง",
        "amount": 8450000.0,
        "share": 32.5,
        "note": None,
    }
    assert csv_rows(site, "budget-plan")[0]["งบประมาณ (บาท)"] == "8450000.00"


@pytest.mark.parametrize(
    ("name", "path", "caption_has"),
    [
        ("service-statistics", "oit/o15/", "รายเดือน"),
        ("budget-six-month-report", "oit/o19/", "รอบ 6 เดือน"),
        ("budget-annual-report", "oit/o20/", "ปีงบประมาณ"),
        ("procurement-plan", "oit/o21/", "แผน"),
        ("procurement-announcements", "oit/o22/", "ฉบับ"),
        ("procurement-months", "oit/o23/", "รายเดือน"),
        ("procurement-annual-report", "oit/o24/", "จำแนกตามวิธีซื้อหรือจ้าง"),
        ("complaint-statistics", "oit/o31/", "รายเดือน"),
    ],
)
def test_each_csv_names_every_column_its_page_shows(site, name, path, caption_has):
    table = next(t for c, t in tables(page(site, path)).items() if caption_has in c)
    header = {without_unit(h) for h in csv_header(site, name)}

    assert set(headings(table)) <= header, name


def test_the_skr1_csv_splits_the_winner_and_the_agreed_price_the_form_prints_together(site):
    o23 = tables(page(site, "oit/o23/"))
    form = next(t for c, t in o23.items() if c.startswith("แบบ สขร.1"))
    header = {without_unit(h) for h in csv_header(site, "procurement-results")}

    shown = set(headings(form)) - {"ผู้ได้รับการคัดเลือกและราคาที่ตกลง"}
    assert shown <= header
    assert {"ผู้ได้รับการคัดเลือก", "ราคาที่ตกลง"} <= header


def test_budget_columns_add_up_to_the_totals_on_the_pages(site: Path):
    for name, path in (
        ("budget-plan", "oit/o18/"),
        ("budget-six-month-report", "oit/o19/"),
        ("budget-annual-report", "oit/o20/"),
    ):
        rows = csv_rows(site, name)
        (table,) = tables(page(site, path)).values()
        total = footer(table)

        assert sum(Decimal(r["งบประมาณ (บาท)"]) for r in rows) == amount(total[1]), name
        if name != "budget-plan":
            assert sum(Decimal(r["เบิกจ่าย (บาท)"]) for r in rows) == amount(total[3]), name


def test_statistics_add_up_to_each_years_total_on_the_page(site: Path):
    for name, path in (("service-statistics", "oit/o15/"), ("complaint-statistics", "oit/o31/")):
        by_year: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in csv_rows(site, name):
            by_year[row["ปีงบประมาณ (พ.ศ.)"]].append(row)
        shown = {
            year_of(caption): footer(table)
            for caption, table in tables(page(site, path)).items()
            if caption.endswith("รายเดือน")
        }

        assert set(shown) == set(by_year), name
        for year, total in shown.items():
            rows = by_year[year]
            for index, column in enumerate(("รับเรื่อง", "อยู่ระหว่างดำเนินการ", "ดำเนินการแล้วเสร็จ")):
                assert sum(int(r[column]) for r in rows) == amount(total[index + 1]), (name, year)


def test_a_month_stated_as_having_no_complaints_counts_zero_with_the_statement(site: Path):
    rows = {
        (r["fiscal_year"], r["month"]): r
        for r in json_document(site, "complaint-statistics")["rows"]
    }

    assert rows[(2565, "2021-10")] == {
        "fiscal_year": 2565,
        "month": "2021-10",
        "received": 0,
        "in_progress": 0,
        "completed": 0,
        "note": "ไม่มีเรื่องร้องเรียน",
    }
    assert (2565, "2022-06") not in rows  # not given: no row, as the page says ยังไม่ได้เผยแพร่


def test_procurement_results_add_up_to_each_months_form_and_to_the_overview(site: Path):
    o23 = tables(page(site, "oit/o23/"))
    agreed: dict[str, Decimal] = defaultdict(Decimal)
    budget: dict[str, Decimal] = defaultdict(Decimal)
    for row in csv_rows(site, "procurement-results"):
        agreed[row["เดือน"]] += Decimal(row["ราคาที่ตกลง (บาท)"])
        budget[row["เดือน"]] += Decimal(row["วงเงิน (บาท)"])
    months = {r["เดือน"]: r for r in csv_rows(site, "procurement-months")}
    overview = next(t for c, t in o23.items() if c.endswith("รายเดือน"))
    shown = {text_of(row[0]): [text_of(cell) for cell in row[1:]] for row in overview.find("tbody")}

    assert len(months) == 12 and months["2022-06"]["ผลการจัดซื้อจัดจ้าง"] == "ยังไม่ได้เผยแพร่"
    assert months["2022-04"]["ผลการจัดซื้อจัดจ้าง"] == "ไม่มีการจัดซื้อจัดจ้าง"
    assert months["2021-12"]["จำนวนรายการ"] == "2"
    assert shown["ธันวาคม 2564"] == ["แบบ สขร.1", "2", "427,000.00 บาท"]
    assert agreed["2021-12"] == Decimal(months["2021-12"]["รวมราคาที่ตกลง (บาท)"])
    assert agreed["2021-12"] == amount(shown["ธันวาคม 2564"][2])
    form = o23["แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนธันวาคม 2564"]
    assert budget["2021-12"] == amount(footer(form)[2])
    assert agreed["2021-12"] == amount(footer(form)[4])


def test_bidders_are_lines_in_csv_and_a_list_in_json(site: Path):
    row = next(
        r
        for r in json_document(site, "procurement-results")["rows"]
        if r["project"].startswith("ก่อสร้างถังเก็บน้ำ")
    )
    csv_row = next(
        r
        for r in csv_rows(site, "procurement-results")
        if r["งานที่จัดซื้อหรือจัดจ้าง"].startswith("ก่อสร้างถังเก็บน้ำ")
    )

    assert len(row["bidders"]) == 3
    assert csv_row["ผู้เสนอราคาและราคาที่เสนอ"].split("\n") == row["bidders"]
    assert row["winner"] == "หจก.ทดลองก่อสร้าง" and row["agreed_price"] == 419000.0


def test_annual_report_adds_up_to_the_reports_total(site: Path):
    rows = csv_rows(site, "procurement-annual-report")
    table = next(
        t for c, t in tables(page(site, "oit/o24/")).items() if c.startswith("รายงานผลการจัดซื้อ")
    )

    assert sum(int(r["จำนวนรายการ"]) for r in rows) == amount(footer(table)[1])
    assert sum(Decimal(r["จำนวนเงิน (บาท)"]) for r in rows) == amount(footer(table)[2])


def test_announcement_links_point_at_the_published_documents(site: Path):
    rows = json_document(site, "procurement-announcements")["rows"]

    assert [r["date"] for r in rows] == ["2022-03-01", "2022-02-07", "2021-12-24", "2021-12-03"]
    assert rows[0]["document"] == "https://www.gprocurement.go.th/"
    assert (
        rows[1]["document"] == "https://nongkaew.example/files/procurement/2565/invitation-road.pdf"
    )
    assert (site / "files/procurement/2565/invitation-road.pdf").is_file()


def test_update_dates_are_those_the_pages_show(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE)
    (content / "oit" / "O18.yaml").write_text(
        yaml.safe_dump({"code": "O18", "updated": "2021-11-02"}), encoding="utf-8"
    )
    site = build_into(content, tmp_path / "output")
    catalog = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))
    modified = {d["dct:identifier"]: d.get("dct:modified") for d in catalog["dcat:dataset"]}

    assert modified["budget-plan"] == "2021-11-02"  # oit/O18.yaml, shown as ปรับปรุงล่าสุด
    assert modified["procurement-announcements"] == "2022-03-01"  # the newest announcement
    assert modified["budget-annual-report"] is None  # no date in the content: none invented
    o18 = (site / "oit" / "o18" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-11-02">' in o18


def test_a_site_without_tables_publishes_none_of_these_datasets(tmp_path: Path):
    site = build_into(Path(__file__).resolve().parents[1] / "fixtures" / "agency", tmp_path / "o")

    published = {p.stem for p in (site / "data").glob("*.csv")}
    assert not published & set(RECORD_DATASETS)
    assert not (site / "data" / "ocds-release-package.json").exists()
