"""Safe, position-keeping YAML loading.

PyYAML's safe loader forgets where values came from and silently keeps the last of two
duplicate keys. We compose the node graph (libyaml's C parser where available), then
build plain Python values ourselves, recording the line and column of every mapping key
and list item, rejecting duplicate keys, non-standard tags and runaway alias expansion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
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

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
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


def decode_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes of a content file → text (UTF-8, BOM allowed; Windows-874 with a warning)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Problem(Location(file), "file_too_large", {"size": len(data), "limit": MAX_FILE_BYTES})
        ]
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
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(file), "yaml_syntax", {"problem": str(exc)})]
    except RecursionError:
        return None, [Problem(Location(file), "yaml_too_deep", {"limit": MAX_DEPTH})]

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


def _short_tag(tag: str) -> str:
    """'tag:yaml.org,2002:python/object' → '!!python/object', as the editor wrote it."""
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


class _Builder:
    def __init__(self, doc: SourceDocument, line_offset: int):
        self.doc = doc
        self.line_offset = line_offset
        self.seen: set[int] = set()
        self.expanded = 0

    def where(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def refuse(self, node: Node, key: str, /, **fields: object) -> _Refused:
        line, column = self.where(node)
        return _Refused(Problem(Location(self.doc.file, line, column), key, fields))

    def build(self, node: Node, path: Path, depth: int) -> Any:
        if id(node) in self.seen:  # reached again through an alias
            self.expanded += 1
            if self.expanded > MAX_ALIAS_EXPANSION:
                raise self.refuse(node, "yaml_alias_limit", limit=MAX_ALIAS_EXPANSION)
        else:
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.refuse(node, "yaml_too_deep", limit=MAX_DEPTH)

        if isinstance(node, ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise self.refuse(node, "yaml_tag", tag=_short_tag(node.tag))
            try:
                return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
            except (ValueError, yaml.YAMLError) as exc:
                if node.tag == f"{_TAG}timestamp":
                    # 2022-02-30: kept as written, so validation reports it with the
                    # file's other problems instead of stopping at the first.
                    return node.value
                raise self.refuse(node, "yaml_syntax", problem=str(exc).splitlines()[0]) from None
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
