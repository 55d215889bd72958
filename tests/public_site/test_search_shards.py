"""A site with more news posts than a search shard holds: the build writes the main bundle
and news sub-bundles with a manifest, deterministically, and the search page finds a word
that only a post of a sub-bundle contains.

The fixture municipality's content plus ten more news posts, with shards of four posts
(`SHARD_PAGES` lowered for the test) instead of a corpus of thousands."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from site_builder import search
from site_builder.search import BUNDLE_DIR, MANIFEST, index_site, index_site_async
from tests.public_site.conftest import FIXTURE_CONTENT, BuiltSite, build_site
from tests.public_site.test_search import search as search_in_browser

SHARD_PAGES = 4
MORE_NEWS = [
    (
        "2565-04-05-rabies-vaccine",
        "ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าฟรี",
        "เทศบาลออกหน่วยฉีดวัคซีนป้องกันโรคพิษสุนัขบ้าให้สุนัขและแมวในทุกหมู่บ้าน"
        "ตั้งแต่วันที่ 18 ถึง 22 เมษายน 2565 เจ้าของสัตว์นำสมุดประจำตัวสัตว์มาด้วย",
    ),
    (
        "2565-04-20-elderly-allowance",
        "กำหนดจ่ายเบี้ยยังชีพผู้สูงอายุเดือนพฤษภาคม",
        "กองสวัสดิการสังคมจะโอนเบี้ยยังชีพผู้สูงอายุและผู้พิการเข้าบัญชีธนาคารของผู้มีสิทธิ"
        "ในวันที่ 10 พฤษภาคม 2565 ผู้ที่รับเงินสดให้มารับที่สำนักงานเทศบาล",
    ),
    (
        "2565-05-03-dengue",
        "รณรงค์กำจัดลูกน้ำยุงลายป้องกันไข้เลือดออก",
        "อาสาสมัครสาธารณสุขร่วมกับเจ้าหน้าที่เทศบาลออกสำรวจภาชนะขังน้ำรอบบ้านเรือน"
        "และแจกทรายอะเบทในหมู่ที่ 1 ถึงหมู่ที่ 8",
    ),
    (
        "2565-05-16-waste-schedule",
        "ปรับตารางเก็บขยะมูลฝอยช่วงวันหยุดวิสาขบูชา",
        "งานรักษาความสะอาดงดเก็บขยะในวันที่ 16 พฤษภาคม 2565 และจะเก็บตามปกติในวันถัดไป "
        "ขอให้ประชาชนคัดแยกขยะอันตรายออกจากขยะทั่วไป",
    ),
    (
        "2565-05-25-tree-planting",
        "ปลูกต้นไม้เฉลิมพระเกียรติริมหนองน้ำสาธารณะ",
        "คณะผู้บริหารเทศบาล ผู้นำชุมชน และนักเรียนร่วมปลูกต้นยางนาและต้นราชพฤกษ์ "
        "จำนวน 300 ต้น ริมหนองน้ำสาธารณะหมู่ที่ 5",
    ),
    (
        "2565-06-02-road-repair",
        "ซ่อมแซมถนนสายบ้านโนนสะอาดหลังน้ำกัดเซาะ",
        "กองช่างเกรดปรับเกลี่ยผิวจราจรถนนลูกรังสายบ้านโนนสะอาดถึงบ้านหนองแวง "
        "ระยะทาง 2.4 กิโลเมตร ที่ถูกน้ำกัดเซาะจากฝนตกหนัก แล้วเสร็จภายในเดือนมิถุนายน 2565",
    ),
    (
        "2565-06-15-land-tax",
        "แจ้งชำระภาษีที่ดินและสิ่งปลูกสร้างประจำปี 2565",
        "กองคลังขอให้เจ้าของที่ดินและสิ่งปลูกสร้างชำระภาษีภายในวันที่ 31 สิงหาคม 2565 "
        "ชำระได้ที่สำนักงานเทศบาลในวันและเวลาราชการ",
    ),
    (
        "2565-07-08-sports-day",
        "การแข่งขันกีฬาต้านยาเสพติดประจำปี",
        "เทศบาลจัดการแข่งขันฟุตบอลและวอลเลย์บอลต้านยาเสพติดระหว่างหมู่บ้าน"
        "ที่สนามกีฬาโรงเรียนบ้านห้วยน้ำทิพย์ มีทีมเข้าร่วมทั้งหมด 16 ทีม",
    ),
    (
        "2565-08-12-mothers-day",
        "กิจกรรมวันแม่แห่งชาติ",
        "ศูนย์พัฒนาเด็กเล็กเทศบาลจัดกิจกรรมให้เด็กไหว้แม่และมอบพวงมาลัย ผู้ปกครองร่วมงานกว่า 80 คน",
    ),
    (
        "2565-09-01-fire-drill",
        "ฝึกซ้อมแผนป้องกันและระงับอัคคีภัยในชุมชน",
        "งานป้องกันและบรรเทาสาธารณภัยฝึกซ้อมการใช้ถังดับเพลิงและการอพยพ"
        "ให้ชาวบ้านหมู่ที่ 2 และอาสาสมัครป้องกันภัยฝ่ายพลเรือน",
    ),
]


def content_with_more_news(target: Path) -> Path:
    """A copy of the fixture municipality's content with the ten posts above added."""
    shutil.copytree(FIXTURE_CONTENT, target)
    for slug, title, body in MORE_NEWS:
        date = f"{int(slug[:4]) - 543}-{slug[5:10]}"
        text = f"---\ntitle: {title}\ndate: {date}\n---\n{body}\n"
        (target / "news" / f"{slug}.md").write_text(text, encoding="utf-8")
    return target


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_PAGES", SHARD_PAGES)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return content_with_more_news(tmp_path_factory.mktemp("sharded") / "content")


