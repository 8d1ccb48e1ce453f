"""The whole-issue page breaking (compose/pagebreak.py) finds the best paging, checked against
an exhaustive search written here for flows of plain paragraphs.

The cost and the rules are the issue's (issue 17, "Whole-issue page breaking"; docs/page-makeup.md):
pages first, then the empty grid lines at the feet of pages but the last, then the demerits of
paragraphs set a line tighter or looser; a page ends only where no orphan (a paragraph's first
line alone at a page foot) and no widow (its last line alone at a page top) is made. The
search weighs only pages that strand at most two lines besides first fit's own (its
MOST_STRANDED), so its cost lies between the best of every paging and the best of the pagings
whose pages strand at most two lines — an exhaustive search over both bounds it here.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.compose.pagebreak import PAGE, STRANDED, Pages, break_pages, issue_cost, optimise, stranded_lines
from bulletin_pdf.compose.paginate import good_break, paginate
from bulletin_pdf.compose.unit import Unit, UnitKind

from .test_pagebreak import Flow

INF = float("inf")


def exhaustive(paragraphs, rows: int, first_row: int, most_stranded: int | None, tail: int = 0,
               even: bool = False) -> float:
    """The least cost of setting `paragraphs` ((lines, {delta: demerits})) on pages of `rows`
    grid lines, the first starting at `first_row`: every choice of settings, every page end
    that makes no orphan or widow, pages stranding at most `most_stranded` lines (None: any).
    `tail`: grid lines the 版记 needs at the foot of the last page, a page of its own when the
    text leaves fewer (GB/T 9704 §7.4); `even`: the issue ends on an even page."""
    best = INF
    choices = [[(0, 0)] + sorted(options.items()) for _, options in paragraphs]
    for chosen in itertools.product(*choices):
        lines = []          # (paragraph, index, count)
        for p, ((n, _), (d, _)) in enumerate(zip(paragraphs, chosen)):
            lines += [(p, k, n + d) for k in range(n + d)]
        demerits = sum(c for _, c in chosen)
        total = len(lines)

        def good(e: int) -> bool:
            (pa, ia, _), (pb, ib, cb) = lines[e - 1], lines[e]
            return pa != pb or (ia >= 1 and cb - ib >= 2)

        @lru_cache(maxsize=None)
        def rest(k: int, first: bool, odd: bool) -> float:
            top = first_row if first else 0
            room = rows - top
            out = INF
            for e in range(k + 1, min(total, k + room) + 1):
                if e == total:
                    pages = 1 + bool(tail and top + e - k + tail > rows)
                    pages += even and (odd + pages) % 2
                    out = min(out, pages * PAGE)
                elif good(e):
                    stranded = room - (e - k)
                    if most_stranded is None or stranded <= most_stranded:
                        out = min(out, PAGE + stranded * STRANDED + rest(e, False, not odd))
            return out

        best = min(best, rest(0, True, False) + demerits)
    return best


#: paragraphs that may be set a line looser; tighter settings: see the xfail below
paragraph = st.tuples(st.integers(1, 9), st.sampled_from([(), (1,)]))


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=5), st.integers(5, 11), st.integers(0, 3), st.sampled_from([0, 2, 4]),
       st.booleans())
@example([(3, (1,))], 5, 3, 0, False)       # found: first fit broke a keep (a widow) and stranded nothing
@example([(7, (1,)), (3, ()), (4, (1,))], 6, 0, 0, False)
@example([(4, (1,)), (5, (1,))], 6, 0, 2, True)
def test_the_search_finds_the_best_paging_of_plain_paragraphs(paras, rows, first_row, tail, even):
    flow = Flow([("para", n, deltas) for n, deltas in paras])
    # the demerits the flow's paragraphs are set with (tests/test_pagebreak.py: 100 × (2 + delta))
    costs = [(n, {d: 100 * (2 + d) for d in deltas} if n > 1 and deltas else {}) for n, deltas in paras]
    costs = [(n, {d: c for d, c in options.items() if n + d >= 1}) for n, options in costs]
    least = exhaustive(costs, rows, first_row, None, tail, even)
    assume(least < INF)                     # some paging keeps every rule
    bound = exhaustive(costs, rows, first_row, 2, tail, even)
    searched = optimise(flow.units, rows, first_row, flow.looseness, tail, even)
    best = break_pages(flow.units, rows, first_row, flow.looseness, tail, even)
    cost = issue_cost(best, flow.units, rows, tail, even)
    assert least <= cost <= bound
    if searched is not None:
        assert least <= issue_cost(searched, flow.units, rows, tail, even)
    if bound < INF:
        assert searched is not None and issue_cost(searched, flow.units, rows, tail, even) <= bound


def test_a_paragraph_crossing_the_foot_is_not_yet_set_tighter_to_end_there():
    """A known gap of the search, pinned: one 3-line paragraph that may be set on 2 lines,
    under a masthead that leaves 2 grid lines on page 1. The best paging sets it on 2 lines
    on page 1 (one page); the search lets a paragraph run past the foot only by as many lines
    as the paragraphs wholly on the page above it can give back, so it sets it whole on page 2
    … and keeps first fit's natural break (a widow). When the search learns this, this test
    fails and its expectation is to be turned round."""
    flow = Flow([("para", 3, (-1,))])
    costs = [(3, {-1: 100})]
    best = break_pages(flow.units, 5, 3, flow.looseness)
    assert exhaustive(costs, 5, 3, 2) == PAGE + 100
    assert issue_cost(best, flow.units, 5, 0, False) > PAGE + 100


def exhaustive_flow(spec, rows: int, first_row: int, most_stranded: int | None, tail: int = 0,
                    even: bool = False) -> float:
    """As `exhaustive`, over a flow of tests/test_pagebreak.py's `Flow` items (paragraphs,
    titles with the blank line after them and their paragraph's first line kept with them,
    bylines, blank lines, forced breaks), with first fit's page tops: blank lines dropped at
    the top of a page (not under the masthead), a forced break ends its page by rule; and
    first fit's rule that a page is never left with blank lines only."""
    best = INF
    paras = [k for k, (kind, n, deltas) in enumerate(spec) if kind == "para" and n > 1 and deltas]
    for chosen in itertools.product(*[(0,) + tuple(d for d in spec[k][2] if spec[k][1] + d >= 1) for k in paras]):
        setting = dict(zip(paras, chosen))
        units = Flow([(kind, n + setting.get(k, 0), ()) for k, (kind, n, _) in enumerate(spec)]).units
        demerits = sum(100 * (2 + d) for d in chosen if d)
        total = len(units)

        def good(e: int) -> bool:
            return units[e].kind != UnitKind.BREAK and good_break(units, e)

        def only_space(e: int) -> bool:
            return all(u.kind in (UnitKind.BLANK, UnitKind.BREAK) for u in units[e:])

        @lru_cache(maxsize=None)
        def rest(k: int, first: bool, odd: bool) -> float:
            top = first_row if first else 0
            while k < total and (units[k].kind == UnitKind.BREAK or units[k].kind == UnitKind.BLANK and not top):
                k += 1
            room = rows - top
            out = INF
            used = content = 0
            for e in range(k + 1, total + 1):
                unit = units[e - 1]
                if unit.kind == UnitKind.BREAK:
                    break
                used += unit.span
                if used > room:
                    break
                if unit.kind != UnitKind.BLANK:
                    content = used
                if e == total or only_space(e):
                    pages = 1 + bool(tail and top + used + tail > rows)
                    pages += even and (odd + pages) % 2
                    out = min(out, pages * PAGE)
                elif units[e].kind == UnitKind.BREAK:
                    out = min(out, PAGE + rest(e + 1, False, not odd))
                elif good(e) and content:
                    stranded = room - content
                    if most_stranded is None or stranded <= most_stranded:
                        out = min(out, PAGE + stranded * STRANDED + rest(e, False, not odd))
            return out

        best = min(best, rest(0, True, False) + demerits)
    return best


