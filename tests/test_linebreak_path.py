"""The breaks `linebreak` chooses (text/linebreak.py) against a brute force: the least cost over
every legal set of breaks of a tiny paragraph, each line costed by the rules the module
docstring and the constants' comments state, written out here plainly (sums over the atoms,
no prefix sums, no `line_fit`, no cut of the search):

* a line a..b is measured up to its last atom that is not a trailing U+3000 (those hang, CSS
  Text 3 §4.1.3, https://drafts.csswg.org/css-text-3/#white-space-phase-2; a line of spaces
  only keeps its first); its measure is the paragraph's less the first or the other lines'
  indent; an opening mark that starts it gives up its blank half when the rules compress it
  (clreq https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start);
* a line with room to spare has badness 0 if it is the last or set ragged (or short by under
  0.01 pt); else Knuth & Plass's 100·r³ (at most 10⁶), r = need / (the gaps' stretch weights
  × `max_expansion` em at the size of its first atom), or 10⁷ if it has no gap to stretch;
* a line too long first drops the blank half of a closing mark at its end for free (GB/T
  15834-2011 5.1.10), then its inner punctuation blanks and flexible spaces at half
  Knuth–Plass's cost, 0.5·100·r³ (先挤进，后推出); if that is not enough it cannot be set,
  except as a line of one atom at the last level (badness 10⁹);
* a set of breaks costs Σ (10 + badness)² + the penalty of each gap a line ends at, plus 150
  for each of the 4 characters that are not punctuation a last line (of a paragraph of more
  than one line) lacks (issue #4); under 2 is a 孤字, forbidden at the first two levels
  (https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows);
* the levels are tried in order, each allowing more gaps as breaks: free gaps; + inside a
  display line's word; + a 孤字; + inside a Latin unit; + any gap. The first level is tried
  first with a looseness tolerance: no line but the last stretched past r = 2 (TeX's
  \\tolerance); only if no setting keeps to it is every line considered.

The breaks chosen must be legal at the level reported, that level the first at which any
setting is legal, and their cost the least of all legal settings (ties may go either way).
The constants are stated here, not read from the engine.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.classes import Kind
from bulletin_pdf.text.linebreak import linebreak
from bulletin_pdf.text.prepare import prepare
from bulletin_pdf.text.types import Gap

from .profiles import examples
from .rules import is_punctuation

CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", 16.0, CELL)
#: a larger size in the same paragraph (a run set bigger): its stretch allowance is larger
BIG = RunStyle("body", 24.0, 24.0)

SPACE = "\u3000"
LINE_PENALTY = 10.0
MAX_BADNESS = 1e6
NO_STRETCH_BADNESS = 1e7
SHRINK_WEIGHT = 0.5
LOOSE_TOLERANCE = 2.0
SHORT_LAST_LINE, SHORT_LAST_LINE_DEMERITS = 4, 150.0
OVERFULL_BADNESS = 1e9
STRICT, SPLIT_WORDS, ALLOW_ORPHAN, BREAK_UNITS, ANYWHERE = range(5)
#: the passes, in order: (level, looseness tolerance)
PASSES = ((STRICT, LOOSE_TOLERANCE), (STRICT, None), (SPLIT_WORDS, None), (ALLOW_ORPHAN, None),
          (BREAK_UNITS, None), (ANYWHERE, None))


def may_end(gap: Gap, level: int) -> bool:
    if gap is Gap.INSIDE_GLYPH:      # one glyph: an indivisible unit at every level
        return False
    if level >= ANYWHERE:
        return True
    if level >= BREAK_UNITS:
        return gap is not Gap.NEVER
    if level >= SPLIT_WORDS:
        return gap is Gap.FREE or gap is Gap.INSIDE_WORD
    return gap is Gap.FREE


def solid(chars) -> int:
    return sum(1 for c in chars if not is_punctuation(c))


def line_badness(p, spec, a: int, b: int, last: bool, level: int, tolerance) -> float | None:
    """The badness of the line a..b at this pass, None where it may not be set."""
    e = b
    while e > a and p.chars[e] == SPACE:
        e -= 1
    natural = sum(p.width[a:e + 1]) + sum(p.gap_space[a:e])
    if spec.rules.compress_opening_at_line_start and p.kinds[a] is Kind.OPEN:
        natural -= p.blank_left[a]
    need = spec.measure - (spec.first_indent if a == 0 else spec.rest_indent) - natural
    stretch = sum(p.gap_stretch[a:e])
    allowance = stretch * spec.rules.max_expansion * p.styles[a].size
    if need >= 0:
        if tolerance is not None and spec.justify and not last and need > tolerance * allowance:
            return None         # looser than r = tolerance
        if last or not spec.justify or need < 0.01:
            return 0.0
        if stretch <= 0:
            return NO_STRETCH_BADNESS
        return min(100.0 * (need / allowance) ** 3, MAX_BADNESS)
    end_blank = p.blank_right[e] if p.kinds[e] is Kind.CLOSE else 0.0
    if -need <= end_blank + 1e-9:
        return 0.0
    inner = sum(p.blank_left[a + 1:e + 1]) + sum(p.blank_right[a:e]) + sum(p.gap_shrink[a:e])
    rest = -need - end_blank
    if rest <= inner + 1e-9:
        return SHRINK_WEIGHT * 100.0 * (rest / inner) ** 3
    # at the last resort a line of one piece stands overfull: one atom, or a glyph cluster
    piece = level >= ANYWHERE and all(gap is Gap.INSIDE_GLYPH for gap in p.gaps[a:b])
    return OVERFULL_BADNESS if piece else None


def cost(p, spec, ends, level: int, tolerance) -> float | None:
    """Total demerits of the setting `ends` at this pass, None if it is not legal there."""
    n = len(p.chars)
    total, a = 0.0, 0
    for b in ends:
        last = b == n - 1
        if not last and not may_end(p.gaps[b], level):
            return None
        tail = solid(p.chars[a:])
        if last and a > 0 and level <= SPLIT_WORDS and tail < 2 and a != p.unit_start:
            return None         # 孤字
        badness = line_badness(p, spec, a, b, last, level, tolerance)
        if badness is None:
            return None
        total += (LINE_PENALTY + badness) ** 2 + (0.0 if last else p.gap_penalty[b])
        if last and a > 0:
            total += max(0, SHORT_LAST_LINE - tail) * SHORT_LAST_LINE_DEMERITS
        a = b + 1
    return total


def optimum(p, spec):
    """The first pass at which some setting is legal, and the least cost of one there:
    (level, tolerance, least). The least over every setting, by dynamic programming: the cost
    is a sum over lines, so a prefix's least cost is all a longer setting needs of it; every
    line a..b is considered (no cut, no window)."""
    n = len(p.chars)
    for level, tolerance in PASSES:
        least = {0: 0.0}    # least[a]: least cost of a setting of atoms 0..a-1 (not the last line)
        for b in range(n):
            last = b == n - 1
            if not last and not may_end(p.gaps[b], level):
                continue
            for a in [a for a in least if a <= b]:
                tail = solid(p.chars[a:])
                if last and a > 0 and level <= SPLIT_WORDS and tail < 2 and a != p.unit_start:
                    continue
                badness = line_badness(p, spec, a, b, last, level, tolerance)
                if badness is None:
                    continue
                d = least[a] + (LINE_PENALTY + badness) ** 2 + (0.0 if last else p.gap_penalty[b])
                if last and a > 0:
                    d += max(0, SHORT_LAST_LINE - tail) * SHORT_LAST_LINE_DEMERITS
                least[b + 1] = min(d, least.get(b + 1, d))
        if n in least:
            return level, tolerance, least[n]
    raise AssertionError("a line of one atom may always stand at the last level")


def check(p, spec):
    """linebreak's breaks are legal at the first pass that has a legal setting, and cost the least there."""
    level, tolerance, least = optimum(p, spec)
    breaks = linebreak(p, spec)
    assert int(breaks.level) == level, (breaks, level)
    found = cost(p, spec, breaks.ends, level, tolerance)
    assert found is not None, (breaks, "not legal at", level, tolerance)
    assert found == pytest.approx(least, rel=1e-12), (breaks, found, least)


