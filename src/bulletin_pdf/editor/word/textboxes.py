"""Text in a Word text box (w:txbxContent, inside a drawing or a VML shape).

Text in a text box is offered as paragraph(s) right after the paragraph it is anchored to,
with a warning: the text was on the page, so dropping it would be a loss an editor skimming
the warnings might not notice, while an extra paragraph shows in the proof and is deleted in
one keystroke.
"""

from __future__ import annotations

from ...messages import Message
from .blocks import Loss
from .pieces import Piece, RawParagraph
from .places import Places, snippet


class TextBoxes(Places):
    """Text boxes (a part of `reader.Reader`, whose `blocks` reads their paragraphs and tables)."""

    def text_box(self, content, after: list[Piece], near: str, cell: str) -> None:
        pieces: list[Piece] = []
        self.blocks(content, pieces, cell, in_text_box=True)
        text = " ".join(p.plain for p in pieces if isinstance(p, RawParagraph))
        if not pieces:
            return
        self.warn(Loss.TEXT_BOX, Message("word.text_box", text=snippet(text), where=Message(
            "word.after_table" if cell else "word.after_paragraph")), near, cell)
        after.extend(pieces)
