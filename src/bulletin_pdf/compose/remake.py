"""The page breaks of the last build, for a warm process to reuse (`bulletin-pdf watch`).

Choosing the page breaks of the whole issue (`pagebreak.break_pages`) reads only the shape of
the flow, never what its lines say: each unit's kind, source key, span, keeps, paragraph
number, line index and count, floating, table, title space (`yields`, `grows`) and the rows a
continued table repeats; each paragraph's guess at a line tighter or looser; and, for the
paragraphs the search had the engine set so, the shapes and demerits of those settings. An
edit that changes no line count and no guess — most keystrokes: a character typed into a
paragraph that keeps its lines — leaves all of it as it was, so the breaks are the ones the
last build chose (the search is deterministic). `PageBreaks` keeps them as a recipe of the flow
that was cut into pages (which input unit, which line of which paragraph set a line tighter or
looser, where a forced break or a title's blank line went) and of where each unit was placed,
and rebuilds the pages from this build's units; anything else is searched again.

The recipe holds no line of text: the same pages are made of the new units, so the result is
the one `break_pages` gives for this flow (tests/test_watch.py checks the PDF byte for byte
against a cold build).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter

from .pagebreak import Looseness, Pages, break_pages
from .paginate import Placed, paginate
from .unit import Unit

#: What pagination reads of a unit (compose/pagebreak.py and paginate.py read nothing else):
#: the unit's `lines`, `rules`, `images` and `bookmark` are what the pages show, not how they
#: break.
_SHAPE = attrgetter("kind", "key", "span", "keep_with_next", "para", "index", "count", "floats", "table",
                    "yields", "grows")


def shape(units: tuple[Unit, ...] | list[Unit]) -> tuple:
    """The shapes of `units`, with those of the rows each repeats on a continued page."""
    return tuple(_SHAPE(u) if not u.repeat else (_SHAPE(u), shape(u.repeat)) for u in units)


def _made_shape(made: dict[int, tuple[tuple[Unit, ...], float]]) -> tuple:
    return tuple((d, shape(units), cost) for d, (units, cost) in made.items())


def _content_free(unit: Unit) -> bool:
    """A unit the search made that shows nothing (a forced break, a blank line): reusable as it is."""
    return not (unit.lines or unit.rules or unit.images or unit.bookmark or unit.repeat or unit.closing)


@dataclass(frozen=True, slots=True)
class _Breaks:
    key: tuple
    #: paragraph → the shapes of the settings the search had the engine make, and the
    #: paragraph's entry they came from (the same entry, kept by the composer's memo, makes
    #: the same settings: not looked at again)
    asked: dict[int, tuple[tuple, Looseness]]
    #: the flow cut into pages: an input unit's index, (paragraph, delta, line) of a setting a
    #: line off, or a content-free unit the search put in
    flow: tuple
    #: the pages as (flow index, row, continues); None where a page holds a unit made while
    #: paginating (a 续表 row, a table's closing rules): the new flow is paginated again
    pages: tuple | None
    count: int
    #: the pages last made of the recipe: a unit placed as it was is placed by the same
    #: `Placed` (what the pages hold is then the last build's where it did not change)
    last: list = field(default_factory=list)


class PageBreaks:
    """`break_pages`, reusing the last build's breaks when the flow's shape is the same (see the
    module docstring). Keeps the breaks of the last two calls (a composition with contents page
    numbers cuts the pages twice)."""

    def __init__(self) -> None:
        self._kept: list[_Breaks] = []
        self.reused = 0                 # calls answered from the kept breaks (for tests, bench)
        self.searched = 0
        self._items: tuple[dict, dict] = ({}, {})     # (this composition's, the last one's)

    def turn(self) -> None:
        """A composition begins: the page items it may reuse are the last one's."""
        self._items = ({}, self._items[0])

    def page_items(self, page: list[Placed], layout: object, make: Callable) -> tuple[list, ...]:
        """`make(page, layout)` (a page's lines, rules, bookmarks and pictures, moved to the
        page), the last composition's when the page holds the very `Placed` it held (its
        units as they were, at the same rows: `_rebuild`). Fresh lists each call."""
        key = (id(layout), *map(id, page))
        now, last = self._items
        found = now.get(key) or last.get(key)
        if found is None:
            found = (tuple(page), layout, make(page, layout))   # pinned: the ids stay theirs
        now[key] = found
        return tuple(list(items) for items in found[2])

    def __call__(self, units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
                 tail: int = 0, even: bool = False) -> list[list[Placed]]:
        key = (rows, first_row, tail, even, shape(units),
               tuple((para, tuple(entry.estimate.items())) for para, entry in looseness.items()))
        for kept in self._kept:
            if kept.key == key and all(looseness[p] is entry or _made_shape(looseness[p].make()) == made
                                       for p, (made, entry) in kept.asked.items()):
                pages = _rebuild(kept, units, looseness, rows, first_row)
                if pages is not None:
                    self.reused += 1
                    return pages
        asked: dict[int, dict] = {}
        result = break_pages(units, rows, first_row, {p: Looseness(e.estimate, _recording(p, e.make, asked))
                                                      for p, e in looseness.items()}, tail, even)
        self.searched += 1
        breaks = _recipe(key, result, units, asked, looseness)
        self._kept = ([breaks] if breaks is not None else []) + [k for k in self._kept if k.key != key][:1]
        return result.pages


