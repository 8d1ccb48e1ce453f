"""The blocks of an article body besides paragraphs, as grid-line units (README, "Blocks of
an article"; typography.md, "Breaking across pages").

Every block takes whole grid lines, so the body text after it stays on the grid (GB/T 9704
§5.2.3). Headings keep with what follows (a heading is never the last line of a page); a
table is a 三线表 whose rows are units that may be split between pages, its header repeated
under a 续表 line on the next page; a figure (image, caption, source) is one unit that
floats to the top of the next page when it does not fit at the foot, unless the layout says
`keep-in-place`. Cell text goes through the line engine like any paragraph: kinsoku,
punctuation compression and CJK–Latin spacing apply inside cells too.
"""

from __future__ import annotations

import math
import os
import re
import typing
from dataclasses import replace
from pathlib import Path

from ..errors import LayoutError
from ..images import PictureProblem, need_for, print_image
from ..messages import Message
from ..model import Cell, Figure, Inline, ListBlock, Note, SectionHeading, Style, Table, cell_positions
from ..text import SetLine
from .frames import ImageItem, Rule, TextLine
from .furniture import caption_text, list_marker
from .unit import Unit, UnitKind

if typing.TYPE_CHECKING:
    from .flow import FlowBuilder

#: A cell that is a number as a table prints it: 1,234.5  −3.2  8%  .5 (aligned on its point).
NUMBER = re.compile(r"^[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?$")
MM = 72 / 25.4


def is_number(text: str) -> bool:
    return bool(text) and any(ch.isdigit() for ch in text) and bool(NUMBER.match(text))


