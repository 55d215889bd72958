"""The Jinja2 environment, compiled once per build, and rendering of one page."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from site_builder import thai
from site_builder.load.content_tree import display_path
from site_builder.model import OitItem, Site
from site_builder.problems import Location, Problem
from site_builder.render.charts import RECORD_CHARTS, indicator_bars
from site_builder.render.filters import FILTERS, thai_digit_filters
from site_builder.render.pages import NAVIGATION, NavLink, Page
from site_builder.render.structured_data import government_organization, json_ld


@dataclass(frozen=True, slots=True)
class Chrome:
    """What every page shows around its content: agency, navigation, footer."""

    site: Site
    navigation: tuple[NavLink, ...]
    base_url: str | None  # absolute, ending in "/", or None when not configured
    base_path: str  # "/" or "/lad-ya/"
    complaints: OitItem | None  # O30, linked from every footer
    pdf_documents: bool = False  # printable pages also published as PDF (build --pdf)


def make_chrome(site: Site, *, pdf_documents: bool = False) -> Chrome:
    base_url = site.settings.base_url
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    base_path = urlsplit(base_url).path if base_url else "/"
    complaints = next((i for i in site.checklist.items if i.code == "O30"), None)
    return Chrome(site, NAVIGATION, base_url, base_path or "/", complaints, pdf_documents)


def chrome_content(chrome: Chrome) -> object:
    """The content every page shows around its own, besides site.yaml: the footer's
    complaint channels (O30). Every page depends on it (incremental rebuilds)."""
    o30 = chrome.complaints
    return None if o30 is None else (o30.links, o30.published)


def make_environment(templates: Path, chrome: Chrome) -> jinja2.Environment:
    thai_digits = chrome.site.settings.thai_digits
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    if thai_digits:
        env.filters.update(thai_digit_filters())

    def url(path: str) -> str:
        """Link to a site path, working when the site is served under a sub-path."""
        return chrome.base_path + quote(path, safe="/#%?=&.-_~")

    def absolute_url(path: str) -> str:
        if chrome.base_url is None:
            return url(path)
        return chrome.base_url + quote(path, safe="/#%?=&.-_~")

    env.filters["url"] = url
    env.filters["absolute_url"] = absolute_url
    logo = chrome.site.logo
    env.globals["organization_json_ld"] = json_ld(
        government_organization(
            chrome.site.agency,
            chrome.base_url,
            absolute_url(logo) if logo and chrome.base_url else None,
        )
    )
    env.globals["indicator_bars"] = functools.partial(
        indicator_bars, numerals=thai.numerals(thai_digits)
    )
    env.globals.update(RECORD_CHARTS)
    return env


def render_page(env: jinja2.Environment, chrome: Chrome, page: Page) -> bytes:
    template = env.get_template(page.template)
    html = template.render(page=page, chrome=chrome, agency=chrome.site.agency, **page.inputs)
    return html.encode("utf-8")


def template_problem(failure: jinja2.TemplateError, templates: Path) -> Problem:
    """A template that does not parse or render, as a problem at its file and line."""
    name = getattr(failure, "name", None) or getattr(failure, "filename", None)
    line = getattr(failure, "lineno", None) or 0
    if isinstance(failure, jinja2.TemplateNotFound):
        shown = display_path(templates / failure.name) if failure.name else display_path(templates)
        return Problem(Location(shown), "template_missing", {"name": failure.name})
    shown = display_path(templates / name) if name else display_path(templates)
    return Problem(
        Location(shown, line, 1 if line else 0),
        "template_error",
        {"problem": failure.message or type(failure).__name__},
    )
