"""Listing pages: a long list (the news) cut into numbered pages of a fixed size.

The first page lives at the list's own address (`news/`), the others at `news/page/<n>/`
(never `news/page/1/`). Each page shows a window of page numbers — the first, the last,
the current one and its neighbours, with a gap between — so the navigation stays short
on a phone whatever the number of pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# Neighbours of the current page shown on each side of it.
_NEIGHBOURS = 1


@dataclass(frozen=True, slots=True)
class Pagination:
    """Where one listing page sits among its list's pages."""

    base: str  # the list's address: "news/"
    number: int  # 1 for the first page
    count: int  # pages in the list, at least 1

    def path_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def previous(self) -> str | None:
        return self.path_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.path_of(self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> tuple[int | None, ...]:
        """The page numbers to offer, in order; None stands for a gap of two or more pages
        (a gap of one shows that page's number instead: it takes no more room)."""
        shown = {1, self.count}
        shown.update(
            n
            for n in range(self.number - _NEIGHBOURS, self.number + _NEIGHBOURS + 1)
            if 1 <= n <= self.count
        )
        window: list[int | None] = []
        previous = 0
        for n in sorted(shown):
            if n - previous == 2:
                window.append(n - 1)
            elif n - previous > 2:
                window.append(None)
            window.append(n)
            previous = n
        return tuple(window)


def paginate(
    entries: Sequence[T], per_page: int, base: str
) -> list[tuple[Pagination, Sequence[T]]]:
    """`entries` in order, `per_page` to a page; one empty page when there are none (the
    list's address always exists and says so)."""
    count = max(1, -(-len(entries) // per_page))
    return [
        (Pagination(base, number, count), entries[(number - 1) * per_page : number * per_page])
        for number in range(1, count + 1)
    ]
