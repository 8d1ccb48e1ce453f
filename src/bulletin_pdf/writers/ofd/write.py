"""The OFD writer (GB/T 33190-2016 《电子文件存储与交换格式 版式文档》): resolved frames and
faces in, an OFD package out — the issue as government offices distribute and archive it.

It reads only `compose`'s frames and the faces they name, as the PDF writer does, and says
the same page in OFD's terms:

* the package (§7): `OFD.xml` (DocInfo: title, author = the compiling office, creation date =
  the issue date, DocID from the content), `Doc_0/Document.xml` (page area, CommonData,
  Outlines = the PDF's bookmarks), `PublicRes.xml` (fonts, the CMYK colour space with the
  output profile), `DocumentRes.xml` (pictures), one `Pages/Page_N/Content.xml` per page;
* coordinates in millimetres from the page's top-left corner, y downwards (§8.1): the
  frames' own orientation, only scaled from pt;
* each run of a line (one style, one height) is one `TextObject` (§11.2): its characters in
  one `TextCode` whose `X`, `Y` and `DeltaX` put every glyph where the frames put it
  (justification, punctuation compression, CJK–Latin gaps), to a tenth of a micrometre;
  a glyph the font's `cmap` does not give for its text (a `locl` form, a ligature, the
  second glyph of a character) is named by a `CGTransform` (§11.4) with its id in the
  embedded subset;
* fonts (§11.1): the same HarfBuzz subsets as the PDF's (`Face.subset`), embedded as font
  files (the whole sfnt, whose `cmap` maps the text codes); fake bold as fill + stroke with
  the frame's stroke width, as the PDF does it;
* colour (§8.3): one CMYK colour space (8 bits per component, the FOGRA39 profile pictures
  were converted with), the default of the document; a spot colour by its CMYK alternate
  (OFD has no separations); rules as `PathObject`s (§9.1), pictures as `ImageObject`s (§10)
  of the same CMYK or gray samples as the PDF (TIFF, which keeps CMYK; never RGB).

OFD has no overprint; black is K only, so it prints the same over or under the red.
The output is reproducible: the same frames give the same bytes (`package.zip_parts`).
"""

from __future__ import annotations

import functools
import hashlib
import struct
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from ... import __version__
from ...compose import Document, Page, TextLine
from ...compose.frames import Run, runs_of
from ...fonts.faces import Face, FontSet
from ...images import OUTPUT_PROFILE, ImageColour, PrintImage
from ...model import Colour
from .package import zip_parts

NS = "http://www.ofdspec.org/2016"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
MM_PER_PT = 25.4 / 72
DOC = "Doc_0"
#: DeltaX and positions are written to a tenth of a micrometre.
STEP = 10000


def mm(v_pt: float) -> float:
    return v_pt * MM_PER_PT


def num(v: float, places: int = 4) -> str:
    """An OFD number (xs:double): at most `places` decimals, no trailing zeros, no `-0`."""
    text = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Ids:
    """Object identifiers (ST_ID): one sequence for the whole document, from 1 (§7.5)."""

    def __init__(self) -> None:
        self.last = 0

    def __call__(self) -> int:
        self.last += 1
        return self.last


class OfdFont:
    """One face as an OFD font resource: its id, its subset and the text code of each glyph."""

    def __init__(self, face: Face, ident: int) -> None:
        self.face = face
        self.id = ident
        self.gids: set[int] = set()
        self.code: dict[int, int] = {}
        self.file = ""
        self.sfnt = b""
        #: glyph text → the glyph the face's cmap gives it (what a reader shows for a text
        #: code without a CGTransform); None for a text of other than one character
        self.cmap: dict[str, int | None] = {}

    def nominal(self, text: str) -> int | None:
        """The glyph the cmap gives `text` (None unless it is one character); looked up once."""
        try:
            return self.cmap[text]
        except KeyError:
            gid = self.cmap[text] = self.face.gid(text) if len(text) == 1 else None
            return gid

    def embed(self, index: int) -> None:
        subset = self.face.subset(self.gids)
        self.code = subset.code
        self.sfnt = subset.sfnt
        self.file = f"font_{index}{'.otf' if subset.outlines == 'cff' else '.ttf'}"


