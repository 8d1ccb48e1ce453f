"""The strings of a bulletin's page furniture, formatted from the issue by the layout's
templates: masthead (报头), contents (目录), column heads, bylines, distribution block (版记).

Composition sets these strings and the coverage check reads them, both from here.
`bulletin-pdf text` reads them off the composed pages (reading.py).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import Article, BlockKind, BodyBlock, Column, Issue, Layout, ListBlock, MastheadItem, Style
from .keys import Part, SourceKey


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
    key: SourceKey              # the entry's (Part.CONTENTS_ENTRY, column, article; article -1: short items)

    @property
    def column_key(self) -> SourceKey:
        """The key of the column's name in the contents."""
        return SourceKey(Part.CONTENTS_COLUMN, self.key.column)

    @property
    def title_key(self) -> SourceKey:
        """The key of the article's title in the body (its bookmark's: where its page is read)."""
        return SourceKey(Part.TITLE, self.key.column, self.key.article)


def contents_entries(issue: Issue, layout: Layout) -> list[ContentsEntry]:
    out = []
    for c, col in enumerate(issue.columns):
        first = True
        for a, art in enumerate(col.articles):
            out.append(ContentsEntry(col.name if first else None, contents_title(art), art,
                                     SourceKey(Part.CONTENTS_ENTRY, c, a)))
            first = False
        if col.items:
            out.append(ContentsEntry(col.name if first else None,
                                     layout.contents.short_items.format(n=len(col.items)), None,
                                     SourceKey(Part.CONTENTS_ENTRY, c)))
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


@cache
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


# ----------------------------------------------------------------------------- article blocks

def block_numbers(issue: Issue, layout: Layout) -> dict[SourceKey, int]:
    """The key of each table and figure (Part.BLOCK) → its number (表N, 图N), tables and
    figures counted apart, through the issue or per article as the layout says
    (`blocks.numbering`)."""
    out: dict[SourceKey, int] = {}
    counts = {BlockKind.TABLE: 0, BlockKind.FIGURE: 0}
    for c, col in enumerate(issue.columns):
        for a, art in enumerate(col.articles):
            if layout.blocks.numbering == "article":
                counts = dict.fromkeys(counts, 0)
            for b, block in enumerate(art.body):
                if block.kind in counts:
                    counts[block.kind] += 1
                    out[SourceKey(Part.BLOCK, c, a, b)] = counts[block.kind]
    return out


def heading_numbers(article: Article, layout: Layout) -> dict[int, str]:
    """Index in the article's body of each heading → the number the layout puts before it
    ('' when typed by the editor).
    GB/T 9704 §7.3.3: level 1 counts through the article, a lower level restarts under each
    heading above it; a typed number counts as one."""
    counters = [0] * 5
    out = {}
    for b, block in enumerate(article.body):
        if block.kind is BlockKind.HEADING:
            counters[block.level] += 1
            for deeper in range(block.level + 1, 5):
                counters[deeper] = 0
            n = counters[block.level]
            template = layout.blocks.headings[block.level - 1].number
            out[b] = numbered(template, n) if block.numbered else ""
    return out


@dataclass(frozen=True, slots=True)
class TypedLabel:
    """A label the editor typed at the start of a caption or source line (`表1　`, `续表1`,
    `图2：`, `资料来源：`): `rest` is the text after it, `label` the label as typed, `number`
    the number typed in it (None: the label has none, or nothing was typed)."""

    rest: str
    label: str = ""
    number: int | None = None


#: Digits an editor types in a label: ASCII or full-width.
LABEL_DIGITS = "0-9０-９"
#: What may follow a typed label before the text: spaces (ideographic too), a colon, a full
#: stop or enumeration comma (`表1：` `图2.` `表1、`).
LABEL_END = r"(?:[\s\u3000]*[：:．.、][\s\u3000]*|[\s\u3000]+|$)"


@lru_cache(maxsize=64)
def _label_pattern(template: str) -> re.Pattern | None:
    """The label a layout template prints before the text (`表{n}　{text}` → `表{n}`, `资料来源：
    {text}` → `资料来源：`) as a pattern for the same label typed at the start of a text, its
    number in any digits and its colon full- or half-width. None: the template prints none."""
    label = template.split("{text}")[0].rstrip(" \u3000")
    if not label:
        return None
    colon = label[-1] in "：:"
    core = label[:-1] if colon else label
    parts = [re.escape(p) for p in core.split("{n}")]
    body = f"[\\s\\u3000]*([{LABEL_DIGITS}]+|[{CHINESE_NUMERAL_CHARS}]+)".join(parts)      # `表 2`, `表二` as typed too
    end = r"[\s\u3000]*[：:][\s\u3000]*" if colon else LABEL_END
    return re.compile(f"^({body}){end}")


