"""The dev server's request-path contract: `site_builder.safe_paths.file_for_request`.

`python build.py serve` (issue 7) must answer a request only with the file this function
returns for the request's path (still %-encoded, without query or fragment), and 404
when it returns None. These tests pin the contract; docs/security.md states it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.safe_paths import file_for_request


@pytest.fixture
def output(tmp_path: Path) -> Path:
    site = tmp_path / "output"
    (site / "news" / "ประชุม").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "news" / "index.html").write_text("news", encoding="utf-8")
    (site / "news" / "ประชุม" / "index.html").write_text("post", encoding="utf-8")
    (site / "a b.pdf").write_text("pdf", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "secret-dir").mkdir()
    (tmp_path / "secret-dir" / "index.html").write_text("secret", encoding="utf-8")
    return site


@pytest.mark.parametrize(
    ("request_path", "served"),
    [
        ("/", "index.html"),
        ("/index.html", "index.html"),
        ("/news/", "news/index.html"),
        ("/news", "news/index.html"),
        ("/news/%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1/", "news/ประชุม/index.html"),
        ("/news/ประชุม/", "news/ประชุม/index.html"),
        ("/a%20b.pdf", "a b.pdf"),
    ],
)
def test_site_paths_are_served(output: Path, request_path: str, served: str) -> None:
    assert file_for_request(output, request_path) == (output / served).resolve()


@pytest.mark.parametrize(
    "request_path",
    [
        "/../secret.txt",
        "/news/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/news/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/news/..%5c..%5csecret.txt",
        "/./index.html",
        "/index.html%00.txt",
        "/%00",
        "/news/%0a",
        "/%ff%fe",
        "/C:/Windows/win.ini",
        "/c:%5cwindows%5cwin.ini",
        "index.html",
        "",
        "//etc/passwd",
        "/etc/passwd",
        "/missing.html",
    ],
)
def test_traversal_and_malformed_paths_serve_nothing(output: Path, request_path: str) -> None:
    assert file_for_request(output, request_path) is None


def test_a_symlink_in_the_output_leading_outside_is_not_followed(output: Path) -> None:
    (output / "leak.txt").symlink_to(output.parent / "secret.txt")
    (output / "leak-dir").symlink_to(output.parent / "secret-dir", target_is_directory=True)
    assert file_for_request(output, "/leak.txt") is None
    assert file_for_request(output, "/leak-dir/") is None
    assert file_for_request(output, "/leak-dir/index.html") is None


def test_the_answer_is_always_inside_the_output_folder(output: Path) -> None:
    for request_path in ("/", "/news/", "/a%20b.pdf"):
        served = file_for_request(output, request_path)
        assert served is not None and served.is_relative_to(output.resolve())
