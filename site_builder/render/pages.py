"""The page plan: every output file, the template that draws it and the inputs it needs.

A page is rendered from its entry alone (plus the shared `Chrome`), so pages can be
rendered in any order, in parallel, or only when their `sources` changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from site_builder import thai
from site_builder.build_date import source_date
from site_builder.model import FeedLink, OitItem, Site
from site_builder.opendata.licence import data_licence
from site_builder.render.pagination import paginate

SITE_FILE = "site.yaml"
# The Atom feed carries the newest posts only, as feeds do: readers poll it, and a feed
# of every post ever written would make each news edit re-render thousands of bodies.
FEED_ENTRIES = 50
# An O item fed by the news (O7) lists the newest posts only, with the number of posts and
# a link to the news pages: that is what an assessor checks (news is published, and
# recently), and the page stays short on a phone however many posts the site has. Fixed
# rather than `news_per_page`, so the item page does not grow into a copy of the first
# news page on a site that shows many posts per page.
ITEM_NEWS_LINKS = 10


@dataclass(frozen=True, slots=True)
class Crumb:
    label: str
    path: str | None  # None for the current page


@dataclass(frozen=True, slots=True)
class NavLink:
    label: str
    path: str


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # site path: "" (home), "oit/o23/", "404.html", "sitemap.xml"
    template: str
    title: str
    description: str
    breadcrumbs: tuple[Crumb, ...] = ()
    inputs: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # content files the page is drawn from (besides site.yaml)
    in_sitemap: bool = True
    lastmod: dt.date | None = None
    # What the page shows of O items, or judges them by, from the content that feeds them
    # (news posts, measures): a key of those feed links (`feed_key`), standing in for their
    # files in `sources`. A post's text is not in it, so editing the text of a post
    # re-renders no O1–O43 page; a new title or date may change O7's status everywhere.
    feeds: str = ""

    @property
    def output_file(self) -> str:
        return f"{self.path}index.html" if self.path == "" or self.path.endswith("/") else self.path

    @property
    def section(self) -> str:
        """First path segment, used to mark the current navigation entry."""
        return self.path.split("/", 1)[0]


NAVIGATION = (
    NavLink("หน้าแรก", ""),
    NavLink("ผลการประเมิน ITA", "ita/"),
    NavLink("มาตรการ", "measures/"),
    NavLink("การเปิดเผยข้อมูล O1–O43", "oit/"),
    NavLink("ข่าว", "news/"),
    NavLink("ติดต่อ", "contact/"),
)

HOME = Crumb("หน้าแรก", "")


def _trail(*crumbs: Crumb) -> tuple[Crumb, ...]:
    return (HOME, *crumbs)


def _item_sources(item: OitItem) -> tuple[str, ...]:
    """An O item's own file and the files of the records drawn on its page (procurement
    CSV files, organisation.yaml, …); the content feeding it is in its `feed_key`."""
    own = (item.source,) if item.source else ()
    records = (source for record in item.records for source in record.sources)
    return tuple(sorted({*own, *records}))


def feed_key(links: Iterable[FeedLink]) -> str:
    """A short key of feed links — what an O item takes from the posts and measures that
    feed it (file, address, title, date) — or "" when there are none."""
    text = "\1".join(f"{link.source}\0{link.path}\0{link.title}\0{link.date}" for link in links)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest() if text else ""


def combined_feed_key(keys: Mapping[str, str]) -> str:
    """One key for a page showing several O items (name → its feed key): home, the
    O1–O43 index, the datasets page, the readiness pages."""
    text = "\1".join(f"{name}\0{key}" for name, key in sorted(keys.items()) if key)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest() if text else ""


def plan_pages(site: Site) -> list[Page]:
    """All pages of the site, in a stable order."""
    agency = site.agency.name_th
    checklist = site.checklist
    n = thai.numerals(site.settings.thai_digits)  # years and scores in titles
    pages: list[Page] = []
    latest_assessment = site.assessments[0] if site.assessments else None
    current_measures = next(
        (m for m in site.measure_sets if m.fiscal_year == site.settings.fiscal_year),
        site.measure_sets[0] if site.measure_sets else None,
    )

    checklist_sources = tuple(sorted({s for item in checklist.items for s in _item_sources(item)}))
    item_feeds = {item.code: feed_key(item.fed_by) for item in checklist.items}
    checklist_feeds = combined_feed_key(item_feeds)
    pages.append(
        Page(
            "",
            "home.html",
            agency,
            f"เว็บไซต์เปิดเผยข้อมูลสาธารณะของ{agency}: ผลการประเมิน ITA มาตรการส่งเสริมคุณธรรม และข้อมูล O1–O43",
            (Crumb(HOME.label, None),),  # every page has a trail; here it is only "you are home"
            {
                "assessment": latest_assessment,
                "measure_set": current_measures,
                "checklist": checklist,
                "news": site.news[:5],
            },
            tuple(
                sorted(
                    {
                        *(a.source for a in site.assessments[:1]),
                        *((current_measures.source,) if current_measures else ()),
                        *checklist_sources,
                        *(post.source for post in site.news[:5]),
                    }
                )
            ),
            feeds=checklist_feeds,
        )
    )

    ita_crumb = Crumb("ผลการประเมิน ITA", "ita/")
    pages.append(
        Page(
            "ita/",
            "ita_index.html",
            "ผลการประเมิน ITA",
            f"ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ของ{agency} ทุกปี",
            _trail(Crumb("ผลการประเมิน ITA", None)),
            {"assessments": site.assessments},
            tuple(a.source for a in site.assessments),
        )
    )
    for assessment in site.assessments:
        year = n(assessment.year)
        year_title = f"ผลการประเมิน ITA ปี {year}"
        pages.append(
            Page(
                assessment.path,
                "ita.html",
                year_title,
                f"{agency} ได้คะแนน ITA ปี {year} {n(f'{assessment.score:.2f}')} คะแนน ระดับ {assessment.grade}",
                _trail(ita_crumb, Crumb(f"ปี {year}", None)),
                {"assessment": assessment},
                (assessment.source,),
            )
        )
        pages.append(
            Page(
                assessment.analysis_path,
                "ita_analysis.html",
                f"การวิเคราะห์ผลการประเมิน ITA ปี {year}",
                f"ประเด็นที่ต้องแก้ไขและวิธีการแก้ไขจากผลการประเมิน ITA ปี {year} ของ{agency}",
                _trail(
                    ita_crumb,
                    Crumb(f"ปี {year}", assessment.path),
                    Crumb("การวิเคราะห์ผล", None),
                ),
                {"assessment": assessment},
                (assessment.source,),
            )
        )

    measures_crumb = Crumb("มาตรการ", "measures/")
    pages.append(
        Page(
            "measures/",
            "measures_index.html",
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency} ทุกปีงบประมาณ",
            _trail(Crumb("มาตรการ", None)),
            {"measure_sets": site.measure_sets},
            tuple(m.source for m in site.measure_sets),
        )
    )
    assessments_by_year = {a.year: a for a in site.assessments}
    for measure_set in site.measure_sets:
        answered = assessments_by_year.get(measure_set.assessment_year or 0)
        measure_sources = tuple(
            sorted({measure_set.source, *((answered.source,) if answered else ())})
        )
        pages.append(
            Page(
                measure_set.path,
                "measures.html",
                measure_set.title,
                f"{measure_set.title} ของ{agency}: มาตรการ วิธีการ ผู้รับผิดชอบ ระยะเวลา และการติดตามผล",
                _trail(measures_crumb, Crumb(f"ปีงบประมาณ {n(measure_set.fiscal_year)}", None)),
                {"measure_set": measure_set, "assessment": answered},
                measure_sources,
                lastmod=measure_set.last_update,
            )
        )
        pages.append(
            Page(
                measure_set.print_path,
                "measures_print.html",
                f"{measure_set.title} (ฉบับพิมพ์ A4)",
                f"{measure_set.title} ของ{agency} ฉบับพิมพ์ขนาด A4 สำหรับลงนามและจัดเก็บ",
                _trail(
                    measures_crumb,
                    Crumb(f"ปีงบประมาณ {measure_set.fiscal_year}", measure_set.path),
                    Crumb("ฉบับพิมพ์", None),
                ),
                {"measure_set": measure_set, "assessment": answered},
                measure_sources,
                in_sitemap=False,  # the same text as the measures page, laid out for paper
            )
        )

    oit_crumb = Crumb("การเปิดเผยข้อมูล O1–O43", "oit/")
    pages.append(
        Page(
            "oit/",
            "oit_index.html",
            "การเปิดเผยข้อมูลสาธารณะ (OIT) O1–O43",
            f"รายการข้อมูลที่{agency}เปิดเผยตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ข้อ O1–O43",
            _trail(Crumb("การเปิดเผยข้อมูล O1–O43", None)),
            {"checklist": checklist},
            checklist_sources,
            feeds=checklist_feeds,
        )
    )
    for item in checklist.items:
        fed_by_news = "news" in item.spec.feeds
        pages.append(
            Page(
                item.path,
                "oit_item.html",
                f"{item.code} {item.spec.title_th}",
                f"{item.code} {item.spec.title_th} — ข้อมูลที่{agency}เปิดเผยตามแบบตรวจ OIT",
                _trail(oit_crumb, Crumb(item.code, None)),
                {
                    "item": item,
                    "framework": checklist.framework,
                    "fed": item.fed_by[:ITEM_NEWS_LINKS] if fed_by_news else item.fed_by,
                    "news_total": len(site.news) if fed_by_news else None,
                },
                _item_sources(item),
                lastmod=item.updated,
                feeds=item_feeds[item.code],
            )
        )

    news_crumb = Crumb("ข่าวประชาสัมพันธ์", "news/")
    # Each listing page is drawn from the posts it shows only (newest first), so an edited
    # post re-renders the one listing page it is on. What its navigation shows — its own
    # number and the number of pages — is in its address and title.
    for pagination, shown in paginate(site.news, site.settings.news_per_page, "news/"):
        number = pagination.number
        of_pages = f" หน้า {n(number)} จาก {n(pagination.count)}" if pagination.count > 1 else ""
        pages.append(
            Page(
                pagination.path,
                "news_index.html",
                f"ข่าวประชาสัมพันธ์{of_pages}",
                f"ข่าวประชาสัมพันธ์ของ{agency}{of_pages}",
                _trail(Crumb("ข่าวประชาสัมพันธ์", None))
                if number == 1
                else _trail(news_crumb, Crumb(f"หน้า {n(number)}", None)),
                {"news": shown, "pagination": pagination},
                tuple(sorted(post.source for post in shown)),
                lastmod=shown[0].date if shown else None,
            )
        )
    for post in site.news:
        pages.append(
            Page(
                post.path,
                "news_post.html",
                post.title,
                post.summary or post.title,
                _trail(news_crumb, Crumb(post.title, None)),
                {"post": post},
                (post.source,),
                lastmod=post.date,
            )
        )

    o5 = next((item for item in checklist.items if item.code == "O5"), None)
    pages.append(
        Page(
            "data/",
            "data_index.html",
            "ข้อมูลเปิด",
            f"ชุดข้อมูลของ{agency} ดาวน์โหลดได้ทั้ง CSV และ JSON พร้อมสัญญาอนุญาตและวันที่ปรับปรุง",
            _trail(Crumb("ข้อมูลเปิด", None)),
            {"datasets": site.datasets, "licence": data_licence(site.settings)},
            tuple(
                sorted(
                    {
                        *checklist_sources,  # records included: datasets of the tables
                        *(m.source for m in site.measure_sets),
                        *(a.source for a in site.assessments),
                    }
                )
            ),
            lastmod=max((d.modified for d in site.datasets if d.modified), default=None),
            feeds=checklist_feeds,  # the O1–O43 status dataset's update date
        )
    )
    pages.append(
        Page(
            "contact/",
            "contact.html",
            "ติดต่อหน่วยงาน",
            f"ที่อยู่ โทรศัพท์ อีเมล และเวลาทำการของ{agency}",
            _trail(Crumb("ติดต่อ", None)),
            {"o5": o5},
            _item_sources(o5) if o5 else (),
            feeds=item_feeds["O5"] if o5 else "",
        )
    )
    if site.settings.admin.enabled:
        pages.append(
            Page(
                "admin/",
                "admin/index.html",
                "แก้ไขเนื้อหาเว็บไซต์",
                f"ระบบแก้ไขเนื้อหาเว็บไซต์ของ{agency} สำหรับเจ้าหน้าที่",
                in_sitemap=False,
            )
        )
    pages.append(
        Page(
            "search/",
            "search.html",
            "ค้นหาในเว็บไซต์",
            f"ค้นหาข้อมูล O1–O43 มาตรการ ผลการประเมิน ITA และข่าวของ{agency}",
            _trail(Crumb("ค้นหา", None)),
        )
    )
    pages.append(
        Page(
            "404.html",
            "404.html",
            "ไม่พบหน้าที่ต้องการ",
            "ไม่พบหน้าที่ต้องการ",
            _trail(Crumb("ไม่พบหน้า", None)),
            in_sitemap=False,
        )
    )

    entries = tuple(page for page in pages if page.in_sitemap)
    feed_news = site.news[:FEED_ENTRIES]
    newest = max((p.lastmod for p in pages if p.lastmod), default=None)
    pages.append(
        Page(
            "sitemap.xml",
            "sitemap.xml",
            "sitemap",
            "",
            inputs={"entries": entries},
            in_sitemap=False,
        )
    )
    pages.append(
        Page(
            "feed.xml",
            "feed.xml",
            f"ข่าวประชาสัมพันธ์ {agency}",
            "",
            inputs={"news": feed_news, "updated": newest or source_date()},
            sources=tuple(sorted(post.source for post in feed_news)),
            in_sitemap=False,
        )
    )
    pages.append(Page("robots.txt", "robots.txt", "robots", "", in_sitemap=False))
    return pages