@pytest.fixture(scope="module")
def sharded_site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_PAGES", SHARD_PAGES)
        output = build_site(content, tmp_path_factory.mktemp("sharded") / "output")
    yield BuiltSite("fixture with 12 news posts", output, "/transparency/", content)


def test_build_writes_the_main_bundle_news_sub_bundles_and_a_manifest_of_them(
    sharded_site: BuiltSite,
):
    bundle = sharded_site.root / BUNDLE_DIR
    manifest = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))

    # 12 posts in shards of 4: three shards; the main bundle keeps the 43 O items, the
    # measures page and the ITA result and analysis.
    assert manifest == {"shards": ["shard-00", "shard-01", "shard-02"]}
    assert sorted(p.name for p in bundle.iterdir() if p.is_dir()) == [
        "fragment",
        "index",
        *manifest["shards"],
    ]
    assert entry(bundle)["languages"]["th"]["page_count"] == 43 + 1 + 2
    counts = [
        entry(bundle / shard)["languages"]["th"]["page_count"] for shard in manifest["shards"]
    ]
    assert sum(counts) == 12 and all(counts)


def test_sub_bundles_hold_only_the_index_the_browser_merges(sharded_site: BuiltSite):
    bundle = sharded_site.root / BUNDLE_DIR

    for shard in json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))["shards"]:
        top = sorted(p.name for p in (bundle / shard).iterdir())
        assert top[:3] == ["fragment", "index", "pagefind-entry.json"]
        assert len(top) == 4 and top[3].endswith(".pf_meta")
    assert (bundle / "pagefind.js").is_file()
    assert not [p for p in sharded_site.root.rglob(".pages-*")]  # the page links are gone


def test_two_builds_with_shards_are_byte_identical(content: Path, tmp_path: Path):
    first = files_of(build_site(content, tmp_path / "first"))
    second = files_of(build_site(content, tmp_path / "second"))

    assert any(name.startswith("pagefind/shard-02/fragment/") for name in first)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_indexing_into_a_scratch_folder_writes_only_there_the_same_bundle(
    sharded_site: BuiltSite, tmp_path: Path
):
    site_before = files_of(sharded_site.root)
    scratch, scratch_async = tmp_path / "scratch", tmp_path / "scratch-async"
    scratch_async.mkdir()

    index_site(sharded_site.root, scratch)
    asyncio.run(index_site_async(sharded_site.root, scratch_async))

    assert files_of(sharded_site.root) == site_before
    assert files_of(scratch) == files_of(sharded_site.root / BUNDLE_DIR)
    assert files_of(scratch_async) == files_of(scratch)


def address(site: BuiltSite, page: str) -> str:
    return site.prefix + page.removesuffix("index.html")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("word", "post"),
    [
        # "…กองช่างเกรดปรับเกลี่ยผิวจราจรถนน…": no other page has the word.
        ("เกลี่ย", "news/2565-06-02-road-repair/index.html"),
        # "…ป้องกันโรคพิษสุนัขบ้าให้สุนัขและแมว…": the main bundle has the word "ส" (from
        # "สขร.1"), which Pagefind offers there for "สุนัข" (ranked first) unless the
        # search page leaves such stand-ins out.
        ("สุนัข", "news/2565-04-05-rabies-vaccine/index.html"),
    ],
)
def test_word_only_in_a_post_of_a_sub_bundle_finds_that_post_alone(
    chromium: webdriver.Chrome, sharded_site: BuiltSite, word: str, post: str
):
    sub_bundles = search.plan_shards(search.site_pages(sharded_site.root))[1:]
    assert word in (sharded_site.root / post).read_text(encoding="utf-8")
    assert any(post in shard.pages for shard in sub_bundles)

    results = search_in_browser(chromium, sharded_site, word)

    assert [path for _, path in results] == [address(sharded_site, post)]


@pytest.fixture(scope="module")
def one_bundle_site(content: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same content indexed as one bundle, as a site of its size is."""
    output = build_site(content, tmp_path_factory.mktemp("one-bundle") / "output")
    assert json.loads((output / BUNDLE_DIR / MANIFEST).read_text(encoding="utf-8"))["shards"] == []
    return BuiltSite("fixture with 12 news posts, one bundle", output, "/transparency/", content)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["เทศบาล", "กองช่าง", "ประปา", "O23", "ยางนา"])
def test_search_over_shards_finds_the_pages_one_bundle_finds(
    chromium: webdriver.Chrome, sharded_site: BuiltSite, one_bundle_site: BuiltSite, query: str
):
    sharded = search_in_browser(chromium, sharded_site, query)
    sharded_status = chromium.find_element(By.ID, "search-status").text
    single = search_in_browser(chromium, one_bundle_site, query)
    single_status = chromium.find_element(By.ID, "search-status").text

    assert sharded_status == single_status  # "พบ N หน้า…": the same count
    assert sorted(sharded) == sorted(single)  # ranked per bundle, so in another order


@pytest.mark.browser
def test_results_come_from_the_main_bundle_and_every_shard(
    chromium: webdriver.Chrome, sharded_site: BuiltSite
):
    # "เทศบาล" (municipality) is on O items of the main bundle and in posts of each shard.
    paths = {path for _, path in search_in_browser(chromium, sharded_site, "เทศบาล")}

    bundles = search.plan_shards(search.site_pages(sharded_site.root))
    found_in = {b.folder for b in bundles if {address(sharded_site, p) for p in b.pages} & paths}
    assert found_in == {"", "shard-00", "shard-01", "shard-02"}
