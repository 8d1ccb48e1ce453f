"""How far the line breaker (text/linebreak.py) lets its rules give way, case by case: the
levels its module docstring lists are tried strictest first, and the level a paragraph was set
at is reported with its breaks.

* a display line (docs/display-lines.md) breaks between words; a break inside a word is taken
  only when no breaking between words fits, and the 孤字 rule
  (https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows) still holds then;
* an empty paragraph has no lines.

The paragraphs are tiny, set ragged (no stretching) on a measure a few cells wide, so that
which breaks fit is plain from the widths: one ideograph is one cell.
"""

from __future__ import annotations

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.linebreak import ALLOW_ORPHAN, SPLIT_WORDS, STRICT, Breaks, linebreak
from bulletin_pdf.text.prepare import prepare
from bulletin_pdf.text.types import Gap

CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", 16.0, CELL)


def _words(fonts, text: str, inside: set[int], cells: float):
    """`text` set ragged `cells` wide, the gaps after the atoms in `inside` marked as inside a
    word (what text/words.py does for a display line)."""
    spec = ParagraphSpec(cells * CELL, 0.0, 0.0, False, LineRules())
    p = prepare([Span(text, BODY)], fonts, spec.rules)
    assert all(p.gaps[g] is Gap.FREE for g in inside)
    for g in inside:
        p.gaps[g] = Gap.INSIDE_WORD
    return p, spec


def test_an_empty_paragraph_has_no_lines(fonts):
    spec = ParagraphSpec(10 * CELL, 0.0, 0.0, True, LineRules())
    assert linebreak(prepare([Span("", BODY)], fonts, spec.rules), spec) == Breaks((), STRICT)


def test_words_that_fit_are_kept_whole_at_the_strict_level(fonts):
    """国国│国国 on 2 cells: the words fit a line each; the break inside them is never taken."""
    p, spec = _words(fonts, "国国国国", {0, 2}, 2)
    assert linebreak(p, spec) == Breaks((1, 3), STRICT)


def test_a_word_longer_than_the_measure_is_split_with_the_orphan_rule_kept(fonts):
    """One word of 4 ideographs on 2 cells: only breaks inside it fit, so it is set at the
    level that splits words, not at the one after it that would also allow a 孤字: 国国│国国
    (two lines, the fewest). Of 5 ideographs, the last line still holds two of them."""
    p, spec = _words(fonts, "国国国国", {0, 1, 2}, 2)
    assert linebreak(p, spec) == Breaks((1, 3), SPLIT_WORDS)
    assert SPLIT_WORDS < ALLOW_ORPHAN
    p, spec = _words(fonts, "国国国国国", {0, 1, 2, 3}, 2)
    breaks = linebreak(p, spec)
    assert breaks.level == SPLIT_WORDS and len(breaks.ends) == 3 and breaks.ends[1] == 2
