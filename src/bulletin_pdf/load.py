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
from .inputs import MAX_TEXT_BYTES, BoundedLoader, read_text, source_line
from .model import (Article, Column, Distribution, Inline, Issue, Layout, Paragraph, ShortItem, Source, Style)

MAX_FILE_BYTES = MAX_TEXT_BYTES


# ----------------------------------------------------------------------------- YAML with lines

class Document(typing.NamedTuple):
    data: Any
    lines: dict[tuple, int]      # field path → line of its value (1-based)
    key_lines: dict[tuple, int]  # field path → line of its key
    file: str
    raw: dict[tuple, str]        # field path → the scalar as typed (0571… is not octal 377…)


def read_yaml(path: Path, *, aliases: bool = False) -> Document:
    """Parse a YAML file, keeping the line of every key and value; no tags, no huge files.

    Reading is bounded before and while parsing (`inputs`, issue 12): a regular file of at most
    2 MB, UTF-8, no control characters, bounded nesting and size; anchors and aliases only
    where `aliases` (layouts), never in issue files."""
    name = str(path)
    text = read_text(path, MAX_FILE_BYTES)
    loader = BoundedLoader(text, name, aliases=aliases)
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
    body: Annotated[list[Text], Field(min_length=1)]
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
        raise _range_hints(_validation_error(exc, doc, IssueIn), exc) from None
    for i, col in enumerate(raw.columns):
        if not col.articles and not col.items:
            raise InputError("a column needs `articles` or `items`", file=doc.file,
                             line=doc.lines.get(("columns", i)), field=f"columns[{i}]")

    def source(*path) -> Source:
        return Source(doc.file, _line_of(doc, path) or 0, _dotted(path))

    def paragraph(text: str, *path) -> Paragraph:
        src = source(*path)
        return Paragraph(parse_inline(text, src), src)

    columns = []
    for i, col in enumerate(raw.columns):
        articles = tuple(
            Article(tuple(t.strip() for t in art.title),
                    tuple(paragraph(p, "columns", i, "articles", j, "body", k) for k, p in enumerate(art.body)),
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


# ----------------------------------------------------------------------------- the layout

_LAYOUT = TypeAdapter(Layout)


def load_layout(path: Path | str) -> Layout:
    """Read and validate a layout file (layouts/*.yaml)."""
    doc = read_yaml(Path(path), aliases=True)
    if not isinstance(doc.data, dict):
        raise InputError("expected a mapping of fields at the top of the file", file=doc.file, line=1)
    try:
        layout = _LAYOUT.validate_python({**doc.data, "file": doc.file})
    except ValidationError as exc:
        raise _range_hints(_validation_error(exc, doc, Layout), exc) from None
    _check_layout(layout, doc)
    _check_geometry(layout, doc)
    return _with_font_sources(layout, doc)


def _with_font_sources(layout: Layout, doc: Document) -> Layout:
    """Each font choice carries its layout line, so an unreadable face is reported there."""
    def sourced(choice, path):
        at = path + (("file",) if choice.file else ("family",) if choice.family else ())
        return dataclasses.replace(choice, source=Source(doc.file, _line_of(doc, at) or 0, _dotted(at)),
                                   fallbacks=tuple(sourced(fb, path + ("fallbacks", i))
                                                   for i, fb in enumerate(choice.fallbacks)))

    return dataclasses.replace(layout, fonts={role: sourced(c, ("fonts", role)) for role, c in layout.fonts.items()})


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


def _range_hints(error: InputError, exc: ValidationError) -> InputError:
    """Add what to do to each out-of-range value (the ranges of model.py), matched by field."""
    hints = {}
    for err in exc.errors():
        ctx = err.get("ctx") or {}
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        if err["type"] == "finite_number":
            hint = "write a number such as 16 (not .nan or .inf)"
        elif "gt" in ctx:
            hint = f"give a value above {ctx['gt']:g}"
        elif "ge" in ctx:
            hint = f"give a value of at least {ctx['ge']:g}"
        elif "lt" in ctx:
            hint = f"give a value below {ctx['lt']:g}"
        elif "le" in ctx:
            hint = f"give a value of at most {ctx['le']:g}"
        else:
            continue
        hints.setdefault(_dotted(loc), hint)
    for problem in error.errors() + [error]:
        if problem.hint is None and problem.field in hints:
            problem.hint = hints[problem.field]
    return error
