"""Turn styled runs into atoms and gaps: the break opportunities and the space between glyphs.

Rules applied here, each at its source:

* kinsoku (https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end): no break before a NO_LINE_START mark or after a NO_LINE_END mark;
  `——` and `……` never split (https://www.w3.org/International/clreq/#h-unbreakable_marks_punctuation).
* docs/typography.md, "Line breaking": Latin words, numbers with their separators and units
  (`3,560`, `93.2%`, `PM2.5`) are unbreakable units; URLs break only after `/` or `.`.
* https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode: ¼ em between a Han character and a Latin letter or digit (not next to
  punctuation); a space the editor typed there *is* that gap, not a word space.
* https://www.w3.org/International/clreq/#h-adjustment_of_adjacent_punctuation_marks / JIS X 4051 §4.3 (fixed compression): a closing mark followed by an opening
  or closing mark is set half width (the pair takes 1.5 em); two opening marks likewise.
"""

from __future__ import annotations

import re

from .classes import INSEPARABLE, MIDDLE_DOTS, NO_LINE_END, NO_LINE_START, Kind, is_wide, kind_of
from .types import ClusterGlyph, Gap, LineRules, Metrics, Prepared, RunStyle, Span

#: Demerits for breaking inside an unbreakable unit (`Gap.INSIDE_UNIT`): only when nothing else
#: fits (overfull).
EMERGENCY = 1e6
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
#: A number typed in full-width digits (２０２５) is one unit too.
FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
#: Quotation marks that some fonts draw proportional (narrow) and Chinese sets full-width.
QUOTES = frozenset("“”‘’")
#: Western signs that take the CJK–Latin space like a letter does (clreq's examples,
#: https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode).
LATIN_SPACED = frozenset("%‰°#&$€£¥")


def prepare(spans: list[Span] | tuple[Span, ...], metrics: Metrics, rules: LineRules) -> Prepared:
    chars, styles, spaced, runs = _flatten(spans)
    text = "".join(chars)
    url_breaks = _url_break_points(text)
    advances, gids, owns, clusters, joined = _shape(chars, runs, metrics)
    n = len(chars)
    kinds: list[Kind] = [Kind.HAN] * n
    # The common case, an ideograph: the full cell, no blank to give or take (the branches
    # below all leave it so); set a list at a time, and the loop visits only the others.
    widths: list[float] = [st.cell for st in styles]
    shifts = [0.0] * n
    lefts = [0.0] * n
    rights = [0.0] * n
    classes, han = _CLASSES, Kind.HAN
    for i in [i for i, (wide, kind, _) in enumerate(map(classes.__getitem__, chars)) if not (wide and kind is han)]:
        ch, st = chars[i], styles[i]
        always_wide, kind_wide, kind_narrow = classes[ch]
        adv_em = advances[i]
        narrow_quote = adv_em < 0.9 and ch in QUOTES
        wide = always_wide or narrow_quote or (adv_em >= 0.9 and ch in WIDE_IF_FULL_ADVANCE)
        kind = kind_wide if wide else kind_narrow
        bl = br = shift = 0.0
        if narrow_quote:
            # A font with proportional quotes (e.g. LXGW WenKai): the mark still takes a
            # full-width cell in Chinese text (GB/T 15834-2011 5.1.3), its glyph flush against the
            # quoted text, as the OpenType `fwid` feature would place it.
            if kind is Kind.OPEN:
                shift, bl = st.cell - adv_em * st.size, st.cell / 2
            else:
                br = st.cell / 2
        elif (kind is Kind.OPEN or kind is Kind.CLOSE) and (gids[i] >= 0 or clusters[i]):
            gid = gids[i] if gids[i] >= 0 else clusters[i][0].gid
            bl, br = _mark_blanks(kind, ch, gid, adv_em, st, metrics)
        elif kind is Kind.MIDDLE:
            # The 间隔号 (GB/T 15834-2011 4.14) sits centred in a full cell (classes.MIDDLE_DOTS), even where the font
            # draws U+00B7 as a narrow Latin dot; a quarter em each side may be compressed.
            shift = (st.cell - adv_em * st.size) / 2
            bl = br = st.cell / 4
        kinds[i] = kind
        widths[i] = st.cell if wide else adv_em * st.size
        shifts[i] = shift
        lefts[i] = bl
        rights[i] = br
    p = Prepared(chars, styles, gids, owns, clusters, kinds, widths, shifts, lefts, rights, [], [], [], [], [], [])
    unit_of = _latin_units(kinds, spaced)
    p.units = sorted(set(u for u in unit_of if u is not None))
    word_gaps = _add_gaps(p, spaced, joined, unit_of, url_breaks, rules)
    _compress_adjacent(p, spaced)
    if word_gaps:
        p.word_spaces = _word_space_glyphs(p, word_gaps, metrics)
    return p


