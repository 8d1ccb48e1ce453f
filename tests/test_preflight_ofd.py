"""`check FILE.ofd` (preflight/ofd.py) on small OFD packages written here from GB/T 33190-2016:
the parts (§7: OFD.xml → DocRoot → Document.xml with CommonData, resources and pages), colour
spaces (§8.3), fonts (§11.1), pictures (§10 MultiMedia, ImageObject placed by its Boundary),
and text codes (§11.3: X, Y, DeltaX/DeltaY with `g N V`, §11.4 CGTransform). Each test asserts
the finding codes, pages and the words the editor sees in English and Chinese."""

from __future__ import annotations

import io
import zipfile

import pytest
from fontTools.fontBuilder import FontBuilder
from PIL import Image

from bulletin_pdf.errors import InputError
from bulletin_pdf.preflight import ofd as ofd_reader
from bulletin_pdf.preflight import preflight

from .preflight_words import printed, said

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
TEXT = "一二三四五六七八九十，"


def small_font(name: str) -> bytes:
    """A TrueType font of the characters of TEXT, each glyph 900 units wide (.notdef 600) at
    1000 units per em."""
    glyphs = [".notdef"] + [f"uni{ord(c):04X}" for c in TEXT]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(glyphs)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in TEXT})
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    fb.setupGlyf({g: TTGlyphPen(None).glyph() for g in glyphs})
    fb.setupHorizontalMetrics({g: (600 if g == ".notdef" else 900, 0) for g in glyphs})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": name, "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def picture(mode: str, size, fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, fmt)
    return out.getvalue()


def package(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)
    return out.getvalue()


OFD_XML = (f'<ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID>'
           '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')


