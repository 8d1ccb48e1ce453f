"""text/words.py's `keep_words` and `split_words`, text/prepare.py's marks, case by case.

Each case is worked out by hand from the contract the function's docstring states, with the
stand-in font of tests/test_prepare.py (an ideograph or a full-width form 1 em, the cell 12 pt,
so widths are sums of 12 pt cells):

* `keep_words`: a display line that fits on one line at its natural width is left as `prepare`
  made it; one that does not, or fits only by compressing its punctuation, has its breaks
  inside words marked; the part before a unit in brackets closing the text is kept whole, and
  the unit may stand alone on the last line (`unit_start`), only when that part fits on a line
  (docs/display-lines.md);
* `split_words`: the warning names, for each break that cuts a word, the whole word around the
  cut — the characters joined to the cut by gaps inside the word, no more;
* `prepare`: a glyph id is a glyph of the font whatever its number; glyph 0 (the font's
  `.notdef`, OpenType `glyf`/`CFF` "glyph 0") sets a character the font lacks and is still the
  mark's glyph, its blank read from the font's `halt` like any other.

The words are stated here as a reader splits them (预算, 编制, 决算, 监督; 设施│数), not taken
from the segmenter.
"""

from __future__ import annotations

from types import SimpleNamespace

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec
from bulletin_pdf.text.types import Gap, Kind
from bulletin_pdf.text.words import keep_words, split_words, word_costs

from .test_prepare import CELL, Font, prep

HAN_HAN_FREE = (Gap.FREE, 0.0)      # what `prepare` makes of a gap between two ideographs


def display(measure: float, justify: bool = False) -> ParagraphSpec:
    return ParagraphSpec(measure, justify=justify, rules=LineRules(), words=True)


def gaps(p) -> list[tuple[Gap, float]]:
    return list(zip(p.gaps, p.gap_penalty))


# --- keep_words: which display lines are marked ----------------------------------------------

def test_a_display_line_that_fits_at_its_natural_width_is_left_as_prepared():
    """预算编制决算监督: 8 cells, 96 pt, on a 120 pt measure — it fits with room to spare, and
    the room is not a reason to break it, whether the spec justifies or not (the line is its
    paragraph's last and only line: it is not stretched)."""
    for justify in (False, True):
        p = prep("预算编制决算监督")
        keep_words(p, display(120.0, justify))
        assert gaps(p) == [HAN_HAN_FREE] * 7, justify
        assert p.unit_start == -1


def test_a_display_line_that_fits_only_by_compressing_its_comma_is_still_marked():
    """预算编制，决算监督: 9 cells, 108 pt; the comma's right half (6 pt, its `halt` form) may
    be compressed, so it fits 104 pt only squeezed — it may still break, between words: the
    gap inside 预算 becomes a break inside a word, the one between 预算 and 编制 stays free."""
    font = Font(halves={"，": (0.0, 0.5)})
    p = prep("预算编制，决算监督", font)
    assert p.blank_right[4] == CELL / 2
    keep_words(p, display(104.0))
    assert p.gaps[0] is Gap.INSIDE_WORD            # 预│算
    assert p.gaps[1] is Gap.FREE                   # 预算│编制
    assert p.gaps[2] is Gap.INSIDE_WORD            # 编│制
    assert p.gaps[5] is Gap.INSIDE_WORD            # 决│算
    assert p.gaps[7] is Gap.INSIDE_WORD            # 监│督


def test_the_part_before_a_unit_is_kept_whole_when_it_fits_a_line():
    """设施数（万处）: 7 cells, 84 pt, on 40 pt: 设施数 (36 pt) fits, so it is one word (no break
    in it at all, not even 设施│数) and the unit may end the text alone (`unit_start` 3)."""
    p = prep("设施数（万处）")
    keep_words(p, display(40.0))
    assert p.gaps[:2] == [Gap.INSIDE_WORD, Gap.INSIDE_WORD]
    assert p.unit_start == 3