def _word_space_glyphs(p: Prepared, word_gaps: list[int], metrics: Metrics) -> dict[int, tuple[int, float]]:
    """The glyph of each typed word space (`Prepared.word_spaces`): U+0020 in the face of the
    word before it, shaped alone; left out where the face has no space glyph (id 0 is
    .notdef, which must never be drawn)."""
    out: dict[int, tuple[int, float]] = {}
    for i in word_gaps:
        style = p.styles[i]
        shaped = metrics.shape_run(style.face, " ")
        if len(shaped.gids) == 1 and shaped.gids[0] > 0:
            out[i] = (shaped.gids[0], shaped.owns[0] * style.size)
    return out


#: Marks set full-width when the font gives them a full-width advance.
WIDE_IF_FULL_ADVANCE = QUOTES | INSEPARABLE


class _Classes(dict):
    """Per character: whether it is set full-width whatever the font says (`is_wide`, or a
    middle dot), and its kind when set full-width and when not (`kind_of`). These depend on
    the character alone, so each is worked out the first time it is looked up (`__missing__`)
    and kept."""

    def __missing__(self, ch: str) -> tuple[bool, Kind, Kind]:
        found = self[ch] = (is_wide(ch) or ch in MIDDLE_DOTS, kind_of(ch, True), kind_of(ch, False))
        return found


_CLASSES = _Classes()


def _shape(chars: list[str], runs: list[tuple[int, int, RunStyle]], metrics: Metrics):
    """Shape each run of one style with no typed space in it (a space the engine drops must
    not let the font kern or ligate across it; `_flatten` finds the runs). Per character: its
    advance in ems (a cluster's advance shared evenly by its characters), its glyph (id and
    own advance in pt: `Prepared.gids`, `owns`) or its cluster's glyphs (gid, text, dx, dy,
    own advance; pt, on the cluster's first character: `Prepared.clusters`) and whether it
    continues the cluster before it (no break, no spacing inside a ligature)."""
    n = len(chars)
    advances = [0.0] * n
    gids = [-1] * n
    owns = [0.0] * n
    clusters: dict[int, tuple[ClusterGlyph, ...]] = {}
    joined = [False] * n
    for start, end, st in runs:
        text = "".join(chars[start:end])
        shaped = metrics.shape_run(st.face, text)
        size = st.size
        # HarfBuzz's clusters rise monotonically in a left-to-right run (its default cluster
        # level): a cluster is a stretch of consecutive glyphs with the same cluster value,
        # and it ends where the next one starts.
        if shaped.clusters == list(range(end - start)):
            # One glyph per character, the usual run (no ligature, no mark): the loop below
            # comes to this, made a list at a time; a glyph moved off the pen keeps its
            # cluster.
            advances[start:end] = shaped.advances
            gids[start:end] = shaped.gids
            owns[start:end] = [own * size for own in shaped.owns]
            for k, (dx, dy) in shaped.offsets.items():
                clusters[start + k] = (ClusterGlyph(shaped.gids[k], text[k], dx * size, dy * size, owns[start + k]),)
                gids[start + k] = -1
            continue
        count = len(shaped.gids)
        cluster_of = shaped.clusters + [len(text)]
        k = 0
        while k < count:
            c = cluster_of[k]
            after = k + 1
            while cluster_of[after] == c:
                after += 1
            c_end = cluster_of[after]
            at = 0.0
            pieces = []
            for g in range(k, after):
                dx, dy = shaped.offsets.get(g, (0.0, 0.0))
                pieces.append(ClusterGlyph(shaped.gids[g], "" if pieces else text[c:c_end], (at + dx) * size,
                                           dy * size, shaped.owns[g] * size))
                at += shaped.advances[g]
            share = at / (c_end - c)
            advances[start + c] = share
            clusters[start + c] = _text_per_glyph(pieces, text[c:c_end], st.face, metrics)
            for i in range(start + c + 1, start + c_end):
                advances[i] = share
                clusters[i] = ()
                joined[i] = True
            k = after
    return advances, gids, owns, clusters, joined


def _mark_blanks(kind: Kind, ch: str, gid: int, adv_em: float, st, metrics: Metrics) -> tuple[float, float]:
    """Removable blank of a full-width mark: what the font's `halt` feature takes away
    (OpenType "halt": the half-width form of the same glyph), else read from its ink."""
    half = metrics.half_width(st.face, ch)
    if half is not None and adv_em > 0:
        return half[0] / adv_em * st.cell, half[1] / adv_em * st.cell
    return _blanks(kind, metrics.ink(st.face, gid), st.cell)


#: A run of typed spaces: ASCII and the other Unicode spaces (thin, figure, no-break…: `\s` in
#: a str pattern is what `str.isspace` is true for, every character of category Zs among
#: them), not the ideographic space U+3000, which is a full-width character of its own.
SPACES = re.compile(r"[^\S\u3000]+")


