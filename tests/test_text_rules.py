"""One test per rule of the line engine, each citing its source (GB/T 15834-2011 by
clause, clreq by anchor, docs/typography.md)."""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span, set_paragraph

from .rules import NO_LINE_END, NO_LINE_START, is_punctuation

MEASURE = 156 * 72 / 25.4          # the sample's measure, pt
CELL = MEASURE / 28                # GB/T 9704 §5.2.3: 28 characters a line
HAN = "国家治理体系和治理能力现代化建设持续推进人民群众获得感幸福感安全感不断增强"


@pytest.fixture(scope="module")
def body():
    return RunStyle("body", 16, CELL)


def setp(fonts, text, style, measure=MEASURE, indent=0.0, rules=LineRules(), justify=True):
    spans = [Span(text, style)] if isinstance(text, str) else text
    return set_paragraph(spans, fonts, ParagraphSpec(measure, indent, 0.0, justify, rules))


def gaps(line):
    return [b.x - a.x for a, b in zip(line.glyphs, line.glyphs[1:])]


def test_closing_mark_never_starts_a_line(fonts, body):
    """https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end (避头): a comma that would fall at a line start stays with its line."""
    para = setp(fonts, HAN[:28] + "，" + HAN[28:36] + "。", body)
    assert len(para.lines) == 2
    assert para.lines[1].text[0] not in NO_LINE_START
    assert para.lines[0].width == pytest.approx(MEASURE, abs=0.01)


def test_opening_mark_never_ends_a_line(fonts, body):
    """https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end (避尾): an opening quote goes down with the word it opens."""
    para = setp(fonts, HAN[:27] + "“" + HAN[27:36] + "”。", body)
    assert all(line.text[-1] not in NO_LINE_END for line in para.lines)
    assert para.lines[0].width == pytest.approx(MEASURE, abs=0.01)


# The no-line-start marks a Chinese text may hold, one by one: each put where the natural break
# would set it first on the second line (after 28 full cells), and each after a 27-cell line
# and a Latin letter (so that a narrow mark, too, falls at the break). U+3000 is left out here:
# a typed ideographic space at a break is dropped or kept by its own rule.
START_MARKS = sorted(NO_LINE_START - {"\u3000"})
END_MARKS = sorted(NO_LINE_END)


@pytest.mark.parametrize("mark", START_MARKS, ids=[f"U+{ord(c):04X}" for c in START_MARKS])
def test_no_line_starts_with_a_no_line_start_mark(fonts, body, mark):
    """GB/T 15834-2011 5.1.1–5.1.3, 5.1.6, 5.1.7, 5.1.9; clreq
    https://www.w3.org/International/clreq/#prohibition-rules-strict: the mark stays on the
    line before (compressed into it, or with a character pushed down with it)."""
    for text in (HAN[:28] + mark + HAN[28:36] + "。", HAN[:27] + "A" + mark + HAN[28:36] + "。"):
        para = setp(fonts, text, body)
        assert len(para.lines) >= 2, mark
        for line in para.lines[1:]:
            assert line.text[0] != mark, [l.text for l in para.lines]


@pytest.mark.parametrize("mark", END_MARKS, ids=[f"U+{ord(c):04X}" for c in END_MARKS])
def test_no_line_ends_with_a_no_line_end_mark(fonts, body, mark):
    """GB/T 15834-2011 5.1.3, 5.1.9; clreq
    https://www.w3.org/International/clreq/#prohibition-rules-guobiao: the mark goes down with
    what it opens."""
    for at in (27, 26):
        text = HAN[:at] + mark + HAN[at:at + 10] + "。"
        para = setp(fonts, text, body)
        assert len(para.lines) >= 2, mark
        for line in para.lines:
            assert line.text[-1] != mark, [l.text for l in para.lines]
        assert para.lines[0].width == pytest.approx(MEASURE, abs=0.01)


