"""A Word table's grid of cells → rows of cells with colspan/rowspan, as the block schema holds
them (every row the same width once spans are counted; a rowspan stays inside the header or
inside the body).

Word marks a horizontal merge on the first cell (`w:gridSpan`, ECMA-376 §17.4.17) and a vertical
one on every cell of the column (`w:vMerge` restart, then continue, §17.4.85); grid columns a row
skips (`w:gridBefore`/`w:gridAfter`, §17.4.14/15) or leaves out become empty cells.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass

from .blocks import Cell


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
                    problems.append(SpanProblem(r + 1, g.text, "has a cell merged with nothing above it: "
                                                "kept as its own cell"))
            fill_to(g.column)
            rowspan = 1
            if g.merge is Merge.RESTART:
                limit = header_rows if r < header_rows else len(grid)
                while r + rowspan < len(grid) and _continues(grid[r + rowspan], g):
                    if r + rowspan >= limit:
                        cut.add((r + rowspan, g.column))
                        problems.append(SpanProblem(r + 1, g.text, "has a cell merged across the header row(s) "
                                                    "and the body, which cannot be represented: it is cut at "
                                                    "the header's end"))
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
