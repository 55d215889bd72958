"""Judge every O item at a reference date by the framework's rules (docs/readiness.md).

An item is read only through its evidence (`OitItem.evidence`): which periods, parts and
facts it covers. Each rule gives a finding; the item takes the worst, with every reason,
because an assessor scores an item all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from site_builder.build_date import today
from site_builder.messages import Ref
from site_builder.model import ChecklistSection, Evidence, OitItem, Site
from site_builder.periods import Period
from site_builder.readiness.results import (
    Estimate,
    FiscalYear,
    IndicatorTally,
    ItemReadiness,
    Label,
    Readiness,
    Reason,
    RuleToConfirm,
    Status,
)
from site_builder.schema.framework import (
    FiscalYearRule,
    FrameworkFile,
    PartsRule,
    PersonFactsRule,
    RuleSpec,
)
from site_builder.thai import fiscal_year_of

CADENCES = {"รายเดือน": "monthly", "รอบ 6 เดือน": "half_year", "ประจำปี": "yearly"}


@dataclass(frozen=True, slots=True)
class _Finding:
    status: Status
    reasons: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    unverified: bool = False  # given by a rule the reference marks unverified


_READY = _Finding(Status.READY)


def evaluate(site: Site, as_of: dt.date) -> Readiness:
    """The readiness of the site's O1–O43 at `as_of` (its fiscal year is the assessed one)."""
    checklist = site.checklist
    framework = checklist.framework
    fiscal_year = fiscal_year_of(as_of)
    results = tuple(judge_item(item, as_of, site.settings.fiscal_year) for item in checklist.items)
    tallies = _tallies(framework, results, checklist.sections)
    notes = []
    if site.settings.fiscal_year != fiscal_year:
        notes.append(
            Reason.of(
                "readiness_site_year_differs",
                site_year=site.settings.fiscal_year,
                fiscal_year=FiscalYear(fiscal_year),
            )
        )
    if framework.year != fiscal_year:
        notes.append(
            Reason.of(
                "readiness_framework_year_differs",
                framework=framework.id,
                fiscal_year=FiscalYear(fiscal_year),
            )
        )
    return Readiness(
        as_of=as_of,
        fiscal_year=fiscal_year,
        framework=framework,
        items=results,
        tallies=tallies,
        estimate=_estimate(framework, tallies),
        to_confirm=_to_confirm(framework),
        notes=tuple(notes),
    )


def judge_item(item: OitItem, as_of: dt.date, feed_year: int) -> ItemReadiness:
    """One item: evidence dated after `as_of` did not exist yet and is not counted."""
    counted = tuple(e for e in item.evidence if e.date is None or e.date <= as_of)
    later = tuple(e.title for e in item.evidence if e.date is not None and e.date > as_of)
    findings = [_presence(item, counted, _feed_year(item, as_of, feed_year))]
    for rule in item.spec.rules:
        if isinstance(rule, FiscalYearRule):
            finding = _periods(item, rule, counted, as_of)
        elif isinstance(rule, PartsRule):
            finding = _parts(rule, counted)
        else:
            assert isinstance(rule, PersonFactsRule)
            finding = _person_facts(rule, counted)
        findings.append(replace(finding, unverified=not rule.verified))
    findings, note = _person_review(item, findings, counted, as_of)
    status = max((f.status for f in findings), key=lambda s: s.severity)
    reasons = tuple(r for f in findings if f.status is not Status.READY for r in f.reasons)
    notes = [n for f in findings for n in f.notes]
    if note is not None:
        notes.append(note)
    if later:
        notes.append(Reason.of("readiness_later_ignored", titles=_quoted(later)))
    # The status rests on an unverified rule when no verified rule alone would give it.
    unverified = status is not Status.READY and all(
        f.unverified for f in findings if f.status is status
    )
    return ItemReadiness(item, status, reasons, tuple(notes), unverified)


def _person_review(
    item: OitItem, findings: list[_Finding], counted: tuple[Evidence, ...], as_of: dt.date
) -> tuple[list[_Finding], Reason | None]:
    """A person's review (`reviewed`) settles what only a person can judge, as long as the
    item has not changed since; it never overrides what the checks found missing."""
    if item.reviewed is None or item.reviewed > as_of:
        return findings, None
    changes = [e.date for e in counted if e.date is not None]
    if item.updated is not None and item.updated <= as_of:
        changes.append(item.updated)
    last_change = max(changes, default=None)
    if last_change is not None and item.reviewed < last_change:
        return findings, Reason.of(
            "readiness_review_stale", reviewed=item.reviewed, changed=last_change
        )
    if not any(f.status is Status.NEEDS_REVIEW for f in findings):
        return findings, None
    settled = [_READY if f.status is Status.NEEDS_REVIEW else f for f in findings]
    return settled, Reason.of("readiness_reviewed", reviewed=item.reviewed)


