"""The Chinese line engine: styled runs in, lines of positioned glyphs out.

Pure functions, no PDF: `prepare` turns runs into atoms and the gaps between them (classes,
kinsoku, fixed punctuation compression, CJK–Latin spacing), `linebreak` chooses the breaks for
the whole paragraph (total fit), `justify` places every glyph. `set_paragraph` runs the three.
"""

from .engine import (LineRules, ParagraphSpec, PlacedGlyph, RunStyle, SetLine, SetParagraph,
                     Span, set_paragraph)

__all__ = ["LineRules", "ParagraphSpec", "PlacedGlyph", "RunStyle", "SetLine", "SetParagraph",
           "Span", "set_paragraph"]
