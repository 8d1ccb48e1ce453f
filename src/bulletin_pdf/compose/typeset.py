"""Bridge from layout styles to the line engine: styles → run styles, strings → set lines.

Characters a role's primary face lacks go to the role's first fallback face that has them
(docs/typography.md, "Fonts"); a sub- or superscript digit or sign no face has is set from the
first face with its base character at the smaller size of fonts/synth.py; `check_coverage`
has already refused characters no face has.

Every paragraph goes through `set_paragraph` or `set_balanced`, or, when a warm process passes
a `ParagraphCache` (text/cache.py, used by `bulletin-pdf watch`), through that cache, which
returns the same lines for the same arguments without setting the paragraph again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING
from itertools import groupby

from ..model import Colour, Inline, Layout, Style
from ..text import ParagraphSpec, RunStyle, SetLine, SetParagraph, Span, set_paragraph
from ..text.engine import looseness_estimate, set_paragraph_lines, set_prepared
from ..text.prepare import prepare
from ..text.balance import set_balanced
from ..text.cache import ParagraphCache
from ..fonts.synth import scale_of

if TYPE_CHECKING:   # annotations only: composing imports no font parser (the caller loads the faces)
    from ..fonts.faces import FontSet


#: Spaces between two characters that are not Latin letters or digits.
FURNITURE_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u00a0]+(?=[^\x00-\x7f])")


class Setter:
    """Sets strings in layout styles; one per composition. `cache`: the line engine's memo
    across the builds of a warm process (None: every paragraph is set)."""

    def __init__(self, layout: Layout, fonts: FontSet, cache: ParagraphCache | None = None) -> None:
        self.layout = layout
        self.fonts = fonts
        self.cache = cache
        # face key of each character, per (font role, Latin role): `_split` asks for every
        # character of every string, and the answer depends on the character and roles alone
        self._faces: dict[tuple[str, str | None], dict[str, str]] = {}
        # the run style of each layout style, and of each fallback face's characters in it:
        # asked for every string and every span of another face; one object each, made once
        # (keyed by the style's value: equal styles resolve alike, and a key is never an address)
        self._run_styles: dict[Style, RunStyle] = {}
        self._fallback_styles: dict[tuple[RunStyle, str], RunStyle] = {}

    def _set(self, spans: list[Span], spec: ParagraphSpec) -> SetParagraph:
        if self.cache is None:
            return set_paragraph(spans, self.fonts, spec)
        return self.cache.paragraph(spans, self.fonts, spec)

    def paint(self, name: str) -> tuple[Colour, bool]:
        """The print colour named in the layout, and whether it overprints: black (K only)
        does when the layout asks (`output.black_overprint`, docs/typography.md "Print output")."""
        colour = self.layout.colours[name]
        c, m, y, k = colour.cmyk
        return colour, self.layout.output.black_overprint and c == m == y == 0 and k > 0

    def run_style(self, style: Style) -> RunStyle:
        """A layout style resolved for the engine and the writers: cell, print colour,
        overprint, fake-bold stroke (`output.fake_bold_stroke` em of the size)."""
        known = self._run_styles.get(style)
        if known is not None:
            return known
        cell = (self.layout.char_pitch if style.grid else style.size) + style.tracking * style.size
        colour, overprint = self.paint(style.colour)
        stroke = self.layout.output.fake_bold_stroke * style.size if style.fake_bold else 0.0
        resolved = RunStyle(style.font, style.size, cell, colour, overprint, stroke)
        self._run_styles[style] = resolved
        return resolved

    def spans(self, text: str, style: Style) -> list[Span]:
        """`text` in `style`, split where the Latin face or a fallback face takes over."""
        base = self.run_style(style)
        if self.cache is not None:
            return list(self.cache.memo(("spans", text, style, base), self.fonts,
                                        lambda: tuple(self._split(text, style, base))))
        return self._split(text, style, base)

    def _split(self, text: str, style: Style, base: RunStyle) -> list[Span]:
        face_for, font, latin = self.fonts.face_for, style.font, style.latin
        faces = self._faces.setdefault((font, latin), {})
        chars = set(text)
        for ch in chars.difference(faces):
            faces[ch] = font if ch.isspace() else face_for(latin if latin and ch.isascii() else font, ch)
        if text and set(map(faces.__getitem__, chars)) == {font}:
            return [Span(text, base)]       # the usual text: one face throughout, one span
        return [Span("".join(chars), base if key == font else self._style_of(base, key))
                for key, chars in groupby(text, key=faces.__getitem__)]

    def _style_of(self, base: RunStyle, key: str) -> RunStyle:
        """The run style of a fallback face's characters; a synthesised sub- or superscript's
        (fonts/synth.py) at its smaller size, its fake-bold stroke with it."""
        known = self._fallback_styles.get((base, key))
        if known is not None:
            return known
        scale = scale_of(key)
        if scale == 1.0:
            style = replace(base, face=key)
        else:
            style = replace(base, face=key, size=base.size * scale, stroke=base.stroke * scale)
        self._fallback_styles[base, key] = style
        return style

    def runs(self, runs: tuple[Inline, ...], style: Style, emphasis: Style) -> list[Span]:
        out: list[Span] = []
        for run in runs:
            out.extend(self.spans(run.text, emphasis if run.emphasis else style))
        return out

    def paragraph(self, spans: list[Span], measure: float, first_indent: float = 0.0,
                  rest_indent: float = 0.0, justify: bool = True, words: bool = False) -> SetParagraph:
        """`words`: a display line (heading, table cell), broken between words (text/words.py)."""
        spec = ParagraphSpec(measure, first_indent, rest_indent, justify, self.layout.line_rules, words=words)
        return self._set(spans, spec)

    def loose_paragraph(self, spans: list[Span], measure: float, first_indent: float = 0.0, justify: bool = True
                        ) -> tuple[SetParagraph, dict[int, float], Callable[[], dict[int, tuple[SetParagraph, float]]]]:
        """A body paragraph as `paragraph` sets it, with what the page optimiser may ask of it:
        the quick guess at which of one line tighter or looser it allows, and the engine call
        that sets those (text/engine.py `set_paragraph_lines`), made only when asked. The
        paragraph's atoms are kept for that call; a warm process's cache keeps its answer."""
        spec = ParagraphSpec(measure, first_indent, 0.0, justify, self.layout.line_rules)
        if self.cache is None:
            prep = prepare(spans, self.fonts, spec.rules)
            para = set_prepared(prep, spec)
        else:
            prep, para = None, self.cache.paragraph(spans, self.fonts, spec)

        def lines() -> dict[int, tuple[SetParagraph, float]]:
            if self.cache is not None:
                return self.cache.looseness(spans, self.fonts, spec, para)
            return set_paragraph_lines(prep, spec, para)

        if self.cache is not None:
            return para, self.cache.estimate(spans, self.fonts, spec, para), lines
        return para, looseness_estimate(para, spec), lines

    def line(self, text: str, style: Style, measure: float) -> SetParagraph:
        """A furniture string: natural spacing, wrapped only if it is wider than the measure;
        right-aligned, a closing mark at its end gives up its blank half to sit flush. A space
        typed between Chinese words here separates them (内部资料 注意保存, 办公室 方敏杰): it is set
        as a full-width space (body text drops such spaces, see text/prepare.py)."""
        spec = ParagraphSpec(measure, 0.0, 0.0, False, self.layout.line_rules,
                             compress_end=style.align == "right")
        return self._set(self.spans(FURNITURE_SPACE.sub("\u3000", text), style), spec)

    def width(self, text: str, style: Style, measure: float) -> float:
        """The width of a furniture string's first line (`line`), 0 for a layout's empty one
        (a label or marker left out)."""
        lines = self.line(text, style, measure).lines
        return lines[0].width if lines else 0.0

    def balanced(self, text: str, style: Style, measure: float, max_lines: int) -> SetParagraph:
        """A title or contents entry: one line, or balanced lines (text/balance.py), broken
        between words (text/words.py)."""
        spec = ParagraphSpec(measure, 0.0, 0.0, False, self.layout.line_rules, words=True)
        spans, tolerance = self.spans(text, style), self.layout.title.balance_tolerance
        if self.cache is None:
            return set_balanced(spans, self.fonts, spec, max_lines, tolerance)
        return self.cache.balanced(spans, self.fonts, spec, max_lines, tolerance)

    def baseline_offset(self, style: Style, pitch: float) -> float:
        """Baseline below the top of a grid line: the em box centred in the line (like Word's
        grid), using the face's typographic ascent and descent."""
        face = self.fonts.primary(style.font)
        return (pitch - (face.ascent + face.descent) * style.size) / 2 + face.ascent * style.size


def aligned_x(line: SetLine, align: str, measure: float) -> float:
    """Left edge of a set line inside the measure for the style's alignment."""
    if align == "center":
        return (measure - line.width) / 2
    if align == "right":
        return measure - line.width
    return line.indent
