"""Documents, images and content files come from inside content/; output names are safe."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from site_builder.load.content_tree import load_content
from site_builder.pipeline import build, load_site
from site_builder.problems import ContentErrors
from site_builder.safe_paths import news_slug
from site_builder.schema.types import Document
from site_builder.write import write_site
from tests.security.fixture_site import TEMPLATES, read_fixture, read_tree, write_content

SECRET = "รหัสผ่านลับ secret-outside-content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(read_fixture(), tmp_path / "content")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.pdf").write_text(SECRET, encoding="utf-8")
    (folder / "secret.yaml").write_text(f"code: O2\ntext: {SECRET}\n", encoding="utf-8")
    return folder


def _point_document_at(content: Path, file: str) -> None:
    path = content / "oit" / "o1.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("file: files/o1/structure.pdf", f"file: {file}"), encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _problems(content: Path) -> list[tuple[str, str, int]]:
    _site, problems = load_site(content)
    return [(p.key, Path(p.location.file).name, p.location.line) for p in problems]


def test_a_document_symlinked_to_a_file_outside_content_is_refused_and_not_published(
    content: Path, outside: Path, tmp_path: Path
) -> None:
    (content / "files" / "o1" / "leak.pdf").symlink_to(outside / "secret.pdf")
    _point_document_at(content, "files/o1/leak.pdf")
    line = _line_of(content / "oit" / "o1.yaml", "files/o1/leak.pdf")
    assert ("file_outside_content", "o1.yaml", line) in _problems(content)
    with pytest.raises(ContentErrors):
        build(content, TEMPLATES, tmp_path / "output")
    assert not (tmp_path / "output").exists()


def test_a_document_inside_a_symlinked_folder_leading_outside_is_refused(
    content: Path, outside: Path
) -> None:
    (content / "files" / "linked").symlink_to(outside, target_is_directory=True)
    _point_document_at(content, "files/linked/secret.pdf")
    line = _line_of(content / "oit" / "o1.yaml", "files/linked/secret.pdf")
    assert ("file_outside_content", "o1.yaml", line) in _problems(content)


def test_an_image_symlinked_outside_is_refused(content: Path, outside: Path) -> None:
    (content / "files" / "logo-link.png").symlink_to(outside / "secret.pdf")
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace("files/logo.png", "files/logo-link.png"),
        encoding="utf-8",
    )
    assert [p for p in _problems(content) if p[0] == "file_outside_content"] == [
        ("file_outside_content", "site.yaml", _line_of(site_yaml, "logo-link.png"))
    ]


def test_a_content_file_symlinked_outside_is_refused_and_its_text_never_published(
    content: Path, outside: Path, tmp_path: Path
) -> None:
    (content / "oit" / "o2.yaml").symlink_to(outside / "secret.yaml")
    assert ("file_outside_content", "o2.yaml", 0) in _problems(content)


@pytest.mark.parametrize(
    "relative",
    ["organisation.yaml", "statistics/complaints-2565.csv", "procurement/2565/report.yaml"],
)
def test_a_record_file_symlinked_outside_is_refused_and_its_text_never_published(
    content: Path, outside: Path, tmp_path: Path, relative: str
) -> None:
    (outside / "secret.csv").write_text(f"เดือน,หมายเหตุ\nตุลาคม,{SECRET}\n", encoding="utf-8")
    target = content / relative
    target.unlink()
    target.symlink_to(outside / ("secret.csv" if relative.endswith(".csv") else "secret.yaml"))
    assert ("file_outside_content", target.name, 0) in _problems(content)
    with pytest.raises(ContentErrors):
        build(content, TEMPLATES, tmp_path / "output")
    assert not (tmp_path / "output").exists()


def test_a_symlink_that_stays_inside_content_is_published_as_a_copy(
    content: Path, tmp_path: Path
) -> None:
    (content / "files" / "o1" / "alias.pdf").symlink_to(content / "files" / "o1" / "structure.pdf")
    _point_document_at(content, "files/o1/alias.pdf")
    build(content, TEMPLATES, tmp_path / "output")
    copied = tmp_path / "output" / "files" / "o1" / "alias.pdf"
    assert not copied.is_symlink()
    assert copied.read_bytes() == (content / "files" / "o1" / "structure.pdf").read_bytes()


def test_a_symlink_loop_under_files_does_not_hang_the_build(content: Path) -> None:
    (content / "files" / "loop").symlink_to(content / "files", target_is_directory=True)
    raw, problems = load_content(content)
    assert problems == []
    assert not any(path.startswith("files/loop/") for path in raw.files)


def test_a_content_folder_that_is_itself_a_symlink_builds(content: Path, tmp_path: Path) -> None:
    link = tmp_path / "content-link"
    link.symlink_to(content, target_is_directory=True)
    build(link, TEMPLATES, tmp_path / "output")
    assert (tmp_path / "output" / "files" / "o1" / "structure.pdf").is_file()


@pytest.mark.parametrize(
    "path",
    [
        "files/../site.yaml",
        "files/o1/../../site.yaml",
        "/etc/passwd",
        "files/..\\..\\site.yaml",
        "C:/Windows/win.ini",
        "file:///etc/passwd",
        "https://evil.example/x.pdf",
        "site.yaml",
        "../outside/secret.pdf",
    ],
)
def test_a_document_path_that_leaves_files_is_refused_by_the_schema(path: str) -> None:
    with pytest.raises(ValueError, match="bad_content_path"):
        Document.model_validate({"title": "t", "file": path})


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("2565-01-24-prachakhom", "2565-01-24-prachakhom"),
        ("2565-03-15-ประชุมสภา", "2565-03-15-ประชุมสภา"),
        ("ประชุม ประชาคม  หมู่ 4", "ประชุม-ประชาคม-หมู่-4"),
        ("report_v1.2", "report_v1.2"),
        ("ข่าว๒๕๖๕", "ข่าว๒๕๖๕"),
    ],
)
def test_ordinary_news_file_names_give_stable_addresses(name: str, slug: str) -> None:
    assert news_slug(name) == slug
    assert news_slug(unicodedata.normalize("NFD", name)) == slug  # as macOS stores names


@pytest.mark.parametrize(
    "name",
    [
        ".",
        "..",
        ".hidden",
        "a..b",
        "trailing.",
        "a/b",
        "a\\b",
        "a?b",
        "a#b",
        "a%2e%2e",
        "a&b",
        "a<b>",
        "a\x00b",
        "a\nb",
        "a\x1bb",
        "a\u202eb",
        "CON",
        "nul.txt",
        "",
    ],
)
def test_unsafe_news_file_names_are_refused(name: str) -> None:
    assert news_slug(name) is None


def test_a_news_file_name_that_cannot_be_an_address_is_reported_by_name(content: Path) -> None:
    news = content / "news"
    body = (news / "2565-01-24-prachakhom.md").read_text(encoding="utf-8")
    for name in ("..md", "a?b.md", "line\nbreak.md", ".hidden.md"):
        (news / name).write_text(body, encoding="utf-8")
    _site, problems = load_site(content)
    bad = sorted(Path(p.location.file).name for p in problems if p.key == "bad_news_name")
    assert bad == sorted(["..md", "a?b.md", "line\nbreak.md", ".hidden.md"])
    shown = next(p for p in problems if p.fields.get("name") == "a?b.md").format("en")
    assert shown.endswith(
        "the file name a?b.md cannot become a web address — use Thai or English letters, digits, - and _ (spaces become -), not starting or ending with a dot"
    )


@pytest.mark.parametrize(
    "names",
    [("ประชุม ประชาคม.md", "ประชุม-ประชาคม.md"), ("News.md", "news.md")],
)
def test_news_file_names_that_would_share_an_address_are_refused(
    content: Path, names: tuple[str, str]
) -> None:
    body = (content / "news" / "2565-01-24-prachakhom.md").read_text(encoding="utf-8")
    for name in names:
        (content / "news" / name).write_text(body, encoding="utf-8")
    _site, problems = load_site(content)
    clashes = [p for p in problems if p.key == "news_name_clash"]
    assert len(clashes) == 1
    assert clashes[0].fields["other"].endswith(sorted(names)[0])


def test_a_thai_news_file_name_is_published_under_the_same_name(
    content: Path, tmp_path: Path
) -> None:
    build(content, TEMPLATES, tmp_path / "output")
    assert (tmp_path / "output" / "news" / "2565-03-15-ประชุมสภา" / "index.html").is_file()


@pytest.mark.parametrize(
    "relative", ["../escaped.html", "/tmp/escaped.html", "a/../../escaped.html", "a\\..\\x"]
)
def test_the_writer_refuses_a_path_that_leaves_the_output_folder(
    tmp_path: Path, relative: str
) -> None:
    output = tmp_path / "site" / "output"
    write_site(output, [("index.html", b"old")], [])
    before = read_tree(output)
    with pytest.raises(ValueError, match="outside the site"):
        write_site(output, [("index.html", b"new"), (relative, b"x")], [])
    assert read_tree(output) == before
    assert sorted(os.listdir(output.parent)) == ["output"]
    assert not (tmp_path / "site" / "escaped.html").exists()
