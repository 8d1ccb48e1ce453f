"""YAML → validated model objects (the issue and the layout).

All user-facing errors about input are raised here, as `FILE:LINE: field.path: message`
(architecture.md, "load"). PyYAML's composed node tree gives the line of every key and value;
pydantic (`extra="forbid"`) checks fields and types; the messages are rewritten in the
editor's terms (unknown field with the nearest known one, missing field, expected text…).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import string
import typing
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr, TypeAdapter,
                      ValidationError)

from .errors import InputError
from .model import (Article, Block, Cell, Column, Distribution, Figure, Inline, Issue, Layout, ListBlock, Note,
                    Paragraph, SectionHeading, ShortItem, Source, Table, cell_positions, parse_length)

MAX_FILE_BYTES = 2 * 1024 * 1024


# ----------------------------------------------------------------------------- YAML with lines

class Document(typing.NamedTuple):
    data: Any
    lines: dict[tuple, int]      # field path → line of its value (1-based)
    key_lines: dict[tuple, int]  # field path → line of its key
    file: str
    raw: dict[tuple, str]        # field path → the scalar as typed (0571… is not octal 377…)


def read_yaml(path: Path) -> Document:
    """Parse a YAML file, keeping the line of every key and value; no tags, no huge files."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=name) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}", file=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=name) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", file=name)
        lines: dict[tuple, int] = {}
        key_lines: dict[tuple, int] = {}
        raw: dict[tuple, str] = {}
        _walk(node, (), lines, key_lines, raw, name)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise InputError(f"YAML syntax: {problem}", file=name, line=mark.line + 1 if mark else None) from None
    except ValueError as exc:  # e.g. a date that does not exist, 2025-09-31
        raise InputError(f"invalid value: {exc}", file=name) from None
    finally:
        loader.dispose()
    return Document(data, lines, key_lines, name, raw)


def _walk(node, path: tuple, lines: dict, key_lines: dict, raw: dict, name: str) -> None:
    """Record lines and raw scalars; refuse tags, non-text keys and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    if node.tag and not node.tag.startswith("tag:yaml.org,2002:"):
        raise InputError(f"YAML tags such as {node.tag} are not accepted", file=name,
                         line=node.start_mark.line + 1, field=_dotted(path) or None)
    if isinstance(node, yaml.ScalarNode):
        raw[path] = node.value
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a field name must be plain text", file=name, line=key_node.start_mark.line + 1,
                                 field=_dotted(path) or None)
            key = key_node.value
            if path + (key,) in key_lines:
                raise InputError(f"duplicate field (first given at line {key_lines[path + (key,)]})", file=name,
                                 line=key_node.start_mark.line + 1, field=_dotted(path + (key,)))
            key_lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, key_lines, raw, name)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, key_lines, raw, name)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


# ----------------------------------------------------------------------------- validation errors

def _validation_error(exc: ValidationError, doc: Document, schema: type) -> InputError:
    messages = []
    first = None
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        if kind in ("extra_forbidden", "unexpected_keyword_argument"):
            known = _known_fields(schema, loc[:-1])
            near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
            msg = "unknown field" + (f" (did you mean `{near[0]}`?)" if near else
                                     f"; known fields: {', '.join(known)}" if known else "")
            line = doc.key_lines.get(loc) or _line_of(doc, loc)
        elif kind == "missing":
            msg = "missing required field"
            line = _line_of(doc, loc[:-1])
        else:
            msg = _MESSAGES.get(kind) or err["msg"]
            if kind in ("greater_than", "greater_than_equal") and "gt" in (err.get("ctx") or {}):
                msg = f"expected a number greater than {err['ctx']['gt']}"
            line = _line_of(doc, loc)
        item = InputError(msg, file=doc.file, line=line, field=_dotted(loc))
        first = first or item
        messages.append(item)
    error = InputError(first.message, file=first.file, line=first.line, field=first.field)
    error.all = messages
    return error


_MESSAGES = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": "expected a date such as 2025-09-29",
    "date_parsing": "expected a date such as 2025-09-29",
    "date_from_datetime_inexact": "expected a date without a time",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
    "dict_type": "expected a mapping of fields",
    "model_type": "expected a mapping of fields",
    "dataclass_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "must not be empty or blank",
    "literal_error": None,
}


def _line_of(doc: Document, loc: tuple) -> int | None:
    while loc:
        if loc in doc.lines:
            return doc.lines[loc]
        loc = loc[:-1]
    return doc.lines.get(())


def _known_fields(schema: type, loc: tuple) -> list[str]:
    """Field names of the (nested) model or dataclass that `loc` points into."""
    tp: Any = schema
    for part in loc:
        tp = _strip(tp)
        if isinstance(part, int):
            args = typing.get_args(tp)
            tp = args[0] if args else Any
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            tp = tp.model_fields[part].annotation if part in tp.model_fields else Any
        elif dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp, include_extras=False)
            tp = hints.get(part, Any)
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return []
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    if dataclasses.is_dataclass(tp):
        return [f.name for f in dataclasses.fields(tp) if f.name != "file"]
    return []


def _strip(tp):
    """Unwrap Optional/Annotated to the real type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


