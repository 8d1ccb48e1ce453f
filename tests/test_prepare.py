"""`text.prepare` on its own: the atoms and gaps it makes from styled runs, read field by field.

The font is a stand-in (`Font` below) whose shaping the test decides — advances, ligatures,
glyphs moved off the pen, the `halt` half widths and the ink — so every width, blank, shift and
gap is worked out by hand from the rule `prepare`'s docstrings state, and the cell (12 pt) is
not the size (10 pt), so a rule that takes one for the other shows. The rules, at their sources:

* kinsoku, https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end: no
  break before a closing mark, none after an opening one; `——` never split
  (https://www.w3.org/International/clreq/#h-unbreakable_marks_punctuation);
* https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode: a
  quarter em (the layout's `cjk_latin_space`, of the Latin side's size) between a Han character
  and a Latin letter or digit, none next to punctuation; a typed space there is that gap;
* https://www.w3.org/International/clreq/#principles_of_arrangement_of_han_characters: a space
  typed between two Chinese characters is dropped, one next to a Latin character is a word space
  (the layout's `word_space` of the size before it, shrinking by a third);
* https://www.w3.org/International/clreq/#h-adjustment_of_adjacent_punctuation_marks: a closing
  mark before a closing or opening mark loses its blank half, and of two opening marks the second;
* GB/T 15834-2011 5.1.3 and 4.14: quotes and the 间隔号 take a full cell whatever the font's
  advance (a proportional quote set flush against the quoted text, the dot centred);
* docs/typography.md, "Line breaking": a Latin word or number is one unit, broken only as a last
  resort; a URL breaks after `/` or `.`; a number in full-width digits is one unit too.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import RunStyle, Span
from bulletin_pdf.text.prepare import prepare
from bulletin_pdf.text.types import ClusterGlyph, Gap, Kind

SIZE, CELL = 10.0, 12.0
BODY = RunStyle("body", SIZE, CELL)
BIG = RunStyle("big", 20.0, 24.0)
#: cjk_latin_space and word_space told apart (a rule reading one for the other shows)
RULES = LineRules(cjk_latin_space=0.2, word_space=0.3)


class Shaped(NamedTuple):
    """What a font's shaper gives for a run (text.types.ShapedRun): per glyph, in ems."""

    gids: list[int]
    clusters: list[int]
    advances: list[float]
    owns: list[float]
    offsets: dict[int, tuple[float, float]]


class Font:
    """A font whose shaping the test states: each character one glyph (its code point as the
    glyph id), 1 em wide if it is an ideograph or a full-width form, else half an em, unless
    `advances` says otherwise; `ligatures` maps a text to the glyphs (gid, advance, own, dx, dy)
    of the one cluster it shapes to; `offsets` moves a character's glyph off the pen; `halves`
    is the `halt` feature's (left, right) blank of a mark in ems, `inks` a glyph's ink extent.
    Every run shaped is recorded in `runs` as (face, text); a face it does not have (any but
    the two styles' faces) is an error, as in the real font set."""

    FACES = ("body", "big")

    def __init__(self, advances=None, ligatures=None, offsets=None, halves=None, inks=None):
        self.advances = advances or {}
        self.ligatures = ligatures or {}
        self.offsets = offsets or {}
        self.halves = halves or {}
        self.inks = inks or {}
        self.runs: list[tuple[str, str]] = []

    def advance(self, ch: str) -> float:
        if ch in self.advances:
            return self.advances[ch]
        return 1.0 if ("\u3000" <= ch <= "\u9fff" or "\uff01" <= ch <= "\uff60") else 0.5

    def shape_run(self, face: str, text: str) -> Shaped:
        self._face(face)
        self.runs.append((face, text))
        out = Shaped([], [], [], [], {})
        i = 0
        while i < len(text):
            lig = next((t for t in self.ligatures if text.startswith(t, i)), None)
            glyphs = self.ligatures[lig] if lig else [(ord(text[i]), self.advance(text[i]), self.advance(text[i]),
                                                      *self.offsets.get(text[i], (0.0, 0.0)))]
            for gid, adv, own, dx, dy in glyphs:
                if dx or dy:
                    out.offsets[len(out.gids)] = (dx, dy)
                out.gids.append(gid)
                out.clusters.append(i)
                out.advances.append(adv)
                out.owns.append(own)
            i += len(lig) if lig else 1
        return out

    def half_width(self, face: str, text: str):
        self._face(face)
        return self.halves.get(text)

    def ink(self, face: str, gid: int):
        self._face(face)
        return self.inks.get(gid)

    def _face(self, face: str) -> None:
        if face not in self.FACES:
            raise KeyError(f"no face {face!r}")