class Fonts:
    """The fonts a document uses, numbered in order of first use (two keys may name one face)."""

    def __init__(self, fonts: FontSet, ids: Ids) -> None:
        self.fonts = fonts
        self.ids = ids
        self.by_face: dict[tuple[Path, int], OfdFont] = {}   # (font file, member index) → its font
        self.by_key: dict[str, OfdFont] = {}

    def used(self, key: str) -> OfdFont:
        if key not in self.by_key:
            face = self.fonts.face(key)
            where = (face.path, face.index)
            if where not in self.by_face:   # a synthesised sub- or superscript's glyphs are its base face's:
                # its text codes (₂) have no glyph in the cmap, so each is named by a CGTransform
                self.by_face[where] = OfdFont(face.base, self.ids())
            self.by_key[key] = self.by_face[where]
        return self.by_key[key]


@functools.lru_cache(maxsize=64)
def _colour(tag: str, colour: Colour) -> str:
    """A colour in the document's CMYK space (its default, `DefaultCS`): percentages to 0–255."""
    value = " ".join(str(round(v * 255 / 100)) for v in colour.cmyk)
    return f'<ofd:{tag} Value="{value}"/>'


def _clusters(run: Run, font: OfdFont) -> list[tuple[str, list]]:
    """The run's glyphs as (text, glyphs) clusters: a glyph with text starts one, a glyph
    without (the second glyph of a character) joins the one before; one without text at the
    start of a run joins the next."""
    clusters: list[tuple[str, list]] = []
    pending: list = []
    for g in run:
        if g.text:
            clusters.append((g.text, pending + [g]))
            pending = []
        elif clusters:
            clusters[-1][1].append(g)
        else:
            pending.append(g)
    if pending:     # a run of glyphs none of which has text: shown by the cmap of nothing
        raise ValueError(f"glyphs without text in a run of face {font.face.name}")
    return clusters


def _segments(clusters: list[tuple[str, list]], font: OfdFont) -> list[list[tuple[str, list, bool]]]:
    """The clusters, each marked whether the font's cmap gives its glyph (`own`), cut so that
    each piece has at most one stretch of clusters that are not (one `CGTransform`): some
    readers (easyofd) take only one CGTransform per TextObject."""
    pieces: list[list[tuple[str, list, bool]]] = [[]]
    stretches = 0
    for text, glyphs in clusters:
        own = len(glyphs) == 1 and font.nominal(text) == glyphs[0].gid
        piece = pieces[-1]
        if not own and not (piece and not piece[-1][2]):    # a new stretch of transformed clusters
            if stretches:
                pieces.append([])
                stretches = 0
            stretches += 1
        pieces[-1].append((text, glyphs, own))
    return pieces


def text_objects(run: Run, line_x: float, baseline: float, font: OfdFont, ids: Ids) -> list[str]:
    """One run as `TextObject`s (one, unless the run has glyphs to name by more than one
    `CGTransform`), each with one `TextCode`. Most runs are one character per glyph, each the
    glyph the cmap gives: checked first, without cutting the run into clusters."""
    cmap = font.cmap
    try:
        plain = all(cmap[g.text] == g.gid for g in run)
    except KeyError:        # a text not looked up yet
        plain = all(font.nominal(g.text) == g.gid for g in run)
    if plain:
        return [_text_object(run, "".join(g.text for g in run), [g.x for g in run], "", line_x, baseline, font,
                             ids())]
    out = []
    for piece in _segments(_clusters(run, font), font):
        text = "".join(t for t, _glyphs, _own in piece)
        xs: list[float] = []
        moved = [(t, glyphs) for t, glyphs, own in piece if not own]
        for t, glyphs, _own in piece:
            xs += [glyphs[min(k, len(glyphs) - 1)].x for k in range(len(t))]
        cg = ""
        if moved:       # one stretch: where it starts in the text code, its codes and glyphs
            start = next(k for k, (_t, _g, own) in enumerate(piece) if not own)
            position = sum(len(t) for t, _g, _own in piece[:start])
            gids = " ".join(str(font.code[g.gid]) for _t, glyphs in moved for g in glyphs)
            cg = (f'<ofd:CGTransform CodePosition="{position}" CodeCount="{sum(len(t) for t, _g in moved)}" '
                  f'GlyphCount="{sum(len(g) for _t, g in moved)}"><ofd:Glyphs>{gids}</ofd:Glyphs></ofd:CGTransform>')
        glyphs_in = [g for _t, glyphs, _own in piece for g in glyphs]
        out.append(_text_object(glyphs_in, text, xs, cg, line_x, baseline, font, ids()))
    return out


