"""Render the whole page plan into the staging folder, over several processes.

Every page is drawn from its own inputs and the shared `Chrome` (see pages.py), so any
process may render any page, in any order, and the bytes are the same as in a
one-process build (tests/render/test_parallel_render.py compares them).

With `jobs` processes, the building process renders pages itself alongside `jobs - 1`
workers forked after the site is loaded and every template compiled: they share its model
and compiled templates (copy-on-write) instead of loading and compiling them again. Every
process writes its pages straight into the staging folder, so no rendered HTML travels
between processes or waits in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import jinja2

from site_builder.render.environment import Chrome, render_page
from site_builder.render.pages import Page
from site_builder.write import put_file, signals_deferred

# Pages per task: big enough that handing out work costs little, small enough that the
# last tasks finish together (a page takes about a millisecond).
PAGES_PER_TASK = 32
TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def default_jobs() -> int:
    """Every usable core where workers can be forked; one elsewhere.

    Where processes can only be spawned (Windows, macOS), each worker would import the
    package and receive the whole site by pickling, which costs more than it saves here.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def compile_templates(env: jinja2.Environment) -> None:
    """Compile every template now, once, so that forked workers inherit them compiled.

    The build's templates do not change while it runs, so Jinja need not check their
    modification time again for each of thousands of pages.
    """
    env.auto_reload = False
    for name in env.list_templates():
        if name.endswith(TEMPLATE_SUFFIXES) and not name.startswith("static/"):
            env.get_template(name)


@dataclass(frozen=True, slots=True)
class _Batch:
    """What a worker needs: every page and where to put them."""

    env: jinja2.Environment
    chrome: Chrome
    pages: Sequence[Page]
    staging: Path
    previous: Path  # the current site, whose unchanged files are linked, not rewritten

    def render(self, start: int, stop: int) -> int:
        for page in self.pages[start:stop]:
            html = render_page(self.env, self.chrome, page)
            put_file(self.staging, self.previous, page.output_file, html)
        return stop - start


_batch: _Batch | None = None  # set in each worker when it starts


def _start_worker(batch: _Batch) -> None:
    global _batch
    # Ctrl-C reaches the whole process group: only the parent reacts to it, by stopping
    # the workers and removing the staging folder; a worker must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _batch = batch


def _render_range(bounds: tuple[int, int]) -> int:
    assert _batch is not None, "worker started without its batch"
    return _batch.render(*bounds)


def render_pages(
    env: jinja2.Environment,
    chrome: Chrome,
    pages: Sequence[Page],
    staging: Path,
    previous: Path,
    jobs: int,
) -> list[str]:
    """Render `pages` into `staging` with `jobs` processes; returns their output files.

    Output files are listed in plan order, whichever process wrote them.

    Templates must already be compiled (`compile_templates`). The first error raised while
    rendering (a template error, a full disk) stops the others and is raised here.
    """
    batch = _Batch(env, chrome, pages, staging, previous)
    if jobs <= 1 or len(pages) <= PAGES_PER_TASK:
        batch.render(0, len(pages))
        return [page.output_file for page in pages]

    ranges = deque(
        (start, min(start + PAGES_PER_TASK, len(pages)))
        for start in range(0, len(pages), PAGES_PER_TASK)
    )
    # Objects that exist now are never collected in the workers: without this, the first
    # garbage collection in each worker would touch (and so copy) every inherited object.
    gc.freeze()
    executor = ProcessPoolExecutor(
        max_workers=jobs - 1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(batch,),
    )
    running: set[Future[int]] = set()
    try:
        # The first task forks the workers. Forking runs Python's at-fork hooks, where an
        # interrupt is printed and lost instead of raised (the build would then go live):
        # SIGINT/SIGTERM are held meanwhile, and acted on once the workers are started.
        with signals_deferred():
            running.add(executor.submit(_render_range, ranges.popleft()))
        # The parent renders too: workers take tasks from the front, the parent from the
        # back, each worker keeping one task queued so that it never waits for the next.
        while ranges or running:
            while ranges and len(running) < 2 * (jobs - 1):
                running.add(executor.submit(_render_range, ranges.popleft()))
            if ranges:
                batch.render(*ranges.pop())
            else:
                wait(running, return_when=FIRST_COMPLETED)
            for task in [task for task in running if task.done()]:
                task.result()
                running.remove(task)
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    executor.shutdown(wait=True)
    return [page.output_file for page in pages]
