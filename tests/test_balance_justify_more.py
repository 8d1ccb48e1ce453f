"""More cases for balanced titles (text/balance.py) and line adjustment (text/justify.py), each
worked out by hand from the rule it checks:

* docs/typography.md, "Article title": two lines whose lengths differ by at most the tolerance,
  a break after a `，` preferred, then the most even lengths, then the longer first line
  (上长下短); balance.py's key compares the lines' widths to 0.01 pt, so that sums of equal
  cells differing in their last bits fall to the longer first line;
* GB/T 15834-2011 5.1.10 (and clreq https://www.w3.org/International/clreq/#line_adjustment):
  a closing mark at a line end may lose its blank half, so the line holding the `，` fits when
  it is wider than the measure by at most that blank;
* docs/display-lines.md: a display line breaks between words; a break between a compound's
  halves (`预算│编制`) or next to a one-character word is allowed with a penalty, one inside a
  word only when nothing else fits — and then the build says which word it cut, also when the
  title needs more lines than balancing tries;
* text/justify.py: a line too long gives what it lacks out of its inner blanks and gaps in
  proportion to what each can give, however little that is.
"""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.balance import set_balanced
from bulletin_pdf.text.justify import justify

from .test_justify import atoms, han, xs
from .test_prepare import BODY as SMALL, RULES, Font

CELL = 16.0
BODY = RunStyle("body", 16, CELL)


def lines_of(fonts, text, cells, max_lines=2, words=False, **kw):
    spec = ParagraphSpec(cells * CELL + 0.01, 0.0, 0.0, False, LineRules(), words=words)
    para = set_balanced([Span(text, BODY)], fonts, spec, max_lines, **kw)
    assert para.text == text
    return para


def texts(para) -> list[str]:
    return [line.text for line in para.lines]


def test_three_ideographs_on_two_cells_put_the_longer_line_first(fonts):
    # 1 | 2 and 2 | 1 are equally even: 上长下短 takes 2 | 1 (a last line of one character is a
    # break like any other)
    para = lines_of(fonts, "国家治", 2)
    assert texts(para) == ["国家", "治"] and para.warnings == ()


def test_a_break_after_a_comma_is_taken_when_its_line_fits_only_without_the_commas_blank(fonts):
    # 9 ideographs, `，`, 8 on 9.5 cells (152 pt); no line may start with the `，`. After the
    # comma: 10 | 8, its first line 160 pt natural, 152 once the comma's blank half (8 pt,
    # GB/T 15834-2011 5.1.10) is dropped at the line end: it fits. Before the 九: 8 | 10, as
    # far apart. The break after the mark wins.
    title = "一二三四五六七八九，十一二三四五六七"
    para = lines_of(fonts, title, 9.5)
    assert texts(para) == ["一二三四五六七八九，", "十一二三四五六七"]
    assert para.lines[0].width == pytest.approx(152.01)


def test_a_clean_word_boundary_wins_over_a_compounds_halves_within_the_tolerance(fonts):
    # 加强│预算编制 on 5 cells: 2 | 4 at a boundary between words, 4 | 2 between the halves of
    # the compound 预算编制 (allowed, with a penalty: docs/display-lines.md). Both are 2 apart;
    # the longer first line would take 4 | 2, but the free boundary comes first.
    para = lines_of(fonts, "加强预算编制", 5, words=True)
    assert texts(para) == ["加强", "预算编制"] and para.warnings == ()


def test_a_one_character_first_line_rather_than_a_word_cut(fonts):
    # 和│预算 on 2 cells: the only break between words leaves 和 alone on the first line; the
    # other, 和预│算, cuts a word. Two or three lines allowed alike.
    for max_lines in (2, 3):
        para = lines_of(fonts, "和预算", 2, max_lines=max_lines, words=True)
        assert texts(para) == ["和", "预算"] and para.warnings == ()


def test_a_word_cut_by_the_paragraph_breaker_is_reported(fonts):
    # 预算执行 on one cell needs four lines; balancing tries three at most, so the paragraph
    # breaker sets it: every line one character, both words cut — the title says which, and
    # that it needs more lines than the layout allows
    para = lines_of(fonts, "预算执行", 1, max_lines=3, words=True)
    assert texts(para) == ["预", "算", "执", "行"] and para.relaxed
    said = [str(w) for w in para.warnings]
    assert len(said) == 2
    assert any("4" in s and "3" in s for s in said)
    assert any("预│算" in s and "执│行" in s for s in said)


def _two_lines(eps: float) -> list[str]:
    """a国家治理民族团b (size 10, cells 12, Latin half an em) on 60 pt, with the `a` eps em wider
    than half an em. The two breaks within the tolerance, 5 | 4 and 4 | 5, are equally even in
    characters; their widths: a国家治 = 41 + 10·eps, 理 = 12, 民族团b = 41, so the lines differ by
    12 + 10·eps (5 | 4) and 12 − 10·eps (4 | 5)."""
    spec = ParagraphSpec(60.0, 0.0, 0.0, False, RULES)
    para = set_balanced([Span("a国家治理民族团b", SMALL)], Font(advances={"a": 0.5 + eps}), spec)
    return texts(para)


def test_the_more_equal_widths_win_by_a_tenth_of_a_point_of_difference():
    # eps 0.01: 11.9 against 12.1 pt: the evener widths, 4 | 5, though the first line is shorter
    assert _two_lines(0.01) == ["a国家治", "理民族团b"]


def test_widths_within_a_hundredth_of_a_point_tie_and_the_longer_first_line_wins():
    # eps 0.0001: 11.999 against 12.001 pt, equal to 0.01 pt: a tie, the longer first line
    assert _two_lines(0.0001) == ["a国家治理", "民族团b"]
    assert _two_lines(0.0) == ["a国家治理", "民族团b"]


def test_a_line_less_than_a_point_too_long_gives_it_from_less_than_a_point_of_shrink():
    # 一二三 of 10 pt cells with 1 pt gaps that may lose a quarter point each (half a point in
    # all) on 31.8 pt: 0.2 pt too long, 0.2 / 0.5 of each gap's shrink, 0.1 pt
    p = atoms(han("一二三"), [(1, 1, 0.25)] * 2)
    line = justify(p, (2,), ParagraphSpec(31.8, justify=False))[0]
    assert xs(line) == [0, 10.9, 21.8]
    assert line.width == pytest.approx(31.8)


@pytest.mark.parametrize("max_lines", [2, 3])
def test_a_trailing_ideographic_space_hangs_so_two_lines_hold_the_title(fonts, max_lines):
    # 国家治理　体系建设 on 4 cells (no break before the U+3000): 国家治理　 | 体系建设, the
    # space hanging past the measure at a line end (text/justify.py; CSS Text 3 §4.1.3): two
    # lines hold the title, so it takes two even when the layout allows three
    para = lines_of(fonts, "国家治理\u3000体系建设", 4, max_lines=max_lines)
    assert texts(para) == ["国家治理\u3000", "体系建设"] and para.warnings == ()
    assert [line.width for line in para.lines] == pytest.approx([64.0, 64.0])
