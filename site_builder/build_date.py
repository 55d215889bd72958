"""Dates a build uses that do not come from content: SOURCE_DATE_EPOCH, and today.

Reproducible builds (reproducible-builds.org) pass the time of the last change as
SOURCE_DATE_EPOCH, in seconds since 1970-01-01 UTC. The only clock read of the generator
is `today`, the default date O1–O43 readiness is judged at (a site says which items are
out of date); SOURCE_DATE_EPOCH (or `--as-of`) replaces it for a reproducible build.
"""

from __future__ import annotations

import datetime as dt
import os


class BadSourceDateEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds from 0 to year 9999."""

    def __init__(self, value: str):
        self.value = value
        super().__init__(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds")


def _source_moment() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, or None when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BadSourceDateEpoch(value) from None


def source_date() -> dt.date:
    """The UTC date of SOURCE_DATE_EPOCH, or 1970-01-01 when it is not set."""
    moment = _source_moment()
    return moment.date() if moment is not None else dt.date(1970, 1, 1)


def today(zone: dt.tzinfo) -> dt.date:
    """SOURCE_DATE_EPOCH's date in `zone` when it is set, else today's date there."""
    return (_source_moment() or dt.datetime.now(dt.UTC)).astimezone(zone).date()
