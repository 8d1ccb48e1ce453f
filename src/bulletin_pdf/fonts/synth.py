"""Sub- and superscript digits and signs a face lacks, set from the face's own (CO₂, NH₃-N, m²).

Most Chinese text faces (Noto Serif SC among them) have ¹²³⁴ but no ₀–₉: an editor who types
CO₂ would otherwise be refused. A word processor sets such a character the way it sets any
text marked sub- or superscript: the ordinary glyph, smaller and moved off the baseline.
The numbers are LibreOffice's defaults (include/editeng/escapementitem.hxx: `DFLT_ESC_PROP`
58 % of the size, `DFLT_ESC_SUPER` raised 33 % of the size, `DFLT_ESC_SUB` lowered 8 %),
which is also what it sets a `w:vertAlign` run of a Word file with.

Only the face key says a glyph is synthesised (`body~sub`, `body#1~sup`): the text engine
sets the run at the smaller size, the writers draw the base glyph there, and the text stays
as typed (the PDF's ToUnicode and the OFD's text code say ₂, not 2). This module parses no
font: composing imports it.
"""

from __future__ import annotations

import enum


class Position(enum.Enum):
    SUB = "sub"
    SUPER = "sup"


#: Size of a synthesised glyph, of the text's size (LibreOffice `DFLT_ESC_PROP`).
SCALE = 0.58
#: Baseline shift, em of the text's size, up positive (LibreOffice `DFLT_ESC_SUPER`, `DFLT_ESC_SUB`).
RISE = {Position.SUPER: 0.33, Position.SUB: -0.08}

#: Each synthesisable character: its base character(s), most wanted first, and its position.
#: The minus sign of ⁻ and ₋ is U+2212 where the face has it, else the hyphen-minus.
SYNTHESISED: dict[str, tuple[str, Position]] = {
    **{chr(0x2080 + d): (str(d), Position.SUB) for d in range(10)},
    "₊": ("+", Position.SUB), "₋": ("\u2212-", Position.SUB),
    "⁰": ("0", Position.SUPER), "¹": ("1", Position.SUPER), "²": ("2", Position.SUPER), "³": ("3", Position.SUPER),
    **{chr(0x2070 + d): (str(d), Position.SUPER) for d in range(4, 10)},
    "⁺": ("+", Position.SUPER), "⁻": ("\u2212-", Position.SUPER),
}

_SEP = "~"


def key_of(base_key: str, position: Position) -> str:
    """The face key of glyphs synthesised from the face `base_key` (`body`, `body#1`)."""
    return f"{base_key}{_SEP}{position.value}"


def split_key(key: str) -> tuple[str, Position | None]:
    """(base face key, position) of a face key; position None for an ordinary face."""
    base, sep, pos = key.partition(_SEP)
    return (base, Position(pos)) if sep else (key, None)


def scale_of(key: str) -> float:
    """The size factor of a face key's glyphs: SCALE for a synthesised one, else 1."""
    return SCALE if _SEP in key else 1.0
