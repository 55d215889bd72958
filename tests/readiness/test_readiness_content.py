"""What editors write for readiness (part, period, nothing_to_report, reviewed) and the
problems they get back, at file:line:column, in Thai and English."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_builder.periods import Month, Period
from site_builder.pipeline import load_site

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readiness"


def agency_with(tmp_path: Path, code: str, yaml_text: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "monthly-gaps", content)
    (content / "oit" / f"{code}.yaml").write_text(yaml_text, encoding="utf-8")
    return content


def problems_of(content: Path) -> list[str]:
    _, problems = load_site(content)
    return [p.format("th") for p in problems] + [p.format("en") for p in problems]


def test_unreadable_period_is_reported_where_it_is_written(tmp_path):
    content = agency_with(
        tmp_path,
        "O23",
        "code: O23\ndocuments:\n  - title: สขร.1\n    url: https://www.bangkradinoi.example/a.pdf\n"
        "    period: มีนา 66\n",
    )

    found = problems_of(content)

    assert found[0].endswith(
        "oit/O23.yaml:5:5: documents[0].period: ช่วงเวลา 'มีนา 66' อ่านไม่ได้ — เขียนเป็นเดือน 'มี.ค. 66'"
        " ช่วงเดือน 'ต.ค. 65 - มี.ค. 66' หรือ 'ปีงบประมาณ 2566' ('ปีงบประมาณ 2566 รอบ 6 เดือน')"
    )
    assert "cannot read the period 'มีนา 66'" in found[1]


def test_part_must_be_one_the_checklist_names(tmp_path):
    content = agency_with(
        tmp_path,
        "O1",
        "code: O1\ndocuments:\n  - title: แผนผังสภา\n    url: https://www.bangkradinoi.example/c.pdf\n"
        "    part: สภา\n",
    )

    found = problems_of(content)

    assert found[0].endswith(
        "oit/O1.yaml:5:5: documents[0].part: ข้อ O1 ไม่มีส่วน 'สภา' — ส่วนที่แบบตรวจกำหนด: ผู้บริหาร, สมาชิกสภา, พนักงาน"
    )


def test_part_on_an_item_without_parts_is_refused(tmp_path):
    content = agency_with(
        tmp_path,
        "O5",
        "code: O5\nlinks:\n  - title: แผนที่\n    url: https://www.bangkradinoi.example/map\n    part: ที่ตั้ง\n",
    )

    assert problems_of(content)[0].endswith(
        "oit/O5.yaml:5:5: links[0].part: ข้อ O5 ไม่ได้กำหนดส่วนย่อย — ลบ part: 'ที่ตั้ง' ออก"
    )


def test_nothing_to_report_needs_an_explicit_statement(tmp_path):
    content = agency_with(
        tmp_path,
        "O23",
        "code: O23\nnothing_to_report:\n  - period: ธ.ค. 65\n  - period: มี.ค. 66\n    statement: ''\n",
    )

    found = problems_of(content)

    assert found[0].endswith(
        "oit/O23.yaml:3:5: nothing_to_report[0].statement: ไม่มีฟิลด์ที่จำเป็น — ต้องใส่ค่า"
    )
    assert found[1].endswith("oit/O23.yaml:5:5: nothing_to_report[1].statement: ต้องไม่เป็นข้อความว่าง")


def test_reviewed_date_uses_the_christian_era_like_every_date(tmp_path):
    content = agency_with(tmp_path, "O2", "code: O2\nreviewed: 2566-01-10\ntext: ผู้บริหาร\n")

    assert "ปี 2566 ดูเหมือนเป็นปี พ.ศ." in problems_of(content)[0]


def test_evidence_period_comes_from_the_period_field_then_the_title_then_the_date():
    site, _ = load_site(FIXTURES / "monthly-gaps")
    assert site is not None
    evidence = site.checklist.item("O23").evidence

    placed = [(e.kind, e.period, e.period_from) for e in evidence]

    assert placed == [
        ("document", Period.month(Month(2022, 10)), "title"),
        ("document", Period.month(Month(2022, 11)), "stated"),
        ("document", Period.month(Month(2023, 2)), "date"),
        ("statement", Period.month(Month(2023, 1)), "stated"),
    ]


def test_fed_items_get_their_evidence_from_the_feeding_content():
    site, _ = load_site(FIXTURES / "complete")
    assert site is not None

    news = site.checklist.item("O7").evidence
    progress = site.checklist.item("O43").evidence

    assert {e.kind for e in news + progress} == {"feed"}
    assert [e.date.isoformat() for e in progress if e.date] == ["2023-01-20", "2023-03-25"]
