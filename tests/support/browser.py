"""Headless Chromium (Debian's chromium + chromium-driver) and axe-core helpers."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from functools import cache
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TESTS_DIR = Path(__file__).resolve().parent.parent
AXE_JS = TESTS_DIR / "node_modules" / "axe-core" / "axe.min.js"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",  # running as root in CI/containers
    "--disable-gpu",
    "--disable-dev-shm-usage",  # small /dev/shm in containers crashes tabs
    "--disable-quic",
    "--no-first-run",
    # No traffic of its own: the machine has no network and tests must not
    # depend on (or wait for) Google services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_driver(width: int = 1280, height: int = 900) -> webdriver.Chrome:
    """Start headless Chromium with a throw-away profile.

    Both binary paths are given explicitly so Selenium Manager never tries to
    download a browser or driver (there is no network to do it with).
    """
    for binary, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not binary.exists():
            raise RuntimeError(
                f"{binary} not found: install the Debian package {package!r} "
                "(bash tests/run-all.sh does this)"
            )

    profile = tempfile.mkdtemp(prefix="oit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")

    try:
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    # Remove the profile once the driver object goes away (or at interpreter exit).
    weakref.finalize(driver, shutil.rmtree, profile, ignore_errors=True)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)  # axe on a large page can take a few seconds
    return driver


@cache
def _axe_source() -> str:
    if not AXE_JS.is_file():
        raise RuntimeError(f"{AXE_JS} not found: run `npm ci --prefix tests` (or tests/run-all.sh)")
    return AXE_JS.read_text(encoding="utf-8")


# Only the fields needed for a useful failure message travel back over
# WebDriver; full axe results carry large related-node graphs.
_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}}).then(
  (results) => done({violations: results.violations.map((v) => ({
    id: v.id, impact: v.impact, description: v.description, help: v.help,
    helpUrl: v.helpUrl, tags: v.tags,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html,
                                failureSummary: n.failureSummary})),
  }))}),
  (error) => done({error: String(error && error.stack || error)}),
);
"""


def run_axe(driver: webdriver.Chrome) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; return its violations."""
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(_RUN_AXE, AXE_TAGS)
    if not isinstance(result, dict) or "error" in result:
        raise RuntimeError(f"axe.run failed on {driver.current_url}: {result!r}")
    return list(result["violations"])


def format_violations(violations: list[dict[str, Any]], max_nodes: int = 3) -> str:
    """Readable summary of axe violations for assertion messages."""
    if not violations:
        return "no axe violations"
    lines = [f"{len(violations)} axe violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} [{v.get('impact') or 'n/a'}]: {v.get('help', '')}")
        nodes = v.get("nodes", [])
        for node in nodes[:max_nodes]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:160]}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more node(s)")
    return "\n".join(lines)
