"""Balanced titles (text/balance.py), case by case from docs/typography.md, "Article title", and
docs/display-lines.md:

* one line if the title fits; else two lines whose character counts differ by at most the
  tolerance (2), a break after a punctuation mark (a phrase boundary) preferred among those,
  then the most equal counts, then the longer first line (上长下短);
* fewer lines before a better balance over more; three lines when the layout allows three
  and two cannot hold the title; more only through the total-fit breaker, with a warning
  when they are more than the layout allows;
* a display line keeps its words whole: a break inside a word only when no setting in the
  allowed lines has none, and then the title says which word it cut;
* no break the kinsoku rules forbid
  (https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end): a closing
  mark never starts a line.

The titles are ideographs of one cell each on a measure of a whole number of cells, so the
expected counts are worked out by hand.
"""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.balance import set_balanced

CELL = 16.0
BODY = RunStyle("body", 16, CELL)
#: 74 ideographs (a sentence twice; only body-text breaking, words=False, uses them)
HAN = "国家治理体系和治理能力现代化建设持续推进人民群众获得感幸福感安全感不断增强" * 2


def lines_of(fonts, text, cells, max_lines=2, words=False, justify=False, **kw):
    spec = ParagraphSpec(cells * CELL + 0.01, 0.0, 0.0, justify, LineRules(), words=words)
    para = set_balanced([Span(text, BODY)] if text else [], fonts, spec, max_lines, **kw)
    assert para.text == text
    assert all(line.width <= cells * CELL + 0.02 for line in para.lines)
    return para


def texts(para) -> list[str]:
    return [line.text for line in para.lines]


def test_nothing_sets_no_line(fonts):
    assert lines_of(fonts, "", 10).lines == ()


def test_a_title_that_fits_is_one_line_justified_or_not(fonts):
    for justify in (False, True):
        para = lines_of(fonts, HAN[:10], 10, justify=justify)
        assert texts(para) == [HAN[:10]] and para.warnings == () and para.lines[0].is_last


def test_a_break_after_a_mark_wins_within_the_tolerance_over_equal_counts(fonts):
    # 5 ideographs, `，`, 8 ideographs on 10 cells: after the comma 6 | 8 (2 apart, within the
    # tolerance) is taken over the even 7 | 7
    title = HAN[:5] + "，" + HAN[5:13]
    assert texts(lines_of(fonts, title, 10)) == [HAN[:5] + "，", HAN[5:13]]
    # with a tolerance of 1 the comma's break is 2 apart: out; the even 7 | 7 wins
    assert [len(t) for t in texts(lines_of(fonts, title, 10, tolerance=1))] == [7, 7]


def test_the_most_equal_counts_win_then_the_longer_first_line(fonts):
    # 15 ideographs on 10 cells: 8 | 7, not 7 | 8 nor 6 | 9 nor 5 | 10
    assert [len(t) for t in texts(lines_of(fonts, HAN[:15], 10))] == [8, 7]
    # 16: 8 | 8, not 9 | 7 (both within the tolerance)
    assert [len(t) for t in texts(lines_of(fonts, HAN[:16], 10))] == [8, 8]


def test_past_the_tolerance_the_most_equal_counts_still_win(fonts):
    # 19 ideographs on 10 cells: only 10 | 9 and 9 | 10 fit (both within 2); with a 1-cell
    # tolerance on 12 ideographs and 10 cells the evenest, 6 | 6, is still taken over 7 | 5
    assert [len(t) for t in texts(lines_of(fonts, HAN[:19], 10))] == [10, 9]
    assert [len(t) for t in texts(lines_of(fonts, HAN[:12], 10, tolerance=0))] == [6, 6]


def test_two_lines_before_three_even_when_three_are_more_even(fonts):
    # 25 ideographs on 14 cells, three lines allowed: 13 | 12 (3 lines of 9 | 8 | 8 are closer)
    para = lines_of(fonts, HAN[:25], 14, max_lines=3)
    assert [len(t) for t in texts(para)] == [13, 12] and para.warnings == ()


def test_three_balanced_lines_when_two_cannot_hold_the_title(fonts):
    # 30 ideographs on 12 cells: two lines hold 24 at most; three of 10
    para = lines_of(fonts, HAN[:30], 12, max_lines=3)
    assert [len(t) for t in texts(para)] == [10, 10, 10]
    assert para.warnings == () and not para.relaxed
    # 31: 11 | 10 | 10 (the longer line first)
    assert [len(t) for t in texts(lines_of(fonts, HAN[:31], 12, max_lines=3))] == [11, 10, 10]
    # 3 lines must hold it all: 37 on 12 cells cannot, and the layout allows 3 only
    para = lines_of(fonts, HAN[:37], 12, max_lines=3)
    assert len(para.lines) == 4 and para.relaxed
    assert len(para.warnings) == 1 and "4" in str(para.warnings[0]) and "3" in str(para.warnings[0])


