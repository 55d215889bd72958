"""News pages of a built site with 43 posts, 20 to a page (tests/e2e/conftest.py
`paged_site`): three listing pages with navigation, in the sitemap, and O7 with the
newest ten. test_every_page.py checks the same site's links, breadcrumbs and sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.support.cli import Built, run_cli
from tests.support.html import read_page

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URL = "https://tuayang.example/"
LISTING_PAGES = ("news/", "news/page/2/", "news/page/3/")


def main_of(built: Built, path: str):
    return read_page(built.output / path / "index.html").root.find("main")


def test_news_is_spread_over_three_pages_the_first_at_news(paged_site: Built):
    news = paged_site.output / "news"

    assert (news / "index.html").is_file()
    assert sorted(p.name for p in (news / "page").iterdir()) == ["2", "3"]  # never page/1/


def test_every_post_is_on_exactly_one_news_page_newest_first(paged_site: Built):
    per_page = [main_of(paged_site, path).find("ul", cls="news-list") for path in LISTING_PAGES]
    listed = [[li.find("a").attrs["href"] for li in ul.child_elements("li")] for ul in per_page]
    dates = [li.find("time").attrs["datetime"] for ul in per_page for li in ul.child_elements("li")]

    assert [len(links) for links in listed] == [20, 20, 3]
    every_post = sorted(
        f"/news/{p.parent.name}/"
        for p in (paged_site.output / "news").glob("*/index.html")
        if p.parent.name != "page"
    )
    assert sorted(link for links in listed for link in links) == every_post
    assert dates == sorted(dates, reverse=True)
    assert listed[0][0] == "/news/2565-05-02-canal-cleaning/"


def test_each_news_page_names_its_number_and_links_its_neighbours(paged_site: Built):
    second = read_page(paged_site.output / "news/page/2/index.html").root

    assert second.find("title").text.startswith("ข่าวประชาสัมพันธ์ หน้า 2 จาก 3 |")
    assert second.find("h1").text == "ข่าวประชาสัมพันธ์ หน้า 2 จาก 3"
    assert second.find("link", rel="canonical").attrs["href"] == BASE_URL + "news/page/2/"
    nav = second.find("nav", cls="pagination")
    assert nav.attrs["aria-label"] == "เลือกหน้ารายการ"
    assert [(a.text, a.attrs["href"]) for a in nav.find_all("a")] == [
        ("‹ ก่อนหน้า", "/news/"),
        ("1", "/news/"),
        ("2", "/news/page/2/"),
        ("3", "/news/page/3/"),
        ("ถัดไป ›", "/news/page/3/"),
    ]
    current = nav.find_all("a", **{"aria-current": "page"})
    assert [a.attrs["href"] for a in current] == ["/news/page/2/"]
    crumbs = second.find("nav", cls="breadcrumbs").find_all("li")
    assert [li.text for li in crumbs] == ["หน้าแรก", "ข่าวประชาสัมพันธ์", "หน้า 2"]


def test_first_and_last_news_pages_have_no_link_beyond_the_list(paged_site: Built):
    first = main_of(paged_site, "news/").find("nav", cls="pagination")
    last = main_of(paged_site, "news/page/3/").find("nav", cls="pagination")

    assert first.find_all("a", rel="prev") == [] and first.find("a", rel="next")
    assert last.find_all("a", rel="next") == [] and last.find("a", rel="prev")


def test_sitemap_lists_each_news_page_with_its_newest_posts_date(paged_site: Built):
    urls = ET.parse(paged_site.output / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}

    for path in LISTING_PAGES:
        newest = main_of(paged_site, path).find("ul", cls="news-list").find("time")
        assert lastmod[BASE_URL + path] == newest.attrs["datetime"], path
    assert BASE_URL + "news/page/1/" not in lastmod


def test_o7_lists_the_ten_newest_posts_the_count_and_a_link_to_all_news(paged_site: Built):
    o7 = main_of(paged_site, "oit/o7/")
    first_page = main_of(paged_site, "news/").find("ul", cls="news-list")

    links = [a.attrs["href"] for a in o7.find("ul", cls="link-list").find_all("a")]
    newest = [li.find("a").attrs["href"] for li in first_page.child_elements("li")]
    assert links == newest[:10]
    texts = [p.text for p in o7.find_all("p")]
    assert "ข่าวล่าสุด 10 ข่าว จากข่าวประชาสัมพันธ์ทั้งหมด 43 ข่าว" in texts
    assert o7.find("a", href="/news/").text == "ดูข่าวประชาสัมพันธ์ทั้งหมด"


def test_home_still_shows_the_five_newest_posts(paged_site: Built):
    home = read_page(paged_site.output / "index.html").root
    section = home.find("section", **{"aria-labelledby": "home-news"})

    assert len(section.find("ul", cls="news-list").find_all("li")) == 5


def test_check_finds_every_link_between_news_pages_valid(paged_site: Built):
    content = paged_site.output.parent / "content"

    result = run_cli("check", "--content", content, "--as-of", "2022-04-30")

    assert result.returncode == 0, result.stderr
