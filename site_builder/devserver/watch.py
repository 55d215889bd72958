"""Which files changed: a snapshot of sizes and modification times, compared with the last one.

Polling keeps the server free of platform-specific file-system APIs; a snapshot of a
10,000-file site takes a few tens of milliseconds (measured in docs/performance.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]

# Editors' swap and backup files: saving them is not a change of the site.
_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~")
_IGNORED_PREFIXES = (".#",)


def _ignored(name: str) -> bool:
    return name.endswith(_IGNORED_SUFFIXES) or name.startswith(_IGNORED_PREFIXES)


def snapshot(folders: Iterable[Path]) -> Snapshot:
    """Size and mtime of every file under `folders`."""
    found: Snapshot = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if _ignored(name):
                    continue
                path = Path(root, name)
                try:
                    stat = path.stat()
                except OSError:  # deleted between listing and stat
                    continue
                found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


def changed_files(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
