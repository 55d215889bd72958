"""The shipped site configured for https://example.org/lad-ya/ and served under /lad-ya/:
following every link in Chromium loads every page and asset with no error status."""

from __future__ import annotations

import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.public_site.conftest import SUB_PATH_URL, BuiltSite
from tests.support.http import serve_directory

# Every resource the page loaded (navigation, CSS, fonts, images, scripts, search index),
# with the HTTP status Chromium saw; and every link on the page.
_PAGE_REPORT = """
return {
  loaded: performance.getEntries()
    .filter((e) => e.entryType === 'navigation' || e.entryType === 'resource')
    .map((e) => [e.name, e.responseStatus]),
  links: [...document.links].map((a) => a.href),
};
"""


_DOWNLOADS = (".xml", ".pdf", ".csv", ".json")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def crawl(chromium: webdriver.Chrome, start: str) -> tuple[set[str], dict[str, list[str]]]:
    """Visit every page reachable from `start` by links under the same prefix.

    Returns the pages visited and, per failing URL, the pages that loaded it.
    """
    origin = start[: start.index("/", len("http://"))]
    prefix = urlsplit(start).path
    queue, seen, failures = [start], {start}, {}
    while queue:
        page = queue.pop()
        chromium.get(page)
        report = chromium.execute_script(_PAGE_REPORT)
        # A data file (CSV, JSON) is shown as text: the only request that is the site's is
        # the file itself; the browser then asks for the domain root's /favicon.ico, which
        # a site under a sub-path cannot provide.
        as_text = page.endswith((".csv", ".json"))
        for url, status in report["loaded"]:
            if as_text and url != page:
                continue
            if not 200 <= status < 400:
                failures.setdefault(f"{url} ({status})", []).append(page)
        for link in report["links"]:
            target = link.split("#", 1)[0]
            if not target.startswith(origin):
                assert not link.startswith("http://127."), link
                continue  # external: mailto:, tel:, other hosts
            if not urlsplit(target).path.startswith(prefix):
                failures.setdefault(f"{target} (outside {prefix})", []).append(page)
            elif target in seen:
                continue
            elif target.endswith(_DOWNLOADS):
                # A browser opening a CSV or PDF asks for /favicon.ico at the host's root,
                # which is not the site's; fetch downloads over HTTP instead.
                seen.add(target)
                status = _status(target)
                if not 200 <= status < 400:
                    failures.setdefault(f"{target} ({status})", []).append(page)
            else:
                seen.add(target)
                queue.append(target)
    return seen, failures


@pytest.mark.browser
def test_every_link_and_asset_works_when_the_site_is_served_under_its_sub_path(
    chromium: webdriver.Chrome, sub_path_site: BuiltSite
):
    with serve_directory(sub_path_site.root, "/lad-ya/") as origin:
        visited, failures = crawl(chromium, origin + "lad-ya/")

    assert failures == {}
    expected = {p.relative_to(sub_path_site.root) for p in sub_path_site.html_files()}
    assert len(visited) >= len(expected) - 1  # every page but 404.html is linked


@pytest.mark.browser
def test_search_results_link_into_the_sub_path(
    chromium: webdriver.Chrome, sub_path_site: BuiltSite
):
    with serve_directory(sub_path_site.root, "/lad-ya/") as origin:
        chromium.get(origin + "lad-ya/search/?q=ค่าธรรมเนียม")
        WebDriverWait(chromium, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results h2 a")
        )
        first = chromium.find_element(By.CSS_SELECTOR, "#search-results h2 a")
        first.click()
        WebDriverWait(chromium, 10).until(lambda d: "search" not in d.current_url)
        status = chromium.execute_script(
            "return performance.getEntriesByType('navigation')[0].responseStatus"
        )
        landed = urlsplit(chromium.current_url).path

    assert status == 200
    assert landed.startswith("/lad-ya/")


def test_feed_sitemap_and_robots_point_into_the_sub_path(sub_path_site: BuiltSite):
    root = sub_path_site.root
    atom = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(root / "feed.xml").getroot()
    sitemap = ET.parse(root / "sitemap.xml").getroot()
    feed_links = [link.get("href") for link in feed.findall("a:link", atom)]
    locations = [
        loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    robots = (root / "robots.txt").read_text("utf-8")

    assert feed_links == [SUB_PATH_URL + "feed.xml", SUB_PATH_URL + "news/"]
    assert locations and all(loc.startswith(SUB_PATH_URL) for loc in locations)
    for loc in locations:  # every listed page exists at the matching place in the output
        page = root / loc[len(SUB_PATH_URL) :]
        assert (page / "index.html" if loc.endswith("/") else page).is_file(), loc
    assert f"Sitemap: {SUB_PATH_URL}sitemap.xml" in robots


def test_feed_and_sitemap_are_served_under_the_sub_path(sub_path_site: BuiltSite):
    with serve_directory(sub_path_site.root, "/lad-ya/") as origin:
        statuses = {}
        for name in ("feed.xml", "sitemap.xml", "robots.txt", "static/favicon.svg"):
            with urllib.request.urlopen(origin + "lad-ya/" + name, timeout=10) as response:
                statuses[name] = response.status

    assert set(statuses.values()) == {200}
