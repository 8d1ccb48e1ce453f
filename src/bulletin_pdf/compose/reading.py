"""Reading the composed pages: the strings in reading order, the page of each article.

Everything here reads the `Document` that composition made — the same pages `build`
writes — and the source keys on its lines and bookmarks (keys.py). So `bulletin-pdf text`
lists a floated figure's caption where the figure was set, a table's 续表 line and repeated
header where its part goes on, and the contents' page numbers are those of the pages the
titles landed on, with nothing worked out a second time from the issue.
"""

from __future__ import annotations

from .frames import Document, LineRole, TextLine
from .keys import Part, SourceKey


def reading_order(doc: Document) -> list[TextLine]:
    """The text lines of every page as a reader takes them: page by page, top to bottom, and
    left to right along a line (the cells of a table row, a contents entry and its page
    number); folios left out. Lines whose baselines are within 0.3 of the larger size of
    their type are one line of the page, as the shared PDF checker groups characters (a
    contents column name set larger than its entry sits a little lower on the same grid line)."""
    out: list[TextLine] = []
    for page in doc.pages:
        lines = sorted((ln for ln in page.lines if ln.role is not LineRole.FOLIO), key=lambda ln: ln.baseline)
        rows: list[tuple[float, float, list[TextLine]]] = []     # (baseline, size, lines)
        for ln in lines:
            size = max((g.style.size for g in ln.glyphs), default=0.0)
            if rows and ln.baseline - rows[-1][0] <= 0.3 * max(size, rows[-1][1]):
                baseline, row_size, row = rows[-1]
                rows[-1] = (baseline, max(row_size, size), row + [ln])
            else:
                rows.append((ln.baseline, size, [ln]))
        for _, _, row in rows:
            out += sorted(row, key=lambda ln: ln.x)
    return out


def document_text(doc: Document) -> list[str]:
    """Every string the pages set, in reading order, one a line: the lines of one source
    string that follow each other (a paragraph's lines, also across a page break) are
    joined; a figure set between two parts of a paragraph splits it where it stands. The
    reference for a text round-trip of the PDF (folios left out)."""
    out: list[str] = []
    previous: SourceKey | None = None
    for line in reading_order(doc):
        if not line.text:
            continue
        if line.key == previous:
            out[-1] += line.text
        else:
            out.append(line.text)
        previous = line.key
    # a line broken at a word space ends with its blank glyph (text/justify.py): it parts the
    # two words where the string goes on, and is no text where it ends (a table cell's line)
    return [text.rstrip(" ") for text in out]


def page_of_articles(doc: Document) -> dict[SourceKey, int]:
    """The key of each article's title → the number of the page it is on (its bookmark's)."""
    return {mark.key: page.number for page in doc.pages for mark in page.bookmarks if mark.key.part is Part.TITLE}
