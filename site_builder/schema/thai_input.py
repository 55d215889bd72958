"""Numbers and dates as Thai editors write them, read deliberately (docs/content-format.md).

Accepted:
- Thai digits in any numeric field: `fiscal_year: ๒๕๖๕`, `score: ๗๕.๓๖`;
- dates in ISO form with the Christian-era year, in Arabic or Thai digits:
  `2022-01-24`, `๒๐๒๒-๐๑-๒๔`;
- dates in Thai form with the Buddhist-era year, month by name or abbreviation, in
  Arabic or Thai digits, with or without "พ.ศ.": `24 มกราคม 2565`, `๒๔ ม.ค. ๒๕๖๕`,
  `24 มกราคม พ.ศ. 2565`.
Not accepted: an ISO date with a Buddhist-era year (`2565-01-24`) — it is reported with
the Christian-era year to write instead, because a year-month-day date is read by every
other tool as Christian era.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from site_builder.thai import BE_OFFSET, MONTH_ABBREVIATIONS, MONTHS, to_arabic_digits

THAI_DIGITS = "๐-๙"
# A number written (partly) in Thai digits, as JSON Schema patterns and Python regexes.
THAI_NUMBER_PATTERN = (
    rf"^\s*[+-]?[0-9{THAI_DIGITS}]*[{THAI_DIGITS}][0-9{THAI_DIGITS}]*(\.[0-9{THAI_DIGITS}]+)?\s*$"
)
_THAI_NUMBER = re.compile(THAI_NUMBER_PATTERN)

_MONTH_NAMES = "|".join(re.escape(m) for m in (*MONTHS, *MONTH_ABBREVIATIONS))
THAI_DATE_PATTERN = (
    rf"^\s*[0-9{THAI_DIGITS}]{{1,2}}\s+({_MONTH_NAMES})\s*(พ\.ศ\.\s*)?[0-9{THAI_DIGITS}]{{4}}\s*$"
)
ISO_THAI_DIGITS_PATTERN = rf"^\s*[{THAI_DIGITS}]{{4}}-[{THAI_DIGITS}]{{2}}-[{THAI_DIGITS}]{{2}}\s*$"
_THAI_DATE = re.compile(rf"^\s*(\d{{1,2}})\s+({_MONTH_NAMES})\s*(?:พ\.ศ\.\s*)?(\d{{4}})\s*$")


def arabic_number(value: Any) -> Any:
    """'๒๕๖๕' → '2565' (pydantic then reads the number); anything else is left as it is."""
    if isinstance(value, str) and _THAI_NUMBER.match(value):
        return to_arabic_digits(value.strip())
    if isinstance(value, list):
        return [arabic_number(item) for item in value]
    return value


def read_date(value: Any) -> Any:
    """A Thai-form date → date; Thai digits in an ISO date → Arabic; anything else as it is."""
    if not isinstance(value, str):
        return value
    text = to_arabic_digits(value.strip())
    match = _THAI_DATE.match(text)
    if match is None:
        return text
    day, month_name, year_be = match.groups()
    months = MONTHS if month_name in MONTHS else MONTH_ABBREVIATIONS
    try:
        return dt.date(int(year_be) - BE_OFFSET, months.index(month_name) + 1, int(day))
    except ValueError:
        raise PydanticCustomError(
            "bad_thai_date", "no such date", {"found": value.strip()}
        ) from None


def _is_number(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, int | float)
        and annotation is not bool
    )


def _numeric(annotation: Any) -> bool:
    """int, float, Optional of them, or a list of them."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _numeric(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_numeric(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin is list:
        return _numeric(typing.get_args(annotation)[0])
    return _is_number(annotation)


@cache
def numeric_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names of the model's fields that hold numbers (where Thai digits are read)."""
    return frozenset(name for name, info in model.model_fields.items() if _numeric(info.annotation))
