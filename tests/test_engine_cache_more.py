"""More of what the line engine says and guesses (text/engine.py `set_prepared`,
`set_paragraph_lines`, `looseness_estimate`), for cases the other engine tests leave out:

* the overfull warning when no Latin unit was broken (only a kinsoku rule gave way), and the
  40-character cut of a broken word's name at exactly 40 and 41 letters;
* the warning for a display line's word broken (docs/display-lines.md);
* the warning for a line that cannot be justified, named by its number, and the paragraph
  marked relaxed for it even when every rule of the breaker was kept; the 0.01 pt to which a
  line counts as filling the measure (tests/test_looseness.py states the same tolerance);
* no looser or tighter setting for a relaxed paragraph (`set_paragraph_lines`' docstring);
* the optimiser's guess on a last line of one glyph, and with the line before the last one
  ended short (`looseness_estimate`' docstring, worked by hand as in test_looseness_estimate.py).

The warnings' English is stated literally from the message catalogue (messages.py)."""

from __future__ import annotations

import dataclasses

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.engine import looseness_estimate, set_paragraph, set_paragraph_lines, set_prepared
from bulletin_pdf.text.linebreak import linebreak
from bulletin_pdf.text.prepare import prepare

from .test_looseness_estimate import HAN, extra, line, para, spec
from .test_paragraph_cache import SPANS, SPEC

SIZE = 16.0
CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", SIZE, CELL)
OVERFULL = "does not fit the measure unbroken; broken inside "
LOOSE = ("line {} cannot be justified: nothing in it may be spaced "
         "(a single character, or one Latin word or number, whose letters are never spaced)")


def _body(fonts, text: str, measure: float):
    return set_paragraph([Span(text, BODY)], fonts, ParagraphSpec(measure, 0.0, 0.0, True, LineRules()))


def test_an_overfull_paragraph_with_no_unit_broken_says_its_text(fonts):
    """Two cells a line: 产 and six full stops. A stop never begins a line (GB/T 15834-2011 5.1,
    https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end), and two
    cells hold at most 产 and two stops (each set half width): the breaks must put a stop at
    the start of a line. There is no Latin unit to name as broken: the warning says the text."""
    text = "产" + "。" * 6
    p = _body(fonts, text, 2 * CELL)
    assert "".join(line.text for line in p.lines) == text and len(p.lines) > 1
    assert p.relaxed and p.overfull == OVERFULL + "its text"
    assert p.warnings[0] == p.overfull


@pytest.mark.parametrize("letters, named", [(40, 40), (41, 40), (39, 39)])
def test_a_broken_word_is_named_whole_up_to_forty_letters(fonts, letters, named):
    """The warning names a broken word by at most its first 40 characters, and marks with …
    only a word it cut (test_engine_warnings.py: 68 letters give 40 and …)."""
    word = ("Supercalifragilisticexpialidocious" * 2)[:letters]
    p = _body(fonts, "产产" + word + "产产", 6 * CELL)
    assert p.overfull == OVERFULL + word[:named] + ("…" if letters > 40 else "")


def test_a_display_line_word_broken_is_said(fonts):
    """docs/display-lines.md: a display line breaks between words (监督 钱袋子 预算, the
    segmentation test_display_words.py states); two cells cannot hold 钱袋子, so it is cut, and
    the warning names the whole word around the cut — the cut where the lines part."""
    p = set_paragraph([Span("监督钱袋子预算", RunStyle("body", 16, 16))], fonts,
                      ParagraphSpec(2 * 16 + 0.01, 0.0, 0.0, False, LineRules(), words=True))
    texts = [ln.text for ln in p.lines]
    assert "".join(texts) == "监督钱袋子预算" and "钱袋" in texts        # cut after 钱袋
    assert list(p.warnings) == ["broken inside a word (钱袋│子): no break between words fits the measure"]
    assert p.relaxed


def _word_width(fonts, word: str) -> float:
    """The width of `word` set on a line of its own (its letters are never spaced)."""
    return _body(fonts, word, 10 * CELL).lines[0].width


