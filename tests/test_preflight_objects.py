"""`check FILE.pdf`, the object scan (preflight/objects.py), on small PDFs written here with
pikepdf, each holding one kind of thing a print shop asks about: colour spaces set by every
operator and named in every way, pictures drawn directly, inside Form XObjects and inline,
fonts of every kind with glyphs shown and missing, page boxes, and the PDF/X keys.

Each test states what the print shop and the editor see — the finding's code, severity and
page, and its words in English and in Chinese as the report for people prints them — from the
PDF and PDF/X rules (ISO 32000-1:2008, ISO 15930-7:2010), written out here, never read from
the code under test.
"""

from __future__ import annotations

import io

import pikepdf
import pytest

from bulletin_pdf.errors import InputError
from bulletin_pdf.messages import render
from bulletin_pdf.preflight import preflight

from .preflight_words import printed, said

Name = pikepdf.Name
A4 = (595.28, 841.89)          # ISO 216: 210 × 297 mm in pt


def write_pdf(path, pages, *, info=None, root=None, size=A4):
    """A PDF of one page per item of `pages`: (content stream, resources(pdf) → dict, extra page
    keys(pdf) → dict), the document information `info` and catalogue entries `root(pdf)`."""
    with pikepdf.new() as pdf:
        made = {}         # pages given the same resources share them (one font, one picture)
        for content, resources, extra in pages:
            page = pdf.add_blank_page(page_size=size)
            if resources not in made:
                made[resources] = pdf.make_indirect(pikepdf.Dictionary(resources(pdf) if resources else {}))
            page.obj.Resources = made[resources]
            page.obj.Contents = pdf.make_stream(content)
            for key, value in (extra(pdf) if extra else {}).items():
                page.obj[key] = value
        for key, value in (info or {}).items():
            pdf.docinfo[key] = value
        for key, value in (root(pdf) if root else {}).items():
            pdf.Root[key] = value
        pdf.save(path)
    return path


def findings(report, *codes):
    return [(f.severity, f.code, f.page, render(f.message, "en"), render(f.message, "zh"))
            for f in report.findings if f.code in codes]


# ------------------------------------------------------------------------------------ colour

def icc(pdf, n):
    """An ICCBased colour space with `n` components (ISO 32000-1 8.6.5.5: /N is 1, 3 or 4)."""
    return pikepdf.Array([Name.ICCBased, pdf.make_stream(b"\0" * 128, N=n)])


def colour_resources(pdf):
    tint = pdf.make_stream(b"{dup dup dup}", FunctionType=4, Domain=[0, 1], Range=[0, 1] * 4)
    return {"/ColorSpace": pikepdf.Dictionary({
        "/I1": icc(pdf, 1), "/I2": icc(pdf, 2), "/I3": icc(pdf, 3), "/I4": icc(pdf, 4),
        "/Gold": pikepdf.Array([Name.Separation, Name.Gold, Name.DeviceCMYK, tint]),
        "/Red": pikepdf.Array([Name.Separation, Name.Red, Name.DeviceRGB, tint]),
        "/Duo": pikepdf.Array([Name.DeviceN, [Name.Cyan, Name.Gold], Name.DeviceCMYK, tint]),
        "/Pal": pikepdf.Array([Name.Indexed, Name.DeviceRGB, 1, pikepdf.String(b"\0\0\0\xff\0\0")]),
        "/Cal": pikepdf.Array([Name.CalRGB, pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])]),
        "/Odd": pikepdf.Array([Name.Foo]),
        "/Dev": pikepdf.Array([Name.DeviceGray]),
    })}


