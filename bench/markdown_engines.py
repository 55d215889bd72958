"""CPU time per news post of Markdown libraries, on the bodies of a generated corpus.

    python bench/markdown_engines.py [--posts 1000]

Python-Markdown is most of this project's build time (docs/performance.md); this shows
what other engines would cost on the same Thai posts. They run in bench/.envs/
markdown-engines (pinned; git-ignored), not in the project's environment. The engines
differ in dialect (Python-Markdown's own rules vs CommonMark/GFM), so switching would
change how some content renders: this measures speed only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare
import run

PINS = ["markdown==3.11.3", "markdown-it-py==4.3.0", "mistune==3.4.0", "cmarkgfm==2025.10.22"]

# Runs inside the engines' environment: argv[1] is the corpus folder.
TIMER = """
import sys, time
from pathlib import Path
import cmarkgfm, markdown, markdown_it, mistune

bodies = [
    path.read_text(encoding="utf-8").split("---\\n", 2)[2]
    for path in sorted(Path(sys.argv[1], "news").glob("*.md"))
]
python_markdown = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
engines = {
    "Python-Markdown 3.11 (tables, sane_lists; this project)":
        lambda text: python_markdown.reset().convert(text),
    "markdown-it-py 4.3 (CommonMark + tables)":
        markdown_it.MarkdownIt("commonmark").enable("table").render,
    "mistune 3.4 (tables)": mistune.create_markdown(plugins=["table"]),
    "cmarkgfm 2025.10 (GFM, C)": cmarkgfm.github_flavored_markdown_to_html,
}
for name, convert in engines.items():
    started = time.process_time()
    for text in bodies:
        convert(text)
    per_post = (time.process_time() - started) / len(bodies) * 1000
    print(f"| {name} | {per_post:.3f} | {per_post * 10:.1f} |")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Markdown engines on the corpus's posts.")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2565)
    options = parser.parse_args(argv)
    content = run.ensure_corpus(options.posts, options.seed)
    env = compare.ensure_env("markdown-engines", PINS)
    print(f"\nCPU time per post over {options.posts:,} posts:\n")
    print("| engine | ms per post | s per 10,000 posts |")
    print("| --- | ---: | ---: |")
    sys.stdout.flush()
    subprocess.run([str(env / "bin" / "python"), "-c", TIMER, str(content)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
