"""Paths that come from content, kept inside the folder they belong to.

- Content files and attachments must resolve inside content/: no '..', no absolute path,
  no symbolic link leading out (`inside`).
- A news file name becomes an address segment and an output folder name (`news_slug`):
  letters of any script, digits, '-', '_' and inner dots only, so it can hold no path
  separator, no '..', no control character, nothing a URL would read as '?' or '#'.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_SLUG_PUNCTUATION = frozenset("-_.")
_SPACES = re.compile(r"[^\S\n\r\t\f\v\x1c-\x1f\x85\u2028\u2029]+")  # spaces, not line breaks
# Device names Windows will not create as folders, whatever the extension.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
)


def inside(root: Path, path: Path) -> bool:
    """True if `path`, with every symbolic link followed, is `root` or lies under it."""
    return path.resolve().is_relative_to(root.resolve())


def news_slug(stem: str) -> str | None:
    """The address segment for news file `stem`.md, or None when it cannot safely be one.

    Normalised to NFC (macOS stores names decomposed) and runs of spaces become '-', so
    the same name always gives the same address.
    """
    slug = _SPACES.sub("-", unicodedata.normalize("NFC", stem).strip(" "))
    if (
        not slug
        or slug[0] == "."
        or slug[-1] == "."
        or ".." in slug
        or slug.split(".")[0].upper() in _RESERVED
        or not all(c in _SLUG_PUNCTUATION or unicodedata.category(c)[0] in "LMN" for c in slug)
    ):
        return None
    return slug
