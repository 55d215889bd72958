"""The fictional fixture site (tests/fixtures/nong-nam-sai) as data, to alter and write back."""

from __future__ import annotations

import copy
import csv
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "nong-nam-sai"
TEMPLATES = ROOT / "templates"


@dataclass
class ContentFiles:
    """Content files by path relative to content/: YAML as data, news as (front matter, body),
    CSV tables as rows of cells."""

    yaml_files: dict[str, Any] = field(default_factory=dict)
    news: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    csv_files: dict[str, list[list[str]]] = field(default_factory=dict)

    def copy(self) -> ContentFiles:
        return copy.deepcopy(self)


def read_fixture() -> ContentFiles:
    files = ContentFiles()
    for path in sorted(FIXTURE.rglob("*")):
        relative = path.relative_to(FIXTURE).as_posix()
        if path.suffix == ".yaml":
            files.yaml_files[relative] = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".md" and relative.startswith("news/"):
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            files.news[relative] = (yaml.safe_load(front), body)
        elif path.suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            files.csv_files[relative] = list(csv.reader(io.StringIO(text, newline="")))
    return files


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_content(files: ContentFiles, root: Path) -> Path:
    """Write `files` as a content folder at `root`, with the fixture's attachments."""
    shutil.copytree(FIXTURE / "files", root / "files")
    for relative, data in files.yaml_files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dump(data), encoding="utf-8")
    for relative, (front, body) in files.news.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{_dump(front)}---\n{body}", encoding="utf-8")
    for relative, rows in files.csv_files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return root


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative path: the whole built site, byte for byte."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
