"""compose: places the issue on pages — masthead, contents, columns, articles, short items,
the distribution block pinned to the foot of the last page, folios (typography.md, "Page
furniture of a 简报"). Output: `Document`, positioned items only; nothing here writes PDF.
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import FontError
from ..fonts import FontSet
from ..model import Issue, Layout, Source, Style
from .frames import Bookmark, Document, Page, Rule, TextLine
from .flow import Unit, build_flow
from .furniture import (byline_text, column_head_text, contents_title, distribution_text, issue_text,
                        masthead_fields, masthead_items, title_lines)
from .paginate import Placed, paginate
from .typeset import Setter, aligned_x

__all__ = ["compose", "page_of_articles", "Document", "Page", "TextLine", "Rule", "Bookmark", "issue_text", "check_coverage"]


def compose(issue: Issue, layout: Layout, fonts: FontSet) -> Document:
    """Compose the issue; a second pass fills in contents page numbers when the layout asks."""
    check_coverage(issue, layout, fonts)
    setter = Setter(layout, fonts)
    doc = _compose_once(issue, layout, setter, None)
    if layout.contents.page_numbers:
        doc = _compose_once(issue, layout, setter, page_of_articles(doc, issue))
    return doc


def page_of_articles(doc: Document, issue: Issue) -> dict[int, int]:
    """id(article) → number of the page its title is on, read from the article bookmarks
    (one per article, in issue order)."""
    landed = [page.number for page in doc.pages for mark in page.bookmarks if mark.level == 1]
    articles = [a for c in issue.columns for a in c.articles]
    if len(landed) != len(articles):
        raise AssertionError(f"{len(articles)} articles but {len(landed)} title bookmarks")
    return {id(article): number for article, number in zip(articles, landed)}


def _compose_once(issue: Issue, layout: Layout, setter: Setter, page_of) -> Document:
    units, warnings = build_flow(issue, layout, setter, page_of)
    rows = layout.grid.lines
    placed = paginate(units, rows, layout.masthead.lines)
    placed = _place_distribution(issue, layout, setter, placed)
    pages = []
    for index, page_units in enumerate(placed):
        number = index + 1
        lines, rules, marks = _units_to_items(page_units, layout)
        if number == 1:
            m_lines, m_rules = _masthead(issue, layout, setter)
            lines = m_lines + lines
            rules = m_rules + rules
        folio = _folio(layout, setter, number, len(placed), bool(page_units) or number == 1)
        if folio is not None:
            lines.append(folio)
        rules.extend(r for pu in page_units for r in _unit_rules(pu, layout))
        pages.append(Page(number, layout.page.width, layout.page.height, tuple(lines), tuple(rules), tuple(marks)))
    fields = masthead_fields(issue, layout)
    title = layout.output.title_format.format(year=issue.date.year, **{k: v or "" for k, v in fields.items()})
    return Document(tuple(pages), title, issue.compiled_by.removesuffix("编"), f"{issue.publication}（{issue.edition}）",
                    issue.date.isoformat(), tuple(warnings))


def _units_to_items(page_units: list[Placed], layout: Layout):
    top, left, pitch = layout.block.top, layout.block.left, layout.line_pitch
    lines, marks = [], []
    for pu in page_units:
        y = top + pu.row * pitch
        for ln in pu.unit.lines:
            lines.append(TextLine(left + ln.x, y + ln.baseline, ln.glyphs, ln.role))
        if pu.unit.bookmark is not None:
            marks.append(Bookmark(pu.unit.bookmark.title, pu.unit.bookmark.level, y))
    return lines, [], marks


def _unit_rules(pu: Placed, layout: Layout) -> list[Rule]:
    """A unit's rules (版记 rules, contents leaders), moved from unit to page coordinates."""
    top, left = layout.block.top + pu.row * layout.line_pitch, layout.block.left
    return [replace(r, x0=left + r.x0, x1=left + r.x1, y=top + r.y) for r in pu.unit.rules]


def _masthead(issue: Issue, layout: Layout, setter: Setter):
    top, left, pitch, measure = layout.block.top, layout.block.left, layout.line_pitch, layout.block.width
    lines = []
    for item, text in masthead_items(issue, layout):
        para = setter.line(text, item.style, measure)
        for k, set_line in enumerate(para.lines):
            y = top + (item.line + k) * pitch + setter.baseline_offset(item.style, pitch)
            lines.append(TextLine(left + aligned_x(set_line, item.style.align, measure), y, set_line.glyphs,
                                  "masthead"))
    rules = [Rule(left, left + measure, top + r.line * pitch, r.width, r.colour) for r in layout.masthead.rules]
    return lines, rules


def _folio(layout: Layout, setter: Setter, number: int, total: int, has_content: bool) -> TextLine | None:
    """`— N —` 7 mm below the block, odd pages right / even left, one character in (GB/T 9704 §7.5)."""
    spec = layout.folio
    if (number == 1 and not spec.first_page) or (number == total and not spec.last_page) or not has_content:
        return None
    set_line = setter.line(spec.text.format(n=number), spec.style, layout.block.width).lines[0]
    face = setter.fonts.primary(spec.style.font)
    baseline = layout.block.top + layout.block.height + spec.below + face.ascent * spec.style.size
    inset = spec.indent * spec.style.size
    if number % 2:
        x = layout.block.left + layout.block.width - inset - set_line.width
    else:
        x = layout.block.left + inset
    return TextLine(x, baseline, set_line.glyphs, "folio")