# ----------------------------------------------------------------------------- the issue schema

def _as_lines(value):
    return [value] if isinstance(value, str) else value


Text = Annotated[StrictStr, Field(pattern=r"\S")]      # not empty, not only spaces
Positive = Annotated[StrictInt, Field(gt=0)]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ArticleIn(_Schema):
    title: Annotated[list[Text], BeforeValidator(_as_lines), Field(min_length=1, max_length=2)]
    body: Annotated[list[Any], Field(min_length=1)]    # paragraphs and blocks: _BlockReader
    byline: Text | None = None
    contents_title: Text | None = None


class ItemIn(_Schema):
    text: Text
    byline: Text | None = None


class ColumnIn(_Schema):
    name: Text
    articles: list[ArticleIn] = []
    items: list[ItemIn] = []


class DistributionIn(_Schema):
    send_to: Annotated[list[Text], BeforeValidator(_as_lines)] = []
    editor: Text | None = None
    phone: Annotated[StrictStr, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)] | None = None
    copies: Positive | None = None


class IssueIn(_Schema):
    publication: Text
    edition: typing.Literal["普刊", "专刊", "增刊"] = "普刊"
    number: Positive
    cumulative: Positive | None = None
    compiled_by: Text
    date: dt.date
    marking: Text | None = None
    serial: Annotated[StrictStr, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)] | None = None
    columns: Annotated[list[ColumnIn], Field(min_length=1)]
    distribution: DistributionIn | None = None


def load_issue(path: Path | str) -> Issue:
    """Read and validate an issue file (docs/content-format.md)."""
    doc = read_yaml(Path(path))
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of fields at the top of the file", file=doc.file, line=1)
    for field_path in (("serial",), ("distribution", "phone")):   # text that may look like a number
        _as_typed(doc, field_path)
    try:
        raw = IssueIn.model_validate(doc.data)
    except ValidationError as exc:
        raise _validation_error(exc, doc, IssueIn) from None
    for i, col in enumerate(raw.columns):
        if not col.articles and not col.items:
            raise InputError("a column needs `articles` or `items`", file=doc.file,
                             line=doc.lines.get(("columns", i)), field=f"columns[{i}]")

    def source(*path) -> Source:
        return Source(doc.file, _line_of(doc, path) or 0, _dotted(path))

    def paragraph(text: str, *path) -> Paragraph:
        src = source(*path)
        return Paragraph(parse_inline(text, src), src)

    blocks = _BlockReader(doc)
    columns = []
    for i, col in enumerate(raw.columns):
        articles = tuple(
            Article(tuple(t.strip() for t in art.title),
                    blocks.blocks(art.body, ("columns", i, "articles", j, "body")),
                    art.byline, art.contents_title, source("columns", i, "articles", j),
                    source("columns", i, "articles", j, "byline"))
            for j, art in enumerate(col.articles))
        items = tuple(ShortItem(paragraph(it.text, "columns", i, "items", j, "text"), it.byline,
                                source("columns", i, "items", j, "byline"))
                      for j, it in enumerate(col.items))
        columns.append(Column(col.name, articles, items, source("columns", i)))
    dist = None
    if raw.distribution is not None:
        d = raw.distribution
        dist = Distribution(tuple(d.send_to), d.editor, d.phone, d.copies)
    return Issue(raw.publication, raw.edition, raw.number, raw.cumulative, raw.compiled_by, raw.date,
                 raw.marking, raw.serial, tuple(columns), dist, doc.file)


