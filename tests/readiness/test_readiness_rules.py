"""Rule by rule: how one item's evidence is judged at a reference date (readiness.judge_item).

Items are built directly from the framework's specs and hand-made evidence, the interface
every content kind feeds (documents, links, text, feeds, statements, typed records).
"""

from __future__ import annotations

import datetime as dt

from site_builder.checklist import load_framework
from site_builder.model import Evidence, OitItem
from site_builder.periods import Month, Period
from site_builder.readiness import Status, judge_item
from site_builder.readiness.results import FiscalYear, Label
from site_builder.schema.framework import FiscalYearRule, PartsRule

FRAMEWORK, _ = load_framework("ita-2565")
SPECS = {spec.code: spec for spec in FRAMEWORK.items}
FEED_YEAR = 2566


def item(code: str, *evidence: Evidence, source: str | None = None) -> OitItem:
    return OitItem(
        SPECS[code], "9.3", "การบริหารเงินงบประมาณ", "กลุ่ม", evidence=evidence, source=source
    )


def document(
    title: str,
    date: dt.date | None = None,
    period: Period | None = None,
    found: str = "stated",
    part: str | None = None,
) -> Evidence:
    return Evidence("document", title, date, period, found if period else None, part)


def summary(year: int, month: int) -> Evidence:
    """A monthly procurement summary, published on the 5th of the next month."""
    issued = Month(year, month).next().first_day + dt.timedelta(days=4)
    return document(f"สรุป {year}-{month}", issued, Period.month(Month(year, month)), "title")


def none_stated(year: int, month: int) -> Evidence:
    return Evidence(
        "statement", "ไม่มีการจัดซื้อจัดจ้าง", None, Period.month(Month(year, month)), "stated"
    )


def judge(it: OitItem, as_of: str):
    return judge_item(it, dt.date.fromisoformat(as_of), FEED_YEAR)


def fields(reason) -> dict:
    return dict(reason.fields)


# --- monthly (O23: cadence รายเดือน in the title, current fiscal year) -----------------


def test_monthly_item_with_every_ended_month_is_ready():
    months = [summary(2022, m) for m in (10, 11, 12)] + [summary(2023, m) for m in (1, 2, 3)]

    result = judge(item("O23", *months), "2023-04-06")

    assert result.status is Status.READY
    assert result.reasons == ()


def test_month_stated_as_having_nothing_counts_but_an_empty_month_is_a_gap():
    evidence = [summary(2022, 10), summary(2022, 11), none_stated(2023, 1), summary(2023, 2)]

    result = judge(item("O23", *evidence), "2023-03-10")

    assert result.status is Status.INCOMPLETE
    (reason,) = result.reasons
    assert reason.key == "readiness_months_gap"
    assert fields(reason)["months"] == (Month(2022, 12),)
    assert "ธันวาคม 2565" in reason.text("th")
    assert "December 2022" in reason.text("en")


def test_no_month_is_due_on_the_first_day_of_the_fiscal_year():
    result = judge(item("O23", summary(2022, 8)), "2022-10-01")

    assert result.status is Status.READY
    assert [note.key for note in result.notes] == ["readiness_no_month_due"]


def test_the_last_day_of_the_fiscal_year_still_asks_for_every_month_but_september():
    months = [summary(2021, m) for m in (10, 11, 12)] + [summary(2022, m) for m in range(1, 9)]

    assert judge(item("O23", *months), "2022-09-30").status is Status.READY
    assert judge(item("O23", *months[:-1]), "2022-09-30").status is Status.INCOMPLETE


def test_content_dated_after_the_reference_date_does_not_count_and_is_named():
    october = summary(2022, 10)  # published 5 November 2022

    result = judge(item("O23", october), "2022-11-03")

    assert result.status is Status.MISSING
    assert result.reasons[0].key == "readiness_only_later"
    assert result.notes[-1].key == "readiness_later_ignored"
    assert "สรุป 2022-10" in result.notes[-1].text("th")


def test_only_last_years_months_make_a_monthly_item_outdated():
    result = judge(item("O23", summary(2022, 8), summary(2022, 9)), "2022-12-15")

    assert result.status is Status.OUTDATED
    (reason,) = result.reasons
    assert fields(reason)["latest"] == Month(2022, 9)
    assert fields(reason)["months"] == (Month(2022, 10), Month(2022, 11))


def test_monthly_documents_nobody_can_place_need_a_persons_review():
    result = judge(item("O23", document("แบบ สขร.1")), "2023-01-10")

    assert result.status is Status.NEEDS_REVIEW
    assert result.reasons[0].key == "readiness_period_unknown"


# --- every 6 months (O11, O19, O40: รอบ 6 เดือน, first half of the current year) ------