def prep(text, font=None, rules=RULES, style=BODY):
    spans = [Span(text, style)] if isinstance(text, str) else text
    return prepare(spans, font or Font(), rules)


def atoms(p):
    """Per atom: (kind, width, shift, blank left, blank right)."""
    return list(zip(p.kinds, p.width, p.shift, p.blank_left, p.blank_right))


def gap_list(p):
    """Per gap: (what a break there is, penalty, space, stretch, shrink)."""
    return list(zip(p.gaps, p.gap_penalty, p.gap_space, p.gap_stretch, p.gap_shrink))


FREE_HAN = (Gap.FREE, 0.0, 0.0, 1.0, 0.0)     # between two ideographs: no space, a break allowed


# --- atoms ------------------------------------------------------------------------------------

def test_ideographs_take_the_cell_and_may_break_anywhere():
    p = prep("国家治理")
    assert p.chars == list("国家治理")
    assert atoms(p) == [(Kind.HAN, CELL, 0.0, 0.0, 0.0)] * 4
    assert gap_list(p) == [FREE_HAN] * 3
    assert p.units == [] and p.gids == [ord(c) for c in "国家治理"] and p.owns == [SIZE] * 4
    assert p.clusters == {}


@pytest.mark.parametrize("text", ["", " ", "国", "a", " a "])
def test_one_atom_or_none_has_no_gap(text):
    """Gap i sits between atoms i and i + 1 (text.types.Prepared): n atoms, n − 1 gaps."""
    p = prep(text)
    assert len(p.chars) == len(text.strip())
    assert p.gaps == p.gap_penalty == p.gap_space == p.gap_stretch == p.gap_shrink == []


def test_latin_letters_take_their_own_advance_and_make_one_unit():
    """A word is an unbreakable unit: inside it a break only as a last resort, no stretch."""
    p = prep("ab", Font(advances={"a": 0.4, "b": 0.6}))
    assert atoms(p) == [(Kind.LATIN, 4.0, 0.0, 0.0, 0.0), (Kind.LATIN, 6.0, 0.0, 0.0, 0.0)]
    assert p.units == [(0, 2)]
    (gap, penalty, space, stretch, shrink), = gap_list(p)
    assert gap is Gap.INSIDE_UNIT and penalty >= 1e5 and (space, stretch, shrink) == (0.0, 0.0, 0.0)


def test_a_proportional_quote_takes_a_full_cell_its_glyph_flush_against_the_quoted_text():
    """GB/T 15834-2011 5.1.3 and the `fwid` placement: an opening quote drawn 0.4 em wide sits
    at the right of its 12-pt cell (shift 12 − 4 = 8), its left half blank; a closing one at the
    left, its right half blank."""
    for adv in (0.4, 0.85):
        p = prep("“国”", Font(advances={"“": adv, "”": adv}))
        assert atoms(p) == [(Kind.OPEN, CELL, CELL - adv * SIZE, CELL / 2, 0.0),
                            (Kind.HAN, CELL, 0.0, 0.0, 0.0),
                            (Kind.CLOSE, CELL, 0.0, 0.0, CELL / 2)]
        assert [g for g, *_ in gap_list(p)] == [Gap.NEVER, Gap.NEVER]


