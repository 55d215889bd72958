"""Months, fiscal years and periods written in Thai (site_builder.periods)."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.periods import Month, Period, parse_period, period_in_title


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("มี.ค. 66", Month(2023, 3), Month(2023, 3)),
        ("มีนาคม 2566", Month(2023, 3), Month(2023, 3)),
        ("ต.ค. 65 - มี.ค. 66", Month(2022, 10), Month(2023, 3)),
        ("ต.ค. ๖๕- มี.ค. ๖๖", Month(2022, 10), Month(2023, 3)),
        ("ปีงบประมาณ 2566", Month(2022, 10), Month(2023, 9)),
        ("ปีงบประมาณ พ.ศ. 2566", Month(2022, 10), Month(2023, 9)),
        ("ปีงบประมาณ 2566 รอบ 6 เดือน", Month(2022, 10), Month(2023, 3)),
    ],
)
def test_period_field_accepts_months_ranges_and_fiscal_years(text, first, last):
    assert parse_period(text) == Period(first, last)


@pytest.mark.parametrize(
    "text", ["2566", "มี.ค.", "มี.ค. 2566 เป็นต้นไป", "ก.ย. 66 - ต.ค. 65", "มี.ค. 1999"]
)
def test_period_field_rejects_what_it_cannot_read_whole(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("สรุปผลการจัดซื้อจัดจ้าง เดือนมกราคม 2566", Period.month(Month(2023, 1))),
        ("สถิติการให้บริการ ต.ค. 65 - มี.ค. 66", Period(Month(2022, 10), Month(2023, 3))),
        ("แผนดำเนินงานประจำปีงบประมาณ พ.ศ. 2566", Period.fiscal_year(2566)),
        ("แผนดำเนินงานประจำปี 2566", Period.fiscal_year(2566)),
        ("รายงานผลการดำเนินงานประจำปีงบประมาณ ๒๕๖๕", Period.fiscal_year(2565)),
        (
            "รายงานการกำกับติดตามการใช้จ่ายงบประมาณ ประจำปีงบประมาณ 2566 รอบ 6 เดือน",
            Period.first_half(2566),
        ),
        ("คู่มือการปฏิบัติงานกองคลัง", None),
    ],
)
def test_title_names_the_most_specific_period(title, expected):
    assert period_in_title(title) == expected


def test_fiscal_year_runs_october_to_september():
    year = Period.fiscal_year(2566)

    assert (year.first, year.last) == (Month(2022, 10), Month(2023, 9))
    assert len(year.months()) == 12
    assert Month.of(dt.date(2022, 9, 30)).fiscal_year == 2565
    assert Month.of(dt.date(2022, 10, 1)).fiscal_year == 2566


def test_first_half_is_october_to_march_and_ends_on_31_march():
    half = Period.first_half(2566)

    assert half.months()[0] == Month(2022, 10)
    assert half.last.last_day == dt.date(2023, 3, 31)


def test_month_steps_over_the_year_end_and_knows_its_last_day():
    assert Month(2022, 12).next() == Month(2023, 1)
    assert Month(2024, 2).last_day == dt.date(2024, 2, 29)


def test_labels_use_buddhist_era_in_thai_and_christian_era_in_english():
    assert Month(2023, 1).label("th") == "มกราคม 2566"
    assert Month(2023, 1).label("en") == "January 2023"
    assert Period.first_half(2566).label("th") == "ต.ค. 2565 – มี.ค. 2566"
