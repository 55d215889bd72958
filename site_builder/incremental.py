"""Incremental rebuilds: re-render only the pages whose inputs changed.

A page's *fingerprint* is a digest of everything its bytes depend on:

- the generator itself (the package's code and data: templates of the checklist, …);
- its template and every template that one extends, includes or imports, found from
  Jinja's syntax tree and followed recursively (a name computed at run time, such as
  `"records/" ~ record.kind ~ ".html"`, stands for every template it may be);
- what every page shows around its content: `site.yaml` (agency, settings) and the
  complaint channels of O30 in the footer; and the date O1–O43 readiness is judged at;
- the content files listed in `page.sources`, by the digest of their bytes (for an O
  item, also the record tables and photos drawn on it);
- for a page showing O items, `page.feeds`: the title, address and date of the news
  posts and measures that feed them, instead of those files (a post's text is not shown);
- the page's own metadata (address, title, description, breadcrumbs, lastmod), its
  plain inputs (dates, text), the datasets it offers for download, and for a page
  listing other pages (the sitemap) their metadata.

A page whose fingerprint equals the one recorded for its output file is neither
rendered nor written, and a rendered page is written only when its bytes changed, so
the files a browser or a web server see change only when their content does. Content
files are parsed again only when their digest changed.

Besides pages, the site publishes what `pipeline.published_files` lists (open data
under data/, the web editor's files, attachments, static files) — generated again on
every rebuild (they are small) and written only when their bytes changed — and the
Pagefind search bundle under pagefind/, made again only when an HTML page changed.
The result after any sequence of rebuilds is byte-identical to a clean build
(tests/editing/test_incremental_rebuild.py proves it).

The state (fingerprints and digests of what was written) is kept in memory by the dev
server and saved as JSON under `.build-cache/`, so the next run starts warm.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes

import site_builder
from site_builder.load.content_tree import FileReader
from site_builder.load.markdown_source import MarkdownSource
from site_builder.load.yaml_source import SourceDocument
from site_builder.model import Site
from site_builder.pipeline import load_site, published_files, site_pages
from site_builder.problems import Problem, errors_in
from site_builder.readiness import default_as_of
from site_builder.render.environment import (
    Chrome,
    chrome_content,
    make_chrome,
    make_environment,
    render_page,
    template_problem,
)
from site_builder.render.pages import SITE_FILE, Page
from site_builder.search import BUNDLE_DIR, index_site

STATE_VERSION = 2
_BUNDLE = f"{BUNDLE_DIR}/"  # the search bundle's files in output/


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@cache
def generator_digest() -> str:
    """Digest of the package's own files: new code or checklist data invalidates every page."""
    package = Path(site_builder.__file__).parent
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".html"):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


class FileDigests:
    """Digests of files' bytes, computed again only when a file's size or mtime changes."""

    def __init__(self) -> None:
        # Keyed by absolute path: a file may be named relative to the working folder (as
        # in page.sources) or through the content folder's path, and is the same file.
        self._known: dict[str, tuple[int, int, str]] = {}
        self._cwd = os.getcwd()
        # While set, files not forgotten are taken as unchanged without a stat: the
        # caller (the dev server's watcher) has named every file that changed.
        self.trusting = False

    def of(self, path: Path) -> str | None:
        """The digest of `path`, or None when it is not a readable file."""
        key = self._key(path)
        if self.trusting and key in self._known:
            return self._known[key][2]
        try:
            stat = os.stat(key)
        except OSError:
            self._known.pop(key, None)
            return None
        known = self._known.get(key)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        try:
            digest = digest_bytes(path.read_bytes())
        except OSError:
            return None
        self._known[key] = (stat.st_size, stat.st_mtime_ns, digest)
        return digest

    def forget(self, paths: Iterable[Path]) -> None:
        """Hash these again on next use (the watcher saw them change)."""
        for path in paths:
            self._known.pop(self._key(path), None)

    def _key(self, path: Path) -> str:
        return os.path.normpath(os.path.join(self._cwd, path))


class CachingReader(FileReader):
    """Parses a content file only when its bytes changed since it was last parsed."""

    def __init__(self, digests: FileDigests) -> None:
        self._digests = digests
        self._parsed: dict[Path, tuple[str | None, Any, list[Problem]]] = {}

    def _cached(self, path: Path, parse: Any) -> tuple[Any, list[Problem]]:
        digest = self._digests.of(path)
        known = self._parsed.get(path)
        if known is None or digest is None or known[0] != digest:
            value, problems = parse(path)
            known = (digest, value, problems)
            self._parsed[path] = known
        return known[1], list(known[2])

    def yaml(self, path: Path) -> tuple[SourceDocument | None, list[Problem]]:
        return self._cached(path, super().yaml)

    def markdown(self, path: Path) -> tuple[MarkdownSource | None, list[Problem]]:
        return self._cached(path, super().markdown)


