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
and rebuilds the pages from this build's units.

An edit that changes a guess or a setting's demerits but no shape — typing into a paragraph
changes its guesses with every character — only steers the search: the search is asked for its
plan (its pages weighed mostly kept by `pagebreak.SearchMemo`), and when it plans the same
pages, with the paragraphs it sets off set to the same shapes and its pages still winning, or
losing, against first fit with their demerits now, the kept recipe stands too. Anything else is
searched again.

The recipe holds no line of text: the same pages are made of the new units, so the result is
the one `break_pages` gives for this flow (tests/test_remake.py checks it against
`break_pages` over successive builds; tests/test_watch.py the PDF byte for byte against a cold
build).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import is_

from .pagebreak import Looseness, Pages, SearchMemo, break_pages, search_plan, shape
from .paginate import Placed, paginate
from .unit import Unit, UnitKind

def _made_shape(made: dict[int, tuple[tuple[Unit, ...], float]]) -> tuple:
    return tuple((d, shape(units), cost) for d, (units, cost) in made.items())


def _content_free(unit: Unit) -> bool:
    """A unit that shows nothing (a forced break, a blank line): its shape is all there is to
    it, so the last build's stands for this build's."""
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
    #: the search's plan (`pagebreak.plan_key`) and how it was weighed against first fit
    #: (`Pages.weighed`); None, None if first fit needed no search
    plan: tuple | None = None
    weighed: tuple | None = None
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
        #: the pages the last searches weighed, for a search of a flow that changed in places
        self.memo = SearchMemo()
        self.searched = 0
        self.replanned = 0              # calls answered from the kept breaks after a search
        #: the page items of this composition and of the last, each page's as (its `Placed`,
        #: the layout, the items), by page number
        self._items: tuple[list, list] = ([], [])

    def turn(self) -> None:
        """A composition begins: the page items it may reuse are the last one's."""
        self._items = ([], self._items[0])

    def page_items(self, number: int, page: list[Placed], layout: object, make: Callable) -> tuple[list, ...]:
        """`make(page, layout)` (a page's lines, rules, bookmarks and pictures, moved to the
        page), the last composition's page `number`'s when it holds the very `Placed` this one
        holds (its units as they were, at the same rows: `_rebuild`) with the same layout.
        Fresh lists each call."""
        now, last = self._items
        found = None
        for kept in (now, last):
            if number <= len(kept):
                placed, kept_layout, items = kept[number - 1]
                if kept_layout is layout and len(placed) == len(page) and all(map(is_, placed, page)):
                    found = (placed, layout, items)
                    break
        if found is None:
            found = (tuple(page), layout, make(page, layout))
        del now[number - 1:]
        now.append(found)
        return tuple(list(items) for items in found[2])

    def __call__(self, units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
                 tail: int = 0, even: bool = False) -> list[list[Placed]]:
        # the guesses alone do not stand for the shape: a title, heading or table row that
        # gains or loses a line is no paragraph's guess (tests/test_watch.py, title edits)
        key = (rows, first_row, tail, even, shape(units),
               tuple((para, tuple(entry.estimate.items())) for para, entry in looseness.items()))
        for kept in self._kept:
            if kept.key == key and _same_settings(kept, looseness):
                pages = _rebuild(kept, units, looseness, rows, first_row)
                if pages is not None:
                    self.reused += 1
                    return pages
        # the same flow with other guesses or settings (a paragraph typed into guesses anew with
        # every character): they only steer the search, so the breaks stand where first fit
        # needed none, or where the search plans the same pages again (`search_plan`, its pages
        # weighed mostly kept by the memo) with the paragraphs it sets off set to the same shapes
        for kept in self._kept:
            if kept.key[:5] != key[:5] or not _weighed_alike(kept, looseness):
                continue
            asked: dict[int, dict] = {}
            if kept.plan is not None and kept.plan != search_plan(units, rows, first_row, _recorded(looseness, asked),
                                                                  tail, even, self.memo, shapes=key[4]):
                continue
            pages = _rebuild(kept, units, looseness, rows, first_row)
            if pages is not None:
                self.replanned += 1
                # kept under this key too, with the settings this search asked for
                again = replace(kept, key=key, asked=_asked(asked, looseness))
                self._kept = [again] + [k for k in self._kept if k.key != key][:1]
                return pages
        asked = {}
        result = break_pages(units, rows, first_row, _recorded(looseness, asked), tail, even, self.memo,
                             shapes=key[4])
        self.searched += 1
        breaks = _recipe(key, result, units, asked, looseness)
        self._kept = ([breaks] if breaks is not None else []) + [k for k in self._kept if k.key != key][:1]
        return result.pages


