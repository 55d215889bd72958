"""The one date a build may use that does not come from content: SOURCE_DATE_EPOCH.

Reproducible builds (reproducible-builds.org) pass the time of the last change as
SOURCE_DATE_EPOCH, in seconds since 1970-01-01 UTC; the generator never reads the clock.
"""

from __future__ import annotations

import datetime as dt
import os


class BadSourceDateEpoch(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds from 0 to year 9999."""

    def __init__(self, value: str):
        self.value = value
        super().__init__(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds")


def source_date() -> dt.date:
    """The UTC date of SOURCE_DATE_EPOCH, or 1970-01-01 when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return dt.date(1970, 1, 1)
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BadSourceDateEpoch(value) from None
