"""Incremental rebuilds of a site with three news pages: an edited post re-renders its own
page and the news page it is on, plus the pages that show it for other reasons — and the
result always equals a clean build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.incremental import IncrementalBuilder
from site_builder.pipeline import build
from tests.editing.test_incremental_rebuild import assert_same_as_clean_build, edit, site_files
from tests.support.html import read_page
from tests.support.news import set_site_option, write_news_posts
from tests.support.sites import copy_site, tree_difference

# The editing fixture's seven posts (2022-10-05 … 2023-01-09) are the newest; 48 older
# posts are added, one every three days back from 2022-10-01: 55 posts, 20 to a page.
ADDED = 48
PER_PAGE = 20
ADDED_NEWEST = dt.date(2022, 10, 1)


@pytest.fixture
def paged(tmp_path: Path) -> tuple[IncrementalBuilder, list[str]]:
    """The builder after a first build, and every post's name, newest first."""
    content, templates = copy_site("editing", tmp_path)
    set_site_option(content, f"news_per_page: {PER_PAGE}")
    fixture_posts = sorted((p.stem for p in (content / "news").glob("*.md")), reverse=True)
    added = write_news_posts(content, ADDED, ADDED_NEWEST)
    builder = IncrementalBuilder(content, templates, tmp_path / "output")
    first = builder.rebuild()
    assert first.ok, [p.format("en") for p in first.problems]
    return builder, fixture_posts + added


def test_the_site_has_three_news_pages(paged):
    builder, posts = paged

    assert len(posts) == 55
    news_pages = sorted(p for p in builder.outputs if p.startswith("news/") and "/page/" in p)
    assert news_pages == ["news/page/2/index.html", "news/page/3/index.html"]
    assert (builder.output / "news/index.html").is_file()


def _edit_text(builder: IncrementalBuilder, name: str) -> Path:
    post = builder.content / "news" / f"{name}.md"
    text = post.read_text(encoding="utf-8")
    body = text.rindex("---\n") + len("---\n")
    post.write_text(text[:body] + "แก้ไขรายละเอียด: " + text[body:], encoding="utf-8")
    return post


# Position of the edited post among the 55, newest first (0-based), and what shows it:
# the news pages hold positions 0–19, 20–39 and 40–54; home the newest 5; the Atom feed
# the newest 50 with their text. O7 and the other O1–O43 pages show a post's title and
# date only (and judge O7 by them), so an edit of its text re-renders none of them —
# not even O7, which lists this post when it is among the ten newest.
TEXT_EDITS = [
    (
        0,
        {"news/index.html", "index.html", "feed.xml"},  # newest: first page, home, feed
    ),
    (7, {"news/index.html", "feed.xml"}),  # on O7's list, not on home
    (30, {"news/page/2/index.html", "feed.xml"}),
    (54, {"news/page/3/index.html"}),  # the oldest: not in the feed either
]


@pytest.mark.parametrize(("position", "also"), TEXT_EDITS, ids=[str(p) for p, _ in TEXT_EDITS])
def test_editing_a_posts_text_rerenders_its_page_and_the_pages_showing_it(
    paged, tmp_path, position, also
):
    builder, posts = paged
    name = posts[position]
    post = _edit_text(builder, name)

    report = builder.rebuild([post])

    assert report.ok
    assert set(report.rendered) == {f"news/{name}/index.html", *also}
    # The news pages and home show the title, date and summary, not the text.
    assert set(site_files(report.written)) == {f"news/{name}/index.html"} | ({"feed.xml"} & also)
    assert_same_as_clean_build(builder, tmp_path / "clean")


