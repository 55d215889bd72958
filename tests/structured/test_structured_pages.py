"""From file to rendered page: each typed record drawn on its O item page."""

from __future__ import annotations

import hashlib
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from site_builder.cli import main
from site_builder.pipeline import build, load_site
from site_builder.render.pages import plan_pages
from tests.structured.conftest import ROOT, TEMPLATES, parse_html, text_of

SUMMARY_HEADER = (
    "ลำดับ,งานที่จัดซื้อหรือจัดจ้าง,วงเงิน,ราคากลาง,วิธีซื้อหรือจ้าง,ผู้เสนอราคาและราคาที่เสนอ,"
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลง,เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญา"
)
JUNE = (
    '1,จ้างเหมาบริการกำจัดขยะ เดือนมิถุนายน 2565,"8,000.00","8,000.00",เฉพาะเจาะจง,'
    '"นายขยัน เก็บกวาด / 8,000.00","นายขยัน เก็บกวาด / 8,000.00",'
    "เป็นผู้มีอาชีพรับจ้างและเสนอราคาไม่เกินวงเงิน,ข้อตกลงจ้างเลขที่ 8/2565 ลงวันที่ 1 มิ.ย. 2565"
)


def published_section(page: Element) -> Element:
    return page.find(".//section[@aria-labelledby='content-title']")


def rows_of(table: Element) -> list[list[str]]:
    return [[text_of(cell) for cell in row] for row in table.find("tbody")]


def caption_tables(page: Element) -> dict[str, Element]:
    return {
        text_of(t.find("caption")): t for t in page.iter("table") if t.find("caption") is not None
    }


def test_o1_structure_is_a_chart_of_nested_lists(page):
    o1 = page("oit/o1/")
    tree = o1.find(".//ul[@class='org-tree']")
    assert tree is not None and tree.get("aria-labelledby")
    root = tree.find("li")
    assert text_of(root.find("div")) == "องค์การบริหารส่วนตำบลหนองแก้วทดลอง"
    sides = root.findall("ul/li")
    assert [text_of(side.find("div/span")) for side in sides] == ["ฝ่ายการเมือง", "ฝ่ายประจำ"]
    units = {text_of(li.find("div/span")): li for li in sides[1].findall("ul/li")}
    assert list(units) == ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสวัสดิการสังคม"]
    finance = units["กองคลัง"]
    assert text_of(finance.find("div/span[@class='org-head']")) == "ผู้อำนวยการกองคลัง"
    assert "เจ้าพนักงานจัดเก็บรายได้ (1 อัตรา, ว่าง 1)" in [
        text_of(li) for li in finance.findall("div/ul/li")
    ]
    office = [text_of(li.find("div/span")) for li in units["สำนักปลัด"].findall("ul/li")]
    assert office == ["งานบริหารทั่วไป", "งานนโยบายและแผน", "งานป้องกันและบรรเทาสาธารณภัย"]
    assert "ปลัดองค์การบริหารส่วนตำบล (1 อัตรา)" in text_of(sides[1].find("div"))


def test_o2_executives_show_photo_position_contacts_and_vacant_posts(page, built_fixture):
    people = page("oit/o2/").findall(".//ul[@class='executives']/li")
    assert len(people) == 5
    first = people[0]
    photo = first.find(".//img")
    assert (photo.get("src"), photo.get("width"), photo.get("height")) == (
        "/files/executives/nayok.png",
        "120",
        "150",
    )
    assert photo.get("alt") == "รูปถ่าย นายสมมุติ ใจดีทดลอง"
    assert (built_fixture / "files" / "executives" / "nayok.png").is_file()
    assert first.find(".//a[@href='tel:0899990001']") is not None
    assert first.find(".//a[@href='mailto:nayok@nongkaew.example']") is not None
    vacant = people[2]
    assert text_of(vacant.find("p[@class='executive-name']")) == "ตำแหน่งว่าง"
    assert vacant.find(".//img") is None
    assert "ไม่มีรูปถ่าย" in text_of(people[3])


