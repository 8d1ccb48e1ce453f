"""Cut the flow of grid-line units into pages (docs/typography.md, "Breaking across pages").

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

from dataclasses import dataclass, replace

from .unit import Unit, UnitKind


@dataclass(frozen=True, slots=True)
class Placed:
    unit: Unit
    row: int
    continues: bool = False     # the first row of a table's part on a later page


def good_break(units: list[Unit], k: int) -> bool:
    """May a page end after units[k-1] and the next begin with units[k]?"""
    before, after = units[k - 1], units[k]
    if before.keep_with_next or after.kind is UnitKind.BYLINE:
        return False
    if before.kind is UnitKind.BODY and after.kind is UnitKind.BODY and before.para == after.para:
        if before.index < 1:            # orphan: the paragraph's first line alone at the foot
            return False
        if after.count - after.index < 2:  # widow: its last line alone at the top
            return False
    return True


def held_by_heading(units: list[Unit], j: int, top: int) -> bool:
    """Does the floating figure units[j] go with what keeps with it on this page (whose flow
    starts at `top`)? A section heading right before it introduces it: where the figure
    cannot stay, the heading moves on with it. An article's title does not hold its figure:
    the title introduces the article, so the figure floats to the top of the next page and
    the article's text goes on under its title (it sent the title on with the figure, and
    left the page's foot empty). Blank lines between keep with what they follow."""
    k = j - 1
    while k > top and units[k].kind is UnitKind.BLANK and units[k].keep_with_next:
        k -= 1
    return k >= top and units[j - 1].keep_with_next and units[k].kind is not UnitKind.TITLE


def past_article(unit: Unit, figure: Unit) -> bool:
    """Would `unit` carry the text past the end of the article of a `figure` that waits for the
    next page: its byline, or anything of another article or column? A figure may move on to a
    later page but never out of its article: the text after it waits instead, and the figure
    closes its article (issue 17; the byline then follows the figure)."""
    if unit.kind is UnitKind.BYLINE:
        return True
    if unit.key is None or figure.key is None:
        return False
    return (unit.key.column, unit.key.article) != (figure.key.column, figure.key.article)


def paginate(units: list[Unit], rows: int, first_row: int) -> list[list[Placed]]:
    """Pages of placed units; the first page starts at `first_row` (below the masthead).

    Two kinds of unit leave the flow's order: a floating figure that does not fit under what
    is already on a page waits for the top of the next page while the units after it fill
    this one, up to the end of its article (`past_article`) — unless the text before it moves
    to the next page too (a keep, a widow), when it stays in the flow's order after that text;
    a table whose rows go on to the next page closes its part with its bottom rule and opens
    the next with its 续表 line and header rows again (`Unit.repeat`)."""
    units = list(units)
    pages: list[list[Placed]] = [[]]
    waiting: list[Unit] = []            # floats for the top of the next page
    row = first_row
    i = 0
    continues = False
    while i < len(units) or waiting:
        if i < len(units) and units[i].kind is UnitKind.BREAK:
            i += 1
            if pages[-1]:
                pages.append([])
                row = 0
            continue
        if row == 0 and not pages[-1]:
            while i < len(units) and units[i].kind is UnitKind.BLANK:
                i += 1
            while waiting and (row == 0 or row + waiting[0].span <= rows):   # in order, as many as fit
                unit = waiting.pop(0)
                pages[-1].append(Placed(unit, row))
                row += unit.span
            if i == len(units):
                if waiting:
                    pages.append([])
                    row = 0
                    continue
                break
            row = _continue_table(pages, units[i], row)
            continues = row > 0 and pages[-1][-1].unit in units[i].repeat
        j, r = i, row
        popped: list[tuple[int, Unit]] = []   # floats this page sent on, with their place in the flow
        held = False                          # the scan stopped at the end of a waiting figure's article
        while j < len(units) and units[j].kind is not UnitKind.BREAK:
            unit = units[j]
            if waiting and past_article(unit, waiting[0]):
                held = True                       # the text waits: the figure closes its article
                break
            kept = j > i and held_by_heading(units, j, i)      # a heading goes with its figure
            if unit.floats and waiting:           # figures keep their order: after those waiting
                if kept:
                    break                         # with its heading, on the next page
                popped.append((j, units[j]))
                waiting.append(units.pop(j))
            elif r + unit.span <= rows:
                r += unit.span
                j += 1
            elif unit.floats and r > 0 and not kept:
                popped.append((j, units[j]))
                waiting.append(units.pop(j))      # to the top of the next page; the text goes on
            else:
                break
        end = j
        n = len(units)
        if j < n and units[j].kind is not UnitKind.BREAK:
            # Where the scan stopped at the end of a waiting figure's article, the break is good
            # as it is (unless the unit before it keeps with the next): the figure opens the next
            # page, and the byline or the next article follows it there.
            if not (held and end > i and not units[end - 1].keep_with_next):
                while end > i and not good_break(units, end):
                    end -= 1
                if all(units[k].kind is UnitKind.BLANK for k in range(i, end)):
                    # no good break, or one that would leave the page blank (a chain of keeps
                    # longer than a page, e.g. a long contents column): take the natural break
                    end = j
            if end == i and row == 0:
                end = i + 1           # a unit taller than a page: set it anyway
            for at, unit in reversed(popped):
                if at >= end:         # the text before it moves on too: it goes on in the flow's order
                    units.insert(at, unit)
                    waiting.remove(unit)
            n = len(units)
            if end == i:              # not even one unit fits under what is already here
                pages.append([])
                row = 0
                continue
        for k in range(i, end):
            pages[-1].append(Placed(units[k], row, continues and k == i))
            row += units[k].span
        continues = False
        i = end
        if (i < n and units[i].kind is not UnitKind.BREAK) or (waiting and i >= n):
            pages.append([])
            row = 0
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def _continue_table(pages: list[list[Placed]], unit: Unit, row: int) -> int:
    """At the top of a page that goes on with a table from the page before: the part there
    ends with its closing rule, this one starts with the repeated 续表 line and header rows."""
    if unit.table is None or len(pages) < 2 or not pages[-2]:
        return row
    last = pages[-2][-1]
    if last.unit.table != unit.table:
        return row
    pages[-2][-1] = Placed(replace(last.unit, rules=last.unit.rules + last.unit.closing), last.row)
    for head in unit.repeat:
        pages[-1].append(Placed(head, row))
        row += head.span
    return row
