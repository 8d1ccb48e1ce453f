"""What the PDF's objects say: page boxes, colour spaces used, fonts, .notdef glyphs shown,
PDF/X keys. Content streams are walked with their resources, Form XObjects included."""

from __future__ import annotations

import collections
import io
import math
import re
from dataclasses import dataclass, field

import pikepdf

from ..messages import Message
from .model import Report

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
DEVICE = {"/DeviceRGB": "RGB", "/DeviceGray": "Gray", "/DeviceCMYK": "CMYK", "/CalRGB": "RGB",
          "/CalGray": "Gray", "/Lab": "Lab"}


def colour_space_name(cs, resources) -> str:
    """Family of a colour space operand or object: RGB, Gray, CMYK, Separation <name>…"""
    if isinstance(cs, pikepdf.Name):
        key = str(cs)
        if key in DEVICE:
            return DEVICE[key]
        if key == "/Pattern":
            return "Pattern"
        named = (resources.get("/ColorSpace") or {}).get(key) if resources is not None else None
        return colour_space_name(named, None) if named is not None else f"unknown {key}"
    if isinstance(cs, pikepdf.Array) and len(cs):
        family = str(cs[0])
        if family == "/ICCBased":
            n = int(cs[1].get("/N", 0))
            return {1: "Gray (ICC)", 3: "RGB (ICC)", 4: "CMYK (ICC)"}.get(n, "ICC")
        if family == "/Separation":
            return f"Separation {str(cs[1]).lstrip('/')} (alternate {colour_space_name(cs[2], None)})"
        if family == "/DeviceN":
            return f"DeviceN (alternate {colour_space_name(cs[2], None)})"
        if family == "/Indexed":
            return f"Indexed {colour_space_name(cs[1], None)}"
        return DEVICE.get(family, family.lstrip("/"))
    return "unknown"


@dataclass
class FontUse:
    name: str
    subtype: str
    embedded: bool
    subset: bool
    to_unicode: bool
    shown: int = 0
    notdef: int = 0
    pages: set = field(default_factory=set)


