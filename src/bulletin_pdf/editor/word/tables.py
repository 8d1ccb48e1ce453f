"""A Word table's grid of cells → rows of cells with colspan/rowspan, as the block schema holds
them (every row the same width once spans are counted; a rowspan stays inside the header or
inside the body).

Word marks a horizontal merge on the first cell (`w:gridSpan`, ECMA-376 §17.4.17) and a vertical
one on every cell of the column (`w:vMerge` restart, then continue, §17.4.85); grid columns a row
skips (`w:gridBefore`/`w:gridAfter`, §17.4.14/15) or leaves out become empty cells.

`TableReading` reads a w:tbl into that grid (each cell's paragraphs joined, its pictures and
text boxes given after the table); `spans` shapes it.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ...errors import InputError
from ...messages import Message
from .blocks import Cell, Loss, Table
from .ooxml import _children, _on, q
from .pieces import Piece, RawParagraph
from .places import Places


class Merge(enum.Enum):
    RESTART = "restart"      # the first cell of a vertical merge
    CONTINUE = "continue"    # a cell merged into the one above


@dataclass(frozen=True, slots=True)
class GridCell:
    """One w:tc as read: its first grid column, how many it spans, its vertical merge, its text."""
    column: int
    span: int
    merge: Merge | None
    text: str


@dataclass(frozen=True, slots=True)
class SpanProblem:
    row: int                 # 1-based
    text: str                # the cell's text, to say where
    message: str


@dataclass(frozen=True, slots=True)
class TableShape:
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    problems: tuple[SpanProblem, ...]


def spans(grid: list[list[GridCell]], header_rows: int) -> TableShape:
    """Cells with colspan/rowspan. A vertical merge across the header/body boundary cannot be
    represented (the header repeats on a continuation page): it is cut at the header's end, the
    body's part kept as its own cell, and reported; so is a cell marked merged with nothing above."""
    width = max((g.column + g.span for row in grid for g in row), default=0)
    occupied: dict[int, set[int]] = defaultdict(set)    # row → grid columns a rowspan from above takes
    cut: set[tuple[int, int]] = set()
    problems: list[SpanProblem] = []
    out: list[list[Cell]] = []
    for r, row in enumerate(grid):
        cells: list[Cell] = []
        pointer = 0

        def fill_to(target: int) -> None:
            nonlocal pointer
            while pointer < target:
                if pointer not in occupied[r]:
                    cells.append(Cell(""))
                pointer += 1

        for g in row:
            if g.merge is Merge.CONTINUE:
                if g.column in occupied[r]:
                    continue
                if (r, g.column) not in cut:
                    problems.append(SpanProblem(r + 1, g.text, Message("word.merged_nothing")))
            fill_to(g.column)
            rowspan = 1
            if g.merge is Merge.RESTART:
                limit = header_rows if r < header_rows else len(grid)
                while r + rowspan < len(grid) and _continues(grid[r + rowspan], g):
                    if r + rowspan >= limit:
                        cut.add((r + rowspan, g.column))
                        problems.append(SpanProblem(r + 1, g.text, Message("word.merged_header")))
                        break
                    rowspan += 1
                for k in range(r + 1, r + rowspan):
                    occupied[k].update(range(g.column, g.column + g.span))
            cells.append(Cell(g.text, g.span, rowspan))
            pointer = max(pointer, g.column + g.span)
        fill_to(width)
        out.append(cells)
    shaped = tuple(tuple(row) for row in out)
    return TableShape(shaped[:header_rows], shaped[header_rows:], tuple(problems))


def _continues(row: list[GridCell], first: GridCell) -> bool:
    return any(g.column == first.column and g.span == first.span and g.merge is Merge.CONTINUE for g in row)


class TableReading(Places):
    """Tables (a part of `reader.Reader`, which gives it `clean` and `blocks`, the reader of a
    cell's paragraphs, and counts the tables for the warnings' places)."""

    clean: Callable[[str], str]
    table_number: int
    table_context: str                  # the text before the table being read

    def table(self, tbl, out: list[Piece], in_text_box: bool) -> None:
        self.table_number += 1
        number = self.table_number
        self.table_context = self.last_text
        after: list[Piece] = []
        grid: list[list[GridCell]] = []
        header_rows = 0
        for r, tr in enumerate(_children(tbl, "w:tr"), 1):
            tr_pr = tr.find(q("w:trPr"))
            if tr_pr is not None and _on(tr_pr.find(q("w:tblHeader"))) and header_rows == r - 1:
                header_rows = r
            column = _columns(_int(tr_pr, "w:gridBefore", 0), "w:gridBefore", f"table {number}, row {r}")
            row = []
            for c, tc in enumerate(_children(tr, "w:tc"), 1):
                tc_pr = tc.find(q("w:tcPr"))
                span = max(1, _columns(_int(tc_pr, "w:gridSpan", 1), "w:gridSpan", f"table {number}, row {r}, column {c}"))
                v_merge = tc_pr.find(q("w:vMerge")) if tc_pr is not None else None
                merge = None if v_merge is None else (
                    Merge.RESTART if v_merge.get(q("w:val")) == "restart" else Merge.CONTINUE)
                place = Message("word.where.cell", table=number, row=r, column=c)
                pieces: list[Piece] = []
                self.blocks(tc, pieces, cell=place, in_text_box=in_text_box)
                own = [p for p in pieces if isinstance(p, RawParagraph) and p.from_text_box == in_text_box]
                texts = [p.plain for p in own if p.plain]
                after.extend(p for p in pieces if not any(p is o for o in own))   # pictures, text boxes
                row.append(GridCell(column, span, merge, self.clean(_join(texts))))
                column += span
            grid.append(row)
        if not grid:
            return
        shape = spans(grid, header_rows or 1)
        for problem in shape.problems:
            self.warn(Loss.TABLE, problem.message, problem.text or self.table_context,
                      cell=Message("word.where.row", table=number, row=problem.row))
        header, rows = shape.header, shape.rows
        if not rows:                      # a one-row table: its row is the body
            header, rows = (), header
        out.append(Table(header, rows))
        out.extend(after)


def _join(texts: list[str]) -> str:
    """Several paragraphs of one cell as one text: joined directly between Chinese, with a
    space between Latin/digits."""
    out = ""
    for text in texts:
        if out and re.match(r"[A-Za-z0-9]", text) and re.search(r"[A-Za-z0-9.,;:%]$", out):
            out += " "
        out += text
    return out


#: Word's tables have at most 63 columns (its Insert Table dialog; ECMA-376 sets no bound).
MAX_WORD_COLUMNS = 63


def _columns(n: int, tag: str, place: str) -> int:
    """A grid span or skip (w:gridSpan, w:gridBefore, ECMA-376 §17.4.17, §17.4.14) within a
    table Word can hold: a damaged or hostile count (10⁹) is refused, not expanded into cells."""
    if not 0 <= n <= MAX_WORD_COLUMNS:
        raise InputError(Message("word.columns", place=place, tag=tag, n=n, most=MAX_WORD_COLUMNS),
                         hint=Message("hint.word_resave"))
    return n


def _int(parent, tag: str, default: int) -> int:
    node = parent.find(q(tag)) if parent is not None else None
    value = node.get(q("w:val")) if node is not None else None
    return int(value) if value is not None and value.lstrip("-").isdigit() and len(value) < 12 else default
