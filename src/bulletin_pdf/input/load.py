"""YAML → validated model objects (the issue and the layout).

All user-facing errors about input are raised here, as `FILE:LINE: field.path: message`
(architecture.md, "load"). PyYAML's composed node tree gives the line of every key and value;
pydantic (`extra="forbid"`) checks fields and types; the messages are rewritten in the
editor's terms (unknown field with the nearest known one, missing field, expected text…).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import functools
import math
import os
import re
import string
import typing
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr, TypeAdapter,
                      ValidationError)

from ..errors import InputError
from .places import layout_dirs
from .files import (MAX_TEXT_BYTES, BoundedLoader, FastBoundedLoader, check_escapes, libyaml_reads_alike, read_text,
                    source_line)
from ..messages import Message
from ..model import (MAX_PAGE, Article, BodyBlock, Cell, Column, Distribution, Figure, Inline, Issue, Layout, ListBlock,
                     Note, Paragraph, SectionHeading, ShortItem, Source, Style, Table, parse_length)

MAX_FILE_BYTES = MAX_TEXT_BYTES


# ----------------------------------------------------------------------------- YAML with lines

class Document(typing.NamedTuple):
    data: Any
    lines: dict[tuple, int]      # field path → line of its value (1-based)
    key_lines: dict[tuple, int]  # field path → line of its key
    file: str
    raw: dict[tuple, str]        # field path → the scalar as typed (0571… is not octal 377…)
    columns: dict[tuple, int] = {}       # field path → column of its value (1-based)
    key_columns: dict[tuple, int] = {}   # field path → column of its key
    source: tuple[str, ...] = ()         # the file's lines as typed (excerpts, columns of findings)


#: The text of each file read, as source lines, for the excerpt under an error (`_shows_source`).
_SOURCES: dict[str, tuple[str, ...]] = {}


def read_yaml(path: Path, schema: type | None = None, *, aliases: bool = False) -> Document:
    """Parse a YAML file, keeping the line of every key and value; no tags, no huge files.

    Reading is bounded before and while parsing (`files`, issue 12): a regular file of at most
    2 MB, UTF-8, no control characters, bounded nesting and size; anchors and aliases only
    where `aliases` (layouts), never in issue files. A syntax error is explained at the slip
    that caused it (`slips.explain`), using the field names of `schema` to tell a field typed
    with `：` or out of line.

    The file is read with libyaml's parser where PyYAML has it (`FastBoundedLoader`); a file
    it refuses, for whatever reason, is read again by the pure-Python `BoundedLoader`, so every
    message is the one PyYAML's own reader leads to (and a file only libyaml refuses loads)."""
    from . import slips

    name = str(path)
    text = read_text(path, MAX_FILE_BYTES)
    source = tuple(slips.LINE_BREAK.split(text))
    _SOURCES[name] = source
    if FastBoundedLoader is not None and libyaml_reads_alike(text):
        try:
            return _parse(text, name, schema, aliases, source, FastBoundedLoader)
        except (yaml.YAMLError, InputError, ValueError):    # refused: PyYAML's own reader says why
            pass
    try:
        return _parse(text, name, schema, aliases, source, BoundedLoader)
    except yaml.constructor.ConstructorError as exc:     # a tag such as !!python/object
        mark = exc.problem_mark or exc.context_mark
        raise InputError(Message("yaml.construct", problem=exc.problem or exc.context), file=name,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
                         hint=Message("hint.no_tags")) from None
    except yaml.MarkedYAMLError as exc:
        slip = slips.explain(text, exc, _field_groups(schema))
        raise InputError(slip.message, file=name, line=slip.line, column=slip.column, hint=slip.hint,
                         field=_dotted(slip.field) or None) from None
    except ValueError as exc:  # a value PyYAML cannot construct that `_check_date` did not foresee
        raise InputError(f"invalid value: {exc}", file=name) from None


def _parse(text: str, name: str, schema: type | None, aliases: bool, source: tuple[str, ...],
           loader_class: type) -> Document:
    """`text` composed by `loader_class` (the bounds checked), walked for lines and raw scalars,
    constructed, and checked for text YAML folded into the line above (`slips.folded`). A YAML
    error is raised as PyYAML raised it: `read_yaml` explains it."""
    from . import slips

    loader = loader_class(text, name, aliases=aliases)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file is empty", file=name)
        lines: dict[tuple, int] = {}
        key_lines: dict[tuple, int] = {}
        raw: dict[tuple, str] = {}
        columns: dict[tuple, int] = {}
        key_columns: dict[tuple, int] = {}
        _walk(node, (), lines, key_lines, raw, name, columns, key_columns)
        data = loader.construct_document(node)
        if slip := slips.folded(source, {*lines.values(), *key_lines.values()}, lambda: _field_groups(schema)):
            raise InputError(slip.message, file=name, line=slip.line, column=slip.column, hint=slip.hint,
                             field=_dotted(slip.field) or None)
    finally:
        loader.dispose()
    return Document(data, lines, key_lines, name, raw, columns, key_columns, source)


