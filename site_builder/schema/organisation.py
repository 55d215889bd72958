"""content/organisation.yaml: the structure (O1) and the executives (O2)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from site_builder.schema.content import Text
from site_builder.schema.types import ContentPath, Email, Record

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


def _image(value: str) -> str:
    if PurePosixPath(value).suffix.lower() not in IMAGE_SUFFIXES:
        raise PydanticCustomError(
            "bad_image", "not an image", {"found": value, "expected": " ".join(IMAGE_SUFFIXES)}
        )
    return value


ImagePath = Annotated[
    ContentPath,
    AfterValidator(_image),
    Field(description="a photo in content/files/ (.jpg, .png or .webp)"),
]


class Post(Record):
    """A position (ตำแหน่ง) in a unit, with its number of posts when published."""

    title: Text = Field(description="ตำแหน่ง, e.g. นักวิชาการเงินและบัญชี")
    count: int | None = Field(default=None, ge=1, description="จำนวนอัตรา")
    vacant: int | None = Field(default=None, ge=0, description="จำนวนอัตราว่าง")

    @model_validator(mode="after")
    def _vacant_within_count(self) -> Post:
        if self.vacant is not None and self.count is not None and self.vacant > self.count:
            raise PydanticCustomError(
                "vacant_over_count",
                "more vacant than posts",
                {"vacant": self.vacant, "count": self.count},
            )
        return self


class OrgUnit(Record):
    """A unit (สำนัก กอง ฝ่าย งาน) with its posts and the units under it."""

    name: Text = Field(description="e.g. กองคลัง")
    head: Text | None = Field(default=None, description="the post heading the unit")
    posts: list[Post] = Field(default_factory=list)
    units: list[OrgUnit] = Field(default_factory=list, description="units under this one")


class OrgSide(Record):
    """One side of the structure: its own posts and its units."""

    posts: list[Post] = Field(default_factory=list)
    units: list[OrgUnit] = Field(default_factory=list)


class Structure(Record):
    political: OrgSide = Field(
        default_factory=OrgSide, description="ฝ่ายการเมือง: the executive board and the council"
    )
    permanent: OrgSide = Field(
        default_factory=OrgSide, description="ฝ่ายประจำ: the permanent secretary and the units"
    )


class Executive(Record):
    """An executive post (O2) and who holds it; a vacant post is shown as ตำแหน่งว่าง."""

    position: Text = Field(description="ตำแหน่ง, e.g. นายกองค์การบริหารส่วนตำบล")
    name: Text | None = Field(default=None, description="ชื่อ-นามสกุล of the holder")
    vacant: bool = Field(default=False, description="true when nobody holds the post")
    photo: ImagePath | None = Field(default=None, description="colour photo of the holder")
    phones: list[Text] = Field(default_factory=list, description="phone numbers, in quotes")
    email: Email | None = None

    @model_validator(mode="after")
    def _holder_or_vacant(self) -> Executive:
        if self.vacant and (self.name or self.photo):
            raise PydanticCustomError("executive_vacant_with_holder", "vacant post with a holder")
        if not self.vacant and not self.name:
            raise PydanticCustomError("executive_needs_name", "name or vacant")
        return self


class OrganisationFile(Record):
    """content/organisation.yaml"""

    structure: Structure = Field(default_factory=Structure, description="O1 โครงสร้าง")
    executives: list[Executive] = Field(default_factory=list, description="O2 ข้อมูลผู้บริหาร")
