"""Tables as agencies keep them: CSV exported from a spreadsheet, or YAML.

A CSV file is turned into the same shape as the YAML form of its table —
`{"rows": [{field: cell, …}, …], "total": {…}}`, or `{"statement": "…"}` for a
period stated as having nothing — remembering the line and column number of every
cell and the header it was written under. The schema stage then validates both forms
with one model, and a bad cell is reported as `file:line:column: <header>: …`.

Cell values stay text here; `parse_number`, `parse_month` and `parse_date` read
them (Thai digits, thousands separators, Thai month names) for the schema types.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from site_builder.load.encoding import decode_legacy
from site_builder.load.yaml_source import MAX_FILE_BYTES, SourceDocument, too_large
from site_builder.problems import Location, Problem, Severity
from site_builder.thai import BE_OFFSET, MONTH_ABBREVIATIONS, MONTHS, to_arabic_digits

# What a spreadsheet writes in the first cell of its total row.
TOTAL_LABELS = frozenset({"รวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "ยอดรวม", "รวมทั้งปี", "total"})
# A cell holding only a dash means "nothing here", as in printed Thai forms.
_EMPTY_MARKS = frozenset({"-", "–", "—", "--"})
_INVISIBLE = str.maketrans({"\u00a0": " ", "\u200b": None, "\ufeff": None, "\u200c": None})


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # line of the file where the row starts (a quoted cell may span lines)
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CsvTable:
    file: str  # as named in messages
    rows: tuple[CsvRow, ...]  # rows with at least one non-empty cell


@dataclass(frozen=True, slots=True)
class TableFile:
    """One table file under content/, loaded but not yet interpreted."""

    relative: str  # path inside content/, e.g. "procurement/2565/summary-2565-01.csv"
    file: str  # as named in messages
    document: SourceDocument | None = None  # a YAML table
    csv: CsvTable | None = None  # a CSV table (turned into a document by `table_document`)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How one kind of table is written: the headers each field may have."""

    columns: Mapping[str, tuple[str, ...]]  # field → accepted headers, the first one canonical
    required: frozenset[str] = frozenset()
    statements: tuple[str, ...] = ()  # phrases stating that the period has no rows

    def header_field(self, header: str) -> str | None:
        wanted = normalise_header(header)
        for name, headers in self.columns.items():
            if wanted == name.lower() or wanted in (normalise_header(h) for h in headers):
                return name
        return None

    def all_headers(self) -> list[str]:
        return [headers[0] for headers in self.columns.values()]


def clean_cell(text: str) -> str:
    text = text.translate(_INVISIBLE).strip()
    return "" if text in _EMPTY_MARKS else text


def normalise_header(header: str) -> str:
    """'วงเงิน (บาท)', ' วงเงิน\\n' → 'วงเงิน': units in brackets and spacing do not count."""
    text = clean_cell(header).replace("\n", " ").lower()
    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", text)
    return re.sub(r"\s+", " ", text).strip(" *:")


