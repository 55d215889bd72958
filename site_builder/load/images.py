"""Size and colour of a PNG or JPEG photo, read from its header (no image library needed).

The size goes into <img width height> so pages do not jump while photos load; the
colour tells an editor that an executive's photo is black-and-white.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_COLOUR_TYPES = {2, 3, 6}  # truecolour, palette, truecolour with alpha (0 and 4 are grey)
# Start-of-frame markers of baseline, progressive and lossless JPEG (not DHT C4, JPG C8, DAC CC).
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_READ_LIMIT = 4 * 1024 * 1024  # a header beyond this is not worth looking for


@dataclass(frozen=True, slots=True)
class ImageInfo:
    width: int
    height: int
    colour: bool


def _png(data: bytes) -> ImageInfo | None:
    if len(data) < 26 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return ImageInfo(width, height, data[25] in _PNG_COLOUR_TYPES)


def _jpeg(data: bytes) -> ImageInfo | None:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in _JPEG_FRAMES and position + 10 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return ImageInfo(width, height, data[position + 9] >= 3)
        position += 2 + length
    return None


def image_info(path: Path) -> ImageInfo | None:
    """Width, height and colour of a PNG or JPEG file; None for other or broken files."""
    try:
        with path.open("rb") as stream:
            data = stream.read(_READ_LIMIT)
    except OSError:
        return None
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    return None