def test_o5_contact_comes_from_site_yaml_with_a_map_link(page):
    contact = published_section(page("oit/o5/"))
    text = text_of(contact)
    assert "เลขที่ 99 หมู่ที่ 4" in text and "จันทร์–ศุกร์ 08:30–16:30 น." in text
    assert contact.find(".//a[@href='tel:099991234']") is not None
    assert contact.find(".//a[@href='mailto:saraban@nongkaew.example']") is not None
    assert contact.find(".//a[@href]").get("href") is not None
    assert any("openstreetmap" in (a.get("href") or "") for a in contact.iter("a"))


def test_o15_statistics_have_a_chart_and_the_same_figures_as_a_table(page):
    o15 = page("oit/o15/")
    svg = o15.find(".//figure/svg")
    assert svg.get("role") == "img"
    assert text_of(svg.find("title")).startswith("สถิติการให้บริการ")
    assert len(svg.findall("rect[@class='chart-series-1']")) == 12
    table = caption_tables(o15)["สถิติการให้บริการ ปีงบประมาณ 2565 รายเดือน"]
    assert [th.get("scope") for th in table.find("thead/tr")] == ["col"] * 5
    rows = rows_of(table)
    assert rows[2] == ["ธันวาคม 2564", "1,210", "12", "1,198", "ช่วงชำระภาษีป้าย"]
    assert rows[6][:2] == ["เมษายน 2565", "120"]  # written in Thai digits
    assert [text_of(c) for c in table.find("tfoot/tr")][:4] == ["รวม", "3,360", "41", "3,319"]


def test_o31_months_stated_none_or_missing_and_other_years_folded(page):
    o31 = page("oit/o31/")
    current = caption_tables(o31)[
        "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. 2565 รายเดือน"
    ]
    rows = {row[0]: row[1:] for row in rows_of(current)}
    assert rows["ตุลาคม 2564"] == ["ไม่มีเรื่องร้องเรียน"]
    assert rows["เมษายน 2565"] == ["ไม่มีเรื่องร้องเรียน"]
    assert rows["มีนาคม 2565"] == ["2", "1", "1", ""]
    assert rows["กรกฎาคม 2565"] == ["ยังไม่ได้เผยแพร่"]
    folded = o31.find(".//details")
    assert text_of(folded.find("summary")) == "ปีงบประมาณ 2564"
    assert "ข้อมูลถึงเดือนพฤษภาคม 2565" in text_of(o31.find(".//dl"))


@pytest.mark.parametrize(
    ("code", "caption", "first_row", "total"),
    [
        (
            "o18",
            "แผนการใช้จ่ายงบประมาณประจำปี ปีงบประมาณ 2565",
            ["งบกลาง", "8,450,000.00 บาท", "32.50"],
            ["รวม", "26,000,000.00 บาท", "100.00"],
        ),
        (
            "o19",
            "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2565 รอบ 6 เดือน (ตุลาคม 2564 – มีนาคม 2565)",
            ["งบกลาง", "8,450,000.00 บาท", "32.50", "4,012,500.00 บาท", "47.49"],
            ["รวม", "26,000,000.00 บาท", "100.00", "11,478,220.50 บาท", "44.15"],
        ),
        (
            "o20",
            "รายงานผลการใช้จ่ายงบประมาณประจำปี ปีงบประมาณ 2565",
            ["งบกลาง", "8,450,000.00 บาท", "32.50", "8,102,340.00 บาท", "95.89"],
            ["รวม", "26,000,000.00 บาท", "100.00", "24,716,715.25 บาท", "95.06"],
        ),
    ],
)
def test_budget_tables_show_baht_shares_and_computed_totals(page, code, caption, first_row, total):
    item = page(f"oit/{code}/")
    table = caption_tables(item)[caption]
    assert rows_of(table)[0] == first_row
    assert [text_of(c) for c in table.find("tfoot/tr")] == total
    chart = item.find(".//figure/svg")
    assert chart.get("role") == "img" and len(chart.findall("rect[@class='chart-budget']")) == 5