item = st.one_of(st.tuples(st.just("para"), st.integers(1, 7), st.sampled_from([(), (1,)])),
                 st.tuples(st.sampled_from(["title", "byline", "blank", "break"]), st.just(0), st.just(())))


@settings(max_examples=150, deadline=None)
@given(st.lists(item, min_size=1, max_size=7), st.integers(5, 10), st.integers(0, 3), st.sampled_from([0, 2]),
       st.booleans())
@example([("para", 4, (1,)), ("byline", 0, ()), ("break", 0, ()), ("title", 0, ()), ("para", 3, (1,)),
          ("byline", 0, ()), ("title", 0, ()), ("para", 5, (1,))], 6, 0, 0, False)
@example([("title", 0, ()), ("title", 0, ()), ("para", 4, ()), ("para", 3, ()), ("title", 0, ()),
          ("para", 3, (1,)), ("break", 0, ())], 9, 2, 0, False)    # found: a re-set paragraph before a break
def test_the_search_finds_the_best_paging_of_titles_bylines_and_forced_breaks(spec, rows, first_row, tail, even):
    spec = spec if spec[-1][0] == "para" else spec + [("para", 2, ())]
    # a forced break follows text, as the contents' break does in an issue (one opening the
    # flow, or another break, would make an empty page, which no issue has)
    assume(all(k and spec[k - 1][0] in ("para", "byline") for k, it in enumerate(spec) if it[0] == "break"))
    flow = Flow(spec)
    least = exhaustive_flow(spec, rows, first_row, None, tail, even)
    assume(least < INF)
    bound = exhaustive_flow(spec, rows, first_row, 2, tail, even)
    best = break_pages(flow.units, rows, first_row, flow.looseness, tail, even)
    assert least <= issue_cost(best, flow.units, rows, tail, even) <= bound


