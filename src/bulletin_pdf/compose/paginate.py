"""Cut the flow of grid-line units into pages (typography.md, "Breaking across pages").

A page holds `grid.lines` rows. The natural break (the first unit that does not fit) moves
back until it is a good one:

* no head or title (or the lines kept with it) at the foot of a page;
* no single line of a multi-line paragraph alone at the foot (orphan) or top (widow): a line
  is moved to the next page, the leading is never squeezed;
* a byline stays on the page of the line before it.

If no good break exists on the page (a page of keeps), the natural break is taken. A blank
unit at the top of a page is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .flow import Unit


@dataclass(frozen=True, slots=True)
class Placed:
    unit: Unit
    row: int


def good_break(units: list[Unit], k: int) -> bool:
    """May a page end after units[k-1] and the next begin with units[k]?"""
    before, after = units[k - 1], units[k]
    if before.keep_with_next or after.kind == "byline":
        return False
    if before.kind == "body" and after.kind == "body" and before.para == after.para:
        if before.index < 1:            # orphan: the paragraph's first line alone at the foot
            return False
        if after.count - after.index < 2:  # widow: its last line alone at the top
            return False
    return True


def paginate(units: list[Unit], rows: int, first_row: int) -> list[list[Placed]]:
    """Pages of placed units; the first page starts at `first_row` (below the masthead)."""
    pages: list[list[Placed]] = [[]]
    row = first_row
    i = 0
    n = len(units)
    while i < n:
        if units[i].kind == "break":
            i += 1
            if pages[-1]:
                pages.append([])
                row = 0
            continue
        if row == 0:
            while i < n and units[i].kind == "blank":
                i += 1
            if i == n:
                break
        j, r = i, row
        while j < n and units[j].kind != "break" and r + units[j].span <= rows:
            r += units[j].span
            j += 1
        end = j
        if j < n and units[j].kind != "break":
            while end > i and not good_break(units, end):
                end -= 1
            if all(units[k].kind == "blank" for k in range(i, end)):
                # no good break, or one that would leave the page blank (a chain of keeps
                # longer than a page, e.g. a long contents column): take the natural break
                end = j
            if end == i:              # not even one unit fits under what is already here
                if row == 0:
                    end = i + 1       # a unit taller than a page: set it anyway
                else:
                    pages.append([])
                    row = 0
                    continue
        for k in range(i, end):
            pages[-1].append(Placed(units[k], row))
            row += units[k].span
        i = end
        if i < n and units[i].kind != "break":
            pages.append([])
            row = 0
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages
