"""Template filters for records: amounts in baht, percentages, counts."""

from __future__ import annotations

from decimal import Decimal


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


RECORD_FILTERS = {"amount": amount, "baht": baht, "percent": percent, "count": count}