def exhaustive_floats(spec, rows: int, first_row: int, most_stranded: int | None, tail: int = 0,
                      even: bool = False) -> float:
    """The least cost over every paging of a flow of paragraphs and floating figures: every
    choice of settings and every set of places between units where a page may be made to end,
    each flow then laid out by first fit (`paginate`, which places the figures: a figure that
    does not fit under the text goes to the top of the next page and the text goes on under
    it); the cost as the issue's: pages, a broken keep, stranded lines, demerits. Pages
    stranding more than `most_stranded` lines are left out (None: none), and pagings that break
    a keep between two lines of text, also when only figures lie between them."""
    best = INF
    paras = [k for k, (kind, n, deltas) in enumerate(spec) if kind == "para" and n > 1 and deltas]
    natural = Flow(spec).units
    for chosen in itertools.product(*[(0,) + tuple(d for d in spec[k][2] if spec[k][1] + d >= 1) for k in paras]):
        setting = dict(zip(paras, chosen))
        units = Flow([(kind, n + setting.get(k, 0), ()) for k, (kind, n, _) in enumerate(spec)]).units
        demerits = sum(100 * (2 + d) for d in chosen if d)
        gaps = len(units) - 1
        for mask in range(1 << gaps):
            flow = []
            for i, unit in enumerate(units):
                flow.append(unit)
                if i < gaps and mask >> i & 1:
                    flow.append(Unit(UnitKind.BREAK))
            pages = paginate(flow, rows, first_row)
            if any(not page for page in pages[:-1]):
                continue                    # a page ended where another already did
            text = [(k, p.unit) for k, page in enumerate(pages) for p in page if not p.unit.floats]
            if any(ka != kb and not good_break([a, b], 1) for (ka, a), (kb, b) in zip(text, text[1:])):
                continue                    # a keep broken, also across a page of figures only
            if most_stranded is not None and max(stranded_lines(pages, natural, rows)) > most_stranded:
                continue
            if most_stranded is not None and any(_lone_middle_line(page) for page in pages[:-1]):
                continue
            best = min(best, issue_cost(Pages(pages, flow, demerits), natural, rows, tail, even))
    return best


