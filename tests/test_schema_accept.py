"""`input/accept.py`'s own contract, stated directly: what it vouches for without pydantic and
what it leaves to pydantic (`Doubt`), for each kind of type and each kind of bound a
`bounds.Check` declares — a value exactly at an inclusive bound (`ge`, `le`, `min_length`,
`max_length`) IS vouched for, one just past it is doubted; an exclusive bound (`gt`, `lt`)
doubts the bound itself. tests/test_accept.py checks that accept and pydantic agree on the
project's files; a fast path that doubted everything would agree too, so these tests say
what it must take. Then what pydantic is told on the doubt path (`Check.__get_pydantic_core_schema__`):
each kind of bound refused by pydantic with its own error and bound, as typed here from the
Check's arguments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
import os
import typing
from typing import Annotated, Any

import pytest
from pydantic import ValidationError

from bulletin_pdf.bounds import Check
from bulletin_pdf.input import accept as accept_module
from bulletin_pdf.input.accept import Doubt, _pydantic, accept, validated
from bulletin_pdf.input.schema import ColumnIn, DistributionIn, IssueIn, ItemIn
from bulletin_pdf.model import FontChoice, Overfull, parse_length


def doubted(schema, value) -> bool:
    try:
        accept(schema, value)
    except Doubt:
        return True
    return False


def same(a, b) -> bool:
    """Equal and of the same type (1 is not 1.0, a list is not a tuple), all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def vouched(schema, value, expected) -> bool:
    """accept vouches for `value` as `expected`, with its type."""
    try:
        got = accept(schema, value)
    except Doubt:
        return False
    return same(got, expected)


# ----------------------------------------------------------------------------- bounds of a value

@pytest.mark.parametrize("check, at, past, inside", [
    (Check(ge=1.5), 1.5, 1.25, 2.0),          # ge: the bound itself is in
    (Check(le=10.0), 10.0, 10.5, 9.0),        # le: the bound itself is in
    (Check(ge=-0.5, le=10.0), -0.5, -0.75, 0.0),
    (Check(ge=-0.5, le=10.0), 10.0, 10.25, 0.0),
])
def test_a_value_at_an_inclusive_bound_is_vouched_for(check, at, past, inside):
    schema = Annotated[float, check]
    assert vouched(schema, at, at)
    assert vouched(schema, inside, inside)
    assert doubted(schema, past)


@pytest.mark.parametrize("check, at, inside, beyond", [
    (Check(gt=0), 0.0, 0.5, -1.0),            # gt: the bound itself is out
    (Check(lt=10.0), 10.0, 9.5, 11.0),        # lt: the bound itself is out
    (Check(gt=0, lt=1), 1.0, 0.5, 2.0),
    (Check(gt=0, lt=1), 0.0, 0.5, -1.0),
])
def test_a_value_at_an_exclusive_bound_is_doubted(check, at, inside, beyond):
    schema = Annotated[float, check]
    assert doubted(schema, at)
    assert doubted(schema, beyond)
    assert vouched(schema, inside, inside)


def test_whole_numbers_at_their_bounds():
    """An int field keeps an int; the Count of the layouts is 1 … 1000."""
    count = Annotated[int, Check(ge=1, le=1000)]
    assert vouched(count, 1, 1) and vouched(count, 1000, 1000)
    assert doubted(count, 0) and doubted(count, 1001)
    positive = Annotated[int, Check(strict=True, gt=0)]
    assert vouched(positive, 1, 1) and doubted(positive, 0) and doubted(positive, -1)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_finite_doubts_inf_and_nan_only_where_it_is_asked(value):
    assert doubted(Annotated[float, Check(finite=True)], value)
    assert doubted(Annotated[float, Check(ge=0, le=10.0, finite=True)], value)
    # without `finite`, pydantic takes inf and nan: so does accept
    got = accept(Annotated[float, Check()], value)
    assert math.isnan(got) if math.isnan(value) else got == value
    assert vouched(Annotated[float, Check(finite=True)], 2.5, 2.5)
    assert vouched(Annotated[float, Check(finite=True)], 3, 3.0)


# ----------------------------------------------------------------------------- bounds of a length, a pattern