def _text_object(glyphs, text: str, xs: list[float], cg: str, line_x: float, baseline: float, font: OfdFont,
                 ident: int) -> str:
    """A `TextObject` of `text`, its characters at `xs` (pt from the line's x), its glyphs
    `glyphs` (for the box), `cg` its CGTransform if any."""
    first = glyphs[0]
    st = first.style
    size = st.size
    left = line_x + min(g.x for g in glyphs) - size
    right = line_x + max(g.x + g.advance for g in glyphs) + size
    y = baseline - first.dy
    top = y - 1.5 * size
    box = f"{num(mm(left))} {num(mm(top))} {num(mm(right - left))} {num(mm(2.25 * size))}"
    # Deltas in tenths of a micrometre: the rounding adds up to 0.005 mm over 100 glyphs,
    # and a line set on the grid keeps one delta throughout (written once, `g N d`).
    scale = MM_PER_PT * STEP
    deltas = [round((b - a) * scale) for a, b in zip(xs, xs[1:])]
    attrs = f'ID="{ident}" Boundary="{box}" Font="{font.id}" Size="{num(mm(size))}"'
    colour = _colour("FillColor", st.colour)
    if st.stroke:
        attrs += f' Stroke="true" LineWidth="{num(mm(st.stroke))}"'
        colour += _colour("StrokeColor", st.colour)
    delta = f' DeltaX="{_deltas(deltas)}"' if deltas else ""
    code = (f'<ofd:TextCode X="{num(mm(line_x + xs[0] - left))}" Y="{num(mm(y - top))}"{delta}>'
            f'{escape(text)}</ofd:TextCode>')
    return f'<ofd:TextObject {attrs}>{colour}{cg}{code}</ofd:TextObject>'


def _deltas(steps: list[int]) -> str:
    """DeltaX (§11.3): three or more equal deltas as `g COUNT VALUE`, the others one by one."""
    out: list[str] = []
    for step, same in groupby(steps):
        n = len(list(same))
        value = _step(step)
        out.append(f"g {n} {value}" if n >= 3 else " ".join([value] * n))
    return " ".join(out)


@functools.lru_cache(maxsize=4096)
def _step(step: int) -> str:
    """A delta in tenths of a micrometre as an OFD number in mm (a line has few distinct ones)."""
    return num(step / STEP)


def path_object(rule, ident: int) -> str:
    """A rule as a stroked `PathObject`: dashes as its DashPattern, dots with round caps."""
    half = rule.width / 2
    box = (mm(rule.x0 - half), mm(rule.y - half), mm(rule.x1 - rule.x0 + rule.width), mm(rule.width))
    attrs = (f'ID="{ident}" Boundary="{" ".join(num(v) for v in box)}" LineWidth="{num(mm(rule.width))}" '
             f'Stroke="true" Fill="false"')
    if rule.dash:
        attrs += f' Cap="Round" DashPattern="{" ".join(num(mm(d)) for d in rule.dash)}"'
    y = num(mm(half))
    data = f"M {num(mm(half))} {y} L {num(mm(rule.x1 - rule.x0 + half))} {y}"
    return (f'<ofd:PathObject {attrs}>{_colour("StrokeColor", rule.colour)}'
            f'<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')


