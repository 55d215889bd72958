"""Template filters: Thai dates with Buddhist-era years, scores, numbers."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal

from markupsafe import Markup

from site_builder import thai
from site_builder.model.richtext import markdown_to_html


def thai_date(value: dt.date | None) -> str:
    return thai.thai_date(value) if value else ""


def score(value: float) -> str:
    """Scores are always shown with two decimals (75.36, 37.50)."""
    return f"{value:.2f}"


def number(value: object) -> str:
    """A count, a year or a numbered code such as 9.1 for people to read; templates print
    every such number through this filter so the site option `thai_digits` reaches it
    (ids and other machine-read attributes leave it out and keep Arabic digits)."""
    return str(value)


_EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|x)\s*", re.IGNORECASE)


def tel_href(phone: str) -> str:
    """'0 3451 2346 ต่อ 102' → 'tel:034512346,102': digits only (a dialler pauses at ',')."""
    number, *extension = _EXTENSION.split(phone, maxsplit=1)
    href = "tel:" + ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)
    digits = re.sub(r"\D", "", extension[0]) if extension else ""
    return f"{href},{digits}" if digits else href


def iso_date(value: dt.date) -> str:
    return value.isoformat()


def atom_datetime(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00+07:00"


def markdown(source: str | None) -> Markup:
    """Markdown → sanitised HTML."""
    return Markup(markdown_to_html(source)) if source else Markup("")


def markdown_inline(source: str | None) -> Markup:
    """Markdown for a heading or list item: the single paragraph's contents, no <p>."""
    html = markdown_to_html(source) if source else ""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def amount(value: Decimal) -> str:
    """1234567 → 1,234,567.00"""
    return f"{value:,.2f}"


def baht(value: Decimal) -> str:
    """1234567 → 1,234,567.00 บาท"""
    return f"{value:,.2f} บาท"


def percent(value: Decimal) -> str:
    """12.5 → 12.50"""
    return f"{value:.2f}"


def count(value: int) -> str:
    """1234 → 1,234"""
    return f"{value:,}"


FILTERS = {
    "markdown": markdown,
    "markdown_inline": markdown_inline,
    "thai_date": thai_date,
    "score": score,
    "iso_date": iso_date,
    "tel_href": tel_href,
    "atom_datetime": atom_datetime,
    "thai_digits": thai.to_thai_digits,
    "number": number,
    "amount": amount,
    "baht": baht,
    "percent": percent,
    "count": count,
}


# Filters that write numbers or dates for people to read; machine-readable ones
# (iso_date, atom_datetime) keep Arabic digits.
_READABLE_NUMBERS = ("thai_date", "score", "number", "amount", "baht", "percent", "count")


def thai_digit_filters() -> dict[str, Callable[..., str]]:
    """The readable-number filters, writing Thai digits (site option `thai_digits`)."""

    def in_thai_digits(convert: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(convert)
        def wrapped(*args: object, **kwargs: object) -> str:
            return thai.to_thai_digits(convert(*args, **kwargs))

        return wrapped

    return {name: in_thai_digits(FILTERS[name]) for name in _READABLE_NUMBERS}