# A template name computed at run time, by the constant text it starts and ends with:
# `"records/" ~ record.kind ~ ".html"` → ("records/", ".html"); ("", "") when none is.
NamePattern = tuple[str, str]


def _name_parts(node: jinja2.nodes.Node) -> list[jinja2.nodes.Node]:
    """`a ~ b ~ c` and `a + b` as the list of their operands."""
    if isinstance(node, jinja2.nodes.Concat):
        return [part for operand in node.nodes for part in _name_parts(operand)]
    if isinstance(node, jinja2.nodes.Add):
        return _name_parts(node.left) + _name_parts(node.right)
    return [node]


def referenced_templates(
    tree: jinja2.nodes.Template,
) -> tuple[frozenset[str], frozenset[NamePattern]]:
    """Templates a parsed template extends, includes or imports: constant names, and
    patterns for the names it computes."""
    names: set[str] = set()
    patterns: set[NamePattern] = set()
    used = (
        jinja2.nodes.Extends,
        jinja2.nodes.Include,
        jinja2.nodes.Import,
        jinja2.nodes.FromImport,
    )
    for node in tree.find_all(used):
        template = node.template
        choices = (
            template.items
            if isinstance(template, jinja2.nodes.List | jinja2.nodes.Tuple)
            else [template]
        )
        for choice in choices:
            parts = _name_parts(choice)
            constant = [
                p.value if isinstance(p, jinja2.nodes.Const) and isinstance(p.value, str) else None
                for p in parts
            ]
            if None not in constant:
                names.add("".join(constant))  # type: ignore[arg-type]
                continue
            prefix = "".join(text for text in constant[: constant.index(None)])  # type: ignore[misc]
            suffix = constant[-1] if constant[-1] is not None else ""
            patterns.add((prefix, suffix))
    return frozenset(names), frozenset(patterns)


class TemplateGraph:
    """Which templates each template needs (extends, include, import), from Jinja's AST."""

    def __init__(self, folder: Path, digests: FileDigests) -> None:
        self.folder = folder
        self._digests = digests
        self._parser = jinja2.Environment()
        self._references: dict[
            str, tuple[str | None, tuple[frozenset[str], frozenset[NamePattern]]]
        ] = {}

    def names(self) -> frozenset[str]:
        """Every template in the folder (static files excluded)."""
        return frozenset(
            path.relative_to(self.folder).as_posix()
            for path in self.folder.rglob("*")
            if path.is_file() and "static" not in path.relative_to(self.folder).parts[:1]
        )

    def references(self, name: str) -> tuple[frozenset[str], frozenset[NamePattern]]:
        """Templates `name` names directly, and patterns of the names it computes."""
        digest = self._digests.of(self.folder / name)
        known = self._references.get(name)
        if known is not None and known[0] == digest:
            return known[1]
        found: tuple[frozenset[str], frozenset[NamePattern]] = (frozenset(), frozenset())
        if digest is not None:
            try:
                tree = self._parser.parse((self.folder / name).read_text(encoding="utf-8"))
                found = referenced_templates(tree)
            except (jinja2.TemplateSyntaxError, OSError, UnicodeDecodeError):
                pass  # rendering reports the error itself
        self._references[name] = (digest, found)
        return found

    def closure(self, name: str) -> frozenset[str]:
        """`name` and every template it needs, directly or through others; a computed
        name needs every template it may be (starting and ending with its constant text)."""
        seen: set[str] = set()
        waiting = [name]
        every: frozenset[str] | None = None
        while waiting:
            current = waiting.pop()
            if current in seen:
                continue
            seen.add(current)
            names, patterns = self.references(current)
            waiting.extend(names)
            if patterns:
                every = self.names() if every is None else every
                waiting.extend(
                    n
                    for n in every
                    for prefix, suffix in patterns
                    if n.startswith(prefix)
                    and n.endswith(suffix)
                    and len(n) >= len(prefix) + len(suffix)
                )
        return frozenset(seen)

    def digest(self, name: str) -> str:
        h = hashlib.blake2b(digest_size=16)
        for needed in sorted(self.closure(name)):
            h.update(f"{needed}\0{self._digests.of(self.folder / needed)}\0".encode())
        return h.hexdigest()


