"""Join validated content into the domain model, checking what spans files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from site_builder.checklist import available_frameworks, load_framework
from site_builder.load.yaml_source import SourceDocument
from site_builder.model import (
    Assessment,
    Attachment,
    Checklist,
    ChecklistGroup,
    ChecklistSection,
    EmptyPeriod,
    Evidence,
    FeedLink,
    Indicator,
    MeasureSet,
    NewsPost,
    OitItem,
    Site,
    ToolResult,
)
from site_builder.model.build_records import build_records, item_records
from site_builder.model.record_evidence import record_evidence
from site_builder.model.records import Records
from site_builder.model.richtext import RichText, StoredMarkdown
from site_builder.model.scoring import grade_for, overall_score, tool_scores
from site_builder.opendata.contracting import procurement_package
from site_builder.opendata.registry import collect_datasets
from site_builder.periods import Month, Period, parse_period, period_in_title
from site_builder.problems import Problem, Severity, format_path
from site_builder.safe_paths import inside
from site_builder.schema.bundle import Validated, ValidContent
from site_builder.schema.content import (
    Agency,
    AssessmentFile,
    DisclosureDocument,
    DisclosureFile,
    DisclosureLink,
    MeasuresFile,
)
from site_builder.schema.framework import FrameworkFile, ItemSpec
from site_builder.schema.types import Document, Link


class _Context:
    """Shared state of one model build: where content lives and the problems found."""

    def __init__(self, root: Path, files: frozenset[str]):
        self.root = root.resolve()
        self.files = files
        self.problems: list[Problem] = []
        self.attachments: set[str] = set()

    def error(
        self, source: SourceDocument, path: Iterable[str | int], key: str, /, **fields: object
    ) -> None:
        path = tuple(path)
        self.problems.append(Problem(source.locate(path), key, fields, format_path(path)))

    def warn(
        self, source: SourceDocument, path: Iterable[str | int], key: str, /, **fields: object
    ) -> None:
        path = tuple(path)
        self.problems.append(
            Problem(source.locate(path), key, fields, format_path(path), Severity.WARNING)
        )

    def framework(
        self, framework_id: str, source: SourceDocument, path: tuple[str, ...]
    ) -> FrameworkFile | None:
        framework, problems = load_framework(framework_id)
        self.problems += problems
        if framework is None and not problems:
            self.error(
                source,
                path,
                "unknown_framework",
                found=framework_id,
                expected=", ".join(available_frameworks()),
            )
        return framework

    def content_file(
        self, relative: str, source: SourceDocument, path: tuple[str | int, ...]
    ) -> bool:
        """True if `relative` names a regular file inside content/ (symlinks may not lead out)."""
        target = self.root / relative
        if target.exists() and not inside(self.root, target):
            self.error(source, path, "file_outside_content", found=relative)
            return False
        if relative not in self.files or not target.is_file():
            self.error(source, path, "missing_file", found=relative)
            return False
        self.attachments.add(relative)
        return True

    def attachments_of(
        self,
        documents: Iterable[Document | Link],
        source: SourceDocument,
        path: tuple[str | int, ...],
    ) -> tuple[Attachment, ...]:
        result = []
        for index, document in enumerate(documents):
            if isinstance(document, Link):
                result.append(Attachment(document.title, document.url, False))
            elif document.file is not None:
                if self.content_file(document.file, source, (*path, index, "file")):
                    result.append(Attachment(document.title, document.file, True, document.date))
            else:
                result.append(Attachment(document.title, document.url or "", False, document.date))
        return tuple(result)


def _text(value: str | None) -> RichText | None:
    return RichText(value) if value and value.strip() else None


def build_site(content: ValidContent, root: Path) -> tuple[Site | None, list[Problem]]:
    ctx = _Context(root, content.files)
    assessments = tuple(
        a for a in (_assessment(ctx, v) for v in content.assessments) if a is not None
    )
    # Years of every valid ITA file, also those with cross-file errors of their own, so
    # one broken result does not make the measures that cite it an error too.
    known_years = {v.record.year for v in content.assessments}
    measure_sets = tuple(
        m
        for m in (_measure_set(ctx, v, known_years) for v in content.measure_sets)
        if m is not None
    )
    news = tuple(
        sorted(
            (
                NewsPost(
                    slug=item.slug,
                    title=item.front_matter.record.title,
                    date=item.front_matter.record.date,
                    summary=item.front_matter.record.summary,
                    image=_image(
                        ctx, item.front_matter.record.image, item.front_matter.source, ("image",)
                    ),
                    body=StoredMarkdown(
                        item.front_matter.source.file,
                        item.markdown.body_offset,
                        item.markdown.body_line,
                        item.markdown.head_digest,
                    ),
                    documents=ctx.attachments_of(
                        item.front_matter.record.documents, item.front_matter.source, ("documents",)
                    ),
                    source=item.front_matter.source.file,
                )
                for item in content.news
            ),
            key=lambda post: (post.date, post.slug),
            reverse=True,
        )
    )
    records = build_records(ctx, content.records)
    if content.site is None:  # site.yaml is broken; the files above are checked all the same
        return None, ctx.problems
    site_file = content.site.record
    framework = ctx.framework(site_file.site.checklist, content.site.source, ("site", "checklist"))
    logo = _image(ctx, site_file.agency.logo, content.site.source, ("agency", "logo"))
    if framework is None:
        return None, ctx.problems
    checklist = _checklist(
        ctx, framework, content.disclosures, measure_sets, news, site_file.site.fiscal_year
    )
    checklist = _with_records(
        checklist, records, site_file.agency, content.site.source.file, site_file.site.fiscal_year
    )
    site = Site(
        agency=site_file.agency,
        settings=site_file.site,
        assessments=tuple(sorted(assessments, key=lambda a: a.year, reverse=True)),
        measure_sets=tuple(sorted(measure_sets, key=lambda m: m.fiscal_year, reverse=True)),
        checklist=checklist,
        news=news,
        attachments=tuple(sorted(ctx.attachments)),
        logo=logo,
        records=records,
    )
    if site_file.site.base_url is None:
        ctx.warn(content.site.source, ("site", "base_url"), "no_base_url")
    published = dataclasses.replace(
        site, datasets=collect_datasets(site), procurement_ocds=procurement_package(site)
    )
    return published, ctx.problems


def _image(
    ctx: _Context, relative: str | None, source: SourceDocument, path: tuple[str, ...]
) -> str | None:
    if relative is None or not ctx.content_file(relative, source, path):
        return None
    return relative


def _stem_year(source: SourceDocument) -> str:
    return PurePosixPath(source.file).stem


def _assessment(ctx: _Context, validated: Validated[AssessmentFile]) -> Assessment | None:
    record, source = validated.record, validated.source
    if _stem_year(source) != str(record.year):
        ctx.error(
            source, ("year",), "year_mismatch", found=record.year, expected=_stem_year(source)
        )
    framework = ctx.framework(record.framework, source, ("framework",))
    if framework is None:
        return None
    expected = sorted(ind.number for ind in framework.indicators)
    found = [ind.number for ind in record.indicators]
    if sorted(found) != expected:
        ctx.error(
            source,
            ("indicators",),
            "indicators_mismatch",
            expected=", ".join(map(str, expected)),
            found=", ".join(map(str, found)),
        )
        return None
    scores = {ind.number: ind.score for ind in record.indicators}
    computed = overall_score(framework, scores)
    if abs(computed - record.score) > 0.005:
        weights = ", ".join(f"{t.code} {t.weight:g}%" for t in framework.tools)
        ctx.warn(
            source,
            ("score",),
            "score_disagrees",
            stated=f"{record.score:.2f}",
            computed=f"{computed:.2f}",
            weights=weights,
        )
    if grade_for(framework, record.score) != record.grade:
        ctx.warn(
            source,
            ("grade",),
            "grade_disagrees",
            stated=record.grade,
            score=f"{record.score:.2f}",
            computed=grade_for(framework, record.score),
        )
    tool_of = {n: tool.code for tool in framework.tools for n in tool.indicators}
    names = {ind.number: ind.name_th for ind in framework.indicators}
    by_tool = tool_scores(framework, scores)
    return Assessment(
        year=record.year,
        framework=framework,
        score=record.score,
        grade=record.grade,
        computed_score=computed,
        computed_grade=grade_for(framework, computed),
        target=record.target,
        summary=_text(record.summary),
        indicators=tuple(
            Indicator(n, names[n], tool_of[n], scores[n], _rank(scores[n], scores.values()))
            for n in sorted(scores)
        ),
        tools=tuple(
            ToolResult(t.code, t.name_th, t.weight, by_tool[t.code]) for t in framework.tools
        ),
        analysis=tuple(record.analysis),
        source=source.file,
        updated=record.updated,
    )


def _rank(score: float, scores: Iterable[float]) -> int:
    """1 + how many scores are higher: 1, 2, 2, 4 for 90, 80, 80, 70."""
    return 1 + sum(other > score for other in scores)


def _measure_set(
    ctx: _Context, validated: Validated[MeasuresFile], known_years: set[int]
) -> MeasureSet | None:
    record, source = validated.record, validated.source
    if _stem_year(source) != str(record.fiscal_year):
        ctx.error(
            source,
            ("fiscal_year",),
            "year_mismatch",
            found=record.fiscal_year,
            expected=_stem_year(source),
        )
    numbers = [m.number for m in record.measures]
    for index, number in enumerate(numbers):
        if numbers.index(number) != index:
            ctx.error(source, ("measures", index, "number"), "duplicate_number", found=number)
    for r_index, report in enumerate(record.progress_reports):
        for m_index, number in enumerate(report.measures):
            if number not in numbers:
                ctx.error(
                    source,
                    ("progress_reports", r_index, "measures", m_index),
                    "unknown_measure",
                    found=number,
                    expected=", ".join(map(str, numbers)),
                )
    if record.assessment is not None and record.assessment not in known_years:
        ctx.error(source, ("assessment",), "unknown_assessment", found=record.assessment)
    return MeasureSet(
        fiscal_year=record.fiscal_year,
        title=record.title,
        assessment_year=record.assessment,
        adopted=record.adopted,
        measures=tuple(sorted(record.measures, key=lambda m: m.number)),
        documents=ctx.attachments_of(record.documents, source, ("documents",)),
        progress_reports=tuple(
            (
                report,
                ctx.attachments_of(report.documents, source, ("progress_reports", i, "documents")),
            )
            for i, report in sorted(
                enumerate(record.progress_reports), key=lambda pair: pair[1].date
            )
        ),
        source=source.file,
    )


def _feeds(
    kinds: Iterable[str],
    measure_sets: tuple[MeasureSet, ...],
    news: tuple[NewsPost, ...],
    fiscal_year: int,
) -> tuple[FeedLink, ...]:
    links: list[FeedLink] = []
    current = [m for m in measure_sets if m.fiscal_year == fiscal_year]
    for kind in kinds:
        if kind == "news":
            links += [FeedLink(post.title, post.path, post.date, post.source) for post in news]
        elif kind == "measures":
            links += [FeedLink(m.title, m.path, m.adopted.date, m.source) for m in current]
        elif kind == "measure_progress":
            links += [
                FeedLink(report.title, f"{m.path}#progress", report.date, m.source)
                for m in current
                for report, _ in m.progress_reports
            ]
    return tuple(links)


def _checklist(
    ctx: _Context,
    framework: FrameworkFile,
    disclosures: list[Validated[DisclosureFile]],
    measure_sets: tuple[MeasureSet, ...],
    news: tuple[NewsPost, ...],
    fiscal_year: int,
) -> Checklist:
    specs = {item.code: item for item in framework.items}
    by_code: dict[str, Validated[DisclosureFile]] = {}
    for validated in sorted(disclosures, key=lambda v: v.source.file):
        code = validated.record.code
        if code not in specs:
            ctx.error(
                validated.source, ("code",), "unknown_code", code=code, framework=framework.id
            )
        elif code in by_code:
            ctx.error(
                validated.source,
                ("code",),
                "duplicate_code",
                code=code,
                other=by_code[code].source.file,
            )
        else:
            by_code[code] = validated

    indicator_names = {ind.number: ind.name_th for ind in framework.indicators}
    items: dict[str, OitItem] = {}
    sections = []
    for sub in framework.sub_indicators:
        groups = []
        for group in sub.groups:
            group_items = []
            for code in group.items:
                item = _item(
                    ctx,
                    specs[code],
                    sub.code,
                    sub.name_th,
                    group.name_th,
                    by_code.get(code),
                    _feeds(specs[code].feeds, measure_sets, news, fiscal_year),
                )
                items[code] = item
                group_items.append(item)
            groups.append(ChecklistGroup(group.name_th, tuple(group_items)))
        sections.append(
            ChecklistSection(
                sub.code,
                sub.name_th,
                sub.indicator,
                indicator_names.get(sub.indicator, ""),
                tuple(groups),
            )
        )
    ordered = tuple(items[spec.code] for spec in framework.items if spec.code in items)
    return Checklist(framework, tuple(sections), ordered)


def _item(
    ctx: _Context,
    spec: ItemSpec,
    sub_code: str,
    sub_name: str,
    group: str,
    disclosure: Validated[DisclosureFile] | None,
    fed_by: tuple[FeedLink, ...],
) -> OitItem:
    feed_dates = [link.date for link in fed_by if link.date is not None]
    fed = tuple(_feed_evidence(link) for link in fed_by)
    if disclosure is None:
        return OitItem(
            spec,
            sub_code,
            sub_name,
            group,
            fed_by=fed_by,
            evidence=fed,
            updated=max(feed_dates, default=None),
        )
    record, source = disclosure.record, disclosure.source
    documents = ctx.attachments_of(record.documents, source, ("documents",))
    dates: list[dt.date] = [*feed_dates, *(d.date for d in documents if d.date)]
    if record.updated:
        dates.append(record.updated)
    _check_parts(ctx, spec, record, source)
    empty_periods = tuple(
        EmptyPeriod(_period(entry.period), entry.statement) for entry in record.nothing_to_report
    )
    text = _text(record.text)
    evidence = (
        *(_document_evidence(document) for document in record.documents),
        *(_link_evidence(link) for link in record.links),
        *((Evidence("text", spec.title_th),) if text else ()),
        *fed,
        *(
            Evidence("statement", empty.statement, period=empty.period, period_from="stated")
            for empty in empty_periods
        ),
    )
    return OitItem(
        spec,
        sub_code,
        sub_name,
        group,
        text=text,
        documents=documents,
        links=ctx.attachments_of(record.links, source, ("links",)),
        fed_by=fed_by,
        empty_periods=empty_periods,
        evidence=evidence,
        updated=max(dates, default=None),
        reviewed=record.reviewed,
        source=source.file,
    )


def _period(text: str) -> Period:
    """A period the schema already accepted as readable."""
    period = parse_period(text)
    assert period is not None, text
    return period


def _document_evidence(document: DisclosureDocument) -> Evidence:
    """Which months a document covers: as stated, else as its title names, else its date's month."""
    if document.period is not None:
        period, found = _period(document.period), "stated"
    elif (named := period_in_title(document.title)) is not None:
        period, found = named, "title"
    elif document.date is not None:
        period, found = Period.month(Month.of(document.date)), "date"
    else:
        return Evidence("document", document.title, part=document.part)
    return Evidence("document", document.title, document.date, period, found, document.part)


