"""End-to-end builds through the real command line, shared by the tests of this folder."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.support.cli import COMPLETE, SHIPPED, Built, build
from tests.support.news import write_news_posts

# Both sites are of fiscal year 2565; the O1–O43 statuses are judged at this date
# (default: today), so the pages do not change with the day the tests run.
AS_OF = "2022-04-30"
# Posts added to the complete fixture's three for a site with three news pages of the
# default 20 posts (20, 20 and 3), older than the fixture's own.
PAGED_POSTS = 40


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(SHIPPED, tmp_path_factory.mktemp("shipped") / "output", "--as-of", AS_OF)


@pytest.fixture(scope="session")
def complete_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(COMPLETE, tmp_path_factory.mktemp("complete") / "output", "--as-of", AS_OF)


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The complete fixture with 43 news posts: /news/, /news/page/2/ and /news/page/3/."""
    work = tmp_path_factory.mktemp("paged")
    shutil.copytree(COMPLETE, work / "content")
    write_news_posts(work / "content", PAGED_POSTS, dt.date(2022, 1, 10))
    return build(work / "content", work / "output", "--as-of", AS_OF)
