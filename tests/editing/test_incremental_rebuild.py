"""Incremental rebuilds: only affected pages are rendered, and the result equals a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.incremental import IncrementalBuilder, TemplateGraph
from site_builder.pipeline import build
from tests.support.sites import copy_site, tree, tree_difference

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

    # The post is older than the newest five, so home does not show it; the feed does.
    assert set(report.rendered) == {
        "news/2565-10-20-elderly/index.html",
        "news/index.html",
        "feed.xml",
        "index.html",  # the O1–O43 counts on home depend on every news post (O7)
        "oit/index.html",
        "oit/o7/index.html",
    }
    assert report.written == ["feed.xml", "news/2565-10-20-elderly/index.html"]
    assert_same_as_clean_build(site, tmp_path)


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
    assert set(report.rendered) == html


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
