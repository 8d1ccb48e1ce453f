"""Fonts as PDF objects: one CID-keyed font per face a document uses (ISO 32000-1 §9.7).

Each face is subset by HarfBuzz to exactly the glyphs shown and embedded as a Type0 font
with the Identity-H encoding: two-byte codes are CIDs. TrueType outlines go in as FontFile2
under a CIDFontType2 whose CIDs are the face's own glyph ids, a CIDToGIDMap stream (§9.7.4.2)
giving each its glyph id in the subset: a glyph's code does not depend on which other glyphs
the document shows, so a character new to the document changes the font, not the content
stream of every page showing the face (a warm rebuild keeps those: writers/pdf/reuse.py).
CFF outlines go in as a bare CFF program (FontFile3, Subtype CIDFontType0C) under a
CIDFontType0, its charset made identity by the subsetter (CID = the glyph's id in the subset:
a CIDFontType0 has no CIDToGIDMap). Both are allowed in PDF/X-4. Widths (W) are the glyphs' own
advances; the ToUnicode map gives every code the text of the cluster it was shaped from, so
text copies as written (compressed punctuation and fake bold are the same glyphs).
"""

from __future__ import annotations

import struct
from collections import Counter
from typing import NamedTuple

from ...fonts.faces import Face
from .serialize import Name, PdfFile, Ref, Stream

#: Entries per bfchar block: the CMap syntax allows at most 100 (Adobe Technical Note #5411).
BFCHAR_BLOCK = 100


class UsedFace:
    """The glyphs a document shows from one face, with the text each stands for (the first
    non-empty cluster text seen: a glyph has one ToUnicode entry)."""

    def __init__(self, face: Face, resource: str) -> None:
        self.face = face
        self.resource = resource
        self.text: dict[int, str] = {}      # filled by the writer before `font_object`
        self.code: dict[int, int] = {}
        self.hex: dict[int, str] = {}       # glyph id → its code as a content stream shows it
        self.glyphs: frozenset[int] = frozenset()   # the glyph set subset (`font_object`)
        #: the face's name and codes as bytes, for the document's content digest (write.py)
        self.summary = b""

    def font_object(self, pdf: PdfFile, kept: dict | None = None) -> Ref:
        """Subset the face and build its Type0 font; fills `code` (glyph id → CID) and `hex`.
        `kept`: a warm process's last font of each face (writers/pdf/reuse.py): the same
        glyphs with the same texts give the same font, not made again."""
        self.glyphs = frozenset(self.text)
        key = (self.glyphs, frozenset(self.text.items()))
        found = kept.get(self.face) if kept is not None else None
        if found is None or found[0] != key:
            found = (key, self._font())
            if kept is not None:
                kept[self.face] = found
        font = found[1]
        self.code, self.hex, self.summary = font.code, font.hex, font.summary
        descriptor = dict(font.descriptor)
        if font.cff:
            descriptor["FontFile3"] = pdf.add(Stream({"Subtype": Name("CIDFontType0C")}, font.program))
        else:
            descriptor["FontFile2"] = pdf.add(Stream({"Length1": len(font.program), "Filter": Name("FlateDecode")},
                                                     pdf.flate_parts(font.parts)))
        cid_font = {
            "Type": Name("Font"), "Subtype": Name("CIDFontType0" if font.cff else "CIDFontType2"),
            "BaseFont": font.base, "FontDescriptor": pdf.add(descriptor),
            "CIDSystemInfo": {"Registry": "Adobe", "Ordering": "Identity", "Supplement": 0},
            "DW": font.dw, "W": font.w}
        if not font.cff:
            cid_font["CIDToGIDMap"] = pdf.add(Stream({}, font.cid_to_gid))
        to_unicode = pdf.add(Stream({}, font.to_unicode))
        return pdf.add({
            "Type": Name("Font"), "Subtype": Name("Type0"), "BaseFont": font.base, "Encoding": Name("Identity-H"),
            "DescendantFonts": [pdf.add(cid_font)], "ToUnicode": to_unicode})

    def _font(self) -> "_Font":
        face = self.face
        subset = face.subset(self.glyphs)
        cff = subset.outlines == "cff"
        code = subset.code if cff else {gid: gid for gid in subset.code}
        base = Name(f"{subset.tag}+{face.ps_name}")
        scale = 1000 / face.upm
        head = face.hb_face.reference_table("head").data
        x_min, y_min, x_max, y_max = struct.unpack(">hhhh", head[36:44])
        descriptor = {
            "Type": Name("FontDescriptor"), "FontName": base, "Flags": 4,
            "FontBBox": [round(v * scale) for v in (x_min, y_min, x_max, y_max)],
            "ItalicAngle": 0, "Ascent": round(face.ascent * 1000), "Descent": round(-face.descent * 1000),
            "CapHeight": round(face.ascent * 1000), "StemV": 80}
        widths = {code[g]: face.glyph_advance(g) * 1000 for g in self.text}
        default = Counter(round(w, 3) for w in widths.values()).most_common(1)[0][0] if widths else 1000
        return _Font(code, {gid: f"{cid:04X}" for gid, cid in code.items()}, base, descriptor, cff, subset.program,
                     _number(default), _width_array(widths, default), None if cff else _cid_to_gid(subset.code),
                     _to_unicode({code[g]: t for g, t in self.text.items()}),
                     face.ps_name.encode() + repr(sorted(code.items())).encode(),
                     [subset.program] if cff else program_parts(subset.program, subset.code))