def test_a_full_width_quote_loses_what_halt_takes_away_scaled_to_the_cell():
    """OpenType `halt`: the half-width form's blank, in ems of the glyph's own advance (0.95
    em here), is that share of the cell: 0.475 / 0.95 of 12 pt = 6 pt."""
    font = Font(advances={"“": 0.95, "”": 0.95}, halves={"“": (0.475, 0.0), "”": (0.0, 0.475)},
                inks={ord("“"): (0.05, 0.95), ord("”"): (0.05, 0.95)})
    p = prep("“国”", font)
    assert atoms(p) == [(Kind.OPEN, CELL, 0.0, 6.0, 0.0), (Kind.HAN, CELL, 0.0, 0.0, 0.0),
                        (Kind.CLOSE, CELL, 0.0, 0.0, 6.0)]


def test_without_halt_a_marks_blank_is_read_from_its_ink():
    """No half-width form in the font: the blank is read from where the glyph's ink sits
    (GB/T 15834 style: a comma inked in the left half loses its right half); a font that gives
    a mark no advance has nothing for `halt` to scale, so the ink decides too."""
    comma = ord("，")
    p = prep("国，", Font(inks={comma: (0.08, 0.42)}))
    assert atoms(p)[1] == (Kind.CLOSE, CELL, 0.0, 0.0, CELL / 2)
    p = prep("国，", Font(advances={"，": 0.0}, halves={"，": (0.0, 0.5)}, inks={comma: (0.08, 0.42)}))
    assert atoms(p)[1] == (Kind.CLOSE, CELL, 0.0, 0.0, CELL / 2)
    p = prep("国，", Font(inks={comma: (0.3, 0.7)}))          # centred: a quarter each side
    assert atoms(p)[1] == (Kind.CLOSE, CELL, 0.0, CELL / 4, CELL / 4)
    p = prep("国，", Font())                                   # no ink, no halt: nothing to take
    assert atoms(p)[1] == (Kind.CLOSE, CELL, 0.0, 0.0, 0.0)


def test_the_ink_of_a_mark_moved_off_the_pen_is_read_from_its_glyph():
    """A mark whose glyph the shaper moved (an offset) is kept as a cluster, not a plain glyph:
    its ink is still that glyph's."""
    comma = ord("，")
    p = prep("国，", Font(offsets={"，": (0.0, -0.1)}, inks={comma: (0.08, 0.42)}))
    assert p.gids[1] == -1 and p.clusters[1] == (ClusterGlyph(comma, "，", 0.0, -1.0, SIZE),)
    assert atoms(p)[1] == (Kind.CLOSE, CELL, 0.0, 0.0, CELL / 2)


def test_the_middle_dot_sits_centred_in_a_full_cell():
    """GB/T 15834-2011 4.14: the 间隔号 (U+00B7, drawn 0.3 em wide) takes a full cell, its glyph
    centred ((12 − 3) / 2 = 4.5 pt in), a quarter cell of blank each side."""
    p = prep("国·国", Font(advances={"·": 0.3}))
    assert atoms(p)[1] == (Kind.MIDDLE, CELL, 4.5, CELL / 4, CELL / 4)
    assert gap_list(p)[0] == (Gap.NEVER, 0.0, 0.0, 1.0, 0.0)       # 5.1.7: never at a line start


