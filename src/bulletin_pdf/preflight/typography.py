"""Chinese text read back from glyph positions (pdfplumber): lines, the text block, and the
rules a reader sees — kinsoku at line starts and ends (GB/T 15834-2011 5.1; clreq
https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end, the marks in
`punctuation`), lines of a paragraph that stop short of the right edge, paragraphs ending in
one character (孤字, https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows).

Lines: glyphs grouped by baseline. Body: the most frequent glyph size. Text block, unless
given (`_text_block`): the right edge is where most body lines end; the left edge is the
leftmost place where many of the lines that reach it start. A body line is the last of its
paragraph when the next body line starts indented, is in another size, or does not follow —
or when it ended by design (`_ended_by_design`: centred, or the next line's first character
or word would have fitted), which keeps contents entries, hard breaks and centred lines of
any tool's PDF from being reported as unjustified.
"""

from __future__ import annotations

import collections
import math
import re
from dataclasses import dataclass, field

import pdfplumber

from ..messages import Message
from .model import Report
from .punctuation import LEFT_INKED, NO_LINE_END, NO_LINE_START, NOT_CHARACTERS, SPLIT_HALVES, ends_in_url

FOLIO = re.compile(r"^[\-—–·\s]*(第\s*)?\d{1,4}(\s*页)?[\-—–·\s]*$")


@dataclass
class Line:
    page: int
    baseline: float
    chars: list = field(default_factory=list)   # (text, x0, x1, size)

    @property
    def text(self) -> str:
        return "".join(c[0] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0][1]

    @property
    def size(self) -> float:
        return collections.Counter(c[3] for c in self.chars).most_common(1)[0][0]


def read_lines(path: str) -> tuple[list[Line], list[float]]:
    lines: list[Line] = []
    heights = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            heights.append(float(page.height))
            rows: dict[float, Line] = {}
            sizes: dict[float, float] = {}      # the size of the glyph that started each row
            for c in page.chars:
                a, b, cc, d, _e, f = c["matrix"]
                if not all(math.isfinite(v) for v in (*c["matrix"], c["x0"], c["x1"], c["size"])):
                    continue        # placed by a damaged matrix (NaN, ∞): no line to check it on
                if abs(b) > 1e-3 or abs(cc) > 1e-3 or not c["text"].strip():
                    continue
                baseline = float(page.height) - f
                size = c["size"]
                # a sub- or superscript (smaller, moved off the baseline: a word processor raises
                # one by a third of the size) belongs to the line it is set in
                key = next((k for k in rows if abs(k - baseline) < 0.3 * size
                            or (size < 0.75 * sizes[k] and abs(k - baseline) < 0.4 * sizes[k])), baseline)
                sizes.setdefault(key, size)
                rows.setdefault(key, Line(number, key)).chars.append(
                    (c["text"], c["x0"], c["x1"], round(size, 1)))
            for key in sorted(rows):
                rows[key].chars.sort(key=lambda ch: ch[1])
                lines.append(rows[key])
    return lines, heights


def _mode(values, bucket=0.5):
    if not values:
        return None
    counts = collections.Counter(round(v / bucket) for v in values)
    return counts.most_common(1)[0][0] * bucket


def check_typography(path: str, report: Report, block: tuple[float, float] | None = None) -> None:
    lines, heights = read_lines(path)
    check_lines(lines, heights, report, block)


def check_lines(lines: list[Line], heights: list[float], report: Report,
                block: tuple[float, float] | None = None) -> None:
    """The checks on lines read from any file (a PDF's glyphs, an OFD's text codes), in pt
    from the top of the page; `heights`: each page's height."""
    lines = [ln for ln in lines if not (FOLIO.match(ln.text) and
                                        (ln.baseline > 0.85 * heights[ln.page - 1] or ln.baseline < 0.12 * heights[ln.page - 1]))]
    if not lines:
        report.facts["typography"] = {"lines": 0}
        return
    _kinsoku(lines, report)
    sizes = collections.Counter(c[3] for ln in lines for c in ln.chars)
    body = sizes.most_common(1)[0][0]
    body_lines = [ln for ln in lines if abs(ln.size - body) < 0.5]
    left, right = block or _text_block(body_lines, body)
    inner, gaps, orphans = _paragraphs(lines, body, left, right, report)
    report.facts["typography"] = {"lines": len(lines), "body_size": body, "text_block": [left, right],
                                  "inner_lines": inner, "lines_short_gt_1pt": gaps, "orphans": orphans}


