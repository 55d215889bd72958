"""No XSS vector in any text field of the content reaches a built page as something executable.

Every vector of xss_corpus.py is put into every free-text field of the fixture site (news
title, summary and body, disclosure text, document and link titles, measure fields,
analysis rows, agency fields, organisation chart and executives, the cells and titles of
record tables in CSV and YAML, the open-data licence, the web editor's settings, …); the
site is rendered and each page, parsed as a browser parses it, is compared with the same
page of the clean fixture build: no new script, event handler, javascript:/data:/vbscript:
URL, embedding element, style, SVG or MathML. The Atom feed and the sitemap must stay
well-formed XML with inert content, the open data (JSON) and the editor's configuration
(YAML) must parse and hold the text as written, and no template syntax may be evaluated.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from pydantic import BaseModel

from site_builder.load.tables import TOTAL_LABELS, TableSpec
from site_builder.pipeline import load_site, render_and_check
from site_builder.schema.content import NewsFrontMatter
from tests.security.content_models import CONTENT_MODELS, free_text_fields, model_of
from tests.security.fixture_site import TEMPLATES, ContentFiles, read_fixture, write_content
from tests.security.html_safety import (
    execution_paths,
    fragment_execution_paths,
    parse_html,
)
from tests.security.xss_corpus import TEMPLATE_PRODUCT, VECTORS

# Must begin with a fixed phrase (ไม่มีการจัดซื้อจัดจ้าง); the payload is written after it.
ANY_TEXT_AFTER = frozenset({"statement"})
# Must differ from row to row (a repeated budget category is an error): the first row only.
ONCE_PER_FILE = frozenset({"category"})
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Injector:
    """Puts a payload into the free-text fields of one content file of `model`."""

    def __init__(self, payload: str, model: type[BaseModel], seen: set[str]):
        self.payload = payload
        self.name = model.__name__
        self.free_text = free_text_fields(model)
        self.seen = seen
        self.done: set[str] = set()  # paths injected in this file

    def text(self, value: str, key: str, path: str) -> str:
        if path not in self.free_text or (key in ONCE_PER_FILE and path in self.done):
            return value
        self.seen.add(path)
        self.done.add(path)
        return f"{value} {self.payload}" if key in ANY_TEXT_AFTER else self.payload

    def data(self, value: Any, key: str = "", path: str = "") -> Any:
        path = path or self.name
        if isinstance(value, dict):
            return {k: self.data(v, k, f"{path}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v, key, path) for v in value]
        return self.text(value, key, path) if isinstance(value, str) else value

    def table(self, rows: list[list[str]], spec: TableSpec) -> list[list[str]]:
        """A CSV table, its cells found by their column's header."""
        header = next(
            (
                i
                for i, row in enumerate(rows)
                if sum(spec.header_field(c) is not None for c in row) > 1
            ),
            None,
        )
        if header is None:  # a file holding only its statement
            return [
                [self.text(c, "statement", f"{self.name}.statement") for c in row] for row in rows
            ]
        fields = [spec.header_field(cell) or "" for cell in rows[header]]
        hostile = [list(row) for row in rows]
        for row in hostile[header + 1 :]:
            part = "total" if row[0].strip() in TOTAL_LABELS else "rows"
            for index, field in enumerate(fields[: len(row)]):
                if row[index] and not (part == "total" and index == 0):  # keep the total's label
                    row[index] = self.text(row[index], field, f"{self.name}.{part}.{field}")
        return hostile


def hostile_content(payload: str) -> tuple[ContentFiles, set[str]]:
    """The fixture with `payload` in every free-text field; also the fields it went into."""
    files, seen = read_fixture(), set()
    for relative, data in files.yaml_files.items():
        files.yaml_files[relative] = _Injector(payload, model_of(relative), seen).data(data)
    for relative, (front, _body) in files.news.items():
        files.news[relative] = (_Injector(payload, NewsFrontMatter, seen).data(front), payload)
    for relative, rows in files.csv_files.items():
        model = model_of(relative)
        files.csv_files[relative] = _Injector(payload, model, seen).table(rows, model.spec())
    return files, seen


def test_the_fixture_gives_every_free_text_field_of_the_content_schema_a_value() -> None:
    """So that a text field added to the schema is attacked too (add it to the fixture)."""
    expected = set().union(*(free_text_fields(model) for model in CONTENT_MODELS))
    _, injected = hostile_content("x")
    assert expected - injected == set()


