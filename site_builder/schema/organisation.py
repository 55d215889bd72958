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
    Field(description="รูปถ่ายในโฟลเดอร์ content/files/ (.jpg, .png หรือ .webp)"),
]


class Post(Record):
    """A position (ตำแหน่ง) in a unit, with its number of posts when published."""

    title: Text = Field(description="ชื่อตำแหน่ง เช่น นักวิชาการเงินและบัญชี")
    count: int | None = Field(default=None, ge=1, description="จำนวนอัตรา (ไม่ระบุก็ได้)")
    vacant: int | None = Field(default=None, ge=0, description="จำนวนอัตราว่าง (ไม่เกินจำนวนอัตรา)")

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

    name: Text = Field(description="ชื่อส่วนราชการ เช่น กองคลัง, งานพัสดุ")
    head: Text | None = Field(default=None, description="ตำแหน่งหัวหน้าส่วนราชการ เช่น ผู้อำนวยการกองคลัง")
    posts: list[Post] = Field(default_factory=list, description="ตำแหน่งในส่วนราชการนี้")
    units: list[OrgUnit] = Field(default_factory=list, description="ส่วนราชการย่อยภายใต้ส่วนนี้")


class OrgSide(Record):
    """One side of the structure: its own posts and its units."""

    posts: list[Post] = Field(default_factory=list, description="ตำแหน่งที่ไม่อยู่ในส่วนราชการใด")
    units: list[OrgUnit] = Field(default_factory=list, description="ส่วนราชการ (สำนัก กอง ฝ่าย งาน)")


class Structure(Record):
    political: OrgSide = Field(
        default_factory=OrgSide, description="ฝ่ายการเมือง: คณะผู้บริหารและสภาท้องถิ่น"
    )
    permanent: OrgSide = Field(
        default_factory=OrgSide, description="ฝ่ายประจำ: ปลัด รองปลัด และส่วนราชการ"
    )


class Executive(Record):
    """An executive post (O2) and who holds it; a vacant post is shown as ตำแหน่งว่าง."""

    position: Text = Field(description="ตำแหน่ง เช่น นายกองค์การบริหารส่วนตำบล")
    name: Text | None = Field(default=None, description="ชื่อ-นามสกุลผู้ดำรงตำแหน่ง (ไม่ใส่เมื่อตำแหน่งว่าง)")
    vacant: bool = Field(default=False, description="true = ตำแหน่งว่าง (ไม่มีผู้ดำรงตำแหน่ง)")
    photo: ImagePath | None = Field(
        default=None,
        description="รูปถ่ายสีของผู้ดำรงตำแหน่งใน content/files/ เช่น files/executives/nayok.jpg",
    )
    phones: list[Text] = Field(
        default_factory=list, description='หมายเลขโทรศัพท์ ใส่ในเครื่องหมายคำพูด เช่น ["08 1234 5678"]'
    )
    email: Email | None = Field(default=None, description="อีเมลของผู้ดำรงตำแหน่ง (ไม่ใส่ก็ได้)")

    @model_validator(mode="after")
    def _holder_or_vacant(self) -> Executive:
        if self.vacant and (self.name or self.photo):
            raise PydanticCustomError("executive_vacant_with_holder", "vacant post with a holder")
        if not self.vacant and not self.name:
            raise PydanticCustomError("executive_needs_name", "name or vacant")
        return self


class OrganisationFile(Record):
    """content/organisation.yaml"""

    structure: Structure = Field(
        default_factory=Structure, description="โครงสร้างหน่วยงาน (O1): ฝ่ายการเมืองและฝ่ายประจำ"
    )
    executives: list[Executive] = Field(
        default_factory=list, description="ข้อมูลผู้บริหาร (O2) หนึ่งรายการต่อหนึ่งตำแหน่ง"
    )