def _as_typed(doc: Document, path: tuple) -> None:
    """Keep a field's text as typed when YAML read it as a number (`0571` is not octal 377)."""
    parent = doc.data
    for part in path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if isinstance(parent, dict) and isinstance(parent.get(path[-1]), (int, float)) and path in doc.raw:
        parent[path[-1]] = doc.raw[path]


EMPHASIS = re.compile(r"\*\*(.+?)\*\*", re.S)


def parse_inline(text: str, src: Source) -> tuple[Inline, ...]:
    """`**…**` marks emphasis; anything else is plain text. An unclosed `**` is an error."""
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
        raise InputError("unclosed `**` emphasis", file=src.file, line=src.line, field=src.field)
    if rest:
        runs.append(Inline(rest))
    return tuple(runs)


# ----------------------------------------------------------------------------- article blocks

#: The block kinds an article body may hold besides a plain string (a paragraph), and the
#: fields each mapping may have (README, "Blocks of an article").
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

    def error(self, message: str, path: tuple, hint: str | None = None, key: bool = False) -> InputError:
        line = (self.doc.key_lines.get(path) if key else None) or _line_of(self.doc, path)
        return InputError(message, file=self.doc.file, line=line, field=_dotted(path), hint=hint)

    def source(self, path: tuple) -> Source:
        return Source(self.doc.file, _line_of(self.doc, path) or 0, _dotted(path))

    def text(self, value, path: tuple, what: str = "text") -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(f"expected {what}" if not isinstance(value, str) else f"{what} must not be empty",
                             path, "write the text after the colon, e.g. `caption: 主要指标`")
        return value.strip()

    def fields(self, value, path: tuple, known: tuple[str, ...], what: str) -> dict:
        if not isinstance(value, dict):
            raise self.error(f"expected the fields of a {what} ({', '.join(known)})", path)
        for key in value:
            if key not in known:
                near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
                raise self.error(f"unknown field `{key}` in a {what}", path + (key,),
                                 f"did you mean `{near[0]}`?" if near else f"a {what} has {', '.join(known)}",
                                 key=True)
        return value

    def blocks(self, items, path: tuple) -> tuple[Block, ...]:
        if not isinstance(items, list) or not items:
            raise self.error("expected a list of paragraphs and blocks", path,
                             "write each paragraph as `- text`, a block as `- heading: …`")
        return tuple(self.block(item, path + (k,)) for k, item in enumerate(items))

    def block(self, item, path: tuple) -> Block:
        if isinstance(item, str):
            src = self.source(path)
            if not item.strip():
                raise self.error("empty paragraph", path, "delete the line or write the paragraph's text")
            return Paragraph(parse_inline(item, src), src)
        if not isinstance(item, dict) or not item:
            raise self.error("expected text (a paragraph) or a block such as `heading: …`", path,
                             "quote text that YAML would read as a number, date or list")
        kinds = [k for k in item if k in BLOCK_FIELDS]
        if len(kinds) != 1:
            if kinds:
                raise self.error(f"one block per list item, found {' and '.join(kinds)}", path,
                                 "start each block on its own line with `- `")
            key = str(next(iter(item)))
            near = difflib.get_close_matches(key, list(BLOCK_FIELDS), n=1, cutoff=0.5)
            raise self.error(f"unknown block kind `{key}`", path + (key,),
                             (f"did you mean `{near[0]}`? " if near else "")
                             + "a block is one of: " + ", ".join(BLOCK_FIELDS), key=True)
        kind = kinds[0]
        self.fields(item, path, BLOCK_FIELDS[kind], kind)
        return getattr(self, kind)(item, path)

    def heading(self, item: dict, path: tuple) -> SectionHeading:
        text = self.text(item["heading"], path + ("heading",), "the heading's text")
        level = item.get("level", 1)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
            raise self.error("a heading's level is 1, 2, 3 or 4", path + ("level",),
                             "1 一、 | 2 （一） | 3 1． | 4 （1） (GB/T 9704 §7.3.3)")
        src = self.source(path + ("heading",))
        return SectionHeading(level, parse_inline(text, src), not TYPED_NUMBER[level].match(text), src)

    def note(self, item: dict, path: tuple) -> Note:
        text = self.text(item["note"], path + ("note",), "the note's text")
        src = self.source(path + ("note",))
        return Note(parse_inline(text.removeprefix("注：").removeprefix("注:").strip() or text, src), src)

    def list(self, item: dict, path: tuple) -> ListBlock:
        entries = item["list"]
        if not isinstance(entries, list) or not entries:
            raise self.error("a list needs its items, one `- text` a line", path + ("list",))
        paras = []
        for k, entry in enumerate(entries):
            where = path + ("list", k)
            src = self.source(where)
            paras.append(Paragraph(parse_inline(self.text(entry, where, "the item's text"), src), src))
        return ListBlock(tuple(paras), self.source(path))

    def cell(self, value, path: tuple) -> Cell:
        if isinstance(value, dict):
            self.fields(value, path, CELL_FIELDS, "table cell")
            spans = []
            for name in ("colspan", "rowspan"):
                n = value.get(name, 1)
                if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 50:
                    raise self.error(f"`{name}` is a whole number from 1 to 50", path + (name,))
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
        raise self.error("expected a cell's text", path, "a cell is text, a number, or {text: …, colspan: 2}")

    def rows(self, value, path: tuple, what: str) -> tuple[tuple[Cell, ...], ...]:
        if not isinstance(value, list):
            raise self.error(f"expected the {what}, one `- [cell, cell, …]` a row", path)
        out = []
        for r, row in enumerate(value):
            if not isinstance(row, list) or not row:
                raise self.error("expected a row: a list of cells such as [指标, 金额, 增长]", path + (r,))
            out.append(tuple(self.cell(c, path + (r, k)) for k, c in enumerate(row)))
        return tuple(out)

    def table(self, item: dict, path: tuple) -> Table:
        where = path + ("table",)
        spec = self.fields(item["table"], where, TABLE_FIELDS, "table")
        if "rows" not in spec:
            raise self.error("a table needs `rows`", where, "give at least one row: `rows: [[…, …]]`")
        header = self.rows(spec.get("header", []), where + ("header",), "header rows")
        rows = self.rows(spec["rows"], where + ("rows",), "rows")
        if not rows:
            raise self.error("a table needs at least one row", where + ("rows",))
        columns = self.check_shape(header, rows, where)
        caption = self.text(spec["caption"], where + ("caption",), "the caption") if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), "the source") if spec.get("source") is not None else None
        lines = tuple(_line_of(self.doc, where + ("rows", r)) or 0 for r in range(len(rows)))
        return Table(caption, header, rows, credit, columns, self.source(where), lines)

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
                    raise self.error(f"this row has {count} columns, the first row has {width}",
                                     where + (part, r),
                                     "give every row the same number of cells (an empty cell is \"\"), "
                                     "or merge cells with {text: …, colspan: 2}")
            if any(rr >= len(group) for rr, _ in taken):
                raise self.error("a rowspan reaches below the last row", where + (part, len(group) - 1),
                                 "make the rowspan smaller")
        return width or 0

    def figure(self, item: dict, path: tuple) -> Figure:
        where = path + ("figure",)
        spec = self.fields(item["figure"], where, FIGURE_FIELDS, "figure")
        if "image" not in spec:
            raise self.error("a figure needs `image`, the picture file", where,
                             "e.g. `image: images/fig1.jpg`, next to the issue file")
        name = self.text(spec["image"], where + ("image",), "the image file")
        image = self.image_file(name, where + ("image",))
        width = None
        if spec.get("width") is not None:
            try:
                width = parse_length(spec["width"])
            except ValueError:
                width = 0.0
            if not width > 0:
                raise self.error("a figure's width is a length such as 120mm", where + ("width",),
                                 "leave it out for the layout's width (the full measure)")
        caption = self.text(spec["caption"], where + ("caption",), "the caption") if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), "the source") if spec.get("source") is not None else None
        return Figure(str(image), caption, credit, width, self.source(where))

    def image_file(self, name: str, path: tuple) -> Path:
        """The image next to the issue file: it must exist and be a JPEG, PNG or TIFF."""
        from PIL import Image, UnidentifiedImageError

        file = (self.base / name)
        if not file.is_file():
            near = sorted(p.name for p in file.parent.glob("*") if p.is_file())[:50] if file.parent.is_dir() else []
            close = difflib.get_close_matches(file.name, near, n=1, cutoff=0.6)
            raise self.error(f"image file {name} not found (looked in {file.parent})", path,
                             f"did you mean {close[0]}?" if close else
                             "put the picture next to the issue file, or give its path relative to it")
        try:
            with Image.open(file) as im:
                fmt = im.format
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise self.error(f"{name} is not a picture that can be read ({exc.__class__.__name__})", path,
                             "save it as JPEG, PNG or TIFF") from None
        if fmt not in IMAGE_FORMATS:
            raise self.error(f"{name} is a {fmt} image; JPEG, PNG and TIFF are accepted", path,
                             "save it as JPEG, PNG or TIFF")
        return file


