"""Procurement records → an Open Contracting Data Standard (OCDS 1.1) release package.

The input is a plain list of `ProcurementRecord`: one procurement (โครงการจัดซื้อจัดจ้าง)
with what the agency publishes about it under O21 (the procurement plan), O22 (the
announcements) and O23 (the result, as in the monthly summary แบบ สขร.1). Each stage
that has happened becomes one release of the record's contracting process (ocid):
planning, tender, award, contract. A release repeats what was known by its stage, so
the newest release of a process reads as the whole story. opendata/contracting.py
builds the records from the content.

Dates are the agency's calendar dates, stated at midnight Thai time (+07:00); amounts
are in baht (THB).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Literal

OCDS_VERSION = "1.1"
CURRENCY = "THB"
RELEASE_PACKAGE_SCHEMA = (
    "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
)

# วิธีซื้อหรือจ้าง under the Public Procurement Act B.E. 2560, section 55, and its OCDS
# method code. A general invitation (e-bidding, e-market, สอบราคา) is open to all; the
# selection method invites suppliers the agency chooses; the specific method lets the
# agency invite one or several suppliers of its choice, which is OCDS "limited" — "direct"
# (no competition at all) would claim more than the published forms say.
ThaiProcurementMethod = Literal["ประกาศเชิญชวนทั่วไป", "คัดเลือก", "เฉพาะเจาะจง"]
OCDS_METHOD: dict[str, str] = {
    "ประกาศเชิญชวนทั่วไป": "open",
    "คัดเลือก": "selective",
    "เฉพาะเจาะจง": "limited",
}
_GENERAL_INVITATION = (
    "ประกาศเชิญชวน",
    "ประกวดราคา",
    "e-bidding",
    "ตลาดอิเล็กทรอนิกส์",
    "e-market",
    "สอบราคา",
)
ProcurementCategory = Literal["goods", "services", "works"]
DocumentType = Literal["procurementPlan", "tenderNotice", "awardNotice"]

Link = Callable[[str], str]


def method_of(written: str) -> ThaiProcurementMethod | None:
    """The Act's method a written วิธีซื้อหรือจ้าง names ("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
    is a general invitation); None when the text names none of the three."""
    text = written.casefold()
    if "เฉพาะเจาะจง" in text:
        return "เฉพาะเจาะจง"
    if "คัดเลือก" in text:
        return "คัดเลือก"
    if any(word in text for word in _GENERAL_INVITATION):
        return "ประกาศเชิญชวนทั่วไป"
    return None


@dataclass(frozen=True, slots=True)
class Supplier:
    name: str
    tax_id: str | None = None  # เลขประจำตัวผู้เสียภาษี (13 digits) when published


@dataclass(frozen=True, slots=True)
class ProcurementDocument:
    title: str
    url: str  # site path ("files/…") or address of the published file
    date: dt.date | None = None
    kind: DocumentType | None = None  # OCDS documentType


@dataclass(frozen=True, slots=True)
class Contract:
    title: str  # as written, e.g. "สัญญาจ้างเลขที่ 1/2565 ลงวันที่ 28 ธ.ค. 2564"
    signed: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ProcurementRecord:
    id: str  # the agency's reference for the procurement, unique among its records
    title: str  # งานที่จัดซื้อหรือจัดจ้าง
    method: ThaiProcurementMethod | None = None
    method_details: str | None = None  # the method as the agency writes it
    category: ProcurementCategory | None = None
    budget: Decimal | None = None  # วงเงินงบประมาณ
    reference_price: Decimal | None = None  # ราคากลาง
    planned: dt.date | None = None  # the plan holding it was published (O21)
    announced: dt.date | None = None  # invitation published (O22)
    tenderers: tuple[str, ...] = ()  # ผู้เสนอราคา, by name
    supplier: Supplier | None = None  # ผู้ได้รับการคัดเลือก
    award_amount: Decimal | None = None  # ราคาที่ตกลงซื้อหรือจ้าง
    award_reason: str | None = None  # เหตุผลที่คัดเลือกโดยสังเขป
    awarded: dt.date | None = None  # the award decision, e.g. the winner's announcement
    contract: Contract | None = None  # เลขที่และวันที่ของสัญญาหรือข้อตกลง
    # The last day of the month whose สขร.1 reports the result: the award and contract
    # releases are dated by it when the content gives no date of their own.
    reported: dt.date | None = None
    documents: tuple[ProcurementDocument, ...] = ()
    planning_process: str | None = None  # id of the record of the plan line it follows

    def __post_init__(self) -> None:
        if self.awarded is not None and self.supplier is None:
            raise ValueError(f"procurement {self.id}: an award needs its supplier")
        if self.contract is not None and self.supplier is None:
            raise ValueError(f"procurement {self.id}: a contract needs the award it follows")

    def stages(self) -> list[tuple[str, dt.date]]:
        """The stages the record has reached, each with the date it was reached."""
        stages = []
        if self.planned is not None:
            stages.append(("planning", self.planned))
        if self.announced is not None:
            stages.append(("tender", self.announced))
        signed = self.contract.signed if self.contract else None
        award_day = self.awarded or signed or self.reported
        if self.supplier is not None and award_day is not None:
            stages.append(("award", award_day))
            if self.contract is not None:
                stages.append(("contract", signed or self.reported or award_day))
        return stages


@dataclass(frozen=True, slots=True)
class Buyer:
    """The agency as the buyer and procuring entity of every record."""

    name: str
    id: str  # identifier of the agency among the package's parties
    address: str | None = None


def _when(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"


def _value(amount: Decimal) -> dict[str, object]:
    return {"amount": float(amount), "currency": CURRENCY}


def _name_key(name: str) -> str:
    return " ".join(name.split())


def _party_id(name: str, tax_id: str | None = None) -> str:
    return f"TH-RD-{tax_id}" if tax_id else f"org-{_name_key(name)}"


def _supplier_reference(supplier: Supplier) -> dict[str, str]:
    return {"id": _party_id(supplier.name, supplier.tax_id), "name": supplier.name}


def _parties(record: ProcurementRecord, buyer: Buyer, awarded: bool) -> list[dict]:
    organisation: dict[str, object] = {
        "id": buyer.id,
        "name": buyer.name,
        "roles": ["buyer", "procuringEntity"],
    }
    if buyer.address:
        organisation["address"] = {"streetAddress": buyer.address, "countryName": "ประเทศไทย"}
    parties = [organisation]
    if not awarded or record.supplier is None:
        return parties
    supplier = record.supplier
    supplier_key = _name_key(supplier.name)
    tendered = {_name_key(name) for name in record.tenderers}
    for name in dict.fromkeys(record.tenderers):  # in order, once each
        if _name_key(name) != supplier_key:
            parties.append({"id": _party_id(name), "name": name, "roles": ["tenderer"]})
    entry: dict[str, object] = {
        **_supplier_reference(supplier),
        "roles": ["tenderer", "supplier"] if supplier_key in tendered else ["supplier"],
    }
    if supplier.tax_id:
        # TH-RD: Thailand's Revenue Department taxpayer number (org-id.guide).
        entry["identifier"] = {"scheme": "TH-RD", "id": supplier.tax_id, "legalName": supplier.name}
    parties.append(entry)
    return parties


def _documents(
    record: ProcurementRecord, day: dt.date, kinds: set[DocumentType | None], link: Link
) -> list[dict]:
    """The record's documents of these kinds published by `day` (undated ones always)."""
    documents = []
    for index, document in enumerate(record.documents, start=1):
        if document.kind not in kinds or (document.date is not None and document.date > day):
            continue
        entry: dict[str, object] = {
            "id": str(index),
            "title": document.title,
            "url": link(document.url),
        }
        if document.kind:
            entry["documentType"] = document.kind
        if document.date:
            entry["datePublished"] = _when(document.date)
        documents.append(entry)
    return documents


