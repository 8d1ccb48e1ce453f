"""Draw composed pages with ReportLab: glyphs, rules, print colours, fonts, metadata.

It decides nothing about layout: every position comes from `compose`. What it does decide is
how to say it in PDF: consecutive glyphs of one style whose spacing differs from the font's
advances by one constant become a single string shown with that character spacing (Tc), so
justification and punctuation compression cost a few bytes a line and text stays copyable.

Print rules (typography.md, "Print output"): colours are CMYK (or a named spot colour with a
CMYK alternate), black is K only, no RGB; every font is embedded and subset with a ToUnicode
map (ReportLab's TrueType subsetter); the Canvas is invariant, so the same input gives the
same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.colors import CMYKColor, PCMYKColorSep
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from .compose import Document, Page, TextLine
from .fonts import FontSet
from .model import Colour, Layout
from .text import PlacedGlyph

#: Spacing differences below this (pt) are the same spacing: well under a device pixel.
SAME_SPACING = 0.002


@dataclass(frozen=True, slots=True)
class Run:
    """Glyphs of one style drawn with one constant extra spacing (Tc)."""

    glyphs: tuple[PlacedGlyph, ...]
    x: float
    baseline: float
    char_space: float

    @property
    def style(self):
        return self.glyphs[0].style


def runs_of(line: TextLine) -> list[Run]:
    """Split a line into runs of one style and one constant extra spacing."""
    runs: list[Run] = []
    glyphs = line.glyphs
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        j = i + 1
        tc = None
        while j < len(glyphs) and glyphs[j].style == g.style:
            delta = glyphs[j].x - glyphs[j - 1].x - glyphs[j - 1].advance
            if tc is None:
                tc = delta
            elif abs(delta - tc) > SAME_SPACING:
                break
            j += 1
        runs.append(Run(glyphs[i:j], line.x + g.x, line.baseline, tc or 0.0))
        i = j
    return runs


class Renderer:
    def __init__(self, layout: Layout, fonts: FontSet) -> None:
        self.layout = layout
        self.fonts = fonts
        self.names: dict[str, str] = {}

    def font_name(self, face_key: str) -> str:
        """Register the face's own ReportLab font (parsed once by `fonts`) and name it. A face
        loaded again (a warm process after its file changed) replaces the one registered under
        the same name, so the PDF embeds the glyphs that were measured."""
        if face_key not in self.names:
            face = self.fonts.face(face_key)
            if face.pdf_name not in pdfmetrics.getRegisteredFontNames() \
                    or pdfmetrics.getFont(face.pdf_name) is not face.pdf_font:
                pdfmetrics.registerFont(face.pdf_font)
            self.names[face_key] = face.pdf_name
        return self.names[face_key]

    def colour(self, name: str):
        spec: Colour = self.layout.colours[name]
        c, m, y, k = spec.cmyk
        if spec.spot:
            return PCMYKColorSep(c, m, y, k, spotName=spec.spot, density=100)
        return CMYKColor(c / 100, m / 100, y / 100, k / 100)

    def is_black(self, name: str) -> bool:
        c, m, y, k = self.layout.colours[name].cmyk
        return c == m == y == 0 and k > 0

    def render(self, doc: Document) -> bytes:
        buf = io.BytesIO()
        rl_config.useA85 = 0     # streams Flate-compressed only, not also ASCII85 (+25 % size)
        body = self.font_name(self.layout.body.style.font)
        canvas = Canvas(buf, pagesize=(self.layout.page.width, self.layout.page.height), invariant=1,
                        initialFontName=body, pageCompression=1, lang="zh-CN")
        canvas.setTitle(doc.title)
        canvas.setAuthor(doc.author)
        canvas.setSubject(doc.subject)
        canvas.setCreator("bulletin-pdf")
        outline = 0
        for page in doc.pages:
            self.draw_rules(canvas, page)
            self.draw_text(canvas, page)
            for mark in page.bookmarks:
                key = f"b{outline}"
                outline += 1
                canvas.bookmarkPage(key, fit="XYZ", top=page.height - mark.y, left=0)
                canvas.addOutlineEntry(mark.title, key, level=mark.level)
            canvas.showPage()
        canvas.save()
        return buf.getvalue()

    def draw_rules(self, canvas: Canvas, page: Page) -> None:
        for rule in page.rules:
            canvas.setStrokeColor(self.colour(rule.colour))
            canvas.setLineWidth(rule.width)
            canvas.setLineCap(1 if rule.dash else 0)
            canvas.setDash(list(rule.dash) if rule.dash else [])
            canvas.line(rule.x0, page.height - rule.y, rule.x1, page.height - rule.y)

    def draw_text(self, canvas: Canvas, page: Page) -> None:
        """All text of the page: black text in one text object with overprint on (when the
        layout asks), the rest in another."""
        runs = [run for line in page.lines for run in runs_of(line)]
        stroke = self.layout.output.fake_bold_stroke
        groups: dict[tuple[bool, float], list[Run]] = {}
        for run in runs:   # one text object per (overprint, fake-bold stroke width)
            key = (self.is_black(run.style.colour), stroke * run.style.size if run.style.fake_bold else 0.0)
            groups.setdefault(key, []).append(run)
        for (black, width), group in sorted(groups.items()):
            canvas.saveState()
            if black and self.layout.output.black_overprint:
                canvas.setFillOverprint(True)      # K-only black over anything (OPM 1: other
                canvas.setOverprintMask(1)         # inks are left alone)
            if width:
                canvas.setLineWidth(width)         # Word-style fake bold: fill + stroke (Tr 2)
            text = canvas.beginText()
            for run in group:
                self.draw_run(canvas, text, run, page.height)
            canvas.drawText(text)
            canvas.restoreState()

    def draw_run(self, canvas: Canvas, text, run: Run, height: float) -> None:
        """One run, cut where ReportLab switches to another 256-glyph subset: each piece gets
        its own origin, because readers differ on whether Tc follows the last glyph of a
        string (pdfminer does not apply it), and positions must read back exactly."""
        st = run.style
        name = self.font_name(st.face)
        font = pdfmetrics.getFont(name)
        colour = self.colour(st.colour)
        text.setFillColor(colour)
        if st.fake_bold:
            text.setStrokeColor(colour)
        text.setTextRenderMode(2 if st.fake_bold else 0)
        text.setFont(name, st.size)
        text.setCharSpace(run.char_space)
        x = run.x
        k = 0
        for _subset, piece in font.splitString("".join(g.ch for g in run.glyphs), canvas._doc):
            glyphs = run.glyphs[k:k + len(piece)]
            text.setTextOrigin(x, height - run.baseline)
            text.textOut("".join(g.ch for g in glyphs))
            x += sum(g.advance + run.char_space for g in glyphs)
            k += len(piece)


def render(doc: Document, layout: Layout, fonts: FontSet) -> bytes:
    return Renderer(layout, fonts).render(doc)