def _link_evidence(link: DisclosureLink) -> Evidence:
    return Evidence("link", link.title, part=link.part)


def _feed_evidence(link: FeedLink) -> Evidence:
    if link.date is None:
        return Evidence("feed", link.title)
    return Evidence("feed", link.title, link.date, Period.month(Month.of(link.date)), "date")


def _check_parts(
    ctx: _Context, spec: ItemSpec, record: DisclosureFile, source: SourceDocument
) -> None:
    """A `part` must name one of the parts the item's rules require."""
    expected = spec.part_names
    for field_name, entries in (("documents", record.documents), ("links", record.links)):
        for index, entry in enumerate(entries):
            if entry.part is not None and entry.part not in expected:
                ctx.error(
                    source,
                    (field_name, index, "part"),
                    "unknown_part" if expected else "no_parts",
                    found=entry.part,
                    code=spec.code,
                    expected=", ".join(expected),
                )


def _with_records(
    checklist: Checklist, records: Records, agency: Agency, site_source: str, fiscal_year: int
) -> Checklist:
    """The checklist with each item's typed records (organisation, statistics, …) added."""

    def fed(item: OitItem) -> OitItem:
        found = item_records(item.spec.feeds, records, agency, site_source, fiscal_year)
        if not found:
            return item
        evidence = (*item.evidence, *record_evidence(found))
        return replace(item, records=found, evidence=evidence)

    sections = tuple(
        replace(
            section,
            groups=tuple(
                replace(group, items=tuple(fed(item) for item in group.items))
                for group in section.groups
            ),
        )
        for section in checklist.sections
    )
    by_code = {item.code: item for section in sections for g in section.groups for item in g.items}
    return replace(
        checklist, sections=sections, items=tuple(by_code[item.code] for item in checklist.items)
    )
