"""The build, stage by stage: load → validate → model → render → write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.load.content_tree import load_content
from site_builder.model import Site
from site_builder.model.build import build_site
from site_builder.problems import ContentErrors, Problem, errors_in
from site_builder.render.batch import compile_templates, default_jobs, render_pages
from site_builder.render.environment import make_chrome, make_environment, render_page
from site_builder.render.pages import Page, plan_pages
from site_builder.schema.bundle import validate_content
from site_builder.write import copy_file, staged_site


@dataclass(slots=True)
class BuildReport:
    pages: int = 0
    documents: int = 0
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # site paths of the rendered pages


def load_site(content: Path) -> tuple[Site | None, list[Problem]]:
    """Load, validate and model the content; every problem found is returned."""
    raw, problems = load_content(content)
    valid, found = validate_content(raw)
    problems += found
    site, found = build_site(valid, content)
    problems += found
    if errors_in(problems):
        return None, problems
    return site, problems


def render_site(site: Site, templates: Path) -> list[tuple[Page, bytes]]:
    chrome = make_chrome(site)
    env = make_environment(templates, chrome)
    return [(page, render_page(env, chrome, page)) for page in plan_pages(site)]


def static_files(templates: Path) -> list[tuple[Path, str]]:
    static = templates / "static"
    if not static.is_dir():
        return []
    return [
        (path, "static/" + path.relative_to(static).as_posix())
        for path in sorted(static.rglob("*"))
        if path.is_file()
    ]


def build(content: Path, templates: Path, output: Path, jobs: int | None = None) -> BuildReport:
    """Build the site into `output`; raises ContentErrors (output untouched) on any error.

    Pages are rendered by `jobs` processes (default: every core; see render/batch.py).
    """
    started = time.perf_counter()
    site, problems = load_site(content)
    if site is None:
        raise ContentErrors(problems)
    chrome = make_chrome(site)
    env = make_environment(templates, chrome)
    compile_templates(env)
    copies = [(content / path, path) for path in site.attachments]
    copies += static_files(templates)
    previous = output.resolve()
    with staged_site(output) as staging:
        written = render_pages(
            env, chrome, plan_pages(site), staging, previous, jobs or default_jobs()
        )
        for source, relative in copies:
            copy_file(staging, previous, source, relative)
        # Stages that need the finished pages (a search index, a link check) go here: they
        # read `written` in `staging`, and what they add goes live with the pages or not at all.
    return BuildReport(
        pages=sum(path.endswith(".html") for path in written),
        documents=len(site.attachments),
        files=len(written) + len(copies),
        seconds=time.perf_counter() - started,
        problems=problems,
        written=written,
    )
