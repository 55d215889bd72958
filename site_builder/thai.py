"""Thai calendar and numerals: Buddhist-era years, month names, Thai digits, fiscal years."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

BE_OFFSET = 543

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
MONTH_ABBREVIATIONS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def numerals(thai_digits: bool) -> Callable[[object], str]:
    """How the site writes a number: Thai digits (๒๕๖๕) when the site asks for them."""
    if thai_digits:
        return lambda value: to_thai_digits(str(value))
    return str


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def thai_date(value: dt.date) -> str:
    """24 มกราคม 2565."""
    return f"{value.day} {MONTHS[value.month - 1]} {be_year(value.year)}"


def thai_month(year_ce: int, month: int) -> str:
    """มกราคม 2565."""
    return f"{MONTHS[month - 1]} {be_year(year_ce)}"


def fiscal_year_of(value: dt.date) -> int:
    """The Thai fiscal year (พ.ศ.) a date falls in; it starts on 1 October."""
    return be_year(value.year + (1 if value.month >= 10 else 0))


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year given in พ.ศ."""
    end_ce = fiscal_year_be - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


_ABBREV_PATTERN = "|".join(re.escape(a) for a in MONTH_ABBREVIATIONS)
_MONTH_YEAR = rf"({_ABBREV_PATTERN})\s*(\d{{2}}|\d{{4}})"
_RANGE = re.compile(rf"^\s*{_MONTH_YEAR}\s*[-–]\s*{_MONTH_YEAR}\s*$")


def _year_ce(two_or_four: str) -> int:
    year = int(two_or_four)
    if year < 100:  # "๖๕" is 2565 in Thai short form
        year += 2500
    return year - BE_OFFSET


def parse_month_range(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'ม.ค. ๖๕- ส.ค. ๖๕' → ((2022, 1), (2022, 8)) as (year CE, month); None if unreadable."""
    match = _RANGE.match(to_arabic_digits(text))
    if not match:
        return None
    m1, y1, m2, y2 = match.groups()
    start = (_year_ce(y1), MONTH_ABBREVIATIONS.index(m1) + 1)
    end = (_year_ce(y2), MONTH_ABBREVIATIONS.index(m2) + 1)
    if end < start:
        return None
    return start, end
