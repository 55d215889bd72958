"""Open data: every dataset the site shows is published as CSV and JSON, with a catalogue."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from site_builder.model.dataset import Column, Dataset
from site_builder.opendata import checklist
from site_builder.opendata.publish import open_data_files
from site_builder.opendata.registry import DATASET_SOURCES, collect_datasets
from site_builder.pipeline import load_site
from tests.support.sites import CONTENT, FIXTURE_AGENCY, build_into, copy_agency, edit_yaml

EXPECTED_DATASETS = {
    "ita-results",
    "ita-indicators",
    "ita-analysis",
    "measures",
    "measure-progress",
    "oit-status",
}
BASE = "https://thung-tua-yang.example.go.th/"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(FIXTURE_AGENCY, tmp_path_factory.mktemp("fixture") / "output")


@pytest.fixture(scope="module")
def lad_ya_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(CONTENT, tmp_path_factory.mktemp("lad-ya") / "output")


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def catalog(site: Path) -> dict:
    return read_json(site / "data" / "catalog.json")


def test_every_dataset_is_published_as_csv_and_json_with_the_same_rows(fixture_site: Path):
    for name in EXPECTED_DATASETS:
        rows = read_csv(fixture_site / "data" / f"{name}.csv")
        document = read_json(fixture_site / "data" / f"{name}.json")
        names = [column["name"] for column in document["columns"]]
        titles = [column["title"] for column in document["columns"]]

        assert len(rows) == len(document["rows"]), name
        assert all(list(row) == titles for row in rows), name  # CSV: Thai headings
        assert all(list(row) == names for row in document["rows"]), name  # JSON: English keys


def test_csv_rows_end_in_crlf_and_keep_thai_text_readable(fixture_site: Path):
    raw = (fixture_site / "data" / "measures.csv").read_bytes()
    text = raw.decode("utf-8-sig")

    assert text.splitlines(keepends=True)[0].endswith("\r\n")
    assert "เผยแพร่สรุปผลการจัดซื้อจัดจ้างรายเดือนให้ครบทุกเดือน" in text


def test_lists_become_lines_in_csv_and_arrays_in_json(fixture_site: Path):
    csv_row = next(
        r for r in read_csv(fixture_site / "data" / "measures.csv") if r["มาตรการที่"] == "2"
    )
    json_row = next(
        r for r in read_json(fixture_site / "data" / "measures.json")["rows"] if r["number"] == 2
    )

    assert csv_row["ผู้รับผิดชอบ"].split("\n") == ["สำนักปลัด", "กองช่าง"]
    assert json_row["responsible"] == ["สำนักปลัด", "กองช่าง"]
    assert json_row["periods"] == ["ธ.ค. ๖๕- มี.ค. ๖๖", "ม.ค. ๖๖- ก.ย. ๖๖"]


def test_values_keep_their_types_in_json_and_their_written_form_in_csv(fixture_site: Path):
    json_row = read_json(fixture_site / "data" / "ita-results.json")["rows"][0]
    csv_row = read_csv(fixture_site / "data" / "ita-results.csv")[0]
    status = {r["code"]: r for r in read_json(fixture_site / "data" / "oit-status.json")["rows"]}

    assert json_row["score"] == 80.09 and json_row["year"] == 2565
    assert csv_row["คะแนนเป้าหมาย"] == "85" and csv_row["คะแนนรวมตามที่ประกาศ"] == "80.09"
    assert status["O23"]["published"] is True and status["O1"]["published"] is False
    assert status["O23"]["updated"] == "2023-02-08" and status["O1"]["updated"] is None


def test_site_paths_become_addresses_on_the_agencys_site(fixture_site: Path):
    results = read_csv(fixture_site / "data" / "ita-results.csv")
    progress = read_json(fixture_site / "data" / "measure-progress.json")["rows"]

    assert results[0]["หน้าเว็บที่แสดงผล"] == BASE + "ita/2565/"
    assert progress[0]["documents"] == [BASE + "files/o43/2566-6-months.pdf"]


def test_without_base_url_addresses_start_at_the_site_root(lad_ya_site: Path):
    status = read_csv(lad_ya_site / "data" / "oit-status.csv")

    assert status[0]["หน้าเว็บของข้อนี้"] == "/oit/o1/"


def test_catalog_lists_every_dataset_with_licence_date_and_existing_downloads(fixture_site: Path):
    entries = {d["dct:identifier"]: d for d in catalog(fixture_site)["dcat:dataset"]}

    assert set(entries) == EXPECTED_DATASETS
    for entry in entries.values():
        assert entry["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
        formats = {d["dct:format"] for d in entry["dcat:distribution"]}
        assert formats == {"CSV", "JSON"}
        for distribution in entry["dcat:distribution"]:
            url = distribution["dcat:downloadURL"]
            assert url.startswith(BASE)
            published = fixture_site / url.removeprefix(BASE)
            assert published.is_file(), url
            assert distribution["dcat:byteSize"] == published.stat().st_size


def test_update_dates_come_from_the_content(fixture_site: Path):
    entries = {d["dct:identifier"]: d for d in catalog(fixture_site)["dcat:dataset"]}

    assert entries["ita-results"]["dct:modified"] == "2022-11-15"  # ita/2565.yaml updated
    assert entries["measures"]["dct:modified"] == "2022-12-01"  # adopted.date
    assert entries["measure-progress"]["dct:modified"] == "2023-04-10"  # newest report
    assert entries["oit-status"]["dct:modified"] == "2023-04-10"  # O43 fed by that report
    assert catalog(fixture_site)["dct:modified"] == "2023-04-10"


def test_a_dataset_without_dated_content_has_no_update_date(lad_ya_site: Path):
    entries = {d["dct:identifier"]: d for d in catalog(lad_ya_site)["dcat:dataset"]}

    assert "dct:modified" not in entries["ita-results"]  # content/ita/2564.yaml has no date
    assert entries["measures"]["dct:modified"] == "2022-01-24"


def test_default_licence_is_stated_as_not_confirmed_by_the_agency(fixture_site: Path):
    page = (fixture_site / "data" / "index.html").read_text(encoding="utf-8")

    assert "ยังไม่ได้ยืนยัน" in catalog(fixture_site)["dct:rights"]
    assert "CC BY 4.0" in page and "ยังไม่ได้ยืนยัน" in page


def test_licence_chosen_in_site_yaml_is_used_everywhere(tmp_path: Path):
    content = copy_agency(tmp_path / "content")
    licence = {"name": "สัญญาอนุญาตทดสอบ", "url": "https://example.go.th/licence"}
    edit_yaml(content / "site.yaml", lambda d: d["site"].update(open_data={"licence": licence}))

    site = build_into(content, tmp_path / "output")

    described = catalog(site)
    assert "dct:rights" not in described
    assert {d["dct:license"] for d in described["dcat:dataset"]} == {licence["url"]}
    assert read_json(site / "data" / "measures.json")["licence"] == licence
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "สัญญาอนุญาตทดสอบ" in page and "ยังไม่ได้ยืนยัน" not in page


def test_catalogue_page_links_every_download(fixture_site: Path):
    page = (fixture_site / "data" / "index.html").read_text(encoding="utf-8")

    for name in EXPECTED_DATASETS:
        assert f'href="/data/{name}.csv"' in page
        assert f'href="/data/{name}.json"' in page
    assert 'href="/data/catalog.json"' in page


def test_pages_that_show_a_dataset_offer_its_downloads(fixture_site: Path):
    year_page = (fixture_site / "ita" / "2565" / "index.html").read_text(encoding="utf-8")
    news_page = (fixture_site / "news" / "index.html").read_text(encoding="utf-8")

    assert 'href="/data/ita-indicators.csv"' in year_page
    assert "ita-analysis.csv" not in year_page  # shown on the analysis page, not this one
    assert "ดาวน์โหลดข้อมูลในหน้านี้" not in news_page


def test_open_data_files_are_byte_identical_between_builds(tmp_path: Path):
    first = build_into(FIXTURE_AGENCY, tmp_path / "one")
    second = build_into(FIXTURE_AGENCY, tmp_path / "two")

    names = sorted(p.name for p in (first / "data").iterdir())
    assert names == sorted(p.name for p in (second / "data").iterdir())
    for name in names:
        assert (first / "data" / name).read_bytes() == (second / "data" / name).read_bytes(), name


def test_a_new_source_needs_only_its_registration_to_be_published():
    """The seam for further tables (budget, procurement, statistics): add a source, done."""
    site, _ = load_site(FIXTURE_AGENCY)
    assert site is not None

    def budget(site):
        yield Dataset(
            id="budget-plan",
            title_th="แผนการใช้จ่ายงบประมาณ",
            description_th="ทดสอบ",
            columns=(Column("item", "รายการ", "text"), Column("amount", "จำนวนเงิน", "number")),
            rows=(("ค่าตอบแทน", 120000.5),),
            pages=("oit/o18/",),
            modified=dt.date(2023, 1, 5),
            oit_codes=("O18",),
        )

    extended = dataclasses.replace(
        site, datasets=collect_datasets(site, (*DATASET_SOURCES, budget))
    )
    files = dict(open_data_files(extended))

    assert files["data/budget-plan.csv"].decode("utf-8-sig") == (
        "รายการ,จำนวนเงิน\r\nค่าตอบแทน,120000.5\r\n"
    )
    described = json.loads(files["data/catalog.json"])
    entry = next(d for d in described["dcat:dataset"] if d["dct:identifier"] == "budget-plan")
    assert entry["dct:modified"] == "2023-01-05" and "O18" in entry["dcat:keyword"]


def test_two_sources_with_one_dataset_name_are_refused():
    site, _ = load_site(FIXTURE_AGENCY)
    assert site is not None

    with pytest.raises(ValueError, match="oit-status"):
        collect_datasets(site, (*DATASET_SOURCES, checklist.oit_status))


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="2 cells, not 1"):
        Dataset("x", "x", "x", (Column("a", "a", "text"),), (("1", "2"),), ("data/",), None)
