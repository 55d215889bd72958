"""The message catalogue: Thai and English say the same things, and every key the code
uses exists in both with exactly the fields the code fills in."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import site_builder
from site_builder.messages import LANGUAGES, catalogue, message
from site_builder.problems import Location, Problem
from site_builder.schema import validate as validate_module

PACKAGE = Path(site_builder.__file__).parent
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")

# Functions that take a message key, and at which position.
KEY_ARGUMENT = {"Problem": 1, "refuse": 1, "message": 1, "error": 2, "warn": 2, "Ref": 0}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def key_uses() -> list[tuple[str, str, set[str] | None]]:
    """(where, key, fields given or None when not literal) for every literal key in the code."""
    uses = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            position = KEY_ARGUMENT.get(name or "")
            if position is None or len(node.args) <= position:
                continue
            key_node = node.args[position]
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                continue
            fields: set[str] | None = None
            if name == "Problem":
                if len(node.args) > 2 and isinstance(node.args[2], ast.Dict):
                    given = node.args[2].keys
                    if all(isinstance(k, ast.Constant) for k in given):
                        fields = {k.value for k in given}  # type: ignore[union-attr]
                elif len(node.args) == 2 and not node.keywords:
                    fields = set()
            elif name != "Ref" and all(k.arg is not None for k in node.keywords):
                fields = {k.arg for k in node.keywords}  # type: ignore[misc]
            where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
            uses.append((where, key_node.value, fields))
    return uses


def test_thai_and_english_catalogues_have_the_same_keys():
    assert set(catalogue("th")) == set(catalogue("en"))


@pytest.mark.parametrize("key", sorted(catalogue("th")))
def test_thai_and_english_texts_fill_in_the_same_fields(key: str):
    assert placeholders(catalogue("th")[key]) == placeholders(catalogue("en")[key])


def test_the_code_uses_message_keys():
    # Guards the scan below: if it found nothing, the next tests would pass vacuously.
    keys = {key for _, key, _ in key_uses()}
    assert {"unknown_field_hint", "yaml_duplicate_key", "missing_file", "cli_summary"} <= keys


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_used_in_the_code_has_text_in_both_languages(lang: str):
    missing = sorted(
        f"{where}: {key}" for where, key, _ in key_uses() if key not in catalogue(lang)
    )
    assert missing == []


def test_every_message_is_given_exactly_the_fields_its_text_needs():
    wrong = []
    for where, key, fields in key_uses():
        if fields is None or key not in catalogue("th"):
            continue
        needed = placeholders(catalogue("th")[key])
        if fields != needed:
            wrong.append(f"{where}: {key} gets {sorted(fields)}, text needs {sorted(needed)}")
    assert wrong == []


def test_validation_error_kinds_all_have_catalogue_text():
    kinds = set(validate_module._EXPECTED_KIND.values()) | validate_module._CUSTOM_KEYS
    custom_errors = set()
    for path in sorted((PACKAGE / "schema").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _called_name(node) == "PydanticCustomError":
                custom_errors.add(node.args[0].value)  # type: ignore[attr-defined]
    assert custom_errors, "no PydanticCustomError found in site_builder/schema"
    assert custom_errors <= validate_module._CUSTOM_KEYS
    for lang in LANGUAGES:
        assert kinds <= set(catalogue(lang))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_message_may_have_a_field_called_key(lang: str):
    problem = Problem(
        Location("content/oit/o5.yaml", 3, 1),
        "unknown_field_hint",
        {"key": "updatd", "suggestion": "updated"},
        "updatd",
    )

    text = problem.format(lang)

    assert text.startswith("content/oit/o5.yaml:3:1: updatd: ")
    assert "'updatd'" in text and "'updated'" in text


def test_message_fills_in_fields_in_thai_by_default_language():
    assert message("th", "cli_check_failed", count=3) == "ตรวจเนื้อหาแล้ว พบข้อผิดพลาด 3 รายการ"