def test_every_colour_operator_and_space_is_named_on_its_pages(tmp_path):
    """The colour operators of ISO 32000-1 8.6.8 (Table 74): rg/RG set DeviceRGB, g/G DeviceGray,
    k/K DeviceCMYK, cs/CS any space — by device name, or by a name of the page's /ColorSpace
    resources (ICCBased by its /N, Separation and DeviceN by their alternate space, Indexed by
    its base, 8.6.6). RGB in any form (ICC, a spot colour whose alternate is RGB) is a fault:
    print needs CMYK or spot colours; gray a warning: black should be K (ISO 15930-7 6.2.4 asks
    for CMYK or spot output). Each is reported once, on the first page it is used, naming all
    its pages."""
    pages = [(content, colour_resources, None) for content in (   # each operator alone on a page of its space
        b"1 0 0 rg 0 0 0 1 k /I4 cs /Gold cs /Pattern cs 0 cs",
        b"0 0 0 1 K 0.5 g /I1 CS /I3 cs /Lab CS /Duo cs /Pal CS /I2 cs",
        b"0 1 0 RG 0.2 G /Red CS /Missing cs /Odd cs",
        b"/Cal cs /DeviceCMYK CS /Dev cs",
        b"/DeviceRGB CS /CalGray cs",
        b"/CalRGB cs /DeviceGray CS")]
    report = preflight(write_pdf(tmp_path / "colours.pdf", pages))
    assert report.facts["colour_spaces"] == {
        "CMYK": [1, 2, 4], "CMYK (ICC)": [1], "DeviceN (alternate CMYK)": [2], "Foo": [3],
        "Gray": [2, 3, 4, 5, 6], "Gray (ICC)": [2], "ICC": [2], "Indexed RGB": [2], "Lab": [2], "Pattern": [1],
        "RGB": [1, 3, 4, 5, 6], "RGB (ICC)": [2], "Separation Gold (alternate CMYK)": [1],
        "Separation Red (alternate RGB)": [3], "unknown": [1], "unknown /Missing": [3]}
    assert findings(report, "rgb-colour", "gray-colour") == [
        ("warning", "gray-colour", 2, "Gray colour used on page 2, 3, 4, 5, 6 (black should be K)",
         "第 2, 3, 4, 5, 6 页用了 Gray 颜色（黑色应为 K）"),
        ("warning", "gray-colour", 2, "Gray (ICC) colour used on page 2 (black should be K)",
         "第 2 页用了 Gray (ICC) 颜色（黑色应为 K）"),
        ("fault", "rgb-colour", 1, "RGB colour used (print needs CMYK or spot) on page 1, 3, 4, 5, 6",
         "第 1, 3, 4, 5, 6 页用了 RGB 颜色（印刷要用 CMYK 或专色）"),
        ("fault", "rgb-colour", 2, "RGB (ICC) colour used (print needs CMYK or spot) on page 2",
         "第 2 页用了 RGB (ICC) 颜色（印刷要用 CMYK 或专色）"),
        ("fault", "rgb-colour", 3,
         "Separation Red (alternate RGB) colour used (print needs CMYK or spot) on page 3",
         "第 3 页用了 Separation Red (alternate RGB) 颜色（印刷要用 CMYK 或专色）")]
    en, zh = printed(report, "en"), printed(report, "zh")
    assert "fault [rgb-colour] page 3: Separation Red (alternate RGB) colour used" in en
    assert "warning [gray-colour] page 2: Gray (ICC) colour used on page 2 (black should be K)" in en
    assert "不合格 [rgb-colour] 第 1 页：第 1, 3, 4, 5, 6 页用了 RGB 颜色（印刷要用 CMYK 或专色）" in zh
    assert "警告 [gray-colour] 第 2 页：第 2 页用了 Gray (ICC) 颜色（黑色应为 K）" in zh
    assert "colour: CMYK, CMYK (ICC), DeviceN (alternate CMYK), Foo, Gray," in en
    assert "颜色：CMYK、CMYK (ICC)、DeviceN (alternate CMYK)、Foo、Gray、" in zh


def test_a_page_without_colour_says_none(tmp_path):
    """A page that sets no colour (all black by default, ISO 32000-1 8.6.8 initial DeviceGray is
    not an operator of the page): the report says so, with no colour finding."""
    report = preflight(write_pdf(tmp_path / "blank.pdf", [(b"0 0 m 10 10 l S", None, None)]))
    assert report.facts["colour_spaces"] == {}
    assert "colour: none" in printed(report, "en") and "颜色：无" in printed(report, "zh")


# ------------------------------------------------------------------------------------ pictures

def image(pdf, w, h, space=Name.DeviceCMYK, **extra):
    comps = {Name.DeviceCMYK: 4, Name.DeviceRGB: 3, Name.DeviceGray: 1}.get(space, 1)
    keys = {"Type": Name.XObject, "Subtype": Name.Image, "BitsPerComponent": 8, **extra}
    if space is not None:
        keys["ColorSpace"] = space
    if w is not None:
        keys["Width"] = w
    if h is not None:
        keys["Height"] = h
    return pdf.make_stream(b"\x80" * ((w or 1) * (h or 1) * comps), **keys)


def picture_page(pdf):
    """ISO 32000-1 8.9.5: an image is drawn into the unit square, scaled by the CTM (8.3.4).
    /Named's colour space is a name of the page's /ColorSpace resources (an RGB ICC profile)."""
    inner = image(pdf, 400, 400, Name.DeviceCMYK)
    nested = pdf.make_stream(b"q 50 0 0 50 0 0 cm /In Do Q 1 0 0 rg", Type=Name.XObject, Subtype=Name.Form,
                             BBox=[0, 0, 100, 100], Matrix=[2, 0, 0, 2, 10, 10],
                             Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(In=inner)))
    plain = pdf.make_stream(b"q 36 0 0 36 0 0 cm /Gr Do Q", Type=Name.XObject, Subtype=Name.Form,
                            BBox=[0, 0, 100, 100])          # no /Matrix, no /Resources: the page's
    skew = pdf.make_stream(b"q 72 0 0 72 0 0 cm /Gr Do Q", Type=Name.XObject, Subtype=Name.Form,
                           BBox=[0, 0, 100, 100], Matrix=[1, 0, 0])   # not a matrix: ignored
    ps = pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.PS)
    return {"/ColorSpace": pikepdf.Dictionary({"/I3": icc(pdf, 3)}), "/XObject": pikepdf.Dictionary({
        "/Photo": image(pdf, 200, 100, Name.DeviceRGB),
        "/Named": image(pdf, 100, 100, Name("/I3")),
        "/Gr": image(pdf, 180, 180, Name.DeviceGray),
        "/Sharp": image(pdf, 1000, 500, Name.DeviceCMYK),
        "/Mask": image(pdf, 10, 10, None, ImageMask=True, BitsPerComponent=1),
        "/NoSize": image(pdf, None, None, Name.DeviceCMYK),
        "/Nest": nested, "/Plain": plain, "/Skew": skew, "/PS": ps})}


