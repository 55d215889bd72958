"""The theme as built: no requests to other hosts, self-hosted Sarabun, Thai dates and
numbers, canonical URLs, OpenGraph, schema.org JSON-LD, favicon."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from selenium import webdriver

from tests.public_site.conftest import BuiltSite
from tests.support.http import serve_directory

FIXTURE_URL = "https://www.huainamthip.example/transparency/"


# (element, attribute) pairs whose URL the browser fetches while loading the page.
_FETCHED = frozenset({("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"),
                      ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
                      ("object", "data")})  # fmt: skip


class _Page(HTMLParser):
    """What a page would fetch (src/href of resources), and its meta and JSON-LD."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") in ("canonical", "alternate"):
            if a["rel"] == "canonical":
                self.canonical = a["href"]
            return  # addresses of this page, not requests
        for element, attribute in _FETCHED:
            if tag == element and attribute in a:
                self.fetched.append(a[attribute])
        if "style" in a:
            self.fetched += re.findall(r"url\(['\"]?([^'\")]+)", a["style"])
        if tag == "meta" and "property" in a:
            self.meta[a["property"]] = a.get("content", "")
        self._in_json_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_json_ld = False


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def text(site: BuiltSite, path: str) -> str:
    return (site.root / path / "index.html").read_text("utf-8")


def test_pages_and_styles_fetch_nothing_from_other_hosts(
    shipped_site: BuiltSite, fixture_site: BuiltSite
):
    foreign = []
    for site in (shipped_site, fixture_site):
        for page in site.html_files():
            for url in parse(page).fetched:
                if not url.startswith(site.prefix) or url.startswith("//"):
                    foreign.append(f"{page.relative_to(site.root)}: {url}")
        for sheet in site.root.rglob("*.css"):
            for url in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text("utf-8")):
                if re.match(r"^[a-z]+:|^//", url) and not url.startswith("data:"):
                    foreign.append(f"{sheet.relative_to(site.root)}: {url}")

    assert foreign == []


def test_sarabun_is_self_hosted_as_woff2_with_swap_and_its_licence(shipped_site: BuiltSite):
    css = (shipped_site.root / "static" / "site.css").read_text("utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    fonts = shipped_site.root / "static" / "fonts"

    assert len(faces) == 4  # Thai and Latin subsets, weights 400 and 700
    for face in faces:
        assert '"Sarabun"' in face and "font-display: swap" in face
        (file,) = re.findall(r'url\("([^"]+\.woff2)"\)', face)
        assert (shipped_site.root / "static" / file).stat().st_size > 5000
    assert sorted(re.findall(r"font-weight: (\d+)", " ".join(faces))) == [
        "400",
        "400",
        "700",
        "700",
    ]
    assert "SIL Open Font License" in (fonts / "OFL.txt").read_text("utf-8")


def test_shipped_site_shows_thai_months_buddhist_years_and_two_decimal_scores(
    shipped_site: BuiltSite,
):
    measures = text(shipped_site, "measures/2565")
    ita = text(shipped_site, "ita/2564")

    assert '<time datetime="2022-01-24">24 มกราคม 2565</time>' in measures
    assert "75.36" in ita
    assert ">37.50</text>" in ita and '<td class="num">37.50</td>' in ita  # chart and table
    assert "ร้อยละ 30" in ita


def test_thai_digits_option_writes_dates_scores_counts_and_chart_in_thai_digits(
    fixture_site: BuiltSite,
):
    measures = text(fixture_site, "measures/2565")
    ita = text(fixture_site, "ita/2564")
    home = text(fixture_site, "")

    assert '<time datetime="2022-01-14">๑๔ มกราคม ๒๕๖๕</time>' in measures
    assert "มาตรการที่ ๑</span>" in measures and "มาตรการที่ ๑, ๒" in measures
    assert 'id="measure-1"' in measures  # anchors other sites link to keep their digits
    assert "<title>ผลการประเมิน ITA ปี ๒๕๖๔ |" in ita
    assert '<dd class="score">๗๙.๖๓</dd>' in ita
    assert 'class="chart-value"' in ita and ">๖๒.๕๐</text>" in ita
    assert "ร้อยละ ๓๐" in ita
    assert "เผยแพร่แล้ว ๖ จาก ๔๓ ข้อ" in home  # O5, O7, O23, O30, O42, O43
    assert not re.search(r">\s*[0-9]+ มกราคม", measures)  # no Arabic-digit dates left


def test_fixture_pages_have_canonical_and_opengraph_addresses_under_the_base_url(
    fixture_site: BuiltSite,
):
    page = parse(fixture_site.root / "oit" / "o23" / "index.html")
    not_found = parse(fixture_site.root / "404.html")

    assert page.canonical == FIXTURE_URL + "oit/o23/"
    assert page.meta["og:url"] == FIXTURE_URL + "oit/o23/"
    assert page.meta["og:title"] == "O23 สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    assert page.meta["og:image"] == FIXTURE_URL + "files/logo.svg"
    assert page.meta["og:locale"] == "th_TH"
    assert page.meta["og:site_name"] == "เทศบาลตำบลห้วยน้ำทิพย์"
    assert not_found.canonical is None  # the 404 page is not a page to index


def test_home_page_describes_the_agency_as_a_government_organization(fixture_site: BuiltSite):
    (block,) = parse(fixture_site.root / "index.html").json_ld

    assert json.loads(block) == {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": "เทศบาลตำบลห้วยน้ำทิพย์",
        "alternateName": ["ทต.ห้วยน้ำทิพย์", "Huai Nam Thip Subdistrict Municipality"],
        "url": FIXTURE_URL,
        "logo": FIXTURE_URL + "files/logo.svg",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "สำนักงานเทศบาลตำบลห้วยน้ำทิพย์ เลขที่ 99 หมู่ 4 ตำบลห้วยน้ำทิพย์ อำเภอทองผาภูมิ จังหวัดกาญจนบุรี 71180",
            "addressLocality": "อำเภอทองผาภูมิ",
            "addressRegion": "จังหวัดกาญจนบุรี",
            "addressCountry": "TH",
        },
        "telephone": ["034 000 101", "034 000 102"],
        "email": "saraban@huainamthip.example",
        "sameAs": ["https://social.example/huainamthip"],
    }


