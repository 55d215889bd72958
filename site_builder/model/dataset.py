"""A dataset: one table of the site's facts, published as CSV and JSON under data/.

Datasets are views of the model (scores, measures, checklist status), made by the
sources registered in `site_builder.opendata.registry`; the same rows feed the
catalogue page, the downloads and the machine-readable catalogue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

# url: a site path or address; list: several texts; urls: several site paths or addresses.
ColumnKind = Literal[
    "text", "markdown", "integer", "number", "date", "boolean", "url", "list", "urls"
]
Cell = str | int | float | bool | dt.date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # CSV header and JSON key: stable, ASCII, snake_case
    title_th: str  # what the column means, shown on the catalogue page
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
