"""A build that fails or is interrupted at any point leaves the previous output/ exactly as
it was, and leaves no staging folder behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from site_builder import cli, write
from site_builder.pipeline import build
from site_builder.render import batch
from site_builder.write import InterruptedAfterSwap, write_site
from tests.security.fixture_site import ROOT, TEMPLATES, read_fixture, read_tree, write_content

NEWS_POSTS = 3000  # enough that a build takes seconds, so a signal can land mid-way


def _leftovers(output: Path) -> list[str]:
    return sorted(n for n in os.listdir(output.parent) if n.startswith(f".{output.name}."))


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A content folder, and an output/ already built from it (the site a failure must keep)."""
    content = write_content(read_fixture(), tmp_path / "content")
    output = tmp_path / "output"
    build(content, TEMPLATES, output)
    return content, output, read_tree(output)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failure_in_the_middle_of_rendering_keeps_the_previous_site(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Pages are rendered straight into the staging folder, by forked workers with jobs > 1
    (each counts its own pages: the 20th page of any process fails)."""
    content, output, before = previous
    real_render = batch.render_page
    rendered = 0

    def failing_render(env, chrome, page):
        nonlocal rendered
        rendered += 1
        if rendered == 20:
            raise RuntimeError("injected failure while rendering")
        return real_render(env, chrome, page)

    monkeypatch.setattr(batch, "render_page", failing_render)
    (content / "oit" / "o1.yaml").write_text("code: O1\ntext: changed\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="injected"):
        build(content, TEMPLATES, output, jobs=jobs)
    assert read_tree(output) == before
    assert _leftovers(output) == []


@pytest.mark.parametrize("after_files", [1, 30, 57])
def test_a_failure_in_the_middle_of_writing_keeps_the_previous_site(
    previous: tuple[Path, Path, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    after_files: int,
) -> None:
    content, output, before = previous
    real_write_bytes = Path.write_bytes
    real_copy = shutil.copyfile
    written = 0

    def count() -> None:
        nonlocal written
        written += 1
        if written == after_files:
            raise OSError(28, "No space left on device (injected)")

    def failing_write_bytes(self: Path, data: bytes) -> int:
        count()
        return real_write_bytes(self, data)

    def failing_copy(source, target):
        count()
        return real_copy(source, target)

    monkeypatch.setattr(Path, "write_bytes", failing_write_bytes)
    monkeypatch.setattr(write.shutil, "copyfile", failing_copy)
    # Every file is written, as on a file system without hard links (unchanged files are
    # otherwise linked from the previous site, not written).
    monkeypatch.setattr(write, "_link", lambda existing, target: False)
    (content / "oit" / "o1.yaml").write_text("code: O1\ntext: changed\n", encoding="utf-8")
    with pytest.raises(OSError, match="injected"):
        build(content, TEMPLATES, output, jobs=1)  # one process, so every write is counted
    assert written == after_files
    assert read_tree(output) == before
    assert _leftovers(output) == []


def test_a_failure_while_swapping_puts_the_previous_site_back(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, before = previous
    real_rename = os.rename

    def failing_rename(source, target):
        if Path(source).name.startswith(".output.building-"):
            raise OSError(5, "I/O error (injected)")
        return real_rename(source, target)

    monkeypatch.setattr(write.os, "rename", failing_rename)
    with pytest.raises(OSError, match="injected"):
        build(content, TEMPLATES, output)
    assert read_tree(output) == before
    assert _leftovers(output) == []


@pytest.mark.parametrize("other_threads", [0, 3])
def test_an_interrupt_during_the_swap_is_held_until_the_new_site_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_threads: int
) -> None:
    """Also with other threads running (a dev server's watcher): the kernel may hand the
    signal to any of them, so holding it in one thread's signal mask is not enough."""
    idle = threading.Event()
    threads = [threading.Thread(target=idle.wait, daemon=True) for _ in range(other_threads)]
    for thread in threads:
        thread.start()
    output = tmp_path / "output"
    write_site(output, [("index.html", b"old")], [])
    real_rename = os.rename

    def rename_interrupted(source, target):
        os.kill(os.getpid(), signal.SIGINT)  # arrives between the two renames
        return real_rename(source, target)

    monkeypatch.setattr(write.os, "rename", rename_interrupted)
    try:
        with pytest.raises(InterruptedAfterSwap):
            write_site(output, [("index.html", b"new"), ("a/b.html", b"b")], [])
    finally:
        idle.set()
    assert read_tree(output) == {"index.html": b"new", "a/b.html": b"b"}
    assert _leftovers(output) == []


_interrupt_at_next_fork: list[bool] = []  # armed by the test below
_fork_hook_registered: list[bool] = []


def _interrupt_from_the_fork_hook() -> None:
    if _interrupt_at_next_fork:
        _interrupt_at_next_fork.clear()
        os.kill(os.getpid(), signal.SIGINT)


def test_an_interrupt_while_render_workers_are_forked_stops_the_build(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    """Forking runs Python's at-fork hooks; an interrupt handled inside one is printed and
    lost, and the build went live anyway (seen with SIGTERM from a real kill)."""
    content, output, before = previous
    if not _fork_hook_registered:  # a hook cannot be removed: registered once, armed here
        os.register_at_fork(after_in_parent=_interrupt_from_the_fork_hook)
        _fork_hook_registered.append(True)
    (content / "oit" / "o1.yaml").write_text("code: O1\ntext: changed\n", encoding="utf-8")
    _interrupt_at_next_fork.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            build(content, TEMPLATES, output, jobs=2)
    finally:
        _interrupt_at_next_fork.clear()
    assert read_tree(output) == before
    assert _leftovers(output) == []


def test_deploy_interrupted_during_its_swap_says_the_new_site_is_in_place(
    previous: tuple[Path, Path, dict[str, bytes]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`deploy` reuses the build's staging folder and swap, and so its held signals."""
    _content, output, built = previous
    served = tmp_path / "www"
    write_site(served, [("index.html", b"old"), ("sitemap.xml", b"old")], [])
    real_rename = os.rename

    def rename_interrupted(source, target):
        os.kill(os.getpid(), signal.SIGINT)
        return real_rename(source, target)

    monkeypatch.setattr(write.os, "rename", rename_interrupted)
    code = cli.main(["deploy", "--from", str(output), "--to", str(served), "--lang", "en"])
    assert code == 130
    assert capsys.readouterr().err.strip() == (
        f"deploy interrupted just as it finished — the new site is complete in {served}"
    )
    assert read_tree(served) == built
    assert _leftovers(served) == []


def test_an_interrupt_while_the_staging_folder_is_created_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "output"
    write_site(output, [("index.html", b"old")], [])
    real_mkdtemp = write.tempfile.mkdtemp

    def mkdtemp_interrupted(**options):
        folder = real_mkdtemp(**options)
        os.kill(os.getpid(), signal.SIGINT)
        return folder

    monkeypatch.setattr(write.tempfile, "mkdtemp", mkdtemp_interrupted)
    with pytest.raises(KeyboardInterrupt) as interrupted:
        write_site(output, [("index.html", b"new")], [])
    assert not isinstance(interrupted.value, InterruptedAfterSwap)
    assert read_tree(output) == {"index.html": b"old"}
    assert _leftovers(output) == []


@pytest.fixture(scope="module")
def big_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with thousands of generated (fictional) news posts."""
    content = write_content(read_fixture(), tmp_path_factory.mktemp("big") / "content")
    for number in range(NEWS_POSTS):
        day = 1 + number % 28
        (content / "news" / f"generated-{number:05d}.md").write_text(
            f"---\ntitle: ข่าวทดสอบที่ {number}\ndate: 2022-02-{day:02d}\n"
            f"summary: สรุปข่าวที่ {number}\n---\n"
            + f"ย่อหน้าที่ {number} ของข่าวทดสอบ **ตัวหนา** และ[ลิงก์](/oit/o1/)\n\n"
            * 20,
            encoding="utf-8",
        )
    return content


def _start_build(content: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            *(sys.executable, str(ROOT / "build.py"), "build", "--content", str(content)),
            *("--output", str(output), "--templates", str(TEMPLATES), "--lang", "en"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=output.parent,
    )


def _wait_for_loading(process: subprocess.Popen[str], content: Path) -> bool:
    """True once the build has a content file open (it is past its imports, loading)."""
    fds = Path(f"/proc/{process.pid}/fd")
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if any(os.readlink(fd).startswith(f"{content}/") for fd in fds.iterdir()):
                return True
        except OSError:  # an fd closed between listing and reading it
            pass
        time.sleep(0.0005)
    return False


def _wait_for_staging(process: subprocess.Popen[str], output: Path) -> bool:
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if any(n.startswith(f".{output.name}.building-") for n in os.listdir(output.parent)):
            return True
        time.sleep(0.001)
    return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("phase", ["loading", "writing"])
def test_killing_a_real_build_keeps_the_previous_site_and_leaves_no_staging_folder(
    previous: tuple[Path, Path, dict[str, bytes]],
    big_content: Path,
    signum: signal.Signals,
    phase: str,
) -> None:
    _content, output, before = previous
    process = _start_build(big_content, output)
    if phase == "writing":
        assert _wait_for_staging(process, output), "the build never started writing"
    else:
        assert _wait_for_loading(process, big_content), "the build never read its content"
        assert not _leftovers(output), "the build was already writing"
    process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().endswith(
        f"build interrupted — the previous site in {output} is untouched"
    )
    assert read_tree(output) == before
    assert _leftovers(output) == []
