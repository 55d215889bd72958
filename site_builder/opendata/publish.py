"""The files of data/: each dataset as CSV and JSON, procurement as an OCDS release
package when the content holds dated procurement, and the DCAT catalogue of them all."""

from __future__ import annotations

from urllib.parse import quote

from site_builder.model import Site
from site_builder.opendata.catalog import CATALOG_PATH, catalog_bytes
from site_builder.opendata.formats import Link, csv_bytes, json_bytes
from site_builder.opendata.licence import data_licence
from site_builder.opendata.ocds import package_bytes
from site_builder.render.environment import make_chrome

_SAFE = "/#%?=&.-_~"


def site_link(site: Site) -> Link:
    """Site path → address: absolute when site.base_url is set, else from the site's root.

    Addresses that already are addresses (external documents) are kept as they are.
    """
    chrome = make_chrome(site)
    prefix = chrome.base_url or chrome.base_path

    def link(path: str) -> str:
        if "://" in path:
            return path
        return prefix + quote(path, safe=_SAFE)

    return link


def open_data_files(site: Site) -> list[tuple[str, bytes]]:
    """(site path, bytes) of every file under data/, in a stable order."""
    licence = data_licence(site.settings)
    link = site_link(site)
    files: list[tuple[str, bytes]] = []
    for dataset in site.datasets:
        files.append((dataset.csv_path, csv_bytes(dataset, link)))
        files.append((dataset.json_path, json_bytes(dataset, licence.licence, link)))
    ocds = site.procurement_ocds
    if ocds is not None:
        package = ocds.package(uri=link(ocds.path), licence_url=licence.licence.url, link=link)
        files.append((ocds.path, package_bytes(package)))
    sizes = {path: len(data) for path, data in files}
    files.append((CATALOG_PATH, catalog_bytes(site, licence, sizes, link)))
    return files
