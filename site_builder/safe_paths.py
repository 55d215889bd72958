"""Paths that come from content or from a request, kept inside the folder they belong to.

- Content files and attachments must resolve inside content/: no '..', no absolute path,
  no symbolic link leading out (`inside`).
- A news file name becomes an address segment and an output folder name (`news_slug`):
  letters of any script, digits, '-', '_' and inner dots only, so it can hold no path
  separator, no '..', no control character, nothing a URL would read as '?' or '#'.
- A request path of the dev server maps to a file inside output/ or to nothing
  (`file_for_request`; see docs/security.md for the contract).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

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


def file_for_request(root: Path, request_path: str) -> Path | None:
    """The file under `root` that a request for `request_path` (URL path, still
    %-encoded, query and fragment removed) should serve, or None for "not found".

    Decoded once; any '..' segment, backslash, NUL or other control character, or drive
    letter is refused outright instead of being normalised, and the answer must resolve
    inside `root` after symbolic links are followed. A folder serves its index.html.
    """
    try:
        path = unquote(request_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if (
        not path.startswith("/")
        or "\\" in path
        or any(unicodedata.category(c) == "Cc" for c in path)
        or re.match(r"^/[A-Za-z]:", path)
    ):
        return None
    if any(part in ("..", ".") for part in path.split("/")):
        return None
    parts = PurePosixPath(path).parts[1:]
    root = root.resolve()
    target = root.joinpath(*parts) if parts else root
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not inside(root, target):
        return None
    return target.resolve()
