"""Control characters in content text: refused wherever an editor writes text."""

from __future__ import annotations

import re

from site_builder.problems import Location, Problem

# Never typed on purpose (a vertical tab is how Word pastes a line break) and not allowed
# in XML: one of them makes the whole Atom feed unreadable. Tab and line breaks are text.
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def first_control_character(text: str) -> int | None:
    """Index of the first control character in `text`, or None."""
    found = _CONTROL_CHARACTER.search(text)
    return found.start() if found else None


def control_character_problem(text: str, file: str, first_line: int) -> Problem | None:
    """A control character in a Markdown body starting at `first_line` of `file`, placed at
    its line and column."""
    index = first_control_character(text)
    if index is None:
        return None
    before = text[:index]
    line = first_line + before.count("\n")
    column = index - (before.rfind("\n") + 1) + 1
    char = f"U+{ord(text[index]):04X}"
    return Problem(Location(file, line, column), "control_character", {"char": char})