def test_pictures_are_measured_where_they_are_drawn(tmp_path):
    """Every picture drawn, with its colour, pixels, placed size in mm and resolution — directly,
    rotated, inside a Form XObject whose /Matrix maps form space to the page (ISO 32000-1 8.10.1,
    default identity; the form's own /Resources, else the page's), and the graphics state
    restored by Q (8.4.2). Effective ppi = pixels × 72 / placed pt, the smaller of the two
    axes: under 200 prints soft (a warning), under 100 blocky (a fault); an RGB picture is a
    fault. A stencil mask (8.9.6.2) has no colour of its own and is not a picture."""
    content = (b"q 100 0 0 50 0 0 cm /Photo Do Q "          # 200×100 px at 100×50 pt: 144 ppi
               b"q 50 0 0 50 0 0 cm /Named Do Q "             # 100 px at 50 pt: 144 ppi
               b"q 0 100 -100 0 300 0 cm /Sharp Do Q "       # rotated 90°: 100×100 pt, 720 / 360 ppi
               b"q 130 0 0 130 0 0 cm /Gr Do Q "             # 180 px at 130 pt: 99.7 ppi
               b"/Mask Do /Nothing Do /PS Do "
               b"q 2 0 0 2 0 0 cm /Nest Do Q "               # 2 × 2 × 50 pt: 200 pt, 144 ppi
               b"/Plain Do 1 2 3 cm q Q Q "
               b"q 72 0 0 72 0 0 cm /NoSize Do Q")
    report = preflight(write_pdf(tmp_path / "pictures.pdf", [(b"0 0 0 1 k", None, None),
                                                             (content, picture_page, None)]))
    assert report.facts["images"] == [
        {"page": 2, "name": "Photo", "colour": "RGB", "pixels": [200, 100], "placed_mm": [35.3, 17.6], "ppi": 144},
        {"page": 2, "name": "Named", "colour": "RGB (ICC)", "pixels": [100, 100], "placed_mm": [17.6, 17.6], "ppi": 144},
        {"page": 2, "name": "Sharp", "colour": "CMYK", "pixels": [1000, 500], "placed_mm": [35.3, 35.3], "ppi": 360},
        {"page": 2, "name": "Gr", "colour": "Gray", "pixels": [180, 180], "placed_mm": [45.9, 45.9], "ppi": 100},
        {"page": 2, "name": "In", "colour": "CMYK", "pixels": [400, 400], "placed_mm": [70.6, 70.6], "ppi": 144},
        {"page": 2, "name": "Gr", "colour": "Gray", "pixels": [180, 180], "placed_mm": [12.7, 12.7], "ppi": 360},
        {"page": 2, "name": "NoSize", "colour": "CMYK", "pixels": [0, 0], "placed_mm": [25.4, 25.4], "ppi": 0}]
    # the Form's 1 0 0 rg counts on the page that draws it; a gray picture is not a colour to flag
    assert report.facts["colour_spaces"] == {"CMYK": [1, 2], "RGB": [2], "RGB (ICC)": [2]}
    assert [x for x in said(report, "en") if x[1] in ("rgb-colour", "rgb-image")] == [
        ("fault", "rgb-colour", "page 2: RGB colour used (print needs CMYK or spot) on page 2"),
        ("fault", "rgb-colour", "page 2: RGB (ICC) colour used (print needs CMYK or spot) on page 2"),
        ("fault", "rgb-image", "page 2: image Photo (RGB, 200×100 px) at 144 ppi: RGB, print needs CMYK or gray"),
        ("fault", "rgb-image", "page 2: image Named (RGB (ICC), 100×100 px) at 144 ppi: RGB, print needs CMYK or gray")]
    pictures = [x for x in said(report, "en") if x[1] == "image-resolution"]
    assert pictures == [
        ("warning", "image-resolution", "page 2: image Photo (RGB, 200×100 px) at 144 ppi: under 200 ppi prints soft"),
        ("warning", "image-resolution", "page 2: image Named (RGB (ICC), 100×100 px) at 144 ppi: under 200 ppi prints soft"),
        ("fault", "image-resolution", "page 2: image Gr (Gray, 180×180 px) at 100 ppi: under 100 ppi prints blocky"),
        ("warning", "image-resolution", "page 2: image In (CMYK, 400×400 px) at 144 ppi: under 200 ppi prints soft"),
        ("fault", "image-resolution", "page 2: image NoSize (CMYK, 0×0 px) at 0 ppi: under 100 ppi prints blocky")]
    assert [x for x in said(report, "zh") if x[1] in ("rgb-image", "image-resolution")][:5:2] == [
        ("fault", "rgb-image", "第 2 页：图片 Photo（RGB，200×100 像素），144 ppi：RGB 图片，印刷要用 CMYK 或灰度"),
        ("fault", "rgb-image", "第 2 页：图片 Named（RGB (ICC)，100×100 像素），144 ppi：RGB 图片，印刷要用 CMYK 或灰度"),
        ("fault", "image-resolution", "第 2 页：图片 Gr（Gray，180×180 像素），100 ppi：低于 100 ppi，印出来有马赛克")]
    en, zh = printed(report, "en"), printed(report, "zh")
    assert "image Photo on page 2: RGB, 200×100 px at 35.3×17.6 mm, 144 ppi" in en
    assert "image In on page 2: CMYK, 400×400 px at 70.6×70.6 mm, 144 ppi" in en
    assert "第 2 页图片 Sharp：CMYK，1000×500 像素，印成 35.3×35.3 毫米，360 ppi" in zh


