"""Datasets of the O1–O43 checklist and of the integrity measures (O42, O43)."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder.model import Site
from site_builder.model.dataset import Column, Dataset
from site_builder.schema.framework import FeedKind


def _codes_fed_by(site: Site, kind: FeedKind) -> tuple[str, ...]:
    """The O items of the site's checklist that this kind of content publishes."""
    return tuple(item.code for item in site.checklist.items if kind in item.spec.feeds)


def oit_status(site: Site) -> Iterator[Dataset]:
    checklist = site.checklist
    yield Dataset(
        id="oit-status",
        title_th="สถานะการเปิดเผยข้อมูล O1–O43",
        description_th=f"ข้อ O ทุกข้อของ{checklist.framework.title_th} "
        "ว่าหน่วยงานเผยแพร่ข้อมูลแล้วหรือยัง ปรับปรุงล่าสุดเมื่อใด และมีเอกสารกี่รายการ",
        columns=(
            Column("code", "ข้อ", "text"),
            Column("title", "ข้อมูล", "text"),
            Column("sub_indicator", "ตัวชี้วัดย่อย", "text"),
            Column("sub_indicator_name", "ชื่อตัวชี้วัดย่อย", "text"),
            Column("group", "หมวด", "text"),
            Column("published", "เผยแพร่แล้ว", "boolean"),
            Column("updated", "ปรับปรุงล่าสุด", "date"),
            Column("documents", "จำนวนเอกสาร", "integer"),
            Column("links", "จำนวนลิงก์และหน้าที่เผยแพร่ข้อมูล", "integer"),
            Column("page", "หน้าเว็บของข้อนี้", "url"),
        ),
        rows=tuple(
            (
                item.code,
                item.spec.title_th,
                item.sub_indicator,
                item.sub_indicator_name,
                item.group,
                item.published,
                item.updated,
                len(item.documents),
                len(item.links) + len(item.fed_by),
                item.path,
            )
            for item in checklist.items
        ),
        pages=("oit/",),
        modified=max((item.updated for item in checklist.items if item.updated), default=None),
        keywords=("OIT", "การเปิดเผยข้อมูลสาธารณะ"),
    )


def measures(site: Site) -> Iterator[Dataset]:
    sets = sorted(site.measure_sets, key=lambda m: m.fiscal_year)
    yield Dataset(
        id="measures",
        title_th="มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        description_th="มาตรการ/แนวทางของแต่ละปีงบประมาณ วิธีการดำเนินการ ผู้รับผิดชอบ "
        "ระยะเวลาดำเนินการ และการติดตามผล (ช่องที่มีหลายรายการขึ้นบรรทัดใหม่ใน CSV)",
        columns=(
            Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "integer"),
            Column("number", "มาตรการที่", "integer"),
            Column("title", "มาตรการ/แนวทาง", "markdown"),
            Column("methods", "วิธีการดำเนินการ", "list"),
            Column("responsible", "ผู้รับผิดชอบ", "list"),
            Column("periods", "ระยะเวลาดำเนินการ", "list"),
            Column("follow_up", "การติดตามผล", "list"),
            Column("adopted_by", "กำหนดโดย", "text"),
            Column("adopted_on", "วันที่กำหนดมาตรการ", "date"),
        ),
        rows=tuple(
            (
                m.fiscal_year,
                measure.number,
                measure.title,
                tuple(measure.methods),
                tuple(measure.responsible),
                tuple(measure.periods),
                tuple(measure.follow_up),
                m.adopted.meeting,
                m.adopted.date,
            )
            for m in sets
            for measure in m.measures
        ),
        pages=("measures/", *(m.path for m in site.measure_sets)),
        modified=max((m.adopted.date for m in sets), default=None),
        oit_codes=_codes_fed_by(site, "measures"),
        keywords=("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "ITA"),
    )


def measure_progress(site: Site) -> Iterator[Dataset]:
    sets = sorted(site.measure_sets, key=lambda m: m.fiscal_year)
    yield Dataset(
        id="measure-progress",
        title_th="รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        description_th="รายงานความก้าวหน้าการดำเนินการตามมาตรการแต่ละครั้ง "
        "พร้อมมาตรการที่รายงานและเอกสารประกอบ",
        columns=(
            Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", "integer"),
            Column("date", "วันที่รายงาน", "date"),
            Column("title", "ชื่อรายงาน", "text"),
            Column("measures", "มาตรการที่รายงาน", "list"),
            Column("text", "สาระของรายงาน", "markdown"),
            Column("documents", "เอกสาร", "urls"),
        ),
        rows=tuple(
            (
                m.fiscal_year,
                report.date,
                report.title,
                tuple(str(number) for number in report.measures),
                report.text,
                tuple(document.href for document in attachments),
            )
            for m in sets
            for report, attachments in m.progress_reports
        ),
        pages=("measures/", *(m.path for m in site.measure_sets)),
        modified=max((report.date for m in sets for report, _ in m.progress_reports), default=None),
        oit_codes=_codes_fed_by(site, "measure_progress"),
        keywords=("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "รายงานความก้าวหน้า"),
    )
