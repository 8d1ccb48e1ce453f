"""Balanced breaking for short display text (titles, contents entries).

docs/typography.md, "Article title": a title too long for one line is broken into two lines whose
lengths differ by at most two characters, at a break the kinsoku rules allow (clreq
https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end),
so that no single word is left alone on the second line. Among the allowed breaks within
that tolerance, one after a punctuation mark (`：` `，` — a phrase boundary) is preferred;
then the most equal line lengths win (then the longer first line, the usual 上长下短 shape).

A display line keeps its words whole (text/words.py): before all that, the fewest breaks
inside a word (none where any setting in the allowed lines has none), then the fewest lines,
then the fewest breaks next to a one-character word. A text that needs more lines than two is
balanced the same way over three (every pair of breaks is tried: titles are short).
"""

from __future__ import annotations

from ..messages import Message
from .classes import Kind
from .justify import justify
from .linebreak import fit_end, line_fit, linebreak, prefix_sums
from .prepare import prepare
from .types import Gap, Metrics, ParagraphSpec, SetParagraph
from .words import keep_words, split_words

#: Lines balanced by trying every set of breaks whose lines fit (a line holds a few dozen
#: characters: some thousand sets for three lines); more go to the total-fit line breaker.
MOST_BALANCED_LINES = 3


def set_balanced(spans, metrics: Metrics, spec: ParagraphSpec, max_lines: int = 2,
                 tolerance: int = 2) -> SetParagraph:
    """One line if it fits, else the most balanced break over two lines (three when the
    layout allows and two cannot hold it); more lines only if those cannot hold the text (then
    with a warning when they are more than `max_lines`). `tolerance`: the characters two
    balanced lines may differ by (docs/typography.md, "Article title": 2)."""
    prep = prepare(spans, metrics, spec.rules)
    n = len(prep.chars)
    if n == 0:
        return SetParagraph(())
    pre = prefix_sums(prep)
    if line_fit(prep, spec, pre, 0, n - 1, True).feasible:
        return SetParagraph(justify(prep, (n - 1,), spec))
    keep_words(prep, spec)
    W, B = pre[0], pre[4]
    gaps = [i for i in range(n - 1) if prep.gaps[i] is Gap.FREE or prep.gaps[i] is Gap.INSIDE_WORD]
    too_wide = spec.measure + 1.0

    def cuts(a: int, lines: int):
        """Every set of `lines - 1` breaks after atom a whose lines fit, the last ending the text."""
        if lines == 1:
            if line_fit(prep, spec, pre, a, n - 1, True).feasible:
                yield ()
            return
        for i in gaps:
            if i < a:
                continue
            e = fit_end(prep.chars, a, i)   # its trailing ideographic spaces hang: not counted
            if W[e + 1] - W[a] - (B[e + 1] - B[a]) > too_wide:
                break       # wider than the measure with every blank taken out: so is every longer line
            if line_fit(prep, spec, pre, a, i, True).feasible:
                for rest in cuts(i + 1, lines - 1):
                    yield (i,) + rest

    best = None
    for lines in range(2, min(max_lines, MOST_BALANCED_LINES) + 1):
        if best is not None and best[0][0] == 0:
            break           # fewer lines, no word broken: more lines cannot be better
        for cut in cuts(0, lines):
            ends = cut + (n - 1,)
            starts = (0,) + tuple(i + 1 for i in cut)
            counts = [b - a + 1 for a, b in zip(starts, ends)]
            widths = [W[b + 1] - W[a] for a, b in zip(starts, ends)]
            spread = max(counts) - min(counts)
            # words broken first; then breaks that cost (next to a one-character word, between
            # a compound's halves: text/words.py)
            key = (sum(prep.gaps[i] is Gap.INSIDE_WORD for i in cut), lines, spread > tolerance,
                   sum(prep.gaps[i] is Gap.FREE and prep.gap_penalty[i] > 0 for i in cut),
                   sum(prep.kinds[i] is not Kind.CLOSE for i in cut), spread,
                   # to 0.01 pt: sums of equal cells differ in their last bits, and a tie must fall
                   # to the longer first line (上长下短), not to rounding (29 ideographs: 15 | 14)
                   round(max(widths) - min(widths), 2),
                   tuple(-c for c in counts))
            if best is None or key < best[0]:
                best = (key, ends)
    if best is not None:
        split = split_words(prep, best[1])
        return SetParagraph(justify(prep, best[1], spec), (split,) if split else ())
    breaks = linebreak(prep, spec)
    warnings = [Message("text.lines", n=len(breaks.ends), max=max_lines)] \
        if len(breaks.ends) > max_lines else []
    split = split_words(prep, breaks.ends)
    return SetParagraph(justify(prep, breaks.ends, spec), tuple(warnings + ([split] if split else [])),
                        bool(warnings))
