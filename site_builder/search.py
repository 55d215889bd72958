"""Post-render step — search: index the staged site with Pagefind before it goes live.

Pagefind reads the built HTML (only the parts marked `data-pagefind-body`) and writes a
static search bundle into `pagefind/`; the search page loads it in the browser, so the
site stays plain files with no server. The *extended* Pagefind binary is required: it
splits Thai text into words (Thai has no spaces between words), so a word from the
middle of a sentence can be found; the standard binary indexes whole Thai phrases.

Pagefind's output depends only on the HTML it reads (checked: two builds of the same
content give byte-identical bundles), so the build stays deterministic.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

BUNDLE_DIR = "pagefind"


class SearchIndexError(OSError):
    """Pagefind could not index the site; the staged build is discarded."""


def _pagefind_executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError as missing:  # a broken install, not a content problem
        raise SearchIndexError(
            "pagefind[extended] is not installed: pip install 'pagefind[extended]'"
        ) from missing
    return pagefind_bin_extended.get_executable()


def pagefind_command(site: Path, bundle: Path | None = None) -> list[str]:
    """Pagefind over the built site in `site`, writing its bundle into `site/pagefind/`,
    or into the folder `bundle` (the incremental builder then copies what changed)."""
    output = ["--output-path", str(bundle)] if bundle else ["--output-subdir", BUNDLE_DIR]
    return [str(_pagefind_executable()), "--site", str(site), *output, "--silent"]


def _failure(returncode: int, stderr: str) -> SearchIndexError:
    return SearchIndexError(f"pagefind failed (exit {returncode}): {stderr.strip()[-2000:]}")


def index_site(site: Path, bundle: Path | None = None) -> None:
    """Write the Pagefind bundle for the built site in `site` (see `pagefind_command`)."""
    result = subprocess.run(
        pagefind_command(site, bundle), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise _failure(result.returncode, result.stderr)


def _below_the_server() -> None:
    os.nice(10)


async def index_site_async(site: Path, bundle: Path) -> None:
    """`index_site` without blocking the event loop (the dev server's); cancelled, it
    stops Pagefind. Pagefind runs at a lower priority, so that pages saved meanwhile are
    rebuilt and reloaded without waiting for a core."""
    process = await asyncio.create_subprocess_exec(
        *pagefind_command(site, bundle),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=_below_the_server if hasattr(os, "nice") else None,
    )
    try:
        _out, stderr = await process.communicate()
    except asyncio.CancelledError:
        process.kill()
        raise
    if process.returncode != 0:
        raise _failure(process.returncode or 0, stderr.decode("utf-8", errors="replace"))