def _tender(
    record: ProcurementRecord,
    ocid: str,
    buyer: dict[str, str],
    reached: set[str],
    documents: list[dict],
) -> dict[str, object]:
    tender: dict[str, object] = {"id": f"{ocid}-tender", "title": record.title}
    tender["procuringEntity"] = buyer
    if record.method is not None:
        tender["procurementMethod"] = OCDS_METHOD[record.method]
    details = record.method_details or (f"วิธี{record.method}" if record.method else None)
    if details:
        tender["procurementMethodDetails"] = details
    if record.category:
        tender["mainProcurementCategory"] = record.category
    if record.reference_price is not None:
        tender["value"] = _value(record.reference_price)
    if "tender" in reached and record.announced is not None:
        tender["datePublished"] = _when(record.announced)
    if "award" in reached and record.tenderers:
        names = list(dict.fromkeys(record.tenderers))
        tender["tenderers"] = [{"id": _party_id(name), "name": name} for name in names]
        tender["numberOfTenderers"] = len(names)
    if documents:
        tender["documents"] = documents
    return tender


def _award(
    record: ProcurementRecord, ocid: str, supplier: Supplier, documents: list[dict]
) -> dict[str, object]:
    award: dict[str, object] = {
        "id": f"{ocid}-award",
        "title": record.title,
        "suppliers": [_supplier_reference(supplier)],
    }
    if record.awarded is not None:
        award["date"] = _when(record.awarded)
    if record.award_amount is not None:
        award["value"] = _value(record.award_amount)
    if record.award_reason:
        award["description"] = record.award_reason
    if documents:
        award["documents"] = documents
    return award


