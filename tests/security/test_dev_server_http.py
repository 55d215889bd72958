"""The live preview (`python build.py serve`) never serves a file from outside output/,
however the request path is written: over real HTTP, against the running server.

tests/editing/test_dev_server.py covers '..' and '%2e' spellings; these are the other
ways a request may try to leave the folder (encoded backslashes, absolute and drive-letter
paths, invalid UTF-8, a symbolic link placed in output/)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.fixture_site import FIXTURE, TEMPLATES
from tests.support.http import raw_get
from tests.support.preview import running_preview

SECRET = b"SECRET-OUTSIDE-OUTPUT"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("preview")
    content = folder / "content"
    shutil.copytree(FIXTURE, content)
    (folder / "secret.txt").write_bytes(SECRET)
    (folder / "secret-dir").mkdir()
    (folder / "secret-dir" / "index.html").write_bytes(SECRET)
    output = folder / "output"
    with running_preview(content, TEMPLATES, output) as (url, _lines):
        yield url, output


@pytest.mark.parametrize(
    "path",
    [
        "/.%2e/secret.txt",
        "/%5c..%5csecret.txt",
        "/news/..%5c..%5csecret.txt",
        "/%ff%fe/../../secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/c:%5cwindows%5cwin.ini",
        "/index.html%00.txt",
        "/news/%0a/../../secret.txt",
    ],
)
def test_odd_request_paths_serve_nothing_from_outside(served: tuple[str, Path], path: str):
    status, body = raw_get(served[0], path)
    assert SECRET not in body
    assert status in (400, 404)


def test_a_symlink_in_output_leading_outside_is_not_followed(served: tuple[str, Path]):
    url, output = served
    (output / "leak.txt").symlink_to(output.parent / "secret.txt")
    (output / "leak-dir").symlink_to(output.parent / "secret-dir", target_is_directory=True)
    for path in ("/leak.txt", "/leak-dir/", "/leak-dir/index.html"):
        status, body = raw_get(url, path)
        assert SECRET not in body and status == 404, path


def test_ordinary_pages_are_served(served: tuple[str, Path]):
    url, _output = served
    thai_post = "/news/2565-03-15-%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1"
    assert raw_get(url, "/")[0] == 200
    assert raw_get(url, thai_post + "%E0%B8%AA%E0%B8%A0%E0%B8%B2/")[0] == 200
