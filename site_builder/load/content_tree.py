"""Find and load every content file of a site folder (no interpretation yet)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from site_builder.load.control_characters import control_character_problem
from site_builder.load.markdown_source import MarkdownSource, split_front_matter
from site_builder.load.tables import TableFile, read_csv
from site_builder.load.yaml_source import (
    MAX_FILE_BYTES,
    SourceDocument,
    decode_text,
    load_yaml_text,
    too_large,
)
from site_builder.problems import Location, Problem
from site_builder.safe_paths import inside, news_slug


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working folder when inside it."""
    if not path.name:  # "." or a drive's root
        return path.as_posix()
    folder = _folder_shown(os.getcwd(), os.fspath(path.parent))
    if folder is None:
        return path.as_posix()
    return path.name if folder == "." else f"{folder}/{path.name}"


@lru_cache(maxsize=4096)
def _folder_shown(cwd: str, folder: str) -> str | None:
    """`folder` relative to `cwd`, or None when outside it (thousands of news files share
    one folder: the path arithmetic is done once for it)."""
    try:
        relative = os.path.relpath(folder, cwd)
    except ValueError:  # another drive on Windows
        return None
    return None if relative.startswith("..") else Path(relative).as_posix()


@dataclass(slots=True)
class RawContent:
    """Every content file, loaded: YAML documents and Markdown sources keyed by their path."""

    root: Path
    site: SourceDocument | None = None
    assessments: list[SourceDocument] = field(default_factory=list)
    measure_sets: list[SourceDocument] = field(default_factory=list)
    disclosures: list[SourceDocument] = field(default_factory=list)
    news: dict[str, MarkdownSource] = field(default_factory=dict)  # slug → source
    files: frozenset[str] = frozenset()  # attachment paths, relative to root ("files/…")
    organisation: SourceDocument | None = None  # organisation.yaml (O1, O2)
    tables: list[TableFile] = field(default_factory=list)  # statistics/, budget/, procurement/