def test_a_form_matrix_that_is_not_six_numbers_is_ignored(tmp_path):
    """A Form's /Matrix must be six numbers (ISO 32000-1 8.10.2, Table 95); one of three is
    damage: the object scan draws the form as if it had none (the glyph read-back, pdfminer,
    refuses such a file: `check` then says it is damaged)."""
    from bulletin_pdf.preflight.model import Report
    from bulletin_pdf.preflight.objects import scan_objects

    path = write_pdf(tmp_path / "skew.pdf", [(b"/Skew Do", picture_page, None)])
    report = Report(str(path), 1)
    with pikepdf.open(path) as pdf:
        scan_objects(pdf, report)
    assert report.facts["images"] == [
        {"page": 1, "name": "Gr", "colour": "Gray", "pixels": [180, 180], "placed_mm": [25.4, 25.4], "ppi": 180}]
    # the glyph read-back (pdfminer) cannot draw such a form: the file is said to be damaged, with why
    with pytest.raises(InputError) as caught:
        preflight(path)
    assert caught.value.headline("en") == \
        f"{path}: damaged PDF, cannot be read: not enough values to unpack (expected 6, got 3)"
    assert caught.value.headline("zh") == f"{path}: PDF 已损坏，无法读取：not enough values to unpack (expected 6, got 3)"


def test_inline_images_are_pictures_too(tmp_path):
    """Inline images (BI … ID … EI, ISO 32000-1 8.9.7; abbreviated keys, Table 93): their colour
    space (abbreviated names /RGB /G /CMYK, Table 94) and size at the CTM, named `inline`."""
    rgb = b"BI /W 60 /H 40 /CS /RGB /BPC 8 ID " + b"\x10" * (60 * 40 * 3) + b" EI"
    gray = b"BI /W 20 /H 10 /CS /G /BPC 8 ID " + b"\x10" * 200 + b" EI"
    cmyk = b"BI /W 8 /H 8 /CS /CMYK /BPC 8 ID " + b"\x10" * 256 + b" EI"
    content = (b"q 30 0 0 20 0 0 cm " + rgb + b" Q q 0 10 -5 0 0 0 cm " + gray + b" Q " + cmyk)
    report = preflight(write_pdf(tmp_path / "inline.pdf", [(content, None, None)]))
    assert report.facts["images"] == [
        {"page": 1, "name": "inline", "colour": "RGB", "pixels": [60, 40], "placed_mm": [10.6, 7.1], "ppi": 144},
        {"page": 1, "name": "inline", "colour": "Gray", "pixels": [20, 10], "placed_mm": [3.5, 1.8], "ppi": 144},
        {"page": 1, "name": "inline", "colour": "CMYK", "pixels": [8, 8], "placed_mm": [0.4, 0.4], "ppi": 576}]
    assert report.facts["colour_spaces"] == {"CMYK": [1], "RGB": [1]}
    assert ("fault", "rgb-image", "page 1: image inline (RGB, 60×40 px) at 144 ppi: RGB, print needs CMYK or gray") \
        in said(report, "en")


def test_a_form_that_draws_itself_is_followed_eight_deep(tmp_path):
    """A Form XObject may (wrongly) draw itself: the walk stops after eight nested forms, and
    each level's picture is counted, each scaled by all the forms' matrices above it."""
    def resources(pdf):
        form = pdf.make_stream(b"q 72 0 0 72 0 0 cm /Im Do Q /Me Do", Type=Name.XObject, Subtype=Name.Form,
                               BBox=[0, 0, 1, 1], Matrix=[0.5, 0, 0, 0.5, 0, 0])
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=image(pdf, 72, 72, Name.DeviceGray),
                                                                        Me=form))
        return {"/XObject": pikepdf.Dictionary(Me=form)}
    report = preflight(write_pdf(tmp_path / "deep.pdf", [(b"/Me Do", resources, None)]))
    # level k (1…8) draws 72 px at 72 pt × 0.5^k: 72 × 2^k ppi
    assert [im["ppi"] for im in report.facts["images"]] == [144, 288, 576, 1152, 2304, 4608, 9216, 18432]


# ------------------------------------------------------------------------------------ fonts

def cid_font(pdf, name, cid_to_gid, *, embedded="FontFile2", to_unicode=False):
    """A Type0 font, Identity-H (ISO 32000-1 9.7.5.2: two-byte codes are CIDs), its CIDFontType2
    descendant mapping CIDs to glyph ids by /CIDToGIDMap (9.7.4.2: a stream of big-endian
    two-byte glyph ids indexed by CID, or /Identity)."""
    descriptor = pikepdf.Dictionary(Type=Name.FontDescriptor, FontName=Name(f"/{name}"), Flags=4)
    if embedded:
        descriptor[f"/{embedded}"] = pdf.make_stream(b"not parsed for a CID font", Length1=25, Length2=0, Length3=0)
    descendant = pikepdf.Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name(f"/{name}"),
                                    CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"),
                                                                     Ordering=pikepdf.String("Identity"), Supplement=0),
                                    FontDescriptor=descriptor,
                                    CIDToGIDMap=Name.Identity if cid_to_gid is None else
                                    pdf.make_stream(b"".join(g.to_bytes(2, "big") for g in cid_to_gid)))
    font = pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name(f"/{name}"),
                              Encoding=Name("/Identity-H"), DescendantFonts=[descendant])
    if to_unicode:
        font.ToUnicode = pdf.make_stream(b"")
    return pdf.make_indirect(font)


