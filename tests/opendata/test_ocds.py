"""Procurement records → an OCDS 1.1 release package that validates against the 1.1.5 schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal

import pytest

from site_builder.opendata.ocds import (
    Buyer,
    Contract,
    ProcurementDocument,
    ProcurementRecord,
    Supplier,
    method_of,
    package_bytes,
    release_package,
)
from tests.support.ocds import ocds_errors as errors_in

BUYER = Buyer(
    name="องค์การบริหารส่วนตำบลทุ่งตัวอย่าง",
    id="TH-LAO-9999",
    address="99 หมู่ 1 ตำบลทุ่งตัวอย่าง อำเภอเมืองตัวอย่าง จังหวัดตัวอย่าง",
)
PREFIX = "ocds-test01"
URI = "https://thung-tua-yang.example.go.th/data/procurement-ocds.json"

ROAD = ProcurementRecord(
    id="66019012345",
    title="จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
    method="ประกาศเชิญชวนทั่วไป",
    method_details="e-bidding",
    category="works",
    budget=Decimal("1500000"),
    reference_price=Decimal("1487000.00"),
    planned=dt.date(2022, 10, 20),
    announced=dt.date(2023, 1, 9),
    awarded=dt.date(2023, 2, 14),
    tenderers=("ห้างหุ้นส่วนจำกัด ทุ่งตัวอย่างก่อสร้าง", "บริษัท ตัวอย่างโยธา จำกัด"),
    supplier=Supplier("ห้างหุ้นส่วนจำกัด ทุ่งตัวอย่างก่อสร้าง", tax_id="0993000000001"),
    award_amount=Decimal("1395000.50"),
    award_reason="เสนอราคาต่ำสุดและคุณสมบัติถูกต้องตามเงื่อนไข",
    contract=Contract("สัญญาจ้างเลขที่ 5/2566 ลงวันที่ 20 ก.พ. 2566", dt.date(2023, 2, 20)),
    documents=(
        ProcurementDocument(
            "ประกาศประกวดราคาจ้างก่อสร้างถนน",
            "files/o22/road-66.pdf",
            dt.date(2023, 1, 9),
            "tenderNotice",
        ),
        ProcurementDocument(
            "ประกาศผู้ชนะการเสนอราคาจ้างก่อสร้างถนน",
            "https://www.gprocurement.go.th/",
            dt.date(2023, 2, 14),
            "awardNotice",
        ),
    ),
)
PAPER = ProcurementRecord(
    id="66029000077",
    title="ซื้อวัสดุสำนักงาน (กระดาษ A4)",
    method="เฉพาะเจาะจง",
    category="goods",
    awarded=dt.date(2023, 1, 25),
    supplier=Supplier("ร้านตัวอย่างพาณิชย์"),
    award_amount=Decimal("4800"),
    award_reason="เป็นผู้ประกอบการที่มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงิน",
)
PLANNED_ONLY = ProcurementRecord(
    id="66039000100",
    title="ซื้อรถบรรทุกขยะ",
    method="คัดเลือก",
    budget=Decimal("2500000"),
    planned=dt.date(2022, 10, 20),
)


def site_link(path: str) -> str:
    return path if "://" in path else "https://thung-tua-yang.example.go.th/" + path


def package(*records: ProcurementRecord) -> dict:
    return release_package(records, buyer=BUYER, ocid_prefix=PREFIX, uri=URI, link=site_link)


def test_package_of_plan_announcement_award_and_contract_validates():
    built = package(ROAD, PAPER, PLANNED_ONLY)

    assert errors_in(built) == []
    assert built["version"] == "1.1"


def test_each_stage_reached_is_one_release_of_the_records_process():
    releases = package(ROAD)["releases"]

    assert [r["tag"] for r in releases] == [["planning"], ["tender"], ["award"], ["contract"]]
    assert {r["ocid"] for r in releases} == {"ocds-test01-66019012345"}
    assert len({r["id"] for r in releases}) == 4
    assert [r["date"][:10] for r in releases] == [
        "2022-10-20",
        "2023-01-09",
        "2023-02-14",
        "2023-02-20",
    ]


def test_thai_procurement_methods_map_to_ocds_method_codes():
    methods = {
        r["ocid"]: (r["tender"]["procurementMethod"], r["tender"]["procurementMethodDetails"])
        for r in package(ROAD, PAPER, PLANNED_ONLY)["releases"]
    }

    assert methods["ocds-test01-66019012345"] == ("open", "e-bidding")  # as the agency writes it
    assert methods["ocds-test01-66029000077"] == ("limited", "วิธีเฉพาะเจาะจง")
    assert methods["ocds-test01-66039000100"] == ("selective", "วิธีคัดเลือก")


def test_amounts_are_in_baht_and_the_supplier_is_a_party_with_its_tax_number():
    award_release = next(r for r in package(ROAD)["releases"] if r["tag"] == ["award"])
    award = award_release["awards"][0]
    supplier = next(p for p in award_release["parties"] if "supplier" in p["roles"])

    assert award["value"] == {"amount": 1395000.5, "currency": "THB"}
    assert award_release["tender"]["value"] == {"amount": 1487000.0, "currency": "THB"}
    assert supplier["identifier"] == {
        "scheme": "TH-RD",
        "id": "0993000000001",
        "legalName": "ห้างหุ้นส่วนจำกัด ทุ่งตัวอย่างก่อสร้าง",
    }
    assert award["suppliers"] == [{"id": supplier["id"], "name": supplier["name"]}]


def test_planning_release_states_the_budget_and_names_no_supplier():
    (planning,) = package(PLANNED_ONLY)["releases"]

    assert planning["planning"]["budget"]["amount"] == {"amount": 2500000.0, "currency": "THB"}
    assert [p["roles"] for p in planning["parties"]] == [["buyer", "procuringEntity"]]
    assert "awards" not in planning


def test_same_records_in_any_order_give_the_same_bytes():
    first = package_bytes(package(ROAD, PAPER, PLANNED_ONLY))
    second = package_bytes(package(PLANNED_ONLY, ROAD, PAPER))

    assert first == second
    assert json.loads(first)["publishedDate"] == "2023-02-20T00:00:00+07:00"


def test_schema_check_rejects_a_broken_package():
    """The validator really checks: a release without ocid and a made-up currency fail."""
    broken = package(PAPER)
    del broken["releases"][0]["ocid"]
    broken["releases"][0]["awards"][0]["value"]["currency"] = "BAHT"

    problems = " ".join(errors_in(broken))

    assert "'ocid' is a required property" in problems
    assert "'BAHT' is not one of" in problems


def test_records_that_cannot_make_a_package_are_refused():
    with pytest.raises(ValueError, match="at least one"):
        package()
    with pytest.raises(ValueError, match="unique"):
        package(PAPER, PAPER)
    with pytest.raises(ValueError, match="dated stage"):
        package(ProcurementRecord(id="1", title="x", method="คัดเลือก"))
    with pytest.raises(ValueError, match="supplier"):
        ProcurementRecord(id="1", title="x", method="คัดเลือก", awarded=dt.date(2023, 1, 1))


@pytest.mark.parametrize(
    ("written", "method"),
    [
        ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "ประกาศเชิญชวนทั่วไป"),
        ("วิธีตลาดอิเล็กทรอนิกส์ (e-market)", "ประกาศเชิญชวนทั่วไป"),
        ("สอบราคา", "ประกาศเชิญชวนทั่วไป"),
        ("วิธีคัดเลือก", "คัดเลือก"),
        ("เฉพาะเจาะจง", "เฉพาะเจาะจง"),
        ("ตกลงราคา", None),  # the repealed 1992 rules' method: none of the Act's three
    ],
)
def test_written_methods_are_read_as_the_acts_three_methods(written, method):
    assert method_of(written) == method


def test_a_method_outside_the_act_is_kept_as_written_without_an_ocds_code():
    record = ProcurementRecord(
        id="1", title="ซื้อน้ำดื่ม", method_details="ตกลงราคา", planned=dt.date(2023, 1, 5)
    )
    (release,) = package(record)["releases"]

    assert "procurementMethod" not in release["tender"]
    assert release["tender"]["procurementMethodDetails"] == "ตกลงราคา"
    assert errors_in(package(record)) == []


def test_bidders_are_tenderers_and_the_winner_is_both_tenderer_and_supplier():
    award_release = next(r for r in package(ROAD)["releases"] if r["tag"] == ["award"])
    roles = {p["name"]: p["roles"] for p in award_release["parties"]}

    assert roles["ห้างหุ้นส่วนจำกัด ทุ่งตัวอย่างก่อสร้าง"] == ["tenderer", "supplier"]
    assert roles["บริษัท ตัวอย่างโยธา จำกัด"] == ["tenderer"]
    assert award_release["tender"]["numberOfTenderers"] == 2
    tender_release = next(r for r in package(ROAD)["releases"] if r["tag"] == ["tender"])
    assert "tenderers" not in tender_release["tender"]  # not known before the result


def test_each_document_appears_from_its_own_date_and_where_it_belongs():
    releases = {r["tag"][0]: r for r in package(ROAD)["releases"]}

    assert "documents" not in releases["planning"]["tender"]
    assert [d["documentType"] for d in releases["tender"]["tender"]["documents"]] == [
        "tenderNotice"
    ]
    award = releases["award"]["awards"][0]
    assert [d["documentType"] for d in award["documents"]] == ["awardNotice"]
    assert releases["tender"]["tender"]["documents"][0]["url"] == (
        "https://thung-tua-yang.example.go.th/files/o22/road-66.pdf"
    )


def test_award_without_a_decision_date_is_dated_by_its_contract_or_its_month():
    signed = ProcurementRecord(
        id="a",
        title="จ้างเหมาบริการกำจัดขยะ",
        supplier=Supplier("นายขยัน เก็บกวาด"),
        contract=Contract("ข้อตกลงจ้างเลขที่ 4/2565 ลงวันที่ 4 ม.ค. 2565", dt.date(2022, 1, 4)),
        reported=dt.date(2022, 1, 31),
    )
    undated = dataclasses.replace(signed, id="b", contract=Contract("ข้อตกลงจ้างเลขที่ 5/2565"))
    releases = package(signed, undated)["releases"]
    dates = {(r["ocid"][-1], r["tag"][0]): r["date"][:10] for r in releases}

    assert dates == {
        ("a", "award"): "2022-01-04",
        ("a", "contract"): "2022-01-04",
        ("b", "award"): "2022-01-31",
        ("b", "contract"): "2022-01-31",
    }
    assert all("date" not in r["awards"][0] for r in releases)  # the decision date is unknown
    assert errors_in(package(signed, undated)) == []


def test_a_purchase_under_a_plan_line_names_the_plan_as_its_planning_process():
    bought = ProcurementRecord(
        id="skr1-2565-10-2",
        title="จัดซื้อวัสดุสำนักงาน",
        method="เฉพาะเจาะจง",
        supplier=Supplier("ร้านตัวอย่างพาณิชย์"),
        reported=dt.date(2022, 10, 31),
        planning_process="plan-2566-3",
    )
    built = package(bought)

    assert built["releases"][0]["relatedProcesses"] == [
        {
            "id": "1",
            "relationship": ["planning"],
            "scheme": "ocid",
            "identifier": "ocds-test01-plan-2566-3",
        }
    ]
    assert errors_in(built) == []


def test_schema_check_includes_date_formats():
    broken = package(PAPER)
    broken["releases"][0]["date"] = "25/01/2566"

    assert any("is not a 'date-time'" in problem for problem in errors_in(broken))
