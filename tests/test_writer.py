"""The writer interface: `write_pdf` reads frames and faces only. A document made by hand
(no issue, no layout) comes back from the PDF exactly as the frames place it."""

from __future__ import annotations

import decimal
import io

import pdfplumber
import pikepdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.compose import Bookmark, Document, LineRole, Page, Part, Rule, SourceKey, TextLine
from bulletin_pdf.model import Colour
from bulletin_pdf.writers.pdf.write import write_pdf
from bulletin_pdf.text import PlacedGlyph, RunStyle

RED = Colour((0, 100, 100, 0))
KEY = SourceKey(Part.BLOCK, 0, 0, 0)      # hand-made lines: any place in a source
BLACK = Colour((0, 0, 0, 100))


def glyphs(fonts, text, style, xs):
    face = fonts.face(style.face)
    return tuple(PlacedGlyph(face.gid(ch), ch, x, face.glyph_advance(face.gid(ch)) * style.size, style)
                 for ch, x in zip(text, xs))


@pytest.fixture(scope="module")
def hand_made(fonts):
    red_bold = RunStyle("body", 20, 20, RED, stroke=0.5)
    black = RunStyle("heading", 10, 10, BLACK, overprint=True)
    line1 = TextLine(50, 100, glyphs(fonts, "中文，", red_bold, [0, 23.5, 47]), LineRole.BODY, KEY)
    line2 = TextLine(60, 130, glyphs(fonts, "AB", black, [0, 9]), LineRole.TITLE, KEY)
    page = Page(1, 300, 200, (line1, line2), (Rule(10, 290, 150, 1.0, BLACK, True),), (Bookmark("标题", 0, 80, KEY),))
    doc = Document((page,), "题名", "作者", "主题", "2025-01-02")
    return doc, write_pdf(doc, fonts, pdfx=False)


def test_glyphs_come_back_where_the_frames_put_them(hand_made):
    _, data = hand_made
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert (float(page.width), float(page.height)) == (300, 200)
        chars = [(c["text"], round(c["x0"], 3), round(float(page.height) - c["matrix"][5], 3), round(c["size"], 3))
                 for c in page.chars]
        red = [c for c in page.chars if c["text"] in "中文，"]
        assert all(tuple(c["non_stroking_color"]) == (0, 1, 1, 0) for c in red)
    assert chars == [("中", 50, 100, 20), ("文", 73.5, 100, 20), ("，", 97, 100, 20),
                     ("A", 60, 130, 10), ("B", 69, 130, 10)]


def test_paint_bookmarks_and_metadata_from_the_frames(hand_made):
    _, data = hand_made
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        ops = [(str(op), [float(v) for v in args if isinstance(v, (int, float, decimal.Decimal))])
               for args, op in pikepdf.parse_content_stream(page)]
        assert ("Tr", [2.0]) in ops and ("w", [0.5]) in ops          # fake bold: fill + 0.5 pt stroke
        assert ("K", [0, 1, 1, 0]) in ops                              # …stroked in its own red
        assert ("K", [0, 0, 0, 1]) in ops                              # the black rule
        (gs,) = page.Resources.ExtGState.values()
        assert gs.OP is True and gs.op is True and int(gs.OPM) == 1   # black overprints
        assert str(pdf.docinfo.Title) == "题名" and str(pdf.docinfo.CreationDate).startswith("D:20250102")
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["标题"]
        assert len(page.Resources.Font) == 2                          # two faces, one font each


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.integers(0, 40_000), min_size=1, max_size=12), size=st.sampled_from([9.5, 16, 22]))
@example(steps=[0, 0, 1], size=16)               # glyphs on top of each other, then 1/1000 pt
def test_any_positions_read_back_exactly(fonts, steps, size):
    """Whatever the frames say (kerning, compression, justification: any distance between
    glyphs, overlaps included), a reader finds each glyph there to 1/1000 pt."""
    style = RunStyle("body", size, size, BLACK)
    xs, x = [], 0.0
    for step in steps:
        x += step / 1000
        xs.append(x)
    text = "国人大会中文"[: len(xs)] if len(xs) <= 6 else ("国人大会中文" * 2)[: len(xs)]
    line = TextLine(20, 50, glyphs(fonts, text, style, xs), LineRole.BODY, KEY)
    doc = Document((Page(1, 600, 100, (line,), ()),), "t", "a", "s", "2025-01-01")
    with pdfplumber.open(io.BytesIO(write_pdf(doc, fonts, pdfx=False))) as pdf:
        found = [c["x0"] for c in pdf.pages[0].chars]
    assert found == pytest.approx([20 + v for v in xs], abs=0.001)


def test_a_cluster_of_two_glyphs_copies_once(fonts):
    """A cluster drawn with two glyphs (a base and a mark): its text goes with the first, the
    second copies as nothing, never as an unknown character."""
    style = RunStyle("body", 16, 16, BLACK)
    face = fonts.face("body")
    line = TextLine(10, 50, (PlacedGlyph(face.gid("文"), "文中", 0, 16, style),
                             PlacedGlyph(face.gid("中"), "", 0, 16, style),
                             PlacedGlyph(face.gid("人"), "人", 16, 16, style)), LineRole.BODY, KEY)
    doc = Document((Page(1, 200, 100, (line,), ()),), "t", "a", "s", "2025-01-01")
    with pdfplumber.open(io.BytesIO(write_pdf(doc, fonts, pdfx=False))) as pdf:
        assert [c["text"] for c in pdf.pages[0].chars] == ["文中", "", "人"]


@pytest.mark.parametrize("pdfx", [True, False])
def test_the_xmp_packet_is_well_formed_xml_whatever_the_title(fonts, pdfx):
    """The XMP is written in its stored form (no XML library parses it before the save), so
    titles with markup characters, line ends or characters XML cannot hold must still give
    well-formed XML that reads back as the title."""
    from xml.etree import ElementTree

    title = "A & B <C> \"引号\" 'x' ]]> 第9期\r\n下一行\x0b"
    doc = Document((Page(1, 200, 100, (), ()),), title, "作者 & <部门>", "主题", "2025-01-02")
    with pikepdf.open(io.BytesIO(write_pdf(doc, fonts, pdfx=pdfx))) as pdf:
        packet = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert packet.startswith("<?xpacket begin=") and packet.rstrip().endswith('<?xpacket end="w"?>')
    root = ElementTree.fromstring(packet.split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    dc = "{http://purl.org/dc/elements/1.1/}"
    rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
    titles = [li.text for li in root.find(f".//{dc}title").iter(f"{rdf}li")]
    assert titles == ["A & B <C> \"引号\" 'x' ]]> 第9期\n下一行"] * 2       # \x0b cannot be in XML
    assert [li.text for li in root.find(f".//{dc}creator").iter(f"{rdf}li")] == ["作者 & <部门>"]
    assert ("GTS_PDFXVersion" in packet) is pdfx