def simple_font(pdf, name, subtype="/Type1", embedded=None, to_unicode=False):
    font = pikepdf.Dictionary(Type=Name.Font, Subtype=Name(subtype), BaseFont=Name(f"/{name}"))
    if embedded:
        font.FontDescriptor = pikepdf.Dictionary(Type=Name.FontDescriptor, FontName=Name(f"/{name}"))
        font.FontDescriptor[embedded] = pdf.make_stream(b"font program", Length1=12, Length2=0, Length3=0)
    if to_unicode:
        font.ToUnicode = pdf.make_stream(b"")
    return pdf.make_indirect(font)


def font_resources(pdf):
    return {"/Font": pikepdf.Dictionary({
        "/Song": cid_font(pdf, "ABCDEF+Song", [0, 5, 0, 7]),          # CID 0 and 2 → glyph 0
        "/Ming": cid_font(pdf, "MMMMMM+Ming", [0, 256, 512, 0, 1024]),  # two-byte ids, high bytes set
        "/Hei": cid_font(pdf, "Hei", None, embedded="FontFile3", to_unicode=True),
        "/Kai": cid_font(pdf, "GHIJKL+Kai", None, embedded=None, to_unicode=True),
        "/Helv": simple_font(pdf, "Helvetica"),
        "/Unused": simple_font(pdf, "Courier"),
        "/Spare": simple_font(pdf, "MNOPQR+Spare", embedded="/FontFile", to_unicode=True),
        "/Whole": simple_font(pdf, "Times", subtype="/TrueType", embedded="/FontFile2", to_unicode=False),
        "/Pics": pdf.make_indirect(pikepdf.Dictionary(Type=Name.Font, Subtype=Name.Type3, FontMatrix=[1, 0, 0, 1, 0, 0],
                                                      CharProcs={}, Encoding={}, FirstChar=0, LastChar=0, Widths=[0],
                                                      FontBBox=[0, 0, 0, 0], Resources={})),
    })}


def test_fonts_are_counted_glyph_by_glyph(tmp_path):
    """Every text-showing operator (ISO 32000-1 9.4.3, Table 109: Tj, TJ, ' and ") counts the
    glyphs shown in the current font (Tf); a CID whose glyph id is 0 (.notdef, 9.7.6.3; beyond
    the end of /CIDToGIDMap too) is a missing glyph: a fault. A font not embedded (9.9: no
    /FontFile, /FontFile2 or /FontFile3) that shows text is a fault (ISO 15930-7 6.3.5: fonts
    shall be embedded), a warning when it shows none; an embedded font that is not a subset
    (no ABCDEF+ tag, 9.6.4), or without /ToUnicode (9.10.3), or showing nothing, a warning."""
    page1 = (b"BT /Song 12 Tf [<0001> -200 <00020003> 5] TJ <0009> Tj "
             b"/Helv 10 Tf (Hi) Tj (a) ' 1 2 (bc) \" ET")
    page2 = (b"BT (no font yet) Tj /Hei 12 Tf <00000005> Tj /Nope 10 Tf (x) Tj "
             b"/Kai 9 Tf <0003> Tj /Whole 9 Tf (W) Tj /Pics 1 Tf <00> Tj /Ming 9 Tf <0001000200030004> Tj ET")
    report = preflight(write_pdf(tmp_path / "fonts.pdf", [(page1, font_resources, None),
                                                          (page2, font_resources, None)]))
    facts = {f["name"]: (f["type"], f["embedded"], f["subset"], f["to_unicode"], f["glyphs_shown"], f["notdef"])
             for f in report.facts["fonts"]}
    assert facts == {
        "ABCDEF+Song": ("Type0", True, True, False, 4, 2),      # CIDs 1 2 3 9: 2 → 0, 9 past the map
        "MMMMMM+Ming": ("Type0", True, True, False, 4, 1),      # CIDs 1–4 → 256, 512, 0, 1024
        "Helvetica": ("Type1", False, False, False, 5, 0),      # (Hi) Tj, (a) ', (bc) ": 5 bytes
        "Hei": ("Type0", True, False, True, 2, 1),              # CIDs 0 and 5, Identity: 0 is .notdef
        "GHIJKL+Kai": ("Type0", False, True, True, 1, 0),
        "Times": ("TrueType", True, False, False, 1, 0),
        "?": ("Type3", True, False, False, 1, 0),
        "Courier": ("Type1", False, False, False, 0, 0),
        "MNOPQR+Spare": ("Type1", True, True, True, 0, 0)}
    fonts = [x for x in said(report, "en") if "font" in x[1] or "notdef" in x[1] or "tounicode" in x[1]]
    assert sorted(fonts) == sorted([
        ("fault", "notdef-glyph", "page 1: 2 missing glyph(s) (.notdef) in font ABCDEF+Song"),
        ("warning", "no-tounicode", "page 1: font ABCDEF+Song has no ToUnicode: text will not copy"),
        ("fault", "font-not-embedded", "page 1: font Helvetica is not embedded"),
        ("fault", "notdef-glyph", "page 2: 1 missing glyph(s) (.notdef) in font Hei"),
        ("warning", "font-not-subset", "page 2: font Hei is embedded whole, not subset"),
        ("fault", "font-not-embedded", "page 2: font GHIJKL+Kai is not embedded"),
        ("warning", "font-not-subset", "page 2: font Times is embedded whole, not subset"),
        ("warning", "no-tounicode", "page 2: font Times has no ToUnicode: text will not copy"),
        ("warning", "font-not-subset", "page 2: font ? is embedded whole, not subset"),
        ("fault", "notdef-glyph", "page 2: 1 missing glyph(s) (.notdef) in font MMMMMM+Ming"),
        ("warning", "no-tounicode", "page 2: font MMMMMM+Ming has no ToUnicode: text will not copy"),
        ("warning", "font-not-embedded-unused", "font Courier is not embedded (never shows text)"),
        ("warning", "font-unused", "font MNOPQR+Spare is in the resources but shows no text")])
    zh = said(report, "zh")
    for line in (("fault", "notdef-glyph", "第 1 页：字体 ABCDEF+Song 缺 2 个字形（.notdef）"),
                 ("warning", "no-tounicode", "第 1 页：字体 ABCDEF+Song 没有 ToUnicode：文字无法复制"),
                 ("fault", "font-not-embedded", "第 1 页：字体 Helvetica 没有嵌入"),
                 ("warning", "font-not-subset", "第 2 页：字体 Hei 整个嵌入，没有取子集"),
                 ("warning", "font-not-embedded-unused", "字体 Courier 没有嵌入（没有用来显示文字）"),
                 ("warning", "font-unused", "字体 MNOPQR+Spare 在资源里，但没有显示任何文字")):
        assert line in zh, (line, zh)
    en = " ".join(printed(report, "en").split())
    assert "fonts: 9, embedded 6, subset 4, ToUnicode 3; .notdef glyphs 4" in en
    assert "字体：9 个，嵌入 6 个，子集 4 个，ToUnicode 3 个；.notdef 字形 4 个" in printed(report, "zh")


