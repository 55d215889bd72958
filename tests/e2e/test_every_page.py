"""What every built site must have, checked on the shipped content and the complete fixture."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.cli import COMPLETE, SHIPPED, Built, build, snapshot
from tests.support.html import read_page

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SUMMARY = re.compile(
    r"^สร้างเว็บไซต์แล้วใน (?P<output>\S+): (?P<pages>\d+) หน้า, เอกสาร (?P<documents>\d+) ไฟล์, "
    r"คำเตือน (?P<warnings>\d+) รายการ, ใช้เวลา \d+\.\d\d วินาที$",
    re.MULTILINE,
)
# Where each site's links start: the path of its base_url.
BASE_PATH = {"shipped": "/", "complete": "/", "paged": "/"}
BASE_URL = {
    "shipped": "/",
    "complete": "https://tuayang.example/",
    "paged": "https://tuayang.example/",  # the complete fixture with three news pages
}


@pytest.fixture(params=["shipped", "complete", "paged"])
def site(request: pytest.FixtureRequest) -> tuple[str, Built]:
    return request.param, request.getfixturevalue(f"{request.param}_site")


def html_pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def is_print_document(path: Path) -> bool:
    """measures/<year>/print/: the measures laid out for A4 paper, without site chrome."""
    return path.parent.name == "print"


def site_path(output: Path, page: Path) -> str:
    """oit/o23/index.html → 'oit/o23/'; 404.html → '404.html'."""
    relative = page.relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def test_build_prints_the_one_line_summary(site):
    _, built = site

    match = SUMMARY.search(built.result.stdout)

    assert match, built.result.stdout
    assert int(match["pages"]) == len(html_pages(built.output))
    copied = [p for p in (built.output / "files").rglob("*") if p.is_file()]
    assert int(match["documents"]) == len(copied)
    assert "Traceback" not in built.result.stderr


def test_every_o_item_has_its_page(site):
    _, built = site

    for number in range(1, 44):
        page = read_page(built.output / "oit" / f"o{number}" / "index.html")
        assert page.root.find("p", cls="item-code").text == f"O{number}"
        assert page.root.find("h1").text


def test_every_page_has_lang_title_description_and_breadcrumbs(site):
    _, built = site

    for path in html_pages(built.output):
        page = read_page(path)
        where = path.relative_to(built.output)
        assert page.problems == [], where
        assert page.doctype.lower() == "doctype html", where
        assert page.html.attrs.get("lang") == "th", where
        assert page.root.find("title").text, where
        [description] = page.root.find_all("meta", name="description")
        assert description.attrs.get("content", "").strip(), where
        if is_print_document(path):
            continue
        trail = page.root.find("nav", cls="breadcrumbs")
        crumbs = trail.find("ol").find_all("li")
        assert crumbs[0].text == "หน้าแรก", where
        assert crumbs[-1].find("span").attrs["aria-current"] == "page", where
        assert len(page.root.find_all("h1")) == 1, where


def test_every_internal_link_leads_to_a_file_and_its_anchor(site):
    name, built = site
    base = BASE_PATH[name]
    ids: dict[Path, set[str]] = {}
    broken = []

    for path in html_pages(built.output):
        page = read_page(path)
        for element in page.root.iter():
            url = element.attrs.get("href") or element.attrs.get("src")
            if element.tag not in ("a", "link", "img", "script") or not url:
                continue
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            assert parts.path.startswith(base), f"{path}: {url} does not start with {base}"
            target = built.output / parts.path[len(base) :]
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(built.output)}: {url}")
                continue
            if parts.fragment:
                if target not in ids:
                    ids[target] = {
                        e.attrs["id"] for e in read_page(target).root.iter() if "id" in e.attrs
                    }
                if parts.fragment not in ids[target]:
                    broken.append(f"{path.relative_to(built.output)}: {url} (no such id)")

    assert broken == []


def test_sitemap_lists_every_page(site):
    name, built = site
    tree = ET.parse(built.output / "sitemap.xml")

    listed = [loc.text for loc in tree.getroot().iter(f"{SITEMAP}loc")]

    pages = [
        site_path(built.output, p) for p in html_pages(built.output) if not is_print_document(p)
    ]
    # The assessor sheet is the agency's working sheet for ITAS, linked from oit/ but not
    # offered to search engines (docs/readiness.md).
    expected = {BASE_URL[name] + path for path in pages if path not in ("404.html", "assessor/")}
    assert sorted(listed) == sorted(expected)
    assert tree.getroot().tag == f"{SITEMAP}urlset"


def test_feed_is_well_formed_atom_with_one_entry_per_news_post(site):
    _, built = site
    feed = ET.parse(built.output / "feed.xml").getroot()

    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title")
    assert feed.findtext(f"{ATOM}id")
    dt.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    news_pages = sorted((built.output / "news").glob("*/index.html"))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(news_pages)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title")
        link = entry.find(f"{ATOM}link[@rel='alternate']").attrib["href"]
        assert entry.findtext(f"{ATOM}id") == link
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))


def test_the_site_has_a_404_page_robots_txt_and_its_stylesheet(site):
    name, built = site

    assert read_page(built.output / "404.html").root.find("h1").text == "ไม่พบหน้าที่ต้องการ"
    robots = (built.output / "robots.txt").read_text(encoding="utf-8")
    # Sitemap: must be an absolute URL, so it is named only when base_url is set.
    if BASE_URL[name].startswith("https://"):
        assert f"Sitemap: {BASE_URL[name]}sitemap.xml" in robots
    else:
        assert "Sitemap:" not in robots
    assert (built.output / "static" / "site.css").is_file()


@pytest.mark.parametrize("content", [SHIPPED, COMPLETE], ids=["shipped", "complete"])
def test_two_builds_of_the_same_content_are_byte_identical(content: Path, tmp_path: Path):
    first = build(content, tmp_path / "first")
    second = build(content, tmp_path / "second")

    assert snapshot(first.output) == snapshot(second.output)
