"""`check FILE.ofd`: the preflight of an OFD file (GB/T 33190-2016), read from the package.

The same report as for a PDF where the two formats say the same thing: pages and their
sizes (§7.5 PageArea, a page's own Area), the colour spaces the page objects and pictures use
(§8.3; a colour that names none is in the document's `DefaultCS`, RGB when there is none),
the fonts (§11.1: embedded when the `FontFile` is in the package and is a font; a glyph
shown by id 0 or a character the embedded font's `cmap` lacks is a .notdef), pictures with
their resolution (§10), and the text lines rebuilt from the `TextCode` positions (X, Y,
DeltaX, §11.3), on which the PDF's typography checks run (kinsoku, GB/T 15834-2011 5.1; justification
and 孤字). There are no PDF/X keys in an OFD, and no ToUnicode: the text codes are the text.

An OFD given to `check` may be damaged or hostile: a regular file within bounds, a ZIP of at
most `MAX_ENTRIES` entries, each part inflating to at most `MAX_PART_BYTES`; a part that is
missing or is not XML is one located message.
"""

from __future__ import annotations

import collections
import io
import posixpath
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..errors import InputError
from ..messages import Message
from .model import Report
from .objects import FontUse, ImageUse, report_colours, report_fonts, report_images
from .typography import Line, check_lines

NS = "{http://www.ofdspec.org/2016}"
PT_PER_MM = 72 / 25.4
MAX_ENTRIES = 100_000
MAX_PART_BYTES = 256 * 1024 * 1024
#: What each OFD colour space type is called in the report (as for a PDF's device spaces).
SPACE_NAMES = {"CMYK": "CMYK", "GRAY": "Gray", "RGB": "RGB"}
IMAGE_MODES = {"CMYK": "CMYK", "L": "Gray", "1": "Gray", "RGB": "RGB", "RGBA": "RGB", "P": "RGB (indexed)",
               "LA": "Gray"}


