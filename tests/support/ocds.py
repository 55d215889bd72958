"""The OCDS 1.1.5 release package schema, offline, for checking published packages.

The package schema refers to the release schema by its public address; the registry
maps that address to the copy in tests/fixtures/ocds-1.1.5, so no network is needed.
Formats are checked too: date-time (rfc3339-validator) and uri (rfc3986-validator).
"""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "ocds-1.1.5"


def ocds_validator() -> Draft4Validator:
    package_schema = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    release_schema = json.loads((SCHEMAS / "release-schema.json").read_text())
    registry = Registry().with_resource(
        release_schema["id"], Resource.from_contents(release_schema, default_specification=DRAFT4)
    )
    return Draft4Validator(
        package_schema, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER
    )


def ocds_errors(package: dict) -> list[str]:
    """Every way `package` breaks the schema, as 'path: message' (empty when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in ocds_validator().iter_errors(package)
    ]
