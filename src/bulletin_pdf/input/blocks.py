"""An article body read into model blocks: paragraphs with their `**emphasis**`, headings,
notes, lists, tables (their cells, spans and shape) and figures (the image file found and
opened), each mistake said at its line with what to write instead.

The schema (schema.ArticleIn) takes the body as a list of anything, so that each kind of
block gets a message in its own terms rather than pydantic's union errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..messages import Message
from ..model import BodyBlock, Cell, Figure, Inline, ListBlock, Note, Paragraph, SectionHeading, Source, Table, cell_positions, parse_length
from .validation import _close_matches, _comment_slip
from .yamlread import Document, _colon_after, _dotted, _line_of


EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.S)


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
FIGURE_FIELDS = ("image", "caption", "source", "width")
CELL_FIELDS = ("text", "colspan", "rowspan")
IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "MPO": "JPEG"}
#: The number forms of GB/T 9704 §7.3.3 by level: a heading typed with its own is kept as typed.
TYPED_NUMBER = {
    1: re.compile(r"^[一二三四五六七八九十百]+、"),
    2: re.compile(r"^[（(][一二三四五六七八九十百]+[）)]"),
    3: re.compile(r"^[0-9０-９]+[.．](?![0-9０-９])"),     # 1. or 1．, not 1.5亿元
    4: re.compile(r"^[（(][0-9０-９]+[）)]"),
}


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
        paras = []
        for k, entry in enumerate(entries):
            where = path + ("list", k)
            src = self.source(where)
            paras.append(Paragraph(parse_inline(self.text(entry, where, Message("what.item_text")), src, self.doc.source), src))
        return ListBlock(tuple(paras), self.source(path))

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
            text = "" if text is None else self.scalar(text, path + ("text",))
            return Cell(text, *spans)
        return Cell(self.scalar(value, path))

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
        """Every row spans the same number of columns once colspan and rowspan are counted."""
        width = None
        for part, group in (("header", header), ("rows", rows)):
            _, taken = cell_positions(group)
            for r in range(len(group)):
                count = sum(1 for (rr, _) in taken if rr == r)
                if width is None:
                    width = count
                elif count != width:
                    raise self.error(Message("block.row_width", count=count, width=width), where + (part, r),
                                     Message("hint.row_width"))
            if any(rr >= len(group) for rr, _ in taken):
                raise self.error(Message("block.rowspan"), where + (part, len(group) - 1), Message("hint.rowspan"))
        return width or 0

    def figure(self, item: dict, path: tuple) -> Figure:
        where = path + ("figure",)
        spec = self.fields(item["figure"], where, FIGURE_FIELDS, Message("what.figure"))
        if "image" not in spec:
            raise self.error(Message("block.figure_image"), where, Message("hint.figure_image"))
        name = self.text(spec["image"], where + ("image",), Message("what.image_file"))
        image = self.image_file(name, where + ("image",))
        width = None
        if spec.get("width") is not None:
            try:
                width = parse_length(spec["width"])
            except ValueError:
                width = 0.0
            if not width > 0:
                raise self.error(Message("block.figure_width"), where + ("width",), Message("hint.figure_width"))
        caption = self.text(spec["caption"], where + ("caption",), Message("what.caption")) if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), Message("what.source")) if spec.get("source") is not None else None
        return Figure(str(image), caption, credit, width, self.source(where),
                      self.source(where + ("caption",)) if caption else None)

    def image_file(self, name: str, path: tuple) -> Path:
        """The image next to the issue file: it must exist and be a JPEG, PNG or TIFF."""
        from PIL import Image, UnidentifiedImageError

        file = (self.base / name)
        if not file.is_file():
            near = sorted(p.name for p in file.parent.glob("*") if p.is_file())[:50] if file.parent.is_dir() else []
            close = _close_matches(file.name, near, n=1, cutoff=0.6)
            raise self.error(Message("block.image_missing", name=name, folder=str(file.parent)), path,
                             Message("hint.image_near", near=close[0]) if close else Message("hint.image_place"))
        try:
            with Image.open(file) as im:
                fmt = im.format
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise self.error(Message("block.image_unreadable", name=name, problem=exc.__class__.__name__), path,
                             Message("hint.image_format")) from None
        if fmt not in IMAGE_FORMATS:
            raise self.error(Message("block.image_format", name=name, fmt=fmt), path, Message("hint.image_format"))
        return file
