"""The strings of a bulletin's page furniture, formatted from the issue by the layout's
templates: masthead (报头), contents (目录), column heads, bylines, distribution block (版记).

Composition sets these strings; `bulletin-pdf text` prints them. Both take them from here, so
what the PDF shows and the text reference cannot drift apart.
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass, field

from ..model import Article, BlockKind, BodyBlock, Column, Issue, Layout, MastheadItem, Style, Table


def cumulative_number(issue: Issue, layout: Layout) -> int | None:
    """总第M期: given by the editor, or derived from the layout's offset for the year."""
    if issue.cumulative is not None:
        return issue.cumulative
    spec = layout.masthead
    if issue.edition in spec.cumulative_editions and issue.date.year in spec.cumulative_offset:
        return spec.cumulative_offset[issue.date.year] + issue.number
    return None


def masthead_fields(issue: Issue, layout: Layout) -> dict[str, str | None]:
    d = issue.date
    total = cumulative_number(issue, layout)
    return {
        "publication": issue.publication,
        "edition": issue.edition,
        "edition_spaced": "\u3000".join(issue.edition),   # 普　刊, as mastheads letter-space it
        "number": str(issue.number),
        "cumulative": None if total is None else str(total),
        "compiled_by": issue.compiled_by,
        "date": layout.masthead.date_format.format(year=d.year, month=d.month, day=d.day),
        "marking": issue.marking,
        "serial": issue.serial,
    }


def masthead_items(issue: Issue, layout: Layout) -> list[tuple[MastheadItem, str]]:
    """The masthead items that apply to this issue, with their text, in reading order."""
    fields = masthead_fields(issue, layout)
    out = []
    for item in layout.masthead.items:
        if item.editions and issue.edition not in item.editions:
            continue
        if any(not fields.get(f) for f in item.when) or any(fields.get(f) for f in item.unless):
            continue
        out.append((item, item.text.format(**{k: v or "" for k, v in fields.items()})))
    order = {"left": 0, "center": 1, "justify": 1, "right": 2}
    return sorted(out, key=lambda it: (it[0].line, order[it[0].style.align]))


def contents_title(article: Article) -> str:
    return article.contents_title or "".join(article.title)


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line group of the contents: the column name on its first entry only."""

    column: str | None
    text: str
    article: Article | None     # None for the "N 则" line of short items


def contents_entries(issue: Issue, layout: Layout) -> list[ContentsEntry]:
    out = []
    for col in issue.columns:
        first = True
        for art in col.articles:
            out.append(ContentsEntry(col.name if first else None, contents_title(art), art))
            first = False
        if col.items:
            out.append(ContentsEntry(col.name if first else None,
                                     layout.contents.short_items.format(n=len(col.items)), None))
    return out


CHINESE_DIGITS = "零一二三四五六七八九"
#: every character a Chinese numeral may use (for the glyph-coverage check)
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + "十百千万亿"
#: The largest count written in Chinese numerals. An issue file is at most 2 MB
#: (inputs.MAX_TEXT_BYTES), so no list, heading level or column of one can come near it.
CHINESE_NUMERAL_MAX = 99_999_999


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十, 1001 → 一千零一,
    10000 → 一万, 100010 → 十万零一十 (GB/T 9704 §7.3.3 numbers headings 一、（一）; the
    numerals are read as Chinese counting writes them: a 零 for each run of missing places,
    十 alone for 10–19 at the head of the number). Up to CHINESE_NUMERAL_MAX; ValueError past it."""
    if not 0 <= n <= CHINESE_NUMERAL_MAX:
        raise ValueError(f"{n} is outside 0–{CHINESE_NUMERAL_MAX}")
    if n < 10:
        return CHINESE_DIGITS[n]
    high, low = divmod(n, 10_000)
    if high:
        rest = _below_10000(low, leading=False)
        return _below_10000(high, leading=True) + "万" + ("零" if 0 < low < 1000 else "") + rest
    return _below_10000(n, leading=True)


def _below_10000(n: int, leading: bool) -> str:
    """1–9999 in Chinese numerals ('' for 0); `leading`: 10–19 as 十… (else 一十…)."""
    out, zero = "", False
    for unit, place in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            if zero:
                out += "零"
            out += ("" if digit == 1 and place == "十" and leading and not out else CHINESE_DIGITS[digit]) + place
            zero = False
        elif out:
            zero = True
    return out