def test_the_part_before_a_unit_that_does_not_fit_is_broken_between_its_words():
    """设施数（万处） on 30 pt: 设施数 (36 pt) does not fit a line, though 设施 or 施数 (24 pt)
    would; so it is not kept whole: 设施│数 stays a break (next to a one-character word, with
    a penalty), 设│施 is inside a word, and no unit is set apart."""
    p = prep("设施数（万处）")
    keep_words(p, display(30.0))
    assert p.gaps[0] is Gap.INSIDE_WORD
    assert p.gaps[1] is Gap.FREE and p.gap_penalty[1] > 0
    assert p.unit_start == -1


def test_a_one_character_name_before_a_unit_lets_the_unit_stand_alone():
    """数（个）: 4 cells, 48 pt, on 30 pt: 数 fits a line, so the unit （个） alone on the last
    line is not a 孤字 (`unit_start` 1: `达标率│（%）` with a name of one character)."""
    p = prep("数（个）")
    keep_words(p, display(30.0))
    assert p.unit_start == 1


def test_the_break_between_a_name_and_its_unit_costs_nothing():
    """设施数（万处） whose name does not fit a line: the name is cut as the segmenter cuts it
    (设施│数, a break next to a one-character word, penalised), the unit is one word, and the
    break between the name and its unit is a plain boundary between words, free of any
    penalty even though the name ends in that one-character word (设施数│（万处）, as
    tests/test_display_words.py's UNIT_CELLS set such a cell)."""
    costs = word_costs("设施数（万处）", head_fits=False)
    inside = costs[0]                                   # 设│施
    assert costs[1] > 0 and costs[1] < inside           # 设施│数
    assert costs[2] == 0.0                              # 设施数│（万处）
    assert costs[3:] == [inside] * 3                    # （│万│处│）


# --- split_words: the words a break cuts ------------------------------------------------------

def marked(words: list[str]) -> SimpleNamespace:
    """A prepared display line as `mark_words` leaves it: the gaps inside each word
    INSIDE_WORD, those between two words FREE (`split_words` reads only chars and gaps)."""
    chars = list("".join(words))
    gaps_: list[Gap] = []
    for k, w in enumerate(words):
        gaps_ += [Gap.INSIDE_WORD] * (len(w) - 1)
        if k + 1 < len(words):
            gaps_.append(Gap.FREE)
    return SimpleNamespace(chars=chars, gaps=gaps_)


def cuts(p, ends) -> tuple[str, ...]:
    message = split_words(p, ends)
    return message.params["cut"] if message else ()


def test_the_warning_names_exactly_the_word_each_break_cuts():
    """在│人大常委会│监督│钱袋子: a break after 在 cuts nothing; one after 人大常 cuts 人大常委会,
    named with nothing of 在 before it nor of 监督 after it; the text's end is no cut."""
    p = marked(["在", "人大常委会", "监督", "钱袋子"])
    assert cuts(p, (0, 10)) == ()
    assert cuts(p, (0, 3, 10)) == ("人大常│委会",)
    assert cuts(p, (3, 5, 10)) == ("人大常│委会",)
    assert cuts(p, (2, 6, 8, 10)) == ("人大│常委会", "监│督", "钱│袋子")


def test_a_cut_word_whose_last_part_is_one_character_is_named_without_the_next_word():
    """钱袋子│监督 cut as 钱袋│子监督: the warning names 钱袋│子, not 钱袋│子监."""
    p = marked(["钱袋子", "监督"])
    assert cuts(p, (1, 4)) == ("钱袋│子",)
    assert cuts(p, (1, 3, 4)) == ("钱袋│子", "监│督")


# --- prepare: glyph 0 ------------------------------------------------------------------------

def test_a_mark_set_by_glyph_zero_is_still_a_mark_with_its_blank():
    """A font that lacks （ sets it with glyph 0 (.notdef): still an opening mark of a full
    cell whose left half is blank, as the font's `halt` says (0.5 em of a 1 em advance: half
    the 12 pt cell); the glyph's id, 0, is kept."""
    font = Font(ligatures={"（": [(0, 1.0, 1.0, 0.0, 0.0)]}, halves={"（": (0.5, 0.0)})
    p = prep("见（一）", font)
    assert p.gids[1] == 0
    assert p.kinds[1] is Kind.OPEN
    assert (p.width[1], p.blank_left[1], p.blank_right[1]) == (CELL, CELL / 2, 0.0)