def test_six_month_report_is_not_due_before_the_first_half_ends():
    last_year = document("รายงาน 6 เดือน 2565", dt.date(2022, 4, 20), Period.first_half(2565))

    on_31_march = judge(item("O11", last_year), "2023-03-31")
    on_1_april = judge(item("O11", last_year), "2023-04-01")

    assert on_31_march.status is Status.READY
    assert on_31_march.notes[0].key == "readiness_half_not_due"
    assert on_1_april.status is Status.OUTDATED
    assert fields(on_1_april.reasons[0])["found"] == Period.first_half(2565)


def test_six_month_report_due_and_absent_is_missing_even_with_other_content():
    text_only = Evidence("text", "O19")

    result = judge(item("O19", text_only), "2023-04-01")

    assert result.status is Status.MISSING
    assert result.reasons[0].key == "readiness_half_missing"
    assert fields(result.reasons[0])["period"] == Period.first_half(2566)


def test_six_month_report_placed_only_by_its_date_needs_a_persons_review():
    dated = document(
        "รายงานการกำกับติดตาม", dt.date(2023, 4, 1), Period.month(Month(2023, 4)), "date"
    )

    result = judge(item("O40", dated), "2023-04-01")

    assert result.status is Status.NEEDS_REVIEW
    assert "ปีงบประมาณ 2566 รอบ 6 เดือน" in result.reasons[0].text("th")


def test_this_years_six_month_report_is_ready_once_due():
    report = document("รายงาน", dt.date(2023, 4, 1), Period.first_half(2566))

    assert judge(item("O40", report), "2023-04-01").status is Status.READY


# --- yearly (O10 current year's plan; O12 previous year's report) ---------------------


def test_yearly_plan_must_be_of_the_current_fiscal_year():
    plan_2565 = document("แผน 2565", dt.date(2021, 10, 20), Period.fiscal_year(2565), "title")

    assert judge(item("O10", plan_2565), "2022-09-30").status is Status.READY
    result = judge(item("O10", plan_2565), "2022-10-01")
    assert result.status is Status.OUTDATED
    assert fields(result.reasons[0])["found"] == FiscalYear(2565)
    assert fields(result.reasons[0])["fiscal_year"] == FiscalYear(2566)


def test_annual_report_must_be_of_the_previous_fiscal_year():
    report_2565 = document("รายงาน 2565", dt.date(2022, 11, 15), Period.fiscal_year(2565), "title")

    assert judge(item("O12", report_2565), "2023-04-01").status is Status.READY
    two_years_on = judge(item("O12", report_2565), "2024-04-01")
    assert two_years_on.status is Status.OUTDATED
    assert fields(two_years_on.reasons[0])["fiscal_year"] == FiscalYear(2566)


def test_yearly_report_placed_only_by_its_date_needs_a_persons_review():
    dated = document(
        "รายงานผลการดำเนินงาน", dt.date(2022, 11, 15), Period.month(Month(2022, 11)), "date"
    )

    result = judge(item("O12", dated), "2023-04-01")

    assert result.status is Status.NEEDS_REVIEW
    assert result.reasons[0].key == "readiness_year_unplaced"


def test_item_without_cadence_is_placed_in_a_fiscal_year_by_its_dates():
    forum = document(
        "เวทีรับฟังความคิดเห็น", dt.date(2022, 12, 12), Period.month(Month(2022, 12)), "date"
    )

    assert judge(item("O33", forum), "2023-04-01").status is Status.READY
    assert judge(item("O33", forum), "2023-10-01").status is Status.OUTDATED


# --- parts (O1: all or nothing) --------------------------------------------------------


def test_structure_with_every_part_is_ready():
    parts = [document(f"แผนผัง {p}", part=p) for p in ("ผู้บริหาร", "สมาชิกสภา", "พนักงาน")]

    assert judge(item("O1", *parts), "2023-04-01").status is Status.READY


def test_one_missing_part_fails_the_item_and_is_named():
    parts = [document(f"แผนผัง {p}", part=p) for p in ("ผู้บริหาร", "พนักงาน")]

    result = judge(item("O1", *parts), "2023-04-01")

    assert result.status is Status.INCOMPLETE
    (reason,) = result.reasons
    assert fields(reason)["parts"] == (Label("สมาชิกสภา", "council members"),)
    assert "สมาชิกสภา" in reason.text("th")
    assert result.unverified  # the three-part rule comes from the agency's own analysis


def test_structure_whose_parts_are_not_tagged_needs_a_persons_review():
    result = judge(item("O1", document("แผนผังโครงสร้าง")), "2023-04-01")

    assert result.status is Status.NEEDS_REVIEW
    assert result.reasons[0].key == "readiness_parts_untagged"


# --- person facts (O2: read from structured records, e.g. executives) ------------------


def person(post: str, *facts: str) -> Evidence:
    return Evidence("record", post, subject=post, facts=frozenset(facts))


def test_executives_without_records_need_a_persons_review():
    result = judge(item("O2", Evidence("text", "O2")), "2023-04-01")

    assert result.status is Status.NEEDS_REVIEW
    assert result.reasons[0].key == "readiness_facts_unknown"
    assert not result.unverified  # the O2 criteria are verified