def _comment_slip(doc: Document, line: int | None) -> tuple[Message, Message, int] | None:
    """`- #话题…`: the text after `-` began with #, which YAML reads as a comment, leaving the
    item empty. The message, the hint (quote it) and the column of the #; None otherwise."""
    text = _text_at(doc, line) or ""
    if "#" not in text:
        return None
    after = text.split("#", 1)[1].strip()
    return (Message("schema.text_was_comment"),
            Message("hint.quote_hash", example=f'- "#{after[:16]}{"…" if len(after) > 16 else ""}"'),
            text.index("#") + 1)


def _shows_source(load):
    """Every located error `load` raises about a file it read quotes that file's line (the
    excerpt the CLI prints with a caret under the column), in one place for all of them."""

    @functools.wraps(load)
    def wrapper(path):
        before = set(_SOURCES)
        try:
            return load(path)
        except InputError as exc:
            for problem in (exc, *exc.all):
                source = _SOURCES.get(problem.file or "")
                if problem.excerpt is None and source and problem.line and problem.line <= len(source):
                    problem.excerpt = source[problem.line - 1]
            raise
        finally:   # every file this load read (a layout's `extends:` chain too), not just `path`
            for name in set(_SOURCES) - before:
                del _SOURCES[name]

    return wrapper


def _check_date(node: yaml.ScalarNode, path: tuple, name: str) -> None:
    """A scalar that looks like a date (YAML's timestamp, `2025-13-01`) but is not one in the
    calendar: said with its line, column and field, and the month's length (PyYAML would
    only raise `month must be in 1..12`, with no place)."""
    m = re.match(r"\s*(\d{4})-(\d\d?)-(\d\d?)", node.value)
    if node.tag != "tag:yaml.org,2002:timestamp" or not m:
        return
    year, month, day = map(int, m.groups())
    if not 1 <= month <= 12:
        message = Message("date.month", text=node.value, month=month)
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        message = Message("date.day", text=node.value, year=year, month=month, days=calendar.monthrange(year, month)[1])
    else:
        return
    raise InputError(message, file=name, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                     field=_dotted(path) or None, hint=Message("hint.date"))


@functools.cache
def _field_groups(schema: Any) -> tuple[frozenset[str], ...]:
    """The field names of each mapping in `schema` (the model and every model inside it):
    what `slips.explain` knows of the file's structure."""
    groups: list[frozenset[str]] = []
    seen: set = set()
    todo = [schema]
    while todo:
        tp = _strip(todo.pop())
        if tp is None or tp in seen:
            continue
        seen.add(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            groups.append(frozenset(tp.model_fields))
            todo += [f.annotation for f in tp.model_fields.values()]
        elif dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp)
            groups.append(frozenset(f.name for f in dataclasses.fields(tp) if f.name != "file"))
            todo += [hints[f.name] for f in dataclasses.fields(tp)]
        else:
            todo += list(typing.get_args(tp))
    return tuple(groups)


