"""Property tests of the line engine (hypothesis) over random mixes of Han, punctuation,
Latin words, numbers, spaces and emphasis runs (issue #4):

* no character lost, duplicated or reordered;
* no kinsoku violation (https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end), `——`/`……` never split;
* every line but the last is exactly the measure (0.01 pt);
* no 孤字 last line where a different last break would avoid it (https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.model import LineRules
from bulletin_pdf.text import ParagraphSpec, RunStyle, Span, set_paragraph
from bulletin_pdf.text.linebreak import line_fit, prefix_sums
from bulletin_pdf.text.prepare import prepare
from bulletin_pdf.text.types import Gap

from .profiles import examples
from .rules import NO_LINE_END, NO_LINE_START, OPENING, is_punctuation

MEASURE = 156 * 72 / 25.4
CELL = MEASURE / 28
BODY = RunStyle("body", 16, CELL)
EMPH = RunStyle("emphasis", 16, CELL)

han = st.text(alphabet="人大常委会监督工作推动高质量发展国有资产管理代表联络站", min_size=1, max_size=12)
closing = st.sampled_from(["，", "。", "、", "；", "：", "？", "！", "”", "’", "）", "》"])
opening = st.sampled_from(["“", "‘", "（", "《"])
latin = st.sampled_from(["ESG", "AI", "PM2.5", "3,560", "93.2%", "5G", "VR/AR", "2025", "120", "CBD"])
pair = st.sampled_from(["——", "……"])
#: U+3000 IDEOGRAPHIC SPACE: at a line end it hangs (CSS Text 3 §4.1.3, after JLReq)
IDEOGRAPHIC_SPACE = "\u3000"
token = st.one_of(han, han, han, closing, opening, latin, pair, st.just(IDEOGRAPHIC_SPACE),
                  st.builds(lambda a, b: a + " " + b, latin, latin),
                  st.builds(lambda l: " " + l + " ", latin))
paragraph = st.lists(st.tuples(st.lists(token, min_size=1, max_size=6).map("".join), st.booleans()),
                     min_size=1, max_size=12)
measures = st.sampled_from([MEASURE, MEASURE * 0.62, CELL * 13.5])


def spans_of(parts):
    return [Span(text, EMPH if emph else BODY) for text, emph in parts]


def solid(text: str) -> int:
    return sum(1 for c in text if not is_punctuation(c))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=paragraph, measure=measures, indent=st.sampled_from([0.0, 2 * CELL]))
@example(parts=[("……“ESGESGESGPM2.5", False)], measure=213.2058492688414, indent=31.58605174353206)
@example(parts=[("——ESGESG产————", True), ("，", False)], measure=213.2058492688414, indent=31.58605174353206)
@example(parts=[("产产产产产产产产产产产产\u3000——\u3000产产", False)], measure=CELL * 13.5, indent=0.0)
@example(parts=[("人大常委会监督工作推动高质量发展国有资产管理代表联络站\u3000监督工作", False)], measure=MEASURE,
         indent=0.0)
def test_line_engine_properties(fonts, parts, measure, indent):
    spans = spans_of(parts)
    spec = ParagraphSpec(measure, indent, 0.0, True, LineRules())
    para = set_paragraph(spans, fonts, spec)
    source = "".join(p for p, _ in parts)
    text = "".join(line.text for line in para.lines)
    # nothing lost, duplicated or reordered
    assert text.replace(" ", "") == source.replace(" ", "")
    # and no space the text keeps (a word space's glyph) that was not typed there, nor two
    # for one: the text is the source with its runs of spaces made one, some of them left out
    assert _is_subsequence(text, re.sub(" +", " ", source))
    if para.overfull:
        return   # the fallback rule broke a unit; the warning says so (tested elsewhere)
    for k, line in enumerate(para.lines):
        if k > 0:
            assert line.text[0] not in NO_LINE_START, [l.text for l in para.lines]
            prev = para.lines[k - 1].text
            assert not (prev[-1] == line.text[0] and line.text[0] in "—…")
        if k < len(para.lines) - 1:
            # (a line broken at a word space ends with that space's blank glyph)
            assert line.text.rstrip(" ")[-1] not in NO_LINE_END, [l.text for l in para.lines]
            # ideographic spaces at the end of a line hang: the text before them is justified
            # to the measure, and they stand past it (CSS Text 3 §4.1.3, "must hang")
            visible = line.text.rstrip(IDEOGRAPHIC_SPACE) or line.text[:1]
            hung = line.glyphs[len(visible):]
            assert all(g.x >= line.width - 0.01 for g in hung), line.text
            if line.indent + line.width < measure - 0.01:
                # only a line with no gap that may stretch stays short: one character, one
                # ellipsis or dash (two cells that are never split, GB/T 15834-2011 5.1.4,
                # 5.1.5), or one Latin unit (letters are never spaced) — and the paragraph says so
                assert para.warnings and "cannot be justified" in para.warnings[-1]
                # (a run of dashes or ellipses, e.g. `————`, is such a unit too: its marks are
                # never split from each other nor spaced apart)
                assert len(visible) == 1 or set(visible) in ({"…"}, {"—"}) or all(c.isascii() for c in visible), \
                    line.text
            else:
                assert line.indent + line.width == pytest.approx(measure, abs=0.01)
        # glyphs stay in order: an opening mark's origin may move left by its blank half
        # (compression), its ink (right half) never does
        xs = [g.x + (CELL / 2 if g.text in OPENING else 0) for g in line.glyphs]
        assert all(b > a for a, b in zip(xs, xs[1:])), line.text
    if len(para.lines) > 1 and solid(para.lines[-1].text) < 2:
        assert para.relaxed and para.warnings
        assert not other_last_break_exists(fonts, spans, spec, para)


def _is_subsequence(text: str, source: str) -> bool:
    rest = iter(source)
    return all(ch in rest for ch in text)


def other_last_break_exists(fonts, spans, spec, para) -> bool:
    """Independent of the optimiser: could the last break move earlier, every line staying
    within the rules, so that the last line has two solid characters?"""
    prep = prepare(spans, fonts, spec.rules)
    n = len(prep.chars)
    pre = prefix_sums(prep)
    starts = [0]
    for line in para.lines[:-1]:
        starts.append(starts[-1] + len(line.glyphs))
    a = starts[-2]
    for b in range(a, starts[-1] - 1):
        if prep.gaps[b] is not Gap.FREE:
            continue
        tail = "".join(prep.chars[b + 1:])
        if solid(tail) >= 2 and line_fit(prep, spec, pre, a, b, False).feasible \
                and line_fit(prep, spec, pre, b + 1, n - 1, True).feasible:
            return True
    return False


def demerits(prep, spec, pre, ends) -> float:
    """Total demerits of a break sequence, by the optimiser's own line cost."""
    from bulletin_pdf.text.linebreak import LINE_PENALTY, SHORT_LAST_LINE, SHORT_LAST_LINE_DEMERITS

    n = len(prep.chars)
    solid_tail = lambda a: sum(1 for c in prep.chars[a:] if not is_punctuation(c))  # noqa: E731
    total, a = 0.0, 0
    for k, b in enumerate(ends):
        last = k == len(ends) - 1
        fit = line_fit(prep, spec, pre, a, b, last)
        if not fit.feasible:
            return float("inf")
        total += (LINE_PENALTY + fit.badness) ** 2 + (0.0 if last else prep.gap_penalty[b])
        if last and a > 0:
            total += max(0, SHORT_LAST_LINE - solid_tail(a)) * SHORT_LAST_LINE_DEMERITS
        a = b + 1
    assert a == n
    return total


