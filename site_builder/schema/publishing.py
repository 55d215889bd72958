"""Publishing settings in site.yaml: the open-data licence and the optional web editor."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from site_builder.schema.types import Record, WebUrl


class Licence(Record):
    """The licence every published dataset is offered under."""

    name: str = Field(min_length=1, description="ชื่อสัญญาอนุญาต as shown to readers")
    url: WebUrl = Field(description="address of the licence text")


class OpenDataSettings(Record):
    licence: Licence | None = Field(
        default=None,
        description="licence of the published datasets; when absent the site offers CC BY 4.0 "
        "and says that the agency has not confirmed it",
    )


# Decap CMS backends (docs/deploy.md, "Web editing"). test-repo keeps edits in the browser
# only: it is for trying the editor out, never for a real site.
AdminBackendName = Literal["github", "gitlab", "gitea", "bitbucket", "git-gateway", "test-repo"]
# Backends that talk to the repository directly and so must be told which one.
REPOSITORY_BACKENDS = frozenset({"github", "gitlab", "gitea", "bitbucket"})


class AdminBackend(Record):
    name: AdminBackendName = Field(description="where the content repository is kept")
    repo: str | None = Field(default=None, min_length=1, description="owner/name of the repository")
    branch: str = Field(default="main", min_length=1, description="branch the editor commits to")
    base_url: WebUrl | None = Field(
        default=None, description="OAuth server for github/gitlab logins, if not the default"
    )
    auth_endpoint: str | None = Field(
        default=None, min_length=1, description="path of the login on base_url, e.g. auth"
    )
    auth_type: Literal["pkce", "implicit"] | None = Field(
        default=None, description="GitLab login flow; pkce needs app_id"
    )
    app_id: str | None = Field(
        default=None, min_length=1, description="GitLab OAuth application id"
    )
    api_root: WebUrl | None = Field(
        default=None, description="API address of a self-hosted GitLab or Gitea"
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

    enabled: bool = Field(default=False, description="publish /admin/ with the site")
    backend: AdminBackend | None = Field(
        default=None, description="the repository the editor commits to; required when enabled"
    )
    content_folder: str = Field(
        default="content",
        min_length=1,
        description="path of the content folder inside the repository",
    )
    editorial_workflow: bool = Field(
        default=False, description="save edits as drafts for review instead of committing at once"
    )

    @model_validator(mode="after")
    def _backend_when_enabled(self) -> AdminSettings:
        if self.enabled and self.backend is None:
            raise PydanticCustomError("admin_needs_backend", "enabled admin needs a backend")
        return self
