"""Stage 5 — write: the finished site is swapped in whole, or not at all."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder import write as write_module
from site_builder.write import write_site


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def siblings(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name != output.name)


@pytest.fixture
def previous_site(tmp_path: Path) -> Path:
    """An output/ folder from an earlier build, next to nothing else."""
    output = tmp_path / "site" / "output"
    (output / "oit" / "o23").mkdir(parents=True)
    (output / "index.html").write_bytes("<h1>เว็บไซต์เดิม</h1>\n".encode())
    (output / "oit" / "o23" / "index.html").write_bytes(b"<h1>O23</h1>\n")
    (output / "files").mkdir()
    (output / "files" / "a.pdf").write_bytes(b"%PDF-1.4 old\n")
    return output


class Injected(Exception):
    pass


def pages_failing_after(count: int) -> Iterator[tuple[str, bytes]]:
    for number in range(count):
        yield f"oit/o{number + 1}/index.html", b"<h1>new</h1>\n"
    raise Injected("render failed half-way")


def test_failure_mid_write_leaves_previous_output_byte_identical(previous_site: Path):
    before = snapshot(previous_site)

    with pytest.raises(Injected):
        write_site(previous_site, pages_failing_after(5), [])

    assert snapshot(previous_site) == before
    assert siblings(previous_site) == []  # no staging folder left behind


def test_interrupt_mid_write_leaves_previous_output_and_no_staging(previous_site: Path):
    before = snapshot(previous_site)

    def interrupted() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"<h1>new</h1>\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_site(previous_site, interrupted(), [])

    assert snapshot(previous_site) == before
    assert siblings(previous_site) == []


def test_attachment_that_cannot_be_copied_leaves_previous_output(
    previous_site: Path, tmp_path: Path
):
    before = snapshot(previous_site)
    present = tmp_path / "present.pdf"
    present.write_bytes(b"%PDF-1.4 new\n")
    copies = [(present, "files/present.pdf"), (tmp_path / "vanished.pdf", "files/vanished.pdf")]

    with pytest.raises(FileNotFoundError):
        write_site(previous_site, [("index.html", b"<h1>new</h1>\n")], copies)

    assert snapshot(previous_site) == before
    assert siblings(previous_site) == []


def test_failed_swap_puts_the_previous_output_back(
    previous_site: Path, monkeypatch: pytest.MonkeyPatch
):
    before = snapshot(previous_site)
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(".output.building-"):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(write_module.os, "rename", rename)

    with pytest.raises(OSError, match="No space left"):
        write_site(previous_site, [("index.html", b"<h1>new</h1>\n")], [])

    assert snapshot(previous_site) == before
    assert siblings(previous_site) == []


def test_successful_write_replaces_the_whole_site(previous_site: Path, tmp_path: Path):
    attachment = tmp_path / "o23.pdf"
    attachment.write_bytes(b"%PDF-1.4 new\n")

    count = write_site(
        previous_site,
        [("index.html", b"<h1>new</h1>\n"), ("oit/o1/index.html", b"<h1>O1</h1>\n")],
        [(attachment, "files/o23/2565-01.pdf")],
    )

    assert count == 3
    assert snapshot(previous_site) == {
        "index.html": b"<h1>new</h1>\n",
        "oit/o1/index.html": b"<h1>O1</h1>\n",
        "files/o23/2565-01.pdf": b"%PDF-1.4 new\n",
    }
    assert siblings(previous_site) == []  # the retired site is removed


def test_written_site_is_readable_by_a_web_server(tmp_path: Path):
    output = tmp_path / "output"

    write_site(output, [("index.html", b"<h1>new</h1>\n")], [])

    mode = stat.S_IMODE(output.stat().st_mode)
    assert mode & 0o055 == 0o055  # group and others may read and enter it
