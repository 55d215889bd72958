"""Stage 2 — schema: every content problem of a file, each at file:line:column."""

from __future__ import annotations

import pytest

from site_builder.load.yaml_source import load_yaml_text
from site_builder.problems import Location, Problem
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from site_builder.schema.validate import validate
from site_builder.thai import parse_month_range

FILE = "content/oit/o23.yaml"


def problems_of(text: str, model=DisclosureFile, file: str = FILE) -> list[Problem]:
    doc, problems = load_yaml_text(text, file)
    assert problems == [], [p.format("en") for p in problems]
    record, problems = validate(doc, model)
    assert (record is None) == bool(problems)
    return problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.format("en") for p in problems]
    return problems[0]


def test_valid_disclosure_has_no_problems():
    text = (
        "code: O23\n"
        "updated: 2022-02-05\n"
        "text: สรุปผลการจัดซื้อจัดจ้าง\n"
        "documents:\n"
        "  - {title: มกราคม 2565, file: files/o23/2565-01.pdf, date: 2022-02-05}\n"
        "  - {title: ระบบ e-GP, url: 'https://www.gprocurement.go.th/'}\n"
        "links:\n"
        "  - {title: ประกาศ, url: 'https://example.go.th/notice'}\n"
    )
    assert problems_of(text) == []


def test_unknown_key_suggests_the_closest_field():
    problem = only(problems_of("code: O23\nupdatd: 2022-02-05\n"))

    assert problem.key == "unknown_field_hint"
    assert problem.location == Location(FILE, 2, 1)
    assert problem.fields == {"key": "updatd", "suggestion": "updated"}
    assert problem.format("th") == (
        f"{FILE}:2:1: updatd: ไม่รู้จักฟิลด์ 'updatd' — หมายถึง 'updated' หรือไม่?"
    )


def test_unknown_key_inside_a_list_item_suggests_from_that_items_fields():
    problem = only(
        problems_of("code: O23\ndocuments:\n  - titel: มกราคม\n    url: https://a.go.th/\n")
    )

    assert problem.key == "unknown_field_hint"
    assert problem.field_path == "documents[0].titel"
    assert problem.location == Location(FILE, 3, 5)
    assert problem.fields["suggestion"] == "title"


def test_unknown_key_without_a_close_match_lists_the_valid_fields():
    problem = only(problems_of("code: O23\nwebsite: https://a.go.th/\n"))

    assert problem.key == "unknown_field"
    assert problem.fields["allowed"] == (
        "code, updated, reviewed, text, documents, links, nothing_to_report"
    )


def test_wrong_type_names_the_expected_kind():
    problems = problems_of(
        "year: 2564\nframework: ita-2564\nscore: สูง\ngrade: B\n"
        "indicators:\n  - {number: หนึ่ง, score: 93.57}\n",
        AssessmentFile,
        "content/ita/2564.yaml",
    )

    by_field = {p.field_path: p for p in problems}
    assert set(by_field) == {"score", "indicators[0].number"}
    assert by_field["score"].key == "wrong_type"
    assert by_field["score"].location == Location("content/ita/2564.yaml", 3, 1)
    assert by_field["score"].format("th").endswith("ค่า 'สูง' ไม่ใช่ตัวเลข")
    assert by_field["indicators[0].number"].format("en").endswith("'หนึ่ง' is not a whole number")


def test_phone_number_written_as_a_number_gets_the_quote_hint():
    text = (
        "agency:\n  name_th: เทศบาลตำบลตัวอย่าง\n  type: เทศบาลตำบล\n  phones: [034123456]\n"
        "site: {fiscal_year: 2565, checklist: ita-2565}\n"
    )
    problem = only(problems_of(text, SiteFile, "content/site.yaml"))

    assert problem.field_path == "agency.phones[0]"
    assert problem.location == Location("content/site.yaml", 4, 12)
    assert "เครื่องหมายคำพูด" in problem.format("th")


def test_missing_required_field_is_named():
    problem = only(problems_of("updated: 2022-02-05\n"))

    assert problem.key == "missing"
    assert problem.field_path == "code"
    assert problem.location.file == FILE


def test_list_given_as_a_single_value_expects_a_list():
    problem = only(problems_of("code: O23\nlinks: https://a.go.th/\n"))

    assert problem.key == "wrong_type"
    assert problem.location == Location(FILE, 2, 1)
    assert "list" in problem.format("en")


def test_buddhist_era_year_in_a_date_is_refused_with_the_christian_era_hint():
    problem = only(problems_of("code: O23\nupdated: 2565-02-05\n"))

    assert problem.key == "buddhist_year_date"
    assert problem.location == Location(FILE, 2, 1)
    assert problem.fields == {"year": 2565, "gregorian": 2022}
    assert "พ.ศ. 2565 = ค.ศ. 2022" in problem.format("th")


def test_buddhist_era_date_that_is_not_a_real_day_still_gets_the_era_hint():
    # 29 February exists in 2024 but not in "2567"; the hint is about the era.
    problem = only(problems_of("code: O23\nupdated: 2567-02-29\n"))

    assert problem.key == "buddhist_year_date"
    assert problem.fields == {"year": 2567, "gregorian": 2024}


