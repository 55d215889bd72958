"""Datasets of the ITA results: overall scores, indicator scores, the analysis rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from site_builder.model import Site
from site_builder.model.dataset import Column, Dataset

_KEYWORDS = ("ITA", "คุณธรรมและความโปร่งใส")


def _modified(site: Site) -> dt.date | None:
    return max((a.updated for a in site.assessments if a.updated), default=None)


def results(site: Site) -> Iterator[Dataset]:
    yield Dataset(
        id="ita-results",
        title_th="ผลการประเมิน ITA รายปี",
        description_th="คะแนนรวมและระดับผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของหน่วยงาน "
        "ตามที่ประกาศ พร้อมคะแนนที่คำนวณจากคะแนนรายตัวชี้วัดและค่าเป้าหมาย",
        columns=(
            Column("year", "ปีที่ประเมิน (พ.ศ.)", "integer"),
            Column("framework", "เกณฑ์การประเมินที่ใช้", "text"),
            Column("score", "คะแนนรวมตามที่ประกาศ", "number"),
            Column("grade", "ระดับผลการประเมินตามที่ประกาศ", "text"),
            Column("computed_score", "คะแนนรวมที่คำนวณจากคะแนนรายตัวชี้วัด", "number"),
            Column("target", "คะแนนเป้าหมาย", "number"),
            Column("page", "หน้าเว็บที่แสดงผล", "url"),
        ),
        rows=tuple(
            (a.year, a.framework.id, a.score, a.grade, a.computed_score, a.target, a.path)
            for a in sorted(site.assessments, key=lambda a: a.year)
        ),
        pages=("ita/", *(a.path for a in site.assessments)),
        modified=_modified(site),
        keywords=_KEYWORDS,
    )


def indicators(site: Site) -> Iterator[Dataset]:
    yield Dataset(
        id="ita-indicators",
        title_th="คะแนน ITA รายตัวชี้วัด",
        description_th="คะแนนของตัวชี้วัดทั้ง 10 ตัวในแต่ละปีที่ประเมิน และแบบวัดที่ตัวชี้วัดสังกัด (IIT, EIT, OIT)",
        columns=(
            Column("year", "ปีที่ประเมิน (พ.ศ.)", "integer"),
            Column("tool", "แบบวัด", "text"),
            Column("indicator", "ตัวชี้วัดที่", "integer"),
            Column("indicator_name", "ชื่อตัวชี้วัด", "text"),
            Column("score", "คะแนน", "number"),
        ),
        rows=tuple(
            (a.year, ind.tool, ind.number, ind.name_th, ind.score)
            for a in sorted(site.assessments, key=lambda a: a.year)
            for ind in a.indicators
        ),
        pages=("ita/", *(a.path for a in site.assessments)),
        modified=_modified(site),
        keywords=_KEYWORDS,
    )


def analysis(site: Site) -> Iterator[Dataset]:
    yield Dataset(
        id="ita-analysis",
        title_th="การวิเคราะห์ผลการประเมิน ITA",
        description_th="ข้อคำถามหรือข้อ O ที่ต้องแก้ไขหรือปรับปรุง และวิธีการแก้ไข "
        "จากการวิเคราะห์ผลการประเมินของหน่วยงาน (ข้อความเป็น Markdown ตามที่เขียนไว้)",
        columns=(
            Column("year", "ปีที่ประเมิน (พ.ศ.)", "integer"),
            Column("tool", "แบบวัด", "text"),
            Column("code", "ข้อ", "text"),
            Column("question", "ข้อคำถาม/ประเด็นที่ต้องแก้ไข/ปรับปรุง", "markdown"),
            Column("issue", "ปัญหาที่พบ", "markdown"),
            Column("remedy", "วิธีการแก้ไข", "markdown"),
        ),
        rows=tuple(
            (a.year, section.tool, row.code, row.question, row.issue, row.remedy)
            for a in sorted(site.assessments, key=lambda a: a.year)
            for section in a.analysis
            for row in section.rows
        ),
        pages=("ita/", *(a.analysis_path for a in site.assessments)),
        modified=_modified(site),
        keywords=_KEYWORDS,
    )
