"""JSON Schemas for editors: generated from the models, committed, and true of every content file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from site_builder.cli import main
from site_builder.load.content_tree import TABLE_FOLDERS, read_markdown, read_yaml
from site_builder.schema.json_schemas import KINDS, json_schema, kind_of, modeline, schema_text
from site_builder.schema.records import TABLE_KINDS
from tests.support.sites import FIXTURES, ROOT

SCHEMAS = ROOT / "schemas"
# Content this branch ships or owns: each file names its schema on its first line.
NAMED_ROOTS = [
    ROOT / "content",
    *sorted(p.parent for p in FIXTURES.glob("*/content/site.yaml")),
]
# Every valid site folder, the other fixture agencies included (the broken one plants
# errors on purpose): each file must pass its schema, as the editor would see it.
CONTENT_ROOTS = [
    *NAMED_ROOTS,
    *sorted(p.parent for p in FIXTURES.glob("*/site.yaml") if p.parent.name != "broken"),
]


def content_files() -> list[tuple[Path, Path]]:
    return [
        (root, path)
        for root in CONTENT_ROOTS
        for path in sorted(root.rglob("*"))
        if path.suffix in (".yaml", ".md") and kind_of(path.relative_to(root).as_posix())
    ]


def table_csv_files() -> list[tuple[Path, Path]]:
    return [
        (root, path)
        for root in CONTENT_ROOTS
        for folder in TABLE_FOLDERS
        for path in sorted((root / folder).rglob("*.csv"))
    ]


def as_json(value: Any) -> Any:
    """What an editor's YAML extension sees: dates are text in YAML 1.2."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def loaded(path: Path) -> Any:
    if path.suffix == ".md":
        source, problems = read_markdown(path)
        assert source is not None, problems
        return source.front_matter.value
    doc, problems = read_yaml(path)
    assert doc is not None, problems
    return doc.value


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_committed_schemas_equal_freshly_generated_ones():
    for kind, (_model, name, _pattern) in KINDS.items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == schema_text(kind), (
            f"schemas/{name} is stale: run python build.py schemas"
        )
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(
        n for _m, n, _p in KINDS.values()
    )


def test_schemas_command_writes_every_schema(tmp_path, capsys):
    assert main(["schemas", "--schemas", str(tmp_path)]) == 0

    assert {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {
        name: schema_text(kind) for kind, (_m, name, _p) in KINDS.items()
    }
    assert str(len(KINDS)) in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schemas_are_valid_json_schemas(kind):
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))


@pytest.mark.parametrize(
    ("root", "path"), content_files(), ids=lambda v: v.name if isinstance(v, Path) else str(v)
)
def test_content_file_validates_against_its_schema_and_names_it(root, path):
    relative = path.relative_to(root).as_posix()
    kind = kind_of(relative)
    assert kind is not None

    errors = list(validator(kind).iter_errors(as_json(loaded(path))))

    assert errors == []
    if root in NAMED_ROOTS:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        first = lines[1] if path.suffix == ".md" else lines[0]  # .md: inside the front matter
        assert first == modeline(relative, os.path.relpath(SCHEMAS, root))


@pytest.mark.parametrize(
    ("root", "path"), table_csv_files(), ids=lambda v: v.name if isinstance(v, Path) else str(v)
)
def test_csv_tables_have_no_json_schema(root, path):
    assert kind_of(path.relative_to(root).as_posix()) is None
    pytest.skip(
        "CSV is not YAML: no JSON Schema applies; `check` reads its columns with the same "
        "model as the YAML form (tests/structured)"
    )


def test_every_kind_of_record_table_has_the_schema_of_its_model():
    for table in TABLE_KINDS:
        relative = table.example.removesuffix(".csv") + ".yaml"
        kind = kind_of(relative)
        assert kind is not None, relative
        assert KINDS[kind][0] is table.model, relative
    assert kind_of("organisation.yaml") == "organisation"


def test_every_kind_of_content_is_covered_by_a_shipped_or_fixture_file():
    kinds = {kind_of(path.relative_to(root).as_posix()) for root, path in content_files()}

    assert kinds == set(KINDS)


@pytest.mark.parametrize(
    ("kind", "document", "complaint"),
    [
        ("news", {"titel": "x", "date": "2022-01-24"}, "titel"),
        ("oit", {"code": "O99x"}, "O99x"),
        (
            "ita",
            {
                "year": "สองพัน",
                "framework": "ita-2564",
                "score": 1,
                "grade": "B",
                "indicators": [{"number": 1, "score": 1}],
            },
            "สองพัน",
        ),
    ],
)
def test_schema_underlines_the_mistakes_the_validator_rejects(kind, document, complaint):
    messages = [error.message for error in validator(kind).iter_errors(document)]

    assert any(complaint in text for text in messages), messages


def test_schema_accepts_thai_digits_and_thai_dates_like_the_validator():
    document = {"title": "ข่าว", "date": "๒๔ มกราคม ๒๕๖๕"}
    measures = {"fiscal_year": "๒๕๖๕"}

    assert list(validator("news").iter_errors(document)) == []
    assert not [e for e in validator("measures").iter_errors(measures) if "fiscal_year" in e.path]


def test_field_descriptions_are_in_thai_for_the_editor():
    def descriptions(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["description"]] if isinstance(node.get("description"), str) else []
            return found + [d for value in node.values() for d in descriptions(value)]
        if isinstance(node, list):
            return [d for item in node for d in descriptions(item)]
        return []

    for kind in KINDS:
        schema = json_schema(kind)
        properties = [
            prop
            for node in [schema, *schema.get("$defs", {}).values()]
            for prop in node.get("properties", {}).values()
        ]
        undocumented = [p for p in properties if not descriptions(p)]
        assert undocumented == [], kind
        thai = [d for d in descriptions(schema) if any("\u0e01" <= c <= "\u0e5b" for c in d)]
        assert len(thai) >= len(properties) * 0.8, kind
