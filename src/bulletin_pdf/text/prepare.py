"""Turn styled runs into atoms and gaps: the break opportunities and the space between glyphs.

Rules applied here, each at its source:

* clreq §3.1.7 (kinsoku): no break before a NO_LINE_START mark or after a NO_LINE_END mark;
  `——` and `……` never split.
* clreq §3.2.2 / typography.md: Latin words, numbers with their separators and units
  (`3,560`, `93.2%`, `PM2.5`) are unbreakable units; URLs break only after `/` or `.`.
* clreq §3.2.2: ¼ em between a Han character and a Latin letter or digit (not next to
  punctuation); a space the editor typed there *is* that gap, not a word space.
* clreq §3.1.6.1 / JIS X 4051 §4.3 (fixed compression): a closing mark followed by an opening
  or closing mark is set half width (the pair takes 1.5 em); two opening marks likewise.
"""

from __future__ import annotations

import re
import unicodedata

from .classes import INSEPARABLE, MIDDLE_DOTS, NO_LINE_END, NO_LINE_START, Kind, is_wide, kind_of
from .types import LineRules, Metrics, Prepared, Span

INF = float("inf")
#: Demerits for breaking inside an unbreakable unit: only when nothing else fits (overfull).
EMERGENCY = 1e6
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
#: A number typed in full-width digits (２０２５) is one unit too.
FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
#: Quotation marks that some fonts draw proportional (narrow) and Chinese sets full-width.
QUOTES = frozenset("“”‘’")
#: Western signs that take the CJK–Latin space like a letter does (clreq §3.2.2 examples).
LATIN_SPACED = frozenset("%‰°#&$€£¥")


def prepare(spans: list[Span] | tuple[Span, ...], metrics: Metrics, rules: LineRules) -> Prepared:
    chars, styles, spaced = _flatten(spans)
    n = len(chars)
    p = Prepared([], [], [], [], [], [], [], [], [], [], [], [], [], [])
    text = "".join(chars)
    url_breaks = _url_break_points(text)
    advances, glyphs, joined = _shape(chars, styles, spaced, metrics)
    for i, (ch, st) in enumerate(zip(chars, styles)):
        adv_em = advances[i]
        narrow_quote = ch in QUOTES and adv_em < 0.9
        wide = is_wide(ch) or narrow_quote or ch in MIDDLE_DOTS or \
            (adv_em >= 0.9 and (ch in QUOTES or ch in INSEPARABLE))
        kind = kind_of(ch, wide)
        width = st.cell if wide else adv_em * st.size
        bl = br = shift = 0.0
        if narrow_quote:
            # A font with proportional quotes (e.g. LXGW WenKai): the mark still takes a
            # full-width cell in Chinese text (GB/T 15834 §4.1), its glyph flush against the
            # quoted text, as the OpenType `fwid` feature would place it.
            if kind is Kind.OPEN:
                shift, bl = st.cell - adv_em * st.size, st.cell / 2
            else:
                br = st.cell / 2
        elif kind in (Kind.OPEN, Kind.CLOSE) and glyphs[i]:
            bl, br = _mark_blanks(kind, ch, glyphs[i][0][0], adv_em, st, metrics)
        elif kind is Kind.MIDDLE:
            # GB/T 15834 §4.1.14: the 间隔号 sits centred in a full cell, even where the font
            # draws U+00B7 as a narrow Latin dot; a quarter em each side may be compressed.
            shift = (st.cell - adv_em * st.size) / 2
            bl = br = st.cell / 4
        p.chars.append(ch)
        p.styles.append(st)
        p.glyphs.append(glyphs[i])
        p.kinds.append(kind)
        p.width.append(width)
        p.shift.append(shift)
        p.blank_left.append(bl)
        p.blank_right.append(br)
    unit_of = _latin_units(p.kinds, spaced)
    p.units = sorted(set(u for u in unit_of if u is not None))
    for i in range(n - 1):
        _add_gap(p, i, spaced[i + 1], joined[i + 1], unit_of, url_breaks, rules)
    _compress_adjacent(p, spaced)
    return p


