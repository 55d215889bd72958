"""Parallel rendering writes exactly the site a one-process build writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from site_builder.pipeline import build, load_site, render_site
from site_builder.problems import ContentErrors
from site_builder.render.batch import PAGES_PER_TASK

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete fictional site: 150 news posts, O1–O43 with documents, ITA, measures."""
    folder = tmp_path_factory.mktemp("corpus") / "content"
    generate(folder, posts=150, seed=7)
    return folder


@pytest.fixture(autouse=True)
def fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1650000000")


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_build_writes_the_same_bytes_as_a_serial_build(
    corpus: Path, tmp_path: Path, jobs: int
) -> None:
    serial = build(corpus, TEMPLATES, tmp_path / "serial", jobs=1)
    parallel = build(corpus, TEMPLATES, tmp_path / "parallel", jobs=jobs)

    assert serial.pages > 4 * PAGES_PER_TASK  # enough pages for several workers' tasks
    assert parallel.written == serial.written
    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")


def test_parallel_build_of_the_shipped_content_equals_the_serial_build(tmp_path: Path) -> None:
    build(ROOT / "content", TEMPLATES, tmp_path / "serial", jobs=1)
    build(ROOT / "content", TEMPLATES, tmp_path / "parallel", jobs=2)

    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")


def test_written_pages_are_the_pages_rendered_in_memory(corpus: Path, tmp_path: Path) -> None:
    report = build(corpus, TEMPLATES, tmp_path / "site", jobs=2)
    site, _problems = load_site(corpus)
    assert site is not None

    in_memory = {page.output_file: html for page, html in render_site(site, TEMPLATES)}
    on_disk = tree(tmp_path / "site")

    assert report.written == list(in_memory)
    assert {path: on_disk[path] for path in in_memory} == in_memory


def test_a_page_whose_bytes_did_not_change_keeps_its_file(corpus: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(corpus, content)
    output = tmp_path / "site"
    build(content, TEMPLATES, output, jobs=2)
    post = sorted((content / "news").glob("*.md"))[0]
    edited_page = output / "news" / post.stem / "index.html"
    untouched_page = output / "oit" / "o1" / "index.html"
    untouched_document = output / "files" / "oit" / "o1" / "o1-01.pdf"
    before = {p: os.stat(p).st_ino for p in (edited_page, untouched_page, untouched_document)}

    post.write_text(post.read_text(encoding="utf-8") + "\nย่อหน้าที่เพิ่มใหม่\n", encoding="utf-8")
    build(content, TEMPLATES, output, jobs=2)

    assert "ย่อหน้าที่เพิ่มใหม่" in edited_page.read_text(encoding="utf-8")
    assert os.stat(edited_page).st_ino != before[edited_page]
    assert os.stat(untouched_page).st_ino == before[untouched_page]
    assert os.stat(untouched_document).st_ino == before[untouched_document]


def test_a_template_error_in_a_worker_is_a_problem_and_leaves_the_previous_site(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    build(corpus, TEMPLATES, output, jobs=2)
    previous = tree(output)
    broken = tmp_path / "templates"
    shutil.copytree(TEMPLATES, broken)
    post_template = broken / "news_post.html"
    post_template.write_text(
        post_template.read_text(encoding="utf-8").replace(
            "{{ post.title }}", "{{ post.no_such_field }}"
        ),
        encoding="utf-8",
    )

    with pytest.raises(ContentErrors) as failure:
        build(corpus, broken, output, jobs=2)

    [problem] = failure.value.problems
    assert problem.key == "template_error"
    assert "no_such_field" in problem.text("en")

    assert tree(output) == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "templates"]


def test_a_symlink_left_in_the_output_is_replaced_by_a_regular_file(
    corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    build(corpus, TEMPLATES, output, jobs=2)
    robots = output / "robots.txt"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(robots.read_bytes())
    robots.unlink()
    robots.symlink_to(outside)

    build(corpus, TEMPLATES, output, jobs=2)

    assert not robots.is_symlink()
    assert os.stat(robots).st_ino != os.stat(outside).st_ino
    assert robots.read_bytes() == outside.read_bytes()
