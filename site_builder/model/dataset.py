"""A dataset: one table of the site's facts, published as CSV and JSON under data/.

Datasets are views of the model (scores, measures, checklist status), made by the
sources registered in `site_builder.opendata.registry`; the same rows feed the
catalogue page, the downloads and the machine-readable catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

# amount: baht with satang (a Decimal); month: "YYYY-MM", Christian era like dates;
# url: a site path or address; list: several texts; urls: several site paths or addresses.
ColumnKind = Literal[
    "text",
    "markdown",
    "integer",
    "number",
    "amount",
    "date",
    "month",
    "boolean",
    "url",
    "list",
    "urls",
]
Cell = str | int | float | Decimal | bool | dt.date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # JSON key: stable, ASCII, snake_case
    title_th: str  # CSV header and catalogue text: the column's heading on the page
    kind: ColumnKind


@dataclass(frozen=True, slots=True)
class Dataset:
    id: str  # file name under data/: "<id>.csv", "<id>.json"
    title_th: str
    description_th: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]  # one cell per column, in column order
    pages: tuple[str, ...]  # site paths of the pages that show these rows; the first leads
    modified: dt.date | None  # newest content date the rows come from; None if undated
    oit_codes: tuple[str, ...] = ()  # O items the dataset publishes
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.pages:
            raise ValueError(f"dataset {self.id}: no page shows it")
        titles = [column.title_th for column in self.columns]
        if len(set(titles)) != len(titles):  # CSV headers must tell the columns apart
            raise ValueError(f"dataset {self.id}: two columns have one Thai title")
        width = len(self.columns)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(
                    f"dataset {self.id}: row {row!r} has {len(row)} cells, not {width}"
                )

    @property
    def page(self) -> str:
        return self.pages[0]

    @property
    def csv_path(self) -> str:
        return f"data/{self.id}.csv"

    @property
    def json_path(self) -> str:
        return f"data/{self.id}.json"
