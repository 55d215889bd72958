"""The /admin/ editor in Chromium: Decap loads the generated config, lists the collections,
and what an editor publishes there is content the build accepts.

The test-repo backend keeps entries in the page (window.repoFiles) instead of a git
host, so the whole editor runs against 127.0.0.1 only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from site_builder.pipeline import load_site
from tests.support.http import serve_directory
from tests.support.sites import build_into, copy_agency, edit_yaml

COLLECTION_LABELS = [
    "ข่าวประชาสัมพันธ์",
    "การเปิดเผยข้อมูล O1–O43",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "ผลการประเมิน ITA",
    "ข้อมูลหน่วยงานและการตั้งค่า",
]
# React keeps its own copy of an input's value: set it through the native setter and
# announce it, as typing would (the date input's keyboard order depends on the locale).
SET_INPUT = """
const input = arguments[0];
Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, arguments[1]);
input.dispatchEvent(new Event('input', {bubbles: true}));
input.dispatchEvent(new Event('change', {bubbles: true}));
"""


@pytest.fixture(scope="module")
def admin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("admin")
    content = copy_agency(folder / "content")
    edit_yaml(
        content / "site.yaml",
        lambda d: d["site"].update(admin={"enabled": True, "backend": {"name": "test-repo"}}),
    )
    return build_into(content, folder / "output")


def log_in(driver: webdriver.Chrome, url: str) -> WebDriverWait:
    driver.get(url)
    wait = WebDriverWait(driver, 30)
    login = wait.until(lambda d: d.find_element(By.XPATH, "//button[text()='เข้าสู่ระบบ']"))
    login.click()
    return wait


@pytest.mark.browser
def test_editor_loads_its_config_and_lists_every_collection(
    chromium: webdriver.Chrome, admin_site: Path
):
    with serve_directory(admin_site) as base:
        wait = log_in(chromium, base + "admin/")
        wait.until(lambda d: COLLECTION_LABELS[-1] in d.find_element(By.TAG_NAME, "body").text)
        page_text = chromium.find_element(By.TAG_NAME, "body").text
        fetched = chromium.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )

    assert base + "admin/config.yml" in fetched
    assert all(name.startswith(base) for name in fetched)  # nothing from outside the site
    for label in COLLECTION_LABELS:
        assert label in page_text
    assert "Error loading the CMS configuration" not in page_text


@pytest.mark.browser
def test_a_news_post_published_in_the_editor_is_valid_content(
    chromium: webdriver.Chrome, admin_site: Path, tmp_path: Path
):
    with serve_directory(admin_site) as base:
        wait = log_in(chromium, base + "admin/#/collections/news/new")
        title = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "input[id^='title-field']"))
        title.send_keys("ประชุมประชาคมหมู่บ้าน ครั้งที่ ๒")
        date = chromium.find_element(By.CSS_SELECTOR, "input[id^='date-field']")
        chromium.execute_script(SET_INPUT, date, "2023-03-15")
        body = chromium.find_element(By.CSS_SELECTOR, "[contenteditable=true]")
        body.click()
        body.send_keys("รับฟังความคิดเห็นของประชาชนเพื่อจัดทำแผนพัฒนาท้องถิ่น")
        chromium.find_element(By.XPATH, "//*[text()='เผยแพร่']").click()
        wait.until(lambda d: d.find_element(By.XPATH, "//*[text()='เผยแพร่ตอนนี้']")).click()
        files = wait.until(lambda d: d.execute_script("return window.repoFiles.content?.news"))

    ((name, entry),) = files.items()
    assert entry["path"] == f"content/news/{name}"
    content = copy_agency(tmp_path / "content")
    (content / "news" / name).write_text(entry["content"], encoding="utf-8")
    site, problems = load_site(content)
    assert problems == [] and site is not None
    post = next(p for p in site.news if p.title == "ประชุมประชาคมหมู่บ้าน ครั้งที่ ๒")
    assert post.date.isoformat() == "2023-03-15"
    assert "รับฟังความคิดเห็นของประชาชน" in post.body.source
