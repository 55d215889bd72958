"""Reporting periods: calendar months, Thai fiscal years and their halves, periods written in Thai.

Readiness rules ask "which months does this document cover?". A document says so with a
`period` field (`มี.ค. 66`, `ต.ค. 65 - มี.ค. 66`, `ปีงบประมาณ 2566`), or in its title
(`สรุปผลการจัดซื้อจัดจ้าง เดือนมกราคม 2566`), or only through its date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from site_builder.thai import (
    BE_OFFSET,
    MONTH_ABBREVIATIONS,
    MONTHS,
    fiscal_year_of,
    to_arabic_digits,
)

ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month; `year` is the Christian-era year, as in content dates."""

    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def fiscal_year(self) -> int:
        """The Thai fiscal year (พ.ศ.) the month belongs to."""
        return fiscal_year_of(self.first_day)

    def label(self, lang: str) -> str:
        """มกราคม 2566 / January 2023."""
        if lang == "th":
            return f"{MONTHS[self.month - 1]} {self.year + BE_OFFSET}"
        return f"{ENGLISH_MONTHS[self.month - 1]} {self.year}"

    def short_label(self, lang: str) -> str:
        """ม.ค. 2566 / Jan 2023."""
        if lang == "th":
            return f"{MONTH_ABBREVIATIONS[self.month - 1]} {self.year + BE_OFFSET}"
        return f"{ENGLISH_MONTHS[self.month - 1][:3]} {self.year}"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A run of whole months, first to last inclusive."""

    first: Month
    last: Month

    @classmethod
    def month(cls, month: Month) -> Period:
        return cls(month, month)

    @classmethod
    def fiscal_year(cls, fiscal_year_be: int) -> Period:
        """1 October to 30 September: fiscal year 2566 is October 2022 – September 2023."""
        end_ce = fiscal_year_be - BE_OFFSET
        return cls(Month(end_ce - 1, 10), Month(end_ce, 9))

    @classmethod
    def first_half(cls, fiscal_year_be: int) -> Period:
        """The first six months (October – March), the period a รอบ 6 เดือน report covers."""
        end_ce = fiscal_year_be - BE_OFFSET
        return cls(Month(end_ce - 1, 10), Month(end_ce, 3))

    def months(self) -> tuple[Month, ...]:
        result = [self.first]
        while result[-1] < self.last:
            result.append(result[-1].next())
        return tuple(result)

    def contains(self, other: Period) -> bool:
        return self.first <= other.first and other.last <= self.last

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(range(self.first.fiscal_year, self.last.fiscal_year + 1))

    def label(self, lang: str) -> str:
        """ต.ค. 2565 – มี.ค. 2566, or one month in full."""
        if self.first == self.last:
            return self.first.label(lang)
        return f"{self.first.short_label(lang)} – {self.last.short_label(lang)}"


# Month names, longest first so "มีนาคม" is not read as a shorter name.
_NAMES = sorted(
    [(name, i + 1) for i, name in enumerate(MONTHS)]
    + [(abbr, i + 1) for i, abbr in enumerate(MONTH_ABBREVIATIONS)],
    key=lambda pair: -len(pair[0]),
)
_MONTH_NUMBER = dict(_NAMES)
_MONTH = "|".join(re.escape(name) for name, _ in _NAMES)
_YEAR = r"(?:พ\.\s*ศ\.\s*)?(\d{4}|\d{2})(?!\d)"
_MONTH_YEAR = rf"(?:เดือน\s*)?({_MONTH})\s*{_YEAR}"
_RANGE = re.compile(rf"{_MONTH_YEAR}\s*(?:[-–]|ถึง)\s*{_MONTH_YEAR}")
_ONE_MONTH = re.compile(_MONTH_YEAR)
_FISCAL_YEAR = re.compile(rf"(?:ปีงบประมาณ|ประจำปี)\s*{_YEAR}")
_FISCAL_HALF = re.compile(rf"{_FISCAL_YEAR.pattern}\s*รอบ\s*6\s*เดือน")
_HALF_YEAR = re.compile(r"6\s*เดือน")


def _year_ce(text: str) -> int | None:
    """'66' or '2566' (พ.ศ.) → 2023; None when it cannot be a Buddhist-era year."""
    year = int(text)
    if year < 100:
        year += 2500
    if not 2400 <= year <= 2700:
        return None
    return year - BE_OFFSET


def _month(name: str, year: str) -> Month | None:
    year_ce = _year_ce(year)
    return None if year_ce is None else Month(year_ce, _MONTH_NUMBER[name])


def _months(match: re.Match[str]) -> Period | None:
    first = _month(*match.group(1, 2))
    if match.re is _ONE_MONTH:
        return None if first is None else Period.month(first)
    last = _month(*match.group(3, 4))
    if first is None or last is None or last < first:
        return None
    return Period(first, last)


def _fiscal(match: re.Match[str], half: bool) -> Period | None:
    year_ce = _year_ce(match.group(1))
    if year_ce is None:
        return None
    year_be = year_ce + BE_OFFSET
    return Period.first_half(year_be) if half else Period.fiscal_year(year_be)


def _normal(text: str) -> str:
    return " ".join(to_arabic_digits(text).split())


def parse_period(text: str) -> Period | None:
    """A `period` field: 'มี.ค. 66', 'มีนาคม 2566', 'ต.ค. 65 - มี.ค. 66', 'ปีงบประมาณ 2566'
    or 'ปีงบประมาณ 2566 รอบ 6 เดือน'; Thai or Arabic digits. None if unreadable."""
    text = _normal(text)
    for pattern in (_RANGE, _ONE_MONTH):
        if match := pattern.fullmatch(text):
            return _months(match)
    if match := _FISCAL_HALF.fullmatch(text):
        return _fiscal(match, half=True)
    if match := _FISCAL_YEAR.fullmatch(text):
        return _fiscal(match, half=False)
    return None


def period_in_title(title: str) -> Period | None:
    """The period a title names, most specific first: a month range, a month, a fiscal year
    (its first half when the title says '6 เดือน'). None when the title names none."""
    text = _normal(title)
    for pattern in (_RANGE, _ONE_MONTH):
        if match := pattern.search(text):
            return _months(match)
    if match := _FISCAL_YEAR.search(text):
        return _fiscal(match, half=_HALF_YEAR.search(text) is not None)
    return None