def document(pages: int = 2, default_cs: str = "1") -> str:
    listed = "".join(f'<ofd:Page ID="{90 + k}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(pages))
    return (f'<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID>'
            '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
            '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>'
            + (f'<ofd:DefaultCS>{default_cs}</ofd:DefaultCS>' if default_cs else "")
            + f'</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>')


PUBLIC_RES = (f'<ofd:Res {NS} BaseLoc="Res"><ofd:ColorSpaces>'
              '<ofd:ColorSpace ID="1" Type="CMYK"/><ofd:ColorSpace ID="3" Type="RGB"/>'
              '<ofd:ColorSpace ID="4" Type="GRAY"/><ofd:ColorSpace ID="5"/></ofd:ColorSpaces><ofd:Fonts>'
              '<ofd:Font ID="10" FontName="Song"><ofd:FontFile>song.ttf</ofd:FontFile></ofd:Font>'
              '<ofd:Font ID="11" FamilyName="Kai"><ofd:FontFile>kai.ttf</ofd:FontFile></ofd:Font>'
              '<ofd:Font ID="12" FontName="Hei"><ofd:FontFile>hei.ttf</ofd:FontFile></ofd:Font>'
              '<ofd:Font ID="13"/>'
              '<ofd:Font ID="14" FontName="Fang"><ofd:FontFile>/Doc_0/Res/fang.ttf</ofd:FontFile></ofd:Font>'
              '</ofd:Fonts></ofd:Res>')
DOCUMENT_RES = (f'<ofd:Res {NS}><ofd:MultiMedias>'
                + "".join(f'<ofd:MultiMedia ID="{i}" Type="Image"><ofd:MediaFile>{f}</ofd:MediaFile></ofd:MultiMedia>'
                          for i, f in (("20", "Res/rgb.png"), ("21", "Res/cmyk.jpg"), ("22", "Res/gray.png"),
                                       ("23", "Res/gone.png"), ("24", "Res/junk.png"), ("25", "Res/pal.png"),
                                       ("26", "Res\\bits.png")))
                + '</ofd:MultiMedias></ofd:Res>')


def text_object(id, font, boundary, codes, *, size="5", ctm=None, colour=None, extra=""):
    return (f'<ofd:TextObject ID="{id}" Font="{font}" Size="{size}" Boundary="{boundary}"'
            + (f' CTM="{ctm}"' if ctm else "") + ">"
            + (f'<ofd:FillColor Value="0 0 0 255" ColorSpace="{colour}"/>' if colour else "")
            + extra + codes + "</ofd:TextObject>")


def page(objects: str, area: str = "") -> str:
    return (f'<ofd:Page {NS}>' + (f"<ofd:Area><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:Area>" if area else "")
            + f'<ofd:Content><ofd:Layer ID="80">{objects}</ofd:Layer></ofd:Content></ofd:Page>')


# Page 1 (A4 from the document's PageArea): three lines of 5 mm characters from x = 20 mm, each
# advanced 5 mm (DeltaX, `g 9 5` = nine times 5), and a red rule.
PAGE_1 = page(
    text_object(31, 10, "20 30 170 10", '<ofd:TextCode X="0" Y="5" DeltaX="g 9 5">一二三四五六七八九十</ofd:TextCode>',
                colour="1")
    # drawn at twice its size by the CTM: Size 2.5 × 2 = 5 mm, advances 2.5 × 2; the last code
    # (index 9) shown by glyph 0 (CGTransform, §11.4): a .notdef
    + text_object(32, 10, "20 38 170 10",
                  '<ofd:CGTransform CodePosition="9" CodeCount="1" GlyphCount="1"><ofd:Glyphs>0</ofd:Glyphs>'
                  '</ofd:CGTransform><ofd:TextCode X="0" Y="2.5" DeltaX="2.5 2.5 g 7 2.5">十九八七六五四三二一</ofd:TextCode>',
                  size="2.5", ctm="2 0 0 2 0 0")
    # a line that starts with a comma (GB/T 15834-2011 5.1.1), and 龍, which the font lacks
    + text_object(33, 10, "20 46 170 10", '<ofd:TextCode X="0" Y="5" DeltaX="5 5">，一龍</ofd:TextCode>')
    + '<ofd:PathObject ID="34" Boundary="20 60 170 1"><ofd:StrokeColor Value="255 0 0" ColorSpace="3"/>'
      '<ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject>'
    + '<ofd:PathObject ID="35" Boundary="20 62 170 1"><ofd:FillColor Value="0 0 0 255"/></ofd:PathObject>'
    # 200 × 100 px at 35.28 × 17.64 mm = 100 × 50 pt: 144 ppi
    + '<ofd:ImageObject ID="36" ResourceID="20" Boundary="20 100 35.2778 17.6389" CTM="35.2778 0 0 17.6389 0 0"/>')

# Page 2, landscape by its own Area: pictures of every kind, fonts not embedded, a gray text.
PAGE_2 = page(
    '<ofd:ImageObject ID="41" ResourceID="21" Boundary="20 20 50.8 50.8"/>'          # 400 px at 2 in: 200 ppi
    '<ofd:ImageObject ID="42" ResourceID="22" Boundary="20 80 25.4 25.4"/>'          # 72 px at 1 in: 72 ppi
    '<ofd:ImageObject ID="43" ResourceID="22" Boundary="50 80 12.7 12.7"/>'          # the same file: 144 ppi
    '<ofd:ImageObject ID="44" ResourceID="23" Boundary="80 80 10 10"/>'
    '<ofd:ImageObject ID="45" ResourceID="24" Boundary="90 80 10 10"/>'
    '<ofd:ImageObject ID="46" ResourceID="99" Boundary="100 80 10 10"/>'
    '<ofd:ImageObject ID="47" ResourceID="25" Boundary="110 80 25.4 25.4"/>'          # 300 px: 300 ppi
    '<ofd:ImageObject ID="48" ResourceID="26"/>'
    # DeltaY (§11.3): 二 1 mm lower (within the line), 三 3 mm lower than 一 (a line of its own)
    + text_object(49, 11, "20 150 100 10", '<ofd:TextCode X="0" Y="5" DeltaX="5 6" DeltaY="1 2">一二三</ofd:TextCode>',
                  colour="4")
    + text_object(50, 12, "20 170 100 10", '<ofd:TextCode X="0" Y="5">三</ofd:TextCode>', ctm="1 0.5 0 1 0 0")
    + text_object(52, 12, "20 180 100 10", '<ofd:TextCode X="0" Y="5">四</ofd:TextCode>', ctm="1 0 0.5 1 0 0")
    + '<ofd:PathObject ID="51" Boundary="0 0 1 1"><ofd:FillColor ColorSpace="5"/></ofd:PathObject>',
    area="0 0 297 210")


def sample_parts() -> dict:
    return {"OFD.xml": OFD_XML, "Doc_0/Document.xml": document(), "Doc_0/PublicRes.xml": PUBLIC_RES,
            "Doc_0/DocumentRes.xml": DOCUMENT_RES,
            "Doc_0/Pages/Page_0/Content.xml": PAGE_1, "Doc_0/Pages/Page_1/Content.xml": PAGE_2,
            "Doc_0/Res/song.ttf": small_font("Song"), "Doc_0/Res/hei.ttf": b"not a font",
            "Doc_0/Res/fang.ttf": small_font("Fang"),
            "Doc_0/Res/rgb.png": picture("RGB", (200, 100)), "Doc_0/Res/cmyk.jpg": picture("CMYK", (400, 400), "JPEG"),
            "Doc_0/Res/gray.png": picture("L", (72, 72)), "Doc_0/Res/junk.png": b"\x89PNG not really",
            "Doc_0/Res/pal.png": picture("P", (300, 300)), "Doc_0/Res/bits.png": picture("1", (10, 10))}


@pytest.fixture
def checked(tmp_path):
    """The package checked afresh for each test: `make mutation` runs only the tests whose own
    run reached a mutant, so a module-wide fixture would leave all but the first test blind."""
    path = tmp_path / "small.ofd"
    path.write_bytes(package(sample_parts()))
    return preflight(path)


def test_pages_and_their_sizes(checked):
    """§7.5: a page's own Area, else the document's PageArea; sizes in mm (72 / 25.4 pt each)."""
    assert checked.pages == 2 and checked.facts["format"] == "OFD"
    assert checked.facts["page_sizes_pt"] == [[595.28, 841.89], [841.89, 595.28]] and checked.facts["a4"] is False
    assert said(checked, "en", "page-sizes-differ") == [
        ("fault", "page-sizes-differ", "pages of different sizes: 595.28×841.89 pt (1), 841.89×595.28 pt (1)")]
    assert said(checked, "zh", "page-sizes-differ") == [
        ("fault", "page-sizes-differ", "页面大小不一：595.28×841.89 pt (1)、841.89×595.28 pt (1)")]


def test_colours_by_their_colour_space(checked):
    """§8.3.2: a colour names its ColorSpace by ID; one that names none is in DefaultCS (here
    CMYK); a ColorSpace without Type is unknown. Pictures are judged by their files, below."""
    assert checked.facts["colour_spaces"] == {"CMYK": [1], "Gray": [2], "RGB": [1], "unknown": [2]}
    assert said(checked, "en", "rgb-colour", "gray-colour") == [
        ("warning", "gray-colour", "page 2: Gray colour used on page 2 (black should be K)"),
        ("fault", "rgb-colour", "page 1: RGB colour used (print needs CMYK or spot) on page 1")]
    assert said(checked, "zh", "rgb-colour") == [("fault", "rgb-colour", "第 1 页：第 1 页用了 RGB 颜色（印刷要用 CMYK 或专色）")]


def test_pictures_by_their_files(checked):
    """§10: each ImageObject shows a MultiMedia file (PNG, JPEG…; its location may be written
    with \\ as a Windows writer does), at the size of its Boundary (mm); its colour and pixels are the file's (an 8-bit palette picture is RGB, a 1-bit or
    L picture gray); a file missing from the package or not a picture is named so."""
    assert checked.facts["images"] == [
        {"page": 1, "name": "rgb.png", "colour": "RGB", "pixels": [200, 100], "placed_mm": [35.3, 17.6], "ppi": 144},
        {"page": 2, "name": "cmyk.jpg", "colour": "CMYK", "pixels": [400, 400], "placed_mm": [50.8, 50.8], "ppi": 200},
        {"page": 2, "name": "gray.png", "colour": "Gray", "pixels": [72, 72], "placed_mm": [25.4, 25.4], "ppi": 72},
        {"page": 2, "name": "gray.png", "colour": "Gray", "pixels": [72, 72], "placed_mm": [12.7, 12.7], "ppi": 144},
        {"page": 2, "name": "gone.png", "colour": "missing", "pixels": [0, 0], "placed_mm": [10.0, 10.0], "ppi": 0},
        {"page": 2, "name": "junk.png", "colour": "unreadable", "pixels": [0, 0], "placed_mm": [10.0, 10.0], "ppi": 0},
        {"page": 2, "name": "99", "colour": "missing", "pixels": [0, 0], "placed_mm": [10.0, 10.0], "ppi": 0},
        {"page": 2, "name": "pal.png", "colour": "RGB (indexed)", "pixels": [300, 300], "placed_mm": [25.4, 25.4], "ppi": 300},
        {"page": 2, "name": "bits.png", "colour": "Gray", "pixels": [10, 10], "placed_mm": [0.0, 0.0], "ppi": 0}]
    assert said(checked, "en", "rgb-image")[:1] == [
        ("fault", "rgb-image", "page 1: image rgb.png (RGB, 200×100 px) at 144 ppi: RGB, print needs CMYK or gray")]
    assert len(said(checked, "en", "rgb-image")) == 2      # and the palette picture
    resolution = said(checked, "en", "image-resolution")
    assert resolution[:3] == [
        ("warning", "image-resolution", "page 1: image rgb.png (RGB, 200×100 px) at 144 ppi: under 200 ppi prints soft"),
        ("fault", "image-resolution", "page 2: image gray.png (Gray, 72×72 px) at 72 ppi: under 100 ppi prints blocky"),
        ("warning", "image-resolution", "page 2: image gray.png (Gray, 72×72 px) at 144 ppi: under 200 ppi prints soft")]
    assert ("fault", "image-resolution", "第 2 页：图片 gone.png（missing，0×0 像素），0 ppi：低于 100 ppi，印出来有马赛克") \
        in said(checked, "zh", "image-resolution")
    assert "image cmyk.jpg on page 2: CMYK, 400×400 px at 50.8×50.8 mm, 200 ppi" in printed(checked, "en")


def test_fonts_and_their_glyphs(checked):
    """§11.1: a font is embedded when its FontFile (relative to the resource's BaseLoc, or from
    the package root when it starts with /) is in the package and is a font; a glyph shown by
    id 0 (CGTransform) or a character the embedded font's cmap lacks is a .notdef. Rotated or
    skewed text (a CTM with b or c) is not read."""
    facts = {f["name"]: (f["embedded"], f["subset"], f["to_unicode"], f["glyphs_shown"], f["notdef"])
             for f in checked.facts["fonts"]}
    assert facts == {"Song": (True, True, True, 23, 2), "Kai": (False, False, True, 3, 0),
                     "Hei": (False, False, True, 0, 0), "font 13": (False, False, True, 0, 0),
                     "Fang": (True, True, True, 0, 0)}
    assert said(checked, "en", "notdef-glyph", "font-not-embedded", "font-not-embedded-unused", "font-unused") == [
        ("fault", "notdef-glyph", "page 1: 2 missing glyph(s) (.notdef) in font Song"),
        ("fault", "font-not-embedded", "page 2: font Kai is not embedded"),
        ("warning", "font-not-embedded-unused", "font Hei is not embedded (never shows text)"),
        ("warning", "font-not-embedded-unused", "font 13 is not embedded (never shows text)".replace("font 13", "font font 13")),
        ("warning", "font-unused", "font Fang is in the resources but shows no text")]
    assert said(checked, "zh", "notdef-glyph", "font-not-embedded") == [
        ("fault", "notdef-glyph", "第 1 页：字体 Song 缺 2 个字形（.notdef）"),
        ("fault", "font-not-embedded", "第 2 页：字体 Kai 没有嵌入")]
    # an OFD's text codes are its text: no ToUnicode count, and no PDF/X line
    en, zh = printed(checked, "en"), printed(checked, "zh")
    assert "fonts: 5, embedded 2, subset 2; .notdef glyphs 2" in en and "ToUnicode" not in en
    assert "字体：5 个，嵌入 2 个，子集 2 个；.notdef 字形 2 个" in zh
    assert "PDF/X" not in en + zh


def test_without_default_cs_colours_are_rgb(tmp_path):
    """§7.5 (CommonData DefaultCS): without it a colour that names no colour space is RGB."""
    parts = sample_parts()
    parts["Doc_0/Document.xml"] = document(default_cs="")
    parts["Doc_0/Pages/Page_0/Content.xml"] = PAGE_1.replace('ColorSpace="3"', 'ColorSpace="1"')   # the rule in CMYK
    path = tmp_path / "rgb.ofd"
    path.write_bytes(package(parts))
    assert preflight(path).facts["colour_spaces"] == {"CMYK": [1], "Gray": [2], "RGB": [1], "unknown": [2]}


def test_every_character_where_the_text_codes_put_it(tmp_path, monkeypatch):
    """§11.3: X, then DeltaX before each next character (`g N V`: N of V); Y is the baseline; both
    in the object's space, mapped by its CTM and offset by its Boundary (mm; 72 / 25.4 pt each).
    A character's advance is its glyph's (hmtx, units per em): the glyph CGTransform names,
    else the font's cmap; a character the font lacks advances one em."""
    seen = []
    real = ofd_reader.check_lines
    monkeypatch.setattr(ofd_reader, "check_lines", lambda lines, *rest: (seen.extend(lines), real(lines, *rest)))
    path = tmp_path / "small.ofd"
    path.write_bytes(package(sample_parts()))
    preflight(path, block=(50.0, 200.0))
    pt = 72 / 25.4
    got = [(ln.page, round(ln.baseline, 2), [(c[0], round(c[1], 2), round(c[2], 2), c[3]) for c in ln.chars])
           for ln in seen]

    def at(mm_x, advance_mm):
        return round(mm_x * pt, 2), round((mm_x + advance_mm) * pt, 2)
    first = [(ch, *at(20 + 5 * k, 4.5), 14.2) for k, ch in enumerate("一二三四五六七八九十")]
    second = [(ch, *at(20 + 5 * k, 4.5 if k < 9 else 3.0), 14.2) for k, ch in enumerate("十九八七六五四三二一")]
    third = [("，", *at(20, 4.5), 14.2), ("一", *at(25, 4.5), 14.2), ("龍", *at(30, 5.0), 14.2)]
    assert got[:3] == [(1, round(35 * pt, 2), first), (1, round(43 * pt, 2), second), (1, round(51 * pt, 2), third)]
    # the gray text: 一 and 二 (1 mm lower) on one line, 三 (3 mm lower) on another; rotated ones skipped
    assert [(p, b, "".join(c[0] for c in chars)) for p, b, chars in got[3:]] == [
        (2, round(155 * pt, 2), "一二"), (2, round(158 * pt, 2), "三")]


def test_a_text_block_given_is_the_one_used(tmp_path):
    path = tmp_path / "small.ofd"
    path.write_bytes(package(sample_parts()))
    assert preflight(path, block=(50.0, 200.0)).facts["typography"]["text_block"] == [50.0, 200.0]


def test_a_glyph_id_past_the_font_is_a_missing_glyph(tmp_path):
    """CGTransform (§11.4) may name any glyph id; one the embedded font does not have (the test
    font has 12 glyphs, ids 0–11) is drawn as .notdef by a renderer: a missing glyph, placed
    by the advance its character has in the font."""
    parts = sample_parts()
    parts["Doc_0/Pages/Page_0/Content.xml"] = PAGE_1.replace("<ofd:Glyphs>0</ofd:Glyphs>", "<ofd:Glyphs>12</ofd:Glyphs>")
    path = tmp_path / "gid.ofd"
    path.write_bytes(package(parts))
    report = preflight(path)
    assert said(report, "en", "notdef-glyph") == [("fault", "notdef-glyph", "page 1: 2 missing glyph(s) (.notdef) in font Song")]
    assert said(report, "zh", "notdef-glyph") == [("fault", "notdef-glyph", "第 1 页：字体 Song 缺 2 个字形（.notdef）")]


def test_text_lines_from_the_text_codes(checked):
    """§11.3: each character at X plus the DeltaX before it (`g N V`: N times V), through the
    object's CTM, from its Boundary; characters of one baseline make a line, on which kinsoku
    is checked (a comma may not start a line, GB/T 15834-2011 5.1.1)."""
    typo = checked.facts["typography"]
    assert typo["lines"] == 5 and typo["body_size"] == 14.2              # 5 mm
    # each full line from 20 mm to 69.5 mm (the last glyph 0.9 em wide): 56.69 to 197.01 pt, on the 0.5 pt grid
    assert typo["text_block"] == [56.5, 197.0]
    assert said(checked, "en", "kinsoku-start") == [("fault", "kinsoku-start", "page 1: line starts with '，': ，一龍…")]
    assert said(checked, "zh", "kinsoku-start") == [("fault", "kinsoku-start", "第 1 页：行首是“，”：，一龍…")]
    assert "text: 5 lines, body 14.2 pt; kinsoku 1;" in printed(checked, "en")


@pytest.mark.parametrize("text, want", [
    ("1 2 3", [1.0, 2.0, 3.0]), ("g 3 5", [5.0, 5.0, 5.0]), ("1 g 2 4 7", [1.0, 4.0, 4.0, 7.0]),
    ("g 2 1.5 g 1 2", [1.5, 1.5, 2.0]), ("2", [2.0, 0.0, 0.0]), (None, [0.0, 0.0]), ("1 2 3 4 5", [1.0, 2.0]),
    ("g 2", [0.0, 2.0]),
])
def test_deltas_as_the_standard_writes_them(text, want):
    """§11.3 Table 47 note: `g N V` stands for N deltas of V; deltas not given are 0 (a `g`
    without its two numbers is read as a number… which it is not: the count is kept)."""
    if text == "g 2":
        with pytest.raises(ValueError):
            ofd_reader._deltas(text, 2)
        return
    assert ofd_reader._deltas(text, len(want)) == want


# ------------------------------------------------------------------------------------ damage

@pytest.mark.parametrize("change, en, zh", [
    (lambda p: p.pop("OFD.xml"), "damaged OFD: the part OFD.xml is missing", "OFD 已损坏：缺少 OFD.xml 部分"),
    (lambda p: p.update({"OFD.xml": "<ofd:OFD"}), "damaged OFD: OFD.xml is not XML (unclosed token: line 1, column 0)",
     "OFD 已损坏：OFD.xml 不是 XML（unclosed token: line 1, column 0）"),
    (lambda p: p.update({"OFD.xml": OFD_XML.replace("<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>", "")}),
     "damaged OFD: OFD.xml names no document (DocBody/DocRoot)", "OFD 已损坏：OFD.xml 没有指明文档（DocBody/DocRoot）"),
    (lambda p: p.update({"OFD.xml": OFD_XML.replace("Doc_0/Document.xml", " ")}),
     "damaged OFD: OFD.xml names no document (DocBody/DocRoot)", "OFD 已损坏：OFD.xml 没有指明文档（DocBody/DocRoot）"),
    (lambda p: p.update({"OFD.xml": f"<ofd:OFD {NS}/>"}),
     "damaged OFD: OFD.xml names no document (DocBody/DocRoot)", "OFD 已损坏：OFD.xml 没有指明文档（DocBody/DocRoot）"),
    (lambda p: p.update({"Doc_0/Document.xml": f"<ofd:Document {NS}/>"}),
     "damaged OFD: Doc_0/Document.xml has no CommonData", "OFD 已损坏：Doc_0/Document.xml 没有 CommonData"),
    (lambda p: p.pop("Doc_0/Pages/Page_1/Content.xml"),
     "damaged OFD: the part Doc_0/Pages/Page_1/Content.xml is missing", "OFD 已损坏：缺少 Doc_0/Pages/Page_1/Content.xml 部分"),
])
def test_a_damaged_package_is_one_located_message(tmp_path, change, en, zh):
    parts = sample_parts()
    change(parts)
    path = tmp_path / "bad.ofd"
    path.write_bytes(package(parts))
    with pytest.raises(InputError) as caught:
        preflight(path)
    assert caught.value.headline("en") == f"{path}: {en}"
    assert caught.value.headline("zh") == f"{path}: {zh}"


def test_an_ofd_without_pages_is_a_fault(tmp_path):
    parts = sample_parts()
    parts["Doc_0/Document.xml"] = document(pages=0)
    path = tmp_path / "empty.ofd"
    path.write_bytes(package(parts))
    report = preflight(path)
    assert report.pages == 0
    assert said(report, "en") == [("fault", "no-pages", "the OFD has no page")]
    assert said(report, "zh") == [("fault", "no-pages", "这个 OFD 没有页面")]


def test_the_package_limits(tmp_path, monkeypatch):
    path = tmp_path / "x.ofd"
    parts = sample_parts()
    path.write_bytes(package(parts))
    monkeypatch.setattr(ofd_reader, "MAX_ENTRIES", len(parts))
    assert preflight(path).pages == 2
    monkeypatch.setattr(ofd_reader, "MAX_ENTRIES", len(parts) - 1)
    with pytest.raises(InputError) as caught:
        preflight(path)
    assert caught.value.headline("en") == f"{path}: damaged OFD: {len(parts)} entries in the package"
    assert caught.value.headline("zh") == f"{path}: OFD 已损坏：包里有 {len(parts)} 个条目"
    monkeypatch.setattr(ofd_reader, "MAX_ENTRIES", 100)
    size = len(OFD_XML.encode())
    monkeypatch.setattr(ofd_reader, "MAX_PART_BYTES", size - 1)
    with pytest.raises(InputError) as caught:
        preflight(path)
    assert caught.value.headline("en") == f"{path}: damaged OFD: the part OFD.xml inflates to {size} bytes"
    assert caught.value.headline("zh") == f"{path}: OFD 已损坏：OFD.xml 部分解压后有 {size} 字节"


def test_what_is_not_an_ofd(tmp_path):
    """An .ofd must be a ZIP package (GB/T 33190 §7.1); a PDF named .ofd is told to be renamed;
    a ZIP that is broken, or whose parts break the reader, is one message with a hint."""
    pdf = tmp_path / "a.ofd"
    pdf.write_bytes(b"%PDF-1.7\n%junk")
    with pytest.raises(InputError) as caught:
        preflight(pdf)
    assert caught.value.headline("en") == f"{pdf}: not an OFD file (an OFD is a ZIP package): starts with `%PDF-1.7`"
    assert caught.value.details("en")[-1].endswith("this is a PDF: name it a.pdf to check it as one")
    assert caught.value.details("zh")[-1].endswith("这是 PDF：请改名为 a.pdf 再按 PDF 检查")
    text = tmp_path / "b.ofd"
    text.write_bytes(b"hello world")
    with pytest.raises(InputError) as caught:
        preflight(text)
    assert caught.value.details("en")[-1].endswith("give the .ofd file itself")
    broken = tmp_path / "c.ofd"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    with pytest.raises(InputError) as caught:
        preflight(broken)
    assert caught.value.headline("en").startswith(f"{broken}: not an OFD file (not a ZIP package): ")
    parts = sample_parts()
    parts["Doc_0/Pages/Page_0/Content.xml"] = PAGE_1.replace('Size="5"', 'Size="five"', 1)
    odd = tmp_path / "d.ofd"
    odd.write_bytes(package(parts))
    with pytest.raises(InputError) as caught:
        preflight(odd)
    assert caught.value.headline("en") == f"{odd}: damaged OFD, cannot be read: could not convert string to float: 'five'"
    assert caught.value.headline("zh") == f"{odd}: OFD 已损坏，无法读取：could not convert string to float: 'five'"
    assert caught.value.details("zh")[-1].endswith("请重新导出 OFD")
