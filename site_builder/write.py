"""Stage 5 — write: build the whole site in a staging folder, then swap it in.

A failed or interrupted build never leaves a half-written `output/`: until the final
rename, the previous site is untouched.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_deferred():
    """Hold SIGINT/SIGTERM for the two renames of the swap, so it completes or never starts."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_site(
    output: Path,
    pages: Iterable[tuple[str, bytes]],
    copies: Iterable[tuple[Path, str]],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write `pages` (site path, bytes) and copy `copies` (source, site path); returns files written.

    `finish` runs on the complete staging folder before the swap (e.g. the search index),
    so what it adds goes live together with the pages, or not at all.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    count = 0
    try:
        for relative, data in pages:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        for source, relative in copies:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count += 1
        if finish is not None:
            finish(staging)
        staging.chmod(0o755)  # mkdtemp makes it private; a site must be readable by a web server
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap(staging: Path, output: Path) -> None:
    retired = None
    with _signals_deferred():
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
