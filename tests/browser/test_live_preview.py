"""The live preview in real Chromium: a saved change appears without a manual reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.preview import running_preview
from tests.support.sites import copy_site

POST = "news/2566-01-09-children.md"


def heading(driver: webdriver.Chrome) -> str:
    try:
        return driver.find_element(By.TAG_NAME, "h1").text
    except Exception:  # the page is being replaced by the reload
        return ""


@pytest.mark.browser
def test_saved_changes_errors_and_fixes_show_up_in_the_open_page(
    chromium: webdriver.Chrome, tmp_path: Path
):
    content, templates = copy_site("editing", tmp_path)
    post = content / POST
    original = post.read_text(encoding="utf-8")
    with running_preview(content, templates, tmp_path / "output") as (url, _lines):
        chromium.get(url + "news/2566-01-09-children/")
        assert heading(chromium) == "วันเด็กแห่งชาติ 2566"
        wait = WebDriverWait(chromium, 20, poll_frequency=0.1)
        # No waiting for the page's script to connect: a page that changed before it
        # connected is told to reload when it does.

        post.write_text(original.replace("วันเด็กแห่งชาติ 2566", "งานวันเด็ก 2566"), encoding="utf-8")
        wait.until(lambda d: heading(d) == "งานวันเด็ก 2566")

        post.write_text(original.replace("title:", "titel:"), encoding="utf-8")
        wait.until(lambda d: "errors" in heading(d))
        error_page = chromium.find_element(By.TAG_NAME, "main").text
        assert f"{POST}:3:1" in error_page
        assert "unknown field 'titel' — did you mean 'title'?" in error_page

        post.write_text(original, encoding="utf-8")
        wait.until(lambda d: heading(d) == "วันเด็กแห่งชาติ 2566")
