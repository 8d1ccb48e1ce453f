"""Find the faces a layout names, read their metrics, and check coverage before layout.

A face is found by role (typography.md, "Fonts"): a file in the project's `fonts/` (or next to
the layout), an absolute path, or an installed family. Metrics (advances, ink bounds) come
from fontTools; the renderer embeds the same files. Faces with PostScript (CFF) outlines are
converted to TrueType outlines once (fontTools cu2qu), because ReportLab embeds only glyf
fonts; the conversion is cached next to the source.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.pdfbase.ttfonts import TTFont as ReportLabTTFont

from .errors import FontError
from .fontfile import check_font_file, check_tables, parsing, where
from .model import Source

SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                    "/Library/Fonts", "C:/Windows/Fonts")


@dataclass(frozen=True, slots=True)
class FaceSpec:
    """A layout's choice for one role: a file or an installed family, plus fallbacks."""

    role: str
    file: str | None = None
    family: str | None = None
    fallbacks: tuple["FaceSpec", ...] = ()
    source: Source | None = None          # the layout line that chose it, for messages


class Face:
    """One font file: cmap and advances (parsed once, by ReportLab, whose parse the renderer
    embeds from, so the widths here are exactly the PDF's), ink bounds and vertical metrics
    on demand (fontTools, lazily)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        key = hashlib.sha1(str(path).encode()).hexdigest()[:6]
        self.pdf_name = f"{path.stem}-{key}"
        try:    # one parse serves metrics and embedding (~50 ms for a 30,000-glyph face)
            self.pdf_font = ReportLabTTFont(self.pdf_name, str(path))
            self.tt = TTFont(str(path), lazy=True, fontNumber=0)
        except (TTFError, TTLibError, OSError, AssertionError) as exc:
            raise FontError(f"cannot read font {path}: {exc}") from None
        face = self.pdf_font.face
        self.cmap = face.charToGlyph               # code point → glyph id
        self.widths = face.charWidths              # code point → advance, 1/1000 em
        self.default_width = face.defaultWidth
        os2 = self.tt["OS/2"] if "OS/2" in self.tt else None
        upm = self.tt["head"].unitsPerEm
        self.ascent = (os2.sTypoAscender if os2 else self.tt["hhea"].ascent) / upm
        self.descent = -(os2.sTypoDescender if os2 else self.tt["hhea"].descent) / upm
        self.upm = upm
        self.name = face.fullName.decode("utf-8", "replace") if isinstance(face.fullName, bytes) else str(face.fullName)
        self._ink: dict[str, tuple[float, float] | None] = {}

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def advance(self, ch: str) -> float:
        return self.widths.get(ord(ch), self.default_width) / 1000

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Horizontal ink extent of the glyph (x min, x max) in ems, None if blank: the
        bounding box in the glyph's `glyf` header (OpenType spec, "glyf — Glyph Data")."""
        if ch not in self._ink:
            gid = self.cmap.get(ord(ch))
            bounds = None
            face = self.pdf_font.face
            if gid is not None and gid + 1 < len(face.glyphPos) and face.glyphPos[gid + 1] > face.glyphPos[gid]:
                start = face.get_table_pos("glyf")[0] + face.glyphPos[gid]
                header = face.get_chunk(start, 10)
                if len(header) == 10:       # a damaged glyph has no bounds rather than crashing
                    _contours, x_min, _y_min, x_max, _y_max = struct.unpack(">hhhhh", header)
                    bounds = (x_min / self.upm, x_max / self.upm)
            self._ink[ch] = bounds
        return self._ink[ch]


