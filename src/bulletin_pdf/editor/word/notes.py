"""Footnotes and endnotes of a Word document.

Footnotes and endnotes become notes (注：…) at the end of the article, with a warning naming
where the reference mark was: a bulletin prints notes, not footnotes.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.oxml import parse_xml

from ...messages import Message
from .blocks import Loss
from .ooxml import q
from .places import Places, snippet

FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


class Notes(Places):
    """Footnote and endnote references (a part of `reader.Reader`, which gives it the
    document's `part` and `clean`, and keeps `notes`, their texts, for the assembler)."""

    part: object
    clean: Callable[[str], str]
    notes: list[str]
    _notes_text: dict[str, dict[str, str]]

    def _load_notes(self, reltype: str, tag: str) -> dict[str, str]:
        texts: dict[str, str] = {}
        for rel in self.part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                root = parse_xml(rel.target_part.blob)
                for note in root.findall(q(tag)):
                    texts[note.get(q("w:id"))] = "".join(t.text or "" for t in note.iter(q("w:t"))).strip()
        return texts

    def note_reference(self, ref, near: str, cell: str) -> None:
        foot = ref.tag == q("w:footnoteReference")
        text = self.clean(self._notes_text[FOOTNOTES if foot else ENDNOTES].get(ref.get(q("w:id")), ""))
        loss = Loss.FOOTNOTE if foot else Loss.ENDNOTE
        if text:
            self.notes.append(text)
            self.warn(loss, Message("word.note", text=snippet(text)), near, cell)
        else:
            self.warn(loss, Message("word.note_empty"), near, cell)