# ------------------------------------------------------------------------------------ page boxes

def test_page_boxes(tmp_path):
    """The TrimBox (ISO 32000-1 14.11.2) must lie within the MediaBox: each side past it is a
    fault on its page; a TrimBox equal to the MediaBox is fine. The page size is the MediaBox's
    (its origin need not be 0 0); pages of different sizes are a fault naming each size."""
    def boxes(trim, media=(0, 0, 595.28, 841.89)):
        return lambda pdf: {"/MediaBox": pikepdf.Array(media), "/TrimBox": pikepdf.Array(trim)}
    pages = [(b"", None, boxes((0, 0, 595.28, 841.89))),
             (b"", None, boxes((-1, 0, 595, 841))),
             (b"", None, boxes((0, -1, 595, 841))),
             (b"", None, boxes((0, 0, 596, 841))),
             (b"", None, boxes((0, 0, 595, 842.5))),
             (b"", None, boxes((20, 20, 800, 600), media=(10, 10, 851.89, 605.28)))]
    report = preflight(write_pdf(tmp_path / "boxes.pdf", pages))
    assert [(f.page, f.code) for f in report.findings if f.code == "trimbox-outside"] == \
        [(2, "trimbox-outside"), (3, "trimbox-outside"), (4, "trimbox-outside"), (5, "trimbox-outside")]
    assert ("fault", "trimbox-outside", "page 2: TrimBox extends past the MediaBox") in said(report, "en")
    assert ("fault", "trimbox-outside", "第 2 页：TrimBox 超出了 MediaBox") in said(report, "zh")
    assert report.facts["page_sizes_pt"] == [[595.28, 841.89], [841.89, 595.28]]
    assert report.facts["a4"] is False
    assert ("fault", "page-sizes-differ", "pages of different sizes: 595.28×841.89 pt (5), 841.89×595.28 pt (1)") \
        in said(report, "en")
    assert ("fault", "page-sizes-differ", "页面大小不一：595.28×841.89 pt (5)、841.89×595.28 pt (1)") \
        in said(report, "zh")
    assert "boxes.pdf: 6 pages, 595.28×841.89 pt / 841.89×595.28 pt" in printed(report, "en")
    assert "boxes.pdf：6 页，595.28×841.89 pt / 841.89×595.28 pt" in printed(report, "zh")


def test_one_a4_page_is_said_so(tmp_path):
    report = preflight(write_pdf(tmp_path / "a4.pdf", [(b"", None, None)]))
    assert report.facts["page_sizes_pt"] == [[595.28, 841.89]] and report.facts["a4"] is True
    assert "a4.pdf: 1 page, 595.28×841.89 pt (A4)" in printed(report, "en")
    letter = preflight(write_pdf(tmp_path / "l.pdf", [(b"", None, None)], size=(612, 792)))
    assert letter.facts["a4"] is False and "l.pdf: 1 page, 612.0×792.0 pt\n" in printed(letter, "en")


