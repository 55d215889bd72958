"""Content folders for tests: the shipped site, fixture agencies, builds of them, and
whole-tree comparisons of built sites."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from site_builder.pipeline import build

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_AGENCY = FIXTURES / "agency"


def copy_agency(target: Path, source: Path = FIXTURE_AGENCY) -> Path:
    """A writable copy of a content folder (the fixture agency by default)."""
    shutil.copytree(source, target)
    return target


def copy_site(name: str, into: Path) -> tuple[Path, Path]:
    """Copy tests/fixtures/<name>/content and the repository's templates into `into`."""
    content = into / "content"
    templates = into / "templates"
    shutil.copytree(FIXTURES / name / "content", content)
    shutil.copytree(TEMPLATES, templates)
    return content, templates


def edit_yaml(path: Path, change) -> None:
    """Load a content YAML file, let `change(data)` modify it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_into(content: Path, output: Path) -> Path:
    build(content, TEMPLATES, output)
    return output


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
