"""Copies of fixture sites to change in a test, and whole-tree comparisons of built sites."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REPOSITORY = FIXTURES.parent.parent


def copy_site(name: str, into: Path) -> tuple[Path, Path]:
    """Copy tests/fixtures/<name>/content and the repository's templates into `into`."""
    content = into / "content"
    templates = into / "templates"
    shutil.copytree(FIXTURES / name / "content", content)
    shutil.copytree(REPOSITORY / "templates", templates)
    return content, templates


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative POSIX path → bytes)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def tree_difference(left: Path, right: Path) -> list[str]:
    """Files that differ between two folders, or exist in one only (empty when identical)."""
    a, b = tree(left), tree(right)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