class Package:
    """The parts of an OFD file, by name; locations resolved as §7.1 says (relative to the
    part that names them, or from the root when they start with `/`)."""

    def __init__(self, path: str) -> None:
        self.name = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(Message("ofd.not_zip", problem=str(exc)), file=path, hint=Message("hint.ofd_itself")) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(Message("ofd.entries", n=len(infos)), file=path)
        self.entries = {i.filename.lstrip("/"): i for i in infos if not i.is_dir()}

    def read(self, name: str) -> bytes:
        info = self.entries.get(name)
        if info is None:
            raise InputError(Message("ofd.part_missing", name=name), file=self.name, hint=Message("hint.ofd_again"))
        if info.file_size > MAX_PART_BYTES:
            raise InputError(Message("ofd.part_large", name=name, size=info.file_size), file=self.name)
        with self.zip.open(info) as fh:
            return fh.read(MAX_PART_BYTES + 1)[:MAX_PART_BYTES]

    def xml(self, name: str) -> ET.Element:
        try:
            return ET.fromstring(self.read(name))
        except ET.ParseError as exc:
            raise InputError(Message("ofd.not_xml", name=name, problem=str(exc)), file=self.name) from None

    @staticmethod
    def resolve(base: str, location: str) -> str:
        location = (location or "").strip().replace("\\", "/")
        if location.startswith("/"):
            return posixpath.normpath(location.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


@dataclass
class Font:
    """A font resource: its embedded file read for cmap and advances (None: not embedded)."""

    use: FontUse
    cmap: dict[int, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    advances: dict[str, int] = field(default_factory=dict)
    upm: int = 1000
    glyph_names: list[str] = field(default_factory=list)

    def advance(self, ch: str, gid: int | None, size: float) -> float:
        """The advance of the glyph a character shows (by CGTransform id, else cmap), at `size`."""
        if gid is not None and gid < len(self.glyph_names):
            name = self.glyph_names[gid]
        else:
            name = self.cmap.get(ord(ch))
        if name is None:
            return size
        return self.advances.get(name, self.upm) * size / self.upm


def _font(pkg: Package, res_part: str, base: str, element: ET.Element) -> Font:
    from fontTools.ttLib import TTFont, TTLibError

    name = element.get("FontName") or element.get("FamilyName") or f"font {element.get('ID')}"
    file_el = element.find(f"{NS}FontFile")
    font = Font(FontUse(name, "OFD font file", False, False, True))
    if file_el is None or not (file_el.text or "").strip():
        return font
    location = Package.resolve(res_part, posixpath.join(base, file_el.text.strip()) if base else file_el.text.strip())
    if location not in pkg.entries:
        return font
    try:
        tt = TTFont(io.BytesIO(pkg.read(location)), lazy=True, fontNumber=0)
        font.glyph_names = tt.getGlyphOrder()
        font.cmap = tt.getBestCmap() or {}
        font.advances = {g: m[0] for g, m in tt["hmtx"].metrics.items()}
        font.upm = tt["head"].unitsPerEm or 1000
    except (TTLibError, KeyError, OSError, ValueError, AssertionError, IndexError, TypeError):
        return font
    # a subset holds fewer glyphs than any whole CJK face; a Latin face may be small whole
    font.use = FontUse(name, "OFD font file", True, len(font.glyph_names) < 20000, True)
    return font


def _numbers(text: str | None) -> list[float]:
    return [float(v) for v in (text or "").split()]


def _deltas(text: str | None, count: int) -> list[float]:
    """DeltaX or DeltaY (§11.3): numbers, `g N V` standing for N times V; missing ones are 0."""
    out: list[float] = []
    parts = (text or "").split()
    k = 0
    while k < len(parts) and len(out) < count:
        if parts[k] == "g" and k + 2 < len(parts):
            out += [float(parts[k + 2])] * int(float(parts[k + 1]))
            k += 3
        else:
            out.append(float(parts[k]))
            k += 1
    return (out + [0.0] * count)[:count]


def preflight_ofd(path: str, report_block: tuple[float, float] | None = None) -> Report:
    pkg = Package(path)
    root = pkg.xml("OFD.xml")
    body = root.find(f"{NS}DocBody")
    doc_root = body.find(f"{NS}DocRoot") if body is not None else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise InputError(Message("ofd.no_document"), file=path)
    doc_part = Package.resolve("OFD.xml", doc_root.text.strip())
    document = pkg.xml(doc_part)
    common = document.find(f"{NS}CommonData")
    if common is None:
        raise InputError(Message("ofd.no_common", part=doc_part), file=path)
    default_box = _numbers(common.findtext(f"{NS}PageArea/{NS}PhysicalBox"))
    default_cs = (common.findtext(f"{NS}DefaultCS") or "").strip()
    spaces: dict[str, str] = {}
    fonts: dict[str, Font] = {}
    media: dict[str, str] = {}
    for tag in ("PublicRes", "DocumentRes"):
        for loc in common.findall(f"{NS}{tag}"):
            res_part = Package.resolve(doc_part, (loc.text or "").strip())
            res = pkg.xml(res_part)
            base = res.get("BaseLoc", "")
            for cs in res.iter(f"{NS}ColorSpace"):
                spaces[cs.get("ID", "")] = SPACE_NAMES.get(cs.get("Type", ""), cs.get("Type", "unknown"))
            for el in res.iter(f"{NS}Font"):
                fonts[el.get("ID", "")] = _font(pkg, res_part, base, el)
            for el in res.iter(f"{NS}MultiMedia"):
                file_loc = (el.findtext(f"{NS}MediaFile") or "").strip()
                media[el.get("ID", "")] = Package.resolve(res_part, posixpath.join(base, file_loc) if base else file_loc)
    default_space = spaces.get(default_cs, "RGB")      # §7.5: without DefaultCS colours are RGB
    pages = document.findall(f"{NS}Pages/{NS}Page")
    report = Report(path, len(pages))
    if not pages:
        report.add("fault", "no-pages", Message("pre.no_pages_ofd"))
        return report
    sizes: collections.Counter = collections.Counter()
    colours: dict[str, set[int]] = collections.defaultdict(set)
    images: list[ImageUse] = []
    lines: list[Line] = []
    heights: list[float] = []
    image_modes: dict[str, tuple[str, tuple[int, int]]] = {}
    for number, page_el in enumerate(pages, 1):
        part = Package.resolve(doc_part, page_el.get("BaseLoc", ""))
        page = pkg.xml(part)
        box = _numbers(page.findtext(f"{NS}Area/{NS}PhysicalBox")) or default_box
        width, height = (box[2] * PT_PER_MM, box[3] * PT_PER_MM) if len(box) == 4 else (0.0, 0.0)
        sizes[(round(width, 2), round(height, 2))] += 1
        heights.append(height)
        rows: dict[float, Line] = {}
        for el in page.iter():
            tag = el.tag.removeprefix(NS)
            for colour in (el.find(f"{NS}FillColor"), el.find(f"{NS}StrokeColor")):
                if colour is not None and tag in ("TextObject", "PathObject"):
                    colours[spaces.get(colour.get("ColorSpace", ""), default_space)].add(number)
            if tag == "ImageObject":
                images.append(_image(pkg, media, image_modes, el, number))
            elif tag == "TextObject":
                _text(el, fonts, number, rows)
        for key in sorted(rows):
            rows[key].chars.sort(key=lambda ch: ch[1])
            lines.append(rows[key])
    report.facts["page_sizes_pt"] = [list(s) for s in sizes]
    report.facts["a4"] = list(sizes) == [(595.28, 841.89)]
    if len(sizes) > 1:
        report.add("fault", "page-sizes-differ",
                   Message("pre.sizes", sizes=tuple(f"{w}×{h} pt ({n})" for (w, h), n in sizes.items())))
    report.facts["format"] = "OFD"
    report_colours(colours, report)
    report_images(images, report)
    report_fonts([f.use for f in fonts.values()], report)
    check_lines(lines, heights, report, report_block)
    return report


def _image(pkg: Package, media: dict, modes: dict, el: ET.Element, number: int) -> ImageUse:
    """A picture drawn: the colour and pixels of its file (read once per file), its placed size."""
    from PIL import Image, UnidentifiedImageError

    resource = el.get("ResourceID", "")
    location = media.get(resource, "")
    box = _numbers(el.get("Boundary"))
    placed = (box[2] * PT_PER_MM, box[3] * PT_PER_MM) if len(box) == 4 else (0.0, 0.0)
    if location not in modes:
        modes[location] = ("missing", (0, 0))
        if location in pkg.entries:
            try:
                with Image.open(io.BytesIO(pkg.read(location))) as im:
                    modes[location] = (IMAGE_MODES.get(im.mode, im.mode), im.size)
            except (UnidentifiedImageError, OSError, ValueError):
                modes[location] = ("unreadable", (0, 0))
    colour, pixels = modes[location]
    return ImageUse(number, posixpath.basename(location) or resource, colour, pixels, placed)


def _text(el: ET.Element, fonts: dict[str, Font], number: int, rows: dict[float, Line]) -> None:
    """The characters of one TextObject, each at its place (pt from the page's top-left), into
    the page's lines by baseline as `typography.read_lines` groups a PDF's glyphs."""
    font = fonts.get(el.get("Font", ""))
    box = _numbers(el.get("Boundary")) or [0.0, 0.0, 0.0, 0.0]
    ctm = _numbers(el.get("CTM")) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    if len(ctm) != 6 or abs(ctm[1]) > 1e-6 or abs(ctm[2]) > 1e-6:
        return          # rotated or skewed text: not on a line (as the PDF read-back skips it)
    size = float(el.get("Size", "0") or 0) * ctm[0]
    size_pt = size * PT_PER_MM
    glyph_of: dict[int, int] = {}     # character index in the next TextCode → glyph id
    x = y = 0.0
    for child in el:
        tag = child.tag.removeprefix(NS)
        if tag == "CGTransform":    # §11.4: the codes of the TextCode after it, from CodePosition
            start = int(child.get("CodePosition", "0"))
            glyphs = [int(g) for g in _numbers(child.findtext(f"{NS}Glyphs"))]
            for k in range(int(child.get("CodeCount", "1"))):
                if glyphs:
                    glyph_of[start + k] = glyphs[min(k, len(glyphs) - 1)]
        elif tag == "TextCode":
            text = child.text or ""
            x = float(child.get("X", x))
            y = float(child.get("Y", y))
            dxs = _deltas(child.get("DeltaX"), max(len(text) - 1, 0))
            dys = _deltas(child.get("DeltaY"), max(len(text) - 1, 0))
            cx, cy = x, y
            for k, ch in enumerate(text):
                if k:
                    cx += dxs[k - 1]
                    cy += dys[k - 1]
                if not ch.strip():
                    continue
                if font is not None:
                    font.use.shown += 1
                    font.use.pages.add(number)
                    gid = glyph_of.get(k)
                    # glyph 0, or an id past the font's glyphs (a renderer shows .notdef for it)
                    if font.use.embedded and ((gid == 0 or gid >= len(font.glyph_names)) if gid is not None
                                              else ord(ch) not in font.cmap):
                        font.use.notdef += 1
                page_x = (box[0] + ctm[0] * cx + ctm[4]) * PT_PER_MM
                baseline = (box[1] + ctm[3] * cy + ctm[5]) * PT_PER_MM
                advance = font.advance(ch, glyph_of.get(k), size) * PT_PER_MM if font else size_pt
                key = next((b for b in rows if abs(b - baseline) < 0.3 * size_pt), baseline)
                rows.setdefault(key, Line(number, key)).chars.append((ch, page_x, page_x + advance,
                                                                      round(size_pt, 1)))
            glyph_of = {}
