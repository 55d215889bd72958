"""Shared fixtures: the fictional agency in tests/fixtures/structured, built or copied."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from selenium import webdriver

from site_builder.pipeline import build
from tests.support.browser import chromium_driver

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "structured"
TEMPLATES = ROOT / "templates"

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _TreeBuilder(HTMLParser):
    """The site's own HTML (well formed, checked by vnu elsewhere) → an ElementTree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = ElementTree.TreeBuilder()
        self.builder.start("document", {})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in _VOID:
            self.builder.end(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def parse_html(html: str) -> ElementTree.Element:
    parser = _TreeBuilder()
    parser.feed(html)
    parser.close()
    parser.builder.end("document")
    return parser.builder.close()


def text_of(element: ElementTree.Element) -> str:
    """All text inside an element, spaces collapsed."""
    return " ".join("".join(element.itertext()).split())


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A private copy of the fixture agency's content, free to change."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


@pytest.fixture(scope="module")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture agency built once per test module; returns the output folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    build(FIXTURE, TEMPLATES, output)
    return output


@pytest.fixture
def page(built_fixture: Path) -> Callable[[str], ElementTree.Element]:
    """A built page of the fixture agency, parsed: page('oit/o23/')."""

    def load(path: str) -> ElementTree.Element:
        return parse_html((built_fixture / path / "index.html").read_text(encoding="utf-8"))

    return load


@pytest.fixture(scope="module")
def chromium() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for a test module (starting it costs about a second)."""
    driver = chromium_driver()
    try:
        yield driver
    finally:
        driver.quit()
