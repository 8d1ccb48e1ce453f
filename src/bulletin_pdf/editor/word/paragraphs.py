"""A Word paragraph and its runs: the text (bold as `**…**`), its alignment, size, style's
outline level and Word's automatic number; tracked changes, hidden text, comments, symbols and
equations warned about.

* Tracked changes read as if accepted (insertions kept, deletions left out) and warned.
* What a run holds besides text is read by the other parts of `reader.Reader`: drawings and
  pictures (`pictures`), footnote and endnote references (`notes`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ...messages import Message
from .blocks import Loss
from .numbering import Label, Numbering
from .ooxml import _ancestors, _on, q
from .pieces import Align, Piece, RawParagraph
from .places import Places, snippet

#: Containers whose runs are the paragraph's text (descended into).
TRANSPARENT = {q(n) for n in ("w:hyperlink", "w:smartTag", "w:customXml", "w:fldSimple", "w:sdt", "w:sdtContent",
                              "w:bdo", "w:dir", "w:rubyBase")}
INSERTED = {q("w:ins"), q("w:moveTo")}
DELETED = {q("w:del"), q("w:moveFrom")}
EQUATION = {q("m:oMath"), q("m:oMathPara")}
#: Where a paragraph's w:t are not its own running text (read elsewhere or deliberately not).
HANDLED_ELSEWHERE = DELETED | {q("w:txbxContent"), q("mc:Fallback"), q("w:rt")}


@dataclass(slots=True)
class Counts:
    """What one paragraph holds that is not its plain text (mutable while it is read)."""
    inserted: int = 0            # tracked insertions (w:ins, w:moveTo)
    deleted: int = 0             # tracked deletions (w:del, w:moveFrom)
    comments: int = 0
    hidden: str = ""             # text Word does not show (w:vanish)


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _from_styles(style, get):
    for s in _style_chain(style):
        value = get(s)
        if value is not None:
            return value
    return None


HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)


class Paragraphs(Places):
    """Paragraphs and their inline content (a part of `reader.Reader`, which gives it the
    `document`, `clean` and `numbering`, and the readers of drawings, objects and notes)."""

    document: object
    clean: Callable[[str], str]
    numbering: Numbering

    def paragraph(self, p, out: list[Piece], cell: str = "", in_text_box: bool = False) -> None:
        if not cell and not in_text_box:
            self.paragraph_number += 1
        para = DocxParagraph(p, self.document._body)
        after: list[Piece] = []
        segments: list[tuple[str, bool]] = []
        counts = Counts()
        self.inline(p, para, segments, after, counts, cell)
        self._check_nothing_lost(p, segments, cell)
        marked, plain = self._texts(segments)
        if counts.inserted or counts.deleted:
            self.warn(Loss.TRACKED, Message("word.tracked", ins=str(counts.inserted), dels=str(counts.deleted)), plain, cell)
        if counts.hidden:
            self.warn(Loss.TEXT, Message("word.hidden", text=snippet(counts.hidden)), plain, cell)
        if counts.comments:
            self.warn(Loss.COMMENT, Message("word.comment"), plain, cell)
        style = self.style_of(p)
        label = self._label(p, style)
        if plain or label:
            out.append(RawParagraph(
                self.paragraph_number, marked, plain, (style.name if style is not None else "") or "",
                self._align(para, style), label, self._outline(p, style), self._size(para, style), in_text_box))
        if plain:
            self.last_text = plain
        out.extend(after)

    def _check_nothing_lost(self, p, segments, cell: str) -> None:
        """The safety net for elements this reader does not know: every w:t of the paragraph
        (outside deletions, text boxes, fallbacks, which are handled elsewhere) must be in
        what was read, else the difference is named in a warning."""
        read = "".join(t for t, _ in segments)
        expected = "".join(t.text or "" for t in p.iter(q("w:t")) if not _hidden(t.getparent()) and not any(
            a.tag in HANDLED_ELSEWHERE for a in _ancestors(t, p)))
        if expected != read:
            missing = _missing(read, expected)
            self.warn(Loss.TEXT, Message("word.unread", text=snippet(missing) or snippet(expected)), read, cell)

    def _texts(self, segments: list[tuple[str, bool]]) -> tuple[str, str]:
        merged: list[tuple[str, bool]] = []
        for text, bold in segments:
            if merged and merged[-1][1] == bold:
                merged[-1] = (merged[-1][0] + text, bold)
            elif text:
                merged.append((text, bold))
        plain = self.clean("".join(t for t, _ in merged))
        out = ""
        for k, (text, bold) in enumerate(merged):
            if k == 0:
                text = text.lstrip(" \t\u3000\u00a0")
            if bold and text.strip():
                lead = len(text) - len(text.lstrip())
                trail = len(text) - len(text.rstrip())
                out += text[:lead] + "**" + text.strip() + "**" + text[len(text) - trail:]
            else:
                out += text
        return self.clean(out), plain

    def style_of(self, p, kind: str = "paragraph"):
        """The paragraph style of `p` (a w:p), or the character style of a w:r (`kind`
        "character"), looked up once per style id: python-docx's `Paragraph.style` scans every
        style of the document on each call (four calls a paragraph made 10,000 paragraphs take
        minutes)."""
        from docx.enum.style import WD_STYLE_TYPE

        if kind == "paragraph":
            node = p.find(f"{q('w:pPr')}/{q('w:pStyle')}")
        else:
            node = p.find(f"{q('w:rPr')}/{q('w:rStyle')}")
        key = (kind, None if node is None else node.get(q("w:val")))
        if key not in self._styles:
            self._styles[key] = self.part.get_style(
                key[1], WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER)
        return self._styles[key]

    def _align(self, para, style) -> Align:
        value = para.alignment
        if value is None:
            value = _from_styles(style, lambda s: s.paragraph_format.alignment)
        return {None: Align.LEFT, 0: Align.LEFT, 1: Align.CENTER, 2: Align.RIGHT}.get(
            None if value is None else int(value), Align.JUSTIFY)

    def _size(self, para, style) -> float | None:
        for run in para.runs:
            if run.text.strip():
                size = run.font.size
                if size is None:
                    size = _from_styles(style, lambda s: s.font.size)
                return size.pt if size is not None else None
        return None

    def _label(self, p, style) -> Label | None:
        """Word's number for `p`: numId and ilvl each from the paragraph's w:numPr, else from
        its style chain's (a paragraph may give only its level, ECMA-376 §17.3.1.19)."""
        path = f"{q('w:pPr')}/{q('w:numPr')}/"

        def value(tag: str) -> str | None:
            node = p.find(path + q(tag))
            if node is None:
                node = _from_styles(style, lambda s: s.element.find(path + q(tag)))
            return None if node is None else node.get(q("w:val"))

        num_id, ilvl = value("w:numId"), value("w:ilvl")
        if num_id in (None, "0"):
            return None
        return self.numbering.next_label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)

    def _outline(self, p, style) -> int | None:
        for s in _style_chain(style):
            m = HEADING_STYLE.match(s.name or "")
            if m:
                return int(m.group(1))
        node = p.find(f"{q('w:pPr')}/{q('w:outlineLvl')}")
        if node is None:
            node = _from_styles(style, lambda s: s.element.find(f"{q('w:pPr')}/{q('w:outlineLvl')}"))
        if node is not None and node.get(q("w:val"), "9").isdigit() and int(node.get(q("w:val"))) < 9:
            return int(node.get(q("w:val"))) + 1
        return None

    # -- inline content ------------------------------------------------------------------
    def inline(self, element, para, segments, after, counts, cell) -> None:
        for child in element:
            tag = child.tag
            if tag == q("w:r"):
                self.run(child, para, segments, after, counts, cell)
            elif tag in TRANSPARENT:
                self.inline(child, para, segments, after, counts, cell)
            elif tag in INSERTED:
                counts.inserted += 1
                self.inline(child, para, segments, after, counts, cell)
            elif tag in DELETED:
                counts.deleted += 1
            elif tag in EQUATION:
                math = "".join(t.text or "" for t in child.iter(q("m:t")))
                self.warn(Loss.EQUATION, Message("word.equation", text=snippet(math) or Message("word.empty")),
                          self._segments_text(segments), cell)
            elif tag == q("mc:AlternateContent"):
                choice = child.find(q("mc:Choice"))
                if choice is not None:
                    self.inline(choice, para, segments, after, counts, cell)
            elif tag == q("w:commentRangeStart"):
                counts.comments += 1

    @staticmethod
    def _segments_text(segments) -> str:
        return "".join(t for t, _ in segments)

    def run(self, r, para, segments, after, counts, cell) -> None:
        bold = self._bold(r, para)
        if _hidden(r):
            hidden = "".join(t.text or "" for t in r.iter(q("w:t")))
            if hidden.strip():
                counts.hidden += hidden
            return
        for child in r:
            tag = child.tag
            if tag == q("w:t"):
                segments.append((child.text or "", bold))
            elif tag == q("w:noBreakHyphen"):
                segments.append(("-", bold))
            elif tag == q("w:sym"):
                self.warn(Loss.SYMBOL, Message("word.symbol", font=str(child.get(q("w:font"))), code=str(child.get(q("w:char")))),
                          self._segments_text(segments), cell)
            elif tag == q("w:drawing"):
                self.drawing(child, after, self._segments_text(segments), cell)
            elif tag == q("w:pict"):
                self.vml(child, after, self._segments_text(segments), cell)
            elif tag == q("w:object"):
                self.ole(child, after, self._segments_text(segments), cell)
            elif tag in (q("w:footnoteReference"), q("w:endnoteReference")):
                self.note_reference(child, self._segments_text(segments), cell)
            elif tag == q("mc:AlternateContent"):
                choice = child.find(q("mc:Choice"))
                if choice is not None:
                    fake = r.makeelement(q("w:r"), {})
                    fake.extend(list(choice))
                    self.run(fake, para, segments, after, counts, cell)
            elif tag == q("w:ruby"):
                base = child.find(q("w:rubyBase"))
                if base is not None:
                    self.inline(base, para, segments, after, counts, cell)

    def _bold(self, r, para) -> bool:
        run = DocxRun(r, para)
        if run.bold is not None:
            return run.bold
        has_char_style = r.find(f"{q('w:rPr')}/{q('w:rStyle')}") is not None
        char_style = _from_styles(self.style_of(r, "character"), lambda s: s.font.bold) if has_char_style else None
        if char_style is not None:
            return char_style
        return bool(_from_styles(self.style_of(para._p), lambda s: s.font.bold))


def _hidden(r) -> bool:
    """A run Word does not show (w:vanish, ECMA-376 §17.3.2.41)."""
    return r is not None and _on(r.find(f"{q('w:rPr')}/{q('w:vanish')}"))


def _missing(read: str, expected: str) -> str:
    """What `expected` has that `read` lacks, in linear time: what lies between their common
    beginning and their common end (difflib's SequenceMatcher, exact, took minutes on a
    50,000-character paragraph; a warning needs only the part to look at)."""
    start = 0
    most = min(len(read), len(expected))
    while start < most and read[start] == expected[start]:
        start += 1
    end = 0
    while end < most - start and read[-1 - end] == expected[-1 - end]:
        end += 1
    return expected[start:len(expected) - end]
