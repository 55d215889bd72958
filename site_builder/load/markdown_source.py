"""Markdown files with YAML front matter (news posts)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from site_builder.load.yaml_source import SourceDocument, load_yaml_text
from site_builder.problems import Location, Problem

_FENCE = "---"


@dataclass(slots=True)
class MarkdownSource:
    front_matter: SourceDocument
    body: str
    body_line: int  # line of the body's first line in the file
    body_offset: int  # where the body starts in the file's decoded text
    head_digest: str  # of the text before the body: the body is read again to render it


def split_front_matter(text: str, file: str) -> tuple[MarkdownSource | None, list[Problem]]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != _FENCE:
        return None, [Problem(Location(file, 1, 1), "front_matter_missing")]
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == _FENCE:
            break
    else:
        return None, [Problem(Location(file, 1, 1), "front_matter_missing")]
    yaml_text = "".join(lines[1:index])
    doc, problems = load_yaml_text(yaml_text, file, line_offset=1)
    if doc is None:
        return None, problems
    head = "".join(lines[: index + 1])
    return MarkdownSource(doc, text[len(head) :], index + 2, len(head), head_digest(head)), []


def head_digest(head: str) -> str:
    return hashlib.blake2b(head.encode("utf-8"), digest_size=16).hexdigest()
