"""The paragraph cache's calls for the page optimiser and the composer (text/cache.py
`ParagraphCache.looseness`, `estimate`, `units`): each gives what the engine (or the maker it
is handed) gives for its arguments, makes it once, and keeps it only while the fonts (and, for
`units`, the layout) are the same objects — its module docstring's contract. The other cache
tests (the paragraphs themselves, titles, `memo`, the bound) are in test_watch.py."""

from __future__ import annotations

import pytest

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
from bulletin_pdf.text import cache as module
from bulletin_pdf.text.cache import ParagraphCache
from bulletin_pdf.text.engine import looseness_estimate, set_paragraph_lines, set_prepared
from bulletin_pdf.text.prepare import prepare

CELL = 156 * 72 / 25.4 / 28
BODY = RunStyle("body", 16.0, CELL)
SPEC = ParagraphSpec(28 * CELL, 2 * CELL, 0.0, True, LineRules())
#: Four lines, the last nearly full: a looser setting exists (the three lines above give up a
#: character each), so `looseness` has something to give.
TEXT = "人大常委会监督工作推动高质量发展国有资产管理代表联络站" * 4
SPANS = (Span(TEXT[:-3] + "，推动。", BODY),)
LATIN = (Span("市人大常委会召开ESG专题会议，推动“高质量发展”，3,560个代表联络站全覆盖。" * 3, BODY),)
OTHER = (Span("全面贯彻落实党的二十大精神，扎实推进各项工作，" * 4, BODY),)


class OtherFonts:
    """The same faces behind another object: the cache must treat it as other fonts (its key
    holds face keys, which another font set may give other glyphs)."""

    def __init__(self, fonts):
        self._fonts = fonts

    def __getattr__(self, name):
        return getattr(self._fonts, name)


@pytest.fixture
def prepared(monkeypatch):
    """Count the cache's calls of `prepare` (each a paragraph's atoms made again)."""
    calls = []

    def counting(spans, metrics, rules):
        calls.append("".join(s.text for s in spans))
        return prepare(spans, metrics, rules)

    monkeypatch.setattr(module, "prepare", counting)
    return calls


def engine_looseness(spans, fonts, spec):
    prep = prepare(spans, fonts, spec.rules)
    return set_paragraph_lines(prep, spec, set_prepared(prep, spec))


def test_looseness_reuses_the_atoms_of_the_paragraph_just_set(fonts, prepared):
    """The optimiser asks about the paragraph the composer has just set: its atoms are the ones
    `paragraph` made, not made again; the answer is the engine's, made once."""
    cache = ParagraphCache()
    natural = cache.paragraph(SPANS, fonts, SPEC)
    assert len(prepared) == 1
    loose = cache.looseness(SPANS, fonts, SPEC, natural)
    assert len(prepared) == 1, "the paragraph just set is prepared again"
    assert 1 in loose and loose == engine_looseness(SPANS, fonts, SPEC)
    assert cache.looseness(list(SPANS), fonts, SPEC, natural) is loose and len(prepared) == 1
    assert (cache.hits, cache.misses) == (0, 1), "the optimiser's calls are not paragraphs set"


def test_looseness_of_another_paragraph_than_the_last_one_set_is_its_own(fonts, prepared):
    """Atoms kept from the last paragraph set are used only for that paragraph with that
    spec: asked about an earlier one, or the same text at another measure, the cache
    prepares that one and answers for it."""
    cache = ParagraphCache()
    first = cache.paragraph(SPANS, fonts, SPEC)
    cache.paragraph(OTHER, fonts, SPEC)
    assert cache.looseness(SPANS, fonts, SPEC, first) == engine_looseness(SPANS, fonts, SPEC)
    assert len(prepared) == 3
    # the same text under other rules: other atoms (no space between 人大 and ESG), prepared anew
    spaced = ParagraphSpec(SPEC.measure, SPEC.first_indent, 0.0, True, LineRules(cjk_latin_space=0.0))
    natural = cache.paragraph(LATIN, fonts, SPEC)
    cache.paragraph(LATIN, fonts, spaced)
    assert len(prepared) == 5
    assert cache.looseness(LATIN, fonts, SPEC, natural) == engine_looseness(LATIN, fonts, SPEC)
    assert len(prepared) == 6


