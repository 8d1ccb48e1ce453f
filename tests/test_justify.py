"""Where `text/justify.py` places each glyph of a line, worked out by hand from the rules its
docstring states (clreq https://www.w3.org/International/clreq/#line_adjustment, JIS X 4051
§4.9's order of adjustment, GB/T 15834-2011 5.1.10 for the blank half of a closing mark):

* a line too short spreads what it lacks over its gaps in proportion to each gap's stretch
  weight (a gap of weight 0, inside a Latin word, never grows); the last line of a paragraph,
  and a paragraph not justified, keep their natural spacing;
* a line too long first loses the blank half of the closing mark at its end, then the blanks
  of its inner punctuation and the shrink of its gaps, all by the same fraction of what each
  can give — never more than all of it (an emergency line that cannot shrink enough stays
  overfull);
* trailing ideographic spaces hang: the line is adjusted as if it ended before them, they
  follow at their natural width, and the line's width is that of what does not hang
  (CSS Text 3 §4.1.3, after JLReq);
* the first line of a paragraph is indented by the first-line indent, the others by the rest
  indent, and the measure they fill is what the indent leaves.

The paragraphs are built atom by atom (`Prepared` is the engine's plain working record) with
round widths, so each expected position is a sum done by hand in the test, not a number read
back from the engine.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle
from bulletin_pdf.text.classes import Kind
from bulletin_pdf.text.justify import justify
from bulletin_pdf.text.types import ClusterGlyph, Gap, Prepared

from .profiles import examples

STYLE = RunStyle("body", 10.0, 10.0)
H, O, C, L = Kind.HAN, Kind.OPEN, Kind.CLOSE, Kind.LATIN
#: U+3000 IDEOGRAPHIC SPACE
IDEO = "\u3000"


def atoms(items, gaps=None) -> Prepared:
    """A paragraph of atoms: each item (char, kind, width, blank_left, blank_right), its glyph
    id its index; `gaps`: (space, stretch, shrink) of each gap (default: 0, weight 1, 0 — two
    ideographs' gap)."""
    n = len(items)
    gaps = gaps if gaps is not None else [(0.0, 1.0, 0.0)] * (n - 1)
    assert len(gaps) == n - 1
    return Prepared(
        chars=[i[0] for i in items], styles=[STYLE] * n, gids=list(range(n)),
        owns=[float(i[2]) for i in items], clusters={}, kinds=[i[1] for i in items],
        width=[float(i[2]) for i in items],
        # an opening mark's blank is already out of its origin only when compressed; here none is
        shift=[0.0] * n,
        blank_left=[float(i[3]) for i in items], blank_right=[float(i[4]) for i in items],
        gap_space=[float(g[0]) for g in gaps], gap_stretch=[float(g[1]) for g in gaps],
        gap_shrink=[float(g[2]) for g in gaps], gaps=[Gap.FREE] * (n - 1), gap_penalty=[0.0] * (n - 1),
        units=[])


def han(text: str):
    return [(ch, H, 10, 0, 0) for ch in text]


def xs(line) -> list[float]:
    return [round(g.x, 6) for g in line.glyphs]


def test_a_short_line_spreads_what_it_lacks_in_proportion_to_each_gaps_stretch():
    # four cells of 10 pt and a 1 pt space (41 pt) on a 47 pt measure: 6 pt to give, over
    # gaps weighted 1, 2, 0 (the last inside a Latin word: never spaced) -> +2, +4, +0
    p = atoms(han("一二") + [("A", L, 10, 0, 0), ("B", L, 10, 0, 0)] + han("三"),
              [(0, 1, 0), (1, 2, 0), (0, 0, 0), (0, 1, 0)])
    first = justify(p, (3, 4), ParagraphSpec(47.0))[0]
    assert xs(first) == [0, 12, 12 + 10 + 1 + 4, 27 + 10]
    assert first.width == pytest.approx(47.0)
    assert first.indent == 0.0 and not first.is_last


def test_half_a_point_short_is_still_spread():
    # 0.5 pt lacking over one gap: the second cell moves by all of it
    p = atoms(han("一二三"))
    line = justify(p, (1, 2), ParagraphSpec(20.5))[0]
    assert xs(line) == [0, 10.5]
    assert line.width == pytest.approx(20.5)


def test_the_last_line_and_an_unjustified_paragraph_keep_their_natural_spacing():
    p = atoms(han("一二三四"), [(1, 1, 0)] * 3)
    lines = justify(p, (1, 3), ParagraphSpec(40.0))
    assert [xs(l) for l in lines] == [[0, 10 + 1 + 19.0], [0, 11]]
    assert lines[0].width == pytest.approx(40.0) and lines[1].width == pytest.approx(21.0)
    assert [l.is_last for l in lines] == [False, True]
    ragged = justify(atoms(han("一二三四"), [(1, 1, 0)] * 3), (1, 3), ParagraphSpec(40.0, justify=False))
    assert [xs(l) for l in ragged] == [[0, 11], [0, 11]]
    assert [l.width for l in ragged] == pytest.approx([21.0, 21.0])


def test_a_display_line_is_justified_within_the_tolerance_and_else_set_flush_left():
    """A display line (a table cell's, `words`) is stretched only as far as the line breaker's
    looseness tolerance lets a line be (2 × `max_expansion` = 0.1 em a gap of weight 1 here:
    1 pt a gap at 10 pt); one that lacks more, in a narrow column, keeps its natural spacing
    flush left (it showed `2025   年`, `财 政 局 、`). Body text is justified as before."""
    rules = LineRules(max_expansion=0.05)
    p = atoms(han("一二三四"))
    near = justify(p, (2, 3), ParagraphSpec(32.0, rules=rules, words=True))[0]     # 2 pt over 2 gaps: 1 pt each
    assert xs(near) == [0, 11, 22] and near.width == pytest.approx(32.0)
    far = justify(p, (2, 3), ParagraphSpec(36.0, rules=rules, words=True))[0]      # 6 pt over 2 gaps: 3 pt each
    assert xs(far) == [0, 10, 20] and far.width == pytest.approx(30.0)
    body = justify(p, (2, 3), ParagraphSpec(36.0, rules=rules))[0]
    assert xs(body) == [0, 13, 26]


def test_a_line_with_no_stretch_stays_short():
    # one Latin word: its letters are never spaced apart
    p = atoms([("A", L, 10, 0, 0), ("B", L, 10, 0, 0), ("一", H, 10, 0, 0)], [(0, 0, 0), (0, 1, 0)])
    line = justify(p, (1, 2), ParagraphSpec(30.0))[0]
    assert xs(line) == [0, 10] and line.width == pytest.approx(20.0)


def test_indents_first_line_and_rest():
    p = atoms(han("一二三四五六"))
    spec = ParagraphSpec(50.0, first_indent=20.0, rest_indent=10.0)
    a, b, c = justify(p, (1, 3, 5), spec)
    assert (a.indent, b.indent, c.indent) == (20.0, 10.0, 10.0)
    # the first fills 50 - 20 = 30 (one gap of 10), the second 50 - 10 = 40 (one gap of 20)
    assert xs(a) == [0, 20] and a.width == pytest.approx(30.0)
    assert xs(b) == [0, 30] and b.width == pytest.approx(40.0)
    assert xs(c) == [0, 10] and c.is_last


def test_a_long_line_first_drops_the_blank_half_of_its_closing_mark():
    # 一二， of 10 pt cells and 2 pt gaps, the comma's right half blank (5 pt), on 31 pt: 3 pt too long,
    # taken out of the comma's blank alone; the inner gap (shrinkable) keeps its space
    items = han("一二") + [("，", C, 10, 0, 5), ("三", H, 10, 0, 0)]
    p = atoms(items, [(2, 1, 2)] * 3)
    line = justify(p, (2, 3), ParagraphSpec(31.0))[0]
    assert xs(line) == [0, 12, 24]
    assert line.width == pytest.approx(31.0)


def test_past_the_closing_blank_the_inner_blanks_and_gaps_give_in_proportion():
    # 一，（二。 with 1 pt gaps that may lose all of it: see the sums below
    items = [("一", H, 10, 0, 0), ("，", C, 10, 0, 5), ("（", O, 10, 5, 0), ("二", H, 10, 0, 0),
             ("。", C, 10, 0, 5)]
    p = atoms(items, [(1, 1, 1)] * 4)
    # natural: 50 + 4 = 54 on a measure of 40: 14 too long. The end's 。 gives its 5 (9 left);
    # inside: ， right 5, （ left 5, gaps 4 x 1 = 14 to give; 9/14 of each
    f = 9 / 14
    line = justify(p, (4,), ParagraphSpec(40.0, justify=True))[0]
    w = [10, 10 - 5 * f, 10 - 5 * f, 10, 5]
    gap = 1 - f
    x = [0.0]
    for k in range(4):
        x.append(x[-1] + w[k] + gap)
    x[2] -= 5 * f           # the （ loses its left blank: its origin moves left by it
    assert xs(line) == [round(v, 6) for v in x]
    assert line.width == pytest.approx(40.0)


def test_the_first_atoms_left_and_the_last_atoms_right_blank_are_not_inner():
    # （一二） with blanks of 5 on both outer sides, nothing else to give, 6 pt too long:
    # the ） gives its 5 at the end; the （'s left blank is at the line start, not inside,
    # and gives nothing (compression at a line start is a separate setting, off here)
    items = [("（", O, 10, 5, 0), ("一", H, 10, 0, 0), ("二", H, 10, 0, 0), ("）", C, 10, 0, 5)]
    p = atoms(items, [(0, 1, 0)] * 3)
    line = justify(p, (3,), ParagraphSpec(34.0))[0]
    assert xs(line) == [0, 10, 20, 30]
    assert line.width == pytest.approx(35.0)     # overfull by what nothing could give


def test_an_overfull_line_shrinks_no_more_than_all_it_can_give():
    # 一，二 with 2 pt gaps that may lose 1 each, and the comma's 5 pt blank: capacity 7; 20 pt
    # too long: everything given, and the line stays 13 pt too long
    items = [("一", H, 10, 0, 0), ("，", C, 10, 0, 5), ("二", H, 10, 0, 0)]
    p = atoms(items, [(2, 1, 1)] * 2)
    line = justify(p, (2,), ParagraphSpec(14.0))[0]
    assert xs(line) == [0, 11, 11 + 5 + 1]
    assert line.width == pytest.approx(27.0)


def test_compress_end_sets_a_closing_mark_half_width_even_with_room():
    # the 。 of 10 pt with 4 pt blank on its right: set 6 pt wide at the line end
    items = han("一二") + [("。", C, 10, 0, 4)]
    spec = ParagraphSpec(40.0, compress_end=True, justify=False)
    line = justify(atoms(items), (2,), spec)[0]
    assert xs(line) == [0, 10, 20] and line.width == pytest.approx(26.0)
    # justified, the 14 pt lacking are spread over the two gaps
    line = justify(atoms(items + han("四")), (2, 3), ParagraphSpec(40.0, compress_end=True))[0]
    assert xs(line) == [0, 17, 34] and line.width == pytest.approx(40.0)
    # without compress_end a line with room keeps the blank
    line = justify(atoms(items), (2,), ParagraphSpec(40.0, justify=False))[0]
    assert line.width == pytest.approx(30.0)
    # not a closing mark: nothing to take
    line = justify(atoms(han("一二三")), (2,), spec)[0]
    assert line.width == pytest.approx(30.0)


@pytest.mark.parametrize("blank", [4.0, 0.5])
def test_an_opening_mark_at_a_line_start_loses_its_blank_only_when_the_rules_say(blank):
    # clreq https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start:
    # the mark's blank, however small, is taken out of its cell at the start of a line
    items = [("“", O, 10, blank, 0)] + han("一二")
    on = ParagraphSpec(40.0, rules=LineRules(compress_opening_at_line_start=True))
    line = justify(atoms(items), (2,), on)[0]
    # the mark's origin moves left by its blank, the text after it by as much
    assert xs(line) == [-blank, 10 - blank, 20 - blank] and line.width == pytest.approx(30.0 - blank)
    off = justify(atoms(items), (2,), ParagraphSpec(40.0))[0]
    assert xs(off) == [0, 10, 20] and off.width == pytest.approx(30.0)
    # an opening mark inside a line is not at its start
    inside = justify(atoms(han("一二") + items), (0, 4), on)[1]
    assert xs(inside) == [0, 10, 20, 30]


def test_trailing_ideographic_spaces_hang_past_the_measure():
    # 一二三　　 on 40: the line is justified as 一二三 (5 pt to each gap), the two spaces
    # follow at their natural width and spacing; the line's width is what does not hang
    items = han("一二三") + [(IDEO, Kind.FULLWIDTH, 10, 0, 0)] * 2 + han("四五")
    p = atoms(items, [(0, 1, 0), (0, 1, 0), (1, 1, 0), (1, 1, 0), (0, 1, 0), (0, 1, 0)])
    line = justify(p, (4, 6), ParagraphSpec(40.0))[0]
    assert xs(line) == [0, 15, 30, 41, 52]
    # each keeps its own glyph offset (a space centred in its cell, two styles: 1 and 2 pt)
    p = atoms(items, [(0, 1, 0), (0, 1, 0), (1, 1, 0), (1, 1, 0), (0, 1, 0), (0, 1, 0)])
    p.shift[3], p.shift[4] = 1.0, 2.0
    assert xs(justify(p, (4, 6), ParagraphSpec(40.0))[0]) == [0, 15, 30, 42, 54]
    assert line.width == pytest.approx(40.0)
    assert line.text == "一二三" + IDEO * 2


def test_a_line_of_ideographic_spaces_only_keeps_its_first():
    p = atoms([(IDEO, Kind.FULLWIDTH, 10, 0, 0)] * 2 + han("一二"))
    line = justify(p, (1, 3), ParagraphSpec(40.0))[0]
    assert line.width == pytest.approx(10.0) and xs(line) == [0, 10]


def test_a_cluster_is_placed_glyph_by_glyph_at_its_offsets():
    p = atoms(han("一二三"))
    p.gids[1] = -1
    p.clusters[1] = (ClusterGlyph(7, "二", 1.0, 2.0, 6.0), ClusterGlyph(8, "", 4.0, -1.0, 3.0))
    line = justify(p, (2,), ParagraphSpec(30.0))[0]
    got = [(g.gid, g.text, g.x, g.advance, g.dy) for g in line.glyphs]
    assert got == [(0, "一", 0.0, 10.0, 0.0), (7, "二", 11.0, 6.0, 2.0), (8, "", 14.0, 3.0, -1.0),
                   (2, "三", 20.0, 10.0, 0.0)]
    assert all(g.style is STYLE for g in line.glyphs)


@settings(max_examples=examples(60), deadline=None)
@given(cells=st.lists(st.tuples(st.sampled_from([H, C, O]), st.integers(6, 12), st.integers(0, 3)),
                      min_size=2, max_size=9),
       space=st.integers(0, 3), measure=st.integers(20, 120), indent=st.sampled_from([0, 10]))
@example(cells=[(H, 10, 0), (H, 10, 0)], space=0, measure=20, indent=0)
def test_a_justified_line_fills_its_measure_or_says_why_not(cells, space, measure, indent):
    """Brute force over small lines: the width of a justified line that is not the last is
    the measure less the indent whenever the line can reach it (enough stretch, or enough to
    give), and the glyphs keep their order."""
    items = [("一" if k is H else "，" if k is C else "（", k, w, b if k is O else 0, b if k is C else 0)
             for k, w, b in cells]
    n = len(items)
    p = atoms(items + han("尾"), [(space, 1, space / 2)] * n)
    line = justify(p, (n - 1, n), ParagraphSpec(float(measure), indent, indent))[0]
    target = measure - indent
    natural = sum(w for _, w, _ in cells) + space * (n - 1)
    blanks = sum(b for k, _, b in cells[:-1] if k is C) + sum(b for k, _, b in cells[1:] if k is O)
    end = cells[-1][2] if cells[-1][0] is C else 0
    least = natural - end - blanks - (space / 2) * (n - 1)
    if least <= target:
        assert line.width == pytest.approx(target)
    else:
        assert line.width == pytest.approx(least)
    origins = [g.x for g in line.glyphs]
    assert origins == sorted(origins)


def test_a_closing_mark_at_the_end_gives_its_blank_however_small():
    # a 10 pt 。 with a 0.5 pt blank: at the end of a line with room, compress_end takes it;
    # at the end of a line 0.5 pt too long, the line loses it first (the gap has shrink to give
    # too, and keeps all of its space)
    items = han("一二") + [("。", C, 10, 0, 0.5)]
    line = justify(atoms(items), (2,), ParagraphSpec(40.0, compress_end=True, justify=False))[0]
    assert line.width == pytest.approx(29.5)
    line = justify(atoms(items + han("四"), [(1, 1, 1)] * 3), (2, 3), ParagraphSpec(31.5))[0]
    assert xs(line) == [0, 11, 22] and line.width == pytest.approx(31.5)


def test_a_closing_mark_compressed_at_the_end_is_not_compressed_twice():
    # compress_end has set the 。 6 pt wide (its 4 pt blank out); the line, 一，二。 with 1 pt
    # gaps that may lose all of it, is then 10 + 10 + 10 + 6 + 3 = 39 on 37: the 2 pt come from
    # the inner blank (the ，'s 4) and the gaps (3), 2/7 of each
    items = [("一", H, 10, 0, 0), ("，", C, 10, 0, 4), ("二", H, 10, 0, 0), ("。", C, 10, 0, 4)]
    line = justify(atoms(items, [(1, 1, 1)] * 3), (3,), ParagraphSpec(37.0, compress_end=True))[0]
    f = 2 / 7
    gap = 1 - f
    assert xs(line) == [0, round(10 + gap, 6), round(20 - 4 * f + 2 * gap, 6), round(30 - 4 * f + 3 * gap, 6)]
    assert line.width == pytest.approx(37.0)


@pytest.mark.parametrize("kind", [Kind.MIDDLE, Kind.OPEN])
def test_only_a_closing_mark_gives_its_end_blank_first(kind):
    # a line 2 pt too long that ends in a mark with blanks of 3 pt that is not a closing mark
    # (a middle dot, or an opening mark): its right blank is not inner either; the gaps give
    items = han("一二") + [("·", kind, 10, 3, 3)]
    line = justify(atoms(items, [(2, 1, 2)] * 2), (2,), ParagraphSpec(32.0))[0]
    # capacity: the two gaps' 2 + 2 and the mark's left blank 3 (inner) = 7; 2 / 7 of each
    f = 2 / 7
    assert xs(line) == [0, round(10 + 2 - 2 * f, 6), round(20 + 4 - 4 * f - 3 * f, 6)]
    assert line.width == pytest.approx(32.0)
