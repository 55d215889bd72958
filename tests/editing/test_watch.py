"""Which saved files the live preview rebuilds: told by the operating system as they are
saved (watchfiles), or found by comparing snapshots with `serve --poll`; named as the
builder names them. Real files, real notifications; no test waits for a set time."""

from __future__ import annotations

import asyncio
import os
import resource
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.devserver.server import Preview
from site_builder.devserver.watch import site_changes
from site_builder.messages import catalogue

POST = Path("content/news/2566-01-09-children.md")
WAYS = ["notified", "polled"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """content/ and templates/ in the working folder, named relatively as `serve` names them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    (tmp_path / POST).parent.mkdir(parents=True)
    (tmp_path / POST).write_text("---\ntitle: วันเด็ก\n---\nเนื้อหา\n", encoding="utf-8")
    (tmp_path / "content/site.yaml").write_text("name_th: เทศบาล\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/base.html").write_text("<html></html>\n", encoding="utf-8")
    return tmp_path


async def _groups(save: Callable[[], None], count: int, poll: bool) -> list[set[Path]]:
    """The first `count` groups of changes after `save` ran, watching content/ and templates/."""
    stop = asyncio.Event()
    changes = site_changes([Path("content"), Path("templates")], stop, poll)
    first = asyncio.ensure_future(anext(changes))
    await asyncio.sleep(0)  # its first step sets the watches up, then waits
    save()
    try:
        groups = [await asyncio.wait_for(first, timeout=30)]
        while len(groups) < count:
            groups.append(await asyncio.wait_for(anext(changes), timeout=30))
        return groups
    finally:
        stop.set()
        await changes.aclose()


def groups_after(save: Callable[[], None], way: str = "notified", count: int = 1):
    return asyncio.run(_groups(save, count, poll=way == "polled"))


def save_atomically(path: Path, text: str) -> None:
    """As editors save: a temporary file beside it, renamed over it."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.mark.parametrize("way", WAYS)
def test_a_saved_file_is_one_change_named_as_the_builder_names_it(site: Path, way: str):
    [group] = groups_after(lambda: save_atomically(POST, "---\ntitle: แก้\n---\n"), way)

    assert group == {POST}  # relative, under the folder as given: not the absolute path


@pytest.mark.parametrize("way", WAYS)
def test_a_saved_template_is_a_change(site: Path, way: str):
    template = Path("templates/base.html")

    [group] = groups_after(lambda: template.write_text("<html>2</html>\n"), way)

    assert group == {template}


@pytest.mark.parametrize("way", WAYS)
def test_swap_files_and_hidden_folders_are_not_changes(site: Path, way: str):
    def save() -> None:
        news = Path("content/news")
        for name in (".children.md.swp", ".children.md.swx", "children.md~", ".#children.md"):
            (news / name).write_text("x")
        (news / ".git").mkdir()
        (news / ".git/index").write_text("x")
        Path("templates/base.html.tmp").write_text("x")
        Path("content/site.yaml").write_text("name_th: เทศบาลตำบล\n", encoding="utf-8")

    [group] = groups_after(save, way)

    assert group == {Path("content/site.yaml")}


@pytest.mark.parametrize("way", WAYS)
def test_a_deleted_file_is_a_change(site: Path, way: str):
    [group] = groups_after(POST.unlink, way)

    assert group == {POST}


@pytest.mark.parametrize("way", WAYS)
def test_a_folder_moved_in_is_a_change_of_each_of_its_files(site: Path, way: str):
    outside = site / "drafts"
    outside.mkdir()
    (outside / "a.md").write_text("a")
    (outside / "b.md").write_text("b")
    (outside / ".hidden").mkdir()
    (outside / ".hidden/c.md").write_text("c")

    [group] = groups_after(lambda: outside.rename("content/news/2567"), way)

    assert group == {Path("content/news/2567/a.md"), Path("content/news/2567/b.md")}


@pytest.mark.parametrize("way", WAYS)
def test_a_second_save_right_after_the_first_is_seen(site: Path, way: str):
    # watchfiles' own polling compares whole-second mtimes and misses it: not used.
    first, second = asyncio.run(_save_twice(way == "polled"))

    assert first == second == {POST}


async def _save_twice(poll: bool) -> list[set[Path]]:
    stop = asyncio.Event()
    changes = site_changes([Path("content")], stop, poll)
    first = asyncio.ensure_future(anext(changes))
    await asyncio.sleep(0)
    POST.write_text("first\n", encoding="utf-8")
    try:
        groups = [await asyncio.wait_for(first, timeout=30)]
        POST.write_text("second, longer\n", encoding="utf-8")
        groups.append(await asyncio.wait_for(anext(changes), timeout=30))
        return groups
    finally:
        stop.set()
        await changes.aclose()


def _save_keeping_size_and_mtime() -> None:
    before = POST.stat()
    text = POST.read_text(encoding="utf-8")
    POST.write_text(text.replace("เนื้อหา", "ข้อความ"), encoding="utf-8")  # same byte count
    os.utime(POST, ns=(before.st_atime_ns, before.st_mtime_ns))
    Path("templates/base.html").write_text("<html>2</html>\n")


def test_notifications_see_a_save_that_keeps_the_size_and_modification_time(site: Path):
    groups = groups_after(_save_keeping_size_and_mtime)

    assert POST in set().union(*groups)


@pytest.mark.parametrize("switch", ["--poll", "WATCHFILES_FORCE_POLLING"])
def test_polling_compares_sizes_and_times_so_misses_such_a_save(
    site: Path, switch: str, monkeypatch: pytest.MonkeyPatch
):
    # Why notifications are the default; and the proof that polling is what runs.
    if switch == "WATCHFILES_FORCE_POLLING":
        monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")
    way = "polled" if switch == "--poll" else "notified"

    [group] = groups_after(_save_keeping_size_and_mtime, way)

    assert group == {Path("templates/base.html")}


def test_a_refused_watch_is_said_and_stops_watching(site: Path, capsys: pytest.CaptureFixture[str]):
    preview = Preview(Path("content"), Path("templates"), Path("output"), "en", state_file=None)

    async def watch_without_free_descriptors() -> bool:
        # As when Linux's limit on inotify instances is reached: no file descriptor left.
        catalogue("en")  # read now: the message is said when no file can be opened
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        lowest_free = os.open(os.devnull, os.O_RDONLY)
        os.close(lowest_free)
        resource.setrlimit(resource.RLIMIT_NOFILE, (lowest_free, hard))
        try:
            return await preview.watch(asyncio.Event())
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    watched = asyncio.run(watch_without_free_descriptors())

    assert watched is False
    said = capsys.readouterr().err
    assert said.startswith("cannot watch the files for changes: ")
    assert "start the preview again with --poll" in said
