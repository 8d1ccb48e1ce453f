"""pydantic's validation errors in the editor's words, each at its file, line, column and field.

pydantic (`extra="forbid"`) checks fields and types; its messages name pydantic's error types
and its own field paths. Here each becomes a `messages.CATALOGUE` message at the place of the
value in the YAML file (`yamlread.Document`): an unknown field with the nearest known one, a
missing field, text where a list was due (and the slip that made it text), a number out of
range with its bound as typed (a length in mm) and what to give instead.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any

from ..errors import InputError
from ..messages import Message
from .yamlread import Document, _colon_after, _column_of, _dotted, _field_groups, _line_of, _strip, _text_at


def _close_matches(word, candidates, n, cutoff):
    """difflib's nearest names, for a message only: difflib is imported when one is written."""
    import difflib

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)


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


def _validation_error(exc, doc: Document, schema: type) -> InputError:
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
            near = _close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
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
        elif kind == "too_short" and ctx.get("actual_length"):      # not empty, but too few (4 heading levels)
            msg = Message("schema.too_few", min=ctx["min_length"], n=ctx["actual_length"])
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
        elif kind in ("literal_error", "enum"):
            msg = Message("schema.one_of", options=tuple(re.findall(r"'([^']*)'", ctx.get("expected", ""))))
        elif kind == "value_error" and isinstance(reason := getattr(ctx.get("error"), "args", ("",))[0], Message):
            msg = reason          # what a `before` of ours refused (model.parse_length), in its own words
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
        mm = bound / 72 * 25.4      # to 0.1 mm; under 1 mm to one significant digit (0.1 pt: 0.04 mm, not 0)
        return f"{_number(bound)} pt ({_number(round(mm, 1) if abs(mm) >= 1 else float(f'{mm:.1g}'))} mm)"
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
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return Message("hint.date_quoted", date=value.strip())     # "2025-10-30": text, not a date
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


def _known_fields(schema: type, loc: tuple) -> list[str]:
    """Field names of the (nested) model or dataclass that `loc` points into."""
    tp: Any = schema
    for part in loc:
        tp = _strip(tp)
        if isinstance(part, int):
            args = typing.get_args(tp)
            tp = args[0] if args else Any
        elif dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp, include_extras=False)
            tp = hints.get(part, Any)
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return []
    tp = _strip(tp)
    if dataclasses.is_dataclass(tp):
        return [f.name for f in dataclasses.fields(tp) if f.name != "file"]
    return []


def _range_hints(error: InputError, exc, doc: Document) -> InputError:
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