class BlockSetter:
    """Sets headings, notes, lists, tables and figures into the flow's units."""

    def __init__(self, flow: "FlowBuilder") -> None:
        self.flow = flow
        self.layout = flow.layout
        self.setter = flow.setter

    # -- headings, notes, lists ----------------------------------------------------------
    def heading(self, block: SectionHeading, number: str) -> None:
        """GB/T 9704 §7.3.3: the level's face, its number unless typed; kept with the lines
        that follow (pagination: `keep_with_next`)."""
        spec = self.layout.blocks.headings[block.level - 1]
        self.flow.blanks(spec.space_before)
        runs = ((Inline(number),) if number else ()) + block.runs
        para = self.setter.paragraph(self.setter.runs(runs, spec.style, spec.style), self.flow.measure,
                                     spec.indent * self.layout.char_pitch, 0.0, True)
        self.flow.warn(block.source, para)
        for k, set_line in enumerate(para.lines):
            line = self.flow.text_line(set_line, spec.style, "heading")
            self.flow.units.append(Unit(UnitKind.HEAD, (line,), keep_with_next=True, block=id(block), index=k))
        self.flow.blanks(spec.space_after, keep=True)

    def note(self, block: Note) -> None:
        spec = self.layout.blocks.note
        spans = self.setter.runs((Inline(spec.label),) + block.runs, spec.style, spec.style)
        para = self.setter.paragraph(spans, self.flow.measure, spec.indent * spec.style.size, 0.0, True)
        self.flow.warn(block.source, para)
        self.flow.lines_of(para, spec.style, "note", id(block))

    def list(self, block: ListBlock) -> None:
        """Each item a paragraph after its marker, later lines hanging under the item's text."""
        body, spec = self.layout.body, self.layout.blocks.list
        indent = spec.indent * self.layout.char_pitch
        for k, item in enumerate(block.items, 1):
            marker = list_marker(self.layout, k)
            width = self.setter.line(marker, body.style, self.flow.measure).lines[0].width
            spans = self.setter.spans(marker, body.style) + self.setter.runs(item.runs, body.style, body.emphasis)
            para = self.setter.paragraph(spans, self.flow.measure, indent, indent + width, body.style.align == "justify")
            self.flow.warn(item.source, para)
            self.flow.lines_of(para, body.style, "body", id(block))

    # -- tables --------------------------------------------------------------------------
    def table(self, block: Table, number: int) -> None:
        spec = self.layout.blocks.table
        black = self.setter.paint("black")
        pad = spec.padding * spec.cell.size
        head_pos, _ = cell_positions(block.header)
        body_pos, _ = cell_positions(block.rows)
        widths = self.column_widths(block, head_pos, body_pos, pad)
        xs = [sum(widths[:c]) for c in range(len(widths) + 1)]
        numeric = [self.numeric_column(body_pos, c) for c in range(block.columns)]
        decimal = {c: self.decimal_box(body_pos, c) for c in range(block.columns) if numeric[c]}

        def rule(y: float, width: float) -> Rule:
            return Rule(0.0, self.flow.measure, y, width, *black)

        def caption_units(template: str) -> list[Unit]:
            style = spec.caption.style
            text = caption_text(template, block.caption, number)
            para = self.setter.line(text, style, self.flow.measure)
            return [Unit(UnitKind.TABLE, (self.flow.text_line(ln, style, "caption"),), keep_with_next=True,
                         block=id(block), index=-1) for ln in para.lines]

        def row_unit(cells, style: Style, header: bool, r: int) -> Unit:
            lines: list[TextLine] = []
            span = 1
            base = self.setter.baseline_offset(style, self.flow.pitch)
            for col, cell in cells:
                if not cell.text:
                    continue
                x0 = xs[col] + pad / 2
                width = xs[col + cell.colspan] - xs[col] - pad
                set_lines = self.cell_lines(cell, style, width, header, block)
                span = max(span, len(set_lines))
                for i, ln in enumerate(set_lines):
                    if header:
                        x = x0 + (width - ln.width) / 2
                    elif col in decimal and cell.colspan == 1 and is_number(cell.text):
                        int_w, _ = self.split_at_point(ln)
                        box_int, box_frac = decimal[col]
                        x = x0 + (width - box_int - box_frac) / 2 + box_int - int_w
                    else:
                        x = x0 + ln.indent
                    lines.append(TextLine(x, base + i * self.flow.pitch, ln.glyphs, "table"))
            return Unit(UnitKind.TABLE, tuple(lines), span=span, block=id(block), index=r, table=id(block))

        caption = caption_units(spec.caption.text) if block.caption else []
        # header row k is index -2 - k (the caption -1, body rows 0…, the source line after them)
        header = [replace(row_unit(cells, spec.header, True, -2 - k), keep_with_next=True)
                  for k, cells in enumerate(head_pos)]
        if header:
            header[0] = replace(header[0], rules=(rule(0.0, spec.rules.top),))
            last = header[-1]
            header[-1] = replace(last, rules=last.rules + (rule(last.span * self.flow.pitch, spec.rules.header),))
        repeat = caption_units(spec.caption.continued) if block.caption else []
        if not header and repeat:
            last = repeat[-1]
            repeat[-1] = replace(last, rules=(rule(last.span * self.flow.pitch, spec.rules.top),))
        repeat += header
        rows = []
        n = len(body_pos)
        for r, cells in enumerate(body_pos):
            unit = row_unit(cells, spec.cell, False, r)
            spans_on = any(cell.rowspan > 1 for _, cell in cells) or any(
                r - rr < cell.rowspan - 1 for rr in range(r) for _, cell in body_pos[rr])
            keep = (r == 0 and n > 1) or (r == n - 2 and n > 2) or spans_on or (r == n - 1 and bool(block.credit))
            closing = (rule(unit.span * self.flow.pitch, spec.rules.bottom),)
            unit = replace(unit, keep_with_next=keep, repeat=tuple(repeat), closing=closing)
            if r == 0 and not header:
                unit = replace(unit, rules=(rule(0.0, spec.rules.top),))
            rows.append(unit)
        room = self.layout.grid.lines - sum(u.span for u in repeat)
        for r, unit in enumerate(rows):
            if unit.span > room:    # a row is never split: it must fit under the repeated header
                raise LayoutError(f"row {r + 1} of this table needs {unit.span} lines; a page holds {room} "
                                  "under the table's header", file=block.source.file,
                                  line=(block.row_lines[r] if r < len(block.row_lines) else 0) or block.source.line,
                                  field=f"{block.source.field}.rows[{r}]",
                                  hint="shorten the cell, or move the long text into a paragraph under the table")
        rows[-1] = replace(rows[-1], rules=rows[-1].rules + rows[-1].closing)
        self.flow.units.extend(caption + header + rows)
        if block.credit:
            style = spec.source.style
            para = self.setter.line(spec.source.text.format(text=block.credit), style, self.flow.measure)
            self.flow.units.extend(Unit(UnitKind.TABLE, (self.flow.text_line(ln, style, "caption"),), block=id(block),
                                        index=n) for ln in para.lines)

    def natural(self, text: str, style: Style) -> SetLine:
        """The cell's text on one line at its natural width."""
        return self.setter.paragraph(self.setter.spans(text, style), 1e6, 0.0, 0.0, False).lines[0]

    def cell_lines(self, cell: Cell, style: Style, width: float, header: bool, table: Table) -> tuple[SetLine, ...]:
        """A cell set by the line engine in its column's width: numbers on one line, text
        justified over its lines (the last one left), a header centred."""
        if not header and is_number(cell.text):
            return (self.natural(cell.text, style),)
        para = self.setter.paragraph(self.setter.spans(cell.text, style), width, 0.0, 0.0, not header)
        self.flow.warn(table.source, para)
        return para.lines

    def numeric_column(self, body_pos, col: int) -> bool:
        cells = [cell for row in body_pos for c, cell in row if c == col and cell.colspan == 1 and cell.text]
        return bool(cells) and sum(is_number(c.text) for c in cells) * 2 > len(cells)

    def split_at_point(self, line: SetLine) -> tuple[float, float]:
        """Widths before and after the decimal point (after the last digit when there is none)."""
        split = None
        for g in line.glyphs:
            if g.text == ".":
                split = g.x
                break
            if g.text.isdigit():
                split = g.x + g.advance
        split = line.width if split is None else split
        return split, line.width - split

    def decimal_box(self, body_pos, col: int) -> tuple[float, float]:
        spec = self.layout.blocks.table
        parts = [self.split_at_point(self.natural(cell.text, spec.cell))
                 for row in body_pos for c, cell in row if c == col and cell.colspan == 1 and is_number(cell.text)]
        return max(p[0] for p in parts), max(p[1] for p in parts)

    def column_widths(self, block: Table, head_pos, body_pos, pad: float) -> list[float]:
        """Widths from content within the measure (a 三线表 spans it). Three widths per column:
        `full`, every cell on one line; `body`, body cells on one line and header cells
        wrapped (to two characters or their longest Latin word); `least`, text wrapped too
        (numbers never break). The widest tier that fits is grown in proportion towards the
        one above it, so header cells wrap before body cells, and body text last."""
        spec = self.layout.blocks.table
        cols = block.columns
        two = 2 * spec.cell.size + pad
        full, body, least = [two] * cols, [two] * cols, [two] * cols
        for positions, style, header in ((head_pos, spec.header, True), (body_pos, spec.cell, False)):
            for row in positions:
                for col, cell in row:
                    if cell.colspan != 1 or not cell.text:
                        continue
                    w = self.natural(cell.text, style).width + pad
                    words = [self.natural(word, style).width + pad for word in re.findall(r"[\x21-\x7e]{2,}", cell.text)]
                    full[col] = max(full[col], w)
                    body[col] = max([body[col]] + words + ([] if header else [w]))
                    least[col] = max([least[col]] + words + ([w] if not header and is_number(cell.text) else []))
        for c in range(cols):
            if self.numeric_column(body_pos, c):
                box_int, box_frac = self.decimal_box(body_pos, c)
                for tier in (full, body, least):
                    tier[c] = max(tier[c], box_int + box_frac + pad)
            body[c] = min(body[c], full[c])
            least[c] = min(least[c], body[c])
        room = self.flow.measure
        if sum(full) <= room:
            return [w + (room - sum(full)) * w / sum(full) for w in full]
        for lo, hi in ((body, full), (least, body)):
            if sum(lo) <= room:
                give = sum(hi) - sum(lo)
                return [a + (b - a) * (room - sum(lo)) / give if give else a for a, b in zip(lo, hi)]
        raise LayoutError(f"the table's {cols} columns need at least {sum(least) / MM:.0f} mm; the measure is "
                          f"{room / MM:.0f} mm", file=block.source.file, line=block.source.line,
                          field=block.source.field,
                          hint="split the table, shorten long numbers or words, or use fewer columns")

    # -- figures -------------------------------------------------------------------------
    def figure(self, block: Figure, number: int) -> None:
        """Image, caption and source as one unit of whole grid lines, the image centred with
        at least half a line of air; scaled down when taller than a page allows."""
        spec = self.layout.blocks.figure
        most = need_for(self.flow.measure, self.layout.grid.lines * self.flow.pitch)
        try:
            image = print_image(block.image, most)
        except PictureProblem as exc:
            raise LayoutError(exc.message, file=block.source.file, line=block.source.line, field=block.source.field,
                              hint=exc.hint) from None
        except Exception as exc:   # Pillow raises many kinds for a damaged file: name the file
            raise LayoutError(f"the picture {self.typed(block)} cannot be read to the end ({type(exc).__name__}: {exc})",
                              file=block.source.file, line=block.source.line, field=block.source.field,
                              hint="open it in a picture editor and save it again as JPEG, PNG or TIFF") from None
        self.flow.warnings += [f"{block.source}: {self.typed(block)}: {note}" for note in image.warnings]
        width = block.width or spec.width * self.flow.measure
        if width > self.flow.measure + 0.01:
            self.flow.warnings.append(f"{block.source}: the figure's width {width / MM:.0f} mm is wider than the "
                                      f"measure; set at {self.flow.measure / MM:.0f} mm")
            width = self.flow.measure
        texts = []
        if block.caption:
            texts.append((spec.caption.style, caption_text(spec.caption.text, block.caption, number)))
        if block.credit:
            texts.append((spec.source.style, spec.source.text.format(text=block.credit)))
        lines = []
        for style, text in texts:
            lines += [(style, ln) for ln in self.setter.line(text, style, self.flow.measure).lines]
        height = width * image.height / image.width
        room = (self.layout.grid.lines - len(lines)) * self.flow.pitch - self.flow.pitch / 2
        if room < self.flow.pitch:
            raise LayoutError(Message("figure.no_room", n=len(lines), most=self.layout.grid.lines),
                              file=block.source.file, line=block.source.line, field=block.source.field,
                              hint=Message("hint.figure_no_room"))
        if height > room:
            width, height = width * room / height, room
        self.check_resolution(block, image, width, height)
        image_lines = math.ceil(height / self.flow.pitch + 0.5)
        y = (image_lines * self.flow.pitch - height) / 2
        placed = ImageItem((self.flow.measure - width) / 2, y, width, height, image)
        text_lines = []
        for i, (style, ln) in enumerate(lines):
            line = self.flow.text_line(ln, style, "caption")
            text_lines.append(replace(line, baseline=line.baseline + (image_lines + i) * self.flow.pitch))
        self.flow.units.append(Unit(UnitKind.FIGURE, tuple(text_lines), span=image_lines + len(lines), images=(placed,),
                                    floats=spec.placement == "float", block=id(block)))

    @staticmethod
    def typed(block: Figure) -> str:
        """The picture's path as the editor wrote it: relative to the issue file."""
        return os.path.relpath(block.image, Path(block.source.file).resolve().parent)

    def check_resolution(self, block: Figure, image, width: float, height: float) -> None:
        """Effective ppi at the placed size: under the layout's `warn_ppi` a warning, under its
        `min_ppi` an error, each naming the file (print needs about 300; 200 passes)."""
        spec = self.layout.blocks.figure
        ppi = image.effective_ppi(width, height)
        name = self.typed(block)
        said = (f"image {name} has {ppi:.0f} ppi at its printed width of {width / MM:.0f} mm "
                f"({image.width}×{image.height} pixels)")
        if ppi < spec.min_ppi:
            raise LayoutError(f"{said}; at least {spec.min_ppi} is needed for print", file=block.source.file,
                              line=block.source.line, field=block.source.field,
                              hint="ask for the original picture, or give the figure a smaller `width`")
        if ppi < spec.warn_ppi:
            self.flow.warnings.append(f"{block.source}: {said}; {spec.warn_ppi} or more prints sharp")
