"""One test per rule of the line engine, each citing its source (docs/typography.md, clreq)."""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span, set_paragraph
from bulletin_pdf.text.classes import NO_LINE_END, NO_LINE_START, is_punctuation

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
    """clreq §3.1.7 (避头): a comma that would fall at a line start stays with its line."""
    para = setp(fonts, HAN[:28] + "，" + HAN[28:36] + "。", body)
    assert len(para.lines) == 2
    assert para.lines[1].text[0] not in NO_LINE_START
    assert para.lines[0].width == pytest.approx(MEASURE, abs=0.01)


def test_opening_mark_never_ends_a_line(fonts, body):
    """clreq §3.1.7 (避尾): an opening quote goes down with the word it opens."""
    para = setp(fonts, HAN[:27] + "“" + HAN[27:36] + "”。", body)
    assert all(line.text[-1] not in NO_LINE_END for line in para.lines)
    assert para.lines[0].width == pytest.approx(MEASURE, abs=0.01)


@pytest.mark.parametrize("mark", ["——", "……"])
def test_two_em_marks_are_never_split(fonts, body, mark):
    """clreq §3.1.7 (strict): `——` and `……` are one mark; never split, never at a line start."""
    for at in range(24, 29):
        para = setp(fonts, HAN[:at] + mark + HAN[at:at + 12] + "。", body)
        for line in para.lines:
            assert line.text[0] not in "—…"
            assert not line.text.endswith(mark[0]) or line.text.endswith(mark)


def test_closing_then_opening_takes_one_and_a_half_em(fonts, body):
    """clreq §3.1.6.1 / JIS X 4051: `。“` — the first mark is set half width."""
    para = setp(fonts, "他说。“好。”", body)
    g = para.lines[0].glyphs
    assert g[3].x - g[2].x == pytest.approx(CELL / 2, abs=0.01)     # 。 then “
    assert g[6].x - g[5].x == pytest.approx(CELL / 2, abs=0.01)     # 。 then ”


def test_closing_mark_at_line_end_is_set_half_width(fonts, body):
    """GB/T 15834-2011 §5.1.10 / clreq §3.1.6.3: 27 characters and `。”` (28.5 em after the
    pair is compressed) fit the measure because the quote's blank half goes at the line end."""
    para = setp(fonts, HAN[:27] + "。”" + HAN[:10] + "。", body)
    first = para.lines[0]
    assert first.text == HAN[:27] + "。”"
    assert first.width == pytest.approx(MEASURE, abs=0.01)
    assert first.glyphs[-1].x == pytest.approx(MEASURE - CELL / 2, abs=0.01)
    assert gaps(first)[:26] == pytest.approx([CELL] * 26, abs=0.001)   # no other glyph moved


def test_opening_mark_at_line_start_when_the_layout_says(fonts, body):
    """clreq §3.1.6.3 (layout setting): an opening mark at a line start may lose its blank half."""
    rules = LineRules(compress_opening_at_line_start=True)
    para = setp(fonts, "“" + HAN[:10] + "”", body, rules=rules)
    assert para.lines[0].glyphs[0].x == pytest.approx(-CELL / 2, abs=0.01)
    plain = setp(fonts, "“" + HAN[:10] + "”", body)
    assert plain.lines[0].glyphs[0].x == 0


def test_cjk_latin_space_is_a_quarter_em(fonts, body):
    """clreq §3.2.2: ¼ em between Han and Latin letters or digits, none next to punctuation;
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
    """clreq §3.8: justification spreads the gaps between characters, never inside a word."""
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
    """clreq §3.1.9 (孤字): the last line holds at least two characters that are not
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

    def shape(self, face, text):
        return self.fonts.shape(face, text)

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
    """GB/T 15834-2011 §5.1.10: with `compress_end` the closing bracket that ends a
    right-aligned byline is set half width, so its ink meets the edge."""
    spec = ParagraphSpec(MEASURE, 0, 0, False, LineRules(), compress_end=True)
    line = set_paragraph([Span("（办公室 王　昆）", body)], fonts, spec).lines[0]
    plain = setp(fonts, "（办公室 王　昆）", body, justify=False).lines[0]
    assert plain.width - line.width == pytest.approx(CELL / 2, abs=0.01)


def test_middle_dot_takes_a_centred_cell(fonts, body):
    """GB/T 15834-2011 §4.1.14 (间隔号): `·` between the parts of a foreign name takes a full
    cell, its glyph centred, and never starts a line (clreq §3.1.7)."""
    g = setp(fonts, "阿卜杜勒·哈米德", body).lines[0].glyphs
    dot = g[4]
    assert g[5].x - g[3].x == pytest.approx(2 * CELL, abs=0.01)
    assert dot.x + dot.advance / 2 == pytest.approx(g[3].x + 1.5 * CELL, abs=0.01)
    for at in range(20, 29):
        para = setp(fonts, HAN[:at] + "阿卜杜勒·哈米德" + HAN[:10] + "。", body)
        assert all(line.text[0] != "·" for line in para.lines)


def test_typed_spaces_between_chinese_are_dropped(fonts, body):
    """clreq §3.2.1: Chinese has no word spaces. A space between two Chinese characters (a
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
    §4.1.9: the 破折号 takes two cells)."""
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
