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
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.engine import set_paragraph_lines, set_prepared
from bulletin_pdf.text.linebreak import Strictness, _loose_tops, line_fit, linebreak_lines, prefix_sums
from bulletin_pdf.text.prepare import prepare
from bulletin_pdf.text.types import Gap

from .profiles import examples

MEASURE = 156 * 72 / 25.4
CELL = MEASURE / 28          # body text: 28 cells on the measure (GB/T 9704 §5.2.3)
BODY = RunStyle("body", 16.0, CELL)

#: Punctuation of the alphabets drawn below (GB/T 15834-2011): not counted by the 孤字 rule
#: nor by the short-last-line demerits.
PUNCTUATION = set("，。、“”（）—…·\u3000")
LINE, SHORT, MOST_BADNESS = 10.0, 150.0, 100.0 * 2.0 ** 3


def style(size: float) -> RunStyle:
    """Body text at 16 pt keeps the grid's cell; another size is its own cell."""
    return BODY if size == 16 else RunStyle("body", size, size)


def prepared(fonts, parts, rules: LineRules):
    return prepare([Span(text, style(size)) for text, size in parts], fonts, rules)


def ends_of(found) -> dict[int, tuple[int, ...]]:
    """count → ends, checking on the way that every setting says it kept the strict rules."""
    assert all(breaks.level is Strictness.STRICT for breaks in found.values())
    return {count: breaks.ends for count, breaks in found.items()}


def test_a_line_less_than_a_hundredth_of_a_point_short_is_full_whatever_its_gaps(fonts):
    """A line of one Latin unit has no gap to stretch; 0.005 pt short of the measure it is full
    (justified to 0.01 pt). The natural setting of `AIGC│产产` on that measure is those two
    lines, within every rule: asked for two lines, the looseness search finds them, and asked
    for the natural count (TeX's \\looseness=0) the natural lines come back. (Letters: a
    number keeps the Chinese unit after it, `2025产` is not parted.)"""
    prep = prepare([Span("AIGC产产", BODY)], fonts, LineRules())
    spec = ParagraphSpec(sum(prep.width[:4]) + 0.005, 0.0, 0.0, True, LineRules())
    natural = set_prepared(prep, spec)
    assert [line.text for line in natural.lines] == ["AIGC", "产产"] and not natural.relaxed
    found = linebreak_lines(prep, spec, (1, 2, 3))
    assert {count: breaks.ends for count, breaks in found.items()} == {2: (3, 5)}
    same = set_paragraph_lines(prep, spec, natural, (0,))
    assert [line.text for line in same[0][0].lines] == ["AIGC", "产产"]


def _solid(chars) -> int:
    return sum(1 for ch in chars if ch not in PUNCTUATION)


def _every_setting(prep, spec, most: int) -> dict[tuple[int, ...], float]:
    """Every breaking into at most `most` lines that keeps the rules of the module docstring,
    with its demerits — found by trying every allowed break, not by a programme."""
    chars, n = prep.chars, len(prep.chars)
    pre = prefix_sums(prep)
    allowed = [b for b, gap in enumerate(prep.gaps) if gap is Gap.FREE] + [n - 1]
    out: dict[tuple[int, ...], float] = {}

    def visible_width(a: int, b: int) -> float:
        """The line's atoms less every blank they may give up, trailing ideographic spaces
        hanging: no line is narrower; a line one atom longer is no narrower."""
        while b > a and chars[b] == "\u3000":
            b -= 1
        return sum(prep.width[a:b + 1]) - sum(prep.blank_left[a:b + 1]) - sum(prep.blank_right[a:b + 1])

    def walk(a: int, ends: list[int], cost: float) -> None:
        if len(ends) == most:
            return
        for b in allowed:
            if b < a:
                continue
            if visible_width(a, b) > spec.measure + 1.0:
                break
            last = b == n - 1
            if last and a > 0 and _solid(chars[a:]) < 2:
                continue                                        # 孤字
            need, badness, feasible = line_fit(prep, spec, pre, a, b, last)
            if not feasible or (spec.justify and not last and need > 0 and badness > MOST_BADNESS):
                continue
            line = (LINE + badness) ** 2 + (0.0 if last else prep.gap_penalty[b])
            if last:
                if a > 0:
                    line += SHORT * max(0, 4 - _solid(chars[a:]))
                out[tuple(ends + [b])] = cost + line
            else:
                walk(b + 1, ends + [b], cost + line)

    walk(0, [], 0.0)
    return out


