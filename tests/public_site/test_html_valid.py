"""Every built page of the shipped site and of the fixture site is valid HTML (Nu Html Checker)."""

from __future__ import annotations

import pytest

from tests.public_site.conftest import BuiltSite
from tests.support.vnu import format_errors, validate_html


@pytest.mark.validator
def test_every_page_of_shipped_and_fixture_sites_passes_the_nu_html_checker(
    shipped_site: BuiltSite, fixture_site: BuiltSite, complete_site: BuiltSite
):
    sites = (shipped_site, fixture_site, complete_site)
    pages = [page for site in sites for page in site.html_files()]
    assert all(len(site.html_files()) > 50 for site in sites)

    errors = validate_html(pages)  # one JVM run for all pages of all three sites

    assert errors == [], format_errors(errors, root=shipped_site.root.parent.parent)
