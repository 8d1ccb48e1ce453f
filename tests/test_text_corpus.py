"""The corpus of tests/corpus.txt set on the sample's measure: every rule holds on real
sentences with ——, ……, nested quotes, book titles, brackets, ranges, numbers, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span, set_paragraph

from .rules import NO_LINE_END, NO_LINE_START, is_punctuation

CORPUS = [l for l in (Path(__file__).parent / "corpus.txt").read_text(encoding="utf-8").splitlines()
          if l and not l.startswith("#")]
MEASURE = 156 * 72 / 25.4
CELL = MEASURE / 28


@pytest.mark.parametrize("text", CORPUS, ids=[f"line{k + 1}" for k in range(len(CORPUS))])   # ASCII ids: mutmut passes them back to pytest
def test_corpus_paragraph(fonts, text):
    para = set_paragraph([Span(text, RunStyle("body", 16, CELL))], fonts,
                         ParagraphSpec(MEASURE, 2 * CELL, 0.0, True, LineRules()))
    assert "".join(l.text for l in para.lines) == text
    assert not para.warnings
    for k, line in enumerate(para.lines):
        if k:
            assert line.text[0] not in NO_LINE_START
        if k < len(para.lines) - 1:
            assert line.text[-1] not in NO_LINE_END
            assert line.indent + line.width == pytest.approx(MEASURE, abs=0.01)
    if len(para.lines) > 1:
        assert sum(not is_punctuation(c) for c in para.lines[-1].text) >= 2
    for unit in ("3,560", "1,286", "41.7%", "PM2.5", "VR/AR", "ESG", "8.3%", "12.5%"):
        if unit in text:
            assert any(unit in l.text for l in para.lines)


def test_corpus_has_a_line_that_fits_only_by_line_end_compression(fonts):
    """The last corpus sentence is built so that its first line holds the indent, 24
    characters, `“` and `。”`: 28.5 em after the pair's compression, set on 28 only because the
    closing quote gives up its blank half at the line end."""
    text = CORPUS[-1]
    para = set_paragraph([Span(text, RunStyle("body", 16, CELL))], fonts,
                         ParagraphSpec(MEASURE, 2 * CELL, 0.0, True, LineRules()))
    first = para.lines[0]
    assert first.text.endswith("。”") and len(first.glyphs) == 27
    assert first.glyphs[-1].x + first.indent == pytest.approx(MEASURE - CELL / 2, abs=0.01)
