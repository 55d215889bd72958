"""The message catalogue: every text shown to an editor, in Thai (default) and English."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

LANGUAGES = ("th", "en")
DEFAULT_LANGUAGE = "th"


@dataclass(frozen=True, slots=True)
class Ref:
    """A field value that is itself a catalogue entry (translated when shown)."""

    key: str


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    text = resources.files(__package__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def message(lang: str, key: str, /, **fields: object) -> str:
    """The catalogue text for `key` in `lang`, with its {fields} filled in.

    Positional-only, so a message may have fields called `key` or `lang`.
    """
    resolved = {
        name: message(lang, value.key) if isinstance(value, Ref) else value
        for name, value in fields.items()
    }
    return catalogue(lang)[key].format(**resolved)
