"""Which files changed: told by the operating system as they are saved, or found by polling.

Notifications (watchfiles: Rust `notify` over inotify, FSEvents, ReadDirectoryChangesW)
name each saved file within milliseconds, where comparing snapshots of a 10,000-file site
takes ~240 ms per look. Where notifications do not arrive (network drives, some
containers), `serve --poll` or WATCHFILES_FORCE_POLLING compares snapshots (size and
mtime in nanoseconds) every 0.2 s instead. Not watchfiles' own polling: it compares
mtimes in whole seconds, so a second save within the same second would go unseen — and
the builder trusts that every file not named is unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from pathlib import Path

from watchfiles import Change, awatch
from watchfiles._rust_notify import WatchfilesRustInternalError  # documented, not re-exported

# How long the folders must stay quiet before their changes are handed over, in ms: an
# editor's save (write a temporary file, rename it over the old one) takes well under a
# millisecond, so 20 ms groups it into one rebuild, and a save reaches the builder 20–40 ms
# after it happens (one to two steps) — 50 ms would spend 50–100 ms of the 150 ms budget.
STEP_MS = 20
POLL_SECONDS = 0.2

Snapshot = dict[Path, tuple[int, int]]

# Editors' swap and backup files: saving them is not a change of the site.
_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~")
_IGNORED_PREFIXES = (".#",)


class CannotWatch(Exception):
    """The operating system refused to watch the folders (e.g. Linux's limits on inotify
    instances and watches); polling still works."""


def _ignored(name: str) -> bool:
    return name.endswith(_IGNORED_SUFFIXES) or name.startswith(_IGNORED_PREFIXES)


def _files_under(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (Path(root, name) for name in files if not _ignored(name))


def snapshot(folders: Iterable[Path]) -> Snapshot:
    """Size and mtime of every file under `folders`."""
    found: Snapshot = {}
    for path in (path for folder in folders for path in _files_under(folder)):
        try:
            stat = path.stat()
        except OSError:  # deleted between listing and stat
            continue
        found[path] = (stat.st_size, stat.st_mtime_ns)
    return found


def changed_files(before: Snapshot, after: Snapshot) -> set[Path]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def polling_forced() -> bool:
    """WATCHFILES_FORCE_POLLING is set, read as watchfiles reads it."""
    value = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    return bool(value) and value.lower() not in {"false", "disable", "disabled"}


class _Folder:
    """A watched folder, as the builder names it, and as watchfiles may report it:
    absolute (inotify) or with symlinks resolved (FSEvents)."""

    def __init__(self, folder: Path) -> None:
        self.given = folder
        self.spellings = dict.fromkeys((folder.absolute(), folder.resolve()))

    def relative(self, path: Path) -> Path | None:
        for spelling in self.spellings:
            if path.is_relative_to(spelling):
                return path.relative_to(spelling)
        return None


def site_files(changes: Iterable[tuple[Change, str]], folders: Sequence[Path]) -> set[Path]:
    """The files added, modified or deleted, named as snapshots name them (the watched
    folder as given, then the path inside it) — the builder's `rebuild(changed)` takes
    them so. Editors' swap files and hidden folders are left out. A folder that appeared
    (created or moved in) stands for its files: notifications name only the folder, and a
    file written before the folder's watch was set up would go unseen."""
    watched = [_Folder(folder) for folder in folders]
    found: set[Path] = set()
    for change, reported in changes:
        for folder in watched:
            relative = folder.relative(Path(reported))
            if relative is not None:
                break
        else:
            continue
        parts = relative.parts
        if any(part.startswith(".") for part in parts[:-1]) or (parts and _ignored(parts[-1])):
            continue
        path = folder.given / relative
        if path.is_dir():
            if change is Change.added and not path.name.startswith("."):
                found.update(_files_under(path))
            continue
        found.add(path)
    return found


async def site_changes(
    folders: Sequence[Path], stop: asyncio.Event, poll: bool = False
) -> AsyncIterator[set[Path]]:
    """Each group of files changed under `folders`, until `stop` is set.

    The watches are set up (or the first snapshot taken) when the first group is asked
    for, before it waits. `poll`, or WATCHFILES_FORCE_POLLING: compare snapshots."""
    groups = _polled(folders, stop) if poll or polling_forced() else _notified(folders, stop)
    async for changed in groups:
        yield changed


async def _notified(folders: Sequence[Path], stop: asyncio.Event) -> AsyncIterator[set[Path]]:
    existing = [folder for folder in folders if folder.is_dir()]  # a missing one: build says so
    watching = awatch(
        *(folder.absolute() for folder in existing),
        watch_filter=None,  # site_files filters: it needs paths inside the watched folder
        step=STEP_MS,
        stop_event=stop,
        force_polling=False,  # polling is _polled's
        ignore_permission_denied=True,  # a folder the user cannot read: the build says so
    )
    try:
        async for changes in watching:
            changed = site_files(changes, existing)
            if changed:
                yield changed
    except OSError as refused:
        raise CannotWatch(refused.strerror or str(refused)) from refused
    except WatchfilesRustInternalError as refused:  # how creating the watcher fails
        raise CannotWatch(str(refused)) from refused


async def _polled(folders: Sequence[Path], stop: asyncio.Event) -> AsyncIterator[set[Path]]:
    known = snapshot(folders)  # at once, so a file saved right after is a change
    while True:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_SECONDS)
        if stop.is_set():
            return
        current = await asyncio.to_thread(snapshot, folders)  # the server keeps serving
        changed = changed_files(known, current)
        known = current
        if changed:
            yield changed
