"""Read a .docx body in document order into raw pieces: paragraphs (with what the assembler
needs to tell a title, byline, heading or caption), tables, figures — and a warning for every
element the issue file cannot hold.

python-docx gives the document, its parts, styles and runs; lxml (under it) gives what
python-docx does not model: numbering, drawings, text boxes, charts, footnotes, tracked
changes, equations, merged cells. Element names are from ECMA-376 Part 1 (WordprocessingML
§17, DrawingML §20, VML §14, Office MathML §22, Markup Compatibility Part 3).

Each kind of element is read by its own part, and `Reader` walks the body in order with them
all: `paragraphs` (paragraphs and runs), `pictures` (drawings, pictures, embedded objects),
`textboxes`, `notes` (footnotes and endnotes), `tables` (a table's cells and merges).
Decisions (docs/word-import.md, "What it brings" and "What it cannot bring") are stated in the
module of what they are about.

Page headers and footers are the Word page's, not the article's: left out, and named.
"""

from __future__ import annotations

from collections.abc import Callable

from ...errors import InputError
from ...messages import Message
from .blocks import Loss, WordWarning
from .notes import ENDNOTES, FOOTNOTES, Notes
from .numbering import Numbering
from .ooxml import _children, q
from .paragraphs import Paragraphs
from .pictures import Drawings, ImageStore
from .pieces import Piece
from .places import snippet
from .tables import TableReading
from .textboxes import TextBoxes


class Reader(Paragraphs, Drawings, TextBoxes, Notes, TableReading):
    """Walks one document; `pieces` and `warnings` are its result."""

    def __init__(self, document, images: ImageStore, clean: Callable[[str], str]) -> None:
        self.document, self.images, self.clean = document, images, clean
        self.part = document.part
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        except AttributeError:  # the part is there, but [Content_Types].xml does not call it numbering
            raise InputError(Message("word.part_type", part="word/numbering.xml", what="numbering"),
                             hint=Message("hint.word_resave")) from None
        except ValueError:     # python-docx: several numbering relationships
            raise InputError(Message("word.numbering_twice"), hint=Message("hint.word_resave")) from None
        self.numbering = Numbering(numbering)
        self.pieces: list[Piece] = []
        self._styles: dict[tuple[str, str | None], object] = {}
        self.warnings: list[WordWarning] = []
        self.notes: list[str] = []          # footnote/endnote texts, for notes at the end
        self.paragraph_number = 0
        self.last_text = ""                 # the latest non-empty text, for "near …"
        self.table_number = 0
        self.table_context = ""             # the text before the table being read
        self.text_width = self._text_width()
        self._notes_text = {FOOTNOTES: self._load_notes(FOOTNOTES, "w:footnote"),
                            ENDNOTES: self._load_notes(ENDNOTES, "w:endnote")}

    def _text_width(self) -> int | None:
        """The first section's text width in EMU (page width less the side margins)."""
        sections = self.document.sections
        if not sections:
            return None
        section = sections[0]
        parts = (section.page_width, section.left_margin, section.right_margin)
        return parts[0] - parts[1] - parts[2] if all(v is not None for v in parts) else None

    # -- the body ------------------------------------------------------------------------
    def read(self) -> None:
        self.blocks(self.document.element.body, self.pieces)
        self.page_furniture()

    def page_furniture(self) -> None:
        """Text in the page headers and footers is the Word page's, not the article's (the
        layout prints its own): left out, but named so that nothing goes unnoticed."""
        seen = set()
        for section in self.document.sections:
            for part, name in ((section.header, Message("word.where.page_header")),
                               (section.footer, Message("word.where.page_footer")),
                               (section.first_page_header, Message("word.where.first_header")),
                               (section.first_page_footer, Message("word.where.first_footer"))):
                if part.is_linked_to_previous:
                    continue
                text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                if text and (name, text) not in seen:
                    seen.add((name, text))
                    self.warnings.append(WordWarning(Loss.TEXT, name, Message("word.page_furniture", text=snippet(text))))

    def blocks(self, container, out: list[Piece], cell: str = "", in_text_box: bool = False) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in container:
            tag = child.tag
            if tag == q("w:p"):
                self.paragraph(child, out, cell, in_text_box)
            elif tag == q("w:tbl"):
                if cell:
                    self.warn(Loss.TABLE, Message("word.nested_table"), cell=cell)
                    for row in _children(child, "w:tr"):
                        for nested in _children(row, "w:tc"):
                            self.blocks(nested, out, cell, in_text_box)
                else:
                    self.table(child, out, in_text_box)
            elif tag in (q("w:sdt"), q("w:sdtContent"), q("w:customXml")):
                self.blocks(child, out, cell, in_text_box)
            elif tag == q("w:altChunk"):
                self.warn(Loss.EMBEDDED, Message("word.altchunk"), cell=cell)
