"""`input/accept.py` vouches for a file without pydantic only where pydantic accepts it and
gives an equal value: on every issue and layout of the project and the corpus, and on those
files with values swapped for others a YAML file can hold (right ones, wrong types, out of
range, inf and nan, unknown and missing fields). Whatever accept doubts goes to pydantic,
whose verdict and messages the other tests check (test_editor_errors, test_hostile, …)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import enum
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_pdf.input.accept import Doubt, _pydantic, accept
from bulletin_pdf.input.extends import read_layout_chain
from bulletin_pdf.input.schema import IssueIn
from bulletin_pdf.input.yamlread import read_yaml
from bulletin_pdf.model import Layout

from .fuzzing import CORPUS, ROOT

ISSUES = [ROOT / "content" / "2025-09.yaml", ROOT / "content" / "examples" / "report.yaml",
          *sorted((CORPUS / "issues").glob("*.yaml"))]
LAYOUTS = [*sorted((ROOT / "layouts").glob("*.yaml")), *sorted((CORPUS / "layouts").glob("*.yaml"))]


def issue_data(path):
    return read_yaml(path, IssueIn).data


def layout_data(path):
    doc, _origins = read_layout_chain(path)
    return {**doc.data, "file": doc.file}


def plain(value):
    """A value as nested plain data with its types: a dataclass and a pydantic model of the
    same fields compare alike, a tuple and a list do not, nor 1 and 1.0."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(type(value), "model_fields"):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [plain(v) for v in value])
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    if isinstance(value, enum.Enum):
        return (type(value).__name__, value.value)
    return (type(value).__name__, value)


def pydantic_verdict(schema, data):
    from pydantic import ValidationError

    try:
        return plain(_pydantic(schema).validate_python(copy.deepcopy(data)))
    except ValidationError:
        return None


def agree(schema, data) -> bool:
    """True when accept vouched for `data`; then pydantic gives the same value."""
    try:
        ours = plain(accept(schema, copy.deepcopy(data)))
    except Doubt:
        return False
    assert pydantic_verdict(schema, data) == ours
    return True


PROJECT = [(IssueIn, issue_data, p) for p in ISSUES[:2]] + [(Layout, layout_data, p) for p in LAYOUTS[:2]]
EVERY = [(IssueIn, issue_data, p) for p in ISSUES] + [(Layout, layout_data, p) for p in LAYOUTS]


@pytest.mark.parametrize("schema, read, path", PROJECT, ids=lambda x: getattr(x, "name", ""))
def test_the_project_files_are_vouched_for_as_pydantic_reads_them(schema, read, path):
    assert agree(schema, read(path))


@pytest.mark.parametrize("schema, read, path", EVERY, ids=lambda x: getattr(x, "name", ""))
def test_corpus_files_agree(schema, read, path):
    try:
        data = read(path)
    except Exception:           # a file the corpus keeps for its YAML error
        pytest.skip("not readable")
    agree(schema, data)


def test_doubts_go_to_pydantic():
    """What accept leaves to pydantic: what pydantic would convert, and every mistake."""
    data = layout_data(LAYOUTS[0])
    for change in ({"grid": {"lines": "22", "chars": 28}}, {"grid": {"lines": 22.0, "chars": 28}},
                   {"grid": {"lines": True, "chars": 28}}, {"grid": {"lines": 0, "chars": 28}},
                   {"grid": {"lines": 22, "chars": 28, "rows": 3}}, {"grid": {"lines": 22}},
                   {"page": {"width": math.nan, "height": "297mm"}}, {"page": {"width": "210mm", "height": math.inf}}):
        with pytest.raises(Doubt):
            accept(Layout, {**data, **change})
    issue = issue_data(ISSUES[0])
    for change in ({"number": 0}, {"number": "1"}, {"date": "2025-09-30"}, {"publication": " "},
                   {"columns": []}, {"edition": "周刊"}, {"serial": 1.5}):
        with pytest.raises(Doubt):
            accept(IssueIn, {**issue, **change})


LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from([0, 1, -1, 10**9]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.inf, -math.inf, math.nan, 0.0, -0.5, 1e9]),
    st.sampled_from(["", " ", "37mm", "1e9mm", "16", "abc", "普刊",
                                                                      "left", "break", "dots", "#x"]),
    st.text(max_size=4), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.builds(lambda: []), st.builds(lambda: {}), st.lists(st.integers(0, 100), max_size=5),
    st.lists(st.text(max_size=3), max_size=3), st.builds(lambda: {"x": 1}),
)


def paths(data, prefix=()):
    """The path of every value in `data`."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths(v, prefix + (i,))


def mutate(data, draw):
    data = copy.deepcopy(data)
    places = list(paths(data))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places[1:]))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["set", "set", "drop", "extra"]))
            if action == "set":
                parent[path[-1]] = draw(LEAVES)
            elif action == "drop" and isinstance(parent, dict):
                parent.pop(path[-1], None)
            elif isinstance(parent, dict):
                parent[draw(st.sampled_from(["colour", "nmae", "size", "x"]))] = draw(LEAVES)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_issues_agree(data):
    agree(IssueIn, mutate(issue_data(ISSUES[data.draw(st.integers(0, 1))]), data.draw))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_layouts_agree(data):
    agree(Layout, mutate(layout_data(LAYOUTS[data.draw(st.integers(0, 1))]), data.draw))


def test_what_pydantic_converts_still_loads(tmp_path):
    """A layout that gives a number as text (`"22"`) is doubted by accept and loaded by
    pydantic, which converts it as it always has: the same layout as with the number."""
    from bulletin_pdf.input.load import load_layout

    (tmp_path / "layouts").mkdir()
    plain_layout = tmp_path / "layouts" / "plain.yaml"
    quoted_layout = tmp_path / "layouts" / "quoted.yaml"
    plain_layout.write_text("extends: jianbao\ngrid: {lines: 22, chars: 28}\n", encoding="utf-8")
    quoted_layout.write_text('extends: jianbao\ngrid: {lines: 22, chars: 28}\nbody:\n  indent: "2"\n',
                             encoding="utf-8")
    with pytest.raises(Doubt):
        accept(Layout, layout_data(quoted_layout))
    quoted, unquoted = load_layout(quoted_layout), load_layout(plain_layout)
    assert quoted.body.indent == 2.0 and type(quoted.body.indent) is float
    assert dataclasses.replace(quoted, file="") == dataclasses.replace(unquoted, file="")