def test_a_two_em_dash_is_one_unsplit_mark_full_width_only_if_the_font_says():
    """GB/T 15834-2011 5.1.4: `——` is one mark of two cells, never split, no space inside it;
    a font drawing U+2014 narrow sets it narrow (a Latin em dash)."""
    p = prep("国——国", Font(advances={"—": 1.0}))
    assert atoms(p)[1:3] == [(Kind.DASH, CELL, 0.0, 0.0, 0.0)] * 2
    assert gap_list(p)[1] == (Gap.NEVER, 0.0, 0.0, 0.0, 0.0)
    assert gap_list(p)[0][0] is Gap.NEVER and gap_list(p)[2] == FREE_HAN
    p = prep("国——国", Font(advances={"—": 0.6}))
    assert atoms(p)[1:3] == [(Kind.DASH, 6.0, 0.0, 0.0, 0.0)] * 2
    assert gap_list(p)[1] == (Gap.NEVER, 0.0, 0.0, 0.0, 0.0)


def test_an_em_dash_alone_is_not_inseparable():
    """Only a doubled dash is the two-em mark: a single — between two ideographs may be followed
    by a break (5.1.6 keeps it off a line start only) and the gap after it stretches."""
    p = prep("国—国", Font(advances={"—": 1.0}))
    assert gap_list(p) == [(Gap.NEVER, 0.0, 0.0, 1.0, 0.0), FREE_HAN]


# --- shaping: runs, clusters, glyphs off the pen ------------------------------------------

def test_runs_are_shaped_per_style_and_a_typed_space_ends_one():
    """A space the engine drops must not let the font kern across it; equal styles run on."""
    font = Font()
    twin = RunStyle("body", SIZE, CELL)            # equal to BODY, another object
    prep([Span("ab cd", BODY), Span("ef", twin), Span("gh", BIG), Span(" ", BIG), Span("ij", BIG),
          Span("kl", BIG)], font)
    assert font.runs[:4] == [("body", "ab"), ("body", "cdef"), ("big", "gh"), ("big", "ijkl")]
    # then each typed word space's glyph, shaped alone in the face of the word before it
    assert font.runs[4:] == [("body", " "), ("big", " ")]


def test_a_typed_word_space_keeps_its_glyph_and_a_dropped_space_none():
    """The spaces clreq keeps as word spaces (next to a Latin character, #principles_of_arrangement_of_han_characters)
    keep a glyph, U+0020 of the face before them (this font: its code point, 32, half an em of
    10 pt), for the line's text; a space typed between two Chinese characters (dropped), one at a
    Han–Latin boundary (the quarter-em gap of #mixed_text_composition_in_horizontal_writing_mode
    stands for it) and one at the start or end (no gap) keep none."""
    p = prep(" ab cd 国 国 e，f ")
    assert p.chars == list("abcd国国e，f")
    assert p.word_spaces == {1: (32, 5.0)}          # only between "ab" and "cd"
    p = prep("x ，y")                               # a word space before punctuation is one too
    assert p.word_spaces == {0: (32, 5.0)}
    assert prep("国 国").word_spaces == {}


def test_a_space_typed_at_the_start_or_end_is_no_gap():
    p = prep("  ab  ")
    assert p.chars == list("ab") and p.units == [(0, 2)]
    p = prep([Span("ab ", BODY), Span("cd", BODY)])
    assert p.units == [(0, 2), (2, 4)] and gap_list(p)[1][2] == pytest.approx(0.3 * SIZE)


def test_a_ligature_is_one_cluster_its_advance_shared_and_never_broken():
    """`fi` shaped to one glyph 0.6 em wide (own advance 0.55 em): the glyph on `f` with the
    text it stands for, `i` continuing it; each character 0.3 em of the line."""
    font = Font(ligatures={"fi": [(900, 0.6, 0.55, 0.0, 0.0)]})
    p = prep("a fi国", font)
    assert p.chars == list("afi国")
    # a run with a ligature is kept glyph by glyph as clusters, its ideograph too
    assert p.clusters == {1: (ClusterGlyph(900, "fi", 0.0, 0.0, 5.5),), 2: (),
                          3: (ClusterGlyph(ord("国"), "国", 0.0, 0.0, SIZE),)}
    assert p.gids == [ord("a"), -1, -1, -1]
    assert p.width[1:3] == [pytest.approx(3.0)] * 2
    assert gap_list(p)[1] == (Gap.INSIDE_GLYPH, 0.0, 0.0, 0.0, 0.0)    # one glyph: never parted
    assert p.units == [(0, 1), (1, 3)]
    # after the ligature, its word goes on as a unit
    p = prep("fiab", font)
    assert p.gaps == [Gap.INSIDE_GLYPH, Gap.INSIDE_UNIT, Gap.INSIDE_UNIT]


def test_a_cluster_of_several_glyphs_places_each_from_the_clusters_origin():
    """A base and a mark shaped into one cluster of two characters: the mark's glyph sits at the
    base's advance plus its own offset; the cluster's 0.5 + 0.1 em is shared by its two
    characters; it follows a plain run, so its atoms are counted from there."""
    font = Font(ligatures={"e\u0301": [(70, 0.5, 0.5, 0.0, 0.0), (71, 0.1, 0.0, -0.3, 0.2)]})
    p = prep([Span("国", BIG), Span("xe\u0301y", BODY)], font)
    assert p.clusters == {1: (ClusterGlyph(ord("x"), "x", 0.0, 0.0, 5.0),),
                          2: (ClusterGlyph(70, "e\u0301", 0.0, 0.0, 5.0),
                              ClusterGlyph(71, "", pytest.approx(2.0), pytest.approx(2.0), 0.0)),
                          3: (), 4: (ClusterGlyph(ord("y"), "y", 0.0, 0.0, 5.0),)}
    assert p.width[1:5] == [5.0, pytest.approx(3.0), pytest.approx(3.0), 5.0]
    assert p.gids == [ord("国"), -1, -1, -1, -1]
    assert p.gaps[2] is Gap.INSIDE_GLYPH and p.units == [(1, 5)]


def test_a_glyph_off_the_pen_keeps_its_place_as_a_cluster_of_one():
    """A glyph the shaper moved (dx, dy in ems) is kept with its offset in pt, on its own
    character, in a later run too."""
    font = Font(offsets={"家": (0.1, 0.2)})
    p = prep([Span("国", BIG), Span("国家", BODY)], font)
    assert p.clusters == {2: (ClusterGlyph(ord("家"), "家", 1.0, 2.0, SIZE),)}
    assert p.gids == [ord("国"), ord("国"), -1]
    assert p.width == [24.0, CELL, CELL]


# --- gaps -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["国国a", "a国国", "国国9", "9国国", "国国$", "$国国", "国国°", "€国国"])
def test_han_next_to_a_latin_letter_digit_or_sign_is_spaced_a_quarter_em(text):
    """clreq: the space is the layout's (0.2 em here) of the Latin side's size; it stretches and
    shrinks by half; a line may break there — but not between a number and the Chinese unit
    after it (`9国`, as `9月`: docs/typography.md, "Line breaking", `1—9月` breaks only after
    `—`). (clreq's signs that take it as a letter does: % ‰ ° # & $ € £ ¥.)"""
    at = 1 if text[0] == "国" else 0
    gaps = gap_list(prep(text))
    kind = Gap.NEVER if text[0].isdecimal() else Gap.FREE
    assert gaps[at] == (kind, 0.0, pytest.approx(2.0), 1.0, pytest.approx(1.0))
    assert gaps[1 - at] == FREE_HAN


def test_a_percent_sign_after_han_is_spaced_but_starts_no_line():
    assert gap_list(prep("国%")) == [(Gap.NEVER, 0.0, pytest.approx(2.0), 1.0, pytest.approx(1.0))]