def _walk(node, path: tuple, lines: dict, key_lines: dict, raw: dict, name: str,
          columns: dict, key_columns: dict) -> None:
    """Record lines, columns and raw scalars; refuse tags, non-text keys and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    columns[path] = node.start_mark.column + 1
    if node.tag and not node.tag.startswith("tag:yaml.org,2002:"):
        raise InputError(f"YAML tags such as {node.tag} are not accepted", file=name,
                         line=node.start_mark.line + 1, field=_dotted(path) or None)
    if isinstance(node, yaml.ScalarNode):
        _escapes(node, name)
        raw[path] = node.value
        _check_date(node, path, name)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a field name must be plain text", file=name, line=key_node.start_mark.line + 1,
                                 field=_dotted(path) or None)
            key = key_node.value
            _escapes(key_node, name)
            if path + (key,) in key_lines:
                raise InputError(Message("schema.duplicate", line=key_lines[path + (key,)]), file=name,
                                 line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1,
                                 field=_dotted(path + (key,)))
            key_lines[path + (key,)] = key_node.start_mark.line + 1
            key_columns[path + (key,)] = key_node.start_mark.column + 1
            _walk(value_node, path + (key,), lines, key_lines, raw, name, columns, key_columns)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, key_lines, raw, name, columns, key_columns)


def _escapes(node: yaml.ScalarNode, name: str) -> None:
    """A double-quoted value may spell a control character as an escape: refused at it."""
    if node.style == '"':
        check_escapes(node.value, _SOURCES.get(name, ()), (node.start_mark.line, node.start_mark.column),
                      (node.end_mark.line, node.end_mark.column), name)


def _is_bare_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


dotted_path = _dotted    # `columns[1].articles[0].body[2]`: how every message names a field


# ----------------------------------------------------------------------------- validation errors

def _validation_error(exc: ValidationError, doc: Document, schema: type) -> InputError:
    """pydantic's findings in the project's words, each at its file:line:column and field."""
    messages = []
    errors = [(_loc(err), err) for err in exc.errors()]
    # `{chars： 28}` in a flow mapping is one unknown field `chars： 28`: say so, not also `chars` missing
    colons = {loc[:-1] + (key,) for loc, err in errors if err["type"] in _UNKNOWN and (key := _before_fullwidth_colon(loc))}
    for loc, err in errors:
        kind = err["type"]
        ctx = err.get("ctx") or {}
        hint = None
        line, column = _line_of(doc, loc), _column_of(doc, loc)
        if kind == "missing" and loc in colons:
            continue
        if kind in _UNKNOWN and (key := _before_fullwidth_colon(loc)):
            msg, hint = Message("yaml.fullwidth_colon", key=key), Message("hint.halfwidth_colon", key=key)
            line = doc.key_lines.get(loc) or line
            column = (doc.key_columns.get(loc) or 1) + str(loc[-1]).index("：")
            loc = loc[:-1] + (key,)
        elif kind in _UNKNOWN:
            known = _known_fields(schema, loc[:-1])
            near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
            msg = (Message("schema.unknown_near", near=near[0]) if near else
                   Message("schema.unknown_known", known=", ".join(known)) if known else Message("schema.unknown"))
            line = doc.key_lines.get(loc) or line
            column = doc.key_columns.get(loc) or column
        elif kind == "missing":
            msg, hint = Message("schema.missing"), Message("hint.missing", key=str(loc[-1]))
            line, column = _line_of(doc, loc[:-1]), _column_of(doc, loc[:-1]) if loc[:-1] else None
        elif kind in ("too_long", "too_short") and "max_length" in ctx and ctx.get("actual_length"):
            title = loc and loc[-1] == "title"
            msg = Message("schema.title_lines" if title else "schema.too_many", max=ctx["max_length"],
                          n=ctx["actual_length"])
            hint = Message("hint.title_lines") if title else None
            line, column = doc.key_lines.get(loc, line), doc.key_columns.get(loc, column)
        elif kind == "string_type" and isinstance(err.get("input"), dict) and len(err["input"]) == 1:
            key = str(next(iter(err["input"])))   # `- 注: 说明` is a mapping {注: 说明}, not text
            msg, hint = Message("schema.text_became_field", key=key), Message("hint.colon_in_text")
            line, column = _colon_after(doc, loc + (key,)) or (line, column)
        elif kind == "string_type" and err.get("input") is None and (comment := _comment_slip(doc, line)):
            msg, hint, column = comment
        elif kind in _STRUCTURE and isinstance(err.get("input"), str) and (slip := _slip_at(doc, line, schema)):
            msg, hint, column = slip.message, slip.hint, slip.column     # `-第一段`: text where a list was due
        elif kind in _RANGES and (bound := _RANGES[kind][0]) in ctx:
            value = err.get("input")      # the value as typed (a length: 5mm, not its points)
            value = doc.raw.get(loc, _number(value) if isinstance(value, (int, float)) else value)
            msg = Message(_RANGES[kind][1], value=value, **{bound: _bound(ctx[bound], value)})
        elif kind == "literal_error":
            msg = Message("schema.one_of", options=tuple(re.findall(r"'([^']*)'", ctx.get("expected", ""))))
        else:
            msg = Message(_MESSAGES[kind]) if kind in _MESSAGES else err["msg"]
            hint = _hint_for(kind, err.get("input"))
        messages.append(InputError(msg, file=doc.file, line=line, column=column, field=_dotted(loc), hint=hint))
    first = messages[0]
    error = InputError(first.message, file=first.file, line=first.line, column=first.column, field=first.field,
                       hint=first.hint)
    error.all = messages
    return error


_UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")     # pydantic: a field the schema lacks

#: pydantic's range errors (the bounds of model.py) → the bound they name, our message, and
#: the hint (what to give instead, added by `_range_hints`).
_RANGES = {
    "greater_than": ("gt", "schema.above", "hint.above"),
    "greater_than_equal": ("ge", "schema.at_least", "hint.at_least"),
    "less_than": ("lt", "schema.below", "hint.below"),
    "less_than_equal": ("le", "schema.at_most", "hint.at_most"),
}


def _loc(err: dict) -> tuple:
    """The field path of a pydantic error, without the steps its validators add (`function-…`)."""
    return tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))


def _number(value: float) -> str:
    """A bound or a value as an editor writes it: 1, 0.5, 1e+06 (never 1.0)."""
    return f"{value:g}"


def _bound(bound: float, typed: Any) -> str:
    """A range's bound for the message: a length typed with a unit (`30mm`) was checked in
    points (model.parse_length), so its bound is given in points and in millimetres."""
    if bound and isinstance(typed, str) and re.search(r"\d\s*(mm|cm|in|pt)\s*$", typed):
        return f"{_number(bound)} pt ({_number(round(bound / 72 * 25.4, 1))} mm)"
    return _number(bound)


def _before_fullwidth_colon(loc: tuple) -> str | None:
    """`chars` for an unknown field `chars： 28` (a flow mapping read `：` as part of the name)."""
    m = re.match(r"([A-Za-z_]\w*)[ \t]*：", str(loc[-1])) if loc else None
    return m.group(1) if m else None

#: pydantic's error types → our message ids (messages.CATALOGUE); others keep pydantic's text.
_MESSAGES = {
    "string_type": "schema.text",
    "int_type": "schema.whole_number",
    "int_parsing": "schema.whole_number",
    "int_from_float": "schema.whole_number",
    "float_type": "schema.number",
    "float_parsing": "schema.number",
    "finite_number": "schema.finite",
    "bool_type": "schema.bool",
    "bool_parsing": "schema.bool",
    "date_type": "schema.date",
    "date_parsing": "schema.date",
    "date_from_datetime_inexact": "schema.date_only",
    "list_type": "schema.list",
    "tuple_type": "schema.list",
    "dict_type": "schema.mapping",
    "model_type": "schema.mapping",
    "dataclass_type": "schema.mapping",
    "model_attributes_type": "schema.mapping",
    "too_short": "schema.empty",
    "string_too_short": "schema.empty",
    "string_pattern_mismatch": "schema.blank",
}


def _hint_for(kind: str, value: Any) -> Message | None:
    """What to do about a value of the wrong type: full-width digits typed on a Chinese
    keyboard (`１０`), a date written the Chinese way (`2025年10月30日`), text for a list."""
    if isinstance(value, str) and re.search("[０-９]", value):
        return Message("hint.halfwidth_digits", example=value.translate(_HALF_WIDTH))
    if kind in ("date_type", "date_parsing"):
        return Message("hint.date")
    if kind == "list_type":
        return Message("hint.list")
    return None


_HALF_WIDTH = {0xFF10 + d: 0x30 + d for d in range(10)} | {0xFF0D: ord("-"), 0xFF0E: ord(".")}


#: pydantic's errors for a list or a mapping that came as text: a slip may have made it text.
_STRUCTURE = ("list_type", "tuple_type", "dict_type", "model_type", "dataclass_type", "model_attributes_type")


def _slip_at(doc: Document, line: int | None, schema: type):
    """The slip on source line `line` that turned structure into text, if there is one."""
    from . import slips

    text = _text_at(doc, line)
    return slips.on_line(text, line, _field_groups(schema)) if text is not None else None


def _text_at(doc: Document, line: int | None) -> str | None:
    """Source line `line` (1-based) of the document, as typed."""
    source = _SOURCES.get(doc.file)
    return source[line - 1] if source and line and line <= len(source) else None


def _column_of(doc: Document, loc: tuple) -> int | None:
    """Column of the value at `loc`, or of the nearest enclosing value that has a place."""
    while loc and loc not in doc.lines:
        loc = loc[:-1]
    return doc.columns.get(loc)


def _colon_after(doc: Document, loc: tuple) -> tuple[int, int] | None:
    """(line, column) of the `:` after the key at `loc`: where text turned into a field."""
    line, column = doc.key_lines.get(loc), doc.key_columns.get(loc)
    text = _text_at(doc, line)
    if text is None or column is None:
        return None
    colon = text.find(":", column - 1)
    return (line, colon + 1) if colon >= 0 else None


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
    return read_issue(path)[0]


@_shows_source
def read_issue(path: Path | str) -> tuple[Issue, Document]:
    """The issue, and the file as read (its values with their lines, and its source lines):
    what the proofreader reads, so that `build` and `check` read the file once."""
    doc = read_yaml(Path(path), IssueIn)
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of fields at the top of the file", file=doc.file, line=1)
    for field_path in (("serial",), ("distribution", "phone")):   # text that may look like a number
        _as_typed(doc, field_path)
    try:
        raw = IssueIn.model_validate(doc.data)
    except ValidationError as exc:
        raise _range_hints(_validation_error(exc, doc, IssueIn), exc, doc) from None
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
        dist = Distribution(tuple(d.send_to), d.editor, d.phone, d.copies,
                            Source(doc.file, doc.key_lines.get(("distribution",)) or 0, "distribution"))
    return Issue(raw.publication, raw.edition, raw.number, raw.cumulative, raw.compiled_by, raw.date,
                 raw.marking, raw.serial, tuple(columns), dist, doc.file), doc


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


class _BlockReader:
    """Reads the blocks of one article body (`body[k]` at `path`) into model blocks, with a
    located error and a hint for every mistake."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.base = Path(doc.file).resolve().parent

    def error(self, message: str, path: tuple, hint: str | None = None, key: bool = False) -> InputError:
        line = (self.doc.key_lines.get(path) if key else None) or _line_of(self.doc, path)
        column = (self.doc.key_columns if key else self.doc.columns).get(path)
        return InputError(message, file=self.doc.file, line=line, column=column, field=_dotted(path), hint=hint)

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

    def blocks(self, items, path: tuple) -> tuple[BodyBlock, ...]:
        if not isinstance(items, list) or not items:
            raise self.error("expected a list of paragraphs and blocks", path,
                             "write each paragraph as `- text`, a block as `- heading: …`")
        return tuple(self.block(item, path + (k,)) for k, item in enumerate(items))

    def block(self, item, path: tuple) -> BodyBlock:
        if isinstance(item, str):
            src = self.source(path)
            if not item.strip():
                raise self.error("empty paragraph", path, "delete the line or write the paragraph's text")
            return Paragraph(parse_inline(item, src), src)
        line = _line_of(self.doc, path)
        if item is None and (comment := _comment_slip(self.doc, line)):
            msg, hint, column = comment
            raise InputError(msg, file=self.doc.file, line=line, column=column, field=_dotted(path), hint=hint)
        if not isinstance(item, dict) or not item:
            raise self.error("expected text: a paragraph, or a block such as `heading: …`", path,
                             "quote text that YAML would read as a number, date or list")
        kinds = [k for k in item if k in BLOCK_FIELDS]
        if len(kinds) != 1:
            if kinds:
                raise self.error(f"one block per list item, found {' and '.join(kinds)}", path,
                                 "start each block on its own line with `- `")
            first = next(iter(item))          # a key YAML read as a number stays a number here
            key = str(first)
            near = difflib.get_close_matches(key, list(BLOCK_FIELDS), n=1, cutoff=0.5)
            if len(item) == 1 and isinstance(item[first], str) and not near:
                # `- 注: 本文…`: text whose colon and space made YAML read a field name
                line, column = _colon_after(self.doc, path + (key,)) or (_line_of(self.doc, path), None)
                raise InputError(Message("schema.text_became_field", key=key), file=self.doc.file, line=line,
                                 column=column, field=_dotted(path), hint=Message("hint.colon_in_text"))
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
                    raise self.error(f"this row has {count} columns, "
                                     f"the first row has {width}", where + (part, r),
                                     "give every row the same number of cells (an empty cell is \"\"), "
                                     "or merge cells with {text: …, colspan: 2}")
                carry = {c: n - 1 for c, n in carry.items() if n > 1} | {c: n for c, n in mine.items() if n}
            if carry:
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
        width = self.figure_width(spec["width"], where + ("width",)) if spec.get("width") is not None else None
        caption = self.text(spec["caption"], where + ("caption",), "the caption") if spec.get("caption") is not None else None
        credit = self.text(spec["source"], where + ("source",), "the source") if spec.get("source") is not None else None
        return Figure(str(image), caption, credit, width, self.source(where))

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
            close = difflib.get_close_matches(file.name, near, n=1, cutoff=0.6)
            raise self.error(f"image file {name} not found (looked in {file.parent})", path,
                             f"did you mean {close[0]}?" if close else
                             "put the picture next to the issue file, or give its path relative to it") from None
        except PictureProblem as exc:
            raise self.error(exc.message, path, exc.hint) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise self.error(f"{name} is not a picture that can be read ({exc.__class__.__name__})", path,
                             "save it as JPEG, PNG or TIFF") from None
        if fmt not in IMAGE_FORMATS:
            raise self.error(f"{name} is a {fmt} image; JPEG, PNG and TIFF are accepted", path,
                             "save it as JPEG, PNG or TIFF")
        return file