def _quoted(titles: Sequence[str]) -> str:
    return ", ".join(f"“{title}”" for title in titles)


def _presence(item: OitItem, counted: tuple[Evidence, ...], feed_year: int) -> _Finding:
    if counted:
        return _READY
    file = f"oit/{item.code}.yaml"
    if item.evidence:
        return _Finding(Status.MISSING, (Reason.of("readiness_only_later"),))
    if item.source is not None:
        return _Finding(Status.MISSING, (Reason.of("readiness_empty_file", file=item.source),))
    if not item.spec.feeds:
        return _Finding(Status.MISSING, (Reason.of("readiness_no_content", file=file),))
    feeds = tuple(Reason.of(f"readiness_feed_{kind}", year=feed_year) for kind in item.spec.feeds)
    return _Finding(
        Status.MISSING, (Reason.of("readiness_no_content_fed", file=file, feeds=feeds),)
    )


def _feed_year(item: OitItem, as_of: dt.date, site_year: int) -> int:
    """The fiscal year whose records (procurement/<year>/…) the item's rule asks for; other
    feeds read the site's fiscal year (measures/<year>.yaml)."""
    rule = item.spec.rule("fiscal_year")
    if isinstance(rule, FiscalYearRule):
        return fiscal_year_of(as_of) - (1 if rule.year == "previous" else 0)
    return site_year


