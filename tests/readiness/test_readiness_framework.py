"""The readiness rules as data in the framework files, and what the schema refuses."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from site_builder.checklist import FRAMEWORK_DIR, available_frameworks, load_framework
from site_builder.schema.framework import FiscalYearRule, FrameworkFile, PartsRule, PersonFactsRule

CADENCE_ITEMS = {
    "ประจำปี": {"O10", "O12", "O18", "O20", "O24", "O28", "O36", "O41"},
    "รอบ 6 เดือน": {"O11", "O19", "O40"},
    "รายเดือน": {"O23"},
}


@pytest.fixture(params=["ita-2564", "ita-2565"])
def framework(request) -> FrameworkFile:
    loaded, problems = load_framework(request.param)
    assert loaded is not None, problems
    return loaded


def test_both_frameworks_carry_rules():
    assert available_frameworks() == ["ita-2564", "ita-2565"]


def test_cadence_is_exactly_what_the_item_titles_state(framework):
    for cadence, codes in CADENCE_ITEMS.items():
        found = {item.code for item in framework.items if item.cadence == cadence}
        assert found == codes
        for item in framework.items:
            if item.code in codes:
                assert cadence in item.title_th


def test_every_item_with_a_cadence_says_which_fiscal_year_it_reports_on(framework):
    for item in framework.items:
        if item.cadence:
            assert isinstance(item.rule("fiscal_year"), FiscalYearRule), item.code


def test_annual_results_reports_are_of_the_previous_year_plans_of_the_current(framework):
    years = {
        item.code: rule.year
        for item in framework.items
        for rule in item.rules
        if isinstance(rule, FiscalYearRule)
    }

    assert {code for code, year in years.items() if year == "previous"} == {
        "O12", "O16", "O20", "O24", "O28", "O41"
    }  # fmt: skip
    assert years["O10"] == years["O18"] == years["O23"] == "current"


def test_rules_the_reference_does_not_verify_are_flagged(framework):
    rules = {(item.code, rule.kind): rule for item in framework.items for rule in item.rules}

    assert all(not rule.verified for (_, kind), rule in rules.items() if kind == "fiscal_year")
    assert not rules["O1", "parts"].verified  # from the agency's own analysis (SRC_LADYA)
    assert rules["O1", "parts"].source == ["SRC_LADYA"]
    assert rules["O2", "person_facts"].verified  # the O2 criteria are verified (SRC_SARABURI)
    general = {rule.id: rule.verified for rule in framework.general_rules}
    assert general == {
        "presence": True,
        "oit_score": True,
        "item_scoring": False,
        "fiscal_year": False,
    }


def test_o1_needs_three_parts_and_o2_four_facts_per_executive(framework):
    o1 = next(item for item in framework.items if item.code == "O1")
    o2 = next(item for item in framework.items if item.code == "O2")

    assert isinstance(o1.rules[0], PartsRule)
    assert o1.part_names == ("ผู้บริหาร", "สมาชิกสภา", "พนักงาน")
    assert isinstance(o2.rules[0], PersonFactsRule)
    assert o2.rules[0].facts == ["name", "position", "photo", "contact"]


def test_every_rule_cites_sources_the_framework_describes(framework):
    for item in framework.items:
        for rule in item.rules:
            assert rule.source and set(rule.source) <= set(framework.sources), item.code


def framework_data() -> dict:
    return yaml.safe_load((FRAMEWORK_DIR / "ita-2565.yaml").read_text(encoding="utf-8"))


def test_schema_refuses_a_cadence_without_a_fiscal_year_rule():
    data = framework_data()
    next(item for item in data["items"] if item["code"] == "O23")["rules"] = []

    with pytest.raises(ValidationError, match="an item with a cadence needs a fiscal_year rule"):
        FrameworkFile.model_validate(data)


def test_schema_refuses_a_rule_citing_an_unknown_source():
    data = framework_data()
    next(item for item in data["items"] if item["code"] == "O1")["rules"][0]["source"] = [
        "SRC_NOWHERE"
    ]

    with pytest.raises(ValidationError, match="SRC_NOWHERE"):
        FrameworkFile.model_validate(data)
