"""The unit of composition: content of whole grid lines, with what pagination needs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .frames import Bookmark, ImageItem, Rule, TextLine


class UnitKind(str, enum.Enum):
    """What a unit is, for pagination's keeps. A `str` enum: it equals its value, so the
    stages that still name kinds by string compare the same."""

    BLANK = "blank"
    HEAD = "head"
    TITLE = "title"
    BODY = "body"
    BYLINE = "byline"
    CONTENTS = "contents"
    DISTRIBUTION = "distribution"
    BREAK = "break"
    TABLE = "table"
    FIGURE = "figure"


@dataclass(frozen=True, slots=True)
class Unit:
    """Content of `span` grid lines; line x is relative to the block's left edge and baseline
    to the unit's top."""

    kind: str                   # a UnitKind (or its value)
    lines: tuple[TextLine, ...] = ()
    span: int = 1
    keep_with_next: bool = False
    para: int = -1              # paragraph id of a body line
    index: int = 0              # line index in its paragraph
    count: int = 1              # lines in its paragraph
    block: int = 0              # id() of the model object set here (block, article, column), for `text`
    bookmark: Bookmark | None = None
    rules: tuple[Rule, ...] = ()   # relative to the block's left edge and the unit's top
    images: tuple[ImageItem, ...] = ()   # likewise
    #: A figure that may float: when it does not fit at the foot of a page it goes to the
    #: top of the next one while the units after it fill the page (docs/typography.md, "Figures").
    floats: bool = False
    #: Rows of a table (`table`: its block id, 0 for none) may be split between pages: a page that begins with
    #: a row of a table continued from the page before first repeats `repeat` (续表 line and
    #: header rows), and the row that ends the earlier page takes the rules of `closing`.
    table: int = 0
    repeat: tuple["Unit", ...] = ()
    closing: tuple[Rule, ...] = ()
