"""The readiness pages in real Chromium: no axe violations; the assessor sheet prints whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from site_builder.pipeline import build
from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "readiness"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("readiness") / "out"
    build(FIXTURES / "complete", ROOT / "templates", output, dt.date(2022, 10, 1))
    return output


@pytest.mark.browser
@pytest.mark.parametrize("path", ["oit/", "readiness/", "assessor/", "oit/o23/"])
def test_readiness_pages_have_no_axe_violations(chromium: webdriver.Chrome, site: Path, path: str):
    with serve_directory(site) as base:
        chromium.get(base + path)
        violations = run_axe(chromium)

    assert violations == [], format_violations(violations)


@pytest.mark.browser
def test_assessor_sheet_table_keeps_every_row_and_url_when_printed(
    chromium: webdriver.Chrome, site: Path
):
    with serve_directory(site) as base:
        chromium.get(base + "assessor/")
        chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        rows = chromium.find_elements(By.CSS_SELECTOR, "table.assessor-sheet tbody tr")
        nav_shown = chromium.find_element(By.CSS_SELECTOR, ".site-nav").is_displayed()
        first_url = rows[0].find_element(By.CSS_SELECTOR, "td.url").text
        chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    assert len(rows) == 43
    assert not nav_shown
    assert first_url == "https://www.huaysaithong.example/oit/o1/"
