"""What `bulletin-pdf docx` brings out of a Word file: frozen, typed blocks and warnings.

The reader (`reader.py`) and the assembler (`assemble.py`) produce these; `as_data` turns them
into the plain lists and mappings of the issue file's article body, in the block YAML agreed
for issue 10 (docs/issue-format.md, "Blocks of an article"): a plain string is a paragraph,
every other block is a one-key mapping naming its kind.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ...messages import Message
from ...model import Cell   # a table cell is the same in the issue model: text, colspan, rowspan


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str                       # may carry **…** emphasis


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading at one of the four levels of GB/T 9704-2012 §7.3.3 (一、/（一）/1./（1））.

    `numbered` is True when the layout numbers it (the text has no number of its own);
    False when the text starts with its number as Word showed it (typed or Word's automatic
    numbering rendered), which the issue file keeps as typed."""
    level: int
    text: str
    numbered: bool

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 4:
            raise ValueError(f"heading level {self.level} is not 1–4")


@dataclass(frozen=True, slots=True)
class Note:
    text: str                       # without the 注： the layout prints


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None      # without the 表N the layout prints
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    image: str                      # path relative to the issue file, '/' separated
    caption: str | None = None      # without the 图N the layout prints
    source: str | None = None
    width_mm: int | None = None     # as placed in Word; None = the layout's width


Block = Paragraph | Heading | Note | ListBlock | Table | Figure


class Loss(enum.Enum):
    """What a Word file can hold that the issue file cannot (each named in a warning)."""
    CHART = "a chart"
    SMARTART = "a SmartArt diagram"
    TEXT_BOX = "a text box"
    SHAPE = "a drawn shape"
    EMBEDDED = "an embedded object"
    EQUATION = "an equation"
    FOOTNOTE = "a footnote"
    ENDNOTE = "an endnote"
    TRACKED = "tracked changes"
    COMMENT = "a comment"
    IMAGE = "a picture"
    TABLE = "a table"
    SYMBOL = "a symbol character"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class WordWarning:
    """One thing not brought as it was: what, where (paragraph number, nearby text), and what
    the YAML holds instead / what to do."""
    loss: Loss
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.loss.value} {self.message}"

    def as_message(self) -> Message:
        """The warning as the catalogue says it, in either language (`where` and `message`
        are catalogue messages)."""
        return Message("word.warning", where=self.where, loss=Message(f"loss.{self.loss.name}"), what=self.message)


@dataclass(frozen=True, slots=True)
class WordArticle:
    title: tuple[str, ...]
    byline: str | None
    body: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class WordItem:
    text: str
    byline: str | None


@dataclass(frozen=True, slots=True)
class WordItems:
    """Several untitled 信息摘登 items (docs/issue-format.md: a column's `items:`); `left_out`
    holds the title lines of a file read as items for a column of items (items have no title)."""
    items: tuple[WordItem, ...]
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FromWord:
    """The whole result: an article or items, and what could not be brought."""
    content: WordArticle | WordItems
    warnings: tuple[WordWarning, ...] = field(default=())


def summary(result: FromWord) -> Message:
    """What was brought, in a few words: `an article: 4 headings, 1 table, 1 figure (images/…);
    5 warnings`."""
    content = result.content
    if isinstance(content, WordItems):
        what = Message("docx.items", n=len(content.items))
    else:
        counts: dict[str, int] = {}
        for block in content.body:
            name = {Paragraph: "paragraph", Heading: "heading", Note: "note", ListBlock: "list",
                    Table: "table", Figure: "figure"}[type(block)]
            counts[name] = counts.get(name, 0) + 1
        what = Message("docx.article", parts=tuple(Message(f"docx.count.{name}", n=n) for name, n in counts.items()))
        folders = sorted({b.image.rsplit("/", 1)[0] + "/" for b in content.body
                          if isinstance(b, Figure) and "/" in b.image})
        if folders:
            what = Message("docx.pictures", what=what, folders=tuple(folders))
    n = len(result.warnings)
    return Message("docx.warnings_above" if n else "docx.warnings", what=what, n=n)


def _cell_data(cell: Cell) -> str | dict:
    if cell.colspan == 1 and cell.rowspan == 1:
        return cell.text
    data: dict = {"text": cell.text}
    if cell.colspan > 1:
        data["colspan"] = cell.colspan
    if cell.rowspan > 1:
        data["rowspan"] = cell.rowspan
    return data


def _optional(data: dict, **values: str | None) -> dict:
    data.update({k: v for k, v in values.items() if v})
    return data


def block_data(block: Block) -> str | dict:
    """One block as the issue file writes it."""
    match block:
        case Paragraph(text=text):
            return text
        case Heading(level=level, text=text):
            return {"heading": text, "level": level}
        case Note(text=text):
            return {"note": text}
        case ListBlock(items=items):
            return {"list": list(items)}
        case Table():
            table = _optional({}, caption=block.caption)
            if block.header:
                table["header"] = [[_cell_data(c) for c in row] for row in block.header]
            table["rows"] = [[_cell_data(c) for c in row] for row in block.rows]
            return {"table": _optional(table, source=block.source)}
        case Figure():
            figure = _optional({"image": block.image}, caption=block.caption, source=block.source)
            return {"figure": _optional(figure, width=f"{block.width_mm}mm" if block.width_mm else None)}
    raise TypeError(f"not a block: {block!r}")


def as_data(content: WordArticle | WordItems) -> dict:
    """The article (title, byline, body) or the items (`items:` list) as plain YAML data."""
    if isinstance(content, WordItems):
        return {"items": [_optional({"text": it.text}, byline=it.byline) for it in content.items]}
    article: dict = {"title": content.title[0] if len(content.title) == 1 else list(content.title)}
    if content.byline:
        article["byline"] = content.byline
    article["body"] = [block_data(b) for b in content.body]
    return article
