"""Data passed through the line engine: frozen inputs, frozen results, one plain working record."""

from __future__ import annotations

import enum
from operator import attrgetter
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from ..model import Colour

from ..model import LineRules
from .classes import Kind


class ShapedRun(Protocol):
    """The glyphs of a shaped run as parallel lists, one entry a glyph (fonts.ShapedRun): ids,
    clusters (index of the first character each renders), shaped and own advances in ems, and
    the (dx, dy) offsets, in ems, of just the glyphs that have one."""

    gids: list[int]
    clusters: list[int]
    advances: list[float]   # as shaped (kerning applied)
    owns: list[float]       # the glyph's own advance: what a PDF reader uses
    offsets: dict[int, tuple[float, float]]


class Metrics(Protocol):
    """What the engine needs from fonts, in ems of the face: shaped glyphs of a run (clusters
    are indices into the text), a glyph's ink, and the blanks of a full-width mark from the
    font's `halt` feature (None if it has none)."""

    def shape_run(self, face: str, text: str) -> ShapedRun: ...

    def ink(self, face: str, gid: int) -> tuple[float, float] | None: ...

    def half_width(self, face: str, text: str) -> tuple[float, float] | None: ...


@dataclass(frozen=True, slots=True)
class RunStyle:
    """How a run of text is set. `cell` is the full-width advance in pt: the grid pitch for
    body text (GB/T 9704 §5.2.3: 28 characters on the measure), else the size itself.
    Resolved for the writers: `colour` is the print colour itself, `overprint` whether it
    overprints (black, docs/typography.md "Print output"), `stroke` the outline width in pt of
    Word-style fake bold (fill and stroke; 0: fill only)."""

    face: str
    size: float
    cell: float
    colour: Colour = Colour((0, 0, 0, 100))
    overprint: bool = False
    stroke: float = 0.0

    @property
    def fake_bold(self) -> bool:
        return self.stroke > 0


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: RunStyle


@dataclass(frozen=True, slots=True)
class ParagraphSpec:
    """Where a paragraph is set: measure and indents in pt."""

    measure: float
    first_indent: float = 0.0
    rest_indent: float = 0.0
    justify: bool = True
    rules: LineRules = field(default_factory=LineRules)
    #: Set a closing mark that ends a line half width even when the line has room
    #: (GB/T 15834-2011 5.1.10): for right-aligned lines, so the mark's ink is flush.
    compress_end: bool = False
    #: A display line (title, contents entry, heading, table cell): broken between words where
    #: it must break (text/words.py); body text breaks between any two characters.
    words: bool = False


class PlacedGlyph(NamedTuple):
    """One glyph: its id in the style's face, the text it stands for (a cluster: one
    character, two for a ligature, empty for the second glyph of one character), its
    position `x` from the line's left edge and `dy` above the baseline, and its own advance
    at that size (what a PDF reader computes), so a writer can place it exactly. A named
    tuple (immutable, typed) rather than a frozen dataclass: one is made per glyph set, and a
    tuple is made several times faster."""

    gid: int
    text: str
    x: float
    advance: float
    style: RunStyle
    dy: float = 0.0


class ClusterGlyph(NamedTuple):
    """One glyph of a character's cluster as shaped, before the line is placed: its id, the
    text it stands for (the cluster's characters on its first glyph, empty on the others),
    its offset `dx` and `dy` from the character's origin and its own advance, in pt. A named
    tuple: one is made per glyph of every paragraph prepared."""

    gid: int
    text: str
    dx: float
    dy: float
    advance: float


class Gap(enum.Enum):
    """What a gap between two atoms is as a break, and so at which `linebreak.Strictness` a
    line may end there (kinsoku, https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end;
    units; clusters; display lines' words)."""

    FREE = enum.auto()          # a line may end here (at a cost for some: text/words.py)
    INSIDE_WORD = enum.auto()   # inside a word of a display line: from SPLIT_WORDS on
    INSIDE_UNIT = enum.auto()   # inside a Latin word or number: from BREAK_UNITS on (overfull)
    NEVER = enum.auto()         # kinsoku, between the two marks of a ——/……: only ANYWHERE
    INSIDE_GLYPH = enum.auto()  # inside one glyph cluster (a ligature, a letter and its mark):
                                # no level breaks it, a cluster is one indivisible unit
                                # (https://harfbuzz.github.io/clusters.html#clusters-and-shaping)


@dataclass(frozen=True, slots=True)
class SetLine:
    glyphs: tuple[PlacedGlyph, ...]
    indent: float          # left offset of the line in the measure
    width: float           # set width from the indent to the end of the last glyph's cell
    is_last: bool

    @property
    def text(self) -> str:
        return "".join(map(_TEXT, self.glyphs))


#: A placed glyph's text, read in C (a line's text is asked for often: the page optimiser's
#: estimates, the writers' text maps).
_TEXT = attrgetter("text")


@dataclass(frozen=True, slots=True)
class SetParagraph:
    lines: tuple[SetLine, ...]
    warnings: tuple[str, ...] = ()
    relaxed: bool = False     # a rule had to give way (see warnings)
    overfull: str = ""        # the message saying why a unit had to be broken (empty: none was); the layout may refuse it

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(slots=True)
class Prepared:
    """Atoms of a paragraph and the gaps between them, as parallel lists (the DP's hot data).

    gap i sits between atom i and atom i+1; a break at gap i drops its space (no space is kept
    at a line end or start: the Han–Western space "except at the line start or end", clreq
    https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode).
    """

    chars: list[str]
    styles: list[RunStyle]
    #: Per char, the glyph that sets it, in the common case of one glyph a character on the pen
    #: (no ligature, no mark, no offset): its id (−1 where `clusters` has the char) and its own
    #: advance in pt. Parallel lists, not an object per glyph (one would be made for every
    #: character of every paragraph; `justify` makes the placed glyph from these directly).
    gids: list[int]
    owns: list[float]
    #: Every other char: its cluster's glyphs on its first char, () on the others.
    clusters: dict[int, tuple[ClusterGlyph, ...]]
    kinds: list[Kind]
    width: list[float]        # advance used in the line, after fixed compression
    shift: list[float]        # glyph origin offset (left blank removed from an opening mark)
    blank_left: list[float]   # still-removable blank before the ink (opening marks)
    blank_right: list[float]  # still-removable blank after the ink (closing marks)
    gap_space: list[float]
    gap_stretch: list[float]  # weight of the gap in justification (0: inside a Latin word)
    gap_shrink: list[float]   # pt the gap's space may lose
    gaps: list[Gap]           # what a break here is (free, inside a word or unit, never)
    gap_penalty: list[float]  # demerits a break here adds (finite: 0 where only ANYWHERE breaks)
    units: list[tuple[int, int]]  # [start, end) of unbreakable Latin units, for messages
    sums: tuple | None = None     # prefix sums (linebreak.prefix_sums), made on first use
    #: A last line starting at this atom is not a 孤字 however short: a display line's trailing
    #: unit in brackets, broken off whole (text/words.py). -1: none.
    unit_start: int = -1
    #: Gap i → the glyph (id, own advance in pt) of the word space typed there between Latin
    #: words: `justify` sets it in the gap, blank, so the line's text keeps the space a reader
    #: copies and `bulletin-pdf text` prints (the gap's width is the engine's, not the glyph's).
    word_spaces: dict[int, tuple[int, float]] = field(default_factory=dict)