def test_day_that_does_not_exist_is_reported_as_such():
    problem = only(problems_of("code: O23\nupdated: 2022-02-30\n"))

    assert problem.key == "no_such_date"
    assert problem.location == Location(FILE, 2, 1)
    assert "2022-02-30" in problem.format("th")


def test_date_written_the_thai_way_expects_year_month_day():
    problem = only(problems_of("code: O23\nupdated: 5/2/2565\n"))

    assert problem.key == "wrong_type"
    assert "2022-01-24" in problem.format("th")


def test_address_without_http_is_refused():
    problem = only(
        problems_of("code: O23\nlinks:\n  - {title: e-GP, url: www.gprocurement.go.th}\n")
    )

    assert problem.key == "bad_url"
    assert problem.field_path == "links[0].url"
    assert problem.fields == {"found": "www.gprocurement.go.th"}


@pytest.mark.parametrize(
    "path",
    ["../secret.pdf", "files/../../etc/passwd", "/etc/passwd", "files\\o23\\a.pdf", "o23/a.pdf"],
)
def test_file_path_outside_content_files_is_refused(path: str):
    problem = only(problems_of(f"code: O23\ndocuments:\n  - title: x\n    file: '{path}'\n"))

    assert problem.key == "bad_content_path"
    assert problem.location == Location(FILE, 4, 5)


@pytest.mark.parametrize(
    "document",
    [
        "{title: both, file: files/o23/a.pdf, url: 'https://a.go.th/a.pdf'}",
        "{title: neither, date: 2022-02-05}",
    ],
)
def test_document_needs_exactly_one_of_file_and_url(document: str):
    problem = only(problems_of(f"code: O23\ndocuments:\n  - {document}\n"))

    assert problem.key == "document_needs_one_source"
    assert problem.field_path == "documents[0]"
    assert problem.location == Location(FILE, 3, 5)


def test_item_code_must_look_like_an_o_code():
    problem = only(problems_of("code: 023\n"))

    assert problem.field_path == "code"


def test_item_code_pattern_is_explained_with_examples():
    problem = only(problems_of("code: Q23\n"))

    assert problem.key == "bad_pattern"
    assert "O1 … O43" in problem.format("th")


def test_every_problem_of_a_file_is_reported_in_one_run():
    problems = problems_of(
        "code: O23\n"
        "updatd: 2022-02-05\n"
        "documents:\n"
        "  - {title: a, file: ../a.pdf}\n"
        "  - {title: b, url: 'ftp://a.go.th/b.pdf', date: 2565-01-01}\n"
    )

    assert [(p.location.line, p.key) for p in sorted(problems, key=Problem.sort_key)] == [
        (2, "unknown_field_hint"),
        (4, "bad_content_path"),
        (5, "bad_url"),
        (5, "buddhist_year_date"),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ม.ค. ๖๕- ส.ค. ๖๕", ((2022, 1), (2022, 8))),
        ("ธ.ค. ๖๔- ก.ย. ๖๕", ((2021, 12), (2022, 9))),
        ("ม.ค. 65 - มี.ค. 65", ((2022, 1), (2022, 3))),
        ("ต.ค. 2564–ก.ย. 2565", ((2021, 10), (2022, 9))),
    ],
)
def test_thai_month_ranges_are_read(written: str, expected):
    assert parse_month_range(written) == expected


@pytest.mark.parametrize("written", ["มกราคม ๖๕", "ส.ค. ๖๕- ม.ค. ๖๕", "ม.ค. - ส.ค. ๖๕", ""])
def test_unreadable_or_backwards_month_ranges_are_refused(written: str):
    assert parse_month_range(written) is None


MEASURES = """\
fiscal_year: 2565
title: มาตรการส่งเสริมคุณธรรมและความโปร่งใส
adopted: {meeting: การประชุม, date: 2022-01-24}
measures:
  - number: 1
    title: จัดอบรม
    methods: [กำชับเจ้าหน้าที่]
    responsible: [สำนักปลัด]
    periods: ["ม.ค. ๖๕- ส.ค. ๖๕", "มกราคม ๖๕"]
    follow_up: [รายงานผล]
"""


def test_unreadable_measure_period_is_reported_at_its_list_item():
    problem = only(problems_of(MEASURES, MeasuresFile, "content/measures/2565.yaml"))

    assert problem.key == "bad_period"
    assert problem.field_path == "measures[0].periods[1]"
    assert problem.location == Location("content/measures/2565.yaml", 9, 35)


def test_grade_must_be_one_of_the_ita_grades():
    text = "year: 2564\nframework: ita-2564\nscore: 75.36\ngrade: B+\nindicators: [{number: 1, score: 1}]\n"
    problem = only(problems_of(text, AssessmentFile, "content/ita/2564.yaml"))

    assert problem.key == "not_one_of"
    assert "'AA', 'A', 'B'" in problem.format("en")


def test_news_front_matter_needs_title_and_date():
    problems = problems_of("summary: ไม่มีหัวข้อ\n", NewsFrontMatter, "content/news/a.md")

    assert sorted(p.field_path for p in problems) == ["date", "title"]
    assert {p.key for p in problems} == {"missing"}
