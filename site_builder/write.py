"""Stage 5 — write: build the whole site in a staging folder, then swap it in.

A failed or interrupted build never leaves a half-written `output/`: until the final
rename, the previous site is untouched.

A file whose bytes are the same as in the previous site is not written again: the staging
folder gets a hard link to the previous file, so after the swap an unchanged page keeps
its inode and modification time (a web server's caches, rsync and deploy tools see only
what really changed). Files are never modified in place, so sharing them is safe.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class InterruptedAfterSwap(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived while the new site was being swapped in: it is in place."""


@contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Record SIGINT/SIGTERM instead of acting on them while the block runs.

    Python runs signal handlers only in the main thread, whichever thread the signal hit,
    so swapping the handlers there holds them for the whole process. A build running in
    another thread is not interrupted by them at all.
    """
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return
    previous = {s: signal.getsignal(s) for s in _SIGNALS}
    held = [s for s, handler in previous.items() if handler is not None]  # None: set from C
    for signum in held:
        signal.signal(signum, lambda signum, frame: arrived.append(signum))
    try:
        yield arrived
    finally:
        for signum in held:
            signal.signal(signum, previous[signum])


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while the block runs, then act on the first that arrived."""
    with _signals_held() as arrived:
        yield
    if arrived:
        signal.raise_signal(arrived[0])


@contextmanager
def going_live() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while changes to a live site are written; one that arrived
    raises InterruptedAfterSwap once they all are (the site is then the new one)."""
    with _signals_held() as arrived:
        yield
    if arrived:
        raise InterruptedAfterSwap


def write_site(
    output: Path,
    pages: Iterable[tuple[str, bytes]],
    copies: Iterable[tuple[Path, str]],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write `pages` (site path, bytes) and copy `copies` (source, site path); returns files written.

    `finish` runs on the complete staging folder before the swap (e.g. the search index),
    so what it adds goes live together with the pages, or not at all. On failure and
    interrupts, see `staged_site`.
    """
    count = 0
    with staged_site(output) as staging:
        for relative, data in pages:
            put_file(staging, output, relative, data)
            count += 1
        for source, relative in copies:
            copy_file(staging, output, source, relative)
            count += 1
        if finish is not None:
            finish(staging)
    return count


@contextmanager
def staged_site(output: Path) -> Iterator[Path]:
    """A new, empty staging folder next to `output`, swapped in when the block completes.

    If the block raises (or is interrupted), the staging folder is removed and `output`
    stays as it was. The swap itself runs with SIGINT/SIGTERM held, so it completes or never
    starts; one that arrives during it raises InterruptedAfterSwap once the new site is in
    place.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging: Path | None = None
    try:
        with signals_deferred():  # no interrupt between creating the folder and owning it
            staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
        yield staging
        staging.chmod(0o755)  # mkdtemp makes it private; a site must be readable by a web server
        _swap(staging, output)
    except InterruptedAfterSwap:
        raise
    except BaseException:
        if staging is not None:
            with signals_deferred():  # a second Ctrl-C must not cut the clean-up short
                shutil.rmtree(staging, ignore_errors=True)
        raise


def file_digest(data: bytes) -> str:
    """The digest that names a file's bytes in the build cache."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def put_file(staging: Path, previous: Path, relative: str, data: bytes) -> None:
    """Write `data` as `relative` in `staging`, or link the previous site's identical file."""
    target, old = _target(staging, relative), _target(previous, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if _regular_size(old) == len(data) and old.read_bytes() == data and _link(old, target):
            return
    except OSError:  # no previous file: write it
        pass
    target.write_bytes(data)


def copy_file(staging: Path, previous: Path, source: Path, relative: str) -> None:
    """Copy `source` as `relative` in `staging`, or link the previous site's identical file."""
    target, old = _target(staging, relative), _target(previous, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        same = _regular_size(old) is not None and filecmp.cmp(old, source, shallow=False)
        if same and _link(old, target):
            return
    except OSError:  # no previous file: copy it
        pass
    shutil.copyfile(source, target)


def _regular_size(path: Path) -> int | None:
    """Size of `path` if it is a regular file (not a link that could lead out of the site)."""
    status = path.lstat()
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _link(existing: Path, target: Path) -> bool:
    """Hard-link `existing` as `target`; False where the file system cannot."""
    try:
        os.link(existing, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def _target(site: Path, relative: str) -> Path:
    """Where site path `relative` is in the site folder `site`; never outside it."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        raise ValueError(f"site path {relative!r} is outside the site")
    return site.joinpath(*parts)


def _swap(staging: Path, output: Path) -> None:
    retired = None
    with _signals_held() as arrived:
        if output.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
            os.rmdir(retired)
            os.rename(output, retired)
        try:
            os.rename(staging, output)
        except OSError:
            if retired is not None:
                os.rename(retired, output)
            raise
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    if arrived:
        raise InterruptedAfterSwap
