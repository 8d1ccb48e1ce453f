"""Find the faces a layout names, shape text with them, subset them for embedding.

A face is found by role (docs/typography.md, "Fonts"): a file in the project's `fonts/` (or next to
the layout), an absolute path, or an installed family (fontconfig's `fc-list` where present,
else an index of the system font folders cached by file size and date). Every face is opened
through HarfBuzz (`uharfbuzz`), which maps the file and reads only the tables it is asked for:
no face is parsed whole. TrueType (`glyf`) and OpenType/CFF outlines are both used as they
are; a collection (`.ttc`, `.otc`) gives the member whose family or full name the layout
names (`family: Noto Serif CJK SC`, `family: 宋体`), else its first member.

Shaping (the font's own forms, clreq
https://www.w3.org/International/clreq/#glyphs_sizes_and_positions_in_character_faces_of_punctuation_marks) is HarfBuzz's, language zh-Hans, one script per
run: the Simplified-Chinese `locl` forms (a full-width 破折号), Latin kerning and ligatures
come from the font's GSUB/GPOS. The removable blank of a punctuation mark comes from the
font's `halt` feature where it has one, else from its ink bounds (`text/prepare.py`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import uharfbuzz as hb

from ..errors import FontError
from ..messages import Message
from .fontfile import check_font_file, check_tables, parsing, where
from .synth import RISE, SCALE, SYNTHESISED, Position, key_of, split_key
from ..model import Source

SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
                    "/Library/Fonts", "C:/Windows/Fonts")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
#: The first four bytes of a font file: TrueType, OpenType/CFF, Apple TrueType, collection.
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
#: BCP 47 language of the text: selects the `ZHS` language system (`locl` SC forms).
LANGUAGE = "zh-Hans"
#: Tables the embedded subset never needs: layout (shaping is done), vertical metrics.
#: Strings up to this length are shaped once per face (furniture, marks); longer ones
#: (paragraphs) each time, so memory does not grow with the issue.
SHAPE_CACHE_CHARS = 40
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG", "STAT", "meta")


def _tag(tag: str) -> int:
    return struct.unpack(">I", tag.encode("ascii"))[0]


@dataclass(frozen=True, slots=True)
class FaceSpec:
    """A layout's choice for one role: a file or an installed family, plus fallbacks. With
    both, `family` picks the member of a collection file."""

    role: str
    file: str | None = None
    family: str | None = None
    fallbacks: tuple["FaceSpec", ...] = ()
    source: Source | None = None          # the layout line that chose it, for messages


class ShapedGlyph(NamedTuple):
    """One glyph out of HarfBuzz, in ems: `cluster` is the index of the first character of
    the text it renders; `advance` is the shaped advance (kerning applied), `own` the glyph's
    own advance (hmtx: what a PDF reader uses), `dx`, `dy` its offset from the pen (y up).
    A named tuple, not a frozen dataclass: one is made per glyph shaped, and a tuple is made
    several times faster."""

    gid: int
    cluster: int
    advance: float
    own: float
    dx: float = 0.0
    dy: float = 0.0


class ShapedRun(NamedTuple):
    """The glyphs HarfBuzz gives for a text, as parallel lists, one entry a glyph, in ems:
    `clusters` the index of the first character each renders, `advances` the shaped advance
    (kerning applied), `owns` the glyph's own advance (hmtx), and `offsets` (dx, dy) for just
    the glyphs HarfBuzz moved off the pen (none, in most text). Lists made a list at a time
    rather than an object a glyph: for a paragraph, making an object per glyph cost twenty
    times the shaping itself. Shared (a short text's is cached): read, never changed."""

    gids: list[int]
    clusters: list[int]
    advances: list[float]
    owns: list[float]
    offsets: dict[int, tuple[float, float]]

    def glyphs(self) -> tuple[ShapedGlyph, ...]:
        """The same glyphs one object a glyph."""
        offsets = self.offsets
        return tuple(ShapedGlyph(gid, cluster, advance, own, *offsets.get(k, (0.0, 0.0)))
                     for k, (gid, cluster, advance, own) in enumerate(zip(self.gids, self.clusters, self.advances,
                                                                           self.owns)))


@dataclass(frozen=True, slots=True)
class Subset:
    """A face cut down to the glyphs a document uses, ready to embed: `program` is the
    TrueType file (`glyf`) or the bare CFF table (`cff`), as a PDF embeds it; `sfnt` the whole
    font file (the same bytes for TrueType, the OpenType wrapper for CFF), as an OFD embeds it
    (GB/T 33190 §11.1: a font file whose `cmap` maps the text codes to glyphs); `code` maps an
    original glyph id to the new one (the CID the content streams show: CFF charsets are made
    identity)."""

    program: bytes
    outlines: str
    code: dict[int, int]
    tag: str
    sfnt: bytes = b""


def _script_of(ch: str) -> str | None:
    """The script a character settles for a run: Latin letters `Latn`, Han and kana `Hani`,
    everything else (digits, punctuation, symbols) takes the script of its neighbours."""
    if ch.isascii():
        return "Latn" if ch.isalpha() else None
    o = ord(ch)
    if o < 0x0250 and ch.isalpha():
        return "Latn"
    if 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF:
        return "Hani" if ch.isalpha() else None
    return None


class _Advances(dict):
    """A face's glyph advances (hmtx) in ems by glyph id, each read from the font the first
    time it is looked up (`__missing__`): shaping looks up every glyph it gives."""

    def __init__(self, font: hb.Font, upm: int) -> None:
        super().__init__()
        self.font, self.upm = font, upm

    def __missing__(self, gid: int) -> float:
        advance = self[gid] = self.font.get_glyph_h_advance(gid) / self.upm
        return advance


class _ScriptCodes(dict):
    """`_script_of` of every character seen, as one letter for `str.translate` (H Han, L
    Latin, c common: it takes its neighbours' script), keyed by code point: it depends on the
    character alone, and is asked for every character shaped, so each is worked out the first
    time `translate` meets it (`__missing__`)."""

    def __missing__(self, point: int) -> str:
        code = self[point] = _CODE[_script_of(chr(point))]
        return code


_CODE = {"Hani": "H", "Latn": "L", None: "c"}
_SCRIPT = {"H": "Hani", "L": "Latn"}
_SCRIPT_CODES = _ScriptCodes()
#: A run: a character of a script and the common ones after it, up to the next character of
#: another script.
_SCRIPT_RUN = re.compile(r"H[Hc]*|L[Lc]*")


def script_runs(text: str) -> list[tuple[int, int, str]]:
    """[start, end, script] runs of `text` (Unicode UAX #24 in short: common characters join
    the run before them, or the one after at the start; Han where nothing decides). Found by
    a regular expression over the text's script letters rather than a step a character."""
    runs = [[m.start(), m.end(), _SCRIPT[m.group()[0]]] for m in _SCRIPT_RUN.finditer(text.translate(_SCRIPT_CODES))]
    if not runs:
        return [(0, len(text), "Hani")] if text else []
    runs[0][0] = 0      # the common characters before the first run join it
    return [tuple(r) for r in runs]


class Face:
    """One face of a font file, through HarfBuzz: coverage, advances, ink, shaping, `halt`
    blanks and subsetting. Metrics are in ems."""

    variant = ""      # an ordinary face (a SynthFace says 'sub' or 'sup')

    @property
    def base(self) -> Face:
        """The face whose glyphs this one draws: itself (a SynthFace's is the face it scales)."""
        return self

    def __init__(self, path: Path, blob: hb.Blob, index: int, count: int = 1) -> None:
        self.path = path
        self.index = index
        self.count = count      # faces in the file: more than one for a collection (.ttc/.otc)
        self.source: Source | None = None     # the layout line that chose it (set by load_fontset)
        self.hb_face = hb.Face(blob, index)
        self.font = hb.Font(self.hb_face)
        self.upm = self.hb_face.upem
        if self.hb_face.glyph_count == 0 or not self.upm:
            raise FontError(Message("fontfile.no_glyphs", path=str(path)))
        tables = set(self.hb_face.table_tags)
        if "glyf" in tables:
            self.outlines = "glyf"
        elif "CFF " in tables:
            self.outlines = "cff"
        else:
            what = Message("fontfile.cff2" if "CFF2" in tables else "fontfile.no_outlines")
            raise FontError(Message("fontfile.outlines", path=str(path), what=what))
        self.name = self._name(hb.OTNameIdPredefined.FULL_NAME) or path.stem
        self.ps_name = "".join(c for c in (self._name(hb.OTNameIdPredefined.POSTSCRIPT_NAME) or path.stem)
                               if c.isascii() and c.isalnum() or c == "-") or "Font"
        self.ascent, self.descent = self._vertical()
        self._advance = _Advances(self.font, self.upm)
        self._ink: dict[int, tuple[float, float] | None] = {}
        self._shaped: dict[tuple[str, bool], ShapedRun] = {}
        self._halt: dict[str, tuple[float, float] | None] = {}
        self._subset: tuple[frozenset[int], Subset] | None = None
        #: HarfBuzz's preprocessed face (`hb_subset_preprocess`), made when the face is cut a
        #: second time (a warm process: `watch`): later cuts take ~0.1 ms instead of ~1.7 ms
        #: (NotoSerifSC-Bold, 150 glyphs), the same bytes; making it takes 15–40 ms and
        #: 17–33 MiB, more than one cut saves, so a build that cuts each face once never does
        self._preprocessed: hb.Face | None = None
        self.has_halt = any("halt" in self.hb_face.get_language_feature_tags("GPOS", s, 0xFFFF)
                            for s in range(len(self.hb_face.get_table_script_tags("GPOS"))))

    def _name(self, name_id) -> str | None:
        return self.hb_face.get_name(name_id) or None

    def names(self, ids: tuple[int, ...] = (1, 4, 16)) -> set[str]:
        """Names in every language of the name table: by default family (1), full (4) and
        typographic family (16)."""
        return _names(self.hb_face, ids)

    def _vertical(self) -> tuple[float, float]:
        """Typographic ascent and descent (OS/2 sTypoAscender/Descender, else hhea), ems."""
        os2 = self.hb_face.reference_table("OS/2").data
        if len(os2) >= 72:
            asc, desc = struct.unpack(">hh", os2[68:72])
        else:
            ext = self.font.get_font_extents("ltr")
            asc, desc = ext.ascender, ext.descender
        return asc / self.upm, -desc / self.upm

    # -- coverage and metrics ------------------------------------------------------------
    def gid(self, ch: str) -> int | None:
        return self.font.get_nominal_glyph(ord(ch))

    def has(self, ch: str) -> bool:
        return self.font.get_nominal_glyph(ord(ch)) is not None

    def glyph_advance(self, gid: int) -> float:
        """The glyph's own advance (hmtx), as a PDF reader takes it from the W array."""
        return self._advance[gid]

    def advance(self, ch: str) -> float:
        gid = self.gid(ch)
        return self.glyph_advance(gid if gid is not None else 0)

    def ink(self, gid: int) -> tuple[float, float] | None:
        """Horizontal ink extent of the glyph (x min, x max), None if blank."""
        if gid not in self._ink:
            ext = self.font.get_glyph_extents(gid)
            self._ink[gid] = None if ext is None or ext.width == 0 else \
                (ext.x_bearing / self.upm, (ext.x_bearing + ext.width) / self.upm)
        return self._ink[gid]

    # -- shaping -------------------------------------------------------------------------
    def shape(self, text: str, halt: bool = False) -> tuple[ShapedGlyph, ...]:
        """HarfBuzz glyphs for `text` (`shape_run`), one object a glyph."""
        return self.shape_run(text, halt).glyphs()

    def shape_run(self, text: str, halt: bool = False) -> ShapedRun:
        """HarfBuzz glyphs for `text`, one script run at a time, language zh-Hans; clusters
        are character indices into `text`."""
        key = (text, halt)
        shaped = self._shaped.get(key)
        if shaped is None:
            shaped = self._shape(text, {"halt": True} if halt else {})
            if len(text) <= SHAPE_CACHE_CHARS:
                self._shaped[key] = shaped
        return shaped

    def _shape(self, text: str, features: dict) -> ShapedRun:
        gids: list[int] = []
        clusters: list[int] = []
        advances: list[float] = []
        offsets: dict[int, tuple[float, float]] = {}
        upm = self.upm
        for start, end, script in script_runs(text):
            buf = hb.Buffer()
            buf.add_str(text[start:end])      # clusters: character indices, as add_codepoints gives
            buf.direction = "ltr"
            buf.script = script
            buf.language = LANGUAGE
            hb.shape(self.font, buf, features)
            infos = buf.glyph_infos
            at = len(gids)
            gids += [info.codepoint for info in infos]
            clusters += [start + info.cluster for info in infos]
            positions = [pos.position for pos in buf.glyph_positions]     # (x_off, y_off, x_adv, y_adv)
            advances += [p[2] / upm for p in positions]
            for k in [k for k, p in enumerate(positions) if p[0] or p[1]]:
                offsets[at + k] = (positions[k][0] / upm, positions[k][1] / upm)
        return ShapedRun(gids, clusters, advances, list(map(self._advance.__getitem__, gids)), offsets)

    def half_width(self, text: str) -> tuple[float, float] | None:
        """Blank (left, right) in ems the font's `halt` feature removes from a full-width
        mark (OpenType feature registry, "halt"): None when the face has no `halt` or it
        leaves this mark alone."""
        if not self.has_halt:
            return None
        if text not in self._halt:
            full, half = self.shape(text), self.shape(text, halt=True)
            result = None
            if len(full) == len(half) == 1 and half[0].advance < full[0].advance:
                left = full[0].dx - half[0].dx
                result = (left, full[0].advance - half[0].advance - left)
            self._halt[text] = result
        return self._halt[text]

    # -- embedding -----------------------------------------------------------------------
    def subset(self, gids: set[int]) -> Subset:
        """The glyphs `gids` (and .notdef) cut out by HarfBuzz's subsetter, hinting and
        layout tables dropped, CFF charset made identity (CID = new glyph id). The subset tag
        comes from the face and the glyph set, so the same document gives the same bytes.

        The last subset is kept: a warm process (`watch`) re-subsets a face only when the
        glyphs it shows changed, and the PDF and OFD of one build share one subset."""
        wanted = frozenset(gids)
        if self._subset is not None and self._subset[0] == wanted:
            return self._subset[1]
        if self._subset is not None and self._preprocessed is None:
            self._preprocessed = hb.subset_preprocess(self.hb_face)
        subset = self._cut(wanted)
        self._subset = (wanted, subset)
        return subset

    def _cut(self, gids: frozenset[int]) -> Subset:
        inp = hb.SubsetInput()
        inp.glyph_set.update(gids | {0})
        inp.flags = (hb.SubsetFlags.NO_LAYOUT_CLOSURE | hb.SubsetFlags.CFF_IDENTITY_CHARSET
                     | hb.SubsetFlags.NO_HINTING)
        for tag in DROP_TABLES:
            inp.drop_table_tag_set.add(_tag(tag))
        try:   # HarfBuzz raises on a face damaged where loading did not look (a glyph's data)
            plan = hb.SubsetPlan(self._preprocessed or self.hb_face, inp)
            mapping = plan.old_to_new_glyph_mapping
            code = {old: mapping[old] for old in gids}
            out = plan.execute()
        except (RuntimeError, KeyError):
            out = None
        if out is None:
            raise FontError(Message("fontfile.no_subset", path=str(self.path)), hint=Message("hint.other_font"),
                            **where(self.source))
        sfnt = bytes(out.blob.data)
        program = bytes(out.reference_table("CFF ").data) if self.outlines == "cff" else sfnt
        digest = hashlib.sha256(f"{self.ps_name}:{sorted(gids)}".encode()).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        return Subset(program, self.outlines, code, tag, sfnt)


def open_face(path: Path, member: str | int | None = None) -> Face:
    """The one place a font file is opened: checks it is a font, maps it (HarfBuzz reads
    only the tables it needs) and picks the face. Of a collection: member `k` by index, or
    the member whose family or full name is `member` (case-insensitive; a typographic family
    shared by several weights only when no member has it as its own family), else the first."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise FontError(Message("fontfile.cannot_read", path=str(path), why=str(exc.strerror or exc))) from None
    if magic not in FONT_MAGIC:
        raise FontError(Message("fontfile.not_font", path=str(path)))
    blob = hb.Blob.from_file_path(str(path))
    count = max(1, hb.Face(blob).count) if magic == b"ttcf" else 1
    if isinstance(member, int):
        if not 0 <= member < count:
            raise FontError(Message("fontfile.no_member", path=str(path), member=member))
        return Face(path, blob, member, count)
    if member is None or count == 1:
        return Face(path, blob, 0, count)   # a single face is what the layout asked for, whatever its name
    members = [hb.Face(blob, index) for index in range(count)]     # names only, no checks yet
    want = member.casefold()
    for ids in ((1, 4), (16,)):
        for index, face in enumerate(members):
            if want in {n.casefold() for n in _names(face, ids)}:
                return Face(path, blob, index, count)
    names = ", ".join(sorted({n for face in members for n in _names(face, (1,)) if n.isascii()}))
    raise FontError(Message("fontfile.no_member_named", path=str(path), member=member),
                    hint=Message("hint.members", names=names))


def _names(face: hb.Face, ids: tuple[int, ...]) -> set[str]:
    """The face's names with these name ids (1 family, 4 full, 16 typographic family), in
    every language of its name table."""
    return {face.get_name(e.name_id, e.language) for e in face.list_names() if int(e.name_id) in ids} - {None, ""}


class SynthFace:
    """Sub- or superscript characters a face lacks, drawn with its own digits and signs
    (fonts/synth.py): shaped as the base characters, each glyph raised or lowered by the
    position's rise (in ems of the smaller size the engine sets them at). Everything else is
    the base face's; `variant` tells a writer to keep these glyphs in a font of their own,
    whose text map gives the characters as typed."""

    def __init__(self, face: Face, position: Position) -> None:
        self.base = face
        self.position = position
        self.variant = position.value
        self._table = {ord(ch): next(b for b in base if face.has(b)) for ch, (base, pos) in SYNTHESISED.items()
                       if pos is position and any(face.has(b) for b in base)}
        self._dy = RISE[position] / SCALE

    def __getattr__(self, name):
        return getattr(self.base, name)

    def has(self, ch: str) -> bool:
        return ord(ch) in self._table

    def gid(self, ch: str) -> int | None:
        return None     # no glyph of its own: an OFD names the glyph by a CGTransform

    def shape(self, text: str, halt: bool = False) -> tuple[ShapedGlyph, ...]:
        return self.shape_run(text, halt).glyphs()

    def shape_run(self, text: str, halt: bool = False) -> ShapedRun:
        run = self.base.shape_run(text.translate(self._table))
        rise, offsets = self._dy, run.offsets
        moved = {k: (dx, dy + rise) for k, (dx, dy) in ((k, offsets.get(k, (0.0, 0.0))) for k in range(len(run.gids)))}
        return run._replace(offsets=moved)

    def half_width(self, text: str) -> tuple[float, float] | None:
        return None

    def subset(self, gids: set[int]) -> Subset:
        subset = self.base.subset(gids)
        digest = hashlib.sha256(f"{subset.tag}:{self.variant}".encode()).digest()
        return Subset(subset.program, subset.outlines, subset.code, "".join(chr(65 + b % 26) for b in digest[:6]),
                      subset.sfnt)


#: Texts `FontSet.missing` keeps as covered, per role, before it starts again.
COVERED_TEXTS = 100_000


class FontSet:
    """The faces of a layout by role, with fallbacks; implements the text engine's Metrics
    (face keys: the role, or role#k for its k-th fallback; `~sub`/`~sup` after either for
    sub- and superscripts synthesised from that face, fonts/synth.py)."""

    def __init__(self, faces: dict[str, list[Face]], absent: dict[str, tuple[str, ...]] | None = None,
                 later: dict[str, Callable[[], tuple[list[Face], tuple[str, ...]]]] | None = None) -> None:
        self._chains = faces        # role → [primary, fallback…] as far as looked up
        self._absent = dict(absent or {})
        #: role → the rest of its chain, looked up when a character needs it (`load_fontset`):
        #: the fallbacks found by family, which ask fontconfig (a process) for the installed
        #: faces, and those after them; it gives their faces and the families not installed
        self._later = dict(later or {})
        self._by_key = {role if k == 0 else f"{role}#{k}": face
                        for role, chain in faces.items() for k, face in enumerate(chain)}
        self._face_for: dict[tuple[str, str], str] = {}
        self._covered: dict[str, set[str]] = {role: set() for role in faces}
        self._covered_texts: dict[str, set[str]] = {}

    @property
    def faces(self) -> dict[str, list[Face]]:
        """role → [primary, fallback…], every fallback looked up."""
        for role in list(self._later):
            self._look_up(role)
        return self._chains

    @property
    def absent(self) -> dict[str, tuple[str, ...]]:
        """role → the fallback families the layout names that are not installed (skipped: a
        build that needs none of their characters does not need them)."""
        for role in list(self._later):
            self._look_up(role)
        return self._absent

    def loaded(self) -> list[Face]:
        """The faces looked up so far (every primary face, and the fallbacks a character
        needed), each once: the font files a build read."""
        return list(dict.fromkeys(face for chain in self._chains.values() for face in chain))   # a Face hashes as itself

    def _look_up(self, role: str) -> bool:
        """Look up the rest of the role's chain, if any is left; whether there was."""
        rest = self._later.pop(role, None)
        if rest is None:
            return False
        faces, absent = rest()
        chain = self._chains[role]
        for face in faces:
            self._by_key[f"{role}#{len(chain)}"] = face
            chain.append(face)
        if absent:
            self._absent[role] = self._absent.get(role, ()) + absent
        return True

    def _first(self, role: str, test: Callable[[Face], bool]) -> int | None:
        """The index in the role's chain of the first face that passes `test`, looking up the
        rest of the chain only when no face looked up so far does."""
        chain = self._chains[role]
        k = 0
        while True:
            for k in range(k, len(chain)):
                if test(chain[k]):
                    return k
            k = len(chain)
            if not self._look_up(role):
                return None

    @property
    def roles(self) -> list[str]:
        return list(self._chains)

    def primary(self, role: str) -> Face:
        return self._chains[role][0]

    def face_for(self, role: str, ch: str) -> str:
        """The face key (role, or role#k for the k-th fallback) that has `ch`; role if none.
        Asked for every character set, so each answer is kept (per role and character)."""
        key = self._face_for.get((role, ch))
        if key is None:
            k = 0 if self._chains[role][0].has(ch) else self._first(role, lambda face: face.has(ch))
            key = self._face_for[(role, ch)] = (role if k == 0 else f"{role}#{k}") if k is not None else \
                self._synthesised(role, ch) or role
        return key

    def _synthesised(self, role: str, ch: str) -> str | None:
        """The key of the synthesised face that sets `ch` (a sub- or superscript no face of the
        role has) from the first face of the role with its base character; None if none."""
        if ch not in SYNTHESISED:
            return None
        base, position = SYNTHESISED[ch]
        k = self._first(role, lambda face: any(face.has(b) for b in base))
        if k is None:
            return None
        key = key_of(role if k == 0 else f"{role}#{k}", position)
        if key not in self._by_key:
            self._by_key[key] = SynthFace(self._chains[role][k], position)
        return key

    def synthesised(self, role: str, text: str) -> list[str]:
        """The characters of `text` set by synthesis in this role (for `fonts list`, `check`)."""
        return sorted(ch for ch in set(text) if split_key(self.face_for(role, ch))[1] is not None)

    def face(self, key: str) -> Face:
        return self._by_key[key]

    def shape(self, face: str, text: str) -> tuple[ShapedGlyph, ...]:
        return self.face(face).shape(text)

    def shape_run(self, face: str, text: str) -> ShapedRun:
        return self.face(face).shape_run(text)

    def ink(self, face: str, gid: int) -> tuple[float, float] | None:
        return self.face(face).ink(gid)

    def half_width(self, face: str, text: str) -> tuple[float, float] | None:
        return self.face(face).half_width(text)

    def missing(self, role: str, text: str) -> list[str]:
        """Characters of `text` that no face of the role has (whitespace aside). The
        characters found covered are kept per role (every string of an issue is checked,
        most characters many times), and so are whole texts found covered: a warm process
        (`watch`) checks the same texts build after build (up to `COVERED_TEXTS` of them)."""
        texts = self._covered_texts.setdefault(role, set())
        if text in texts:
            return []
        covered = self._covered[role]
        primary = self._chains[role][0]
        out = []
        for ch in set(text).difference(covered):
            if ch.isspace() or primary.has(ch) or self._first(role, lambda face: face.has(ch)) is not None \
                    or self._synthesised(role, ch):
                covered.add(ch)
            else:
                out.append(ch)
        if not out:
            if len(texts) >= COVERED_TEXTS:
                texts.clear()
            texts.add(text)
        return sorted(out)


def load_fontset(specs: dict[str, FaceSpec], search: list[Path], layout_file: str | None = None) -> FontSet:
    """The faces of every role; a face that cannot be found or read is an error located at
    the role in the layout file (`fonts.title`).

    Every face named by file is opened here. The fallbacks from the first one named by family
    on are looked up when a character first needs them (`FontSet._first`): finding a family
    asks fontconfig for every installed face (`installed_families`, a process of its own that
    takes longer than the rest of loading), and the default layouts name a fallback family
    for every role that most issues never need (docs/fonts.md, "The default fallback for rare
    name characters")."""
    cache: dict[tuple[Path, str | int | None], Face] = {}

    def face_of(spec: FaceSpec) -> Face:
        try:
            path, member = locate(spec, search)
            if (path, member) not in cache:
                check_font_file(path, spec.source)          # regular file, size, what it starts with
                with parsing(path, spec.source):            # any parser failure located at the layout line
                    face = open_face(path, member)
                    check_tables(path, set(face.hb_face.table_tags), spec.source)
                    if not face.hb_face.unicodes:
                        raise FontError(Message("fontfile.no_cmap", path=str(path)), hint=Message("hint.name_another_font"),
                                        **where(spec.source))
                face.source = spec.source
                cache[(path, member)] = face
            return cache[(path, member)]
        except FontError as exc:
            if exc.file:
                raise
            raise FontError(exc.message, file=layout_file, field=f"fonts.{spec.role}", hint=exc.hint) from None

    def chain(spec: FaceSpec) -> list[Face]:
        """The role's primary face and its fallbacks up to the first found by family."""
        faces = [face_of(spec)]
        for k, fb in enumerate(spec.fallbacks):
            if by_family(fb):
                rest = spec.fallbacks[k:]
                for later in rest:      # a file is checked now, as every face named by file is
                    if not by_family(later):
                        face_of(later)
                pending[spec.role] = functools.partial(the_rest, rest)
                break
            faces.append(face_of(fb))
        return faces

    def the_rest(rest: tuple[FaceSpec, ...]) -> tuple[list[Face], tuple[str, ...]]:
        """The faces of the fallbacks `rest`; a family that is not installed is left out (and
        named: the missing-character message says to install it)."""
        faces, absent = [], ()
        for fb in rest:
            if absent_family(fb):
                absent += (fb.family,)
            else:
                faces.append(face_of(fb))
        return faces, absent

    pending: dict[str, Callable[[], tuple[list[Face], tuple[str, ...]]]] = {}
    return FontSet({role: chain(spec) for role, spec in specs.items()}, {}, pending)


def by_family(spec: FaceSpec) -> bool:
    """A choice by family alone (no file): found among the installed faces."""
    return bool(spec.family and not spec.file)


def absent_family(spec: FaceSpec) -> bool:
    """A choice by family (no file) of a family not installed: as a fallback, skipped."""
    return by_family(spec) and spec.family.casefold() not in installed_families()


def locate(spec: FaceSpec, search: list[Path]) -> tuple[Path, str | int | None]:
    """Path of the face and the member name to pick in it: a file (absolute, or in one of
    `search`; `family` then picks a collection's member), or an installed family."""
    if spec.file:
        candidate = Path(os.path.expanduser(spec.file))
        if candidate.is_absolute():
            if candidate.exists():
                return candidate, spec.family
        else:
            for folder in search:
                if (folder / candidate).exists():
                    return (folder / candidate).resolve(), spec.family
        folders = ", ".join(str(s) for s in search)
        raise FontError(Message("fontfile.not_found" if candidate.is_absolute() else "fontfile.not_found_default",
                                file=str(spec.file), role=spec.role, folders=folders), **where(spec.source))
    if spec.family:
        found = installed_families().get(spec.family.casefold())
        if found is None:
            raise FontError(Message("fontfile.family_absent", family=spec.family, role=spec.role),
                            hint=Message("hint.install_or_file"),
                            **where(spec.source))
        return found
    raise FontError(Message("fontfile.no_choice", role=spec.role), **where(spec.source))


@lru_cache(maxsize=1)
def installed_families() -> dict[str, tuple[Path, int]]:
    """Installed faces (file, member index) by family and full name, case-folded: from
    fontconfig's own cache through `fc-list` where it is installed, else from the system font
    folders, indexed once and cached. A family name shared by several weights is the regular
    one's (`family: Noto Serif CJK SC` is not its Bold)."""
    listed = _fc_list()
    rows = listed if listed is not None else _folder_index()
    found: dict[str, tuple[Path, int]] = {}
    for _, file, index, names in sorted(rows):
        for name in names:
            found.setdefault(name.casefold(), (Path(file), index))
    return found


#: fontconfig's weight of a regular face (fontconfig.h, FC_WEIGHT_REGULAR).
FC_REGULAR = 80


def _fc_list() -> list[tuple[int, str, int, list[str]]] | None:
    """(distance from regular weight, file, index, names) of every face fontconfig knows.
    (subprocess, like json below, is imported only for a face named by family or a message
    naming installed faces: a build whose layout names its files never starts a process.)"""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run([fc_list, "--format", "%{file}\t%{index}\t%{weight}\t%{family}\t%{fullname}\n"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    rows = []
    for row in done.stdout.splitlines():
        file, index, weight, *names = row.split("\t")
        if not file.lower().endswith(FONT_SUFFIXES):
            continue
        rows.append((_weight_distance(weight), file, int(index or 0),
                     [n.strip() for part in names for n in part.split(",") if n.strip()]))
    return rows


def _weight_distance(weight: str) -> int:
    """How far fontconfig's weight (`80`, or a range `[80 200]`) is from a regular face's."""
    try:
        return abs(int(float(weight.split()[0].strip("[]"))) - FC_REGULAR) if weight.strip() else 0
    except ValueError:
        return 0


def _folder_index() -> list[tuple[int, str, int, list[str]]]:
    """Names of every face in the system folders, read once per file (HarfBuzz, name table
    only) and kept in ~/.cache/bulletin-pdf/fonts.json keyed by path, size and date."""
    import json

    cache_file = Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "bulletin-pdf" / "fonts.json"
    try:
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cached = {}
    index: dict[str, dict] = {}
    for folder in SYSTEM_FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
                continue
            stat = path.stat()
            stamp = [stat.st_size, stat.st_mtime_ns]
            entry = cached.get(str(path))
            if not entry or entry.get("stamp") != stamp:
                entry = {"stamp": stamp, "faces": _faces_in(path)}
            index[str(path)] = entry
    if index != cached:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(".part")
            tmp.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
            tmp.replace(cache_file)
        except OSError:
            pass            # a read-only home: the index is rebuilt next time
    return [(distance, file, k, names) for file, entry in index.items()
            for k, (distance, names) in enumerate(entry.get("faces", []))]


def _faces_in(path: Path) -> list[tuple[int, list[str]]]:
    """Per face of the file: its distance from a regular weight (OS/2 usWeightClass 400)
    and its family and full names; nothing if it is not a usable font."""
    try:
        blob = hb.Blob.from_file_path(str(path))
        out = []
        for index in range(max(1, hb.Face(blob).count)):
            face = hb.Face(blob, index)
            os2 = face.reference_table("OS/2").data
            weight = struct.unpack(">H", os2[4:6])[0] if len(os2) >= 6 else 400
            out.append((abs(weight - 400), sorted(_names(face, (1, 4, 16)))))
        return out
    except Exception:  # an unreadable file in a system folder is not our error
        return []


#: The system package that installs a family a default layout names as a fallback, for the
#: message that says what to install (Debian and Ubuntu package names).
PACKAGES = {"noto serif cjk sc": "fonts-noto-cjk", "noto serif cjk sc bold": "fonts-noto-cjk",
            "noto sans cjk sc": "fonts-noto-cjk", "noto sans cjk sc bold": "fonts-noto-cjk"}


def installed_with(chars: str) -> list[str]:
    """Installed faces that have every character of `chars`, as a layout names them
    (`family:`), best first: regular weight before others, Simplified Chinese (SC, CN) before
    other CJK forms. From fontconfig (`fc-list :charset=…`, which answers from its cache)
    where it is installed, else by opening each installed face (only when a message needs it)."""
    import shutil
    import subprocess

    rows: list[tuple[int, bool, str]] = []
    fc_list = shutil.which("fc-list")
    done = None
    if fc_list is not None:
        try:
            done = subprocess.run([fc_list, "--format", "%{family[0]}\t%{fullname[0]}\t%{weight}\n",
                                   ":charset=" + " ".join(f"{ord(c):x}" for c in sorted(set(chars)))],
                                  capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            done = None
    if done is not None and done.returncode == 0:
        for row in done.stdout.splitlines():
            family, full, weight = (row.split("\t") + ["", "", ""])[:3]
            rows.append((_weight_distance(weight), family, full))
    else:
        seen: set[tuple[Path, int]] = set()
        for name, where_ in installed_families().items():
            if where_ in seen:
                continue
            seen.add(where_)
            try:
                face = open_face(*where_)
            except FontError:
                continue
            if all(face.has(c) for c in chars):
                rows.append((0, face.name, face.name))
    names = []
    for distance, family, full in sorted(rows, key=lambda r: (r[0], not any(t in r[1] for t in (" SC", " CN", "GB")),
                                                                  r[1])):
        name = family if distance == 0 or not full else full
        if name and name not in names:
            names.append(name)
    return names