class GlyphMap:
    """Code → glyph id for a font, to count .notdef (gid 0) glyphs shown."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.kind = None
        subtype = str(font.get("/Subtype"))
        try:
            if subtype == "/Type0" and str(font.get("/Encoding")) == "/Identity-H":
                desc = font.DescendantFonts[0]
                m = desc.get("/CIDToGIDMap")
                data = m.read_bytes() if isinstance(m, pikepdf.Stream) else None
                self.cid2gid = None if data is None else \
                    [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
                self.kind = "cid"
            elif subtype == "/TrueType":
                fd = font.get("/FontDescriptor")
                if fd is not None and "/FontFile2" in fd:
                    from fontTools.ttLib import TTFont   # only simple TrueType fonts need it

                    tt = TTFont(io.BytesIO(fd.FontFile2.read_bytes()), lazy=True)
                    self.order = tt.getGlyphOrder()
                    self.cmaps = {(t.platformID, t.platEncID): t.cmap for t in tt["cmap"].tables}
                    self.kind = "simple"
        except Exception:   # an unreadable font program is reported as unchecked, not guessed
            self.kind = None

    def notdef(self, raw: bytes) -> tuple[int, int]:
        """(glyphs shown, of which .notdef) for one string operand."""
        if self.kind == "cid":
            cids = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            bad = sum(1 for c in cids if (c if self.cid2gid is None else
                                          (self.cid2gid[c] if c < len(self.cid2gid) else 0)) == 0)
            return len(cids), bad
        if self.kind == "simple":
            bad = 0
            for code in raw:
                name = None
                for key, candidates in (((3, 0), (0xF000 + code, code)), ((1, 0), (code,)),
                                        ((3, 1), (ord(bytes([code]).decode("cp1252", "replace")),))):
                    cmap = self.cmaps.get(key)
                    if cmap:
                        name = next((cmap[c] for c in candidates if c in cmap), None)
                        if name:
                            break
                bad += name is None or name == ".notdef"
            return len(raw), bad
        return len(raw), 0


def scan_objects(pdf: pikepdf.Pdf, report: Report) -> None:
    _boxes(pdf, report)
    fonts: dict = {}
    maps: dict = {}
    colours: dict[str, set[int]] = collections.defaultdict(set)
    images: list[ImageUse] = []
    for number, page in enumerate(pdf.pages, 1):
        _walk(page.obj, page.obj.get("/Resources"), number, fonts, maps, colours, 0, images)
    report_colours(colours, report)
    report_images(images, report)
    _report_fonts(pdf, fonts, report)
    _report_pdfx(pdf, report)


def _boxes(pdf: pikepdf.Pdf, report: Report) -> None:
    sizes = collections.Counter()
    for number, page in enumerate(pdf.pages, 1):
        box = [float(v) for v in page.mediabox]
        size = (round(box[2] - box[0], 2), round(box[3] - box[1], 2))
        sizes[size] += 1
        trim = page.obj.get("/TrimBox")
        if trim is not None:
            t = [float(v) for v in trim]
            if t[0] < box[0] - 0.01 or t[1] < box[1] - 0.01 or t[2] > box[2] + 0.01 or t[3] > box[3] + 0.01:
                report.add("fault", "trimbox-outside", Message("pre.trimbox"), number)
    report.facts["page_sizes_pt"] = [list(s) for s in sizes]
    report.facts["a4"] = list(sizes) == [(595.28, 841.89)]
    if len(sizes) > 1:
        report.add("fault", "page-sizes-differ",
                   Message("pre.sizes", sizes=tuple(f"{w}×{h} pt ({n})" for (w, h), n in sizes.items())))


@dataclass(frozen=True, slots=True)
class ImageUse:
    """An image drawn on a page: its colour space, pixels, placed size (pt, from the current
    transformation matrix) and so its effective resolution."""

    page: int
    name: str
    colour: str
    pixels: tuple[int, int]
    placed: tuple[float, float]

    @property
    def ppi(self) -> float:
        w, h = self.placed
        return min(self.pixels[0] * 72 / w if w else 0.0, self.pixels[1] * 72 / h if h else 0.0)


#: Effective resolution at the placed size: under 200 ppi a picture prints soft, under 100
#: it prints visibly blocky (the thresholds `build` applies, layouts' `blocks.figure`).
IMAGE_PPI_WARN, IMAGE_PPI_FAULT = 200, 100


def _times(m, n):
    """The product of two PDF matrices [a b c d e f]: m applied first, then n."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _walk(owner, resources, number, fonts, maps, colours, depth, images=None, ctm=(1, 0, 0, 1, 0, 0)) -> None:
    if depth > 8:
        return
    images = [] if images is None else images
    res_fonts = (resources.get("/Font") or {}) if resources is not None else {}
    res_xobj = (resources.get("/XObject") or {}) if resources is not None else {}
    current = None
    stack = []
    try:
        instructions = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError:
        return
    for operands, op in instructions:
        op = str(op)
        if op in ("rg", "RG"):
            colours["RGB"].add(number)
        elif op in ("g", "G"):
            colours["Gray"].add(number)
        elif op in ("k", "K"):
            colours["CMYK"].add(number)
        elif op in ("cs", "CS"):
            colours[colour_space_name(operands[0], resources)].add(number)
        elif op == "q":
            stack.append((current, ctm))
        elif op == "Q" and stack:
            current, ctm = stack.pop()
        elif op == "cm" and len(operands) == 6:
            ctm = _times(tuple(float(v) for v in operands), ctm)
        elif op == "Tf":
            font = res_fonts.get(str(operands[0]))
            current = font
            if font is not None and font.objgen not in fonts:
                fonts[font.objgen] = _font_use(font)
                maps[font.objgen] = GlyphMap(font)
        elif op in ("Tj", "TJ", "'", '"') and current is not None:
            strings = [x for x in operands[0] if isinstance(x, pikepdf.String)] if op == "TJ" else \
                [operands[-1]]
            use = fonts[current.objgen]
            use.pages.add(number)
            for s in strings:
                shown, bad = maps[current.objgen].notdef(bytes(s))
                use.shown += shown
                use.notdef += bad
        elif op == "INLINE IMAGE" and operands:      # BI … ID … EI, as other tools write small images
            inline = operands[0]
            try:
                space = DEVICE.get(str(inline.colorspace), str(inline.colorspace).lstrip("/"))
                size = (int(inline.width), int(inline.height))
            except Exception:    # an inline image pikepdf cannot describe: counted as unknown
                space, size = "unknown", (0, 0)
            if not space.startswith("Gray"):
                colours[space].add(number)
            a, b, c, d = ctm[:4]
            images.append(ImageUse(number, "inline", space, size, ((a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5)))
        elif op == "Do":
            xobj = res_xobj.get(str(operands[0]))
            if xobj is None:
                continue
            if xobj.get("/Subtype") == "/Image":
                if not xobj.get("/ImageMask", False):
                    space = colour_space_name(xobj.get("/ColorSpace"), resources)
                    if not space.startswith("Gray"):     # a grayscale picture prints on the black plate
                        colours[space].add(number)
                    a, b, c, d = ctm[:4]
                    images.append(ImageUse(number, str(operands[0]).lstrip("/"), space,
                                           (int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0))),
                                           ((a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5)))
            elif xobj.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in xobj.get("/Matrix", (1, 0, 0, 1, 0, 0)))
                _walk(xobj, xobj.get("/Resources", resources), number, fonts, maps, colours, depth + 1, images,
                      _times(matrix, ctm) if len(matrix) == 6 else ctm)


def _font_use(font) -> FontUse:
    subtype = str(font.get("/Subtype")).lstrip("/")
    name = str(font.get("/BaseFont", "?")).lstrip("/")
    if subtype == "Type3":
        return FontUse(name, subtype, True, False, "/ToUnicode" in font)
    desc = font.DescendantFonts[0] if subtype == "Type0" else font
    fd = desc.get("/FontDescriptor")
    embedded = fd is not None and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return FontUse(name, subtype, embedded, bool(SUBSET_TAG.match(name)), "/ToUnicode" in font)


def report_colours(colours, report: Report) -> None:
    report.facts["colour_spaces"] = {name: sorted(pages) for name, pages in sorted(colours.items())}
    for name, pages in sorted(colours.items()):
        where = ", ".join(map(str, sorted(pages)))
        if name.startswith("RGB") or "alternate RGB" in name:
            report.add("fault", "rgb-colour", Message("pre.rgb_colour", name=name, where=where),
                       min(pages))
        elif name.startswith("Gray"):
            report.add("warning", "gray-colour", Message("pre.gray_colour", name=name, where=where),
                       min(pages))


def report_images(images: list[ImageUse], report: Report) -> None:
    """Every image drawn, with its colour space and effective ppi; RGB pictures are a fault
    (print needs CMYK or gray), low resolution a warning under 200 ppi and a fault under 100."""
    odd = [im for im in images if not all(math.isfinite(v) for v in (*im.placed, im.ppi))]
    for im in odd:     # a valid file can compute this: a real too big for a float, then ∞ × 0
        report.add("fault", "not-a-number", f"image {im.name} is placed by a matrix that is not a number (NaN or "
                   "infinity): the page's drawing commands (cm) are damaged", im.page)
    images = [im for im in images if im not in odd]
    report.facts["images"] = [{"page": im.page, "name": im.name, "colour": im.colour,
                               "pixels": list(im.pixels), "placed_mm": [round(v * 25.4 / 72, 1) for v in im.placed],
                               "ppi": round(im.ppi)} for im in images]
    for im in images:
        what = Message("pre.image_is", name=im.name, colour=im.colour, w=im.pixels[0], h=im.pixels[1],
                       ppi=round(im.ppi))
        if im.colour.startswith("RGB"):
            report.add("fault", "rgb-image", Message("pre.rgb_image", what=what), im.page)
        if im.ppi < IMAGE_PPI_FAULT:
            report.add("fault", "image-resolution", Message("pre.blocky", what=what, ppi=IMAGE_PPI_FAULT), im.page)
        elif im.ppi < IMAGE_PPI_WARN:
            report.add("warning", "image-resolution", Message("pre.soft", what=what, ppi=IMAGE_PPI_WARN), im.page)


