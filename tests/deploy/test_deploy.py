"""`python build.py deploy --to DIR`: the built site replaces the served folder all at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sites import FIXTURE_AGENCY, ROOT, build_into


def run_cli(*args: str, env_code: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process (optionally after `env_code`)."""
    code = f"{env_code}\nfrom site_builder.cli import main\nraise SystemExit(main({list(args)!r}))"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(FIXTURE_AGENCY, tmp_path_factory.mktemp("built") / "output")


def test_deploy_copies_every_file_of_the_built_site(built: Path, tmp_path: Path):
    target = tmp_path / "www" / "oit"

    result = run_cli("deploy", "--from", str(built), "--to", str(target), "--lang", "en")

    assert result.returncode == 0, result.stderr
    assert tree(target) == tree(built)
    assert f"{len(tree(built))} files" in result.stdout


def test_deploy_replaces_the_previous_site_and_leaves_no_temporary_folders(
    built: Path, tmp_path: Path
):
    target = tmp_path / "www"
    assert run_cli("deploy", "--from", str(built), "--to", str(target)).returncode == 0
    (target / "old-page.html").write_text("from an earlier deploy", encoding="utf-8")

    result = run_cli("deploy", "--from", str(built), "--to", str(target))

    assert result.returncode == 0, result.stderr
    assert tree(target) == tree(built)  # the stale page is gone
    assert [p.name for p in tmp_path.iterdir()] == ["www"]


def test_a_failed_copy_leaves_the_served_site_as_it_was(built: Path, tmp_path: Path):
    target = tmp_path / "www"
    assert run_cli("deploy", "--from", str(built), "--to", str(target)).returncode == 0
    served = tree(target)
    bigger = tmp_path / "bigger-site"
    build_into(FIXTURE_AGENCY, bigger)
    (bigger / "files" / "large.bin").write_bytes(b"\0" * 3_000_000)

    # The operating system refuses files over 1 MB to this process: a real write error
    # in the middle of the copy (SIGXFSZ ignored so the write fails instead of killing).
    limit = (
        "import resource, signal\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))"
    )
    result = run_cli(
        "deploy", "--from", str(bigger), "--to", str(target), "--lang", "en", env_code=limit
    )

    assert result.returncode == 1
    assert "deploy failed" in result.stderr and "untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(target) == served
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bigger-site", "www"]


def test_deploy_refuses_a_folder_that_holds_no_built_site(tmp_path: Path):
    (tmp_path / "empty").mkdir()

    result = run_cli("deploy", "--from", str(tmp_path / "empty"), "--to", str(tmp_path / "www"))

    assert result.returncode == 1
    assert "python build.py" in result.stderr
    assert not (tmp_path / "www").exists()


def test_deploy_refuses_to_replace_a_folder_that_is_not_a_site(built: Path, tmp_path: Path):
    target = tmp_path / "home"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")

    result = run_cli("deploy", "--from", str(built), "--to", str(target), "--lang", "en")

    assert result.returncode == 1
    assert "neither empty nor a site" in result.stderr
    assert tree(target) == {"notes.txt": b"keep me"}


def test_deploy_refuses_a_target_inside_the_built_site(built: Path):
    result = run_cli("deploy", "--from", str(built), "--to", str(built / "copy"), "--lang", "en")

    assert result.returncode == 1
    assert "overlap" in result.stderr
    assert not (built / "copy").exists()
