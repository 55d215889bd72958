"""The printable measures page and the data catalogue in Chromium."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from selenium import webdriver

from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory
from tests.support.pdf import page_size, poppler
from tests.support.sites import CONTENT, build_into


@pytest.fixture(scope="module")
def lad_ya(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(CONTENT, tmp_path_factory.mktemp("lad-ya") / "output")


@pytest.mark.browser
def test_chromium_prints_the_page_on_a4_with_the_embedded_thai_font(
    chromium: webdriver.Chrome, lad_ya: Path, tmp_path: Path
):
    with serve_directory(lad_ya) as base:
        chromium.get(base + "measures/2565/print/")
        chromium.execute_script("return document.fonts.ready")
        thai_loaded = chromium.execute_script(
            "return document.fonts.check('12pt \"Sarabun Thai\"', 'มาตรการ')"
        )
        printed = chromium.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}
        )
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(base64.b64decode(printed["data"]))

    fonts = poppler("pdffonts", str(pdf))
    assert thai_loaded is True
    assert page_size(str(pdf)).endswith("pts (A4)")
    assert "Sarabun" in fonts
    assert "กลับไปหน้ามาตรการ" not in poppler("pdftotext", str(pdf), "-")  # toolbar not printed


@pytest.mark.browser
@pytest.mark.parametrize("path", ["measures/2565/print/", "data/"])
def test_print_and_data_pages_have_no_axe_violations(
    chromium: webdriver.Chrome, lad_ya: Path, path: str
):
    with serve_directory(lad_ya) as base:
        chromium.get(base + path)
        violations = run_axe(chromium)

    assert violations == [], format_violations(violations)
