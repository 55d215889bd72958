"""What the readiness stage concludes: a status and reasons per O item, tallies and an estimate.

Reasons keep a message key and typed fields (months, periods, fiscal years, part names), not
text, so one judgement is reported in Thai or English (site_builder/messages/*.yaml).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from site_builder.messages import Ref, message
from site_builder.model import OitItem
from site_builder.periods import Month, Period
from site_builder.schema.framework import FrameworkFile


class Status(StrEnum):
    """Mildest first; an item takes the worst status any of its rules gives."""

    READY = "ready"
    NEEDS_REVIEW = "needs_review"
    INCOMPLETE = "incomplete"
    OUTDATED = "outdated"
    MISSING = "missing"

    @property
    def severity(self) -> int:
        return list(Status).index(self)

    def label(self, lang: str) -> str:
        return message(lang, f"readiness_status_{self.value}")


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A Thai fiscal year (พ.ศ.) as a reason shows it."""

    year: int

    def label(self, lang: str) -> str:
        return message(lang, "readiness_fiscal_year", year=self.year)


@dataclass(frozen=True, slots=True)
class Label:
    """A name the framework gives in both languages (e.g. a required part)."""

    th: str
    en: str

    def label(self, lang: str) -> str:
        return self.th if lang == "th" else f"{self.th} ({self.en})"


def month_runs(months: Iterable[Month]) -> tuple[Period, ...]:
    """Consecutive months joined into runs: Oct, Nov, Dec, Feb → (Oct–Dec, Feb)."""
    runs: list[Period] = []
    for month in sorted(set(months)):
        if runs and runs[-1].last.next() == month:
            runs[-1] = Period(runs[-1].first, month)
        else:
            runs.append(Period.month(month))
    return tuple(runs)


def _shown(value: object, lang: str) -> str:
    if isinstance(value, Reason):
        return value.text(lang)
    if isinstance(value, Ref):
        return message(lang, value.key)
    if isinstance(value, Month | Period | FiscalYear | Label):
        return value.label(lang)
    if isinstance(value, tuple):
        if value and all(isinstance(v, Month) for v in value):
            value = month_runs(value)  # type: ignore[arg-type]
        return ", ".join(_shown(v, lang) for v in value)
    if isinstance(value, dt.date):
        return date_label(value, lang)
    return str(value)


def date_label(value: dt.date, lang: str) -> str:
    """1 เมษายน 2566 / 1 April 2023."""
    return f"{value.day} {Month.of(value).label(lang)}"


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing the report says about an item, as a catalogue key and its fields."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()
    unverified: bool = False  # rests on a rule the reference marks unverified

    @classmethod
    def of(cls, key: str, *, unverified: bool = False, **fields: object) -> Reason:
        return cls(key, tuple(sorted(fields.items())), unverified)

    def text(self, lang: str) -> str:
        shown = {name: _shown(value, lang) for name, value in self.fields}
        text = message(lang, self.key, **shown)
        if self.unverified:
            text += " " + message(lang, "readiness_unverified_mark")
        return text


@dataclass(frozen=True, slots=True)
class ItemReadiness:
    """One O item judged at the reference date."""

    item: OitItem
    status: Status
    reasons: tuple[Reason, ...]  # why it is not ready (empty when ready)
    notes: tuple[Reason, ...]  # what the judgement took into account
    unverified: bool = False  # the status rests on a rule the reference marks unverified

    @property
    def code(self) -> str:
        return self.item.code

    def label(self, lang: str) -> str:
        return self.status.label(lang)

    def reason_texts(self, lang: str) -> list[str]:
        return [reason.text(lang) for reason in self.reasons]

    def note_texts(self, lang: str) -> list[str]:
        return [note.text(lang) for note in self.notes]


@dataclass(frozen=True, slots=True)
class IndicatorTally:
    """How many items of one indicator are in each status."""

    number: int
    name_th: str
    counts: tuple[tuple[Status, int], ...]  # every status, in Status order

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    def count(self, status: Status) -> int:
        return dict(self.counts)[status]

    @property
    def low_share(self) -> float:
        """Percent of items that pass when only ready items pass."""
        return 100 * self.count(Status.READY) / self.total

    @property
    def high_share(self) -> float:
        """Percent that pass if every item waiting for a person's review passes too."""
        return 100 * (self.count(Status.READY) + self.count(Status.NEEDS_REVIEW)) / self.total


@dataclass(frozen=True, slots=True)
class Estimate:
    """The OIT score the items would earn, under the rule `rule` states."""

    indicators: tuple[IndicatorTally, ...]  # the OIT tool's indicators
    low: float  # only ready items pass
    high: float  # items waiting for review pass too
    weight: float  # OIT's share of the ITA score, percent
    rule: Reason

    @property
    def ita_points_low(self) -> float:
        return self.low * self.weight / 100

    @property
    def ita_points_high(self) -> float:
        return self.high * self.weight / 100


@dataclass(frozen=True, slots=True)
class RuleToConfirm:
    """A rule the checks use or the report states that the reference marks unverified."""

    code: str | None  # the item, or None for a rule about the whole checklist
    rule: Reason
    source: tuple[str, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Readiness:
    """Every O item of the site's checklist judged at `as_of`."""

    as_of: dt.date
    fiscal_year: int  # of `as_of`
    framework: FrameworkFile
    items: tuple[ItemReadiness, ...]
    tallies: tuple[IndicatorTally, ...]
    estimate: Estimate
    to_confirm: tuple[RuleToConfirm, ...]
    notes: tuple[Reason, ...]  # about the whole judgement (e.g. a framework of another year)

    def item(self, code: str) -> ItemReadiness:
        return next(result for result in self.items if result.code == code)

    @property
    def not_ready(self) -> tuple[ItemReadiness, ...]:
        return tuple(result for result in self.items if result.status is not Status.READY)

    def count(self, status: Status) -> int:
        return sum(result.status is status for result in self.items)

    @property
    def ready_count(self) -> int:
        return self.count(Status.READY)

    def indicator_of(self, result: ItemReadiness) -> int:
        return next(
            sub.indicator
            for sub in self.framework.sub_indicators
            if sub.code == result.item.sub_indicator
        )

    def source_text(self, source_id: str) -> str:
        return self.framework.sources.get(source_id, source_id)