piece = st.sampled_from(["国", "人大", "产产产", "，", "。", "、", "“", "”", "（", "）", "——", "ESG", "2025",
                         "\u3000", "·"])
parts = st.lists(st.tuples(st.lists(piece, min_size=1, max_size=5).map("".join), st.sampled_from([16, 12, 8, 6])),
                 min_size=1, max_size=3)


@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=parts, measure=st.sampled_from([2.0, 3.0, 4.5, 6.0, 9.0]).map(lambda cells: cells * CELL),
       first=st.sampled_from([0.0, CELL, 2 * CELL]), rest=st.sampled_from([0.0, CELL]), justify=st.booleans(),
       expansion=st.sampled_from([0.05, 0.15, 1.0]), compress=st.booleans(),
       penalties=st.dictionaries(st.integers(0, 30), st.sampled_from([20.0, 200.0, 1000.0]), max_size=3))
@example(parts=[("国国", 16), ("国", 6), ("“国国", 16)], measure=46.5, first=0.0, rest=0.0, justify=False,
         expansion=0.05, compress=False, penalties={})
#        a line that cannot fit (“ keeps its blank at a line start) before a longer one that can
@example(parts=[("国" * 8, 8)], measure=32.008, first=0.0, rest=0.0, justify=True, expansion=1.0,
         compress=False, penalties={})
#        a line too loose by a hair before a longer one within the tolerance
@example(parts=[("国国，国国", 16)], measure=3.5 * CELL, first=0.0, rest=0.0, justify=False, expansion=0.05,
         compress=False, penalties={})
#        a last line that must shrink its punctuation
@example(parts=[("国国国国", 16)], measure=4 * CELL, first=0.0, rest=0.0, justify=False, expansion=0.05,
         compress=False, penalties={0: 200.0})
#        a display line's costly break (text/words.py) against a short last line
def test_each_line_count_gets_the_cheapest_of_every_legal_breaking(fonts, parts, measure, first, rest, justify,
                                                                  expansion, compress, penalties):
    """For each line count asked, `linebreak_lines` finds a setting exactly when one keeps the
    rules (the brute force above), and one of least demerits; asked for that count alone, the
    same. Mixed sizes, indents, ragged lines, the layout's expansion and the penalties a display
    line's words put on breaks (text/words.py) all vary here."""
    rules = LineRules(max_expansion=expansion, compress_opening_at_line_start=compress)
    prep = prepared(fonts, parts, rules)
    if len(prep.chars) > 24:
        return          # the brute force grows fast; the paragraphs above are plenty
    for gap, penalty in penalties.items():
        if gap < len(prep.gaps) and prep.gaps[gap] is Gap.FREE:
            prep.gap_penalty[gap] = penalty
    spec = ParagraphSpec(measure, first if measure > 3 * CELL else 0.0, rest if measure > 3 * CELL else 0.0,
                         justify, rules)
    counts = tuple(range(1, 7))
    every = _every_setting(prep, spec, max(counts))
    cheapest: dict[int, float] = {}
    for ends, cost in every.items():
        cheapest[len(ends)] = min(cost, cheapest.get(len(ends), cost))
    found = ends_of(linebreak_lines(prep, spec, counts))
    assert set(found) == set(cheapest), ("".join(prep.chars), found, cheapest)
    for count, ends in found.items():
        assert len(ends) == count and ends in every
        assert every[ends] == pytest.approx(cheapest[count], rel=1e-9, abs=1e-6), ("".join(prep.chars), ends)
        alone = ends_of(linebreak_lines(prep, spec, (count,)))
        assert every[alone[count]] == pytest.approx(cheapest[count], rel=1e-9, abs=1e-6)


