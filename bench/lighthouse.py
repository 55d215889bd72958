"""Lighthouse scores of the built site at mobile settings: home page and an O-item page.

    python build.py && python bench/lighthouse.py [--site output] [PAGE ...]

Installs lighthouse@12.2.3 with npm into bench/.envs/lighthouse/ the first time, serves
the site on 127.0.0.1 (tests/support/http.py, the same server the browser tests use) and
runs Lighthouse with CHROME_PATH=/usr/bin/chromium on each PAGE (site paths; default:
the home page and oit/o42/). Prints the four category scores per page; full JSON reports
go to bench/.envs/lighthouse/reports/. Lighthouse's defaults are its mobile settings:
a phone-sized screen and simulated slow 4G with a 4x slower CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import CHROMIUM  # noqa: E402
from tests.support.http import serve_directory  # noqa: E402

VERSION = "12.2.3"
PREFIX = ROOT / "bench" / ".envs" / "lighthouse"
LIGHTHOUSE = PREFIX / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_PAGES = ("", "oit/o42/")
# Headless in a container as root; no background traffic (the machine has no network).
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def installed_version() -> str | None:
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if not package.is_file():
        return None
    return json.loads(package.read_text("utf-8"))["version"]


def ensure_lighthouse() -> None:
    if installed_version() == VERSION:
        return
    PREFIX.mkdir(parents=True, exist_ok=True)
    print(f"installing lighthouse@{VERSION} into {PREFIX.relative_to(ROOT)} …", file=sys.stderr)
    subprocess.run(
        ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund",
         "--loglevel=error", f"lighthouse@{VERSION}"],
        check=True,
    )  # fmt: skip


def run(url: str, report: Path) -> dict[str, int]:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
        check=True,
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
    )  # fmt: skip
    result = json.loads(report.read_text("utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=list(DEFAULT_PAGES), metavar="PAGE")
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="built site folder")
    options = parser.parse_args()
    if not (options.site / "index.html").is_file():
        parser.error(f"{options.site} holds no built site: run python build.py first")
    ensure_lighthouse()
    reports = PREFIX / "reports"
    reports.mkdir(exist_ok=True)
    print(f"lighthouse {VERSION}, mobile; {' / '.join(CATEGORIES)}")
    with serve_directory(options.site) as origin:
        for path in options.pages:
            name = path.strip("/").replace("/", "-") or "home"
            scores = run(origin + path, reports / f"{name}.json")
            print(f"/{path:<12} " + "  ".join(f"{c} {scores[c]:>3}" for c in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
