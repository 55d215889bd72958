"""Stage 5 — write: build the whole site in a staging folder, then swap it in.

A failed or interrupted build never leaves a half-written `output/`: until the final
rename, the previous site is untouched.
"""

from __future__ import annotations

import os
import shutil
import signal
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
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while the block runs, then act on the first that arrived."""
    with _signals_held() as arrived:
        yield
    if arrived:
        signal.raise_signal(arrived[0])


def write_site(
    output: Path,
    pages: Iterable[tuple[str, bytes]],
    copies: Iterable[tuple[Path, str]],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write `pages` (site path, bytes) and copy `copies` (source, site path); returns files written.

    `finish` runs on the complete staging folder before the swap (e.g. the search index),
    so what it adds goes live together with the pages, or not at all.

    Until the swap, an exception or interrupt removes the staging folder and leaves `output`
    as it was. The swap itself runs with SIGINT/SIGTERM held, so it completes or never
    starts; one that arrives during it raises InterruptedAfterSwap once the new site is in
    place.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging: Path | None = None
    count = 0
    try:
        with _signals_deferred():  # no interrupt between creating the folder and owning it
            staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
        for relative, data in pages:
            target = _target(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        for source, relative in copies:
            target = _target(staging, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count += 1
        if finish is not None:
            finish(staging)
        staging.chmod(0o755)  # mkdtemp makes it private; a site must be readable by a web server
        _swap(staging, output)
    except InterruptedAfterSwap:
        raise
    except BaseException:
        if staging is not None:
            with _signals_deferred():  # a second Ctrl-C must not cut the clean-up short
                shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _target(staging: Path, relative: str) -> Path:
    """Where site path `relative` goes in the staging folder; never outside it."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        raise ValueError(f"site path {relative!r} is outside the site")
    return staging.joinpath(*parts)


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