def paragraph(fonts, parts, measure: float, first: float = 0.0, rest: float = 0.0, justify: bool = True,
              compress: bool = False, expansion: float = 0.05):
    """`parts` (text, set in the larger size?) on a measure and indents given in cells."""
    rules = LineRules(max_expansion=expansion, compress_opening_at_line_start=compress)
    spec = ParagraphSpec(measure * CELL, first * CELL, rest * CELL, justify, rules)
    spans = [Span(text, BIG if big else BODY) for text, big in parts]
    return prepare(spans, fonts, rules), spec


#: Tiny paragraphs whose least-cost setting is plain by hand, each at a point where a rule or
#: a term of the cost decides it: (parts, measure in cells, options of `paragraph`).
CASES = [
    # clreq #h-compression_of_punctuation_marks_at_line_start: “国国 is 3 cells, 2.5 once the
    # opening mark at its start gives up its blank half: one line on 2.5 cells
    pytest.param([("“国国", False)], 2.5, dict(compress=True), id="opening-mark-compressed-at-line-start"),
    # one atom wider than the measure: no line within the rules at all; set, overfull, only at
    # the last level (OVERFULL_BADNESS)
    pytest.param([("国", False)], 0.6, {}, id="lone-atom-wider-than-the-measure"),
    # 国国 on one cell: 国│国 leaves a 孤字, so it is set only at the level allowing one
    pytest.param([("国国", False)], 1.0, dict(justify=False), id="orphan-of-a-two-atom-paragraph"),
    # 国　　│国: the spaces after 国 hang however many (CSS Text 3 §4.1.3), the line fits 1.5
    # cells as 国 alone; the 孤字 after it is the only rule broken (ALLOW_ORPHAN)
    pytest.param([("国　　国", False)], 1.5, dict(justify=False), id="a-run-of-spaces-hangs"),
    # the run of spaces after 。 hangs with it at the last level (each atom overfull on 0.9
    # cells but 。 set half width at the line end): 国│。　　, the spaces no line of their own
    pytest.param([("国。　　", False)], 0.9, {}, id="spaces-hang-at-the-last-level"),
    # a middle dot is not a closing mark (GB/T 15834-2011 5.1.10 is about closing marks): 国国国·
    # (4 cells) does not fit 3.65 by giving up the dot's right blank; 国国│国·│国国 it is
    pytest.param([("国国国·国国", False)], 3.65, dict(justify=False), id="a-middle-dot-at-the-end-is-not-free"),
    # a closing mark's blank at the line end goes for nothing (badness 0): 国国，│国国│国│国国
    # on 2.87 cells costs 4 × 100 + 2 × 150 = 700, less than any setting that shrinks a line
    pytest.param([("国国，国国国国国", False)], 2.87, dict(justify=False), id="end-compression-is-free"),
    # one line 国国，国 on 3.687 cells shrinks the comma's blank by r = 0.313 cell / 0.5 cell:
    # (10 + 0.5·100·r³)² ≈ 495.8 < 国│国，国's 100 + 100 + 2 × 150 = 500
    pytest.param([("国国，国", False)], 3.687, dict(justify=False), id="shrink-costs-half-knuth-plass"),
    # at 3.7 cells (r = 0.6, (10 + 10.8)² ≈ 432.6): one line; a paragraph of one line has no
    # short last line to pay for, 国│国，国 its 2 × 150
    pytest.param([("国国，国", False)], 3.7, dict(justify=False), id="one-line-pays-no-short-last-line"),
    # 国国，│国国国国: the last line holds 4 characters and pays nothing (200 in all)
    pytest.param([("国国，国国国国", False)], 5.0, dict(justify=False), id="a-last-line-of-four-pays-nothing"),
    # 国，│国│国国 (100 + 100 + 100 + 2 × 150 = 600): only the last line pays for being short,
    # not the 国 before it (or 国，国│国国, shrinking the comma, would be chosen)
    pytest.param([("国，国国国", False)], 2.73, dict(justify=False), id="only-the-last-line-pays-for-being-short"),
    # 7 ideographs on 4.572 cells, 2 em a gap at badness 100: 国国国│国国国国 stretches 1.572
    # cells over 2 gaps (r = 0.388, badness 5.83): 15.83² + 100 ≈ 350.8, just under
    # 国国国国│国国国 (0.572 cell over 3 gaps, badness 0.08; a last line of 3: + 150) ≈ 351.7
    pytest.param([("国" * 7, False)], 4.572, dict(expansion=2.0), id="stretch-costs-knuth-plass"),
    # 国，国，国 is 0.9 pt short of 5.057 cells: under a point, it still stretches, at its cost
    # (0.01 em = 0.16 pt a gap, 4 gaps: r = 1.4, badness ≈ 278); 国，国，国国, both commas'
    # blanks taken (r = 0.94, badness ≈ 42), costs less: ≈ 52² + 100 ≈ 2797
    pytest.param([("国，国，国国国国国国", False)], 5.057, dict(expansion=0.01), id="under-a-point-short-still-stretches"),
    # the first pass (no line looser than r = 2) keeps 国，国，国，│国国 (≈ 502) over one line
    # that shrinks every comma (3600)
    pytest.param([("国，国，国，国国", False)], 6.5, dict(expansion=1.0), id="tolerance-pass-sets-several-lines"),
    # the first pass scans the lines ending after 国国国　　 from the shortest: 国　　 is too
    # loose (its spaces hang), 国国国　　 is not and must still be reached
    pytest.param([("国国国　　国国国国", False)], 4.0, dict(expansion=1.0), id="tolerance-scan-goes-past-a-loose-line"),
    # on 3 cells, the others 2: a first line 国国国 leaves 国　　　 alone later, far too loose (its
    # spaces hang; one character has no gap to stretch), and 国国 alone is too loose: no
    # setting keeps to the tolerance, and the first pass must not take 国　　　 for a full line
    pytest.param([("国国国国国国　　　国国国国", False)], 3.0, dict(rest=1.0), id="tolerance-of-a-later-line"),
    # on 5.8 cells, the others 2.8: every setting has a line too loose for the first pass (国　　　
    # alone, its spaces hanging, or 国 alone: no gap to stretch), so the second pass's least
    # stands (国　　　国│国│国国); the first pass must not take 国　　　 for a full line
    pytest.param([("国　　　国国国国", False)], 5.8, dict(rest=3.0, expansion=1.0), id="tolerance-pass-judges-without-hanging-spaces"),
]


