"""Every message an editor can see formats in both languages, whatever its fields are called."""

from __future__ import annotations

import string

import pytest

from site_builder.messages import LANGUAGES, catalogue, message


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_thai_and_english_catalogues_have_the_same_keys_and_placeholders() -> None:
    thai, english = catalogue("th"), catalogue("en")
    assert thai.keys() == english.keys()
    for key in thai:
        assert _placeholders(thai[key]) == _placeholders(english[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats_even_with_a_field_named_key(lang: str) -> None:
    """`unknown_field` and `yaml_duplicate_key` carry a field called `key`; formatting them
    used to raise TypeError (the field clashed with message()'s own parameter)."""
    for key, text in catalogue(lang).items():
        fields = {name: f"<{name}>" for name in _placeholders(text)}
        shown = message(lang, key, **fields)
        assert all(value in shown for value in fields.values()), (key, shown)
