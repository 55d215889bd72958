"""Unit tests: Thai digits in filters and templates, the JSON-LD block."""

from __future__ import annotations

import datetime as dt
import json

from site_builder import thai
from site_builder.render.filters import FILTERS, thai_digit_filters
from site_builder.render.structured_data import government_organization, json_ld
from site_builder.schema.content import Agency


def test_thai_digit_filters_convert_dates_scores_and_numbers():
    filters = thai_digit_filters()

    assert filters["thai_date"](dt.date(2022, 1, 24)) == "๒๔ มกราคม ๒๕๖๕"
    assert filters["score"](37.5) == "๓๗.๕๐"
    assert filters["number"]("9.1") == "๙.๑"
    assert FILTERS["thai_date"](dt.date(2022, 1, 24)) == "24 มกราคม 2565"
    assert FILTERS["score"](37.5) == "37.50"


def test_numerals_follow_the_site_option():
    assert thai.numerals(True)(2564) == "๒๕๖๔"
    assert thai.numerals(False)(2564) == "2564"


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"name": "</script><script>alert(1)</script> & co"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & co"


def test_organization_has_only_the_fields_the_agency_filled_in():
    agency = Agency(name_th="องค์การบริหารส่วนตำบลตัวอย่าง", type="องค์การบริหารส่วนตำบล")

    assert government_organization(agency, None, None) == {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": "องค์การบริหารส่วนตำบลตัวอย่าง",
        "address": {"@type": "PostalAddress", "addressCountry": "TH"},
    }