@functools.cache
def _fields(template: str) -> frozenset[str]:
    """The field names a format template uses ({n}, {cn}, {text} …)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def numbered(template: str, n: int, **values: str) -> str:
    """`template` with {n} and {cn}; the Chinese numeral is computed only when the template
    asks for it."""
    if "cn" in _fields(template):
        values["cn"] = chinese_numeral(n)
    return template.format(n=n, **values)


def heading_text(template: str, text: str, n: int) -> str:
    return numbered(template, n, text=text)


def column_head_text(column: Column, layout: Layout, n: int = 1) -> str:
    return heading_text(layout.column_head.text, column.name, n)


def title_lines(article: Article, layout: Layout, n: int = 1) -> tuple[str, ...]:
    """The title's lines with the layout's template (numbering) applied to the first."""
    lines = article.title if layout.title.editor_breaks else ("".join(article.title),)
    return (heading_text(layout.title.text, lines[0], n),) + lines[1:]


def byline_text(byline: str, layout: Layout) -> str:
    return layout.byline.text.format(byline=byline)


@dataclass(frozen=True, slots=True)
class DistributionText:
    send: tuple[str, ...]       # each entry of 送：, the label on the first
    editor: str | None
    phone: str | None
    copies: str | None


def distribution_text(issue: Issue, layout: Layout) -> DistributionText | None:
    d = issue.distribution
    if d is None:
        return None
    spec = layout.distribution
    send = tuple((spec.send_label if i == 0 else "") + s for i, s in enumerate(d.send_to))
    return DistributionText(
        send,
        spec.editor_label + d.editor if d.editor else None,
        spec.phone_label + d.phone if d.phone else None,
        spec.copies_text.format(copies=d.copies) if d.copies else None)


@dataclass(frozen=True, slots=True)
class Placement:
    """What pagination did to the reading order, for `text`: where tables continue on a later
    page (id(table) → body rows that begin a part, set after 续表 and the header again) and
    which figures floated past the text after them (id(figure) → (id of the block, article or
    column it is now set before, non-space characters of that block set before it))."""

    continued: dict[int, tuple[int, ...]]
    moved: dict[int, tuple[int, int]]
    #: id(table) → row → its grid lines' texts, left to right, for rows whose cells wrap: a PDF
    #: reads such a row line by line across the cells (header row k is row -2 - k).
    wrapped: dict[int, dict[int, tuple[str, ...]]] = field(default_factory=dict)


def issue_text(issue: Issue, layout: Layout, page_of: dict[int, int] | None = None,
               placement: Placement | None = None) -> list[str]:
    """Every string the PDF sets, in reading order, one block a line; folios left out.

    `page_of` (article id → page) adds the contents page numbers when the layout shows them;
    `placement` (from composition) puts 续表 parts and floated figures where they are set.
    """
    out = [text for _, text in masthead_items(issue, layout)]
    out.append(layout.contents.heading)
    for entry in contents_entries(issue, layout):
        line = (entry.column + " " if entry.column else "") + entry.text
        if page_of is not None and entry.article is not None and layout.contents.page_numbers:
            line += " " + str(page_of[id(entry.article)])
        out.append(line)
    placement = placement or Placement({}, {})
    numbers = block_numbers(issue, layout)
    figures = {id(b): b for col in issue.columns for art in col.articles for b in art.body}
    before: dict[int, list[tuple[int, BodyBlock]]] = {}
    for fig, (anchor, chars) in placement.moved.items():
        before.setdefault(anchor, []).append((chars, figures[fig]))

    def moved_here(key: int, text: str | None = None) -> list[str]:
        """The strings of `key` (a block, article or column) with the figures set before it."""
        lines, done = [], 0
        for chars, fig in sorted(before.get(key, ()), key=lambda cf: cf[0]):
            if text is not None and chars:
                cut = _after_chars(text, chars)
                lines.append(text[done:cut])
                done = cut
            lines += [t for _, t in block_texts(fig, layout, numbers.get(id(fig), 0))]
        if text is not None:
            lines.append(text[done:])
        return [line for line in lines if line]

    for c, col in enumerate(issue.columns, 1):
        out += moved_here(id(col))
        out.append(column_head_text(col, layout, c))
        for a, art in enumerate(col.articles, 1):
            out += moved_here(id(art))
            out.append("".join(title_lines(art, layout, a)))
            heads = heading_numbers(art, layout)
            for block in art.body:
                if id(block) in placement.moved:
                    continue
                if block.kind is BlockKind.PARAGRAPH:
                    out += moved_here(id(block), block.text)
                    continue
                inside: dict[int, list[str]] = {}      # figures set before a table's later part
                for row, fig in before.pop(id(block), []) if block.kind is BlockKind.TABLE else ():
                    if row:
                        inside.setdefault(row, []).extend(t for _, t in block_texts(fig, layout, numbers.get(id(fig), 0)))
                    else:
                        before.setdefault(id(block), []).append((row, fig))
                out += moved_here(id(block))
                out += [t for _, t in block_texts(block, layout, numbers.get(id(block), 0), heads.get(id(block), ""),
                                                  placement.continued.get(id(block), ()),
                                                  placement.wrapped.get(id(block)), inside)]
            if art.byline:
                out.append(byline_text(art.byline, layout))
        for item in col.items:
            out.append(item.text.text)
            if item.byline:
                out.append(byline_text(item.byline, layout))
    out += moved_here(0)           # figures that floated past the last text
    dist = distribution_text(issue, layout)
    if dist:
        out.extend(dist.send)
        out.extend(s for s in (dist.editor, dist.phone, dist.copies) if s)
    return out


# ----------------------------------------------------------------------------- article blocks

def block_numbers(issue: Issue, layout: Layout) -> dict[int, int]:
    """id(table or figure) → its number (表N, 图N), tables and figures counted apart, through
    the issue or per article as the layout says (`blocks.numbering`)."""
    out: dict[int, int] = {}
    counts = {BlockKind.TABLE: 0, BlockKind.FIGURE: 0}
    for col in issue.columns:
        for art in col.articles:
            if layout.blocks.numbering == "article":
                counts = dict.fromkeys(counts, 0)
            for block in art.body:
                if block.kind in counts:
                    counts[block.kind] += 1
                    out[id(block)] = counts[block.kind]
    return out


def heading_numbers(article: Article, layout: Layout) -> dict[int, str]:
    """id(heading) → the number the layout puts before it ('' when typed by the editor).
    GB/T 9704 §7.3.3: level 1 counts through the article, a lower level restarts under each
    heading above it; a typed number counts as one."""
    counters = [0] * 5
    out = {}
    for block in article.body:
        if block.kind is BlockKind.HEADING:
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            n = counters[block.level]
            template = layout.blocks.headings[block.level - 1].number
            out[id(block)] = numbered(template, n) if block.numbered else ""
    return out


def caption_text(template: str, text: str | None, n: int) -> str:
    return template.format(n=n, text=text or "").rstrip("\u3000 ")


def list_marker(layout: Layout, n: int) -> str:
    return numbered(layout.blocks.list.marker, n)


def cell_lines(table: Table) -> tuple[tuple[str, ...], ...]:
    """The cells' texts row by row, header rows first (reading order, empty cells left out)."""
    return tuple(tuple(c.text for c in row if c.text) for row in table.header + table.rows)


