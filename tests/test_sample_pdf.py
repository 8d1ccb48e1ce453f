"""The sample issue (第9期) read back from its PDF: the properties issue #3/#4 demand.

Positions come from pdfplumber, fonts and colours from pikepdf — not from the composer. The
composed document is used only to know which lines are paragraph lines (to match them in the
PDF by page and baseline).
"""

from __future__ import annotations

import collections
import re
import statistics

import pikepdf
import pytest

from bulletin_pdf.compose import LineRole
from bulletin_pdf.text.classes import CLOSING, NO_LINE_END, NO_LINE_START, OPENING, is_han, is_punctuation

from .pdfread import read_lines

A4 = (595.2756, 841.8898)
FOLIO = re.compile(r"—\d+—")


@pytest.fixture(scope="module")
def lines(sample_pdf):
    """Every line but the folios."""
    return [ln for ln in read_lines(sample_pdf) if not FOLIO.fullmatch(ln.text)]


@pytest.fixture(scope="module")
def roles(sample_build):
    """(page, rounded baseline) → what the composed line there is: its role, and whether it
    ends its paragraph (INNER, LAST, BYLINE…)."""
    out = {}
    for page in sample_build.document.pages:
        for ln in page.lines:
            out[(page.number, round(ln.baseline, 1))] = (ln.role, ln.ends_paragraph)
    return out


INNER = (LineRole.BODY, False)      # a paragraph's line before its last: justified to the measure
LAST = (LineRole.BODY, True)        # its last line
BYLINE = (LineRole.BYLINE, False)


def role_of(roles, line):
    for key in ((line.page, line.baseline), (line.page, round(line.baseline + 0.1, 1)),
                (line.page, round(line.baseline - 0.1, 1))):
        if key in roles:
            return roles[key]
    return None


def body_lines(lines, roles, *which):
    return [ln for ln in lines if role_of(roles, ln) in which]


def test_every_page_is_exact_a4(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        assert len(pdf.pages) >= 10
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert box[0] == box[1] == 0
            assert box[2] == pytest.approx(A4[0], abs=0.01) and box[3] == pytest.approx(A4[1], abs=0.01)


def test_fonts_are_embedded_subset_and_map_to_unicode(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.resources.get("/Font", {}).values():
                fonts[font.objgen] = font
        assert fonts
        for font in fonts.values():
            base = str(font.BaseFont)
            assert re.match(r"^/[A-Z]{6}\+", base), base
            assert font.Subtype == "/Type0" and font.Encoding == "/Identity-H", base
            (cid,) = font.DescendantFonts
            assert cid.Subtype == "/CIDFontType2" and "/FontFile2" in cid.FontDescriptor, base
            assert "/ToUnicode" in font, base
        # one font per face: the five default faces, not 256-glyph slices of them
        assert len(fonts) == len({re.sub(r"^/[A-Z]{6}\+", "", str(f.BaseFont)) for f in fonts.values()}) == 5


def test_text_round_trips(lines, sample_text):
    pdf_text = "".join(ln.text for ln in lines)
    source = re.sub(r"\s", "", "".join(sample_text))
    assert pdf_text == source


def test_body_baselines_sit_on_the_grid(lines, roles, layout, sample_build):
    pitch = layout.line_pitch
    body = body_lines(lines, roles, INNER, LAST, BYLINE)
    assert len(body) > 150
    offset = (body[0].baseline - layout.block.top) % pitch
    for ln in body:
        rows = (ln.baseline - layout.block.top - offset) / pitch
        assert abs(rows - round(rows)) < 0.01, (ln.page, ln.text)
        assert 0 <= round(rows) < layout.grid.lines
    steps = [b.baseline - a.baseline for a, b in zip(body, body[1:]) if a.page == b.page]
    assert 28.9 <= statistics.mode(round(s, 2) for s in steps) <= 29.0


def test_full_lines_hold_28_characters(lines, roles):
    counts = collections.Counter(len(ln.glyphs) for ln in body_lines(lines, roles, INNER))
    assert counts.most_common(1)[0][0] == 28


def test_no_kinsoku_violation(lines):
    for prev, ln in zip([None] + lines, lines):
        assert ln.text[0] not in NO_LINE_START, (ln.page, ln.text)
        assert ln.text[-1] not in NO_LINE_END, (ln.page, ln.text)
        if prev is not None and ln.text[0] in "—…":
            assert prev.text[-1] != ln.text[0], (ln.page, prev.text, ln.text)


def test_inner_lines_reach_the_right_edge(lines, roles, layout):
    right = layout.block.left + layout.block.width
    pitch = layout.char_pitch
    inner = body_lines(lines, roles, INNER)
    assert len(inner) > 100
    for ln in inner:
        last = ln.glyphs[-1]
        if last.text in CLOSING:   # its blank half may be compressed at the line end
            assert last.x0 + pitch / 2 <= right + 0.5 and last.x0 + pitch >= right - 0.5, ln.text
        else:
            assert abs(last.x0 + (pitch if is_han(last.text) else last.x1 - last.x0) - right) < 0.5, ln.text
        assert abs(ln.x0 - layout.block.left) < 0.5 or abs(ln.x0 - layout.block.left - 2 * pitch) < 0.5


def test_no_single_character_last_line(lines, roles):
    for ln in body_lines(lines, roles, LAST):
        solid = [g for g in ln.glyphs if not is_punctuation(g.text)]
        assert len(solid) >= 2, (ln.page, ln.text)


def test_adjacent_punctuation_is_compressed(lines):
    pairs = 0
    for ln in lines:
        for a, b in zip(ln.glyphs, ln.glyphs[1:]):
            if a.text in CLOSING and (b.text in CLOSING or b.text in OPENING):
                pairs += 1
                assert b.x0 - a.x0 <= 0.75 * a.size, (ln.page, ln.text)
    assert pairs >= 10


def test_cjk_latin_gap_is_a_quarter_em(lines, roles):
    extras = []
    for ln in body_lines(lines, roles, INNER, LAST):
        han = [b.x0 - a.x1 for a, b in zip(ln.glyphs, ln.glyphs[1:]) if is_han(a.text) and is_han(b.text)]
        base = statistics.median(han) if han else 0.0
        for a, b in zip(ln.glyphs, ln.glyphs[1:]):
            if (is_han(a.text) and b.text.isascii() and b.text.isalnum()) or \
               (a.text.isascii() and a.text.isalnum() and is_han(b.text)):
                extras.append((b.x0 - a.x1 - base) / 16)
    assert len(extras) > 20
    assert 0.20 <= statistics.median(extras) <= 0.30


def test_colours_are_cmyk_only(sample_pdf):
    """Print colour (docs/typography.md): red 0/100/100/0, black text K only, no RGB or gray."""
    seen = collections.Counter()
    with pikepdf.open(sample_pdf) as pdf:
        for page in pdf.pages:
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("rg", "RG", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS"):
                    seen[op] += 1
                if op in ("k", "K"):
                    seen[(op, tuple(round(float(v), 3) for v in operands))] += 1
    assert not [k for k in seen if k in ("rg", "RG", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS")], seen
    assert seen[("k", (0, 0, 0, 1))] > 0          # black text, K only
    assert seen[("K", (0, 1, 1, 0))] > 0          # the red masthead rule
    assert seen[("k", (0, 1, 1, 0))] > 0          # red masthead name and column heads
