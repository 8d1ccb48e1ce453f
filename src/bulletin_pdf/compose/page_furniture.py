"""The furniture placed on pages rather than in the flow: the masthead (报头) of page 1, the
distribution block (版记) on the last grid lines of the last page, folios (GB/T 9704 §7.4,
§7.5; docs/typography.md, "Page furniture of a 简报")."""

from __future__ import annotations

import string
from dataclasses import replace

from ..errors import LayoutError
from ..messages import Message
from ..model import Issue, Layout
from .frames import LineRole, Rule, TextLine
from .furniture import distribution_text, masthead_items
from .keys import Part, SourceKey
from .paginate import Placed
from .unit import Unit, UnitKind
from .typeset import Setter, aligned_x


def masthead(issue: Issue, layout: Layout, setter: Setter) -> tuple[list[TextLine], list[Rule], list[str]]:
    """Masthead lines and rules on page 1. Each item is one line on its grid line: one that
    would not fit its room — the measure, or, beside another item on its grid line, the
    measure less that item and an em between them — is set smaller to fit (the widest of a
    grid line, down to half its size, then all of them by one factor), tracking with it,
    as a masthead's name is fitted to its width (it was broken into lines set on top of each
    other, or run into the date), with a warning at the issue's field that made it long."""
    top, left, pitch, measure = layout.block.top, layout.block.left, layout.line_pitch, layout.block.width
    items = masthead_items(issue, layout)
    set_lines = [_one_line(setter, text, item.style) for item, text in items]
    natural = [line.width for line in set_lines]
    sizes = [item.style.size for item, _ in items]
    for row in {item.line for item, _ in items}:
        on_row = [k for k, (item, _) in enumerate(items) if item.line == row]
        gaps = sum(sorted(sizes[k] for k in on_row)[:-1])         # an em of the smaller between two
        over = sum(natural[k] for k in on_row) + gaps - measure
        if over > 0.01:
            # the widest item of the row gives way, down to half its size; past that every item
            # of the row is set smaller by one factor, so they always fit side by side
            widest = max(on_row, key=natural.__getitem__)
            if natural[widest] - over >= natural[widest] / 2:
                sizes[widest] *= (natural[widest] - over) / natural[widest]
            else:
                scale = (measure - gaps) / sum(natural[k] for k in on_row) * 0.999
                for k in on_row:
                    sizes[k] *= scale
    lines: list[TextLine] = []
    warnings = []
    for k, (item, text) in enumerate(items):
        style, set_line = item.style, set_lines[k]
        if sizes[k] != style.size:          # set again, smaller
            style = replace(style, size=sizes[k])
            warnings.append(_shrunk(issue, layout, item, text, style.size))
            set_line = _one_line(setter, text, style)
        y = top + item.line * pitch + setter.baseline_offset(style, pitch)
        x = aligned_x(set_line, style.align, measure)
        lines.append(TextLine(left + x, y, set_line.glyphs, LineRole.MASTHEAD, SourceKey(Part.MASTHEAD, index=k)))
    rules = [Rule(left, left + measure, top + r.line * pitch, r.width, *setter.paint(r.colour))
             for r in layout.masthead.rules]
    return lines, rules, warnings


def _one_line(setter: Setter, text: str, style):
    """A masthead item on one line at its natural width (a masthead item is never wrapped)."""
    return setter.line(text, style, 1e6).lines[0]


def _shrunk(issue: Issue, layout: Layout, item, text: str, size: float) -> Message:
    """The warning for an item set smaller to fit, said at the issue's field in its template
    (`{compiled_by}`: the issue file's `compiled_by:` line), else at the layout."""
    fields = [name for _, name, _, _ in string.Formatter().parse(item.text) if name]
    where = next((src for src in map(issue.field_source, fields) if src is not None), None)
    return Message("warn.at", where=str(where) if where else str(layout.file), what=Message(
        "masthead.shrunk", text=text, size=f"{size:.1f}", was=f"{item.style.size:g}"))


def folio_line(layout: Layout, setter: Setter, number: int, total: int, has_content: bool) -> TextLine | None:
    """`— N —` below the block, odd pages right / even left, one character in (GB/T 9704 §7.5)."""
    spec = layout.folio
    if (number == 1 and not spec.first_page) or (number == total and not spec.last_page) or not has_content:
        return None
    set_lines = setter.line(spec.text.format(n=number), spec.style, layout.block.width).lines
    if not set_lines:
        return None         # a layout whose folio text is empty prints none
    set_line = set_lines[0]
    face = setter.fonts.primary(spec.style.font)
    baseline = layout.block.top + layout.block.height + spec.below + face.ascent * spec.style.size
    inset = spec.indent * spec.style.size
    if number % 2:
        x = layout.block.left + layout.block.width - inset - set_line.width
    else:
        x = layout.block.left + inset
    return TextLine(x, baseline, set_line.glyphs, LineRole.FOLIO, SourceKey(Part.FOLIO, index=number))


