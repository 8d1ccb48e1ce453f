"""Where a line of the composed pages comes from: a stable key of its place in the source.

Composition puts a `SourceKey` on every text line and bookmark it makes, and pagination
carries them to the pages unchanged. Whatever reads the pages afterwards — `bulletin-pdf
text`, the contents' page numbers, the fit report — finds what it needs there, by key: the
pages are the one record of what is set where, and nothing walks the issue a second time
to guess where pagination moved a floated figure or a table's 续表 part.

A key is made of indices into the issue (column, article, block…), never of object
addresses: equal for equal places, printable, and the same in every run.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Part(enum.Enum):
    """Which string of the source a line sets; the fields of `SourceKey` it uses follow."""

    MASTHEAD = enum.auto()          # index: the masthead item, in the order the masthead sets them
    CONTENTS_HEADING = enum.auto()  # the contents' heading (目录)
    CONTENTS_COLUMN = enum.auto()   # column: its name in the contents
    CONTENTS_ENTRY = enum.auto()    # column, article: its contents title (article -1: the short items' line)
    CONTENTS_PAGE = enum.auto()     # column, article: the page number after its entry
    COLUMN_HEAD = enum.auto()       # column
    TITLE = enum.auto()             # column, article
    BLOCK = enum.auto()             # column, article, block (a paragraph, heading or note); index: a list's item
    CAPTION = enum.auto()           # column, article, block: a table's or figure's caption
    CONTINUED = enum.auto()         # column, article, block: a table's 续表 line over a later part
    CELL = enum.auto()              # column, article, block; index: body row (header row k: -2 - k); cell: column
    SOURCE = enum.auto()            # column, article, block: a table's or figure's source line
    BYLINE = enum.auto()            # column, article; or column, index for a short item's
    ITEM = enum.auto()              # column, index: a short item (信息摘登)
    DISTRIBUTION = enum.auto()      # index: the 版记's strings in order (送： entries, editor, phone, copies)
    FOLIO = enum.auto()             # index: the page number


@dataclass(frozen=True, slots=True)
class SourceKey:
    """A place in the source: indices from 0, -1 where a field does not apply (see `Part`)."""

    part: Part
    column: int = -1
    article: int = -1
    block: int = -1
    index: int = -1
    cell: int = -1

    def with_part(self, part: Part, index: int = -1, cell: int = -1) -> SourceKey:
        """Another string of the same block (its caption, a cell, its source line)."""
        return SourceKey(part, self.column, self.article, self.block, index, cell)

    def __str__(self) -> str:
        fields = (("column", self.column), ("article", self.article), ("block", self.block),
                  ("index", self.index), ("cell", self.cell))
        return self.part.name.lower() + "".join(f" {name} {value}" for name, value in fields if value != -1)
