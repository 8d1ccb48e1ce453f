"""The plain data every later stage reads: the issue (content) and the layout (style).

Frozen dataclasses, no behaviour. `load` builds them from YAML and is the only place that
validates; the layout dataclasses carry pydantic configuration so the same definitions are the
schema (`extra="forbid"`: an unknown layout key is an error, not a silent default).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field

# ----------------------------------------------------------------------------- the issue


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of content was written: for messages (`file:line: field`)."""

    file: str
    line: int
    field: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}"


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of a paragraph; `emphasis` marks text the editor wrapped in `**…**`."""

    text: str
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: tuple[Inline, ...]
    source: Source

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Article:
    title: tuple[str, ...]            # one line, or the lines where the editor broke it
    body: tuple[Paragraph, ...]
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


@dataclass(frozen=True, slots=True)
class Issue:
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
    raise ValueError("expected a length such as 37mm or 16pt")


Length = Annotated[float, BeforeValidator(parse_length)]
Strict = ConfigDict(extra="forbid")


@dataclass(frozen=True, slots=True)
class LineRules:
    """Line-breaking settings (typography.md, "Line breaking"); read by the text engine."""

    __pydantic_config__ = Strict
    cjk_latin_space: float = 0.25        # em; clreq §3.2.2 (¼ em), 0 allowed
    word_space: float = 0.25             # em between Latin words
    max_expansion: float = 0.05          # em per gap at which a line counts as fully loose
    compress_opening_at_line_start: bool = False  # clreq §3.1.6.3
    overfull: Literal["break", "error"] = "break"


@dataclass(frozen=True, slots=True)
class FontChoice:
    __pydantic_config__ = Strict
    file: str | None = None
    family: str | None = None
    fallbacks: tuple["FontChoice", ...] = ()


@dataclass(frozen=True, slots=True)
class Colour:
    """A print colour: CMYK percentages, optionally a named spot colour with that alternate."""

    __pydantic_config__ = Strict
    cmyk: tuple[float, float, float, float]
    spot: str | None = None


@dataclass(frozen=True, slots=True)
class Style:
    """How a line of furniture or text is set. `grid`: full-width characters take the body's
    character pitch (GB/T 9704 §5.2.3) instead of their own size. `latin`: the font role for
    Latin letters and digits (公文 practice sets them in Times New Roman); default: `font`."""

    __pydantic_config__ = Strict
    font: str
    size: float
    colour: str = "black"
    align: Literal["left", "center", "right", "justify"] = "left"
    tracking: float = 0.0                # em added to every full-width cell
    grid: bool = False
    fake_bold: bool = False
    latin: str | None = None


@dataclass(frozen=True, slots=True)
class PageSize:
    __pydantic_config__ = Strict
    width: Length
    height: Length


@dataclass(frozen=True, slots=True)
class Block:
    """The text block (版心) on the page, GB/T 9704 §5.2.1."""

    __pydantic_config__ = Strict
    top: Length
    left: Length
    width: Length
    height: Length


@dataclass(frozen=True, slots=True)
class Grid:
    __pydantic_config__ = Strict
    lines: int = Field(gt=0)
    chars: int = Field(gt=0)


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
    line: float
    when: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    editions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A full-width rule at a grid-line boundary (`line` 7 = the top of grid line 7)."""

    __pydantic_config__ = Strict
    line: float
    width: Length
    colour: str = "black"


@dataclass(frozen=True, slots=True)
class Masthead:
    __pydantic_config__ = Strict
    lines: int
    items: tuple[MastheadItem, ...]
    rules: tuple[RuleSpec, ...] = ()
    date_format: str = "{year}年{month}月{day}日"
    #: 总第M期 when the issue does not give it: M = offset of the issue's year + 第N期, for the
    #: editions listed (增刊 and 专刊 are usually numbered on their own).
    cumulative_offset: dict[int, int] = field(default_factory=dict)
    cumulative_editions: tuple[str, ...] = ("普刊",)


