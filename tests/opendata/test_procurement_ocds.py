"""From content to data/ocds-release-package.json: the plan (O21), announcements (O22) and
monthly สขร.1 (O23) of the fictional agency in tests/fixtures/structured, as OCDS."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from site_builder.opendata.contracting import contract_of, default_prefix
from site_builder.opendata.ocds import Contract
from site_builder.pipeline import load_site
from tests.structured.conftest import FIXTURE
from tests.support.ocds import ocds_errors
from tests.support.sites import build_into, copy_agency, edit_yaml

PACKAGE = "data/ocds-release-package.json"
PREFIX = "unregistered-nongkaew.example"
PLAN_NOTICE = (
    "15/10/2564,ประกาศเผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2565,"
    "ประกาศเผยแพร่แผน,,https://www.gprocurement.go.th/\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(FIXTURE, tmp_path_factory.mktemp("structured") / "output")


def read_package(site: Path) -> dict:
    return json.loads((site / PACKAGE).read_text(encoding="utf-8"))


def releases_of(package: dict, ocid: str) -> dict[str, dict]:
    return {r["tag"][0]: r for r in package["releases"] if r["ocid"] == ocid}


def catalog_entry(site: Path, name: str) -> dict | None:
    catalog = json.loads((site / "data" / "catalog.json").read_text(encoding="utf-8"))
    return next((d for d in catalog["dcat:dataset"] if d["dct:identifier"] == name), None)


def test_the_package_built_from_content_validates_against_ocds_1_1_5(site: Path):
    package = read_package(site)

    assert ocds_errors(package) == []
    assert package["uri"] == "https://nongkaew.example/" + PACKAGE
    assert package["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["publishedDate"] == "2022-09-01T00:00:00+07:00"  # newest release


def test_plan_line_invitation_winner_notice_and_skr1_row_make_one_process(site: Path):
    tank = releases_of(read_package(site), f"{PREFIX}-plan-2565-1")
    contract = tank["contract"]

    assert {tag: r["date"][:10] for tag, r in tank.items()} == {
        "tender": "2021-12-03",  # ประกาศเชิญชวน
        "award": "2021-12-24",  # ประกาศผู้ชนะการเสนอราคา
        "contract": "2021-12-28",  # สัญญาจ้างเลขที่ ๑/๒๕๖๕ ลงวันที่ ๒๘ ธ.ค. ๒๕๖๔
    }
    assert contract["planning"]["budget"]["amount"] == {"amount": 450000.0, "currency": "THB"}
    assert contract["tender"]["value"] == {"amount": 448500.0, "currency": "THB"}  # ราคากลาง
    assert contract["tender"]["procurementMethod"] == "open"
    assert contract["tender"]["procurementMethodDetails"] == "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    assert contract["tender"]["numberOfTenderers"] == 3
    assert contract["awards"][0]["value"] == {"amount": 419000.0, "currency": "THB"}
    assert contract["awards"][0]["suppliers"][0]["name"] == "หจก.ทดลองก่อสร้าง"
    assert contract["contracts"][0]["dateSigned"] == "2021-12-28T00:00:00+07:00"
    assert contract["contracts"][0]["value"] == contract["awards"][0]["value"]
    assert "tenderers" not in tank["tender"]["tender"]


def test_a_purchase_made_every_month_under_one_plan_line_points_at_that_line(site: Path):
    package = read_package(site)
    supplies = sorted(
        {r["ocid"] for r in package["releases"] if r["tender"]["title"] == "จัดซื้อวัสดุสำนักงาน"}
    )

    assert supplies == [
        f"{PREFIX}-skr1-2564-10-2",
        f"{PREFIX}-skr1-2565-02-2",
        f"{PREFIX}-skr1-2565-08-2",
    ]
    for ocid in supplies:
        for release in releases_of(package, ocid).values():
            assert release["relatedProcesses"][0]["identifier"] == f"{PREFIX}-plan-2565-3"


def test_a_specific_method_row_is_limited_and_dated_by_its_agreement(site: Path):
    garbage = releases_of(read_package(site), f"{PREFIX}-skr1-2564-10-1")

    assert set(garbage) == {"award", "contract"}
    assert garbage["award"]["date"] == "2021-10-01T00:00:00+07:00"
    assert "date" not in garbage["award"]["awards"][0]  # no decision date is published
    assert garbage["award"]["tender"]["procurementMethod"] == "limited"


def test_the_catalogue_and_the_pages_offer_the_package(site: Path):
    entry = catalog_entry(site, "procurement-ocds")
    assert entry is not None
    (distribution,) = entry["dcat:distribution"]
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")

    assert distribution["dcat:downloadURL"] == "https://nongkaew.example/" + PACKAGE
    assert distribution["dct:conformsTo"].endswith("1__1__5/release-package-schema.json")
    assert distribution["dcat:byteSize"] == (site / PACKAGE).stat().st_size
    assert entry["dct:modified"] == "2022-09-01"
    assert "ยังไม่ได้ลงทะเบียน" in entry["dct:description"]
    assert 'href="/data/ocds-release-package.json"' in data_page
    assert "ยังไม่ได้ลงทะเบียนรหัสนำหน้า ocid" in data_page
    for path in ("oit/o21/", "oit/o22/", "oit/o23/"):
        assert "ocds-release-package.json" in (site / path / "index.html").read_text("utf-8")
    assert "ocds-release-package.json" not in (site / "oit/o24/index.html").read_text("utf-8")


def test_a_registered_prefix_from_site_yaml_makes_every_ocid(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE)
    edit_yaml(
        content / "site.yaml", lambda d: d["site"].update(open_data={"ocid_prefix": "ocds-a1b2c3"})
    )
    site = build_into(content, tmp_path / "output")
    package = read_package(site)

    assert {r["ocid"].split("-plan-")[0].split("-skr1-")[0] for r in package["releases"]} == {
        "ocds-a1b2c3"
    }
    assert ocds_errors(package) == []
    assert "ยังไม่ได้ลงทะเบียน" not in (site / "data" / "index.html").read_text("utf-8")


def test_a_prefix_not_shaped_like_a_registered_one_is_an_error(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE)
    edit_yaml(content / "site.yaml", lambda d: d["site"].update(open_data={"ocid_prefix": "TH-1"}))

    site, problems = load_site(content)

    assert site is None
    (problem,) = problems
    assert problem.location.file.endswith("site.yaml")
    assert problem.location.line > 0 and problem.field_path == "site.open_data.ocid_prefix"
    assert "ocds-a1b2c3" in problem.format("th") and "ocds-a1b2c3" in problem.format("en")


def test_the_plans_announcement_dates_a_planning_release_for_every_plan_line(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE)
    with (content / "procurement" / "2565" / "announcements.csv").open("a", encoding="utf-8") as f:
        f.write(PLAN_NOTICE)
    package = read_package(build_into(content, tmp_path / "output"))
    planning = {r["ocid"]: r for r in package["releases"] if r["tag"] == ["planning"]}

    assert sorted(planning) == [f"{PREFIX}-plan-2565-{n}" for n in range(1, 6)]
    for release in planning.values():
        assert release["date"] == "2021-10-15T00:00:00+07:00"
        assert release["tender"]["documents"][0]["documentType"] == "procurementPlan"
        assert "awards" not in release
    assert ocds_errors(package) == []


@pytest.mark.parametrize(("updated", "planned"), [("2021-11-01", True), ("2022-11-01", False)])
def test_without_an_announcement_the_o21_page_date_dates_its_own_years_plan(
    tmp_path: Path, updated: str, planned: bool
):
    content = copy_agency(tmp_path / "content", FIXTURE)
    (content / "oit" / "O21.yaml").write_text(f"code: O21\nupdated: {updated}\n", "utf-8")
    package = read_package(build_into(content, tmp_path / "output"))
    dates = {r["date"][:10] for r in package["releases"] if r["tag"] == ["planning"]}

    # 2022-11-01 is in fiscal year 2566: it dates a later plan, not the 2565 one.
    assert dates == ({updated} if planned else set())


def test_without_base_url_no_package_is_published(tmp_path: Path):
    content = copy_agency(tmp_path / "content", FIXTURE)
    edit_yaml(content / "site.yaml", lambda d: d["site"].update(base_url=None))
    site = build_into(content, tmp_path / "output")

    assert not (site / PACKAGE).exists()
    assert catalog_entry(site, "procurement-ocds") is None
    assert "ocds-release-package.json" not in (site / "oit/o23/index.html").read_text("utf-8")
    assert (site / "data" / "procurement-results.csv").is_file()  # the tables still are


@pytest.mark.parametrize(
    ("cell", "signed"),
    [
        ("สัญญาจ้างเลขที่ ๑/๒๕๖๕ ลงวันที่ ๒๘ ธ.ค. ๒๕๖๔", dt.date(2021, 12, 28)),
        ("ใบสั่งซื้อเลขที่ 2/2565 ลงวันที่ 17/1/2565", dt.date(2022, 1, 17)),
        ("ข้อตกลงเลขที่ 3/2565 ลงวันที่ 2022-02-01", dt.date(2022, 2, 1)),
        ("ข้อตกลงจ้างเลขที่ 5/2565", None),
    ],
)
def test_the_contract_cell_gives_its_signing_date(cell: str, signed: dt.date | None):
    assert contract_of(cell) == Contract(cell, signed)


def test_a_contract_cell_naming_no_contract_makes_no_contract_stage():
    assert contract_of("อยู่ระหว่างจัดทำสัญญา") is None


def test_the_stand_in_prefix_is_unique_to_each_sites_address():
    assert default_prefix("https://nongkaew.example/") == "unregistered-nongkaew.example"
    assert default_prefix("https://province.example.go.th/agency-7/") == (
        "unregistered-province.example.go.th-agency-7"
    )
