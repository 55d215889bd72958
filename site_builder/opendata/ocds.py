"""Procurement records → an Open Contracting Data Standard (OCDS 1.1) release package.

The input is a plain list of `ProcurementRecord`: one procurement (โครงการจัดซื้อจัดจ้าง)
with what the agency publishes about it under O21 (the procurement plan), O22 (the
announcement) and O23 (the result, as in the monthly summary แบบ สขร.1). Each stage
that has happened becomes one release of the record's contracting process (ocid):
planning, tender, award, contract. Whatever content type holds procurement converts
its entries to this type and calls `release_package`.

Dates are the agency's calendar dates, stated at midnight Thai time (+07:00); amounts
are in baht (THB).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

OCDS_VERSION = "1.1"
CURRENCY = "THB"

# วิธีซื้อหรือจ้าง under the Public Procurement Act B.E. 2560, section 55, and its OCDS
# method code: a general invitation is open to all, the selection method invites chosen
# suppliers, the specific method deals with one supplier (OCDS maps direct awards to
# "limited").
ThaiProcurementMethod = Literal["ประกาศเชิญชวนทั่วไป", "คัดเลือก", "เฉพาะเจาะจง"]
OCDS_METHOD: dict[str, str] = {
    "ประกาศเชิญชวนทั่วไป": "open",
    "คัดเลือก": "selective",
    "เฉพาะเจาะจง": "limited",
}
ProcurementCategory = Literal["goods", "services", "works"]


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    tax_id: str | None = None  # เลขประจำตัวผู้เสียภาษี (13 digits) when published


@dataclass(frozen=True, slots=True)
class ProcurementDocument:
    title: str
    url: str  # absolute address of the published file
    date: dt.date | None = None
    kind: str | None = None  # OCDS documentType, e.g. "tenderNotice", "awardNotice"


@dataclass(frozen=True, slots=True)
class ProcurementRecord:
    id: str  # the agency's reference for the procurement, e.g. the e-GP project number
    title: str  # งานที่จัดซื้อหรือจัดจ้าง
    method: ThaiProcurementMethod
    method_details: str | None = None  # e.g. "e-bidding", "e-market"
    category: ProcurementCategory | None = None
    budget: Decimal | None = None  # วงเงินงบประมาณ
    reference_price: Decimal | None = None  # ราคากลาง
    planned: dt.date | None = None  # entered in the procurement plan (O21)
    announced: dt.date | None = None  # invitation published (O22)
    awarded: dt.date | None = None  # winner chosen (O23)
    supplier: Supplier | None = None  # ผู้ได้รับการคัดเลือก
    award_amount: Decimal | None = None  # ราคาที่ตกลงซื้อหรือจ้าง
    award_reason: str | None = None  # เหตุผลที่คัดเลือกโดยสังเขป
    contract_number: str | None = None  # เลขที่สัญญาหรือข้อตกลง
    contract_signed: dt.date | None = None
    documents: tuple[ProcurementDocument, ...] = ()

    def __post_init__(self) -> None:
        if self.awarded is not None and self.supplier is None:
            raise ValueError(f"procurement {self.id}: an award needs its supplier")
        if self.contract_number is not None and self.awarded is None:
            raise ValueError(f"procurement {self.id}: a contract needs the award it follows")


@dataclass(frozen=True, slots=True)
class Buyer:
    """The agency as the buyer and procuring entity of every record."""

    name: str
    id: str  # stable identifier of the agency in the package, e.g. its government code
    address: str | None = None


def _when(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"


def _value(amount: Decimal) -> dict[str, object]:
    return {"amount": float(amount), "currency": CURRENCY}


def _supplier_id(supplier: Supplier) -> str:
    return f"TH-RD-{supplier.tax_id}" if supplier.tax_id else f"supplier-{supplier.name}"


def _parties(record: ProcurementRecord, buyer: Buyer, with_supplier: bool) -> list[dict]:
    organisation: dict[str, object] = {
        "id": buyer.id,
        "name": buyer.name,
        "roles": ["buyer", "procuringEntity"],
    }
    if buyer.address:
        organisation["address"] = {"streetAddress": buyer.address, "countryName": "ประเทศไทย"}
    parties = [organisation]
    if with_supplier and record.supplier is not None:
        supplier: dict[str, object] = {
            "id": _supplier_id(record.supplier),
            "name": record.supplier.name,
            "roles": ["supplier"],
        }
        if record.supplier.tax_id:
            # TH-RD: Thailand's Revenue Department taxpayer number (org-id.guide).
            supplier["identifier"] = {
                "scheme": "TH-RD",
                "id": record.supplier.tax_id,
                "legalName": record.supplier.name,
            }
        parties.append(supplier)
    return parties


def _documents(record: ProcurementRecord) -> list[dict]:
    documents = []
    for index, document in enumerate(record.documents, start=1):
        entry: dict[str, object] = {"id": str(index), "title": document.title, "url": document.url}
        if document.kind:
            entry["documentType"] = document.kind
        if document.date:
            entry["datePublished"] = _when(document.date)
        documents.append(entry)
    return documents


def _tender(
    record: ProcurementRecord, ocid: str, buyer: dict[str, str], stage: str
) -> dict[str, object]:
    tender: dict[str, object] = {
        "id": f"{ocid}-tender",
        "title": record.title,
        "procuringEntity": buyer,
        "procurementMethod": OCDS_METHOD[record.method],
        "procurementMethodDetails": " ".join(
            part for part in (f"วิธี{record.method}", record.method_details) if part
        ),
    }
    if record.category:
        tender["mainProcurementCategory"] = record.category
    if record.reference_price is not None:
        tender["value"] = _value(record.reference_price)
    if stage != "planning" and record.announced is not None:
        tender["datePublished"] = _when(record.announced)
    documents = _documents(record)
    if documents:
        tender["documents"] = documents
    return tender


def _award(record: ProcurementRecord, ocid: str, supplier: Supplier) -> dict[str, object]:
    award: dict[str, object] = {
        "id": f"{ocid}-award",
        "title": record.title,
        "suppliers": [{"id": _supplier_id(supplier), "name": supplier.name}],
    }
    if record.awarded is not None:
        award["date"] = _when(record.awarded)
    if record.award_amount is not None:
        award["value"] = _value(record.award_amount)
    if record.award_reason:
        award["description"] = record.award_reason
    return award


def _contract(record: ProcurementRecord, ocid: str) -> dict[str, object]:
    contract: dict[str, object] = {
        "id": f"{ocid}-contract",
        "awardID": f"{ocid}-award",
        "title": f"สัญญาเลขที่ {record.contract_number}",
    }
    if record.contract_signed is not None:
        contract["dateSigned"] = _when(record.contract_signed)
    if record.award_amount is not None:
        contract["value"] = _value(record.award_amount)
    return contract


def _stages(record: ProcurementRecord) -> list[tuple[str, dt.date]]:
    """The stages the record has reached, each with the date it was reached."""
    stages = []
    if record.planned is not None:
        stages.append(("planning", record.planned))
    if record.announced is not None:
        stages.append(("tender", record.announced))
    if record.awarded is not None:
        stages.append(("award", record.awarded))
        if record.contract_number is not None:
            stages.append(("contract", record.contract_signed or record.awarded))
    return stages


def _releases(record: ProcurementRecord, buyer: Buyer, ocid_prefix: str) -> list[dict]:
    ocid = f"{ocid_prefix}-{record.id}"
    buyer_reference = {"id": buyer.id, "name": buyer.name}
    releases = []
    for stage, day in _stages(record):
        awarded = stage in ("award", "contract")
        release: dict[str, object] = {
            "ocid": ocid,
            "id": f"{ocid}-{stage}",
            "date": _when(day),
            "tag": [stage],
            "initiationType": "tender",
            "language": "th",
            "parties": _parties(record, buyer, with_supplier=awarded),
            "buyer": buyer_reference,
        }
        if stage == "planning" and record.budget is not None:
            release["planning"] = {"budget": {"amount": _value(record.budget)}}
        release["tender"] = _tender(record, ocid, buyer_reference, stage)
        if awarded and record.supplier is not None:
            release["awards"] = [_award(record, ocid, record.supplier)]
        if stage == "contract":
            release["contracts"] = [_contract(record, ocid)]
        releases.append(release)
    return releases


def release_package(
    records: Sequence[ProcurementRecord],
    *,
    buyer: Buyer,
    ocid_prefix: str,
    uri: str,
    licence_url: str | None = None,
) -> dict[str, object]:
    """An OCDS release package of every stage of every record, in a stable order.

    `ocid_prefix` is the agency's prefix (register one with Open Contracting to publish
    officially); `uri` is where the package is published. The package's publishedDate
    is the newest release date, so the same records always give the same package.
    """
    if not records:
        raise ValueError("an OCDS release package needs at least one procurement record")
    ids = [record.id for record in records]
    if len(set(ids)) != len(ids):
        raise ValueError("procurement record ids must be unique")
    releases = [
        release
        for record in sorted(records, key=lambda r: r.id)
        for release in _releases(record, buyer, ocid_prefix)
    ]
    if not releases:
        raise ValueError("no procurement record has a dated stage (planned, announced, awarded)")
    package: dict[str, object] = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": max(release["date"] for release in releases),
        "publisher": {"name": buyer.name},
        "releases": releases,
    }
    if licence_url:
        package["license"] = licence_url
    return package


def package_bytes(package: dict[str, object]) -> bytes:
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
