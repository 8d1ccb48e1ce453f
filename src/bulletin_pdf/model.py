"""The plain data every later stage reads: the issue (content) and the layout (style).

Frozen dataclasses, no behaviour. `load` builds them from YAML and is the only place that
validates; the layout dataclasses carry their bounds (`bounds.Check`) and pydantic's
configuration so the same definitions are the schema (`extra="forbid"`: an unknown layout key
is an error, not a silent default), read by `input/accept.py` and by pydantic alike.
"""


# No `from __future__ import annotations` here: the annotations are the schema, and
# `input/accept.py` reads them with `typing.get_type_hints`, which compiles and evaluates
# every one given as a string (a few ms of each cold build, issue 20); evaluated with the
# class, they cost next to nothing.
import datetime as dt
import enum
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from .bounds import Check
from .messages import Message

# ----------------------------------------------------------------------------- the issue


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of content was written: for messages (`file:line: field`)."""

    file: str
    line: int
    field: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}"


class BlockKind(enum.Enum):
    """What a block of an article's body is (docs/issue-format.md, "Blocks of an article")."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    NOTE = "note"
    LIST = "list"
    TABLE = "table"
    FIGURE = "figure"


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of a paragraph; `emphasis` marks text the editor wrapped in `**…**`."""

    text: str
    emphasis: bool = False


class Runs:
    """A block made of inline runs: `text` is what it says, without the `**` marks."""

    __slots__ = ()
    runs: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Paragraph(Runs):
    """A paragraph of body text: its inline runs and where it was written."""

    runs: tuple[Inline, ...]
    source: Source
    kind = BlockKind.PARAGRAPH


@dataclass(frozen=True, slots=True)
class SectionHeading(Runs):
    """A heading inside an article, GB/T 9704 §7.3.3 levels 1–4 (一、 （一） 1． （1））.
    `numbered`: the layout adds the level's number; False when the editor typed it."""

    level: int
    runs: tuple[Inline, ...]
    numbered: bool
    source: Source
    kind = BlockKind.HEADING


@dataclass(frozen=True, slots=True)
class Note(Runs):
    """注：…, set in the layout's note style."""

    runs: tuple[Inline, ...]
    source: Source
    kind = BlockKind.NOTE


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A simple list: each item a paragraph after its marker, hanging. `markers`: the markers
    the editor typed, one an item (①, 1., （1）: Word's automatic numbers come in typed), set
    as typed with the layout's left out, which would number the items twice; (): the layout's."""

    items: tuple[Paragraph, ...]
    source: Source
    markers: tuple[str, ...] = ()
    kind = BlockKind.LIST


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text as typed; `colspan`/`rowspan` merge it with its neighbours."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A 三线表: caption (numbered 表N by the layout), header rows repeated on a continuation
    page (续表), body rows, an optional source line (`credit`)."""

    caption: str | None
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    credit: str | None
    columns: int
    source: Source
    row_lines: tuple[int, ...] = ()      # the line of each body row in the issue file, for messages
    caption_source: Source | None = None  # where the caption was typed, for messages
    kind = BlockKind.TABLE


@dataclass(frozen=True, slots=True)
class Figure:
    """An image file (JPEG/PNG/TIFF, path resolved against the issue file), its caption
    (numbered 图N by the layout), optional source line (`credit`) and width in pt (None: the
    layout's default)."""

    image: str
    caption: str | None
    credit: str | None
    width: float | None
    source: Source
    caption_source: Source | None = None  # where the caption was typed, for messages
    kind = BlockKind.FIGURE


BodyBlock = Paragraph | SectionHeading | Note | ListBlock | Table | Figure


def cell_positions(rows: tuple[tuple[Cell, ...], ...]) -> tuple[list[list[tuple[int, Cell]]], set[tuple[int, int]]]:
    """Each row's cells with the column they start in, and every (row, column) a cell covers:
    a cell takes the first column not covered by a rowspan from above (HTML's table model)."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        col, out = 0, []
        for cell in row:
            while (r, col) in taken:
                col += 1
            taken.update((r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            out.append((col, cell))
            col += cell.colspan
        placed.append(out)
    return placed, taken


@dataclass(frozen=True, slots=True)
class Article:
    """An article of a column: its title (as the editor broke it), body blocks and byline."""

    title: tuple[str, ...]            # one line, or the lines where the editor broke it
    body: tuple[BodyBlock, ...]
    byline: str | None
    contents_title: str | None
    source: Source
    byline_source: Source | None = None


@dataclass(frozen=True, slots=True)
class ShortItem:
    """An untitled item of a column such as 信息摘登: one paragraph and its byline."""

    text: Paragraph
    byline: str | None
    byline_source: Source | None = None


@dataclass(frozen=True, slots=True)
class Column:
    """A column (栏目) of the issue: its articles, or its untitled short items (信息摘登)."""

    name: str
    articles: tuple[Article, ...]
    items: tuple[ShortItem, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Distribution:
    """版记 (GB/T 9704 §7.4): who receives the issue, its editor, phone, print run."""

    send_to: tuple[str, ...]
    editor: str | None
    phone: str | None
    copies: int | None
    source: Source | None = field(default=None, compare=False)   # the `distribution:` line, for messages


@dataclass(frozen=True, slots=True)
class Issue:
    """One issue of the bulletin, as its file gives it: masthead fields, columns, 版记."""

    publication: str
    edition: str
    number: int
    cumulative: int | None
    compiled_by: str
    date: dt.date
    marking: str | None
    serial: str | None
    columns: tuple[Column, ...]
    distribution: Distribution | None
    file: str
    #: `layout:` as the issue file gives it (a name, or a path relative to the issue file), with
    #: its place; None: the command's `--layout`, else the default layout
    layout: str | None = None
    layout_source: Source | None = None
    #: Where each masthead field the file gives stands in it (publication, compiled_by, date…):
    #: a masthead line that does not fit is said at the field that made it long
    field_sources: tuple[tuple[str, Source], ...] = ()

    def field_source(self, name: str) -> Source | None:
        return next((src for field, src in self.field_sources if field == name), None)

    @property
    def layout_ref(self) -> str | None:
        """The issue's layout as `find_layout` takes it: a name, or the path made from the
        issue file's folder."""
        if self.layout is None:
            return None
        as_path = Path(self.layout)
        if as_path.suffix in (".yaml", ".yml") or "/" in self.layout or os.sep in self.layout:
            return str(Path(self.file).parent / as_path.expanduser())
        return self.layout


# ----------------------------------------------------------------------------- the layout

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in)?\s*$")
_UNIT = {"mm": 72 / 25.4, "cm": 720 / 25.4, "pt": 1.0, "in": 72.0, None: 1.0}


def parse_length(value):
    """`37mm`, `16pt`, `1in` or a bare number (pt) → pt."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        m = _LENGTH.match(value)
        if m:
            return float(m.group(1)) * _UNIT[m.group(2)]
    raise ValueError(Message("schema.length"))          # said in the reader's language (input/validation.py)


Length = Annotated[float, Check(before=parse_length)]
Strict = {"extra": "forbid"}   # pydantic's ConfigDict is this dict

# Ranges of layout values (issue 12): every number is finite, and within what a page can hold,
# so a typo (0, -16, 1e9, .nan) is refused at its line instead of dividing by zero, looping or
# drawing off the page. Cross-field limits (the block inside the page, grid lines a page has)
# are checked in `load`.
MAX_PAGE = 14400.0                   # pt: PDF's largest page side (ISO 32000-1 annex C), 5.08 m
_finite = dict(finite=True)
PageLength = Annotated[float, Check(before=parse_length, gt=0, le=MAX_PAGE, **_finite)]
Offset = Annotated[float, Check(before=parse_length, ge=0, le=MAX_PAGE, **_finite)]
# A rule's width and an indent in characters: one definition each, the one every field of
# these types has always been checked with (each name was given twice, and the string
# annotations took the later one everywhere).
RuleWidth = Annotated[float, Check(before=parse_length, ge=0.1, le=5.0)]  # pt, a visible rule a press can hold
SmallLength = Annotated[float, Check(before=parse_length, ge=-72.0, le=72.0, **_finite)]
DotLength = Annotated[float, Check(before=parse_length, gt=0, le=72.0, **_finite)]
FontSize = Annotated[float, Check(gt=0, le=1000.0, **_finite)]          # pt
Ems = Annotated[float, Check(ge=0, le=10.0, **_finite)]                  # em, 0 allowed
Tracking = Annotated[float, Check(ge=-0.5, le=10.0, **_finite)]          # em; may tighten a little
Chars = Annotated[float, Check(ge=0, le=10)]          # an indent in characters
Percent = Annotated[float, Check(ge=0, le=100.0, **_finite)]
GridLine = Annotated[float, Check(ge=0, le=1000.0, **_finite)]
GridLines = Annotated[int, Check(ge=0, le=1000)]                         # whole grid lines
Count = Annotated[int, Check(ge=1, le=1000)]


class Overfull(enum.Enum):
    """What a paragraph that fits only with a unit broken inside (a URL or number longer than
    the measure) does: `break` sets it so, with a warning; `error` stops the build there."""

    BREAK = "break"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class LineRules:
    """Line-breaking settings (docs/typography.md, "Line breaking"); read by the text engine."""

    __pydantic_config__ = Strict
    cjk_latin_space: Ems = 0.25        # em (¼); 0 allowed; clreq https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode
    word_space: Ems = 0.25             # em between Latin words
    max_expansion: Annotated[float, Check(gt=0, le=10.0, **_finite)] = 0.05          # em per gap at which a line counts as fully loose
    compress_opening_at_line_start: bool = False  # clreq https://www.w3.org/International/clreq/#h-compression_of_punctuation_marks_at_line_start
    overfull: Overfull = Overfull.BREAK


@dataclass(frozen=True, slots=True)
class FontChoice:
    """The face of a role: a file or a family, and the faces that cover what it lacks."""

    __pydantic_config__ = Strict
    file: str | None = None
    family: str | None = None
    fallbacks: tuple["FontChoice", ...] = ()
    source: Source | None = field(default=None, compare=False)   # the layout line (set by load)


@dataclass(frozen=True, slots=True)
class Colour:
    """A print colour: CMYK percentages, optionally a named spot colour with that alternate."""

    __pydantic_config__ = Strict
    cmyk: tuple[Percent, Percent, Percent, Percent]
    spot: str | None = None


@dataclass(frozen=True, slots=True)
class Style:
    """How a line of furniture or text is set. `grid`: full-width characters take the body's
    character pitch (GB/T 9704 §5.2.3) instead of their own size. `latin`: the font role for
    Latin letters and digits (公文 practice sets them in Times New Roman); default: `font`."""

    __pydantic_config__ = Strict
    font: str
    size: FontSize
    colour: str = "black"
    align: Literal["left", "center", "right", "justify"] = "left"
    tracking: Tracking = 0.0                # em added to every full-width cell
    grid: bool = False
    fake_bold: bool = False
    latin: str | None = None


@dataclass(frozen=True, slots=True)
class PageSize:
    """The trimmed page (A4 for GB/T 9704)."""

    __pydantic_config__ = Strict
    width: PageLength
    height: PageLength


@dataclass(frozen=True, slots=True)
class Block:
    """The text block (版心) on the page, GB/T 9704 §5.2.1."""

    __pydantic_config__ = Strict
    top: Offset
    left: Offset
    width: PageLength
    height: PageLength


@dataclass(frozen=True, slots=True)
class Grid:
    """The character grid of the text block: lines per page, characters per line (GB/T 9704 §5.2.3)."""

    __pydantic_config__ = Strict
    lines: Count
    chars: Count


@dataclass(frozen=True, slots=True)
class MastheadItem:
    """One line of the masthead: a text template set on a grid line of the first page.

    Templates take {publication} {edition} {edition_spaced} (普　刊) {number} {cumulative}
    {compiled_by} {date} {marking} {serial}; `when` lists fields that must be set, `unless` fields that must not,
    `editions` the editions the item is for (empty: all).
    """

    __pydantic_config__ = Strict
    text: str
    style: Style
    line: GridLine
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    editions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A full-width rule at a grid-line boundary (`line` 7 = the top of grid line 7)."""

    __pydantic_config__ = Strict
    line: GridLine
    width: RuleWidth
    colour: str = "black"


@dataclass(frozen=True, slots=True)
class Masthead:
    """The first page's head (版头): its lines of text on the grid, its rules, the date's form."""

    __pydantic_config__ = Strict
    lines: GridLines
    items: tuple[MastheadItem, ...]
    rules: tuple[RuleSpec, ...] = ()
    date_format: str = "{year}年{month}月{day}日"
    #: 总第M期 when the issue does not give it: M = offset of the issue's year + 第N期, for the
    #: editions listed (增刊 and 专刊 are usually numbered on their own).
    cumulative_offset: dict[Annotated[int, Check(ge=1, le=9999)], Annotated[int, Check(ge=0, le=10**8)]] = field(default_factory=dict)
    cumulative_editions: tuple[str, ...] = ("普刊",)


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents on the first page: heading, column names, entries, leaders."""

    __pydantic_config__ = Strict
    heading: str
    heading_style: Style
    column_style: Style
    entry_style: Style
    column_indent: Chars = 0.0           # characters from the left of the block
    entry_gap: Chars = 1.0               # characters between column name and its titles
    short_items: str = "{n} 则"
    page_numbers: bool = False
    leader: Literal["dots", "none"] = "dots"   # between a title and its page number
    leader_dot: DotLength = 1.2                  # dot diameter
    leader_spacing: DotLength = 4.0              # dot to dot
    leader_rise: SmallLength = 1.0                 # dots sit this far above the baseline
    number_width: Chars = 3.0                 # characters kept for the page number
    entry_max_lines: Count = 3                  # a longer entry is balanced over this many lines
    name_max: Annotated[float, Check(gt=0, le=1000.0, **_finite)] = 8.0                     # characters; wider column names get their own line
    space_before: GridLines = 1          # grid lines before the heading
    heading_space_after: GridLines = 1         # grid lines between the heading and the entries
    space_after: GridLines = 0           # grid lines after the entries
    new_page_after: bool = True


@dataclass(frozen=True, slots=True)
class Heading:
    """Column heads (栏目名) and article titles: whole grid lines before, on and after.

    `text` is a template: {text}, and {n} / {cn} for the running number in Arabic / Chinese
    numerals (GB/T 9704 §7.3.3 numbers headings 一、 （一） 1. （1）)."""

    __pydantic_config__ = Strict
    style: Style
    text: str = "{text}"
    space_before: GridLines = 1
    space_after: GridLines = 0
    #: The space after a title that opens a page may shrink to `space_after_at_top_min` or
    #: grow to `space_after_at_top_max` grid lines where that fills a page (the page
    #: optimiser, compose/pagebreak.py, docs/page-makeup.md); None: `space_after`.
    space_after_at_top_min: GridLines | None = None
    space_after_at_top_max: GridLines | None = None
    max_lines: Count = 2
    line_span: Count = 1                   # grid lines each line of the heading takes
    indent: Chars = 0.0                  # characters, for left-aligned headings
    editor_breaks: bool = True           # keep the lines where the editor broke a title
    balance_tolerance: Annotated[int, Check(ge=0, le=1000)] = 2           # characters two balanced lines may differ by


@dataclass(frozen=True, slots=True)
class Body:
    """Body paragraphs: their style, the style of `**emphasis**`, the first-line indent."""

    __pydantic_config__ = Strict
    style: Style
    emphasis: Style
    indent: Chars = 2.0                  # first-line indent, characters
    space_between_items: GridLines = 0         # grid lines between 信息摘登 items


@dataclass(frozen=True, slots=True)
class Byline:
    """The line naming an article's source, set after its last paragraph."""

    __pydantic_config__ = Strict
    style: Style
    text: str = "（{byline}）"
    right_indent: Chars = 0.0            # characters


Lines = Annotated[int, Check(ge=0, le=10)]            # grid lines before/after a block


def _style(font: str, size: float = 16.0, **kw) -> Style:
    return Style(font=font, size=size, **kw)


@dataclass(frozen=True, slots=True)
class HeadingLevel:
    """One level of in-article headings (GB/T 9704 §7.3.3): its face, and the number the
    layout puts before an unnumbered heading ({n} 1 2 3, {cn} 一 二 三)."""

    __pydantic_config__ = Strict
    style: Style
    number: str = "{cn}、"
    indent: Chars = 2.0                  # characters of the body pitch, first line
    space_before: Lines = 0
    space_after: Lines = 0


def _levels() -> tuple[HeadingLevel, ...]:
    return (HeadingLevel(_style("heading", grid=True), "{cn}、"),
            HeadingLevel(_style("byline", grid=True), "（{cn}）"),
            HeadingLevel(_style("body", grid=True, fake_bold=True), "{n}．"),
            HeadingLevel(_style("body", grid=True), "（{n}）"))


@dataclass(frozen=True, slots=True)
class NoteSpec:
    """注：… under a paragraph or a table: the label, a smaller face, hanging lines."""

    __pydantic_config__ = Strict
    style: Style = field(default_factory=lambda: _style("body", 14.0))
    label: str = "注："
    indent: Chars = 2.0                  # characters of the note's size, first line


@dataclass(frozen=True, slots=True)
class ListSpec:
    """A simple list: a marker ({n} 1 2 3, {cn} 一 二 三, or a fixed sign) before each item,
    the item's later lines hanging under its text."""

    __pydantic_config__ = Strict
    marker: str = "{n}．"
    indent: Chars = 2.0                  # characters before the marker


@dataclass(frozen=True, slots=True)
class Caption:
    """A caption line: `text` with {n} (the table or figure number) and {text};
    `continued` heads a table's part on a later page (续表)."""

    __pydantic_config__ = Strict
    style: Style
    text: str
    continued: str = "续表{n}"


@dataclass(frozen=True, slots=True)
class CreditLine:
    """The source line under a table or figure: `text` with {text}."""

    __pydantic_config__ = Strict
    style: Style = field(default_factory=lambda: _style("body", 12.0))
    text: str = "资料来源：{text}"


@dataclass(frozen=True, slots=True)
class TableRules:
    """A 三线表: a thick rule above and below the table, a thin one under the header."""

    __pydantic_config__ = Strict
    top: RuleWidth = 1.0
    header: RuleWidth = 0.5
    bottom: RuleWidth = 1.0


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How tables are set: cell and header styles, caption, source line, rules, padding."""

    __pydantic_config__ = Strict
    cell: Style = field(default_factory=lambda: _style("body", 14.0))
    header: Style = field(default_factory=lambda: _style("heading", 14.0, align="center"))
    caption: Caption = field(default_factory=lambda: Caption(_style("heading", 14.0, align="center"),
                                                             "表{n}　{text}"))
    source: CreditLine = field(default_factory=CreditLine)
    rules: TableRules = field(default_factory=TableRules)
    padding: Annotated[float, Check(ge=0, le=4)] = 1.0   # em of the cell size between columns


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """Figures: default width (fraction of the measure) and the most height a figure of that
    default width takes (fraction of the text block's height: a portrait photo is made
    narrower rather than fill a page and push the rest of its article, its byline, to the
    next; a width the editor gives is kept while the page holds it), caption under the image,
    placement (`float`: one that does not fit at a page foot goes to the top of the next page
    while the text goes on; `keep-in-place`: the text waits), the effective resolutions that
    warn and refuse (ppi at the placed size)."""

    __pydantic_config__ = Strict
    caption: Caption = field(default_factory=lambda: Caption(_style("heading", 14.0, align="center"),
                                                             "图{n}　{text}"))
    source: CreditLine = field(default_factory=CreditLine)
    width: Annotated[float, Check(gt=0, le=1)] = 1.0
    max_height: Annotated[float, Check(gt=0, le=1)] = 0.6
    placement: Literal["float", "keep-in-place"] = "float"
    warn_ppi: Annotated[int, Check(ge=1, le=2400)] = 200
    min_ppi: Annotated[int, Check(ge=1, le=2400)] = 100


@dataclass(frozen=True, slots=True)
class Blocks:
    """How the blocks of an article body are set besides paragraphs (docs/issue-format.md,
    "Blocks of an article"); `numbering`: tables and figures numbered through the `issue` or per `article`."""

    __pydantic_config__ = Strict
    headings: Annotated[tuple[HeadingLevel, ...], Check(min_length=4, max_length=4)] = field(default_factory=_levels)
    note: NoteSpec = field(default_factory=NoteSpec)
    list: ListSpec = field(default_factory=ListSpec)
    table: TableSpec = field(default_factory=TableSpec)
    figure: FigureSpec = field(default_factory=FigureSpec)
    numbering: Literal["issue", "article"] = "article"


@dataclass(frozen=True, slots=True)
class DistributionSpec:
    """版记 (GB/T 9704 §7.4): between full-width rules at the foot of the last page."""

    __pydantic_config__ = Strict
    style: Style
    send_label: str = "送："
    editor_label: str = "本期责任编辑："
    phone_label: str = "电话："
    copies_text: str = "印数：{copies}份"
    indent: Chars = 1.0                  # characters in from each side
    outer_rule: RuleWidth = 0.35 * 72 / 25.4
    inner_rule: RuleWidth = 0.25 * 72 / 25.4
    colour: str = "black"
    space_before: GridLines = 1                # grid lines kept free above the block


@dataclass(frozen=True, slots=True)
class Folio:
    """Page numbers `— N —` (GB/T 9704 §7.5)."""

    __pydantic_config__ = Strict
    style: Style
    text: str = "— {n} —"
    below: Offset = 7 * 72 / 25.4        # from the bottom of the block to the top of the folio
    indent: Chars = 1.0                  # characters in from the outer edge
    first_page: bool = False
    last_page: bool = True


@dataclass(frozen=True, slots=True)
class Pagination:
    """Breaking the issue into pages: an even page count, lines kept after a heading."""

    __pydantic_config__ = Strict
    end_on_even_page: bool = False
    min_lines_after_heading: GridLines = 2     # docs/typography.md, "Breaking across pages"
    #: Choose the page breaks of the whole issue together, a body paragraph set a line tighter
    #: or looser where that fills a page (compose/pagebreak.py, docs/page-makeup.md); false:
    #: first fit, page by page (compose/paginate.py).
    optimise: bool = True


@dataclass(frozen=True, slots=True)
class Output:
    """What the writer adds: PDF/X-4 keys, black overprint, the fake-bold stroke, the title."""

    __pydantic_config__ = Strict
    pdfx: bool = True                    # PDF/X-4 output intent and keys (writers/pdf/pdfx.py)
    black_overprint: bool = True
    fake_bold_stroke: Annotated[float, Check(ge=0, le=0.2, **_finite)] = 0.025      # em of the size: 0.4 pt at 16 pt, as Word draws it
    title_format: str = "{publication}{year}年第{number}期"


@dataclass(frozen=True, slots=True)
class Layout:
    """A layout file: the page, the text block, the grid, the faces and every style of the issue."""

    __pydantic_config__ = Strict
    name: str
    page: PageSize
    block: Block
    grid: Grid
    fonts: dict[str, FontChoice]
    colours: dict[str, Colour]
    line_rules: LineRules
    masthead: Masthead
    contents: Contents
    column_head: Heading
    title: Heading
    body: Body
    byline: Byline
    distribution: DistributionSpec
    folio: Folio
    pagination: Pagination = Pagination()
    output: Output = Output()
    blocks: Blocks = field(default_factory=Blocks)
    file: str = ""

    @property
    def line_pitch(self) -> float:
        """GB/T 9704 §5.2.3: the block's height over its lines (a fixed pitch)."""
        return self.block.height / self.grid.lines

    @property
    def char_pitch(self) -> float:
        """GB/T 9704 §5.2.3: the measure over the characters per line."""
        return self.block.width / self.grid.chars