def test_the_han_latin_space_is_of_the_latin_sides_size():
    """The space belongs to the Latin text: 0.2 em of 10 pt, whichever side the 20-pt Han is."""
    for spans in ([Span("国国", BIG), Span("a", BODY)], [Span("a", BODY), Span("国国", BIG)]):
        assert sorted(prep(spans).gap_space) == [0.0, pytest.approx(2.0)]
    for spans in ([Span("国国", BODY), Span("a", BIG)], [Span("a", BIG), Span("国国", BODY)]):
        assert sorted(prep(spans).gap_space) == [0.0, pytest.approx(4.0)]
    assert prep([Span("a", BODY), Span("国", BIG), Span("b", BIG)]).gap_space == [pytest.approx(2.0), pytest.approx(4.0)]


def test_a_typed_space_between_han_and_latin_is_that_space_not_a_word_space():
    assert gap_list(prep("国 a")) == gap_list(prep("国a"))
    assert gap_list(prep("a 国")) == gap_list(prep("a国"))


@pytest.mark.parametrize("text", ["国，", "，a", "a，", "（a", "a）", "a—", "a·", "国-", "-国", "(国", "国)"])
def test_no_han_latin_space_next_to_punctuation(text):
    """Han next to a half-width mark (`-`, `(`, `)`: Latin to the engine, no letter or digit)
    or a Latin letter next to a full-width mark: no space."""
    font = Font(advances={"—": 1.0, "·": 0.3})
    assert prep(text, font).gap_space == [0.0]


@pytest.mark.parametrize("text", ["①国", "国①", "⑴国", "⒈国", "❶国", "国㉑"])
def test_no_han_latin_space_next_to_a_circled_or_parenthesised_number(text):
    """clreq's space stands between Han and Western letters or numbers; a circled or
    parenthesised number (a list's ① ②, U+2460–24FF, U+2776–2793, U+3251–325F) is a Chinese
    list marker: set close. A superscript or a Roman numeral is Western (`m²以上`, `Ⅲ类`): spaced."""
    assert prep(text).gap_space == [0.0]
    assert prep("国²").gap_space == [pytest.approx(2.0)] and prep("Ⅲ国").gap_space == [pytest.approx(2.0)]


def test_a_han_latin_space_of_zero_is_allowed():
    assert prep("国a", rules=LineRules(cjk_latin_space=0.0)).gap_space == [0.0]


def test_a_word_space_is_the_layouts_of_the_size_before_it_and_shrinks_by_a_third():
    p = prep([Span("ab ", BODY), Span("cd", BIG)])
    assert gap_list(p)[1] == (Gap.FREE, 0.0, pytest.approx(3.0), 1.0, pytest.approx(1.0))
    p = prep([Span("ab", BIG), Span(" cd", BODY)])
    assert gap_list(p)[1] == (Gap.FREE, 0.0, pytest.approx(6.0), 1.0, pytest.approx(2.0))
    assert [g for g, *_ in gap_list(p)] == [Gap.INSIDE_UNIT, Gap.FREE, Gap.INSIDE_UNIT]


def test_a_space_typed_between_chinese_characters_is_dropped():
    assert gap_list(prep("国 家")) == [FREE_HAN]
    assert gap_list(prep("国 ，", Font())) == [(Gap.NEVER, 0.0, 0.0, 1.0, 0.0)]
    p = prep("， 国")
    assert gap_list(p) == [(Gap.FREE, 0.0, 0.0, 1.0, 0.0)]


def test_a_space_typed_next_to_latin_punctuation_is_a_word_space_kept_from_a_line_start():
    """`a ，`: a word space (3 pt), but the comma still never starts a line."""
    p = prep("a ，")
    assert gap_list(p) == [(Gap.NEVER, 0.0, pytest.approx(3.0), 1.0, pytest.approx(1.0))]
    p = prep("， a")
    assert gap_list(p) == [(Gap.FREE, 0.0, pytest.approx(3.0), 1.0, pytest.approx(1.0))]


def test_kinsoku_makes_the_gap_before_a_closing_and_after_an_opening_mark_never():
    p = prep("国（国）国")
    assert [g for g, *_ in gap_list(p)] == [Gap.FREE, Gap.NEVER, Gap.NEVER, Gap.FREE]
    assert all(stretch == 1.0 and penalty == 0.0 for _, penalty, _, stretch, _ in gap_list(p))


