"""An article body read into model blocks: paragraphs with their `**emphasis**`, headings,
notes, lists, tables (their cells, spans and shape) and figures (the image file found and
opened), each mistake said at its line with what to write instead.

The schema (schema.ArticleIn) takes the body as a list of anything, so that each kind of
block gets a message in its own terms rather than pydantic's union errors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..messages import Message
from ..model import (MAX_PAGE, BodyBlock, Cell, Figure, Inline, ListBlock, Note, Paragraph, SectionHeading, Source, Table,
                     parse_length)
from .validation import _close_matches, _comment_slip
from .yamlread import Document, _colon_after, _dotted, _line_of


EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.S)


def _is_bare_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_inline(text: str, src: Source, source: Sequence[str] = ()) -> tuple[Inline, ...]:
    """`**…**` marks emphasis; anything else is plain text. An unclosed `**` is an error,
    with a caret under it when `source` (the file's lines) shows the text as typed."""
    runs = []
    pos = 0
    text = text.lstrip(" \t\u3000")   # an indent typed in Word: the layout indents
    for m in EMPHASIS.finditer(text):
        if m.start() > pos:
            runs.append(Inline(text[pos:m.start()]))
        runs.append(Inline(m.group(1), emphasis=True))
        pos = m.end()
    rest = text[pos:]
    if "**" in rest:
        at = pos + rest.index("**")
        typed = source[src.line - 1] if 0 < src.line <= len(source) else ""
        start = typed.find(text[:at + 2]) if typed else -1
        column = start + at + 1 if start >= 0 else None
        raise InputError(Message("inline.unclosed"), file=src.file, line=src.line, field=src.field,
                         column=column, excerpt=typed if column else None, hint=Message("hint.inline_unclosed"))
    if rest:
        runs.append(Inline(rest))
    return tuple(runs)


#: The block kinds an article body may hold besides a plain string (a paragraph), and the
#: fields each mapping may have (docs/issue-format.md, "Blocks of an article").
BLOCK_FIELDS = {
    "heading": ("heading", "level"),
    "note": ("note",),
    "list": ("list",),
    "table": ("table",),
    "figure": ("figure",),
}
TABLE_FIELDS = ("caption", "header", "rows", "source")
#: A row is set on one page: more columns or a longer cell than a page could show is refused
#: when the issue is read (a 156 mm measure holds about 28 characters a line, 22 lines a page).
MAX_TABLE_COLUMNS = 100
MM_PT = 72 / 25.4
MIN_FIGURE_WIDTH = 10 * MM_PT          # pt
MAX_CELL_CHARS = 1000
FIGURE_FIELDS = ("image", "caption", "source", "width")
CELL_FIELDS = ("text", "colspan", "rowspan")
IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "MPO": "JPEG"}
#: The number forms of GB/T 9704 §7.3.3 by level: a heading typed with its own is kept as typed.
TYPED_NUMBER = {
    1: re.compile(r"^[零一二三四五六七八九十百千万]+、"),
    2: re.compile(r"^[（(][零一二三四五六七八九十百千万]+[）)]"),
    3: re.compile(r"^[0-9０-９]+[.．](?![0-9０-９])"),     # 1. or 1．, not 1.5亿元
    4: re.compile(r"^[（(][0-9０-９]+[）)]"),
}

#: A list item's marker the editor typed (or Word's automatic number, which `docx` brings in
#: typed): a circled or parenthesised number (①–⒇ and ㉑–㊿, ❶–➓), `1.` `1．` `1、` (not
#: `1.5`), `(1)` `（1）`, and the spaces after it.
TYPED_LIST_MARKER = re.compile(r"^([\u2460-\u249b\u3251-\u325f\u32b1-\u32bf\u2776-\u2793]"
                               r"|[0-9０-９]{1,3}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,3}[）)])[ \t\u3000]*(?=\S)")


