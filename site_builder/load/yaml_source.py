"""Safe, position-keeping YAML loading.

PyYAML's safe loader forgets where values came from and silently keeps the last of two
duplicate keys. We read libyaml's events (its C parser where available), compose the node
graph ourselves without recursion, then build plain Python values, recording the line and
column of every mapping key and list item. Refused, each with its place in the file:
non-standard tags, duplicate keys, nesting deeper than MAX_DEPTH, aliases expanding to more
than MAX_ALIAS_EXPANSION values, and files over MAX_FILE_BYTES.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_builder.load.encoding import decode_legacy, normalise_newlines
from site_builder.load.yaml_errors import syntax_problem
from site_builder.problems import Location, Problem, format_path

try:  # libyaml's parser is several times faster; positions are the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
# Values reached a second time through an alias; far above any honest use of anchors,
# far below what a "billion laughs" document needs.
MAX_ALIAS_EXPANSION = 10_000
MAX_DEPTH = 64
# Longer number literals stay text: no honest score, year or count needs more digits.
_MAX_NUMBER_CHARS = 40

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_NUMBER_TAGS = {f"{_TAG}int", f"{_TAG}float"}
_CONSTRUCTOR = SafeConstructor()

Path = tuple[str | int, ...]


@dataclass(slots=True)
class SourceDocument:
    """One loaded file: its value, and where each part of it was written."""

    file: str
    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    # How a path is named in messages when not as written in YAML: a CSV cell is
    # named by its column header ("วงเงิน"), not by rows[3].budget.
    labels: dict[Path, str] = field(default_factory=dict)
    # Validation results by model: a document parsed once (the dev server keeps them
    # between rebuilds) is validated once.
    validated: dict[type, tuple[Any, tuple[Problem, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def locate(self, path: Sequence[str | int]) -> Location:
        """Location of `path`, or of its nearest written ancestor."""
        key = tuple(path)
        while key:
            if key in self.positions:
                line, column = self.positions[key]
                return Location(self.file, line, column)
            key = key[:-1]
        line, column = self.positions.get((), (1, 1))
        return Location(self.file, line, column)

    def describe(self, path: Sequence[str | int]) -> str:
        """The field named in a message about `path`: its label, or rows[3].budget."""
        key = tuple(path)
        return self.labels.get(key) or format_path(key)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def too_large(file: str, size: int) -> Problem:
    megabytes = {"size": f"{size / 2**20:.1f}", "limit": f"{MAX_FILE_BYTES / 2**20:.1f}"}
    return Problem(Location(file), "file_too_large", megabytes)


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes of a content file → text (UTF-8, BOM allowed; Windows-874 with a warning)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(file, len(data))]
    try:
        return normalise_newlines(data.decode("utf-8-sig")), []
    except UnicodeDecodeError as exc:
        return decode_legacy(data, exc.start, file)


def load_yaml_text(
    text: str, file: str, line_offset: int = 0
) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse YAML text; `line_offset` shifts lines (front matter inside a Markdown file)."""
    try:
        loader = _Loader(text)
        try:
            node = _Composer(loader, file, line_offset).single_node()
        finally:
            loader.dispose()
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(file), "yaml_syntax", {"problem": str(exc)})]

    doc = SourceDocument(file, None)
    if node is None:  # an empty file
        doc.value = {}
        doc.positions[()] = (1, 1)
        return doc, []
    builder = _Builder(doc, line_offset)
    try:
        doc.value = builder.build(node, (), 0)
    except _Refused as refused:
        return None, [refused.problem]
    doc.positions.setdefault(
        (), (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
    )
    return doc, []


def _refusal(file: str, mark: yaml.Mark, line_offset: int, key: str, **fields: object) -> _Refused:
    location = Location(file, mark.line + 1 + line_offset, mark.column + 1)
    return _Refused(Problem(location, key, fields))


class _Open:
    """A collection being composed: its node, anchor, size so far and pending mapping key."""

    __slots__ = ("anchor", "key", "node", "size")

    def __init__(self, node: SequenceNode | MappingNode, anchor: str | None):
        self.node = node
        self.anchor = anchor
        self.size = 1
        self.key: Node | None = None


class _Composer:
    """Events → node graph, without recursion, refusing depth and alias bombs as they appear.

    libyaml's own composer recurses in C once per nesting level: some 30,000 levels (60 KB
    of "[") overflow its stack and kill the process. Here nesting is an explicit stack cut
    at MAX_DEPTH, and every alias adds the size of what it refers to to a running total, so
    a "billion laughs" is refused at the alias that crosses MAX_ALIAS_EXPANSION, after work
    proportional to the text read.
    """

    def __init__(self, loader: _Loader, file: str, line_offset: int):
        self.loader = loader
        self.file = file
        self.line_offset = line_offset
        self.anchors: dict[str, tuple[Node, int]] = {}  # anchor → (node, size)
        self.expanded = 0

    def single_node(self) -> Node | None:
        loader = self.loader
        loader.get_event()  # stream start
        node = None
        if not loader.check_event(StreamEndEvent):
            loader.get_event()  # document start
            node = self._document()
            loader.get_event()  # document end
        if not loader.check_event(StreamEndEvent):
            event = loader.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                node.start_mark if node is not None else None,
                "but found another document",
                event.start_mark,
            )
        loader.get_event()  # stream end
        return node

    def _anchor(self, anchor: str | None, node: Node, size: int, mark: yaml.Mark) -> None:
        if anchor is None:
            return
        if anchor in self.anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor][0].start_mark,
                "second occurrence",
                mark,
            )
        self.anchors[anchor] = (node, size)

    def _document(self) -> Node:
        loader = self.loader
        stack: list[_Open] = []
        while True:
            event = loader.get_event()
            if isinstance(event, AliasEvent):
                if event.anchor not in self.anchors:
                    raise ComposerError(
                        None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                    )
                node, size = self.anchors[event.anchor]
                self.expanded += size
                if self.expanded > MAX_ALIAS_EXPANSION:
                    raise _refusal(
                        self.file,
                        event.start_mark,
                        self.line_offset,
                        "yaml_alias_limit",
                        limit=MAX_ALIAS_EXPANSION,
                    )
            elif isinstance(event, ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(ScalarNode, event.value, event.implicit)
                node = ScalarNode(
                    tag, event.value, event.start_mark, event.end_mark, style=event.style
                )
                size = 1
                self._anchor(event.anchor, node, size, event.start_mark)
            elif isinstance(event, SequenceStartEvent | MappingStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _refusal(
                        self.file, event.start_mark, self.line_offset, "yaml_too_deep",
                        limit=MAX_DEPTH,
                    )  # fmt: skip
                kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(kind, None, event.implicit)
                collection = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                stack.append(_Open(collection, event.anchor))
                continue
            else:  # the end of the innermost collection
                done = stack.pop()
                node, size = done.node, done.size
                node.end_mark = event.end_mark
                self._anchor(done.anchor, node, size, node.start_mark)
            if not stack:
                return node
            parent = stack[-1]
            parent.size += size
            if isinstance(parent.node, SequenceNode):
                parent.node.value.append(node)
            elif parent.key is None:
                parent.key = node
            else:
                parent.node.value.append((parent.key, node))
                parent.key = None


def _short_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object' → '!!python/object', as the editor wrote it."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


class _Builder:
    def __init__(self, doc: SourceDocument, line_offset: int):
        self.doc = doc
        self.line_offset = line_offset

    def where(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def refuse(self, node: Node, key: str, /, **fields: object) -> _Refused:
        line, column = self.where(node)
        return _Refused(Problem(Location(self.doc.file, line, column), key, fields))

    def build(self, node: Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:  # reached through aliases: each part was within the limit
            raise self.refuse(node, "yaml_too_deep", limit=MAX_DEPTH)

        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != f"{_TAG}seq":
                raise self.refuse(node, "yaml_tag", tag=_short_tag(node.tag))
            items = []
            for index, item in enumerate(node.value):
                self.doc.positions[(*path, index)] = self.where(item)
                items.append(self.build(item, (*path, index), depth + 1))
            return items
        if isinstance(node, MappingNode):
            if node.tag != f"{_TAG}map":
                raise self.refuse(node, "yaml_tag", tag=_short_tag(node.tag))
            mapping: dict[Any, Any] = {}
            first_line: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path, depth + 1)
                if isinstance(key, list | dict):
                    raise self.refuse(key_node, "yaml_key_not_text")
                if key in mapping:
                    raise self.refuse(
                        key_node, "yaml_duplicate_key", key=key, first_line=first_line[key]
                    )
                line, column = self.where(key_node)
                first_line[key] = line
                self.doc.positions[(*path, key)] = (line, column)
                mapping[key] = self.build(value_node, (*path, key), depth + 1)
            return mapping
        raise self.refuse(node, "yaml_tag", tag=getattr(node, "tag", "?"))  # pragma: no cover

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            raise self.refuse(node, "yaml_tag", tag=_short_tag(tag))
        if tag in _NUMBER_TAGS and (":" in node.value or len(node.value) > _MAX_NUMBER_CHARS):
            # YAML 1.1 reads 8:30 as 510 (base 60) at quadratic cost for long chains, and
            # a huge integer cannot even be shown in a message: both stay text (as in YAML 1.2).
            return node.value
        try:
            return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError) as exc:
            if tag == f"{_TAG}timestamp":
                # 2022-02-30: kept as written, so validation reports it with the
                # file's other problems instead of stopping at the first.
                return node.value
            raise self.refuse(node, "yaml_syntax", problem=str(exc).splitlines()[0]) from None
