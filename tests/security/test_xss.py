"""No XSS vector in any text field of the content reaches a built page as something executable.

Every vector of xss_corpus.py is put into every free-text field of the fixture site (news
title, summary and body, disclosure text, document and link titles, measure fields,
analysis rows, agency fields, …); the site is rendered and each page, parsed as a browser
parses it, is compared with the same page of the clean fixture build: no new script,
event handler, javascript:/data:/vbscript: URL, embedding element, style, SVG or MathML.
The Atom feed and the sitemap must stay well-formed XML with inert content, and no
template syntax may be evaluated.
"""

from __future__ import annotations

import types
import typing
from collections import Counter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pydantic import BaseModel

from site_builder.pipeline import load_site, render_site
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from tests.security.fixture_site import TEMPLATES, ContentFiles, read_fixture, write_content
from tests.security.html_safety import (
    execution_paths,
    fragment_execution_paths,
    parse_html,
)
from tests.security.xss_corpus import TEMPLATE_PRODUCT, VECTORS

# Fields whose values are codes, identifiers, file paths or URLs, each checked by its own
# validator (URLs: test_url_fields.py); every other text field is free text.
NOT_FREE_TEXT = frozenset(
    {"code", "tool", "grade", "type", "checklist", "framework", "periods"}
    | {"url", "base_url", "email", "file", "image", "logo"}
)
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MODEL_OF = {
    "site.yaml": SiteFile,
    "ita/": AssessmentFile,
    "measures/": MeasuresFile,
    "oit/": DisclosureFile,
    "news/": NewsFrontMatter,
}


def _inject(value: Any, payload: str, key: str | None, path: str, seen: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: _inject(v, payload, k, f"{path}.{k}", seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_inject(v, payload, key, path, seen) for v in value]
    if isinstance(value, str) and key not in NOT_FREE_TEXT:
        seen.add(path)
        return payload
    return value


def hostile_content(payload: str) -> tuple[ContentFiles, set[str]]:
    """The fixture with `payload` in every free-text field; also the fields it went into."""
    files, seen = read_fixture(), set()
    for relative, data in files.yaml_files.items():
        model = next(m for prefix, m in MODEL_OF.items() if relative.startswith(prefix))
        files.yaml_files[relative] = _inject(data, payload, None, model.__name__, seen)
    for relative, (front, _body) in files.news.items():
        files.news[relative] = (_inject(front, payload, None, "NewsFrontMatter", seen), payload)
    return files, seen


def _text_fields(model: type[BaseModel], path: str) -> set[str]:
    """Dotted paths of every free-text field of a content model, through nested models."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        for kind in _leaf_types(info.annotation):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                found |= _text_fields(kind, f"{path}.{name}")
            elif kind is str and name not in NOT_FREE_TEXT:
                found.add(f"{path}.{name}")
    return found


def _leaf_types(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaf_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple):
        return [leaf for arg in typing.get_args(annotation) for leaf in _leaf_types(arg)]
    return [annotation]


def test_the_fixture_gives_every_free_text_field_of_the_content_schema_a_value() -> None:
    """So that a text field added to the schema is attacked too (add it to the fixture)."""
    expected = set().union(*(_text_fields(model, model.__name__) for model in MODEL_OF.values()))
    _, injected = hostile_content("x")
    assert expected - injected == set()


def rendered_site(content: Path) -> dict[str, bytes]:
    """Every page the build would write, by output path (rendered in memory: a vector can
    also make a link broken, which stops a real build before it writes anything)."""
    site, problems = load_site(content)
    assert site is not None, [p.format("en") for p in problems]
    return {page.output_file: html for page, html in render_site(site, TEMPLATES)}


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
        if path.endswith((".html", ".xml", ".txt")) and TEMPLATE_PRODUCT.encode() in data:
            findings.append(f"{path}: template syntax was evaluated ({TEMPLATE_PRODUCT})")
    findings += _feed_findings(hostile["feed.xml"], clean_site["feed.xml"])
    findings += _sitemap_findings(hostile["sitemap.xml"], "https://www.nongnamsai.example/")
    assert findings == []

    # Plain-text fields show the payload as text, exactly: escaped, not dropped or evaluated.
    page = parse_html(hostile["news/2565-01-24-prachakhom/index.html"])
    heading = page.find(".//main//h1")
    assert "".join(heading.itertext()) == payload.strip()
