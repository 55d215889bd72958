"""End-to-end builds through the real command line, shared by the tests of this folder."""

from __future__ import annotations

import pytest

from tests.support.cli import COMPLETE, SHIPPED, Built, build


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(SHIPPED, tmp_path_factory.mktemp("shipped") / "output")


@pytest.fixture(scope="session")
def complete_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(COMPLETE, tmp_path_factory.mktemp("complete") / "output")
