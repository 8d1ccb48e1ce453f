"""What the Word reader yields, in document order, for the assembler: raw paragraphs (with
what tells a title, byline, heading or caption), tables and figures."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .blocks import Figure, Table
from .numbering import Label

class Align(enum.Enum):
    """A paragraph's alignment as far as the assembler cares (w:jc, ECMA-376 §17.3.1.13)."""
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"      # also distributed and the other full-width alignments


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A body paragraph as read, before the assembler decides what it is."""
    number: int                  # 1-based among the body's paragraphs, as an editor counts them
    text: str                    # cleaned, bold as **…**
    plain: str                   # cleaned, no marks
    style: str
    align: Align
    label: Label | None          # Word's automatic number or bullet, rendered
    outline: int | None          # 1-based outline level from a Heading style or w:outlineLvl
    size: float | None           # pt, of the first run with text
    from_text_box: bool = False


Piece = RawParagraph | Table | Figure
