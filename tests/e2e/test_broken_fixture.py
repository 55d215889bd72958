"""`check` and `build` on tests/fixtures/broken: every planted error, in one run, at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import BROKEN, REPO, run_cli, snapshot

SHOWN = BROKEN.relative_to(REPO).as_posix()  # files are named relative to the working folder

# Every planted error: file, line, column, field, and words of its message (Thai, the default).
PLANTED = [
    ("ita/2563.yaml", 3, 1, "year", "ไม่ตรงกับชื่อไฟล์ (2563)"),
    ("ita/2564.yaml", 6, 1, "indicators", "พบ 1, 2, 3, 4, 5, 6, 7, 8, 9, 9"),
    ("ita/2565.yaml", 6, 1, "sumary", "หมายถึง 'summary' หรือไม่?"),
    ("ita/2565.yaml", 10, 17, "indicators[2].score", "ค่า 'ไม่ทราบ' ไม่ใช่ตัวเลข"),
    ("measures/2565.yaml", 7, 3, "adopted.date", "พ.ศ. 2565 = ค.ศ. 2022"),
    ("measures/2565.yaml", 14, 15, "measures[0].periods[0]", "ตุลาคม ๖๔ ถึง กันยายน ๖๕ อ่านไม่ได้"),
    ("news/2565-01-24-community-meeting.md", 3, 1, "date", "'24/01/2565' ไม่ใช่วันที่"),
    ("news/2565-03-15-e-service.md", 4, 1, "image", "ไม่พบไฟล์ files/news/e-service.png"),
    ("oit/o1.yaml", 6, 5, "documents[0].file", "ไม่พบไฟล์ files/o1/structure-2564.pdf"),
    ("oit/o10.yaml", 3, 1, "updated", "ไม่มีวันที่ 2022-02-30"),
    ("oit/o12.yaml", 3, 7, "", "ใช้แท็ก !!python/object/apply:os.system ไม่ได้"),
    ("oit/o13.yaml", 5, 5, "documents[0].file", "ห้ามใช้ .."),
    ("oit/o15.yaml", 2, 1, "code", "ไม่มีฟิลด์ที่จำเป็น"),
    ("oit/o2.yaml", 5, 1, "", "ฟิลด์ 'text' ซ้ำ (ใส่ไว้แล้วที่บรรทัด 3)"),
    ("oit/o24.yaml", 2, 1, "code", f"รหัส O23 ซ้ำกับไฟล์ {SHOWN}/oit/o23.yaml"),
    ("oit/o44.yaml", 2, 1, "code", "ไม่มีข้อ O44 ในแบบตรวจ ita-2565"),
    ("oit/o5.yaml", 5, 5, "links[0].url", "ต้องขึ้นต้นด้วย http:// หรือ https://"),
    ("oit/o5.yaml", 7, 5, "documents[0]", "ต้องมี file หรือ url อย่างใดอย่างหนึ่ง"),
]
# Reported, but not errors: the build would go ahead if these were all.
PLANTED_WARNINGS = [
    ("ita/2563.yaml", 5, 1, "score", "คะแนนรวมที่ระบุ 80.00 ไม่ตรงกับที่คำนวณจากคะแนนตัวชี้วัด 69.84"),
    # Saved as TIS-620 by a Thai Windows editor: read and converted, at its first Thai letter.
    ("oit/o16.yaml", 3, 7, "", "บันทึกด้วยการเข้ารหัส Windows-874 (TIS-620)"),
]

LINE = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.*) \[(?P<label>[^\]]+)\]$"
)


def reported(stderr: str, label: str) -> list[tuple[str, int, int, str]]:
    found = []
    for text in stderr.splitlines():
        match = LINE.match(text)
        if match and match["label"] == label:
            found.append((match["file"], int(match["line"]), int(match["column"]), match["rest"]))
    return found


def expected_lines(planted) -> list[tuple[str, int, int]]:
    return [(f"{SHOWN}/{file}", line, column) for file, line, column, _, _ in planted]


@pytest.fixture(scope="module")
def checked():
    return run_cli("check", "--content", BROKEN)


def test_check_exits_1_without_a_traceback(checked):
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr + checked.stdout
    assert checked.stderr.strip().splitlines()[-1] == (
        f"ตรวจเนื้อหาแล้ว พบข้อผิดพลาด {len(PLANTED)} รายการ"
    )


def test_check_reports_every_planted_error_at_its_file_line_and_column(checked):
    errors = reported(checked.stderr, "ข้อผิดพลาด")

    assert [(file, line, column) for file, line, column, _ in errors] == expected_lines(PLANTED)


@pytest.mark.parametrize(
    ("file", "line", "column", "field", "words"), PLANTED, ids=[f"{p[0]}:{p[1]}" for p in PLANTED]
)
def test_each_error_names_its_field_and_what_is_wrong(checked, file, line, column, field, words):
    errors = {(f, ln, col): rest for f, ln, col, rest in reported(checked.stderr, "ข้อผิดพลาด")}

    rest = errors[(f"{SHOWN}/{file}", line, column)]

    if field:
        assert rest.startswith(f"{field}: ")
    assert words in rest


def test_check_reports_the_planted_warning_too(checked):
    warnings = reported(checked.stderr, "คำเตือน")

    assert [(f, ln, col) for f, ln, col, _ in warnings] == expected_lines(PLANTED_WARNINGS)
    for (*_, words), (*_, rest) in zip(PLANTED_WARNINGS, warnings, strict=True):
        assert words in rest


def test_check_in_english_reports_the_same_places(checked):
    english = run_cli("check", "--content", BROKEN, "--lang", "en")

    assert english.returncode == 1
    places = [(f, ln, col) for f, ln, col, _ in reported(english.stderr, "error")]
    assert places == expected_lines(PLANTED)


def test_build_with_errors_leaves_the_existing_output_untouched(tmp_path: Path):
    output = tmp_path / "output"
    (output / "oit" / "o23").mkdir(parents=True)
    (output / "index.html").write_text("<h1>เว็บไซต์เดิม</h1>\n", encoding="utf-8")
    (output / "oit" / "o23" / "index.html").write_text("<h1>O23</h1>\n", encoding="utf-8")
    before = snapshot(output)

    result = run_cli("build", "--content", BROKEN, "--output", output)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(reported(result.stderr, "ข้อผิดพลาด")) == len(PLANTED)
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no staging folder
