"""`check` and `build` find every broken internal link, anchor and attachment, and say
where it is written (content file, or template, with line and column)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_builder import cli
from site_builder.pipeline import build, check_site
from site_builder.problems import ContentErrors, Severity
from tests.security.fixture_site import TEMPLATES, read_fixture, read_tree, write_content


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_content(read_fixture(), tmp_path / "content")


def _set_o1_text(content: Path, text: str) -> tuple[Path, int]:
    """Write oit/o1.yaml with `text` as its Markdown; returns the file and the text's line."""
    path = content / "oit" / "o1.yaml"
    path.write_text(
        "code: O1\nupdated: 2022-02-01\ntext: |\n  ย่อหน้าแรก\n\n  " + text + "\n", encoding="utf-8"
    )
    return path, 6


def _found(content: Path, templates: Path = TEMPLATES) -> list[tuple[str, str, int, int, str]]:
    return [
        (
            p.key,
            Path(p.location.file).name,
            p.location.line,
            p.location.column,
            str(p.fields.get("target")),
        )
        for p in check_site(content, templates)[1]
    ]


def test_the_fixture_site_has_no_broken_reference(content: Path) -> None:
    assert check_site(content, TEMPLATES)[1] == []


def test_a_file_reached_only_through_a_markdown_link_is_published(
    content: Path, tmp_path: Path
) -> None:
    build(content, TEMPLATES, tmp_path / "output")
    published = tmp_path / "output" / "files" / "o1" / "structure.png"
    assert published.read_bytes() == (content / "files" / "o1" / "structure.png").read_bytes()


@pytest.mark.parametrize(
    ("link", "key"),
    [
        ("/oit/o99/", "broken_link"),
        ("../o98/", "broken_link"),
        ("/news/no-such-post/", "broken_link"),
        ("/oit/o2/#nowhere", "broken_anchor"),
        ("/measures/2565/#measure-9", "broken_anchor"),
        ("#not-on-this-page", "broken_anchor"),
        ("/files/o1/no-such-file.pdf", "missing_attachment"),
        ("/files/%2e%2e/site.yaml", "broken_link"),
        ("https://www.nongnamsai.example/oit/o77/", "own_address_missing"),
        ("https://www.nongnamsai.example/files/o1/no-such-file.pdf", "own_address_missing"),
        ("/../outside/", "broken_link"),
        ("/data/no-such-dataset.csv", "broken_link"),
        ("/measures/2565/print/#nowhere", "broken_anchor"),
    ],
)
def test_a_broken_markdown_link_is_reported_where_it_is_written(
    content: Path, link: str, key: str
) -> None:
    path, line = _set_o1_text(content, f"ดู[ข้อมูล]({link})ประกอบ")
    column = 3 + len("ดู[ข้อมูล](")
    assert _found(content) == [(key, path.name, line, column, link)]


@pytest.mark.parametrize(
    "link",
    [
        "/oit/o2/",
        "../o2/",
        "/oit/#o23",
        "/measures/2565/#measure-2",
        "/ita/2564/analysis/#q-i1",
        "#content-title",
        "#top",
        "/news/2565-03-15-ประชุมสภา/",
        "/news/2565-03-15-%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%8A%E0%B8%B8%E0%B8%A1%E0%B8%AA%E0%B8%A0%E0%B8%B2/",
        "/news",
        "/files/o1/structure.pdf#page=2",
        "https://www.nongnamsai.example/oit/o2/",
        "https://other.example/missing/",
        # Another service of the agency on the site's host, outside the site's own folders.
        "https://www.nongnamsai.example/e-service/",
        # Pages and downloads the build makes besides the content's own pages.
        "/data/",
        "/data/ita-results.csv",
        "/data/catalog.json",
        "/search/",
        "/measures/2565/print/",
        "/admin/",
        "/readiness/",
        "/assessor/",
        "/assessor/oit-assessor-sheet.csv",
        "/oit/o23/",
        "/files/procurement/2565/invitation-road.pdf",
        "mailto:saraban@nongnamsai.example",
        "tel:035000111",
    ],
)
def test_working_and_external_links_are_not_reported(content: Path, link: str) -> None:
    _set_o1_text(content, f"ดู[ข้อมูล]({link})")
    assert _found(content) == []