def first_fit(prep, spec, pre) -> tuple[int, ...]:
    """Greedy breaking: each line takes as much as fits, at allowed breaks only."""
    n = len(prep.chars)
    ends, a = [], 0
    while a < n:
        best = None
        for b in range(a, n):
            if b < n - 1 and prep.gaps[b] is not Gap.FREE:
                continue
            if line_fit(prep, spec, pre, a, b, b == n - 1).feasible:
                best = b
            elif best is not None:
                break
        if best is None:
            return ()
        ends.append(best)
        a = best + 1
    return tuple(ends)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=paragraph, measure=measures)
def test_total_fit_costs_no_more_than_first_fit(fonts, parts, measure):
    """docs/typography.md, "孤字" (breaks chosen for the whole paragraph): the optimal breaker's total
    cost is never higher than first-fit's (on the same cost model; first-fit may leave a 孤字 the
    optimiser must avoid, so only paragraphs where first-fit obeys that rule too are compared)."""
    from bulletin_pdf.text.linebreak import STRICT, _best_path

    spans = spans_of(parts)
    spec = ParagraphSpec(measure, 0.0, 0.0, True, LineRules())
    prep = prepare(spans, fonts, spec.rules)
    pre = prefix_sums(prep)
    greedy = first_fit(prep, spec, pre)
    if not greedy or (len(greedy) > 1 and solid("".join(prep.chars[greedy[-2] + 1:])) < 2):
        return
    solid_prefix = [0]
    for ch in prep.chars:
        solid_prefix.append(solid_prefix[-1] + (0 if is_punctuation(ch) else 1))
    optimal = _best_path(prep, spec, pre, solid_prefix, STRICT, None)
    assert optimal is not None
    assert demerits(prep, spec, pre, optimal) <= demerits(prep, spec, pre, greedy) + 1e-6


