"""Stage 1 — load: YAML and Markdown front matter, with the position of every value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.load.content_tree import load_content, read_markdown, read_yaml
from site_builder.load.markdown_source import split_front_matter
from site_builder.load.yaml_source import (
    MAX_ALIAS_EXPANSION,
    decode_text,
    load_yaml_text,
)
from site_builder.problems import Location


def load(text: str):
    return load_yaml_text(text, "content/oit/o23.yaml")


def test_positions_of_keys_and_list_items_are_line_and_column_from_one():
    doc, problems = load(
        "code: O23\n"
        "documents:\n"
        "  - title: มกราคม\n"
        "    file: files/o23/2565-01.pdf\n"
        "  - title: กุมภาพันธ์\n"
        "    url: https://example.go.th/o23/2565-02.pdf\n"
    )

    assert problems == []
    assert doc.positions[("code",)] == (1, 1)
    assert doc.positions[("documents",)] == (2, 1)
    assert doc.positions[("documents", 0)] == (3, 5)
    assert doc.positions[("documents", 0, "file")] == (4, 5)
    assert doc.positions[("documents", 1)] == (5, 5)
    assert doc.positions[("documents", 1, "url")] == (6, 5)


def test_locate_falls_back_to_the_nearest_written_ancestor():
    doc, _ = load("code: O23\ndocuments:\n  - title: มกราคม\n")

    assert doc.locate(("documents", 0, "file")) == Location("content/oit/o23.yaml", 3, 5)
    assert doc.locate(("no_such_key",)) == Location("content/oit/o23.yaml", 1, 1)


def test_values_are_plain_python_values():
    doc, _ = load("code: O23\nupdated: 2022-02-05\nscore: 84.06\nphones: ['034 000 000']\n")

    assert doc.value == {
        "code": "O23",
        "updated": dt.date(2022, 2, 5),
        "score": 84.06,
        "phones": ["034 000 000"],
    }


def test_duplicate_key_is_refused_naming_both_lines():
    doc, problems = load("code: O23\ntext: ครั้งแรก\nupdated: 2022-02-05\ntext: ครั้งที่สอง\n")

    assert doc is None
    [problem] = problems
    assert problem.key == "yaml_duplicate_key"
    assert problem.location == Location("content/oit/o23.yaml", 4, 1)
    assert problem.fields == {"key": "text", "first_line": 2}
    assert "บรรทัด 2" in problem.format("th")
    assert problem.format("en").startswith("content/oit/o23.yaml:4:1: ")


def test_duplicate_key_inside_a_list_item_is_refused_with_its_own_lines():
    _, problems = load("documents:\n  - title: a\n    title: b\n")

    [problem] = problems
    assert (problem.location.line, problem.location.column) == (3, 5)
    assert problem.fields == {"key": "title", "first_line": 2}


def test_python_object_tag_is_refused_with_its_line():
    doc, problems = load("code: O23\ntext: !!python/object/apply:os.system ['echo hi']\n")

    assert doc is None
    [problem] = problems
    assert problem.key == "yaml_tag"
    assert problem.location == Location("content/oit/o23.yaml", 2, 7)
    assert problem.fields == {"tag": "!!python/object/apply:os.system"}


def test_other_non_standard_tags_are_refused():
    for text in ("a: !!python/name:os.system ''\n", "a: !!set {x, y}\n", "a: !local 1\n"):
        doc, problems = load(text)
        assert doc is None
        assert [p.key for p in problems] == ["yaml_tag"], text
        assert problems[0].location.line == 1


def test_alias_bomb_is_refused_instead_of_expanded():
    # "Billion laughs": nine levels of ten aliases each would expand to 10⁹ strings.
    # Were expansion not capped, this test would run out of memory instead of passing.
    lines = ['l0: &l0 "ha"']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"l{level}: &l{level} [{refs}]")
    doc, problems = load("\n".join(lines) + "\n")

    assert doc is None
    [problem] = problems
    assert problem.key == "yaml_alias_limit"
    assert problem.fields == {"limit": MAX_ALIAS_EXPANSION}
    # Placed at the alias that crosses the limit: reading stops there (line 5 is l4's
    # list; its eighth *l3 brings the total past 10,000 values).
    assert problem.location == Location("content/oit/o23.yaml", 5, 45)


def test_a_few_honest_aliases_are_accepted():
    doc, problems = load("unit: &u กองคลัง\nresponsible: [*u, *u]\n")

    assert problems == []
    assert doc.value["responsible"] == ["กองคลัง", "กองคลัง"]


def test_byte_order_mark_is_accepted_and_does_not_shift_columns(tmp_path: Path):
    path = tmp_path / "o23.yaml"
    path.write_bytes("\ufeffcode: O23\ntext: ข้อความ\n".encode())

    doc, problems = read_yaml(path)

    assert problems == []
    assert doc.value == {"code": "O23", "text": "ข้อความ"}
    assert doc.positions[("code",)] == (1, 1)


def test_text_that_is_not_utf8_is_reported_at_its_first_bad_byte():
    # Thai saved as TIS-620 is converted with a warning (tests/editing/test_real_world_files.py);
    # text in another encoding, here Latin-1, is an error.
    latin1 = "Café ouvert".encode("latin-1")
    data = b"code: O23\nupdated: 2022-02-05\ntext: " + latin1 + b"\n"

    text, problems = decode_text(data, "content/oit/o23.yaml")

    assert text is None
    [problem] = problems
    assert problem.key == "not_utf8"
    assert problem.location == Location("content/oit/o23.yaml", 3, 10)


def test_syntax_error_is_reported_with_line_and_column():
    doc, problems = load("code: O23\nlinks: [a, b\nupdated: 2022-02-05\n")

    assert doc is None
    [problem] = problems
    assert problem.key == "yaml_syntax"
    assert problem.location.line == 3


def test_impossible_date_is_kept_as_written_for_validation_to_report():
    doc, problems = load("code: O23\nupdated: 2022-02-30\n")

    assert problems == []
    assert doc.value["updated"] == "2022-02-30"


def test_top_level_list_is_refused_as_not_a_mapping(tmp_path: Path):
    path = tmp_path / "o23.yaml"
    path.write_text("- code: O23\n", encoding="utf-8")

    doc, problems = read_yaml(path)

    assert doc is None
    assert [p.key for p in problems] == ["yaml_not_mapping"]


NEWS = """---
title: ประชุมประชาคมหมู่บ้าน
date: 2022-01-24
summary: สรุปผลการประชุม
---
เนื้อหาข่าว **ตัวหนา**