# ----------------------------------------------------------------------------- the layout

@functools.cache
def _layout_adapter() -> TypeAdapter:
    """The layout schema, built on first use: building it takes about 60 ms, which commands
    that read only issue files (`new`) need not pay (issue #9, "Speed")."""
    return TypeAdapter(Layout)


@_shows_source
def load_layout(path: Path | str) -> Layout:
    """Read and validate a layout file (layouts/*.yaml), with the layouts it `extends:`."""
    doc, origins = read_layout_chain(Path(path))
    try:
        try:
            layout = _layout_adapter().validate_python({**doc.data, "file": doc.file})
        except ValidationError as exc:
            raise _range_hints(_validation_error(exc, doc, Layout), exc, doc) from None
        _check_layout(layout, doc)
        _check_geometry(layout, doc)
    except InputError as exc:
        raise _relocated(exc, origins) from None
    return _with_font_sources(layout, doc, origins)


def _with_font_sources(layout: Layout, doc: Document, origins: dict[tuple, str]) -> Layout:
    """Each font choice carries its layout line (in the file it came from, with `extends:`),
    so an unreadable face is reported there."""
    def sourced(choice, path):
        at = path + (("file",) if choice.file else ("family",) if choice.family else ())
        return dataclasses.replace(choice, source=Source(origins.get(at, doc.file), _line_of(doc, at) or 0, _dotted(at)),
                                   fallbacks=tuple(sourced(fb, path + ("fallbacks", i))
                                                   for i, fb in enumerate(choice.fallbacks)))

    return dataclasses.replace(layout, fonts={role: sourced(c, ("fonts", role)) for role, c in layout.fonts.items()})


