"""The page-break rules of compose/paginate.py and the measures compose/pagebreak.py weighs
pagings by, each on a small flow built by hand whose right answer is stated here.

The rules (docs/typography.md, "Breaking across pages"; GB/T 9704—2012 §5.2.3 keeps the body on
the grid, so everything is counted in whole grid lines):
- a page never ends on a unit kept with the next (a title, a heading), nor begins with a byline;
- a paragraph broken across pages leaves at least two lines on each side (no orphan at the
  foot, no widow at the top);
- a break the flow forces (after the contents) ends its page by rule: it is neither a broken
  keep nor a page that strands lines;
- a unit taller than a page is set anyway, alone, at the top of a page;
- blank lines at the top of a page are dropped.
"""

from __future__ import annotations

from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.compose.pagebreak import Pages, bad_breaks, issue_cost, stranded_lines
from bulletin_pdf.compose.paginate import Placed, good_break, paginate, past_article
from bulletin_pdf.compose.unit import Unit, UnitKind

ROWS = 22


def body(para: int, count: int) -> list[Unit]:
    return [Unit(UnitKind.BODY, para=para, index=k, count=count) for k in range(count)]


def title() -> Unit:
    return Unit(UnitKind.TITLE, keep_with_next=True)


def stack(*units: Unit, row: int = 0) -> list[Placed]:
    """Units placed one under the other from `row`."""
    out = []
    for u in units:
        out.append(Placed(u, row))
        row += u.span
    return out


# ------------------------------------------------------------------------------ good breaks

def test_good_break_states_the_keeps():
    three = body(1, 3)
    four = body(2, 4)
    assert not good_break([title(), three[0]], 1)                     # a title at the foot
    assert not good_break([three[2], Unit(UnitKind.BYLINE)], 1)       # a byline at the top
    assert not good_break(three, 1)                                   # orphan: 1 line at the foot
    assert not good_break(three, 2)                                   # widow: 1 line at the top
    assert good_break(four, 2)                                        # 2 and 2
    assert not good_break(four, 3) and not good_break(four, 1)
    assert good_break([three[2], four[0]], 1)                         # between paragraphs
    # lines of two different paragraphs never make a widow or orphan of each other
    assert good_break([body(1, 2)[0], body(2, 5)[4]], 1)


def test_past_article_is_the_byline_or_another_article():
    def at(column, article):
        return SourceKey(Part.BLOCK, column, article, 0)

    figure = Unit(UnitKind.FIGURE, key=at(0, 1), floats=True)
    assert past_article(Unit(UnitKind.BYLINE), figure)
    assert past_article(Unit(UnitKind.BODY, key=at(0, 2)), figure)
    assert past_article(Unit(UnitKind.BODY, key=at(1, 1)), figure)
    assert not past_article(Unit(UnitKind.BODY, key=at(0, 1)), figure)
    assert not past_article(Unit(UnitKind.BODY), figure)              # a unit of no article


# ------------------------------------------------------------------------------ first fit

def test_a_unit_taller_than_a_page_is_set_alone_at_a_page_top():
    tall = Unit(UnitKind.FIGURE, span=ROWS + 5)
    before, after = body(1, 1), body(2, 1)
    pages = paginate(before + [tall] + after, ROWS, 0)
    assert [[p.unit for p in page] for page in pages] == [before, [tall], after]
    assert [p.row for p in pages[1]] == [0]
    # first on page 1, under the masthead's rows: it goes to the next page's top (page 1
    # keeps only its masthead)
    pages = paginate([tall] + after, ROWS, 9)
    assert [[p.unit for p in page] for page in pages] == [[], [tall], after]


def test_first_fit_fills_a_page_and_moves_a_paragraph_as_the_keeps_allow():
    # 18 lines, then a 6-line paragraph: 4 fit (two may stay, and four leave two)
    first, second = body(1, 18), body(2, 6)
    pages = paginate(first + second, ROWS, 0)
    assert [len(p) for p in pages] == [22, 2]
    assert [p.row for p in pages[1]] == [0, 1]
    # a title and a 3-line paragraph with 3 rows left: the title goes on with all of it
    lead, third = body(1, 19), body(2, 3)
    pages = paginate(lead + [title()] + third, ROWS, 0)
    assert [len(p) for p in pages] == [19, 4]
    assert pages[1][0].unit.kind is UnitKind.TITLE


def test_blank_lines_are_dropped_at_a_page_top_and_a_forced_break_ends_the_page():
    blank = Unit(UnitKind.BLANK)
    pages = paginate(body(1, 22) + [blank, blank] + body(2, 2), ROWS, 0)
    assert [len(p) for p in pages] == [22, 2]
    assert all(p.unit.kind is UnitKind.BODY for p in pages[1]) and pages[1][0].row == 0
    pages = paginate(body(1, 3) + [Unit(UnitKind.BREAK)] + body(2, 2), ROWS, 5)
    assert [[p.row for p in page] for page in pages] == [[5, 6, 7], [0, 1]]
    # a forced break at the top of an empty page makes no empty page
    pages = paginate([Unit(UnitKind.BREAK)] + body(2, 2), ROWS, 0)
    assert [[p.row for p in page] for page in pages] == [[0, 1]]


