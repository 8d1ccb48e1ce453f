"""The strings of a bulletin's page furniture, formatted from the issue by the layout's
templates: masthead (报头), contents (目录), column heads, bylines, distribution block (版记).

Composition sets these strings; `bulletin-pdf text` prints them. Both take them from here, so
what the PDF shows and the text reference cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article, Column, Issue, Layout, MastheadItem


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


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99; GB/T 9704 §7.3.3)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def heading_text(template: str, text: str, n: int) -> str:
    return template.format(text=text, n=n, cn=chinese_numeral(n))


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


def issue_text(issue: Issue, layout: Layout, page_of: dict[int, int] | None = None) -> list[str]:
    """Every string the PDF sets, in reading order, one block a line; folios left out.

    `page_of` (article id → page) adds the contents page numbers when the layout shows them.
    """
    out = [text for _, text in masthead_items(issue, layout)]
    out.append(layout.contents.heading)
    for entry in contents_entries(issue, layout):
        line = (entry.column + " " if entry.column else "") + entry.text
        if page_of is not None and entry.article is not None and layout.contents.page_numbers:
            line += " " + str(page_of[id(entry.article)])
        out.append(line)
    for c, col in enumerate(issue.columns, 1):
        out.append(column_head_text(col, layout, c))
        for a, art in enumerate(col.articles, 1):
            out.append("".join(title_lines(art, layout, a)))
            out.extend(p.text for p in art.body)
            if art.byline:
                out.append(byline_text(art.byline, layout))
        for item in col.items:
            out.append(item.text.text)
            if item.byline:
                out.append(byline_text(item.byline, layout))
    dist = distribution_text(issue, layout)
    if dist:
        out.extend(dist.send)
        out.extend(s for s in (dist.editor, dist.phone, dist.copies) if s)
    return out
