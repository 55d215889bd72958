"""axe-core in headless Chromium: every page type of both sites has zero WCAG 2.1 A/AA
violations (including colour contrast), at desktop and phone widths."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.public_site.conftest import BuiltSite
from tests.public_site.pages import COMPLETE_PAGES, FIXTURE_PAGES, SHIPPED_PAGES
from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory

PHONE_WIDTH = 320  # the narrowest width the theme supports


def axe_on(chromium: webdriver.Chrome, site: BuiltSite, path: str) -> list[dict]:
    with serve_directory(site.root, site.prefix) as origin:
        chromium.get(origin + site.prefix.lstrip("/") + path)
        if path == "search/":  # check the page with results drawn, not only the empty form
            field = chromium.find_element(By.ID, "search-q")
            field.send_keys("มาตรการ")
            WebDriverWait(chromium, 10).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li")
            )
        return run_axe(chromium)


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "path"), SHIPPED_PAGES, ids=[k for k, _ in SHIPPED_PAGES])
def test_shipped_site_page_has_no_axe_violations(
    chromium: webdriver.Chrome, shipped_site: BuiltSite, kind: str, path: str
):
    violations = axe_on(chromium, shipped_site, path)

    assert violations == [], f"{kind} ({path}): {format_violations(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "path"), FIXTURE_PAGES, ids=[k for k, _ in FIXTURE_PAGES])
def test_fixture_site_page_has_no_axe_violations(
    chromium: webdriver.Chrome, fixture_site: BuiltSite, kind: str, path: str
):
    violations = axe_on(chromium, fixture_site, path)

    assert violations == [], f"{kind} ({path}): {format_violations(violations)}"


@pytest.mark.browser
@pytest.mark.parametrize(("kind", "path"), COMPLETE_PAGES, ids=[k for k, _ in COMPLETE_PAGES])
def test_complete_fixture_page_has_no_axe_violations(
    chromium: webdriver.Chrome, complete_site: BuiltSite, kind: str, path: str
):
    violations = axe_on(chromium, complete_site, path)

    assert violations == [], f"{kind} ({path}): {format_violations(violations)}"


@pytest.mark.browser
def test_pages_fit_a_320_px_screen_without_sideways_scrolling(
    chromium: webdriver.Chrome, fixture_site: BuiltSite
):
    too_wide = {}
    chromium.set_window_size(PHONE_WIDTH, 800)
    try:
        with serve_directory(fixture_site.root, fixture_site.prefix) as origin:
            for kind, path in FIXTURE_PAGES:
                chromium.get(origin + fixture_site.prefix.lstrip("/") + path)
                width = chromium.execute_script(
                    "return [window.innerWidth, document.documentElement.scrollWidth]"
                )
                if width[1] > width[0]:
                    too_wide[kind] = width
    finally:
        chromium.set_window_size(1280, 900)

    assert too_wide == {}, f"pages wider than the {PHONE_WIDTH} px window: {too_wide}"


@pytest.mark.browser
def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(
    chromium: webdriver.Chrome, shipped_site: BuiltSite
):
    with serve_directory(shipped_site.root) as origin:
        chromium.get(origin + "oit/o1/")
        chromium.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        link = chromium.switch_to.active_element
        text = link.text  # read while focused: off-screen again once focus has moved on
        box = chromium.execute_script(
            "const r = arguments[0].getBoundingClientRect(); const s = getComputedStyle(arguments[0]);"
            "return {left: r.left, top: r.top, width: r.width, outline: s.outlineStyle,"
            " outlineWidth: parseFloat(s.outlineWidth)}",
            link,
        )
        link.send_keys(Keys.ENTER)
        focused = chromium.switch_to.active_element.get_attribute("id")

    assert text == "ข้ามไปยังเนื้อหาหลัก"
    assert box["left"] >= 0 and box["top"] >= 0 and box["width"] > 0  # on screen once focused
    assert box["outline"] != "none" and box["outlineWidth"] >= 2  # a visible focus ring
    assert focused == "main"


@pytest.mark.browser
def test_indicator_chart_has_a_table_with_the_same_scores(
    chromium: webdriver.Chrome, fixture_site: BuiltSite
):
    with serve_directory(fixture_site.root, fixture_site.prefix) as origin:
        chromium.get(origin + "transparency/ita/2564/")
        chart = chromium.find_element(By.CSS_SELECTOR, "svg.chart")
        chart_scores = [t.text for t in chart.find_elements(By.CSS_SELECTOR, ".chart-value")]
        table = chromium.find_element(By.XPATH, "//table[caption[contains(., 'คะแนนรายตัวชี้วัด')]]")
        table_scores = [
            td.text for td in table.find_elements(By.CSS_SELECTOR, "tbody tr > td:nth-of-type(2)")
        ]  # columns: indicator (th), tool, score, …
        role, label = chart.get_attribute("role"), chart.find_element(By.TAG_NAME, "title")

    assert role == "img" and label.get_attribute("textContent")
    assert len(chart_scores) == 10
    assert chart_scores == table_scores
