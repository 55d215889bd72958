"""The printable measures document: A4, laid out like the agency's own, optionally as PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.pipeline import build
from tests.support.pdf import page_size, poppler
from tests.support.sites import CONTENT, FIXTURE_AGENCY, ROOT, TEMPLATES, build_into, copy_agency

PRINT_PAGE = Path("measures/2565/print/index.html")
PDF = Path("measures/2565/print/measures-2565.pdf")


@pytest.fixture(scope="module")
def lad_ya(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(CONTENT, tmp_path_factory.mktemp("lad-ya") / "output")


@pytest.fixture(scope="module")
def lad_ya_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("lad-ya-pdf") / "output"
    build(CONTENT, TEMPLATES, output, pdf=True)
    return output


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_document_has_the_seeds_two_parts_with_thai_numerals(lad_ya: Path):
    text = text_of((lad_ya / PRINT_PAGE).read_text(encoding="utf-8"))

    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๕" in text
    assert "องค์การบริหารส่วนตำบลลาดหญ้า อำเภอเมืองกาญจนบุรี จังหวัดกาญจนบุรี" in text
    assert "๑. การวิเคราะห์ผลการประเมิน ITA ของ องค์การบริหารส่วนตำบลลาดหญ้า ปีงบประมาณ พ.ศ. ๒๕๖๔" in text
    assert "๒. ข้อเสนอแนะในการพัฒนาคุณธรรมและความโปร่งใสในปีงบประมาณ พ.ศ. ๒๕๖๕" in text
    assert text.index("๑. การวิเคราะห์") < text.index("๒. ข้อเสนอแนะ")


def test_indicators_are_ranked_from_the_highest_score_as_in_the_seed(lad_ya: Path):
    html = (lad_ya / PRINT_PAGE).read_text(encoding="utf-8")
    ranking = html[
        html.index('class="ranking"') : html.index("</table>", html.index('class="ranking"'))
    ]
    rows = re.findall(r"<tr><td class=\"num\">([๐-๙]+)</td><td>([^<]+)</td>", ranking)

    assert rows[0] == ("๑", "การปฏิบัติหน้าที่")
    assert rows[-1] == ("๑๐", "การป้องกันการทุจริต")
    assert "คะแนนสูงสุด" in ranking and "๙๓.๕๗" in ranking and "๓๗.๕๐" in ranking


def test_every_measure_and_analysis_row_is_in_the_document(lad_ya: Path):
    text = text_of((lad_ya / PRINT_PAGE).read_text(encoding="utf-8"))

    for number in "๑๒๓๔":
        assert f"{number}. " in text
    assert "จัดอบรม/ประชุมให้กับเจ้าหน้าที่เกี่ยวกับการดำเนินการทางวินัย" in text
    assert "สำนักปลัด กองคลัง กองช่าง กองสวัสดิการ" in text
    assert "ธ.ค. ๖๔- ก.ย. ๖๕" in text
    assert "I๒๑" in text and "E๑๕" in text and "O๔๓" in text


def test_document_leaves_a_place_to_sign(lad_ya: Path):
    text = text_of((lad_ya / PRINT_PAGE).read_text(encoding="utf-8"))

    assert "ลงชื่อ" in text and "ตำแหน่ง" in text and "ประกาศ ณ วันที่" in text


def test_measures_page_links_the_print_version_which_stays_out_of_the_sitemap(lad_ya: Path):
    measures = (lad_ya / "measures" / "2565" / "index.html").read_text(encoding="utf-8")
    sitemap = (lad_ya / "sitemap.xml").read_text(encoding="utf-8")

    assert 'href="/measures/2565/print/"' in measures
    assert "measures-2565.pdf" not in measures  # no PDF without --pdf
    assert "/print/" not in sitemap
    assert not (lad_ya / PDF).exists()


def test_measures_without_an_analysed_assessment_start_at_part_one(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE_AGENCY)
    shutil.rmtree(content / "ita")
    measures = content / "measures" / "2566.yaml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("assessment: 2565\n", ""), encoding="utf-8"
    )

    output = build_into(content, tmp_path / "output")

    text = text_of((output / "measures/2566/print/index.html").read_text(encoding="utf-8"))
    assert "๑. ข้อเสนอแนะในการพัฒนาคุณธรรมและความโปร่งใสในปีงบประมาณ พ.ศ. ๒๕๖๖" in text
    assert "การวิเคราะห์ผลการประเมิน ITA" not in text


def test_pdf_is_a4_and_embeds_only_the_sites_sarabun_fonts(lad_ya_pdf: Path):
    pdf = str(lad_ya_pdf / PDF)

    fonts = {line.split()[0].split("+")[-1] for line in poppler("pdffonts", pdf).splitlines()[2:]}
    text = poppler("pdftotext", "-layout", pdf, "-")

    assert page_size(str(pdf)).endswith("pts (A4)")
    assert fonts == {"Sarabun-Thai", "Sarabun-Thai-Bold", "Sarabun-Latin", "Sarabun-Latin-Bold"}
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใส" in text
    assert "การปฏิบัติหน้าที่" in text


def test_pdf_is_linked_from_the_print_and_measures_pages(lad_ya_pdf: Path):
    link = 'href="/measures/2565/print/measures-2565.pdf"'

    assert link in (lad_ya_pdf / PRINT_PAGE).read_text(encoding="utf-8")
    assert link in (lad_ya_pdf / "measures/2565/index.html").read_text(encoding="utf-8")


def test_pdf_bytes_are_the_same_on_every_build(lad_ya_pdf: Path, tmp_path: Path):
    again = tmp_path / "again"
    build(CONTENT, TEMPLATES, again, pdf=True)

    assert (again / PDF).read_bytes() == (lad_ya_pdf / PDF).read_bytes()


def test_without_weasyprint_a_pdf_build_explains_what_to_install_and_writes_nothing(
    tmp_path: Path,
):
    output = tmp_path / "output"
    # Python's documented way to make an import fail: a None entry in sys.modules.
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from site_builder.cli import main\n"
        f"raise SystemExit(main(['build', '--pdf', '--lang', 'en', '--output', {str(output)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )

    assert result.returncode == 1
    assert "pip install '.[pdf]'" in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()