def test_a_length_at_its_bounds_is_vouched_for():
    title = Annotated[list[str], Check(min_length=1, max_length=2)]
    assert vouched(title, ["a"], ["a"])                 # min_length 1: one is enough
    assert vouched(title, ["a", "b"], ["a", "b"])       # max_length 2: two are allowed
    assert doubted(title, [])
    assert doubted(title, ["a", "b", "c"])
    assert vouched(Annotated[str, Check(max_length=3)], "abc", "abc")
    assert doubted(Annotated[str, Check(max_length=3)], "abcd")
    assert vouched(Annotated[str, Check(min_length=3)], "abc", "abc")
    assert doubted(Annotated[str, Check(min_length=3)], "ab")


def test_a_pattern_is_searched_for_anywhere_in_the_text():
    text = Annotated[str, Check(strict=True, pattern=r"\S")]     # schema.Text: not blank
    assert vouched(text, "  标题", "  标题")        # found after spaces: search, not match
    assert vouched(text, "x", "x")
    assert doubted(text, "") and doubted(text, " \t\u3000")
    assert doubted(text, 5)                          # strict: a number is not text


# ----------------------------------------------------------------------------- before, strict

def test_before_runs_first_then_the_type_then_the_bounds():
    page = Annotated[float, Check(before=parse_length, gt=0, le=14400.0, finite=True)]
    assert vouched(page, "36pt", 36.0)
    assert vouched(page, "1in", 72.0)
    assert vouched(page, "14400pt", 14400.0)          # at le, after the conversion
    assert doubted(page, "14401pt") and doubted(page, "0mm")
    assert doubted(page, "37 furlongs")               # before raised: pydantic says why
    as_lines = Annotated[list[str], Check(before=lambda v: [v] if isinstance(v, str) else v, min_length=1)]
    assert vouched(as_lines, "一行", ["一行"])
    assert vouched(as_lines, ["a", "b"], ["a", "b"])


def test_no_before_means_the_value_as_given():
    assert doubted(Annotated[float, Check(le=100.0)], "36pt")
    assert vouched(Annotated[str, Check(strict=True)], "36pt", "36pt")


def test_strict_of_a_check_reaches_the_types_inside():
    """pydantic's strict tuple takes a tuple only, never a YAML list: a Check(strict=True)
    around a tuple, or a strict record, is doubted; a lax tuple is read from a list."""
    pair = tuple[int, int]
    assert vouched(pair, [1, 2], (1, 2))
    assert doubted(Annotated[pair, Check(strict=True)], [1, 2])
    assert vouched(Annotated[pair, Check()], [1, 2], (1, 2))
    assert vouched(Annotated[pair, Check(strict=False, min_length=2)], [1, 2], (1, 2))


def test_a_check_is_read_only_alone():
    """Annotated metadata accept does not know (or a second Check) goes to pydantic."""
    assert vouched(Annotated[int, Check(ge=0)], 3, 3)
    assert doubted(Annotated[int, Check(ge=0), Check(le=9)], 3)
    assert doubted(Annotated[int, "a note"], 3)


# ----------------------------------------------------------------------------- the types

def test_exact_yaml_types():
    assert vouched(str, "a", "a") and doubted(str, 1) and doubted(str, None)
    assert vouched(int, 3, 3) and doubted(int, 3.0) and doubted(int, True) and doubted(int, "3")
    assert vouched(bool, True, True) and doubted(bool, 1) and doubted(bool, "true")
    assert vouched(float, 3, 3.0) and vouched(float, 2.5, 2.5)
    assert doubted(float, True) and doubted(float, "2.5") and doubted(float, None)
    day = dt.date(2025, 9, 29)
    assert vouched(dt.date, day, day)
    assert doubted(dt.date, dt.datetime(2025, 9, 29, 10)) and doubted(dt.date, "2025-09-29")
    anything = object()
    assert accept(Any, anything) is anything
    assert doubted(bytes, b"x") and doubted(set[int], {1})


def test_optional_takes_none_and_the_type():
    maybe = Annotated[int, Check(ge=1)] | None
    assert accept(maybe, None) is None
    assert vouched(maybe, 5, 5)
    assert doubted(maybe, 0) and doubted(maybe, "5")
    assert accept(typing.Optional[str], None) is None and vouched(typing.Optional[str], "x", "x")
    assert doubted(int | str, 1) and doubted(int | str | None, None)


def test_literal_of_text():
    edition = typing.Literal["普刊", "专刊", "增刊"]
    assert vouched(edition, "专刊", "专刊") and doubted(edition, "周刊") and doubted(edition, 1)
    assert doubted(typing.Literal[1, 2], 1)
    assert doubted(typing.Literal["a", 1], "a")


