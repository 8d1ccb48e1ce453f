"""Balanced breaking for short display text (titles).

typography.md, "Article title": a title too long for one line is broken into two lines whose
lengths differ by at most two characters, at a break the kinsoku rules allow (clreq §3.1.7),
so that no single word is left alone on the second line. Among the allowed breaks within
that tolerance, one after a punctuation mark (`：` `，` — a phrase boundary) is preferred;
then the most equal line lengths win (then the longer first line, the usual 上长下短 shape).
"""

from __future__ import annotations

from .classes import Kind
from .justify import justify
from .linebreak import line_fit, linebreak, prefix_sums
from .prepare import prepare
from .types import Gap, Metrics, ParagraphSpec, SetParagraph


def set_balanced(spans, metrics: Metrics, spec: ParagraphSpec, max_lines: int = 2,
                 tolerance: int = 2) -> SetParagraph:
    """One line if it fits, else the most balanced two-line break; more lines only if two
    cannot hold the text (then with a warning). `tolerance`: the characters two balanced lines
    may differ by (typography.md, "Article title": 2)."""
    prep = prepare(spans, metrics, spec.rules)
    n = len(prep.chars)
    if n == 0:
        return SetParagraph(())
    pre = prefix_sums(prep)
    if line_fit(prep, spec, pre, 0, n - 1, True).feasible:
        return SetParagraph(justify(prep, (n - 1,), spec))
    best = None
    if max_lines >= 2:
        for i in range(n - 1):
            if prep.gaps[i] is not Gap.FREE:
                continue
            if not (line_fit(prep, spec, pre, 0, i, True).feasible
                    and line_fit(prep, spec, pre, i + 1, n - 1, True).feasible):
                continue
            first, second = i + 1, n - i - 1
            width_gap = abs((pre[0][i + 1] - pre[0][0]) - (pre[0][n] - pre[0][i + 1]))
            phrase = prep.kinds[i] is Kind.CLOSE
            key = (abs(first - second) > tolerance, not phrase, abs(first - second), width_gap,
                   first < second)
            if best is None or key < best[0]:
                best = (key, i)
    if best is not None:
        return SetParagraph(justify(prep, (best[1], n - 1), spec))
    breaks = linebreak(prep, spec)
    return SetParagraph(justify(prep, breaks.ends, spec),
                        (f"needs {len(breaks.ends)} lines; the layout allows {max_lines}",), True)