def image_file(image: PrintImage) -> bytes:
    """The picture's print samples as a baseline TIFF (TIFF 6.0): one strip holding the
    samples exactly as the PDF embeds them (a zlib stream is TIFF's Adobe Deflate, code 8),
    so they are not decompressed nor compressed again. CMYK stays CMYK (Photometric 5,
    separated, InkSet 1), gray stays gray (Photometric 1, black is zero) — as DeviceCMYK
    and DeviceGray read them in the PDF."""
    cmyk = image.colour is ImageColour.CMYK
    channels = image.colour.channels
    # header (8 bytes), then the BitsPerSample values (when more than fit in a tag), the
    # image directory, the strip
    entries = 11 if cmyk else 10
    bits_at = 8
    ifd_at = bits_at + (2 * channels if channels > 2 else 0)
    ifd_at += ifd_at % 2
    strip_at = ifd_at + 2 + 12 * entries + 4
    tags = [
        (256, 4, 1, image.width),                                       # ImageWidth
        (257, 4, 1, image.height),                                      # ImageLength
        (258, 3, channels, bits_at if channels > 2 else 8),             # BitsPerSample: 8 each
        (259, 3, 1, 8),                                                 # Compression: Adobe Deflate
        (262, 3, 1, 5 if cmyk else 1),                                  # PhotometricInterpretation
        (273, 4, 1, strip_at),                                          # StripOffsets
        (277, 3, 1, channels),                                          # SamplesPerPixel
        (278, 4, 1, image.height),                                      # RowsPerStrip: one strip
        (279, 4, 1, len(image.data)),                                   # StripByteCounts
        (284, 3, 1, 1),                                                 # PlanarConfiguration: chunky
    ]
    if cmyk:
        tags.append((332, 3, 1, 1))                                     # InkSet: CMYK
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_at))
    if channels > 2:
        out += struct.pack(f"<{channels}H", *([8] * channels))
    out += b"\x00" * (ifd_at - len(out))
    out += struct.pack("<H", len(tags))
    for tag, kind, count, value in tags:
        packed = struct.pack("<HH", value, 0) if kind == 3 and count == 1 else struct.pack("<I", value)
        out += struct.pack("<HHI", tag, kind, count) + packed
    out += struct.pack("<I", 0)                                         # no next directory
    return bytes(out) + image.data


class Images:
    """One MultiMedia resource per picture file, numbered in order of first use."""

    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.by_file: dict[str, tuple[int, str, PrintImage]] = {}

    def id_of(self, image: PrintImage) -> int:
        if image.file not in self.by_file:
            self.by_file[image.file] = (self.ids(), f"image_{len(self.by_file) + 1}.tif", image)
        return self.by_file[image.file][0]


def page_content(page: Page, lines: list[tuple[TextLine, list[Run]]], fonts: Fonts, images: Images, ids: Ids) -> str:
    """A page's `Content.xml`: one layer with pictures, rules, then text (the PDF's order)."""
    layer = ids()
    objects: list[str] = []
    for item in page.images:
        resource = images.id_of(item.image)
        box = " ".join(num(mm(v)) for v in (item.x, item.y, item.width, item.height))
        objects.append(f'<ofd:ImageObject ID="{ids()}" Boundary="{box}" '
                       f'CTM="{num(mm(item.width))} 0 0 {num(mm(item.height))} 0 0" ResourceID="{resource}"/>')
    for rule in page.rules:
        objects.append(path_object(rule, ids()))
    for line, runs in lines:
        for run in runs:
            objects += text_objects(run, line.x, line.baseline, fonts.used(run[0].style.face), ids)
    area = f"0 0 {num(mm(page.width))} {num(mm(page.height))}"
    return (f'{HEAD}<ofd:Page xmlns:ofd="{NS}"><ofd:Area><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:Area>'
            f'<ofd:Content><ofd:Layer ID="{layer}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>\n')


def _outlines(doc: Document, page_ids: list[int]) -> str:
    """Bookmarks (§7.8): columns with their articles under them, each going to the top of its
    title (`Dest` XYZ)."""
    items: list[tuple[int, str]] = []
    for index, page in enumerate(doc.pages):
        for mark in page.bookmarks:
            dest = (f'<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" '
                    f'PageID="{page_ids[index]}" Left="0" Top="{num(mm(mark.y))}"/></ofd:Goto></ofd:Action>'
                    f'</ofd:Actions>')
            items.append((mark.level, f"<ofd:OutlineElem Title={quoteattr(mark.title)}>{dest}"))
    if not items:
        return ""
    out: list[str] = []
    open_parent = False
    for level, head in items:
        if level == 0 or not open_parent:
            if open_parent:
                out.append("</ofd:OutlineElem>")
            out.append(head)
            open_parent = True
        else:
            out.append(head + "</ofd:OutlineElem>")
    out.append("</ofd:OutlineElem>")
    return "<ofd:Outlines>" + "".join(out) + "</ofd:Outlines>"


