"""data/catalog.json: the datasets described in DCAT (W3C Data Catalog Vocabulary), as JSON-LD.

Portals and harvesters (CKAN, data.go.th-style catalogues, DCAT-AP tools) read it to
list the agency's datasets with their licence, update date and download addresses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from site_builder.model import Site
from site_builder.model.dataset import Dataset
from site_builder.opendata.formats import CSV_MEDIA_TYPE, JSON_MEDIA_TYPE, Link
from site_builder.opendata.licence import DataLicence
from site_builder.opendata.ocds import RELEASE_PACKAGE_SCHEMA, ProcurementPackage

CATALOG_PATH = "data/catalog.json"

_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "@language": "th",
    "dct:modified": {"@type": "xsd:date"},
    "dct:license": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:mediaType": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "dct:identifier": {"@language": None},
    "dct:format": {"@language": None},
}
_IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
_FORMATS = ((CSV_MEDIA_TYPE, "CSV", "csv_path"), (JSON_MEDIA_TYPE, "JSON", "json_path"))


def _distributions(dataset: Dataset, sizes: Mapping[str, int], link: Link) -> list[dict]:
    return [
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{dataset.title_th} ({name})",
            "dct:format": name,
            "dcat:mediaType": _IANA_MEDIA_TYPES + media_type,
            "dcat:downloadURL": link(getattr(dataset, attribute)),
            "dcat:accessURL": link(dataset.page),
            "dcat:byteSize": sizes[getattr(dataset, attribute)],
        }
        for media_type, name, attribute in _FORMATS
    ]


def _procurement_entry(
    ocds: ProcurementPackage, publisher: dict, licence: DataLicence, size: int, link: Link
) -> dict[str, object]:
    description = (
        "แผน ประกาศ และผลการจัดซื้อจัดจ้างของหน่วยงานเป็นข้อมูลตามมาตรฐาน Open Contracting Data "
        "Standard (OCDS) 1.1: หนึ่งกระบวนการจัดซื้อจัดจ้างต่อหนึ่ง ocid หนึ่ง release ต่อแต่ละขั้นตอน"
    )
    if not ocds.prefix_registered:
        description += (
            f" รหัส ocid ขึ้นต้นด้วย {ocds.ocid_prefix} ซึ่งยังไม่ได้ลงทะเบียนกับ Open Contracting Partnership"
        )
    return {
        "@id": link(f"data/#{ocds.id}"),
        "@type": "dcat:Dataset",
        "dct:identifier": ocds.id,
        "dct:title": ocds.title_th,
        "dct:description": description,
        "dct:publisher": publisher,
        "dct:license": licence.licence.url,
        "dct:modified": ocds.modified.isoformat(),
        "dcat:keyword": ["การจัดซื้อจัดจ้าง", "OCDS", *ocds.oit_codes],
        "dcat:landingPage": link(ocds.pages[0]),
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{ocds.title_th} (OCDS release package, JSON)",
                "dct:format": "JSON",
                "dcat:mediaType": _IANA_MEDIA_TYPES + JSON_MEDIA_TYPE,
                "dct:conformsTo": RELEASE_PACKAGE_SCHEMA,
                "dcat:downloadURL": link(ocds.path),
                "dcat:accessURL": link(ocds.pages[0]),
                "dcat:byteSize": size,
            }
        ],
    }


def catalog_bytes(site: Site, licence: DataLicence, sizes: Mapping[str, int], link: Link) -> bytes:
    """The catalogue of `site.datasets`; `sizes` gives each published file's length in bytes."""
    agency = site.agency.name_th
    publisher = {"@type": "foaf:Organization", "foaf:name": agency}
    datasets = []
    for dataset in site.datasets:
        entry: dict[str, object] = {
            "@id": link(f"data/#{dataset.id}"),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.id,
            "dct:title": dataset.title_th,
            "dct:description": dataset.description_th,
            "dct:publisher": publisher,
            "dct:license": licence.licence.url,
            "dcat:keyword": [*dataset.keywords, *dataset.oit_codes],
            "dcat:landingPage": link(dataset.page),
            "dcat:distribution": _distributions(dataset, sizes, link),
        }
        if dataset.modified is not None:
            entry["dct:modified"] = dataset.modified.isoformat()
        datasets.append(entry)
    ocds = site.procurement_ocds
    if ocds is not None:
        datasets.append(_procurement_entry(ocds, publisher, licence, sizes[ocds.path], link))
    catalog: dict[str, object] = {
        "@context": _CONTEXT,
        "@id": link(CATALOG_PATH),
        "@type": "dcat:Catalog",
        "dct:title": f"ข้อมูลเปิดของ{agency}",
        "dct:description": f"ชุดข้อมูลที่{agency}เผยแพร่บนเว็บไซต์ ในรูปแบบ CSV และ JSON",
        "dct:publisher": publisher,
        "dct:license": licence.licence.url,
        "foaf:homepage": link(""),
        "dcat:dataset": datasets,
    }
    if not licence.confirmed:
        catalog["dct:rights"] = (
            f"สัญญาอนุญาต {licence.licence.name} เป็นค่าเริ่มต้นของเครื่องมือสร้างเว็บไซต์ หน่วยงานยังไม่ได้ยืนยัน"
        )
    dates = [d.modified for d in site.datasets if d.modified]
    newest = max([*dates, *((ocds.modified,) if ocds else ())], default=None)
    if newest is not None:
        catalog["dct:modified"] = newest.isoformat()
    return (json.dumps(catalog, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