# ------------------------------------------------------------------------------------ PDF/X

XMP_ELEMENT = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
<pdfxid:GTS_PDFXVersion> PDF/X-4 </pdfxid:GTS_PDFXVersion></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""
XMP_ATTRIBUTE = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                 b'<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" '
                 b'pdfxid:GTS_PDFXVersion="PDF/X-4"/></rdf:RDF></x:xmpmeta>')


def pdfx_root(xmp, intent=True, profile=True):
    def root(pdf):
        out = {"/Metadata": pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)}
        if intent:
            gts = pikepdf.Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX,
                                     OutputConditionIdentifier=pikepdf.String("FOGRA39"))
            if profile:
                gts.DestOutputProfile = pdf.make_stream(b"\0" * 128, N=4)
            out["/OutputIntents"] = pikepdf.Array([pikepdf.Dictionary(S=Name.GTS_PDFA1), gts])
        return out
    return root


def trimmed(pdf):
    return {"/TrimBox": pikepdf.Array([0, 0, 595.28, 841.89])}


def test_a_complete_pdfx_claim_passes_and_each_missing_key_is_named(tmp_path):
    """ISO 15930-7 (PDF/X-4) 6.2.2 and 6.7: a PDF/X file names its version in the document
    information (GTS_PDFXVersion) and in XMP (pdfxid:GTS_PDFXVersion, as an element or an
    attribute), has a GTS_PDFX OutputIntent with its OutputConditionIdentifier and
    DestOutputProfile, a TrimBox (or ArtBox) on every page, /Trapped True or False, a /Title
    and a document /ID. Each missing one is a fault naming it."""
    info = {"/GTS_PDFXVersion": pikepdf.String("PDF/X-4"), "/Trapped": Name("/False"), "/Title": pikepdf.String("简报")}
    good = preflight(write_pdf(tmp_path / "x4.pdf", [(b"", None, trimmed), (b"", None, trimmed)], info=info,
                               root=pdfx_root(XMP_ELEMENT)))
    assert not [f for f in good.findings if f.code in ("pdfx-incomplete", "not-pdfx")]
    facts = good.facts["pdfx"]
    assert (facts["GTS_PDFXVersion"], facts["output_intent"], facts["icc_profile"], facts["trimbox_on_every_page"],
            facts["trapped"], facts["title"], facts["id"], facts["xmp_pdfx_version"]) == \
        ("PDF/X-4", "FOGRA39", True, True, "/False", "简报", True, "PDF/X-4")
    assert "PDF/X: PDF/X-4, output intent FOGRA39" in printed(good, "en")
    assert "PDF/X：PDF/X-4，输出意图 FOGRA39" in printed(good, "zh")
    attribute = preflight(write_pdf(tmp_path / "x4a.pdf", [(b"", None, lambda pdf: {"/ArtBox": pikepdf.Array(
        [0, 0, 9, 9])})], info={**info, "/Trapped": Name("/True")}, root=pdfx_root(XMP_ATTRIBUTE)))
    assert not [f for f in attribute.findings if f.code == "pdfx-incomplete"]
    assert attribute.facts["pdfx"]["xmp_pdfx_version"] == "PDF/X-4"

    # no intent, a page without TrimBox, /Trapped /Unknown, no title, an XMP without the namespace
    bad = preflight(write_pdf(tmp_path / "bad.pdf", [(b"", None, trimmed), (b"", None, None)],
                              info={"/GTS_PDFXVersion": pikepdf.String("PDF/X-4"), "/Trapped": Name("/Unknown")},
                              root=pdfx_root(XMP_ELEMENT.replace(b"npes.org", b"example.org"), intent=False)))
    assert [x for x in said(bad, "en") if x[1] == "pdfx-incomplete"] == [
        ("fault", "pdfx-incomplete", f"PDF/X-4 claimed but {what} is missing")
        for what in ("OutputIntent with GTS_PDFX", "ICC profile in the OutputIntent", "TrimBox on every page",
                     "Trapped", "Title", "pdfxid:GTS_PDFXVersion in XMP")]
    assert ("fault", "pdfx-incomplete", "声明为 PDF/X-4，但缺少 Trapped") in said(bad, "zh")
    assert bad.facts["pdfx"]["output_intent"] is None and bad.facts["pdfx"]["trapped"] == "/Unknown"
    assert "PDF/X: PDF/X-4\n" in printed(bad, "en")

    # an intent without its profile; XMP with the namespace but no version
    no_icc = preflight(write_pdf(tmp_path / "noicc.pdf", [(b"", None, trimmed)], info=info,
                                 root=pdfx_root(XMP_ELEMENT.replace(b"GTS_PDFXVersion", b"Other"), profile=False)))
    assert [x[2] for x in said(no_icc, "en") if x[1] == "pdfx-incomplete"] == [
        "PDF/X-4 claimed but ICC profile in the OutputIntent is missing",
        "PDF/X-4 claimed but pdfxid:GTS_PDFXVersion in XMP is missing"]


