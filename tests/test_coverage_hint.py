"""The lines the missing-character report (compose/coverage.py) tells an editor to save as a
layout: they must be a layout she can save as printed — YAML that extends the layout she
uses and adds the font that has the characters to the role's fallbacks after the ones it
already has (a fallback list replaces the base's whole)."""

from __future__ import annotations

import textwrap

import yaml

from bulletin_pdf.compose.coverage import _layout_lines
from bulletin_pdf.model import Issue


def issue_at(path, layout_line=None) -> Issue:
    import datetime as dt
    return Issue("刊", "普刊", 1, None, "编", dt.date(2025, 1, 1), None, None, (), None, str(path), layout_line)


def test_the_hint_lines_are_a_layout_that_adds_the_fallback(tmp_path, layout):
    text, how = _layout_lines({"body": "Noto Serif CJK SC"}, {"body": "𠮷"}, issue_at(tmp_path / "issue.yaml"),
                              layout)
    assert all(line.startswith("      ") for line in text.splitlines())       # indented for the terminal
    saved = yaml.safe_load(textwrap.dedent(text))
    before = [{"file": f.file} if f.file else {"family": f.family} for f in layout.fonts["body"].fallbacks]
    assert saved == {"extends": "jianbao",
                     "fonts": {"body": {"fallbacks": before + [{"family": "Noto Serif CJK SC"}]}}}
    assert str(tmp_path / "my-jianbao.yaml") in how
    # no installed font has them: a font file to find, named by the characters
    text, _ = _layout_lines({"body": None}, {"body": "𠮷𡈽"}, issue_at(tmp_path / "issue.yaml"), layout)
    saved = yaml.safe_load(textwrap.dedent(text))
    assert saved["fonts"]["body"]["fallbacks"][-1] == {"file": "FONT-WITH-𠮷.ttf"}
    assert "a font file that has 𠮷𡈽" in text


def test_the_hint_for_an_issue_naming_its_layout_changes_that_line(tmp_path, layout):
    _, how = _layout_lines({"body": "X"}, {"body": "𠮷"}, issue_at(tmp_path / "issue.yaml", "jianbao"), layout)
    assert "`layout: jianbao`" in how and "my-jianbao.yaml" in how


def test_the_hint_for_an_editors_own_layout_goes_into_it(tmp_path, layout):
    import dataclasses
    own = dataclasses.replace(layout, file=str(tmp_path / "mine.yaml"))
    text, how = _layout_lines({"body": "X"}, {"body": "𠮷"}, issue_at(tmp_path / "issue.yaml"), own)
    saved = yaml.safe_load(textwrap.dedent(text))
    assert "extends" not in saved and saved["fonts"]["body"]["fallbacks"][-1] == {"family": "X"}
    assert str(tmp_path / "mine.yaml") in how
