"""The last build's page breaks reused by a warm process (compose/remake.py), checked against
`break_pages` itself on flows of paragraphs, titles, blank lines, forced breaks and floating
figures (tests/test_pagebreak.py's `Flow`).

The rule (docs/speed.md; the module's docstring): the page breaks read only the shape of the
flow, so a flow of the same shape with the same guesses gets the same pages, made of *this*
build's units; any other flow is searched again. So: a warm answer equals a cold one, page by
page and line by line, whatever was reused."""

from __future__ import annotations

import dataclasses
import functools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.compose.pagebreak import Looseness, break_pages
from bulletin_pdf.compose.remake import PageBreaks

from .test_pagebreak import Flow
from .test_pagebreak_memo import item

SPECS = {
    "paragraphs a line looser": [("title", 0, ()), ("para", 5, (1,)), ("para", 4, (-1, 1)), ("para", 7, (1,)),
                                 ("byline", 0, ()), ("para", 3, (1,))],
    "a floating figure": [("title", 0, ()), ("para", 4, (1,)), ("figure", 5, ()), ("para", 6, (-1, 1)),
                          ("para", 5, (1,))],
    "a forced break and blank lines": [("para", 3, ()), ("break", 0, ()), ("ytitle", 0, ()), ("para", 6, (1,)),
                                       ("blank", 0, ()), ("para", 4, (-1,)), ("gtitle", 0, ()), ("para", 5, (1,))],
}
ROWS, FIRST = 8, 3


def described(pages):
    """Each page as what a reader of the frames sees: every unit's kind, text, paragraph line
    (index of count) and its row, and whether a table part continues there."""
    return [[(p.unit.kind, tuple(l.key for l in p.unit.lines), p.unit.para, p.unit.index, p.unit.count, p.unit.span,
              p.row, p.continues) for p in page] for page in pages]


def cold(spec, tail=0, even=False):
    flow = Flow(spec)
    return described(break_pages(flow.units, ROWS, FIRST, flow.looseness, tail, even).pages)


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("tail,even", [(0, False), (2, True)])
def test_a_warm_answer_is_the_cold_one_made_of_this_builds_units(name, tail, even):
    spec = SPECS[name]
    breaks = PageBreaks()
    first = Flow(spec)
    pages = breaks(first.units, ROWS, FIRST, first.looseness, tail, even)
    assert described(pages) == cold(spec, tail, even)
    assert (breaks.searched, breaks.reused) == (1, 0)
    again = Flow(spec)                      # a new build: new units of the same shape
    pages = breaks(again.units, ROWS, FIRST, again.looseness, tail, even)
    assert (breaks.searched, breaks.reused) == (1, 1)
    assert described(pages) == cold(spec, tail, even)
    for page in pages:
        for p in page:
            if p.unit.kind.name != "BODY" or p.unit.para not in again.looseness:
                assert any(p.unit is u for u in again.units) or not (p.unit.lines or p.unit.rules), p.unit
    old = {id(u) for u in first.units}
    assert not any(id(p.unit) in old for page in pages for p in page if p.unit.lines)
    # the very same units again: the pages hold the very same `Placed` as the last answer
    memo = {p: Looseness(e.estimate, functools.cache(e.make)) for p, e in again.looseness.items()}
    pages = breaks(again.units, ROWS, FIRST, memo, tail, even)     # (the composer memoises settings)
    same = breaks(again.units, ROWS, FIRST, memo, tail, even)
    assert (breaks.searched, breaks.reused) == (1, 3)
    assert all(a is b for pa, pb in zip(pages, same) for a, b in zip(pa, pb))