def test_o21_procurement_plan_with_total(page):
    table = caption_tables(page("oit/o21/"))["แผนการจัดซื้อจัดจ้าง ปีงบประมาณ 2565"]
    assert rows_of(table)[1][:4] == [
        "2",
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5",
        "1,250,000.00 บาท",
        "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    ]
    assert [text_of(c) for c in table.find("tfoot/tr")][1:3] == ["รวม 5 รายการ", "1,960,000.00 บาท"]


def test_o22_announcements_newest_first_linking_their_documents(page, built_fixture):
    table = next(iter(caption_tables(page("oit/o22/")).values()))
    rows = table.findall("tbody/tr")
    assert [text_of(r.find("td")) for r in rows] == [
        "1 มีนาคม 2565",
        "7 กุมภาพันธ์ 2565",
        "24 ธันวาคม 2564",
        "3 ธันวาคม 2564",
    ]
    link = rows[1].find(".//a")
    assert link.get("href") == "/files/procurement/2565/invitation-road.pdf"
    assert (built_fixture / "files/procurement/2565/invitation-road.pdf").is_file()
    assert "(ลิงก์ภายนอก)" in text_of(rows[0])


def test_o23_shows_every_month_as_skr1_stated_none_or_not_published(page):
    o23 = page("oit/o23/")
    tables = caption_tables(o23)
    overview = rows_of(tables["สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2565 รายเดือน"])
    assert [row[0] for row in overview][:3] == ["ตุลาคม 2564", "พฤศจิกายน 2564", "ธันวาคม 2564"]
    by_month = {row[0]: row[1:] for row in overview}
    assert by_month["เมษายน 2565"] == ["ไม่มีการจัดซื้อจัดจ้าง"]
    assert by_month["มิถุนายน 2565"] == ["ยังไม่ได้เผยแพร่"]
    assert by_month["ธันวาคม 2564"][1:] == ["2", "427,000.00 บาท"]

    december = tables["แบบ สขร.1 สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนธันวาคม 2564"]
    assert [text_of(th) for th in december.find("thead/tr")] == [
        "ลำดับ",
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงิน",
        "ราคากลาง",
        "วิธีซื้อหรือจ้าง",
        "ผู้เสนอราคาและราคาที่เสนอ",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลง",
        "เหตุผลที่คัดเลือกโดยสรุป",
        "เลขที่และวันที่ของสัญญา",
    ]
    tank = rows_of(december)[1]
    assert tank[2:4] == ["450,000.00 บาท", "448,500.00 บาท"]
    winner = december.find("tbody/tr[2]/td[6]")
    assert (winner.text, text_of(winner.find("span"))) == ("หจก.ทดลองก่อสร้าง", "419,000.00 บาท")
    assert len(december.findall("tbody/tr[2]/td[5]/br")) == 2  # three bidders, one a line
    assert "ไม่มีการจัดซื้อจัดจ้างในรอบเดือนเมษายน 2565" not in tables  # no form for that month


def test_o24_report_beside_what_the_monthly_summaries_add_up_to(page):
    o24 = page("oit/o24/")
    tables = caption_tables(o24)
    stated = tables["รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2565 จำแนกตามวิธีซื้อหรือจ้าง"]
    assert [text_of(c) for c in stated.find("tfoot/tr")] == ["รวม", "17", "1,778,180.00 บาท"]
    monthly = tables["รวมจากสรุปผลรายเดือน จำแนกตามวิธีซื้อหรือจ้าง"]
    assert [text_of(c) for c in monthly.find("tfoot/tr")] == ["รวม", "16", "1,770,180.00 บาท"]
    assert "ยังไม่ได้เผยแพร่ 1 เดือน (มิถุนายน 2565)" in text_of(o24)


def test_fed_items_count_as_published_and_the_index_says_how_far_monthly_data_reaches(page):
    # The index's status column shows readiness (tests/readiness/test_readiness_records.py).
    site, _ = load_site(ROOT / "tests/fixtures/structured")
    for code in ("O1", "O2", "O5", "O15", "O18", "O19", "O20", "O21", "O22", "O23", "O24", "O31"):
        assert site.checklist.item(code).published, code
    index = page("oit/")
    rows = {text_of(row.find("th")): row for row in index.iter("tr") if row.get("id")}
    assert "ข้อมูลถึงเดือนกันยายน 2565; ยังไม่ได้เผยแพร่ 1 เดือน (มิ.ย. 65)" in text_of(rows["O23"])
    assert "ข้อมูลถึงเดือนพฤษภาคม 2565" in text_of(rows["O31"])


def _digests(output: Path) -> dict[str, str]:
    return {
        path.relative_to(output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def test_adding_one_month_csv_updates_o23_and_the_index_and_nothing_else_by_hand(
    site_copy, tmp_path
):
    before_dir, after_dir = tmp_path / "before", tmp_path / "after"
    build(site_copy, TEMPLATES, before_dir)
    (site_copy / "procurement" / "2565" / "summary-2565-06.csv").write_text(
        f"{SUMMARY_HEADER}\n{JUNE}\n", encoding="utf-8"
    )
    build(site_copy, TEMPLATES, after_dir)
    before, after = _digests(before_dir), _digests(after_dir)
    # The search index (pagefind/) follows the pages' text; only pages are compared.
    changed = {
        name
        for name in after
        if before.get(name) != after[name] and not name.startswith("pagefind/")
    }
    # O24 compares the annual report with the year's summaries, so it changes too; so do
    # the O23 datasets, the OCDS package, and the catalogue that counts and sizes them.
    assert changed == {
        "oit/index.html",
        "oit/o23/index.html",
        "oit/o24/index.html",
        "data/index.html",
        "data/catalog.json",
        "data/procurement-months.csv",
        "data/procurement-months.json",
        "data/procurement-results.csv",
        "data/procurement-results.json",
        "data/ocds-release-package.json",
    }

    index = parse_html((after_dir / "oit/index.html").read_text(encoding="utf-8"))
    o23_row = next(row for row in index.iter("tr") if row.get("id") == "o23")
    assert text_of(o23_row.find("td[4]")) == "ข้อมูลถึงเดือนกันยายน 2565"  # no gap left
    o23 = parse_html((after_dir / "oit/o23/index.html").read_text(encoding="utf-8"))
    overview = caption_tables(o23)["สรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2565 รายเดือน"]
    assert {row[0]: row[1:] for row in rows_of(overview)}["มิถุนายน 2565"] == [
        "แบบ สขร.1",
        "1",
        "8,000.00 บาท",
    ]
    # The pages that changed name the new file among their sources (incremental rebuilds).
    site, _ = load_site(site_copy)
    sources = {page.path: page.sources for page in plan_pages(site)}
    for path in ("oit/", "oit/o23/", "oit/o24/", "data/"):
        assert any(s.endswith("summary-2565-06.csv") for s in sources[path]), path
    assert not any(s.endswith("summary-2565-06.csv") for s in sources["oit/o22/"])


def test_same_content_builds_byte_identical_sites(tmp_path):
    build(ROOT / "tests/fixtures/structured", TEMPLATES, tmp_path / "a")
    build(ROOT / "tests/fixtures/structured", TEMPLATES, tmp_path / "b")
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_check_names_file_row_and_column_of_a_bad_csv_row(site_copy, capsys):
    path = site_copy / "procurement" / "2565" / "summary-2565-03.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"8,000.00","8,000.00"', 'แปดพัน,"8,000.00"', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert main(["check", "--content", str(site_copy)]) == 1
    err = capsys.readouterr().err
    assert "procurement/2565/summary-2565-03.csv:2:3: วงเงินที่จะซื้อหรือจ้าง: ค่า 'แปดพัน' ไม่ใช่ตัวเลข" in err
    assert main(["check", "--content", str(site_copy), "--lang", "en"]) == 1
    assert "summary-2565-03.csv:2:3: วงเงินที่จะซื้อหรือจ้าง: 'แปดพัน' is not a number" in (
        capsys.readouterr().err
    )


def test_shipped_agency_shows_only_its_four_units(tmp_path):
    output = tmp_path / "output"
    build(ROOT / "content", TEMPLATES, output)
    o1 = parse_html((output / "oit/o1/index.html").read_text(encoding="utf-8"))
    sides = o1.findall(".//ul[@class='org-tree']/li/ul/li")
    assert "ยังไม่ได้เผยแพร่" in text_of(sides[0])
    units = [text_of(li) for li in sides[1].findall("ul/li")]
    assert units == ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสวัสดิการ"]
    site, _ = load_site(ROOT / "content")
    assert not site.checklist.item("O2").published  # no executives in the seed
    assert not site.checklist.item("O5").published  # no address, phone or e-mail in the seed
    assert site.records.yearly == ()