def write_ofd(doc: Document, fonts: FontSet) -> bytes:
    """The document as the bytes of an OFD file."""
    ids = Ids()
    cmyk = ids()
    used = Fonts(fonts, ids)
    # Each line is cut into runs once; every glyph is known before any face is subset.
    pages = [(page, [(line, runs_of(line)) for line in page.lines]) for page in doc.pages]
    for _page, lines in pages:
        for _line, runs in lines:
            for run in runs:
                used.used(run[0].style.face).gids.update(g.gid for g in run)
    for index, font in enumerate(used.by_face.values(), 1):
        font.embed(index)
    images = Images(ids)
    page_ids = [ids() for _ in doc.pages]
    contents = [page_content(page, lines, used, images, ids).encode("utf-8") for page, lines in pages]
    first = doc.pages[0] if doc.pages else None
    area = f"0 0 {num(mm(first.width))} {num(mm(first.height))}" if first else "0 0 210 297"
    page_list = "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k, pid in enumerate(page_ids))
    document = (f'{HEAD}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{ids.last}</ofd:MaxUnitID>'
                f'<ofd:PageArea><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:PageArea>'
                f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>'
                f'<ofd:DefaultCS>{cmyk}</ofd:DefaultCS></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages>'
                f'{_outlines(doc, page_ids)}</ofd:Document>\n').encode("utf-8")
    font_list = "".join(
        f'<ofd:Font ID="{f.id}" FontName={quoteattr(f.face.ps_name)} FamilyName={quoteattr(f.face.name)}>'
        f'<ofd:FontFile>{f.file}</ofd:FontFile></ofd:Font>' for f in used.by_face.values())
    public = (f'{HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:ColorSpaces>'
              f'<ofd:ColorSpace ID="{cmyk}" Type="CMYK" BitsPerComponent="8" Profile="{OUTPUT_PROFILE.name}"/>'
              f'</ofd:ColorSpaces>' + (f"<ofd:Fonts>{font_list}</ofd:Fonts>" if font_list else "")
              + "</ofd:Res>\n").encode("utf-8")
    media = "".join(f'<ofd:MultiMedia ID="{ident}" Type="Image" Format="TIFF"><ofd:MediaFile>{name}</ofd:MediaFile>'
                    f'</ofd:MultiMedia>' for ident, name, _image in images.by_file.values())
    document_res = (f'{HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                    + (f"<ofd:MultiMedias>{media}</ofd:MultiMedias>" if media else "") + "</ofd:Res>\n").encode("utf-8")
    parts: list[tuple[str, bytes, bool]] = [
        (f"{DOC}/Document.xml", document, True),
        (f"{DOC}/PublicRes.xml", public, True),
        (f"{DOC}/DocumentRes.xml", document_res, True),
        (f"{DOC}/Res/{OUTPUT_PROFILE.name}", OUTPUT_PROFILE.read_bytes(), True),
    ]
    parts += [(f"{DOC}/Res/{f.file}", f.sfnt, True) for f in used.by_face.values()]
    parts += [(f"{DOC}/Res/{name}", image_file(image), False) for _ident, name, image in images.by_file.values()]
    parts += [(f"{DOC}/Pages/Page_{k}/Content.xml", data, True) for k, data in enumerate(contents)]
    digest = hashlib.sha256()
    for name, data, _deflate in parts:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    ofd = (f'{HEAD}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
           f'<ofd:DocID>{digest.hexdigest()[:32]}</ofd:DocID><ofd:Title>{escape(doc.title)}</ofd:Title>'
           f'<ofd:Author>{escape(doc.author)}</ofd:Author><ofd:Subject>{escape(doc.subject)}</ofd:Subject>'
           f'<ofd:CreationDate>{doc.date}</ofd:CreationDate><ofd:Creator>bulletin-pdf</ofd:Creator>'
           f'<ofd:CreatorVersion>{__version__}</ofd:CreatorVersion></ofd:DocInfo>'
           f'<ofd:DocRoot>{DOC}/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n').encode("utf-8")
    return zip_parts([("OFD.xml", ofd, True), *parts])