@pytest.mark.parametrize("mark", ["——", "……"])
def test_two_em_marks_are_never_split(fonts, body, mark):
    """GB/T 15834-2011 5.1.4, 5.1.5; https://www.w3.org/International/clreq/#prohibition-rules-strict:
    `——` and `……` are one mark; never split, never at a line start."""
    for at in range(24, 29):
        para = setp(fonts, HAN[:at] + mark + HAN[at:at + 12] + "。", body)
        for line in para.lines:
            assert line.text[0] not in "—…"
            assert not line.text.endswith(mark[0]) or line.text.endswith(mark)


def test_closing_then_opening_takes_one_and_a_half_em(fonts, body):
    """https://www.w3.org/International/clreq/#h-adjustment_of_adjacent_punctuation_marks: `。“` — the first mark is set half width."""
    para = setp(fonts, "他说。“好。”", body)
    g = para.lines[0].glyphs
    assert g[3].x - g[2].x == pytest.approx(CELL / 2, abs=0.01)     # 。 then “
    assert g[6].x - g[5].x == pytest.approx(CELL / 2, abs=0.01)     # 。 then ”


def test_closing_mark_at_line_end_is_set_half_width(fonts, body):
    """GB/T 15834-2011 5.1.10 /
    https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start: 27 characters and `。”` (28.5 em after the
    pair is compressed) fit the measure because the quote's blank half goes at the line end."""
    para = setp(fonts, HAN[:27] + "。”" + HAN[:10] + "。", body)
    first = para.lines[0]
    assert first.text == HAN[:27] + "。”"
    assert first.width == pytest.approx(MEASURE, abs=0.01)
    assert first.glyphs[-1].x == pytest.approx(MEASURE - CELL / 2, abs=0.01)
    assert gaps(first)[:26] == pytest.approx([CELL] * 26, abs=0.001)   # no other glyph moved


def test_opening_mark_at_line_start_when_the_layout_says(fonts, body):
    """https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start
    (layout setting): an opening mark at a line start may lose its blank half."""
    rules = LineRules(compress_opening_at_line_start=True)
    para = setp(fonts, "“" + HAN[:10] + "”", body, rules=rules)
    assert para.lines[0].glyphs[0].x == pytest.approx(-CELL / 2, abs=0.01)
    plain = setp(fonts, "“" + HAN[:10] + "”", body)
    assert plain.lines[0].glyphs[0].x == 0


def test_cjk_latin_space_is_a_quarter_em(fonts, body):
    """https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode: ¼ em between Han and Latin letters or digits, none next to punctuation;
    a space the editor typed there is that gap, not an extra one."""
    for text in ("共120余次", "共 120 余次"):
        g = setp(fonts, text, body).lines[0].glyphs
        assert g[1].x - (g[0].x + CELL) == pytest.approx(4.0, abs=0.01)          # 共 → 1
        assert g[4].x - (g[3].x + g[3].advance) == pytest.approx(4.0, abs=0.01)  # 0 → 余
    g = setp(fonts, "（120）", body).lines[0].glyphs
    assert g[1].x - (g[0].x + CELL) == pytest.approx(0, abs=0.01)


def test_cjk_latin_space_can_be_zero(fonts, body):
    g = setp(fonts, "共120余次", body, rules=LineRules(cjk_latin_space=0)).lines[0].glyphs
    assert g[1].x == pytest.approx(CELL, abs=0.01)


@pytest.mark.parametrize("unit", ["3,560", "93.2%", "PM2.5", "5G", "VR/AR", "ESG"])
def test_numbers_and_latin_words_are_unbreakable(fonts, body, unit):
    """docs/typography.md: Latin words, numbers with separators and units never break."""
    for at in range(22, 29):
        para = setp(fonts, HAN[:at] + unit + HAN[at:at + 20] + "。", body)
        assert any(unit in line.text for line in para.lines), (at, [l.text for l in para.lines])


