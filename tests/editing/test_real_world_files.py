"""Files as Thai Windows editors save them: Windows-874, BOM, CRLF, Tabs, Thai digits and dates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder.load.content_tree import read_markdown, read_yaml
from site_builder.load.yaml_source import SourceDocument
from site_builder.pipeline import build, load_site
from site_builder.problems import Severity
from site_builder.schema.content import AssessmentFile, MeasuresFile, NewsFrontMatter
from site_builder.schema.validate import validate
from tests.support.sites import FIXTURES, ROOT, copy_site, tree_difference

POST = "news/2566-01-09-children.md"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    return copy_site("editing", tmp_path / "site")


def built(content: Path, templates: Path, output: Path) -> Path:
    build(content, templates, output)
    return output


def news_front_matter(tmp_path: Path, front_matter: str) -> SourceDocument:
    path = tmp_path / "post.md"
    path.write_text(f"---\n{front_matter}---\nข่าว\n", encoding="utf-8")
    source, problems = read_markdown(path)
    assert source is not None, [p.format("en") for p in problems]
    return source.front_matter


def test_windows_874_file_is_converted_with_a_warning_naming_the_encoding(site, tmp_path):
    content, templates = site
    reference = built(content, templates, tmp_path / "utf8")
    post = content / POST
    post.write_bytes(post.read_text(encoding="utf-8").encode("cp874"))

    _site, problems = load_site(content)

    (warning,) = problems
    assert warning.severity is Severity.WARNING
    assert warning.key == "encoding_converted"
    assert (warning.location.line, warning.location.column) == (3, 8)  # first Thai letter
    assert "Windows-874 (TIS-620)" in warning.text("th")
    assert "Save with Encoding → UTF-8" in warning.text("en")
    assert tree_difference(reference, built(content, templates, tmp_path / "cp874")) == []


def test_csv_saved_by_thai_excel_is_converted_with_a_warning_and_builds_the_same_site(tmp_path):
    # Excel's plain "CSV" on Thai Windows: Windows-874, CRLF line ends, no byte-order mark.
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "structured", content)
    templates = ROOT / "templates"
    reference = built(content, templates, tmp_path / "utf8")
    table = content / "statistics/service-2565.csv"
    text = table.read_text(encoding="utf-8-sig")
    table.write_bytes(text.replace("\n", "\r\n").encode("cp874"))

    _site, problems = load_site(content)

    (warning,) = problems
    assert warning.severity is Severity.WARNING
    assert warning.key == "csv_encoding_converted"
    assert warning.location.line == 1
    assert "Windows-874 (TIS-620)" in warning.text("th")
    assert "CSV UTF-8 (Comma delimited)" in warning.text("en")
    assert tree_difference(reference, built(content, templates, tmp_path / "cp874")) == []


def test_file_in_another_encoding_is_an_error_at_its_first_bad_byte(tmp_path):
    path = tmp_path / "O5.yaml"
    path.write_bytes("code: O5\ntext: Caf\u00e9 ouvert\n".encode("latin-1"))

    doc, (problem,) = read_yaml(path)

    assert doc is None
    assert problem.key == "not_utf8"
    assert (problem.location.line, problem.location.column) == (2, 10)
    assert "UTF-8" in problem.text("th")


def test_byte_order_mark_is_ignored_and_positions_are_unchanged(tmp_path):
    plain, marked = tmp_path / "plain.yaml", tmp_path / "marked.yaml"
    text = "code: O5\nupdated: 2022-01-24\nlinks: []\n"
    plain.write_text(text, encoding="utf-8")
    marked.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    (doc_plain, _), (doc_marked, _) = read_yaml(plain), read_yaml(marked)

    assert doc_marked is not None and doc_plain is not None
    assert doc_marked.value == doc_plain.value
    assert doc_marked.positions == doc_plain.positions


def test_crlf_line_ends_build_the_same_site_as_lf(site, tmp_path):
    content, templates = site
    reference = built(content, templates, tmp_path / "lf")
    for path in (content / POST, content / "measures/2566.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

    assert tree_difference(reference, built(content, templates, tmp_path / "crlf")) == []


def test_crlf_file_reports_problems_on_the_same_line_and_column(tmp_path):
    lf, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    text = "---\ntitle: ข่าว\ndate: 2022-01-24\ntitel: x\n---\nเนื้อหา\n"
    lf.write_text(text, encoding="utf-8")
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))

    found = []
    for path in (lf, crlf):
        source, _ = read_markdown(path)
        assert source is not None
        assert "\r" not in source.body
        _record, problems = validate(source.front_matter, NewsFrontMatter)
        found.append([(p.key, p.location.line, p.location.column) for p in problems])

    assert found[0] == found[1] == [("unknown_field_hint", 4, 1)]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("agency:\n\tname_th: ทดสอบ\n", 2, 1),
        ("agency:\n  name_th: ทดสอบ\n  phones:\n  \t- '035 000 000'\n", 4, 3),
    ],
)
def test_tab_indentation_is_reported_in_thai_at_its_line_and_column(tmp_path, text, line, column):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")

    _doc, (problem,) = read_yaml(path)

    assert problem.key == "yaml_tab"
    assert (problem.location.line, problem.location.column) == (line, column)
    assert "แท็บ (Tab)" in problem.text("th")
    assert "indented with a Tab" in problem.text("en")


def test_tab_in_news_front_matter_is_placed_on_the_file_line(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: ข่าว\ndocuments:\n\t- title: x\n---\n", encoding="utf-8")

    _source, (problem,) = read_markdown(path)

    assert (problem.key, problem.location.line, problem.location.column) == ("yaml_tab", 4, 1)


def test_thai_digits_are_read_in_numeric_fields(tmp_path):
    path = tmp_path / "2564.yaml"
    path.write_text(
        "year: ๒๕๖๔\nframework: ita-2564\nscore: ๗๕.๓๖\ngrade: B\ntarget: '๘๕'\n"
        "indicators:\n  - {number: ๑, score: ๙๓.๕๗}\n  - {number: 2, score: 84.05}\n",
        encoding="utf-8",
    )
    doc, _ = read_yaml(path)
    assert doc is not None

    record, problems = validate(doc, AssessmentFile)

    assert problems == []
    assert record is not None
    assert (record.year, record.score, record.target) == (2564, 75.36, 85.0)
    assert [(i.number, i.score) for i in record.indicators] == [(1, 93.57), (2, 84.05)]


def test_thai_digits_in_a_list_of_numbers_and_a_bad_thai_number(tmp_path):
    path = tmp_path / "2566.yaml"
    path.write_text(
        "fiscal_year: ๒๕๖x\nprogress_reports:\n  - {title: x, date: 2022-01-24, measures: [๑, '๒']}\n",
        encoding="utf-8",
    )
    doc, _ = read_yaml(path)
    assert doc is not None

    _record, problems = validate(doc, MeasuresFile)

    wrong = next(p for p in problems if p.field_path == "fiscal_year")
    assert wrong.key == "wrong_type"
    assert "'๒๕๖x'" in wrong.text("th")
    assert not [p for p in problems if p.field_path.startswith("progress_reports")]


@pytest.mark.parametrize(
    "written",
    [
        "2022-01-24",
        "๒๐๒๒-๐๑-๒๔",
        "24 มกราคม 2565",
        "๒๔ มกราคม ๒๕๖๕",
        "24 ม.ค. 2565",
        "24 มกราคม พ.ศ. 2565",
        "'๒๔ ม.ค. ๒๕๖๕'",
    ],
)
def test_dates_are_accepted_in_iso_and_thai_forms(tmp_path, written):
    doc = news_front_matter(tmp_path, f"title: ข่าว\ndate: {written}\n")

    record, problems = validate(doc, NewsFrontMatter)

    assert problems == []
    assert record is not None
    assert str(record.date) == "2022-01-24"


@pytest.mark.parametrize(
    ("written", "key", "hint"),
    [
        ("2565-01-24", "buddhist_year_date", "24 มกราคม 2565"),
        ("31 กุมภาพันธ์ 2565", "bad_thai_date", "31 กุมภาพันธ์ 2565"),
    ],
)
def test_dates_that_cannot_be_read_say_what_to_write(tmp_path, written, key, hint):
    doc = news_front_matter(tmp_path, f"title: ข่าว\ndate: {written}\n")

    _record, (problem,) = validate(doc, NewsFrontMatter)

    assert problem.key == key
    assert (problem.location.line, problem.field_path) == (3, "date")
    assert hint in problem.text("th")