def test_a_file_that_claims_no_pdfx_is_warned_once(tmp_path):
    """Without GTS_PDFXVersion the print shop must assume an output condition: one warning,
    whatever else is missing; the report says PDF/X: no."""
    report = preflight(write_pdf(tmp_path / "plain.pdf", [(b"", None, None)]))
    assert said(report, "en") == [
        ("warning", "not-pdfx", "not a PDF/X file (no GTS_PDFXVersion): the print shop must guess the output condition")]
    assert said(report, "zh") == [
        ("warning", "not-pdfx", "不是 PDF/X 文件（没有 GTS_PDFXVersion）：印刷厂只能猜测输出条件")]
    facts = report.facts["pdfx"]
    assert facts["GTS_PDFXVersion"] is None and facts["xmp_pdfx_version"] is None
    assert facts["trimbox_on_every_page"] is False and facts["icc_profile"] is False
    assert facts["title"] is None and facts["trapped"] is None and facts["pdf_version"] == "1.3"
    assert "PDF/X: no" in printed(report, "en") and "PDF/X：否" in printed(report, "zh")
    assert report.to_dict()["ok"] is True and report.to_dict()["warnings"] == 1


def truetype(tables: dict[tuple[int, int], dict[int, str]]) -> bytes:
    """A TrueType font program whose cmap has exactly the given subtables ((platform, encoding)
    → code → glyph name), every glyph named in them present."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables._c_m_a_p import cmap_format_0, cmap_format_4

    glyphs = [".notdef"] + sorted({g for t in tables.values() for g in t.values()} - {".notdef"})
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(glyphs)
    fb.setupCharacterMap({})
    fb.setupGlyf({g: TTGlyphPen(None).glyph() for g in glyphs})
    fb.setupHorizontalMetrics({g: (500, 0) for g in glyphs})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "T", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    subtables = []
    for (platform, encoding), mapping in tables.items():
        sub = cmap_format_0(0) if platform == 1 else cmap_format_4(4)   # (1,0) tables are byte tables
        sub.platformID, sub.platEncID, sub.language, sub.cmap = platform, encoding, 0, dict(mapping)
        subtables.append(sub)
    fb.font["cmap"].tables = subtables
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


def test_simple_truetype_fonts_are_looked_up_as_the_standard_says(tmp_path):
    """ISO 32000-1 9.6.6.4: a simple TrueType font's code is looked up in its (3,0) symbol cmap
    as 0xF000 + code (or the code), else in the (1,0) Macintosh cmap by the code, else in the
    (3,1) Unicode cmap by the character the code stands for in WinAnsiEncoding (Annex D: 0x80
    is €, 0x81 is none). A code that finds no glyph, or finds .notdef, is a missing glyph."""
    def resources(pdf):
        def font(name, program):
            fd = pikepdf.Dictionary(Type=Name.FontDescriptor, FontName=Name(f"/{name}"), Flags=4,
                                    FontBBox=[0, -200, 1000, 800], ItalicAngle=0, Ascent=800, Descent=-200,
                                    CapHeight=700, StemV=80)
            fd.FontFile2 = pdf.make_stream(program, Length1=len(program))
            return pdf.make_indirect(pikepdf.Dictionary(Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name(f"/{name}"),
                                                        FirstChar=32, LastChar=255, Widths=[500] * 224,
                                                        FontDescriptor=fd, ToUnicode=pdf.make_stream(b"")))
        return {"/Font": pikepdf.Dictionary({
            "/Sym": font("AAAAAA+Sym", truetype({(3, 0): {0xF041: "gA", 0x42: "gB"}})),
            "/Mac": font("BBBBBB+Mac", truetype({(1, 0): {0x41: "gA"}})),
            "/Win": font("CCCCCC+Win", truetype({(3, 1): {0x20AC: "euro", 0x41: "gA", 0x43: ".notdef"}})),
            "/Broken": pdf.make_indirect(pikepdf.Dictionary(
                Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/DDDDDD+Broken"), FirstChar=32, LastChar=32,
                Widths=[500], ToUnicode=pdf.make_stream(b""),
                FontDescriptor=pikepdf.Dictionary(Type=Name.FontDescriptor, FontName=Name("/DDDDDD+Broken"), Flags=4,
                                                  FontFile2=pdf.make_stream(b"no font", Length1=7)))),
        })}
    content = (b"BT /Sym 12 Tf (ABC) Tj /Mac 12 Tf (AB) Tj /Win 12 Tf <80418143> Tj "
               b"/Broken 12 Tf (zz) Tj ET")
    report = preflight(write_pdf(tmp_path / "tt.pdf", [(content, resources, None)]))
    assert {f["name"]: (f["glyphs_shown"], f["notdef"]) for f in report.facts["fonts"]} == {
        "AAAAAA+Sym": (3, 1),     # A as F041, B as 42, C in neither
        "BBBBBB+Mac": (2, 1),     # A, not B
        "CCCCCC+Win": (4, 2),     # € and A; 0x81 is no character; C (mapped to glyph 0) none
        "DDDDDD+Broken": (2, 0)}  # an unreadable font program: not guessed
    assert sorted(x for x in said(report, "en") if x[1] == "notdef-glyph") == [
        ("fault", "notdef-glyph", "page 1: 1 missing glyph(s) (.notdef) in font AAAAAA+Sym"),
        ("fault", "notdef-glyph", "page 1: 1 missing glyph(s) (.notdef) in font BBBBBB+Mac"),
        ("fault", "notdef-glyph", "page 1: 2 missing glyph(s) (.notdef) in font CCCCCC+Win")]
