"""Validate loaded values against a content model, reporting problems at file:line:column."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_builder.load.yaml_source import SourceDocument
from site_builder.messages import Ref
from site_builder.problems import Problem
from site_builder.schema.types import LAST_PLAUSIBLE_CE_YEAR
from site_builder.thai import BE_OFFSET

M = TypeVar("M", bound=BaseModel)

# Error types reported as "found X, expected <kind>".
_EXPECTED_KIND = {
    "string_type": "type_string",
    "int_type": "type_integer",
    "int_parsing": "type_integer",
    "int_from_float": "type_integer",
    "float_type": "type_number",
    "float_parsing": "type_number",
    "bool_type": "type_bool",
    "bool_parsing": "type_bool",
    "date_type": "type_date",
    "date_parsing": "type_date",
    "date_from_datetime_parsing": "type_date",
    "date_from_datetime_inexact": "type_date",
    "list_type": "type_list",
    "dict_type": "type_mapping",
    "model_type": "type_mapping",
    "model_attributes_type": "type_mapping",
}
# A value written like a date (year-month-day) that is not a real date, e.g. 2022-02-30.
_WRITTEN_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PATTERN_EXAMPLES = {
    r"^O[1-9][0-9]?$": "O1 … O43",
    r"^[IEO][1-9][0-9]?$": "I1, E14, O23",
    r"^ocds-[a-z0-9]{6}$": "ocds-a1b2c3",
}


def validate(doc: SourceDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """`doc.value` as a `model`, or the problems that prevent it (all of them)."""
    known = doc.validated.get(model)
    if known is None:
        record, problems = _validate(doc, model)
        known = doc.validated[model] = (record, tuple(problems))
    return known[0], list(known[1])


def _validate(doc: SourceDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(doc.value), []
    except ValidationError as exc:
        problems = [_problem(doc, model, error) for error in exc.errors(include_url=False)]
    # A misspelt key (titel) is reported once, with its suggestion, not also as the
    # required field it was meant to be (title) going missing.
    suggested = {
        _sibling(p.field_path, str(p.fields["suggestion"]))
        for p in problems
        if p.key == "unknown_field_hint"
    }
    return None, [p for p in problems if not (p.key == "missing" and p.field_path in suggested)]


def _sibling(field_path: str, name: str) -> str:
    """'documents[0].titel', 'title' → 'documents[0].title'."""
    parent, dot, _ = field_path.rpartition(".")
    return f"{parent}{dot}{name}"


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):  # datetime too: show it as written, not as a repr
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _problem(doc: SourceDocument, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(part for part in error["loc"] if isinstance(part, int | str))
    kind = error["type"]
    ctx = error.get("ctx") or {}
    found = error.get("input")
    field_path = doc.describe(loc)
    location = doc.locate(loc)

    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            fields = {"key": key, "suggestion": close[0]}
            return Problem(location, "unknown_field_hint", fields, field_path)
        fields = {"key": key, "allowed": ", ".join(allowed)}
        return Problem(location, "unknown_field", fields, field_path)
    if kind == "missing":
        return Problem(location, "missing", {}, field_path)
    written = _WRITTEN_DATE.match(found.strip()) if isinstance(found, str) else None
    if kind == "date_from_datetime_parsing" and written:
        year = int(written[1])
        if year > LAST_PLAUSIBLE_CE_YEAR:  # 2565-02-29: a Buddhist-era year, no such day
            fields = {"year": year, "gregorian": year - BE_OFFSET}
            return Problem(location, "buddhist_year_date", fields, field_path)
        return Problem(location, "no_such_date", {"found": found.strip()}, field_path)
    if kind in _EXPECTED_KIND:
        expected_key = _EXPECTED_KIND[kind]
        if expected_key == "type_string" and isinstance(found, int | float | bool):
            expected_key = "type_string_hint"
        fields = {"found": _shown(found), "expected": Ref(expected_key)}
        return Problem(location, "wrong_type", fields, field_path)
    if kind == "literal_error":
        return Problem(
            location,
            "not_one_of",
            {"found": _shown(found), "expected": ctx.get("expected", "")},
            field_path,
        )
    if kind in ("too_short", "string_too_short"):
        if kind == "string_too_short" or isinstance(found, str):
            return Problem(location, "empty_text", {}, field_path)
        return Problem(location, "too_short", {"min": ctx.get("min_length", 1)}, field_path)
    if kind == "too_long":
        return Problem(location, "too_long", {"max": ctx.get("max_length", "?")}, field_path)
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return Problem(location, "number_min", {"found": _shown(found), "limit": limit}, field_path)
    if kind in ("less_than_equal", "less_than"):
        limit = ctx.get("le", ctx.get("lt"))
        return Problem(location, "number_max", {"found": _shown(found), "limit": limit}, field_path)
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        return Problem(
            location,
            "bad_pattern",
            {"found": _shown(found), "expected": _PATTERN_EXAMPLES.get(pattern, pattern)},
            field_path,
        )
    if kind in _CUSTOM_KEYS:
        return Problem(location, kind, dict(ctx), field_path)
    return Problem(location, "invalid_value", {"detail": error.get("msg", kind)}, field_path)


_CUSTOM_KEYS = {
    "buddhist_year_date",
    "bad_thai_date",
    "bad_url",
    "bad_email",
    "bad_content_path",
    "bad_period",
    "control_character",
    "bad_item_period",
    "document_needs_one_source",
    # Readiness rules in the checklist frameworks (site_builder/schema/framework.py)
    "duplicate_rule",
    "cadence_needs_year",
    "unknown_source",
    "general_rules_once",
    # Tables and organisation.yaml (site_builder/schema/tables.py, organisation.py)
    "bad_number",
    "bad_satang",
    "bad_count",
    "bad_month",
    "bad_image",
    "number_min",
    "statement_unrecognised",
    "rows_or_statement",
    "vacant_over_count",
    "executive_vacant_with_holder",
    "executive_needs_name",
    "admin_needs_repo",
    "admin_needs_backend",
}


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model found at `loc` inside `model` (for "did you mean")."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated to reach a model class or a list type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation
