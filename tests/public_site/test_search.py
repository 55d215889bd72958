"""Search in Chromium: Thai words from the middle of a sentence find their page, on the
shipped site and under a sub-path; without JavaScript the page says where to look."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.public_site.conftest import BuiltSite
from tests.support.http import serve_directory


def search(chromium: webdriver.Chrome, site: BuiltSite, query: str) -> list[tuple[str, str]]:
    """Type `query` on the search page; return (title, href path) of each result."""
    with serve_directory(site.root, site.prefix) as origin:
        chromium.get(origin + site.prefix.lstrip("/") + "search/")
        chromium.find_element(By.ID, "search-q").send_keys(query)
        WebDriverWait(chromium, 10).until(
            lambda d: query in d.find_element(By.ID, "search-status").text
        )
        links = chromium.find_elements(By.CSS_SELECTOR, "#search-results h2 a")
        return [(a.text, a.get_attribute("pathname")) for a in links]


@pytest.mark.browser
def test_word_inside_a_measure_method_finds_the_measures_page(
    chromium: webdriver.Chrome, shipped_site: BuiltSite
):
    # Measure 1's first method: "…กรณีที่มีการเรียกชำระค่าธรรมเนียม เช่น การออกใบอนุญาต…"
    results = search(chromium, shipped_site, "ค่าธรรมเนียม")

    assert ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", "/measures/2565/") in (
        results
    )


@pytest.mark.browser
def test_thai_word_in_a_news_post_is_found_under_a_sub_path(
    chromium: webdriver.Chrome, fixture_site: BuiltSite
):
    # "กองช่างจะซ่อมท่อเมนประปาบริเวณหน้าวัดห้วยน้ำทิพย์": "ประปา" sits between two words.
    results = search(chromium, fixture_site, "ประปา")

    paths = [path for _, path in results]
    assert "/transparency/news/2565-03-01-water-supply/" in paths
    assert all(path.startswith("/transparency/") for path in paths)


@pytest.mark.browser
def test_o_item_is_found_by_its_code_with_the_code_in_the_result_title(
    chromium: webdriver.Chrome, fixture_site: BuiltSite
):
    results = search(chromium, fixture_site, "O23")

    assert results[0] == (
        "O23 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน",
        "/transparency/oit/o23/",
    )


@pytest.mark.browser
def test_query_in_the_address_runs_the_search_from_the_header_form(
    chromium: webdriver.Chrome, shipped_site: BuiltSite
):
    with serve_directory(shipped_site.root) as origin:
        chromium.get(origin + "oit/")
        field = chromium.find_element(By.ID, "header-search-q")
        field.send_keys("ค่าธรรมเนียม")
        field.submit()
        WebDriverWait(chromium, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results h2 a")
        )
        value = chromium.find_element(By.ID, "search-q").get_attribute("value")

    assert value == "ค่าธรรมเนียม"


@pytest.mark.browser
def test_search_page_without_javascript_explains_where_to_find_information(
    chromium: webdriver.Chrome, shipped_site: BuiltSite
):
    chromium.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        with serve_directory(shipped_site.root) as origin:
            chromium.get(origin + "search/?q=O30")
            main = chromium.find_element(By.ID, "main")
            message = main.text
            form_shown = chromium.find_element(By.ID, "search-q").is_displayed()
            links = [a.get_attribute("pathname") for a in main.find_elements(By.TAG_NAME, "a")]
    finally:
        chromium.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    assert "การค้นหาต้องใช้ JavaScript" in message
    assert not form_shown  # no form that cannot work
    assert {"/oit/", "/measures/", "/ita/", "/news/"} <= set(links)