# ----------------------------------------------------------------------------- layouts that extend

def read_layout_chain(path: Path, _seen: tuple[Path, ...] = ()) -> tuple[Document, dict[tuple, str]]:
    """A layout file merged over the layout it `extends:` (a name or a path), recursively.

    Only the keys that differ need be written: mappings are merged key by key, anything else (a
    list, a number, a text) replaces the base's value whole. Returns the merged document (the
    line of each value is in the file it came from) and, for every field path, that file.
    """
    doc = read_yaml(path, Layout, aliases=True)
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of fields at the top of the file", file=doc.file, line=1)
    origins = {p: doc.file for p in doc.lines}
    if "extends" not in doc.data:
        return doc, origins
    ref = doc.data.pop("extends")
    where = dict(file=doc.file, line=doc.lines.get(("extends",)), field="extends")
    if not isinstance(ref, str) or not ref.strip():
        raise InputError("expected the name or path of a layout", hint="e.g. `extends: jianbao`", **where)
    base_path = _find_base(ref.strip(), path)
    if base_path is None:
        known = _layout_names(path)
        near = difflib.get_close_matches(ref.strip(), known, n=1, cutoff=0.6)
        raise InputError(f"no layout named or at '{ref}'" + (f" (did you mean `{near[0]}`?)" if near else ""),
                         **where, hint="give a layout name (" + ", ".join(known) + ") or a path relative to "
                                       "this file, such as ../layouts/base.yaml")
    chain = _seen + (path.resolve(),)
    if base_path.resolve() in chain:
        circle = " → ".join(p.name for p in chain + (base_path.resolve(),))
        raise InputError(f"layouts extend each other in a circle: {circle}", **where,
                         hint="one of them must be a complete layout without `extends:`")
    base, base_origins = read_layout_chain(base_path, chain)
    merged = _deep_merge(base.data, doc.data)
    lines = {**base.lines, **{p: n for p, n in doc.lines.items() if p != ("extends",)}}
    key_lines = {**base.key_lines, **{p: n for p, n in doc.key_lines.items() if p != ("extends",)}}
    raw = {**base.raw, **doc.raw}
    merged_origins = {**base_origins, **{p: f for p, f in origins.items() if p != ("extends",)}}
    replaced = [p for p in doc.lines if isinstance(_get(doc.data, p), list)]
    for stale in [q for q in base.lines if q not in doc.lines and any(q[:len(p)] == p for p in replaced)]:
        for table in (lines, key_lines, raw, merged_origins):   # a list replaced whole: none of the base's items
            table.pop(stale, None)
    return doc._replace(data=merged, lines=lines, key_lines=key_lines, raw=raw), merged_origins


