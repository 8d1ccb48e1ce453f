"""Set lines made into grid-line units (compose/gridlines.py), checked unit by unit.

Rules, stated here from their sources:
- GB/T 9704—2012 §5.2.3: the body sits on a grid of lines of one pitch; blank lines are grid
  lines too, so the text stays on the grid whatever comes between.
- Widows and orphans (docs/page-makeup.md): pagination knows each line's paragraph, its index
  and the paragraph's line count; only the last line of a paragraph ends it (not justified).
- A line aligned right ends at the right edge of its measure; centred, it leaves equal room on
  both sides (GB/T 9704 §7.2.1 centres titles; §7.4 puts the right-hand item of the 版记 at
  the right).
"""

from __future__ import annotations

import dataclasses

import pytest

from bulletin_pdf.compose.frames import LineRole
from bulletin_pdf.compose.gridlines import GridLines
from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.compose.typeset import Setter
from bulletin_pdf.compose.unit import UnitKind
from bulletin_pdf.errors import LayoutError
from bulletin_pdf.model import Overfull, Source

TEXT = "区人大常委会坚持问题导向，围绕中心工作开展专题调研，推动解决了一批群众急难愁盼问题。" * 3
KEY = SourceKey(Part.BLOCK, column=0, article=1, block=4)


@pytest.fixture(scope="module")
def grid(layout, fonts):
    return GridLines(layout, Setter(layout, fonts))


def test_blanks_are_grid_lines_of_their_own(grid):
    units = grid.blanks(4, keep=True, yields=2)
    assert [u.kind for u in units] == [UnitKind.BLANK] * 4
    assert [u.keep_with_next for u in units] == [True] * 4
    assert [u.yields for u in units] == [True, True, False, False]
    assert [u.span for u in units] == [1] * 4
    assert [u.yields for u in grid.blanks(2)] == [False, False]
    assert [u.keep_with_next for u in grid.blanks(2)] == [False, False]
    assert grid.blanks(0) == ()


def test_a_paragraph_becomes_one_body_unit_a_line_numbered_for_widow_control(grid, layout):
    style = layout.body.style
    setter = grid.setter
    para = setter.paragraph(setter.spans(TEXT, style), grid.measure, 2 * style.size)
    n = len(para.lines)
    assert n >= 3
    units = grid.paragraph_units(para, style, LineRole.BODY, KEY, keep_first=2, number=7)
    assert len(units) == n
    assert [u.kind for u in units] == [UnitKind.BODY] * n
    assert [(u.para, u.index, u.count) for u in units] == [(7, k, n) for k in range(n)]
    assert [u.keep_with_next for u in units] == [True, True] + [False] * (n - 2)
    assert all(u.key == KEY and u.span == 1 for u in units)
    lines = [u.lines[0] for u in units]
    assert all(len(u.lines) == 1 for u in units)
    assert [ln.ends_paragraph for ln in lines] == [False] * (n - 1) + [True]
    assert [ln.x for ln in lines] == [ln.indent for ln in para.lines]
    assert lines[0].x == pytest.approx(2 * style.size)                 # 首行缩进二字
    assert all(ln.role is LineRole.BODY and ln.key == KEY for ln in lines)
    # the em box centred in the grid line: ascent above the baseline, descent below
    face = grid.setter.fonts.primary(style.font)
    top = lines[0].baseline - face.ascent * style.size
    bottom = lines[0].baseline + face.descent * style.size
    assert top == pytest.approx(layout.line_pitch - bottom)
    assert {ln.baseline for ln in lines} == {lines[0].baseline}
    assert "".join(ln.text for ln in lines) == para.text


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_a_line_is_aligned_in_its_measure(grid, layout, align):
    style = dataclasses.replace(layout.body.style, align=align)
    set_line = grid.setter.line("杭州市人大常委会研究室编", style, grid.measure).lines[0]
    for measure, x0 in ((None, 0.0), (200.0, 30.0)):
        line = grid.text_line(set_line, style, LineRole.BODY, KEY, measure, x0)
        room = grid.measure if measure is None else measure
        left = line.x - x0
        right = room - (left + set_line.width)
        if align == "left":
            assert left == pytest.approx(set_line.indent)
        elif align == "right":
            assert right == pytest.approx(0.0)
        else:
            assert left == pytest.approx(right)
        assert line.baseline == pytest.approx(grid.setter.baseline_offset(style, layout.line_pitch))
        assert line.key == KEY and line.glyphs == set_line.glyphs


def test_the_engine_warnings_are_located_and_overfull_is_an_error_when_the_layout_says(grid, layout, fonts):
    setter = grid.setter
    style = layout.body.style
    where = Source("issue.yaml", 12, "columns[0].articles[0].body[3]")
    para = setter.paragraph(setter.spans("网址：https://www.example.com/" + "abcdefghij" * 12, style), 120.0)
    assert para.overfull
    warned = grid.warnings_of(where, para)
    assert [m.id for m in warned] == ["warn.at"] * len(para.warnings) and warned
    assert [(m.params["where"], m.params["what"]) for m in warned] == [(str(where), w) for w in para.warnings]
    strict = dataclasses.replace(layout, line_rules=dataclasses.replace(layout.line_rules, overfull=Overfull.ERROR))
    with pytest.raises(LayoutError) as err:
        GridLines(strict, Setter(strict, fonts)).warnings_of(where, para)
    assert err.value.file == "issue.yaml" and err.value.line == 12
    plain = setter.paragraph(setter.spans(TEXT, style), grid.measure)
    assert GridLines(strict, Setter(strict, fonts)).warnings_of(where, plain) == []
