"""Validate the agency's records: organisation.yaml and the table files.

A table file's kind and year come from where it is: `procurement/2565/summary-2565-01.csv`
is the procurement summary (O23) of January 2565, fiscal year 2565. A file in a table
folder that matches no kind is reported, so a misspelt name never silently vanishes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Generic, TypeVar

from site_builder.load.content_tree import RawContent
from site_builder.load.tables import TableFile, parse_month, table_document
from site_builder.load.yaml_source import SourceDocument
from site_builder.problems import Location, Problem
from site_builder.schema.organisation import OrganisationFile
from site_builder.schema.tables import (
    AnnouncementsFile,
    BudgetFile,
    ProcurementPlanFile,
    ProcurementReportFile,
    ProcurementSummaryFile,
    StatisticsFile,
    TableFileModel,
)
from site_builder.schema.validate import validate

T = TypeVar("T", bound=TableFileModel)

SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".numbers")
_YEAR = r"(?P<fiscal_year>\d{4})"


@dataclass(frozen=True, slots=True)
class TableKind:
    """A kind of table file: where it lives, and its model."""

    name: str
    pattern: str  # regular expression on the path inside content/, without suffix
    example: str  # the path as the documentation writes it
    model: type[TableFileModel]

    def match(self, stem_path: str) -> re.Match[str] | None:
        return re.fullmatch(self.pattern, stem_path)


TABLE_KINDS = (
    TableKind(
        "service_statistics",
        rf"statistics/service-{_YEAR}",
        "statistics/service-2565.csv",
        StatisticsFile,
    ),
    TableKind(
        "complaint_statistics",
        rf"statistics/complaints-{_YEAR}",
        "statistics/complaints-2565.csv",
        StatisticsFile,
    ),
    TableKind("budget_plan", rf"budget/{_YEAR}/plan", "budget/2565/plan.csv", BudgetFile),
    TableKind(
        "budget_six_month_report",
        rf"budget/{_YEAR}/report-6-months",
        "budget/2565/report-6-months.csv",
        BudgetFile,
    ),
    TableKind(
        "budget_annual_report",
        rf"budget/{_YEAR}/report-annual",
        "budget/2565/report-annual.csv",
        BudgetFile,
    ),
    TableKind(
        "procurement_plan",
        rf"procurement/{_YEAR}/plan",
        "procurement/2565/plan.csv",
        ProcurementPlanFile,
    ),
    TableKind(
        "procurement_announcements",
        rf"procurement/{_YEAR}/announcements",
        "procurement/2565/announcements.csv",
        AnnouncementsFile,
    ),
    TableKind(
        "procurement_summary",
        rf"procurement/{_YEAR}/summary-(?P<month>\d{{4}}-\d{{2}})",
        "procurement/2565/summary-2565-01.csv",
        ProcurementSummaryFile,
    ),
    TableKind(
        "procurement_annual_report",
        rf"procurement/{_YEAR}/report",
        "procurement/2565/report.csv",
        ProcurementReportFile,
    ),
)


@dataclass(frozen=True, slots=True)
class ValidTable(Generic[T]):
    """A valid table file, what it is and where it came from."""

    kind: str
    fiscal_year: int  # from the folder or file name (พ.ศ.)
    record: T
    source: SourceDocument
    month: tuple[int, int] | None = None  # (year CE, month) named by a monthly file


@dataclass(slots=True)
class ValidRecords:
    organisation: OrganisationFile | None = None
    organisation_source: SourceDocument | None = None
    tables: list[ValidTable] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[ValidTable]:
        return [table for table in self.tables if table.kind == kind]


def _kind_of(table: TableFile) -> tuple[TableKind | None, re.Match[str] | None]:
    stem_path = str(PurePosixPath(table.relative).with_suffix(""))
    for kind in TABLE_KINDS:
        match = kind.match(stem_path)
        if match:
            return kind, match
    return None, None


def _unknown_file(table: TableFile) -> Problem:
    suffix = PurePosixPath(table.relative).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return Problem(Location(table.file), "records_spreadsheet", {"suffix": suffix})
    folder = table.relative.split("/", 1)[0]
    expected = ", ".join(
        kind.example for kind in TABLE_KINDS if kind.example.startswith(f"{folder}/")
    )
    if suffix not in (".csv", ".yaml", ".yml"):
        return Problem(Location(table.file), "records_not_table", {"expected": expected})
    return Problem(
        Location(table.file), "records_unknown_file", {"folder": folder, "expected": expected}
    )


def _document(table: TableFile, kind: TableKind, problems: list[Problem]) -> SourceDocument | None:
    if table.document is not None:
        return table.document
    if table.csv is None:
        return None
    document, found = table_document(table.csv, kind.model.spec())
    problems += found
    return document


def _validated(
    doc: SourceDocument, kind: TableKind, from_csv: bool, problems: list[Problem]
) -> TableFileModel | None:
    record, found = validate(doc, kind.model)
    # An empty spreadsheet cell is not a "missing field": say so in the editor's terms.
    problems += [
        Problem(p.location, "table_empty_cell", p.fields, p.field_path, p.severity)
        if from_csv and p.key == "missing"
        else p
        for p in found
    ]
    return record


def validate_records(raw: RawContent) -> tuple[ValidRecords, list[Problem]]:
    problems: list[Problem] = []
    records = ValidRecords()
    if raw.organisation is not None:
        record, found = validate(raw.organisation, OrganisationFile)
        problems += found
        records.organisation = record
        records.organisation_source = raw.organisation

    seen: dict[str, str] = {}  # path without suffix → file that gave it
    for table in sorted(raw.tables, key=lambda t: t.relative):
        kind, match = _kind_of(table)
        if kind is None or match is None or (table.document is None and table.csv is None):
            problems.append(_unknown_file(table))
            continue
        stem_path = match.group(0)
        if stem_path in seen:
            problems.append(
                Problem(Location(table.file), "records_duplicate_file", {"other": seen[stem_path]})
            )
            continue
        seen[stem_path] = table.file
        fiscal_year = int(match["fiscal_year"])
        if not 2500 <= fiscal_year <= 2700:
            problems.append(
                Problem(Location(table.file), "records_fiscal_year_ce", {"found": fiscal_year})
            )
            continue
        month: tuple[int, int] | None = None
        if "month" in match.groupdict():
            year, number = parse_month(match["month"]) or (None, 0)
            if year is None:
                problems.append(
                    Problem(Location(table.file), "bad_month", {"found": match["month"]})
                )
                continue
            month = (year, number)
        doc = _document(table, kind, problems)
        if doc is None:
            continue
        record = _validated(doc, kind, table.csv is not None, problems)
        if record is not None:
            records.tables.append(ValidTable(kind.name, fiscal_year, record, doc, month))
    return records, problems