@pytest.mark.parametrize("parts, measure, options", CASES)
def test_the_breaks_cost_the_least_of_every_legal_setting(fonts, parts, measure, options):
    check(*paragraph(fonts, parts, measure, **options))


def test_a_word_that_leaves_an_orphan_is_split_only_at_the_orphan_level(fonts):
    """国国 as one word of a display line on one cell: splitting it leaves a 孤字, which the
    level that splits words still forbids; only the next level sets it (docs/display-lines.md)."""
    p, spec = paragraph(fonts, [("国国", False)], 1.0, justify=False)
    p.gaps[0] = Gap.INSIDE_WORD
    check(p, spec)
    assert int(linebreak(p, spec).level) == ALLOW_ORPHAN


def _paragraphs():
    token = st.sampled_from(["国", "国国", "人大", "，", "。", "、", "“", "”", "·", SPACE, "AB", "A B", "25", "——"])
    parts = st.lists(st.tuples(st.lists(token, min_size=1, max_size=3).map("".join), st.booleans()),
                     min_size=1, max_size=4)
    return st.fixed_dictionaries(dict(
        parts=parts, measure=st.floats(0.5, 7.0).map(lambda m: round(m, 2)),
        first=st.sampled_from([0.0, 2.0]), rest=st.sampled_from([0.0, 1.0]), justify=st.booleans(),
        compress=st.booleans(), expansion=st.sampled_from([0.05, 0.01, 1.0])))


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=_paragraphs())
def test_breaks_of_small_paragraphs_cost_the_least_of_every_legal_setting(fonts, case):
    p, spec = paragraph(fonts, **case)
    if len(p.chars) > 10 or spec.first_indent >= spec.measure or spec.rest_indent >= spec.measure:
        return
    check(p, spec)