def test_a_number_in_full_width_digits_is_one_unit():
    p = prep("国２０２５国")
    assert [g for g, *_ in gap_list(p)] == [Gap.FREE, Gap.NEVER, Gap.NEVER, Gap.NEVER, Gap.FREE]
    assert all(k is Kind.FULLWIDTH for k in p.kinds[1:5])
    assert [g for g, *_ in gap_list(prep("２国２"))] == [Gap.FREE, Gap.FREE]


def test_a_url_breaks_only_after_a_slash_or_a_dot_not_inside_a_double_slash():
    text = "见https://a.cn/b/c。"
    p = prep(text)
    may = [i for i, g in enumerate(p.gaps) if g is Gap.FREE]
    # after "见" (Han before Latin); after the `/` of `//`'s second slash, the `.` of a.cn, the
    # `/` after cn and after b; never after the first `/` of `//`, nor before the 。
    assert may == [0, text.index("//") + 1, text.index(".cn"), text.index("/b"), text.index("/c")]
    assert all(p.gap_penalty[i] == 0.0 for i in may)
    inside = [i for i in range(1, len(text) - 2) if i not in may]
    assert all(p.gaps[i] is Gap.INSIDE_UNIT and p.gap_penalty[i] >= 1e5 for i in inside
               if text[i + 1] not in "./:")
    assert p.gaps[len(text) - 2] is Gap.NEVER                  # before 。
    assert p.units == [(1, len(text) - 1)]


#: Every character RFC 3986 lets a URL hold (unreserved, gen-delims, sub-delims, `%`), each once
#: between letters, in a URL of its own.
URL_CHARS = "-._~:/?#[]@!$&'()*+,;=%"


@pytest.mark.parametrize("ch", URL_CHARS)
def test_in_a_url_only_a_slash_or_a_dot_is_followed_by_a_break(ch):
    """docs/typography.md: a URL breaks after `/` or `.` and nowhere else (not after a letter,
    an `X`, or any other sign it may hold); never before a `/` (GB/T 15834-2011 5.1.9)."""
    text = f"见https://aX{ch}Xb.cn/cd。"
    p = prep(text)
    may = {i for i in range(1, len(text) - 2) if p.gaps[i] is Gap.FREE}
    expected = {i for i in range(1, len(text) - 2) if text[i] in "/." and text[i + 1] != "/"}
    assert may == expected


def test_a_number_before_a_url_keeps_its_decimal_point():
    """The URL's breaks are the URL's own: `1.5` before it is still one unit."""
    p = prep("1.5见www.a.cn")
    assert p.gaps[:2] == [Gap.NEVER, Gap.INSIDE_UNIT]               # `.` never starts a line
    assert p.gaps[7] is Gap.FREE                              # after "www."


def test_a_solidus_outside_a_url_ends_no_line():
    """GB/T 15834-2011 5.1.9: the 分隔号 starts and ends no line."""
    p = prep("国/国")
    assert p.gaps == [Gap.NEVER, Gap.NEVER]


def test_a_url_does_not_break_after_its_last_character():
    p = prep("www.a.cn/国")
    assert p.gaps[-1] is Gap.NEVER                             # after the final `/`: 5.1.9
    p = prep("www.a.cn.")
    assert p.gaps[-1] is Gap.NEVER                             # before the full stop


