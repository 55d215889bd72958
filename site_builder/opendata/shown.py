"""Where a kind of record is shown: the O item pages it feeds, and their update dates.

The agency's tables (budget, procurement, statistics) appear on the pages of the O items
whose checklist entry is fed by that kind of record; their datasets link from those
pages and take their update date from the same place the pages show it ("ปรับปรุง
ล่าสุด": `updated:` in content/oit/<code>.yaml, or the newest dated document there).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from site_builder.model import Site
from site_builder.schema.framework import FeedKind


@dataclass(frozen=True, slots=True)
class Shown:
    pages: tuple[str, ...]  # site paths of the O item pages, checklist order
    oit_codes: tuple[str, ...]
    updated: dt.date | None  # the newest date those pages show

    def modified(self, dates: Iterable[dt.date | None] = ()) -> dt.date | None:
        """The newest of the pages' date and the dates the rows themselves carry."""
        found = [day for day in (self.updated, *dates) if day is not None]
        return max(found, default=None)


def shown_on(site: Site, kind: FeedKind) -> Shown | None:
    """The pages showing records of `kind`; None when the checklist shows them nowhere."""
    items = [item for item in site.checklist.items if kind in item.spec.feeds]
    if not items:
        return None
    return Shown(
        pages=tuple(item.path for item in items),
        oit_codes=tuple(item.code for item in items),
        updated=max((item.updated for item in items if item.updated), default=None),
    )
