"""A file that is right, validated without pydantic; a file this module doubts, by pydantic.

Importing pydantic and building its schemas costs a cold build about a third of Typst's whole
build of the sample (issue 20). Yet nearly every file a build reads is right, and for a right
file validation only has to confirm it. `accept` walks the schema's own declarations — the
dataclasses of model.py and schema.py, their types and their `bounds.Check`s — and vouches
for a value only where pydantic would take it and give the same value: exact YAML types (a
`str` for text, an `int` or `float` for a number, a `list` for a list), each bound met, no
unknown field, no missing one. Anything else (a mistake, but also what pydantic would convert,
such as `"16"` for a number in a layout) raises `Doubt`, and `validated` hands the value to
pydantic, whose verdict and errors are the only ones ever reported (`validation.py` turns them
into located messages). So every message is pydantic's, as before, and a right file never
imports it. tests/test_accept.py checks that whatever `accept` vouches for pydantic accepts,
with an equal value, on the sample and layouts and on mutations of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any

from ..bounds import Check


class Doubt(Exception):
    """`accept` cannot vouch for the value: pydantic decides."""


def validated(schema: type, data: Any, explain: Callable[[Any], Exception]) -> Any:
    """`data` as an instance of `schema`: vouched for by `accept`, else validated by pydantic;
    pydantic's ValidationError is raised as `explain(error)` (a located InputError)."""
    try:
        return accept(schema, data)
    except Doubt:
        pass
    from pydantic import ValidationError

    try:
        return _pydantic(schema).validate_python(data)
    except ValidationError as exc:
        raise explain(exc) from None


def accept(schema: Any, value: Any) -> Any:
    """`value` validated as `schema`, or Doubt."""
    return _converter(schema, False)(value)


# ----------------------------------------------------------------------------- the fast path

Convert = Callable[[Any], Any]


def _doubt(value: Any) -> Any:
    raise Doubt


