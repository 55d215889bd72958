"""Publishing settings in site.yaml: the open-data licence and the optional web editor."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from site_builder.schema.types import PlainText, Record, WebUrl


class Licence(Record):
    """The licence every published dataset is offered under."""

    name: PlainText = Field(min_length=1, description="ชื่อสัญญาอนุญาตที่แสดงต่อผู้อ่าน")
    url: WebUrl = Field(description="ที่อยู่เว็บของข้อความสัญญาอนุญาต")


# An ocid prefix as the Open Contracting Partnership assigns them: "ocds-" and 6 characters.
OcidPrefix = Annotated[str, StringConstraints(pattern=r"^ocds-[a-z0-9]{6}$")]


class OpenDataSettings(Record):
    licence: Licence | None = Field(
        default=None,
        description="สัญญาอนุญาตของชุดข้อมูลที่เผยแพร่ ถ้าไม่ใส่ เว็บไซต์แสดง CC BY 4.0 "
        "พร้อมบอกว่าหน่วยงานยังไม่ยืนยัน",
    )
    ocid_prefix: OcidPrefix | None = Field(
        default=None,
        description="รหัสนำหน้า ocid ของหน่วยงานที่ลงทะเบียนกับ Open Contracting Partnership "
        "เช่น ocds-abc123 ถ้าไม่ใส่ รหัสโครงการจัดซื้อจัดจ้างขึ้นต้นด้วย 'unregistered-' "
        "และเว็บไซต์บอกว่ายังไม่ได้ลงทะเบียน",
    )


# Decap CMS backends (docs/deploy.md, "Web editing"). test-repo keeps edits in the browser
# only: it is for trying the editor out, never for a real site.
AdminBackendName = Literal["github", "gitlab", "gitea", "bitbucket", "git-gateway", "test-repo"]
# Backends that talk to the repository directly and so must be told which one.
REPOSITORY_BACKENDS = frozenset({"github", "gitlab", "gitea", "bitbucket"})


class AdminBackend(Record):
    name: AdminBackendName = Field(description="บริการที่เก็บที่เก็บเนื้อหา (repository)")
    repo: PlainText | None = Field(
        default=None, min_length=1, description="ที่เก็บเนื้อหาในรูป ชื่อบัญชี/ชื่อที่เก็บ"
    )
    branch: PlainText = Field(
        default="main", min_length=1, description="กิ่ง (branch) ที่หน้าแก้ไขบันทึกลง"
    )
    base_url: WebUrl | None = Field(
        default=None, description="เซิร์ฟเวอร์ OAuth สำหรับเข้าสู่ระบบ github/gitlab ถ้าไม่ใช่ค่าปกติ"
    )
    auth_endpoint: PlainText | None = Field(
        default=None, min_length=1, description="ตำแหน่งหน้าเข้าสู่ระบบบน base_url เช่น auth"
    )
    auth_type: Literal["pkce", "implicit"] | None = Field(
        default=None, description="วิธีเข้าสู่ระบบ GitLab (pkce ต้องใส่ app_id)"
    )
    app_id: PlainText | None = Field(
        default=None, min_length=1, description="รหัสแอปพลิเคชัน OAuth ของ GitLab"
    )
    api_root: WebUrl | None = Field(
        default=None, description="ที่อยู่ API ของ GitLab หรือ Gitea ที่หน่วยงานติดตั้งเอง"
    )

    @model_validator(mode="after")
    def _repository_named(self) -> AdminBackend:
        if self.repo is None and self.name in REPOSITORY_BACKENDS:
            raise PydanticCustomError(
                "admin_needs_repo", "backend needs repo", {"backend": self.name}
            )
        return self


class AdminSettings(Record):
    """The optional /admin/ web editor (Decap CMS) for staff who do not use git."""

    enabled: bool = Field(default=False, description="true = เผยแพร่หน้า /admin/ พร้อมเว็บไซต์")
    backend: AdminBackend | None = Field(
        default=None, description="ที่เก็บเนื้อหาที่หน้าแก้ไขบันทึกลง (ต้องใส่เมื่อ enabled เป็น true)"
    )
    content_folder: PlainText = Field(
        default="content",
        min_length=1,
        description="โฟลเดอร์เนื้อหาภายในที่เก็บ",
    )
    editorial_workflow: bool = Field(
        default=False, description="true = บันทึกเป็นฉบับร่างให้ตรวจก่อนเผยแพร่"
    )

    @model_validator(mode="after")
    def _backend_when_enabled(self) -> AdminSettings:
        if self.enabled and self.backend is None:
            raise PydanticCustomError("admin_needs_backend", "enabled admin needs a backend")
        return self
