"""The open-data catalogue and the print pages are valid HTML (Nu Html Checker)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sites import FIXTURE_AGENCY, build_into
from tests.support.vnu import format_errors, validate_html

NEW_PAGES = ("data/index.html", "measures/2566/print/index.html", "measures/2566/index.html")


@pytest.mark.validator
def test_catalogue_and_print_pages_are_valid_html(tmp_path: Path):
    output = build_into(FIXTURE_AGENCY, tmp_path / "output")

    errors = validate_html(output / page for page in NEW_PAGES)

    assert errors == [], format_errors(errors, output)