def _find_base(ref: str, extending: Path) -> Path | None:
    """A path (relative to the extending file) or a name: `NAME.yaml` beside the extending file
    first, then the layout folders a build searches (`places.layout_dirs`)."""

    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        candidate = Path(ref).expanduser()
        candidate = candidate if candidate.is_absolute() else Path(os.path.normpath(extending.parent / candidate))
        return candidate if candidate.is_file() else None
    for folder in [extending.parent] + layout_dirs():
        candidate = folder / f"{ref}.yaml"
        if candidate.is_file() and candidate.resolve() != extending.resolve():
            return candidate
    return None


def _layout_names(extending: Path) -> list[str]:

    folders = [extending.parent] + layout_dirs()
    return sorted({p.stem for d in folders if d.is_dir() for p in d.glob("*.yaml")} - {extending.stem})


def _deep_merge(base: Any, over: Any, path: tuple = ()) -> Any:
    """Mappings merged key by key (recursively); any other value replaces the base's whole. A
    role's font choice (`fonts.body`) that names a face (`file:` or `family:`) replaces the
    base's choice whole: `family:` over a base's `file:` must not leave that file in force.
    Given `fallbacks:` alone, the base's face stays."""
    names_face = len(path) == 2 and path[0] == "fonts" and isinstance(over, dict) and ({"file", "family"} & set(over))
    if isinstance(base, dict) and isinstance(over, dict) and not names_face:
        return {**base, **{k: _deep_merge(base[k], v, path + (k,)) if k in base else v for k, v in over.items()}}
    return over


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _relocated(error: InputError, origins: dict[tuple, str]) -> InputError:
    """Point each problem of a merged layout into the file its field came from (the extending
    file or the layout it extends), with that file's source line."""
    for problem in error.errors():
        path = _undotted(problem.field or "")
        while path and path not in origins:
            path = path[:-1]
        source = origins.get(path)
        if source and source != problem.file:
            problem.file = source
            if problem.excerpt is not None and problem.line:
                lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
                problem.excerpt = lines[problem.line - 1] if problem.line <= len(lines) else None
    if error.all:
        error.file, error.line, error.excerpt = error.all[0].file, error.all[0].line, error.all[0].excerpt
    return error


