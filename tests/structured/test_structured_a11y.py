"""The record pages with real tools: the Nu Html Checker and axe-core in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver

from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory
from tests.support.vnu import format_errors, validate_html

RECORD_PAGES = [
    "oit/",
    "oit/o1/",
    "oit/o2/",
    "oit/o5/",
    "oit/o15/",
    "oit/o18/",
    "oit/o19/",
    "oit/o21/",
    "oit/o22/",
    "oit/o23/",
    "oit/o24/",
    "oit/o31/",
    "data/",  # the catalogue with the table datasets and the OCDS package
]


@pytest.mark.validator
def test_every_page_of_the_fixture_agency_is_valid_html(built_fixture: Path):
    pages = sorted(built_fixture.rglob("*.html"))
    errors = validate_html(pages)
    assert errors == [], format_errors(errors, built_fixture)


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_record_pages_have_no_axe_violations(
    chromium: webdriver.Chrome, built_fixture: Path, width: int
):
    chromium.set_window_size(width, 900)
    found = {}
    with serve_directory(built_fixture) as base:
        for path in RECORD_PAGES:
            chromium.get(base + path)
            violations = run_axe(chromium)
            if violations:
                found[path] = format_violations(violations)
    assert found == {}


@pytest.mark.browser
def test_organisation_chart_fits_a_phone_screen(chromium: webdriver.Chrome, built_fixture: Path):
    chromium.set_window_size(320, 900)
    with serve_directory(built_fixture) as base:
        chromium.get(base + "oit/o1/")
        page_width = chromium.execute_script("return document.documentElement.scrollWidth")
        viewport = chromium.execute_script("return document.documentElement.clientWidth")
    assert page_width <= viewport
