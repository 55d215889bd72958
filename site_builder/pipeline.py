"""The build, stage by stage: load → validate → model → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from site_builder.admin.decap import CONFIG_PATH as ADMIN_CONFIG_PATH
from site_builder.admin.decap import config_bytes as admin_config_bytes
from site_builder.admin.decap import decap_files
from site_builder.load.content_tree import FileReader, load_content
from site_builder.model import Site
from site_builder.model.build import build_site
from site_builder.opendata.publish import open_data_files
from site_builder.problems import ContentErrors, Problem, errors_in
from site_builder.render.environment import (
    make_chrome,
    make_environment,
    render_page,
    template_problem,
)
from site_builder.render.pages import Page, plan_pages
from site_builder.render.pdf import print_pdfs
from site_builder.schema.bundle import validate_content
from site_builder.search import index_site
from site_builder.write import write_site


@dataclass(slots=True)
class BuildReport:
    pages: int = 0
    documents: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)


def load_site(content: Path, reader: FileReader | None = None) -> tuple[Site | None, list[Problem]]:
    """Load, validate and model the content; every problem found is returned."""
    raw, problems = load_content(content, reader)
    valid, found = validate_content(raw)
    problems += found
    site, found = build_site(valid, content)
    problems += found
    if errors_in(problems):
        return None, problems
    return site, problems


def render_site(site: Site, templates: Path, *, pdf: bool = False) -> list[tuple[Page, bytes]]:
    """Every page of the site; a broken template raises ContentErrors naming it."""
    chrome = make_chrome(site, pdf_documents=pdf)
    env = make_environment(templates, chrome)
    try:
        return [(page, render_page(env, chrome, page)) for page in plan_pages(site)]
    except jinja2.TemplateError as failure:
        raise ContentErrors([template_problem(failure, templates)]) from None


def static_files(templates: Path) -> list[tuple[Path, str]]:
    static = templates / "static"
    if not static.is_dir():
        return []
    return [
        (path, "static/" + path.relative_to(static).as_posix())
        for path in sorted(static.rglob("*"))
        if path.is_file()
    ]


def published_files(
    site: Site, content: Path, templates: Path
) -> tuple[list[tuple[str, bytes]], list[tuple[Path, str]]]:
    """What the site publishes besides its pages: generated files (site path, bytes) — the
    open data under data/, the web editor's configuration — and copied files (source, site
    path) — attachments, static files, the web editor's code. The incremental builder
    publishes the same list."""
    generated = open_data_files(site)
    copies = [(content / path, path) for path in site.attachments]
    copies += static_files(templates)
    if site.settings.admin.enabled:
        generated.append((ADMIN_CONFIG_PATH, admin_config_bytes(site)))
        copies += decap_files(templates)
    return generated, copies


def build(content: Path, templates: Path, output: Path, *, pdf: bool = False) -> BuildReport:
    """Build the site into `output`; raises ContentErrors (output untouched) on any error.

    `pdf` adds a PDF of each printable document (needs the optional WeasyPrint; raises
    PdfUnavailable, output untouched, when it is missing).
    """
    started = time.perf_counter()
    site, problems = load_site(content)
    if site is None:
        raise ContentErrors(problems)
    rendered = render_site(site, templates, pdf=pdf)
    generated, copies = published_files(site, content, templates)
    outputs = [(page.output_file, html) for page, html in rendered] + generated
    if pdf:
        outputs += print_pdfs(site, rendered, outputs, copies)
    files = write_site(output, outputs, copies, finish=index_site)
    return BuildReport(
        pages=sum(page.output_file.endswith(".html") for page, _ in rendered),
        documents=len(site.attachments),
        files=files,
        seconds=time.perf_counter() - started,
        problems=problems,
    )