def _lone_middle_line(page) -> bool:
    """Does the page's text come to one line of a paragraph that goes on from the page before
    and to the page after (under figures)? The search never ends a page there by choice — only
    first fit does, where it must — so the bounded pagings leave such pages out."""
    text = [p.unit for p in page if not p.unit.floats]
    return (len(text) == 1 and text[0].kind == UnitKind.BODY and 0 < text[0].index < text[0].count - 1)


float_item = st.one_of(st.tuples(st.just("para"), st.integers(1, 5), st.just(())),
                       st.tuples(st.just("figure"), st.integers(2, 4), st.just(())))


@settings(max_examples=60, deadline=None)
@given(st.lists(float_item, min_size=1, max_size=3), st.integers(1, 5), st.integers(5, 8), st.integers(0, 3),
       st.sampled_from([0, 2]), st.booleans())
@example([("para", 2, (1,)), ("figure", 3, ())], 2, 5, 1, 0, False)
@example([("figure", 2, ())], 2, 5, 2, 0, False)          # found: figures held back from the page top
@example([("figure", 2, ()), ("figure", 3, ())], 2, 5, 2, 0, False)
@example([("figure", 4, ()), ("para", 5, ())], 1, 5, 1, 0, False)     # found: the bound's paging had
# page 2 hold a figure and one middle line of paragraph 2 (the search ends no page there)
def test_the_search_finds_the_best_paging_with_floating_figures(rest, first, rows, first_row, tail, even):
    """As above, with figures that float (docs/page-makeup.md): the paging the search chooses
    costs no more than the best paging whose pages strand at most two lines, and no less than
    the best of all (an issue's text comes first: it opens with a paragraph)."""
    spec = [("para", first, (1,))] + rest
    assume(sum(n for kind, n, _ in spec if kind == "para") + len(spec) <= 12)     # 2^11 break sets at most
    flow = Flow(spec)
    least = exhaustive_floats(spec, rows, first_row, None, tail, even)
    bound = exhaustive_floats(spec, rows, first_row, 2, tail, even)
    best = break_pages(flow.units, rows, first_row, flow.looseness, tail, even)
    assert least <= issue_cost(best, flow.units, rows, tail, even) <= bound


def test_a_paragraph_is_not_yet_set_tighter_to_make_room_for_a_figure():
    """A known gap of the search, pinned (found by the exhaustive check above with tighter
    settings): a 2-line paragraph that may be set on 1 line, then a 2-line figure, under a
    masthead that leaves 3 grid lines. The best paging sets the paragraph on 1 line and the
    figure under it (one page); the search sends the figure to a page of its own. When the
    search learns this, this test fails and its expectation is to be turned round."""
    spec = [("para", 2, (-1, 1)), ("figure", 2, ())]
    flow = Flow(spec)
    best = break_pages(flow.units, 5, 2, flow.looseness)
    assert exhaustive_floats(spec, 5, 2, 2) == PAGE + 100
    assert issue_cost(best, flow.units, 5, 0, False) >= 2 * PAGE


def test_two_paragraphs_are_not_yet_both_set_looser_around_a_figure():
    """A second known gap, pinned (found as above with every paragraph free to be set looser):
    a 2-line and a 4-line paragraph with two 4-line figures between them in the flow, pages of
    7 grid lines, the first from line 2. Both set a line looser fill pages 1 and 2 (3 pages,
    nothing stranded); the search sets only the second looser and strands a line on page 1.
    When the search learns this, this test fails and its expectation is to be turned round."""
    spec = [("para", 2, (1,)), ("figure", 4, ()), ("figure", 4, ()), ("para", 4, (1,))]
    flow = Flow(spec)
    best = break_pages(flow.units, 7, 2, flow.looseness)
    assert exhaustive_floats(spec, 7, 2, 2) == 3 * PAGE + 600
    assert issue_cost(best, flow.units, 7, 0, False) == 3 * PAGE + STRANDED + 300
