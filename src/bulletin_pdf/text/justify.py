"""Place every glyph of the chosen lines (clreq
https://www.w3.org/International/clreq/#line_adjustment; docs/typography.md).

Order of adjustment, as clreq and JIS X 4051 §4.9 give it: a line too long first loses the
blank half of a closing mark at its end (GB/T 15834-2011 5.1.10), then the blanks of the
punctuation and the flexible Western spaces inside it, in proportion; a line too short spreads
the remaining space evenly over its gaps — never between the letters of a Latin word. The last
line of a paragraph keeps its natural spacing, and so does a display line (a table cell's, in
a narrow column) that would be stretched past the line breaker's looseness tolerance: spread
over its few gaps the room would open holes (`2025   年`, `财 政 局 、`); it is set flush left.
"""

from __future__ import annotations

from .classes import Kind
from .linebreak import LOOSE_TOLERANCE, fit_end, prefix_sums
from .types import ParagraphSpec, PlacedGlyph, Prepared, SetLine


#: Makes a PlacedGlyph from its fields in C (`PlacedGlyph(…)` is a Python call): one is made
#: per glyph set.
_glyph = tuple.__new__


def justify(p: Prepared, ends: tuple[int, ...], spec: ParagraphSpec) -> tuple[SetLine, ...]:
    lines = []
    start = 0
    pre = prefix_sums(p)
    for index, end in enumerate(ends):
        last = index == len(ends) - 1
        lines.append(_set_line(p, pre, start, end, spec, last))
        start = end + 1
    return tuple(lines)


def _set_line(p: Prepared, pre, a: int, line_end: int, spec: ParagraphSpec, last: bool) -> SetLine:
    """The glyphs of the line a..line_end. Its trailing ideographic spaces hang (`fit_end`):
    the line is adjusted as if it ended before them, and they follow at their natural width,
    past the measure; the line's width is that of what does not hang."""
    W, G, S, K, B = pre
    b = fit_end(p.chars, a, line_end)
    indent = spec.first_indent if a == 0 else spec.rest_indent
    measure = spec.measure - indent
    width = p.width[a:b + 1]
    shift = p.shift[a:b + 1]
    extra = [0.0] * (b - a)            # added to gap a+k
    if spec.rules.compress_opening_at_line_start and p.kinds[a] is Kind.OPEN and p.blank_left[a] > 0:
        width[0] -= p.blank_left[a]
        shift[0] -= p.blank_left[a]
    if spec.compress_end and p.kinds[b] is Kind.CLOSE and p.blank_right[b] > 0:
        width[-1] -= p.blank_right[b]
    natural = sum(width) + G[b] - G[a]
    need = measure - natural
    if need > 1e-9 and spec.justify and not last:
        stretch = S[b] - S[a]
        if spec.words and need > stretch * spec.rules.max_expansion * LOOSE_TOLERANCE * p.styles[a].size:
            stretch = 0.0       # a display line too short to justify within the tolerance: flush left
        if stretch > 0:
            for k in range(b - a):
                extra[k] = need * p.gap_stretch[a + k] / stretch
    elif need < -1e-9:
        short = -need
        if p.kinds[b] is Kind.CLOSE and p.blank_right[b] > 0 and not spec.compress_end:
            cut = min(short, p.blank_right[b])
            width[-1] -= cut
            short -= cut
        if short > 1e-9:
            _shrink_inner(p, a, b, short, width, shift, extra)
    # the hanging ideographic spaces follow at their natural width and spacing
    width += p.width[b + 1:line_end + 1]
    shift += p.shift[b + 1:line_end + 1]
    extra += [0.0] * (line_end - b)
    glyphs: list[PlacedGlyph] = []
    place = glyphs.append
    x = visible = 0.0
    gap_space, inner, visible_end = p.gap_space, line_end - a, b - a
    gids, owns, chars, clusters = p.gids, p.owns, p.chars, p.clusters
    word_spaces = p.word_spaces
    for k, (i, style) in enumerate(zip(range(a, line_end + 1), p.styles[a:line_end + 1])):
        origin = x + shift[k]
        gid = gids[i]
        if gid >= 0:    # one glyph on the pen (`Prepared.gids`): dx and dy are 0
            place(_glyph(PlacedGlyph, (gid, chars[i], origin, owns[i], style, 0.0)))
        else:
            for gid, text, dx, dy, advance in clusters[i]:
                place(_glyph(PlacedGlyph, (gid, text, origin + dx, advance, style, dy)))
        x += width[k]
        if k == visible_end:
            visible = x
        if k < inner:
            if word_spaces and i in word_spaces:     # a typed word space: its glyph, blank, in the gap
                gid, own = word_spaces[i]
                place(_glyph(PlacedGlyph, (gid, " ", x, own, style, 0.0)))
            x += gap_space[a + k] + extra[k]
    if word_spaces and line_end in word_spaces and not last:
        # the line breaks at a typed word space: its glyph ends the line, past the last letter
        # (the text of the paragraph keeps the space between the two words the break parts)
        gid, own = word_spaces[line_end]
        place(_glyph(PlacedGlyph, (gid, " ", x, own, p.styles[line_end], 0.0)))
    return SetLine(tuple(glyphs), indent, visible, last)


def _shrink_inner(p: Prepared, a: int, b: int, short: float, width: list[float], shift: list[float],
                  extra: list[float]) -> None:
    """Take `short` pt out of the line's inner punctuation blanks and Western spaces, evenly in
    proportion to what each can give (clamped: an overfull emergency line stays overfull)."""
    blanks = [(p.blank_left[i] if i > a else 0.0, p.blank_right[i] if i < b else 0.0) for i in range(a, b + 1)]
    capacity = sum(l + r for l, r in blanks) + sum(p.gap_shrink[a:b])
    if capacity <= 0:
        return
    f = min(1.0, short / capacity)
    for k, (left, right) in enumerate(blanks):
        width[k] -= f * (left + right)
        shift[k] -= f * left
    for k in range(b - a):
        extra[k] -= f * p.gap_shrink[a + k]
