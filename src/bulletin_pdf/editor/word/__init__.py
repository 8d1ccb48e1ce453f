"""Word (.docx) articles → typed blocks for the issue file (`bulletin-pdf docx`).

read (reader.py walks the body in order; paragraphs.py reads paragraphs and runs, pictures.py
drawings and pictures, textboxes.py text boxes, notes.py footnotes and endnotes, tables.py
tables; numbering.py gives Word's automatic numbers) → assemble (assemble.py: title, byline,
headings, captions, items) → blocks.py (frozen values, and their plain YAML data).
"""

from .blocks import (Block, Cell, Figure, FromWord, Heading, ListBlock, Loss, Note, Paragraph, Table,
                     WordArticle, WordItem, WordItems, WordWarning, as_data, block_data, summary)
from .extract import extract

__all__ = ["Block", "Cell", "Figure", "FromWord", "Heading", "ListBlock", "Loss", "Note", "Paragraph",
           "Table", "WordArticle", "WordItem", "WordItems", "WordWarning", "as_data", "block_data", "extract", "summary"]
