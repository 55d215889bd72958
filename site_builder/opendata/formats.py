"""A dataset as bytes: CSV for spreadsheets, JSON for programs.

CSV is UTF-8 with a byte-order mark, because Excel reads a CSV without one in the
computer's legacy code page and shows Thai as mojibake; rows end in CRLF (RFC 4180).
CSV headers are the columns' Thai headings, as on the pages, for the people who open
it in a spreadsheet; JSON keys are the stable English names, for programs. Cells
holding several values (a measure's methods) are one line per value in CSV and an
array in JSON. Amounts (Decimal) keep their satang in CSV (8000.00). Site paths become addresses through `link`, so a file downloaded and
passed on still points at the agency's site.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal

from site_builder.model.dataset import Cell, Column, Dataset
from site_builder.schema.publishing import Licence

CSV_MEDIA_TYPE = "text/csv"
JSON_MEDIA_TYPE = "application/json"

Link = Callable[[str], str]


def _csv_cell(column: Column, value: Cell, link: Link) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "\n".join(map(link, value) if column.kind == "urls" else value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "url":
        return link(str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 85, as people write it, not 85.0
    if isinstance(value, Decimal):
        return f"{value:.2f}"  # baht and percentages: two decimals, no separators
    return str(value)


def _json_cell(column: Column, value: Cell, link: Link) -> object:
    if isinstance(value, tuple):
        return [link(v) for v in value] if column.kind == "urls" else list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)  # exact for amounts with satang, which have few digits
    if column.kind == "url" and isinstance(value, str):
        return link(value)
    return value


def csv_bytes(dataset: Dataset, link: Link) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.title_th for column in dataset.columns)
    for row in dataset.rows:
        writer.writerow(
            _csv_cell(column, value, link)
            for column, value in zip(dataset.columns, row, strict=True)
        )
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(dataset: Dataset, licence: Licence, link: Link) -> bytes:
    document = {
        "id": dataset.id,
        "title": dataset.title_th,
        "description": dataset.description_th,
        "licence": {"name": licence.name, "url": licence.url},
        "modified": dataset.modified.isoformat() if dataset.modified else None,
        "page": link(dataset.page),
        "columns": [
            {"name": column.name, "title": column.title_th, "type": column.kind}
            for column in dataset.columns
        ],
        "rows": [
            {
                column.name: _json_cell(column, value, link)
                for column, value in zip(dataset.columns, row, strict=True)
            }
            for row in dataset.rows
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
