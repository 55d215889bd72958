"""The complete fixture agency (เทศบาลตำบลตัวอย่าง): every content type reaches its page."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.support.cli import COMPLETE, Built, snapshot
from tests.support.html import Element, read_page

O23_DOCUMENTS = [
    ("สรุปผลการจัดซื้อจัดจ้าง เดือนมกราคม 2565", "/files/o23/2565-01.pdf", "5 กุมภาพันธ์ 2565"),
    ("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2565", "/files/o23/2565-02.pdf", "7 มีนาคม 2565"),
    ("สรุปผลการจัดซื้อจัดจ้าง เดือนมีนาคม 2565", "/files/o23/2565-03.pdf", "8 เมษายน 2565"),
]


def main_of(built: Built, path: str) -> Element:
    return read_page(built.output / path / "index.html").root.find("main")


def documents(list_element: Element) -> list[tuple[str, str, str]]:
    """(title, href, Thai date) of each entry of a documents list."""
    return [
        (
            li.find("a").text,
            li.find("a").attrs["href"],
            li.find("time").text if li.find_all("time") else "",
        )
        for li in list_element.child_elements("li")
    ]


def test_o23_page_lists_its_documents_and_they_are_copied(complete_site: Built):
    main = main_of(complete_site, "oit/o23")

    listed = documents(main.find("ul", cls="documents"))

    assert listed == O23_DOCUMENTS
    for _, href, _ in listed:
        copied = complete_site.output / href.lstrip("/")
        assert copied.read_bytes() == (COMPLETE / href.lstrip("/")).read_bytes()
    # Judged on 30 April 2565 (tests/e2e/conftest.py): October to December 2564 are missing.
    assert main.find("span", cls="status").text == "ไม่ครบ*"
    facts = main.find("dl", cls="item-facts")
    updated = facts.find_all("dd")[1].find("time")
    assert updated.attrs["datetime"] == "2022-04-08"  # the newest document's date


def test_every_attachment_is_copied_byte_for_byte(complete_site: Built):
    assert snapshot(complete_site.output / "files") == snapshot(COMPLETE / "files")


def test_disclosure_with_links_and_an_external_document(complete_site: Built):
    o22 = main_of(complete_site, "oit/o22")
    o6 = main_of(complete_site, "oit/o6")

    [(title, href, date)] = documents(o22.find("ul", cls="documents"))
    assert (title, href, date) == (
        "ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีต หมู่ที่ 5",
        "https://www.gprocurement.go.th/",
        "1 มีนาคม 2565",
    )
    assert [(t, h) for t, h, _ in documents(o6.find("ul", cls="documents"))] == [
        ("พระราชบัญญัติเทศบาล พ.ศ. 2496", "https://www.krisdika.go.th/"),
        ("พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540", "https://www.oic.go.th/"),
    ]


def test_markdown_table_in_a_disclosure_becomes_a_table(complete_site: Built):
    table = main_of(complete_site, "oit/o2").find("div", cls="prose").find("table")

    headers = [th.text for th in table.find("thead").find_all("th")]
    assert headers == ["ตำแหน่ง", "ชื่อ-นามสกุล", "โทรศัพท์"]
    assert len(table.find("tbody").find_all("tr")) == 2


def test_items_fed_by_news_and_measures_are_published(complete_site: Built):
    o7 = main_of(complete_site, "oit/o7")
    o43 = main_of(complete_site, "oit/o43")

    assert [a.attrs["href"] for a in o7.find("ul", cls="link-list").find_all("a")] == [
        "/news/2565-05-02-canal-cleaning/",
        "/news/2565-03-15-e-service/",
        "/news/2565-01-24-community-meeting/",
    ]
    assert [a.text for a in o43.find("ul", cls="link-list").find_all("a")] == [
        "รายงานการดำเนินการตามมาตรการ รอบ 6 เดือน",
        "รายงานการดำเนินการตามมาตรการ ประจำปี",
    ]


def test_checklist_index_counts_published_items_and_shows_each_status(complete_site: Built):
    index = main_of(complete_site, "oit")
    rows = {tr.attrs["id"]: tr for tr in index.find_all("tr") if "id" in tr.attrs}

    assert rows["o23"].find("span", cls="status").text == "ไม่ครบ*"
    assert rows["o23"].find("time").text == "8 เมษายน 2565"
    assert rows["o11"].find("span", cls="status").text == "ยังไม่มีข้อมูล"
    assert "status-ready" in rows["o3"].find("span", cls="status").classes
    # 20 disclosure files, plus O7, O42 and O43 from news and measures
    assert "เผยแพร่แล้ว 23 จาก 43 ข้อ" in index.find("p").text


def test_measures_page_shows_documents_and_progress_reports(complete_site: Built):
    main = main_of(complete_site, "measures/2565")

    assert len(main.find_all("article", cls="measure")) == 3
    announcement = main.find("section", **{"aria-labelledby": "measure-documents"})
    assert documents(announcement.find("ul", cls="documents")) == [
        (
            "ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2565",
            "/files/measures/2565-measures-announcement.pdf",
            "25 มกราคม 2565",
        )
    ]
    reports = main.find("section", id="progress").find_all("article", cls="progress-report")
    assert [r.find("h3").text for r in reports] == [
        "รายงานการดำเนินการตามมาตรการ รอบ 6 เดือน",
        "รายงานการดำเนินการตามมาตรการ ประจำปี",
    ]
    assert reports[0].find("p", cls="meta").text == "20 เมษายน 2565 · มาตรการที่ 1, 2"
    assert (
        documents(reports[1].find("ul", cls="documents"))[0][1]
        == "/files/measures/2565-progress-annual.pdf"
    )


def test_news_post_shows_its_image_body_and_attachments(complete_site: Built):
    article = main_of(complete_site, "news/2565-01-24-community-meeting").find("article")

    assert article.find("h1").text == "ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น"
    assert article.find("time").text == "24 มกราคม 2565"
    assert article.find("img").attrs["src"] == "/files/news/2565-01-24-community-meeting.png"
    assert article.find("div", cls="prose").find("strong").text == "แผนพัฒนาท้องถิ่น"
    assert [li.text for li in article.find("div", cls="prose").find("ul").find_all("li")] == [
        "ซ่อมแซมถนนสายหลักหมู่ที่ 5",
        "ติดตั้งไฟส่องสว่างริมคลอง",
    ]
    assert documents(article.find("ul", cls="documents")) == [
        (
            "บันทึกการประชุมประชาคม",
            "/files/news/2565-01-24-community-meeting-minutes.pdf",
            "25 มกราคม 2565",
        )
    ]


def test_news_list_is_newest_first(complete_site: Built):
    items = main_of(complete_site, "news").find("ul", cls="news-list").child_elements("li")

    assert [li.find("time").attrs["datetime"] for li in items] == [
        "2022-05-02",
        "2022-03-15",
        "2022-01-24",
    ]


def test_contact_page_shows_every_agency_detail(complete_site: Built):
    details = main_of(complete_site, "contact").find("dl", cls="contact")
    values = dict(
        zip([dt.text for dt in details.find_all("dt")], details.find_all("dd"), strict=True)
    )

    assert values["ที่อยู่"].text.startswith("เลขที่ 99 หมู่ที่ 3")
    assert [(a.text, a.attrs["href"]) for a in values["โทรศัพท์"].find_all("a")] == [
        ("0 3451 2345", "tel:034512345"),
        ("0 3451 2346 ต่อ 102", "tel:034512346,102"),
    ]
    assert values["อีเมล"].find("a").attrs["href"] == "mailto:saraban@tuayang.example"
    assert values["เวลาทำการ"].text.startswith("วันจันทร์–วันศุกร์")
    assert [a.text for a in values["สื่อสังคม"].find_all("a")] == ["Facebook", "LINE"]


def test_every_page_shows_the_logo_and_links_to_the_canonical_address(complete_site: Built):
    for path in ("", "oit/o23/", "news/2565-03-15-e-service/"):
        page = read_page(complete_site.output / path / "index.html").root

        assert page.find("img", cls="logo").attrs["src"] == "/files/logo.png"
        canonical = page.find("link", rel="canonical").attrs["href"]
        assert canonical == f"https://tuayang.example/{path}"


def test_ita_pages_for_both_years_newest_first(complete_site: Built):
    rows = main_of(complete_site, "ita").find("tbody").find_all("tr")
    home = read_page(complete_site.output / "index.html").root.find("main")

    assert [(r.find("th").text, r.find("td").text) for r in rows] == [
        ("2565", "84.13"),
        ("2564", "73.38"),
    ]
    assert home.find("span", cls="score").text == "84.13"  # the latest result


def test_analysis_shows_the_issue_found_when_it_is_given(complete_site: Built):
    row = main_of(complete_site, "ita/2564/analysis").find("tr", id="q-e5")

    assert row.find("div", cls="issue").text == "ผู้รับบริการหาข้อมูลบนเว็บไซต์ไม่พบ"


def test_feed_links_point_at_the_public_address(complete_site: Built):
    text = (complete_site.output / "feed.xml").read_text(encoding="utf-8")
    sitemap = (complete_site.output / "sitemap.xml").read_text(encoding="utf-8")

    assert "<id>https://tuayang.example/news/2565-05-02-canal-cleaning/</id>" in text
    assert {urlsplit(u).netloc for u in sitemap.split("<loc>")[1:]} == {"tuayang.example"}
