"""Reading a YAML file with the place of every value: the line and column of each key and
value, each scalar as typed, and the file's lines for the excerpt under an error.

Every message about input names `FILE:LINE:COLUMN` and the field (`columns[1].articles[0]`),
so the reader keeps PyYAML's composed node tree rather than only the data. libyaml's parser is
used where PyYAML has it, and PyYAML's pure-Python reader for a file libyaml refuses, so each
message is the one PyYAML's own reader leads to (`read_yaml`). The lookups by field path
(`_line_of`, `_column_of`, …) are here with the `Document` they read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import typing
from pathlib import Path
from typing import Annotated, Any

import yaml

from ..errors import InputError
from ..messages import Message
from .files import MAX_TEXT_BYTES, BoundedLoader, FastBoundedLoader, check_escapes, libyaml_reads_alike, read_text


MAX_FILE_BYTES = MAX_TEXT_BYTES


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
        slip = slips.explain(text, exc, _field_groups(schema), _list_entries(schema))
        raise InputError(slip.message, file=name, line=slip.line, column=slip.column, hint=slip.hint,
                         field=_dotted(slip.field) or None) from None
    except ValueError as exc:  # a value PyYAML cannot construct that `_check_date` did not foresee
        raise InputError(Message("file.invalid_value", problem=str(exc)), file=name) from None


def _parse(text: str, name: str, schema: type | None, aliases: bool, source: tuple[str, ...],
           loader_class: type) -> Document:
    """`text` composed by `loader_class` (the bounds checked), walked for lines and raw scalars,
    constructed, and checked for text YAML folded into the line above (`slips.folded`). A YAML
    error is raised as PyYAML raised it: `read_yaml` explains it."""
    from . import slips

    loader = loader_class(text, name, aliases=aliases)
    try:
        node = loader.get_single_node()
        if node is None:         # nothing but blank lines and comments: said at line 1, with what to do
            said = Message("file.only_comments") if text.strip() else Message("file.empty")
            raise InputError(said, file=name, line=1, hint=Message("hint.empty_issue"))
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
    try:
        dt.date(year, month, day)
        return                   # a real date (the calendar, only for a message, is not imported)
    except ValueError:
        import calendar
    if not 1 <= month <= 12:
        message = Message("date.month", text=node.value, month=month)
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        message = Message("date.day", text=node.value, year=year, month=month, days=calendar.monthrange(year, month)[1])
    else:
        return
    raise InputError(message, file=name, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
                     field=_dotted(path) or None, hint=Message("hint.date"))


def _models(schema: Any):
    """Every dataclass `schema` reaches through its fields (lists, optionals, unions), each
    once, depth first: the mappings an issue or layout file holds."""
    seen: set = set()
    todo = [schema]
    while todo:
        tp = _strip(todo.pop())
        if tp is None or tp in seen:
            continue
        seen.add(tp)
        if dataclasses.is_dataclass(tp):
            yield tp
            hints = typing.get_type_hints(tp)
            todo += [hints[f.name] for f in dataclasses.fields(tp)]
        else:
            todo += list(typing.get_args(tp))


@functools.cache
def _list_entries(schema: Any) -> dict[str, str]:
    """For each field of a list's entries, the list that holds them (`title` → `articles`,
    `text` → `items`): what `slips.explain` says is missing above `- title:`. A field that
    entries of two lists share (`byline`) names neither."""
    found: dict[str, set[str]] = {}
    for tp in _models(schema):
        hints = typing.get_type_hints(tp)
        for f in dataclasses.fields(tp):
            field_type = _strip(hints[f.name])
            if typing.get_origin(field_type) is list:
                entry = _strip(typing.get_args(field_type)[0])
                if dataclasses.is_dataclass(entry):
                    for e in dataclasses.fields(entry):
                        found.setdefault(e.name, set()).add(f.name)
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


@functools.cache
def _field_groups(schema: Any) -> tuple[frozenset[str], ...]:
    """The field names of each mapping in `schema` (the model and every model inside it):
    what `slips.explain` knows of the file's structure."""
    return tuple(frozenset(f.name for f in dataclasses.fields(tp) if f.name != "file") for tp in _models(schema))


def _escapes(node: yaml.ScalarNode, name: str) -> None:
    """A double-quoted value may spell a control character as an escape: refused at it."""
    if node.style == '"':
        check_escapes(node.value, _SOURCES.get(name, ()), (node.start_mark.line, node.start_mark.column),
                      (node.end_mark.line, node.end_mark.column), name)


def _walk(node, path: tuple, lines: dict, key_lines: dict, raw: dict, name: str,
          columns: dict, key_columns: dict) -> None:
    """Record lines, columns and raw scalars; refuse tags, non-text keys and duplicate keys."""
    lines[path] = node.start_mark.line + 1
    columns[path] = node.start_mark.column + 1
    if node.tag and not node.tag.startswith("tag:yaml.org,2002:"):
        raise InputError(Message("file.tags", tag=node.tag), file=name,
                         line=node.start_mark.line + 1, field=_dotted(path) or None)
    if isinstance(node, yaml.ScalarNode):
        _escapes(node, name)
        raw[path] = node.value
        _check_date(node, path, name)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError(Message("file.key_not_text"), file=name, line=key_node.start_mark.line + 1,
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


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


dotted_path = _dotted    # `columns[1].articles[0].body[2]`: how every message names a field


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