def test_executive_without_a_photo_fails_the_item_naming_the_post():
    records = [
        person("นายก อบต.", "name", "position", "photo", "contact"),
        person("รองนายก อบต.", "name", "position", "contact"),
        person("ปลัด อบต.", "vacant"),
    ]

    result = judge(item("O2", *records), "2023-04-01")

    assert result.status is Status.INCOMPLETE
    (reason,) = result.reasons
    assert reason.text("th") == "รองนายก อบต.: ขาด รูปถ่าย"
    assert reason.text("en") == "รองนายก อบต.: missing photo"


def test_executives_with_every_fact_or_a_vacant_post_are_ready():
    records = [
        person("นายก อบต.", "name", "position", "photo", "contact"),
        person("ปลัด อบต.", "vacant"),
    ]

    assert judge(item("O2", *records), "2023-04-01").status is Status.READY


# --- presence and the item's overall status --------------------------------------------


def test_item_with_nothing_is_missing_and_says_which_file_to_add():
    result = judge(item("O4"), "2023-04-01")

    assert result.status is Status.MISSING
    assert result.reasons[0].text("th") == (
        "ยังไม่มีข้อมูลข้อนี้ในเว็บไซต์ — เพิ่มไฟล์ oit/O4.yaml ในโฟลเดอร์เนื้อหา"
    )
    assert not result.unverified


def test_fed_item_with_nothing_names_the_content_that_feeds_it():
    result = judge(item("O43"), "2023-04-01")

    assert "progress_reports" in result.reasons[0].text("th")
    assert "measures/2566.yaml" in result.reasons[0].text("en")


def test_missing_item_also_says_what_its_rules_require():
    result = judge(item("O23"), "2023-01-15")

    assert [r.key for r in result.reasons] == [
        "readiness_no_content_fed",
        "readiness_months_missing",
    ]
    assert "procurement/2566/summary-" in result.reasons[0].text("th")
    assert fields(result.reasons[1])["months"] == (
        Month(2022, 10),
        Month(2022, 11),
        Month(2022, 12),
    )


def test_worst_rule_wins_and_every_failing_rule_gives_its_reason():
    spec = SPECS["O1"].model_copy(
        update={
            "cadence": "ประจำปี",
            "rules": [
                SPECS["O1"].rules[0],
                FiscalYearRule(
                    kind="fiscal_year",
                    year="current",
                    accepts=["document"],
                    source=["REF_YEAR_RULE"],
                    verified=False,
                ),
            ],
        }
    )
    assert isinstance(spec.rules[0], PartsRule)
    old_chart = document(
        "แผนผัง ผู้บริหาร 2565", dt.date(2021, 11, 1), Period.fiscal_year(2565), part="ผู้บริหาร"
    )
    it = OitItem(spec, "9.1", "ข้อมูลพื้นฐาน", "ข้อมูลพื้นฐาน", evidence=(old_chart,))

    result = judge(it, "2023-04-01")

    assert result.status is Status.OUTDATED
    assert [r.key for r in result.reasons] == ["readiness_parts_missing", "readiness_year_outdated"]


# --- a person's review -----------------------------------------------------------------


def reviewed_item(
    code: str, reviewed: str, *evidence: Evidence, updated: str | None = None
) -> OitItem:
    return OitItem(
        SPECS[code],
        "9.1",
        "ข้อมูลพื้นฐาน",
        "ข้อมูลพื้นฐาน",
        evidence=evidence,
        reviewed=dt.date.fromisoformat(reviewed),
        updated=dt.date.fromisoformat(updated) if updated else None,
    )


def test_review_settles_what_only_a_person_can_judge():
    it = reviewed_item("O2", "2023-01-10", Evidence("text", "O2"), updated="2023-01-05")

    result = judge(it, "2023-04-01")

    assert result.status is Status.READY
    assert [note.key for note in result.notes] == ["readiness_reviewed"]


def test_review_does_not_count_before_it_happened_or_after_the_item_changed():
    directory = document("ทำเนียบผู้บริหาร", dt.date(2023, 2, 1), Period.month(Month(2023, 2)), "date")
    stale = reviewed_item("O2", "2023-01-10", directory)

    assert judge(stale, "2023-04-01").status is Status.NEEDS_REVIEW
    assert judge(stale, "2023-04-01").notes[-1].key == "readiness_review_stale"
    assert (
        judge(reviewed_item("O2", "2023-05-01", directory), "2023-04-01").status
        is Status.NEEDS_REVIEW
    )


def test_review_never_hides_what_the_checks_found_missing():
    charts = [document(f"แผนผัง {p}", part=p) for p in ("ผู้บริหาร", "พนักงาน")]

    result = judge(reviewed_item("O1", "2023-01-10", *charts), "2023-04-01")

    assert result.status is Status.INCOMPLETE


def test_empty_item_with_a_previous_year_rule_names_last_years_file():
    result = judge(item("O20"), "2023-04-01")  # fiscal year 2566 asks for the 2565 report

    assert "budget/2565/report-annual.csv" in result.reasons[0].text("th")
