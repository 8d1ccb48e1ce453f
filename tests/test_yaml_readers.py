"""The two YAML readers of `yamlread.read_yaml` read the same thing (issue #9, "Speed").

Issue and layout files are read with libyaml's parser under our bounded Python composer
(`inputs.FastBoundedLoader`); a file it refuses is read again with PyYAML's pure-Python reader
(`inputs.BoundedLoader`), whose error messages `slips.explain` reads. So the fast reader may
refuse more, never less, and what it reads must be exactly what the pure one reads: the same
values, the same line and column of every key and value, the same raw scalars — on the sample,
the example, the layouts, the fuzz corpus and mutations of them (tests/fuzzing.py). And a bound
(an alias, depth, size, a long number, a date) refused by both is refused at the same node with
the same message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings

from bulletin_pdf.input import yamlread
from bulletin_pdf.errors import InputError
from bulletin_pdf.input.schema import IssueIn
from bulletin_pdf.input.files import BoundedLoader, FastBoundedLoader, check_characters, decode_text, libyaml_reads_alike
from bulletin_pdf.model import Layout

from .fuzzing import BASE_ISSUE, BASE_LAYOUT, CORPUS, ROOT, mutated_text

pytestmark = pytest.mark.skipif(FastBoundedLoader is None, reason="PyYAML is built without libyaml here")

ISSUES = [ROOT / "content" / "2025-09.yaml", ROOT / "content" / "examples" / "report.yaml",
          *sorted((CORPUS / "issues").glob("*.yaml"))]
LAYOUTS = [*sorted((ROOT / "layouts").glob("*.yaml")), *sorted((CORPUS / "layouts").glob("*.yaml"))]
REFUSED = (yaml.YAMLError, InputError, ValueError)      # what read_yaml takes as "read it again"


def read_both(text: str, schema: type, aliases: bool):
    """(fast, pure): each a `yamlread.Document`, or the exception its reader raised."""
    results = []
    for reader in (FastBoundedLoader, BoundedLoader):
        try:
            results.append(yamlread._parse(text, "file.yaml", schema, aliases, (), reader))
        except REFUSED as exc:
            results.append(exc)
    return results


def assert_same_reading(raw: bytes, schema: type, aliases: bool) -> None:
    try:
        text = decode_text(raw, "file.yaml")
        check_characters(text, "file.yaml")
    except InputError:
        return                       # refused before any YAML reader sees it
    if not libyaml_reads_alike(text):
        return                       # read_yaml gives it to the pure-Python reader only
    fast, pure = read_both(text, schema, aliases)
    if isinstance(fast, yamlread.Document):
        assert isinstance(pure, yamlread.Document), f"libyaml read a file PyYAML refuses: {pure}"
        assert repr(fast.data) == repr(pure.data)          # repr: a .nan equals itself
        assert fast._replace(data=None) == pure._replace(data=None)   # lines, columns, raw scalars
    elif isinstance(fast, InputError) and isinstance(pure, InputError):
        assert (fast.message, fast.line, fast.column, fast.field) == (pure.message, pure.line, pure.column,
                                                                      pure.field)


@pytest.mark.parametrize("path", ISSUES, ids=lambda p: p.name)
def test_issue_files_read_alike(path: Path):
    assert_same_reading(path.read_bytes(), IssueIn, aliases=False)


@pytest.mark.parametrize("path", LAYOUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_layout_files_read_alike(path: Path):
    assert_same_reading(path.read_bytes(), Layout, aliases=True)


def test_what_libyaml_reads_otherwise_goes_to_pyyaml():
    """The two known differences: a tab after plain text (libyaml reads it, PyYAML refuses it,
    and the editor is told of the tab) and the place of an empty value in { } or [ ]."""
    assert not libyaml_reads_alike("title: 一\t二\n")
    with pytest.raises(yaml.YAMLError):
        yamlread._parse("a: {text: , line: 0}\n", "file.yaml", Layout, True, (), FastBoundedLoader)
    pure = yamlread._parse("a: {text: , line: 0}\n", "file.yaml", Layout, True, (), BoundedLoader)
    assert pure.columns[("a", "text")] == 10


def test_the_sample_is_read_fast():
    """Not a timing: the sample and the layout are read by the fast reader, not after a
    refusal (which would make the fallback the normal path)."""
    for path, schema, aliases in ((ISSUES[0], IssueIn, False), (LAYOUTS[0], Layout, True)):
        text = path.read_text(encoding="utf-8")
        fast, _ = read_both(text, schema, aliases)
        assert libyaml_reads_alike(text)
        assert isinstance(fast, yamlread.Document)


FAST = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), max_examples=300)


@FAST
@given(raw=mutated_text(BASE_ISSUE.encode("utf-8")))
@example(raw=b"a0: &a0 'lol'\na1: [*a0, *a0]\n")
@example(raw=b"publication: " + b"[" * 40)
@example(raw=b"number: " + b"9" * 31)
@example(raw="publication: 一\t二\n".encode())          # libyaml reads it, PyYAML refuses the tab
@example(raw=b"publication: {text: }\n")                # the empty value's place differs
def test_mutated_issues_read_alike(raw: bytes):
    assert_same_reading(raw, IssueIn, aliases=False)


@FAST
@given(raw=mutated_text(BASE_LAYOUT.encode("utf-8"), numbers=True))
@example(raw=b"a0: &a0 'lol'\n" + b"".join(b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10))
                                          for i in range(1, 8)))
@example(raw=b"masthead:\n  items:\n    - {text: , line: 0}\n    - [size: ]\n")
def test_mutated_layouts_read_alike(raw: bytes):
    assert_same_reading(raw, Layout, aliases=True)