# ----------------------------------------------------------------------------- the layout

_LAYOUT = TypeAdapter(Layout)


def load_layout(path: Path | str) -> Layout:
    """Read and validate a layout file (layouts/*.yaml)."""
    doc = read_yaml(Path(path))
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of fields at the top of the file", file=doc.file, line=1)
    try:
        layout = _LAYOUT.validate_python({**doc.data, "file": doc.file})
    except ValidationError as exc:
        raise _validation_error(exc, doc, Layout) from None
    _check_layout(layout, doc)
    return layout


MASTHEAD_FIELDS = ("publication", "edition", "edition_spaced", "number", "cumulative", "compiled_by", "date", "marking", "serial")
#: The placeholders each template of a layout may use (a typo there would fail at build time).
TEMPLATES = {
    ("masthead", "items", "*", "text"): MASTHEAD_FIELDS,
    ("masthead", "date_format"): ("year", "month", "day"),
    ("contents", "short_items"): ("n",),
    ("column_head", "text"): ("text", "n", "cn"),
    ("title", "text"): ("text", "n", "cn"),
    ("byline", "text"): ("byline",),
    ("distribution", "copies_text"): ("copies",),
    ("folio", "text"): ("n",),
    ("output", "title_format"): MASTHEAD_FIELDS + ("year",),
    ("blocks", "headings", "*", "number"): ("n", "cn"),
    ("blocks", "list", "marker"): ("n", "cn"),
    ("blocks", "table", "caption", "text"): ("n", "text"),
    ("blocks", "table", "caption", "continued"): ("n", "text"),
    ("blocks", "table", "source", "text"): ("text",),
    ("blocks", "figure", "caption", "text"): ("n", "text"),
    ("blocks", "figure", "source", "text"): ("text",),
}


