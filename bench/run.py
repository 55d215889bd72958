"""Cold-build benchmark of this project's CLI on generated corpora.

    python bench/run.py                          # N = 1,000 and 10,000, 3 runs each
    python bench/run.py --posts 1000 10000 50000 --runs 5

For each N the corpus (bench/corpus.py, fixed seed) is generated once under
bench/corpus/<N>/; every run then builds it into an output folder that was removed
first (a cold build), as a child process, timed from start to exit. The table shows
medians over the runs: wall time, pages per second, peak memory (see bench/measure.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import measure

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "bench" / "corpus"


def ensure_corpus(posts: int, seed: int) -> Path:
    """The corpus for (posts, seed), generated unless an identical one is already there."""
    folder = CORPORA / f"{posts}-{seed}"
    marker = folder / corpus.MARKER
    if not marker.is_file() or marker.read_text(encoding="utf-8") != corpus.marker_text(
        posts, seed
    ):
        print(f"generating {posts} posts into {folder.relative_to(ROOT)} …", flush=True)
        corpus.generate(folder, posts, seed)
    return folder


def build_command(content: Path, output: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "build.py"),
        "build",
        "--content",
        str(content),
        "--templates",
        str(ROOT / "templates"),
        "--output",
        str(output),
        "--quiet",
        *extra,
    ]


def cold_build(content: Path, output: Path, extra: list[str]) -> measure.Measurement:
    shutil.rmtree(output, ignore_errors=True)
    return measured(build_command(content, output, extra))


def measured(command: list[str]) -> measure.Measurement:
    """One run of `command` from the project's folder (raises if it fails)."""
    return measure.run(command, cwd=ROOT, env=environment())


def environment() -> dict[str, str]:
    """The environment every benchmarked build of this project runs in."""
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = "1650000000"  # same bytes every run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cold-build benchmark of build.py.")
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="cold builds per size (default 3)")
    parser.add_argument("--seed", type=int, default=2565)
    parser.add_argument(
        "build_args", nargs="*", help="extra options for build.py, after --", default=[]
    )
    options = parser.parse_args(argv)

    rows = []
    print(f"load average before: {measure.load_average()}  (cores: {os.cpu_count()})")
    for posts in options.posts:
        content = ensure_corpus(posts, options.seed)
        output = CORPORA / f"out-{posts}"
        runs = []
        for index in range(options.runs):
            result = cold_build(content, output, options.build_args)
            runs.append(result)
            print(
                f"  N={posts:>6} run {index + 1}: {result.seconds:7.2f} s wall, "
                f"{result.cpu_seconds:7.2f} s CPU, peak {result.peak_mb:4.0f} MB "
                f"(largest process {result.peak_rss_mb:.0f} MB, tree PSS {result.peak_tree_mb:.0f} MB)",
                flush=True,
            )
        pages = measure.count_pages(output)
        seconds = measure.median([r.seconds for r in runs])
        cpu = measure.median([r.cpu_seconds for r in runs])
        peak = measure.median([r.peak_mb for r in runs])
        rows.append((posts, pages, seconds, cpu, peak, runs[0].command))
        shutil.rmtree(output, ignore_errors=True)
    print(f"load average after: {measure.load_average()}")
    print(f"\nmedians of {options.runs} cold builds:\n")
    print("| posts | pages | wall (s) | pages/s | CPU (s) | peak memory (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for posts, pages, seconds, cpu, peak, _command in rows:
        print(
            f"| {posts:,} | {pages:,} | {seconds:.2f} | {pages / seconds:,.0f} | {cpu:.2f} | {peak:.0f} |"
        )
    print()
    for posts, *_rest, command in rows:
        shown = command.replace(sys.executable, "python").replace(str(ROOT) + "/", "")
        print(f"N={posts}: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
