"""Fictional agencies in several states, judged item by item around fiscal-year boundaries.

tests/fixtures/readiness/:
  complete       every item published for fiscal years 2565 and 2566 (to March 2023)
  missing-items  a new site: a few items, the O1 council chart not yet published
  last-year      published for fiscal year 2565, not updated since
  monthly-gaps   O23 with December 2022 and March 2023 missing, January stated as none
  half-year-due  six-month reports: last year's only, text only, one without a period

Every agency's site.yaml gives its address and phone, which publish O5 by themselves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.periods import Month, Period
from site_builder.pipeline import load_site
from site_builder.readiness import Readiness, Status
from site_builder.readiness.results import FiscalYear, Label

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "readiness"
CODES = [f"O{n}" for n in range(1, 44)]
R, NR, INC, OD, M = (
    Status.READY,
    Status.NEEDS_REVIEW,
    Status.INCOMPLETE,
    Status.OUTDATED,
    Status.MISSING,
)


def judged(agency: str, as_of: str) -> Readiness:
    site, problems = load_site(FIXTURES / agency, dt.date.fromisoformat(as_of))
    assert site is not None and site.readiness is not None, [p.format("en") for p in problems]
    assert problems == []
    return site.readiness


def statuses(default: Status, **overrides: Status) -> dict[str, Status]:
    return {code: overrides.get(code, default) for code in CODES}


OUTDATED_ON_1_OCTOBER = ("O10", "O12", "O15", "O16", "O20", "O21", "O24", "O25", "O26", "O28", "O33", "O37", "O41")  # fmt: skip

EXPECTED = {
    ("complete", "2022-09-30"): statuses(R, O2=NR, O43=M),
    ("complete", "2022-10-01"): statuses(
        R, O2=NR, O43=M, **dict.fromkeys(OUTDATED_ON_1_OCTOBER, OD)
    ),
    ("complete", "2023-04-01"): statuses(R),  # O2: a person's review of 1 November 2022
    ("missing-items", "2022-10-01"): statuses(M, O3=R, O5=R, O9=R),
    ("missing-items", "2023-04-01"): statuses(M, O1=INC, O3=R, O5=R, O7=R, O9=R),
    ("last-year", "2022-09-30"): statuses(
        M,
        **dict.fromkeys(
            ("O3", "O5", "O10", "O11", "O12", "O18", "O19", "O20", "O23", "O24", "O40", "O41"), R
        ),
    ),
    ("last-year", "2022-10-01"): statuses(
        M,
        **dict.fromkeys(("O3", "O5", "O11", "O19", "O23", "O40"), R),
        **dict.fromkeys(("O10", "O12", "O18", "O20", "O24", "O41"), OD),
    ),
    ("last-year", "2023-04-01"): statuses(
        M,
        O3=R,
        O5=R,
        **dict.fromkeys(("O10", "O11", "O12", "O18", "O19", "O20", "O23", "O24", "O40", "O41"), OD),
    ),
    ("monthly-gaps", "2022-10-01"): statuses(M, O5=R, O23=R),
    ("monthly-gaps", "2022-12-01"): statuses(M, O5=R, O23=INC),
    ("monthly-gaps", "2023-03-31"): statuses(M, O5=R, O23=INC),
    ("monthly-gaps", "2023-04-01"): statuses(M, O5=R, O23=INC),
    ("half-year-due", "2022-09-30"): statuses(M, O5=R, O11=R),
    ("half-year-due", "2023-03-31"): statuses(M, O5=R, O11=R, O19=R),
    ("half-year-due", "2023-04-01"): statuses(M, O5=R, O11=OD, O40=NR),
}


@pytest.mark.parametrize(("agency", "as_of"), sorted(EXPECTED))
def test_every_item_has_the_expected_status(agency, as_of):
    readiness = judged(agency, as_of)

    found = {result.code: result.status for result in readiness.items}

    assert found == EXPECTED[agency, as_of]


@pytest.mark.parametrize(("agency", "as_of"), sorted(EXPECTED))
def test_every_item_not_ready_says_why_and_a_ready_item_does_not(agency, as_of):
    for result in judged(agency, as_of).items:
        if result.status is Status.READY:
            assert result.reasons == (), result.code
        else:
            assert result.reasons, result.code
            assert all(
                text.strip() for text in result.reason_texts("th") + result.reason_texts("en")
            )


def reason(agency: str, as_of: str, code: str, index: int = 0):
    result = judged(agency, as_of).item(code)
    return result.reasons[index]


def test_monthly_gaps_name_the_missing_months():
    early = reason("monthly-gaps", "2022-12-01", "O23")  # November's summary is dated 6 December
    late = reason("monthly-gaps", "2023-04-01", "O23")

    assert dict(early.fields)["months"] == (Month(2022, 11),)
    assert dict(late.fields)["months"] == (Month(2022, 12), Month(2023, 3))
    assert "ธันวาคม 2565, มีนาคม 2566" in late.text("th")


def test_month_stated_as_none_and_forms_placed_by_date_or_period_count():
    result = judged("monthly-gaps", "2023-03-31").item("O23")

    assert dict(result.reasons[0].fields)["months"] == (Month(2022, 12),)


def test_missing_part_is_named():
    found = reason("missing-items", "2023-04-01", "O1")

    assert found.key == "readiness_parts_missing"
    assert dict(found.fields)["parts"] == (Label("สมาชิกสภา", "council members"),)


def test_empty_disclosure_file_is_reported_as_such():
    found = reason("missing-items", "2023-04-01", "O6")

    assert found.key == "readiness_empty_file"
    assert found.text("th").endswith("missing-items/oit/O6.yaml ยังไม่มีข้อความ เอกสาร หรือลิงก์")


def test_last_years_reports_are_outdated_with_the_year_found_and_the_year_required():
    plan = reason("last-year", "2023-04-01", "O10")
    report = reason("last-year", "2023-04-01", "O12")
    half = reason("last-year", "2023-04-01", "O11")
    months = reason("last-year", "2023-04-01", "O23")

    assert (dict(plan.fields)["found"], dict(plan.fields)["fiscal_year"]) == (
        FiscalYear(2565),
        FiscalYear(2566),
    )
    assert (dict(report.fields)["found"], dict(report.fields)["fiscal_year"]) == (
        FiscalYear(2564),
        FiscalYear(2565),
    )
    assert dict(half.fields)["found"] == Period.first_half(2565)
    assert dict(months.fields)["latest"] == Month(2022, 9)
    assert plan.unverified and report.unverified  # fiscal-year rules are not verified


def test_six_month_report_due_but_absent():
    assert reason("half-year-due", "2023-04-01", "O19").key == "readiness_half_missing"
    assert reason("half-year-due", "2023-04-01", "O11").key == "readiness_half_outdated"
    assert reason("half-year-due", "2023-04-01", "O40").key == "readiness_half_unplaced"
    not_due = judged("half-year-due", "2023-03-31").item("O19")
    assert [note.key for note in not_due.notes] == ["readiness_half_not_due"]


def test_a_persons_review_settles_what_only_a_person_can_judge_once_it_has_happened():
    before = judged("complete", "2022-10-01").item("O2")  # reviewed on 1 November 2022
    after = judged("complete", "2023-04-01").item("O2")

    assert before.status is Status.NEEDS_REVIEW
    assert after.status is Status.READY
    assert after.note_texts("th") == [
        "เจ้าหน้าที่ตรวจส่วนที่ระบบตรวจเองไม่ได้แล้วเมื่อ 1 พฤศจิกายน 2565 (reviewed)"
    ]


def test_documents_published_after_the_reference_date_are_named_in_the_notes():
    plan = judged("complete", "2022-10-01").item("O10")

    assert "แผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2566" in plan.note_texts("th")[-1]


def test_counts_per_indicator_cover_all_43_items():
    readiness = judged("complete", "2022-10-01")

    assert [(t.number, t.total) for t in readiness.tallies] == [(9, 33), (10, 10)]
    nine = dict(readiness.tallies[0].counts)
    assert (nine[R], nine[NR], nine[OD]) == (21, 1, 11)
    ten = dict(readiness.tallies[1].counts)
    assert (ten[R], ten[OD], ten[M]) == (7, 2, 1)


def test_estimate_is_the_mean_of_indicator_9_and_10_pass_shares():
    estimate = judged("complete", "2022-10-01").estimate

    assert round(estimate.low, 2) == round((100 * 21 / 33 + 100 * 7 / 10) / 2, 2) == 66.82
    assert round(estimate.high, 2) == round((100 * 22 / 33 + 100 * 7 / 10) / 2, 2) == 68.33
    assert (round(estimate.ita_points_low, 2), round(estimate.ita_points_high, 2)) == (26.73, 27.33)
    assert "2567" in estimate.rule.text("th") and "SRC_SPM_SK2567" in estimate.rule.text("th")


def test_reference_date_outside_the_sites_or_the_checklists_year_is_noted():
    before = judged("complete", "2022-09-30")  # site.yaml: 2566; checklist ita-2565
    after = judged("complete", "2023-04-01")

    assert [note.key for note in before.notes] == ["readiness_site_year_differs"]
    assert [note.key for note in after.notes] == ["readiness_framework_year_differs"]