def test_no_count_asked_or_no_text_gives_no_setting(fonts):
    """A setting for each count asked: none asked (or only 0 lines), none given; an empty
    paragraph has no setting in any number of lines."""
    spec = ParagraphSpec(6 * CELL, 0.0, 0.0, True, LineRules())
    prep = prepared(fonts, [("国" * 10, 16)], spec.rules)
    assert linebreak_lines(prep, spec, ()) == {}
    assert linebreak_lines(prep, spec, (0,)) == {}
    assert ends_of(linebreak_lines(prep, spec, (0, 2))) == {2: (5, 9)}
    empty = prepared(fonts, [], spec.rules)
    assert linebreak_lines(empty, spec, (1, 2)) == {}


@pytest.mark.parametrize("text, cells, counts, expected", [
    # a trailing ideographic space hangs past the measure (CSS Text 3 §4.1.3): 国国国 fills
    # 3 cells and its U+3000 (no line starts with one) stands outside
    ("国国国\u3000国国国", 3, (1, 2), {2: (3, 6)}),
    # a closing mark ending a line gives up its blank half (GB/T 15834-2011 5.1.10): 国国国，
    # takes 3.5 cells there
    ("国国国，国国国", 3.5, (1, 2), {2: (3, 6)}),
    # 孤字: two characters on a one-cell measure have no setting (the second alone would end it)
    ("国国", 1, (1, 2), {}),
    ("国国国国", 2, (1, 2, 3), {2: (1, 3)}),
])
def test_lines_that_fit_only_by_the_rules_of_the_line_end(fonts, text, cells, counts, expected):
    """Justified, one size: each of these settings is the only one (worked out by hand)."""
    spec = ParagraphSpec(cells * CELL, 0.0, 0.0, True, LineRules())
    prep = prepared(fonts, [(text, 16)], spec.rules)
    assert ends_of(linebreak_lines(prep, spec, counts)) == expected


@pytest.mark.parametrize("text, cells, count, expected", [
    # 2 lines of 国×10 on 6 cells: 4|6, 5|5 and 6|4 cost 2 × 100 each (no short last line);
    # the shortest last line wins the tie
    ("国" * 10, 6, 2, (5, 9)),
    # 国×8: 2|6, 3|5, 4|4 cost 200, 5|3 costs 200 + 150 (one character short of 4), 6|2 + 300
    ("国" * 8, 6, 2, (3, 7)),
    # 4 lines of 国×6 on 2 cells: the last line holds 2, the three before 2+1+1, 1+2+1 or
    # 1+1+2, all at 4 × 100 + 300; at each end the shorter line wins: 国国│国│国│国国
    ("国" * 6, 2, 4, (1, 2, 3, 5)),
])
def test_ragged_lines_tie_to_the_shorter_last_line(fonts, text, cells, count, expected):
    """Ragged lines (not justified) have badness 0: each costs (10 + 0)² = 100, and only a
    short last line adds 150 per character it lacks of 4, so many settings tie. The programme is
    `_best_path`'s with a line count added (its docstring), and ties go, as there, to the shorter
    last line at every end — so asked for the natural count the natural breaks come back."""
    spec = ParagraphSpec(cells * CELL, 0.0, 0.0, False, LineRules())
    prep = prepared(fonts, [(text, 16)], spec.rules)
    assert ends_of(linebreak_lines(prep, spec, (count,))) == {count: expected}
    natural = set_prepared(prep, spec)
    if len(natural.lines) == count:
        assert [len(line.text) for line in natural.lines] == [b - a for a, b in zip((-1,) + expected, expected)]


@pytest.mark.parametrize("r, expected", [
    (1.9, {2: (1, 3)}),        # badness 100 × 1.9³ = 686: within
    (2.0, {2: (1, 3)}),        # exactly at the tolerance (r ≤ 2, badness 800): within
    (2.003, {}),               # past it: 国国│国国 is the only setting left, and it is not one
])
def test_no_line_but_the_last_stretches_past_the_tolerance(fonts, r, expected):
    """国国国国 at 8 pt, 8 pt a cell, with `max_expansion` 1/32 em (0.25 pt a gap at badness
    100): on a measure of 16 + 0.25·2·r pt, 国国 needs r × what its one gap gives. 国│国国国
    cannot stretch a lone character, 国国国│国 is a 孤字: the two-line setting stands or falls
    with 国国│国国. (1/32 and these sums are exact in binary: r = 2 is exactly the limit.)"""
    rules = LineRules(max_expansion=1 / 32)
    spec = ParagraphSpec(16.0 + 0.25 * r, 0.0, 0.0, True, rules)
    prep = prepared(fonts, [("国国国国", 8)], rules)
    need, badness, feasible = line_fit(prep, spec, prefix_sums(prep), 0, 1, False)
    assert feasible and need == pytest.approx(0.25 * r) and badness == pytest.approx(100 * r ** 3)
    assert r != 2.0 or badness == MOST_BADNESS           # the limit itself, to the bit
    assert ends_of(linebreak_lines(prep, spec, (1, 2, 3))) == expected


