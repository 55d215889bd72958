"""Stage 3 — model: scores and grades, and the checks that span files."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from site_builder.checklist import load_framework
from site_builder.model.scoring import grade_for, overall_score, tool_scores
from site_builder.pipeline import load_site
from site_builder.problems import ContentErrors, Location, Problem, Severity
from tests.support.content import write_tree

# The seed's ten indicator scores (ITA 2564, องค์การบริหารส่วนตำบลลาดหญ้า).
SEED_SCORES = {
    1: 93.57, 2: 84.05, 3: 89.76, 4: 84.87, 5: 87.64,
    6: 80.93, 7: 84.60, 8: 81.00, 9: 84.06, 10: 37.50,
}  # fmt: skip

SITE = """\
agency:
  name_th: เทศบาลตำบลตัวอย่าง
  type: เทศบาลตำบล
site:
  base_url: https://www.example-tambon.go.th/
  fiscal_year: 2565
  checklist: ita-2565
"""


def ita(year: int = 2564, score: float = 75.36, grade: str = "B", numbers=range(1, 11)) -> str:
    rows = "\n".join(f"  - {{number: {n}, score: {SEED_SCORES.get(n, 50)}}}" for n in numbers)
    return (
        f"year: {year}\nframework: ita-{year}\nscore: {score}\ngrade: {grade}\n"
        f"indicators:\n{rows}\n"
    )


MEASURES = """\
fiscal_year: 2565
title: มาตรการส่งเสริมคุณธรรมและความโปร่งใส
assessment: 2564
adopted: {meeting: การประชุมเทศบาลตำบลตัวอย่าง, date: 2022-01-24}
measures:
  - number: 1
    title: จัดอบรม
    methods: [กำชับเจ้าหน้าที่]
    responsible: [สำนักปลัด]
    periods: ["ม.ค. ๖๕- ส.ค. ๖๕"]
    follow_up: [รายงานผล]
progress_reports:
  - title: รายงานรอบ 6 เดือน
    date: 2022-04-20
    measures: [1, 2]