def typed_label(text: str, templates: tuple[str, ...]) -> TypedLabel:
    """The label of one of the `templates` (a caption's own and its 续表 line, a source line's)
    typed at the start of `text`, the longest that matches."""
    best = TypedLabel(text)
    for template in templates:
        pattern = _label_pattern(template)
        m = pattern.match(text) if pattern else None
        if m and len(m.group(1)) > len(best.label):
            number = m.group(2) if pattern.groups > 1 else None
            best = TypedLabel(text[m.end():], m.group(1), _label_number(number) if number else None)
    return best


FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _label_number(typed: str) -> int | None:
    """The number typed in a label, in any digits or in Chinese numerals (`表三`: 3); None for
    Chinese numerals that do not write a count (`表一一`)."""
    if typed[0] in CHINESE_NUMERAL_CHARS:
        return _CHINESE_COUNTS().get(typed)
    return int(typed.translate(FULLWIDTH_DIGITS))


@cache
def _CHINESE_COUNTS() -> dict[str, int]:
    """一 … 九百九十九 → 1 … 999 (the counts a caption's label can carry), made when first read."""
    return {chinese_numeral(k): k for k in range(1, 1000)}


#: The labels of a source or credit line an editor types (`数据来源：`, `摄影：`): one of them
#: typed is kept as typed, and the layout's label (`资料来源：`) is not added before it, which
#: would print two labels (`资料来源：数据来源：…`) or call a photographer a source.
CREDIT_LABELS = re.compile(r"^(?:资料来源|数据来源|图片来源|来源|出处|摄影|摄|拍摄|供图|图片提供|制图|绘图)[\s\u3000]*[：:]")


def caption_text(template: str, text: str | None, n: int, typed: tuple[str, ...] = ()) -> str:
    """A caption line: `template` with the number `n` and the text, less any label of `typed`
    templates the editor typed at its start (else the label would be printed twice:
    `表1　表1　…`); the number printed is always `n`, the count's."""
    if text and typed:
        text = typed_label(text, typed).rest
    return template.format(n=n, text=text or "").rstrip("\u3000 ")


def table_labels(spec) -> tuple[str, str]:
    """The labels a table's caption may be typed with: its own (`表{n}`) and its 续表 line's."""
    return spec.caption.text, spec.caption.continued


def credit_text(template: str, text: str) -> str:
    """A source line: `template` with the text, less the template's label typed at its start
    (`资料来源：资料来源：…` otherwise); a text typed with another credit label of its own
    (`数据来源：`, `摄影：`, `CREDIT_LABELS`) as typed."""
    rest = typed_label(text, (template,)).rest
    if rest == text and CREDIT_LABELS.match(text):
        return text
    return template.format(text=rest)


def list_marker(layout: Layout, block: ListBlock, n: int) -> str:
    """The marker of item n (from 1): the one the editor typed, else the layout's."""
    return block.markers[n - 1] if block.markers else numbered(layout.blocks.list.marker, n)


def block_texts(block: BodyBlock, layout: Layout, number: int = 0,
                heading_number: str = "") -> list[tuple[Style, str]]:
    """The strings a block sets, with their style: what the coverage check reads (a table's
    caption, header and body cells and source line; a figure's caption and source)."""
    spec = layout.blocks
    kind = block.kind
    if kind is BlockKind.PARAGRAPH:
        return [(layout.body.emphasis if r.emphasis else layout.body.style, r.text) for r in block.runs]
    if kind is BlockKind.HEADING:
        return [(spec.headings[block.level - 1].style, heading_number + block.text)]
    if kind is BlockKind.NOTE:
        return [(spec.note.style, spec.note.label + block.text)]
    if kind is BlockKind.LIST:
        return [(layout.body.style, list_marker(layout, block, k) + item.text) for k, item in enumerate(block.items, 1)]
    out: list[tuple[Style, str]] = []
    if kind is BlockKind.TABLE:
        t = spec.table
        if block.caption:
            out.append((t.caption.style, caption_text(t.caption.text, block.caption, number, table_labels(t))))
        out += [(t.header, c.text) for row in block.header for c in row if c.text]
        out += [(t.cell, c.text) for row in block.rows for c in row if c.text]
        if block.credit:
            out.append((t.source.style, credit_text(t.source.text, block.credit)))
        return out
    f = spec.figure
    if block.caption:
        out.append((f.caption.style, caption_text(f.caption.text, block.caption, number, (f.caption.text,))))
    if block.credit:
        out.append((f.source.style, credit_text(f.source.text, block.credit)))
    return out
