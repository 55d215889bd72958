"""`python build.py new …`: every skeleton is complete, explained, valid, and never overwrites."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from site_builder.cli import main
from site_builder.load.content_tree import read_markdown, read_yaml
from site_builder.scaffold import news_file_name
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from site_builder.schema.organisation import OrganisationFile
from site_builder.schema.tables import ProcurementSummaryFile, StatisticsFile
from site_builder.schema.validate import _unwrap
from tests.support.sites import FIXTURES

DATE = "2023-01-09"
COMMANDS = [
    (["new", "site"], "site.yaml", SiteFile),
    (["new", "ita", "2565"], "ita/2565.yaml", AssessmentFile),
    (["new", "measures", "2566"], "measures/2566.yaml", MeasuresFile),
    (["new", "oit", "O23"], "oit/O23.yaml", DisclosureFile),
    (["new", "news", "ประชุมประชาคม หมู่ 3"], "news/2566-01-09-ประชุมประชาคม-หมู่-3.md", NewsFrontMatter),
    (["new", "organisation"], "organisation.yaml", OrganisationFile),
    (
        ["new", "procurement-summary", "2566-01"],
        "procurement/2566/summary-2566-01.yaml",
        ProcurementSummaryFile,
    ),
    (["new", "service-statistics", "2566"], "statistics/service-2566.yaml", StatisticsFile),
    (["new", "complaint-statistics", "2567"], "statistics/complaints-2567.yaml", StatisticsFile),
]


def new(content: Path, *args: str) -> int:
    return main([*args, "--content", str(content), "--date", DATE])


def loaded(path: Path) -> dict:
    if path.suffix == ".md":
        source, problems = read_markdown(path)
        assert source is not None, problems
        return source.front_matter.value
    doc, problems = read_yaml(path)
    assert doc is not None, problems
    return doc.value


def missing_fields(value: object, model: type[BaseModel], where: str = "") -> list[str]:
    """Fields of `model` (and of the first entry of each written list, and of each nested
    record not left null) absent from `value`."""
    assert isinstance(value, dict)
    missing = []
    for name, info in model.model_fields.items():
        if name not in value:
            missing.append(where + name)
            continue
        inner = _unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            inner = _unwrap(typing.get_args(inner)[0])
            entries = value[name]
            if isinstance(inner, type) and issubclass(inner, BaseModel) and entries:
                missing += missing_fields(entries[0], inner, f"{where}{name}[0].")
        elif isinstance(inner, type) and issubclass(inner, BaseModel) and value[name] is not None:
            missing += missing_fields(value[name], inner, f"{where}{name}.")
    return missing


def commented_out_fields(path: Path, model: type[BaseModel]) -> list[str]:
    """Fields of entries of lists left empty: shown in the example in comments."""
    text = path.read_text(encoding="utf-8")
    absent = []
    for name, info in model.model_fields.items():
        inner = _unwrap(info.annotation)
        if typing.get_origin(inner) is list:
            item = _unwrap(typing.get_args(inner)[0])
            if isinstance(item, type) and issubclass(item, BaseModel) and f"{name}: []" in text:
                absent += [
                    f"{name}.{f}"
                    for f in item.model_fields
                    if f"#    {f}:" not in text and f"#  - {f}:" not in text
                ]
    return absent


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return tmp_path / "content"


def test_every_scaffold_together_makes_a_site_that_passes_check(content, capsys):
    for args, _relative, _model in COMMANDS:
        assert new(content, *args) == 0

    assert main(["check", "--content", str(content)]) == 0
    assert "ไม่พบข้อผิดพลาด" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "relative", "model"), COMMANDS, ids=lambda v: str(v))
def test_scaffold_has_every_field_each_explained_and_validates(content, args, relative, model):
    if args[1] != "site":  # the other kinds need a site around them to be checked
        shutil.copytree(FIXTURES / "editing/content", content)
        (content / relative).unlink(missing_ok=True)

    assert new(content, *args) == 0

    path = content / relative
    assert missing_fields(loaded(path), model) == []
    assert commented_out_fields(path, model) == []
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1 if path.suffix == ".md" else 0].startswith("# yaml-language-server: $schema=")
    fields = [line for line in lines if re.match(r"^\s*(- )?[a-z_]+:", line)]
    unexplained = [line for line in fields if " # " not in line and "  # " not in line]
    assert unexplained == []
    assert main(["check", "--content", str(content)]) == 0


@pytest.mark.parametrize(("args", "relative", "_model"), COMMANDS, ids=lambda v: str(v))
def test_scaffold_refuses_to_overwrite_an_existing_file(content, capsys, args, relative, _model):
    path = content / relative
    path.parent.mkdir(parents=True)
    path.write_text("# the editor's own work\n", encoding="utf-8")

    assert new(content, *args) == 1

    assert path.read_text(encoding="utf-8") == "# the editor's own work\n"
    assert f"{relative} อยู่แล้ว จึงไม่เขียนทับ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "key_text"),
    [
        (["new", "oit", "O99"], "รหัส 'O99' ไม่มีในแบบตรวจ"),
        (["new", "measures", "66"], "ปี '66' ใช้ไม่ได้"),
        (["new", "ita", "พ.ศ."], "ปี 'พ.ศ.' ใช้ไม่ได้"),
        (["new", "news"], "ต้องใส่ชื่อข่าว"),
        (["new", "procurement-summary", "มกราคม"], "เดือน 'มกราคม' ใช้ไม่ได้"),
        (["new", "procurement-summary", "2566-13"], "เดือน '2566-13' ใช้ไม่ได้"),
    ],
)
def test_scaffold_with_a_bad_argument_says_what_to_give(content, capsys, args, key_text):
    assert new(content, *args) == 1

    assert key_text in capsys.readouterr().err
    assert not content.exists() or not any(content.rglob("*.*"))


def test_scaffold_year_may_be_written_in_thai_digits(content):
    assert new(content, "new", "measures", "๒๕๖๖") == 0

    assert (content / "measures/2566.yaml").is_file()


def test_procurement_summary_goes_to_the_fiscal_year_of_its_month(content):
    # October 2566 opens fiscal year 2567; the month may be written the Thai way.
    assert new(content, "new", "procurement-summary", "ต.ค. ๖๖") == 0

    path = content / "procurement/2567/summary-2566-10.yaml"
    assert "เดือนตุลาคม 2566 (O23)" in path.read_text(encoding="utf-8")


def test_scaffold_messages_in_english(content, capsys):
    assert main(["new", "site", "--content", str(content), "--lang", "en"]) == 0
    assert main(["new", "site", "--content", str(content), "--lang", "en"]) == 1

    out = capsys.readouterr()
    assert "site.yaml written" in out.out
    assert "already exists and was not overwritten" in out.err


def test_news_file_name_keeps_thai_words_and_drops_punctuation():
    name = news_file_name("ประชุม: ประชาคม/หมู่ 3 (ด่วน!)", dt.date(2023, 1, 9))

    assert name == "2566-01-09-ประชุม-ประชาคม-หมู่-3-ด่วน.md"