@dataclass(frozen=True, slots=True)
class Contents:
    __pydantic_config__ = Strict
    heading: str
    heading_style: Style
    column_style: Style
    entry_style: Style
    column_indent: float = 0.0           # characters from the left of the block
    entry_gap: float = 1.0               # characters between column name and its titles
    short_items: str = "{n} 则"
    page_numbers: bool = False
    leader: Literal["dots", "none"] = "dots"   # between a title and its page number
    leader_dot: Length = 1.2                  # dot diameter
    leader_spacing: Length = 4.0              # dot to dot
    leader_rise: Length = 1.0                 # dots sit this far above the baseline
    number_width: float = 3.0                 # characters kept for the page number
    entry_max_lines: int = 3                  # a longer entry is balanced over this many lines
    name_max: float = 8.0                     # characters; wider column names get their own line
    space_before: int = 1                # grid lines before the heading
    heading_space_after: int = 1         # grid lines between the heading and the entries
    space_after: int = 0                 # grid lines after the entries
    new_page_after: bool = True


@dataclass(frozen=True, slots=True)
class Heading:
    """Column heads (栏目名) and article titles: whole grid lines before, on and after.

    `text` is a template: {text}, and {n} / {cn} for the running number in Arabic / Chinese
    numerals (GB/T 9704 §7.3.3 numbers headings 一、 （一） 1. （1）)."""

    __pydantic_config__ = Strict
    style: Style
    text: str = "{text}"
    space_before: int = 1
    space_after: int = 0
    max_lines: int = 2
    line_span: int = 1                   # grid lines each line of the heading takes
    indent: float = 0.0                  # characters, for left-aligned headings
    editor_breaks: bool = True           # keep the lines where the editor broke a title
    balance_tolerance: int = 2           # characters two balanced lines may differ by


@dataclass(frozen=True, slots=True)
class Body:
    __pydantic_config__ = Strict
    style: Style
    emphasis: Style
    indent: float = 2.0                  # first-line indent, characters
    space_between_items: int = 0         # grid lines between 信息摘登 items


@dataclass(frozen=True, slots=True)
class Byline:
    __pydantic_config__ = Strict
    style: Style
    text: str = "（{byline}）"
    right_indent: float = 0.0            # characters


@dataclass(frozen=True, slots=True)
class DistributionSpec:
    """版记 (GB/T 9704 §7.4): between full-width rules at the foot of the last page."""

    __pydantic_config__ = Strict
    style: Style
    send_label: str = "送："
    editor_label: str = "本期责任编辑："
    phone_label: str = "电话："
    copies_text: str = "印数：{copies}份"
    indent: float = 1.0                  # characters in from each side
    outer_rule: Length = 0.35 * 72 / 25.4
    inner_rule: Length = 0.25 * 72 / 25.4
    colour: str = "black"
    space_before: int = 1                # grid lines kept free above the block


@dataclass(frozen=True, slots=True)
class Folio:
    """Page numbers `— N —` (GB/T 9704 §7.5)."""

    __pydantic_config__ = Strict
    style: Style
    text: str = "— {n} —"
    below: Length = 7 * 72 / 25.4        # from the bottom of the block to the top of the folio
    indent: float = 1.0                  # characters in from the outer edge
    first_page: bool = False
    last_page: bool = True


@dataclass(frozen=True, slots=True)
class Pagination:
    __pydantic_config__ = Strict
    end_on_even_page: bool = False
    min_lines_after_heading: int = 2     # typography.md, "Breaking across pages"


@dataclass(frozen=True, slots=True)
class Output:
    __pydantic_config__ = Strict
    pdfx: bool = True                    # PDF/X-4 output intent and keys (pdfx.py)
    black_overprint: bool = True
    fake_bold_stroke: float = 0.025      # em of the size: 0.4 pt at 16 pt, as Word draws it
    title_format: str = "{publication}{year}年第{number}期"


@dataclass(frozen=True, slots=True)
class Layout:
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
    file: str = ""

    @property
    def line_pitch(self) -> float:
        """GB/T 9704 §5.2.3: the block's height over its lines (a fixed pitch)."""
        return self.block.height / self.grid.lines

    @property
    def char_pitch(self) -> float:
        """GB/T 9704 §5.2.3: the measure over the characters per line."""
        return self.block.width / self.grid.chars