_SCALARS = (str, int, float, bool, dt.date, type(None))


def _metadata(page: Page) -> str:
    crumbs = "\1".join(f"{crumb.label}\2{crumb.path}" for crumb in page.breadcrumbs)
    return "\0".join(
        (
            page.path,
            page.template,
            page.title,
            page.description,
            crumbs,
            str(page.in_sitemap),
            str(page.lastmod),
            *page.sources,
        )
    )


def page_fingerprint(
    page: Page,
    common: str,
    template_digest: str,
    source_digest: Mapping[str, str | None],
    shown: dict[int, str],
    downloads: str = "",
) -> str:
    """Digest of everything the page's bytes depend on (see the module's docstring).

    `shown` keeps the repr of data already fingerprinted in this rebuild, by identity
    (the checklist framework is shared by forty-three pages); `downloads` names the
    datasets the page offers.
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(
        f"{common}\0{template_digest}\0{_metadata(page)}\0{downloads}\0{page.feeds}\0".encode()
    )
    for source in page.sources:
        h.update(f"{source}\0{source_digest[source]}\0".encode())
    for name, value in sorted(page.inputs.items()):
        h.update(f"{name}\0".encode())
        if isinstance(value, _SCALARS):
            h.update(repr(value).encode())
        elif isinstance(value, tuple) and all(isinstance(v, Page) for v in value):
            for listed in value:  # the sitemap: it shows other pages' metadata only
                h.update(_metadata(listed).encode())
        elif not page.sources and not page.feeds:
            # Domain data with no content file declared: fingerprint the data itself.
            if id(value) not in shown:
                shown[id(value)] = repr(value)
            h.update(shown[id(value)].encode())
    return h.hexdigest()


@dataclass(slots=True)
class RebuildReport:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0  # pages in the site
    rendered: list[str] = field(default_factory=list)  # output files rendered again
    written: list[str] = field(default_factory=list)  # output files whose bytes changed
    deleted: list[str] = field(default_factory=list)
    searched: bool = False  # the search bundle was made again
    seconds: float = 0.0
    site: Site | None = None  # the site built, when `ok`


def _write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` in one rename, so a server never reads a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.writing")
    temporary.write_bytes(data)
    os.replace(temporary, target)


class IncrementalBuilder:
    """Keeps `output` equal to a clean build of `content`, doing only the work a change needs."""

    def __init__(
        self,
        content: Path,
        templates: Path,
        output: Path,
        state_file: Path | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        self.content = content
        self.as_of = as_of  # the date readiness is judged at; None: each rebuild's today
        self.templates = templates
        self.output = output
        self.state_file = state_file
        self.digests = FileDigests()
        self.reader = CachingReader(self.digests)
        self.graph = TemplateGraph(templates, self.digests)
        # output file → (page fingerprint or copied file's digest, digest of the written bytes)
        self.outputs: dict[str, tuple[str, str]] = {}
        self._swept = False  # files not made by this builder removed from output/ yet
        # Output files of the last successful rebuild but the bundle; None before one.
        self._wanted: dict[str, str] | None = None
        self._environment: tuple[tuple[object, ...], jinja2.Environment] | None = None
        if state_file is not None:
            self._load_state(state_file)

    # -- state kept between runs ---------------------------------------------------
    def _state_key(self) -> str:
        return repr(
            (STATE_VERSION, generator_digest(), *(str(p.resolve()) for p in self._folders()))
        )

    def _folders(self) -> tuple[Path, Path, Path]:
        return self.content, self.templates, self.output

    def _load_state(self, state_file: Path) -> None:
        try:
            state = json.loads(state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(state, dict) or state.get("key") != self._state_key():
            return
        for relative, (fingerprint, written, size, mtime_ns) in state["outputs"].items():
            try:
                stat = (self.output / relative).stat()
            except OSError:
                continue
            if (stat.st_size, stat.st_mtime_ns) == (size, mtime_ns):  # untouched since
                self.outputs[relative] = (fingerprint, written)

    def _save_state(self) -> None:
        if self.state_file is None:
            return
        outputs = {}
        for relative, (fingerprint, written) in sorted(self.outputs.items()):
            stat = (self.output / relative).stat()
            outputs[relative] = [fingerprint, written, stat.st_size, stat.st_mtime_ns]
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(
            self.state_file,
            json.dumps({"key": self._state_key(), "outputs": outputs}).encode("utf-8"),
        )

    # -- one rebuild ---------------------------------------------------------------
    def rebuild(
        self, changed: Iterable[Path] | None = None, *, search: bool = True
    ) -> RebuildReport:
        """Bring output/ up to date.

        `changed`: every file changed since the last rebuild (the watcher knows them), so
        no other file needs a look; None to check every file's size and mtime.
        `search`: False leaves the search bundle for a later `update_search` (the dev
        server reloads the browser first); output/ equals a clean build after both.
        """
        started = time.perf_counter()
        self.digests.forget(changed or ())
        self.digests.trusting = changed is not None
        try:
            report = self._rebuild(started)
        finally:
            self.digests.trusting = False
        if report.ok and search:
            self.update_search(report)
            report.seconds = time.perf_counter() - started
        return report

    def update_search(self, report: RebuildReport | None = None) -> RebuildReport:
        """Make the search bundle again if an HTML page changed since it was made.

        Raises SearchIndexError when Pagefind fails. The dev server runs the same steps
        with Pagefind as a background process: `search_key`, Pagefind into
        `search_scratch()`, then `install_search`.
        """
        report = report or RebuildReport(True)
        if self._wanted is None:  # nothing built yet
            return report
        key = self.search_key()
        if self.search_current(key):
            if not self._swept:  # the first rebuild: also remove what an earlier run left
                wanted = {**self._wanted, **dict.fromkeys(self._bundle(), key)}
                self._remove_unwanted(wanted, report)
                self._save_state()
            return report
        scratch = self.search_scratch()
        try:
            index_site(self.output, scratch)
            return self.install_search(scratch, key, report)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    @property
    def built(self) -> bool:
        """A rebuild succeeded: output/ holds a site to index (nothing is indexed, nor
        removed, before — a content error at the start leaves output/ as it was)."""
        return self._wanted is not None

    def search_key(self) -> str:
        """Digest of the HTML pages now in output/: what the search bundle is made from."""
        pages = hashlib.blake2b(digest_size=16)
        for relative, (_fingerprint, written) in sorted(self.outputs.items()):
            if relative.endswith(".html"):
                pages.update(f"{relative}\0{written}\0".encode())
        return pages.hexdigest()

    def search_current(self, key: str) -> bool:
        """The bundle in output/ was made from the pages as they are (`key`)."""
        bundle = self._bundle()
        return bool(bundle) and all(fingerprint == key for fingerprint, _ in bundle.values())

    def search_scratch(self) -> Path:
        """An empty folder next to output/ for Pagefind to write a bundle into."""
        output = self.output.resolve()
        return Path(tempfile.mkdtemp(prefix=f".{output.name}.search-", dir=output.parent))

    def install_search(
        self, scratch: Path, key: str, report: RebuildReport | None = None
    ) -> RebuildReport:
        """Put the bundle Pagefind wrote into `scratch` (from pages `key`) into output/:
        only files whose bytes changed are written, those it no longer has deleted."""
        report = report or RebuildReport(True)
        if self._wanted is None:
            raise RuntimeError("install_search before a successful rebuild")
        bundle = []
        for path in sorted(scratch.rglob("*")):
            if path.is_file():
                relative = _BUNDLE + path.relative_to(scratch).as_posix()
                self._put(relative, key, path.read_bytes(), report)
                bundle.append(relative)
        report.searched = True
        self._remove_unwanted({**self._wanted, **dict.fromkeys(bundle, key)}, report)
        self._save_state()
        return report

    def _bundle(self) -> dict[str, tuple[str, str]]:
        return {r: v for r, v in self.outputs.items() if r.startswith(_BUNDLE)}

    def _rebuild(self, started: float) -> RebuildReport:
        as_of = self.as_of or default_as_of()  # readiness shown on pages depends on the date
        site, problems = load_site(self.content, as_of, self.reader)
        if site is None or errors_in(problems):
            return RebuildReport(False, problems, seconds=time.perf_counter() - started)

        chrome = make_chrome(site)
        pages = site_pages(site)
        site_digest = self.digests.of(self.content / SITE_FILE)
        common = hashlib.blake2b(
            f"{generator_digest()}\0{site_digest}\0{chrome_content(chrome)!r}\0{as_of}".encode(),
            digest_size=16,
        ).hexdigest()
        downloads: dict[str, list[str]] = {}
        for dataset in site.datasets:  # the download links below each page's content
            for path in dataset.pages:
                downloads.setdefault(path, []).append(f"{dataset.id}\1{dataset.title_th}")
        source_digest: dict[str, str | None] = {}
        for page in pages:
            for source in page.sources:
                if source not in source_digest:
                    source_digest[source] = self.digests.of(Path(source))
        template_digest = {name: self.graph.digest(name) for name in {p.template for p in pages}}

        rendered: dict[str, tuple[str, bytes]] = {}
        wanted: dict[str, str] = {}
        env = self._env(chrome, site_digest)
        shown: dict[int, str] = {}
        try:
            for page in pages:
                fingerprint = page_fingerprint(
                    page,
                    common,
                    template_digest[page.template],
                    source_digest,
                    shown,
                    "\2".join(downloads.get(page.path, ())),
                )
                wanted[page.output_file] = fingerprint
                known = self.outputs.get(page.output_file)
                if known is None or known[0] != fingerprint:
                    rendered[page.output_file] = (fingerprint, render_page(env, chrome, page))
        except jinja2.TemplateError as failure:
            problems.append(template_problem(failure, self.templates))
            return RebuildReport(False, problems, seconds=time.perf_counter() - started)

        report = RebuildReport(
            True, problems, pages=len(pages), rendered=sorted(rendered), site=site
        )
        for relative, (fingerprint, data) in sorted(rendered.items()):
            self._put(relative, fingerprint, data, report)
        generated, copies = published_files(site, pages, self.content, self.templates)
        for relative, data in generated:  # small files: made every time, written if changed
            digest = digest_bytes(data)
            wanted[relative] = digest
            self._put(relative, digest, data, report)
        for source, relative in copies:
            digest = self.digests.of(source) or ""
            wanted[relative] = digest
            known = self.outputs.get(relative)
            if known is None or known[0] != digest:
                self._copy(source, relative, digest, report)
        self._wanted = wanted
        # The search bundle stays until update_search replaces it.
        self._remove_unwanted(wanted, report, keep=_BUNDLE)
        self._save_state()
        report.seconds = time.perf_counter() - started
        return report

    def _env(self, chrome: Chrome, site_digest: str | None) -> jinja2.Environment:
        """The compiled templates, kept while the templates and site.yaml stay (its
        agency and settings are compiled in: structured data, Thai digits, address)."""
        key = (
            site_digest,
            tuple(sorted((n, self.digests.of(self.templates / n)) for n in self.graph.names())),
        )
        if self._environment is None or self._environment[0] != key:
            self._environment = (key, make_environment(self.templates, chrome))
        return self._environment[1]

    def _put(self, relative: str, fingerprint: str, data: bytes, report: RebuildReport) -> None:
        digest = digest_bytes(data)
        target = self.output / relative
        known = self.outputs.get(relative)
        if known is not None and known[1] == digest and target.is_file():
            pass  # rendered again, same bytes: leave the file (and its mtime) alone
        elif known is None and target.is_file() and target.read_bytes() == data:
            pass  # already written by an earlier run
        else:
            _write_atomically(target, data)
            report.written.append(relative)
        self.outputs[relative] = (fingerprint, digest)

    def _copy(self, source: Path, relative: str, digest: str, report: RebuildReport) -> None:
        target = self.output / relative
        if self.digests.of(target) != digest:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.writing")
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
            report.written.append(relative)
        self.outputs[relative] = (digest, digest)

    def _remove_unwanted(
        self, wanted: Mapping[str, str], report: RebuildReport, keep: str | None = None
    ) -> None:
        """Delete output files not wanted; files under `keep` stay for now."""
        gone = [relative for relative in self.outputs if relative not in wanted]
        if not self._swept:  # the first time, also what an earlier run left behind
            if self.output.is_dir():
                gone += [
                    path.relative_to(self.output).as_posix()
                    for path in self.output.rglob("*")
                    if path.is_file() and path.relative_to(self.output).as_posix() not in wanted
                ]
            self._swept = keep is None
        for relative in sorted({g for g in gone if keep is None or not g.startswith(keep)}):
            self.outputs.pop(relative, None)
            target = self.output / relative
            target.unlink(missing_ok=True)
            report.deleted.append(relative)
            for folder in target.parents:
                if folder == self.output or not folder.is_relative_to(self.output):
                    break
                try:
                    folder.rmdir()  # only when empty
                except OSError:
                    break