def exhaustive_path(prep, spec, pre, level, tolerance) -> tuple[int, ...] | None:
    """The optimiser's programme without any cut: every start a for every end b, shortest
    line first (the optimiser's tie order), no early stop and no bisection window."""
    from bulletin_pdf.text.linebreak import (ANYWHERE, BREAK_UNITS, LINE_PENALTY, OVERFULL_BADNESS, SHORT_LAST_LINE,
                                             SHORT_LAST_LINE_DEMERITS, SPLIT_WORDS, STRICT)

    n = len(prep.chars)
    W, G, S, _, _ = pre
    # a glyph cluster is one indivisible unit (HarfBuzz: clusters.html#clusters-and-shaping):
    # no level breaks inside one
    may_break = [gap is not Gap.INSIDE_GLYPH for gap in prep.gaps] if level >= ANYWHERE else \
        [gap not in (Gap.NEVER, Gap.INSIDE_GLYPH) for gap in prep.gaps] if level >= BREAK_UNITS else \
        [gap in (Gap.FREE, Gap.INSIDE_WORD) for gap in prep.gaps] if level >= SPLIT_WORDS else \
        [gap is Gap.FREE for gap in prep.gaps]
    tail = [sum(1 for c in prep.chars[a:] if not is_punctuation(c)) for a in range(n + 1)]
    best = {0: (0.0, None)}
    for b in range(n):
        last = b == n - 1
        if not last and not may_break[b]:
            continue
        for a in range(b, -1, -1):
            if a not in best or (a > 0 and not may_break[a - 1]):
                continue
            if last and a > 0 and level <= SPLIT_WORDS and tail[a] < 2:
                continue
            if tolerance is not None and not last and spec.justify:
                e = b      # trailing ideographic spaces hang: the line is measured without them
                while e > a and prep.chars[e] == IDEOGRAPHIC_SPACE:
                    e -= 1
                indent = spec.first_indent if a == 0 else spec.rest_indent
                need = spec.measure - indent - (W[e + 1] - W[a] + G[e] - G[a])
                if need > spec.rules.max_expansion * tolerance * (S[e] - S[a]) * prep.styles[a].size:
                    continue
            fit = line_fit(prep, spec, pre, a, b, last)
            badness = fit.badness
            if not fit.feasible:
                if level < ANYWHERE or any(may_break[a:b]):
                    continue       # only a line of one piece (an atom, a cluster) stands overfull
                badness = OVERFULL_BADNESS
            penalty = 0.0 if last else prep.gap_penalty[b]
            d = best[a][0] + (LINE_PENALTY + badness) ** 2 + penalty
            if last and a > 0:
                d += max(0, SHORT_LAST_LINE - tail[a]) * SHORT_LAST_LINE_DEMERITS
            if b + 1 not in best or d < best[b + 1][0]:
                best[b + 1] = (d, a)
    if n not in best:
        return None
    ends, j = [], n
    while j > 0:
        ends.append(j - 1)
        j = best[j][1]
    return tuple(reversed(ends))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=paragraph, measure=measures, indent=st.sampled_from([0.0, 2 * CELL]),
       rest=st.sampled_from([0.0, CELL, 3 * CELL]), justify=st.booleans())