def test_latin_letters_are_never_spaced(fonts, body):
    """https://www.w3.org/International/clreq/#line_adjustment: justification spreads the gaps between characters, never inside a word."""
    alone = setp(fonts, "ESG", body, justify=False).lines[0].glyphs
    natural = [b.x - a.x for a, b in zip(alone, alone[1:])]     # as the font sets the word
    para = setp(fonts, HAN[:20] + "ESG" + HAN[:20] + "。", body)
    for line in para.lines:
        text = line.text
        if "ESG" in text:
            at = text.index("ESG")
            g = line.glyphs[at:at + 3]
            assert [b.x - a.x for a, b in zip(g, g[1:])] == pytest.approx(natural, abs=0.001)
    assert any("ESG" in line.text for line in para.lines)


def test_url_breaks_only_after_slash_or_dot(fonts, body):
    """docs/typography.md: a URL breaks only after `/` or `.`."""
    url = "https://www.example.gov.cn/" + "/".join(["section%d" % i for i in range(12)]) + "/index.html"
    para = setp(fonts, "详见" + url + "。", body)
    assert len(para.lines) > 1 and not para.overfull
    for line in para.lines[:-1]:
        if line.text[-1].isascii():
            assert line.text[-1] in "/."


def test_unit_longer_than_the_measure_is_broken_with_a_warning(fonts, body):
    """A paragraph that cannot fit never overflows silently (issue #4)."""
    para = setp(fonts, "编号" + "A" * 120 + "。", body)
    assert para.overfull and para.warnings
    assert all(line.width <= MEASURE + 0.01 for line in para.lines)
    assert "".join(l.text for l in para.lines) == "编号" + "A" * 120 + "。"


def test_no_single_character_last_line(fonts, body):
    """https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows (孤字): the last line holds at least two characters that are not
    punctuation; total fit finds the breaks that give it."""
    text = HAN[:28] + HAN[:28] + "好。"
    para = setp(fonts, text, body)
    last = para.lines[-1].text
    assert len([c for c in last if not is_punctuation(c)]) >= 2
    assert not para.relaxed
    assert all(l.width == pytest.approx(MEASURE, abs=0.01) for l in para.lines[:-1])


def test_every_inner_line_is_justified_exactly(fonts, body):
    """docs/typography.md, "Justification": every line but the last reaches the right edge."""
    text = ("在2025年，" + HAN + "，" + HAN[:9] + "ESG评级达到A级，") * 3 + "完成。"
    para = setp(fonts, text, body, indent=2 * CELL)
    for line in para.lines[:-1]:
        assert line.indent + line.width == pytest.approx(MEASURE, abs=0.01)


def test_emphasis_runs_keep_their_face(fonts, body):
    """Inline styles: `**…**` runs are set in the emphasis face, on the same grid."""
    emph = RunStyle("emphasis", 16, CELL)
    para = setp(fonts, [Span("一是重点。", emph), Span("其余正文。", body)], body)
    faces = [g.style.face for g in para.lines[0].glyphs]
    assert faces == ["emphasis"] * 5 + ["body"] * 5


def test_fake_bold_is_carried_to_the_glyphs(fonts, body):
    bold = RunStyle("body", 16, CELL, stroke=0.4)
    para = setp(fonts, [Span("加粗", bold), Span("正文", body)], body)
    assert [g.style.fake_bold for g in para.lines[0].glyphs] == [True, True, False, False]


class CentredPunctuation:
    """A font whose punctuation sits in the middle of the em box (as some Traditional-
    Chinese and Japanese fonts have it) and that has no `halt` feature."""

    def __init__(self, fonts):
        self.fonts = fonts

    def shape_run(self, face, text):
        return self.fonts.shape_run(face, text)

    def half_width(self, face, text):
        return None

    def ink(self, face, gid):
        marks = {self.fonts.face(face).gid(ch) for ch in "，。“”"}
        return (0.35, 0.65) if gid in marks else self.fonts.ink(face, gid)