"""


def site_of(tmp_path: Path, files: dict[str, str | bytes]):
    root = write_tree(tmp_path / "content", {"site.yaml": SITE, **files})
    return load_site(root)


def keyed(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return sorted((Path(p.location.file).name, p.location.line, p.key) for p in problems)


def test_seed_indicator_scores_give_75_36():
    framework, problems = load_framework("ita-2564")
    assert problems == ()

    assert overall_score(framework, SEED_SCORES) == 75.36
    assert grade_for(framework, 75.36) == "B"


def test_tool_scores_are_the_means_of_their_indicators():
    framework, _ = load_framework("ita-2564")

    scores = tool_scores(framework, SEED_SCORES)

    assert scores["OIT"] == pytest.approx((84.06 + 37.50) / 2)
    assert scores["EIT"] == pytest.approx((80.93 + 84.60 + 81.00) / 3)
    assert scores["IIT"] == pytest.approx((93.57 + 84.05 + 89.76 + 84.87 + 87.64) / 5)


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "AA"), (95, "AA"), (94.99, "A"), (85, "A"), (75.36, "B"), (75, "B"), (64.99, "D"),
     (50, "E"), (49.99, "F"), (0, "F")],
)  # fmt: skip
def test_grade_bands_include_their_lower_bound(score: float, grade: str):
    framework, _ = load_framework("ita-2564")
    assert grade_for(framework, score) == grade


def test_seed_result_builds_without_warnings_about_the_score(tmp_path: Path):
    site, problems = site_of(tmp_path, {"ita/2564.yaml": ita()})

    assert problems == []
    [assessment] = site.assessments
    assert (assessment.score, assessment.grade) == (75.36, "B")
    assert (assessment.computed_score, assessment.computed_grade) == (75.36, "B")
    assert [i.score for i in assessment.indicators] == [SEED_SCORES[n] for n in range(1, 11)]
    assert [i.tool for i in assessment.indicators] == ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
    # The seed's ranked table: อันดับ 1 การปฏิบัติหน้าที่ … อันดับ 10 การป้องกันการทุจริต.
    assert [i.rank for i in assessment.indicators] == [1, 7, 2, 4, 3, 9, 5, 8, 6, 10]


def test_equal_scores_share_a_rank(tmp_path: Path):
    text = ita(score=1, grade="F").replace("score: 84.6}", "score: 84.87}")

    site, _ = site_of(tmp_path, {"ita/2564.yaml": text})

    ranks = {i.number: i.rank for i in site.assessments[0].indicators}
    assert (ranks[4], ranks[7], ranks[5], ranks[9]) == (4, 4, 3, 6)


def test_stated_score_that_disagrees_is_a_warning_naming_both_numbers(tmp_path: Path):
    site, problems = site_of(tmp_path, {"ita/2564.yaml": ita(score=76.10)})

    assert site is not None  # a warning does not stop the build
    [problem] = problems
    assert problem.severity is Severity.WARNING
    assert problem.key == "score_disagrees"
    assert problem.location.line == 3 and problem.field_path == "score"
    text = problem.format("th")
    assert "76.10" in text and "75.36" in text


def test_stated_grade_that_disagrees_with_the_score_is_a_warning(tmp_path: Path):
    _, problems = site_of(tmp_path, {"ita/2564.yaml": ita(grade="A")})

    [problem] = problems
    assert (problem.key, problem.severity) == ("grade_disagrees", Severity.WARNING)
    assert problem.fields == {"stated": "A", "score": "75.36", "computed": "B"}


@pytest.mark.parametrize("numbers", [range(1, 10), [*range(1, 11), 10], [*range(1, 10), 9]])
def test_indicator_set_that_differs_from_the_framework_is_an_error(tmp_path: Path, numbers):
    site, problems = site_of(tmp_path, {"ita/2564.yaml": ita(numbers=numbers)})

    assert site is None
    [problem] = problems
    assert problem.key == "indicators_mismatch"
    assert problem.location == Location(problem.location.file, 5, 1)
    assert problem.fields["expected"] == "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"


def test_year_that_differs_from_the_file_name_is_an_error(tmp_path: Path):
    _, problems = site_of(
        tmp_path,
        {"ita/2564.yaml": ita(), "ita/2563.yaml": ita(), "measures/2566.yaml": MEASURES},
    )

    assert ("2563.yaml", 1, "year_mismatch") in keyed(problems)
    assert ("2566.yaml", 1, "year_mismatch") in keyed(problems)


def test_progress_report_on_a_measure_that_does_not_exist_is_an_error(tmp_path: Path):
    _, problems = site_of(tmp_path, {"ita/2564.yaml": ita(), "measures/2565.yaml": MEASURES})

    [problem] = problems
    assert problem.key == "unknown_measure"
    assert problem.field_path == "progress_reports[0].measures[1]"
    assert problem.location.line == 15
    assert problem.fields == {"found": 2, "expected": "1"}


def test_measures_citing_a_missing_assessment_year_is_an_error(tmp_path: Path):
    measures = MEASURES.replace("measures: [1, 2]", "measures: [1]")

    _, problems = site_of(tmp_path, {"measures/2565.yaml": measures})

    assert keyed(problems) == [("2565.yaml", 3, "unknown_assessment")]


def test_measures_citing_an_assessment_with_its_own_error_is_not_blamed(tmp_path: Path):
    measures = MEASURES.replace("measures: [1, 2]", "measures: [1]")

    _, problems = site_of(
        tmp_path, {"ita/2564.yaml": ita(numbers=range(1, 10)), "measures/2565.yaml": measures}
    )

    assert keyed(problems) == [("2564.yaml", 5, "indicators_mismatch")]


def test_same_o_code_in_two_files_is_an_error_naming_the_other_file(tmp_path: Path):
    _, problems = site_of(
        tmp_path,
        {
            "oit/o23.yaml": "code: O23\ntext: สรุปผลการจัดซื้อจัดจ้าง\n",
            "oit/o24.yaml": "# คัดลอกจาก o23.yaml\ncode: O23\ntext: รายงานผล\n",
        },
    )

    [problem] = problems
    assert problem.key == "duplicate_code"
    assert problem.location.file.endswith("oit/o24.yaml")
    assert problem.location.line == 2
    assert problem.fields["code"] == "O23"
    assert str(problem.fields["other"]).endswith("oit/o23.yaml")


def test_o_code_that_is_not_in_the_framework_is_an_error(tmp_path: Path):
    _, problems = site_of(tmp_path, {"oit/o44.yaml": "code: O44\ntext: ไม่มีข้อนี้\n"})

    [problem] = problems
    assert (problem.key, problem.location.line) == ("unknown_code", 1)
    assert problem.fields == {"code": "O44", "framework": "ita-2565"}


def test_document_pointing_at_a_missing_file_is_an_error(tmp_path: Path):
    _, problems = site_of(
        tmp_path,
        {
            "oit/o23.yaml": (
                "code: O23\ndocuments:\n"
                "  - {title: มกราคม, file: files/o23/2565-01.pdf}\n"
                "  - title: กุมภาพันธ์\n    file: files/o23/2565-02.pdf\n"
            ),
            "files/o23/2565-01.pdf": b"%PDF-1.4\n",
        },
    )

    [problem] = problems
    assert problem.key == "missing_file"
    assert problem.field_path == "documents[1].file"
    assert problem.location.line == 5
    assert problem.fields == {"found": "files/o23/2565-02.pdf"}


def test_news_image_and_site_logo_must_exist(tmp_path: Path):
    site_yaml = SITE.replace("  type: เทศบาลตำบล\n", "  type: เทศบาลตำบล\n  logo: files/logo.png\n")
    news = "---\ntitle: ข่าว\ndate: 2022-01-24\nimage: files/news/a.jpg\n---\nเนื้อหา\n"

    _, problems = site_of(tmp_path, {"site.yaml": site_yaml, "news/a.md": news})

    assert keyed(problems) == [("a.md", 4, "missing_file"), ("site.yaml", 4, "missing_file")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_leading_out_of_content_is_refused(tmp_path: Path):
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 secret\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.pdf").write_bytes(b"%PDF-1.4\n")
    content = write_tree(
        tmp_path / "content",
        {
            "site.yaml": SITE,
            "oit/o23.yaml": (
                "code: O23\ndocuments:\n"
                "  - {title: a, file: files/o23/a.pdf}\n"
                "  - {title: b, file: files/linked/b.pdf}\n"
            ),
        },
    )
    (content / "files" / "o23").mkdir(parents=True)
    (content / "files" / "o23" / "a.pdf").symlink_to(outside)
    (content / "files" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)

    site, problems = load_site(content)

    assert site is None
    assert [(p.key, p.location.line) for p in problems] == [
        ("file_outside_content", 3),
        ("file_outside_content", 4),
    ]


def test_symlink_within_content_is_followed(tmp_path: Path):
    content = write_tree(
        tmp_path / "content",
        {
            "site.yaml": SITE,
            "oit/o23.yaml": "code: O23\ndocuments: [{title: a, file: files/o23/latest.pdf}]\n",
            "files/o23/2565-01.pdf": b"%PDF-1.4\n",
        },
    )
    (content / "files" / "o23" / "latest.pdf").symlink_to("2565-01.pdf")

    site, problems = load_site(content)

    assert problems == []
    assert site.attachments == ("files/o23/latest.pdf",)


def test_errors_in_other_files_are_reported_even_when_site_yaml_is_broken(tmp_path: Path):
    _, problems = site_of(
        tmp_path,
        {
            "site.yaml": SITE.replace("type:", "typ:"),
            "ita/2563.yaml": ita(),
            "news/a.md": "---\ntitle: ข่าว\ndate: 2022-01-24\nimage: files/a.jpg\n---\n",
        },
    )

    assert keyed(problems) == [
        ("2563.yaml", 1, "year_mismatch"),
        ("a.md", 4, "missing_file"),
        ("site.yaml", 3, "unknown_field_hint"),
    ]


def test_checklist_has_every_o_item_in_order_with_its_disclosure(tmp_path: Path):
    site, problems = site_of(
        tmp_path,
        {
            "oit/o23.yaml": (
                "code: O23\nupdated: 2022-02-05\n"
                "documents: [{title: a, file: files/o23/a.pdf, date: 2022-03-04}]\n"
            ),
            "files/o23/a.pdf": b"%PDF-1.4\n",
        },
    )

    assert problems == []
    items = site.checklist.items
    assert [item.code for item in items] == [f"O{n}" for n in range(1, 44)]
    o23 = site.checklist.item("O23")
    assert o23.published and o23.path == "oit/o23/"
    assert o23.updated == dt.date(2022, 3, 4)  # the newest of its dates
    assert (o23.sub_indicator, o23.group) == ("9.3", "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ")
    assert not site.checklist.item("O1").published
    assert site.checklist.published_count == 1
    assert site.attachments == ("files/o23/a.pdf",)


def test_news_posts_publish_o7_and_measures_publish_o42_and_o43(tmp_path: Path):
    news = "---\ntitle: ประชุมประชาคม\ndate: 2022-01-24\n---\nเนื้อหา\n"
    measures = MEASURES.replace("measures: [1, 2]", "measures: [1]")

    site, problems = site_of(
        tmp_path,
        {"ita/2564.yaml": ita(), "measures/2565.yaml": measures, "news/meeting.md": news},
    )

    assert problems == []
    o7, o42, o43 = (site.checklist.item(code) for code in ("O7", "O42", "O43"))
    assert [(link.title, link.path) for link in o7.fed_by] == [("ประชุมประชาคม", "news/meeting/")]
    assert [link.path for link in o42.fed_by] == ["measures/2565/"]
    assert [link.path for link in o43.fed_by] == ["measures/2565/#progress"]
    assert o43.updated == dt.date(2022, 4, 20)
    assert site.news[0].path == "news/meeting/"


NEWS_POST = "---\ntitle: ประชุมประชาคม\ndate: 2022-01-24\n---\nเนื้อหา **สำคัญ**\n"


def test_news_body_is_read_from_its_file_when_shown(tmp_path: Path):
    site, problems = site_of(tmp_path, {"news/meeting.md": NEWS_POST})
    assert problems == []
    post_file = tmp_path / "content/news/meeting.md"
    post_file.write_text(NEWS_POST.replace("เนื้อหา", "ข้อความใหม่"), encoding="utf-8")

    # The model holds where the body is, not the body: an edited body is what renders.
    assert "ข้อความใหม่ <strong>สำคัญ</strong>" in site.news[0].body.html


def test_front_matter_changed_after_loading_stops_the_page_naming_the_file(tmp_path: Path):
    site, _ = site_of(tmp_path, {"news/meeting.md": NEWS_POST})
    post_file = tmp_path / "content/news/meeting.md"
    post_file.write_text(NEWS_POST.replace("ประชุมประชาคม", "ประชุม"), encoding="utf-8")

    with pytest.raises(ContentErrors) as stopped:
        str(site.news[0].body.html)
    [problem] = stopped.value.problems
    assert problem.key == "changed_during_build"
    assert problem.location.file.endswith("news/meeting.md")


def test_control_character_saved_after_loading_is_still_refused_at_its_line(tmp_path: Path):
    site, _ = site_of(tmp_path, {"news/meeting.md": NEWS_POST})
    post_file = tmp_path / "content/news/meeting.md"
    post_file.write_text(NEWS_POST + "บรรทัดสอง\x07\n", encoding="utf-8")

    with pytest.raises(ContentErrors) as stopped:
        str(site.news[0].body.source)
    [problem] = stopped.value.problems
    assert (problem.key, problem.location.line, problem.location.column) == (
        "control_character",
        6,
        10,
    )


def test_content_errors_survive_pickling_from_a_render_worker():
    problem = Problem(Location("content/news/a.md", 3, 1), "changed_during_build")
    copy = pickle.loads(pickle.dumps(ContentErrors([problem])))
    assert copy.problems == [problem]