@functools.cache
def _converter(tp: Any, strict: bool) -> Convert:
    """The function that validates a value of type `tp` (`strict`: in a strict model)."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        checks = tp.__metadata__
        if len(checks) != 1 or not isinstance(checks[0], Check):
            return _doubt
        return _checked(checks[0], _converter(args[0], strict or checks[0].strict))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            return _doubt
        inner = _converter(options[0], strict)
        nullable = len(options) < len(args)
        return lambda v: None if v is None and nullable else inner(v)
    if origin is typing.Literal:
        if not all(type(a) is str for a in args):
            return _doubt
        return lambda v: v if type(v) is str and v in args else _doubt(v)
    if origin is list:
        item = _converter(args[0], strict) if args else _doubt
        return lambda v: [item(x) for x in v] if type(v) is list else _doubt(v)
    if origin is tuple:
        return _tuple(args, strict)
    if origin is dict:
        key, val = _converter(args[0], strict), _converter(args[1], strict)
        return lambda v: {key(k): val(x) for k, x in v.items()} if type(v) is dict else _doubt(v)
    if tp is Any:
        return lambda v: v
    if tp is str or tp is int or tp is bool or tp is dt.date:
        return lambda v: v if type(v) is tp else _doubt(v)
    if tp is float:
        return lambda v: float(v) if type(v) is float or type(v) is int else _doubt(v)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        members = {m.value: m for m in tp if type(m.value) is str}
        return lambda v: members[v] if type(v) is str and v in members else _doubt(v)
    if dataclasses.is_dataclass(tp):
        return _Record(tp)
    return _doubt


def _tuple(args: tuple, strict: bool) -> Convert:
    if strict:                      # pydantic's strict tuple takes a tuple, never a YAML list
        return _doubt
    if len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0], strict)
        return lambda v: tuple(item(x) for x in v) if type(v) is list else _doubt(v)
    items = [_converter(a, strict) for a in args]
    return lambda v: (tuple(f(x) for f, x in zip(items, v)) if type(v) is list and len(v) == len(items)
                      else _doubt(v))


def _checked(check: Check, convert: Convert) -> Convert:
    """A value through `check.before`, its type, then its bounds (pydantic's order)."""
    before = check.before
    pattern = re.compile(check.pattern) if check.pattern is not None else None
    low = [(b, op) for b, op in ((check.gt, "gt"), (check.ge, "ge")) if b is not None]
    high = [(b, op) for b, op in ((check.lt, "lt"), (check.le, "le")) if b is not None]

    def run(value: Any) -> Any:
        if before is not None:
            try:
                value = before(value)
            except Exception:
                raise Doubt from None
        value = convert(value)
        if check.finite and not math.isfinite(value):
            raise Doubt
        for bound, op in low:
            if not (value > bound if op == "gt" else value >= bound):
                raise Doubt
        for bound, op in high:
            if not (value < bound if op == "lt" else value <= bound):
                raise Doubt
        if check.min_length is not None and len(value) < check.min_length:
            raise Doubt
        if check.max_length is not None and len(value) > check.max_length:
            raise Doubt
        if pattern is not None and not pattern.search(value):
            raise Doubt
        return value

    return run


class _Record:
    """A dataclass from a mapping: every key one of its fields (the schemas forbid others),
    every field without a default given. Its fields' converters are made on first use (a
    face's `fallbacks` are faces)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.fields: dict[str, Convert] | None = None
        self.required: frozenset[str] = frozenset()

    def _compile(self) -> dict[str, Convert]:
        config = getattr(self.cls, "__pydantic_config__", {})
        if config.get("extra") != "forbid":
            self.fields = {}
            self.required = frozenset({"\0never"})
            return self.fields
        strict = bool(config.get("strict"))
        hints = typing.get_type_hints(self.cls, include_extras=True)
        fields = [f for f in dataclasses.fields(self.cls) if f.init]
        self.required = frozenset(f.name for f in fields if f.default is dataclasses.MISSING
                                  and f.default_factory is dataclasses.MISSING)
        self.fields = {f.name: _converter(hints[f.name], strict) for f in fields}
        return self.fields

    def __call__(self, value: Any) -> Any:
        fields = self.fields if self.fields is not None else self._compile()
        if type(value) is not dict or not self.required <= value.keys():
            raise Doubt
        kwargs = {}
        for key, item in value.items():
            convert = fields.get(key) if type(key) is str else None
            if convert is None:
                raise Doubt
            kwargs[key] = convert(item)
        return self.cls(**kwargs)


# ----------------------------------------------------------------------------- pydantic


@functools.cache
def _pydantic(schema: type):
    """pydantic's validator of `schema`, built on first use. pydantic validates a strict
    dataclass only from an instance of it (`dataclass_exact_type`), so a strict one (the issue
    file's mappings) is validated as the pydantic model of the same fields and configuration,
    as it was declared before these were dataclasses."""
    import os

    # pydantic looks for plugins (every installed distribution's entry points) the first time
    # it builds a schema; none is used. PYDANTIC_DISABLE_PLUGINS is pydantic's documented
    # switch; a value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from pydantic import TypeAdapter

    return TypeAdapter(_swap(schema))


def _strict(tp: Any) -> bool:
    return dataclasses.is_dataclass(tp) and bool(getattr(tp, "__pydantic_config__", {}).get("strict"))


def _swap(tp: Any) -> Any:
    """`tp` with each strict dataclass in it replaced by its pydantic model."""
    if _strict(tp):
        return _model(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if not args or origin is typing.Literal:
        return tp
    if origin is Annotated:
        return Annotated[(_swap(args[0]), *tp.__metadata__)]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_swap(a) for a in args)]
    return origin[tuple(_swap(a) for a in args)]


@functools.cache
def _model(cls: type):
    from pydantic import ConfigDict, Field, create_model

    hints = typing.get_type_hints(cls, include_extras=True)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = Field(default_factory=f.default_factory)
        else:
            default = ...
        fields[f.name] = (_swap(hints[f.name]), default)
    return create_model(cls.__name__, __config__=ConfigDict(**cls.__pydantic_config__), __module__=cls.__module__,
                        **fields)
