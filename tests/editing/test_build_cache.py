"""`build` with its cache: unchanged pages are neither parsed, rendered nor written, and the
site is always byte-identical to a clean build (site_builder/cached_build.py)."""

from __future__ import annotations

import datetime as dt
import os
import signal
from pathlib import Path

import pytest

from site_builder import cached_build as cached_build_module
from site_builder import incremental
from site_builder.cli import main
from site_builder.pipeline import build
from site_builder.render import batch
from tests.support.sites import copy_site, tree_difference

AS_OF = "2023-03-31"


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    """The editing fixture, built once with the cache (in tmp_path/.build-cache)."""
    copy_site("editing", tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_build() == 0
    return tmp_path


def run_build(*extra: str) -> int:
    # One process, so that the clean build's page renders are counted here too.
    return main(["build", "--quiet", "--jobs", "1", "--as-of", AS_OF, *extra])


def stamps(output: Path) -> dict[str, tuple[int, int]]:
    """Inode and modification time of every file: what a deploy tool sees change."""
    found = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            status = path.stat()
            found[path.relative_to(output).as_posix()] = (status.st_ino, status.st_mtime_ns)
    return found


def assert_same_as_clean_build(root: Path) -> None:
    clean = root / "clean"
    build(root / "content", root / "templates", clean, dt.date.fromisoformat(AS_OF))
    assert tree_difference(root / "output", clean) == []


def counted(monkeypatch, module) -> list[str]:
    rendered: list[str] = []
    render_page = module.render_page

    def counting(env, chrome, page):
        rendered.append(page.output_file)
        return render_page(env, chrome, page)

    monkeypatch.setattr(module, "render_page", counting)
    return rendered


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """Output files the cached build renders one by one (the warm path)."""
    return counted(monkeypatch, incremental)


@pytest.fixture
def clean_renders(monkeypatch) -> list[str]:
    """Output files the clean build renders (its workers: one process with --jobs 1)."""
    return counted(monkeypatch, batch)


def test_build_with_nothing_changed_renders_and_touches_nothing(site, renders, clean_renders):
    before = stamps(site / "output")

    assert run_build() == 0

    assert renders == clean_renders == []
    assert stamps(site / "output") == before
    assert (site / ".build-cache/build-state.json").is_file()


def test_edited_news_post_rewrites_only_the_files_whose_bytes_changed(site, renders):
    before = stamps(site / "output")
    post = site / "content/news/2565-10-20-elderly.md"
    post.write_text(post.read_text(encoding="utf-8").replace("จัดโดย", "ซึ่งจัดโดย"), "utf-8")

    assert run_build() == 0

    after = stamps(site / "output")
    changed = sorted(name for name in after if after[name] != before.get(name))
    pages = [name for name in changed if not name.startswith("pagefind/")]
    assert pages == ["feed.xml", "news/2565-10-20-elderly/index.html"]
    assert "news/2565-10-20-elderly/index.html" in renders
    assert len(renders) < 20  # the pages that show the post, not the whole site
    assert_same_as_clean_build(site)


def test_many_pages_to_render_take_the_clean_parallel_build(
    site, renders, clean_renders, monkeypatch
):
    monkeypatch.setattr(cached_build_module, "MAX_INCREMENTAL_PAGES", 3)
    base = site / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "\n</body>"), "utf-8")

    assert run_build() == 0

    assert renders == []  # gave up before rendering one by one
    assert "news/index.html" in clean_renders
    assert_same_as_clean_build(site)
    clean_renders.clear()
    assert run_build() == 0  # and the cache it wrote makes the next build warm again
    assert renders == clean_renders == []


def test_broken_link_added_on_a_warm_build_stops_it_and_leaves_the_site(site, capsys):
    before = stamps(site / "output")
    post = site / "content/news/2565-10-20-elderly.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n[รายงาน](/oit/o99/)\n", encoding="utf-8")

    assert run_build("--lang", "en") == 1

    assert stamps(site / "output") == before
    assert "2565-10-20-elderly.md" in capsys.readouterr().err


def test_damaged_cache_is_ignored_and_written_again(site):
    state = site / ".build-cache/build-state.json"
    state.write_text('{"key": [1, 2', encoding="utf-8")

    assert run_build() == 0

    assert state.read_text(encoding="utf-8").startswith('{"key":')
    assert_same_as_clean_build(site)


def test_cache_entry_that_lies_about_a_file_is_not_trusted_once_the_file_changes(site):
    # A file rewritten with a new size and modification time is parsed and hashed again,
    # whatever the cache said about its old bytes.
    post = site / "content/news/2565-10-20-elderly.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title: ", "title: ใหม่ "), encoding="utf-8")
    os.utime(post, ns=(1, 1))

    assert run_build() == 0

    assert "ใหม่" in (site / "output/news/index.html").read_text(encoding="utf-8")
    assert_same_as_clean_build(site)


def test_no_cache_builds_everything_and_leaves_the_cache_alone(site, renders, clean_renders):
    state = site / ".build-cache/build-state.json"
    before = state.stat().st_mtime_ns

    assert run_build("--no-cache") == 0

    assert renders == []
    assert "index.html" in clean_renders
    assert state.stat().st_mtime_ns == before
    assert_same_as_clean_build(site)


def test_cache_of_another_output_folder_is_not_used(site, renders, clean_renders):
    assert run_build("--output", "elsewhere") == 0

    assert renders == []  # a clean build: the cache describes output/, not elsewhere/
    assert "index.html" in clean_renders
    assert tree_difference(site / "elsewhere", site / "output") == []


def test_site_and_cache_restored_with_new_file_times_stay_warm(site, renders, clean_renders):
    # CI caches restore files with other modification times: bytes decide, not times.
    for path in [*(site / "output").rglob("*"), *(site / "content").rglob("*")]:
        if path.is_file():
            os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))

    assert run_build() == 0

    assert renders == clean_renders == []
    assert_same_as_clean_build(site)


def test_build_without_search_index_has_no_bundle_warm_or_clean(site):
    assert (site / "output/pagefind/pagefind.js").is_file()

    assert run_build("--no-search") == 0  # warm: the cache matches

    assert not (site / "output/pagefind").exists()
    clean = site / "clean"
    assert main(["build", "--quiet", "--no-cache", "--no-search", "--as-of", AS_OF,
                 "--output", str(clean)]) == 0  # fmt: skip
    assert tree_difference(site / "output", clean) == []
    assert run_build() == 0  # and the next build with search makes the index again
    assert (site / "output/pagefind/pagefind.js").is_file()


def test_interrupt_while_a_warm_build_writes_finishes_the_writes_first(site, monkeypatch, capsys):
    post = site / "content/news/2565-10-20-elderly.md"
    post.write_text(post.read_text(encoding="utf-8").replace("จัดโดย", "ซึ่งจัดโดย"), "utf-8")
    put = incremental.IncrementalBuilder._put

    def interrupted_put(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the first file is written
        monkeypatch.setattr(incremental.IncrementalBuilder, "_put", put)
        return put(self, *args, **kwargs)

    monkeypatch.setattr(incremental.IncrementalBuilder, "_put", interrupted_put)

    assert run_build("--lang", "en") == 130

    assert "the pages in output are the new ones" in capsys.readouterr().err
    clean = site / "clean"
    build(site / "content", site / "templates", clean, dt.date.fromisoformat(AS_OF))
    pages = tree_difference(site / "output", clean)
    # Every page of the edit went live, none half-way; only the search index is behind.
    assert pages and all(name.startswith("pagefind/") for name in pages)
    assert run_build() == 0  # and the next build brings it up to date
    assert_same_as_clean_build(site)
