"""The `report` verb, `--as-of` and `check --strict` from the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "readiness"
COMPLETE = str(FIXTURES / "complete")
GAPS = str(FIXTURES / "monthly-gaps")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_json_lists_every_item_with_code_status_and_reasons(capsys):
    code, out, _ = run(
        capsys, "report", "--content", GAPS, "--as-of", "2023-04-01", "--format", "json"
    )

    report = json.loads(out)
    assert code == 0
    assert [item["code"] for item in report["items"]] == [f"O{n}" for n in range(1, 44)]
    o23 = next(item for item in report["items"] if item["code"] == "O23")
    assert o23["status"] == "incomplete"
    assert "ธันวาคม 2565, มีนาคม 2566" in o23["reasons"][0]
    assert report["as_of"] == "2023-04-01" and report["fiscal_year"] == 2566
    assert report["counts"] == {
        "ready": 1,  # O5, from the address and phone in site.yaml
        "needs_review": 0,
        "incomplete": 1,
        "outdated": 0,
        "missing": 41,
    }
    assert [i["number"] for i in report["indicators"]] == [9, 10]
    assert report["estimate"]["oit_low"] == 1.52  # mean(1 of 33 items, 0 of 10)
    assert "2567" in report["estimate"]["rule"]
    assert any(entry["code"] == "O23" for entry in report["rules_to_confirm"])
    assert "SRC_SPM_SK2567" in report["sources"]


def test_report_speaks_english_with_lang_en(capsys):
    _, out, _ = run(
        capsys,
        "report",
        "--content",
        GAPS,
        "--as-of",
        "2023-04-01",
        "--format",
        "json",
        "--lang",
        "en",
    )

    o23 = next(item for item in json.loads(out)["items"] if item["code"] == "O23")
    assert o23["status_label"] == "incomplete"
    assert "December 2022, March 2023" in o23["reasons"][0]


def test_report_text_has_the_table_counts_estimate_and_rules_to_confirm(capsys):
    code, out, _ = run(capsys, "report", "--content", COMPLETE, "--as-of", "2022-10-01")

    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ความพร้อมของข้อมูล OIT (O1–O43) ณ วันที่ 1 ตุลาคม 2565")
    assert any(line.startswith("O10  ไม่เป็นปัจจุบัน*") for line in lines)
    assert "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล (33 ข้อ): พร้อม 21" in out
    assert "ประมาณการคะแนน OIT" in out and "กติกาที่ใช้:" in out
    assert "O1: ต้องมีครบทุกส่วน: ผู้บริหาร, สมาชิกสภา, พนักงาน — ที่มา: SRC_LADYA" in out


def test_report_csv_has_a_byte_order_mark_and_one_row_per_item(capsysbinary):
    code = main(["report", "--content", GAPS, "--as-of", "2023-04-01", "--format", "csv"])
    data = capsysbinary.readouterr().out

    assert code == 0
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["ข้อ", "ข้อมูล", "ตัวชี้วัดย่อย", "สถานะ"]
    assert len(rows) == 44
    assert rows[23][0] == "O23" and rows[23][3] == "ไม่ครบ*"


def test_report_html_is_a_standalone_page(capsys):
    code, out, _ = run(
        capsys, "report", "--content", GAPS, "--as-of", "2023-04-01", "--format", "html"
    )

    assert code == 0
    assert out.startswith("<!DOCTYPE html>")
    assert 'id="readiness-o23"' in out and "ไม่ครบ" in out


def test_check_strict_fails_when_an_item_is_not_ready(capsys):
    code, out, err = run(
        capsys, "check", "--content", COMPLETE, "--as-of", "2022-10-01", "--strict"
    )

    assert code == 1
    assert "พร้อม 28 จาก 43 ข้อ" in out
    assert "O10 ไม่เป็นปัจจุบัน: มีเฉพาะข้อมูลของปีงบประมาณ 2565" in err
    assert "ยังไม่พร้อม 15 ข้อ — check --strict ไม่ผ่าน" in err


def test_check_strict_passes_when_every_item_is_ready(capsys):
    code, out, err = run(
        capsys, "check", "--content", COMPLETE, "--as-of", "2023-04-01", "--strict"
    )

    assert code == 0, err
    assert "ความพร้อม OIT ณ วันที่ 1 เมษายน 2566: พร้อม 43 จาก 43 ข้อ" in out


def test_check_without_strict_passes_whatever_the_readiness(capsys):
    code, out, _ = run(capsys, "check", "--content", GAPS, "--as-of", "2023-04-01")

    assert code == 0
    assert "พร้อม 1 จาก 43 ข้อ" in out


@pytest.mark.parametrize("bad", ["2566-04-01x", "1/4/2023", "2023-02-30"])
def test_bad_as_of_is_a_usage_error_from_the_catalogue(capsys, bad):
    code, _, err = run(capsys, "report", "--content", GAPS, "--as-of", bad)

    assert code == 2
    assert f"--as-of {bad} ไม่ใช่วันที่แบบ ปี-เดือน-วัน" in err


def test_build_accepts_as_of(tmp_path, capsys):
    code, _, _ = run(
        capsys,
        "build",
        "--content",
        GAPS,
        "--output",
        str(tmp_path / "out"),
        "--as-of",
        "2022-10-01",
        "--quiet",
    )

    assert code == 0
    index = (tmp_path / "out" / "oit" / "index.html").read_text(encoding="utf-8")
    assert 'สถานะความพร้อม ณ วันที่ <time datetime="2022-10-01">1 ตุลาคม 2565</time>' in index


def test_default_reference_date_is_source_date_epoch():
    env = {"SOURCE_DATE_EPOCH": "1680307200", "PATH": "/usr/bin:/bin"}  # 2023-04-01 00:00 UTC
    result = subprocess.run(
        [sys.executable, "build.py", "report", "--content", GAPS, "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )

    assert json.loads(result.stdout)["as_of"] == "2023-04-01"


def test_report_on_the_shipped_content_lists_each_missing_item_and_why():
    result = subprocess.run(
        [sys.executable, "build.py", "report", "--as-of", "2022-03-01", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    report = json.loads(result.stdout)

    by_code = {item["code"]: item for item in report["items"]}
    assert by_code["O42"]["status"] == "ready"  # the 2565 measures feed it
    missing = [code for code, item in by_code.items() if item["status"] == "missing"]
    assert missing == [f"O{n}" for n in range(2, 44) if n != 42]
    # organisation.yaml gives the seed's four units (the staff side) and nothing political.
    assert by_code["O1"]["status"] == "incomplete"
    assert by_code["O1"]["reasons"][0].startswith("ขาดส่วน: ผู้บริหาร, สมาชิกสภา — ")
    assert by_code["O2"]["reasons"] == [
        "ยังไม่มีข้อมูลข้อนี้ในเว็บไซต์ — เพิ่มข้อมูลผู้บริหาร (executives) ในไฟล์ organisation.yaml หรือไฟล์ oit/O2.yaml"
    ]
    assert by_code["O43"]["reasons"] == [
        "ยังไม่มีข้อมูลข้อนี้ในเว็บไซต์ — เพิ่มรายงานผลการดำเนินการตามมาตรการ (progress_reports) ในไฟล์ measures/2565.yaml หรือไฟล์ oit/O43.yaml"
    ]
    assert by_code["O23"]["reasons"][1].startswith("ไม่มีสรุปของเดือน ต.ค. 2564 – ก.พ. 2565")


def test_report_html_without_its_template_says_so_instead_of_a_traceback(capsys, tmp_path):
    code, out, err = run(
        capsys, "report", "--content", GAPS, "--format", "html", "--templates", str(tmp_path)
    )

    assert code == 2
    assert out == ""
    assert err.startswith(f"ไม่พบแม่แบบ readiness_report.html ในโฟลเดอร์ {tmp_path}")


def test_report_on_content_with_errors_lists_them_and_fails(capsys, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(GAPS, content)
    (content / "oit" / "O99.yaml").write_text("code: O99\n", encoding="utf-8")

    code, out, err = run(capsys, "report", "--content", str(content))

    assert code == 1
    assert out == ""
    assert "O99.yaml:1:1: code: ไม่มีข้อ O99 ในแบบตรวจ ita-2565" in err
