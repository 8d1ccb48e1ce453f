"""What the line engine says when a rule had to give way (text/engine.py `set_prepared`): a
word broken to fit the measure is named in the warning, a forced single last character (孤字)
is said, and the paragraph is marked relaxed — the warnings' English stated here literally
from the message catalogue, the broken words found from the lines, not from the engine."""

from __future__ import annotations

import re

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text.engine import set_paragraph

SIZE = 16.0
CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", SIZE, CELL)
OVERFULL = "does not fit the measure unbroken; broken inside "      # the catalogue's English


def _set(fonts, text: str, cells: int):
    return set_paragraph([Span(text, BODY)], fonts, ParagraphSpec(cells * CELL, 0.0, 0.0, True, LineRules()))


def _broken_words(text: str, lines) -> list[str]:
    """The Latin words (runs of ASCII letters) a line break falls inside, in order, each as
    often as it occurs broken — found from the lines' texts, not from the engine's units."""
    cuts, at = set(), 0
    for line in lines[:-1]:
        at += len(line.text)
        cuts.add(at)                 # a break before text[at]
    return [m.group() for m in re.finditer(r"[A-Za-z]+", text) if any(m.start() < c < m.end() for c in cuts)]


@pytest.mark.parametrize("text", [
    "产产ESG产产产AIABCDEFGHIJKLMNOP",
    # Hello is cut after its first letter; AIESG ends the paragraph whole
    "ABCDEFGHIJKLMNOP产ABCDEFGHIJKLMNOP。Hello产产产AIESG",
])
def test_an_overfull_paragraph_names_each_word_it_had_to_break(fonts, text):
    """Five cells a line: words wider than the measure must be broken (clreq keeps a Latin word
    whole only where it fits, https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end);
    the warning names every word a line break falls inside — and no word that a line only
    begins or ends with."""
    para = _set(fonts, text, 5)
    assert "".join(line.text for line in para.lines) == text
    names = _broken_words(text, para.lines)
    assert names and para.relaxed
    assert para.overfull == OVERFULL + ", ".join(names)
    assert para.warnings[0] == para.overfull


def test_an_overfull_warning_cuts_a_long_word_to_forty_characters(fonts):
    word = "Supercalifragilisticexpialidocious" * 2           # 68 letters
    para = _set(fonts, "产产" + word + "产产", 6)
    assert para.overfull == OVERFULL + word[:40] + "…"


def test_a_forced_single_last_character_is_said(fonts):
    """Five cells: ESG2025 is one Latin unit, never broken where it fits; 。 never begins a
    line (GB/T 15834-2011 5.1), and the unit, the stop and 产 do not fit one line together: 产，
    is left alone on the last line, one character and a mark — a 孤字 (clreq
    https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows), said, and the
    paragraph marked relaxed."""
    para = _set(fonts, "ESG2025。产，", 5)
    assert [line.text for line in para.lines] == ["ESG2025。", "产，"]
    assert list(para.warnings) == ["the last line holds a single character (孤字): no other breaks fit"]
    assert para.relaxed and para.overfull == ""