def test_ink_side_comes_from_the_font(fonts, body):
    """The blank part of a mark is read from its ink: a centred comma loses a quarter em on
    each side, not half on the right."""
    para = set_paragraph([Span("他说。“好”", body)], CentredPunctuation(fonts),
                         ParagraphSpec(MEASURE, 0, 0, True, LineRules()))
    g = para.lines[0].glyphs
    assert g[3].x - g[2].x == pytest.approx(CELL * 0.75, abs=0.01)


def test_right_aligned_line_ends_flush(fonts, body):
    """GB/T 15834-2011 5.1.10: with `compress_end` the closing bracket that ends a
    right-aligned byline is set half width, so its ink meets the edge."""
    spec = ParagraphSpec(MEASURE, 0, 0, False, LineRules(), compress_end=True)
    line = set_paragraph([Span("（办公室 王　昆）", body)], fonts, spec).lines[0]
    plain = setp(fonts, "（办公室 王　昆）", body, justify=False).lines[0]
    assert plain.width - line.width == pytest.approx(CELL / 2, abs=0.01)


def test_middle_dot_takes_a_centred_cell(fonts, body):
    """GB/T 15834-2011 4.14 (间隔号): `·` between the parts of a foreign name takes a full
    cell, its glyph centred, and never starts a line (5.1.7)."""
    g = setp(fonts, "阿卜杜勒·哈米德", body).lines[0].glyphs
    dot = g[4]
    assert g[5].x - g[3].x == pytest.approx(2 * CELL, abs=0.01)
    assert dot.x + dot.advance / 2 == pytest.approx(g[3].x + 1.5 * CELL, abs=0.01)
    for at in range(20, 29):
        para = setp(fonts, HAN[:at] + "阿卜杜勒·哈米德" + HAN[:10] + "。", body)
        assert all(line.text[0] != "·" for line in para.lines)


def test_typed_spaces_between_chinese_are_dropped(fonts, body):
    """https://www.w3.org/International/clreq/#principles_of_arrangement_of_han_characters:
    Chinese has no word spaces. A space between two Chinese characters (a
    YAML line wrap, a stray keystroke) takes no room; thin and no-break spaces likewise."""
    for text in ("人民 群众", "人民\u2009群众", "人民\u00a0群众"):
        g = setp(fonts, text, body).lines[0].glyphs
        assert [x.text for x in g] == list("人民群众")
        assert g[2].x - g[1].x == pytest.approx(CELL, abs=0.01)


def test_ideographic_space_and_fullwidth_percent_never_start_a_line(fonts, body):
    """An ideographic space at a line start reads as an indent; `％` belongs to its number."""
    for at in range(22, 29):
        for insert in ("王\u3000昆", "２０％"):
            para = setp(fonts, HAN[:at] + insert + HAN[:12] + "。", body)
            assert all(line.text[0] not in "\u3000％" for line in para.lines)
            assert all(not (a.text[-1] in "０１２３４５６７８９" and b.text[0] in "０１２３４５６７８９")
                       for a, b in zip(para.lines, para.lines[1:]))


def test_sc_forms_come_from_shaping(fonts, body):
    """The font's own U+2014 is a narrow Latin dash (0.89 em in Noto Serif SC); shaped with
    language zh-Hans its `locl` form is a full em, and `——` one two-em glyph (GB/T 15834-2011
    5.1.4: the 破折号 takes two cells)."""
    assert fonts.face("body").advance("—") < 0.9            # what the cmap alone would give
    g = setp(fonts, "他说——好", body, justify=False).lines[0].glyphs
    assert [x.text for x in g] == ["他", "说", "——", "好"]
    assert g[2].advance == pytest.approx(32.0)             # two em at 16 pt
    assert g[3].x - g[2].x == pytest.approx(2 * CELL, abs=0.01)


def test_latin_is_kerned_and_ligated(fonts, body):
    """Latin runs are shaped as Latin: kerning (A V closer than A's advance) and ligatures
    (ffi one glyph that copies as three letters)."""
    g = setp(fonts, "AVoffice", body, justify=False).lines[0].glyphs
    assert [x.text for x in g] == ["A", "V", "o", "ffi", "c", "e"]
    assert g[1].x - g[0].x < g[0].advance - 1.0
    assert "".join(x.text for x in g) == "AVoffice"