def test_shipped_json_ld_leaves_out_what_the_agency_has_not_published(shipped_site: BuiltSite):
    (block,) = parse(shipped_site.root / "index.html").json_ld
    data = json.loads(block)

    assert data["name"] == "องค์การบริหารส่วนตำบลลาดหญ้า"
    assert not {"telephone", "email", "url", "logo", "sameAs", "streetAddress"} & (
        data.keys() | data["address"].keys()
    )


def test_favicons_are_linked_and_shipped(fixture_site: BuiltSite):
    links = re.findall(
        r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"',
        text(fixture_site, "contact"),
    )

    assert {rel for rel, _ in links} == {"icon", "apple-touch-icon"}
    for _, href in links:
        assert (fixture_site.root / href.removeprefix(fixture_site.prefix)).is_file()


def test_footer_lists_the_complaint_channels_of_o30(fixture_site: BuiltSite):
    footer = text(fixture_site, "news").split('<footer class="site-footer">', 1)[1]

    assert (
        '<a href="https://forms.example/huainamthip-complaint">แบบฟอร์มร้องเรียนออนไลน์</a>' in footer
    )
    assert 'href="tel:034000101"' in footer and "mailto:saraban@huainamthip.example" in footer
    assert 'href="/transparency/oit/o30/"' in footer


@pytest.mark.browser
def test_body_text_is_sarabun_at_least_16_px_with_room_for_thai_marks(
    chromium: webdriver.Chrome, shipped_site: BuiltSite
):
    with serve_directory(shipped_site.root) as origin:
        chromium.get(origin + "measures/2565/")
        style = chromium.execute_async_script(
            "const done = arguments[0];"
            "document.fonts.ready.then(() => { const s = getComputedStyle(document.body);"
            " done({size: parseFloat(s.fontSize), line: parseFloat(s.lineHeight),"
            " loaded: [...document.fonts].filter((f) => f.status === 'loaded')"
            "   .map((f) => f.family + ' ' + f.weight)}); });"
        )

    assert style["size"] >= 16
    assert style["line"] / style["size"] >= 1.6  # stacked vowels and tone marks need the room
    assert '"Sarabun" 400' in style["loaded"] or "Sarabun 400" in style["loaded"]


def test_robots_names_the_sitemap_only_when_its_absolute_address_is_known(
    shipped_site: BuiltSite, fixture_site: BuiltSite
):
    # Sitemap: must be an absolute URL; without site.base_url there is none to give.
    assert "Sitemap:" not in (shipped_site.root / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {FIXTURE_URL}sitemap.xml\n" in (fixture_site.root / "robots.txt").read_text(
        "utf-8"
    )