def _flatten(spans) -> tuple[list[str], list, list[bool], list[tuple[int, int, RunStyle]]]:
    """Characters and their styles; `spaced[i]`: a space was typed before char i; and the
    runs to shape, [start, end) with their style: neighbouring spans of equal style make one
    run, a typed space ends it. Worked a span's stretch between spaces at a time, not a
    character at a time (the characters of a stretch share their style)."""
    chars: list[str] = []
    styles: list = []
    spaced: list[bool] = []
    runs: list[list] = []
    pending_space = False
    for span in spans:
        style = span.style
        for k, piece in enumerate(SPACES.split(span.text)):
            if k:                       # a space was typed before this piece
                pending_space = bool(chars)
            if not piece:
                continue
            at = len(chars)
            chars.extend(piece)
            styles.extend([style] * len(piece))
            spaced.append(pending_space)
            spaced.extend([False] * (len(piece) - 1))
            if runs and not pending_space and (runs[-1][2] is style or runs[-1][2] == style):
                runs[-1][1] = len(chars)
            else:
                runs.append([at, len(chars), style])
            pending_space = False
    return chars, styles, spaced, [tuple(r) for r in runs]


def _text_per_glyph(pieces: list[ClusterGlyph], text: str, face: str, metrics: Metrics) -> tuple[ClusterGlyph, ...]:
    """A cluster's glyphs, its text given one character a glyph where each glyph is the face's
    own glyph of that character, in order (a letter and its combining mark, 文 + U+0301):
    a PDF maps each glyph to one text (its ToUnicode entry), so a base letter that also
    stands alone elsewhere must stand for itself alone, else the mark is lost from the text
    or added to every other 文. Else (a ligature, a glyph standing for several characters)
    the whole text stays on the first glyph."""
    if len(pieces) != len(text) or len(pieces) < 2:
        return tuple(pieces)
    own = [metrics.shape_run(face, ch).gids for ch in text]
    if [g[0] if len(g) == 1 else None for g in own] != [p.gid for p in pieces]:
        return tuple(pieces)
    return tuple(p._replace(text=ch) for p, ch in zip(pieces, text))


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
    """For each atom, the [start, end) of the Latin unit it belongs to (None for CJK): a run
    of Latin atoms with no space typed inside. Only the Latin atoms are visited."""
    unit_of: list[tuple[int, int] | None] = [None] * len(kinds)
    latin = Kind.LATIN
    start = end = -1            # the unit being gathered: [start, end)
    for i in [i for i, kind in enumerate(kinds) if kind is latin]:
        if i == end and not spaced[i]:
            end += 1
            continue
        if start >= 0:
            unit_of[start:end] = [(start, end)] * (end - start)
        start, end = i, i + 1
    if start >= 0:
        unit_of[start:end] = [(start, end)] * (end - start)
    return unit_of


def _url_break_points(text: str) -> set[int]:
    """Indices i after which a URL may break: after `/` or `.`, not after its last character
    (not inside `//` either: the solidus never starts a line, `_add_gaps`)."""
    points = set()
    for m in URL.finditer(text):
        for k in range(m.start(), m.end() - 1):
            if text[k] in "/.":
                points.add(k)
    return points