def test_more_lines_than_balanced_are_fine_when_the_layout_allows_them(fonts):
    # 40 ideographs on 10 cells, four lines allowed: the total-fit breaker's four lines of 10,
    # no warning
    para = lines_of(fonts, HAN[:40], 10, max_lines=4)
    assert [len(t) for t in texts(para)] == [10, 10, 10, 10]
    assert para.warnings == () and not para.relaxed


def test_a_closing_mark_never_starts_a_line(fonts):
    # 6 ideographs, `。`, 5 on 7 cells, a tolerance of 1: the even break 6 | 6 would start the
    # second line with the `。`; every other break is 2 apart or more, and of those the one
    # after the `。` (7 | 5) is taken
    title = HAN[:6] + "。" + HAN[6:11]
    assert texts(lines_of(fonts, title, 7, tolerance=1)) == [HAN[:6] + "。", HAN[6:11]]


def test_an_opening_mark_never_ends_a_line(fonts):
    # 5 ideographs, `《`, 6 on 7 cells: the even 6 | 6 would end the first line with the `《`;
    # 5 | 7 and 7 | 5 are as far apart, and the longer first line wins
    title = HAN[:5] + "《" + HAN[5:11]
    assert texts(lines_of(fonts, title, 7)) == [HAN[:5] + "《" + HAN[5], HAN[6:11]]


#: words of two characters (a reader's split, and the segmenter's)
WORDS = ["预算", "执行", "监督", "审查", "报告", "决算"]


def test_a_display_line_breaks_between_words_before_it_balances(fonts):
    # 预算执行监督审查报告 on 6 cells: the even 5 | 5 (预算执行监│督审查报告) cuts 监督; the
    # breaks between words are 4 | 6 and 6 | 4, and the longer first line wins
    title = "".join(WORDS[:5])
    para = lines_of(fonts, title, 6, words=True)
    assert texts(para) == ["预算执行监督", "审查报告"] and para.warnings == ()
    # as body text (no words) the even break is taken
    assert [len(t) for t in texts(lines_of(fonts, title, 6))] == [5, 5]


def test_a_word_is_cut_only_when_nothing_else_fits_and_the_title_says_so(fonts):
    # 预算执行 on 3 cells: two lines cannot hold it between words (预算 | 执行 fits, so it is
    # taken); on 3 cells with 预算执行监督 (6 characters) two lines of 3 must cut words
    para = lines_of(fonts, "预算执行", 3, words=True)
    assert texts(para) == ["预算", "执行"] and para.warnings == ()
    para = lines_of(fonts, "预算执行监督", 3, words=True)
    assert [len(t) for t in texts(para)] == [3, 3]
    assert len(para.warnings) == 1 and "执│行" in str(para.warnings[0]) and not para.relaxed
    # three lines allowed: 预算 | 执行 | 监督 keeps every word
    para = lines_of(fonts, "预算执行监督", 3, max_lines=3, words=True)
    assert texts(para) == ["预算", "执行", "监督"] and para.warnings == ()


def test_by_default_two_lines_two_characters_apart(fonts):
    """docs/typography.md, "Article title": two lines, whose lengths differ by at most two
    characters — the defaults of `set_balanced`."""
    spec = ParagraphSpec(10 * CELL + 0.01, 0.0, 0.0, False, LineRules())
    # 7 ideographs, `，`, 5 on 10 cells: after the comma 8 | 5 is three apart: not taken; the
    # even 7 | 6 would start a line with the comma: 6 | 7
    title = HAN[:7] + "，" + HAN[7:12]
    para = set_balanced([Span(title, BODY)], fonts, spec)
    assert [len(t) for t in texts(para)] == [6, 7]
    # 25 ideographs on 10 cells need three lines: more than the default two, so it says so
    para = set_balanced([Span(HAN[:25], BODY)], fonts, spec)
    assert len(para.lines) == 3 and para.relaxed and len(para.warnings) == 1


def test_the_space_between_han_and_latin_follows_the_layouts_rules(fonts):
    """clreq https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode:
    the Han–Western space is the layout's `cjk_latin_space`; a one-line title with two such
    gaps is 2 × (0.5 − 0) em = 16 pt wider at 0.5 em than at 0."""
    title = "推进ESG治理"
    width = {}
    for space in (0.0, 0.5):
        spec = ParagraphSpec(20 * CELL, 0.0, 0.0, False, LineRules(cjk_latin_space=space))
        para = set_balanced([Span(title, BODY)], fonts, spec)
        assert texts(para) == [title]
        width[space] = para.lines[0].width
    assert width[0.5] - width[0.0] == pytest.approx(16.0)
