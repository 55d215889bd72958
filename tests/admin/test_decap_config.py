"""The /admin/ editor: off by default; when on, its config follows the content schemas."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from site_builder.pipeline import load_site
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from tests.support.sites import TEMPLATES, build_into, copy_agency, edit_yaml

GITHUB = {"name": "github", "repo": "thung-tua-yang/oit-site", "branch": "main"}


def enable_admin(content: Path, **admin: object) -> None:
    edit_yaml(content / "site.yaml", lambda d: d["site"].update(admin=admin))


@pytest.fixture
def admin_site(tmp_path: Path) -> Path:
    content = copy_agency(tmp_path / "content")
    enable_admin(content, enabled=True, backend=GITHUB)
    return build_into(content, tmp_path / "output")


def config(site: Path) -> dict:
    return yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))


def collection(site: Path, name: str) -> dict:
    return next(c for c in config(site)["collections"] if c["name"] == name)


def field(fields: list[dict], path: str) -> dict:
    """A field by dotted path through object and list fields, e.g. 'measures.methods'."""
    head, _, rest = path.partition(".")
    found = next(f for f in fields if f["name"] == head)
    if not rest:
        return found
    return field(found.get("fields") or [found["field"]], rest)


def names(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_no_editor_is_published_unless_site_yaml_enables_it(tmp_path: Path):
    output = build_into(copy_agency(tmp_path / "content"), tmp_path / "output")

    assert not (output / "admin").exists()


def test_enabled_editor_runs_from_the_sites_own_copy_of_decap(admin_site: Path):
    page = (admin_site / "admin" / "index.html").read_text(encoding="utf-8")

    assert '<script src="/admin/decap-cms/decap-cms.js"></script>' in page
    assert 'href="/admin/config.yml" type="text/yaml" rel="cms-config-url"' in page
    assert all(
        address.startswith("/admin/") for address in re.findall(r'(?:src|href)="([^"]*)"', page)
    )  # nothing from a CDN
    assert (admin_site / "admin" / "decap-cms" / "LICENSE").is_file()
    assert "/admin/" not in (admin_site / "sitemap.xml").read_text(encoding="utf-8")


def test_vendored_decap_matches_the_recorded_checksum():
    folder = TEMPLATES / "admin" / "decap-cms"
    recorded = re.search(r"sha256\s+`([0-9a-f]{64})`", (folder / "README.md").read_text())

    assert recorded, "README.md records no checksum"
    assert hashlib.sha256((folder / "decap-cms.js").read_bytes()).hexdigest() == recorded[1]


def test_backend_and_media_folders_come_from_site_yaml(admin_site: Path):
    described = config(admin_site)

    assert described["backend"] == GITHUB
    assert described["media_folder"] == "content/files/uploads"
    assert described["public_folder"] == "files/uploads"  # stored as files/… like any document
    assert described["site_url"] == "https://thung-tua-yang.example.go.th/"
    assert described["locale"] == "th"
    assert "publish_mode" not in described


def test_one_collection_per_content_folder_plus_the_site_settings(admin_site: Path):
    collections = {c["name"]: c for c in config(admin_site)["collections"]}

    assert list(collections) == ["news", "oit", "measures", "ita", "settings"]
    assert collections["news"]["folder"] == "content/news"
    assert collections["news"]["format"] == "frontmatter"
    assert collections["oit"]["slug"] == "{{code}}"
    assert collections["measures"]["slug"] == "{{fiscal_year}}"
    assert collections["ita"]["extension"] == "yaml"
    assert collections["settings"]["files"][0]["file"] == "content/site.yaml"


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("news", NewsFrontMatter),
        ("oit", DisclosureFile),
        ("measures", MeasuresFile),
        ("ita", AssessmentFile),
    ],
)
def test_every_schema_field_is_editable(admin_site: Path, name: str, model: type[BaseModel]):
    fields = collection(admin_site, name)["fields"]

    assert {f["name"] for f in fields} - {"body"} == names(model)


def test_nested_records_keep_all_their_fields(admin_site: Path):
    measures = collection(admin_site, "measures")["fields"]
    site = collection(admin_site, "settings")["files"][0]["fields"]

    assert {f["name"] for f in field(measures, "measures")["fields"]} == {
        "number", "title", "methods", "responsible", "periods", "follow_up",
    }  # fmt: skip
    assert {f["name"] for f in field(site, "agency")["fields"]} == names(
        SiteFile.model_fields["agency"].annotation
    )


def test_widgets_follow_the_field_types(admin_site: Path):
    measures = collection(admin_site, "measures")["fields"]
    ita = collection(admin_site, "ita")["fields"]
    news = collection(admin_site, "news")["fields"]
    site = collection(admin_site, "settings")["files"][0]["fields"]

    assert field(measures, "measures.methods")["field"]["widget"] == "markdown"
    assert field(measures, "measures.responsible")["field"]["widget"] == "string"
    assert field(measures, "adopted.date")["widget"] == "datetime"
    assert field(measures, "adopted.date")["format"] == "YYYY-MM-DD"
    assert field(measures, "progress_reports.documents.file")["widget"] == "file"
    assert field(news, "image")["widget"] == "image"
    assert field(news, "body")["widget"] == "markdown"
    assert field(ita, "indicators.number") | {"label": None, "hint": None} == {
        "name": "number", "label": None, "hint": None, "widget": "number",
        "value_type": "int", "min": 1, "max": 10,
    }  # fmt: skip
    assert field(ita, "grade")["options"] == ["AA", "A", "B", "C", "D", "E", "F"]
    assert "องค์การบริหารส่วนตำบล" in field(site, "agency.type")["options"]
    assert field(site, "site.admin.enabled")["widget"] == "boolean"


def test_optional_fields_are_marked_and_required_ones_are_not(admin_site: Path):
    news = collection(admin_site, "news")["fields"]
    measures = collection(admin_site, "measures")["fields"]

    assert "required" not in field(news, "title")
    assert field(news, "summary")["required"] is False
    assert field(measures, "documents")["required"] is False  # a list that may stay empty
    assert "required" not in field(measures, "measures")
    assert field(measures, "measures")["summary"] == "{{fields.number}}. {{fields.title}}"


def test_editorial_workflow_saves_drafts_for_review(tmp_path: Path):
    content = copy_agency(tmp_path / "content")
    enable_admin(content, enabled=True, backend=GITHUB, editorial_workflow=True)

    assert config(build_into(content, tmp_path / "output"))["publish_mode"] == "editorial_workflow"


@pytest.mark.parametrize(
    ("admin", "key", "where"),
    [
        ({"enabled": True}, "admin_needs_backend", "site.admin"),
        (
            {"enabled": True, "backend": {"name": "gitlab"}},
            "admin_needs_repo",
            "site.admin.backend",
        ),
    ],
)
def test_an_incomplete_editor_setting_is_a_content_error_at_its_line(
    tmp_path: Path, admin: dict, key: str, where: str
):
    content = copy_agency(tmp_path / "content")
    enable_admin(content, **admin)

    site, problems = load_site(content)

    assert site is None
    (problem,) = problems
    assert problem.key == key and problem.field_path == where
    assert problem.location.file.endswith("site.yaml") and problem.location.line > 0


def test_config_is_byte_identical_between_builds(tmp_path: Path):
    content = copy_agency(tmp_path / "content")
    enable_admin(content, enabled=True, backend=GITHUB)

    first = build_into(content, tmp_path / "one") / "admin" / "config.yml"
    second = build_into(content, tmp_path / "two") / "admin" / "config.yml"

    assert first.read_bytes() == second.read_bytes()
