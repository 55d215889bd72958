"""The dataset sources: one registration per dataset the site publishes.

A source is a function Site → datasets (none when the content holds no such table).
To publish a new kind of table, write its source next to the others and add it to
DATASET_SOURCES; the CSV and JSON files, the catalogue page, data/catalog.json and
the download links on its pages follow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_builder.model import Site
from site_builder.model.dataset import Dataset
from site_builder.opendata import budget, checklist, ita, procurement, statistics

DatasetSource = Callable[[Site], Iterable[Dataset]]

# Catalogue order: as listed here.
DATASET_SOURCES: tuple[DatasetSource, ...] = (
    ita.results,
    ita.indicators,
    ita.analysis,
    checklist.measures,
    checklist.measure_progress,
    checklist.oit_status,
    # The agency's tables, in O order (O15, O18–O24, O31).
    statistics.service_statistics,
    budget.budget_plan,
    budget.budget_six_month_report,
    budget.budget_annual_report,
    procurement.plan,
    procurement.announcements,
    procurement.monthly_results,
    procurement.results,
    procurement.annual_report,
    statistics.complaint_statistics,
)


def collect_datasets(
    site: Site, sources: Iterable[DatasetSource] = DATASET_SOURCES
) -> tuple[Dataset, ...]:
    datasets = tuple(dataset for source in sources for dataset in source(site))
    seen: set[str] = set()
    for dataset in datasets:
        if dataset.id in seen:  # two sources would write the same files
            raise ValueError(f"two datasets are called {dataset.id!r}")
        seen.add(dataset.id)
    return datasets
