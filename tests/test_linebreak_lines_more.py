"""`linebreak_lines` (text/linebreak.py): the settings of a paragraph in a given number of lines
that the page optimiser asks for (TeX's \\looseness, The TeXbook ch. 14), checked against a brute
force written here; and `_loose_tops`, the bound it prunes its search with, against its docstring.

What a setting in k lines keeps, stated here from the sources rather than read from the engine:

* its lines end only where the paragraph may break under the strict rules — the gaps `prepare`
  marked free (kinsoku, https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end;
  a Latin unit and a display line's word kept whole) — and at the paragraph's last atom;
* every line fits the measure less its indent, as `line_fit` (the breaker's fit model) says:
  shrunk only by its punctuation blanks and flexible spaces, a trailing ideographic space
  hanging past the measure;
* no line but the last stretched past the tolerance (`VARIANT_TOLERANCE`): r ≤ 2, r the
  stretch a line needs over what its gaps give at `max_expansion` em each, i.e. badness
  100·r³ ≤ 800; a line less than 0.01 pt short is full (badness 0) whatever its gaps;
* no 孤字: the last line of a paragraph of several lines holds at least two characters that
  are not punctuation (https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows);
* of those, the least demerits (Knuth & Plass 1981, the module docstring): each line
  (10 + badness)², plus the penalty of the gap it ends at (none for the last line), plus 150
  for each of the 4 characters not punctuation that a short last line lacks (issue #4).
"""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.engine import set_paragraph_lines, set_prepared
from bulletin_pdf.text.linebreak import linebreak_lines
from bulletin_pdf.text.prepare import prepare

MEASURE = 156 * 72 / 25.4
CELL = MEASURE / 28
BODY = RunStyle("body", 16.0, CELL)


def test_a_line_less_than_a_hundredth_of_a_point_short_is_full_whatever_its_gaps(fonts):
    """A line of one Latin unit has no gap to stretch; 0.005 pt short of the measure it is full
    (justified to 0.01 pt). The natural setting of `2025│产产` on that measure is those two
    lines, within every rule: asked for two lines, the looseness search finds them, and asked
    for the natural count (TeX's \\looseness=0) the natural lines come back."""
    prep = prepare([Span("2025产产", BODY)], fonts, LineRules())
    spec = ParagraphSpec(sum(prep.width[:4]) + 0.005, 0.0, 0.0, True, LineRules())
    natural = set_prepared(prep, spec)
    assert [line.text for line in natural.lines] == ["2025", "产产"] and not natural.relaxed
    found = linebreak_lines(prep, spec, (1, 2, 3))
    assert {count: breaks.ends for count, breaks in found.items()} == {2: (3, 5)}
    same = set_paragraph_lines(prep, spec, natural, (0,))
    assert [line.text for line in same[0][0].lines] == ["2025", "产产"]
