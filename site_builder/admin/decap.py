"""Decap CMS configuration generated from the content schemas, and its files for the site.

Each content folder is one collection; each field of a content model becomes one
editor field, chosen from its JSON Schema: Markdown text → Markdown editor, dates →
date picker, fixed choices → drop-down list, files in content/ → file upload, lists
and nested records → repeatable groups. Field labels are the YAML keys, the same
names `check` uses in its messages; the schema's description is the hint below them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from site_builder.model import Site
from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)

CONFIG_PATH = "admin/config.yml"
DECAP_FOLDER = Path("admin") / "decap-cms"  # inside the templates folder
UPLOADS = "files/uploads"  # where files uploaded in the editor go, inside content/

JsonSchema = dict[str, Any]


@dataclass(frozen=True, slots=True)
class FolderCollection:
    """A folder of content files of one kind, edited as one list of entries."""

    name: str
    label: str
    folder: str  # inside the content folder
    model: type[BaseModel]
    slug: str  # file name pattern (Decap template tags)
    identifier_field: str
    extension: str = "yaml"
    body: bool = False  # Markdown body after the front matter (news)


COLLECTIONS = (
    FolderCollection(
        "news", "ข่าวประชาสัมพันธ์", "news", NewsFrontMatter,
        "{{year}}-{{month}}-{{day}}-{{slug}}", "title", extension="md", body=True,
    ),
    FolderCollection("oit", "การเปิดเผยข้อมูล O1–O43", "oit", DisclosureFile, "{{code}}", "code"),
    FolderCollection(
        "measures", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "measures", MeasuresFile,
        "{{fiscal_year}}", "title",
    ),
    FolderCollection("ita", "ผลการประเมิน ITA", "ita", AssessmentFile, "{{year}}", "year"),
)  # fmt: skip


def _resolve(schema: JsonSchema, defs: dict[str, JsonSchema]) -> JsonSchema:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _summary(properties: dict[str, JsonSchema]) -> str | None:
    """How a list entry is shown when folded: its number and title, or its name."""
    if "number" in properties and "title" in properties:
        return "{{fields.number}}. {{fields.title}}"
    for key in ("title", "name", "code", "tool"):
        if key in properties:
            return "{{fields." + key + "}}"
    return None


def _object_fields(schema: JsonSchema, defs: dict[str, JsonSchema]) -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    return [
        _field(name, property_schema, defs, name in required)
        for name, property_schema in schema["properties"].items()
    ]


def _widget(name: str, schema: JsonSchema, defs: dict[str, JsonSchema]) -> dict[str, Any]:
    kind = schema.get("type")
    if kind == "object":
        return {"widget": "object", "fields": _object_fields(schema, defs)}
    if kind == "array":
        items = _resolve(schema["items"], defs)
        widget: dict[str, Any] = {"widget": "list"}
        if items.get("type") == "object":
            widget["fields"] = _object_fields(items, defs)
            summary = _summary(items["properties"])
            if summary:
                widget["summary"] = summary
        else:
            widget["field"] = {"name": "item", "label": name, **_widget(name, items, defs)}
        return widget
    if "enum" in schema or "const" in schema:
        return {"widget": "select", "options": list(schema.get("enum", [schema.get("const")]))}
    if kind == "string":
        if schema.get("format") == "date":
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
                "picker_utc": True,
            }
        if schema.get("contentMediaType") == "text/markdown":
            return {"widget": "markdown"}
        if schema.get("format") == "uri-reference":
            return {"widget": "image" if name in ("image", "logo") else "file"}
        return {"widget": "string"}
    if kind in ("integer", "number"):
        widget = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        for bound, key in (("minimum", "min"), ("maximum", "max")):
            if bound in schema:
                widget[key] = schema[bound]
        return widget
    if kind == "boolean":
        return {"widget": "boolean"}
    raise ValueError(f"field {name}: no editor widget for schema {schema}")


def _field(
    name: str, schema: JsonSchema, defs: dict[str, JsonSchema], required: bool
) -> dict[str, Any]:
    description = schema.get("description")
    options = schema.get("anyOf")
    if options:  # "X or null": an optional X
        (schema,) = (option for option in options if option.get("type") != "null")
        required = False
    resolved = _resolve(schema, defs)
    description = description or schema.get("description") or resolved.get("description")
    field: dict[str, Any] = {"name": name, "label": name, **_widget(name, resolved, defs)}
    if description:
        field["hint"] = description
    if not required:
        field["required"] = False
    default = schema.get("default")
    if default not in (None, [], {}):
        field["default"] = default
    return field


def model_fields(model: type[BaseModel]) -> list[dict[str, Any]]:
    """The editor fields of a content model, in the model's order."""
    schema = model.model_json_schema()
    return _object_fields(schema, schema.get("$defs", {}))


def decap_config(site: Site) -> dict[str, Any]:
    admin = site.settings.admin
    if admin.backend is None:  # the schema requires one when the editor is enabled
        raise ValueError("the web editor needs site.admin.backend")
    content = admin.content_folder.rstrip("/")
    collections: list[dict[str, Any]] = []
    for kind in COLLECTIONS:
        fields = model_fields(kind.model)
        if kind.body:
            fields.append({"name": "body", "label": "body", "widget": "markdown"})
        collections.append(
            {
                "name": kind.name,
                "label": kind.label,
                "folder": f"{content}/{kind.folder}",
                "create": True,
                "extension": kind.extension,
                "format": "frontmatter" if kind.body else "yaml",
                "slug": kind.slug,
                "identifier_field": kind.identifier_field,
                "fields": fields,
            }
        )
    collections.append(
        {
            "name": "settings",
            "label": "ข้อมูลหน่วยงานและการตั้งค่า",
            "files": [
                {
                    "name": "site",
                    "label": "site.yaml",
                    "file": f"{content}/site.yaml",
                    "fields": model_fields(SiteFile),
                }
            ],
        }
    )
    config: dict[str, Any] = {
        "backend": admin.backend.model_dump(exclude_none=True),
        "locale": "th",
        "media_folder": f"{content}/{UPLOADS}",
        "public_folder": UPLOADS,
        "editor": {"preview": False},  # the site's own templates are not in the editor
        "collections": collections,
    }
    if admin.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    if site.settings.base_url:
        config["site_url"] = site.settings.base_url
    return config


def config_bytes(site: Site) -> bytes:
    text = yaml.safe_dump(decap_config(site), allow_unicode=True, sort_keys=False, width=100)
    return (
        "# Generated by the site builder from the content schemas; do not edit.\n" + text
    ).encode()


def decap_files(templates: Path) -> list[tuple[Path, str]]:
    """(source, site path) of the vendored editor files, for admin/decap-cms/."""
    folder = templates / DECAP_FOLDER
    return [
        (path, f"admin/decap-cms/{path.name}")
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]
