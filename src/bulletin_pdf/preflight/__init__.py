"""`bulletin-pdf check`: a preflight for any PDF, ours or not.

What a print shop rejects is a *fault* (exit code 1): RGB colour, a font not embedded, a
glyph missing (.notdef), pages of different sizes, a PDF/X file without its output intent or
TrimBox, and — for Chinese text — a kinsoku violation (GB/T 15834-2011 5.1,
https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end). Justification gaps, 孤字,
gray colour, unused or unsubset fonts, text without ToUnicode are *warnings*.

`objects` reads the PDF's objects and content streams (pikepdf); `typography` reads glyph
positions (pdfplumber) and rebuilds lines; `report` prints or serialises the findings.
"""

from .model import Finding, Report
from .run import preflight

__all__ = ["Finding", "Report", "preflight"]