def _add_gaps(p: Prepared, spaced: list[bool], joined: list[bool], unit_of, url_breaks: set[int],
              rules: LineRules) -> list[int]:
    """The gap between each pair of neighbouring atoms: its space, stretch, shrink, and the
    kind of break it is (`Gap`: free, inside a unit, never — kinsoku,
    https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end; clusters).
    Returns the gaps that are typed word spaces."""
    kinds, chars, styles = p.kinds, p.chars, p.styles
    gaps = max(0, len(chars) - 1)
    # Between two ideographs (most gaps): no space, stretch 1, no shrink, a break allowed
    # (no ideograph is in a kinsoku set); those are the lists' starting values, and only the
    # other gaps are worked out one by one.
    p.gap_space, p.gap_stretch, p.gap_shrink = [0.0] * gaps, [1.0] * gaps, [0.0] * gaps
    p.gaps, p.gap_penalty = [Gap.FREE] * gaps, [0.0] * gaps
    han, latin = Kind.HAN, Kind.LATIN
    word_gaps: list[int] = []
    for i in [i for i, (a, b, inside) in enumerate(zip(kinds, kinds[1:], joined[1:]))
              if a is not han or b is not han or inside]:
        a, b = kinds[i], kinds[i + 1]
        ca, cb = chars[i], chars[i + 1]
        space = stretch = shrink = 0.0
        gap, penalty = Gap.FREE, 0.0
        inseparable = ca == cb and ca in INSEPARABLE
        if joined[i + 1]:     # inside one glyph cluster (a ligature such as fi, or ——): fixed
            gap = Gap.INSIDE_GLYPH
        elif unit_of[i] is not None and unit_of[i] == unit_of[i + 1]:
            gap = Gap.FREE if i in url_breaks else Gap.INSIDE_UNIT
            penalty = 0.0 if i in url_breaks else EMERGENCY
        elif (a is latin or b is latin) and _cjk_latin(a, ca, b, cb):     # (a call only next to Latin)
            size = styles[i].size if a is Kind.LATIN else styles[i + 1].size
            space, stretch, shrink = rules.cjk_latin_space * size, 1.0, rules.cjk_latin_space * size / 2
        else:
            # A typed space next to a Latin character is a word space (between two Latin
            # units there always is one: a unit is a run of Latin characters with no space in
            # it); one typed between two Chinese characters (often a line wrapped in the YAML
            # or in Word) is dropped: Chinese has no word spaces (clreq
            # https://www.w3.org/International/clreq/#principles_of_arrangement_of_han_characters), U+3000 asks
            # for a full-width space.
            stretch = 0.0 if inseparable else 1.0
            if spaced[i + 1] and (a is Kind.LATIN or b is Kind.LATIN):
                word = rules.word_space * styles[i].size
                space, shrink = word, word / 3
                word_gaps.append(i)
        # The solidus is a 分隔号 (no line ends with it, GB/T 15834-2011 5.1.9) except in a URL,
        # where it separates the path and is where the URL may break.
        # Inside a cluster the gap stays INSIDE_GLYPH (above): no rule makes it a break.
        if gap is not Gap.INSIDE_GLYPH and (
                cb in NO_LINE_START or (ca in NO_LINE_END and i not in url_breaks)
                or inseparable or (ca in FULLWIDTH_DIGITS and cb in FULLWIDTH_DIGITS)
                or (a is latin and b is han and ca.isdecimal())):
            # (a number and the Chinese unit or measure word after it are one unit: `9月`,
            # `2025年`, `10人`; docs/typography.md, "Line breaking": `1—9月` breaks only after `—`)
            gap, penalty = Gap.NEVER, 0.0
        p.gap_space[i] = space
        p.gap_stretch[i] = stretch
        p.gap_shrink[i] = shrink
        p.gaps[i] = gap
        p.gap_penalty[i] = penalty
    return word_gaps


def _cjk_latin(a: Kind, ca: str, b: Kind, cb: str) -> bool:
    """A Han character next to a Western letter or number (clreq
    https://www.w3.org/International/clreq/#mixed_text_composition_in_horizontal_writing_mode: `m²`, `Ⅲ`
    too), not next to punctuation, nor next to an enclosed number (①, ⑴, ⒈, ❶: a list marker
    of Chinese text, set close like one)."""
    if a is Kind.HAN and b is Kind.LATIN:
        return (cb.isalnum() and not _enclosed(cb)) or cb in LATIN_SPACED
    if a is Kind.LATIN and b is Kind.HAN:
        return (ca.isalnum() and not _enclosed(ca)) or ca in LATIN_SPACED
    return False


def _enclosed(ch: str) -> bool:
    """An enclosed alphanumeric (U+2460–24FF: ① ⑴ ⒈ Ⓐ), a dingbat circled number (U+2776–2793:
    ❶ ➀ ➊) or an enclosed CJK number (U+3251–325F, U+32B1–32BF: ㉑ ㊱)."""
    o = ord(ch)
    return 0x2460 <= o <= 0x24FF or 0x2776 <= o <= 0x2793 or 0x3251 <= o <= 0x325F or 0x32B1 <= o <= 0x32BF


def _compress_adjacent(p: Prepared, spaced: list[bool]) -> None:
    """https://www.w3.org/International/clreq/#h-adjustment_of_adjacent_punctuation_marks:
    closing + (opening|closing) → the first at half width; opening + opening
    → the second loses its leading blank. Applied always: the pair takes 1.5 em."""
    kinds, close, opening = p.kinds, Kind.CLOSE, Kind.OPEN
    # most atoms are neither mark of a pair: only the opening and closing marks are visited
    for i in [i for i, a in enumerate(kinds[:-1]) if a is close or a is opening]:
        if spaced[i + 1]:
            continue
        a, b = kinds[i], kinds[i + 1]
        # (a mark with no blank loses nothing: subtracting 0 leaves it as it was)
        if a is Kind.CLOSE and b in (Kind.CLOSE, Kind.OPEN):
            p.width[i] -= p.blank_right[i]
            p.blank_right[i] = 0.0
        elif a is Kind.OPEN and b is Kind.OPEN:
            p.width[i + 1] -= p.blank_left[i + 1]
            p.shift[i + 1] -= p.blank_left[i + 1]
            p.blank_left[i + 1] = 0.0
