"""Run one build command and measure it: wall time and peak memory of its process tree.

Peak memory is reported two ways, because a multi-process build makes them differ:

- `peak_rss_mb`: the largest resident set of any single process of the build (the kernel's
  ru_maxrss from wait4 — exact, no sampling);
- `peak_tree_mb`: the largest total proportional set size (PSS, shared pages divided among
  the processes sharing them) of the build's whole process tree, sampled every 100 ms from
  /proc. This is the memory the build really occupies when it forks workers; sampling
  can miss a peak shorter than the interval.

Tables use `peak_mb` = the larger of the two.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1  # each sample reads /proc: often enough for a plateau, cheap on 2 cores


@dataclass(frozen=True, slots=True)
class Measurement:
    command: str
    seconds: float
    cpu_seconds: float  # user + system time of the build and every process it waited for
    peak_rss_mb: float
    peak_tree_mb: float
    returncode: int

    @property
    def peak_mb(self) -> float:
        return max(self.peak_rss_mb, self.peak_tree_mb)


def _children() -> dict[int, list[int]]:
    """Parent pid → child pids, for every process we can see."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_pss_kb(root: int) -> int:
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack += tree.get(pid, [])
    return total


def run(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    quiet: bool = True,
) -> Measurement:
    """Run `command` to completion; its output is discarded when `quiet`."""
    sink = subprocess.DEVNULL if quiet else None
    peak_kb = 0
    done = threading.Event()
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=None if env is None else dict(env),
        stdout=sink,
        stderr=subprocess.PIPE if quiet else None,
    )

    def sample() -> None:
        nonlocal peak_kb
        while not done.wait(SAMPLE_SECONDS):
            peak_kb = max(peak_kb, _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    errors = process.stderr.read() if process.stderr else b""
    # wait4 reaps the child and gives its own rusage (ru_maxrss covers its waited-for
    # descendants too), unlike RUSAGE_CHILDREN, which is the maximum over every child so far.
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(
            f"{shlex.join(command)} failed ({process.returncode}):\n"
            + errors.decode(errors="replace")[-2000:]
        )
    return Measurement(
        shlex.join(command),
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        peak_kb / 1024,
        process.returncode,
    )


def count_pages(output: Path) -> int:
    """HTML pages in a built site (the unit of 'pages per second' for every tool)."""
    return sum(name.endswith(".html") for _dir, _dirs, names in os.walk(output) for name in names)


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages, to note how busy the shared machine was."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
