"""The unit of composition: content of whole grid lines, with what pagination needs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .frames import Bookmark, ImageItem, Rule, TextLine
from .keys import SourceKey


class UnitKind(enum.Enum):
    """What a unit is, for pagination's keeps."""

    BLANK = enum.auto()         # an empty grid line (space before or after a block)
    HEAD = enum.auto()          # a column head, the contents' heading, a section heading
    TITLE = enum.auto()
    BODY = enum.auto()          # a line of a paragraph, note or list item
    BYLINE = enum.auto()
    CONTENTS = enum.auto()
    DISTRIBUTION = enum.auto()
    BREAK = enum.auto()         # a forced page break (after the contents)
    TABLE = enum.auto()         # a table's caption, header row, body row or source line
    FIGURE = enum.auto()


@dataclass(frozen=True, slots=True)
class Unit:
    """Content of `span` grid lines; line x is relative to the block's left edge and baseline
    to the unit's top."""

    kind: UnitKind
    lines: tuple[TextLine, ...] = ()
    #: Where in the source the unit comes from: its paragraph, heading, title, figure, table
    #: part (a caption, row or source line), contents entry… None for blank lines and breaks.
    key: SourceKey | None = None
    span: int = 1
    keep_with_next: bool = False
    para: int = -1              # paragraph number of a body line (counted through the flow)
    index: int = 0              # line index in its paragraph; a table's row (caption -1, header row k -2 - k)
    count: int = 1              # lines in its paragraph
    bookmark: Bookmark | None = None
    rules: tuple[Rule, ...] = ()   # relative to the block's left edge and the unit's top
    images: tuple[ImageItem, ...] = ()   # likewise
    #: A figure that may float: when it does not fit at the foot of a page it goes to the
    #: top of the next one while the units after it fill the page (docs/typography.md, "Figures").
    floats: bool = False
    #: Rows of a table (`table`: the key of its block, None for none) may be split between pages: a page
    #: that begins with a row of a table continued from the page before first repeats `repeat`
    #: (续表 line and header rows), and the row that ends the earlier page takes the rules of `closing`.
    table: SourceKey | None = None
    repeat: tuple["Unit", ...] = ()
    closing: tuple[Rule, ...] = ()
    #: A blank line after a title that a page opening with the title may give up to fill the
    #: page (the layout's `space_after_at_top_min`; compose/pagebreak.py).
    yields: bool = False
    #: On a title's last line: the blank lines a page opening with the title may add after it
    #: to fill the page (`space_after_at_top_max`).
    grows: int = 0
