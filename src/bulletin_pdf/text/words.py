"""Words kept whole on display lines: titles, contents entries, headings, table cells.

Body text breaks between any two Chinese characters (clreq,
https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end: only the kinsoku marks
restrict a break). A display line is different: its breaks are few and seen at once, and a
word cut in two (`预│算`, `设施│数`) reads as a mistake. There a break is a choice, so the
engine prefers the boundaries of words (this project's rule for display lines,
docs/display-lines.md; clreq's draft of 2024-03-21 has no rule on it).

A Chinese word segmenter finds the words: `rjieba`, the Rust port of jieba (same dictionary,
same HMM for words not in it), chosen over jieba for its cost, measured on this project's
machine (docs/display-lines.md): importing it builds its dictionary in 0.05–0.06 s and
34 MB, and a cut then takes ~20 µs; jieba needs 0.9 s and ~80 MB for its first cut (0.4 s
with its marshal cache). It is imported only when a display line does not fit on one line,
so a build whose titles and cells all fit never loads it.

What it marks, on the `Prepared` paragraph, between two Han characters only (other gaps keep
the rules `prepare` gave them):

* inside a word: not a break at the strict levels (`Gap.INSIDE_WORD`) but a finite
  `WORD_PENALTY`, so `linebreak` breaks there only when no word-boundary breaking fits
  (its `SPLIT_WORDS` level);
* a boundary next to a one-character word (`临安│区`, `设施│数`: the segmenter splits
  suffixes such as 区 数 率 off the word they belong to): allowed, with `LOOSE_WORD_PENALTY`;
* inside a compound the segmenter keeps as one word but whose two halves are words of two or
  more characters (`预算│编制`, `意见│建议`, `人大│常委会`): allowed, with `COMPOUND_PENALTY`
  (a cell `征集企业意见建议数` is `征集企业│意见│建议数` in a narrow column, not `…│数` alone);
* a text that ends in a unit in brackets (`设施数（万处）`): the unit is one word, and when the
  part before it fits on a line, that part is one word too — the break falls before the `（`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..messages import Message
from .classes import NO_LINE_END, NO_LINE_START, is_han
from .linebreak import line_fit, prefix_sums
from .types import Gap, ParagraphSpec, Prepared

#: Demerits of a break inside a word (finite: allowed at `linebreak`'s SPLIT_WORDS level, when
#: no breaking between words fits). Below `prepare.EMERGENCY`, the penalty of breaking a Latin
#: unit: a word is split before a number or a Latin word is.
WORD_PENALTY = 1e5
#: Demerits of a break next to a one-character word: allowed, but a boundary between two
#: longer words, then one inside a compound, is taken first where one fits.
LOOSE_WORD_PENALTY = 300.0
#: Demerits of a break between the two words of a compound (`预算│编制`).
COMPOUND_PENALTY = 100.0
#: A number as the segmenter cuts it (`2023`, `1,236`, `93.2`): with the one-character word
#: after it, its unit (`2023年`, `10月`, `5个`), it is one word on a display line, as a number
#: and its unit are one unit on any line (docs/typography.md, "Line breaking": `1—9月` breaks
#: only after `—`).
NUMBER = re.compile(r"[0-9０-９]+(?:[.,，．][0-9０-９]+)*")
#: A unit in full-width or ASCII brackets closing the text: `（万处）`, `（%）`, `(亿元)`.
TRAILING_UNIT = re.compile(r"[（(][^（()）]{1,12}[）)]\s*$")


@lru_cache(maxsize=1)
def _segmenter():
    """The segmenter, imported on first use (see the module docstring for why lazily)."""
    import rjieba
    return rjieba


@lru_cache(maxsize=4096)
def words(text: str, hmm: bool = True) -> tuple[str, ...]:
    """The words of `text` as the segmenter cuts it; `hmm`: with its hidden Markov model for
    words not in its dictionary (else those fall apart into single characters)."""
    return tuple(_segmenter().cut(text, hmm=hmm))


def trailing_unit(text: str) -> int:
    """Where a closing unit in brackets starts (`设施数（万处）` → 3), or -1 when there is none
    or nothing stands before it."""
    m = TRAILING_UNIT.search(text)
    return m.start() if m and m.start() > 0 else -1


def word_costs(text: str, head_fits: bool | None = None) -> list[float]:
    """The demerits of a break after each character of `text` but the last, for a display
    line: 0 between two words, `LOOSE_WORD_PENALTY` next to a one-character word,
    `COMPOUND_PENALTY` between the halves of a compound, `WORD_PENALTY` inside a word.
    `head_fits`: whether the part before a trailing unit in brackets fits on one line (then
    it is kept whole); None: no unit rule."""
    cost = [0.0] * max(0, len(text) - 1)
    unit = trailing_unit(text)
    if unit != -1:
        _inside(cost, unit, len(text))      # the unit, one word; the gap before it stays 0
        if head_fits:
            _inside(cost, 0, unit)          # the part before it, kept whole
            return cost
    head = text if unit == -1 else text[:unit]
    for hmm in (True, False):
        for g, c in enumerate(_cut_costs(words(head, hmm))):
            cost[g] = max(cost[g], c)
    return cost


def _cut_costs(toks: tuple[str, ...]) -> list[float]:
    """`word_costs` of one cut. A boundary between two one-character words counts as inside a
    word: that is how a word the dictionary lacks comes out without the HMM (`发/力/筑/牢`),
    and the HMM in turn joins a word wrongly at times (`发力筑/牢`); `word_costs` takes the
    higher cost of the two cuts at each gap, so a break must be a boundary in both."""
    cost: list[float] = []
    for t, tok in enumerate(toks):
        start = len(cost)
        cost.extend([WORD_PENALTY] * (len(tok) - 1))
        for k in _compound_joints(tok):
            cost[start + k - 1] = COMPOUND_PENALTY
        if t + 1 < len(toks):
            nxt = toks[t + 1]
            single = _single(tok) + _single(nxt)
            unit = NUMBER.fullmatch(tok) is not None and _single(nxt)      # 2023│年, 10│月
            cost.append(WORD_PENALTY if single == 2 or unit else LOOSE_WORD_PENALTY if single else 0.0)
    return cost


def _compound_joints(tok: str) -> list[int]:
    """Where a word splits into two dictionary words of two or more characters each (none in
    a word of fewer than four characters: the range below is empty). A place name (the
    segmenter's part-of-speech tag `ns`: 中华人民共和国, 内蒙古自治区) is one name, never
    split at its joints (`中华人民│共和国` reads as a broken name); an organisation's name
    (`nt`: 人大│常委会) may be, in a narrow column."""
    if not all(is_han(ch) for ch in tok) or len(tok) < 4:
        return []
    has_word = _segmenter().has_word
    joints = [k for k in range(2, len(tok) - 1) if has_word(tok[:k]) and has_word(tok[k:])]
    if joints and _segmenter().tag(tok) == [(tok, "ns")]:
        return []
    return joints


def _single(tok: str) -> bool:
    return len(tok) == 1 and is_han(tok)


def _inside(cost: list[float], start: int, end: int) -> None:
    """Every gap of text[start:end] inside a word."""
    for g in range(start, end - 1):
        cost[g] = WORD_PENALTY


def pieces(text: str, head_fits: bool = True, compounds: bool = False) -> list[str]:
    """The stretches of `text` a display line keeps whole: its words, each with the marks that
    may not be parted from it (a closing mark after it, an opening mark before it; clreq
    §3.1.7), the trailing unit in brackets and the part before it as `word_costs` sees them;
    `compounds`: a compound's halves apart. Their widths are what a table column needs so that
    no cell breaks inside a word. A last piece of one Chinese character goes with the piece
    before it: a last line of one character is a 孤字 (clreq #adjustments_of_orphans_and_widows),
    which the line breaker avoids by breaking inside a word (`预警│规│则数` in a column two
    characters wide; `预警│规则数` in one three wide)."""
    cost = word_costs(text, head_fits)
    out, start = [], 0
    for g, c in enumerate(cost):
        a, b = text[g], text[g + 1]
        if c >= WORD_PENALTY or (c == COMPOUND_PENALTY and not compounds) or b in NO_LINE_START or a in NO_LINE_END or not (is_han(a) or is_han(b)):
            continue
        out.append(text[start:g + 1])
        start = g + 1
    out.append(text[start:])
    out = [p for p in out if p]
    if len(out) > 1 and _single(out[-1]):
        out[-2:] = [out[-2] + out[-1]]
    return out


def keep_words(p: Prepared, spec: ParagraphSpec) -> None:
    """For a display line (`spec.words`) that does not fit on one line unsqueezed (one
    that fits only by compressing its punctuation may still be broken): mark its breaks inside
    words (`mark_words`), the part before a trailing unit kept whole when it fits a line. A
    line that fits, or body text, is left as `prepare` made it and the segmenter not loaded."""
    n = len(p.chars)
    if not spec.words or n < 2:
        return
    pre = prefix_sums(p)
    whole = line_fit(p, spec, pre, 0, n - 1, True)
    if whole.feasible and whole.badness == 0.0:
        return      # fits at its natural width: `linebreak` keeps it on one line
    unit = trailing_unit("".join(p.chars))
    head_fits = unit > 0 and line_fit(p, spec, pre, 0, unit - 1, True).feasible
    if head_fits:
        p.unit_start = unit     # `达标率│（%）`: the unit alone on the last line is no 孤字
    mark_words(p, head_fits)


def mark_words(p: Prepared, head_fits: bool | None) -> None:
    """Mark the Han–Han gaps of `p` with `word_costs` (see the module docstring), and the gap
    between a number in full-width digits and its one-character unit (`２０２５│年`: `prepare`
    forbids the break after an ASCII digit itself, `Gap.NEVER`, but leaves this one free) as
    inside a word; a gap `prepare` forbade stays forbidden. (A gap between two words, cost 0,
    is written as it was: `prepare` made every Han–Han gap it left free a break of penalty 0.)"""
    text = "".join(p.chars)
    cost = word_costs(text, head_fits)
    for g, c in enumerate(cost):
        if p.gaps[g] is not Gap.FREE:
            continue
        a, b = p.chars[g], p.chars[g + 1]
        if not (is_han(a) and is_han(b)) and not (a.isdecimal() and is_han(b) and c >= WORD_PENALTY):
            continue
        p.gap_penalty[g] = c
        p.gaps[g] = Gap.FREE if c < WORD_PENALTY else Gap.INSIDE_WORD


def split_words(p: Prepared, ends) -> str:
    """A warning naming the words the breaks `ends` cut (empty: none was cut)."""
    cut = []
    for end in ends[:-1]:
        if p.gaps[end] is not Gap.INSIDE_WORD:
            continue
        a, b = end, end + 1
        while a > 0 and p.gaps[a - 1] is Gap.INSIDE_WORD:
            a -= 1
        while b < len(p.chars) - 1 and p.gaps[b] is Gap.INSIDE_WORD:
            b += 1
        cut.append("".join(p.chars[a:end + 1]) + "│" + "".join(p.chars[end + 1:b + 1]))
    if not cut:
        return ""
    return Message("text.split_word", cut=tuple(cut))
