"""The page optimiser's quick guess at a paragraph one line looser (+1) or tighter (−1)
(text/engine.py `looseness_estimate`), worked out by hand from the rule its docstring states,
on lines made here glyph by glyph so that every width and advance is known.

The numbers used, stated literally:

* the default line rules: 0.05 em a gap at which a line counts fully loose (`max_expansion`),
  ¼ em between Chinese and Latin (clreq
  https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode),
  ¼ em between Latin words;
* the tolerance of a looser or tighter setting: the first pass's, twice `max_expansion` a gap
  (0.1 em);
* Knuth–Plass demerits with their line penalty 10: a line of badness b costs (10 + b)², so a
  line set at badness b costs (10 + b)² − 10² more than one at badness 0; the guess charges each
  of the n lines that, b = 100·r³ looser (r the stretch against the tolerance × 2) and 50·r³
  tighter (compression costs half: 先挤进，后推出, r the last line's width against the room);
* no 孤字 (clreq https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows): a new
  last line takes two characters.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, PlacedGlyph, RunStyle, SetLine, SetParagraph
from bulletin_pdf.text.engine import _cjk_latin_boundaries, looseness_estimate

from .profiles import examples

SIZE = 16.0
RULES = LineRules(cjk_latin_space=0.25, word_space=0.25, max_expansion=0.05)


def line(text: str, indent: float = 0.0, cell: float = SIZE, advance: float = SIZE, width: float | None = None,
         last: bool = False) -> SetLine:
    """A line of `text`, each glyph `advance` pt wide at size 16 in cells of `cell` pt; its set
    width the cells it fills unless given."""
    style = RunStyle("body", SIZE, cell)
    glyphs = tuple(PlacedGlyph(1, ch, k * cell, advance, style) for k, ch in enumerate(text))
    return SetLine(glyphs, indent, len(text) * cell if width is None else width, last)


def para(*lines: SetLine, relaxed: bool = False) -> SetParagraph:
    return SetParagraph(tuple(lines[:-1]) + (SetLine(lines[-1].glyphs, lines[-1].indent, lines[-1].width, True),),
                        relaxed=relaxed)


def extra(n: int, badness: float) -> float:
    """n lines at `badness` against n at 0, Knuth–Plass with line penalty 10."""
    return n * ((10 + badness) ** 2 - 10 ** 2)


MEASURE = 28 * SIZE           # 28 cells of 16 pt
HAN = "产"


def spec(measure: float = MEASURE, rules: LineRules = RULES) -> ParagraphSpec:
    return ParagraphSpec(measure, 0.0, 0.0, True, rules)


def test_a_nearly_full_last_line_can_go_looser_at_the_stretch_it_needs():
    """28, 28 and 27 ideographs: the new last line needs the 1 cell left plus 2 characters, 3 em;
    each line may give up its 27 (26) gaps × 0.1 em = 2.7 (2.6) em, in whole half cells 2.5 em:
    7.5 em in all. r = 3 / 7.5 × 2 = 0.8, badness 100 × 0.8³ = 51.2. No punctuation, no Latin,
    every line full: nothing to take a line's width from, so no tighter setting."""
    p = para(line(HAN * 28), line(HAN * 28), line(HAN * 27))
    assert looseness_estimate(p, spec()) == pytest.approx({1: extra(3, 51.2)})


def test_the_looser_guess_holds_up_to_exactly_the_stretch_there_is():
    """23 ideographs on the last line: it needs 5 + 2 = 7 em, and the lines give up 2.5 + 2.5 +
    (22 × 0.1 = 2.2 → 2.0) = 7 em: exactly the tolerance, r = 2, badness 800. One character fewer
    needs 8 em where the lines still give up 7 (21 × 0.1 = 2.1 → 2.0): no looser setting."""
    assert looseness_estimate(para(line(HAN * 28), line(HAN * 28), line(HAN * 23)), spec()) \
        == pytest.approx({1: extra(3, 800.0)})
    assert looseness_estimate(para(line(HAN * 28), line(HAN * 28), line(HAN * 22)), spec()) == {}


