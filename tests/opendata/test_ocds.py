"""Procurement records → an OCDS 1.1 release package that validates against the 1.1.5 schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from site_builder.opendata.ocds import (
    Buyer,
    ProcurementDocument,
    ProcurementRecord,
    Supplier,
    package_bytes,
    release_package,
)

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "ocds-1.1.5"
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
    supplier=Supplier("ห้างหุ้นส่วนจำกัด ทุ่งตัวอย่างก่อสร้าง", tax_id="0993000000001"),
    award_amount=Decimal("1395000.50"),
    award_reason="เสนอราคาต่ำสุดและคุณสมบัติถูกต้องตามเงื่อนไข",
    contract_number="5/2566",
    contract_signed=dt.date(2023, 2, 20),
    documents=(
        ProcurementDocument(
            "ประกาศประกวดราคาจ้างก่อสร้างถนน",
            "https://thung-tua-yang.example.go.th/files/o22/road-66.pdf",
            dt.date(2023, 1, 9),
            "tenderNotice",
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


def validator() -> Draft4Validator:
    package_schema = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release_schema = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = Registry().with_resource(
        release_schema["id"], Resource.from_contents(release_schema, default_specification=DRAFT4)
    )
    return Draft4Validator(package_schema, registry=registry)


def errors_in(package: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator().iter_errors(package)
    ]


def package(*records: ProcurementRecord) -> dict:
    return release_package(records, buyer=BUYER, ocid_prefix=PREFIX, uri=URI)


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

    assert methods["ocds-test01-66019012345"] == ("open", "วิธีประกาศเชิญชวนทั่วไป e-bidding")
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