#        a measure narrower than one cell: only the last resort sets it, each atom overfull on a
#        line of its own; a line of ideographic spaces only (U+3000 may start a line only
#        there) stands alone as one space, never as a run of two
@example(parts=[("国\u3000\u3000国", False)], measure=0.6 * CELL, indent=0.0, rest=0.0, justify=True)
def test_cut_search_finds_the_breaks_of_the_full_search(fonts, parts, measure, indent, rest, justify):
    """The optimiser's cuts (the early stop at overfull lines, the bisection window of the
    loose-tolerance pass) change how many lines it looks at, never the breaks it chooses:
    at every strictness level and tolerance it tries, the same breaks as scanning all."""
    from bulletin_pdf.text.linebreak import ALLOW_ORPHAN, ANYWHERE, BREAK_UNITS, STRICT, _best_path

    spec = ParagraphSpec(measure, indent, rest, justify, LineRules())
    prep = prepare(spans_of(parts), fonts, spec.rules)
    pre = prefix_sums(prep)
    solid_prefix = [0]
    for ch in prep.chars:
        solid_prefix.append(solid_prefix[-1] + (0 if is_punctuation(ch) else 1))
    for level, tolerance in ((STRICT, 2.0), (STRICT, 1.0), (STRICT, None), (ALLOW_ORPHAN, None),
                             (BREAK_UNITS, None), (ANYWHERE, None)):
        assert _best_path(prep, spec, pre, solid_prefix, level, tolerance) == \
            exhaustive_path(prep, spec, pre, level, tolerance), (level, tolerance)


@pytest.mark.parametrize("chars, cells_short", [(28, 0.0), (27, 1.0), (10, 0.5), (2, 0.05), (1, 0.5)])
def test_line_fit_of_a_justified_line_is_knuth_plass_badness(fonts, chars, cells_short):
    """A justified line of ideographs that is not a paragraph's last, `cells_short` cells short
    of its measure: it must stretch by that much over its `chars − 1` gaps, each of which may
    open by `max_expansion` em at badness 100; its badness is Knuth & Plass's 100·r³ with r the
    stretch asked over that allowance (0 when it fills the measure; a line of one character
    has no gap and only a last resort's badness, still feasible). The last line never stretches."""
    rules = LineRules()
    measure = (chars + cells_short) * CELL
    spec = ParagraphSpec(measure, 0.0, 0.0, True, rules)
    prep = prepare([Span("国" * chars, RunStyle("body", 16, CELL))], fonts, rules)
    fit = line_fit(prep, spec, prefix_sums(prep), 0, chars - 1, False)
    need = cells_short * CELL
    assert fit.need == pytest.approx(need, abs=1e-6) and fit.feasible is True
    if chars == 1 and need:
        assert fit.badness > 100
    elif need < 0.01:
        assert fit.badness == 0
    else:
        r = need / ((chars - 1) * rules.max_expansion * 16)
        assert fit.badness == pytest.approx(100 * r ** 3)
    last = line_fit(prep, spec, prefix_sums(prep), 0, chars - 1, True)
    assert last == (pytest.approx(need, abs=1e-6), 0.0, True)