def test_retitling_an_old_post_rerenders_the_pages_that_judge_o7_by_it(paged, tmp_path):
    builder, posts = paged
    name = posts[54]
    post = builder.content / "news" / f"{name}.md"
    edit(post, "title: ", "title: (แก้ไข) ")

    report = builder.rebuild([post])

    # O7's status rests on every post's title and date, so the pages showing it (O7,
    # the O1–O43 index, home's count, the datasets page, the assessor sheet) are drawn
    # again; the sitemap is drawn again because it lists the post's page by its title.
    # Only the post and its news page show the title and change.
    assert set(report.rendered) == {
        f"news/{name}/index.html",
        "news/page/3/index.html",
        "oit/o7/index.html",
        "oit/index.html",
        "index.html",
        "data/index.html",
        "assessor/index.html",
        "sitemap.xml",
    }
    assert set(site_files(report.written)) == {f"news/{name}/index.html", "news/page/3/index.html"}
    assert_same_as_clean_build(builder, tmp_path / "clean")


def test_redating_a_post_o7_does_not_list_changes_o7s_status_as_a_clean_build_does(tmp_path):
    # Judged the day after the oldest post: it is the only post O7 can count yet.
    content, templates = copy_site("editing", tmp_path)
    set_site_option(content, f"news_per_page: {PER_PAGE}")
    oldest = write_news_posts(content, ADDED, ADDED_NEWEST)[-1]
    as_of = ADDED_NEWEST - dt.timedelta(days=3 * (ADDED - 1) - 1)
    builder = IncrementalBuilder(content, templates, tmp_path / "output", as_of=as_of)
    assert builder.rebuild().ok
    o7 = builder.output / "oit/o7/index.html"
    assert read_page(o7).root.find("span", cls="status").text == "พร้อม"

    # One day later, still older than every other post: still last on the last news page.
    post = edit(
        content / "news" / f"{oldest}.md",
        f"date: {as_of - dt.timedelta(days=1)}",
        f"date: {as_of + dt.timedelta(days=1)}",
    )
    report = builder.rebuild([post])

    assert "oit/o7/index.html" in report.written
    assert read_page(o7).root.find("span", cls="status").text == "ยังไม่มีข้อมูล"
    build(content, templates, tmp_path / "clean", as_of)
    assert tree_difference(builder.output, tmp_path / "clean") == []


def test_a_new_post_moves_every_post_one_place_and_rerenders_every_news_page(paged, tmp_path):
    builder, _ = paged
    post = builder.content / "news/2023-02-01-recruitment.md"
    post.write_text(
        "---\ntitle: ประกาศรับสมัครพนักงานจ้าง\ndate: 2023-02-01\n---\nรับสมัครถึงวันที่ 15 กุมภาพันธ์ 2566\n",
        encoding="utf-8",
    )

    report = builder.rebuild([post])

    assert {"news/index.html", "news/page/2/index.html", "news/page/3/index.html"} <= set(
        report.written
    )
    assert "news/2023-02-01-recruitment/index.html" in report.written
    assert_same_as_clean_build(builder, tmp_path / "clean")


def test_removing_the_posts_of_the_last_news_page_removes_it_and_its_links(paged, tmp_path):
    builder, posts = paged
    removed = [builder.content / "news" / f"{name}.md" for name in posts[40:]]
    for path in removed:
        path.unlink()

    report = builder.rebuild(removed)

    assert "news/page/3/index.html" in report.deleted
    # The first two pages still hold the same posts; their navigation now ends at page 2.
    assert {"news/index.html", "news/page/2/index.html"} <= set(report.written)
    first = (builder.output / "news/index.html").read_text(encoding="utf-8")
    assert "/news/page/3/" not in first
    assert_same_as_clean_build(builder, tmp_path / "clean")


def test_changing_news_per_page_reshapes_the_news_pages_like_a_clean_build(paged, tmp_path):
    builder, _ = paged
    site_yaml = edit(
        builder.content / "site.yaml", f"news_per_page: {PER_PAGE}", "news_per_page: 10"
    )

    report = builder.rebuild([site_yaml])

    assert report.ok
    assert "news/page/6/index.html" in report.written
    assert_same_as_clean_build(builder, tmp_path / "clean")
