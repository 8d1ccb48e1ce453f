"""compose: places the issue on pages — masthead, contents, columns, articles, short items,
the distribution block pinned to the foot of the last page, folios (typography.md, "Page
furniture of a 简报"). Output: `Document`, positioned items only; nothing here writes PDF.

`coverage` checks every character first; `flow` turns the issue into grid-line units;
`paginate` cuts them into pages; `page_furniture` adds masthead, 版记 and folios.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Issue, Layout
from ..text.cache import ParagraphCache
from .coverage import check_coverage
from .flow import Unit, articles_flow, contents_flow
from .frames import Bookmark, Document, Page, Rule, TextLine
from .furniture import Placement, issue_text, masthead_fields
from .page_furniture import folio_line, masthead, place_distribution
from .paginate import Placed, paginate
from .typeset import Setter
from .unit import UnitKind

if TYPE_CHECKING:   # annotations only: composing imports no font parser (`text` stays light)
    from ..fonts.faces import FontSet

__all__ = ["compose", "page_of_articles", "placement", "Placement", "Document", "Page", "TextLine", "Rule", "Bookmark", "issue_text",
           "check_coverage"]


def compose(issue: Issue, layout: Layout, fonts: FontSet, cache: ParagraphCache | None = None) -> Document:
    """Compose the issue; a second pass fills in contents page numbers when the layout asks.
    Only the contents is set again in that pass: the articles' units do not depend on the
    numbers, and the contents keeps its lines (the number column has a fixed width), so the
    pages come out as the first pass cut them. `cache`: paragraphs set by earlier builds of a
    warm process (text/cache.py)."""
    check_coverage(issue, layout, fonts)
    setter = Setter(layout, fonts, cache)
    body = articles_flow(issue, layout, setter)
    doc = _compose_once(issue, layout, setter, body, None)
    if layout.contents.page_numbers:
        doc = _compose_once(issue, layout, setter, body, page_of_articles(doc, issue))
    return doc


def page_of_articles(doc: Document, issue: Issue) -> dict[int, int]:
    """id(article) → number of the page its title is on, read from the article bookmarks
    (one per article, in issue order)."""
    landed = [page.number for page in doc.pages for mark in page.bookmarks if mark.level == 1]
    articles = [a for c in issue.columns for a in c.articles]
    if len(landed) != len(articles):
        raise AssertionError(f"{len(articles)} articles but {len(landed)} title bookmarks")
    return {id(article): number for article, number in zip(articles, landed)}


def _compose_once(issue: Issue, layout: Layout, setter: Setter, body: tuple[list[Unit], list[str]],
                  page_of) -> Document:
    units, warnings = contents_flow(issue, layout, setter, page_of)
    units, warnings = units + body[0], warnings + body[1]
    placed = paginate(units, layout.grid.lines, layout.masthead.lines)
    placed = place_distribution(issue, layout, setter, placed)
    head_lines, head_rules, head_warnings = masthead(issue, layout, setter)
    warnings += head_warnings
    pages = []
    for number, page_units in enumerate(placed, 1):
        lines, rules, marks, images = _page_items(page_units, layout)
        if number == 1:
            lines, rules = head_lines + lines, head_rules + rules
        folio = folio_line(layout, setter, number, len(placed), bool(page_units) or number == 1)
        if folio is not None:
            lines.append(folio)
        pages.append(Page(number, layout.page.width, layout.page.height, tuple(lines), tuple(rules), tuple(marks),
                          tuple(images)))
    fields = masthead_fields(issue, layout)
    title = layout.output.title_format.format(year=issue.date.year, **{k: v or "" for k, v in fields.items()})
    return Document(tuple(pages), title, issue.compiled_by.removesuffix("编"), f"{issue.publication}（{issue.edition}）",
                    issue.date.isoformat(), tuple(warnings))


def _page_items(page_units: list[Placed], layout: Layout):
    """Lines, rules, bookmarks and images of a page's units, moved from unit to page
    coordinates."""
    top, left, pitch = layout.block.top, layout.block.left, layout.line_pitch
    lines, rules, marks, images = [], [], [], []
    for pu in page_units:
        y = top + pu.row * pitch
        lines += [TextLine(left + ln.x, y + ln.baseline, ln.glyphs, ln.role) for ln in pu.unit.lines]
        rules += [replace(r, x0=left + r.x0, x1=left + r.x1, y=y + r.y) for r in pu.unit.rules]
        images += [replace(im, x=left + im.x, y=y + im.y) for im in pu.unit.images]
        if pu.unit.bookmark is not None:
            marks.append(Bookmark(pu.unit.bookmark.title, pu.unit.bookmark.level, y))
    return lines, rules, marks, images


def placement_of(units: list, pages: list[list[Placed]]) -> Placement:
    """Where pagination changed the reading order (for `text`): the body rows that begin a
    table's part on a later page, and the figures that floated past units after them, with
    the block (or article, column) they now precede (0: the end) and how many of its
    non-space characters (of a table: rows) come before."""
    flow_index = {id(u): k for k, u in enumerate(units)}
    order = [pu for page in pages for pu in page]
    continued: dict[int, list[int]] = {}
    for pu in order:
        if pu.continues:
            continued.setdefault(pu.unit.block, []).append(pu.unit.index)
    moved: dict[int, tuple[int, int]] = {}
    latest = -1
    for k, pu in enumerate(order):
        unit = pu.unit
        here = flow_index.get(id(unit), -1)
        if unit.floats and here < latest:
            after = next((p.unit for p in order[k + 1:] if p.unit.block), None)
            if after is None:
                moved[unit.block] = (0, 0)
            else:
                before = [p.unit for p in order[:k] if p.unit.block == after.block and p.unit.kind == UnitKind.BODY
                          and p.unit.para == after.para and p.unit.index < after.index]
                chars = sum(1 for u in before for ln in u.lines for ch in ln.text if not ch.isspace())
                if after.kind == UnitKind.TABLE:   # the part of a table set on after the figure
                    rows_before = [p.unit.index for p in order[:k] if p.unit.block == after.block
                                   and p.unit.kind == UnitKind.TABLE and p.unit.index >= 0]
                    chars = max(rows_before) + 1 if rows_before else 0
                moved[unit.block] = (after.block, chars if after.kind in (UnitKind.BODY, UnitKind.TABLE) else 0)
        latest = max(latest, here)
    wrapped: dict[int, dict[int, tuple[str, ...]]] = {}
    for unit in units:
        if unit.kind == UnitKind.TABLE and unit.index != -1 and unit.span > 1:
            rows: dict[float, list] = {}
            for line in unit.lines:
                rows.setdefault(round(line.baseline, 2), []).append(line)
            wrapped.setdefault(unit.block, {})[unit.index] = tuple(
                " ".join(ln.text for ln in sorted(rows[y], key=lambda ln: ln.x)) for y in sorted(rows))
    return Placement({b: tuple(r) for b, r in continued.items()}, moved, wrapped)


def placement(issue: Issue, layout: Layout, fonts: FontSet, page_of: dict[int, int] | None = None) -> Placement:
    """The reading order pagination gives the issue's tables and figures (see `placement_of`);
    `page_of` as in the final pass when the contents show page numbers (they can change how
    the contents break, and so every page after them)."""
    setter = Setter(layout, fonts)
    units = contents_flow(issue, layout, setter, page_of)[0] + articles_flow(issue, layout, setter)[0]
    return placement_of(units, paginate(units, layout.grid.lines, layout.masthead.lines))
