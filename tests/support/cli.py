"""Run the real command line (`python build.py …`) as a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "content"
COMPLETE = REPO / "tests" / "fixtures" / "complete"
BROKEN = REPO / "tests" / "fixtures" / "broken"


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "build.py", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass(frozen=True)
class Built:
    output: Path
    result: subprocess.CompletedProcess[str]


def build(content: Path, output: Path, *options: str) -> Built:
    """Build `content` into `output` (with more `options`, e.g. --as-of); it must succeed."""
    result = run_cli("build", "--content", content, "--output", output, *options)
    assert result.returncode == 0, result.stderr
    return Built(output, result)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path → bytes)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