def _read(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes; a file over the size limit is refused without reading it."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return None, [too_large(shown, size)]
            return handle.read(MAX_FILE_BYTES + 1), []
    except OSError as exc:
        return None, [
            Problem(Location(shown), "file_unreadable", {"problem": exc.strerror or str(exc)})
        ]


def _read_text(path: Path) -> tuple[str | None, str, list[Problem]]:
    """A content file's text (UTF-8, or converted from Windows-874 with a warning)."""
    shown = display_path(path)
    data, problems = _read(path, shown)
    if data is None:
        return None, shown, problems
    text, problems = decode_text(data, shown)
    return text, shown, problems


def read_yaml(path: Path) -> tuple[SourceDocument | None, list[Problem]]:
    text, shown, problems = _read_text(path)
    if text is None:
        return None, problems
    doc, found = load_yaml_text(text, shown)
    if doc is not None and not isinstance(doc.value, dict):
        kind = type(doc.value).__name__
        return None, [Problem(doc.locate(()), "yaml_not_mapping", {"found": kind})]
    return doc, problems + found


def read_markdown(path: Path) -> tuple[MarkdownSource | None, list[Problem]]:
    text, shown, problems = _read_text(path)
    if text is None:
        return None, problems
    source, found = split_front_matter(text, shown)
    if source is not None and not isinstance(source.front_matter.value, dict):
        kind = type(source.front_matter.value).__name__
        return None, [Problem(source.front_matter.locate(()), "yaml_not_mapping", {"found": kind})]
    if source is not None and (
        control := control_character_problem(source.body, shown, source.body_line)
    ):
        return None, [*problems, control]
    return source, problems + found


def read_again(path: Path) -> tuple[str | None, list[Problem]]:
    """A content file's decoded text, read again after loading (a news body, when its
    page is rendered); None and the problems when it can no longer be read."""
    text, _shown, problems = _read_text(path)
    return text, problems


class FileReader:
    """Reads and parses one content file; the incremental builder swaps in a caching one."""

    def yaml(self, path: Path) -> tuple[SourceDocument | None, list[Problem]]:
        return read_yaml(path)

    def markdown(self, path: Path) -> tuple[MarkdownSource | None, list[Problem]]:
        return read_markdown(path)


# Emacs marks a file being edited with a lock, .#name.md: not content, never an error.
EDITOR_LOCK_PREFIX = ".#"

# Folders of tabular records (O15, O31, O18–O24); every file in them is a table or an error.
TABLE_FOLDERS = ("statistics", "budget", "procurement")


def read_table(path: Path, root: Path) -> tuple[TableFile | None, list[Problem]]:
    """A table file: CSV rows or a YAML document; other files are kept (by name) to report."""
    shown = display_path(path)
    relative = path.relative_to(root).as_posix()
    if path.suffix in (".yaml", ".yml"):
        doc, problems = read_yaml(path)
        return (TableFile(relative, shown, document=doc) if doc else None), problems
    if path.suffix != ".csv":
        return TableFile(relative, shown), []
    data, problems = _read(path, shown)
    if data is None:
        return None, problems
    table, problems = read_csv(data, shown)
    return (TableFile(relative, shown, csv=table) if table else None), problems


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


class _Containment:
    """Whether content files stay inside the content folder once symbolic links are
    followed. Each folder is resolved once; a file only needs a look at itself."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[Path, bool] = {}

    def problem(self, path: Path) -> Problem | None:
        """A problem if a symbolic link makes `path` lead out of the content folder."""
        if os.path.islink(path):
            within = inside(self.root, path)
        else:
            within = self._folders.get(path.parent)
            if within is None:
                within = self._folders[path.parent] = inside(self.root, path.parent)
        if within:
            return None
        return Problem(Location(display_path(path)), "file_outside_content", {"found": path.name})


def load_content(root: Path, reader: FileReader | None = None) -> tuple[RawContent, list[Problem]]:
    """Load all of content/; every problem found is returned, none stops the others."""
    reader = reader or FileReader()
    outside = _Containment(root).problem
    raw = RawContent(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return raw, [
            Problem(
                Location(display_path(root)), "missing_content_dir", {"folder": display_path(root)}
            )
        ]

    site_path = root / "site.yaml"
    if site_path.is_file() and (outside_problem := outside(site_path)):
        problems.append(outside_problem)
    elif site_path.is_file():
        raw.site, found = reader.yaml(site_path)
        problems += found
    else:
        problems.append(
            Problem(
                Location(display_path(site_path)), "missing_site", {"folder": display_path(root)}
            )
        )

    for folder, target in (
        ("ita", raw.assessments),
        ("measures", raw.measure_sets),
        ("oit", raw.disclosures),
    ):
        for path in _yaml_files(root / folder):
            if outside_problem := outside(path):
                problems.append(outside_problem)
                continue
            doc, found = reader.yaml(path)
            problems += found
            if doc is not None:
                target.append(doc)

    organisation_path = root / "organisation.yaml"
    if organisation_path.is_file() and (outside_problem := outside(organisation_path)):
        problems.append(outside_problem)
    elif organisation_path.is_file():
        raw.organisation, found = read_yaml(organisation_path)
        problems += found
    for folder in TABLE_FOLDERS:
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else ():
            if path.is_file() and not path.name.startswith((".", "~")):
                if outside_problem := outside(path):
                    problems.append(outside_problem)
                    continue
                table, found = read_table(path, root)
                problems += found
                if table is not None:
                    raw.tables.append(table)

    news_dir = root / "news"
    if news_dir.is_dir():
        first_of: dict[str, Path] = {}  # casefolded slug → file, to catch names that collide
        # By name, as strings: sorting 10,000 Path objects costs a tenth of a second.
        names = sorted(
            name
            for name in os.listdir(news_dir)
            if name.endswith(".md") and not name.startswith(EDITOR_LOCK_PREFIX)
        )
        for path in (news_dir / name for name in names):
            slug = news_slug(path.stem)
            if slug is None:
                problems.append(
                    Problem(Location(display_path(path)), "bad_news_name", {"name": path.name})
                )
                continue
            if slug.casefold() in first_of:
                other = display_path(first_of[slug.casefold()])
                problems.append(
                    Problem(Location(display_path(path)), "news_name_clash", {"other": other})
                )
                continue
            first_of[slug.casefold()] = path
            if outside_problem := outside(path):
                problems.append(outside_problem)
                continue
            source, found = reader.markdown(path)
            problems += found
            if source is not None:
                raw.news[slug] = source

    files_dir = root / "files"
    if files_dir.is_dir():
        raw.files = frozenset(
            p.relative_to(root).as_posix() for p in files_dir.rglob("*") if p.is_file()
        )
    return raw, problems
