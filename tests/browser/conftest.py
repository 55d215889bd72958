"""Fixtures for tests that drive real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from tests.support.browser import chromium_driver


@pytest.fixture(scope="session")
def chromium() -> Iterator[webdriver.Chrome]:
    """One browser for the whole session: starting Chromium costs about a second."""
    driver = chromium_driver()
    try:
        yield driver
    finally:
        driver.quit()
