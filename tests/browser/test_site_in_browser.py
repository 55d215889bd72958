"""The built fixture site in headless Chromium, served over HTTP like a static host."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.support.cli import COMPLETE, build
from tests.support.http import serve_directory


@pytest.fixture(scope="module")
def served_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The complete fixture, built (statuses judged on 30 April 2565) and served at
    http://127.0.0.1:<port>/."""
    built = build(COMPLETE, tmp_path_factory.mktemp("browser") / "output", "--as-of", "2022-04-30")
    with serve_directory(built.output) as base:
        yield base


def heading(driver: webdriver.Chrome) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text


@pytest.mark.browser
def test_home_page_shows_the_agency_and_its_latest_result(
    chromium: webdriver.Chrome, served_fixture: str
):
    chromium.get(served_fixture)

    assert heading(chromium) == "เทศบาลตำบลตัวอย่าง"
    assert chromium.title == "เทศบาลตำบลตัวอย่าง"
    assert chromium.find_element(By.CSS_SELECTOR, ".big-score .score").text == "84.13"
    # The stylesheet loaded: the skip link waits off screen until it is focused.
    assert chromium.find_element(By.CLASS_NAME, "skip-link").location["x"] < 0


@pytest.mark.browser
def test_checklist_index_lists_o1_to_o43_with_their_status(
    chromium: webdriver.Chrome, served_fixture: str
):
    chromium.get(served_fixture + "oit/")

    codes = [th.text for th in chromium.find_elements(By.CSS_SELECTOR, "table.checklist tbody th")]
    assert heading(chromium) == "การเปิดเผยข้อมูลสาธารณะ (OIT) O1–O43"
    assert codes == [f"O{n}" for n in range(1, 44)]
    o23_status = chromium.find_element(By.CSS_SELECTOR, "tr#o23 .status").text
    assert o23_status == "ไม่ครบ*"  # October to December 2564 are missing


@pytest.mark.browser
def test_clicking_an_item_in_the_index_opens_its_page(
    chromium: webdriver.Chrome, served_fixture: str
):
    chromium.get(served_fixture + "oit/")

    link = chromium.find_element(By.CSS_SELECTOR, "tr#o23 td a")
    assert link.text == "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    link.click()
    WebDriverWait(chromium, 10).until(expected_conditions.url_to_be(served_fixture + "oit/o23/"))

    assert heading(chromium) == "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    assert chromium.find_element(By.CLASS_NAME, "item-code").text == "O23"
    documents = [a.text for a in chromium.find_elements(By.CSS_SELECTOR, "ul.documents a")]
    assert documents == [
        "สรุปผลการจัดซื้อจัดจ้าง เดือนมกราคม 2565",
        "สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2565",
        "สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2565",
    ]


@pytest.mark.browser
def test_item_page_opened_directly_shows_its_documents_and_breadcrumbs(
    chromium: webdriver.Chrome, served_fixture: str
):
    chromium.get(served_fixture + "oit/o23/")

    crumbs = [li.text for li in chromium.find_elements(By.CSS_SELECTOR, "nav.breadcrumbs li")]
    assert crumbs == ["หน้าแรก", "การเปิดเผยข้อมูล O1–O43", "O23"]
    pdf = chromium.find_element(By.CSS_SELECTOR, "ul.documents a").get_attribute("href")
    assert pdf == served_fixture + "files/o23/2565-01.pdf"

    chromium.find_element(By.LINK_TEXT, "กลับไปที่รายการ O1–O43").click()
    WebDriverWait(chromium, 10).until(expected_conditions.url_contains("oit/#o23"))
    assert heading(chromium) == "การเปิดเผยข้อมูลสาธารณะ (OIT) O1–O43"


@pytest.mark.browser
def test_unknown_address_shows_the_sites_404_page(chromium: webdriver.Chrome, served_fixture: str):
    chromium.get(served_fixture + "oit/o99/")

    assert heading(chromium) == "ไม่พบหน้าที่ต้องการ"