@pytest.mark.parametrize("short", [0.5, 0.02])
def test_a_line_that_cannot_be_justified_is_named_and_relaxes_the_paragraph(fonts, short):
    """产产ABCD产产 on a measure `short` pt wider than ABCD: ABCD does not fit beside 产 and is
    never broken (strict rules kept: nothing else bent), so it stands alone on line 2, short
    of the measure with no gap to spread (a Latin unit's letters are never spaced). Line 2 is
    named (lines count from 1) and the paragraph is relaxed: the layout may refuse it."""
    p = _body(fonts, "产产ABCD产产", _word_width(fonts, "ABCD") + short)
    assert [ln.text for ln in p.lines] == ["产产", "ABCD", "产产"]
    assert list(p.warnings) == [LOOSE.format(2)]
    assert p.relaxed and p.overfull == ""


def test_a_line_short_by_the_tolerance_counts_as_full(fonts):
    """0.01 pt is the tolerance to which a line fills the measure (test_looseness.py's rule
    `abs(indent + width − measure) > 0.01`: not justified): ABCD on a measure 0.01 pt wider
    is justified, and the paragraph is set under the strict rules, not relaxed."""
    width = _word_width(fonts, "ABCD")
    measure = width + 0.01
    assert measure - 0.01 == width          # the tolerance exactly, in floating point
    p = _body(fonts, "产产ABCD产产", measure)
    assert [ln.text for ln in p.lines] == ["产产", "ABCD", "产产"]
    assert p.warnings == () and not p.relaxed


def test_a_relaxed_paragraph_has_no_looser_or_tighter_setting(fonts):
    """`set_paragraph_lines`: a paragraph whose natural setting bent a rule (`relaxed`) has no
    other setting for the optimiser — even one whose lines have a looser setting under the
    strict rules (the four lines of test_paragraph_cache.py's paragraph)."""
    prep = prepare(SPANS, fonts, SPEC.rules)
    natural = set_prepared(prep, SPEC)
    assert not natural.relaxed and 1 in set_paragraph_lines(prep, SPEC, natural)
    assert set_paragraph_lines(prep, SPEC, dataclasses.replace(natural, relaxed=True)) == {}


def test_a_last_line_of_one_glyph_goes_into_the_punctuation_blanks_above_it():
    """Two lines of 14 ideograph–comma pairs: 28 half-cell blanks, 224 pt; a last line of one
    ideograph, 16 pt: r = 16 / 224, badness 50 r³ (the size is the last line's glyph's: 16 pt).
    Looser: it would need 28 − 1 + 2 = 29 em where the lines give up 2.5 + 2.5 + 0 em."""
    p = para(line("产，" * 14), line("产，" * 14), line(HAN))
    assert looseness_estimate(p, spec()) == pytest.approx({-1: extra(3, 50 * (16 / 224) ** 3)})


def test_a_short_last_line_goes_into_the_line_just_before_it_ended_short():
    """Cells of 15 pt for a 16 pt face: 28 cells, 420 pt. The line before the last holds 26
    ideographs, 30 pt short; the 2-cell last line (30 pt) fills it exactly, r = 1, badness 50.
    (test_looseness_estimate.py has the short line first.)"""
    cell = 15.0
    p = para(line(HAN * 28, cell=cell), line(HAN * 26, cell=cell), line(HAN * 2, cell=cell))
    assert looseness_estimate(p, spec(28 * cell)) == pytest.approx({-1: extra(3, 50.0)})


@pytest.mark.parametrize("text", [
    "人大常委会——监督工作推动高质量发展——国有资产管理代表联络站" * 2,   # —— is one glyph cluster
    "人大常委会office监督工作affluent推动高质量发展" * 2,                 # the ligatures ffi, ffl
    "人大常委会cafe\u0301监督工作推动g\u0308高质量发展" * 2,               # é composed, g̈ of two glyphs
])
def test_a_paragraphs_breaks_can_be_read_off_its_lines(fonts, text):
    """`set_paragraph_lines` reads the natural breaks off the lines' texts (its docstring):
    each line's text is as long as the atoms it holds — a cluster's text on its first glyph —
    so the running lengths of the lines are the breaker's ends, clusters or not."""
    spec = ParagraphSpec(7 * CELL, 2 * CELL, 0.0, True, LineRules())
    prep = prepare([Span(text, BODY)], fonts, spec.rules)
    assert any(glyphs == () for glyphs in prep.clusters.values())      # an atom inside a cluster
    natural = set_prepared(prep, spec)
    assert not natural.relaxed and len(natural.lines) > 2
    ends, k = [], -1
    for ln in natural.lines:
        k += len(ln.text)
        ends.append(k)
    assert tuple(ends) == linebreak(prep, spec).ends
