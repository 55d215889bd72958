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

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes

import site_builder
from site_builder.links import check_links
from site_builder.load.content_tree import FileReader
from site_builder.load.markdown_source import MarkdownSource
from site_builder.load.stored import Unreadable, decode_news, encode_news
from site_builder.load.yaml_source import SourceDocument
from site_builder.model import Site
from site_builder.pipeline import load_site, published_files, site_pages
from site_builder.problems import ContentErrors, Problem, errors_in
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
from site_builder.write import InterruptedAfterSwap, file_digest, going_live

STATE_VERSION = 3
_BUNDLE = f"{BUNDLE_DIR}/"  # the search bundle's files in output/


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
        self.changes = 0  # digests computed or forgotten: the saved state is out of date
        # Files already looked at in this rebuild: a rebuild takes files as they were when
        # it first looked (one stat each, however many pages a file is a source of).
        self._looked_at: set[str] = set()

    def new_rebuild(self) -> None:
        self._looked_at.clear()

    def of(self, path: Path) -> str | None:
        """The digest of `path`, or None when it is not a readable file."""
        key = self.key(path)
        if (self.trusting or key in self._looked_at) and key in self._known:
            return self._known[key][2]
        self._looked_at.add(key)
        try:
            stat = os.stat(key)
        except OSError:
            if self._known.pop(key, None) is not None:
                self.changes += 1
            return None
        known = self._known.get(key)
        if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        try:
            digest = file_digest(path.read_bytes())
        except OSError:
            return None
        self._known[key] = (stat.st_size, stat.st_mtime_ns, digest)
        self.changes += 1
        return digest

    def saved(self) -> Iterator[tuple[str, list[Any]]]:
        for key, known in sorted(self._known.items()):
            yield key, list(known)

    def restore(self, saved: Iterable[tuple[str, Any]]) -> None:
        """Digests saved by an earlier run; each is used only while its file's size and
        modification time are still the ones it was computed for."""
        for key, (size, mtime_ns, digest) in saved:
            self._known[key] = (int(size), int(mtime_ns), str(digest))

    def forget(self, paths: Iterable[Path]) -> None:
        """Hash these again on next use (the watcher saw them change)."""
        for path in paths:
            self._known.pop(self.key(path), None)
            self.changes += 1

    def key(self, path: Path) -> str:
        """The file's absolute, normalised path: one name whichever way it was given."""
        return os.path.normpath(os.path.join(self._cwd, path))


class CachingReader(FileReader):
    """Parses a content file only when its bytes changed since it was last parsed."""

    def __init__(self, digests: FileDigests) -> None:
        self._digests = digests
        # Keyed by absolute path, as the digests: a file is one file however it is named.
        self._parsed: dict[str, tuple[str | None, Any, list[Problem]]] = {}
        self.changes = 0  # news files parsed: the saved state is out of date

    def _cached(self, path: Path, parse: Any) -> tuple[Any, list[Problem]]:
        digest = self._digests.of(path)
        key = self._digests.key(path)
        known = self._parsed.get(key)
        if known is None or digest is None or known[0] != digest:
            value, problems = parse(path)
            if isinstance(value, MarkdownSource):
                # Bodies were checked while parsing and are read again when rendered:
                # 10,000 of them need not stay in memory (model.richtext.StoredMarkdown).
                value = dataclasses.replace(value, body="")
            known = (digest, value, problems)
            self._parsed[key] = known
            self.changes += isinstance(value, MarkdownSource)  # what `saved` keeps
        return known[1], list(known[2])

    def saved(self) -> Iterator[tuple[str, list[Any]]]:
        """The news files parsed without a problem, for the next run (load/stored.py)."""
        for key, (digest, value, problems) in sorted(self._parsed.items()):
            if isinstance(value, MarkdownSource) and digest is not None and not problems:
                try:
                    yield key, [digest, encode_news(value)]
                except Unreadable:
                    continue

    def restore(self, saved: Iterable[tuple[str, Any]]) -> None:
        for key, (digest, entry) in saved:
            try:
                self._parsed[key] = (str(digest), decode_news(entry), [])
            except Unreadable:
                continue

    def last_parsed(self, path: Path) -> Any:
        """What `path` gave when it was last parsed (None if never, or unreadable)."""
        known = self._parsed.get(self._digests.key(path))
        return known[1] if known is not None else None

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


class InterruptedBeforeSearch(InterruptedAfterSwap):
    """SIGINT or SIGTERM arrived while pages were written: they are all in place, and the
    search index is still the previous build's (the next build makes it again)."""


