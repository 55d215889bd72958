"""Every content model and its fields, walked from the schema, so that a field added to
the schema is covered by the security tests without anyone listing it."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import Any

from pydantic import AfterValidator, BaseModel

from site_builder.schema.content import (
    AssessmentFile,
    DisclosureFile,
    MeasuresFile,
    NewsFrontMatter,
    SiteFile,
)
from site_builder.schema.organisation import OrganisationFile
from site_builder.schema.records import TABLE_KINDS

MODEL_OF: dict[str, type[BaseModel]] = {
    "site.yaml": SiteFile,
    "organisation.yaml": OrganisationFile,
    "ita/": AssessmentFile,
    "measures/": MeasuresFile,
    "oit/": DisclosureFile,
    "news/": NewsFrontMatter,
}
CONTENT_MODELS: tuple[type[BaseModel], ...] = (
    *MODEL_OF.values(),
    *dict.fromkeys(kind.model for kind in TABLE_KINDS),
)
# Fields that hold a web address (WebUrl); each must refuse what is not http(s).
ADDRESS_FIELDS = frozenset({"url", "base_url", "api_root", "map_url"})
# Fields whose values are codes, identifiers, months, file paths or addresses, each checked
# by its own validator; every other text field is free text.
NOT_FREE_TEXT = ADDRESS_FIELDS | frozenset(
    {"code", "tool", "grade", "type", "checklist", "framework", "periods", "month"}
    | {"ocid_prefix", "period", "part"}  # part: one of the checklist item's parts
    | {"email", "file", "image", "logo", "photo"}
)


def model_of(relative: str) -> type[BaseModel]:
    """The model of a content file, by where it is (tables: by their kind's file name)."""
    stem_path = str(PurePosixPath(relative).with_suffix(""))
    for kind in TABLE_KINDS:
        if kind.match(stem_path):
            return kind.model
    return next(m for prefix, m in MODEL_OF.items() if relative.startswith(prefix))


def _leaves(annotation: Any, validators: tuple[Any, ...]) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """(leaf type, validator metadata on the way to it) of an annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        leaf, *metadata = typing.get_args(annotation)
        yield from _leaves(leaf, (*validators, *metadata))
    elif origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            yield from _leaves(arg, validators)
    else:
        yield annotation, validators


def string_fields(
    model: type[BaseModel], path: str, outer: frozenset[type[BaseModel]] = frozenset()
) -> Iterator[tuple[str, str, tuple[Callable[..., Any], ...]]]:
    """(dotted path, field name, after-validators) of every text field of a model, through
    nested models (a model nested in itself, like a unit's units, once)."""
    for name, info in model.model_fields.items():
        for leaf, metadata in _leaves(info.annotation, tuple(info.metadata)):
            if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                if leaf not in outer:
                    yield from string_fields(leaf, f"{path}.{name}", outer | {model})
            elif leaf is str:
                checks = tuple(m.func for m in metadata if isinstance(m, AfterValidator))
                yield f"{path}.{name}", name, checks


def all_string_fields() -> list[tuple[str, str, tuple[Callable[..., Any], ...]]]:
    return [field for model in CONTENT_MODELS for field in string_fields(model, model.__name__)]


def free_text_fields(model: type[BaseModel]) -> set[str]:
    """Dotted paths of every free-text field of a content model."""
    return {
        path for path, name, _ in string_fields(model, model.__name__) if name not in NOT_FREE_TEXT
    }
