"""The build, stage by stage: load → validate → model → readiness → render → write."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.admin.decap import CONFIG_PATH as ADMIN_CONFIG_PATH
from site_builder.admin.decap import config_bytes as admin_config_bytes
from site_builder.admin.decap import decap_files
from site_builder.links import check_links
from site_builder.load.content_tree import load_content
from site_builder.model import Site
from site_builder.model.build import build_site
from site_builder.opendata.publish import open_data_files
from site_builder.problems import ContentErrors, Problem, errors_in
from site_builder.readiness import default_as_of, evaluate
from site_builder.render.assessor_sheet import SHEET_CSV, sheet_csv, sheet_rows
from site_builder.render.environment import make_chrome, make_environment, render_page
from site_builder.render.pages import Page, plan_pages
from site_builder.render.pdf import print_pdfs
from site_builder.render.readiness_pages import plan_readiness_pages
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


def load_site(content: Path, as_of: dt.date | None = None) -> tuple[Site | None, list[Problem]]:
    """Load, validate and model the content, and judge O1–O43 at `as_of` (default: today,
    or SOURCE_DATE_EPOCH's date); every problem found is returned."""
    raw, problems = load_content(content)
    valid, found = validate_content(raw)
    problems += found
    site, found = build_site(valid, content)
    problems += found
    if site is None or errors_in(problems):
        return None, problems
    return replace(site, readiness=evaluate(site, as_of or default_as_of())), problems


def render_site(site: Site, templates: Path, *, pdf: bool = False) -> list[tuple[Page, bytes]]:
    chrome = make_chrome(site, pdf_documents=pdf)
    env = make_environment(templates, chrome)
    pages = plan_pages(site)
    pages += plan_readiness_pages(site, pages)
    return [(page, render_page(env, chrome, page)) for page in pages]


@dataclass(slots=True)
class RenderedSite:
    """Everything a build writes, before it is written, and the broken links found in it."""

    rendered: list[tuple[Page, bytes]]
    # (site path, bytes): pages, the assessor sheet, open data, the editor's configuration
    outputs: list[tuple[str, bytes]]
    copies: list[tuple[Path, str]]  # (source, site path): attachments, static and editor files
    broken: list[Problem]


def render_and_check(
    site: Site, content: Path, templates: Path, *, pdf: bool = False
) -> RenderedSite:
    """Render every file of the site and check the links of its pages against them."""
    rendered = render_site(site, templates, pdf=pdf)
    outputs = [(page.output_file, html) for page, html in rendered]
    outputs.append((SHEET_CSV, sheet_csv(sheet_rows(site, [page for page, _ in rendered]))))
    outputs += open_data_files(site)
    generated = static_files(templates)
    if site.settings.admin.enabled:
        outputs.append((ADMIN_CONFIG_PATH, admin_config_bytes(site)))
        generated += decap_files(templates)
    published = [
        *site.attachments,
        *(path for path, _ in outputs),
        *(path for _, path in generated),
        *(m.pdf_path for m in site.measure_sets if pdf),  # made after the check
    ]
    broken, linked = check_links(rendered, published, site.settings.base_url, templates, content)
    copies = [(content / path, path) for path in sorted({*site.attachments, *linked})]
    return RenderedSite(rendered, outputs, copies + generated, broken)


def check_site(
    content: Path, templates: Path, as_of: dt.date | None = None
) -> tuple[Site | None, list[Problem]]:
    """The site and every problem a build would find, without writing anything."""
    site, problems = load_site(content, as_of)
    if site is not None:
        problems += render_and_check(site, content, templates).broken
    return site, problems


def static_files(templates: Path) -> list[tuple[Path, str]]:
    static = templates / "static"
    if not static.is_dir():
        return []
    return [
        (path, "static/" + path.relative_to(static).as_posix())
        for path in sorted(static.rglob("*"))
        if path.is_file()
    ]


def build(
    content: Path,
    templates: Path,
    output: Path,
    as_of: dt.date | None = None,
    *,
    pdf: bool = False,
) -> BuildReport:
    """Build the site into `output`; raises ContentErrors (output untouched) on any error.

    `as_of` is the date O1–O43 readiness is judged at (default: today, or
    SOURCE_DATE_EPOCH's date). `pdf` adds a PDF of each printable document (needs the
    optional WeasyPrint; raises PdfUnavailable, output untouched, when it is missing).
    """
    started = time.perf_counter()
    site, problems = load_site(content, as_of)
    if site is None:
        raise ContentErrors(problems)
    built = render_and_check(site, content, templates, pdf=pdf)
    problems += built.broken
    if errors_in(problems):
        raise ContentErrors(problems)
    rendered, outputs = built.rendered, built.outputs
    if pdf:
        outputs += print_pdfs(site, rendered, outputs, built.copies)
    files = write_site(output, outputs, built.copies, finish=index_site)
    return BuildReport(
        pages=sum(page.output_file.endswith(".html") for page, _ in rendered),
        documents=len(site.attachments),
        files=files,
        seconds=time.perf_counter() - started,
        problems=problems,
    )