def rendered_site(content: Path) -> dict[str, bytes]:
    """Every file the build would write from content (pages, open data, the editor's
    configuration), by output path; made in memory: a vector can also make a link broken,
    which stops a real build before it writes anything."""
    site, problems = load_site(content)
    assert site is not None, [p.format("en") for p in problems]
    return dict(render_and_check(site, content, TEMPLATES).outputs)


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return rendered_site(
        write_content(read_fixture(), tmp_path_factory.mktemp("clean") / "content")
    )


@pytest.fixture(scope="module")
def clean_paths(clean_site: dict[str, bytes]) -> dict[str, Counter[tuple]]:
    """What each clean page can execute (the site's own scripts, its SVG chart)."""
    return {
        path: execution_paths(data) for path, data in clean_site.items() if path.endswith(".html")
    }


def _feed_findings(hostile: bytes, clean: bytes) -> list[str]:
    """The feed is well-formed Atom; entry HTML is as inert as in the clean feed."""
    findings = []
    feed = ElementTree.fromstring(hostile)
    clean_entries = ElementTree.fromstring(clean).findall(f"{ATOM}entry")
    for element in feed.iter():
        if not element.tag.startswith(ATOM):
            findings.append(f"foreign element {element.tag} in feed")
    for entry, clean_entry in zip(feed.findall(f"{ATOM}entry"), clean_entries, strict=True):
        for text_element in ("title", "summary"):
            element = entry.find(f"{ATOM}{text_element}")
            if element is not None and len(element):
                findings.append(f"markup inside <{text_element}>")
        content = entry.findtext(f"{ATOM}content") or ""
        clean_content = clean_entry.findtext(f"{ATOM}content") or ""
        new = fragment_execution_paths(content) - fragment_execution_paths(clean_content)
        findings += [f"feed entry: {item}" for item in new.elements()]
    return findings


def _data_findings(hostile: dict[str, bytes], payload: str) -> list[str]:
    """Open data and the editor's configuration parse, and hold the settings as written."""
    findings = []
    for path, data in hostile.items():
        if path.endswith(".json"):
            try:
                json.loads(data)
            except ValueError as error:
                findings.append(f"{path}: not JSON any more ({error})")
    licence = json.loads(hostile["data/ita-results.json"])["licence"]["name"]
    if licence != payload.strip():
        findings.append(f"open data licence name changed: {licence!r}")
    backend = yaml.safe_load(hostile["admin/config.yml"])["backend"]
    if backend["repo"] != payload.strip():
        findings.append(f"editor configuration changed: {backend['repo']!r}")
    return findings


def _sitemap_findings(hostile: bytes, base_url: str) -> list[str]:
    sitemap = ElementTree.fromstring(hostile)
    findings = [f"foreign element {e.tag}" for e in sitemap.iter() if not e.tag.startswith(SITEMAP)]
    for loc in sitemap.iter(f"{SITEMAP}loc"):
        if not (loc.text or "").startswith(base_url):
            findings.append(f"sitemap address outside the site: {loc.text!r}")
    return findings


@pytest.mark.parametrize(("name", "payload"), VECTORS, ids=[name for name, _ in VECTORS])
def test_no_vector_in_any_text_field_becomes_executable_in_the_built_site(
    name: str,
    payload: str,
    clean_site: dict[str, bytes],
    clean_paths: dict[str, Counter[tuple]],
    tmp_path: Path,
) -> None:
    files, _ = hostile_content(payload)
    hostile = rendered_site(write_content(files, tmp_path / "content"))
    assert hostile.keys() == clean_site.keys()

    findings: list[str] = []
    for path, data in hostile.items():
        if path.endswith(".html"):
            new = execution_paths(data) - clean_paths[path]
            findings += [f"{path}: {item}" for item in sorted(new.elements(), key=repr)]
        if TEMPLATE_PRODUCT.encode() in data:
            findings.append(f"{path}: template syntax was evaluated ({TEMPLATE_PRODUCT})")
    findings += _feed_findings(hostile["feed.xml"], clean_site["feed.xml"])
    findings += _data_findings(hostile, payload)
    findings += _sitemap_findings(hostile["sitemap.xml"], "https://www.nongnamsai.example/")
    assert findings == []

    # Plain-text fields show the payload as text, exactly: escaped, not dropped or evaluated.
    page = parse_html(hostile["news/2565-01-24-prachakhom/index.html"])
    heading = page.find(".//main//h1")
    assert "".join(heading.itertext()) == payload.strip()
