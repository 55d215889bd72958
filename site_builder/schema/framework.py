"""The OIT checklist framework format (package data in site_builder/checklist/frameworks/)."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

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


# What a piece of an item's content is, as readiness rules read it (see site_builder.readiness):
# a document, a link, the item's text, a page that feeds the item (news, measures), a statement
# that a period had nothing to report, or a structured record (e.g. one executive).
EvidenceKind = Literal["document", "link", "text", "feed", "statement", "record"]

# Facts the published O2 criteria ask of each executive (SRC_SARABURI).
PersonFact = Literal["name", "position", "photo", "contact"]


class RuleSpec(Record):
    """A mechanically checkable rule, with the sources it is taken from."""

    source: list[Text] = Field(min_length=1, description="ids in the framework's `sources`")
    verified: bool = Field(
        description="false when the reference marks the rule unverified: the report lists it "
        "for a person to confirm and never presents it as official"
    )
    note: Text | None = None
    accepts: list[EvidenceKind] = Field(
        min_length=1, description="the kinds of content this rule reads"
    )


class FiscalYearRule(RuleSpec):
    """The content must belong to a fiscal year; with the item's cadence it names each period due."""

    kind: Literal["fiscal_year"]
    year: Literal["current", "previous"] = Field(
        description="current: the fiscal year of the reference date; previous: the one before"
    )


class PartSpec(Record):
    name_th: Text
    name_en: Text


class PartsRule(RuleSpec):
    """Every part must be shown; one missing part fails the whole item."""

    kind: Literal["parts"]
    parts: list[PartSpec] = Field(min_length=1)


class PersonFactsRule(RuleSpec):
    """Each person the item lists (e.g. each executive) must come with these facts."""

    kind: Literal["person_facts"]
    facts: list[PersonFact] = Field(min_length=1)


ItemRule = Annotated[FiscalYearRule | PartsRule | PersonFactsRule, Field(discriminator="kind")]


# presence: each item is answered มี/ไม่มี with a link; oit_score: how OIT is computed from the
# indicators; item_scoring: how one item is scored; fiscal_year: which year's data counts.
GeneralRuleId = Literal["presence", "oit_score", "item_scoring", "fiscal_year"]


class GeneralRule(Record):
    """A rule about the whole checklist (how items are answered and scored), with its sources."""

    id: GeneralRuleId
    source: list[Text] = Field(min_length=1)
    verified: bool
    note: Text | None = None


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
    rules: list[ItemRule] = Field(
        default_factory=list,
        description="readiness rules besides presence; the cadence comes from `cadence`",
    )

    @model_validator(mode="after")
    def _rules_fit(self) -> ItemSpec:
        kinds = [rule.kind for rule in self.rules]
        if len(set(kinds)) != len(kinds):
            raise PydanticCustomError("duplicate_rule", "one rule of each kind per item")
        if self.cadence is not None and "fiscal_year" not in kinds:
            raise PydanticCustomError(
                "cadence_needs_year", "an item with a cadence needs a fiscal_year rule"
            )
        return self

    def rule(self, kind: str) -> RuleSpec | None:
        return next((rule for rule in self.rules if rule.kind == kind), None)

    @property
    def part_names(self) -> tuple[str, ...]:
        parts = self.rule("parts")
        return tuple(p.name_th for p in parts.parts) if isinstance(parts, PartsRule) else ()


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
    general_rules: list[GeneralRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _rule_sources_known(self) -> FrameworkFile:
        cited = [s for rule in self.general_rules for s in rule.source]
        cited += [s for item in self.items for rule in item.rules for s in rule.source]
        unknown = sorted(set(cited) - set(self.sources))
        if unknown:
            raise PydanticCustomError(
                "unknown_source",
                "rule sources not in `sources`: {found}",
                {"found": ", ".join(unknown)},
            )
        ids = sorted(rule.id for rule in self.general_rules)
        if ids != sorted(get_args(GeneralRuleId)):
            raise PydanticCustomError(
                "general_rules_once",
                "each general rule exactly once: {found}",
                {"found": ", ".join(ids), "expected": ", ".join(sorted(get_args(GeneralRuleId)))},
            )
        return self

    def general_rule(self, rule_id: str) -> GeneralRule:
        return next(rule for rule in self.general_rules if rule.id == rule_id)