@dataclass(slots=True)
class _LastRebuild:
    """What the last full rebuild worked out, for a rebuild that changes news bodies only."""

    site: Site
    pages: list[Page]
    chrome: Chrome
    env: jinja2.Environment
    as_of: dt.date
    common: str
    template_digest: dict[str, str]
    downloads: dict[str, str]
    source_digest: dict[str, str | None]
    names: dict[str, list[str]]  # content file (absolute path) → how pages name it
    pages_of: dict[str, list[Page]]  # content file (absolute path) → pages it is a source of
    news_files: frozenset[str]  # absolute paths of the news posts


@dataclass(slots=True)
class RebuildReport:
    ok: bool
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0  # pages in the site
    rendered: list[str] = field(default_factory=list)  # output files rendered again
    written: list[str] = field(default_factory=list)  # output files whose bytes changed
    deleted: list[str] = field(default_factory=list)
    searched: bool = False  # the search bundle was made again
    too_many: bool = False  # more pages to render than `max_rendered`: nothing was done
    seconds: float = 0.0
    site: Site | None = None  # the site built, when `ok`


def _files_under(folder: Path) -> list[str]:
    """Every file under `folder`, as a relative POSIX path (os.walk: no Path per file)."""
    found = []
    for root, _dirs, files in os.walk(folder):
        relative_root = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if relative_root == "." else relative_root + "/"
        found += [prefix + name for name in files]
    return found


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
        *,
        check_links: bool = False,
        max_rendered: int | None = None,
    ) -> None:
        """`check_links`: check every page's links before writing, as a clean build does
        (the dev server shows pages at once instead). `max_rendered`: give up, without
        writing anything, when more pages than this need rendering (`too_many`)."""
        self.content = content
        self.check_links = check_links
        self.max_rendered = max_rendered
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
        self._found: list[str] | None = None  # the files output/ had before the first rebuild
        # Output files of the last successful rebuild but the bundle; None before one.
        self._wanted: dict[str, str] | None = None
        self._environment: tuple[tuple[object, ...], jinja2.Environment] | None = None
        self._last: _LastRebuild | None = None
        # What the state file holds, to save it only when that changed.
        self._saved_outputs: dict[str, tuple[str, str]] | None = None
        self._saved_counts = (0, 0)
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
        try:
            outputs = state["outputs"].items()
            files = state["files"].items()
            news = state["news"].items()
            for relative, (fingerprint, written, size, mtime_ns) in outputs:
                target = self.output / relative
                try:
                    stat = target.stat()
                    if stat.st_size != size:
                        continue
                    # Same size, other time: restored from a CI cache, or edited by hand.
                    if stat.st_mtime_ns != mtime_ns and file_digest(target.read_bytes()) != written:
                        continue
                except OSError:
                    continue
                self.outputs[relative] = (fingerprint, written)
            self.digests.restore(files)
            self.reader.restore(news)
        except (AttributeError, KeyError, TypeError, ValueError):  # not a state we wrote
            self.outputs.clear()
            return
        self._saved_outputs = dict(self.outputs)
        self._saved_counts = (self.digests.changes, self.reader.changes)

    def _save_state(self) -> None:
        if self.state_file is None:
            return
        saved = (self.digests.changes, self.reader.changes)
        if self.outputs == self._saved_outputs and saved == self._saved_counts:
            return  # the file on disk already says all this (a warm build that did nothing)
        # Written entry by entry: the whole state as one string would be the build's
        # largest object (~13 MB of JSON for 10,000 posts, several times that in memory).
        sections = {
            "outputs": self._saved_outputs_now(),
            "files": self.digests.saved(),
            "news": self.reader.saved(),
        }
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.state_file.with_name(f".{self.state_file.name}.writing")
        with temporary.open("w", encoding="utf-8") as out:
            out.write(f'{{"key": {json.dumps(self._state_key())}')
            for name, entries in sections.items():
                out.write(f', "{name}": {{')
                for index, (key, value) in enumerate(entries):
                    entry = f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
                    out.write(f", {entry}" if index else entry)
                out.write("}")
            out.write("}")
        os.replace(temporary, self.state_file)
        self._saved_outputs = dict(self.outputs)
        self._saved_counts = saved

    def _saved_outputs_now(self) -> Iterator[tuple[str, list[Any]]]:
        for relative, (fingerprint, written) in sorted(self.outputs.items()):
            stat = (self.output / relative).stat()
            yield relative, [fingerprint, written, stat.st_size, stat.st_mtime_ns]

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
        changed = None if changed is None else list(changed)
        self.digests.new_rebuild()
        self.digests.forget(changed or ())
        self.digests.trusting = changed is not None
        try:
            report = self._rebuild_bodies(changed, started) if changed else None
            if report is None:
                report = self._rebuild(started)
        except InterruptedAfterSwap:
            if search and self._wanted is not None and not self.search_current(self.search_key()):
                raise InterruptedBeforeSearch from None
            raise
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

    def remove_search(self, report: RebuildReport) -> None:
        """Delete the search bundle (a build without a search index has none)."""
        if self._wanted is not None:
            with going_live():
                self._remove_unwanted(self._wanted, report)
            self._save_state()

    @property
    def wanted(self) -> frozenset[str]:
        """The site's files as of the last successful rebuild (the search bundle's aside)."""
        return frozenset(self._wanted or ())

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
        with going_live():  # the old bundle or the new one, never a mix
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

    def _plan(self, site: Site, as_of: dt.date) -> _LastRebuild:
        """Every page of `site` and what its fingerprint is made of."""
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
        key_of = {source: self.digests.key(Path(source)) for source in source_digest}
        names: dict[str, list[str]] = {}
        for source, key in key_of.items():
            names.setdefault(key, []).append(source)
        pages_of: dict[str, list[Page]] = {}
        for page in pages:
            for source in page.sources:
                pages_of.setdefault(key_of[source], []).append(page)
        return _LastRebuild(
            site,
            pages,
            chrome,
            self._env(chrome, site_digest),
            as_of,
            common,
            {name: self.graph.digest(name) for name in {page.template for page in pages}},
            {path: "\2".join(ids) for path, ids in downloads.items()},
            source_digest,
            names,
            pages_of,
            frozenset(self.digests.key(Path(post.source)) for post in site.news),
        )

    def _fingerprints(self, plan: _LastRebuild) -> dict[str, str]:
        """Output file → fingerprint, for every page of the plan."""
        shown: dict[int, str] = {}
        return {
            page.output_file: page_fingerprint(
                page,
                plan.common,
                plan.template_digest[page.template],
                plan.source_digest,
                shown,
                plan.downloads.get(page.path, ""),
            )
            for page in plan.pages
        }

    def _rebuild(self, started: float) -> RebuildReport:
        as_of = self.as_of or default_as_of()  # readiness shown on pages depends on the date
        self._last = None  # until this rebuild succeeds
        site, problems = load_site(self.content, as_of, self.reader)
        if site is None or errors_in(problems):
            return RebuildReport(False, problems, seconds=time.perf_counter() - started)
        plan = self._plan(site, as_of)
        wanted = self._fingerprints(plan)
        stale = [
            p
            for p in plan.pages
            if self.outputs.get(p.output_file, ("",))[0] != wanted[p.output_file]
        ]
        if self.max_rendered is not None and len(stale) > self.max_rendered:
            # Cheaper as a clean build over every core: see cached_build.py.
            return RebuildReport(False, problems, too_many=True, site=site)
        rendered: dict[str, tuple[str, bytes]] = {}
        try:
            for page in stale:
                html = render_page(plan.env, plan.chrome, page)
                rendered[page.output_file] = (wanted[page.output_file], html)
        except jinja2.TemplateError as failure:
            problems.append(template_problem(failure, self.templates))
            return RebuildReport(False, problems, seconds=time.perf_counter() - started)
        except ContentErrors as failure:  # a news file changed while it was being read
            problems += failure.problems
            return RebuildReport(False, problems, seconds=time.perf_counter() - started)

        generated, copies = published_files(site, plan.pages, self.content, self.templates)
        wanted.update((relative, file_digest(data)) for relative, data in generated)
        wanted.update((relative, self.digests.of(source) or "") for source, relative in copies)
        if self.check_links and (rendered or wanted.keys() != self._built_before()):
            broken, linked = self._check_links(plan, rendered, wanted)
            problems += broken
            if errors_in(problems):
                return RebuildReport(False, problems, seconds=time.perf_counter() - started)
            copies += [(self.content / path, path) for path in linked]
            wanted.update((path, self.digests.of(self.content / path) or "") for path in linked)

        report = RebuildReport(
            True, problems, pages=len(plan.pages), rendered=sorted(rendered), site=site
        )
        # Written with interrupts held, so that Ctrl-C leaves the old site or the new one.
        with going_live():
            for relative, (fingerprint, data) in sorted(rendered.items()):
                self._put(relative, fingerprint, data, report)
            for relative, data in generated:  # small files: made every time, written if changed
                self._put(relative, wanted[relative], data, report)
            for source, relative in copies:
                known = self.outputs.get(relative)
                if known is None or known[0] != wanted[relative]:
                    self._copy(source, relative, wanted[relative], report)
            self._wanted = wanted
            # The search bundle stays until update_search replaces it.
            self._remove_unwanted(wanted, report, keep=_BUNDLE)
        self._last = plan
        self._save_state()
        report.seconds = time.perf_counter() - started
        return report

    def _built_before(self) -> set[str]:
        """The output files of the last build (the search bundle's aside)."""
        if self._wanted is not None:
            return set(self._wanted)
        return {relative for relative in self.outputs if not relative.startswith(_BUNDLE)}

    def _check_links(
        self,
        plan: _LastRebuild,
        rendered: Mapping[str, tuple[str, bytes]],
        wanted: Mapping[str, str],
    ) -> tuple[list[Problem], list[str]]:
        """Every page's links, the pages just rendered from memory, the others from output/."""
        html = (
            (
                page,
                rendered[page.output_file][1]
                if page.output_file in rendered
                else (self.output / page.output_file).read_bytes(),
            )
            for page in plan.pages
            if page.output_file.endswith(".html")
        )
        base_url = plan.site.settings.base_url
        return check_links(html, wanted, base_url, self.templates, self.content)

    def adopt(self, site: Site, known: Mapping[str, str]) -> None:
        """Take output/ as a clean build of `site` has just written it: record what each
        file was made from, so the next build starts warm (see cached_build.py). `known`:
        digests of files' bytes the build already had (the others are read)."""
        plan = self._plan(site, self.as_of or default_as_of())
        wanted = self._fingerprints(plan)
        self.outputs.clear()
        for relative in sorted(_files_under(self.output)):
            written = known.get(relative) or file_digest((self.output / relative).read_bytes())
            if relative not in wanted and not relative.startswith(_BUNDLE):
                # A generated or copied file is known by its bytes, which the clean build
                # has just written: the same digest a rebuild gives it.
                wanted[relative] = written
            self.outputs[relative] = (wanted.get(relative, ""), written)
        self._wanted = wanted
        key = self.search_key()
        for relative, (_, written) in self._bundle().items():
            self.outputs[relative] = (key, written)
        self._swept = True
        self._last = plan
        self._save_state()

    def _rebuild_bodies(self, changed: list[Path], started: float) -> RebuildReport | None:
        """The rebuild when every changed file is a news post whose front matter is as it
        was: the model and the page plan stay, and only the pages that have one of those
        files as a source are fingerprinted and, if changed, rendered (a post's body is
        read from its file when rendered: model.richtext.StoredMarkdown). None when the
        change is anything else, for the full rebuild to handle."""
        last = self._last
        if last is None or last.as_of != (self.as_of or default_as_of()):
            return None
        posts = {self.digests.key(path) for path in changed}
        if not posts <= last.news_files:
            return None
        for key in sorted(posts):
            path = Path(key)
            before = self.reader.last_parsed(path)
            after, problems = self.reader.markdown(path)
            if (
                problems
                or before is None
                or after is None
                or after.head_digest != before.head_digest
                or after.front_matter.value != before.front_matter.value
            ):
                return None  # the full rebuild re-validates and reports
        affected: dict[int, Page] = {}
        for key in posts:
            for name in last.names.get(key, ()):
                last.source_digest[name] = self.digests.of(Path(key))
            for page in last.pages_of.get(key, ()):
                affected.setdefault(id(page), page)
        rendered: dict[str, tuple[str, bytes]] = {}
        try:
            for page in affected.values():
                fingerprint = page_fingerprint(
                    page,
                    last.common,
                    last.template_digest[page.template],
                    last.source_digest,
                    {},
                    last.downloads.get(page.path, ""),
                )
                known = self.outputs.get(page.output_file)
                if known is None or known[0] != fingerprint:
                    html = render_page(last.env, last.chrome, page)
                    rendered[page.output_file] = (fingerprint, html)
        except (jinja2.TemplateError, ContentErrors):
            return None  # let the full rebuild report it
        report = RebuildReport(
            True, [], pages=len(last.pages), rendered=sorted(rendered), site=last.site
        )
        for relative, (fingerprint, data) in sorted(rendered.items()):
            self._put(relative, fingerprint, data, report)
        # The state file is saved with the search index that follows (update_search):
        # if it is never saved, the next run finds these pages' fingerprints stale and
        # renders them again, which costs time, never correctness.
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
        digest = file_digest(data)
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
            if self._found is None:  # listed once: the bundle's turn comes after the pages'
                self._found = _files_under(self.output)
            gone += [relative for relative in self._found if relative not in wanted]
            # Left for the next sweep: the files kept now, unless it finds them wanted.
            self._found = [r for r in self._found if keep is not None and r.startswith(keep)]
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