def _accepted(rule: RuleSpec, counted: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return tuple(e for e in counted if e.kind in rule.accepts)


def _periods(
    item: OitItem, rule: FiscalYearRule, counted: tuple[Evidence, ...], as_of: dt.date
) -> _Finding:
    """The cadence (from the title) and the fiscal year together name the periods due."""
    target = fiscal_year_of(as_of) - (1 if rule.year == "previous" else 0)
    accepted = _accepted(rule, counted)
    cadence = CADENCES.get(item.spec.cadence or "")
    unverified = not rule.verified
    wanted = rule_description(item.spec.cadence, rule)
    if cadence == "monthly":
        return _monthly(target, accepted, as_of, unverified)
    if cadence == "half_year":
        half = Period.first_half(target)
        if half.last.last_day >= as_of:
            note = Reason.of(
                "readiness_half_not_due",
                fiscal_year=FiscalYear(target),
                period=half,
                due=half.last.last_day,
            )
            return _Finding(Status.READY, notes=(note,))
        return _one_period(
            half, accepted, unverified, dated_ok=False, kind="half", wanted_text=wanted
        )
    # A yearly report must say which year it reports on; other dated content is placed by its date.
    return _one_period(
        Period.fiscal_year(target),
        accepted,
        unverified,
        dated_ok=cadence is None,
        kind="year",
        wanted_text=wanted,
    )


def _monthly(
    target: int, accepted: tuple[Evidence, ...], as_of: dt.date, unverified: bool
) -> _Finding:
    """Every month of the fiscal year that has ended by `as_of` needs a summary or a statement."""
    due = tuple(m for m in Period.fiscal_year(target).months() if m.last_day < as_of)
    year = FiscalYear(target)
    if not due:
        return _Finding(
            Status.READY, notes=(Reason.of("readiness_no_month_due", fiscal_year=year),)
        )
    covered = {m for e in accepted if e.period is not None for m in e.period.months()}
    missing = tuple(m for m in due if m not in covered)
    if not missing:
        return _READY
    if len(missing) < len(due):
        reason = Reason.of(
            "readiness_months_gap", months=missing, fiscal_year=year, unverified=unverified
        )
        return _Finding(Status.INCOMPLETE, (reason,))
    unplaced = tuple(e.title for e in accepted if e.period is None)
    if unplaced:
        return _Finding(
            Status.NEEDS_REVIEW, (Reason.of("readiness_period_unknown", titles=_quoted(unplaced)),)
        )
    older = [e.period.last for e in accepted if e.period is not None and e.period.last < due[0]]
    if older:
        reason = Reason.of(
            "readiness_months_outdated",
            latest=max(older),
            months=due,
            fiscal_year=year,
            unverified=unverified,
        )
        return _Finding(Status.OUTDATED, (reason,))
    reason = Reason.of(
        "readiness_months_missing", months=due, fiscal_year=year, unverified=unverified
    )
    return _Finding(Status.MISSING, (reason,))


def _one_period(
    wanted: Period,
    accepted: tuple[Evidence, ...],
    unverified: bool,
    *,
    dated_ok: bool,
    kind: str,
    wanted_text: Reason,
) -> _Finding:
    """One report (or any dated content) for `wanted`: the fiscal year or its first half."""
    year = FiscalYear(wanted.first.fiscal_year)
    placed = tuple(
        e for e in accepted if e.period is not None and (dated_ok or e.period_from != "date")
    )
    if any(_reports_on(e.period, wanted, kind) for e in placed if e.period is not None):
        return _READY
    unplaced = tuple(e.title for e in accepted if e not in placed)
    if unplaced:
        reason = Reason.of(
            f"readiness_{kind}_unplaced",
            titles=_quoted(unplaced),
            period=wanted,
            fiscal_year=year,
            year=year.year,
        )
        return _Finding(Status.NEEDS_REVIEW, (reason,))
    older = [e.period for e in placed if e.period is not None and e.period.last < wanted.first]
    if older:
        latest = max(older, key=lambda p: p.last)
        found = FiscalYear(latest.last.fiscal_year) if kind == "year" else latest
        reason = Reason.of(
            f"readiness_{kind}_outdated",
            found=found,
            period=wanted,
            fiscal_year=year,
            rule=wanted_text,
            unverified=unverified,
        )
        return _Finding(Status.OUTDATED, (reason,))
    reason = Reason.of(
        f"readiness_{kind}_missing",
        period=wanted,
        fiscal_year=year,
        rule=wanted_text,
        unverified=unverified,
    )
    return _Finding(Status.MISSING, (reason,))


def _reports_on(period: Period, wanted: Period, kind: str) -> bool:
    """A half-year report covers the first half (a whole-year one would too); anything else
    must fall inside the wanted fiscal year."""
    if kind == "half":
        return Period.fiscal_year(wanted.first.fiscal_year).contains(period) and period.contains(
            wanted
        )
    return wanted.contains(period)


def _parts(rule: PartsRule, counted: tuple[Evidence, ...]) -> _Finding:
    """All or nothing: the reason names every part not shown."""
    unverified = not rule.verified
    labels = {p.name_th: Label(p.name_th, p.name_en) for p in rule.parts}
    accepted = _accepted(rule, counted)
    shown = {e.part for e in accepted if e.part is not None}
    missing = tuple(label for name, label in labels.items() if name not in shown)
    if not missing:
        return _READY
    if not counted:
        reason = Reason.of("readiness_parts_missing", parts=missing, unverified=unverified)
        return _Finding(Status.MISSING, (reason,))
    if not shown:
        reason = Reason.of("readiness_parts_untagged", parts=missing, unverified=unverified)
        return _Finding(Status.NEEDS_REVIEW, (reason,))
    reason = Reason.of("readiness_parts_missing", parts=missing, unverified=unverified)
    return _Finding(Status.INCOMPLETE, (reason,))


def _person_facts(rule: PersonFactsRule, counted: tuple[Evidence, ...]) -> _Finding:
    """Each person record must give every fact. A post stated vacant has nobody to
    describe and counts as complete, but a list of vacant posts shows no executive."""
    if not counted:
        return _Finding(Status.MISSING)  # presence names what to add
    unverified = not rule.verified
    facts = tuple(Ref(f"readiness_fact_{fact}") for fact in rule.facts)
    records = [e for e in _accepted(rule, counted) if e.facts is not None]
    if not records:
        reason = Reason.of("readiness_facts_unknown", facts=facts, unverified=unverified)
        return _Finding(Status.NEEDS_REVIEW, (reason,))
    held = [e for e in records if e.facts is not None and "vacant" not in e.facts]
    if not held:
        posts = _quoted([record.title for record in records])
        reason = Reason.of("readiness_facts_all_vacant", posts=posts, unverified=unverified)
        return _Finding(Status.INCOMPLETE, (reason,))
    reasons = []
    for record in held:
        assert record.facts is not None
        lacking = tuple(Ref(f"readiness_fact_{f}") for f in rule.facts if f not in record.facts)
        if lacking:
            reasons.append(
                Reason.of(
                    "readiness_facts_missing",
                    subject=record.subject or record.title,
                    facts=lacking,
                    unverified=unverified,
                )
            )
    if not reasons:
        return _READY
    return _Finding(Status.INCOMPLETE, tuple(reasons))


def _tallies(
    framework: FrameworkFile,
    results: tuple[ItemReadiness, ...],
    sections: Sequence[ChecklistSection],
) -> tuple[IndicatorTally, ...]:
    names = {ind.number: ind.name_th for ind in framework.indicators}
    by_code = {result.code: result for result in results}
    tallies = []
    for number in sorted({section.indicator for section in sections}):
        statuses = [
            by_code[item.code].status
            for section in sections
            if section.indicator == number
            for group in section.groups
            for item in group.items
        ]
        counts = tuple((status, statuses.count(status)) for status in Status)
        tallies.append(IndicatorTally(number, names.get(number, ""), counts))
    return tuple(tallies)


def _estimate(framework: FrameworkFile, tallies: tuple[IndicatorTally, ...]) -> Estimate:
    """OIT = mean of its indicators; each indicator = percent of its items that pass."""
    oit = next(tool for tool in framework.tools if tool.code == "OIT")
    used = tuple(t for t in tallies if t.number in oit.indicators and t.total)
    score = framework.general_rule("oit_score")
    scoring = framework.general_rule("item_scoring")
    rule = Reason.of(
        "readiness_estimate_rule",
        indicators=" + ".join(str(t.number) for t in used),
        oit_source=", ".join(score.source),
        scoring_source=", ".join(scoring.source),
        weight=f"{oit.weight:g}",
    )
    return Estimate(
        indicators=used,
        low=sum(t.low_share for t in used) / len(used),
        high=sum(t.high_share for t in used) / len(used),
        weight=oit.weight,
        rule=rule,
    )


_RULE_KEYS = {
    ("monthly", "current"): "readiness_rule_monthly_current",
    ("monthly", "previous"): "readiness_rule_monthly_previous",
    ("half_year", "current"): "readiness_rule_half_year_current",
    ("half_year", "previous"): "readiness_rule_half_year_previous",
    ("yearly", "current"): "readiness_rule_yearly_current",
    ("yearly", "previous"): "readiness_rule_yearly_previous",
    (None, "current"): "readiness_rule_year_current",
    (None, "previous"): "readiness_rule_year_previous",
}


def rule_description(item_cadence: str | None, rule: RuleSpec) -> Reason:
    """What a rule asks, in words (for the list of rules a person must confirm)."""
    if isinstance(rule, FiscalYearRule):
        return Reason.of(_RULE_KEYS[(CADENCES.get(item_cadence or ""), rule.year)])
    if isinstance(rule, PartsRule):
        parts = tuple(Label(p.name_th, p.name_en) for p in rule.parts)
        return Reason.of("readiness_rule_parts", parts=parts)
    assert isinstance(rule, PersonFactsRule)
    facts = tuple(Ref(f"readiness_fact_{fact}") for fact in rule.facts)
    return Reason.of("readiness_rule_person_facts", facts=facts)


def _to_confirm(framework: FrameworkFile) -> tuple[RuleToConfirm, ...]:
    entries = []
    for general in framework.general_rules:
        if not general.verified:
            entries.append(
                RuleToConfirm(
                    None,
                    Reason.of(f"readiness_general_{general.id}"),
                    tuple(general.source),
                    general.note,
                )
            )
    no_criteria = tuple(item.code for item in framework.items if not item.criteria)
    if no_criteria:
        entries.append(
            RuleToConfirm(
                None, Reason.of("readiness_confirm_criteria", codes=", ".join(no_criteria)), ()
            )
        )
    for item in framework.items:
        for rule in item.rules:
            if not rule.verified:
                entries.append(
                    RuleToConfirm(
                        item.code,
                        rule_description(item.cadence, rule),
                        tuple(rule.source),
                        rule.note,
                    )
                )
    return tuple(entries)


def default_as_of() -> dt.date:
    """SOURCE_DATE_EPOCH's date when set (reproducible builds), else today, in Thai time."""
    return today(dt.timezone(dt.timedelta(hours=7)))