# ------------------------------------------------------------------------------ what a paging costs

def test_bad_breaks_counts_broken_keeps_never_a_break_by_rule():
    contents = Unit(UnitKind.CONTENTS, keep_with_next=True)   # even one kept with the next …
    brk = Unit(UnitKind.BREAK)
    t, three, byline = title(), body(1, 3), Unit(UnitKind.BYLINE)
    flow = [contents, brk, t] + three + [byline]
    # … ends its page by rule: no broken keep; a page that ends on a title is one
    pages = [stack(contents), stack(t), stack(*three, byline)]
    assert bad_breaks(pages, flow) == 1
    # by rule, and then good: none
    assert bad_breaks([stack(contents), stack(t, *three, byline)], flow) == 0
    # a byline opening a page, an orphan, a widow: one each
    assert bad_breaks([stack(contents), stack(t, *three), stack(byline)], flow) == 1
    assert bad_breaks([stack(contents), stack(t, three[0]), stack(*three[1:], byline)], flow) == 1
    assert bad_breaks([stack(contents), stack(t, *three[:2]), stack(three[2], byline)], flow) == 1
    # a float at the top of the next page is passed over: the text under it continues the keep
    figure = Unit(UnitKind.FIGURE, span=5, floats=True)
    assert bad_breaks([stack(contents), stack(t, three[0]), stack(figure, *three[1:], byline)], flow + [figure]) == 1
    assert bad_breaks([stack(contents), stack(t, *three), stack(figure)], flow + [figure]) == 0


def test_stranded_lines_are_the_empty_rows_under_a_page_but_the_last_and_one_ended_by_rule():
    contents = Unit(UnitKind.CONTENTS)
    blank = Unit(UnitKind.BLANK)
    brk = Unit(UnitKind.BREAK)
    first, second, third = body(1, 4), body(2, 20), body(3, 2)
    flow = [contents, brk] + first + [blank] + second + third
    pages = [stack(contents), stack(*first, blank), stack(*second), stack(*third)]
    # page 1 ends by rule; page 2: 4 lines of text, its blank line is not text (18 stranded);
    # page 3: 2 empty rows; the last page: none
    assert stranded_lines(pages, flow, ROWS) == [0, 18, 2, 0]
    # units placed lower down (under a masthead) strand only what is under them
    assert stranded_lines([stack(*first, row=9), stack(*third)], first + third, ROWS) == [9, 0]
    # an empty page strands nothing
    assert stranded_lines([[], stack(*third)], third, ROWS) == [0, 0]


def test_issue_cost_orders_pages_before_stranded_lines_before_demerits():
    paras = body(1, 20) + body(2, 4)
    two = Pages([stack(*paras[:20]), stack(*paras[20:])], paras)
    full = Pages([stack(*paras[:22]), stack(*paras[22:])], paras)
    # same pages: fewer stranded lines cost less, whatever the demerits
    assert issue_cost(full, paras, ROWS, 0, False) < issue_cost(two, paras, ROWS, 0, False)
    loose = Pages(full.pages, paras, demerits=10**6)
    assert issue_cost(full, paras, ROWS, 0, False) < issue_cost(loose, paras, ROWS, 0, False) \
        < issue_cost(two, paras, ROWS, 0, False)
    # a 版记 (tail) that does not fit under the last page's text costs a page; an odd count
    # costs one more when the issue ends on an even page
    one = Pages([stack(*paras[:20])], paras[:20])
    base = issue_cost(one, paras[:20], ROWS, 0, False)
    assert issue_cost(one, paras[:20], ROWS, 2, False) == base
    assert issue_cost(one, paras[:20], ROWS, 3, False) > base
    assert issue_cost(one, paras[:20], ROWS, 3, False) == issue_cost(one, paras[:20], ROWS, 0, True)
    assert issue_cost(one, paras[:20], ROWS, 3, True) == issue_cost(one, paras[:20], ROWS, 3, False)
    assert issue_cost(two, paras, ROWS, 0, True) == issue_cost(two, paras, ROWS, 0, False)
    # a broken keep outweighs any number of pages an issue could have
    kept = [title()] + body(3, 3)
    broken = Pages([stack(kept[0]), stack(*kept[1:])], kept)
    whole = Pages([stack(*kept)], kept)
    assert issue_cost(broken, kept, ROWS, 0, False) > issue_cost(whole, kept, ROWS, 0, False) + 1000 * (
        issue_cost(Pages([[], []], []), [], ROWS, 0, False) - issue_cost(Pages([[]], []), [], ROWS, 0, False))


def test_a_chain_of_keeps_longer_than_a_page_fills_the_page():
    """A run of units each kept with the next (a long contents column) cannot be kept whole:
    the page takes the natural break — full, not one unit a page — wherever the run starts."""
    chain = [Unit(UnitKind.CONTENTS, keep_with_next=True) for _ in range(30)]
    pages = paginate(body(1, 3) + chain + body(2, 2), ROWS, 0)
    assert [len(p) for p in pages] == [3, 22, 10]
    assert [p.unit for p in pages[1]] == chain[:22]
    pages = paginate(chain + body(2, 2), ROWS, 5)
    assert [len(p) for p in pages] == [17, 15]