def _text_block(body_lines: list[Line], em: float) -> tuple[float, float]:
    """The left and right edges of the text block, found from the body lines.

    Justified lines all end at the right edge, so the most frequent line end is it. The most
    frequent start is not always the left edge: in a text of short paragraphs (two or three
    lines, each first line indented 2 em, clreq
    https://www.w3.org/International/clreq/#first_line_indents) the indented starts can
    outnumber the flush ones. Of the lines that reach the right edge, the left edge is the
    leftmost start shared by at least a tenth of them (and two): indents, list items and
    headings all start to its right; a stray line further left (a folio, a running head) is
    not common enough to count."""
    right = _mode([ln.chars[-1][2] for ln in body_lines])
    full = [ln.x0 for ln in body_lines if abs(ln.chars[-1][2] - right) <= 0.5 * em]
    counts = collections.Counter(round(x / 0.5) for x in full)
    common = [bucket for bucket, n in counts.items() if n >= max(2, len(full) / 10)]
    left = min(common) * 0.5 if common else _mode([ln.x0 for ln in body_lines])
    return left, right


def _kinsoku(lines: list[Line], report: Report) -> None:
    count = 0
    for prev, ln in zip([None] + lines, lines):
        t = ln.text
        continued = prev is not None and prev.page == ln.page
        if continued and t[0] in SPLIT_HALVES and prev.text[-1] == t[0]:
            report.add("fault", "kinsoku-split", Message("pre.kinsoku_split", pair=t[0] * 2, before=prev.text[-6:], after=t[:6]),
                       ln.page)
            count += 1
        elif t[0] in NO_LINE_START:
            report.add("fault", "kinsoku-start", Message("pre.kinsoku_start", char=t[0], text=t[:12]), ln.page)
            count += 1
        if t[-1] in NO_LINE_END and not (t[-1] in "/／" and ends_in_url(t)):
            report.add("fault", "kinsoku-end", Message("pre.kinsoku_end", char=t[-1], text=t[-12:]), ln.page)
            count += 1
    report.facts["kinsoku_violations"] = count


def _paragraphs(lines, body, left, right, report):
    """Justification and 孤字 over the body lines of each paragraph."""
    em = body
    inner = gaps = orphans = 0
    for k, ln in enumerate(lines):
        if abs(ln.size - body) >= 0.5 or abs(ln.x0 - left) > 2.5 * em:
            continue
        nxt = next((m for m in lines[k + 1:k + 2]), None)
        continues = (nxt is not None and abs(nxt.size - body) < 0.5 and abs(nxt.x0 - left) < 0.5 * em
                     and (nxt.page != ln.page or nxt.baseline - ln.baseline < 2.2 * em)
                     and not _ended_by_design(ln, nxt, left, right, em))
        if continues:
            inner += 1
            last = ln.chars[-1]
            end = last[2]   # a closing mark compressed at the line end ends past the edge: fine
            if last[0] in LEFT_INKED and last[1] >= right - 0.1 * em and len(ln.chars) > 1:
                end = ln.chars[-2][2]   # hanging punctuation: the text ends before it
            if right - end > 1.0:
                gaps += 1
                report.add("warning", "not-justified",
                           Message("pre.not_justified", gap=f"{right - end:.1f}", text=ln.text[-10:]), ln.page)
        prev = lines[k - 1] if k else None
        if (not continues and prev is not None and prev.page == ln.page and abs(prev.size - body) < 0.5
                and prev.chars[-1][2] > right - 1.5 * em and abs(ln.x0 - left) < 0.5 * em):
            solid = [c for c in ln.text if c not in NOT_CHARACTERS]
            if len(solid) == 1:
                orphans += 1
                report.add("warning", "orphan-character", Message("pre.orphan", text=ln.text),
                           ln.page)
    return inner, gaps, orphans


def _ended_by_design(ln: Line, nxt: Line, left: float, right: float, em: float) -> bool:
    """A line that stops short on purpose, not for want of justification — whichever tool made
    the PDF (clreq
    https://www.w3.org/International/clreq/#necessity_for_line_adjustment: only a line broken for width is justified):

    * centred: it keeps (about) the same space on both sides of the block;
    * broken by hand: the next line's first unbreakable unit — a character with the marks that
      may not start a line after it (https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end), or a Latin word — would have fitted in the
      space left, so the line did not end for want of room (the end of a paragraph that the
      next does not indent, a contents entry, a list item, a hard line break).
    """
    end = ln.chars[-1][2]
    gap = right - end
    lead = ln.x0 - left
    if lead > 0.5 * em and abs(lead - gap) < 0.5 * em:
        return True
    unit_end = nxt.chars[0][2]
    latin = nxt.chars[0][0].isascii() and nxt.chars[0][0].isalnum()
    for ch in nxt.chars[1:]:
        if ch[0] in NO_LINE_START or (latin and ch[0].isascii() and ch[0].isalnum() and ch[1] - unit_end < 0.15 * em):
            unit_end = ch[2]
        else:
            break
    return gap >= (unit_end - nxt.chars[0][1]) - 0.05 * em