def test_another_shape_or_guess_or_page_is_searched_again():
    spec = SPECS["paragraphs a line looser"]
    breaks = PageBreaks()
    flow = Flow(spec)
    breaks(flow.units, ROWS, FIRST, flow.looseness)
    longer = spec[:-1] + [("para", 4, (1,))]          # the last paragraph a line longer
    flow = Flow(longer)
    assert described(breaks(flow.units, ROWS, FIRST, flow.looseness)) == cold(longer)
    assert (breaks.searched, breaks.reused) == (2, 0)
    flow = Flow(spec)                                # another guess at a line looser
    guessed = {p: Looseness({d: c + 50.0 for d, c in e.estimate.items()}, e.make) for p, e in flow.looseness.items()}
    got = breaks(flow.units, ROWS, FIRST, guessed)
    # a guess only steers the search: it plans again (the pages it weighs kept), chooses the
    # plan it chose before, and the kept breaks are rebuilt (other plans: the test below)
    assert (breaks.searched, breaks.reused, breaks.replanned) == (2, 0, 1)
    fresh = Flow(spec)
    assert described(got) == described(break_pages(fresh.units, ROWS, FIRST, {
        p: Looseness({d: c + 50.0 for d, c in e.estimate.items()}, e.make) for p, e in fresh.looseness.items()}).pages)
    for rows, first, tail, even in ((ROWS + 1, FIRST, 0, False), (ROWS, FIRST - 1, 0, False),
                                    (ROWS, FIRST, 1, False), (ROWS, FIRST, 0, True)):
        flow = Flow(spec)
        searched = breaks.searched
        got = breaks(flow.units, rows, first, flow.looseness, tail, even)
        assert breaks.searched == searched + 1
        assert described(got) == described(break_pages(Flow(spec).units, rows, first, Flow(spec).looseness,
                                                        tail, even).pages)
    # the last two answers are kept: the one before the last is reused, not searched
    flow = Flow(spec)
    searched = breaks.searched
    breaks(flow.units, ROWS, FIRST, flow.looseness, 0, False)   # searched: kept were other keys
    breaks(Flow(spec).units, ROWS + 1, FIRST, Flow(spec).looseness)
    flow = Flow(spec)
    breaks(flow.units, ROWS, FIRST, flow.looseness)
    assert breaks.searched == searched + 2 and breaks.reused >= 1


def test_page_items_are_made_once_for_the_same_placed_units_and_layout():
    spec = SPECS["a floating figure"]
    breaks = PageBreaks()
    flow = Flow(spec)
    pages = breaks(flow.units, ROWS, FIRST, flow.looseness)
    made = []

    def make(page, layout):
        made.append((len(page), layout))
        return ([len(page)], ["rule"], [], [])

    layout, other = object(), object()
    breaks.turn()
    first = [breaks.page_items(n, page, layout, make) for n, page in enumerate(pages, 1)]
    assert len(made) == len(pages)
    breaks.turn()
    again = [breaks.page_items(n, page, layout, make) for n, page in enumerate(pages, 1)]
    assert len(made) == len(pages) and again == first
    assert all(a is not b for x, y in zip(first, again) for a, b in zip(x, y))     # fresh lists
    breaks.turn()
    breaks.page_items(1, pages[0], other, make)                                    # another layout
    assert len(made) == len(pages) + 1 and made[-1][1] is other
    breaks.turn()
    breaks.page_items(1, list(pages[0][:-1]), layout, make)                        # a unit fewer
    assert len(made) == len(pages) + 2


def test_a_title_that_may_grow_at_a_page_top_is_another_shape():
    """A title that may take two more blank lines at a page top (`grows`) pages otherwise than
    one that may not: not the same shape, searched again."""
    spec = SPECS["a forced break and blank lines"]
    grown = [("title", 0, ()) if kind == "gtitle" else (kind, n, d) for kind, n, d in spec]
    breaks = PageBreaks()
    flow = Flow(spec)
    breaks(flow.units, ROWS, FIRST, flow.looseness)
    flow = Flow(grown)
    assert described(breaks(flow.units, ROWS, FIRST, flow.looseness)) == cold(grown)
    assert (breaks.searched, breaks.reused) == (2, 0)


def test_page_items_of_a_page_made_again_in_one_composition_replace_it():
    breaks = PageBreaks()
    flow = Flow(SPECS["a floating figure"])
    pages = breaks(flow.units, ROWS, FIRST, flow.looseness)
    made = []

    def make(page, layout):
        made.append(layout)
        return ([layout], [], [], [])

    layout, other = object(), object()
    breaks.turn()
    breaks.page_items(1, pages[0], layout, make)
    breaks.page_items(2, pages[1], layout, make)
    breaks.page_items(1, pages[0], other, make)     # page 1 made again: pages 1 and 2 of before go
    breaks.turn()
    assert breaks.page_items(2, pages[0], other, make) == ([other], [], [], [])
    assert made == [layout, layout, other, other]   # page 2 is not the last composition's page 1


def _steered(flow: Flow, guess: dict[int, float], cost: dict[int, float]) -> dict[int, Looseness]:
    """The flow's entries, paragraph p's guesses scaled by guess[p] and the demerits of its
    settings by cost[p]: a paragraph typed into guesses anew and sets its lines to the same
    shapes with other demerits."""
    steered = {}
    for p, e in flow.looseness.items():
        g, c = guess.get(p, 1.0), cost.get(p, 1.0)

        def make(e=e, c=c):
            return {d: (units, demerits * c) for d, (units, demerits) in e.make().items()}
        steered[p] = Looseness({d: v * g for d, v in e.estimate.items()}, make)
    return steered


scales = st.dictionaries(st.integers(1, 8), st.one_of(st.just(0.0), st.floats(0.05, 20.0)), max_size=3)