class HalfWidthFromFeature(CentredPunctuation):
    """A font whose comma ink sits centred but whose `halt` feature takes its right half."""

    def half_width(self, face, text):
        return (0.0, 0.5) if text == "，" else None


def test_punctuation_blanks_come_from_halt(fonts, body):
    """The blank part of a mark is what the font's `halt` feature removes where it has one:
    Noto Serif SC's comma loses its right half; a face without `halt` (LXGW WenKai as
    installed) falls back to the ink; where the two disagree, `halt` wins."""
    assert fonts.half_width("body", "，") == (0.0, 0.5)
    assert fonts.half_width("body", "“") == (0.5, 0.0)
    assert fonts.half_width("byline", "，") is None
    spec = ParagraphSpec(MEASURE, 0, 0, True, LineRules())
    g = set_paragraph([Span("他，“好”", body)], HalfWidthFromFeature(fonts), spec).lines[0].glyphs
    assert g[2].x - g[1].x == pytest.approx(CELL * 0.5, abs=0.01)    # ， then “: its halt half gone
    g = set_paragraph([Span("他，“好”", body)], CentredPunctuation(fonts), spec).lines[0].glyphs
    assert g[2].x - g[1].x == pytest.approx(CELL * 0.75, abs=0.01)   # from the ink: a quarter


# --- balanced titles (docs/typography.md, "Article title") -----------------------------------

def balanced(fonts, text, style, measure=MEASURE, max_lines=2, **kw):
    from bulletin_pdf.text.balance import set_balanced
    spans = [Span(text, style)] if text else []
    return set_balanced(spans, fonts, ParagraphSpec(measure, 0.0, 0.0, False, LineRules()), max_lines, **kw)


