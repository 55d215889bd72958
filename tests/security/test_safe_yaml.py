"""Safe YAML: tags, duplicate keys, alias bombs, deep nesting and size are refused with a place.

Every refusal is a Problem with file:line:column (except the size limit, which is about
the whole file); none is an exception, a crash, or work proportional to an attack.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.load import yaml_source
from site_builder.load.content_tree import read_markdown, read_table, read_yaml
from site_builder.load.yaml_source import (
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    load_yaml_text,
)

ROOT = Path(__file__).resolve().parents[2]


def _only_problem(text: str, file: str = "content/oit/o1.yaml"):
    doc, problems = load_yaml_text(text, file)
    assert doc is None, f"expected a refusal, got {doc.value!r}"
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('code: O1\ntext: !!python/object/apply:os.system ["touch {marker}"]\n', 2, 7),
        ("code: O1\ntext: !!python/name:os.system\n", 2, 7),
        ("code: O1\ndocuments: !!python/object:collections.OrderedDict {}\n", 2, 12),
        ("code: O1\ntext: !!binary aGVsbG8=\n", 2, 7),
        ("code: O1\nlinks: !!set {a, b}\n", 2, 8),
        ("code: O1\nlinks: !!omap [a: 1]\n", 2, 8),
        ("code: O1\ntext: !custom value\n", 2, 7),
        ("code: O1\ntext: !<tag:example.com,2000:evil> value\n", 2, 7),
        ("--- !!python/object:object {}\n", 1, 5),
    ],
)
def test_language_specific_tags_are_refused_at_their_line(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    marker = tmp_path / "pwned"
    problem = _only_problem(text.replace("{marker}", str(marker)))
    assert problem.key == "yaml_tag"
    assert (problem.location.line, problem.location.column) == (line, column)
    assert problem.format("en").startswith(f"content/oit/o1.yaml:{line}:{column}: tag ")
    assert not marker.exists(), "a tag ran code"


def test_a_tag_in_news_front_matter_is_placed_on_its_line_in_the_markdown_file(
    tmp_path: Path,
) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\ndate: !!python/name:time.time\n---\nbody\n", encoding="utf-8")
    source, problems = read_markdown(post)
    assert source is None
    assert [(p.key, p.location.line, p.location.column) for p in problems] == [("yaml_tag", 3, 7)]


def test_duplicate_keys_are_refused_naming_both_lines() -> None:
    problem = _only_problem("code: O1\ntext: first\nupdated: 2022-01-01\ntext: second\n")
    assert problem.key == "yaml_duplicate_key"
    assert (problem.location.line, problem.location.column) == (4, 1)
    assert problem.fields == {"key": "text", "first_line": 2}
    assert problem.format("en") == (
        "content/oit/o1.yaml:4:1: field 'text' appears twice (first on line 2) — keep only one"
    )


def test_duplicate_keys_in_a_nested_mapping_and_in_flow_style_are_refused() -> None:
    nested = _only_problem("documents:\n  - title: a\n    file: files/a.pdf\n    title: b\n")
    assert (nested.key, nested.location.line, nested.fields["first_line"]) == (
        "yaml_duplicate_key",
        4,
        2,
    )
    flow = _only_problem("links: [{title: a, url: 'https://a.example', title: b}]\n")
    assert (flow.key, flow.location.line) == ("yaml_duplicate_key", 1)


def _billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


class _CountingBuilder(yaml_source._Builder):
    """The real builder, counting how many nodes it visits."""

    visits = 0

    def build(self, node, path, depth):
        type(self).visits += 1
        return super().build(node, path, depth)


@pytest.mark.parametrize(
    "text",
    [
        _billion_laughs(),
        # Quadratic blow-up: one big anchored list, referenced many times.
        "big: &big [" + ", ".join(["x"] * 2000) + "]\nrefs: [" + ", ".join(["*big"] * 2000) + "]\n",
        # Aliases used as mapping values, nested.
        "a: &a {k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}\n"
        + "".join(
            f"b{i}: &b{i} {{"
            + ", ".join(f"k{j}: *{'a' if i == 0 else f'b{i - 1}'}" for j in range(8))
            + "}\n"
            for i in range(8)
        ),
    ],
    ids=["billion-laughs", "quadratic", "nested-mappings"],
)
def test_alias_bombs_are_refused_after_a_bounded_amount_of_work(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_source, "_Builder", _CountingBuilder)
    _CountingBuilder.visits = 0
    problem = _only_problem(text)
    assert problem.key == "yaml_alias_limit"
    assert problem.location.line >= 2
    assert str(MAX_ALIAS_EXPANSION) in problem.format("en")
    # Bounded by construction: each written node once, plus at most the alias budget.
    written_nodes = len(text)  # every node takes at least one character
    assert _CountingBuilder.visits <= written_nodes + MAX_ALIAS_EXPANSION + 1


def test_honest_anchors_and_aliases_still_load() -> None:
    doc, problems = load_yaml_text(
        "unit: &unit สำนักปลัด\nmeasures:\n  - responsible: [*unit]\n  - responsible: [*unit]\n",
        "x.yaml",
    )
    assert problems == []
    assert doc.value["measures"][1]["responsible"] == ["สำนักปลัด"]


def test_a_recursive_alias_is_refused() -> None:
    problem = _only_problem("a: &a [*a]\n")
    assert problem.key == "yaml_syntax"
    assert problem.location.line == 1


@pytest.mark.parametrize(
    "shape",
    ["flow-sequence", "flow-mapping", "block-sequence", "block-mapping"],
)
def test_nesting_just_past_the_limit_is_refused_where_it_goes_too_deep(shape: str) -> None:
    depth = MAX_DEPTH + 1
    text = {
        "flow-sequence": "x: " + "[" * depth + "]" * depth,
        "flow-mapping": "x: " + "{a: " * depth + "1" + "}" * depth,
        "block-sequence": "x:\n"
        + "".join("  " * i + "-\n" for i in range(depth))
        + "  " * depth
        + "- 1\n",
        "block-mapping": "x:\n"
        + "".join("  " * i + "k:\n" for i in range(depth))
        + "  " * depth
        + "k: 1\n",
    }[shape]
    problem = _only_problem(text)
    assert problem.key == "yaml_too_deep"
    assert problem.location.line >= 1 and problem.location.column >= 1
    assert str(MAX_DEPTH) in problem.format("en")


def test_nesting_within_the_limit_loads() -> None:
    depth = MAX_DEPTH - 2
    doc, problems = load_yaml_text("x: " + "[" * depth + "1" + "]" * depth, "x.yaml")
    assert problems == []
    value = doc.value["x"]
    for _ in range(depth):
        [value] = value
    assert value == 1


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 200_000 + "]" * 200_000,
        "x: " + "{a: " * 150_000 + "1" + "}" * 150_000,
        "x:\n" + "- " * 300_000 + "1\n",
    ],
    ids=["flow-sequence", "flow-mapping", "block-sequence"],
)
def test_very_deep_nesting_cannot_crash_the_process(tmp_path: Path, text: str) -> None:
    """libyaml's composer recurses in C: 30,000 levels overflowed its stack (SIGSEGV)."""
    content = tmp_path / "content"
    (content / "oit").mkdir(parents=True)
    (content / "site.yaml").write_text("x: 1\n", encoding="utf-8")
    (content / "oit" / "o1.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "check",
            "--content",
            str(content),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert "content/oit/o1.yaml:" in result.stderr
    assert f"more than {MAX_DEPTH} levels" in result.stderr


@pytest.mark.parametrize(
    "scalar",
    ["1" + ":00" * 200_000, "0b" + "1" * 200_000, "0x" + "f" * 100_000, "1" * 100_000],
    ids=["sexagesimal", "binary", "hex", "decimal"],
)
def test_huge_number_literals_stay_text_instead_of_costing_quadratic_time(scalar: str) -> None:
    """YAML 1.1 base-60 integers like 1:00:00 cost quadratic time to convert, and any huge
    integer later broke the validator's message (int → str is limited to 4300 digits)."""
    doc, problems = load_yaml_text(f"x: {scalar}\n", "x.yaml")
    assert problems == []
    assert doc.value["x"] == scalar


def test_clock_times_are_text_not_base_60_numbers() -> None:
    doc, _ = load_yaml_text("office_hours: 8:30\nscore: 75.36\nyear: 2565\n", "x.yaml")
    assert doc.value == {"office_hours": "8:30", "score": 75.36, "year": 2565}


def test_a_file_over_the_size_limit_is_refused_with_a_readable_size(tmp_path: Path) -> None:
    big = tmp_path / "2564.yaml"
    with big.open("wb") as handle:  # sparse: costs no disk, and must not be read whole
        handle.truncate(64 * 1024 * 1024)
    doc, problems = read_yaml(big)
    assert doc is None
    [problem] = problems
    assert problem.key == "file_too_large"
    text = problem.format("en")
    assert text.startswith(f"{big.as_posix()}: ")
    assert "64.0 MB" in text and f"{MAX_FILE_BYTES / 1024 / 1024:.1f} MB" in text
    assert "ไฟล์" in problem.format("th")


def test_a_csv_table_over_the_size_limit_is_refused_with_a_readable_size(tmp_path: Path) -> None:
    big = tmp_path / "procurement" / "2565" / "summary-2565-01.csv"
    big.parent.mkdir(parents=True)
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    table, problems = read_table(big, tmp_path)
    assert table is None
    assert [(p.key, p.format("en").split(": ")[0]) for p in problems] == [
        ("file_too_large", big.as_posix())
    ]
    assert "64.0 MB" in problems[0].format("en")


def test_a_file_exactly_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    line = "# " + "x" * 98 + "\n"
    body = "a: 1\n"
    filler = line * ((MAX_FILE_BYTES - len(body)) // len(line))
    data = (body + filler).encode()
    path.write_bytes(data + b"#" * (MAX_FILE_BYTES - len(data) - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    doc, problems = read_yaml(path)
    assert problems == [] and doc.value == {"a": 1}