def _shape(chars: list[str], styles: list, spaced: list[bool], metrics: Metrics):
    """Shape each stretch of one style with no typed space in it (a space the engine drops
    must not let the font kern or ligate across it). Per character: its advance in ems (a
    cluster's advance shared evenly by its characters), its glyphs (gid, text, dx, dy, own
    advance; pt, on the cluster's first character) and whether it continues the cluster
    before it (no break, no spacing inside a ligature)."""
    n = len(chars)
    advances = [0.0] * n
    glyphs: list[tuple] = [()] * n
    joined = [False] * n
    start = 0
    while start < n:
        end = start + 1
        while end < n and (styles[end] is styles[start] or styles[end] == styles[start]) and not spaced[end]:
            end += 1
        st = styles[start]
        text = "".join(chars[start:end])
        shaped = metrics.shape(st.face, text)
        starts = sorted({g.cluster for g in shaped} | {len(text)})
        next_start = dict(zip(starts, starts[1:]))
        pen: dict[int, float] = {}
        pieces: dict[int, list] = {}
        size = st.size
        for g in shaped:
            c = g.cluster
            at = pen.get(c, 0.0)
            own = g.own * size
            if c in pieces:
                pieces[c].append((g.gid, "", (at + g.dx) * size, g.dy * size, own))
            else:
                pieces[c] = [(g.gid, text[c:next_start[c]], (at + g.dx) * size, g.dy * size, own)]
            pen[c] = at + g.advance
        for c, c_end in next_start.items():
            share = pen.get(c, 0.0) / (c_end - c)
            advances[start + c] = share
            glyphs[start + c] = tuple(pieces.get(c, ()))
            for k in range(c + 1, c_end):
                advances[start + k] = share
                joined[start + k] = True
        start = end
    return advances, glyphs, joined


def _mark_blanks(kind: Kind, ch: str, gid: int, adv_em: float, st, metrics: Metrics) -> tuple[float, float]:
    """Removable blank of a full-width mark: what the font's `halt` feature takes away
    (OpenType "halt": the half-width form of the same glyph), else read from its ink."""
    half = metrics.half_width(st.face, ch)
    if half is not None and adv_em > 0:
        return half[0] / adv_em * st.cell, half[1] / adv_em * st.cell
    return _blanks(kind, metrics.ink(st.face, gid), st.cell)


def _is_space(ch: str) -> bool:
    """A typed space: ASCII and the other Unicode spaces (thin, figure, no-break…), not the
    ideographic space U+3000, which is a full-width character of its own."""
    return ch != "\u3000" and (ch.isspace() or unicodedata.category(ch) == "Zs")


def _flatten(spans) -> tuple[list[str], list, list[bool]]:
    """Characters and their styles; `spaced[i]`: a space was typed before char i."""
    chars, styles, spaced = [], [], []
    pending_space = False
    for span in spans:
        for ch in span.text:
            if _is_space(ch):
                pending_space = bool(chars)
                continue
            chars.append(ch)
            styles.append(span.style)
            spaced.append(pending_space)
            pending_space = False
    return chars, styles, spaced


def _blanks(kind: Kind, ink: tuple[float, float] | None, cell: float) -> tuple[float, float]:
    """Removable blank of a full-width mark, read from where its ink sits in the em box.

    GB/T 15834 fonts put closing marks in the left half and opening marks in the right half:
    half a cell is blank on the other side. Fonts with centred marks lose a quarter each side.
    """
    if ink is None:
        return 0.0, 0.0
    lo, hi = ink
    if kind is Kind.CLOSE:
        if hi <= 0.55:
            return 0.0, cell / 2
        if lo >= 0.2 and hi <= 0.8:
            return cell / 4, cell / 4
        return 0.0, 0.0
    if lo >= 0.45:
        return cell / 2, 0.0
    if lo >= 0.2 and hi <= 0.8:
        return cell / 4, cell / 4
    return 0.0, 0.0


