"""The Pagefind step of the build: what it indexes, and that it keeps the build deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.search import SearchIndexError, index_site
from tests.public_site.conftest import FIXTURE_CONTENT, SHIPPED_CONTENT, BuiltSite, build_site


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_build_writes_a_thai_search_index_of_item_measure_news_and_ita_pages(
    fixture_site: BuiltSite,
):
    entry = json.loads((fixture_site.root / "pagefind" / "pagefind-entry.json").read_text())

    # 43 O items + 1 measures page + 2 news posts + ITA result and analysis; not the
    # home page, indexes, contact, search or 404 (they only repeat or point elsewhere).
    assert entry["languages"]["th"]["page_count"] == 43 + 1 + 2 + 2
    assert (fixture_site.root / "pagefind" / "pagefind.js").is_file()


@pytest.mark.parametrize("content", [SHIPPED_CONTENT, FIXTURE_CONTENT], ids=["shipped", "fixture"])
def test_two_builds_of_the_same_content_are_byte_identical_search_index_included(
    content: Path, tmp_path: Path
):
    first = files_of(build_site(content, tmp_path / "first"))
    second = files_of(build_site(content, tmp_path / "second"))

    assert any(name.startswith("pagefind/fragment/") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_indexing_a_folder_that_is_not_a_site_raises_and_names_pagefind(tmp_path: Path):
    with pytest.raises(SearchIndexError, match="pagefind"):
        index_site(tmp_path / "missing")


def test_failed_indexing_leaves_the_previous_site_and_says_so_in_thai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    output = tmp_path / "output"
    build_site(FIXTURE_CONTENT, output)
    before = files_of(output)
    # A Pagefind that always fails (exit status 1) stands in for a broken install.
    monkeypatch.setattr("site_builder.search._pagefind_executable", lambda: Path("/bin/false"))

    code = main(["build", "--content", str(FIXTURE_CONTENT), "--output", str(output)])

    assert code == 1
    assert "สร้างดัชนีการค้นหาไม่สำเร็จ" in capsys.readouterr().err
    assert files_of(output) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no staging folder left behind
