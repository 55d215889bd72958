"""Post-render link check: every internal link, anchor and attachment of the built pages.

Links are read from the rendered HTML, so Markdown links, template links and attachment
lists are all covered; each is resolved the way a browser resolves it against the page's
own address and checked against the files the build writes and the ids in each page.
A link to a file under content/files/ that no document lists is published with the site
(`linked_files`). A full address on the site's own host is checked only where the build
writes (its first folder is one of the site's, e.g. oit/ or files/): the agency may run
other services on the same host (/e-service/, /qa/); one that finds nothing there is a
warning, since another program may still serve it. A broken link is reported where it
is written: the first content file of the page that contains the link as written, else
the template that contains its site path in quotes ('oit/'), else the page's template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from site_builder.load.content_tree import display_path
from site_builder.problems import Location, Problem, Severity
from site_builder.render.pages import Page
from site_builder.safe_paths import inside

# (tag, attribute) pairs whose value a browser follows or loads.
_LINK_ATTRIBUTES = frozenset(
    {("a", "href"), ("area", "href"), ("img", "src"), ("link", "href"), ("script", "src")}
    | {("source", "src"), ("video", "src"), ("audio", "src"), ("iframe", "src")}
)
_ALWAYS_THERE = frozenset({"", "top"})  # fragments a browser resolves without an id
# A link from the site's root ("/oit/", "//host/…") or with a scheme ("https:", "mailto:").
_SAME_FROM_EVERY_PAGE = re.compile(r"/|[A-Za-z][A-Za-z0-9+.\-]*:")


_SELECTOR = ",".join(
    ["[id]", "a[name]", *(f"{tag}[{attribute}]" for tag, attribute in sorted(_LINK_ATTRIBUTES))]
)


class _PageLinks:
    """The ids a page defines and the links it contains, in document order."""

    __slots__ = ("ids", "links")

    def __init__(self, html: bytes):
        self.ids: set[str] = set()
        self.links: list[str] = []
        for node in LexborHTMLParser(html).css(_SELECTOR):
            attributes = node.attributes
            for name, value in attributes.items():
                if value is None:
                    continue
                if name == "id" or (node.tag == "a" and name == "name"):
                    self.ids.add(value)
                elif (node.tag, name) in _LINK_ATTRIBUTES:
                    self.links.append(value)


class LinkChecker:
    """The links of one rendered site; `problems()` lists the broken ones."""

    def __init__(
        self,
        pages: Iterable[tuple[Page, bytes]],
        published: Iterable[str],
        base_url: str | None,
        templates: Path,
        content: Path,
    ):
        self.files = set(published)
        # First segments of the site's own paths (oit, news, files, index.html, …).
        self.sections = {path.split("/", 1)[0] for path in self.files} | {"", "files"}
        base = urlsplit(base_url) if base_url else None
        self.origin = f"{base.scheme}://{base.netloc}".lower() if base else None
        self.base_path = base.path if base and base.path else "/"
        if not self.base_path.endswith("/"):
            self.base_path += "/"
        self.templates = templates
        self.content = content
        self.linked_files: set[str] = set()  # content files reached only through links
        # Only each page's ids and links are kept: pages may be read one at a time.
        self.pages: list[Page] = []
        self.parsed: dict[str, _PageLinks] = {}
        for page, html in pages:
            if page.output_file.endswith(".html"):
                self.pages.append(page)
                self.parsed[page.output_file] = _PageLinks(html)
        self._texts: dict[Path, str | None] = {}
        # Verdicts on links that mean the same from every page ("/oit/", full addresses):
        # the header and footer repeat dozens of them on each of thousands of pages.
        self._verdicts: dict[str, tuple[str, dict[str, object]] | None] = {}

    def problems(self) -> list[Problem]:
        found: dict[tuple[Location, str, str], Problem] = {}
        for page in self.pages:
            for link in self.parsed[page.output_file].links:
                broken = self._verdict(page, link)
                if broken is not None:
                    key, fields = broken
                    location = self._where(page, link)
                    fields["page"] = self.base_path + page.path
                    # A full address may be served by another program on the same host
                    # (an older site's /files/): worth a look, not worth stopping the build.
                    severity = Severity.WARNING if key == "own_address_missing" else Severity.ERROR
                    problem = Problem(location, key, fields, severity=severity)
                    found.setdefault((location, key, link), problem)
        return sorted(found.values(), key=Problem.sort_key)

    def _resolve(self, page: Page, link: str) -> tuple[str | None, str] | None:
        """(site path, fragment) of an internal link: site path None if it leaves the site's
        address; None for an external or non-web link."""
        parts = urlsplit(link)
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None  # mailto:, tel:
        full_address = bool(parts.netloc)
        if full_address:
            origin = f"{parts.scheme or 'https'}://{parts.netloc}".lower()
            if origin != self.origin:
                return None
            link = parts._replace(scheme="", netloc="").geturl() or "/"
        absolute = urlsplit(urljoin(self.base_path + quote(page.path, safe="/"), link))
        path, fragment = unquote(absolute.path), unquote(absolute.fragment)
        if {".", ".."} & set(path.split("/")):
            return None, fragment  # %2e%2e that a browser would resolve
        if not path.startswith(self.base_path):
            # A full address on the site's host but outside its folder is another site
            # there (another agency of `multi`); a relative one meant this site.
            return None if full_address else (None, fragment)
        site_path = path[len(self.base_path) :]
        if full_address and site_path.split("/", 1)[0] not in self.sections:
            return None  # another service of the agency on the same host (/e-service/)
        return site_path, fragment

    def _file_for(self, site_path: str) -> str | None:
        if site_path == "" or site_path.endswith("/"):
            candidates = (site_path + "index.html",)
        else:  # a static host serves folder/ for folder, after a redirect
            candidates = (site_path, site_path + "/index.html")
        found = next((c for c in candidates if c in self.files), None)
        if found is None and site_path.startswith("files/") and "\\" not in site_path:
            source = self.content.joinpath(*PurePosixPath(site_path).parts)
            if source.is_file() and inside(self.content, source):
                self.linked_files.add(site_path)
                found = site_path
        return found

    def _verdict(self, page: Page, link: str) -> tuple[str, dict[str, object]] | None:
        if link.startswith("#"):  # the page itself ("#main" on every page): no URL to resolve
            fragment = unquote(link[1:])
            if fragment in _ALWAYS_THERE or fragment in self.parsed[page.output_file].ids:
                return None
            return "broken_anchor", {"target": link, "anchor": fragment}
        if not _SAME_FROM_EVERY_PAGE.match(link):
            return self._broken(page, link)  # relative: depends on the page's address
        if link not in self._verdicts:
            self._verdicts[link] = self._broken(page, link)
        verdict = self._verdicts[link]
        return None if verdict is None else (verdict[0], dict(verdict[1]))

    def _broken(self, page: Page, link: str) -> tuple[str, dict[str, object]] | None:
        resolved = self._resolve(page, link)
        if resolved is None:
            return None
        site_path, fragment = resolved
        target = self._file_for(site_path) if site_path is not None else None
        if target is None:
            if urlsplit(link).netloc:
                return "own_address_missing", {"target": link}
            attachment = site_path is not None and site_path.startswith("files/")
            return ("missing_attachment" if attachment else "broken_link"), {"target": link}
        if fragment in _ALWAYS_THERE or target not in self.parsed:
            return None
        if fragment not in self.parsed[target].ids:
            return "broken_anchor", {"target": link, "anchor": fragment}
        return None

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def _find(self, path: Path, needles: Iterable[str]) -> Location | None:
        text = self._text(path)
        for needle in needles:
            index = text.find(needle) if text is not None else -1
            if index >= 0:
                line = text.count("\n", 0, index) + 1
                column = index - (text.rfind("\n", 0, index) + 1) + 1
                return Location(display_path(path), line, column)
        return None

    def _where(self, page: Page, link: str) -> Location:
        for source in page.sources:
            if found := self._find(Path(source), (link,)):
                return found
        resolved = self._resolve(page, link)
        site_path = resolved[0] if resolved and resolved[0] is not None else link
        own = self.templates / page.template
        others = sorted(p for p in self.templates.rglob("*") if p.is_file() and p != own)
        for template in (own, *others):
            if found := self._find(template, (f"'{site_path}'", f'"{site_path}"')):
                return found
        return Location(display_path(own))


def check_links(
    pages: Iterable[tuple[Page, bytes]],
    published: Iterable[str],
    base_url: str | None,
    templates: Path,
    content: Path,
) -> tuple[list[Problem], list[str]]:
    """Every broken internal link, missing anchor and missing attachment in `pages` (page,
    bytes as rendered), checked against `published` (the site path of every file the site
    has, pages included), and the content files (site paths) that only links refer to, to
    publish with it."""
    checker = LinkChecker(pages, published, base_url, templates, content)
    return checker.problems(), sorted(checker.linked_files)
