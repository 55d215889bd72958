"""The rule that spreads a large site's news posts over search shards (site_builder/search.py):
one bundle for a small site, shards of bounded size for a large one, and a post never
moves between existing shards when another post is added."""

from __future__ import annotations

from collections import Counter

import pytest

from site_builder.search import Shard, plan_shards, shard_count, shard_of

OTHER_PAGES = [
    "index.html",
    "404.html",
    "search/index.html",
    "news/index.html",  # the news index is not a post
    "measures/2565/index.html",
    "ita/2564/index.html",
    "ita/2564/analysis/index.html",
    *(f"oit/o{n}/index.html" for n in range(1, 44)),
]


def posts(count: int, first: int = 0) -> list[str]:
    return [f"news/2565-post-{n:05d}/index.html" for n in range(first, first + count)]


def shard_of_each_post(shards: list[Shard]) -> dict[str, str]:
    return {page: shard.folder for shard in shards if shard.folder for page in shard.pages}


@pytest.mark.parametrize(
    ("count", "expected"), [(0, 1), (1, 1), (500, 1), (501, 2), (1000, 2), (1001, 3), (10000, 20)]
)
def test_shard_count_is_one_up_to_the_shard_size_then_grows_by_one_per_shard_size(
    count: int, expected: int
):
    assert shard_count(count, 500) == expected


def test_a_small_site_is_one_bundle_holding_every_page():
    pages = OTHER_PAGES + posts(500)

    shards = plan_shards(pages, per_shard=500)

    assert shards == [Shard("", tuple(sorted(pages)))]


def test_a_large_site_keeps_every_other_page_in_the_main_bundle_and_posts_in_shards():
    shards = plan_shards(OTHER_PAGES + posts(1200), per_shard=500)

    main, *news = shards
    assert main == Shard("", tuple(sorted(OTHER_PAGES)))
    assert [shard.folder for shard in news] == ["shard-00", "shard-01", "shard-02"]
    assert sorted(page for shard in news for page in shard.pages) == posts(1200)


def test_shards_of_ten_thousand_posts_stay_close_to_the_shard_size():
    sizes = [len(shard.pages) for shard in plan_shards(posts(10000), per_shard=500)[1:]]

    assert len(sizes) == 20
    assert min(sizes) >= 430 and max(sizes) <= 570  # 500 ± 3 standard deviations


def test_adding_a_post_moves_no_other_post():
    before = shard_of_each_post(plan_shards(OTHER_PAGES + posts(1200), per_shard=500))

    after = shard_of_each_post(plan_shards(OTHER_PAGES + posts(1201), per_shard=500))

    assert {page: after[page] for page in before} == before


def test_crossing_a_multiple_of_the_shard_size_moves_posts_only_into_the_new_shard():
    before = shard_of_each_post(plan_shards(posts(1500), per_shard=500))  # 3 shards

    after = shard_of_each_post(plan_shards(posts(1501), per_shard=500))  # 4 shards

    moved = Counter(after[page] for page in before if after[page] != before[page])
    assert list(moved) == ["shard-03"]
    assert 300 <= moved["shard-03"] <= 450  # about a quarter of the 1,500 posts


def test_a_post_keeps_its_shard_whatever_the_order_pages_are_listed_in():
    pages = OTHER_PAGES + posts(1200)

    assert plan_shards(reversed(pages), per_shard=500) == plan_shards(pages, per_shard=500)


def test_shard_of_stays_in_range_and_depends_only_on_the_address():
    addresses = [f"news/post-{n}/" for n in range(2000)]

    assert {shard_of(address, 7) for address in addresses} == set(range(7))
    assert [shard_of(a, 7) for a in addresses] == [shard_of(a, 7) for a in addresses]
    assert {shard_of(address, 1) for address in addresses} == {0}
