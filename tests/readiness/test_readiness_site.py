"""Readiness on the built site: the O1–O43 index, the staff page, the assessor sheet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from site_builder.pipeline import build
from tests.support.http import serve_directory

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATES = ROOT / "templates"
FIXTURES = ROOT / "tests" / "fixtures" / "readiness"
AS_OF = dt.date(2023, 4, 1)
BASE = "https://www.huaysaithong.example/"


def built(tmp_path: Path, agency: str, as_of: dt.date = AS_OF, content: Path | None = None) -> Path:
    output = tmp_path / f"out-{agency}-{as_of}"
    build(content or FIXTURES / agency, TEMPLATES, output, as_of)
    return output


def copy_agency(tmp_path: Path, agency: str) -> Path:
    target = tmp_path / f"content-{agency}"
    shutil.copytree(FIXTURES / agency, target)
    return target


def sheet(output: Path) -> list[list[str]]:
    data = (output / "assessor" / "oit-assessor-sheet.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def row_of(html: str, code: str) -> str:
    match = re.search(rf'<tr id="{code.lower()}">(.*?)</tr>', html, re.S)
    assert match, code
    return match.group(1)


def test_index_shows_each_items_readiness_status_and_last_update(tmp_path):
    index = (built(tmp_path, "monthly-gaps") / "oit" / "index.html").read_text(encoding="utf-8")

    o23 = row_of(index, "O23")
    assert '<span class="status status-incomplete">ไม่ครบ*</span>' in o23
    assert '<time datetime="2023-03-01">1 มีนาคม 2566</time>' in o23  # updated: 2023-03-01
    assert '<span class="status status-missing">ยังไม่มีข้อมูล</span>' in row_of(index, "O1")
    assert 'สถานะความพร้อม ณ วันที่ <time datetime="2023-04-01">' in index
    assert "ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช." in index
    assert "สถานะที่มีเครื่องหมาย * อาศัยเกณฑ์ที่ยังไม่ได้ยืนยัน" in index  # O23's fiscal-year rule


def test_item_page_shows_its_status_and_the_months_stated_as_having_nothing(tmp_path):
    page = (built(tmp_path, "monthly-gaps") / "oit" / "o23" / "index.html").read_text(
        encoding="utf-8"
    )

    assert '<span class="status status-incomplete">ไม่ครบ*</span>' in page
    assert "<li>มกราคม 2566 — ไม่มีการจัดซื้อจัดจ้าง</li>" in page


def test_staff_readiness_page_is_off_by_default(tmp_path):
    output = built(tmp_path, "monthly-gaps")

    assert not (output / "readiness").exists()
    assert "readiness/" not in (output / "oit" / "index.html").read_text(encoding="utf-8")


def test_staff_readiness_page_lists_reasons_when_enabled(tmp_path):
    output = built(tmp_path, "complete", dt.date(2022, 10, 1))  # site.readiness_page: true

    page = (output / "readiness" / "index.html").read_text(encoding="utf-8")
    assert 'href="/readiness/"' in (output / "oit" / "index.html").read_text(encoding="utf-8")
    assert "มีเฉพาะข้อมูลของปีงบประมาณ 2565 — ต้องเป็นเอกสารประจำปีของปีงบประมาณที่ประเมิน" in page
    assert "ประมาณการคะแนน OIT" in page and "SRC_SPM_SK2567" in page
    assert "/readiness/" not in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_assessor_sheet_has_every_item_with_its_absolute_url_and_place_in_the_navigation(tmp_path):
    rows = sheet(built(tmp_path, "complete"))

    assert rows[0] == ["ข้อ", "ชื่อข้อมูล", "URL", "คำอธิบายตำแหน่งข้อมูลบนเว็บไซต์", "สถานะความพร้อม"]
    assert [row[0] for row in rows[1:]] == [f"O{n}" for n in range(1, 44)]
    o23 = rows[23]
    assert o23[1] == "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    assert o23[2] == BASE + "oit/o23/"
    assert o23[3] == (
        "หน้าแรก → เมนู “การเปิดเผยข้อมูล O1–O43” → ตัวชี้วัดย่อยที่ 9.3 การบริหารเงินงบประมาณ"
        " → O23 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    )
    assert o23[4] == "พร้อม"


def test_every_assessor_sheet_url_resolves_to_a_built_page(tmp_path):
    output = built(tmp_path, "complete")
    urls = [row[2] for row in sheet(output)[1:]]

    with serve_directory(output) as local:
        statuses = {}
        for url in urls:
            assert url.startswith(BASE)
            path = url.removeprefix(BASE)
            assert (output / path / "index.html").is_file(), url
            with urllib.request.urlopen(local + path, timeout=10) as response:
                statuses[url] = (
                    response.status,
                    f'<p class="item-code">{path.split("/")[1].upper()}</p>'
                    in response.read().decode(),
                )
    assert set(statuses.values()) == {(200, True)}


def test_item_urls_do_not_move_when_content_is_added(tmp_path):
    content = copy_agency(tmp_path, "missing-items")
    before = sheet(built(tmp_path, "missing-items", content=content))

    (content / "oit" / "O23.yaml").write_text(
        "code: O23\ndocuments:\n  - title: สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2566\n"
        "    url: https://www.khlongsaibua.example/files/o23/2566-03.pdf\n    date: 2023-04-01\n",
        encoding="utf-8",
    )
    (content / "news" / "2566-03-20-market.md").write_text(
        "---\ntitle: ตลาดนัดชุมชน\ndate: 2023-03-20\n---\nตลาดนัดชุมชนทุกวันเสาร์\n", encoding="utf-8"
    )
    (content / "oit" / "O6.yaml").unlink()
    after = sheet(built(tmp_path, "missing-items-more", content=content))

    assert [row[:4] for row in after] == [row[:4] for row in before]
    assert [row[4] for row in before] != [row[4] for row in after]  # only the statuses moved


def test_assessor_sheet_says_clearly_when_base_url_is_missing(tmp_path):
    content = copy_agency(tmp_path, "monthly-gaps")
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "base_url: https://www.bangkradinoi.example/", "base_url: null"
        ),
        encoding="utf-8",
    )
    output = built(tmp_path, "monthly-gaps", content=content)

    rows = sheet(output)
    assert rows[1][2] == "ยังไม่ได้กำหนด site.base_url ใน site.yaml — ที่อยู่ในเว็บไซต์: /oit/o1/"
    page = (output / "assessor" / "index.html").read_text(encoding="utf-8")
    assert "<strong>ยังไม่ได้กำหนด site.base_url ใน site.yaml</strong>" in page


def test_assessor_sheet_urls_keep_the_sub_path_of_base_url(tmp_path):
    content = copy_agency(tmp_path, "monthly-gaps")
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "base_url: https://www.bangkradinoi.example/",
            "base_url: https://www.bangkradinoi.example/oit-site",
        ),
        encoding="utf-8",
    )
    output = built(tmp_path, "monthly-gaps", content=content)

    assert sheet(output)[23][2] == "https://www.bangkradinoi.example/oit-site/oit/o23/"
    page = (output / "assessor" / "index.html").read_text(encoding="utf-8")
    assert 'href="/oit-site/assessor/oit-assessor-sheet.csv"' in page


@pytest.mark.parametrize("agency", ["complete", "monthly-gaps"])
def test_same_content_and_date_give_byte_identical_readiness_pages(tmp_path, agency):
    first = built(tmp_path / "a", agency)
    second = built(tmp_path / "b", agency)

    for name in ("oit/index.html", "assessor/index.html", "assessor/oit-assessor-sheet.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
