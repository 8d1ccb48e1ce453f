"""Composed pages: positioned items only, device-independent (typst's "frames").

Everything a writer needs is resolved here, so a writer reads frames and faces, never the
layout: glyph ids with their positions and the text they stand for, the face key of each
run (`FontSet.face(key)`), print colours (CMYK or a spot colour with its CMYK alternate),
overprint, the fake-bold stroke, rules, bookmarks and the document's metadata.

Coordinates are pt from the page's top-left corner, y downwards; writers flip them. Tests
inspect these objects directly, without a PDF.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from ..images import PrintImage
from ..model import Colour
from ..text.types import PlacedGlyph
from .keys import SourceKey


class LineRole(enum.Enum):
    """What a text line is on the page (its style's part of the layout)."""

    MASTHEAD = enum.auto()
    CONTENTS = enum.auto()      # the contents' heading, column names, entries and page numbers
    HEAD = enum.auto()          # a column head
    TITLE = enum.auto()
    HEADING = enum.auto()       # a section heading inside an article
    BODY = enum.auto()          # a paragraph, list item or short item
    NOTE = enum.auto()
    BYLINE = enum.auto()
    TABLE = enum.auto()         # a table cell's line
    CAPTION = enum.auto()       # a table's or figure's caption, 续表 line or source line
    DISTRIBUTION = enum.auto()  # the 版记
    FOLIO = enum.auto()


@dataclass(frozen=True, slots=True)
class TextLine:
    """Glyphs on one baseline; glyph x values are relative to `x`. `key`: the source string
    the line sets (a paragraph's lines share their paragraph's key); `ends_paragraph`: the
    last line of a paragraph (body or note), which is not justified."""

    x: float
    baseline: float
    glyphs: tuple[PlacedGlyph, ...]
    role: LineRole
    key: SourceKey
    ends_paragraph: bool = False

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass(frozen=True, slots=True)
class Rule:
    x0: float
    x1: float
    y: float                   # centre of the stroke
    width: float
    colour: Colour
    overprint: bool = False
    dash: tuple[float, ...] = ()   # on/off lengths; (0, 4) with round caps draws dots


@dataclass(frozen=True, slots=True)
class ImageItem:
    """A picture placed on the page: its top-left corner and size in pt, its print samples
    (CMYK through the output intent, or gray; images.py)."""

    x: float
    y: float
    width: float
    height: float
    image: PrintImage
    key: SourceKey             # the figure's block


@dataclass(frozen=True, slots=True)
class Bookmark:
    title: str
    level: int                 # 0 column, 1 article
    y: float                   # top of the title on its page
    key: SourceKey             # the column head's or the article title's


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    rules: tuple[Rule, ...]
    bookmarks: tuple[Bookmark, ...] = ()
    images: tuple[ImageItem, ...] = ()

    def text_lines(self, role: LineRole | None = None) -> list[TextLine]:
        return [ln for ln in self.lines if role is None or ln.role is role]


@dataclass(frozen=True, slots=True)
class Document:
    pages: tuple[Page, ...]
    title: str
    author: str
    subject: str
    date: str                  # ISO date of the issue
    warnings: tuple[str, ...] = ()
    lang: str = "zh-CN"


#: Glyphs of one style at one height (a GPOS y offset) next to each other on a line: what a
#: writer sets with one font, size, colour and origin (a PDF `TJ`, an OFD `TextObject`).
Run = tuple[PlacedGlyph, ...]

_STYLE_AND_HEIGHT = attrgetter("style", "dy")


def runs_of(line: TextLine) -> list[Run]:
    """The line's glyphs cut where the style or the glyph's height changes. Most lines are
    one run (one style object throughout): checked first, by identity, without cutting."""
    glyphs = line.glyphs
    if not glyphs:
        return []
    style, dy = glyphs[0].style, glyphs[0].dy
    if all(g.style is style and g.dy == dy for g in glyphs):
        return [glyphs]
    return [tuple(run) for _key, run in groupby(glyphs, _STYLE_AND_HEIGHT)]
