"""Save-to-rebuilt time of one edited news post, on sites of 1,000 and 10,000 posts.

    python bench/incremental.py --posts 1000 10000 --edits 7

For each size: writes a corpus (the fixture agency of tests/fixtures/editing plus N
generated Thai news posts) under bench/corpus/, builds it once, then edits one post N
times. Three figures per edit:

- rebuild: from the file being saved to output/'s pages rewritten, calling the
  incremental builder directly with the changed file (what `serve` does after it
  notices, before it reloads the browser);
- search: then making the Pagefind search index again (`serve` does it in the
  background after the reload; `build` as part of every build);
- serve: the pages through a running `python build.py serve` process, from the save to
  the post's page changing on disk (adds the time the watcher takes to hear of the save).

Prints the median and range of each. The corpus is its own (not bench/corpus.py's): the
editing fixture's O items, records and measures around the generated posts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from site_builder.incremental import IncrementalBuilder  # noqa: E402
from site_builder.thai import be_year  # noqa: E402

FIXTURE = ROOT / "tests/fixtures/editing/content"
WORDS = (
    "ประชาชน", "หมู่บ้าน", "เทศบาล", "โครงการ", "ประชุม", "งบประมาณ", "ถนน", "ซ่อมแซม",
    "ผู้สูงอายุ", "เด็ก", "โรงเรียน", "สุขภาพ", "น้ำประปา", "ไฟฟ้า", "ขยะ", "คลอง",
    "เกษตรกร", "ตลาด", "อาสาสมัคร", "กิจกรรม", "รณรงค์", "ป้องกัน", "บริการ", "ชุมชน",
)  # fmt: skip


def write_corpus(folder: Path, posts: int, seed: int = 7) -> Path:
    """The fixture agency plus `posts` news posts of 400–800 words; same arguments, same bytes."""
    content = folder / "content"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(FIXTURE, content)
    for old in (content / "news").glob("*.md"):
        old.unlink()
    rng = random.Random(seed)
    first = dt.date(2016, 10, 1)
    for index in range(posts):
        date = first + dt.timedelta(days=index * 2190 // max(posts, 1))
        words = [rng.choice(WORDS) for _ in range(rng.randint(400, 800))]
        paragraphs = ["".join(words[i : i + 40]) for i in range(0, len(words), 40)]
        stamp = f"{be_year(date.year)}-{date.month:02d}-{date.day:02d}"
        (content / f"news/{stamp}-{index:05d}.md").write_text(
            f"---\ntitle: ข่าวประชาสัมพันธ์ฉบับที่ {index + 1}\ndate: {date.isoformat()}\n"
            f"summary: {''.join(words[:12])}\n---\n" + "\n\n".join(paragraphs) + "\n",
            encoding="utf-8",
        )
    return content


def edit_post(post: Path, round_: int) -> None:
    text = post.read_text(encoding="utf-8")
    post.write_text(text + f"\nแก้ไขครั้งที่ {round_ + 1}\n", encoding="utf-8")


def measure_rebuild(
    content: Path, templates: Path, output: Path, edits: int
) -> tuple[float, float, list[float], list[float]]:
    """First build (pages, search index), then per edit: pages rebuilt, index remade."""
    builder = IncrementalBuilder(content, templates, output)
    started = time.perf_counter()
    assert builder.rebuild(search=False).ok
    cold = time.perf_counter() - started
    started = time.perf_counter()
    builder.update_search()
    cold_search = time.perf_counter() - started
    post = sorted((content / "news").glob("*.md"))[len(list((content / "news").glob("*.md"))) // 2]
    times, search = [], []
    for round_ in range(edits):
        saved = time.perf_counter()
        edit_post(post, round_)
        report = builder.rebuild([post], search=False)
        times.append(time.perf_counter() - saved)
        assert report.ok and f"news/{post.stem}/index.html" in report.written
        started = time.perf_counter()
        assert builder.update_search().searched
        search.append(time.perf_counter() - started)
    return cold, cold_search, times, search


def measure_serve(content: Path, templates: Path, output: Path, edits: int) -> list[float]:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--lang", "en",
         "--content", str(content), "--templates", str(templates), "--output", str(output)],
        cwd=output.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "preview ready" in line:
                break
        post = sorted((content / "news").glob("*.md"))[3]
        page = output / f"news/{post.stem}/index.html"
        times = []
        for round_ in range(edits):
            before = page.read_bytes()
            time.sleep(0.5)  # let the watcher settle between edits
            saved = time.perf_counter()
            edit_post(post, round_)
            while page.read_bytes() == before:
                time.sleep(0.002)
            times.append(time.perf_counter() - saved)
        return times
    finally:
        process.terminate()
        process.wait(timeout=30)


def _summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):.0f} ms (min {ms[0]:.0f}, max {ms[-1]:.0f}, n={len(ms)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=7)
    options = parser.parse_args(argv)
    for posts in options.posts:
        folder = ROOT / f"bench/corpus/incremental-{posts}"
        content = write_corpus(folder, posts)
        cold, cold_search, rebuild, search = measure_rebuild(
            content, ROOT / "templates", folder / "output", options.edits
        )
        serve = measure_serve(content, ROOT / "templates", folder / "output-serve", options.edits)
        print(f"{posts} posts: first build {cold:.1f} s, its search index {cold_search:.1f} s")
        print(f"  one edit, rebuild: {_summary(rebuild)}")
        print(f"  one edit, search index made again: {_summary(search)}")
        print(f"  one edit, serve (save → page on disk): {_summary(serve)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