def _recording(para: int, make: Callable[[], dict], asked: dict[int, dict]) -> Callable[[], dict]:
    def made() -> dict:
        asked[para] = found = make()
        return found
    return made


def _recipe(key: tuple, result: Pages, units: list[Unit], asked: dict[int, dict],
            looseness: dict[int, Looseness]) -> _Breaks | None:
    """How `result` was made of `units` and the settings asked; None if it holds a unit of
    another origin that shows something."""
    where: dict[int, object] = {id(u): k for k, u in enumerate(units)}
    for para, made in asked.items():
        for delta, (lines, _cost) in made.items():
            where.update((id(u), (para, delta, k)) for k, u in enumerate(lines))
    flow = []
    for unit in result.units:
        token = where.get(id(unit))
        if token is None:
            if not _content_free(unit):
                return None
            token = unit
        flow.append(token)
    at = {id(u): k for k, u in enumerate(result.units)}
    pages = []
    for page in result.pages:
        placed = []
        for p in page:
            k = at.get(id(p.unit))
            if k is None:
                pages = None
                break
            placed.append((k, p.row, p.continues))
        if pages is None:
            break
        pages.append(tuple(placed))
    return _Breaks(key, {p: (_made_shape(m), looseness[p]) for p, m in asked.items()}, tuple(flow),
                   tuple(pages) if pages is not None else None, len(result.pages),
                   [list(page) for page in result.pages] if pages is not None else [])


def _rebuild(kept: _Breaks, units: list[Unit], looseness: dict[int, Looseness], rows: int,
             first_row: int) -> list[list[Placed]] | None:
    """The pages of `kept` made of this build's units."""
    made = {p: looseness[p].make() for p in kept.asked}
    flow = []
    for token in kept.flow:
        if type(token) is int:
            flow.append(units[token])
        elif type(token) is tuple:
            para, delta, k = token
            flow.append(made[para][delta][0][k])
        else:
            flow.append(token)
    if kept.pages is None:
        pages = paginate(flow, rows, first_row)
        return pages if len(pages) == kept.count else None
    last = kept.last if len(kept.last) == len(kept.pages) else [()] * len(kept.pages)
    pages = []
    for page, before in zip(kept.pages, last):
        if len(before) == len(page) and all(p.unit is flow[k] for p, (k, _row, _c) in zip(before, page)):
            pages.append(list(before))
        else:
            pages.append([Placed(flow[k], row, continues) for k, row, continues in page])
    kept.last[:] = pages
    return pages