@settings(max_examples=150, deadline=None)
@given(st.lists(item, min_size=1, max_size=12), st.integers(5, 9), st.integers(0, 3), st.sampled_from([0, 2]),
       st.booleans(), st.lists(st.tuples(scales, scales), min_size=1, max_size=4))
@example([("para", 3, (1,)), ("para", 2, (-1, 1)), ("blank", 0, ()), ("byline", 0, ()), ("break", 0, ()),
          ("para", 2, (-1,)), ("figure", 2, ()), ("figure", 4, ()), ("para", 3, (-1,)), ("para", 2, ()),
          ("title", 0, ()), ("byline", 0, ()), ("para", 5, ())], 6, 1, 0, True, [({}, {2: 0.0})])
# ^ the search plans as before, but paragraph 2's setting costs nothing now, so the plan's
#   pages no longer lose to first fit's (found by a random search; the kept breaks were wrong
#   when the weighing against first fit was not checked again)
def test_a_warm_answer_after_new_guesses_and_demerits_is_a_fresh_searchs(spec, rows, first_row, tail, even, steps):
    """Build after build of a flow of the same shape whose paragraphs guess and set with other
    demerits (typing), the warm answer — the kept breaks, rebuilt when the search plans the
    same pages and they weigh against first fit as before, else searched — is what a fresh
    search gives."""
    spec = spec if spec[0][0] == "para" else [("para", 3, (1,))] + spec
    breaks = PageBreaks()
    flow = Flow(spec)
    breaks(flow.units, rows, first_row, flow.looseness, tail, even)
    for guess, cost in steps:
        flow, fresh = Flow(spec), Flow(spec)
        got = breaks(flow.units, rows, first_row, _steered(flow, guess, cost), tail, even)
        want = break_pages(fresh.units, rows, first_row, _steered(fresh, guess, cost), tail, even).pages
        assert described(got) == described(want)


@pytest.mark.parametrize("spec,rows,first_row,gone", [
    # paragraph 1 (set a line looser by the kept plan) and 2 (tighter) offer nothing now
    ([("para", 3, (1,)), ("para", 4, (-1,)), ("para", 5, ()), ("title", 0, ())], 5, 1, 1),
    ([("para", 3, (1,)), ("para", 4, (-1,)), ("para", 5, ()), ("title", 0, ())], 5, 1, 2),
    # paragraph 3: asked (a tighter guess is set before the first plan), not set off by the plan
    ([("para", 2, (1,)), ("para", 2, (1,)), ("para", 2, (-1,))], 5, 0, 3),
])
def test_a_paragraph_whose_guess_is_gone_is_no_key_error(spec, rows, first_row, gone):
    """A paragraph typed into may keep its lines and lose its guesses (the line engine's
    estimate is {}: compose/flow.py gives it no entry). The flow's shape is the same, so the
    kept breaks are weighed again: a paragraph the kept search asked about or set off that has
    no entry now raised KeyError (_weighed_alike, _rebuild), in every build until the shape
    changed. The answer is a fresh search's."""
    breaks = PageBreaks()
    flow = Flow(spec)
    breaks(flow.units, rows, first_row, flow.looseness)
    flow, fresh = Flow(spec), Flow(spec)
    del flow.looseness[gone], fresh.looseness[gone]
    got = breaks(flow.units, rows, first_row, flow.looseness)
    assert described(got) == described(break_pages(fresh.units, rows, first_row, fresh.looseness).pages)


def test_a_plan_paginate_did_not_follow_is_weighed_again_with_its_settings():
    """A plan that `paginate` did not follow (here paragraph 1's looser setting has a line two
    grid lines tall) leaves first fit's pages; the next build plans the same, and its setting is
    of another shape, which `paginate` follows: the plan's pages win. Its set-off paragraphs
    were not kept (weighed as {}), so the kept first fit stood."""
    spec, rows, first_row = [("para", 3, (1,)), ("para", 6, (-1,)), ("para", 7, ()), ("title", 0, ())], 6, 2

    def tall(flow: Flow) -> dict[int, Looseness]:
        entry = flow.looseness[1]

        def make():
            made = dict(entry.make())
            lines, cost = made[1]
            made[1] = ((dataclasses.replace(lines[0], span=2),) + lines[1:], cost)
            return made
        return {**flow.looseness, 1: Looseness(entry.estimate, make)}

    breaks = PageBreaks()
    flow = Flow(spec)
    breaks(flow.units, rows, first_row, tall(flow))
    flow, fresh = Flow(spec), Flow(spec)
    got = breaks(flow.units, rows, first_row, _steered(flow, {1: 2.0}, {}))
    want = break_pages(fresh.units, rows, first_row, _steered(fresh, {1: 2.0}, {}))
    assert want.weighed[3]          # the plan's pages won
    assert described(got) == described(want.pages)
