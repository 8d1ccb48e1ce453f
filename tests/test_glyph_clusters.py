"""A glyph cluster is never parted by a line break, not even by the last resort that lets a
line end anywhere else. HarfBuzz: "a cluster is a sequence of characters that needs to be
treated as a single, indivisible unit" (https://harfbuzz.github.io/clusters.html#clusters-and-shaping);
the —— of the body face is one glyph for two characters, as are the Latin ligatures ffi/ffl and
a letter with its combining mark. Parting one puts the whole glyph on the first line and leaves
the next line holding nothing (a blank line in the column).

Stated here, not read from the engine: every line holds at least one glyph, every line's text
is non-empty, and the lines' texts put back together are the paragraph's text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.engine import set_paragraph

from .profiles import examples

SIZE = 16.0
CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", SIZE, CELL)
#: pieces of text, each one or more clusters; "——" and "ffi" are one glyph each in the body face
PIECES = ["产", "国", "——", "……", "，", "。", "”", "）", "（", "office", "affluent", "cafe\u0301", "2025"]


def lines_of(fonts, text: str, cells: float, justify: bool = True) -> list:
    spec = ParagraphSpec(cells * CELL, 0.0, 0.0, justify, LineRules())
    return set_paragraph([Span(text, BODY)], fonts, spec).lines


def assert_whole(lines, text: str) -> None:
    assert "".join(line.text for line in lines) == text
    for line in lines:
        assert line.text and line.glyphs, [ln.text for ln in lines]


@pytest.mark.parametrize("text, cells", [
    ("——”）——", 4),            # found by a reader: the last resort left an empty last line
    ("——”）——", 3),
    ("产产——", 1),              # every line overfull: —— still stands whole
    ("产——”）——", 4),
    ("office", 1),              # a Latin word cut, never inside its ffi
    ("cafe\u0301", 1),          # nor between e and its accent
])
def test_the_last_resort_never_parts_a_glyph_cluster(fonts, text, cells):
    assert_whole(lines_of(fonts, text, cells), text)


@settings(max_examples=examples(60), deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=10),
       cells=st.sampled_from([0.5, 1, 1.5, 2, 3, 4, 6]), justify=st.booleans())
@example(pieces=["——", "”", "）", "——"], cells=4, justify=True)
def test_no_line_is_empty_at_any_measure(fonts, pieces, cells, justify):
    text = "".join(pieces)
    assert_whole(lines_of(fonts, text, cells, justify), text)


def test_a_letter_with_its_combining_mark_reads_back_and_the_letter_alone_stays_alone(tmp_path):
    """A PDF gives each glyph one text (its ToUnicode entry, PDF 32000-1 §9.10.3): the cluster
    文 + U+0301 is two glyphs, the face's own 文 and its own combining acute, so each stands
    for its own character. With the cluster's text on the first glyph, the mark was lost from
    the copied text, or added to every other 文 of the issue, whichever came first."""
    import io

    import pdfplumber

    from bulletin_pdf.pipeline import build

    from .test_blocks import HEAD

    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + "          - 正文开始文\u0301结束，文字。\n          - 文件和cafe\u0301以及cafe。\n",
                    encoding="utf-8")
    result = build(path)
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        drawn = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert "开始文\u0301结束，文字。" in drawn, drawn
    assert "文件和cafe\u0301以及cafe。" in drawn, drawn