def _check_layout(layout: Layout, doc: Document) -> None:
    """Cross-references the schema cannot express: every font role and colour a layout names
    exists, and every template uses only the placeholders it is given."""
    refs = []

    def collect(obj, path):
        if dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if f.name in ("font", "latin") and isinstance(value, str) and type(obj).__name__ == "Style":
                    refs.append((value, path + (f.name,), layout.fonts, "font role"))
                elif f.name == "colour" and isinstance(value, str):
                    refs.append((value, path + (f.name,), layout.colours, "colour"))
                collect(value, path + (f.name,))
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                collect(item, path + (i,))

    collect(layout, ())
    for value, path, known, what in refs:
        if value not in known:
            raise InputError(f"unknown {what} `{value}`; the layout defines {', '.join(known)}",
                             file=doc.file, line=_line_of(doc, path), field=_dotted(path))
    if "black" not in layout.colours:
        raise InputError("the layout must define the colour `black`", file=doc.file, field="colours")
    for pattern, allowed in TEMPLATES.items():
        for path, template in _templates_at(layout, pattern):
            try:
                names = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
            except ValueError as exc:
                raise InputError(f"bad template: {exc}", file=doc.file, line=_line_of(doc, path),
                                 field=_dotted(path)) from None
            for name in names:
                if name not in allowed:
                    raise InputError(f"unknown placeholder {{{name}}}; this template may use "
                                     + ", ".join("{" + a + "}" for a in allowed),
                                     file=doc.file, line=_line_of(doc, path), field=_dotted(path))


def _templates_at(obj, pattern: tuple, path: tuple = ()):
    """(path, value) of the fields `pattern` names; `*` stands for every item of a list."""
    if not pattern:
        yield path, obj
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(obj):
            yield from _templates_at(item, rest, path + (i,))
    else:
        yield from _templates_at(getattr(obj, head), rest, path + (head,))
