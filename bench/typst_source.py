"""The same issue as a Typst document, for the paired benchmark beside Typst (bench/run.py).

Typst sets what `bulletin-pdf build` sets, from the same issue file, layout and font files:
the A4 page with the layout's text block (28 mm left, 156 mm wide, 37 mm from the top, 22
lines of 16 pt on a fixed pitch, 28 characters a line through tracking), the masthead items
and rule on their grid lines, the contents, column heads, titles (the editor's line breaks kept),
body paragraphs justified with a two-character first-line indent and bold lead-ins, bylines,
信息摘登 items, the 版记 at the foot of the last page, folios from page 2 on the outer side,
bookmarks for columns and titles. Typst's own line breaker and CJK rules do the rest: the point
is the same amount of work on the same text, not the same line breaks.

Strings go in as Typst string literals (never as markup), so no character of the issue can be
read as Typst syntax.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from bulletin_pdf.compose.furniture import (byline_text, column_head_text, contents_entries,
                                            distribution_text, masthead_items, title_lines)
from bulletin_pdf.model import Colour, Issue, Layout, Style


@dataclass(frozen=True)
class TypstFace:
    family: str
    weight: int


def font_file(layout: Layout, role: str, fonts_dir: Path) -> Path:
    choice = layout.fonts[role]
    if choice.file is None:
        raise SystemExit(f"bench: role {role} names a family ({choice.family}); the Typst side needs files")
    path = Path(choice.file)
    return path if path.is_absolute() else fonts_dir / path


def typst_faces(layout: Layout, fonts_dir: Path) -> dict[str, TypstFace]:
    """Each role's face as Typst finds it: its typographic family (name 16, else 1) and weight."""
    faces = {}
    for role in layout.fonts:
        font = TTFont(font_file(layout, role, fonts_dir), lazy=True)
        name = font["name"]
        family = name.getDebugName(16) or name.getDebugName(1)
        faces[role] = TypstFace(family, font["OS/2"].usWeightClass)
        font.close()
    return faces


def lit(text: str) -> str:
    """A Typst string literal (Typst strings take JSON's escapes for quote and backslash)."""
    return json.dumps(text, ensure_ascii=False)


def colour(c: Colour) -> str:
    return "cmyk(" + ", ".join(f"{v:g}%" for v in c.cmyk) + ")"


class Writer:
    def __init__(self, layout: Layout, faces: dict[str, TypstFace]):
        self.layout = layout
        self.faces = faces
        self.out: list[str] = []

    def text_args(self, style: Style) -> str:
        face = self.faces[style.font]
        pitch = self.layout.char_pitch
        # grid: full-width characters on the body's character pitch (as our `grid: true`)
        tracking = (pitch - style.size) if style.grid else style.tracking * style.size
        return (f"font: {lit(face.family)}, weight: {face.weight}, size: {style.size:g}pt, "
                f"tracking: {tracking:.3f}pt, fill: {colour(self.layout.colours[style.colour])}")

    def styled(self, style: Style, text: str) -> str:
        return f"text({self.text_args(style)}, {lit(text)})"

    def line(self, style: Style, text: str) -> str:
        """A one-style block aligned as the style says."""
        align = {"left": "left", "center": "center", "right": "right", "justify": "left"}[style.align]
        return f"#align({align}, {self.styled(style, text)})"

    def emit(self, s: str) -> None:
        self.out.append(s)


