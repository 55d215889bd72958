"""Pages about O1–O43 readiness: the assessor sheet (always) and the staff readiness page
(when site.readiness_page is true). Planned after the main plan, from the item pages."""

from __future__ import annotations

from collections.abc import Sequence

from site_builder.model import Site
from site_builder.readiness.report import page_inputs
from site_builder.render.assessor_sheet import SHEET_CSV, SHEET_PAGE, base_url, sheet_rows
from site_builder.render.pages import HOME, Crumb, Page, combined_feed_key

READINESS_PAGE = "readiness/"
_OIT = Crumb("การเปิดเผยข้อมูล O1–O43", "oit/")


def plan_readiness_pages(site: Site, pages: Sequence[Page]) -> list[Page]:
    agency = site.agency.name_th
    item_pages = [page for page in pages if page.path.startswith("oit/")]
    sources = tuple(sorted({s for page in item_pages for s in page.sources}))
    feeds = combined_feed_key({page.path: page.feeds for page in item_pages})
    planned = [
        Page(
            SHEET_PAGE,
            "assessor_sheet.html",
            "แผ่นงานสำหรับกรอกแบบ OIT",
            f"ลิงก์และคำอธิบายตำแหน่งข้อมูลของ{agency} ทุกข้อ O1–O43 สำหรับกรอกในระบบ ITAS",
            (HOME, _OIT, Crumb("แผ่นงานสำหรับกรอกแบบ OIT", None)),
            {
                "rows": sheet_rows(site, pages),
                "base_url": base_url(site),
                "csv_path": SHEET_CSV,
            },
            sources,
            in_sitemap=False,
            feeds=feeds,
        )
    ]
    if site.settings.readiness_page and site.readiness is not None:
        planned.append(
            Page(
                READINESS_PAGE,
                "readiness.html",
                "ความพร้อมของข้อมูล O1–O43 (สำหรับเจ้าหน้าที่)",
                f"สถานะความพร้อมของข้อมูล O1–O43 ของ{agency} และเหตุผลของแต่ละข้อ",
                (HOME, _OIT, Crumb("ความพร้อมของข้อมูล", None)),
                page_inputs(site.readiness, "th"),
                sources,
                in_sitemap=False,
                feeds=feeds,
            )
        )
    return planned