def test_a_two_line_paragraph_has_a_guess_and_a_one_line_one_none():
    """Two lines of 28 and 27: needs 3 em, gives up 2.5 + 2.5 = 5 em, r = 1.2, badness 172.8 over
    two lines. A paragraph of one line gets no guess: the composer gives the optimiser no choice
    for it (compose/flow.py asks only about paragraphs of more than one line)."""
    assert looseness_estimate(para(line(HAN * 28), line(HAN * 27)), spec()) == pytest.approx({1: extra(2, 172.8)})
    assert looseness_estimate(para(line(HAN * 20)), spec()) == {}


def test_a_relaxed_paragraph_or_an_empty_last_line_has_no_guess():
    """A paragraph whose natural setting bent a rule has no looser or tighter setting
    (`set_paragraph_lines`), so no guess at one; nor has a last line with nothing on it."""
    assert looseness_estimate(para(line(HAN * 28), line(HAN * 28), line(HAN * 27), relaxed=True), spec()) == {}
    assert looseness_estimate(para(line(HAN * 28), line(HAN * 28), line("")), spec()) == {}


def test_an_indented_last_line_has_less_room_left():
    """Lines of 26 ideographs after a two-cell indent fill the measure; the last line of 24
    leaves 26 − 24 = 2 cells, + 2 characters: 4 em. Each line gives up 25 (23) × 0.1 → 2.5 (2.0)
    em: 7 em, r = 4 / 7 × 2. The same 24 ideographs without the indent would leave 4 cells."""
    p = para(line(HAN * 26, 2 * SIZE), line(HAN * 26, 2 * SIZE), line(HAN * 24, 2 * SIZE))
    assert looseness_estimate(p, spec()) == pytest.approx({1: extra(3, 100 * (4 / 7 * 2) ** 3)})


def test_a_line_with_latin_gives_up_its_stretch_in_full_not_in_half_cells():
    """ESG + 25 ideographs (27 gaps: 2.7 em, not rounded down: a Latin word leaves the line off
    the grid anyway), 28 ideographs (2.5 em), a last line of 25 (24 gaps, 2.4 → 2.0 em): 7.2 em
    against the 3 + 2 = 5 em needed."""
    p = para(line("ESG" + HAN * 25), line(HAN * 28), line(HAN * 25))
    assert looseness_estimate(p, spec()) == pytest.approx({1: extra(3, 100 * (5 / 7.2 * 2) ** 3)})


def test_a_looser_guess_scales_with_the_expansion_the_layout_allows():
    """max_expansion 0.1 em: 0.2 em a gap at the tolerance; 28, 28, 27 ideographs give up
    27 × 0.2 = 5.4 → 5.0, 5.0 and 26 × 0.2 = 5.2 → 5.0 em: 15 em for the 3 needed, r = 0.4."""
    rules = LineRules(cjk_latin_space=0.25, word_space=0.25, max_expansion=0.1)
    p = para(line(HAN * 28), line(HAN * 28), line(HAN * 27))
    assert looseness_estimate(p, spec(rules=rules)) == pytest.approx({1: extra(3, 100 * 0.4 ** 3)})


def test_a_short_last_line_goes_into_the_punctuation_blanks_above_it():
    """Two lines of 14 ideograph–comma pairs: 14 blanks of half a cell each, 8 pt, 224 pt in
    all (the second line is 29 glyphs, a cell over the measure at full advance: a line set
    compressed has no stretch to give, never a negative one). The last line 产产产。 is 64 pt:
    r = 64 / 224, badness 50 r³; its own full stop is not counted (nothing follows it to take
    the room). Looser: it would need 28 − 4 + 2 = 26 em where the lines give up 2.5 + 2.5 + 0."""
    p = para(line("产，" * 14), line("产，" * 14 + HAN), line("产产产。"))
    assert looseness_estimate(p, spec()) == pytest.approx({-1: extra(3, 50 * (64 / 224) ** 3)})


def test_the_tighter_guess_holds_up_to_exactly_the_room_there_is():
    """A last line of 14 ideographs, 224 pt, as wide as the 28 blanks above it: r = 1, badness
    50; one more ideograph and it no longer fits."""
    assert looseness_estimate(para(line("产，" * 14), line("产，" * 14), line(HAN * 14)), spec()) \
        == pytest.approx({-1: extra(3, 50.0)})
    assert looseness_estimate(para(line("产，" * 14), line("产，" * 14), line(HAN * 15)), spec()) == {}