def read_csv(data: bytes, file: str) -> tuple[CsvTable | None, list[Problem]]:
    """CSV bytes (UTF-8, with or without a byte-order mark; Windows-874 with a warning)
    → rows with their line numbers."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(file, len(data))]
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Excel's plain "CSV" on Thai Windows is Windows-874: read it, and say how to save
        # it as UTF-8; anything else is an error at the line of the first bad byte.
        legacy, found = decode_legacy(data, exc.start, file)
        if legacy is None:
            line = data[: exc.start].count(b"\n") + 1
            return None, [Problem(Location(file, line, 1), "csv_not_utf8")]
        text = legacy
        problems = [
            Problem(p.location, "csv_encoding_converted", p.fields, severity=Severity.WARNING)
            for p in found
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[CsvRow] = []
    start = 1
    try:
        for cells in reader:
            cleaned = tuple(clean_cell(cell) for cell in cells)
            if any(cleaned):
                rows.append(CsvRow(start, cleaned))
            start = reader.line_num + 1
    except csv.Error as exc:
        return None, [Problem(Location(file, start, 1), "csv_syntax", {"problem": str(exc)})]
    return CsvTable(file, tuple(rows)), problems


def _starts_statement(text: str, spec: TableSpec) -> bool:
    return any(text.startswith(phrase) for phrase in spec.statements)


def _statement_document(table: CsvTable, spec: TableSpec) -> SourceDocument | None:
    """A file that only says the period had nothing: its statement line, else None."""
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if _starts_statement(cell, spec):
                return SourceDocument(
                    table.file,
                    {"statement": cell},
                    {(): (row.line, 1), ("statement",): (row.line, index + 1)},
                )
    return None


def _header_row(table: CsvTable, spec: TableSpec) -> int | None:
    """Index of the first row naming at least two known columns (title lines may precede it)."""
    for index, row in enumerate(table.rows):
        if sum(spec.header_field(cell) is not None for cell in row.cells if cell) >= 2:
            return index
    return None


def table_document(table: CsvTable, spec: TableSpec) -> tuple[SourceDocument | None, list[Problem]]:
    """A CSV table in the shape of its YAML form; None when its header cannot be read."""
    header_index = _header_row(table, spec)
    if header_index is None:
        statement = _statement_document(table, spec)
        if statement is not None:
            return statement, []
        line = table.rows[0].line if table.rows else 1
        expected = ", ".join(spec.all_headers())
        return None, [
            Problem(Location(table.file, line, 1), "table_no_header", {"expected": expected})
        ]

    header = table.rows[header_index]
    problems: list[Problem] = []
    fields_at: dict[int, str] = {}  # column index → field
    column_of: dict[str, int] = {}
    data_rows = table.rows[header_index + 1 :]
    known = [h for headers in spec.columns.values() for h in headers]
    for index, text in enumerate(header.cells):
        where = Location(table.file, header.line, index + 1)
        if not text:
            if any(index < len(row.cells) and row.cells[index] for row in data_rows):
                problems.append(Problem(where, "table_unnamed_column", {"column": index + 1}))
            continue
        name = spec.header_field(text)
        if name is None:
            close = difflib.get_close_matches(text, known, n=1, cutoff=0.6)
            if close:
                problems.append(
                    Problem(
                        where, "table_unknown_column_hint", {"header": text, "suggestion": close[0]}
                    )
                )
            else:
                allowed = ", ".join(spec.all_headers())
                problems.append(
                    Problem(where, "table_unknown_column", {"header": text, "allowed": allowed})
                )
        elif name in column_of:
            first = column_of[name]
            problems.append(
                Problem(
                    where,
                    "table_duplicate_column",
                    {"header": text, "other": first + 1, "other_header": header.cells[first]},
                )
            )
        else:
            fields_at[index] = name
            column_of[name] = index
    missing = [
        spec.columns[name][0]
        for name in spec.columns
        if name in spec.required and name not in column_of
    ]
    for name in missing:
        problems.append(
            Problem(Location(table.file, header.line, 1), "table_missing_column", {"header": name})
        )
    if missing:
        return None, problems

    if len(data_rows) == 1 and any(_starts_statement(cell, spec) for cell in data_rows[0].cells):
        statement = _statement_document(CsvTable(table.file, data_rows), spec)
        return statement, problems

    positions: dict[tuple[str | int, ...], tuple[int, int]] = {
        (): (header.line, 1),
        ("rows",): (header.line, 1),
    }
    labels: dict[tuple[str | int, ...], str] = {}
    rows: list[dict[str, str]] = []
    total: dict[str, str] | None = None
    for row in data_rows:
        for index in range(len(header.cells), len(row.cells)):
            if row.cells[index]:
                where = Location(table.file, row.line, index + 1)
                problems.append(Problem(where, "table_extra_cells", {"column": index + 1}))
        label_index = next(index for index, cell in enumerate(row.cells) if cell)
        is_total = row.cells[label_index].lower().replace(" ", "") in TOTAL_LABELS
        if total is not None:
            where = Location(table.file, row.line, 1)
            problems.append(Problem(where, "table_total_not_last", {}))
        base: tuple[str | int, ...] = ("total",) if is_total else ("rows", len(rows))
        positions[base] = (row.line, 1)
        values: dict[str, str] = {}
        for index, name in fields_at.items():
            cell = row.cells[index] if index < len(row.cells) else ""
            positions[(*base, name)] = (row.line, index + 1)
            labels[(*base, name)] = header.cells[index]
            if cell and not (is_total and index == label_index):
                values[name] = cell
        if is_total:
            total = values
        else:
            rows.append(values)
    value: dict[str, object] = {"rows": rows}
    if total is not None:
        value["total"] = total
    return SourceDocument(table.file, value, positions, labels), problems


# --- Cells as written: numbers, months, dates -------------------------------------------

_PLAIN_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def parse_number(text: str) -> Decimal | None:
    """'1,234,567.00', '๑๒,๓๔๕', '12500 บาท' → Decimal; None if it is not a number."""
    cleaned = to_arabic_digits(text).replace("บาท", "").replace(" ", "").strip()
    if not _PLAIN_NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def _month_number(name: str) -> int | None:
    name = name.strip()
    if name in MONTHS:
        return MONTHS.index(name) + 1
    compact = name.replace(" ", "")
    for index, abbreviation in enumerate(MONTH_ABBREVIATIONS):
        if compact in (abbreviation, abbreviation.rstrip(".")):
            return index + 1
    return None


def _year_ce(written: str) -> int:
    """'2565' and '65' are Buddhist-era years; '2022' is Christian era."""
    year = int(written)
    if year < 100:
        year += 2500
    return year - BE_OFFSET if year > 2300 else year


_THAI_MONTH = re.compile(r"^(\D+?)\s*(\d{2}|\d{4})?$")
_NUMERIC_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$|^(\d{1,2})/(\d{4})$")


def parse_month(text: str) -> tuple[int | None, int] | None:
    """'มกราคม 2565', 'ม.ค. 65', '2565-01', '1/2565', 'มกราคม' → (year CE or None, month)."""
    cleaned = to_arabic_digits(text).strip()
    numeric = _NUMERIC_MONTH.match(cleaned)
    if numeric:
        year, month = (numeric[1], numeric[2]) if numeric[1] else (numeric[4], numeric[3])
        return (_year_ce(year), int(month)) if 1 <= int(month) <= 12 else None
    named = _THAI_MONTH.match(cleaned)
    if named:
        month = _month_number(named[1])
        if month is not None:
            return (_year_ce(named[2]) if named[2] else None, month)
    return None


_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_THAI_DATE = re.compile(r"^(\d{1,2})\s*(\D+?)\s*(\d{2}|\d{4})$")


def parse_date(text: str) -> dt.date | None:
    """'24/1/2565', '24 ม.ค. 65', '24 มกราคม 2565' → date; None for other forms.

    ISO dates (2022-01-24) are left to the ordinary date type, which also rejects a
    Buddhist-era year written in ISO form.
    """
    cleaned = to_arabic_digits(text).strip()
    slash = _SLASH_DATE.match(cleaned)
    thai = _THAI_DATE.match(cleaned)
    try:
        if slash:
            return dt.date(_year_ce(slash[3]), int(slash[2]), int(slash[1]))
        if thai:
            month = _month_number(thai[2])
            if month is not None:
                return dt.date(_year_ce(thai[3]), month, int(thai[1]))
    except ValueError:
        return None
    return None
