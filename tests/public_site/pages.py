"""The page types of a built site, by site path, for tests that visit one page of each kind."""

from __future__ import annotations

# (page type, path) for the shipped content: no news posts, and O42 is published by the
# measures page while O1 is not published at all.
SHIPPED_PAGES = (
    ("home", ""),
    ("ITA index", "ita/"),
    ("ITA result", "ita/2564/"),
    ("ITA analysis", "ita/2564/analysis/"),
    ("measures index", "measures/"),
    ("measures", "measures/2565/"),
    ("O index", "oit/"),
    ("O item, published", "oit/o42/"),
    ("O item, unpublished", "oit/o1/"),
    ("news list", "news/"),
    ("contact", "contact/"),
    ("404", "no/such/page/"),
    ("search", "search/"),
)

FIXTURE_PAGES = (
    *SHIPPED_PAGES,
    ("O item with documents", "oit/o23/"),
    ("O item with links", "oit/o30/"),
    ("news post", "news/2565-01-24-community-meeting/"),
)

# tests/fixtures/complete (the end-to-end fixture): O1 is published there, O11 is not.
COMPLETE_PAGES = tuple(
    (kind, "oit/o11/" if path == "oit/o1/" else path) for kind, path in FIXTURE_PAGES
)
