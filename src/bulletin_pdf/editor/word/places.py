"""Where a Word warning points: the paragraph an editor counts to in Word, or the table cell,
and the text near it, so that every element left out can be found in the Word file."""

from __future__ import annotations

import re

from ...messages import Message
from .blocks import Loss, WordWarning

NEAR = 16


def snippet(text: str) -> str:
    text = re.sub(r"[ \t\r\n]+", " ", text.replace("**", "")).strip(" ")
    return text if len(text) <= NEAR else text[:NEAR] + "…"


class Places:
    """The warnings of one document and the place the reader is at (a part of `reader.Reader`,
    which sets `warnings`, `paragraph_number` and `last_text`)."""

    warnings: list[WordWarning]
    paragraph_number: int            # 1-based among the body's paragraphs, as an editor counts them
    last_text: str                   # the latest non-empty text, for "near …"

    def where(self, text: str = "", cell: str = "") -> Message:
        near = snippet(text) or snippet(self.last_text)
        place = cell or Message("word.where.para", n=self.paragraph_number)
        return Message("word.where.near", place=place, near=near) if near else place

    def warn(self, loss: Loss, message: Message, text: str = "", cell: str = "") -> None:
        self.warnings.append(WordWarning(loss, self.where(text, cell), message))