@pytest.mark.parametrize("n", [0, 1, 2, 15, 27, 28, 29, 30, 41, 55, 56, 57, 60])
def test_a_title_takes_one_line_if_it_fits_else_two_balanced_else_more_with_a_warning(fonts, body, n):
    """n Han characters on the 28-cell measure: one line up to 28; two lines of ⌈n/2⌉ and ⌊n/2⌋
    (the longer first, 上长下短) up to 56; past that two lines cannot hold them: three, and the
    paragraph says so. Never a line wider than the measure, never a character lost."""
    title = (HAN * 2)[:n]
    para = balanced(fonts, title, body)
    assert para.text == title
    assert all(line.width <= MEASURE + 0.01 for line in para.lines)
    if n == 0:
        assert para.lines == ()
    elif n <= 28:
        assert [line.text for line in para.lines] == [title] and para.warnings == ()
    elif n <= 56:
        assert [len(line.text) for line in para.lines] == [(n + 1) // 2, n // 2] and para.warnings == ()
    else:
        assert len(para.lines) == 3 and para.warnings


def test_a_title_breaks_after_a_mark_within_the_tolerance_only(fonts, body):
    """The break after a `，` (a phrase boundary) is preferred among the breaks whose lines
    differ by at most two characters — not when it would make them differ by three."""
    measure = 10 * CELL
    near = balanced(fonts, HAN[:6] + "，" + HAN[6:12], body, measure)           # 7 | 6 after the comma
    assert [line.text for line in near.lines] == [HAN[:6] + "，", HAN[6:12]]
    far = balanced(fonts, HAN[:7] + "，" + HAN[7:12], body, measure)            # 8 | 5 would be after it
    assert [len(line.text) for line in far.lines] == [6, 7]
    assert [line.text for line in balanced(fonts, HAN[:7] + "，" + HAN[7:12], body, measure, tolerance=3).lines] \
        == [HAN[:7] + "，", HAN[7:12]]


def test_a_title_whose_only_break_leaves_one_character_takes_it_without_a_warning(fonts, body):
    """A Latin word that fills the measure, then one Han character: the only break is before
    that character, and two lines are what the layout allows — no warning."""
    word = "ABCDEFGHIJ"
    width = balanced(fonts, word, body).lines[0].width
    para = balanced(fonts, word + "国", body, width + CELL / 2)
    assert [line.text for line in para.lines] == [word, "国"]
    assert para.warnings == () and not para.relaxed


def test_balanced_lines_are_even_in_width_when_their_counts_tie(fonts, body):
    """Two breaks leave the lines one character apart (6 | 5 and 5 | 6); with a Latin unit in
    the title the characters are not all one cell wide, and the break whose lines are closer in
    width wins even though it sets the shorter line first."""
    title = HAN[:9] + "PM"
    para = balanced(fonts, title, body, 7 * CELL)
    assert [line.text for line in para.lines] == [HAN[:5], HAN[5:9] + "PM"]
    widths = [line.width for line in para.lines]
    assert abs(widths[0] - widths[1]) < CELL


# --- the blank of a mark, from its ink, for a font without `halt` ----------------------------

@pytest.mark.parametrize("kind, ink, blanks", [
    # GB/T 15834-2011 5.1.1–5.1.3 style: 。，、 and closing brackets inked in the left half, the
    # right half blank; opening brackets inked in the right half, the left half blank
    ("close", (0.08, 0.42), (0, 8)), ("close", (0.30, 0.55), (0, 8)),
    ("open", (0.58, 0.92), (8, 0)), ("open", (0.45, 0.80), (8, 0)),
    # marks centred in the box (some fonts, Taiwan style): a quarter each side
    ("close", (0.30, 0.70), (4, 4)), ("close", (0.20, 0.80), (4, 4)),
    ("open", (0.30, 0.70), (4, 4)), ("open", (0.20, 0.80), (4, 4)),
    # ink across the box, or none: nothing to take away
    ("close", (0.05, 0.95), (0, 0)), ("close", (0.19, 0.70), (0, 0)), ("close", (0.30, 0.81), (0, 0)),
    ("open", (0.05, 0.95), (0, 0)), ("open", (0.19, 0.70), (0, 0)), ("open", (0.30, 0.81), (0, 0)),
    ("close", None, (0, 0)), ("open", None, (0, 0)),
])
def test_a_marks_blank_is_read_from_where_its_ink_sits(kind, ink, blanks):
    """A font without the OpenType `halt` feature: the removable blank of a 16-pt full-width
    mark (in pt) from its ink's left and right edges in ems."""
    from bulletin_pdf.text.prepare import _blanks
    from bulletin_pdf.text.types import Kind

    got = _blanks(Kind.CLOSE if kind == "close" else Kind.OPEN, ink, 16.0)
    assert got == pytest.approx(blanks)


def test_a_title_opening_with_a_quote_may_lose_its_blank_half_when_the_layout_says(fonts, body):
    """https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start:
    `“` + 27 ideographs + `”` is 29 cells; the quote's blank halves at the line start and end
    make it 28 — one line when the layout lets the opening mark lose its blank, else two."""
    from bulletin_pdf.text.balance import set_balanced

    title = "“" + (HAN * 2)[:27] + "”"
    for compress, lines in ((True, 1), (False, 2)):
        spec = ParagraphSpec(MEASURE, 0.0, 0.0, False, LineRules(compress_opening_at_line_start=compress))
        para = set_balanced([Span(title, body)], fonts, spec)
        assert len(para.lines) == lines and para.text == title, compress
        assert all(line.width <= MEASURE + 0.01 for line in para.lines)


#: The ideograph blocks of Unicode 16.0's Blocks.txt (https://www.unicode.org/Public/16.0.0/ucd/Blocks.txt),
#: first and last code point of each, as that file lists them.
IDEOGRAPH_BLOCKS = [
    (0x3400, 0x4DBF),    # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),    # CJK Unified Ideographs
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0x20000, 0x2A6DF),  # CJK Unified Ideographs Extension B
    (0x2A700, 0x2B73F),  # CJK Unified Ideographs Extension C
    (0x2B740, 0x2B81F),  # CJK Unified Ideographs Extension D
    (0x2B820, 0x2CEAF),  # CJK Unified Ideographs Extension E
    (0x2CEB0, 0x2EBEF),  # CJK Unified Ideographs Extension F
    (0x2EBF0, 0x2EE5F),  # CJK Unified Ideographs Extension I
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
    (0x30000, 0x3134F),  # CJK Unified Ideographs Extension G
    (0x31350, 0x323AF),  # CJK Unified Ideographs Extension H
]
#: Planes 2 and 3 are the Supplementary and Tertiary Ideographic Planes (Unicode 16.0 §2.8,
#: https://www.unicode.org/versions/Unicode16.0.0/core-spec/chapter-2/#G286941): the engine
#: takes them whole, so an extension of a later Unicode version is set as an ideograph too.
IDEOGRAPHIC_PLANES = (0x20000, 0x3FFFF)
#: The neighbours of the BMP blocks, which are not ideographs (Blocks.txt): CJK Compatibility
#: (3300..33FF), Yijing Hexagram Symbols (4DC0..4DFF), Yi Syllables (A000..A48F), the Private
#: Use Area (E000..F8FF), Alphabetic Presentation Forms (FB00..FB4F); and the planes' neighbours.
NOT_IDEOGRAPHS = [0x33FF, 0x4DC0, 0x4DFF, 0xA000, 0xF8FF, 0xFB00, 0x1FFFF, 0x40000, 0x3000, 0x3007 - 1]
#: Set on the full-width cell whatever the font says (besides ideographs): CJK Symbols and
#: Punctuation (3000..303F), Hiragana (3040..309F), Katakana (30A0..30FF) and the full-width
#: half of Halfwidth and Fullwidth Forms (FF01..FF60; FF61.. are the halfwidth forms).
WIDE_BLOCKS = [(0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0xFF01, 0xFF60)]
NOT_WIDE = [0x2FFF, 0x3100, 0xFF00, 0xFF61, 0x33FF, 0x4DC0, 0xA000, 0x40000]


