"""Run `python build.py serve` as a real process, as an editor would, and wait for it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.sites import ROOT

_URL = re.compile(r"http://[\d.]+:\d+/\S*")


@contextmanager
def running_preview(
    content: Path, templates: Path, output: Path, *extra: str
) -> Iterator[tuple[str, list[str]]]:
    """Start the preview on a free port; yield its URL and the lines it printed so far."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "serve",
            "--port",
            "0",
            "--lang",
            "en",
            "--content",
            str(content),
            "--templates",
            str(templates),
            "--output",
            str(output),
            *extra,
        ],
        cwd=output.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []

    def drain() -> None:  # keep reading, or a full pipe would block the server
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        ready = wait_for(
            lambda: (
                next((line for line in lines if "preview ready" in line), None)
                or process.poll() is not None
            ),
            timeout=60,
        )
        if not isinstance(ready, str):
            raise RuntimeError("the preview stopped before it was ready:\n" + "\n".join(lines))
        match = _URL.search(ready)
        assert match, ready
        yield match.group(0), lines
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition: Callable[[], object], timeout: float = 15.0) -> object:
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.1)
