"""Validate every loaded content file against its model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel

from site_builder.load.content_tree import RawContent
from site_builder.load.markdown_source import MarkdownSource
from site_builder.load.yaml_source import SourceDocument
from site_builder.problems import Problem
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from site_builder.schema.records import ValidRecords, validate_records
from site_builder.schema.validate import validate

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Validated(Generic[M]):
    """A valid record and the document it came from (to place later cross-file problems)."""

    record: M
    source: SourceDocument


@dataclass(frozen=True, slots=True)
class NewsSource:
    slug: str
    front_matter: Validated[NewsFrontMatter]
    markdown: MarkdownSource  # the body is rendered from the file (model.richtext.StoredMarkdown)


@dataclass(slots=True)
class ValidContent:
    site: Validated[SiteFile] | None = None
    assessments: list[Validated[AssessmentFile]] = field(default_factory=list)
    measure_sets: list[Validated[MeasuresFile]] = field(default_factory=list)
    disclosures: list[Validated[DisclosureFile]] = field(default_factory=list)
    news: list[NewsSource] = field(default_factory=list)
    files: frozenset[str] = frozenset()
    records: ValidRecords = field(default_factory=ValidRecords)  # O1, O2, tables


def _check(doc: SourceDocument, model: type[M], problems: list[Problem]) -> Validated[M] | None:
    record, found = validate(doc, model)
    problems += found
    return Validated(record, doc) if record is not None else None


def validate_content(raw: RawContent) -> tuple[ValidContent, list[Problem]]:
    problems: list[Problem] = []
    content = ValidContent(files=raw.files)
    if raw.site is not None:
        content.site = _check(raw.site, SiteFile, problems)
    for kind, docs, target in (
        (AssessmentFile, raw.assessments, content.assessments),
        (MeasuresFile, raw.measure_sets, content.measure_sets),
        (DisclosureFile, raw.disclosures, content.disclosures),
    ):
        for doc in docs:
            checked = _check(doc, kind, problems)
            if checked is not None:
                target.append(checked)
    for slug, source in sorted(raw.news.items()):
        checked = _check(source.front_matter, NewsFrontMatter, problems)
        if checked is not None:
            content.news.append(NewsSource(slug, checked, source))
    content.records, found = validate_records(raw)
    problems += found
    return content, problems