def test_a_short_last_line_goes_into_the_chinese_latin_spaces():
    """产A repeated: 27 places where a Latin letter meets an ideograph, each a ¼ em space that may
    lose half of itself (⅛ em, 2 pt): 54 pt, on the last line's own boundaries too (产A产: 2,
    4 pt more). The last line is 48 pt: r = 48 / 58. A full-width line without Latin gives
    nothing here."""
    p = para(line("产A" * 14), line(HAN * 28), line("产A产"))
    assert looseness_estimate(p, spec()) == pytest.approx({-1: extra(3, 50 * (48 / 58) ** 3)})
    rules = LineRules(cjk_latin_space=0.125, word_space=0.25, max_expansion=0.05)   # half: 27 pt + 2
    assert looseness_estimate(p, spec(rules=rules)) == {}


def test_a_short_last_line_goes_into_the_word_spaces():
    """产 and a word space 14 times a line, twice: 28 spaces of ¼ em that may each lose a third
    (1⅓ pt): 37⅓ pt for a last line of 32 pt. A space next to an ideograph is no Chinese–Latin
    boundary (nothing is gained there)."""
    p = para(line("产 " * 14), line("产 " * 14), line(HAN * 2))
    assert looseness_estimate(p, spec()) == pytest.approx({-1: extra(3, 50 * (32 / (28 * 4 / 3)) ** 3)})
    p = para(line("产 " * 14), line("产 " * 14), line(HAN * 3))    # 48 pt: more than there is
    assert looseness_estimate(p, spec()) == {}


def test_a_short_last_line_goes_into_a_line_the_natural_setting_ended_short():
    """Cells of 15 pt for a 16 pt face (tracked to the grid): 28 cells, 420 pt. A first line of
    26 ideographs fills 26 cells (each glyph's 16 pt advance takes its 15 pt cell): 30 pt short,
    which a tighter setting fills — exactly the 2-cell last line, r = 1."""
    cell = 15.0
    p = para(line(HAN * 26, cell=cell), line(HAN * 28, cell=cell), line(HAN * 2, cell=cell))
    assert looseness_estimate(p, spec(28 * cell)) == pytest.approx({-1: extra(3, 50.0)})
    p = para(line(HAN * 27, cell=cell), line(HAN * 28, cell=cell), line(HAN * 2, cell=cell))   # 15 pt short
    assert looseness_estimate(p, spec(28 * cell)) == {}


def test_an_indented_line_is_short_by_its_indent_less():
    """Two-cell indents on lines of 26 ideographs: full, nothing to give; with the indent
    counted as room they would hold the 2-ideograph last line."""
    p = para(line(HAN * 26, 2 * SIZE), line(HAN * 26, 2 * SIZE), line(HAN * 2, 2 * SIZE))
    assert looseness_estimate(p, spec()) == {}


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet="产，。é—A9z ,.-", max_size=12))
@example("产A产")          # 2: a letter between two ideographs
@example("A产")
@example("产9")
@example("ESG产ESG")       # 2
@example("3,560产")        # 1: the comma is ASCII, no space goes beside it
@example("产 A")           # 0: a word space is already there
@example("A,产")
@example("，A")            # 1: a full-width comma is not ASCII
@example("é产")            # 0: é is a letter but not ASCII: no Latin–CJK space rule applies
@example("产é")
@example("AB9产")          # 1
def test_cjk_latin_boundaries_are_where_a_latin_letter_or_digit_meets_a_non_ascii_character(text):
    """The places where clreq's space between Chinese and Western text may go
    (https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode),
    as `_cjk_latin_boundaries`' docstring counts them: an ASCII letter or digit next to a
    character outside ASCII, counted once a pair."""
    expected = sum(1 for a, b in zip(text, text[1:])
                   if (_latin(a) and not b.isascii()) or (_latin(b) and not a.isascii()))
    assert _cjk_latin_boundaries(text) == expected

