"""Choose the line breaks of a whole paragraph at once (total fit).

Knuth & Plass, "Breaking Paragraphs into Lines" (1981), over the CJK break opportunities that
`prepare` found: every feasible line gets a badness from how much it must stretch or shrink,
demerits are (line penalty + badness)² plus the break's penalty, and the path of least total
demerits wins. Chinese adaptations:

* Shrinking uses only punctuation blanks and the flexible Western spaces ("先挤进，后推出",
  https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end): a closing
  mark at the line end may lose its blank half for free (GB/T 15834-2011 5.1.10), blanks
  inside the line cost like KP shrink.
* The last line must hold at least two characters that are not punctuation when the paragraph
  has more than one line (孤字,
  https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows). Forbidden first;
  allowed with a warning only if the paragraph cannot be set otherwise.
* A display line (text/words.py) breaks between words: a break inside a word is allowed only
  at the `SPLIT_WORDS` level, tried when no breaking between words fits, with its penalty.
* A paragraph that cannot be set within the rules (an unbreakable unit longer than the measure)
  is broken inside units (`EMERGENCY` penalty), then anywhere, and says so in its warnings.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from math import inf
from operator import attrgetter, not_
from typing import NamedTuple

from .classes import PUNCTUATION, Kind
from .types import Gap, ParagraphSpec, Prepared

#: Knuth–Plass's line penalty (their default, 10): favours fewer lines.
LINE_PENALTY = 10.0
#: Badness is capped here, like TeX's 10000 ("infinitely bad") scaled to our cubic range …
MAX_BADNESS = 1e6
#: … and a non-last line that cannot stretch at all (one Latin unit) is worse than any line
#: that can: it would stay ragged.
NO_STRETCH_BADNESS = 1e7

#: 先挤进，后推出 (docs/typography.md, "Kinsoku"): taking a line's punctuation blanks costs half
#: what spreading its characters by the same ratio costs, so a character is kept on the line
#: by compression before one is pushed down.
SHRINK_WEIGHT = 0.5
#: First-pass limit on a line's looseness: r = need / (gaps × max_expansion) ≤ 2, i.e. at
#: most 0.1 em more per gap at the default 0.05 em (badness 800).
LOOSE_TOLERANCE = 2.0
#: A last line shorter than this many solid characters costs demerits (issue #4: "demerits
#: for a short last line"); under two it is forbidden outright (孤字).
SHORT_LAST_LINE = 4
SHORT_LAST_LINE_DEMERITS = 150.0

#: Badness of a line of one atom (or one glyph cluster) wider than the measure, set only at
#: `Strictness.ANYWHERE`.
OVERFULL_BADNESS = 1e9

#: Margin (pt) by which a bound on widths errs on the safe side of floating-point rounding.
ROUNDING = 1e-6
#: … and by which `_loose_tops`' bound on a line's looseness does: `line_fit` counts a line
#: less than 0.01 pt short of the measure as full (badness 0) whatever its gaps can stretch.
LOOSE_MARGIN = 0.01 + ROUNDING


class Strictness(enum.IntEnum):
    """How far the rules give way, tried in this order until the paragraph can be set: an
    IntEnum because each level allows what the ones before it allow and more."""

    STRICT = 0           # every rule: kinsoku, words of display lines and units whole, no 孤字
    SPLIT_WORDS = 1      # a display line's word broken (text/words.py), the 孤字 rule still kept;
                         # tried only for a paragraph that has such breaks
    ALLOW_ORPHAN = 2     # a last line of one character (孤字) if nothing else fits
    BREAK_UNITS = 3      # a Latin unit broken inside (overfull otherwise)
    ANYWHERE = 4         # any gap, kinsoku too (never inside a glyph cluster); a lone atom or
                         # cluster wider than the measure stands


STRICT, SPLIT_WORDS, ALLOW_ORPHAN, BREAK_UNITS, ANYWHERE = Strictness


@dataclass(frozen=True, slots=True)
class Breaks:
    """Index of the last atom of each line, and how strict the chosen breaks had to be."""

    ends: tuple[int, ...]
    level: Strictness


class LineFit(NamedTuple):
    """How one candidate line fits the measure (a named tuple: one is made per candidate)."""

    need: float        # measure − natural width (>0: stretch, <0: shrink)
    badness: float
    feasible: bool


#: Kinds `line_fit` asks of every candidate, read as globals (an enum's attribute is a slower lookup)
OPEN, CLOSE = Kind.OPEN, Kind.CLOSE
#: A run style's size, read in C.
_SIZE = attrgetter("size")
#: Makes a LineFit from its fields in C (`LineFit(…)` is a Python call): `line_fit` makes one
#: per candidate line of `linebreak_lines`, `demerits` and the display-line passes.
_fit = tuple.__new__


#: An ideographic space at the end of a line hangs: the line is fitted and justified without
#: it, and it stands past the measure, blank (CSS Text 3 §4.1.3 "Phase II: Trimming and
#: Positioning", https://drafts.csswg.org/css-text-3/#white-space-phase-2: a sequence of
#: ideographic spaces at the end of a line hangs; the CSS WG aligned this with JLReq). Otherwise a
#: line that breaks after one looks a character short of the right edge.
IDEOGRAPHIC_SPACE = "\u3000"


def fit_end(chars: list[str], a: int, b: int) -> int:
    """The last atom of the line a..b that does not hang (its trailing ideographic spaces
    hang; a line of nothing else keeps its first)."""
    while b > a and chars[b] == IDEOGRAPHIC_SPACE:
        b -= 1
    return b


def line_fit(p: Prepared, spec: ParagraphSpec, pre, a: int, b: int, last: bool) -> LineFit:
    """Fit of the line holding atoms a..b (see module docstring for the cost model); its
    trailing ideographic spaces hang (`fit_end`)."""
    W, G, S, K, B = pre
    if p.chars[b] == IDEOGRAPHIC_SPACE:
        b = fit_end(p.chars, a, b)
    start_comp = p.blank_left[a] if (p.kinds[a] is OPEN and spec.rules.compress_opening_at_line_start) else 0.0
    natural = W[b + 1] - W[a] + G[b] - G[a] - start_comp
    measure = spec.measure - (spec.first_indent if a == 0 else spec.rest_indent)
    need = measure - natural
    if need >= 0:
        if last or not spec.justify:
            return _fit(LineFit, (need, 0.0, True))
        stretch = S[b] - S[a]
        if need < 0.01:
            return _fit(LineFit, (need, 0.0, True))
        if stretch <= 0:
            return _fit(LineFit, (need, NO_STRETCH_BADNESS, True))
        r = need / (stretch * spec.rules.max_expansion * p.styles[a].size)
        return _fit(LineFit, (need, min(100.0 * r * r * r, MAX_BADNESS), True))
    short = -need
    end_blank = p.blank_right[b] if p.kinds[b] is CLOSE else 0.0
    if short <= end_blank + 1e-9:
        return _fit(LineFit, (need, 0.0, True))
    inner = (B[b + 1] - B[a]) - p.blank_right[b] - p.blank_left[a] + (K[b] - K[a])
    rest = short - end_blank
    if rest > inner + 1e-9:
        return _fit(LineFit, (need, inf, False))
    r = rest / inner
    return _fit(LineFit, (need, SHRINK_WEIGHT * 100.0 * r * r * r, True))


def prefix_sums(p: Prepared):
    """Running sums that make a line's natural width and flexibility O(1): W (atom widths),
    G, S, K (gap space, stretch, shrink; the last repeated: no gap after the last atom) and
    B (removable blanks, left then right of each atom). Computed once per prepared paragraph
    (linebreak and justify both read them) and kept on it."""
    if p.sums is None:
        sides = [0.0] * (2 * len(p.chars))      # left, right, left, right, … (slices: in C)
        sides[0::2], sides[1::2] = p.blank_left, p.blank_right
        blanks = accumulate(sides, initial=0.0)
        gaps = [list(accumulate(g, initial=0.0)) for g in (p.gap_space, p.gap_stretch, p.gap_shrink)]
        if p.chars:
            for g in gaps:
                g.append(g[-1])
        p.sums = (list(accumulate(p.width, initial=0.0)), *gaps, list(blanks)[::2])
    return p.sums


def _solid(p: Prepared) -> list[int]:
    """solid[k]: the atoms in [0, k) that are not punctuation (for the 孤字 rule), counted in C."""
    return list(accumulate(map(not_, map(PUNCTUATION.__contains__, p.chars)), initial=0))


def linebreak(p: Prepared, spec: ParagraphSpec) -> Breaks:
    """Best breaks for the paragraph, trying the strict rules first (see module docstring)."""
    n = len(p.chars)
    if n == 0:
        return Breaks((), STRICT)
    pre = prefix_sums(p)
    solid = _solid(p)
    # A first pass ignores lines looser than LOOSE_TOLERANCE (like TeX's \tolerance): it
    # leaves most candidates unevaluated; only if it finds nothing is every line considered.
    for level, tolerance in ((STRICT, LOOSE_TOLERANCE), (STRICT, None), (SPLIT_WORDS, None), (ALLOW_ORPHAN, None),
                             (BREAK_UNITS, None), (ANYWHERE, None)):
        if level is SPLIT_WORDS and Gap.INSIDE_WORD not in p.gaps:
            continue    # no break inside a word to allow: the STRICT pass again
        ends = _best_path(p, spec, pre, solid, level, tolerance)
        if ends is not None:
            return Breaks(ends, level)
    raise AssertionError("the ANYWHERE level always finds a path")


def _line_ends(p: Prepared, level: Strictness) -> list[int]:
    """The atoms a line may end after at this strictness level, ascending: the gaps where a
    break may fall, and the paragraph's last atom. A list of the few allowed ends rather than
    a flag a gap: the dynamic programmes visit only these."""
    gaps = p.gaps
    if level >= ANYWHERE:       # any gap but one inside a glyph cluster
        ends = [b for b, gap in enumerate(gaps) if gap is not Gap.INSIDE_GLYPH]
    elif level >= BREAK_UNITS:
        ends = [b for b, gap in enumerate(gaps) if gap is not Gap.NEVER and gap is not Gap.INSIDE_GLYPH]
    elif level >= SPLIT_WORDS:
        ends = [b for b, gap in enumerate(gaps) if gap is Gap.FREE or gap is Gap.INSIDE_WORD]
    else:
        ends = [b for b, gap in enumerate(gaps) if gap is Gap.FREE]
    ends.append(len(p.chars) - 1)
    return ends


def _best_path(p: Prepared, spec: ParagraphSpec, pre, solid: list[int], level: Strictness,
               tolerance: float | None) -> tuple[int, ...] | None:
    """Least total demerits over the breaks allowed at `level` (Knuth–Plass's dynamic
    programme: best[b+1] is the best paragraph prefix ending with a line a..b).

    For each end b the starts a are scanned from the shortest line to the longest, ties going
    to the shorter last line. Only Knuth–Plass's "active" breakpoints are scanned: the
    starts a paragraph prefix can reach (finite best) at an allowed break, kept in `active`
    in order. Two cuts keep the scan to the lines that can fit:

    * it stops at the first start whose line, every blank taken out, is still wider than the
      measure: that line cannot shrink enough (its gap spaces shrink by less than they add),
      and every longer line is wider still;
    * in a pass with a looseness tolerance it starts at the shortest line that may be within
      it, found by bisection (`_loose_tops`); the lines it skips are all too loose.

    The fit of each candidate line is `line_fit`'s, its arithmetic written out in the scan
    (same expressions, same order, so the same floats): this loop runs for every candidate
    of every paragraph, and a call and a result tuple per candidate cost more than the
    arithmetic. The parts of `line_fit` that depend on the start alone (the measure after its
    indent, the blank an opening mark gives up at a line start) are worked out once per
    paragraph, those of the end alone (the blank a closing mark gives up) once per end.
    """
    n = len(p.chars)
    W, G, S, K, B = pre
    chars = p.chars
    best = [inf] * (n + 1)   # best[j+1]: least demerits of a paragraph prefix ending after atom j
    back = [-1] * (n + 1)
    best[0] = 0.0
    active = [0]             # starts with a finite best, ascending
    max_measure = spec.measure - min(spec.first_indent, spec.rest_indent)
    too_wide = max_measure + 1.0
    per_gap = spec.rules.max_expansion * (tolerance or 0.0)
    loose_pass = tolerance is not None and spec.justify
    tops = _loose_tops(p, spec, pre, per_gap) if loose_pass else None
    gap_penalty, styles, kinds = p.gap_penalty, p.styles, p.kinds
    blank_left, blank_right = p.blank_left, p.blank_right
    measure, first_indent, rest_indent = spec.measure, spec.first_indent, spec.rest_indent
    justified, max_expansion = spec.justify, spec.rules.max_expansion
    # line_fit's per-start terms: the line's measure, the blank an opening mark loses at the start
    line_measure = [measure - rest_indent] * n
    line_measure[0] = measure - first_indent
    start_comp = [0.0] * n
    if spec.rules.compress_opening_at_line_start:
        for a in [a for a, kind in enumerate(kinds) if kind is Kind.OPEN]:
            start_comp[a] = blank_left[a]
    close, space = Kind.CLOSE, IDEOGRAPHIC_SPACE
    orphan_rule = level <= SPLIT_WORDS
    emergency = level >= ANYWHERE
    solid_n = solid[n]
    ends = _line_ends(p, level)
    for i, b in enumerate(ends):
        last = b == n - 1
        # the shortest line ending at b: one atom, or at ANYWHERE one piece no break may part
        # (a glyph cluster of several atoms), which stands even when wider than the measure
        lone = (ends[i - 1] + 1 if i else 0) if emergency else b
        penalty = 0.0 if last else gap_penalty[b]      # finite: a gap only ANYWHERE takes costs 0
        tolerant = loose_pass and not last
        stretch_free = last or not justified      # line_fit: such a line never stretches
        top = b if tops is None or last else tops[b]     # never more than b
        # the line's last atom that does not hang (`fit_end`)
        e = b if chars[b] != space else fit_end(chars, 0, b)
        end_w, end_g, end_s, end_k, end_b = W[e + 1], G[e], S[e], K[e], B[e + 1]
        end_right = blank_right[e]
        end_blank = end_right if kinds[e] is close else 0.0
        best_here = best[b + 1]
        for j in range(bisect_right(active, top) - 1, -1, -1):
            a = active[j]
            if last and a > 0 and orphan_rule and solid_n - solid[a] < 2 and a != p.unit_start:
                continue  # 孤字: the last line needs two characters that are not punctuation
            if a > e:     # a line of ideographic spaces only (rare): it keeps its first
                badness = _spaces_only(p, spec, pre, a, b, last)
                if badness is None:
                    continue
            else:
                if a < lone and end_w - W[a] - (end_b - B[a]) > too_wide:
                    break
                span = end_w - W[a] + end_g - G[a]          # the line's natural width, before compression
                if tolerant and line_measure[a] - span > per_gap * (end_s - S[a]) * styles[a].size:
                    continue   # looser than the tolerance: not in this pass
                # -- line_fit(p, spec, pre, a, b, last), written out --
                need = line_measure[a] - (span - start_comp[a])
                if need >= 0:
                    if stretch_free or need < 0.01:
                        badness = 0.0
                    else:
                        stretch = end_s - S[a]
                        if stretch <= 0:
                            badness = NO_STRETCH_BADNESS
                        else:
                            r = need / (stretch * max_expansion * styles[a].size)
                            badness = 100.0 * r * r * r
                            if badness > MAX_BADNESS:
                                badness = MAX_BADNESS
                elif -need <= end_blank + 1e-9:
                    badness = 0.0
                else:
                    inner = (end_b - B[a]) - end_right - blank_left[a] + (end_k - K[a])
                    rest = -need - end_blank
                    if rest <= inner + 1e-9:
                        r = rest / inner
                        badness = SHRINK_WEIGHT * 100.0 * r * r * r
                    elif emergency and a == lone:
                        badness = OVERFULL_BADNESS   # one piece wider than the measure
                    else:
                        continue        # cannot shrink enough
            d = best[a] + (LINE_PENALTY + badness) ** 2 + penalty
            if last and a > 0:
                d += max(0, SHORT_LAST_LINE - (solid_n - solid[a])) * SHORT_LAST_LINE_DEMERITS
            if d < best_here:
                best_here = d
                back[b + 1] = a
        best[b + 1] = best_here
        if best_here < inf:
            active.append(b + 1)
    if best[n] == inf:
        return None
    ends = []
    j = n
    while j > 0:
        ends.append(j - 1)
        j = back[j]
    return tuple(reversed(ends))


def _spaces_only(p: Prepared, spec: ParagraphSpec, pre, a: int, b: int, last: bool) -> float | None:
    """The badness `_best_path` gives a line a..b of ideographic spaces only, fitted as its
    first atom (`fit_end`), through `line_fit`; None where it skips the line (too wide).

    Such a line starts after a break before U+3000, which is in NO_LINE_START (`prepare` makes
    that gap `Gap.NEVER`): only the `ANYWHERE` level takes it, a pass with no looseness
    tolerance in which a lone atom wider than the measure stands (`OVERFULL_BADNESS`)."""
    fit = line_fit(p, spec, pre, a, b, last)
    if fit.feasible:
        return fit.badness
    return OVERFULL_BADNESS if a == b else None


def _loose_tops(p: Prepared, spec: ParagraphSpec, pre, per_gap: float) -> list[int] | None:
    """For a pass with a looseness tolerance: for each end b, the largest start a whose line
    a..b may be within it (every line starting after it is too loose; −1: none), or None
    when that cannot be bounded.

    A line a..b is within the tolerance only if its natural width plus the most its gaps may
    stretch comes within 0.01 pt of its measure (`line_fit`: a line that close is full):
    (W[b+1] + G[b] + c·S[b]) − (W[a] + G[a] + c·S[a]) ≥ the measure less the line's indent
    less 0.01 pt, with c the stretch per gap at the paragraph's largest size. The subtracted
    sum, `reach[a]`, never decreases with a (widths, spaces and stretch are ≥ 0), so the last
    start after the first line's that passes is found by bisection; the first line (a = 0,
    reach 0, its own indent) is tried when none passes. The bound is loose
    on purpose (the largest size, `LOOSE_MARGIN`): the exact test still runs on every
    start it lets through, so the breaks are those of a full scan. Worked out for every end
    at once, in list comprehensions: the programmes ask it of every end they visit.
    """
    W, G, S, _, _ = pre
    c = per_gap * max(map(_SIZE, p.styles))
    if c < 0 or min(p.width) < 0 or min(p.gap_space, default=0.0) < 0 or min(p.gap_stretch, default=0.0) < 0:
        return None
    reach = [w + g + c * s for w, g, s in zip(W, G, S)]
    first_measure = spec.measure - spec.first_indent
    rest_measure = spec.measure - spec.rest_indent
    stretched = [w + g + c * s + LOOSE_MARGIN for w, g, s in zip(W[1:], G, S)]     # b → W[b+1] + G[b] + c·S[b]
    tops = [bisect_right(reach, x - rest_measure, 1, b + 1) - 1 for b, x in enumerate(stretched)]
    for b, x in enumerate(stretched):
        if tops[b] >= 1:
            break       # tops never decrease: the rest are ≥ 1 too
        tops[b] = 0 if x >= first_measure else -1
    return tops


#: A paragraph set looser or tighter than its natural line count for the page optimiser
#: (compose/pagebreak.py) stays within the limits its natural setting keeps to: no line
#: stretched past the first pass's tolerance (LOOSE_TOLERANCE × `max_expansion` per gap),
#: none shrunk past its punctuation blanks and flexible spaces. TeX's \looseness likewise
#: only takes breaks its tolerance allows.
VARIANT_TOLERANCE = LOOSE_TOLERANCE


def linebreak_lines(p: Prepared, spec: ParagraphSpec, counts: tuple[int, ...]) -> dict[int, Breaks]:
    """For each line count in `counts`, the least-demerits breaks with exactly that many
    lines, under the strict rules only (no 孤字, kinsoku breaks only, no unit nor display word broken) and no
    line looser than `VARIANT_TOLERANCE`; a count with no such setting is left out. TeX's
    \\looseness (The TeXbook, ch. 14): the page optimiser asks for a paragraph one line
    shorter or longer than its natural setting.

    The dynamic programme of `_best_path` with the line count as a second coordinate:
    best[j][k] is the least demerits of a prefix ending after atom j−1 in k lines (k never
    above the largest count asked). Run only for the paragraphs the page optimiser asks
    about, so it is written plainly over `line_fit` rather than tuned like `_best_path`."""
    n = len(p.chars)
    most = max(counts, default=0)
    if n == 0 or most < 1:
        return {}
    pre = prefix_sums(p)
    solid = _solid(p)
    W, _, _, _, B = pre
    too_wide = spec.measure - min(spec.first_indent, spec.rest_indent) + 1.0
    per_gap = spec.rules.max_expansion * VARIANT_TOLERANCE
    tops = _loose_tops(p, spec, pre, per_gap) if spec.justify else None
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, -1)
    active = [0]
    chars, justified, solid_n = p.chars, spec.justify, solid[n]
    most_stretched = 100.0 * VARIANT_TOLERANCE ** 3      # the badness of a line at the limit
    for b in _line_ends(p, STRICT):
        last = b == n - 1
        penalty = 0.0 if last else p.gap_penalty[b]
        top = b if tops is None or last else tops[b]
        hangs = chars[b] == IDEOGRAPHIC_SPACE       # (`fit_end`: else the line ends at b)
        here = best[b + 1]
        for j in range(bisect_right(active, top) - 1, -1, -1):
            a = active[j]
            if last and a > 0 and solid_n - solid[a] < 2:
                continue        # 孤字 (clreq #adjustments_of_orphans_and_widows)
            e = fit_end(chars, a, b) if hangs else b
            if a < e and W[e + 1] - W[a] - (B[e + 1] - B[a]) > too_wide:
                break           # every longer line is wider still
            need, badness, feasible = line_fit(p, spec, pre, a, b, last)
            if not feasible:
                continue
            if not last and justified and need > 0 and badness > most_stretched:
                continue        # stretched past the layout's expansion limit
            d_line = (LINE_PENALTY + badness) ** 2 + penalty
            if last and a > 0:
                d_line += max(0, SHORT_LAST_LINE - (solid_n - solid[a])) * SHORT_LAST_LINE_DEMERITS
            for k, (d, _) in best[a].items():
                if k < most and (k + 1 not in here or d + d_line < here[k + 1][0]):
                    here[k + 1] = (d + d_line, a)
        if here:
            active.append(b + 1)
    found = {}
    for count in counts:
        if count not in best[n]:
            continue
        ends = []
        j, k = n, count
        while j > 0:
            ends.append(j - 1)
            j, k = best[j][k][1], k - 1
        found[count] = Breaks(tuple(reversed(ends)), STRICT)
    return found


def demerits(p: Prepared, spec: ParagraphSpec, ends: tuple[int, ...]) -> float:
    """Total demerits of a setting (the cost `_best_path` minimises), to compare the natural
    setting of a paragraph with a looser or tighter one."""
    pre = prefix_sums(p)
    n = len(p.chars)
    solid = _solid(p)
    total, a = 0.0, 0
    for b in ends:
        last = b == n - 1
        fit = line_fit(p, spec, pre, a, b, last)
        penalty = 0.0 if last else p.gap_penalty[b]
        total += (LINE_PENALTY + min(fit.badness, MAX_BADNESS)) ** 2 + penalty
        if last and a > 0:
            total += max(0, SHORT_LAST_LINE - (solid[n] - solid[a])) * SHORT_LAST_LINE_DEMERITS
        a = b + 1
    return total
