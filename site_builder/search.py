"""Post-render step — search: index the staged site with Pagefind before it goes live.

Pagefind reads the built HTML (only the parts marked `data-pagefind-body`) and writes a
static search bundle into `pagefind/`; the search page loads it in the browser, so the
site stays plain files with no server. The *extended* Pagefind binary is required: it
splits Thai text into words (Thai has no spaces between words), so a word from the
middle of a sentence can be found; the standard binary indexes whole Thai phrases.

Pagefind holds everything it indexes in memory until it writes (~270 KB a page: 2.5 GB
for 10,000 news posts), so a large site is indexed in *shards*, one Pagefind process
after another, and the search page merges them in the browser (Pagefind's `mergeIndex`):

- up to `SHARD_PAGES` news posts, the whole site is one bundle in `pagefind/`, made by
  one Pagefind run over the site, as before sharding;
- above that, `pagefind/` holds the pages that are not news posts (O1–O43, ITA,
  measures, …) and the news posts are spread over K = ⌈posts / SHARD_PAGES⌉ sub-bundles
  `pagefind/shard-00/` … by a jump consistent hash of each post's address (`shard_of`);
- `pagefind/shards.json` lists the sub-bundles (none for one bundle) for the search page.

The rule is stable: a post's shard depends only on its address and K, so editing or
adding a post moves no other post — except when the count crosses a multiple of
`SHARD_PAGES` and K grows by one, and then only posts that move *into the new shard*
(about 1/K of them). Each shard then holds at most about SHARD_PAGES posts, which bounds
Pagefind's memory whatever the site's size (docs/performance.md has the figures).

Pagefind's output depends only on the HTML it reads and the pages' relative paths
(checked: two builds of the same content give byte-identical bundles), and the shards
depend only on the pages' addresses, so the build stays deterministic.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = "pagefind"
MANIFEST = "shards.json"  # in the main bundle: the sub-bundles the search page merges
# News posts a shard holds, at most on average. Measured (docs/performance.md): Pagefind
# needs ~15 MB + 0.27 MB a page, so a shard of 500 peaks at ~150 MB; smaller shards mean
# more files for the browser to fetch on each search.
SHARD_PAGES = 500
_NEWS = "news"  # a news post is news/<name>/index.html (docs/urls.md)
# What the browser fetches from a merged bundle; the rest (Pagefind's scripts, styles
# and WebAssembly) comes from the main bundle, so the sub-bundles' copies are removed.
_MERGED_FILES = ("pagefind-entry.json", "*.pf_meta")


class SearchIndexError(OSError):
    """Pagefind could not index the site; the staged build is discarded."""


@dataclass(frozen=True)
class Shard:
    """One Pagefind bundle: `folder` under the main bundle ("" is the main bundle itself)
    and the site-relative paths of the HTML pages it indexes."""

    folder: str
    pages: tuple[str, ...]


def shard_count(posts: int, per_shard: int) -> int:
    """K: how many shards `posts` news posts are spread over (1: the single bundle)."""
    return max(1, -(-posts // per_shard))


def shard_of(address: str, shards: int) -> int:
    """The shard (0 … shards − 1) of the page at `address`, by jump consistent hashing
    (Lamping & Veach, 2014): when `shards` grows by one, a page either stays or moves
    to the new shard, never between old ones."""
    key = int.from_bytes(hashlib.blake2b(address.encode(), digest_size=8).digest(), "big")
    bucket, jump = -1, 0
    while jump < shards:
        bucket = jump
        key = (key * 2862933555777941757 + 1) % 2**64
        jump = ((bucket + 1) << 31) // ((key >> 33) + 1)
    return bucket


def _post_address(page: str) -> str | None:
    """`news/<name>/` for a news post's page `news/<name>/index.html`, else None."""
    parts = page.split("/")
    if len(parts) == 3 and parts[0] == _NEWS and parts[2] == "index.html":
        return f"{parts[0]}/{parts[1]}/"
    return None


def plan_shards(pages: Iterable[str], per_shard: int | None = None) -> list[Shard]:
    """The bundles for a site's HTML `pages` (site-relative paths): the main bundle
    first, then the non-empty news shards in order (see the module's docstring)."""
    per_shard = per_shard or SHARD_PAGES
    pages = sorted(pages)
    posts = [(page, address) for page in pages if (address := _post_address(page))]
    shards = shard_count(len(posts), per_shard)
    if shards == 1:
        return [Shard("", tuple(pages))]
    buckets: dict[int, list[str]] = {}
    for page, address in posts:
        buckets.setdefault(shard_of(address, shards), []).append(page)
    in_shards = {page for page, _ in posts}
    main = Shard("", tuple(page for page in pages if page not in in_shards))
    return [main, *(Shard(f"shard-{n:02d}", tuple(buckets[n])) for n in sorted(buckets))]


