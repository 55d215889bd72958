"""Full-page screenshots of a built site in headless Chromium, at phone and desktop widths.

    python scripts/screenshots.py [--site output] [--prefix /] [--out docs/screenshots] [PAGE ...]

PAGE is a site path such as "" (home) or "oit/o30/"; the defaults are the home page
and an O-item page. Each page is shot at 390 px and 1280 px wide, to
<out>/<name>-<width>.png. Build the site first (python build.py); --prefix is the path the
site's base_url has (e.g. /lad-ya/), so its links and assets resolve.
"""

from __future__ import annotations

import argparse
import base64
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import chromium_driver  # noqa: E402
from tests.support.http import serve_directory  # noqa: E402

WIDTHS = (390, 1280)
DEFAULT_PAGES = ("", "oit/o42/")


def shot_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def screenshot(driver, url: str, width: int) -> bytes:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(url)
    driver.execute_script("return document.fonts.ready.then(() => true)")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    return base64.b64decode(shot["data"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=list(DEFAULT_PAGES), metavar="PAGE")
    parser.add_argument("--site", type=Path, default=ROOT / "output")
    parser.add_argument("--prefix", default="/", help="sub-path of the site's base_url")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    driver = chromium_driver()
    try:
        with serve_directory(options.site, options.prefix) as origin:
            for path in options.pages:
                for width in WIDTHS:
                    target = options.out / f"{shot_name(path)}-{width}.png"
                    target.write_bytes(
                        screenshot(driver, origin + options.prefix.lstrip("/") + path, width)
                    )
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
