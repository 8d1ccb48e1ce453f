"""`set_paragraph`: the line engine's one entry point (prepare → linebreak → justify)."""

from __future__ import annotations

import re

from ..messages import Message
from .justify import justify
from .classes import PUNCTUATION
from .linebreak import LINE_PENALTY, VARIANT_TOLERANCE, Strictness, demerits, linebreak, linebreak_lines
from .prepare import prepare
from .words import keep_words, split_words
from .types import (LineRules, Metrics, ParagraphSpec, PlacedGlyph, Prepared, RunStyle, SetLine, SetParagraph,
                    Span)

__all__ = ["LineRules", "ParagraphSpec", "PlacedGlyph", "RunStyle", "SetLine", "SetParagraph", "Span",
           "looseness_estimate", "set_paragraph", "set_paragraph_lines", "set_prepared"]


def set_paragraph(spans, metrics: Metrics, spec: ParagraphSpec) -> SetParagraph:
    """Set one paragraph. Warnings say when a rule had to give way (孤字, a unit broken)."""
    return set_prepared(prepare(spans, metrics, spec.rules), spec)


def set_prepared(prep: Prepared, spec: ParagraphSpec) -> SetParagraph:
    """`set_paragraph` of a paragraph already prepared (the composer keeps a body
    paragraph's atoms for `set_paragraph_lines`)."""
    keep_words(prep, spec)
    breaks = linebreak(prep, spec)
    warnings = []
    overfull = ""
    if breaks.level is Strictness.ALLOW_ORPHAN:
        warnings.append(Message("text.orphan"))
    if breaks.level >= Strictness.BREAK_UNITS:
        long_units = ["".join(prep.chars[s:e]) for s, e in prep.units
                      if any(s <= end < e - 1 for end in breaks.ends)]
        what = ", ".join(u[:40] + ("…" if len(u) > 40 else "") for u in long_units) or Message("text.its_text")
        overfull = Message("text.overfull", what=what)
        warnings.append(overfull)
    split = split_words(prep, breaks.ends)
    if split:
        warnings.append(split)
    lines = justify(prep, breaks.ends, spec)
    # (a display line short of the measure is set flush left on purpose: text/justify.py)
    loose = [k + 1 for k, line in enumerate(lines[:-1])
             if spec.justify and not spec.words and line.indent + line.width < spec.measure - 0.01]
    if loose:
        warnings.append(Message("text.loose", lines=tuple(map(str, loose))))
    return SetParagraph(lines, tuple(warnings), breaks.level > Strictness.STRICT or bool(loose), overfull)


def set_paragraph_lines(prep: Prepared, spec: ParagraphSpec, natural: SetParagraph,
                        deltas: tuple[int, ...] = (-1, 1)) -> dict[int, tuple[SetParagraph, float]]:
    """The paragraph set one line tighter or looser than its natural setting `natural` (TeX's
    looseness, for the page optimiser): delta → (the set paragraph, its demerits above the
    natural setting's), for each delta in `deltas` whose line count the strict rules allow
    within the layout's compression and expansion limits (`linebreak_lines`). A paragraph
    whose natural setting bent a rule (`relaxed`) has none. `prep`: the paragraph as
    `prepare` made it for `natural`. The natural breaks are read off `natural`'s lines, not
    found again (the optimiser asks about many paragraphs): each atom gives its line exactly
    its own character (a cluster's text stands on its first atom's glyph, "" on the others:
    `prepare`'s `_shape`), and no line parts a cluster (a gap inside one is
    `Gap.INSIDE_GLYPH`, which no level of the breaker takes). A typed word space is no atom
    (`prepare` takes spaces out of the text): its glyph's " " is not counted."""
    if natural.relaxed or not natural.lines:
        return {}
    ends, k = [], -1
    for line in natural.lines:          # the natural breaks, from the lines' characters
        text = line.text
        k += len(text) - text.count(" ")
        ends.append(k)
    base = demerits(prep, spec, tuple(ends))
    n = len(ends)
    out: dict[int, tuple[SetParagraph, float]] = {}
    for count, breaks in linebreak_lines(prep, spec, tuple(n + d for d in deltas)).items():
        lines = justify(prep, breaks.ends, spec)
        if any(spec.justify and line.indent + line.width < spec.measure - 0.01 for line in lines[:-1]):
            continue        # a line that cannot be justified: never chosen for looseness
        out[count - n] = (SetParagraph(lines), max(0.0, demerits(prep, spec, breaks.ends) - base))
    return out


