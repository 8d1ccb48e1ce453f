"""The blocks of an article body besides paragraphs, as grid-line units (docs/issue-format.md,
"Blocks of an article"; docs/typography.md, "Breaking across pages").

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
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from ..errors import LayoutError
from ..images import PictureProblem, need_for, print_image
from ..messages import Message
from ..model import BlockKind, Cell, Figure, Inline, ListBlock, Note, SectionHeading, Style, Table, cell_positions
from ..text import SetLine, SetParagraph
from ..text.words import pieces
from .frames import ImageItem, LineRole, Rule, TextLine
from .furniture import caption_text, credit_text, list_marker, table_labels, typed_label
from .gridlines import GridLines
from .keys import Part, SourceKey
from .unit import Unit, UnitKind

#: A cell that is a number as a table prints it: 1,234.5  −3.2  8%  .5 (aligned on its point).
NUMBER = re.compile(r"^[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?%?$")
MM = 72 / 25.4


def is_number(text: str) -> bool:
    return bool(text) and any(ch.isdigit() for ch in text) and bool(NUMBER.match(text))


class Block(NamedTuple):
    """A block set: its units in reading order and the warnings it gave. The body units of
    its paragraphs (a note, a list's items) are numbered 1, 2, … within the block; the flow
    numbers them through the issue when it takes them (compose/flow.py)."""

    units: tuple[Unit, ...]
    warnings: tuple[Message, ...]


class BlockSetter:
    """Sets headings, notes, lists, tables and figures as grid-line units (`set`)."""

    def __init__(self, grid: GridLines) -> None:
        self.grid = grid
        self.layout = grid.layout
        self.setter = grid.setter
        self.warnings: list[Message] = []      # of the block being set

    def set(self, block, key: SourceKey, number: str | int) -> Block:
        """The units of `block` (not a paragraph: the flow sets those); `number` is a
        heading's printed number, or a table's or figure's count through the issue."""
        self.warnings = []
        kind = block.kind
        if kind is BlockKind.HEADING:
            units = self.heading(block, number, key)
        elif kind is BlockKind.TABLE:
            units = self.table(block, number, key)
        elif kind is BlockKind.FIGURE:
            units = self.figure(block, number, key)
        elif kind is BlockKind.NOTE:
            units = self.note(block, key)
        elif kind is BlockKind.LIST:
            units = self.list(block, key)
        else:
            raise AssertionError(f"no setter for a {kind} block")
        return Block(tuple(units), tuple(self.warnings))

    def warn(self, where, para: SetParagraph) -> None:
        self.warnings += self.grid.warnings_of(where, para)

    # -- headings, notes, lists ----------------------------------------------------------
    def heading(self, block: SectionHeading, number: str, key: SourceKey) -> list[Unit]:
        """GB/T 9704 §7.3.3: the level's face, its number unless typed; kept with the lines
        that follow (pagination: `keep_with_next`)."""
        spec = self.layout.blocks.headings[block.level - 1]
        units = list(self.grid.blanks(spec.space_before))
        runs = ((Inline(number),) if number else ()) + block.runs
        para = self.setter.paragraph(self.setter.runs(runs, spec.style, spec.style), self.grid.measure,
                                     spec.indent * self.layout.char_pitch, 0.0, True, words=True)
        self.warn(block.source, para)
        for k, set_line in enumerate(para.lines):
            line = self.grid.text_line(set_line, spec.style, LineRole.HEADING, key)
            units.append(Unit(UnitKind.HEAD, (line,), key, keep_with_next=True, index=k))
        return units + list(self.grid.blanks(spec.space_after, keep=True))

    def note(self, block: Note, key: SourceKey) -> tuple[Unit, ...]:
        spec = self.layout.blocks.note
        spans = self.setter.runs((Inline(spec.label),) + block.runs, spec.style, spec.style)
        para = self.setter.paragraph(spans, self.grid.measure, spec.indent * spec.style.size, 0.0, True)
        self.warn(block.source, para)
        return self.grid.paragraph_units(para, spec.style, LineRole.NOTE, key, 0, 1)

    def list(self, block: ListBlock, key: SourceKey) -> list[Unit]:
        """Each item a paragraph after its marker, later lines hanging under the item's text."""
        body, spec = self.layout.body, self.layout.blocks.list
        indent = spec.indent * self.layout.char_pitch
        units: list[Unit] = []
        for k, item in enumerate(block.items, 1):
            marker = list_marker(self.layout, block, k)
            width = self.setter.width(marker, body.style, self.grid.measure)
            spans = self.setter.spans(marker, body.style) + self.setter.runs(item.runs, body.style, body.emphasis)
            para = self.setter.paragraph(spans, self.grid.measure, indent, indent + width, body.style.align == "justify")
            self.warn(item.source, para)
            units += self.grid.paragraph_units(para, body.style, LineRole.BODY, key.with_part(Part.BLOCK, k - 1), 0, k)
        return units

    # -- tables --------------------------------------------------------------------------
    def table(self, block: Table, number: int, key: SourceKey) -> list[Unit]:
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
            return Rule(0.0, self.grid.measure, y, width, *black)

        if block.caption:
            self.typed_number(block, table_labels(spec), number)

        def caption_units(template: str, part: Part) -> list[Unit]:
            style = spec.caption.style
            text = caption_text(template, block.caption, number, table_labels(spec))
            para = self.setter.line(text, style, self.grid.measure)
            return [Unit(UnitKind.TABLE, (self.grid.text_line(ln, style, LineRole.CAPTION, key.with_part(part)),),
                         key.with_part(part), keep_with_next=True, index=-1) for ln in para.lines]

        def row_unit(cells, style: Style, header: bool, r: int) -> Unit:
            lines: list[TextLine] = []
            span = 1
            base = self.setter.baseline_offset(style, self.grid.pitch)
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
                    lines.append(TextLine(x, base + i * self.grid.pitch, ln.glyphs, LineRole.TABLE,
                                          key.with_part(Part.CELL, r, col)))
            return Unit(UnitKind.TABLE, tuple(lines), key.with_part(Part.CELL, r), span=span, index=r, table=key)

        caption = caption_units(spec.caption.text, Part.CAPTION) if block.caption else []
        # header row k is index -2 - k (the caption -1, body rows 0…, the source line after them)
        header = [replace(row_unit(cells, spec.header, True, -2 - k), keep_with_next=True)
                  for k, cells in enumerate(head_pos)]
        if header:
            header[0] = replace(header[0], rules=(rule(0.0, spec.rules.top),))
            last = header[-1]
            header[-1] = replace(last, rules=last.rules + (rule(last.span * self.grid.pitch, spec.rules.header),))
        repeat = caption_units(spec.caption.continued, Part.CONTINUED) if block.caption else []
        if not header and repeat:
            last = repeat[-1]
            repeat[-1] = replace(last, rules=(rule(last.span * self.grid.pitch, spec.rules.top),))
        repeat += header
        rows = []
        n = len(body_pos)
        reach = 0          # the last row a rowspan of the rows above covers (linear, not a rescan per row)
        for r, cells in enumerate(body_pos):
            unit = row_unit(cells, spec.cell, False, r)
            spans_on = any(cell.rowspan > 1 for _, cell in cells) or reach > r
            reach = max([reach] + [r + cell.rowspan - 1 for _, cell in cells])
            keep = (r == 0 and n > 1) or (r == n - 2 and n > 2) or spans_on or (r == n - 1 and bool(block.credit))
            closing = (rule(unit.span * self.grid.pitch, spec.rules.bottom),)
            unit = replace(unit, keep_with_next=keep, repeat=tuple(repeat), closing=closing)
            if r == 0 and not header:
                unit = replace(unit, rules=(rule(0.0, spec.rules.top),))
            rows.append(unit)
        room = self.layout.grid.lines - sum(u.span for u in repeat)
        if header and room < 1:     # the header (and its 续表 line) alone fill a page: no row fits under it
            raise LayoutError(Message("compose.header_tall", need=sum(u.span for u in repeat), rows=self.layout.grid.lines),
                              file=block.source.file, line=block.source.line, field=f"{block.source.field}.header",
                              hint=Message("hint.header_tall"))
        for r, unit in enumerate(rows):
            if unit.span > room:    # a row is never split: it must fit under the repeated header
                raise LayoutError(Message("compose.row_tall", row=r + 1, need=unit.span, room=room), file=block.source.file,
                                  line=(block.row_lines[r] if r < len(block.row_lines) else 0) or block.source.line,
                                  field=f"{block.source.field}.rows[{r}]",
                                  hint=Message("hint.row_tall"))
        rows[-1] = replace(rows[-1], rules=rows[-1].rules + rows[-1].closing)
        units = caption + header + rows
        if block.credit:
            style = spec.source.style
            para = self.setter.line(credit_text(spec.source.text, block.credit), style, self.grid.measure)
            units += [Unit(UnitKind.TABLE, (self.grid.text_line(ln, style, LineRole.CAPTION, key.with_part(Part.SOURCE)),),
                           key.with_part(Part.SOURCE), index=n)
                      for ln in para.lines]
        return units

    def typed_number(self, block: Table | Figure, templates: tuple[str, ...], number: int) -> None:
        """A number the editor typed in the caption's label (`表3　…`, `表三　…`) that is not the
        count's: a warning naming both (the count's is printed: the layout numbers tables and
        figures in order through the issue or through each article, `blocks.numbering`)."""
        typed = typed_label(block.caption, templates)
        if typed.number is not None and typed.number != number:
            printed = caption_text(templates[0], "", number)
            what = Message("compose.table" if block.kind is BlockKind.TABLE else "compose.figure")
            scope = Message(f"compose.scope.{self.layout.blocks.numbering}")
            self.warnings.append(Message("warn.at", where=str(block.caption_source or block.source), what=Message(
                "compose.caption_number", label=typed.label, what=what, number=number, scope=scope, printed=printed)))

    def natural(self, text: str, style: Style) -> SetLine:
        """The cell's text on one line at its natural width."""
        return self.setter.paragraph(self.setter.spans(text, style), 1e6, 0.0, 0.0, False).lines[0]

    def cell_lines(self, cell: Cell, style: Style, width: float, header: bool, table: Table) -> tuple[SetLine, ...]:
        """A cell set by the line engine in its column's width: numbers on one line, text
        justified over its lines (the last one left; a line that would open holes in a narrow
        column flush left: text/justify.py), a header centred."""
        if not header and is_number(cell.text):
            return (self.natural(cell.text, style),)
        para = self.setter.paragraph(self.setter.spans(cell.text, style), width, 0.0, 0.0, not header, words=True)
        self.warn(table.source, para)
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
        """Widths from content within the measure (a 三线表 spans it). Five widths per column,
        each no wider than the one before: `full`, every cell on one line; `body`, body cells
        on one line and header cells wrapped between words; `whole`, body text wrapped between
        words too; `split`, the part before a trailing （unit） no longer kept whole and
        compounds parted (text/words.py); `least`, wrapped to two characters or the longest Latin word
        (numbers never break). The widest tier that fits is grown in proportion towards the
        one above it, so header cells wrap before body cells, body text last, and no cell
        breaks inside a word while a setting of the measure keeps its words whole. The words
        are looked for only when the cells do not all fit on one line (the segmenter is
        loaded then, text/words.py)."""
        spec = self.layout.blocks.table
        cols = block.columns
        two = 2 * spec.cell.size + pad
        cells = [(col, cell, style, header) for positions, style, header in
                 ((head_pos, spec.header, True), (body_pos, spec.cell, False))
                 for row in positions for col, cell in row if cell.colspan == 1 and cell.text]
        full, least = [two] * cols, [two] * cols
        for col, cell, style, header in cells:
            w = self.natural(cell.text, style).width + pad
            full[col] = max(full[col], w)
            latin = [self.natural(word, style).width + pad for word in re.findall(r"[\x21-\x7e]{2,}", cell.text)]
            least[col] = max([least[col]] + latin + ([w] if not header and is_number(cell.text) else []))
        numeric = [self.numeric_column(body_pos, c) for c in range(cols)]
        for c in range(cols):
            if numeric[c]:
                box_int, box_frac = self.decimal_box(body_pos, c)
                for tier in (full, least):
                    tier[c] = max(tier[c], box_int + box_frac + pad)
        room = self.grid.measure
        if sum(full) <= room:
            return [w + (room - sum(full)) * w / sum(full) for w in full]
        texts = [(col, cell.text, style, header) for col, cell, style, header in cells
                 if header or not is_number(cell.text)]      # numbers are in `least` already

        def widest(text: str, style: Style, head_whole: bool, compounds: bool, floor: float) -> float:
            """The widest piece of the text a line keeps whole (text/words.py); a text no wider
            than `floor` is not cut into words (the segmenter is not asked)."""
            w = self.natural(text, style).width + pad
            if w <= floor:
                return w
            return max(self.natural(piece, style).width for piece in pieces(text, head_whole, compounds)) + pad

        def tier_of(upper: list[float], width) -> list[float]:
            out = list(least)
            for col, text, style, header in texts:
                out[col] = max(out[col], width(text, style, header, out[col]))
            return [min(a, b) for a, b in zip(out, upper)]

        # each tier worked out only when the one above it does not fit: the words of the cells
        # are looked for (the segmenter loaded) only when the layout needs them
        tiers = [full]
        makers = (lambda t, st, header, floor: widest(t, st, True, False, floor) if header else self.natural(t, st).width + pad,
                  lambda t, st, header, floor: widest(t, st, True, False, floor),
                  lambda t, st, header, floor: widest(t, st, False, True, floor))
        for k, make in enumerate(makers):
            tiers.append(tier_of(tiers[-1], make))
            if sum(tiers[-1]) <= room:
                return grow(tiers[-1], tiers[-2], room, whole_first=k >= 2)
        if sum(least) <= room:
            return grow(least, tiers[-1], room, whole_first=True)
        raise LayoutError(Message("compose.table_wide", cols=cols, need=f"{sum(least) / MM:.0f}", room=f"{room / MM:.0f}"),
                          file=block.source.file, line=block.source.line, field=block.source.field,
                          hint=Message("hint.table_wide"))


    # -- figures -------------------------------------------------------------------------
    def figure(self, block: Figure, number: int, key: SourceKey) -> list[Unit]:
        """Image, caption and source as one unit of whole grid lines, the image centred with
        at least half a line of air; scaled down when taller than a page allows, less a line
        for the byline that may follow it."""
        spec = self.layout.blocks.figure
        most = need_for(self.grid.measure, self.layout.grid.lines * self.grid.pitch)
        try:
            image = print_image(block.image, most)
        except PictureProblem as exc:
            raise LayoutError(exc.message, file=block.source.file, line=block.source.line, field=block.source.field,
                              hint=exc.hint) from None
        except Exception as exc:   # Pillow raises many kinds for a damaged file: name the file
            raise LayoutError(Message("compose.picture_unreadable", name=self.typed(block), problem=f"{type(exc).__name__}: {exc}"),
                              file=block.source.file, line=block.source.line, field=block.source.field,
                              hint=Message("hint.picture_resave")) from None
        self.warnings += [Message("warn.at", where=str(block.source), what=Message("picture.note", name=self.typed(block), note=note)) for note in image.warnings]
        width = block.width or spec.width * self.grid.measure
        if width > self.grid.measure + 0.01:
            self.warnings.append(Message("warn.at", where=str(block.source), what=Message(
                "compose.figure_wide", width=f"{width / MM:.0f}", measure=f"{self.grid.measure / MM:.0f}")))
            width = self.grid.measure
        texts = []
        if block.caption:
            self.typed_number(block, (spec.caption.text,), number)
            texts.append((spec.caption.style, caption_text(spec.caption.text, block.caption, number, (spec.caption.text,)),
                          key.with_part(Part.CAPTION)))
        if block.credit:
            texts.append((spec.source.style, credit_text(spec.source.text, block.credit), key.with_part(Part.SOURCE)))
        lines = []
        for style, text, line_key in texts:
            lines += [(style, ln, line_key) for ln in self.setter.line(text, style, self.grid.measure).lines]
        height = width * image.height / image.width
        # a page holds the picture with its caption and one line more: what closes its article
        # (the byline, which follows a figure that ends it) stays on its page, not alone on the next
        room = (self.layout.grid.lines - len(lines) - 1) * self.grid.pitch - self.grid.pitch / 2
        if room < self.grid.pitch:
            raise LayoutError(Message("figure.no_room", n=len(lines), most=self.layout.grid.lines),
                              file=block.source.file, line=block.source.line, field=block.source.field,
                              hint=Message("hint.figure_no_room"))
        if block.width is None:     # the layout's width: no taller than its share of the page
            room = min(room, spec.max_height * self.layout.grid.lines * self.grid.pitch)
        if height > room:
            width, height = width * room / height, room
        self.check_resolution(block, image, width, height)
        image_lines = math.ceil(height / self.grid.pitch + 0.5)
        y = (image_lines * self.grid.pitch - height) / 2
        placed = ImageItem((self.grid.measure - width) / 2, y, width, height, image, key)
        text_lines = []
        for i, (style, ln, line_key) in enumerate(lines):
            line = self.grid.text_line(ln, style, LineRole.CAPTION, line_key)
            text_lines.append(replace(line, baseline=line.baseline + (image_lines + i) * self.grid.pitch))
        return [Unit(UnitKind.FIGURE, tuple(text_lines), key, span=image_lines + len(lines), images=(placed,),
                     floats=spec.placement == "float")]

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
        said = Message("compose.ppi", name=name, ppi=f"{ppi:.0f}", width=f"{width / MM:.0f}", w=image.width,
                       h=image.height)
        if ppi < spec.min_ppi:
            raise LayoutError(Message("compose.ppi_min", said=said, min=spec.min_ppi), file=block.source.file,
                              line=block.source.line, field=block.source.field, hint=Message("hint.ppi_min"))
        if ppi < spec.warn_ppi:
            self.warnings.append(Message("warn.at", where=str(block.source),
                                         what=Message("compose.ppi_warn", said=said, warn=spec.warn_ppi)))


def grow(lo: list[float], hi: list[float], room: float, whole_first: bool) -> list[float]:
    """Column widths from `lo` towards `hi` filling `room` (sum(lo) ≤ room < sum(hi)): in
    proportion to what each column lacks; or, `whole_first` (the tiers where a column short of
    its `hi` breaks a word all the same), first as many columns as fit brought to `hi` whole,
    those that lack least first, then the rest in proportion."""
    widths = list(lo)
    if whole_first:
        for c in sorted(range(len(lo)), key=lambda c: (hi[c] - lo[c], c)):
            if sum(widths) + hi[c] - lo[c] <= room:
                widths[c] = hi[c]
    give = sum(hi) - sum(widths)
    left = room - sum(widths)
    return [a + (b - a) * left / give if give else a for a, b in zip(widths, hi)]
