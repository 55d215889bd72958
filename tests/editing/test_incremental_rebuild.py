"""Incremental rebuilds: only affected pages are rendered, and the result equals a clean build."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from site_builder import incremental
from site_builder.incremental import IncrementalBuilder, TemplateGraph
from site_builder.pipeline import build
from tests.support.sites import FIXTURES, TEMPLATES, copy_site, tree, tree_difference

NEW_POST = """---
title: ประกาศรับสมัครพนักงานจ้าง
date: 2023-02-01
summary: รับสมัครถึงวันที่ 15 กุมภาพันธ์ 2566
---
รายละเอียดการรับสมัครพนักงานจ้างตามภารกิจ
"""


@pytest.fixture
def site(tmp_path: Path):
    content, templates = copy_site("editing", tmp_path)
    builder = IncrementalBuilder(content, templates, tmp_path / "output")
    first = builder.rebuild()
    assert first.ok, [p.format("en") for p in first.problems]
    return builder


def assert_same_as_clean_build(builder: IncrementalBuilder, scratch: Path) -> None:
    clean = scratch / "clean"
    build(builder.content, builder.templates, clean)
    assert tree_difference(builder.output, clean) == []
    folders = {p.relative_to(builder.output) for p in builder.output.rglob("*") if p.is_dir()}
    assert folders == {p.relative_to(clean) for p in clean.rglob("*") if p.is_dir()}


def site_files(names: list[str]) -> list[str]:
    """Output files but the search bundle's (Pagefind names its files by their content)."""
    return [name for name in names if not name.startswith("pagefind/")]


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_first_incremental_build_equals_clean_build(site, tmp_path):
    assert_same_as_clean_build(site, tmp_path)


def test_rebuild_with_nothing_changed_renders_and_writes_nothing(site):
    report = site.rebuild()

    assert report.ok
    assert report.rendered == []
    assert report.written == []


def test_editing_one_old_news_post_rerenders_only_the_pages_that_show_it(site, tmp_path):
    post = edit(
        site.content / "news/2565-10-20-elderly.md",
        "มอบเบี้ยยังชีพผู้สูงอายุ จัดโดย",
        "มอบเบี้ยยังชีพผู้สูงอายุประจำเดือนตุลาคม จัดโดย",
    )

    report = site.rebuild([post])

    # The post is older than the newest five, so home does not show it; the news page
    # and the feed do. O7 and the other O1–O43 pages show its title and date only (and
    # judge O7 by them), which the edit left alone.
    assert set(report.rendered) == {
        "news/2565-10-20-elderly/index.html",
        "news/index.html",
        "feed.xml",
    }
    assert site_files(report.written) == ["feed.xml", "news/2565-10-20-elderly/index.html"]
    assert report.searched  # the post's new words are in the search index
    assert_same_as_clean_build(site, tmp_path)


@pytest.fixture
def site_loads(site, monkeypatch) -> list[int]:
    """Counts the times a rebuild loads, validates and models the whole content again."""
    loads: list[int] = []
    load_site = incremental.load_site

    def counting(*args, **kwargs):
        loads.append(1)
        return load_site(*args, **kwargs)

    monkeypatch.setattr(incremental, "load_site", counting)
    return loads


def test_editing_a_news_body_renders_its_pages_without_loading_the_site_again(
    site, site_loads, tmp_path
):
    post = edit(site.content / "news/2565-10-20-elderly.md", "จัดโดย", "ซึ่งจัดโดย")

    report = site.rebuild([post])

    assert report.ok
    assert site_loads == []  # the model and page plan of the last rebuild still hold
    assert "news/2565-10-20-elderly/index.html" in report.written
    assert_same_as_clean_build(site, tmp_path)


def test_editing_a_news_title_loads_the_site_again(site, site_loads, tmp_path):
    post = edit(site.content / "news/2565-10-20-elderly.md", "title: ", "title: ด่วน ")

    report = site.rebuild([post])

    assert report.ok
    assert site_loads == [1]  # lists, feed and readiness may change with a title
    assert "news/index.html" in report.written
    assert_same_as_clean_build(site, tmp_path)


