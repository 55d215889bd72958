"""Markdown from content, rendered to HTML and sanitised before any template sees it."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup

from site_builder.load.content_tree import read_again
from site_builder.load.control_characters import control_character_problem
from site_builder.load.markdown_source import head_digest
from site_builder.problems import ContentErrors, Location, Problem

# What Markdown produces, and nothing that can run a script or restyle the page.
_ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s",
    "sub", "sup", "blockquote", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}

_local = threading.local()


def _converter() -> markdown.Markdown:
    # A Markdown instance keeps state between calls; one per thread, reset each time.
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        _local.converter = converter
    return converter


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# Short texts (a measure, an analysis row, an item's text) are shown on several pages and
# kept once converted; a long one (a news post's body) is shown on its own page only, so
# keeping it would hold memory for nothing: 10,000 bodies are ~60 MB of HTML per process.
CACHED_SOURCE_CHARS = 2000


def markdown_to_html(source: str) -> str:
    if len(source) > CACHED_SOURCE_CHARS:
        return _convert(source)
    return _convert_cached(source)


def _convert(source: str) -> str:
    converter = _converter()
    html = converter.reset().convert(source)
    return sanitise(html)


_convert_cached = lru_cache(maxsize=4096)(_convert)


class MarkdownText:
    """What templates use of Markdown text: `.html` is the sanitised HTML, safe to insert
    in a page; subclasses say where `.source` comes from."""

    __slots__ = ()
    source: str

    @property
    def html(self) -> Markup:
        return Markup(markdown_to_html(self.source))

    def __bool__(self) -> bool:
        return bool(self.source.strip())

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True)
class RichText(MarkdownText):
    """Markdown text held in the model (short texts from YAML)."""

    source: str


@dataclass(frozen=True, slots=True)
class StoredMarkdown(MarkdownText):
    """A news post's body, left in its content file until its page is rendered.

    Loading validated it; rendering reads it again, so a 10,000-post site does not hold
    every body in memory between the two, and an edit to a body alone leaves the model
    as it was (the dev server then re-renders only the pages that show it). `head` is a
    digest of everything before the body (the front matter): if that changed since
    loading, the body no longer starts at `offset` and the build stops, saying so.
    """

    file: str
    offset: int  # where the body starts in the file's decoded text
    line: int  # the body's first line
    head: str

    @property
    def source(self) -> str:
        text, problems = read_again(Path(self.file))
        if text is None:
            raise ContentErrors(problems)
        if head_digest(text[: self.offset]) != self.head:
            raise ContentErrors([Problem(Location(self.file), "changed_during_build")])
        body = text[self.offset :]
        # Validated when loaded; checked again for a save made since.
        if (problem := control_character_problem(body, self.file, self.line)) is not None:
            raise ContentErrors([problem])
        return body