def block_texts(block: BodyBlock, layout: Layout, number: int = 0, heading_number: str = "",
                continued_at: tuple[int, ...] = (), wrapped: dict[int, tuple[str, ...]] | None = None,
                inside: dict[int, list[str]] | None = None) -> list[tuple[Style, str]]:
    """The strings a block sets, with their style, in reading order: what `text` prints and
    what the coverage check reads. `continued_at`: body rows that begin a table's part on a
    later page, where the 续表 line and the header rows are set again; `wrapped`: the lines of
    rows whose cells wrap, as composition set them (`Placement.wrapped`); `inside`: strings of
    figures that floated to the top of the page where the table goes on, before that row."""
    spec = layout.blocks
    kind = block.kind
    if kind is BlockKind.PARAGRAPH:
        return [(layout.body.emphasis if r.emphasis else layout.body.style, r.text) for r in block.runs]
    if kind is BlockKind.HEADING:
        return [(spec.headings[block.level - 1].style, heading_number + block.text)]
    if kind is BlockKind.NOTE:
        return [(spec.note.style, spec.note.label + block.text)]
    if kind is BlockKind.LIST:
        return [(layout.body.style, list_marker(layout, k) + item.text) for k, item in enumerate(block.items, 1)]
    out: list[tuple[Style, str]] = []
    if kind is BlockKind.TABLE:
        t = spec.table
        if block.caption:
            out.append((t.caption.style, caption_text(t.caption.text, block.caption, number)))
        wrapped = wrapped or {}

        def cells(style: Style, row: tuple, index: int) -> list[tuple[Style, str]]:
            if index in wrapped:
                return [(style, line) for line in wrapped[index]]
            return [(style, c.text) for c in row if c.text]

        header = [item for k, row in enumerate(block.header) for item in cells(t.header, row, -2 - k)]
        out += header
        for r, row in enumerate(block.rows):
            out += [(spec.figure.caption.style, text) for text in (inside or {}).get(r, ())]
            if r in continued_at:
                out.append((t.caption.style, caption_text(t.caption.continued, block.caption, number)))
                out += header
            out += cells(t.cell, row, r)
        if block.credit:
            out.append((t.source.style, t.source.text.format(text=block.credit)))
        return out
    f = spec.figure
    if block.caption:
        out.append((f.caption.style, caption_text(f.caption.text, block.caption, number)))
    if block.credit:
        out.append((f.source.style, f.source.text.format(text=block.credit)))
    return out


def _after_chars(text: str, chars: int) -> int:
    """Index in `text` just after its first `chars` non-space characters."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == chars:
                return i + 1
    return len(text)
