"""Built sites for the public-site tests: the shipped content, the fixture agency, and the
shipped content configured for a sub-path. Each is built once per test session."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver

from site_builder.pipeline import build
from tests.support.browser import chromium_driver

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
SHIPPED_CONTENT = ROOT / "content"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "huai-nam-thip"
COMPLETE_CONTENT = ROOT / "tests" / "fixtures" / "complete"
SUB_PATH_URL = "https://example.org/lad-ya/"


@dataclass(frozen=True)
class BuiltSite:
    name: str
    root: Path  # the output folder
    prefix: str  # the path it is served under ("/" or "/lad-ya/")
    content: Path

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def build_site(content: Path, output: Path) -> Path:
    build(content, TEMPLATES, output)
    return output


def with_base_url(content: Path, target: Path, base_url: str) -> Path:
    """A copy of `content` whose site.yaml sets `site.base_url`."""
    shutil.copytree(content, target)
    site_yaml = target / "site.yaml"
    text, count = re.subn(
        r"(?m)^  base_url: .*$", f"  base_url: {base_url}", site_yaml.read_text("utf-8")
    )
    assert count == 1, "site.yaml has no site.base_url line to replace"
    site_yaml.write_text(text, "utf-8")
    return target


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    out = tmp_path_factory.mktemp("shipped") / "output"
    return BuiltSite("shipped", build_site(SHIPPED_CONTENT, out), "/", SHIPPED_CONTENT)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fictional municipality: every optional field filled, Thai digits, under /transparency/."""
    out = tmp_path_factory.mktemp("fixture") / "output"
    return BuiltSite("fixture", build_site(FIXTURE_CONTENT, out), "/transparency/", FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def complete_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The end-to-end fixture agency (tests/fixtures/complete), served at the root."""
    out = tmp_path_factory.mktemp("complete") / "output"
    return BuiltSite("complete", build_site(COMPLETE_CONTENT, out), "/", COMPLETE_CONTENT)


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped content with base_url https://example.org/lad-ya/."""
    work = tmp_path_factory.mktemp("sub-path")
    content = with_base_url(SHIPPED_CONTENT, work / "content", SUB_PATH_URL)
    return BuiltSite(
        "shipped under /lad-ya/", build_site(content, work / "output"), "/lad-ya/", content
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[webdriver.Chrome]:
    driver = chromium_driver()
    try:
        yield driver
    finally:
        driver.quit()
