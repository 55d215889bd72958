"""Content problems: what is wrong, where (file:line:column), in which field.

A problem stores a message key and its fields, not text, so the same problem can be
reported in Thai or English (see `site_builder.messages`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from site_builder.messages import message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a content file; line and column count from 1 (0 = unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True, slots=True)
class Problem:
    location: Location
    key: str
    fields: dict[str, object] = field(default_factory=dict)
    field_path: str = ""
    severity: Severity = Severity.ERROR

    def text(self, lang: str) -> str:
        return message(lang, self.key, **self.fields)

    def format(self, lang: str) -> str:
        """`file:line:column: field: what is wrong, what is expected`."""
        where = str(self.location)
        what = self.text(lang)
        if self.field_path:
            return f"{where}: {self.field_path}: {what}"
        return f"{where}: {what}"

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.key)


def format_path(path: Sequence[str | int]) -> str:
    """('indicators', 2, 'score') → 'indicators[2].score' (positions as written, from 0)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ContentErrors(Exception):
    """Raised when a stage finds errors; carries every problem found so far."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} content problem(s)")

    def __reduce__(self) -> tuple[type[ContentErrors], tuple[list[Problem]]]:
        # Raised in a render worker, it reaches the building process pickled.
        return ContentErrors, (self.problems,)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
