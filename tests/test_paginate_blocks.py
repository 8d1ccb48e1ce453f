"""Pagination of floating figures and split tables, as a property over random flows: every
unit is set exactly once and in its own order (floats among themselves, the rest among
themselves), nothing runs past the foot of a page, a floated figure is at the top of its page,
and a page that goes on with a table starts with the repeated header."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.compose.paginate import paginate
from bulletin_pdf.compose.unit import Unit, UnitKind

ROWS = 22


def flow_of(spec):
    """spec: a list of ('body', n) / ('figure', span) / ('table', rows) / ('head', 0)."""
    units = []
    para = 0
    for b, (kind, n) in enumerate(spec):
        block = SourceKey(Part.BLOCK, 0, 0, b)
        if kind == "body":
            para += 1
            units += [Unit(UnitKind.BODY, key=block, para=para, index=k, count=n) for k in range(n)]
        elif kind == "head":
            units.append(Unit(UnitKind.HEAD, key=block, keep_with_next=True))
        elif kind == "figure":
            units.append(Unit(UnitKind.FIGURE, key=block, span=n, floats=True))
        else:
            header = (Unit(UnitKind.TABLE, key=block.with_part(Part.CAPTION), keep_with_next=True, index=-1),)
            units += list(header)
            units += [Unit(UnitKind.TABLE, key=block.with_part(Part.CELL, r), index=r, table=block, repeat=header,
                           keep_with_next=r == 0) for r in range(n)]
    return units


blocks = st.lists(st.one_of(
    st.tuples(st.just("body"), st.integers(1, 6)),
    st.tuples(st.just("head"), st.just(0)),
    st.tuples(st.just("figure"), st.integers(3, 14)),
    st.tuples(st.just("table"), st.integers(2, 30))), min_size=1, max_size=25)


@settings(max_examples=150, deadline=None)
@given(blocks, st.integers(0, 9))
@example([("body", 5), ("figure", 12), ("body", 3)], 9)
@example([("figure", 14), ("figure", 14), ("body", 2)], 0)
@example([("body", 6), ("table", 30)], 9)
@example([("body", 5), ("figure", 14), ("figure", 3)], 4)      # found: a later small figure overtook
@example([("body", 2), ("head", 0), ("figure", 12)], 9)         # a heading kept with its figure
@example([("head", 0), ("body", 1), ("figure", 11), ("head", 0), ("figure", 3)], 7)   # found: kept overtook
def test_floats_and_tables_paginate_soundly(spec, first_row):
    units = flow_of(spec)
    pages = paginate(units, ROWS, first_row)

    def key(u):
        return (u.kind, u.key, u.index, u.para)

    index = {key(u): k for k, u in enumerate(units)}
    assert len(index) == len(units)
    seen = []
    for number, page in enumerate(pages):
        for k, pu in enumerate(page):
            if key(pu.unit) in seen:     # only a table's header, again at the top of a later part
                assert pu.unit.index == -1 and all(q.unit.floats or q.unit.index == -1 for q in page[:k]), number
                continue
            seen.append(key(pu.unit))
            if pu.unit.span <= ROWS:
                assert pu.row + pu.unit.span <= ROWS, (number, pu)
    # every unit set once; the non-floats in the flow's order, the floats in theirs
    assert sorted(seen, key=index.get) == sorted(index, key=index.get) and len(seen) == len(units)
    order = [index[k] for k in seen]
    floats = {index[key(u)] for u in units if u.floats}
    rest = [k for k in order if k not in floats]
    assert rest == sorted(rest) and [k for k in order if k in floats] == sorted(floats)
    for number, page in enumerate(pages):
        top = [index[key(pu.unit)] for pu in page]
        for k, pu in enumerate(page):
            if pu.unit.floats and top[k] < max(top[:k], default=-1):
                raise AssertionError(f"a figure set after later text on page {number + 1}, not at its top")
        # (a page of nothing but keeps takes the natural break: paginate's documented fallback)
        if page and page[-1].unit.kind is UnitKind.HEAD and index[key(page[-1].unit)] < len(units) - 1 \
                and not all(pu.unit.keep_with_next or pu.unit.floats for pu in page):
            raise AssertionError(f"page {number + 1} ends with a heading")
        rows = [pu.unit for pu in page if pu.unit.table is not None]
        if number and rows and rows[0].index > 0 and pages[number - 1] \
                and pages[number - 1][-1].unit.table == rows[0].table:
            assert any(pu.unit.index == -1 and pu.unit.key.block == rows[0].table.block for pu in page), \
                "a continued table part without its header"