def test_control_character_typed_into_a_news_body_is_reported_at_its_line(site, site_loads):
    post = site.content / "news/2565-10-20-elderly.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "ย่อหน้าใหม่\x0b\n", encoding="utf-8")

    report = site.rebuild([post])

    assert not report.ok
    [problem] = report.problems
    assert problem.key == "control_character"
    assert problem.location.line == text.count("\n") + 1
    assert site_loads == [1]  # the full rebuild validated it and said where


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _delete(path: Path) -> Path:
    path.unlink()
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Each edit returns the file it changed; the site is rebuilt after each one.
EDITS = [
    ("add a news post", lambda c, t: _write(c / "news/2566-02-01-recruitment.md", NEW_POST)),
    (
        "edit a news post's body only",
        lambda c, t: edit(c / "news/2565-10-20-elderly.md", "จัดโดย", "ซึ่งจัดโดย"),
    ),
    (
        "edit a news post's title",
        lambda c, t: edit(c / "news/2565-12-01-meeting.md", "ประชุมประชาคมแผนพัฒนา", "ประชุมประชาคม"),
    ),
    (
        "delete a news post with attachments",
        lambda c, t: _delete(c / "news/2565-10-05-cleaning.md"),
    ),
    (
        "edit a measure",
        lambda c, t: edit(c / "measures/2566.yaml", "อบรมการป้องกัน", "อบรมเรื่องการป้องกัน"),
    ),
    (
        "edit the assessment the measures answer",
        lambda c, t: edit(c / "ita/2565.yaml", "ต้องเผยแพร่ข้อมูล", "ต้องเผยแพร่ข้อมูลทั้งหมด"),
    ),
    (
        "make an O item the newest update",  # the feed's <updated> follows it
        lambda c, t: edit(c / "oit/O23.yaml", "updated: 2022-12-08", "updated: 2023-03-01"),
    ),
    ("edit the contact item O5", lambda c, t: edit(c / "oit/O5.yaml", "โทร 035", "โทรศัพท์ 035")),
    ("delete an O item", lambda c, t: _delete(c / "oit/O30.yaml")),
    (
        "replace an attached PDF",
        lambda c, t: _write_bytes(c / "files/o23/2565-10.pdf", b"%PDF-1.4\n% new\n%%EOF\n"),
    ),
    (
        "edit a page template",
        lambda c, t: edit(t / "news_post.html", "{% block content %}", "{% block content %}\n"),
    ),
    (
        "edit an included partial",
        lambda c, t: edit(t / "partials/attachments.html", "<", "<!-- แนบ -->\n<"),
    ),
    ("edit the stylesheet", lambda c, t: edit(t / "static/site.css", "{", "{\n  /* x */")),
    ("edit site.yaml", lambda c, t: edit(c / "site.yaml", "บางปลาม้า", "เมืองสุพรรณบุรี")),
    (
        "add back a news post under the same name",
        lambda c, t: _write(c / "news/2565-10-05-cleaning.md", NEW_POST),
    ),
]


def test_sequence_of_edits_always_equals_a_clean_build(site, tmp_path):
    for step, (name, apply) in enumerate(EDITS):
        changed = apply(site.content, site.templates)

        report = site.rebuild([changed])

        assert report.ok, (name, [p.format("en") for p in report.problems])
        assert report.rendered or report.written or report.deleted, name
        assert_same_as_clean_build(site, tmp_path / f"step-{step}")


def test_broken_file_leaves_output_alone_and_fixing_it_restores_the_site(site, tmp_path):
    before = tree(site.output)
    measures = site.content / "measures/2566.yaml"
    good = measures.read_text(encoding="utf-8")
    measures.write_text(good.replace("title: อบรม", "titel: อบรม"), encoding="utf-8")

    broken = site.rebuild([measures])

    assert not broken.ok
    assert "unknown_field_hint" in [p.key for p in broken.problems]
    assert tree(site.output) == before

    measures.write_text(good.replace("อบรมการ", "อบรมเรื่องการ"), encoding="utf-8")
    fixed = site.rebuild([measures])

    assert fixed.ok
    assert "measures/2566/index.html" in fixed.written
    assert_same_as_clean_build(site, tmp_path)


def test_broken_template_is_reported_with_its_file_and_line(site):
    template = site.templates / "news_index.html"
    template.write_text("{% extends 'base.html' %}\n{% block content %}\n{% if %}\n")

    report = site.rebuild([template])

    assert not report.ok
    (problem,) = report.problems
    assert problem.key == "template_error"
    assert problem.location.file.endswith("news_index.html")
    assert problem.location.line == 3


def test_template_change_rerenders_only_pages_whose_template_uses_it(site):
    changed = edit(site.templates / "ita.html", "{% block content %}", "{% block content %}\n")

    report = site.rebuild([changed])

    assert report.rendered == ["ita/2565/index.html"]


