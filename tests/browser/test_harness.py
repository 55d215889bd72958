"""Self-tests of the test harness: the real tools run on tiny hand-written pages.

If these fail, the site tests built on the harness cannot be trusted either way.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.support.browser import format_violations, run_axe
from tests.support.http import serve_directory
from tests.support.vnu import format_errors, validate_html

CLEAN_PAGE = """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>หน้าทดสอบ</title>
</head>
<body>
<header><a href="#main">ข้ามไปยังเนื้อหา</a></header>
<nav aria-label="เมนูหลัก"><ul><li><a href="index.html">หน้าแรก</a></li></ul></nav>
<main id="main">
<h1>{heading}</h1>
<p>เนื้อหาทดสอบ</p>
</main>
<footer><p>ท้ายหน้า</p></footer>
</body>
</html>
"""


def write_page(directory: Path, name: str, html: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.browser
def test_chromium_renders_page_served_from_directory(chromium: webdriver.Chrome, tmp_path: Path):
    write_page(tmp_path, "index.html", CLEAN_PAGE.format(heading="สวัสดี harness"))

    with serve_directory(tmp_path) as base:
        chromium.get(base)
        heading = chromium.find_element(By.TAG_NAME, "h1").text

    assert heading == "สวัสดี harness"


@pytest.mark.browser
def test_site_under_prefix_loads_at_sub_path_and_outside_is_404(
    chromium: webdriver.Chrome, tmp_path: Path
):
    write_page(tmp_path, "index.html", CLEAN_PAGE.format(heading="ลาดหญ้า"))

    with serve_directory(tmp_path, prefix="/lad-ya/") as base:
        chromium.get(base + "lad-ya/")
        heading = chromium.find_element(By.TAG_NAME, "h1").text
        inside = http_status(base + "lad-ya/index.html")
        outside_root = http_status(base)
        outside_file = http_status(base + "index.html")

    assert heading == "ลาดหญ้า"
    assert inside == 200
    assert outside_root == 404
    assert outside_file == 404


def test_missing_path_gets_custom_404_page_with_status_404(tmp_path: Path):
    write_page(tmp_path, "index.html", CLEAN_PAGE.format(heading="home"))
    write_page(tmp_path, "404.html", "<!DOCTYPE html><title>ไม่พบหน้า</title><h1>ไม่พบหน้า</h1>")

    with serve_directory(tmp_path) as base:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(base + "no/such/page.html", timeout=10)
        body = caught.value.read().decode("utf-8")
        content_type = caught.value.headers["Content-Type"]

    assert caught.value.code == 404
    assert "ไม่พบหน้า" in body
    assert content_type.startswith("text/html")


def test_directory_url_serves_its_index_and_types_match_extensions(tmp_path: Path):
    write_page(tmp_path, "docs/index.html", CLEAN_PAGE.format(heading="docs"))
    expected = {
        "a.css": "text/css",
        "a.js": "text/javascript",
        "a.json": "application/json",
        "a.xml": "application/xml",
        "a.svg": "image/svg+xml",
        "a.woff2": "font/woff2",
        "a.pdf": "application/pdf",
    }
    for name in expected:
        (tmp_path / name).write_bytes(b"x")

    with serve_directory(tmp_path) as base:
        with urllib.request.urlopen(base + "docs/", timeout=10) as response:
            index_type = response.headers["Content-Type"]
            index_body = response.read().decode("utf-8")
        types = {}
        for name in expected:
            with urllib.request.urlopen(base + name, timeout=10) as response:
                types[name] = response.headers.get_content_type()

    assert index_type == "text/html; charset=utf-8"
    assert "<h1>docs</h1>" in index_body
    assert types == expected


@pytest.mark.validator
def test_vnu_reports_no_errors_for_valid_html5(tmp_path: Path):
    page = write_page(tmp_path, "valid.html", CLEAN_PAGE.format(heading="ok"))

    errors = validate_html([page])

    assert errors == [], format_errors(errors)


@pytest.mark.validator
def test_vnu_reports_errors_for_invalid_html_with_file_and_line(tmp_path: Path):
    valid = write_page(tmp_path, "valid.html", CLEAN_PAGE.format(heading="ok"))
    invalid = write_page(
        tmp_path,
        "invalid.html",
        '<!DOCTYPE html>\n<html lang="th">\n<head><meta charset="utf-8"></head>\n'
        "<body>\n<p><div>block inside paragraph</div></p>\n</body>\n</html>\n",
    )

    errors = validate_html([valid, invalid])  # one vnu run over both files

    assert errors, "vnu accepted an invalid document"
    assert {e["file"] for e in errors} == {str(invalid)}
    messages = " ".join(e["message"] for e in errors)
    assert "title" in messages  # <head> without <title>
    assert any(e["line"] == 5 for e in errors), format_errors(errors)  # stray </p>


@pytest.mark.browser
def test_axe_flags_image_without_alt(chromium: webdriver.Chrome, tmp_path: Path):
    html = CLEAN_PAGE.format(heading="img").replace(
        "<p>เนื้อหาทดสอบ</p>", '<img src="logo.svg" width="10" height="10">'
    )
    write_page(tmp_path, "index.html", html)
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')

    with serve_directory(tmp_path) as base:
        chromium.get(base)
        violations = run_axe(chromium)

    assert "image-alt" in {v["id"] for v in violations}, format_violations(violations)
    assert "image-alt" in format_violations(violations)


@pytest.mark.browser
def test_axe_finds_no_violations_on_clean_page(chromium: webdriver.Chrome, tmp_path: Path):
    write_page(tmp_path, "index.html", CLEAN_PAGE.format(heading="clean"))

    with serve_directory(tmp_path) as base:
        chromium.get(base)
        violations = run_axe(chromium)

    assert violations == [], format_violations(violations)
