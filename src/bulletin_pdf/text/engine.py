"""`set_paragraph`: the line engine's one entry point (prepare → linebreak → justify)."""

from __future__ import annotations

from .justify import justify
from .linebreak import Strictness, linebreak
from .prepare import prepare
from .words import keep_words, split_words
from .types import (LineRules, Metrics, ParagraphSpec, PlacedGlyph, RunStyle, SetLine, SetParagraph,
                    Span)

__all__ = ["LineRules", "ParagraphSpec", "PlacedGlyph", "RunStyle", "SetLine", "SetParagraph", "Span",
           "set_paragraph"]


def set_paragraph(spans, metrics: Metrics, spec: ParagraphSpec) -> SetParagraph:
    """Set one paragraph. Warnings say when a rule had to give way (孤字, a unit broken)."""
    prep = prepare(spans, metrics, spec.rules)
    keep_words(prep, spec)
    breaks = linebreak(prep, spec)
    warnings = []
    overfull = ""
    if breaks.level is Strictness.ALLOW_ORPHAN:
        warnings.append("the last line holds a single character (孤字): no other breaks fit")
    if breaks.level >= Strictness.BREAK_UNITS:
        long_units = ["".join(prep.chars[s:e]) for s, e in prep.units
                      if any(s <= end < e - 1 for end in breaks.ends)]
        what = ", ".join(u[:40] + ("…" if len(u) > 40 else "") for u in long_units) or "its text"
        overfull = f"does not fit the measure unbroken; broken inside {what}"
        warnings.append(overfull)
    split = split_words(prep, breaks.ends)
    if split:
        warnings.append(split)
    lines = justify(prep, breaks.ends, spec)
    loose = [k + 1 for k, line in enumerate(lines[:-1])
             if spec.justify and line.indent + line.width < spec.measure - 0.01]
    if loose:
        warnings.append(f"line {', '.join(map(str, loose))} cannot be justified: nothing in it may be "
                        "spaced (one Latin word or number, whose letters are never spaced)")
    return SetParagraph(lines, tuple(warnings), breaks.level > Strictness.STRICT or bool(loose), overfull)