def test_base_template_change_rerenders_every_html_page(site):
    changed = edit(site.templates / "base.html", "<body>", "<body>\n")

    report = site.rebuild([changed])

    html = {name for name in tree(site.output) if name.endswith(".html")}
    # The A4 print document of the measures has a layout of its own, without base.html.
    assert set(report.rendered) == html - {"measures/2566/print/index.html"}


def test_saved_state_starts_the_next_run_warm_and_repairs_hand_edited_output(tmp_path):
    content, templates = copy_site("editing", tmp_path)
    state = tmp_path / ".build-cache/state.json"
    output = tmp_path / "output"
    assert IncrementalBuilder(content, templates, output, state).rebuild().ok
    (output / "contact/index.html").write_text("edited by hand")
    (output / "stray.html").write_text("left behind")

    report = IncrementalBuilder(content, templates, output, state).rebuild()

    assert report.rendered == ["contact/index.html"]
    assert report.written == ["contact/index.html"]
    assert report.deleted == ["stray.html"]
    assert_same_as_clean_build(IncrementalBuilder(content, templates, output, state), tmp_path)


def test_template_graph_follows_extends_and_includes_recursively(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "base.html").write_text('{% include "partials/footer.html" %}')
    (tmp_path / "partials/footer.html").write_text('{% import "macros.html" as m %}')
    (tmp_path / "macros.html").write_text("{% macro x() %}{% endmacro %}")
    (tmp_path / "page.html").write_text('{% extends "base.html" %}')
    (tmp_path / "other.html").write_text("alone")
    from site_builder.incremental import FileDigests

    graph = TemplateGraph(tmp_path, FileDigests())

    assert graph.closure("page.html") == {
        "page.html",
        "base.html",
        "partials/footer.html",
        "macros.html",
    }
    assert graph.closure("other.html") == {"other.html"}


def test_computed_include_depends_on_the_templates_its_constant_text_allows(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "page.html").write_text('{% include "records/" ~ record.kind ~ ".html" %}')
    (tmp_path / "records/budget.html").write_text("b")
    (tmp_path / "records/plan.html").write_text("p")
    (tmp_path / "records/notes.txt").write_text("n")
    (tmp_path / "other.html").write_text("o")
    from site_builder.incremental import FileDigests

    graph = TemplateGraph(tmp_path, FileDigests())

    assert graph.closure("page.html") == {"page.html", "records/budget.html", "records/plan.html"}


def test_template_with_a_computed_include_depends_on_every_template(tmp_path):
    (tmp_path / "page.html").write_text("{% include name %}")
    (tmp_path / "a.html").write_text("a")
    (tmp_path / "static").mkdir()
    (tmp_path / "static/site.css").write_text("body{}")
    from site_builder.incremental import FileDigests

    graph = TemplateGraph(tmp_path, FileDigests())

    assert graph.closure("page.html") == {"page.html", "a.html"}


def test_edit_is_seen_when_folders_are_named_relative_to_the_working_folder(tmp_path, monkeypatch):
    copy_site("editing", tmp_path)
    monkeypatch.chdir(tmp_path)  # messages and page.sources then name files relatively
    builder = IncrementalBuilder(Path("content"), Path("templates"), Path("output"))
    assert builder.rebuild().ok
    post = edit(Path("content/news/2565-11-02-vaccine.md"), "ฉีดวัคซีน", "บริการฉีดวัคซีน")

    report = builder.rebuild([post.absolute()])

    assert "news/2565-11-02-vaccine/index.html" in report.written
    assert_same_as_clean_build(builder, tmp_path / "scratch")


# --- records, open data, search, web editor: the fixture agency of tests/fixtures/structured


def _png(width: int, height: int) -> bytes:
    """A colour PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit truecolour
    rows = b"".join(b"\0" + b"\xc0\x40\x20" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


O30 = """code: O30
links:
  - title: ร้องเรียนผ่านเว็บไซต์ศูนย์ดำรงธรรม
    url: https://www.damrongdhama.example/