def _report_fonts(pdf: pikepdf.Pdf, fonts: dict, report: Report) -> None:
    listed = {}
    for page in pdf.pages:
        for font in (page.resources.get("/Font") or {}).values():
            listed.setdefault(font.objgen, _font_use(font))
    for key, use in fonts.items():
        listed[key] = use
    report_fonts(list(listed.values()), report)


def report_fonts(uses: list[FontUse], report: Report) -> None:
    """The fonts as facts, and what a print shop rejects (not embedded, .notdef shown) or
    should know; for any file that lists its fonts (PDF, OFD)."""
    report.facts["fonts"] = [{"name": u.name, "type": u.subtype, "embedded": u.embedded, "subset": u.subset,
                              "to_unicode": u.to_unicode, "glyphs_shown": u.shown, "notdef": u.notdef}
                             for u in uses]
    for use in uses:
        first = min(use.pages) if use.pages else None
        if not use.embedded and use.shown:
            report.add("fault", "font-not-embedded", Message("pre.not_embedded", name=use.name), first)
        elif not use.embedded:
            report.add("warning", "font-not-embedded-unused", Message("pre.not_embedded_unused", name=use.name))
        if use.notdef:
            report.add("fault", "notdef-glyph", Message("pre.notdef_glyph", n=use.notdef, name=use.name), first)
        if use.shown and use.embedded and not use.subset:
            report.add("warning", "font-not-subset", Message("pre.not_subset", name=use.name), first)
        if use.shown and not use.to_unicode and use.subtype in ("Type0", "TrueType"):
            report.add("warning", "no-tounicode", Message("pre.no_tounicode", name=use.name), first)
        if not use.shown and use.embedded:
            report.add("warning", "font-unused", Message("pre.font_unused", name=use.name))


XMP_PDFX = re.compile(rb'GTS_PDFXVersion(?:>|=")\s*([^<"]+)')


def _xmp_pdfx_version(pdf: pikepdf.Pdf) -> str | None:
    """GTS_PDFXVersion from the XMP packet, in the pdfxid namespace (element or attribute)."""
    meta = pdf.Root.get("/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return None
    data = meta.read_bytes()
    if b"http://www.npes.org/pdfx/ns/id/" not in data:
        return None
    m = XMP_PDFX.search(data)
    return m.group(1).decode("utf-8", "replace").strip() if m else None


def _report_pdfx(pdf: pikepdf.Pdf, report: Report) -> None:
    version = str(pdf.docinfo.get("/GTS_PDFXVersion", "")) or None
    intents = pdf.Root.get("/OutputIntents") or []
    gts = [i for i in intents if str(i.get("/S")) == "/GTS_PDFX"]
    facts = {
        "GTS_PDFXVersion": version,
        "output_intent": str(gts[0].get("/OutputConditionIdentifier")) if gts else None,
        "icc_profile": bool(gts and "/DestOutputProfile" in gts[0]),
        "trimbox_on_every_page": all("/TrimBox" in p.obj or "/ArtBox" in p.obj for p in pdf.pages),
        "trapped": str(pdf.docinfo.get("/Trapped", "")) or None,
        "title": str(pdf.docinfo.get("/Title", "")) or None,
        "id": "/ID" in pdf.trailer,
        "pdf_version": pdf.pdf_version,
    }
    facts["xmp_pdfx_version"] = _xmp_pdfx_version(pdf)
    report.facts["pdfx"] = facts
    if version is None:
        report.add("warning", "not-pdfx", Message("pre.not_pdfx"))
        return
    missing = [k for k, ok in (("OutputIntent with GTS_PDFX", gts), ("ICC profile in the OutputIntent",
               facts["icc_profile"]), ("TrimBox on every page", facts["trimbox_on_every_page"]),
               ("Trapped", facts["trapped"] in ("/True", "/False")), ("Title", facts["title"]),
               ("document ID", facts["id"]), ("pdfxid:GTS_PDFXVersion in XMP", facts["xmp_pdfx_version"]))
               if not ok]
    for what in missing:
        report.add("fault", "pdfx-incomplete", Message("pre.pdfx_missing", version=version, what=what))
