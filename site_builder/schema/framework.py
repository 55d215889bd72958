"""The OIT checklist framework format (package data in site_builder/checklist/frameworks/)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.schema.content import OitCode, Text
from site_builder.schema.types import BuddhistYear, Record

# Content kinds that can feed an item page by themselves (no hand-kept link lists):
# pages linked from the item (news, measures), or typed records drawn on it
# (templates/records/<kind>.html; see site_builder/model/build_records.py).
FeedKind = Literal[
    "news",
    "measures",
    "measure_progress",
    "organisation_chart",  # O1 ← organisation.yaml structure
    "executives",  # O2 ← organisation.yaml executives
    "contact",  # O5 ← site.yaml agency contact fields
    "service_statistics",  # O15 ← statistics/service-<fy>
    "budget_plan",  # O18 ← budget/<fy>/plan
    "budget_six_month_report",  # O19 ← budget/<fy>/report-6-months
    "budget_annual_report",  # O20 ← budget/<fy>/report-annual
    "procurement_plan",  # O21 ← procurement/<fy>/plan
    "procurement_announcements",  # O22 ← procurement/<fy>/announcements
    "procurement_summaries",  # O23 ← procurement/<fy>/summary-<yyyy>-<mm>
    "procurement_annual_report",  # O24 ← procurement/<fy>/report
    "complaint_statistics",  # O31 ← statistics/complaints-<fy>
]


class ToolSpec(Record):
    code: Literal["IIT", "EIT", "OIT"]
    name_th: Text
    name_en: Text
    weight: float = Field(gt=0, le=100, description="percent of the overall score")
    indicators: list[int] = Field(min_length=1)


class IndicatorSpec(Record):
    number: int = Field(ge=1)
    name_th: Text


class GradeBand(Record):
    grade: Text
    min: float = Field(ge=0, le=100, description="lowest score of the band (inclusive)")


class TargetSpec(Record):
    score: float
    text_th: Text
    source: list[Text]


class GroupSpec(Record):
    name_th: Text
    items: list[OitCode] = Field(min_length=1)


class SubIndicatorSpec(Record):
    code: Text
    indicator: int
    name_th: Text
    groups: list[GroupSpec] = Field(min_length=1)


class ItemSpec(Record):
    code: OitCode
    title_th: Text
    cadence: Literal["ประจำปี", "รอบ 6 เดือน", "รายเดือน"] | None = None
    criteria: list[Text] = Field(default_factory=list, description="verified criteria only")
    criteria_source: Text | None = None
    criteria_year: Text | None = None
    observations: list[Text] = Field(default_factory=list)
    sources: list[Text] = Field(default_factory=list)
    feeds: list[FeedKind] = Field(
        default_factory=list, description="content that publishes this item by itself"
    )


class FrameworkFile(Record):
    id: Text
    year: BuddhistYear
    title_th: Text
    sources: dict[str, Text]
    tools: list[ToolSpec] = Field(min_length=1)
    weights_source: list[Text]
    indicators: list[IndicatorSpec] = Field(min_length=1)
    grade_bands: list[GradeBand] = Field(min_length=1)
    grade_bands_source: list[Text]
    target: TargetSpec
    sub_indicators: list[SubIndicatorSpec] = Field(min_length=1)
    items: list[ItemSpec] = Field(min_length=1)