def test_lists_tuples_and_mappings():
    assert vouched(list[int], [1, 2], [1, 2]) and vouched(list[int], [], [])
    assert doubted(list[int], (1, 2)) and doubted(list[int], [1, "2"]) and doubted(list[int], "12")
    assert vouched(tuple[int, ...], [1, 2, 3], (1, 2, 3)) and vouched(tuple[int, ...], [], ())
    assert doubted(tuple[int, ...], (1, 2)) and doubted(tuple[int, ...], [1, 2.5])
    pair = tuple[int, str]                       # two items, not an int and more text
    assert vouched(pair, [1, "a"], (1, "a"))
    assert doubted(pair, [1, "a", "b"]) and doubted(pair, [1]) and doubted(pair, [1, 2])
    assert doubted(tuple[int], [1, 2]) and vouched(tuple[int], [1], (1,))
    cmyk = tuple[float, float, float, float]
    assert vouched(cmyk, [0, 100, 100, 0], (0.0, 100.0, 100.0, 0.0))
    assert doubted(cmyk, [0, 100, 100]) and doubted(cmyk, [0, 100, 100, 0, 0]) and doubted(cmyk, (0, 1, 2, 3))
    offsets = dict[Annotated[int, Check(ge=1, le=9999)], Annotated[int, Check(ge=0)]]
    assert vouched(offsets, {2025: 706, 1: 0}, {2025: 706, 1: 0})
    assert doubted(offsets, {0: 1}) and doubted(offsets, {2025: -1}) and doubted(offsets, [(2025, 706)])


class Kind(enum.Enum):
    A = "a"
    ONE = 1


def test_an_enum_by_its_text_value():
    assert accept(Overfull, "break") is Overfull.BREAK and accept(Overfull, "error") is Overfull.ERROR
    assert doubted(Overfull, "BREAK") and doubted(Overfull, Overfull.BREAK) and doubted(Overfull, None)
    assert accept(Kind, "a") is Kind.A
    assert doubted(Kind, 1)                 # only text values are read (YAML gives no enum)


# ----------------------------------------------------------------------------- records

@dataclasses.dataclass(frozen=True)
class Part:
    __pydantic_config__ = {"extra": "forbid"}
    name: str
    size: Annotated[float, Check(gt=0)] = 1.0
    tags: list[str] = dataclasses.field(default_factory=list)
    pair: tuple[int, int] = (0, 0)
    derived: int = dataclasses.field(init=False, default=0)


@dataclasses.dataclass(frozen=True)
class StrictPart:
    __pydantic_config__ = {"extra": "forbid", "strict": True}
    pair: tuple[int, int] = (0, 0)


@dataclasses.dataclass(frozen=True)
class Open:
    name: str = ""


@dataclasses.dataclass(frozen=True)
class Ignoring:
    __pydantic_config__ = {"extra": "ignore"}
    name: str = ""


def test_a_record_from_a_mapping():
    assert accept(Part, {"name": "x"}) == Part(name="x")
    got = accept(Part, {"name": "x", "size": 2, "tags": ["a"], "pair": [1, 2]})
    assert got == Part(name="x", size=2.0, tags=["a"], pair=(1, 2)) and type(got.size) is float
    assert doubted(Part, {})                                   # `name` has no default
    assert doubted(Part, {"size": 2})
    assert doubted(Part, {"name": "x", "colour": "red"})       # a field it lacks
    assert doubted(Part, {"name": "x", "derived": 1})          # not a field of __init__
    assert doubted(Part, {"name": "x", 1: 2})                  # a key that is not text
    assert doubted(Part, {"name": "x", "size": 0})
    assert doubted(Part, [("name", "x")]) and doubted(Part, "x") and doubted(Part, None)


def test_a_strict_record_reads_no_tuple_from_a_list():
    assert accept(StrictPart, {}) == StrictPart()
    assert doubted(StrictPart, {"pair": [1, 2]})


def test_a_record_that_does_not_forbid_other_fields_goes_to_pydantic():
    assert doubted(Open, {}) and doubted(Open, {"name": "x"})
    assert doubted(Ignoring, {}) and doubted(Ignoring, {"name": "x"})