class _BlockReader:
    """Reads the blocks of one article body (`body[k]` at `path`) into model blocks, with a
    located error and a hint for every mistake."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.base = Path(doc.file).resolve().parent

    def error(self, message: Message, path: tuple, hint: Message | None = None, key: bool = False) -> InputError:
        line = (self.doc.key_lines.get(path) if key else None) or _line_of(self.doc, path)
        column = (self.doc.key_columns if key else self.doc.columns).get(path)
        return InputError(message, file=self.doc.file, line=line, column=column, field=_dotted(path), hint=hint)

    def source(self, path: tuple) -> Source:
        return Source(self.doc.file, _line_of(self.doc, path) or 0, _dotted(path))

    def text(self, value, path: tuple, what: Message = Message("what.text")) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(Message("block.expected", what=what) if not isinstance(value, str)
                             else Message("block.empty_text", what=what), path, Message("hint.text_after_colon"))
        return value.strip()

    def fields(self, value, path: tuple, known: tuple[str, ...], what: Message) -> dict:
        if not isinstance(value, dict):
            raise self.error(Message("block.fields", what=what, known=", ".join(known)), path)
        for key in value:
            if key not in known:
                near = _close_matches(str(key), known, n=1, cutoff=0.5)
                raise self.error(Message("block.unknown_field", key=key, what=what), path + (key,),
                                 Message("hint.did_you_mean", near=near[0]) if near else
                                 Message("hint.fields_are", what=what, known=", ".join(known)), key=True)
        return value

    def blocks(self, items, path: tuple) -> tuple[BodyBlock, ...]:
        if not isinstance(items, list) or not items:
            raise self.error(Message("block.not_list"), path, Message("hint.not_list"))
        return tuple(self.block(item, path + (k,)) for k, item in enumerate(items))

    def block(self, item, path: tuple) -> BodyBlock:
        if isinstance(item, str):
            src = self.source(path)
            if not item.strip():
                raise self.error(Message("block.empty_paragraph"), path, Message("hint.empty_paragraph"))
            return Paragraph(parse_inline(item, src, self.doc.source), src)
        line = _line_of(self.doc, path)
        if item is None and (comment := _comment_slip(self.doc, line)):
            msg, hint, column = comment
            raise InputError(msg, file=self.doc.file, line=line, column=column, field=_dotted(path), hint=hint)
        if not isinstance(item, dict) or not item:
            raise self.error(Message("block.not_text"), path, Message("hint.not_text"))
        kinds = [k for k in item if k in BLOCK_FIELDS]
        if len(kinds) != 1:
            if kinds:
                raise self.error(Message("block.two_kinds", kinds=tuple(kinds)), path, Message("hint.two_kinds"))
            first = next(iter(item))          # a key YAML read as a number stays a number here
            key = str(first)
            near = _close_matches(key, list(BLOCK_FIELDS), n=1, cutoff=0.5)
            if len(item) == 1 and isinstance(item[first], str) and not near:
                # `- 注: 本文…`: text whose colon and space made YAML read a field name
                line, column = _colon_after(self.doc, path + (key,)) or (_line_of(self.doc, path), None)
                raise InputError(Message("schema.text_became_field", key=key), file=self.doc.file, line=line,
                                 column=column, field=_dotted(path), hint=Message("hint.colon_in_text"))
            kinds_known = ", ".join(BLOCK_FIELDS)
            raise self.error(Message("block.unknown_kind", key=key), path + (key,),
                             Message("hint.kinds_near", near=near[0], kinds=kinds_known) if near
                             else Message("hint.kinds", kinds=kinds_known), key=True)
        kind = kinds[0]
        self.fields(item, path, BLOCK_FIELDS[kind], Message(f"what.{kind}"))
        return getattr(self, kind)(item, path)

    def heading(self, item: dict, path: tuple) -> SectionHeading:
        text = self.text(item["heading"], path + ("heading",), Message("what.heading_text"))
        level = item.get("level", 1)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
            raise self.error(Message("block.heading_level"), path + ("level",), Message("hint.heading_level"))
        src = self.source(path + ("heading",))
        return SectionHeading(level, parse_inline(text, src, self.doc.source), not TYPED_NUMBER[level].match(text), src)

    def note(self, item: dict, path: tuple) -> Note:
        text = self.text(item["note"], path + ("note",), Message("what.note_text"))
        src = self.source(path + ("note",))
        return Note(parse_inline(text.removeprefix("注：").removeprefix("注:").strip() or text, src, self.doc.source),
                    src)

    def list(self, item: dict, path: tuple) -> ListBlock:
        entries = item["list"]
        if not isinstance(entries, list) or not entries:
            raise self.error(Message("block.list_empty"), path + ("list",))
        wheres = [path + ("list", k) for k in range(len(entries))]
        texts = [self.text(entry, where, Message("what.item_text")) for entry, where in zip(entries, wheres)]
        typed = [TYPED_LIST_MARKER.match(text) for text in texts]
        markers: tuple[str, ...] = ()
        if all(typed):      # every item typed with its marker: the layout adds none
            # (the marker as typed, the space after it too: `1. 5亿元` must not print `1.5亿元`)
            markers = tuple(m.group(0) for m in typed)
            texts = [text[m.end():] for text, m in zip(texts, typed)]
        paras = tuple(Paragraph(parse_inline(text, src, self.doc.source), src)
                      for text, src in zip(texts, map(self.source, wheres)))
        return ListBlock(paras, self.source(path), markers)

    def cell(self, value, path: tuple) -> Cell:
        if isinstance(value, dict):
            self.fields(value, path, CELL_FIELDS, Message("what.table_cell"))
            spans = []
            for name in ("colspan", "rowspan"):
                n = value.get(name, 1)
                if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 50:
                    raise self.error(Message("block.span", name=name), path + (name,))
                spans.append(n)
            text = value.get("text", "")
            text = "" if text is None else self.cell_text(text, path + ("text",))
            return Cell(text, *spans)
        return Cell(self.cell_text(value, path))

    def cell_text(self, value, path: tuple) -> str:
        """A cell's text, at most MAX_CELL_CHARS characters: a row never breaks across pages, so
        a cell longer than a page can hold is refused here, before any line is set."""
        text = self.scalar(value, path)
        if len(text) > MAX_CELL_CHARS:
            raise self.error(Message("table.long_cell", n=len(text), most=MAX_CELL_CHARS), path,
                             Message("hint.table_long_cell"))
        return text

    def scalar(self, value, path: tuple) -> str:
        """A cell's text as typed: a number stays `1,234.50`, `05`, `yes` (not 1234.5, 5, True)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, (int, float, bool, dt.date)) and path in self.doc.raw:
            return self.doc.raw[path].strip()
        raise self.error(Message("block.cell"), path, Message("hint.cell"))

    def rows(self, value, path: tuple, what: Message) -> tuple[tuple[Cell, ...], ...]:
        if not isinstance(value, list):
            raise self.error(Message("block.rows", what=what), path)
        out = []
        for r, row in enumerate(value):
            if not isinstance(row, list) or not row:
                raise self.error(Message("block.row"), path + (r,))
            out.append(tuple(self.cell(c, path + (r, k)) for k, c in enumerate(row)))
        return tuple(out)

    def table(self, item: dict, path: tuple) -> Table:
        where = path + ("table",)
        spec = self.fields(item["table"], where, TABLE_FIELDS, Message("what.table"))
        if "rows" not in spec:
            raise self.error(Message("block.table_rows"), where, Message("hint.table_rows"))
        header = self.rows(spec.get("header", []), where + ("header",), Message("what.header_rows"))
        rows = self.rows(spec["rows"], where + ("rows",), Message("what.rows"))
        if not rows:
            raise self.error(Message("block.table_no_row"), where + ("rows",))
        columns = self.check_shape(header, rows, where)
        caption = self.text(spec["caption"], where + ("caption",), Message("what.caption")) if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), Message("what.source")) if spec.get("source") is not None else None
        lines = tuple(_line_of(self.doc, where + ("rows", r)) or 0 for r in range(len(rows)))
        return Table(caption, header, rows, credit, columns, self.source(where), lines,
                     self.source(where + ("caption",)) if caption else None)

    def check_shape(self, header, rows, where: tuple) -> int:
        """Every row spans the same number of columns once colspan and rowspan are counted, no
        cell overlaps another, no rowspan reaches below the last row. Linear in the cells
        (HTML's table model, a cell taking the first column no rowspan from above covers):
        no grid of covered places is built, so 2,000 cells of colspan 50 × rowspan 50 are
        refused at their first wrong row, not expanded."""
        width = None
        for part, group in (("header", header), ("rows", rows)):
            carry: dict[int, int] = {}           # column → rows below this one a rowspan still covers
            for r, row in enumerate(group):
                mine: dict[int, int] = {}
                col, past = 0, 0          # past: columns of the cells beyond the widest row allowed
                for k, cell in enumerate(row):
                    if (width or MAX_TABLE_COLUMNS) < len(mine) + len(carry):
                        past += cell.colspan          # counted, not placed
                        continue
                    while col in carry or col in mine:
                        col += 1
                    for c in range(col, col + cell.colspan):
                        if c in carry:
                            raise self.error(Message("table.overlap"), where + (part, r, k),
                                             Message("hint.table_overlap"))
                        mine[c] = cell.rowspan - 1
                    col += cell.colspan
                count = len(mine) + len(carry) + past
                if width is None and count > MAX_TABLE_COLUMNS:
                    raise self.error(Message("table.too_wide", most=MAX_TABLE_COLUMNS), where + (part, r),
                                     Message("hint.table_too_wide"))
                if width is None:
                    width = count
                elif count != width:
                    joined = next((k for k, cell in enumerate(row) if "，" in cell.text), None) if count < width else None
                    if joined is not None:      # `[北山街道，'5', …]`: a full-width comma between two cells
                        from .slips import _short     # (the messages' excerpt; slips loads on a mistake only)

                        raise self.error(Message("block.row_width", count=count, width=width), where + (part, r, joined),
                                         Message("hint.row_fullwidth_comma", text=_short(row[joined].text)))
                    raise self.error(Message("block.row_width", count=count, width=width), where + (part, r),
                                     Message("hint.row_width"))
                carry = {c: n - 1 for c, n in carry.items() if n > 1} | {c: n for c, n in mine.items() if n}
            if carry:
                raise self.error(Message("block.rowspan"), where + (part, len(group) - 1), Message("hint.rowspan"))
        return width or 0

    def figure(self, item: dict, path: tuple) -> Figure:
        where = path + ("figure",)
        spec = self.fields(item["figure"], where, FIGURE_FIELDS, Message("what.figure"))
        if "image" not in spec:
            raise self.error(Message("block.figure_image"), where, Message("hint.figure_image"))
        name = self.text(spec["image"], where + ("image",), Message("what.image_file"))
        image = self.image_file(name, where + ("image",))
        width = self.figure_width(spec["width"], where + ("width",)) if spec.get("width") is not None else None
        caption = self.text(spec["caption"], where + ("caption",), Message("what.caption")) if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), Message("what.source")) if spec.get("source") is not None else None
        return Figure(str(image), caption, credit, width, self.source(where),
                      self.source(where + ("caption",)) if caption else None)

    def figure_width(self, value, path: tuple) -> float:
        """A figure's printed width: a length with its unit (a bare 120 says neither mm nor pt),
        from MIN_FIGURE_WIDTH up (a narrower picture cannot be seen; a wider one than the measure
        is set at the measure, with a warning, when composed)."""
        try:
            width = parse_length(value) if isinstance(value, str) and not _is_bare_number(value) else None
        except ValueError:
            width = None
        if width is None or not math.isfinite(width) or not MIN_FIGURE_WIDTH <= width <= MAX_PAGE:
            raise self.error(Message("figure.width", least=round(MIN_FIGURE_WIDTH / MM_PT)), path,
                             Message("hint.figure_width"))
        return width

    def image_file(self, name: str, path: tuple) -> Path:
        """The image next to the issue file: a readable regular file, a JPEG, PNG or TIFF whose
        header claims no more pixels than a picture may decode to (`images.opened`)."""
        from PIL import UnidentifiedImageError

        from ..images import PictureProblem, check_file, opened

        file = (self.base / name)
        try:
            check_file(file)
            with opened(file) as im:
                fmt = im.format
        except FileNotFoundError:
            near = sorted(p.name for p in file.parent.glob("*") if p.is_file())[:50] if file.parent.is_dir() else []
            close = _close_matches(file.name, near, n=1, cutoff=0.6)
            raise self.error(Message("block.image_missing", name=name, folder=str(file.parent)), path,
                             Message("hint.image_near", near=close[0]) if close else Message("hint.image_place")) from None
        except PictureProblem as exc:
            raise self.error(exc.message, path, exc.hint) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise self.error(Message("block.image_unreadable", name=name, problem=exc.__class__.__name__), path,
                             Message("hint.image_format")) from None
        if fmt not in IMAGE_FORMATS:
            raise self.error(Message("block.image_format", name=name, fmt=fmt), path, Message("hint.image_format"))
        return file