def _latin_units(kinds: list[Kind], spaced: list[bool]) -> list[tuple[int, int] | None]:
    """For each atom, the [start, end) of the Latin unit it belongs to (None for CJK)."""
    unit_of: list[tuple[int, int] | None] = [None] * len(kinds)
    i = 0
    while i < len(kinds):
        if kinds[i] is not Kind.LATIN:
            i += 1
            continue
        j = i + 1
        while j < len(kinds) and kinds[j] is Kind.LATIN and not spaced[j]:
            j += 1
        for k in range(i, j):
            unit_of[k] = (i, j)
        i = j
    return unit_of


def _url_break_points(text: str) -> set[int]:
    """Indices i after which a URL may break: after `/` or `.` (not inside `//`)."""
    points = set()
    for m in URL.finditer(text):
        for k in range(m.start(), m.end() - 1):
            if text[k] in "/." and text[k + 1] != "/":
                points.add(k)
    return points


def _add_gap(p: Prepared, i: int, spaced: bool, joined: bool, unit_of, url_breaks: set[int],
             rules: LineRules) -> None:
    a, b = p.kinds[i], p.kinds[i + 1]
    ca, cb = p.chars[i], p.chars[i + 1]
    space = stretch = shrink = 0.0
    penalty = 0.0
    same_unit = unit_of[i] is not None and unit_of[i] == unit_of[i + 1]
    if joined:          # inside one glyph cluster (a ligature such as fi, or ——): fixed
        penalty = INF
    elif same_unit:
        penalty = 0.0 if i in url_breaks else EMERGENCY
    elif _cjk_latin(a, ca, b, cb):
        size = p.styles[i].size if a is Kind.LATIN else p.styles[i + 1].size
        space, stretch, shrink = rules.cjk_latin_space * size, 1.0, rules.cjk_latin_space * size / 2
    else:
        # A typed space next to a Latin character is a word space (between two Latin units
        # there always is one: a unit is a run of Latin characters with no space in it); one
        # typed between two Chinese characters (often a line wrapped in the YAML or in Word)
        # is dropped: Chinese has no word spaces (clreq §3.2.1), U+3000 asks for a full-width
        # space.
        stretch = 0.0 if (ca == cb and ca in INSEPARABLE) else 1.0
        if spaced and Kind.LATIN in (a, b):
            word = rules.word_space * p.styles[i].size
            space, shrink = word, word / 3
    if joined or cb in NO_LINE_START or ca in NO_LINE_END or (ca == cb and ca in INSEPARABLE) \
            or (ca in FULLWIDTH_DIGITS and cb in FULLWIDTH_DIGITS):
        penalty = INF
    p.gap_space.append(space)
    p.gap_stretch.append(stretch)
    p.gap_shrink.append(shrink)
    p.gap_penalty.append(penalty)
    p.gap_break.append(penalty == 0.0)


def _cjk_latin(a: Kind, ca: str, b: Kind, cb: str) -> bool:
    """A Han character next to a Latin letter/digit (clreq §3.2.2), not next to punctuation."""
    if a is Kind.HAN and b is Kind.LATIN:
        return cb.isalnum() or cb in LATIN_SPACED
    if a is Kind.LATIN and b is Kind.HAN:
        return ca.isalnum() or ca in LATIN_SPACED
    return False


def _compress_adjacent(p: Prepared, spaced: list[bool]) -> None:
    """clreq §3.1.6.1: closing + (opening|closing) → the first at half width; opening + opening
    → the second loses its leading blank. Applied always: the pair takes 1.5 em."""
    for i in range(len(p.chars) - 1):
        if spaced[i + 1]:
            continue
        a, b = p.kinds[i], p.kinds[i + 1]
        if a is Kind.CLOSE and b in (Kind.CLOSE, Kind.OPEN) and p.blank_right[i] > 0:
            p.width[i] -= p.blank_right[i]
            p.blank_right[i] = 0.0
        elif a is Kind.OPEN and b is Kind.OPEN and p.blank_left[i + 1] > 0:
            p.width[i + 1] -= p.blank_left[i + 1]
            p.shift[i + 1] -= p.blank_left[i + 1]
            p.blank_left[i + 1] = 0.0