def test_pydantic_reads_a_record_without_configuration_as_itself():
    """No strict model stands in for a dataclass that declares no `__pydantic_config__`."""
    assert _pydantic(list[Open]).validate_python([{"name": "x"}]) == [Open(name="x")]
    assert _pydantic(Open | None).validate_python(None) is None


def test_a_record_inside_itself():
    """A face's fallbacks are faces: the converters of a record are made on first use."""
    got = accept(FontChoice, {"file": "a.ttf", "fallbacks": [{"family": "B", "fallbacks": [{"family": "C"}]}]})
    assert got == FontChoice(file="a.ttf", fallbacks=(FontChoice(family="B", fallbacks=(FontChoice(family="C"),)),))
    assert doubted(FontChoice, {"file": "a.ttf", "fallbacks": [{"famly": "B"}]})


def test_a_mapping_of_the_issue_file_is_a_frozen_record_of_named_fields():
    from bulletin_pdf.input.schema import _Schema

    class Note(_Schema):
        text: str
        lines: int = 1

    note = Note(text="注", lines=2)
    assert dataclasses.is_dataclass(note) and (note.text, note.lines) == ("注", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        note.text = "x"
    with pytest.raises(TypeError):
        Note("注")                                               # keyword only
    assert accept(Note, {"text": "注"}) == Note(text="注") and doubted(Note, {"text": "注", "x": 1})


def test_the_issue_schema_records():
    assert accept(ItemIn, {"text": "一则。"}) == ItemIn(text="一则。")
    assert accept(ColumnIn, {"name": "栏目"}) == ColumnIn(name="栏目")
    assert accept(DistributionIn, {"send_to": "省人大", "phone": "0571"}) == DistributionIn(send_to=["省人大"], phone="0571")
    # a phone number YAML read as a number is made text first (its `before`), then vouched for
    assert accept(DistributionIn, {"phone": 85250657}) == DistributionIn(phone="85250657")
    assert doubted(DistributionIn, {"phone": 1.5})
    assert doubted(DistributionIn, {"copies": 0})


# ----------------------------------------------------------------------------- validated, and pydantic

def refuse(exc):
    return ValueError(sorted(e["type"] for e in exc.errors()))


def test_validated_returns_what_accept_vouches_for_and_else_what_pydantic_says():
    schema = Annotated[float, Check(before=parse_length, gt=0, le=100.0)]
    assert same(validated(schema, 36, refuse), 36.0)
    assert same(validated(float, "2.5", refuse), 2.5)          # doubted, converted by pydantic
    with pytest.raises(ValueError, match="greater_than"):
        validated(schema, "0mm", refuse)
    issue = {"publication": "p", "number": 1, "compiled_by": "c", "date": dt.date(2025, 9, 29),
             "columns": [{"name": "栏", "items": [{"text": "一则。"}]}]}
    got = validated(IssueIn, issue, refuse)
    assert isinstance(got, IssueIn) and got.columns[0].items[0].text == "一则。"
    doubted_issue = validated(IssueIn, {**issue, "serial": 12}, refuse)     # serial as text, by pydantic
    assert doubted_issue.serial == "12" and doubted_issue.columns[0].items[0].text == "一则。"
    assert doubted_issue.edition == "普刊" and doubted_issue.distribution is None
    with pytest.raises(ValueError, match=r"\['extra_forbidden'\]"):
        validated(IssueIn, {**issue, "colour": "red"}, refuse)


def test_pydantic_reads_a_strict_record_as_its_model():
    """The issue's mappings are strict dataclasses; pydantic validates them as models of the
    same fields, defaults and configuration (strict: 10 is not text; extra forbidden)."""
    column = _pydantic(ColumnIn).validate_python({"name": "栏"})
    assert column.name == "栏" and column.articles == () and column.items == ()
    items = _pydantic(list[ItemIn]).validate_python([{"text": "a"}, {"text": "b", "byline": "c"}])
    assert [(i.text, i.byline) for i in items] == [("a", None), ("b", "c")]
    maybe = _pydantic(typing.Optional[ItemIn])
    assert maybe.validate_python(None) is None and maybe.validate_python({"text": "a"}).text == "a"
    for schema, value, kind in [(ItemIn, {"text": 10}, "string_type"), (ItemIn, {"text": "a", "x": 1}, "extra_forbidden"),
                                (list[ItemIn], [{"text": 10}], "string_type"),
                                (Annotated[ItemIn, Check()], {}, "missing"),
                                (typing.Optional[ItemIn], {"text": " "}, "string_pattern_mismatch"),
                                (typing.Literal["a", "b"], "c", "literal_error")]:
        with pytest.raises(ValidationError) as caught:
            _pydantic(schema).validate_python(value)
        assert [e["type"] for e in caught.value.errors()] == [kind], schema


@dataclasses.dataclass(frozen=True)
class WithFactory:
    __pydantic_config__ = {"extra": "forbid", "strict": True}
    tags: list[str] = dataclasses.field(default_factory=lambda: ["made"])
    name: str = "n"


def test_a_strict_records_defaults_and_factories_in_its_model():
    got = _pydantic(WithFactory).validate_python({})
    assert got.tags == ["made"] and got.name == "n"
    assert _pydantic(WithFactory).validate_python({}).tags is not got.tags


def test_pydantic_plugins_are_not_looked_for_unless_the_user_says(monkeypatch):
    build = accept_module._pydantic.__wrapped__
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    build(int)
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some_plugin")
    build(str)
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some_plugin"


# ----------------------------------------------------------------------------- what pydantic is told

def pydantic_errors(check: Check, tp, value) -> list[tuple[str, dict]]:
    try:
        _pydantic(Annotated[tp, check]).validate_python(value)
    except ValidationError as exc:
        return [(e["type"], e.get("ctx") or {}) for e in exc.errors()]
    return []


@pytest.mark.parametrize("check, tp, value, error", [
    (Check(gt=0), float, 0.0, ("greater_than", {"gt": 0})),
    (Check(ge=1), int, 0, ("greater_than_equal", {"ge": 1})),
    (Check(lt=10), float, 10.0, ("less_than", {"lt": 10})),
    (Check(le=72.0), float, 72.5, ("less_than_equal", {"le": 72.0})),
    (Check(min_length=4), list[int], [1, 2, 3], ("too_short", {"field_type": "List", "min_length": 4, "actual_length": 3})),
    (Check(max_length=2), list[str], ["a", "b", "c"], ("too_long", {"field_type": "List", "max_length": 2, "actual_length": 3})),
    (Check(pattern=r"\S"), str, "  ", ("string_pattern_mismatch", {"pattern": r"\S"})),
    (Check(finite=True), float, math.inf, ("finite_number", {})),
    (Check(strict=True), int, "3", ("int_type", {})),
    (Check(strict=True), str, 3, ("string_type", {})),
    (Check(before=parse_length, gt=0), float, "0mm", ("greater_than", {"gt": 0})),
    (Check(before=parse_length, le=72.0), float, "1.5in", ("less_than_equal", {"le": 72.0})),
])
def test_each_kind_of_bound_is_refused_by_pydantic_with_its_bound(check, tp, value, error):
    assert pydantic_errors(check, tp, value) == [error]


@pytest.mark.parametrize("check, tp, value, expected", [
    (Check(gt=0), float, 0.5, 0.5),
    (Check(ge=1, le=1000), int, 1000, 1000),
    (Check(), int, "3", 3),                        # lax: pydantic converts, as it always has
    (Check(), float, math.inf, math.inf),          # not finite: inf allowed
    (Check(before=parse_length, le=72.0), float, "1in", 72.0),
    (Check(before=lambda v: [v] if isinstance(v, str) else v, min_length=1), list[str], "一行", ["一行"]),
])
def test_what_pydantic_takes_under_a_check(check, tp, value, expected):
    assert same(_pydantic(Annotated[tp, check]).validate_python(value), expected)


def test_a_check_stands_for_pydantics_field_keywords():
    assert Check().bounds() == {}
    assert Check(strict=True, before=parse_length).bounds() == {}
    assert Check(gt=0, le=14400.0, finite=True).bounds() == {"gt": 0, "le": 14400.0, "allow_inf_nan": False}
    assert Check(ge=-0.5, lt=1, min_length=1, max_length=2, pattern="x").bounds() == {
        "ge": -0.5, "lt": 1, "min_length": 1, "max_length": 2, "pattern": "x"}
    assert repr(Check(strict=True, gt=0)) == "Check(strict=True, gt=0)"
    assert repr(Check(ge=1, le=9999)) == "Check(ge=1, le=9999)"
    assert repr(Check()) == "Check()"
    assert repr(Check(before=parse_length, finite=True)) == f"Check(before={parse_length!r}, allow_inf_nan=False)"
