"""Paginated news pages in the real tools: valid HTML (Nu Html Checker), no axe-core
violations at desktop and phone widths, and no sideways scrolling at 320 px — on the
fictional municipality (Thai digits, served under /transparency/) with 22 posts, 5 to a
page: five news pages, so the navigation shows a gap (…)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.public_site.conftest import FIXTURE_CONTENT, BuiltSite, build_site
from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory
from tests.support.news import set_site_option, write_news_posts
from tests.support.vnu import format_errors, validate_html

PHONE_WIDTH = 320
PAGES = ("news/", "news/page/3/", "news/page/5/", "oit/o7/")


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    work = tmp_path_factory.mktemp("paged-news")
    content = work / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    set_site_option(content, "news_per_page: 5")
    write_news_posts(content, 20, dt.date(2022, 1, 10))  # older than the fixture's two
    return BuiltSite("paged news", build_site(content, work / "output"), "/transparency/", content)


@pytest.mark.validator
def test_news_pages_and_o7_pass_the_nu_html_checker(paged_site: BuiltSite):
    files = [paged_site.root / path / "index.html" for path in PAGES]

    errors = validate_html(files)

    assert errors == [], format_errors(errors, root=paged_site.root)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, PHONE_WIDTH])
@pytest.mark.parametrize("path", PAGES)
def test_news_pages_have_no_axe_violations_and_fit_the_screen(
    chromium: webdriver.Chrome, paged_site: BuiltSite, path: str, width: int
):
    chromium.set_window_size(width, 800)
    try:
        with serve_directory(paged_site.root, paged_site.prefix) as origin:
            chromium.get(origin + paged_site.prefix.lstrip("/") + path)
            violations = run_axe(chromium)
            inner, scroll = chromium.execute_script(
                "return [window.innerWidth, document.documentElement.scrollWidth]"
            )
    finally:
        chromium.set_window_size(1280, 900)

    assert violations == [], f"{path} at {width} px: {format_violations(violations)}"
    assert scroll <= inner, f"{path} is {scroll} px wide in a {inner} px window"


@pytest.mark.browser
def test_news_page_navigation_is_reachable_and_names_the_current_page(
    chromium: webdriver.Chrome, paged_site: BuiltSite
):
    with serve_directory(paged_site.root, paged_site.prefix) as origin:
        chromium.get(origin + "transparency/news/")
        nav = chromium.find_element(By.CSS_SELECTOR, "nav.pagination")
        shown = [li.text for li in nav.find_elements(By.TAG_NAME, "li")]
        nav.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
        heading = chromium.find_element(By.TAG_NAME, "h1").text
        current = chromium.find_element(By.CSS_SELECTOR, "nav.pagination [aria-current=page]")
        label = current.get_attribute("aria-label")

    assert shown == ["๑", "๒", "…", "๕", "ถัดไป ›"]
    assert heading == "ข่าวประชาสัมพันธ์ หน้า ๒ จาก ๕"
    assert label == "หน้า ๒"
