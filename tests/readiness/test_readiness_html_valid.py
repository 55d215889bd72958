"""The readiness pages and the HTML report pass the Nu Html Checker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.pipeline import build
from tests.support.vnu import format_errors, validate_html

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "readiness"


@pytest.mark.validator
def test_readiness_pages_and_report_are_valid_html(tmp_path, capsys):
    output = tmp_path / "out"
    build(FIXTURES / "complete", ROOT / "templates", output, dt.date(2022, 10, 1))
    main(
        [
            "report",
            "--content",
            str(FIXTURES / "complete"),
            "--as-of",
            "2022-10-01",
            "--format",
            "html",
        ]
    )
    report = tmp_path / "report.html"
    report.write_text(capsys.readouterr().out, encoding="utf-8")
    pages = [
        output / "readiness" / "index.html",
        output / "assessor" / "index.html",
        output / "oit" / "index.html",
        output / "oit" / "o23" / "index.html",
        output / "oit" / "o31" / "index.html",
        report,
    ]

    errors = validate_html(pages)

    assert errors == [], format_errors(errors, tmp_path)
