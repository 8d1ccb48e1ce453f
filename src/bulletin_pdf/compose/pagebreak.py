"""Choose the page breaks of the whole issue together (docs/page-makeup.md).

First fit (`paginate`) fills each page as far as its keeps allow and goes on; a page whose
next block cannot start at its foot (a title with its blank lines and first two lines, a
paragraph that must not leave a widow) ends short, and nothing on that page can be moved.
A compositor fills such a page by setting a paragraph one line tighter or looser upstream
(挤行/放行), as TeX does with \\looseness (The TeXbook, ch. 14). This module does it for the
whole issue at once: a total-fit search over page breaks, Knuth and Plass's dynamic
programme over break points, whose "lines" are pages ("Breaking Paragraphs into Lines",
1981; Plass, "Optimal Pagination Techniques for Automatic Typesetting Systems", 1981).

Moves: every multi-line body paragraph at its natural line count or one line tighter or
looser (where the line engine allows it, `text.engine.set_paragraph_lines`); the space after
a title that opens a page shrunk or grown by whole grid lines within the layout's limits
(`space_after_at_top_min`/`_max`: a compositor's title area, deeper or shallower to fill the
page, on the grid); the blank lines before titles and headings dropped at a page top, and
floating figures waiting for the next page top, as first fit does. Cost, in order: page
breaks that break a keep (where no paging can keep it, as first fit does), pages (the 版记
and the even page count included), empty grid lines at the feet of pages other than the last
and those that end by rule (a forced break), grid lines of a title's space moved, then the
paragraphs' own demerits above their natural setting.
Hard rules stay hard: a page ends only where first fit may end one (keeps, widows and
orphans, a byline with its line, a heading never last), tables continue with 续表 and floats
wait as first fit sets them — the chosen breaks are handed to `paginate` as forced breaks,
so that the pages are made by the same code.

The search only plans with the line engine's quick guess at which paragraphs may be set a
line tighter or looser; the engine sets just the ones the best plan uses, and the search runs
again until its plan uses only settings the engine could make (lazily: a paragraph the
optimiser never asks about is set once, at its natural count).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from dataclasses import dataclass, field
from operator import attrgetter

from .paginate import Placed, good_break, held_by_heading, paginate, past_article
from .unit import Unit, UnitKind

#: What the page breaking reads of a unit (this module and paginate.py read nothing else): its
#: kind, source key, span, keeps, paragraph number, line index and count, floating, table and
#: title space; a unit's `lines`, `rules`, `images` and `bookmark` are what the pages show, not
#: how they break.
_SHAPE = attrgetter("kind", "key", "span", "keep_with_next", "para", "index", "count", "floats", "table",
                    "yields", "grows")


def shape(units: tuple[Unit, ...] | list[Unit]) -> tuple:
    """The shapes of `units`, with those of the rows each repeats on a continued page: two
    flows of the same shape break into pages alike."""
    return tuple(_SHAPE(u) if not u.repeat else (_SHAPE(u), shape(u.repeat)) for u in units)


#: The costs, in whole numbers (Python's integers are exact at any size, so the order below
#: holds however long the issue: a float would lose the demerits under a page's weight): a
#: page break that breaks a keep (first fit takes one where no page can keep it: a hard rule,
#: so never to save a page), a page, an empty grid line at a page foot, and 1 a demerit
#: (issue 17, "Whole-issue page breaking": pages, then stranded lines, then the paragraphs'
#: badness). A paragraph set at the layout's looseness limit costs under 10⁷ demerits a line
#: more than its natural setting, so 10¹² a stranded line outweighs the demerits of any
#: issue's paragraphs; 22 lines a page over 10³ pages stay under a page, and 10³ pages under
#: a broken keep.
BAD_BREAK = 10**21
PAGE = 10**17
STRANDED = 10**12
#: A blank grid line after a title given up or taken at a page top: less than a stranded
#: line, more than any issue's demerits (a paragraph set a line off is tried first).
GIVEN_UP = 10**11
#: A page may strand at most this many lines in the search (first fit's own pages are
#: always allowed, however short): it keeps the search to the breaks that can matter.
MOST_STRANDED = 2
#: Rounds of planning and setting the planned paragraphs before the search gives up and
#: keeps first fit.
ROUNDS = 12


@dataclass(frozen=True, slots=True)
class Looseness:
    """What the flow offers the optimiser for one paragraph: the line engine's quick guess
    (delta → extra demerits) and the call that sets it (delta → its units and extra
    demerits), made only when the optimiser asks."""

    estimate: dict[int, float]
    make: Callable[[], dict[int, tuple[tuple[Unit, ...], float]]]


@dataclass(frozen=True, slots=True)
class Pages:
    """The pages, the flow they were cut from (paragraph units as set), and what the
    paragraphs set away from their natural line count cost."""

    pages: list[list[Placed]]
    units: list[Unit]
    demerits: int = 0
    changed: dict[int, int] = field(default_factory=dict)    # Unit.para → delta
    #: the plan the search chose (`plan_key`; () if it found none) when the pages came from a
    #: search, also when first fit's were kept as cheaper; None when first fit needed none
    plan: tuple | None = None
    #: when a search ran, how first fit and the plan were weighed against each other: first
    #: fit's cost, the plan's pages' cost less their demerits (None: the plan made no pages),
    #: the paragraphs the plan sets off (paragraph → delta), and whether the plan's pages won
    weighed: tuple[int, int | None, dict[int, int], bool] | None = None


def stranded_lines(pages: list[list[Placed]], flow: list[Unit], rows: int) -> list[int]:
    """Empty grid lines under the last line of each page; 0 for the last page and for a page
    that ends by rule (the flow has a forced break after its last unit)."""
    ruled = _before_breaks(flow)
    out = []
    for k, page in enumerate(pages):
        content = [p for p in page if p.unit.kind != UnitKind.BLANK]
        if k == len(pages) - 1 or not content or _ends_by_rule(page[-1].unit, ruled):
            out.append(0)
        else:
            out.append(rows - max(p.row + p.unit.span for p in content))
    return out


def _before_breaks(flow: list[Unit]) -> list[Unit]:
    """The units the flow breaks the page after (the contents' last)."""
    return [u for u, nxt in zip(flow, flow[1:]) if nxt.kind == UnitKind.BREAK]


def _ends_by_rule(unit: Unit, ruled: list[Unit]) -> bool:
    """Is `unit` one the flow breaks the page after? The same unit, or — for a paragraph the
    optimiser set a line tighter or looser, whose units are new — the last line of the same
    paragraph."""
    return any(unit is u or (unit.kind == u.kind == UnitKind.BODY and unit.para == u.para
                             and unit.index == unit.count - 1) for u in ruled)


def issue_cost(result: Pages, flow: list[Unit], rows: int, tail: int, even: bool) -> int:
    """The optimiser's cost of a paging (pages, stranded lines, demerits), for comparing it
    with first fit. `tail`: the grid lines the 版记 needs at the foot of the last page."""
    pages = result.pages
    total = len(pages)
    if tail and pages:
        used = max((p.row + p.unit.span for p in pages[-1]), default=0)
        total += used + tail > rows
    if even and total % 2:
        total += 1
    return (total * PAGE + bad_breaks(pages, flow) * BAD_BREAK + sum(stranded_lines(pages, flow, rows)) * STRANDED
            + result.demerits)


def bad_breaks(pages: list[list[Placed]], flow: list[Unit]) -> int:
    """Page breaks that break a keep (`paginate.good_break` between the last unit of a page and
    the first of the next that is not a float; a break the flow forces is none)."""
    ruled = _before_breaks(flow)
    bad = 0
    for page, nxt in zip(pages, pages[1:]):
        if not page or _ends_by_rule(page[-1].unit, ruled):
            continue
        first = next((p.unit for p in nxt if not p.unit.floats and p.unit not in page[-1].unit.repeat), None)
        if first is not None and not good_break([page[-1].unit, first], 1):
            bad += 1
    return bad


def break_pages(units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
                tail: int = 0, even: bool = False, memo: SearchMemo | None = None, *,
                shapes: tuple | None = None) -> Pages:
    """The issue's pages, chosen together (see the module docstring): first fit when it
    strands nothing, or when the search finds nothing better. `tail`: grid lines the 版记
    needs on the last page (its space before included); `even`: the issue ends on an even
    page (page_furniture.place_distribution adds the 版记's page and the blank one); `memo`: the
    pages an earlier search of a flow like this one weighed (`SearchMemo`); `shapes`: the
    flow's `shape`, when the caller has it."""
    first = Pages(paginate(units, rows, first_row), list(units))
    # first fit is kept without a search only when it has nothing to mend: a page that breaks
    # a keep (first fit's natural break where it found no good one, e.g. a paragraph under the
    # masthead with room for neither two lines nor all of it) may be mended by a paragraph
    # set a line looser or tighter, and a broken keep costs more than any number of pages
    if not any(stranded_lines(first.pages, units, rows)) and not _tail_overflows(first.pages, rows, tail) \
            and not bad_breaks(first.pages, units):
        return first
    search = _Search(units, rows, first_row, looseness, tail, even, memo, shapes)
    plan = search.run()
    best = _lay_out(search, plan)
    first_cost = issue_cost(first, units, rows, tail, even)
    if best is None:
        # the paragraphs a plan that `paginate` did not follow sets off: their settings are
        # what it failed with (remake.py weighs the plan again only where they are the same)
        set_off = search.flow_of(plan)[1] if plan is not None else {}
        return Pages(first.pages, first.units, plan=plan_key(plan), weighed=(first_cost, None, set_off, False))
    best_cost = issue_cost(best, units, rows, tail, even)
    chose = best_cost <= first_cost
    weighed = (first_cost, best_cost - best.demerits, best.changed, chose)
    if chose:
        return Pages(best.pages, best.units, best.demerits, best.changed, best.plan, weighed)
    return Pages(first.pages, first.units, plan=best.plan, weighed=weighed)


def plan_key(plan: list[_Page] | None) -> tuple:
    """A plan as values: where each page ends, the paragraphs it sets a line off and the title
    space it moves. Two searches of flows of the same shape that give the same key, with the
    paragraphs it sets off set alike, make the same pages (remake.py)."""
    return () if plan is None else tuple((p.end, p.changed, p.cut, p.dropped, p.added) for p in plan)


def search_plan(units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
                tail: int = 0, even: bool = False, memo: SearchMemo | None = None, *,
                shapes: tuple | None = None) -> tuple:
    """The plan a search of the flow chooses (`plan_key`), not laid out."""
    return plan_key(_Search(units, rows, first_row, looseness, tail, even, memo, shapes).run())


def optimise(units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
             tail: int = 0, even: bool = False, memo: SearchMemo | None = None) -> Pages | None:
    """The search alone (no first-fit fallback): the pages of the least-cost plan, made by
    `paginate` from the flow with the planned settings and a forced break at each planned
    page end; None if the search found no plan or `paginate` did not follow it."""
    search = _Search(units, rows, first_row, looseness, tail, even, memo)
    return _lay_out(search, search.run())


def _lay_out(search: _Search, plan: list[_Page] | None) -> Pages | None:
    """The pages of a search's plan, made by `paginate` from the flow with the planned
    settings and a forced break at each planned page end; None if there is no plan or
    `paginate` did not follow it."""
    if plan is None:
        return None
    flow, changed, demerits = search.flow_of(plan)
    pages = paginate(flow, search.rows, search.first_row)
    if len(pages) != len(plan):
        return None
    return Pages(pages, flow, demerits, changed, plan_key(plan))


def _tail_overflows(pages: list[list[Placed]], rows: int, tail: int) -> bool:
    used = max((p.row + p.unit.span for p in pages[-1]), default=0) if pages else 0
    return bool(tail) and used + tail > rows


# A state is where a page starts: (i, delta, lines, waiting, parity). With delta 0, i is the
# index of the page's first unit in the flow; otherwise the page goes on with paragraph
# units[i]… set `delta` lines from its natural count, `lines` of its lines being on the pages
# before. `waiting`: floats (flow indices) for the top of the page; parity: pages so far, mod 2.
State = tuple[int, int, int, tuple[int, ...], int]
END = "end"


@dataclass(slots=True)
class _Page:
    """One page of a plan: where the next starts, and the paragraphs set away from their
    natural count that lie wholly on it."""

    end: State | str
    changed: tuple[tuple[int, int], ...]
    #: a last page that ends before the blank lines closing the flow: where (they go to a
    #: page of their own, which a page top empties and first fit drops)
    cut: int | None = None
    #: the blank lines after a title at this page's top that the page gives up (flow indices)
    dropped: tuple[int, ...] = ()
    #: blank lines added after a title at this page's top: (flow index they go before, count)
    added: tuple[int, int] | None = None


@dataclass(slots=True)
class _Fill:
    """What a page being filled may still give: the paragraphs wholly on it that may be set a
    line looser (`plus`) or tighter (`minus`), as (extra demerits, paragraph)."""

    plus: list[tuple[int, int]] = field(default_factory=list)
    minus: list[tuple[int, int]] = field(default_factory=list)
    floated: bool = False       # a float waits for the next page: no paragraph is set tighter here

    def add(self, para: int, options: dict[int, int]) -> None:
        if 1 in options:
            self.plus.append((options[1], para))
        if -1 in options:
            self.minus.append((options[-1], para))

    @property
    def n_plus(self) -> int:
        return len(self.plus)

    @property
    def n_minus(self) -> int:
        return len(self.minus)


class _Range:
    """The paragraphs self.paras[a:b] of a search, wholly on a page of plain text, with the
    interface of `_Fill`: counted from prefix sums, listed only when a page needs them."""

    __slots__ = ("search", "a", "b")
    floated = False

    def __init__(self, search: "_Search", a: int, b: int) -> None:
        self.search, self.a, self.b = search, a, b

    @property
    def n_plus(self) -> int:
        return self.search.plus_n[self.b] - self.search.plus_n[self.a]

    @property
    def n_minus(self) -> int:
        return self.search.minus_n[self.b] - self.search.minus_n[self.a]

    @property
    def plus(self) -> list[tuple[int, int]]:
        s = self.search
        return [(s.plus_c[p], s.para_ids[p]) for p in range(self.a, self.b) if s.plus_c[p] is not None]

    @property
    def minus(self) -> list[tuple[int, int]]:
        s = self.search
        return [(s.minus_c[p], s.para_ids[p]) for p in range(self.a, self.b) if s.minus_c[p] is not None]


class SearchMemo:
    """The pages the search weighed from each state (`_Search.pages_from`), kept for the next
    search: the next round of the same search (the engine has set a few paragraphs, whose
    options change), or — kept by a warm process (remake.py) — the same round of the search
    of the next build, after an edit that changed a paragraph's guess or a few units of the
    flow.

    The pages from a state depend only on the units from just before it (the unit before its
    first, for a continued table; the floats waiting for its top) to the last one the search
    looked at to end them, on those units' paragraphs' options and kept lines, and on the
    page's size, the 版记's lines and the page count's parity rule. Each kept entry holds that
    window of flow positions; before a round, `begin` compares the flow and the options with
    those the entries were weighed with and drops every entry whose window holds a position
    that changed (a unit of another shape, a paragraph with other options, the end of the flow
    moved, the blank lines closing the flow begun elsewhere). The rest stand: the search weighs
    the same pages from the same states in the same order, so it chooses what a fresh search
    chooses (tests/test_pagebreak_memo.py checks that plan for plan). Dynamic programming over
    a changed input reusing the subproblems the change cannot reach, as an incremental build
    reuses what an edit did not touch.

    One table of entries a round: a search's first round plans with the engine's guesses and
    its later ones with the settings it had the engine make, so round k of a build is nearest
    round k of the build before (the one paragraph edited aside), and a round the last build
    did not reach starts from this build's round before."""

    def __init__(self) -> None:
        self._last: list[_Table] = []      # the tables of the last search, one a round
        self._now: list[_Table] = []
        self._flow: tuple | None = None     # the shapes of the last search's flow, its `_Search._tables`
        self.reused = self.weighed = 0      # states answered from the memo / weighed (tests, bench)

    def tables(self, shapes: tuple) -> tuple | None:
        """The last search's `_Search._tables` if its flow had these shapes."""
        return self._flow[1] if self._flow is not None and self._flow[0] == shapes else None

    def keep_tables(self, shapes: tuple, tables: tuple) -> None:
        self._flow = (shapes, tables)

    def start(self) -> None:
        """A search starts: the tables of the last one are what it may reuse."""
        if self._now:
            self._last, self._now = self._now, []

    def begin(self, params: tuple, shapes: tuple, paras: dict[int, tuple],
              blank_tail: int) -> dict[tuple[State, bool], tuple[int, int, list]]:
        """A round begins on a flow of these unit `shapes`, with paragraph → (first unit,
        options, kept lines), the blank lines closing the flow from `blank_tail` on, and
        `params` (rows, first row, 版记 lines, even): the round's table, without the entries
        whose window holds a change."""
        r = len(self._now)
        if r < len(self._last):
            table = self._last[r]
        elif self._now:
            before = self._now[-1]
            table = _Table(dict(before.entries), before.params, before.shapes, before.paras, before.blank_tail)
        else:
            table = _Table({}, None, (), {}, 0)
        table.update(params, shapes, paras, blank_tail)
        self._now.append(table)
        return table.entries


@dataclass(slots=True)
class _Table:
    """One round's entries of a `SearchMemo`, (state, first page) → (window's first position,
    its last, the pages), and the input they were weighed from."""

    entries: dict[tuple[State, bool], tuple[int, int, list]]
    params: tuple | None
    shapes: tuple
    paras: dict[int, tuple]
    blank_tail: int

    def update(self, params: tuple, shapes: tuple, paras: dict[int, tuple], blank_tail: int) -> None:
        """The input is now this: drop the entries whose window holds a change."""
        if params != self.params:
            self.entries.clear()
        elif self.entries:
            changed = self._changed(shapes, paras, blank_tail)
            if changed:
                for key, (lo, hi, _) in list(self.entries.items()):
                    k = bisect_left(changed, lo)
                    if k < len(changed) and changed[k] <= hi:
                        del self.entries[key]
        self.params, self.shapes, self.paras, self.blank_tail = params, shapes, paras, blank_tail

    def _changed(self, shapes: tuple, paras: dict[int, tuple], blank_tail: int) -> list[int]:
        """The flow positions where the input differs from the entries', ascending (a position
        one past the last unit stands for the end of the flow)."""
        changed: set[int] = set()
        if shapes != self.shapes:
            old, n = self.shapes, min(len(shapes), len(self.shapes))
            changed.update(p for p in range(n) if shapes[p] != old[p])
            if len(shapes) != len(old):
                changed.update(range(n, max(len(shapes), len(old)) + 1))
        if paras != self.paras:
            for para in paras.keys() | self.paras.keys():
                now, before = paras.get(para), self.paras.get(para)
                if now != before:
                    changed.update(sig[0] for sig in (now, before) if sig is not None)
        if blank_tail != self.blank_tail:
            changed.update(range(min(blank_tail, self.blank_tail), max(blank_tail, self.blank_tail)))
        return sorted(changed)


class _Search:
    """The search over page breaks (module docstring): its states are `State`s, a page from
    one to the next is weighed by `pages_from`, and `search` keeps the cheapest way to each
    state, in the order of the flow (a page always ends after it starts)."""

    def __init__(self, units: list[Unit], rows: int, first_row: int, looseness: dict[int, Looseness],
                 tail: int, even: bool, memo: SearchMemo | None = None, shapes: tuple | None = None) -> None:
        self.units, self.rows, self.first_row = units, rows, first_row
        # a warm process's memo of its last build's searches (whose flow may differ: its shapes
        # are compared); none in a cold build, which searches once and would only pay for
        # keeping every page it weighed alive
        self.memo = memo
        if memo is not None:
            memo.start()
        # `shapes`: the flow's `shape`, when the caller has it (a warm process's key holds it)
        self._shapes = None if memo is None else shape(units) if shapes is None else shapes
        self._entries: dict | None = None
        self._hi = 0        # the last flow position the pages being weighed looked at
        self.looseness, self.tail, self.even = looseness, tail, even
        self.made: dict[int, dict[int, tuple[tuple[Unit, ...], float]]] = {}
        tables = memo.tables(self._shapes) if memo is not None else None
        if tables is None:
            tables = self._tables()
            if memo is not None:
                memo.keep_tables(self._shapes, tables)
        (self.kept, self.rows_to, self.inked_to, self.goods, self.stops, self.paras, self.para_ends,
         self.para_ids, self.blank_tail) = tables
        self.round()

    def _tables(self) -> tuple:
        """What the search reads of the flow, worked out once: they depend on its shape alone
        (a warm process's memo keeps them while the shape stays)."""
        units = self.units
        #: paragraph → the number of its first lines kept with what comes before (after a heading)
        kept: dict[int, int] = {}
        for u in units:
            if u.kind == UnitKind.BODY and u.keep_with_next:
                kept[u.para] = kept.get(u.para, 0) + 1
        # prefix sums for the pages of plain text (no float, no forced break): rows to a
        # boundary, rows to its last line that is not blank, the good breaks, the paragraphs
        n = len(units)
        rows_to = list(accumulate((u.span for u in units), initial=0))
        inked = [0] * (n + 1)
        for k, u in enumerate(units):
            inked[k + 1] = rows_to[k + 1] if u.kind != UnitKind.BLANK else inked[k]
        goods = [k for k in range(1, n) if self.good(k)]
        stops = [k for k, u in enumerate(units) if u.floats or u.kind == UnitKind.BREAK]
        paras = [k for k, u in enumerate(units) if u.kind == UnitKind.BODY and u.index == 0 and u.count >= 2]
        blank_tail = n
        while blank_tail > 0 and units[blank_tail - 1].kind == UnitKind.BLANK:
            blank_tail -= 1
        return (kept, rows_to, inked, goods, stops, paras, [k + units[k].count for k in paras],
                [units[k].para for k in paras], blank_tail)

    def round(self) -> None:
        """The paragraphs' options for the next search, and their prefix counts. A paragraph
        whose lines are all kept with what follows (a short one after a heading) keeps its
        count: set tighter or looser, its last line would change its keep."""
        self.opts = {}
        for k, para in zip(self.paras, self.para_ids):
            n, kept = self.units[k].count, self.kept.get(para, 0)
            self.opts[para] = {d: c for d, c in self.options(para).items() if min(n, n + d) > kept}
        self.plus_c = [self.opts[p].get(1) for p in self.para_ids]
        self.minus_c = [self.opts[p].get(-1) for p in self.para_ids]
        self.plus_n = list(accumulate((c is not None for c in self.plus_c), initial=0))
        self.minus_n = list(accumulate((c is not None for c in self.minus_c), initial=0))
        if self.memo is not None:
            paras = {p: (k, self.opts[p], self.kept.get(p, 0)) for k, p in zip(self.paras, self.para_ids)}
            self._entries = self.memo.begin((self.rows, self.first_row, self.tail, self.even), self._shapes, paras,
                                            self.blank_tail)

    def good(self, k: int, before: Unit | None = None) -> bool:
        """May a page end before units[k] (after `before`, default units[k-1])? First fit's
        rule (`paginate.good_break`); a forced break ends its page by rule instead."""
        return self.units[k].kind != UnitKind.BREAK and good_break([before or self.units[k - 1], self.units[k]], 1)

    # -- the options of a paragraph ---------------------------------------------------------
    def options(self, para: int) -> dict[int, int]:
        """delta → extra demerits (whole): the engine's when it has set the paragraph, else its
        guess."""
        if para in self.made:
            return {d: round(cost) for d, (_, cost) in self.made[para].items()}
        entry = self.looseness.get(para)
        return {d: round(cost) for d, cost in entry.estimate.items()} if entry is not None else {}

    def ask(self, para: int, delta: int) -> bool:
        """Have the engine set the paragraph (once); whether it found the setting `delta`."""
        if para not in self.made:
            self.made[para] = self.looseness[para].make()
        return delta in self.made[para]

    # -- the search ---------------------------------------------------------------------------
    def run(self) -> list[_Page] | None:
        """Plan with the engine's guesses, have it set the paragraphs the plan changes, and
        plan again until every one it changes could be set so. The pages and stranded lines of
        such a plan are exact; its demerits were weighed with guesses for the paragraphs it
        left alone, and are exact for those it changed.

        The guess at a tighter setting is the rougher one (it counts every blank of every line
        as if one line could take them all), so the few paragraphs it offers are set before
        the first plan: a plan built on a tighter setting that does not exist costs a round."""
        for para in self.para_ids:
            if -1 in self.opts[para]:
                self.ask(para, -1)
        for _ in range(ROUNDS):
            self.round()
            plan = self.search()
            if plan is None:
                return None
            used = {(p, d) for page in plan for p, d in page.changed} | {
                (self.units[page.end[0]].para, page.end[1]) for page in plan if page.end != END and page.end[1]}
            if all([self.ask(p, d) for p, d in sorted(used)]):
                return plan
        return None

    def search(self) -> list[_Page] | None:
        start: State = (0, 0, 0, (), 0)
        best: dict[State, tuple[int, State | None, _Page | None]] = {start: (0, None, None)}
        heap = [(self._key(start), start)]
        done: set[State] = set()
        final: tuple[int, State, _Page] | None = None
        while heap:
            _, state = heapq.heappop(heap)
            if state in done:
                continue
            done.add(state)
            cost = best[state][0]
            for page, page_cost in self.pages_from(state, state == start):
                total = cost + page_cost
                if page.end == END:
                    if final is None or total < final[0]:
                        final = (total, state, page)
                    continue
                end = page.end
                if end not in best or total < best[end][0]:
                    best[end] = (total, state, page)
                    heapq.heappush(heap, (self._key(end), end))
        if final is None:
            return None
        plan = [final[2]]
        state = final[1]
        while best[state][1] is not None:
            _, prev, page = best[state]
            plan.append(page)
            state = prev
        return plan[::-1]

    @staticmethod
    def _key(state: State):
        i, delta, lines, waiting, _ = state
        return (i, delta != 0, lines, -len(waiting))

    def pages_from(self, state: State, first: bool):
        """Every page that may start at `state`, with its cost: kept by the memo with the
        window of flow positions they were weighed from (`SearchMemo`)."""
        if self._entries is None:
            return self._weigh(state, first)
        key = (state, first)
        kept = self._entries.get(key)
        if kept is not None:
            self.memo.reused += 1
            return kept[2]
        i, _, _, waiting, _ = state
        self._hi = i
        out = self._weigh(state, first)
        self._entries[key] = (min((i - 1, *waiting)), self._hi, out)
        self.memo.weighed += 1
        return out

    def _weigh(self, state: State, first: bool):
        fast = self._plain_pages(state, first)
        out = fast if fast is not None else self._pages_walked(state, first)
        at, drop = self._title_space(state, first)
        if at is None:
            return out
        for dropped, added in [(drop, 0)] * bool(drop) + [((), k) for k in range(1, self.grows(at) + 1)]:
            alt = self._plain_pages(state, first, len(dropped) - added)
            if alt is None:
                alt = self._pages_walked(state, first, frozenset(dropped), (at, added))
            for page, cost in alt:
                page.dropped, page.added = dropped, (at, added) if added else None
                out.append((page, cost + GIVEN_UP * (len(dropped) + added)))
        return out

    def grows(self, at: int) -> int:
        """Blank lines the title ending before units[at] may take after it at a page top."""
        return self.units[at - 1].grows

    def _title_space(self, state: State, first: bool) -> tuple[int | None, tuple[int, ...]]:
        """Where the title that opens a page starting at `state` (after its column head) ends
        (the index of the unit after its last line), and the blank lines after it the page may
        give up (`Unit.yields`); None and () if the page does not open with a title."""
        i, delta, _, waiting, _ = state
        units, n = self.units, len(self.units)
        if delta or waiting or (first and self.first_row):
            return None, ()
        j = i       # the blanks a page top drops, the column head and its space after
        while j < n and (units[j].kind == UnitKind.BLANK or units[j].kind == UnitKind.HEAD and units[j].keep_with_next):
            j += 1
        if j >= n or units[j].kind != UnitKind.TITLE:
            self._hi = max(self._hi, j)
            return None, ()
        while j < n and units[j].kind == UnitKind.TITLE:
            j += 1
        k = j
        while k < n and units[k].kind == UnitKind.BLANK and units[k].yields:
            k += 1
        self._hi = max(self._hi, k)
        return j, tuple(range(j, k))

    def _plain_pages(self, state: State, first: bool, given_up: int = 0):
        """`_pages_walked` for a page of plain text, from the prefix sums: a page that starts
        at a unit (no float waiting) and reaches its foot before any float or forced break
        but the one that ends it; None for any other page."""
        i, delta, done_lines, waiting, parity = state
        if waiting:
            return None
        units, rows, n = self.units, self.rows, len(self.units)
        rows_to, inked_to = self.rows_to, self.inked_to
        turn = (1 - parity) if self.even else 0
        row0 = self.first_row if first else 0
        if delta:
            left = units[i].count + delta - done_lines
            if row0 + left > rows - MOST_STRANDED - 1:
                return None
            row0 += left
            j0 = i + units[i].count
        else:
            j0 = i
            if row0 == 0:
                while j0 < n and units[j0].kind == UnitKind.BLANK:
                    j0 += 1
                if j0 < n and units[j0].table and j0 > 0 and units[j0 - 1].table == units[j0].table:
                    row0 += sum(u.span for u in units[j0].repeat)
        row0 -= given_up        # the title's space given up: every unit after it rises
        self._hi = max(self._hi, j0)
        if j0 >= n:
            return None
        base = rows_to[j0] - row0        # row of boundary e on this page: rows_to[e] − base
        # the first float or forced break on the page, and the last boundary that fits
        s = bisect_left(self.stops, j0)
        stop = self.stops[s] if s < len(self.stops) else n
        fit = bisect_right(rows_to, rows + base, j0) - 1        # rows_to[fit] − base ≤ rows
        self._hi = max(self._hi, fit)     # (rows_to[fit + 1] is unit fit's span on)
        if fit <= j0:
            return None
        first_para = bisect_left(self.paras, j0)
        last_para = bisect_right(self.paras, min(fit, stop))
        minus_all = self.minus_n[last_para] - self.minus_n[first_para]
        plus_all = self.plus_n[last_para] - self.plus_n[first_para]
        hi = bisect_right(rows_to, rows + minus_all + base, j0) - 1
        self._hi = max(self._hi, hi)      # what follows reads no unit past hi (stop only if ≤ hi)
        if hi >= n or (stop <= hi and units[stop].floats):
            return None         # a float near the foot, or the end of the issue: walked
        ruled = stop <= hi and units[stop].kind == UnitKind.BREAK
        last = min(hi, stop)
        lo = bisect_left(rows_to, rows - MOST_STRANDED - plus_all + base, j0)
        out = []
        ff = None
        for g in range(bisect_left(self.goods, max(lo, j0 + (0 if delta else 1))), bisect_right(self.goods, last)):
            e = self.goods[g]
            if e == stop:
                continue
            out += self._plain_end(first_para, j0, e, rows_to[e] - base, max(inked_to[e] - base, row0),
                                   (e, 0, 0, (), turn))
        if ruled:
            out += self._plain_end(first_para, j0, stop, rows_to[stop] - base, max(inked_to[stop] - base, row0),
                                   (stop + 1, 0, 0, (), turn), ruled=True)
            return out
        # first fit's end: its last good break that fits, with a unit that is not blank above
        ff = None
        g = bisect_right(self.goods, min(fit, stop)) - 1
        while g >= 0 and self.goods[g] >= j0 + (0 if delta else 1):
            if delta or inked_to[self.goods[g]] > rows_to[j0]:
                ff = self.goods[g]
                break
            g -= 1
        if ff is None:
            return None         # no good break: first fit breaks where it must (walked)
        if rows - max(inked_to[ff] - base, row0) > MOST_STRANDED:
            out += self._plain_end(first_para, j0, ff, rows_to[ff] - base, max(inked_to[ff] - base, row0),
                                   (ff, 0, 0, (), turn), ff=True)
        # the paragraphs crossing the foot, set a line off and ending on the next page
        for p in range(first_para, len(self.paras)):
            k = self.paras[p]
            top = rows_to[k] - base
            if top + 2 > rows + minus_all or k >= last:
                break
            if top + units[k].count + 1 < rows - MOST_STRANDED - plus_all:
                continue
            fill = _Range(self, first_para, p)
            for d in self.opts[units[k].para]:
                out += self._split(fill, k, d, top, (), turn)
        return out

    def _plain_end(self, first_para: int, j0: int, e: int, row: int, content: int, end: State,
                   ruled: bool = False, ff: bool = False):
        inside = bisect_right(self.para_ends, e, first_para)
        return self._end(_Range(self, first_para, inside), row, content, end, ruled, ff)

    def _pages_walked(self, state: State, first: bool, skip: frozenset[int] = frozenset(),
                      added: tuple[int, int] = (-1, 0)):
        """Every page that may start at `state`, with its cost: its ends at first fit's good
        breaks (`paginate.good_break`), stranding at most MOST_STRANDED lines once the
        paragraphs wholly on it are set looser or, past the foot, tighter; and the end first fit
        itself would choose, however short."""
        units, rows = self.units, self.rows
        n = len(units)
        i, delta, done_lines, waiting_at_top, parity = state
        j = far = i
        try:
            turn = (1 - parity) if self.even else 0
            row = self.first_row if first else 0
            waiting = list(waiting_at_top)
            page = _Fill()
            out: list = []
            if row == 0:        # the page top, as first fit sets it: blanks dropped, floats, 续表
                while not delta and j < n and units[j].kind == UnitKind.BLANK:
                    j += 1
                while waiting and (row == 0 or row + units[waiting[0]].span <= rows):
                    row += units[waiting.pop(0)].span
                if not delta and j < n and units[j].table and j > 0 and units[j - 1].table == units[j].table:
                    row += sum(u.span for u in units[j].repeat)
            prev: Unit | None = None
            ff_end = None       # first fit's end: its last good break that fits …
            over = None         # … else where the first unit did not fit
            if delta:           # the rest of a paragraph set `delta` lines from its natural count
                para = units[i].para
                count = units[i].count + delta
                kept = self.kept.get(para, 0)
                for k in range(1, count - done_lines):
                    if row + k > rows:
                        break
                    if count - (done_lines + k) >= 2 and done_lines + k - 1 >= kept:
                        ff_end = (row + k, row + k, (i, delta, done_lines + k, tuple(waiting), turn), 0, 0)
                        out += self._end(page, row + k, row + k, ff_end[2])
                row += count - done_lines
                j = i + units[i].count
                prev = units[j - 1]
            top = j
            content = row
            if delta and j < n and self.good(j):
                ff_end = (row, row, (j, 0, 0, tuple(waiting), turn), 0, 0)     # the paragraph's end
                out += self._end(page, row, row, ff_end[2])
            while j < n:
                if j in skip:       # the title's space given up at this page top
                    j += 1
                    continue
                if j == added[0]:
                    row += added[1]
                unit = units[j]
                if unit.kind == UnitKind.BREAK:
                    return out + self._end(page, row, content, (j + 1, 0, 0, tuple(waiting), turn), ruled=True)
                if waiting and past_article(unit, units[waiting[0]]):
                    # the text waits: the figure closes its article, and first fit ends the page
                    # here unless the unit before keeps with the next (`paginate`, `held`)
                    if j > top and prev is not None and not prev.keep_with_next:
                        return out + self._end(page, row, content, (j, 0, 0, tuple(waiting), turn), ff=True)
                    over = over or (j, row, content, tuple(waiting))
                    break
                if unit.floats and (waiting or (row + unit.span > rows and row > 0)):
                    if j > top and held_by_heading(units, j, top):    # with its heading: first fit breaks here
                        over = over or (j, row, content, tuple(waiting))
                        break
                    waiting.append(j)       # to the top of the next page; the text goes on
                    page.floated = True
                    j += 1
                else:
                    if row + unit.span > rows and over is None:
                        over = (j, row, content, tuple(waiting))
                    if row + unit.span > rows + (0 if page.floated or unit.floats else len(page.minus)):
                        break
                    if unit.kind == UnitKind.BODY and unit.index == 0 and unit.count >= 2:
                        for d in self.opts[unit.para]:   # set d lines off, ending on the next page
                            out += self._split(page, j, d, row, tuple(waiting), turn)
                    row += unit.span
                    if unit.kind != UnitKind.BLANK:
                        content = row
                    prev = unit
                    j += 1
                    if unit.kind == UnitKind.BODY and unit.count >= 2 and unit.index == unit.count - 1 \
                            and j - unit.count >= top:
                        page.add(unit.para, self.opts[unit.para])
                if j == n:
                    if waiting:
                        return out + self._end(page, row, content, (j, 0, 0, tuple(waiting), turn), ff=True)
                    return out + self._terminal(page, row, parity)
                # the unit the page would end before: first fit has already sent on the floats
                # that would wait from here, so it is the one after them
                nxt, sent = j, bool(waiting)
                while nxt < n and units[nxt].floats and (sent or (row + units[nxt].span > rows and row > 0)):
                    nxt, sent = nxt + 1, True
                far = max(far, nxt)
                if prev is None or nxt == n or not self.good(nxt, prev):
                    continue
                if j - 1 == top and prev.kind == UnitKind.BODY and 0 < prev.index and units[nxt].para == prev.para:
                    continue    # one line of a paragraph alone on a page (under floats or 续表 rows)
                if row <= rows and content > (self.first_row if first else 0) and any(
                        units[k].kind != UnitKind.BLANK for k in range(top, j)):
                    ff_end = (row, content, (j, 0, 0, tuple(waiting), turn), len(page.plus), len(page.minus))
                if row > rows or rows - content - len(page.plus) <= MOST_STRANDED:
                    out += self._end(page, row, content, (j, 0, 0, tuple(waiting), turn))
            if j == n and not waiting:
                return out + self._terminal(page, row, parity)
            if ff_end is not None:
                r, c, end, n_plus, n_minus = ff_end
                fill = _Fill(page.plus[:n_plus], page.minus[:n_minus], page.floated)
                return out + self._end(fill, r, c, end, ff=True)
            if over is not None and over[0] > top:     # no good break: first fit breaks where it must
                e, r, c, w = over
                return out + self._end(_Fill(), r, c, (e, 0, 0, w, turn), ff=True, bad=True)
            if j < n and row == 0:      # a unit taller than a page: set anyway (first fit)
                return out + self._end(_Fill(), rows, rows, (j + 1, 0, 0, tuple(waiting), turn), ff=True)
            return out + self._end(_Fill(), row, row, (j, 0, 0, tuple(waiting), turn), ff=True)
        finally:
            # the last unit the walk looked at (the page ends before it, or it did not fit),
            # or the end of the flow
            self._hi = max(self._hi, j, far)

    def _split(self, page: "_Fill", j: int, d: int, row: int, waiting, turn):
        """Ends of the page inside paragraph units[j] set `d` lines from its natural count."""
        unit = self.units[j]
        count = unit.count + d
        kept = self.kept.get(unit.para, 0)
        cost = self.opts[unit.para][d]
        out = []
        for k in range(2, count - 1):     # no orphan (k ≥ 2), no widow (count − k ≥ 2)
            if k - 1 < kept:
                continue
            r = row + k
            if r > self.rows + (0 if page.floated else page.n_minus):
                break
            out += [(pg, c + cost) for pg, c in self._end(page, r, r, (j, d, k, waiting, turn))]
        return out

    def _end(self, page: "_Fill", row: int, content: int, end: State, ruled: bool = False, ff: bool = False,
             bad: bool = False):
        """The page that ends at `end` with `row` grid lines used (`content` to its last line
        that is not blank): its paragraphs set tighter when it overflows, looser when it
        strands lines; none if it still strands more than MOST_STRANDED (unless `ff`: first
        fit's own page)."""
        if end[0] > self._hi:
            self._hi = end[0]
        if end[0] >= self.blank_tail and not end[3] and not end[1]:
            # only blank lines follow, which a page top drops: this is the last page
            return [(_Page(END, pg.changed, end[0]), c) for pg, c in
                    self._terminal(page, row, 1 - end[4] if self.even else 0)]
        rows = self.rows
        changed: list[tuple[int, int]] = []
        cost = PAGE + (BAD_BREAK if bad else 0)
        if row > rows:
            over = row - rows
            if page.floated or over > page.n_minus:
                return []
            for c, para in sorted(page.minus)[:over]:
                cost += c
                changed.append((para, -1))
            content -= over
            row = rows
        if not ruled:
            loosen = max(0, min(rows - row, rows - content, page.n_plus))
            if rows - content - loosen > MOST_STRANDED and not ff:
                return []
            if loosen:
                for c, para in sorted(page.plus)[:loosen]:
                    cost += c
                    changed.append((para, 1))
            content += loosen
            cost += (rows - content) * STRANDED
        return [(_Page(end, tuple(changed)), cost)]

    def _terminal(self, page, row: int, parity: int):
        """The last page: the 版记 on its last grid lines, or on a page of its own when it does
        not fit under the text; the even page count (page_furniture.place_distribution). Text
        past the foot must be taken back by paragraphs set tighter; the 版记 may be."""
        rows = self.rows
        must = max(0, row - rows)
        if must and (page.floated or must > page.n_minus):
            return []
        out = []
        fits = not self.tail or row + self.tail <= rows
        for tighten, pages in ((must, 1 if fits else 2), (row + self.tail - rows, 1)):
            if tighten < must or (tighten > must and (fits or page.floated or tighten > page.n_minus)):
                continue
            if self.even and (parity + pages) % 2:
                pages += 1
            chosen = sorted(page.minus)[:tighten] if tighten else []
            out.append((_Page(END, tuple((para, -1) for _, para in chosen)),
                        sum(c for c, _ in chosen) + pages * PAGE))
        return out

    # -- the plan as a flow for paginate -------------------------------------------------------
    def flow_of(self, plan: list[_Page]) -> tuple[list[Unit], dict[int, int], int]:
        """The flow with the planned paragraphs set as planned and a forced break at the end of
        every page that does not end by rule; the paragraphs changed and their demerits."""
        units = self.units
        changed: dict[int, int] = {}
        natural_ends: set[int] = set()
        split_ends: set[tuple[int, int]] = set()
        dropped: set[int] = set()
        added: dict[int, int] = {}
        for page in plan:
            changed.update(page.changed)
            dropped.update(page.dropped)
            if page.added:
                added[page.added[0]] = page.added[1]
            if page.end == END:
                if page.cut is not None:
                    natural_ends.add(page.cut)
                continue
            i, d, lines, _, _ = page.end
            if d:
                changed[units[i].para] = d
                split_ends.add((i, lines))
            elif i > 0 and units[i - 1].kind != UnitKind.BREAK:
                natural_ends.add(i)
        demerits = 0
        flow: list[Unit] = []
        brk = Unit(UnitKind.BREAK)
        # the places where the flow is not the input's: a break before, a unit dropped, blank
        # lines added, a paragraph set a line off; the runs between them are copied whole
        firsts = dict(zip(self.para_ids, self.paras))
        marks = sorted(natural_ends | dropped | added.keys() | {firsts[p] for p, d in changed.items() if d})
        i = 0
        for at in marks:
            if at < i or at >= len(units):
                continue        # inside a paragraph set a line off (already put in), or past the end
            flow += units[i:at]
            i = at
            unit = units[i]
            if i in natural_ends:
                flow.append(brk)
            if i in dropped:
                i += 1
                continue
            flow += [Unit(UnitKind.BLANK, keep_with_next=True)] * added.get(i, 0)
            d = changed.get(unit.para, 0) if unit.kind == UnitKind.BODY and unit.index == 0 else 0
            if d:
                lines, cost = self.made[unit.para][d]
                demerits += round(cost)
                for k, line in enumerate(lines):
                    if (i, k) in split_ends:
                        flow.append(brk)
                    flow.append(line)
                i += unit.count
                continue
            flow.append(unit)
            i += 1
        flow += units[i:]
        return flow, {p: d for p, d in changed.items() if d}, demerits