def _contract(record: ProcurementRecord, ocid: str, contract: Contract) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": f"{ocid}-contract",
        "awardID": f"{ocid}-award",
        "title": contract.title,
    }
    if contract.signed is not None:
        entry["dateSigned"] = _when(contract.signed)
    if record.award_amount is not None:
        entry["value"] = _value(record.award_amount)
    return entry


def _releases(record: ProcurementRecord, buyer: Buyer, ocid_prefix: str, link: Link) -> list[dict]:
    ocid = f"{ocid_prefix}-{record.id}"
    buyer_reference = {"id": buyer.id, "name": buyer.name}
    stages = record.stages()
    releases = []
    for index, (stage, day) in enumerate(stages):
        reached = {name for name, _ in stages[: index + 1]}
        awarded = "award" in reached and record.supplier is not None
        release: dict[str, object] = {
            "ocid": ocid,
            "id": f"{ocid}-{stage}",
            "date": _when(day),
            "tag": [stage],
            "initiationType": "tender",
            "language": "th",
            "parties": _parties(record, buyer, awarded),
            "buyer": buyer_reference,
        }
        if record.planning_process is not None:
            release["relatedProcesses"] = [
                {
                    "id": "1",
                    "relationship": ["planning"],
                    "scheme": "ocid",
                    "identifier": f"{ocid_prefix}-{record.planning_process}",
                }
            ]
        if record.budget is not None:
            release["planning"] = {"budget": {"amount": _value(record.budget)}}
        award_kinds: set[DocumentType | None] = {"awardNotice"}
        tender_kinds: set[DocumentType | None] = {None, "procurementPlan", "tenderNotice"}
        if not awarded:  # an award notice with no award to hang on goes with the tender
            tender_kinds |= award_kinds
        tender_documents = _documents(record, day, tender_kinds, link)
        release["tender"] = _tender(record, ocid, buyer_reference, reached, tender_documents)
        if awarded and record.supplier is not None:
            award_documents = _documents(record, day, award_kinds, link)
            release["awards"] = [_award(record, ocid, record.supplier, award_documents)]
        if stage == "contract" and record.contract is not None:
            release["contracts"] = [_contract(record, ocid, record.contract)]
        releases.append(release)
    return releases


def release_package(
    records: Sequence[ProcurementRecord],
    *,
    buyer: Buyer,
    ocid_prefix: str,
    uri: str,
    licence_url: str | None = None,
    link: Link = str,
) -> dict[str, object]:
    """An OCDS release package of every stage of every record, in a stable order.

    `ocid_prefix` is the agency's prefix (register one with Open Contracting to publish
    officially); `uri` is where the package is published; `link` turns the documents'
    site paths into addresses. The package's publishedDate is the newest release date,
    so the same records always give the same package.
    """
    if not records:
        raise ValueError("an OCDS release package needs at least one procurement record")
    ids = [record.id for record in records]
    if len(set(ids)) != len(ids):
        raise ValueError("procurement record ids must be unique")
    releases = [
        release
        for record in sorted(records, key=lambda r: r.id)
        for release in _releases(record, buyer, ocid_prefix, link)
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


@dataclass(frozen=True, slots=True)
class ProcurementPackage:
    """The procurement the site publishes as data/ocds-release-package.json.

    `records` are those with at least one dated stage; `ocid_prefix` is the agency's
    registered prefix, or the tool's stand-in when `prefix_registered` is False.
    """

    id: ClassVar[str] = "procurement-ocds"
    path: ClassVar[str] = "data/ocds-release-package.json"
    title_th: ClassVar[str] = "การจัดซื้อจัดจ้างตามมาตรฐาน Open Contracting (OCDS)"

    records: tuple[ProcurementRecord, ...]
    buyer: Buyer
    ocid_prefix: str
    prefix_registered: bool
    pages: tuple[str, ...]  # the pages showing the plan, announcements and results
    oit_codes: tuple[str, ...]

    @property
    def modified(self) -> dt.date:
        """The newest stage date: the package's publishedDate."""
        return max(day for record in self.records for _, day in record.stages())

    @property
    def release_count(self) -> int:
        return sum(len(record.stages()) for record in self.records)

    def package(self, *, uri: str, licence_url: str, link: Link) -> dict[str, object]:
        return release_package(
            self.records,
            buyer=self.buyer,
            ocid_prefix=self.ocid_prefix,
            uri=uri,
            licence_url=licence_url,
            link=link,
        )
