"""Text files as Thai Windows editors save them: CRLF line ends, Windows-874 (TIS-620).

UTF-8 is the content format's encoding (a byte-order mark is accepted). A file that is
not UTF-8 but reads as Thai in Windows-874 — TIS-620 plus a few punctuation marks, what
Notepad and older Office save as "Thai" — is converted, with a warning that names the
encoding and how to save the file as UTF-8: the site still builds, and the editor learns
what to fix. Anything else is an error at the first byte that is not UTF-8.
"""

from __future__ import annotations

from site_builder.problems import Location, Problem, Severity

LEGACY_ENCODING = "cp874"  # Windows-874, a superset of TIS-620

# Thai vowel signs and tone marks written above or below a consonant.
_COMBINING = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}


def _thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e5b"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR → LF. Line numbers stay the same; columns too (CR ends a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def looks_thai(text: str) -> bool:
    """Thai letters, with every vowel sign or tone mark on a Thai letter (not on é, ü…)."""
    if not any(_thai(c) for c in text):
        return False
    return all(_thai(text[i - 1]) for i, c in enumerate(text) if c in _COMBINING and i > 0) and (
        not text or text[0] not in _COMBINING
    )


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_legacy(data: bytes, bad_byte: int, file: str) -> tuple[str | None, list[Problem]]:
    """A file that is not UTF-8: Windows-874 Thai (converted, warned), or an error."""
    try:
        text = data.decode(LEGACY_ENCODING)
    except UnicodeDecodeError:
        text = None
    if text is not None and looks_thai(text):
        line, column = _position(text, bad_byte)
        warning = Problem(
            Location(file, line, column),
            "encoding_converted",
            {"encoding": "Windows-874 (TIS-620)"},
            severity=Severity.WARNING,
        )
        return normalise_newlines(text), [warning]
    prefix = data[:bad_byte].decode("utf-8", errors="replace")
    line, column = _position(prefix + "?", len(prefix))
    return None, [Problem(Location(file, line, column), "not_utf8")]
