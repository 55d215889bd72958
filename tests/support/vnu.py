"""Run the Nu Html Checker (vnu.jar from the npm package vnu-jar) on built HTML files."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

TESTS_DIR = Path(__file__).resolve().parent.parent
VNU_JAR = TESTS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MIN_JAVA = 17  # vnu.jar 26.x is built for Java 17+

# vnu starts a JVM (~2-3 s) per run, so all files go in one run; only a
# command line that would exceed ARG_MAX is split.
_MAX_ARGS_CHARS = 100_000


@cache
def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "java not found: the Nu Html Checker needs a Java 17+ runtime "
            "(apt-get install default-jre-headless, or run tests/run-all.sh)"
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if match:
        major = int(match[2]) if match[1] == "1" else int(match[1])  # "1.8" means 8
        if major < MIN_JAVA:
            raise RuntimeError(f"{java} is Java {major}; vnu.jar needs Java {MIN_JAVA}+")
    return java


def _batches(paths: list[Path]) -> Iterator[list[Path]]:
    batch: list[Path] = []
    size = 0
    for path in paths:
        if batch and size + len(str(path)) > _MAX_ARGS_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += len(str(path)) + 1
    if batch:
        yield batch


def _run(java: str, paths: list[Path]) -> list[dict[str, Any]]:
    cmd = [
        java,
        "-Xss4m",  # deep DOMs overflow the JVM's default thread stack
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--errors-only",
        "--no-langdetect",  # only produces warnings, which --errors-only drops anyway
        "--",
        *map(str, paths),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=600)
    # The JSON report goes to stderr as one line; the JVM may print notes (e.g.
    # "Picked up JAVA_TOOL_OPTIONS") around it, so take the line that parses.
    for line in reversed(proc.stderr.splitlines()):
        if line.startswith("{"):
            try:
                report = json.loads(line)
            except ValueError:
                continue
            if isinstance(report, dict) and "messages" in report:
                break
    else:
        raise RuntimeError(
            f"vnu produced no JSON report (exit {proc.returncode}):\n{proc.stderr[-2000:]}"
        )
    return list(report.get("messages", []))


def _file_of(url: str | None, by_resolved: dict[str, Path]) -> str:
    if not url:
        return "?"
    local = unquote(urlsplit(url).path) if url.startswith("file:") else url
    return str(by_resolved.get(local, Path(local)))


def validate_html(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Check HTML files with vnu; return its errors as dicts with file, line, column, message.

    "non-document-error" messages (e.g. an unreadable file) count as errors too.
    """
    files = [Path(p).resolve() for p in paths]
    if not files:
        return []
    if not VNU_JAR.is_file():
        raise RuntimeError(
            f"{VNU_JAR} not found: run `npm ci --prefix tests` (or tests/run-all.sh)"
        )
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"cannot validate missing file(s): {missing[:5]}")
    java = _java()
    by_resolved = {str(p): p for p in files}

    errors: list[dict[str, Any]] = []
    for batch in _batches(files):
        for msg in _run(java, batch):
            if msg.get("type") not in ("error", "non-document-error"):
                continue
            errors.append(
                {
                    "file": _file_of(msg.get("url"), by_resolved),
                    "line": msg.get("lastLine", msg.get("firstLine")),
                    "column": msg.get("firstColumn"),
                    "message": msg.get("message", ""),
                    "extract": msg.get("extract", ""),
                }
            )
    return errors


def format_errors(errors: list[dict[str, Any]], root: Path | None = None, limit: int = 50) -> str:
    """Readable ``file:line:col: message`` lines; paths relative to ``root`` when given."""
    if not errors:
        return "no HTML errors"
    lines = [f"{len(errors)} HTML error(s):"]
    for err in errors[:limit]:
        name = err["file"]
        if root is not None:
            with contextlib.suppress(ValueError):  # outside root: keep it absolute
                name = str(Path(name).relative_to(Path(root).resolve()))
        where = f"{name}:{err.get('line') or '?'}:{err.get('column') or '?'}"
        lines.append(f"- {where}: {err['message']}")
        if err.get("extract"):
            lines.append(f"    {err['extract'].strip()[:160]!r}")
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more")
    return "\n".join(lines)
