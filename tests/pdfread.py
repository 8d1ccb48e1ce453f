"""Read a PDF back for the tests: glyphs with their baselines, grouped into lines.

Independent of the composer: positions come from pdfplumber (pdfminer's text state), fonts
and colours from pikepdf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pdfplumber


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    baseline: float     # from the top of the page
    size: float
    font: str


@dataclass
class Line:
    page: int
    baseline: float
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs)


def base_font(name: str) -> str:
    return re.sub(r"^[A-Z]{6}\+", "", name)


def read_lines(path) -> list[Line]:
    """Every line of every page, top to bottom; glyphs left to right."""
    out: list[Line] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rows: dict[float, Line] = {}
            for c in page.chars:
                if not c["text"].strip():
                    continue
                baseline = round(float(page.height) - c["matrix"][5], 1)
                key = next((k for k in rows if abs(k - baseline) < 2), baseline)
                rows.setdefault(key, Line(number, key)).glyphs.append(
                    Glyph(c["text"], c["x0"], c["x1"], baseline, round(c["size"], 2), base_font(c["fontname"])))
            for key in sorted(rows):
                rows[key].glyphs.sort(key=lambda g: g.x0)
                out.append(rows[key])
    return out
