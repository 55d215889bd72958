"""Issue 9's targets, every one measured in one run of one command:

    python bench/targets.py                     # 10,000 posts, growth 1,000 → 50,000
    python bench/targets.py --posts 1000 --growth 500 1000 --runs 1 --edits 2   # a quick try

1. Cold builds (no output, no cache) of the same corpus by this project — the complete
   site, and the same site without its search index — and by Hugo, Pelican and MkDocs
   (bench/compare.py prepares their input and environments), in alternating rounds.
2. Warm builds: `build` again with nothing changed, the cache of the previous build present.
3. One edit: a news post's text changed, then (a) `build` with the cache and (b) a
   running `serve`, from the save to the post's page rewritten on disk.
4. Growth: cold builds of this project at each size of `--growth`.

It ends with a table of every target, the measured value, and whether it is met or by how
much it is missed. Medians throughout; wall time, CPU time and peak memory (the whole
process tree: bench/measure.py). The machine's load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare
import incremental
import measure
import run

ROOT = Path(__file__).resolve().parents[1]
CORPORA = run.CORPORA
OURS, OURS_PAGES = "oit-site", "oit-site --no-search"

MAX_TIME_VS_HUGO = 1.5
MIN_SPEEDUP_VS_PYTHON_TOOLS = 4.0
MAX_PEAK_MB = 250
MAX_MEMORY_VS_HUGO = 0.2
MAX_WARM_SECONDS = 2.0
MAX_EDIT_SECONDS = 0.150


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    measured: float
    limit: float
    unit: str  # how `measured` and `limit` read: "×", "s", "MB"
    at_least: bool = False  # the limit is a minimum (a speed-up), not a maximum

    def verdict(self) -> str:
        if (self.measured >= self.limit) if self.at_least else (self.measured <= self.limit):
            return "met"
        factor = self.limit / self.measured if self.at_least else self.measured / self.limit
        return f"missed by × {factor:.2f}"

    def row(self) -> list[str]:
        limit = f"{'≥' if self.at_least else '≤'} {self.limit:.3g} {self.unit}"
        return [self.name, f"{self.measured:.3g} {self.unit}", limit, self.verdict()]


def our_build(content: Path, output: Path, cache: Path, *extra: str) -> list[str]:
    return run.build_command(content, output, ["--cache", str(cache), *extra])


def middle(runs: list[measure.Measurement]) -> measure.Measurement:
    """The run with the median wall time (its CPU time and memory come with it)."""
    return sorted(runs, key=lambda m: m.seconds)[len(runs) // 2]


def cold(tool: str, content: Path, source: Path, work: Path) -> measure.Measurement:
    """A build with no output and no cache."""
    output, cache = work / f"out-{tool.replace(' ', '')}", work / f"cache-{tool.replace(' ', '')}"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    if tool == OURS:
        return run.measured(our_build(content, output, cache))
    if tool == OURS_PAGES:
        return run.measured(our_build(content, output, cache, "--no-search"))
    return compare.cold_build(tool, source, output)


def median_s(runs: list[measure.Measurement]) -> float:
    return measure.median([m.seconds for m in runs])


def table(rows: list[list[str]], header: list[str]) -> None:
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---" if i == 0 else "---:" for i in range(len(header))) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Issue 9's targets, measured.")
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--growth", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2565)
    options = parser.parse_args(argv)
    work = CORPORA / "targets"
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"load average before: {measure.load_average()}  (cores: {os.cpu_count()})")

    # 1. cold builds, alternating tools
    content = run.ensure_corpus(options.posts, options.seed)
    tools = [OURS, OURS_PAGES, *compare.PINS]
    sources = {t: compare.tool_input(t, content, options.posts, options.seed) for t in compare.PINS}
    results: dict[str, list[measure.Measurement]] = {tool: [] for tool in tools}
    pages: dict[str, int] = {}
    for round_ in range(1, options.runs + 1):
        for tool in tools:
            result = cold(tool, content, sources.get(tool, content), work)
            results[tool].append(result)
            pages[tool] = measure.count_pages(work / f"out-{tool.replace(' ', '')}")
            print(
                f"  cold round {round_} {tool:>21}: {result.seconds:6.2f} s, "
                f"CPU {result.cpu_seconds:6.2f} s, {result.peak_mb:5.0f} MB "
                f"(load {measure.load_average()})",
                flush=True,
            )

    def med(tool: str, field: str) -> float:
        return measure.median([getattr(r, field) for r in results[tool]])

    # 2. warm builds: the last cold build of each of ours left its output and cache
    warm: dict[str, list[measure.Measurement]] = {}
    for tool, extra in ((OURS, ()), (OURS_PAGES, ("--no-search",))):
        key = tool.replace(" ", "")
        command = our_build(content, work / f"out-{key}", work / f"cache-{key}", *extra)
        run.measured(command)  # the first may also write the cache's parse entries
        warm[tool] = [run.measured(command) for _ in range(options.runs)]
        print(f"  warm {tool}: {[f'{m.seconds:.2f}' for m in warm[tool]]} s", flush=True)

    # 3. one edit: `build` with the cache, and `serve`
    edited = work / "edited"
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(content, edited / "content")
    news = sorted((edited / "content/news").glob("*.md"))
    post = news[len(news) // 2]
    edit_builds: dict[str, list[measure.Measurement]] = {}
    for tool, extra in ((OURS_PAGES, ("--no-search",)), (OURS, ())):
        command = our_build(edited / "content", edited / "output", edited / "cache", *extra)
        run.measured(command)
        edit_builds[tool] = []
        for round_ in range(options.edits):
            incremental.edit_post(post, round_)
            edit_builds[tool].append(run.measured(command))
        print(f"  one edit, build {tool}: {[f'{m.seconds:.2f}' for m in edit_builds[tool]]} s")
    serve = incremental.measure_serve(
        edited / "content", ROOT / "templates", edited / "output-serve", options.edits
    )
    print(f"  one edit, serve: {[f'{s * 1000:.0f}' for s in serve]} ms", flush=True)

    # 4. growth
    growth: dict[tuple[str, int], measure.Measurement] = {}
    for posts in options.growth:
        corpus = run.ensure_corpus(posts, options.seed)
        repeats = options.runs if posts <= options.posts else 1  # the largest takes minutes
        for tool in (OURS_PAGES, OURS):
            folder = work / f"growth-{posts}"
            growth[tool, posts] = middle(
                [cold(tool, corpus, corpus, folder) for _ in range(repeats)]
            )
            m = growth[tool, posts]
            print(f"  growth {posts:>6} {tool}: {m.seconds:.2f} s, {m.peak_mb:.0f} MB", flush=True)
        shutil.rmtree(work / f"growth-{posts}", ignore_errors=True)
    print(
        f"load average after: {measure.load_average()}; {time.perf_counter() - started:.0f} s in all"
    )

    # report
    print(
        f"\n### Cold builds, {options.posts:,} posts (medians of {options.runs} alternating rounds)\n"
    )
    rows = []
    for tool in tools:
        ratio = med(tool, "seconds") / med(OURS, "seconds")
        rows.append(
            [
                tool,
                f"{pages[tool]:,}",
                f"{med(tool, 'seconds'):.2f}",
                f"{med(tool, 'cpu_seconds'):.2f}",
                f"{med(tool, 'peak_mb'):.0f}",
                f"{ratio:.2f}",
            ]
        )
    table(
        rows,
        ["tool", "HTML pages", "wall (s)", "CPU (s)", "peak memory (MB)", "time ÷ ours (complete)"],
    )

    print("\n### Warm build and one edit\n")
    rows = (
        [
            [
                f"warm build, nothing changed ({tool})",
                f"{median_s(warm[tool]):.2f} s",
                f"{measure.median([m.peak_mb for m in warm[tool]]):.0f} MB",
            ]
            for tool in warm
        ]
        + [
            [
                f"one edit, `build` ({tool})",
                f"{median_s(edit_builds[tool]):.2f} s",
                f"{measure.median([m.peak_mb for m in edit_builds[tool]]):.0f} MB",
            ]
            for tool in edit_builds
        ]
        + [
            [
                "one edit, `serve`: save → page rewritten",
                f"{measure.median(serve) * 1000:.0f} ms",
                "–",
            ]
        ]
    )
    table(rows, ["what", "median", "peak memory"])

    print("\n### Growth (cold builds of this project)\n")
    first = options.growth[0]
    rows = []
    for tool in (OURS_PAGES, OURS):
        for posts in options.growth:
            m, base = growth[tool, posts], growth[tool, first]
            rows.append(
                [
                    tool,
                    f"{posts:,}",
                    f"{m.seconds:.2f}",
                    f"{m.seconds / base.seconds * first / posts:.2f}",
                    f"{m.cpu_seconds * 1000 / posts:.2f}",
                    f"{m.peak_mb:.0f}",
                    f"{(m.peak_mb - base.peak_mb) * 1024 / max(posts - first, 1):.1f}"
                    if posts != first
                    else "–",
                ]
            )
    table(
        rows,
        [
            "build",
            "posts",
            "wall (s)",
            "time per post ÷ first size's",
            "CPU ms per post",
            "peak memory (MB)",
            "KB per added post",
        ],
    )

    hugo = med("hugo", "seconds")
    targets = []
    for tool in (OURS, OURS_PAGES):
        targets += [
            Target(
                f"cold build ≤ {MAX_TIME_VS_HUGO:g} × Hugo's time ({tool}; ours ÷ Hugo's)",
                med(tool, "seconds") / hugo,
                MAX_TIME_VS_HUGO,
                "×",
            ),
            *(
                Target(
                    f"cold build ≥ {MIN_SPEEDUP_VS_PYTHON_TOOLS:g} × faster than {other} ({tool}; its ÷ ours)",
                    med(other, "seconds") / med(tool, "seconds"),
                    MIN_SPEEDUP_VS_PYTHON_TOOLS,
                    "×",
                    at_least=True,
                )
                for other in ("mkdocs", "pelican")
            ),
            Target(
                f"peak memory ≤ {MAX_PEAK_MB} MB ({tool})", med(tool, "peak_mb"), MAX_PEAK_MB, "MB"
            ),
            Target(
                f"peak memory ≤ 1/5 of Hugo's ({tool}; ours ÷ Hugo's)",
                med(tool, "peak_mb") / med("hugo", "peak_mb"),
                MAX_MEMORY_VS_HUGO,
                "×",
            ),
            Target(
                f"warm build < {MAX_WARM_SECONDS:g} s ({tool})",
                median_s(warm[tool]),
                MAX_WARM_SECONDS,
                "s",
            ),
        ]
    targets.append(
        Target(
            f"one edit < {MAX_EDIT_SECONDS * 1000:.0f} ms (serve, save → page)",
            measure.median(serve),
            MAX_EDIT_SECONDS,
            "s",
        )
    )
    print(f"\n### Issue 9's targets at {options.posts:,} posts (why: docs/performance.md)\n")
    table([target.row() for target in targets], ["target", "measured", "limit", "verdict"])
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