def _undotted(field: str) -> tuple:
    """`fonts.body.fallbacks[0]` → ('fonts', 'body', 'fallbacks', 0): the inverse of `_dotted`."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", field))


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
    _check_templates(layout, doc)


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


# ----------------------------------------------------------------------------- layout bounds (issue 12)

def _layout_error(doc: Document, path: tuple, message: str, hint: str, needle: str | None = None) -> InputError:
    """A located layout error: the line of `path`, the column of `needle` on it (default: the
    value after the field's name), the line itself for the caret."""
    line = _line_of(doc, path)
    excerpt = column = None
    if line:
        try:
            excerpt = source_line(read_text(doc.file), line)
        except InputError:
            excerpt = None
    if excerpt is not None:
        key = next((p for p in reversed(path) if isinstance(p, str)), None)
        at = excerpt.find(needle) if needle else -1
        if at < 0 and key is not None:
            at = excerpt.find(f"{key}:")
            if at >= 0:
                at += len(key) + 1
                while at < len(excerpt) and excerpt[at] == " ":
                    at += 1
        column = at + 1 if at >= 0 else None
    return InputError(message, file=doc.file, line=line, column=column, field=_dotted(path) or None,
                      hint=hint, excerpt=excerpt)


def _check_templates(layout: Layout, doc: Document) -> None:
    """A template takes only plain `{name}` placeholders from its documented set: no format
    spec (`{number:>999999999}` would allocate a gigabyte), no conversion, no attribute or
    index access (`{date.__class__}`), no positional `{}`."""
    for pattern, allowed in TEMPLATES.items():
        names = ", ".join("{" + a + "}" for a in allowed)
        for path, template in _templates_at(layout, pattern):
            try:
                parts = list(string.Formatter().parse(template))
            except ValueError as exc:
                raise _layout_error(doc, path, f"bad template: {exc}",
                                    "a placeholder is a name in braces such as {number}; "
                                    "to print a brace itself write {{ or }}") from None
            for _literal, name, spec, conversion in parts:
                if name is None:
                    continue
                if spec or conversion or not name.isidentifier():
                    shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                    raise _layout_error(doc, path, f"only plain placeholders such as {{{allowed[0]}}} are "
                                        f"allowed, not {shown}",
                                        f"write the name alone in braces; this template may use {names}",
                                        needle=shown)
                if name not in allowed:
                    raise _layout_error(doc, path, f"unknown placeholder {{{name}}}; this template may use {names}",
                                        "check the spelling of the placeholder", needle="{" + name + "}")


def _mm(pt: float) -> str:
    return f"{pt * 25.4 / 72:.1f}".rstrip("0").rstrip(".") + " mm"


def _check_geometry(layout: Layout, doc: Document) -> None:
    """Limits between fields the schema checks one by one (model.py gives each its range):
    the text block lies on the page, furniture fits the grid lines a page has, indents fit
    the characters of a line, a character of every style fits the measure."""
    page, block, grid = layout.page, layout.block, layout.grid
    eps = 0.01
    if block.left + block.width > page.width + eps:
        raise _layout_error(doc, ("block", "width"), f"the text block ({_mm(block.left)} from the left, "
                            f"{_mm(block.width)} wide) runs off the page ({_mm(page.width)} wide)",
                            f"make block.width at most {_mm(page.width - block.left)}")
    if block.top + block.height > page.height + eps:
        raise _layout_error(doc, ("block", "height"), f"the text block ({_mm(block.top)} from the top, "
                            f"{_mm(block.height)} high) runs off the page ({_mm(page.height)} high)",
                            f"make block.height at most {_mm(page.height - block.top)}")
    folio_bottom = block.top + block.height + layout.folio.below + layout.folio.style.size
    if folio_bottom > page.height + eps:
        raise _layout_error(doc, ("folio", "below"), f"the page number would sit below the page's edge "
                            f"({_mm(folio_bottom - page.height)} too low)",
                            "make folio.below smaller or the text block shorter")
    rows = grid.lines

    def lines_fit(path: tuple, need: float, what: str) -> None:
        if need > rows:
            raise _layout_error(doc, path, f"{what} needs {need:g} grid lines; a page has {rows}",
                                "use fewer lines here or more grid lines (grid.lines)")

    lines_fit(("masthead", "lines"), layout.masthead.lines + 1, "the masthead with one line of text under it")
    for i, item in enumerate(layout.masthead.items):
        lines_fit(("masthead", "items", i, "line"), item.line, "this masthead item")
    for i, rule in enumerate(layout.masthead.rules):
        lines_fit(("masthead", "rules", i, "line"), rule.line, "this rule")
    for name in ("column_head", "title"):
        h = getattr(layout, name)
        lines_fit((name, "max_lines"), h.space_before + h.max_lines * h.line_span + h.space_after,
                  f"a {name.replace('_', ' ')} with its space before and after")
    c = layout.contents
    lines_fit(("contents", "space_before"), c.space_before + c.heading_space_after + c.space_after + 2,
              "the contents heading with its spaces and one entry")
    lines_fit(("body", "space_between_items"), layout.body.space_between_items + 1, "the space between items")
    lines_fit(("distribution", "space_before"), layout.distribution.space_before + 1, "the space above the 版记")
    lines_fit(("pagination", "min_lines_after_heading"), layout.pagination.min_lines_after_heading + 1,
              "the lines kept after a heading")
    chars = grid.chars

    def chars_fit(path: tuple, need: float, what: str) -> None:
        if need >= chars:
            raise _layout_error(doc, path, f"{what} takes {need:g} characters; a line has {chars}",
                                "use a smaller indent, or more characters per line (grid.chars)")

    chars_fit(("body", "indent"), layout.body.indent, "the first-line indent")
    chars_fit(("column_head", "indent"), layout.column_head.indent, "the indent")
    chars_fit(("title", "indent"), layout.title.indent, "the indent")
    chars_fit(("byline", "right_indent"), layout.byline.right_indent, "the right indent")
    chars_fit(("distribution", "indent"), 2 * layout.distribution.indent, "the indent on both sides")
    chars_fit(("folio", "indent"), layout.folio.indent, "the indent")
    chars_fit(("contents", "column_indent"), c.column_indent + c.entry_gap + c.number_width,
              "the column indent, gap and page-number width")
    for path, style in _styles(layout):
        if style.size > block.width:
            raise _layout_error(doc, path + ("size",), f"a character of {style.size:g} pt is wider than "
                                f"the text block ({block.width:.1f} pt)", "use a smaller size")


def _styles(obj, path: tuple = ()):
    """(path, style) of every Style in the layout."""
    if isinstance(obj, Style):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from _styles(getattr(obj, f.name), path + (f.name,))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _styles(item, path + (i,))


def _range_hints(error: InputError, exc: ValidationError, doc: Document) -> InputError:
    """Add what to do to each out-of-range value (the ranges of model.py), matched by field."""
    hints = {}
    for err in exc.errors():
        ctx = err.get("ctx") or {}
        loc = _loc(err)
        if err["type"] == "finite_number":
            hint = Message("hint.finite")
        elif err["type"] in _RANGES and (bound := _RANGES[err["type"]][0]) in ctx:
            hint = Message(_RANGES[err["type"]][2], **{bound: _bound(ctx[bound], doc.raw.get(loc))})
        else:
            continue
        hints.setdefault(_dotted(loc), hint)
    for problem in error.errors() + [error]:
        if problem.hint is None and problem.field in hints:
            problem.hint = hints[problem.field]
    return error