class _Font(NamedTuple):
    """What a face's font objects say, apart from their numbers."""

    code: dict[int, int]
    hex: dict[int, str]
    base: Name
    descriptor: dict            # without its font program
    cff: bool
    program: bytes
    dw: int | float
    w: list
    cid_to_gid: bytes | None
    to_unicode: bytes
    summary: bytes
    parts: list[bytes]          # the program cut for compressing (`program_parts`)


#: The glyphs of a face, by its own ids, whose outlines are compressed as one part of its
#: embedded program (`program_parts`): CJK faces hold their ideographs over some 30 000 ids, so
#: a subset's outlines go in some 8 parts. The parts cost the sample's file 1.9 % (2048 a range:
#: 3.2 %; 8192: 0.9 %, and more to compress again when a glyph comes).
GLYPH_RANGE = 4096


def program_parts(program: bytes, code: dict[int, int]) -> list[bytes]:
    """A TrueType subset cut into the parts `serialize.flate_parts` compresses one by one: the
    tables before `glyf`, its outlines range by range of GLYPH_RANGE of the face's own glyph ids
    (`code`: face glyph id → its id in the subset, whose order is the face's), and what follows.
    A glyph added to the subset changes its range's part and the small tables, not the other
    ranges' parts: a warm process compresses only those again (its segments are kept by their
    data: writers/pdf/reuse.py), and a cold build says the same bytes. Laid out otherwise
    (no `glyf`, `loca` or `head` found where expected): the program as one part."""
    try:
        tables = {}
        for k in range(struct.unpack_from(">H", program, 4)[0]):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * k)
            tables[tag] = (offset, length)
        glyf, glyf_length = tables[b"glyf"]
        loca, loca_length = tables[b"loca"]
        long_loca = struct.unpack_from(">h", program, tables[b"head"][0] + 50)[0] == 1
        entries = loca_length // (4 if long_loca else 2)
        cuts, last = [], None
        for old in sorted(code):
            new, part = code[old], old // GLYPH_RANGE
            if last is not None and part != last and 0 < new < entries:
                start = struct.unpack_from(">I", program, loca + 4 * new)[0] if long_loca \
                    else 2 * struct.unpack_from(">H", program, loca + 2 * new)[0]
                cuts.append(glyf + start)
            last = part
    except (struct.error, KeyError):
        return [program]
    bounds = [0, glyf, *cuts, glyf + glyf_length, len(program)]
    if bounds != sorted(bounds) or bounds[-2] > bounds[-1]:
        return [program]
    return [program[a:b] for a, b in zip(bounds, bounds[1:])]


def _cid_to_gid(code: dict[int, int]) -> bytes:
    """CIDToGIDMap (§9.7.4.2): the subset's glyph id of CID c in bytes 2c and 2c + 1, up to the
    largest CID shown; a CID not shown maps to 0 (.notdef)."""
    table = bytearray(2 * (max(code, default=0) + 1))
    for cid, gid in code.items():
        struct.pack_into(">H", table, 2 * cid, gid)
    return bytes(table)


def _number(v: float) -> int | float:
    """A width: an integer as an integer, else a real (three decimals, `serialize.real`)."""
    return int(v) if float(v).is_integer() else float(v)


def _width_array(widths: dict[int, float], default: float) -> list:
    """W: `c [w1 w2 …]` for each run of consecutive CIDs whose width is not the default."""
    out: list = []
    run: list = []
    last = None
    for cid in sorted(widths):
        w = round(widths[cid], 3)
        if w == default:
            continue
        if last is not None and cid == last + 1:
            run.append(_number(w))
        else:
            run = [_number(w)]
            out += [cid, run]
        last = cid
    return out


def _to_unicode(texts: dict[int, str]) -> bytes:
    """A ToUnicode CMap (PDF 32000-1 §9.10.3): each code to its text in UTF-16BE; the
    second glyph of a cluster (its text went with the first) to the empty string, so that it
    copies as nothing rather than as an unknown character."""
    entries = [f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in sorted(texts.items())]
    blocks = []
    for k in range(0, len(entries), BFCHAR_BLOCK):
        chunk = entries[k:k + BFCHAR_BLOCK]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks) +
            "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")
