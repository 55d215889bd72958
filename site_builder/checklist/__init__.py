"""The OIT checklist frameworks shipped with the generator (data files, one per ITA year)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from site_builder.load.content_tree import read_yaml
from site_builder.problems import Problem
from site_builder.schema.framework import FrameworkFile
from site_builder.schema.validate import validate

FRAMEWORK_DIR = Path(__file__).parent / "frameworks"


def available_frameworks() -> list[str]:
    return sorted(p.stem for p in FRAMEWORK_DIR.glob("*.yaml"))


@cache
def load_framework(framework_id: str) -> tuple[FrameworkFile | None, tuple[Problem, ...]]:
    """A framework by id (e.g. "ita-2565"); None with problems if missing or invalid."""
    path = FRAMEWORK_DIR / f"{framework_id}.yaml"
    if framework_id not in available_frameworks():
        return None, ()
    doc, problems = read_yaml(path)
    if doc is None:
        return None, tuple(problems)
    record, problems = validate(doc, FrameworkFile)
    return record, tuple(problems)
