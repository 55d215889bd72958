"""Field types shared by every kind of content file."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from site_builder.load.control_characters import first_control_character
from site_builder.schema.thai_input import arabic_number, numeric_fields, read_date

# Dates after this year are taken as Buddhist-era years written by mistake.
LAST_PLAUSIBLE_CE_YEAR = 2300


class Record(BaseModel):
    """Base of every content model: closed (unknown keys are errors) and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _thai_digits(cls, data: object) -> object:
        """Numbers written in Thai digits (๒๕๖๕) are read as numbers, in every model."""
        numeric = numeric_fields(cls)
        if isinstance(data, dict) and numeric:
            return {k: arabic_number(v) if k in numeric else v for k, v in data.items()}
        return data


def _christian_era(value: dt.date) -> dt.date:
    if value.year > LAST_PLAUSIBLE_CE_YEAR:
        raise PydanticCustomError(
            "buddhist_year_date",
            "year {year} looks like a Buddhist-era year",
            {"year": value.year, "gregorian": value.year - 543},
        )
    return value


Date = Annotated[dt.date, BeforeValidator(read_date), AfterValidator(_christian_era)]

BuddhistYear = Annotated[
    int, Field(ge=2500, le=2700, description="ปี พ.ศ. เช่น 2565 (เลขไทย ๒๕๖๕ ก็ได้)")
]


def _visible(value: str) -> str:
    index = first_control_character(value)
    if index is not None:
        char = f"U+{ord(value[index]):04X}"
        raise PydanticCustomError("control_character", "control character", {"char": char})
    return value


PlainText = Annotated[str, AfterValidator(_visible)]

Markdown = Annotated[
    str,
    AfterValidator(_visible),
    Field(
        description="ข้อความ Markdown: ขึ้นย่อหน้าใหม่ด้วยบรรทัดว่าง, - นำหน้ารายการ, **ตัวหนา**",
        # Tells schema-driven editors (the /admin/ editor, IDEs) to offer a Markdown editor.
        json_schema_extra={"contentMediaType": "text/markdown"},
    ),
]

# Besides controls and spaces: characters that hide or disguise an address (zero-width,
# bidirectional overrides) and characters that are never valid in one.
_REFUSED_IN_ADDRESS = frozenset('\\<>"`')
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zs", "Zl", "Zp"})


def _odd_character(value: str) -> bool:
    return any(
        c in _REFUSED_IN_ADDRESS or unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in value
    )


def _web_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number 0-65535
    except ValueError:
        parts = None
    if (
        parts is None
        or not value.startswith(("http://", "https://"))
        or not parts.hostname
        or "@" in parts.netloc  # https://www.go.th@evil.example/ goes to evil.example
        or _odd_character(value)
    ):
        raise PydanticCustomError("bad_url", "not an http(s) URL", {"found": value})
    return value


WebUrl = Annotated[
    str,
    AfterValidator(_web_url),
    Field(
        description="ที่อยู่เว็บ ขึ้นต้นด้วย https:// หรือ http://", examples=["https://www.example.go.th/"]
    ),
]


_EMAIL = re.compile(
    r"^[^@:/<>\"'\\(),;?#&=\[\]]+@[^@:/<>\"'\\(),;?#&=\[\]]+\.[^@:/<>\"'\\(),;?#&=\[\]]+$"
)


def _email(value: str) -> str:
    if not _EMAIL.match(value) or _odd_character(value):
        raise PydanticCustomError("bad_email", "not an e-mail address", {"found": value})
    return value


Email = Annotated[
    str,
    AfterValidator(_email),
    Field(description="อีเมล เช่น saraban@example.go.th", examples=["saraban@example.go.th"]),
]


def _content_path(value: str) -> str:
    path = PurePosixPath(value)
    if (
        not value.startswith("files/")
        or "\\" in value
        or path.is_absolute()
        or ".." in path.parts
        or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value)
    ):
        raise PydanticCustomError("bad_content_path", "path outside content/", {"found": value})
    return path.as_posix()


ContentPath = Annotated[
    str,
    AfterValidator(_content_path),
    Field(
        description="ไฟล์ในโฟลเดอร์ content/files/ เช่น files/o23/2565-01.pdf",
        examples=["files/o23/2565-01.pdf"],
        json_schema_extra={"format": "uri-reference"},  # a file of the site, not an address
    ),
]


class Document(Record):
    """A document: a file in content/ (copied into the site) or an external address."""

    title: PlainText = Field(min_length=1, description="ชื่อเอกสารที่แสดงบนหน้าเว็บ")
    file: ContentPath | None = Field(
        default=None, description="ไฟล์ใน content/files/ (ใส่ file หรือ url อย่างใดอย่างหนึ่ง)"
    )
    url: WebUrl | None = Field(
        default=None, description="ที่อยู่เว็บของเอกสาร (ใส่ file หรือ url อย่างใดอย่างหนึ่ง)"
    )
    date: Date | None = Field(
        default=None, description="วันที่ของเอกสาร เช่น 2022-02-05 หรือ 5 กุมภาพันธ์ 2565"
    )

    @model_validator(mode="after")
    def _one_source(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise PydanticCustomError("document_needs_one_source", "needs file or url")
        return self


class Link(Record):
    title: PlainText = Field(min_length=1, description="ข้อความของลิงก์")
    url: WebUrl
