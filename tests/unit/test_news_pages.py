"""News pages: which posts each listing page shows, its address, navigation and sources
(render/pagination.py, the news part of render/pages.py), and the news_per_page setting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.model import FeedLink
from site_builder.pipeline import load_site, render_site, site_pages
from site_builder.render.pages import ITEM_NEWS_LINKS, Page, feed_key, plan_pages
from site_builder.render.pagination import Pagination, paginate
from tests.support.content import write_tree
from tests.support.html import parse_html

SITE = """\
agency:
  name_th: เทศบาลตำบลตัวอย่าง
  type: เทศบาลตำบล
site:
  fiscal_year: 2565
  checklist: ita-2565
{options}"""
NEWS = """\
---
title: {title}
date: {date}
---
ข่าวที่ {number} ของเทศบาล
"""
FIRST_DAY = dt.date(2022, 1, 1)


def site_with_posts(root: Path, posts: int, options: str = "", **files: str):
    """A site of `posts` posts, one a day from 1 January 2022 (post-000 the oldest)."""
    news = {
        f"news/post-{i:03d}.md": NEWS.format(
            title=f"ข่าวที่ {i}", date=FIRST_DAY + dt.timedelta(days=i), number=i
        )
        for i in range(posts)
    }
    write_tree(root, {"site.yaml": SITE.format(options=options), **news, **files})
    site, problems = load_site(root)
    assert site is not None, [p.format("en") for p in problems]
    return site


def news_pages(site) -> list[Page]:
    return [page for page in plan_pages(site) if page.template == "news_index.html"]


# --- the window of page numbers, addresses, previous and next


@pytest.mark.parametrize(
    ("number", "count", "window"),
    [
        (1, 1, (1,)),
        (1, 2, (1, 2)),
        (2, 2, (1, 2)),
        (1, 10, (1, 2, None, 10)),
        (3, 10, (1, 2, 3, 4, None, 10)),
        (4, 7, (1, 2, 3, 4, 5, 6, 7)),  # a gap of one page shows that page instead
        (5, 10, (1, None, 4, 5, 6, None, 10)),
        (10, 10, (1, None, 9, 10)),
        (250, 500, (1, None, 249, 250, 251, None, 500)),
    ],
)
def test_navigation_offers_first_last_and_neighbours_of_the_current_page(number, count, window):
    assert Pagination("news/", number, count).window == window


def test_first_page_is_the_list_address_and_the_others_are_numbered_from_two():
    pagination = Pagination("news/", 2, 3)

    assert [pagination.path_of(n) for n in (1, 2, 3)] == ["news/", "news/page/2/", "news/page/3/"]
    assert pagination.path == "news/page/2/"
    assert (pagination.previous, pagination.next) == ("news/", "news/page/3/")


def test_first_page_has_no_previous_and_last_page_no_next():
    assert Pagination("news/", 1, 3).previous is None
    assert Pagination("news/", 3, 3).next is None
    assert (Pagination("news/", 1, 1).previous, Pagination("news/", 1, 1).next) == (None, None)


@pytest.mark.parametrize(
    ("entries", "per_page", "sizes"),
    [
        (0, 20, [0]),  # no posts: still the one page that says so
        (1, 20, [1]),
        (20, 20, [20]),
        (21, 20, [20, 1]),
        (41, 20, [20, 20, 1]),
        (3, 1, [1, 1, 1]),
    ],
)
def test_entries_are_cut_into_pages_of_the_given_size_in_order(entries, per_page, sizes):
    pages = paginate(list(range(entries)), per_page, "news/")

    assert [len(shown) for _, shown in pages] == sizes
    assert [n for _, shown in pages for n in shown] == list(range(entries))
    assert [p.number for p, _ in pages] == list(range(1, len(sizes) + 1))
    assert {p.count for p, _ in pages} == {len(sizes)}


# --- the page plan


@pytest.mark.parametrize(
    ("posts", "paths"),
    [
        (0, ["news/"]),
        (3, ["news/"]),
        (4, ["news/", "news/page/2/"]),
        (9, ["news/", "news/page/2/", "news/page/3/"]),
    ],
)
def test_news_pages_are_planned_for_0_n_and_more_than_n_posts(tmp_path, posts, paths):
    site = site_with_posts(tmp_path, posts, "  news_per_page: 3\n")

    assert [page.path for page in news_pages(site)] == paths


def test_each_news_page_shows_and_is_drawn_from_its_posts_only_newest_first(tmp_path):
    site = site_with_posts(tmp_path, 7, "  news_per_page: 3\n")

    pages = news_pages(site)

    titles = [[post.title for post in page.inputs["news"]] for page in pages]
    assert titles == [
        ["ข่าวที่ 6", "ข่าวที่ 5", "ข่าวที่ 4"],
        ["ข่าวที่ 3", "ข่าวที่ 2", "ข่าวที่ 1"],
        ["ข่าวที่ 0"],
    ]
    assert [[Path(s).name for s in page.sources] for page in pages] == [
        ["post-004.md", "post-005.md", "post-006.md"],
        ["post-001.md", "post-002.md", "post-003.md"],
        ["post-000.md"],
    ]
    assert [page.lastmod for page in pages] == [
        FIRST_DAY + dt.timedelta(days=6),
        FIRST_DAY + dt.timedelta(days=3),
        FIRST_DAY,
    ]
    assert all(page.in_sitemap for page in pages)


def test_news_pages_say_which_page_of_how_many_in_title_and_breadcrumbs(tmp_path):
    site = site_with_posts(tmp_path, 7, "  news_per_page: 3\n")

    pages = news_pages(site)

    assert [page.title for page in pages] == [
        "ข่าวประชาสัมพันธ์ หน้า 1 จาก 3",
        "ข่าวประชาสัมพันธ์ หน้า 2 จาก 3",
        "ข่าวประชาสัมพันธ์ หน้า 3 จาก 3",
    ]
    assert len({page.description for page in pages}) == 3
    crumbs = [[(c.label, c.path) for c in page.breadcrumbs] for page in pages]
    assert crumbs[0] == [("หน้าแรก", ""), ("ข่าวประชาสัมพันธ์", None)]
    assert crumbs[2] == [("หน้าแรก", ""), ("ข่าวประชาสัมพันธ์", "news/"), ("หน้า 3", None)]


def test_a_single_news_page_is_titled_without_page_numbers(tmp_path):
    (page,) = news_pages(site_with_posts(tmp_path, 3))

    assert page.title == "ข่าวประชาสัมพันธ์"


def test_news_page_numbers_follow_the_thai_digits_setting(tmp_path):
    site = site_with_posts(tmp_path, 5, "  news_per_page: 2\n  thai_digits: true\n")

    rendered = dict((page.path, html) for page, html in render_site(site, TEMPLATES))
    second = parse_html(rendered["news/page/2/"].decode()).root

    assert news_pages(site)[1].title == "ข่าวประชาสัมพันธ์ หน้า ๒ จาก ๓"
    nav = second.find("nav", cls="pagination")
    assert [a.text for a in nav.find_all("a")] == ["‹ ก่อนหน้า", "๑", "๒", "๓", "ถัดไป ›"]
    assert nav.find("a", **{"aria-current": "page"}).attrs["aria-label"] == "หน้า ๒"


def test_news_page_navigation_links_every_shown_number_and_marks_the_current_page(tmp_path):
    site = site_with_posts(tmp_path, 30, "  news_per_page: 3\n")  # ten pages

    rendered = dict((page.path, html) for page, html in render_site(site, TEMPLATES))
    nav = parse_html(rendered["news/page/5/"].decode()).root.find("nav", cls="pagination")

    assert nav.attrs["aria-label"]
    links = [(a.text, a.attrs["href"], a.attrs.get("rel")) for a in nav.find_all("a")]
    assert links == [
        ("‹ ก่อนหน้า", "/news/page/4/", "prev"),
        ("1", "/news/", None),
        ("4", "/news/page/4/", None),
        ("5", "/news/page/5/", None),
        ("6", "/news/page/6/", None),
        ("10", "/news/page/10/", None),
        ("ถัดไป ›", "/news/page/6/", "next"),
    ]
    assert [a.text for a in nav.find_all("a", **{"aria-current": "page"})] == ["5"]
    assert [li.text for li in nav.find_all("li", cls="pagination-gap")] == ["…", "…"]


def test_site_without_news_has_one_news_page_saying_so_without_navigation(tmp_path):
    site = site_with_posts(tmp_path, 0)

    rendered = dict((page.path, html) for page, html in render_site(site, TEMPLATES))
    main = parse_html(rendered["news/"].decode()).root.find("main")

    assert main.find("p", cls="not-published").text == "ยังไม่มีข่าวประชาสัมพันธ์"
    assert main.find_all("nav", cls="pagination") == []
    assert not [path for path in rendered if path.startswith("news/page/")]


# --- O7 and the other pages that show news


def test_o7_lists_the_newest_posts_with_the_number_of_posts_and_names_no_post_file(tmp_path):
    site = site_with_posts(tmp_path, 25)

    (o7,) = [page for page in plan_pages(site) if page.path == "oit/o7/"]

    assert [link.title for link in o7.inputs["fed"]] == [
        f"ข่าวที่ {i}" for i in range(24, 24 - ITEM_NEWS_LINKS, -1)
    ]
    assert o7.inputs["news_total"] == 25
    assert o7.lastmod == FIRST_DAY + dt.timedelta(days=24)
    assert not any("news/" in source for source in o7.sources)
    assert o7.feeds  # the posts' titles and dates (O7's status rests on all of them)


def test_o7_page_says_how_many_posts_there_are_and_links_the_news_pages(tmp_path):
    site = site_with_posts(tmp_path, 25)

    rendered = dict((page.path, html) for page, html in render_site(site, TEMPLATES))
    main = parse_html(rendered["oit/o7/"].decode()).root.find("main")

    assert len(main.find("ul", cls="link-list").find_all("li")) == ITEM_NEWS_LINKS
    texts = [p.text for p in main.find_all("p")]
    assert "ข่าวล่าสุด 10 ข่าว จากข่าวประชาสัมพันธ์ทั้งหมด 25 ข่าว" in texts
    assert [a.attrs["href"] for a in main.find_all("a") if a.text == "ดูข่าวประชาสัมพันธ์ทั้งหมด"] == [
        "/news/"
    ]


def test_pages_summarising_o1_o43_depend_on_feed_links_not_on_post_files(tmp_path):
    site = site_with_posts(tmp_path, 25)

    pages = {page.path: page for page in site_pages(site)}

    for path in ("", "oit/", "data/", "assessor/"):
        assert not any("news/" in s for s in pages[path].sources if s not in _home_news(site)), path
        assert pages[path].feeds, path
    # Home shows the five newest posts, so their files are among its sources.
    assert sorted(s for s in pages[""].sources if "news/" in s) == sorted(_home_news(site))


def _home_news(site) -> list[str]:
    return [post.source for post in site.news[:5]]


def test_feed_key_follows_titles_dates_and_addresses_but_not_the_text():
    link = FeedLink("ข่าวที่ 1", "news/a/", dt.date(2022, 1, 1), "content/news/a.md")
    retitled = FeedLink("ข่าวที่ 1 (แก้ไข)", "news/a/", dt.date(2022, 1, 1), "content/news/a.md")
    redated = FeedLink("ข่าวที่ 1", "news/a/", dt.date(2022, 1, 2), "content/news/a.md")

    assert feed_key([link]) == feed_key([link])
    assert len({feed_key([link]), feed_key([retitled]), feed_key([redated])}) == 3
    assert feed_key([link, redated]) != feed_key([redated, link])
    assert feed_key([]) == ""


# --- the setting


def test_news_per_page_is_20_by_default(tmp_path):
    site = site_with_posts(tmp_path, 41)

    assert site.settings.news_per_page == 20
    assert [len(page.inputs["news"]) for page in news_pages(site)] == [20, 20, 1]


def test_news_per_page_accepts_thai_digits(tmp_path):
    site = site_with_posts(tmp_path, 0, "  news_per_page: ๒๕\n")

    assert site.settings.news_per_page == 25


@pytest.mark.parametrize(
    ("value", "key", "th", "en"),
    [
        (
            "0",
            "number_min",
            "ค่า 0 น้อยเกินไป — ต้องไม่น้อยกว่า 1",
            "0 is too small — expected at least 1",
        ),
        (
            "201",
            "number_max",
            "ค่า 201 มากเกินไป — ต้องไม่เกิน 200",
            "201 is too large — expected at most 200",
        ),
        ("ยี่สิบ", "wrong_type", "ค่า 'ยี่สิบ' ไม่ใช่จำนวนเต็ม", "'ยี่สิบ' is not a whole number"),
    ],
)
def test_news_per_page_outside_1_to_200_is_an_error_in_both_languages(tmp_path, value, key, th, en):
    write_tree(tmp_path, {"site.yaml": SITE.format(options=f"  news_per_page: {value}\n")})

    site, problems = load_site(tmp_path)

    assert site is None
    (problem,) = problems
    assert (problem.key, problem.field_path) == (key, "site.news_per_page")
    assert problem.location.line == 7
    assert th in problem.format("th")
    assert en in problem.format("en")


TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