def test_ideographs_are_the_cjk_unified_and_compatibility_blocks_of_unicode():
    """clreq https://www.w3.org/International/clreq/#han_characters: 汉字 are the CJK Unified
    Ideographs and their extensions (and the compatibility ideographs); each block's first and
    last code point is an ideograph (Kind.HAN), its neighbours outside every block are not."""
    from bulletin_pdf.text.classes import Kind, is_han, is_wide, kind_of

    for first, last in IDEOGRAPH_BLOCKS + [IDEOGRAPHIC_PLANES]:
        for o in (first, last):
            assert is_han(chr(o)) and is_wide(chr(o)), hex(o)
            assert kind_of(chr(o), False) is Kind.HAN, hex(o)
    for o in NOT_IDEOGRAPHS:
        assert not is_han(chr(o)), hex(o)
    for o in (0x33FF, 0x4DC0, 0xA000, 0xF8FF, 0xFB00, 0x1FFFF, 0x40000):
        assert kind_of(chr(o), False) is Kind.LATIN, hex(o)


def test_kana_fullwidth_forms_and_cjk_symbols_take_a_full_cell():
    """GB/T 15834-2011 and clreq https://www.w3.org/International/clreq/#punctuation_width_adjustment:
    full-width symbols, kana and full-width forms are set on the character cell whatever advance
    the font gives them; their neighbours outside the blocks are not."""
    from bulletin_pdf.text.classes import Kind, is_wide, kind_of

    for first, last in WIDE_BLOCKS:
        for o in (first, last):
            assert is_wide(chr(o)), hex(o)
    for o in NOT_WIDE:
        assert not is_wide(chr(o)), hex(o)
    assert kind_of("\u3042", True) is Kind.FULLWIDTH      # あ, not an ideograph
