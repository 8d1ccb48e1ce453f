"""The cost the line breaker minimises (text/linebreak.py), worked out by hand for tiny
paragraphs from the formula its module docstring states — Knuth & Plass, "Breaking
Paragraphs into Lines" (1981):

* each line costs (line penalty + badness)², the line penalty being Knuth–Plass's default, 10;
* plus the penalty of the gap it ends at (none for the paragraph's last line);
* a stretched line's badness is 100·r³, r the stretch it needs over what its gaps may give
  (`max_expansion` em a gap at badness 100); a line set ragged (not justified) or the last line
  never stretches: badness 0;
* the last line of a paragraph of more than one line, holding fewer than 4 characters that are
  not punctuation, costs 150 demerits for each one it lacks (issue #4, "demerits for a short
  last line"; under 2 it is a 孤字, clreq
  https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows).

The numbers 10, 4 and 150 are stated here, not read from the engine: a changed constant or
term fails these sums.
"""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.linebreak import demerits, fit_end
from bulletin_pdf.text.prepare import prepare

MEASURE = 156 * 72 / 25.4
CELL = MEASURE / 28
SIZE = 16.0
BODY = RunStyle("body", SIZE, CELL)

LINE = 10.0 ** 2          # a line of badness 0: (10 + 0)²
SHORT = 150.0             # a last line's demerits for each solid character it lacks of 4


def _prepared(fonts, text: str, justify: bool, cells: float = 28):
    spec = ParagraphSpec(cells * CELL, 0.0, 0.0, justify, LineRules())
    return prepare([Span(text, BODY)], fonts, spec.rules), spec


@pytest.mark.parametrize("text, ends, expected", [
    ("国" * 10, (9,), LINE),                        # one line: no short-last-line cost at all
    ("国国", (1,), LINE),                           # … however short it is
    ("国" * 10, (4, 9), 2 * LINE),                 # a last line of 5 solid characters: none
    ("国" * 8, (3, 7), 2 * LINE),                  # … of exactly 4: none
    ("国" * 5, (2, 4), 2 * LINE + 2 * SHORT),      # … of 2: two lacking
    ("国国国", (0, 2), 2 * LINE + 2 * SHORT),      # the last line starting at the second atom
    ("国国国国", (0, 1, 3), 3 * LINE + 2 * SHORT),  # only the last line pays, not the one before
    ("国国，国", (2, 3), 2 * LINE + 3 * SHORT),    # punctuation is not counted: 国 lacks 3
])
def test_demerits_of_ragged_lines_are_line_penalties_and_the_short_last_line(fonts, text, ends, expected):
    """Ragged lines (not justified) have badness 0: each costs (10 + 0)² = 100, the gaps
    between ideographs cost nothing, and only a short last line adds 150 per missing character."""
    prep, spec = _prepared(fonts, text, justify=False)
    assert demerits(prep, spec, ends) == pytest.approx(expected, abs=1e-9)


def test_a_break_inside_a_unit_costs_its_gap_penalty(fonts):
    """The penalty of the gap a line ends at is added once (a break inside a Latin unit has a
    positive one: the last resort's); the last line, which ends at no gap, adds none."""
    prep, spec = _prepared(fonts, "国国ABCD", justify=False)
    assert "".join(prep.chars) == "国国ABCD"
    penalty = prep.gap_penalty[3]         # between B and C: inside the unit ABCD
    assert penalty > 0
    # lines 国国AB | CD: 100 + penalty, then 100 and 2 × 150 for a last line of 2 letters
    assert demerits(prep, spec, (3, 5)) == pytest.approx(LINE + penalty + LINE + 2 * SHORT, abs=1e-9)


def test_demerits_of_a_stretched_line_square_the_line_penalty_plus_badness(fonts):
    """28 cells; a justified first line of 27 ideographs one cell short: its 26 gaps stretch
    by one cell, r = cell / (26 × 0.05 em × 16 pt), badness 100·r³ (about 44); the last line
    (5 ideographs) never stretches."""
    rules = LineRules()
    assert rules.max_expansion == 0.05
    prep, spec = _prepared(fonts, "国" * 32, justify=True)
    r = CELL / (26 * 0.05 * SIZE)
    badness = 100 * r ** 3
    assert 40 < badness < 50
    assert demerits(prep, spec, (26, 31)) == pytest.approx((10 + badness) ** 2 + LINE, rel=1e-12)


def _fit(fonts, text: str, measure: float, last: bool = False):
    from bulletin_pdf.text.linebreak import line_fit, prefix_sums

    spec = ParagraphSpec(measure, 0.0, 0.0, True, LineRules())
    prep = prepare([Span(text, BODY)], fonts, spec.rules)
    return prep, line_fit(prep, spec, prefix_sums(prep), 0, len(prep.chars) - 1, last)


def test_a_closing_mark_at_the_line_end_gives_up_its_blank_half_for_free(fonts):
    """GB/T 15834-2011 5.1.10: 27 ideographs and a comma on 27.5 cells fit by setting the comma
    half width, at no cost (badness 0) — not as a shrink of the line."""
    prep, fit = _fit(fonts, "国" * 27 + "，", 27.5 * CELL)
    assert prep.blank_right[-1] == pytest.approx(CELL / 2)
    assert fit.feasible and fit.badness == 0.0 and fit.need == pytest.approx(-CELL / 2)


def test_ideographs_never_shrink(fonts):
    """Han characters are set solid (no gap between two of them may close): a line of them
    half a point wider than the measure does not fit, nor does a point or two."""
    for over in (0.5, 1.0, 2.0):
        _, fit = _fit(fonts, "国" * 28, 28 * CELL - over)
        assert not fit.feasible, over


def test_a_middle_dot_at_the_line_end_shrinks_at_the_cost_of_inner_blanks(fonts):
    """A middle dot is not a closing mark: at a line end its blanks do not go for free
    (GB/T 15834-2011 5.1.10 is about closing marks); its left blank closes like any blank inside
    the line, at half Knuth–Plass's cost: badness 0.5 × 100 × r³, r the part of that blank taken."""
    prep, fit = _fit(fonts, "国" * 27 + "·", 27.8 * CELL)
    dot = prep.blank_left[-1]
    assert prep.kinds[-1].name == "MIDDLE" and dot > 0.2 * CELL
    r = 0.2 * CELL / dot
    assert fit.feasible and fit.badness == pytest.approx(0.5 * 100 * r ** 3, rel=1e-9)


@pytest.mark.parametrize("text, a, b, end", [
    ("国国\u3000", 0, 2, 1),              # one trailing ideographic space hangs
    ("国\u3000\u3000", 0, 2, 0),          # … and a run of them
    ("国国国", 0, 2, 2),                  # nothing hangs from a line without one
    ("\u3000国\u3000", 1, 2, 1),          # the line starts at a, not at the paragraph's start
    ("\u3000\u3000\u3000", 1, 2, 1),      # a line of nothing but spaces keeps its first
    ("\u3000\u3000", 0, 1, 0),
    ("国\u3000", 1, 1, 1),                # … even a line of one space
])
def test_trailing_ideographic_spaces_hang(text, a, b, end):
    """CSS Text 3 §4.1.3 (https://drafts.csswg.org/css-text-3/#white-space-phase-2): a line's
    trailing ideographic spaces hang past the measure; the line is fitted up to the atom before
    them (`fit_end`), a line of spaces only up to its first."""
    assert fit_end(list(text), a, b) == end
