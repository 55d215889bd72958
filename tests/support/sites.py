"""Content folders for tests: the shipped site, the fictional fixture agency, and builds of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from site_builder.pipeline import build

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
FIXTURE_AGENCY = ROOT / "tests" / "fixtures" / "agency"


def copy_agency(target: Path, source: Path = FIXTURE_AGENCY) -> Path:
    """A writable copy of a content folder (the fixture agency by default)."""
    shutil.copytree(source, target)
    return target


def edit_yaml(path: Path, change) -> None:
    """Load a content YAML file, let `change(data)` modify it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_into(content: Path, output: Path) -> Path:
    build(content, TEMPLATES, output)
    return output
