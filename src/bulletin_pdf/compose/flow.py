"""The issue as a flow of grid-line units, ready to be cut into pages.

Every unit takes whole grid lines (GB/T 9704 §5.2.3: the body stays on the grid after any
heading), and carries what pagination needs to respect the keeps of docs/typography.md, "Breaking
across pages": heads and titles keep with the body that follows, paragraph lines know their
place for widow/orphan control, a byline stays with the line before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

from ..messages import Message
from ..model import Article, BlockKind, Issue, Layout, Paragraph, Style
from ..text import SetParagraph
from .blocks import Block, BlockSetter
from .frames import Bookmark, LineRole, Rule, TextLine
from .furniture import block_numbers, byline_text, column_head_text, contents_entries, heading_numbers, title_lines
from .gridlines import GridLines
from .keys import Part, SourceKey
from .pagebreak import Looseness
from .typeset import Setter
from .unit import Unit, UnitKind


@dataclass
class FlowBuilder:
    issue: Issue
    layout: Layout
    setter: Setter
    page_of: dict[SourceKey, int] | None = None     # an article's title key → its page
    units: list[Unit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _para: int = 0
    numbers: dict[SourceKey, int] = field(default_factory=dict)   # a table's or figure's key → 表N / 图N
    #: Unit.para → the paragraph's settings a line tighter or looser, for the page optimiser
    looseness: dict[int, Looseness] = field(default_factory=dict)
    grid: GridLines = field(init=False)     # set lines made into grid-line units (compose/gridlines.py)

    def __post_init__(self) -> None:
        self.numbers = block_numbers(self.issue, self.layout)
        self.grid = GridLines(self.layout, self.setter)

    @property
    def measure(self) -> float:
        return self.grid.measure

    # -- helpers -------------------------------------------------------------------------
    def blanks(self, n: int, keep: bool = False, yields: int = 0) -> None:
        """`n` blank grid lines; the first `yields` of them may be given up at a page top."""
        self.units += self.grid.blanks(n, keep, yields)

    def warn(self, where, para: SetParagraph) -> None:
        self.warnings += self.grid.warnings_of(where, para)

    def take(self, block: Block) -> None:
        """A block's units and warnings into the flow, its paragraphs numbered on from the
        flow's (pagination tells paragraphs apart by number: widows and orphans)."""
        first = self._para
        for unit in block.units:
            if unit.para > 0:
                unit = replace(unit, para=first + unit.para)
                self._para = max(self._para, unit.para)
            self.units.append(unit)
        self.warnings += block.warnings

    # -- blocks --------------------------------------------------------------------------
    def contents(self) -> None:
        """The contents block; kept by a warm process while its entries, what they say of
        their articles and their page numbers are the same (`kept`)."""
        entries = tuple((e.column, e.text, e.key, e.article.title if e.article else None,
                         e.article.contents_title if e.article else None, e.article.source if e.article else None,
                         (self.page_of or {}).get(e.title_key) if e.article else None)
                        for e in contents_entries(self.issue, self.layout))
        self.kept(("contents", entries, self.issue.file, self.page_of is not None), self._contents)

    def _contents(self) -> None:
        spec = self.layout.contents
        self.blanks(spec.space_before)
        # the heading (目录), every line of it; a layout that leaves it empty has none, and no
        # space after it
        if spec.heading.strip():
            heading_key = SourceKey(Part.CONTENTS_HEADING)
            for line in self.setter.line(spec.heading, spec.heading_style, self.measure).lines:
                self.units.append(Unit(UnitKind.HEAD, (self.grid.text_line(line, spec.heading_style, LineRole.CONTENTS,
                                                                      heading_key),), heading_key, keep_with_next=True))
            self.blanks(spec.heading_space_after, keep=True)
        cp = self.layout.char_pitch
        entries = contents_entries(self.issue, self.layout)
        names = {e.column: self.setter.line(e.column, spec.column_style, self.measure) for e in entries if e.column}
        name_width = max(p.lines[0].width for p in names.values())
        # names up to `name_max` characters wide share their first entry's line; wider ones
        # take a line of their own, the entries indented below them
        own_line = name_width > spec.name_max * cp
        title_x = spec.column_indent * cp + (0.0 if own_line else name_width) + spec.entry_gap * cp
        for k, entry in enumerate(entries):
            measure = self.measure - title_x
            number = None
            if spec.page_numbers and entry.article is not None:
                number = str((self.page_of or {}).get(entry.title_key, 0))
                measure -= spec.number_width * cp
            para = self.contents_entry(entry, measure)
            self.warn(entry.article.source if entry.article else self.issue.file, para)
            last_of_column = k + 1 == len(entries) or entries[k + 1].column is not None
            if entry.column and own_line:
                for name in names[entry.column].lines:
                    self.units.append(Unit(UnitKind.CONTENTS, (self.grid.text_line(
                        name, spec.column_style, LineRole.CONTENTS, entry.column_key, None, spec.column_indent * cp),),
                        entry.column_key, keep_with_next=True))
            for j, set_line in enumerate(para.lines):
                lines = [self.grid.text_line(set_line, spec.entry_style, LineRole.CONTENTS, entry.key, measure, title_x)]
                rules: tuple[Rule, ...] = ()
                if j == 0 and entry.column and not own_line:
                    name = names[entry.column].lines[0]
                    lines.insert(0, self.grid.text_line(name, spec.column_style, LineRole.CONTENTS, entry.column_key, None,
                                                   spec.column_indent * cp))
                if number is not None and j == len(para.lines) - 1:
                    number_line, rules = self.page_number(lines[-1], set_line.width, number, spec,
                                                          entry.key.with_part(Part.CONTENTS_PAGE))
                    lines.append(number_line)
                keep = not (last_of_column and j == len(para.lines) - 1)
                self.units.append(Unit(UnitKind.CONTENTS, tuple(lines), entry.key, keep_with_next=keep, rules=rules))
        self.blanks(spec.space_after)
        if spec.new_page_after:
            self.units.append(Unit(UnitKind.BREAK))

    def contents_entry(self, entry, measure: float) -> SetParagraph:
        """An entry on one line if it fits; else broken where the editor broke the title, if
        both parts fit; else balanced (text/balance.py)."""
        style = self.layout.contents.entry_style
        para = self.setter.line(entry.text, style, measure)
        article = entry.article
        if len(para.lines) > 1 and article is not None and not article.contents_title \
                and len(article.title) == 2:
            parts = [self.setter.line(t, style, measure) for t in article.title]
            if all(len(p.lines) == 1 for p in parts):
                return SetParagraph(tuple(p.lines[0] for p in parts))
        if len(para.lines) > 1:
            para = self.setter.balanced(entry.text, style, measure, self.layout.contents.entry_max_lines)
        return para

    def page_number(self, entry: TextLine, entry_width: float, number: str, spec, key: SourceKey):
        """The page number flush right, and dot leaders (a dotted rule, so that copied text
        stays clean) from the end of the entry to it, half a character clear of both."""
        num = self.setter.line(number, spec.entry_style, self.measure).lines[0]
        num_x = self.measure - num.width
        line = TextLine(num_x, entry.baseline, num.glyphs, LineRole.CONTENTS, key)
        start = entry.x + entry_width + self.layout.char_pitch / 2
        end = num_x - self.layout.char_pitch / 2
        if spec.leader == "none" or end - start < self.layout.char_pitch:
            return line, ()
        return line, (Rule(start, end, entry.baseline - spec.leader_rise, spec.leader_dot,
                           *self.setter.paint(spec.entry_style.colour), (0.0, spec.leader_spacing)),)

    def column_head(self, name: str, first: bool, column: int) -> None:
        spec = self.layout.column_head
        if not first:
            self.blanks(spec.space_before)
        indent = spec.indent * self.layout.char_pitch
        para = self.setter.line(name, spec.style, self.measure - indent)
        key = SourceKey(Part.COLUMN_HEAD, column)
        for k, set_line in enumerate(para.lines):
            bookmark = Bookmark(name, 0, 0.0, key) if k == 0 else None
            line = self.grid.text_line(set_line, spec.style, LineRole.HEAD, key, self.measure - indent, indent)
            self.units.append(Unit(UnitKind.HEAD, (line,), key, keep_with_next=True, bookmark=bookmark))
        self.blanks(spec.space_after, keep=True)

    def kept(self, key: tuple, make) -> None:
        """The units and warnings `make` gives (it adds them to the flow), or, in a warm
        process (`watch`), the ones it gave for the same `key` before (`ParagraphCache.units`;
        `key` says everything they depend on besides the layout and the faces)."""
        memo = self.setter.cache
        if memo is None:
            make()
            return
        units, warnings = memo.units(key, self.setter.fonts, lambda: self._made(make), self.layout)
        self.units += units
        self.warnings += warnings

    def _made(self, make) -> tuple[tuple[Unit, ...], tuple[Message, ...]]:
        units, warnings = len(self.units), len(self.warnings)
        make()
        made = tuple(self.units[units:]), tuple(self.warnings[warnings:])
        del self.units[units:], self.warnings[warnings:]
        return made

    def title(self, article: Article, after_head: bool, n: int, key: SourceKey) -> None:
        texts = title_lines(article, self.layout, n)
        self.kept(("title", texts, article.source, after_head, key),
                  lambda: self._title(article, texts, after_head, key))

    def _title(self, article: Article, texts: tuple[str, ...], after_head: bool, key: SourceKey) -> None:
        spec = self.layout.title
        if not after_head:
            self.blanks(spec.space_before)
        lines = self.title_lines(article, texts)
        indent = spec.indent * self.layout.char_pitch
        least = spec.space_after if spec.space_after_at_top_min is None else spec.space_after_at_top_min
        most = spec.space_after if spec.space_after_at_top_max is None else spec.space_after_at_top_max
        for k, set_line in enumerate(lines):
            bookmark = Bookmark("".join(texts), 1, 0.0, key) if k == 0 else None
            line = self.grid.text_line(set_line, spec.style, LineRole.TITLE, key, self.measure - indent, indent)
            self.units.append(Unit(UnitKind.TITLE, (line,), key, span=spec.line_span, keep_with_next=True,
                                   bookmark=bookmark, grows=max(0, most - spec.space_after) * (k == len(lines) - 1)))
        self.blanks(spec.space_after, keep=True, yields=max(0, spec.space_after - least))

    def title_lines(self, article: Article, texts: tuple[str, ...]):
        """The editor's lines; else one line if it fits; else a balanced break
        (text/balance.py)."""
        spec = self.layout.title
        measure = self.measure - spec.indent * self.layout.char_pitch
        if len(texts) > 1:
            lines = []
            for t in texts:
                para = self.setter.line(t, spec.style, measure)
                if len(para.lines) > 1:
                    self.warnings.append(Message("warn.at", where=str(article.source),
                                                 what=Message("compose.title_line_wide", text=t)))
                lines.extend(para.lines)
            return lines
        para = self.setter.balanced(texts[0], spec.style, measure, spec.max_lines)
        # "needs 3 lines" of a title says it is the title, and what to do
        para = replace(para, warnings=tuple(
            Message("text.title_lines", **w.params) if getattr(w, "id", None) == "text.lines" else w
            for w in para.warnings))
        self.warn(article.source, para)
        return para.lines

    def paragraph(self, paragraph: Paragraph, key: SourceKey, keep_first: int = 0) -> None:
        """A body paragraph's units, and its settings a line tighter or looser for the page
        optimiser. A warm process (`watch`) keeps them: the same paragraph (its text and its
        place in the file) at the same place in the flow, with the same layout and faces,
        gives the same units (`ParagraphCache.units`)."""
        number = self._para + 1
        memo = self.setter.cache
        if memo is None:
            units, warnings, looseness = self._paragraph(paragraph, key, keep_first, number)
        else:
            units, warnings, looseness = memo.units(
                (paragraph, key, keep_first, number), self.setter.fonts,
                lambda: self._paragraph(paragraph, key, keep_first, number), self.layout)
        self._para = number
        self.units += units
        self.warnings += warnings
        if looseness is not None:
            self.looseness[number] = looseness

    def _paragraph(self, paragraph: Paragraph, key: SourceKey, keep_first: int, number: int
                   ) -> tuple[tuple[Unit, ...], list[Message], Looseness | None]:
        """What `paragraph` makes of a paragraph, without touching the flow (a warm process
        keeps it: its closure holds the grid, not this builder)."""
        body, grid = self.layout.body, self.grid
        spans = self.setter.runs(paragraph.runs, body.style, body.emphasis)
        indent = body.indent * self.layout.char_pitch
        para, estimate, setter = self.setter.loose_paragraph(spans, self.measure, indent,
                                                             body.style.align == "justify")
        warnings = grid.warnings_of(paragraph.source, para)
        units = grid.paragraph_units(para, body.style, LineRole.BODY, key, keep_first, number)
        looseness = None
        if len(para.lines) > 1 and estimate:
            looseness = Looseness(estimate, cache(lambda: {     # once, when the optimiser asks
                d: (grid.paragraph_units(p, body.style, LineRole.BODY, key, keep_first, number), cost)
                for d, (p, cost) in setter().items()}))
        return units, warnings, looseness

    def lines_of(self, para: SetParagraph, style: Style, role: LineRole, key: SourceKey, keep_first: int = 0) -> None:
        """A set paragraph as body units, one a grid line, known to pagination as one
        paragraph (widows and orphans); its last line `ends_paragraph`."""
        self._para += 1
        self.units += self.grid.paragraph_units(para, style, role, key, keep_first, self._para)

    def body(self, article: Article, keep: int, column: int, index: int) -> None:
        """The article's blocks in order; the first lines after a title or heading keep with
        it (`pagination.min_lines_after_heading`)."""
        blocks = BlockSetter(self.grid)
        heads = heading_numbers(article, self.layout)
        after_head = True
        previous = None
        for b, block in enumerate(article.body):
            key = SourceKey(Part.BLOCK, column, index, b)
            kind = block.kind
            if kind is BlockKind.NOTE and previous is BlockKind.TABLE:
                self.units[-1] = replace(self.units[-1], keep_with_next=True)   # 注 stays under its table
            previous = kind
            if kind is BlockKind.PARAGRAPH:
                self.paragraph(block, key, keep_first=keep if after_head else 0)
            else:
                number = heads[b] if kind is BlockKind.HEADING else \
                    self.numbers[key] if kind in (BlockKind.TABLE, BlockKind.FIGURE) else 0
                self.take(blocks.set(block, key, number))
            after_head = kind is BlockKind.HEADING

    def byline(self, text: str | None, key: SourceKey) -> None:
        if text:
            self.kept(("byline", text, key), lambda: self._byline(text, key))

    def _byline(self, text: str, key: SourceKey) -> None:
        spec = self.layout.byline
        measure = self.measure - spec.right_indent * self.layout.char_pitch
        para = self.setter.line(byline_text(text, self.layout), spec.style, measure)
        for set_line in para.lines:
            self.units.append(Unit(UnitKind.BYLINE, (self.grid.text_line(set_line, spec.style, LineRole.BYLINE, key,
                                                                     measure),), key))

    def articles(self) -> None:
        keep = max(0, self.layout.pagination.min_lines_after_heading - 1)
        for c, column in enumerate(self.issue.columns):
            self.column_head(column_head_text(column, self.layout, c + 1), c == 0, c)
            for a, article in enumerate(column.articles):
                self.title(article, after_head=a == 0, n=a + 1, key=SourceKey(Part.TITLE, c, a))
                self.body(article, keep, c, a)
                self.byline(article.byline, SourceKey(Part.BYLINE, c, a))
            for i, item in enumerate(column.items):
                if i or column.articles:
                    self.blanks(self.layout.body.space_between_items)
                self.paragraph(item.text, SourceKey(Part.ITEM, c, index=i),
                               keep_first=keep if i == 0 and not column.articles else 0)
                self.byline(item.byline, SourceKey(Part.BYLINE, c, index=i))


def contents_flow(issue: Issue, layout: Layout, setter: Setter,
                  page_of: dict[SourceKey, int] | None = None) -> tuple[list[Unit], list[str]]:
    """The contents block's units (with page numbers when `page_of` is given)."""
    builder = FlowBuilder(issue, layout, setter, page_of)
    builder.contents()
    return builder.units, builder.warnings


class Flow(NamedTuple):
    units: list[Unit]
    warnings: list[str]
    #: Unit.para → its settings a line tighter or looser (compose/pagebreak.py)
    looseness: dict[int, Looseness]


def articles_flow(issue: Issue, layout: Layout, setter: Setter) -> Flow:
    """The units of the columns, articles and short items: they follow the contents and do
    not depend on its page numbers, so they are set once per composition."""
    builder = FlowBuilder(issue, layout, setter)
    builder.articles()
    return Flow(builder.units, builder.warnings, builder.looseness)
