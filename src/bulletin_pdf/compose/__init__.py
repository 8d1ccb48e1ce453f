"""compose: places the issue on pages — masthead, contents, columns, articles, short items,
the distribution block pinned to the foot of the last page, folios (docs/typography.md, "Page
furniture of a 简报"). Output: `Document`, positioned items only; nothing here writes PDF.

`coverage` checks every character first; `flow` turns the issue into grid-line units;
`pagebreak` chooses the page breaks of the whole issue (`paginate`, first fit, cuts the pages); `page_furniture` adds masthead, 版记 and folios. Every line
and bookmark carries the key of its place in the source (`keys`), so what reads the pages
afterwards (`reading`: `bulletin-pdf text`, the contents' page numbers, the fit report)
reads them, never the issue again.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from ..model import Issue, Layout
from ..text.cache import ParagraphCache
from .coverage import check_coverage
from .flow import Flow, Unit, articles_flow, contents_flow
from .frames import Bookmark, Document, LineRole, Page, Rule, TextLine
from .furniture import masthead_fields, masthead_items
from .keys import Part, SourceKey
from .page_furniture import distribution_units, folio_line, masthead, place_distribution
from .pagebreak import Looseness, break_pages
from .paginate import Placed, paginate
from .reading import document_text, page_of_articles
from .remake import PageBreaks
from .typeset import Setter

if TYPE_CHECKING:   # annotations only: composing imports no font parser (the caller loads the faces)
    from ..fonts.faces import FontSet

__all__ = ["compose", "page_of_articles", "document_text", "Document", "Page", "TextLine", "LineRole", "Rule",
           "Bookmark", "SourceKey", "Part", "check_coverage"]


def compose(issue: Issue, layout: Layout, fonts: FontSet, cache: ParagraphCache | None = None,
            breaks: PageBreaks | None = None) -> Document:
    """Compose the issue; a second pass fills in contents page numbers when the layout asks.
    Only the contents is set again in that pass: the articles' units do not depend on the
    numbers, and the contents keeps its lines (the number column has a fixed width), so the
    pages come out as the first pass cut them. `cache`: paragraphs set by earlier builds of a
    warm process (text/cache.py); `breaks`, the page breaks its last build chose (remake.py)."""
    check_coverage(issue, layout, fonts)
    if breaks is not None:
        breaks.turn()
    setter = Setter(layout, fonts, cache)
    body = articles_flow(issue, layout, setter)
    doc = _compose_once(issue, layout, setter, body, None, breaks)
    if layout.contents.page_numbers:
        doc = _compose_once(issue, layout, setter, body, page_of_articles(doc), breaks)
    return doc


def _compose_once(issue: Issue, layout: Layout, setter: Setter, body: Flow,
                  page_of: dict[SourceKey, int] | None, breaks: PageBreaks | None = None) -> Document:
    units, warnings = contents_flow(issue, layout, setter, page_of)
    units, warnings = units + body.units, warnings + body.warnings
    placed = pages_of(issue, layout, setter, units, body.looseness, breaks)
    placed = place_distribution(issue, layout, setter, placed)
    head_lines, head_rules, head_warnings = _masthead(issue, layout, setter)
    warnings += head_warnings
    pages = []
    for number, page_units in enumerate(placed, 1):
        if breaks is None:
            lines, rules, marks, images = _page_items(page_units, layout)
        else:
            lines, rules, marks, images = breaks.page_items(number, page_units, layout, _page_items)
        if number == 1:
            lines, rules = head_lines + lines, head_rules + rules
        folio = _folio(layout, setter, number, len(placed), bool(page_units) or number == 1)
        if folio is not None:
            lines.append(folio)
        pages.append(Page(number, layout.page.width, layout.page.height, tuple(lines), tuple(rules), tuple(marks),
                          tuple(images)))
    fields = masthead_fields(issue, layout)
    title = layout.output.title_format.format(year=issue.date.year, **{k: v or "" for k, v in fields.items()})
    return Document(tuple(pages), title, issue.compiled_by.removesuffix("编"), f"{issue.publication}（{issue.edition}）",
                    issue.date.isoformat(), tuple(warnings))


def _folio(layout: Layout, setter: Setter, number: int, total: int, has_content: bool) -> TextLine | None:
    """`folio_line`, kept by a warm process (`ParagraphCache.units`)."""
    if setter.cache is None:
        return folio_line(layout, setter, number, total, has_content)
    return setter.cache.units(("folio", number, total, has_content), setter.fonts,
                              lambda: folio_line(layout, setter, number, total, has_content), layout)


def _masthead(issue: Issue, layout: Layout, setter: Setter):
    """`masthead`, kept by a warm process while its items and their texts are the same
    (`ParagraphCache.units`)."""
    if setter.cache is None:
        return masthead(issue, layout, setter)
    items = tuple(masthead_items(issue, layout))
    lines, rules, warnings = setter.cache.units(
        ("masthead", items), setter.fonts, lambda: tuple(map(tuple, masthead(issue, layout, setter))), layout)
    return list(lines), list(rules), list(warnings)


def pages_of(issue: Issue, layout: Layout, setter: Setter, units: list[Unit],
             looseness: dict[int, Looseness], breaks: PageBreaks | None = None) -> list[list[Placed]]:
    """The flow cut into pages: the breaks chosen for the whole issue, body paragraphs set a
    line tighter or looser where that fills a page (pagebreak.py), unless the layout asks for
    first fit (`pagination.optimise: false`). `breaks`: a warm process's memo of them."""
    rows = layout.grid.lines
    if not layout.pagination.optimise:
        return paginate(units, rows, layout.masthead.lines)
    dist = distribution_units(issue, layout, setter)
    tail = sum(u.span for u in dist) + layout.distribution.space_before if dist else 0
    if breaks is not None:
        return breaks(units, rows, layout.masthead.lines, looseness, tail, layout.pagination.end_on_even_page)
    return break_pages(units, rows, layout.masthead.lines, looseness, tail, layout.pagination.end_on_even_page).pages


#: The fields of a TextLine as `_page_items` makes one: a field added to TextLine must be
#: added there (this fails at import until it is).
_LINE_FIELDS = ("x", "baseline", "glyphs", "role", "key", "ends_paragraph")
if tuple(f.name for f in fields(TextLine)) != _LINE_FIELDS:
    raise AssertionError("compose._page_items makes TextLines field by field: add the new field there")


def _page_items(page_units: list[Placed], layout: Layout):
    """Lines, rules, bookmarks and images of a page's units, moved from unit to page
    coordinates."""
    top, left, pitch = layout.block.top, layout.block.left, layout.line_pitch
    lines, rules, marks, images = [], [], [], []
    for pu in page_units:
        y = top + pu.row * pitch
        # made directly, not by `replace` (a generic call that costs three times as much, for
        # every line of the issue on every build: 6 ms at 200 pages); _LINE_FIELDS says which
        lines += [TextLine(left + ln.x, y + ln.baseline, ln.glyphs, ln.role, ln.key, ln.ends_paragraph)
                  for ln in pu.unit.lines]
        rules += [replace(r, x0=left + r.x0, x1=left + r.x1, y=y + r.y) for r in pu.unit.rules]
        images += [replace(im, x=left + im.x, y=y + im.y) for im in pu.unit.images]
        if pu.unit.bookmark is not None:
            marks.append(replace(pu.unit.bookmark, y=y))
    return lines, rules, marks, images
