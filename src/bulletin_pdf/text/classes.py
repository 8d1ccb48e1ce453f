"""Character classes for Chinese line layout.

The kinsoku sets are clreq's strictest level,
https://www.w3.org/International/clreq/#prohibition-rules-strict (GB-style: the GB/T 15834-2011
clause 5.1 rules, the solidus at neither end of a line; and 破折号, 省略号 never at a line
start), with the characters of each mark from clreq's appendix tables
(https://www.w3.org/International/clreq/#tables_of_chinese_punctuation_marks). clreq is cited
by anchor in its editor's draft of 2024-03-21. The compression classes follow JIS X 4051 §4.1
(the classes its compression tables use). Which half of a full-width mark is blank is *not*
decided here: it is read from the glyph's ink in the font (GB/T 15834 fonts put ，。 in the
left/bottom quarter, some fonts centre them), see `engine.prepare`.
"""

from __future__ import annotations

from enum import Enum

#: Never at the start of a line (避头): GB/T 15834-2011 5.1.1 (。，、；：), 5.1.2 (？！), 5.1.3
#: (closing halves), 5.1.6 (连接号 - — ～), 5.1.7 (间隔号), 5.1.9 (分隔号 /); clreq's strict
#: level adds —— and …… (https://www.w3.org/International/clreq/#prohibition-rules-strict).
#: Half-width forms typed in Chinese text, % ‰ after a number, and U+3000 are this project's.
NO_LINE_START = frozenset("，。、；：？！．‼⁇）》」』”’〕】〗〉…⋯—⸺-–%‰·・‧～〙〛］｝﹚％／/"
                          ",.;:?!)]}"
                          # an ideographic space at a line start reads as a paragraph indent
                          "\u3000")
#: Never at the end of a line (避尾): GB/T 15834-2011 5.1.3 (opening halves) and 5.1.9 (分隔号,
#: clreq https://www.w3.org/International/clreq/#prohibition-rules-guobiao); a URL may still
#: break after its `/` (`prepare._add_gaps`).
NO_LINE_END = frozenset("（《「『“‘【〔〖〈〘〚［｛﹙" "([{" "/／")
#: `——` and `……` are one mark of two ems, never split (GB/T 15834-2011 5.1.4, 5.1.5; clreq
#: https://www.w3.org/International/clreq/#h-unbreakable_marks_punctuation).
INSEPARABLE = frozenset("—…⋯")
#: JIS X 4051 cl-01 / clreq: opening brackets and quotes.
OPENING = frozenset("（《「『“‘【〔〖〈〘〚［｛")
#: JIS X 4051 cl-02, cl-06, cl-07 (closing brackets, commas, full stops); in GB/T 15834 style
#: all of them carry their ink in the left half of the em box (GB/T 15834-2011 5.1.1–5.1.3).
CLOSING = frozenset("，。、；：？！）》」』”’〕】〗〉〙〛］｝")
#: JIS X 4051 cl-05 / GB/T 15834-2011 4.14 (间隔号). This project sets the middle dot on a full
#: cell, centred, where GB/T 15834-2011 5.1.7 gives it half a cell: a deviation kept because
#: the standard's own examples set it a full cell wide, as Chinese books do.
MIDDLE_DOTS = frozenset("·・‧")


class Kind(Enum):
    """What an atom is, for spacing and breaking."""

    HAN = "han"            # ideographs and other full-width letters: the grid cell
    OPEN = "open"          # opening bracket or quote
    CLOSE = "close"        # closing bracket, quote, comma, full stop, colon…
    DASH = "dash"          # — … (two-em marks, never split)
    MIDDLE = "middle"      # · middle dot (间隔号): blank on both sides
    FULLWIDTH = "fw"       # other full-width symbols, U+3000 ideographic space
    LATIN = "latin"        # letters, digits and half-width signs of a Western unit


def is_han(ch: str) -> bool:
    """CJK Unified Ideographs (+ Ext. A, compatibility): clreq
    https://www.w3.org/International/clreq/#han_characters."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def is_wide(ch: str) -> bool:
    """Characters set on the full-width cell whatever the font says."""
    o = ord(ch)
    return is_han(ch) or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or 0x3040 <= o <= 0x30FF


def kind_of(ch: str, wide: bool) -> Kind:
    """Class of one character; `wide` tells whether the font gives it a full-width advance."""
    if ch in OPENING and wide:
        return Kind.OPEN
    if ch in CLOSING and wide:
        return Kind.CLOSE
    if ch in INSEPARABLE:
        return Kind.DASH
    if ch in MIDDLE_DOTS:
        return Kind.MIDDLE
    if is_han(ch):
        return Kind.HAN
    if wide:
        return Kind.FULLWIDTH
    return Kind.LATIN


#: What counts as punctuation for the 孤字 rule (clreq
#: https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows).
PUNCTUATION = OPENING | CLOSING | INSEPARABLE | NO_LINE_START | NO_LINE_END | frozenset("\u3000·'\"-")
