"""The build, stage by stage: load → validate → model → readiness → render → write."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from site_builder.admin.decap import CONFIG_PATH as ADMIN_CONFIG_PATH
from site_builder.admin.decap import config_bytes as admin_config_bytes
from site_builder.admin.decap import decap_files
from site_builder.links import check_links
from site_builder.load.content_tree import FileReader, load_content
from site_builder.model import Site
from site_builder.model.build import build_site
from site_builder.opendata.publish import open_data_files
from site_builder.problems import ContentErrors, Problem, errors_in
from site_builder.readiness import default_as_of, evaluate
from site_builder.render.assessor_sheet import SHEET_CSV, sheet_csv, sheet_rows
from site_builder.render.batch import compile_templates, default_jobs, render_pages
from site_builder.render.environment import (
    make_chrome,
    make_environment,
    render_page,
    template_problem,
)
from site_builder.render.pages import Page, plan_pages
from site_builder.render.pdf import print_pdfs
from site_builder.render.readiness_pages import plan_readiness_pages
from site_builder.schema.bundle import validate_content
from site_builder.search import index_site
from site_builder.write import copy_file, file_digest, put_file, staged_site


@dataclass(slots=True)
class BuildReport:
    pages: int = 0
    documents: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # site paths of the rendered pages
    site: Site | None = None  # the site built
    # Digest of the bytes of each file the build had in hand (pages, generated files): the
    # build cache records them without reading the files back (cached_build.py).
    digests: dict[str, str] = field(default_factory=dict)


def load_site(
    content: Path, as_of: dt.date | None = None, reader: FileReader | None = None
) -> tuple[Site | None, list[Problem]]:
    """Load, validate and model the content, and judge O1–O43 at `as_of` (default: today,
    or SOURCE_DATE_EPOCH's date); every problem found is returned. `reader` parses each
    file (the incremental builder's caches what it parsed)."""
    raw, problems = load_content(content, reader)
    valid, found = validate_content(raw)
    problems += found
    site, found = build_site(valid, content)
    problems += found
    if site is None or errors_in(problems):
        return None, problems
    return replace(site, readiness=evaluate(site, as_of or default_as_of())), problems


def site_pages(site: Site) -> list[Page]:
    """Every page of the site, in plan order: the content's pages, then the readiness pages."""
    pages = plan_pages(site)
    pages += plan_readiness_pages(site, pages)
    return pages


def render_site(site: Site, templates: Path, *, pdf: bool = False) -> list[tuple[Page, bytes]]:
    """Every page rendered in memory, in one process (the build streams them: `build`);
    a broken template raises ContentErrors naming it."""
    chrome = make_chrome(site, pdf_documents=pdf)
    env = make_environment(templates, chrome)
    try:
        return [(page, render_page(env, chrome, page)) for page in site_pages(site)]
    except jinja2.TemplateError as failure:
        raise ContentErrors([template_problem(failure, templates)]) from None


@dataclass(slots=True)
class RenderedSite:
    """Every file of a site made in memory (for `check`), and the broken links found in it."""

    rendered: list[tuple[Page, bytes]]
    # (site path, bytes): pages, the assessor sheet, open data, the editor's configuration
    outputs: list[tuple[str, bytes]]
    # (source, site path): attachments, files only links reach, static and editor files
    copies: list[tuple[Path, str]]
    broken: list[Problem]


def render_and_check(site: Site, content: Path, templates: Path) -> RenderedSite:
    """Render every file of the site in memory and check the links of its pages."""
    rendered = render_site(site, templates)
    generated, copies = published_files(site, [page for page, _ in rendered], content, templates)
    outputs = [(page.output_file, html) for page, html in rendered] + generated
    published = [*(path for path, _ in outputs), *(path for _, path in copies)]
    broken, linked = check_links(rendered, published, site.settings.base_url, templates, content)
    copies += [(content / path, path) for path in linked]
    return RenderedSite(rendered, outputs, copies, broken)


def check_site(
    content: Path, templates: Path, as_of: dt.date | None = None
) -> tuple[Site | None, list[Problem]]:
    """The site and every problem a build would find, without writing anything."""
    site, problems = load_site(content, as_of)
    if site is not None:
        try:
            problems += render_and_check(site, content, templates).broken
        except ContentErrors as broken_template:
            problems += broken_template.problems
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


def published_files(
    site: Site, pages: list[Page], content: Path, templates: Path
) -> tuple[list[tuple[str, bytes]], list[tuple[Path, str]]]:
    """What the site publishes besides its pages: generated files (site path, bytes) — the
    open data under data/, the assessor sheet's CSV, the web editor's configuration — and
    copied files (source, site path) — attachments, static files, the web editor's code.
    The incremental builder publishes the same list."""
    generated = open_data_files(site)
    generated.append((SHEET_CSV, sheet_csv(sheet_rows(site, pages))))
    copies = [(content / path, path) for path in site.attachments]
    copies += static_files(templates)
    if site.settings.admin.enabled:
        generated.append((ADMIN_CONFIG_PATH, admin_config_bytes(site)))
        copies += decap_files(templates)
    return generated, copies


def build(
    content: Path,
    templates: Path,
    output: Path,
    as_of: dt.date | None = None,
    *,
    pdf: bool = False,
    jobs: int | None = None,
    reader: FileReader | None = None,
    search: bool = True,
) -> BuildReport:
    """Build the site into `output`; raises ContentErrors (output untouched) on any error.

    `as_of` is the date O1–O43 readiness is judged at (default: today, or
    SOURCE_DATE_EPOCH's date). `pdf` adds a PDF of each printable document (needs the
    optional WeasyPrint; raises PdfUnavailable, output untouched, when it is missing).
    Pages are rendered by `jobs` processes (default: every core; see render/batch.py)
    straight into the staging folder; the other files follow, then the link check (a
    broken link raises ContentErrors and nothing goes live), the PDFs, and the search
    index last, from the finished site, before it goes live. `reader` parses each content
    file (the build cache's keeps what it parsed: cached_build.py). `search`: False leaves
    the search index out (a preview; the search page then finds nothing).
    """
    started = time.perf_counter()
    site, problems = load_site(content, as_of, reader)
    if site is None:
        raise ContentErrors(problems)
    pages = site_pages(site)
    generated, copies = published_files(site, pages, content, templates)
    previous = output.resolve()
    try:
        chrome = make_chrome(site, pdf_documents=pdf)
        env = make_environment(templates, chrome)
        compile_templates(env)
        with staged_site(output) as staging:
            written = render_pages(env, chrome, pages, staging, previous, jobs or default_jobs())
            for relative, data in generated:
                put_file(staging, previous, relative, data)
            for source, relative in copies:
                copy_file(staging, previous, source, relative)
            # Checked before anything goes live, reading the pages back one at a time.
            published = [
                *written,
                *(path for path, _ in generated),
                *(path for _, path in copies),
                *(measures.pdf_path for measures in site.measure_sets if pdf),  # made below
            ]
            digests = {relative: file_digest(data) for relative, data in generated}

            def read_back(page: Page) -> bytes:
                data = (staging / page.output_file).read_bytes()
                digests[page.output_file] = file_digest(data)
                return data

            html = ((page, read_back(page)) for page in pages if page.output_file.endswith(".html"))
            broken, linked = check_links(
                html, published, site.settings.base_url, templates, content
            )
            problems += broken
            if errors_in(problems):
                raise ContentErrors(problems)
            for relative in linked:  # files under content/files/ that only a link reaches
                copy_file(staging, previous, content / relative, relative)
                copies.append((content / relative, relative))
            if pdf:
                # Only the printable pages are read back from the staging folder.
                printable = {measures.print_path for measures in site.measure_sets}
                printed = [
                    (page, (staging / page.output_file).read_bytes())
                    for page in pages
                    if page.path in printable
                ]
                pdfs = print_pdfs(site, printed, generated, copies)
                for relative, data in pdfs:
                    put_file(staging, previous, relative, data)
                generated += pdfs
            if search:
                index_site(staging)
    except jinja2.TemplateError as failure:
        raise ContentErrors([template_problem(failure, templates)]) from None
    return BuildReport(
        pages=sum(path.endswith(".html") for path in written),
        documents=len(site.attachments),
        files=len(written) + len(generated) + len(copies),
        seconds=time.perf_counter() - started,
        problems=problems,
        written=written,
        site=site,
        digests=digests,
    )