def site_pages(site: Path) -> list[str]:
    """The HTML pages Pagefind reads in `site`, as sorted site-relative paths (the search
    bundle of an earlier build, if present, holds no pages)."""
    pages = []
    for folder, subfolders, files in os.walk(site):
        if Path(folder) == site and BUNDLE_DIR in subfolders:
            subfolders.remove(BUNDLE_DIR)
        relative = Path(folder).relative_to(site)
        pages += [(relative / name).as_posix() for name in files if name.endswith(".html")]
    return sorted(pages)


def _pagefind_executable() -> Path:
    try:
        import pagefind_bin_extended
    except ImportError as missing:  # a broken install, not a content problem
        raise SearchIndexError(
            "pagefind[extended] is not installed: pip install 'pagefind[extended]'"
        ) from missing
    return pagefind_bin_extended.get_executable()


def pagefind_command(site: Path, bundle: Path) -> list[str]:
    """Pagefind over the HTML pages in `site`, writing its bundle into the folder `bundle`."""
    return [
        str(_pagefind_executable()),
        *("--site", str(site), "--output-path", str(bundle), "--silent"),
    ]


@contextlib.contextmanager
def _shard_site(site: Path, shards: list[Shard], shard: Shard, out: Path) -> Iterator[Path]:
    """The folder Pagefind indexes for `shard`: the site itself when it is the only one,
    else a temporary folder under `out` with a link to each of the shard's pages at its
    path in the site (so Pagefind gives each page its address in the site)."""
    if len(shards) == 1:
        yield site
        return
    out.mkdir(parents=True, exist_ok=True)
    pages = Path(tempfile.mkdtemp(prefix=".pages-", dir=out))
    root = site.resolve()
    try:
        for page in shard.pages:
            link = pages / page
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(root / page)
        yield pages
    finally:
        shutil.rmtree(pages, ignore_errors=True)


def _finish_shard(out: Path, shard: Shard) -> None:
    """Remove from a sub-bundle what the browser takes from the main bundle."""
    if not shard.folder:
        return
    bundle = out / shard.folder
    kept = {path for pattern in _MERGED_FILES for path in bundle.glob(pattern)}
    for path in bundle.iterdir():
        if path.is_file() and path not in kept:
            path.unlink()


def _write_manifest(out: Path, shards: list[Shard]) -> None:
    sub_bundles = [shard.folder for shard in shards if shard.folder]
    text = json.dumps({"shards": sub_bundles}, ensure_ascii=False, indent=1) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")


def _failure(returncode: int, stderr: str) -> SearchIndexError:
    return SearchIndexError(f"pagefind failed (exit {returncode}): {stderr.strip()[-2000:]}")


def index_site(site: Path, bundle: Path | None = None) -> None:
    """Write the search bundle for the built site in `site` into `site/pagefind/`, or
    into the folder `bundle` (the incremental builder then copies what changed); nothing
    is written outside it. Shards are indexed one after another, so that only one
    Pagefind process holds its pages in memory at a time."""
    out = bundle or site / BUNDLE_DIR
    shards = plan_shards(site_pages(site))
    for shard in shards:
        with _shard_site(site, shards, shard, out) as pages:
            command = pagefind_command(pages, out / shard.folder)
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise _failure(result.returncode, result.stderr)
        _finish_shard(out, shard)
    _write_manifest(out, shards)


def _below_the_server() -> None:
    os.nice(10)


async def index_site_async(site: Path, bundle: Path) -> None:
    """`index_site` without blocking the event loop (the dev server's); cancelled, it
    stops Pagefind. Pagefind runs at a lower priority, so that pages saved meanwhile are
    rebuilt and reloaded without waiting for a core."""
    shards = plan_shards(site_pages(site))
    for shard in shards:
        with _shard_site(site, shards, shard, bundle) as pages:
            process = await asyncio.create_subprocess_exec(
                *pagefind_command(pages, bundle / shard.folder),
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
        _finish_shard(bundle, shard)
    _write_manifest(bundle, shards)