ย่อหน้าที่สอง
"""


def test_front_matter_positions_are_lines_of_the_markdown_file():
    source, problems = split_front_matter(NEWS, "content/news/meeting.md")

    assert problems == []
    assert source.front_matter.value["title"] == "ประชุมประชาคมหมู่บ้าน"
    assert source.front_matter.positions[("title",)] == (2, 1)
    assert source.front_matter.positions[("date",)] == (3, 1)
    assert source.body.startswith("เนื้อหาข่าว **ตัวหนา**")
    assert source.body_line == 6


def test_front_matter_errors_point_at_the_markdown_file_line():
    text = NEWS.replace("summary: สรุปผลการประชุม", "summary: สรุป\ntitle: ซ้ำ")

    source, problems = split_front_matter(text, "content/news/meeting.md")

    assert source is None
    [problem] = problems
    assert problem.key == "yaml_duplicate_key"
    assert problem.location == Location("content/news/meeting.md", 5, 1)
    assert problem.fields["first_line"] == 2


def test_markdown_without_front_matter_is_reported_at_line_one(tmp_path: Path):
    path = tmp_path / "meeting.md"
    path.write_text("# ข่าว\n\nไม่มีส่วนหัว\n", encoding="utf-8")

    source, problems = read_markdown(path)

    assert source is None
    assert [(p.key, p.location.line) for p in problems] == [("front_matter_missing", 1)]


def test_load_content_reports_every_broken_file_and_keeps_the_good_ones(tmp_path: Path):
    (tmp_path / "oit").mkdir()
    (tmp_path / "news").mkdir()
    (tmp_path / "files" / "o23").mkdir(parents=True)
    (tmp_path / "site.yaml").write_text("agency: {name_th: ทดสอบ}\n", encoding="utf-8")
    (tmp_path / "oit" / "o1.yaml").write_text("code: O1\ncode: O2\n", encoding="utf-8")
    (tmp_path / "oit" / "o2.yaml").write_text("code: O2\n", encoding="utf-8")
    (tmp_path / "oit" / "o3.yaml").write_text("code: [O3\n", encoding="utf-8")
    (tmp_path / "news" / "a.md").write_text(NEWS, encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text("no front matter\n", encoding="utf-8")
    (tmp_path / "files" / "o23" / "2565-01.pdf").write_bytes(b"%PDF-1.4\n")

    raw, problems = load_content(tmp_path)

    assert sorted((Path(p.location.file).name, p.key) for p in problems) == [
        ("b.md", "front_matter_missing"),
        ("o1.yaml", "yaml_duplicate_key"),
        ("o3.yaml", "yaml_syntax"),
    ]
    assert [doc.value["code"] for doc in raw.disclosures] == ["O2"]
    assert list(raw.news) == ["a"]
    assert raw.files == frozenset({"files/o23/2565-01.pdf"})


def test_missing_content_folder_is_one_problem(tmp_path: Path):
    raw, problems = load_content(tmp_path / "nothing-here")

    assert [p.key for p in problems] == ["missing_content_dir"]
    assert raw.site is None


def test_an_editors_lock_file_beside_a_news_post_is_not_content(tmp_path: Path):
    root = tmp_path / "content"
    (root / "news").mkdir(parents=True)
    (root / "site.yaml").write_text("agency: {}\n", encoding="utf-8")
    (root / "news/meeting.md").write_text("---\ntitle: ประชุม\n---\nข้อความ\n", "utf-8")
    (root / "news/.#meeting.md").symlink_to("editor@host.1234:1700000000")  # as Emacs makes it

    raw, problems = load_content(root)

    assert list(raw.news) == ["meeting"]
    assert problems == []
