"""`build` with a persistent cache: unchanged pages are neither parsed, rendered nor written.

The cache (`.build-cache/build-state.json` unless `--cache` says otherwise) records, for
every file of output/, the fingerprint of what it was made from and the digest of its
bytes (incremental.py), the digest of every content file with its size and modification
time, and the parsed front matter of every news post (load/stored.py). With it:

- nothing changed: every content file's size and modification time match, every page's
  fingerprint matches, and nothing is parsed, rendered or written;
- a few pages changed: only they are rendered, all links are checked again, and the
  files are written with interrupts held (Ctrl-C leaves the old site or the new one);
- many pages changed (a template of every page, a new settings file), or no usable cache:
  the clean build renders everything over every core into a staging folder swapped in
  whole, and the cache is written from it for next time.

Either way output/ is byte-identical to a clean build (tests/editing/test_build_cache.py).
The cache is a plain JSON file: deleting it only makes the next build cold, and one that
is damaged or does not match the folders, the generator's code or the readiness date is
ignored. CI can keep `.build-cache/` between runs together with output/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.incremental import IncrementalBuilder
from site_builder.pipeline import BuildReport, build
from site_builder.problems import ContentErrors
from site_builder.readiness import default_as_of

STATE_FILE = "build-state.json"
# Above this many pages to render, the clean parallel build is faster than rendering them
# one by one in this process (and holds no rendered pages in memory).
MAX_INCREMENTAL_PAGES = 500


def cached_build(
    content: Path,
    templates: Path,
    output: Path,
    cache: Path,
    as_of: dt.date | None = None,
    *,
    jobs: int | None = None,
    search: bool = True,
) -> BuildReport:
    """Build the site into `output`, using and updating the cache in folder `cache`;
    raises ContentErrors (output untouched) on any error, as `pipeline.build` does."""
    builder = IncrementalBuilder(
        content,
        templates,
        output,
        cache / STATE_FILE,
        as_of or default_as_of(),
        check_links=True,
        max_rendered=MAX_INCREMENTAL_PAGES,
    )
    if builder.outputs:  # a cache that matches these folders and this generator
        report = builder.rebuild(search=search)
        if report.ok and not search:
            builder.remove_search(report)
        if report.ok:
            return BuildReport(
                pages=sum(relative.endswith(".html") for relative in builder.wanted),
                documents=len(report.site.attachments) if report.site else 0,
                files=len(builder.outputs),
                seconds=report.seconds,
                problems=report.problems,
                written=report.written,
                site=report.site,
            )
        if not report.too_many:
            raise ContentErrors(report.problems)
    built = build(
        content, templates, output, builder.as_of, jobs=jobs, reader=builder.reader, search=search
    )
    assert built.site is not None
    builder.adopt(built.site, built.digests)
    return built
