"""Set lines made into grid-line units: what the flow (compose/flow.py) and the block setter
(compose/blocks.py) both need, so that neither reaches into the other.

A set line (text/) becomes a frame line at its aligned x and at the baseline of its style on
the grid; a paragraph's lines become one body unit each, numbered as one paragraph for
widow and orphan control; blank grid lines are units of their own (GB/T 9704 §5.2.3: the body
stays on the grid whatever comes between its lines).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LayoutError
from ..messages import Message
from ..model import Layout, Overfull, Style
from ..text import SetParagraph
from .frames import LineRole, TextLine
from .keys import SourceKey
from .typeset import Setter, aligned_x
from .unit import Unit, UnitKind


@dataclass(frozen=True, slots=True)
class GridLines:
    layout: Layout
    setter: Setter

    @property
    def pitch(self) -> float:
        return self.layout.line_pitch

    @property
    def measure(self) -> float:
        return self.layout.block.width

    def text_line(self, set_line, style: Style, role: LineRole, key: SourceKey, measure: float | None = None,
                  x0: float = 0.0) -> TextLine:
        """The set line aligned in `measure` (the text block's width unless given), `x0` from
        the block's left edge, on the style's baseline within its grid line."""
        measure = self.measure if measure is None else measure
        x = x0 + aligned_x(set_line, style.align, measure)
        return TextLine(x, self.setter.baseline_offset(style, self.pitch), set_line.glyphs, role, key)

    def blanks(self, n: int, keep: bool = False, yields: int = 0) -> tuple[Unit, ...]:
        """`n` blank grid lines; the first `yields` of them may be given up at a page top."""
        return tuple(Unit(UnitKind.BLANK, keep_with_next=keep, yields=k < yields) for k in range(n))

    def paragraph_units(self, para: SetParagraph, style: Style, role: LineRole, key: SourceKey, keep_first: int,
                        number: int) -> tuple[Unit, ...]:
        """A set paragraph as body units, one a grid line, known to pagination as paragraph
        `number` (widows and orphans); its last line `ends_paragraph`; the first `keep_first`
        lines keep with the next."""
        n = len(para.lines)
        base = self.setter.baseline_offset(style, self.pitch)
        return tuple(Unit(UnitKind.BODY, (TextLine(line.indent, base, line.glyphs, role, key, line.is_last),),
                          key, para=number, index=k, count=n, keep_with_next=k < keep_first)
                     for k, line in enumerate(para.lines))

    def warnings_of(self, where, para: SetParagraph) -> list[Message]:
        """The line engine's warnings for a paragraph, located at `where` (its source); an
        overfull line is an error instead when the layout says `overfull: error`."""
        if para.overfull and self.layout.line_rules.overfull is Overfull.ERROR:
            raise LayoutError(para.overfull, file=getattr(where, "file", None),
                              line=getattr(where, "line", None), field=getattr(where, "field", None))
        return [Message("warn.at", where=str(where), what=w) for w in para.warnings]
