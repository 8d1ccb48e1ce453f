"""Word (.docx) articles → typed blocks for the issue file (`bulletin-pdf docx`).

read (reader.py: the body in order, numbering.py: Word's automatic numbers) → assemble
(assemble.py: title, byline, headings, captions, items) → blocks.py (frozen values, and
their plain YAML data).
"""

from .blocks import (Block, Cell, Figure, FromWord, Heading, ListBlock, Loss, Note, Paragraph, Table,
                     WordArticle, WordItem, WordItems, WordWarning, as_data, block_data, summary)
from .extract import extract

__all__ = ["Block", "Cell", "Figure", "FromWord", "Heading", "ListBlock", "Loss", "Note", "Paragraph",
           "Table", "WordArticle", "WordItem", "WordItems", "WordWarning", "as_data", "block_data", "extract", "summary"]
