"""Stage 4 — render: filters, the SVG chart, the page plan and page rendering."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_builder import thai
from site_builder.model import Indicator
from site_builder.pipeline import load_site, render_site
from site_builder.render.charts import indicator_bars
from site_builder.render.environment import make_chrome, make_environment
from site_builder.render.filters import markdown, score, tel_href, thai_date
from site_builder.render.pages import plan_pages
from tests.support.content import write_tree

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SVG = "{http://www.w3.org/2000/svg}"

SITE = """\
agency:
  name_th: เทศบาลตำบลตัวอย่าง
  type: เทศบาลตำบล
site:
  base_url: {base_url}
  fiscal_year: 2565
  checklist: ita-2565
"""


def build_model(root: Path, files: dict[str, str | bytes], base_url: str = "null"):
    write_tree(root, {"site.yaml": SITE.format(base_url=base_url), **files})
    site, problems = load_site(root)
    assert site is not None, [p.format("en") for p in problems]
    return site


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        (dt.date(2022, 1, 24), "24 มกราคม 2565"),
        (dt.date(2021, 12, 31), "31 ธันวาคม 2564"),
        (dt.date(2022, 9, 30), "30 กันยายน 2565"),
    ],
)
def test_thai_date_uses_the_buddhist_era_year(date: dt.date, shown: str):
    assert thai_date(date) == shown


def test_thai_date_of_nothing_is_empty():
    assert thai_date(None) == ""


@pytest.mark.parametrize(
    ("date", "fiscal_year"),
    [(dt.date(2021, 9, 30), 2564), (dt.date(2021, 10, 1), 2565), (dt.date(2022, 9, 30), 2565)],
)
def test_fiscal_year_starts_on_1_october(date: dt.date, fiscal_year: int):
    assert thai.fiscal_year_of(date) == fiscal_year


def test_fiscal_year_bounds():
    assert thai.fiscal_year_bounds(2565) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))


@pytest.mark.parametrize(
    ("value", "shown"), [(37.5, "37.50"), (75.36, "75.36"), (85, "85.00"), (87.978, "87.98")]
)
def test_scores_are_shown_with_two_decimals(value: float, shown: str):
    assert score(value) == shown


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("0 3451 2345", "tel:034512345"),
        ("034-512-345", "tel:034512345"),
        ("0 3451 2346 ต่อ 102", "tel:034512346,102"),
        ("+66 34 512 345 ext. 9", "tel:+6634512345,9"),
        ("08 1234 5678", "tel:0812345678"),
    ],
)
def test_phone_links_dial_digits_and_the_extension(phone: str, href: str):
    assert tel_href(phone) == href


def test_markdown_is_sanitised():
    html = str(markdown("ข้อความ <script>alert(1)</script> [ลิงก์](javascript:alert(1))"))

    assert "<script" not in html
    assert "javascript:" not in html
    assert "ข้อความ" in html


INDICATORS = [
    Indicator(1, "การปฏิบัติหน้าที่", "IIT", 93.57, 1),
    Indicator(2, "การใช้งบประมาณ", "IIT", 84.05, 3),
    Indicator(9, "การเปิดเผยข้อมูล", "OIT", 84.06, 2),
    Indicator(10, "การป้องกัน <การทุจริต> & อื่น ๆ", "OIT", 37.50, 4),
]


def chart() -> ET.Element:
    return ET.fromstring(str(indicator_bars(INDICATORS, 85, "คะแนน ITA ปี 2564")))


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def test_chart_is_svg_with_a_title():
    svg = chart()

    assert svg.tag == f"{SVG}svg"
    assert svg.findtext(f"{SVG}title") == "คะแนน ITA ปี 2564"


def test_chart_has_one_bar_per_indicator_with_width_proportional_to_the_score():
    bars = [r for r in chart().iter(f"{SVG}rect") if "chart-bar" in classes(r)]

    assert len(bars) == len(INDICATORS)
    widths = [float(bar.get("width")) for bar in bars]
    for bar_width, indicator in zip(widths, INDICATORS, strict=True):
        assert bar_width / widths[0] == pytest.approx(indicator.score / 93.57, abs=0.002)


def test_chart_marks_bars_below_the_target():
    bars = [r for r in chart().iter(f"{SVG}rect") if "chart-bar" in classes(r)]

    assert ["chart-bar-below" in classes(bar) for bar in bars] == [False, True, True, True]


def test_chart_draws_the_target_line_at_85():
    svg = chart()
    bars = [r for r in svg.iter(f"{SVG}rect") if "chart-bar" in classes(r)]
    [target] = [line for line in svg.iter(f"{SVG}line") if "chart-target" in classes(line)]

    x0 = float(bars[0].get("x"))
    per_point = float(bars[0].get("width")) / 93.57
    assert float(target.get("x1")) == float(target.get("x2"))
    assert float(target.get("x1")) == pytest.approx(x0 + 85 * per_point, abs=0.1)
    labels = [t.text for t in svg.iter(f"{SVG}text") if "chart-target-label" in classes(t)]
    assert labels == ["เป้าหมาย 85"]


def test_chart_labels_show_scores_and_escape_names():
    texts = [t.text for t in chart().iter(f"{SVG}text")]

    assert "37.50" in texts and "93.57" in texts
    assert "10. การป้องกัน <การทุจริต> & อื่น ๆ" in texts


def test_every_o_item_has_a_page_at_oit_o_number(tmp_path: Path):
    site = build_model(tmp_path / "content", {})

    pages = {page.path: page for page in plan_pages(site)}

    for number in range(1, 44):
        page = pages[f"oit/o{number}/"]
        assert page.template == "oit_item.html"
        assert page.output_file == f"oit/o{number}/index.html"
        assert page.inputs["item"].code == f"O{number}"


NEWS = "---\ntitle: {title}\ndate: 2022-01-24\n---\nเนื้อหา\n"


def test_urls_do_not_change_when_content_is_added(tmp_path: Path):
    before = {p.path for p in plan_pages(build_model(tmp_path / "a", {}))}
    after_files = {
        "oit/o23-procurement.yaml": "code: O23\ntext: สรุปผลการจัดซื้อจัดจ้าง\n",
        "oit/o1.yaml": "code: O1\ntext: โครงสร้าง\n",
        "news/2565-01-24-meeting.md": NEWS.format(title="ประชุมประชาคม"),
    }
    after = {p.path for p in plan_pages(build_model(tmp_path / "b", after_files))}

    assert before <= after
    assert after - before == {"news/2565-01-24-meeting/"}


def test_news_url_comes_from_the_file_name_not_the_title(tmp_path: Path):
    first = build_model(tmp_path / "a", {"news/meeting.md": NEWS.format(title="ประชุม")})
    renamed = build_model(tmp_path / "b", {"news/meeting.md": NEWS.format(title="ประชุมใหม่")})

    assert [p.path for p in first.news] == [p.path for p in renamed.news] == ["news/meeting/"]


def test_page_plan_is_in_a_stable_order(tmp_path: Path):
    files = {f"news/n{i}.md": NEWS.format(title=f"ข่าว {i}") for i in range(5)}
    site = build_model(tmp_path / "content", files)

    assert [p.path for p in plan_pages(site)] == [p.path for p in plan_pages(site)]


def test_every_page_has_a_title_and_html_pages_a_description(tmp_path: Path):
    site = build_model(tmp_path / "content", {"news/a.md": NEWS.format(title="ข่าว")})

    for page in plan_pages(site):
        assert page.title, page.path
        if page.output_file.endswith(".html"):
            assert page.description, page.path


def test_links_work_when_the_site_is_served_under_a_sub_path(tmp_path: Path):
    site = build_model(tmp_path / "content", {}, base_url="https://www.example.go.th/lad-ya")
    chrome = make_chrome(site)
    env = make_environment(TEMPLATES, chrome)

    assert chrome.base_url == "https://www.example.go.th/lad-ya/"
    assert env.filters["url"]("oit/o23/") == "/lad-ya/oit/o23/"
    assert env.filters["absolute_url"]("oit/o23/") == "https://www.example.go.th/lad-ya/oit/o23/"


def test_content_is_escaped_in_pages(tmp_path: Path):
    site = build_model(
        tmp_path / "content",
        {"news/a.md": NEWS.format(title="'<script>alert(1)</script>'")},
    )

    rendered = dict((page.path, html) for page, html in render_site(site, TEMPLATES))

    assert b"<script>alert(1)</script>" not in rendered["news/a/"]
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in rendered["news/a/"]
