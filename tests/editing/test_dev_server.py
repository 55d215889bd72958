"""The live preview over real HTTP: reload script, traversal, error page and recovery."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_builder.cli import _parser
from site_builder.pipeline import build
from tests.support.http import raw_get
from tests.support.preview import running_preview, wait_for
from tests.support.sites import copy_site, tree_difference

POST = "news/2566-01-09-children.md"


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def preview(tmp_path: Path, request: pytest.FixtureRequest):
    content, templates = copy_site("editing", tmp_path)
    (tmp_path / "secret.txt").write_text("SECRET-OUTSIDE-OUTPUT")
    options = getattr(request, "param", ())  # e.g. ("--poll",)
    with running_preview(content, templates, tmp_path / "output", *options) as (url, lines):
        yield url, content, tmp_path / "output", lines


def test_preview_listens_on_loopback_by_default():
    options = _parser("th").parse_args(["serve"])

    assert options.host == "127.0.0.1"


def test_preview_serves_pages_with_the_reload_script_but_output_has_none(preview):
    url, _content, output, _lines = preview

    status, home = fetch(url)

    assert urlsplit(url).hostname == "127.0.0.1"
    assert status == 200
    assert '<script src="/livereload.js"></script></head>' in home
    written = [p for p in output.rglob("*.html")]
    assert written
    assert not any(b"livereload" in p.read_bytes() for p in written)
    assert fetch(url + "livereload.js")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/news/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/news/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
        "/%00/../secret.txt",
    ],
)
def test_request_paths_cannot_read_outside_the_served_folder(preview, path):
    url = preview[0]

    status, body = raw_get(url, path)

    assert b"SECRET-OUTSIDE-OUTPUT" not in body
    assert status in (400, 404)


@pytest.mark.parametrize("preview", [(), ("--poll",)], ids=["notified", "polled"], indirect=True)
def test_broken_file_shows_error_page_until_it_is_fixed(preview):
    url, content, _output, _lines = preview
    post = content / POST
    good = post.read_text(encoding="utf-8")

    post.write_text(good.replace("title:", "titel:"), encoding="utf-8")
    _status, page = wait_for(lambda: (r := fetch(url + "news/")) and r[0] == 500 and r)

    assert f"{POST}:3:1" in page
    assert "did you mean &#39;title&#39;?" in page
    assert "titel: วันเด็กแห่งชาติ 2566" in page  # the line itself, to find it quickly

    post.write_text(good.replace("วันเด็กแห่งชาติ 2566", "วันเด็กแห่งชาติ ปี 2566"), encoding="utf-8")
    _status, page = wait_for(lambda: (r := fetch(url + "news/")) and r[0] == 200 and r)

    assert "วันเด็กแห่งชาติ ปี 2566" in page


def test_a_save_is_one_rebuild_of_that_file_and_swap_files_are_none(preview):
    url, content, _output, lines = preview
    post = content / POST
    started = len(lines)
    for name in (f".{post.name}.swp", f".{post.name}.swx", f"{post.name}~"):
        (post.parent / name).write_text("x", encoding="utf-8")
    edited = post.read_text(encoding="utf-8").replace("วันเด็กแห่งชาติ 2566", "งานวันเด็ก 2566")
    temporary = post.with_name(post.name + ".tmp")  # saved as editors save: then renamed
    temporary.write_text(edited, encoding="utf-8")
    os.replace(temporary, post)

    wait_for(lambda: "งานวันเด็ก 2566" in fetch(url + "news/2566-01-09-children/")[1])
    rebuilt = wait_for(lambda: [line for line in lines[started:] if line.startswith("rebuilt:")])

    assert len(rebuilt) == 1 and rebuilt[0].startswith("rebuilt: 1 file(s) changed,")


def test_a_deleted_post_leaves_the_preview(preview):
    url, content, output, _lines = preview
    page = "news/2565-10-05-cleaning/"
    assert fetch(url + page)[0] == 200

    (content / "news/2565-10-05-cleaning.md").unlink()

    wait_for(lambda: fetch(url + page)[0] == 404)
    assert not (output / page / "index.html").exists()
    assert "/news/2565-10-05-cleaning/" not in fetch(url + "news/")[1]


def test_preview_of_a_site_with_a_base_path_is_served_under_it(tmp_path):
    content, templates = copy_site("editing", tmp_path)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "https://bansuanmamuang.example.go.th/", "https://example.go.th/ban-suan/"
        ),
        encoding="utf-8",
    )
    with running_preview(content, templates, tmp_path / "output") as (url, _lines):
        origin = url.split("/ban-suan/")[0] + "/"

        assert url.endswith("/ban-suan/")
        assert fetch(url)[0] == 200
        assert fetch(origin)[0] == 200  # redirected to /ban-suan/
        assert fetch(origin + "news/")[0] == 404


def test_preview_brings_the_search_index_up_to_date_after_an_edit(preview, tmp_path):
    url, content, output, lines = preview
    wait_for(lambda: any("search index updated" in line for line in lines), timeout=60)
    post = content / POST
    post.write_text(
        post.read_text(encoding="utf-8").replace("วันเด็กแห่งชาติ 2566", "วันเด็กแห่งชาติ ปี 2566"),
        encoding="utf-8",
    )
    clean = tmp_path / "clean"
    build(content, content.parent / "templates", clean)

    # Pages first (the browser reloads), then the Pagefind bundle: the output ends equal
    # to a clean build, search index included.
    wait_for(lambda: tree_difference(output, clean) == [], timeout=60)
    wait_for(lambda: sum("search index updated" in line for line in lines) == 2)
    assert fetch(url + "pagefind/pagefind.js")[0] == 200
