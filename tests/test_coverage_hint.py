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


def test_faces_used_names_only_the_faces_besides_the_roles_own(layout, fonts):
    """`fonts list ISSUE` / `check`: which characters a fallback or synthesised face set — a
    subscript digit no face has is made from the body face's digit (`body~sub`); the
    characters the role's own face sets are not listed."""
    import dataclasses

    from bulletin_pdf.compose.coverage import faces_used
    from bulletin_pdf.model import Article, Column, Inline, Paragraph, Source

    from .test_page_furniture import issue_of

    where = Source("x.yaml", 3, "x")
    article = Article(("水质",), (Paragraph((Inline("化学需氧量、CO₂和H₂O。"),), where),), None, None, where)
    issue = dataclasses.replace(issue_of(), columns=(Column("工作", (article,), (), where),))
    assert faces_used(issue, layout, fonts) == {"body~sub": "₂"}


def test_more_missing_characters_than_are_listed_end_with_a_located_count(tmp_path, layout, fonts):
    """At most 60 missing characters are listed one by one (a file in another encoding could
    have thousands); then one more error says how many are left, at the first of them."""
    import pytest

    from bulletin_pdf.compose.coverage import MAX_REPORTED, check_coverage
    from bulletin_pdf.errors import FontError
    from bulletin_pdf.input.load import load_issue

    from .test_blocks import HEAD

    rare = "".join(chr(0x30000 + k) for k in range(MAX_REPORTED + 3))     # CJK Extension G: no face has them
    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + f"          - 甲{rare}\n", encoding="utf-8")
    with pytest.raises(FontError) as caught:
        check_coverage(load_issue(path), layout, fonts)
    errors = caught.value.all
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(path), 10, 14)   # the first
    assert len(errors) == MAX_REPORTED + 1
    # the last one listed carries the advice, naming every character it covers
    assert rare in str(errors[MAX_REPORTED - 1].hint)
    assert [e.column for e in errors[:MAX_REPORTED]] == list(range(14, 14 + MAX_REPORTED))
    last = errors[-1]
    assert "3 more" in str(last) and (last.line, last.column) == (10, 14 + MAX_REPORTED)
