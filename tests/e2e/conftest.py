"""End-to-end builds through the real command line, shared by the tests of this folder."""

from __future__ import annotations

import pytest

from tests.support.cli import COMPLETE, SHIPPED, Built, build

# Both sites are of fiscal year 2565; the O1–O43 statuses are judged at this date
# (default: today), so the pages do not change with the day the tests run.
AS_OF = "2022-04-30"


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(SHIPPED, tmp_path_factory.mktemp("shipped") / "output", "--as-of", AS_OF)


@pytest.fixture(scope="session")
def complete_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(COMPLETE, tmp_path_factory.mktemp("complete") / "output", "--as-of", AS_OF)