def test_latin_units_are_runs_of_latin_with_no_space_typed_inside():
    p = prep("ab cd国e f国")
    assert p.units == [(0, 2), (2, 4), (5, 6), (6, 7)]
    # inside a unit only an emergency break; between units a word space; next to Han the
    # Han–Latin space
    assert p.gaps == [Gap.INSIDE_UNIT, Gap.FREE, Gap.INSIDE_UNIT, Gap.FREE, Gap.FREE, Gap.FREE, Gap.FREE]
    assert p.gap_space == [0.0, pytest.approx(3.0), 0.0, pytest.approx(2.0), pytest.approx(2.0),
                           pytest.approx(3.0), pytest.approx(2.0)]
    p = prep("国ab国cd国")
    assert p.units == [(1, 3), (4, 6)]
    assert p.gaps == [Gap.FREE, Gap.INSIDE_UNIT, Gap.FREE, Gap.FREE, Gap.INSIDE_UNIT, Gap.FREE]
    assert prep("国").units == [] and prep("a").units == [(0, 1)]


# --- adjacent marks ---------------------------------------------------------------------------

#: `halt` blanks a little less than half a cell (so that what a mark keeps and what it loses
#: differ): 0.4 em of （ and ）, 0.45 em of 《 and ，; the ·'s quarter cells from its own rule.
MARKS = Font(halves={"（": (0.4, 0.0), "）": (0.0, 0.4), "，": (0.0, 0.45), "《": (0.45, 0.0)},
             advances={"·": 0.3})


def test_a_closing_mark_before_an_opening_or_closing_one_loses_its_blank():
    """clreq: in `）（` and `），` the first mark loses its blank right part (0.4 em of the
    12-pt cell: 4.8 pt), so the pair is set about 1.5 em; the second keeps its own."""
    for text in ("国）（", "国），"):
        p = prep(text, MARKS)
        assert atoms(p)[1] == (Kind.CLOSE, pytest.approx(7.2), 0.0, 0.0, 0.0), text
    assert atoms(prep("国）（", MARKS))[2] == (Kind.OPEN, CELL, 0.0, pytest.approx(4.8), 0.0)
    assert atoms(prep("国），", MARKS))[2] == (Kind.CLOSE, CELL, 0.0, 0.0, pytest.approx(5.4))


def test_of_two_opening_marks_the_second_loses_its_blank_left_part():
    """`（《`: 《 loses its 0.45 em (5.4 pt) of blank on the left: its glyph drawn 5.4 pt
    further left, its cell 6.6 pt; （ keeps its own blank."""
    p = prep("国（《", MARKS)
    assert atoms(p) == [(Kind.HAN, CELL, 0.0, 0.0, 0.0), (Kind.OPEN, CELL, 0.0, pytest.approx(4.8), 0.0),
                        (Kind.OPEN, pytest.approx(6.6), pytest.approx(-5.4), 0.0, 0.0)]


@pytest.mark.parametrize("text", ["（）", "）国", "（国", "国（", "，国", "（·", "，·", "）·", "·（"])
def test_other_neighbours_of_a_mark_are_not_compressed(text):
    """Only closing + closing/opening and opening + opening are adjusted: an opening mark before
    a closing one, an ideograph or a middle dot (which has blanks of its own) is not."""
    assert prep(text, MARKS).width == prep(text[0], MARKS).width + prep(text[1], MARKS).width


def test_a_space_typed_between_two_marks_keeps_both_whole():
    """A typed space parts the pair: neither is compressed, in a line that compresses others;
    a space typed before the pair does not part it."""
    p = prep("国） （）（", MARKS)
    assert p.width == [CELL, CELL, CELL, pytest.approx(7.2), CELL]
    p = prep("a ）（", MARKS)
    assert p.width[1:] == [pytest.approx(7.2), CELL]
    p = prep("国（ 《", MARKS)
    assert p.width == [CELL, CELL, CELL] and p.shift == [0.0, 0.0, 0.0]


def test_a_small_marks_blank_is_compressed_too():
    """At 2 pt (a cell of 1.6 pt: blanks of 0.64 and 0.72 pt, under a point) the rule is the same."""
    small = RunStyle("body", 2.0, 1.6)
    p = prep("）（《", MARKS, style=small)
    assert p.width == [pytest.approx(0.96), 1.6, pytest.approx(0.88)]
