"""The assessor sheet: for every O item, what the agency enters into the ITA system.

Each row gives the item's code and title, the absolute URL of its page (site.base_url plus
the item's permanent path, oit/<code>/, which no content change moves) and where the page
sits, written from the site's own navigation as the built pages show it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from site_builder.model import OitItem, Site
from site_builder.render.pages import NAVIGATION, Page

SHEET_PAGE = "assessor/"
SHEET_CSV = "assessor/oit-assessor-sheet.csv"
CSV_BOM = "\ufeff"  # spreadsheet programs then read the Thai text as UTF-8
COLUMNS = ("ข้อ", "ชื่อข้อมูล", "URL", "คำอธิบายตำแหน่งข้อมูลบนเว็บไซต์", "สถานะความพร้อม")


@dataclass(frozen=True, slots=True)
class SheetRow:
    code: str
    title: str
    path: str  # site path of the item page, e.g. "oit/o23/"
    url: str | None  # absolute URL, None when site.base_url is not set
    where: str  # หน้าแรก → เมนู “การเปิดเผยข้อมูล O1–O43” → … → O23 …
    status: str  # readiness status label (Thai)


def base_url(site: Site) -> str | None:
    url = site.settings.base_url
    if url is None:
        return None
    return url if url.endswith("/") else url + "/"


def absolute_url(base: str, path: str) -> str:
    """Same quoting as the templates' `absolute_url` filter."""
    return base + quote(path, safe="/#%?=&.-_~")


def _where(page: Page, item: OitItem) -> str:
    """The way to the item page: its breadcrumbs (main-menu entries named as such), then the
    sub-indicator heading it is listed under on the O1–O43 page, then the item."""
    menu = {link.path: link.label for link in NAVIGATION if link.path}
    steps = [
        f"เมนู “{crumb.label}”" if crumb.path in menu else crumb.label
        for crumb in page.breadcrumbs[:-1]
    ]
    steps.append(f"ตัวชี้วัดย่อยที่ {item.sub_indicator} {item.sub_indicator_name}")
    steps.append(f"{item.code} {item.spec.title_th}")
    return " → ".join(steps)


def sheet_rows(site: Site, pages: Sequence[Page]) -> tuple[SheetRow, ...]:
    """One row per O item, in checklist order, from the planned item pages."""
    by_path = {page.path: page for page in pages}
    base = base_url(site)
    rows = []
    for item in site.checklist.items:
        page = by_path[item.path]
        status = site.readiness.item(item.code).label("th") if site.readiness else ""
        rows.append(
            SheetRow(
                code=item.code,
                title=item.spec.title_th,
                path=item.path,
                url=absolute_url(base, item.path) if base else None,
                where=_where(page, item),
                status=status,
            )
        )
    return tuple(rows)


def sheet_csv(rows: Sequence[SheetRow]) -> bytes:
    """UTF-8 with a byte-order mark; says so in the URL column when base_url is missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        url = row.url or f"ยังไม่ได้กำหนด site.base_url ใน site.yaml — ที่อยู่ในเว็บไซต์: /{row.path}"
        writer.writerow([row.code, row.title, url, row.where, row.status])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")