def _same_settings(kept: _Breaks, looseness: dict[int, Looseness]) -> bool:
    """Does every paragraph the kept breaks' search had the engine set make the same settings
    now (their shapes and demerits)?"""
    return all(looseness[p] is entry or _made_shape(looseness[p].make()) == made
               for p, (made, entry) in kept.asked.items())


def _weighed_alike(kept: _Breaks, looseness: dict[int, Looseness]) -> bool:
    """Would the kept plan, were the search to choose it again, be weighed against first fit
    as it was? Each paragraph it sets off is set to the same shape (its demerits may differ:
    a paragraph typed into), and with their demerits now its pages win or lose as before."""
    if kept.weighed is None:
        return True             # first fit needed no search: the guesses play no part
    first_cost, base, set_off, chose = kept.weighed
    demerits = 0
    for para, delta in set_off.items():
        entry = looseness.get(para)     # none: the paragraph offers no setting now
        if entry is None:
            return False
        made = entry.make()
        if delta not in made:
            return False
        shapes = {d: units for d, units, _cost in kept.asked[para][0]}
        if shape(made[delta][0]) != shapes.get(delta):
            return False
        demerits += round(made[delta][1])
    return chose == (base is not None and base + demerits <= first_cost)


def _asked(asked: dict[int, dict], looseness: dict[int, Looseness]) -> dict[int, tuple[tuple, Looseness]]:
    """`_Breaks.asked` of the settings a search had the engine make: each paragraph's, by shape
    and demerits, and its entry they came from."""
    return {p: (_made_shape(made), looseness[p]) for p, made in asked.items()}


def _recorded(looseness: dict[int, Looseness], asked: dict[int, dict]) -> dict[int, Looseness]:
    """The paragraphs' entries, each recording in `asked` the settings the search has the
    engine make."""
    return {p: Looseness(e.estimate, _recording(p, e.make, asked)) for p, e in looseness.items()}


def _recording(para: int, make: Callable[[], dict], asked: dict[int, dict]) -> Callable[[], dict]:
    def made() -> dict:
        asked[para] = found = make()
        return found
    return made


def _recipe(key: tuple, result: Pages, units: list[Unit], asked: dict[int, dict],
            looseness: dict[int, Looseness]) -> _Breaks | None:
    """How `result` was made of `units` and the settings asked; None if it holds a unit of
    another origin that shows something. The flow the pages were cut from keeps the order of
    `units` (`pagebreak.flow_of`: settings a line off in their paragraph's place, breaks and
    blank lines put in, blank lines dropped), so each of its units is found by identity
    looking on from the last one found."""
    flow: list = []
    at = 0
    for unit in result.units:
        if _content_free(unit):
            token = unit            # a break or blank line: the same in any build of this shape
        else:
            token = _made_token(unit, asked)
            if token is None:
                k = _find(units, unit, at)
                if k is None:
                    return None
                token, at = k, k + 1
        flow.append(token)
    pages: list | None = []
    at = 0
    for page in result.pages:
        placed = []
        for p in page:
            k = _find(result.units, p.unit, at)
            if k is None:
                k = _find(result.units, p.unit, 0)     # a figure placed after what followed it
            if k is None:
                pages = None        # a unit made while paginating (a 续表 row, closing rules)
                break
            at = k + 1
            placed.append((k, p.row, p.continues))
        if pages is None:
            break
        pages.append(tuple(placed))
    return _Breaks(key, _asked(asked, looseness), tuple(flow),
                   tuple(pages) if pages is not None else None, len(result.pages), result.plan, result.weighed,
                   [list(page) for page in result.pages] if pages is not None else [])


def _made_token(unit: Unit, asked: dict[int, dict]) -> tuple[int, int, int] | None:
    """(paragraph, delta, line) if `unit` is a line of a setting a line off the search asked."""
    made = asked.get(unit.para)
    if made is None or unit.kind is not UnitKind.BODY:
        return None
    for delta, (lines, _cost) in made.items():
        if unit.index < len(lines) and lines[unit.index] is unit:
            return unit.para, delta, unit.index
    return None


def _find(units: list[Unit], unit: Unit, start: int) -> int | None:
    """The index of `unit` itself (not an equal one) in `units`, looking from `start` on."""
    for k in range(start, len(units)):
        if units[k] is unit:
            return k
    return None


def _rebuild(kept: _Breaks, units: list[Unit], looseness: dict[int, Looseness], rows: int,
             first_row: int) -> list[list[Placed]] | None:
    """The pages of `kept` made of this build's units. Only the paragraphs its flow sets a
    line off are set: another the search asked about may offer nothing now (its guess gone)."""
    made: dict[int, dict] = {}
    flow = []
    for token in kept.flow:
        if type(token) is int:
            flow.append(units[token])
        elif type(token) is tuple:
            para, delta, k = token
            if para not in made:
                made[para] = looseness[para].make()
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