def typst_source(issue: Issue, layout: Layout, fonts_dir: Path) -> str:
    faces = typst_faces(layout, fonts_dir)
    w = Writer(layout, faces)
    block, pitch = layout.block, layout.line_pitch
    body = layout.body.style
    bottom = layout.page.height - block.top - block.height
    right = layout.page.width - block.left - block.width
    folio = layout.folio
    folio_args = w.text_args(folio.style)
    last_folio = "true" if folio.last_page else "n < last"
    w.emit(f"#set document(title: {lit(issue.publication)}, author: {lit(issue.compiled_by)})")
    # the folio: a page's number from page 2 on (or 1), on the outer side, `below` under the block
    w.emit(f"#set page(width: {layout.page.width:.3f}pt, height: {layout.page.height:.3f}pt, "
           f"margin: (top: {block.top:.3f}pt, left: {block.left:.3f}pt, right: {right:.3f}pt, "
           f"bottom: {bottom:.3f}pt), footer-descent: {folio.below:.3f}pt, "
           f"footer: context {{ let n = here().page(); let last = counter(page).final().first(); "
           f"if (n > 1 or {str(folio.first_page).lower()}) and ({last_folio}) {{ "
           f"align(if calc.odd(n) {{ right }} else {{ left }}, pad(x: {folio.indent}em, "
           f"text({folio_args}, {lit(folio.text)}.replace(\"{{n}}\", str(n))))) }} }})")
    # every line box exactly 1 em high, so leading = pitch − 1 em keeps body lines on the grid
    w.emit(f"#set text({w.text_args(body)}, lang: \"zh\", region: \"cn\", "
           f"top-edge: 0.88em, bottom-edge: -0.12em)")
    gap = pitch - body.size
    indent = layout.body.indent * layout.char_pitch
    w.emit(f"#set par(justify: true, leading: {gap:.3f}pt, spacing: {gap:.3f}pt, "
           f"first-line-indent: (amount: {indent:.3f}pt, all: true))")
    w.emit(f"#set block(spacing: {gap:.3f}pt)")
    w.emit(f"#let grid-space(n) = if n > 0 {{ v(n * {pitch:.3f}pt - {gap:.3f}pt, weak: true) }}")
    # column heads and titles are headings: bookmarks, as ours
    head, title = layout.column_head, layout.title
    w.emit(f"#show heading.where(level: 1): it => {{ grid-space({head.space_before}); "
           f"block(text({w.text_args(head.style)}, it.body)); grid-space({head.space_after}) }}")
    w.emit(f"#show heading.where(level: 2): it => {{ grid-space({title.space_before}); "
           f"align(center, block(text({w.text_args(title.style)}, it.body))); "
           f"grid-space({title.space_after}) }}")

    # masthead: each item on its grid line, the rules at their line boundaries
    for item, text in masthead_items(issue, layout):
        style = item.style
        align = {"left": "left", "center": "center", "right": "right", "justify": "left"}[style.align]
        top = (item.line + 0.8) * pitch - 0.88 * style.size
        w.emit(f"#place(top + {align}, dy: {top:.3f}pt, {w.styled(style, text)})")
    for rule in layout.masthead.rules:
        w.emit(f"#place(top + left, dy: {rule.line * pitch:.3f}pt, line(length: 100%, "
               f"stroke: {rule.width:.3f}pt + {colour(layout.colours[rule.colour])}))")
    w.emit(f"#v({layout.masthead.lines * pitch:.3f}pt)")

    # contents: column name, then its titles beside it
    c = layout.contents
    w.emit(f"#grid-space({c.space_before})")
    w.emit(w.line(c.heading_style, c.heading))
    w.emit(f"#grid-space({c.heading_space_after})")
    rows = []
    for entry in contents_entries(issue, layout):
        name = w.styled(c.column_style, entry.column) if entry.column else "[]"
        rows.append(f"{name}, {w.styled(c.entry_style, entry.text)}")
    w.emit(f"#grid(columns: (auto, 1fr), column-gutter: {c.entry_gap}em, row-gutter: {gap:.3f}pt, "
           + ", ".join(rows) + ")")
    if c.new_page_after:
        w.emit("#pagebreak()")

    def paragraph(runs) -> str:
        parts = []
        for run in runs:
            if run.emphasis:
                parts.append(f"text({w.text_args(layout.body.emphasis)}, {lit(run.text)})")
            else:
                parts.append(lit(run.text))
        return "#par(" + " + ".join(parts) + ")"

    by = layout.byline.style
    for n, column in enumerate(issue.columns, 1):
        w.emit(f"#heading(level: 1, {lit(column_head_text(column, layout, n))})")
        for a, article in enumerate(column.articles, 1):
            lines = title_lines(article, layout, a)
            w.emit("#heading(level: 2, " + " + linebreak() + ".join(lit(t) for t in lines) + ")")
            for para in article.body:
                w.emit(paragraph(para.runs))
            if article.byline:
                w.emit(f"#align(right, {w.styled(by, byline_text(article.byline, layout))})")
        for item in column.items:
            w.emit(paragraph(item.text.runs))
            if item.byline:
                w.emit(f"#align(right, {w.styled(by, byline_text(item.byline, layout))})")

    # 版记 at the foot of the last page, between full-width rules
    dist = distribution_text(issue, layout)
    if dist:
        spec = layout.distribution
        ink = colour(layout.colours[spec.colour])
        outer = f"line(length: 100%, stroke: {spec.outer_rule:.3f}pt + {ink})"
        inner = f"line(length: 100%, stroke: {spec.inner_rule:.3f}pt + {ink})"
        parts = [outer]
        parts += [f"pad(x: {spec.indent}em, {w.styled(spec.style, s)})" for s in dist.send]
        parts.append(inner)
        lower = [s for s in (dist.editor, dist.phone) if s]
        if lower:
            parts.append(f"pad(x: {spec.indent}em, grid(columns: (1fr, auto), "
                         + ", ".join(w.styled(spec.style, s) for s in lower) + "))")
        if dist.copies:
            parts.append(f"pad(x: {spec.indent}em, align(right, {w.styled(spec.style, dist.copies)}))")
        parts.append(outer)
        w.emit(f"#place(bottom, float: true, stack(spacing: {gap / 2:.3f}pt, " + ", ".join(parts) + "))")
    return "\n".join(w.out) + "\n"
