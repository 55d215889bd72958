"""PyYAML's syntax errors, told as what an editor did and how to fix it (in the catalogue).

PyYAML reports "found character '\\t' that cannot start any token" or "mapping values are
not allowed here"; the editor needs "this line is indented with a Tab" or "put the
value in quotes". The common causes get their own message; any other error keeps
PyYAML's description inside the general `yaml_syntax` message.
"""

from __future__ import annotations

import yaml

from site_builder.problems import Location, Problem

# Start of PyYAML's problem text (libyaml's wording, or the pure-Python parser's) → key.
_CAUSES = (
    ("mapping values are not allowed", "yaml_colon_in_value"),
    ("could not find expected ':'", "yaml_missing_colon"),
    ("did not find expected key", "yaml_indentation"),
    ("did not find expected '-' indicator", "yaml_indentation"),
    ("expected <block end>, but found", "yaml_indentation"),
    ("found unexpected end of stream", "yaml_unclosed_quote"),
)


def _tab_in_indentation(text: str, last_line: int) -> tuple[int, int] | None:
    """(line, column) of the first Tab used to indent a line, up to `last_line`."""
    for number, line in enumerate(text.split("\n")[:last_line], start=1):
        content = line.lstrip(" \t")
        indentation = line[: len(line) - len(content)]
        if "\t" in indentation and content:
            return number, indentation.index("\t") + 1
    return None


def syntax_problem(
    failure: yaml.MarkedYAMLError, text: str, file: str, line_offset: int
) -> Problem:
    """The problem to report for a YAML syntax error in `text`."""
    mark = failure.problem_mark or failure.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    described = failure.problem or failure.context or "?"
    tab = _tab_in_indentation(text, line or len(text.split("\n")))
    if tab is not None:  # YAML forbids Tabs for indentation; editors insert them silently
        tab_line, tab_column = tab
        return Problem(Location(file, tab_line + line_offset, tab_column), "yaml_tab")
    key = next((key for start, key in _CAUSES if described.startswith(start)), "yaml_syntax")
    where = Location(file, line + line_offset if line else 0, column)
    if key == "yaml_unclosed_quote" and failure.context_mark is not None:
        opened = failure.context_mark  # where the quote was opened, not the end of the file
        where = Location(file, opened.line + 1 + line_offset, opened.column + 1)
    fields = {"problem": described} if key == "yaml_syntax" else {}
    return Problem(where, key, fields)