def test_a_line_too_loose_does_not_hide_a_longer_one_within_the_tolerance(fonts):
    """国×8 at 8 pt with `max_expansion` 1 em (8 pt a gap) on 32.008 pt: a line of 2 needs
    16.008 pt from its one gap, r = 2.001 (too loose); of 3, 8.008 pt from 2 gaps (r = 0.5); of
    4, 0.008 pt (full). Two lines: 4|4; three: 3|3|2 (a line of 2 before the last is too loose,
    a last line of 1 a 孤字)."""
    rules = LineRules(max_expansion=1.0)
    spec = ParagraphSpec(32.008, 0.0, 0.0, True, rules)
    prep = prepared(fonts, [("国" * 8, 8)], rules)
    assert ends_of(linebreak_lines(prep, spec, (2, 3))) == {2: (3, 7), 3: (2, 5, 7)}


@pytest.mark.parametrize("expansion, expected", [
    # 27 cells on 28: the line needs 1 cell (15.79 pt) from 26 gaps of 0.15 em (2.4 pt) each:
    # r = 0.253, badness 1.62: (10 + 1.62)² + 100 = 235 beats 28│3 at 100 + 100 + 150 = 350
    (0.15, (26, 30)),
    # with 0.08 em a gap, r = 0.475, badness 10.7: (20.7)² + 100 = 528 loses to 350
    (0.08, (27, 30)),
])
def test_a_short_last_line_weighed_against_a_looser_line(fonts, expansion, expected):
    """产×31 on 28 cells in two lines: 28│3 costs a short last line (150 for the one character
    it lacks of 4), 27│4 a line stretched by one cell; 26│5 stretches by two (badness 14.6 and
    96: dearer than both). Which wins depends on the squares of (10 + badness), worked out
    above."""
    rules = LineRules(max_expansion=expansion)
    spec = ParagraphSpec(28 * CELL, 0.0, 0.0, True, rules)
    prep = prepared(fonts, [("产" * 31, 16)], rules)
    assert ends_of(linebreak_lines(prep, spec, (2,))) == {2: expected}


def test_a_costly_break_weighed_against_a_short_last_line(fonts):
    """国国国国 ragged on 4 cells, the break after the first 国 costing 200 (as text/words.py
    charges a break inside a display line's word): 国│国国国 costs 100 + 200 + 100 + 150 (a last
    line of 3) = 550, 国国│国国 100 + 100 + 300 = 500, 国国国│国 is a 孤字."""
    spec = ParagraphSpec(4 * CELL, 0.0, 0.0, False, LineRules())
    prep = prepared(fonts, [("国国国国", 16)], spec.rules)
    prep.gap_penalty[0] = 200.0
    assert ends_of(linebreak_lines(prep, spec, (2,))) == {2: (1, 3)}


def test_a_last_line_that_must_shrink_pays_for_it(fonts):
    """国国，国国 ragged on 3.5 cells: 国│国，国国 must take the comma's blank half inside the last
    line (r = 1, badness 0.5 × 100 = 50: (10 + 50)² = 3600, + 150 for a last line of 3);
    国国，│国国 takes it at the line end, free (GB/T 15834-2011 5.1.10): 100 + 100 + 300 = 500."""
    spec = ParagraphSpec(3.5 * CELL, 0.0, 0.0, False, LineRules())
    prep = prepared(fonts, [("国国，国国", 16)], spec.rules)
    assert ends_of(linebreak_lines(prep, spec, (2,))) == {2: (2, 4)}