def test_a_full_address_of_the_site_that_finds_nothing_warns_but_does_not_stop_the_build(
    content: Path, tmp_path: Path
) -> None:
    """Another program on the same server may serve it (an older site's /files/)."""
    _set_o1_text(content, "[เอกสารเดิม](https://www.nongnamsai.example/files/old/plan.pdf)")
    report = build(content, TEMPLATES, tmp_path / "output")
    [problem] = report.problems
    assert (problem.key, problem.severity) == ("own_address_missing", Severity.WARNING)
    assert "unless another program on the same server serves it" in problem.format("en")


def test_a_broken_link_in_a_news_body_is_placed_on_its_line(content: Path) -> None:
    post = content / "news" / "2565-03-15-ประชุมสภา.md"
    post.write_text(
        "---\ntitle: ประชุมสภา\ndate: 2022-03-15\n---\nบรรทัดแรก\n\nอ่าน[ข่าว](/news/ไม่มี/)\n",
        encoding="utf-8",
    )
    assert _found(content) == [("broken_link", post.name, 7, 12, "/news/ไม่มี/")]


def test_a_broken_link_in_a_record_table_is_placed_on_its_line(content: Path) -> None:
    report = content / "procurement" / "2565" / "report.yaml"
    lines = report.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("text:"))
    lines.insert(at + 1, "  ดู[แผน](/oit/o21/#ไม่มี)")
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _found(content) == [("broken_anchor", "report.yaml", at + 2, 11, "/oit/o21/#ไม่มี")]


def test_a_broken_hard_coded_template_link_is_placed_in_the_template(
    content: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "contact.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "<p><a href=\"{{ 'complaints/' | url }}\">ร้องเรียน</a></p>")
    lines.insert(4, "<p><a href=\"{{ 'oit/' | url }}#o99\">O99</a></p>")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _found(content, templates) == [
        ("broken_link", "contact.html", 4, 16, "/complaints/"),
        ("broken_anchor", "contact.html", 5, 16, "/oit/#o99"),
    ]


def test_links_outside_a_sub_path_deployment_are_broken(content: Path) -> None:
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "https://www.nongnamsai.example/", "https://www.nongnamsai.example/tambon/"
        ),
        encoding="utf-8",
    )
    _set_o1_text(
        content,
        "[หน้าแรก](/) [O2](../o2/) [ข่าว](/tambon/news/)"
        " [อบต.อื่น](https://www.nongnamsai.example/other-tambon/)",
    )
    in_o1 = [(key, target) for key, file, _, _, target in _found(content) if file == "o1.yaml"]
    assert in_o1 == [("broken_link", "/")]  # a full address outside the folder: another site


def test_a_linked_file_symlinked_outside_content_is_not_published(
    content: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_text("secret", encoding="utf-8")
    (content / "files" / "leak.pdf").symlink_to(secret)
    _set_o1_text(content, "[เอกสาร](/files/leak.pdf)")
    assert [p[0] for p in _found(content)] == ["missing_attachment"]


def test_a_build_with_a_broken_link_writes_nothing(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    build(content, TEMPLATES, output)
    before = read_tree(output)
    _set_o1_text(content, "[O99](/oit/o99/)")
    with pytest.raises(ContentErrors) as failure:
        build(content, TEMPLATES, output)
    assert [p.key for p in failure.value.problems] == ["broken_link"]
    assert read_tree(output) == before


def test_check_prints_each_broken_reference_with_file_line_and_column(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, line = _set_o1_text(content, "[O99](/oit/o99/) [ส่วน](/oit/o2/#ไม่มี)")
    assert cli.main(["check", "--content", str(content), "--lang", "en"]) == cli.EXIT_ERRORS
    errors = capsys.readouterr().err.splitlines()
    shown = Path(path).as_posix()
    assert errors[0].endswith(
        f"{shown}:{line}:9: link /oit/o99/ on page /oit/o1/ points at no page of the site — check the address [error]"
    )
    assert errors[1].endswith(
        f"{shown}:{line}:27: link /oit/o2/#ไม่มี on page /oit/o1/: that page has no part #ไม่มี — check the text after # [error]"
    )