def place_distribution(issue: Issue, layout: Layout, setter: Setter, pages: list[list[Placed]]):
    """The 版记 on the last grid lines of the last page; a new page if it does not fit under
    the text (GB/T 9704 §7.4). With `end_on_even_page` the issue ends on an even page: the
    版记 (or, without one, a blank page) moves on."""
    units = distribution_units(issue, layout, setter)
    pages = [list(p) for p in pages]
    rows = layout.grid.lines
    need = sum(u.span for u in units)
    if need > rows:
        where = issue.distribution.source if issue.distribution else None
        raise LayoutError(Message("compose.distribution_tall", need=need, rows=rows),
                          file=issue.file, line=where.line if where else None, field="distribution",
                          hint=Message("hint.distribution_tall"))
    if units:
        last = pages[-1]
        used = max((p.row + p.unit.span for p in last), default=layout.masthead.lines if len(pages) == 1 else 0)
        if used + (layout.distribution.space_before if last else 0) + need > rows:
            pages.append([])
    if layout.pagination.end_on_even_page and len(pages) % 2:
        pages.append([])
    row = rows - need
    for u in units:
        pages[-1].append(Placed(u, row))
        row += u.span
    return pages


def distribution_units(issue: Issue, layout: Layout, setter: Setter) -> list[Unit]:
    """送： entries with a hanging indent, then editor and phone (one line when they fit, else
    one each) and the print run, between full-width rules: outer 0.35 mm, inner 0.25 mm."""
    dist = distribution_text(issue, layout)
    if dist is None:
        return []
    spec = layout.distribution
    em = spec.style.size
    measure = layout.block.width - 2 * spec.indent * em
    base = setter.baseline_offset(spec.style, layout.line_pitch)
    x0 = spec.indent * em

    # the key of each string: the 送： entries, then editor, phone and print run
    n = len(dist.send)
    editor_key, phone_key, copies_key = (SourceKey(Part.DISTRIBUTION, index=n + k) for k in range(3))

    def unit(*parts: tuple[float, object, SourceKey]) -> Unit:
        lines = tuple(TextLine(x0 + x, base, ln.glyphs, LineRole.DISTRIBUTION, key) for x, ln, key in parts)
        return Unit(UnitKind.DISTRIBUTION, lines, lines[0].key)

    def lines_of(text: str, key: SourceKey, align: str = "left") -> list[Unit]:
        return [unit((measure - ln.width if align == "right" else ln.indent, ln, key))
                for ln in setter.line(text, spec.style, measure).lines]

    send: list[Unit] = []
    label = setter.width(spec.send_label, spec.style, measure) if dist.send else 0.0
    for k, entry in enumerate(dist.send):
        para = setter.paragraph(setter.spans(entry, spec.style), measure, 0.0 if k == 0 else label, label,
                                justify=False)
        send += [unit((ln.indent, ln, SourceKey(Part.DISTRIBUTION, index=k))) for ln in para.lines]
    info: list[Unit] = []
    editor = setter.line(dist.editor, spec.style, measure).lines if dist.editor else []
    phone = setter.line(dist.phone, spec.style, measure).lines if dist.phone else []
    if len(editor) == 1 and len(phone) == 1 and editor[0].width + phone[0].width + em <= measure:
        info.append(unit((0.0, editor[0], editor_key), (measure - phone[0].width, phone[0], phone_key)))
    else:
        info += lines_of(dist.editor, editor_key) if dist.editor else []
        info += lines_of(dist.phone, phone_key, "right") if dist.phone else []
    if dist.copies:
        info += lines_of(dist.copies, copies_key, "right")
    blocks = send + info
    if not blocks:
        return []

    def rule(y: float, stroke: float) -> Rule:
        return Rule(0.0, layout.block.width, y, stroke, *setter.paint(spec.colour))

    if send:
        send[0] = replace(send[0], rules=(rule(0.0, spec.outer_rule),))
    if info:
        info[0] = replace(info[0], rules=(rule(0.0, spec.inner_rule if send else spec.outer_rule),))
    blocks = send + info
    blocks[-1] = replace(blocks[-1], rules=blocks[-1].rules + (rule(layout.line_pitch, spec.outer_rule),))
    return blocks