class FontSet:
    """The faces of a layout by role, with fallbacks; implements the text engine's Metrics."""

    def __init__(self, faces: dict[str, list[Face]]) -> None:
        self.faces = faces          # role → [primary, fallback…]

    @property
    def roles(self) -> list[str]:
        return list(self.faces)

    def primary(self, role: str) -> Face:
        return self.faces[role][0]

    def face_for(self, role: str, ch: str) -> str:
        """The face key (role, or role#k for the k-th fallback) that has `ch`; role if none."""
        for k, face in enumerate(self.faces[role]):
            if face.has(ch):
                return role if k == 0 else f"{role}#{k}"
        return role

    def face(self, key: str) -> Face:
        role, _, k = key.partition("#")
        return self.faces[role][int(k) if k else 0]

    def advance(self, face: str, ch: str) -> float:
        return self.face(face).advance(ch)

    def ink(self, face: str, ch: str) -> tuple[float, float] | None:
        return self.face(face).ink(ch)

    def missing(self, role: str, text: str) -> list[str]:
        """Characters of `text` that no face of the role has (whitespace aside)."""
        return sorted({ch for ch in text if not ch.isspace() and not any(f.has(ch) for f in self.faces[role])})



def load_fontset(specs: dict[str, FaceSpec], search: list[Path]) -> FontSet:
    cache: dict[Path, Face] = {}

    def open_face(spec: FaceSpec) -> Face:
        path = locate(spec, search)
        if path not in cache:
            check_font_file(path, spec.source)
            with parsing(path, spec.source):
                face = Face(ensure_truetype(path))
                check_tables(path, face.pdf_font.face.table, spec.source)
            if not face.cmap:
                raise FontError(f"font file {path}: has no Unicode character map (cmap), so no text can be set in it",
                                hint="name another font", **where(spec.source))
            cache[path] = face
        return cache[path]

    return FontSet({role: [open_face(spec)] + [open_face(fb) for fb in spec.fallbacks]
                    for role, spec in specs.items()})


def locate(spec: FaceSpec, search: list[Path]) -> Path:
    """Path of the face: a file (absolute, or in one of `search`), or an installed family."""
    if spec.file:
        candidate = Path(os.path.expanduser(spec.file))
        if candidate.is_absolute():
            if candidate.exists():
                return candidate
        else:
            for folder in search:
                if (folder / candidate).exists():
                    return (folder / candidate).resolve()
        folders = ", ".join(str(s) for s in search)
        hint = " (run `bulletin-pdf fonts install` for the default faces)" if not candidate.is_absolute() else ""
        raise FontError(f"font file {spec.file} for role '{spec.role}' not found in {folders}{hint}",
                        **where(spec.source))
    if spec.family:
        found = installed_families().get(spec.family.casefold())
        if found is None:
            raise FontError(f"font family '{spec.family}' for role '{spec.role}' is not installed",
                            hint="name a font file instead (file: …)", **where(spec.source))
        return found
    raise FontError(f"role '{spec.role}' names neither a file nor a family", **where(spec.source))


@lru_cache(maxsize=1)
def installed_families() -> dict[str, Path]:
    """Installed fonts by family and full name (case-folded), read with fontTools."""
    found: dict[str, Path] = {}
    for folder in SYSTEM_FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() not in (".ttf", ".otf", ".ttc", ".otc") or not path.is_file():
                continue
            try:
                names = TTFont(str(path), lazy=True, fontNumber=0)["name"]
            except Exception:  # an unreadable file in a system folder is not our error
                continue
            for name_id in (1, 4):
                for rec in names.names:
                    if rec.nameID == name_id:
                        try:
                            found.setdefault(rec.toUnicode().casefold(), path)
                        except UnicodeDecodeError:
                            pass
    return found


def ensure_truetype(path: Path) -> Path:
    """`path` itself for a glyf font; else a cached TrueType conversion of its CFF outlines."""
    with open(path, "rb") as fh:
        tag = fh.read(4)
    if tag == b"ttcf":
        raise FontError(f"{path}: font collections (.ttc/.otc) are not supported; name a single face")
    if tag != b"OTTO":
        return path
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "bulletin-pdf" / f"{path.stem}-{digest}.ttf"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(str(path))
        cff_to_glyf(font)
        tmp = target.with_suffix(".part")
        font.save(str(tmp))
        tmp.replace(target)
    return target


def cff_to_glyf(font: TTFont, max_err: float = 1.0) -> None:
    """Replace CFF outlines by quadratic glyf outlines (fontTools cu2qu), in place.

    Follows fontTools' otf2ttf recipe: post format 3 (no glyph names needed), bounding boxes
    recalculated on save.
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True