"""

RECORD_EDITS = [
    (
        "edit a procurement summary (CSV)",
        lambda c: edit(
            c / "procurement/2565/summary-2564-12.csv",
            "จ้างเหมาบริการกำจัดขยะ เดือนธันวาคม",
            "จ้างเหมาบริการเก็บและกำจัดขยะ เดือนธันวาคม",
        ),
    ),
    (
        "add a month without procurement",
        lambda c: _write(c / "procurement/2565/summary-2565-06.csv", "ไม่มีการจัดซื้อจัดจ้าง\n"),
    ),
    (
        "edit service statistics (CSV)",
        lambda c: edit(
            c / "statistics/service-2565.csv", "ช่วงชำระภาษีป้าย", "ช่วงชำระภาษีป้ายและภาษีที่ดิน"
        ),
    ),
    (
        "edit complaint statistics (YAML)",
        lambda c: edit(c / "statistics/complaints-2565.yaml", "ทางไปรษณีย์", "ทางไปรษณีย์ลงทะเบียน"),
    ),
    (
        "edit the budget plan",
        lambda c: edit(c / "budget/2565/plan.csv", "งบลงทุน", "งบลงทุน (ครุภัณฑ์)"),
    ),
    (
        "edit an executive",
        lambda c: edit(c / "organisation.yaml", '"08 9999 0002"', '"08 9999 0022"'),
    ),
    (
        "replace an executive's photo with one of another size",
        lambda c: _write_bytes(c / "files/executives/palad.png", _png(90, 120)),
    ),
    (
        "delete the procurement announcements",
        lambda c: _delete(c / "procurement/2565/announcements.csv"),
    ),
    ("add complaint channels (O30, in every footer)", lambda c: _write(c / "oit/O30.yaml", O30)),
    (
        "show Thai digits",
        lambda c: edit(
            c / "site.yaml", "  checklist: ita-2565", "  checklist: ita-2565\n  thai_digits: true"
        ),
    ),
    (
        "publish the readiness page",
        lambda c: edit(
            c / "site.yaml", "  thai_digits: true", "  thai_digits: true\n  readiness_page: true"
        ),
    ),
    (
        "state a month without procurement in the O23 file (readiness)",
        lambda c: _write(
            c / "oit/O23.yaml",
            (c / "oit/O23.yaml").read_text(encoding="utf-8")
            + "nothing_to_report:\n  - {period: มิ.ย. 65, statement: ไม่มีการจัดซื้อจัดจ้าง}\n",
        ),
    ),
    (
        "publish the web editor",
        lambda c: edit(
            c / "site.yaml",
            "  thai_digits: true",
            "  thai_digits: true\n  admin: {enabled: true, backend: {name: test-repo}}",
        ),
    ),
]


def test_edits_of_records_open_data_and_settings_always_equal_a_clean_build(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(FIXTURES / "structured", content)
    shutil.copytree(TEMPLATES, templates)
    builder = IncrementalBuilder(content, templates, tmp_path / "output")
    assert builder.rebuild().ok
    assert_same_as_clean_build(builder, tmp_path / "first")

    for step, (name, apply) in enumerate(RECORD_EDITS):
        changed = apply(content)

        report = builder.rebuild([changed])

        assert report.ok, (name, [p.format("en") for p in report.problems])
        assert report.written or report.deleted, name
        assert_same_as_clean_build(builder, tmp_path / f"step-{step}")


def test_editing_a_procurement_csv_rerenders_the_pages_that_show_it(tmp_path):
    content, templates = tmp_path / "content", tmp_path / "templates"
    shutil.copytree(FIXTURES / "structured", content)
    shutil.copytree(TEMPLATES, templates)
    builder = IncrementalBuilder(content, templates, tmp_path / "output")
    assert builder.rebuild().ok
    summary = edit(
        content / "procurement/2565/summary-2564-12.csv",
        "จ้างเหมาบริการกำจัดขยะ เดือนธันวาคม",
        "จ้างเหมาบริการเก็บและกำจัดขยะ เดือนธันวาคม",
    )

    report = builder.rebuild([summary])

    assert {"oit/o23/index.html", "oit/o24/index.html"} <= set(report.rendered)
    assert "oit/o18/index.html" not in report.rendered  # the budget plan does not show it
    assert "oit/o23/index.html" in report.written
    assert report.searched


def test_content_broken_from_the_start_leaves_an_earlier_site_and_its_index_alone(tmp_path):
    content, templates = copy_site("editing", tmp_path)
    output = tmp_path / "output"
    build(content, templates, output)  # an earlier site, search index included
    before = tree(output)
    edit(content / "measures/2566.yaml", "title: อบรม", "titel: อบรม")
    builder = IncrementalBuilder(content, templates, output)

    assert not builder.rebuild().ok
    assert not builder.update_search().searched

    assert tree(output) == before
