"""Every message an editor sees comes from the catalogue, in Thai and English, and says where."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.load.content_tree import read_yaml
from site_builder.load.yaml_errors import _CAUSES
from site_builder.messages import LANGUAGES, catalogue
from site_builder.schema.content import MeasuresFile, SiteFile
from site_builder.schema.validate import _CUSTOM_KEYS, _EXPECTED_KIND, validate
from tests.support.sites import ROOT

PACKAGE = ROOT / "site_builder"
# Calls whose string arguments are catalogue keys.
_KEYED_CALLS = {
    "Problem",
    "message",
    "error",
    "warn",
    "refuse",
    "PydanticCustomError",
    "ScaffoldRefused",
    "Ref",
    "text",
}
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def keys_used_in_code() -> set[str]:
    used: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name in _KEYED_CALLS:
                used |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and _KEY.match(arg.value)
                }
    return used | set(_EXPECTED_KIND.values()) | {key for _start, key in _CAUSES} | _CUSTOM_KEYS


def placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_thai_and_english_catalogues_have_the_same_keys_and_fields():
    thai, english = catalogue("th"), catalogue("en")

    assert thai.keys() == english.keys()
    different = [key for key in thai if placeholders(thai[key]) != placeholders(english[key])]
    assert different == []


def test_every_message_key_used_in_the_code_is_in_both_catalogues():
    used = keys_used_in_code()

    assert len(used) > 40  # the scan finds the keys (it would pass vacuously otherwise)
    for lang in LANGUAGES:
        assert sorted(used - catalogue(lang).keys()) == [], lang


def test_thai_messages_are_thai():
    english_only = [
        key for key, text in catalogue("th").items() if not re.search("[\u0e01-\u0e5b]", text)
    ]

    assert english_only == []


def load(tmp_path: Path, text: str):
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path)
    assert doc is not None, problems
    return doc


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("th", "ไม่รู้จักฟิลด์ 'titel' — หมายถึง 'title' หรือไม่?"),
        ("en", "unknown field 'titel' — did you mean 'title'?"),
    ],
)
def test_unknown_key_names_the_closest_valid_key_with_file_line_column_and_field(
    tmp_path, lang, expected
):
    doc = load(
        tmp_path,
        "fiscal_year: 2566\ntitle: มาตรการ\nadopted: {meeting: ประชุม, date: 2022-11-15}\n"
        "measures:\n  - number: 1\n    titel: อบรม\n    methods: [a]\n"
        "    responsible: [b]\n    periods: ['ม.ค. ๖๖- มี.ค. ๖๖']\n    follow_up: [c]\n",
    )

    _record, problems = validate(doc, MeasuresFile)

    hint = next(p for p in problems if p.key == "unknown_field_hint")
    assert hint.format(lang) == f"{doc.file}:6:5: measures[0].titel: {expected}"


def test_unknown_key_without_a_close_match_lists_the_valid_keys(tmp_path):
    doc = load(
        tmp_path,
        "agency: {name_th: x, type: เทศบาลตำบล, zzz: 1}\nsite: {fiscal_year: 2566, checklist: ita-2565}\n",
    )

    _record, problems = validate(doc, SiteFile)

    (problem,) = problems
    assert problem.key == "unknown_field"
    assert "name_th, name_en" in problem.text("th")


def test_validation_messages_name_place_field_found_and_expected(tmp_path):
    doc = load(
        tmp_path,
        "agency:\n  name_th: ทดสอบ\n  type: อบต\n  phones: [34000000]\nsite:\n  fiscal_year: ปีนี้\n  checklist: ita-2565\n",
    )

    _record, problems = validate(doc, SiteFile)

    shown = {p.field_path: (p.location.line, p.location.column, p.text("th")) for p in problems}
    assert shown["agency.type"][:2] == (3, 3)
    assert "'อบต'" in shown["agency.type"][2] and "เทศบาลตำบล" in shown["agency.type"][2]
    assert shown["agency.phones[0]"][:2] == (4, 12)
    assert (
        "34000000" in shown["agency.phones[0]"][2]
        and "เครื่องหมายคำพูด" in shown["agency.phones[0]"][2]
    )
    assert shown["site.fiscal_year"][:2] == (6, 3)
    assert "'ปีนี้'" in shown["site.fiscal_year"][2] and "จำนวนเต็ม" in shown["site.fiscal_year"][2]


@pytest.mark.parametrize(("lang", "text"), [("th", "ตรวจเนื้อหาแล้ว"), ("en", "content checked")])
def test_cli_speaks_thai_by_default_and_english_with_lang_en(capsys, lang, text):
    args = ["check", "--content", str(ROOT / "content")]
    assert main(args if lang == "th" else [*args, "--lang", "en"]) == 0

    captured = capsys.readouterr()
    assert text in captured.out
    assert "[คำเตือน]" in captured.err if lang == "th" else "[warning]" in captured.err


def test_cli_usage_errors_come_from_the_catalogue(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["frobnicate"])

    assert stopped.value.code == 2
    assert "คำสั่งไม่ถูกต้อง" in capsys.readouterr().err
