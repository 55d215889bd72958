"""A published document: a file copied into the site, or an external link."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attachment:
    """A document as published: a file copied into the site, or an external link."""

    title: str
    href: str  # site path ("files/…") for copied files, absolute URL otherwise
    is_file: bool
    date: dt.date | None = None
