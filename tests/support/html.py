"""A small element tree for built pages, from the standard library's html.parser.

Tests query structure (which row holds which score) instead of searching for
substrings, so a figure in the wrong cell or an unclosed element is caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
# SVG elements written self-closing (<line .../>) in inline charts.
_SELF_CLOSING_OK = {"line", "rect", "path", "circle", "polyline", "polygon"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    line: int = 0

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def child_elements(self, tag: str | None = None) -> list[Element]:
        """Direct children only (a nested list's items are not counted)."""
        return [
            c for c in self.children if isinstance(c, Element) and (tag is None or c.tag == tag)
        ]

    def find_all(
        self, tag: str | None = None, *, cls: str | None = None, **attrs: str
    ) -> list[Element]:
        found = []
        for element in self.iter(tag):
            if element is self:
                continue
            if cls is not None and cls not in element.classes:
                continue
            if all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str | None = None, *, cls: str | None = None, **attrs: str) -> Element:
        """The first match; fails the test (AssertionError) when there is none."""
        found = self.find_all(tag, cls=cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} under <{self.tag}>"
        return found[0]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """All text inside, whitespace collapsed as a browser would show it."""
        parts: list[str] = []

        def collect(element: Element) -> None:
            for child in element.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    collect(child)

        collect(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]
        self.problems: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, line=self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, line=self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID and tag not in _SELF_CLOSING_OK:
            self.problems.append(f"line {self.getpos()[0]}: <{tag}/> is not a void element")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            open_tags = [e.tag for e in self.stack[1:]]
            self.problems.append(
                f"line {self.getpos()[0]}: </{tag}> closes <{open_tags[-1] if open_tags else '-'}>"
            )
            if tag not in open_tags:
                return
            while self.stack[-1].tag != tag:
                self.stack.pop()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Page:
    """A parsed page: its tree and the nesting problems found while parsing."""

    root: Element
    problems: list[str]
    doctype: str

    @property
    def html(self) -> Element:
        return self.root.find("html")


def parse_html(source: str) -> Page:
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    unclosed = [e.tag for e in builder.stack[1:]]
    if unclosed:
        builder.problems.append(f"unclosed at end of page: {unclosed}")
    return Page(builder.root, builder.problems, builder.doctype)


def read_page(path: Path) -> Page:
    return parse_html(path.read_text(encoding="utf-8"))