# -- `_loose_tops`, the bound the search prunes with ------------------------------------------

tops_piece = st.sampled_from(["国", "产产产", "，", "“", "ESG", "i", "\u200b", "——", "\u3000"])
tops_parts = st.lists(st.tuples(st.lists(tops_piece, min_size=1, max_size=8).map("".join), st.sampled_from([16, 8, 3])),
                      min_size=1, max_size=3)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=tops_parts, cells=st.sampled_from([1.5, 3.0, 6.0, 10.0]), first=st.sampled_from([0.0, 1.0, 2.0]),
       rest=st.sampled_from([0.0, 1.0]), expansion=st.sampled_from([0.05, 0.5]))
@example(parts=[("国" * 40, 16)], cells=10.0, first=2.0, rest=1.0, expansion=0.05)
@example(parts=[("国ESG\u200b国，“国国——国i", 8), ("国" * 12, 16)], cells=3.0, first=1.0, rest=0.0, expansion=0.05)
@example(parts=[("国" * 12, 8)], cells=3.0, first=0.0, rest=0.0, expansion=0.05)       # c = 0.8 pt a gap
def test_loose_tops_bounds_exactly_the_lines_that_may_be_within_the_tolerance(fonts, parts, cells, first, rest,
                                                                              expansion):
    """`_loose_tops`' contract (its docstring): for each end b, the largest start a ≥ 1 whose line
    a..b, its gaps stretched by the tolerance (2 × `max_expansion` em each, at the paragraph's
    largest size), comes within 0.01 pt of the measure less its indent; failing any, 0 if the
    first line (its own indent) does, else −1. Its widths, spaces and stretch are never negative
    here, so it gives a bound. And it is safe: no line that `line_fit` finds within the
    tolerance (full, or stretched to badness ≤ 800) starts after it."""
    rules = LineRules(max_expansion=expansion)
    spec = ParagraphSpec(cells * CELL, first * CELL, rest * CELL, True, rules)
    prep = prepared(fonts, parts, rules)
    n = len(prep.chars)
    pre = prefix_sums(prep)
    tops = _loose_tops(prep, spec, pre, expansion * 2.0)
    assert tops is not None and len(tops) == n
    c = 2.0 * expansion * max(st.size for st in prep.styles)

    def margin(a: int, b: int) -> float:
        """How far line a..b, stretched to the tolerance, reaches past its measure less 0.01 pt."""
        natural = sum(prep.width[a:b + 1]) + sum(prep.gap_space[a:b])
        measure = spec.measure - (spec.first_indent if a == 0 else spec.rest_indent)
        return natural + c * sum(prep.gap_stretch[a:b]) - (measure - 0.01)

    for b in range(n):
        margins = [margin(a, b) for a in range(b + 1)]
        if any(abs(m) < 1e-5 for m in margins):
            continue        # on the boundary, to rounding: either answer is safe
        reaching = [a for a in range(1, b + 1) if margins[a] > 0]
        expected = max(reaching) if reaching else (0 if margins[0] > 0 else -1)
        assert tops[b] == expected, ("".join(prep.chars), b, tops[b], expected)
        for a in range(b + 1):
            need, badness, feasible = line_fit(prep, spec, pre, a, b, False)
            if feasible and (need <= 0 or badness <= MOST_BADNESS):
                assert a <= tops[b], ("".join(prep.chars), a, b, need, badness)


def test_loose_tops_gives_no_bound_where_a_line_may_narrow_as_it_grows(fonts):
    """The bisection needs `reach` never to fall as a line grows: a negative width (a glyph
    kerned back), gap space or stretch breaks that, and `_loose_tops` must then say it has no
    bound (None: the search scans every start) rather than a wrong one."""
    rules = LineRules()
    spec = ParagraphSpec(3 * CELL, 0.0, 0.0, True, rules)
    for field in ("width", "gap_space", "gap_stretch"):
        prep = prepared(fonts, [("国国ESG国国", 16)], rules)
        assert _loose_tops(prep, spec, prefix_sums(prep), 0.1) is not None
        getattr(prep, field)[2] = -1.0
        prep.sums = None
        assert _loose_tops(prep, spec, prefix_sums(prep), 0.1) is None, field