def _place_distribution(issue: Issue, layout: Layout, setter: Setter, pages: list[list[Placed]]):
    """The 版记 on the last grid lines of the last page; a new page if it does not fit under
    the text, or if the layout wants the issue to end on an even page (GB/T 9704 §7.4)."""
    units = _distribution_units(issue, layout, setter)
    if not units:
        return pages
    rows = layout.grid.lines
    need = sum(u.span for u in units)
    last = pages[-1]
    used = max((p.row + p.unit.span for p in last), default=layout.masthead.lines if len(pages) == 1 else 0)
    fits = used + (layout.distribution.space_before if last else 0) + need <= rows
    pages = [list(p) for p in pages]
    if not fits:
        pages.append([])
    if layout.pagination.end_on_even_page and len(pages) % 2:
        pages.append([])
    row = rows - need
    for u in units:
        pages[-1].append(Placed(u, row))
        row += u.span
    return pages


def _distribution_units(issue: Issue, layout: Layout, setter: Setter) -> list[Unit]:
    dist = distribution_text(issue, layout)
    if dist is None:
        return []
    spec = layout.distribution
    em = spec.style.size
    measure = layout.block.width - 2 * spec.indent * em
    pitch = layout.line_pitch
    base = setter.baseline_offset(spec.style, pitch)
    x0 = spec.indent * em
    units: list[Unit] = []
    label = setter.line(spec.send_label, spec.style, measure).lines[0].width if dist.send else 0.0
    for k, entry in enumerate(dist.send):
        para = setter.paragraph(setter.spans(entry, spec.style), measure, 0.0 if k == 0 else label, label,
                                justify=False)
        for ln in para.lines:
            units.append(Unit("distribution", (TextLine(x0 + ln.indent, base, ln.glyphs, "distribution"),)))
    info = []
    if dist.editor or dist.phone:
        line = []
        if dist.editor:
            ed = setter.line(dist.editor, spec.style, measure).lines[0]
            line.append(TextLine(x0, base, ed.glyphs, "distribution"))
        if dist.phone:
            ph = setter.line(dist.phone, spec.style, measure).lines[0]
            line.append(TextLine(x0 + measure - ph.width, base, ph.glyphs, "distribution"))
        info.append(Unit("distribution", tuple(line)))
    if dist.copies:
        cp = setter.line(dist.copies, spec.style, measure).lines[0]
        info.append(Unit("distribution", (TextLine(x0 + measure - cp.width, base, cp.glyphs, "distribution"),)))
    width = layout.block.width

    def rule(y: float, stroke: float) -> Rule:
        return Rule(0.0, width, y, stroke, spec.colour)

    if units:
        units[0] = replace(units[0], rules=(rule(0.0, spec.outer_rule),))
    if info:
        info[0] = replace(info[0], rules=(rule(0.0, spec.inner_rule if units else spec.outer_rule),))
    blocks = units + info
    blocks[-1] = replace(blocks[-1], rules=blocks[-1].rules + (rule(pitch, spec.outer_rule),))
    return blocks


def check_coverage(issue: Issue, layout: Layout, fonts: FontSet) -> None:
    """Every character against its style's faces before layout starts (typography.md,
    "Fonts"): a missing one is an error naming the character, its code point and where it is."""
    where_issue = Source(issue.file, 0, "")
    checks: list[tuple[Style, str, Source]] = []
    for item, text in masthead_items(issue, layout):
        checks.append((item.style, text, where_issue))
    checks.append((layout.contents.heading_style, layout.contents.heading, Source(layout.file, 0, "contents")))
    for c, col in enumerate(issue.columns, 1):
        checks.append((layout.contents.column_style, col.name, col.source))
        checks.append((layout.column_head.style, column_head_text(col, layout, c), col.source))
        for k, art in enumerate(col.articles, 1):
            checks += [(layout.title.style, t, art.source) for t in title_lines(art, layout, k)]
            checks.append((layout.contents.entry_style, contents_title(art), art.source))
        paras = [(a.body, a.byline, a.source) for a in col.articles]
        paras += [((it.text,), it.byline, it.text.source) for it in col.items]
        for body, byline, source in paras:
            for para in body:
                for run in para.runs:
                    style = layout.body.emphasis if run.emphasis else layout.body.style
                    checks.append((style, run.text, para.source))
            if byline:
                checks.append((layout.byline.style, byline_text(byline, layout), source))
    dist = distribution_text(issue, layout)
    if dist:
        for text in dist.send + tuple(s for s in (dist.editor, dist.phone, dist.copies) if s):
            checks.append((layout.distribution.style, text, where_issue))
    checks.append((layout.folio.style, layout.folio.text.format(n=1234567890), Source(layout.file, 0, "folio")))
    for style, text, source in checks:
        for role, part in ((style.font, text),) if not style.latin else (
                (style.font, "".join(ch for ch in text if not ch.isascii())),
                (style.latin, "".join(ch for ch in text if ch.isascii()))):
            missing = fonts.missing(role, part)
            if missing:
                ch = missing[0]
                face = fonts.primary(role).path.name
                raise FontError(f"character '{ch}' (U+{ord(ch):04X}) is in no font of role '{role}' ({face})",
                                file=source.file, line=source.line or None, field=source.field or None)
