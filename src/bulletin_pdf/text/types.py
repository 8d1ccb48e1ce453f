"""Data passed through the line engine: frozen inputs, frozen results, one plain working record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..model import LineRules
from .classes import Kind


class Metrics(Protocol):
    """What the engine needs from fonts: advances and ink, in ems of the face."""

    def advance(self, face: str, ch: str) -> float: ...

    def ink(self, face: str, ch: str) -> tuple[float, float] | None: ...


@dataclass(frozen=True, slots=True)
class RunStyle:
    """How a run of text is set. `cell` is the full-width advance in pt: the grid pitch for
    body text (GB/T 9704 §5.2.3: 28 characters on the measure), else the size itself."""

    face: str
    size: float
    cell: float
    colour: str = "black"
    fake_bold: bool = False


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
    #: (GB/T 15834-2011 §5.1.10): for right-aligned lines, so the mark's ink is flush.
    compress_end: bool = False


@dataclass(frozen=True, slots=True)
class PlacedGlyph:
    """One glyph: its pen position `x` from the line's left edge, and its advance as the font
    gives it at that size (what a PDF reader computes), so the renderer can place it exactly."""

    ch: str
    x: float
    advance: float
    style: RunStyle


@dataclass(frozen=True, slots=True)
class SetLine:
    glyphs: tuple[PlacedGlyph, ...]
    indent: float          # left offset of the line in the measure
    width: float           # set width from the indent to the end of the last glyph's cell
    is_last: bool

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


@dataclass(frozen=True, slots=True)
class SetParagraph:
    lines: tuple[SetLine, ...]
    warnings: tuple[str, ...] = ()
    relaxed: bool = False     # a rule had to give way (see warnings)
    overfull: str = ""        # why a unit had to be broken (empty: none was); the layout may refuse it

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(slots=True)
class Prepared:
    """Atoms of a paragraph and the gaps between them, as parallel lists (the DP's hot data).

    gap i sits between atom i and atom i+1; a break at gap i drops its space (clreq: no space
    is kept at a line end or start).
    """

    chars: list[str]
    styles: list[RunStyle]
    kinds: list[Kind]
    width: list[float]        # advance used in the line, after fixed compression
    advance: list[float]      # the font's own advance at size (for the renderer)
    shift: list[float]        # glyph origin offset (left blank removed from an opening mark)
    blank_left: list[float]   # still-removable blank before the ink (opening marks)
    blank_right: list[float]  # still-removable blank after the ink (closing marks)
    gap_space: list[float]
    gap_stretch: list[float]  # weight of the gap in justification (0: inside a Latin word)
    gap_shrink: list[float]   # pt the gap's space may lose
    gap_break: list[bool]     # a break is allowed here
    gap_penalty: list[float]  # extra demerits for breaking here
    units: list[tuple[int, int]]  # [start, end) of unbreakable Latin units, for messages