def looseness_estimate(para: SetParagraph, spec: ParagraphSpec) -> dict[int, float]:
    """A quick guess, from the natural lines alone, at which of one line tighter (−1) or
    looser (+1) `set_paragraph_lines` may find, with a guess at its extra demerits: the page
    optimiser plans with these and asks the engine only for the settings its plan uses.

    Looser: the lines, the last one included (it becomes a full line), must give up the room
    left on the last line and two more characters (no 孤字 on the new last line,
    https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows), each at most its gaps stretched to the tolerance (`VARIANT_TOLERANCE` ×
    `max_expansion`) — in whole half cells where the line is all full-width characters, which
    leave a line in whole cells or, compressed, half cells. Tighter: the last line's width must go into the punctuation blanks
    (half a cell a mark), the flexible spaces (what `prepare` lets a CJK–Latin space and a
    word space lose) of the paragraph and the stretch of its lines before the last. Both err on the side of guessing a setting the engine
    then does not find: a setting left out is never planned with. The guess at the extra
    demerits charges each of the n lines (`LINE_PENALTY` + b)² − `LINE_PENALTY`² (Knuth–Plass
    demerits above a line at badness 0), b = 100 r³ looser, r the stretch needed over the room
    × the tolerance, and b = 50 r³ tighter (compression costs half: 先挤进，后推出), r the last
    line's width over the room. A paragraph of one line, or relaxed, has none (the composer
    asks about paragraphs of more lines only, compose/flow.py)."""
    lines = para.lines
    n = len(lines)
    if n < 2 or para.relaxed or not lines[-1].glyphs:
        return {}
    out: dict[int, float] = {}
    last = lines[-1]
    size = last.glyphs[0].style.size
    need = spec.measure - last.indent - last.width + 2 * size
    texts = [ln.text for ln in lines]
    latin = [ASCII.search(text) is not None for text in texts]     # most lines: Chinese only
    room = sum(_sheds(text, spec.rules.max_expansion * VARIANT_TOLERANCE, ascii_)
               for text, ascii_ in zip(texts, latin)) * size
    if 0 < need <= room:
        r = need / room * VARIANT_TOLERANCE
        out[1] = n * ((LINE_PENALTY + 100.0 * r ** 3) ** 2 - LINE_PENALTY ** 2)
    room = sum(0.5 * size * sum(map(PUNCTUATION.__contains__, text)) * (k < n - 1)
               + spec.rules.cjk_latin_space / 2 * size * (_cjk_latin_boundaries(text) if ascii_ else 0)
               + spec.rules.word_space / 3 * size * text.count(" ") for k, (text, ascii_) in enumerate(zip(texts, latin)))
    # and what a line before the last was stretched by: the natural setting may have ended it
    # a character short (to keep the rules further on), which a tighter setting fills
    # (a glyph's advance is in its size's ems; on the grid it takes its cell, tracking applied)
    room += sum(max(0.0, spec.measure - line.indent - sum(g.advance * g.style.cell / g.style.size for g in line.glyphs))
                for line in lines[:-1])
    if 0 < last.width <= room:
        r = last.width / room
        out[-1] = n * ((LINE_PENALTY + 50.0 * r ** 3) ** 2 - LINE_PENALTY ** 2)
    return out


def _cjk_latin_boundaries(text: str) -> int:
    """Places where a Latin letter or digit meets a character that is not ASCII."""
    return sum(1 for a, b in zip(text, text[1:]) if (a.isascii() and a.isalnum()) != (b.isascii() and b.isalnum())
               and not (a.isascii() and not a.isalnum()) and not (b.isascii() and not b.isalnum()))


#: An ASCII character: a line without one has no Latin letter, digit or word space (the
#: estimate's Latin terms are 0 for it).
ASCII = re.compile(r"[\x00-\x7f]")


def _sheds(text: str, per_gap: float, latin: bool) -> float:
    """How much (em) a justified line of `text` may give up to the next line by spreading its
    gaps `per_gap` em each: a line of full-width characters only (`latin` False: no ASCII
    character) gives up whole half cells."""
    room = (len(text) - 1) * per_gap
    return room if latin else int(room * 2 + 1e-9) / 2