def test_looseness_for_other_fonts_is_made_anew(fonts, prepared):
    """Other fonts empty the cache, the kept atoms with it: the answer is made for the new fonts
    (and prepared with them), never taken from before."""
    cache = ParagraphCache()
    natural = cache.paragraph(SPANS, fonts, SPEC)
    loose = cache.looseness(SPANS, fonts, SPEC, natural)
    other = OtherFonts(fonts)
    again = cache.looseness(SPANS, other, SPEC, natural)
    assert again is not loose and again == loose and len(prepared) == 2
    cache = ParagraphCache()                                  # asked before any paragraph was set
    assert cache.looseness(SPANS, fonts, SPEC, natural) == loose


def test_estimate_is_the_engines_guess_made_once_per_paragraph(fonts):
    cache = ParagraphCache()
    natural = cache.paragraph(SPANS, fonts, SPEC)
    guess = cache.estimate(SPANS, fonts, SPEC, natural)
    assert guess == looseness_estimate(natural, SPEC) and 1 in guess
    assert cache.estimate(list(SPANS), fonts, SPEC, natural) is guess
    other = cache.paragraph(OTHER, fonts, SPEC)
    assert cache.estimate(OTHER, fonts, SPEC, other) == looseness_estimate(other, SPEC)
    assert cache.estimate(SPANS, fonts, SPEC, natural) is guess
    assert cache.estimate(SPANS, OtherFonts(fonts), SPEC, natural) is not guess
    assert (cache.hits, cache.misses) == (0, 2)


def maker(made: list, name: str):
    """A maker of a new list [name] that notes each call in `made`."""
    def make():
        made.append(name)
        return [name]
    return make


def test_units_are_made_once_per_key_layout_and_fonts(fonts):
    """`units` keeps what the composer made of a paragraph: the same key gives the same object
    and counts as a paragraph not set again (a hit); another layout object or other fonts
    empty what was kept, and it is made anew."""
    cache = ParagraphCache()
    layout, made = object(), []
    a = cache.units(("p", 1), fonts, maker(made, "a"), layout)
    assert a == ["a"] and made == ["a"] and cache.hits == 0
    assert cache.units(("p", 1), fonts, maker(made, "x"), layout) is a and made == ["a"] and cache.hits == 1
    b = cache.units(("p", 2), fonts, maker(made, "b"), layout)
    assert b == ["b"] and made == ["a", "b"]
    assert cache.units(("p", 2), fonts, maker(made, "y"), layout) is b and cache.hits == 2
    assert cache.units(("p", 1), fonts, maker(made, "c"), object()) == ["c"]        # another layout
    assert cache.units(("p", 2), fonts, maker(made, "d"), layout) == ["d"]          # and back: made anew
    assert cache.units(("p", 2), OtherFonts(fonts), maker(made, "e"), layout) == ["e"]
    assert made == ["a", "b", "c", "d", "e"] and cache.hits == 2 and cache.misses == 0


def test_units_are_bounded_and_the_least_recently_used_go_first(fonts):
    cache = ParagraphCache(max_entries=2)
    layout, made = object(), []
    cache.units("a", fonts, maker(made, "A"), layout)
    cache.units("b", fonts, maker(made, "B"), layout)
    cache.units("a", fonts, maker(made, "-"), layout)             # a used again: b is the oldest
    cache.units("c", fonts, maker(made, "C"), layout)             # over the bound: b goes
    assert made == ["A", "B", "C"]
    assert cache.units("a", fonts, maker(made, "-"), layout) == ["A"]
    assert cache.units("c", fonts, maker(made, "-"), layout) == ["C"]
    assert cache.units("b", fonts, maker(made, "B2"), layout) == ["B2"] and made == ["A", "B", "C", "B2"]
