"""Read a .docx body in document order into raw pieces: paragraphs (with what the assembler
needs to tell a title, byline, heading or caption), tables, figures — and a warning for every
element the issue file cannot hold.

python-docx gives the document, its parts, styles and runs; lxml (under it) gives what
python-docx does not model: numbering, drawings, text boxes, charts, footnotes, tracked
changes, equations, merged cells. Element names are from ECMA-376 Part 1 (WordprocessingML
§17, DrawingML §20, VML §14, Office MathML §22, Markup Compatibility Part 3).

Decisions (README "Articles from Word"):
* Tracked changes read as if accepted (insertions kept, deletions left out) and warned.
* Text in a text box is offered as paragraph(s) right after the paragraph it is anchored to,
  with a warning: the text was on the page, so dropping it would be a loss an editor skimming
  the warnings might not notice, while an extra paragraph shows in the proof and is deleted in
  one keystroke.
* Footnotes and endnotes become notes (注：…) at the end of the article, with a warning naming
  where the reference mark was: a bulletin prints notes, not footnotes.
* Charts, SmartArt, shapes, embedded objects and equations are warned about with their
  place; their content is not guessed.
"""

from __future__ import annotations

import enum
import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ...errors import InputError
from ...messages import Message
from .blocks import Figure, Loss, Table, WordWarning
from .numbering import Label, Numbering
from .tables import GridCell, Merge, spans

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
#: Containers whose runs are the paragraph's text (descended into).
TRANSPARENT = {q(n) for n in ("w:hyperlink", "w:smartTag", "w:customXml", "w:fldSimple", "w:sdt", "w:sdtContent",
                              "w:bdo", "w:dir", "w:rubyBase")}
INSERTED = {q("w:ins"), q("w:moveTo")}
DELETED = {q("w:del"), q("w:moveFrom")}
EQUATION = {q("m:oMath"), q("m:oMathPara")}
#: Where a paragraph's w:t are not its own running text (read elsewhere or deliberately not).
HANDLED_ELSEWHERE = DELETED | {q("w:txbxContent"), q("mc:Fallback"), q("w:rt")}
#: Image formats the typesetter places as they are; others are converted to PNG by Pillow
#: when it can read them (GIF, BMP, WebP), else saved and warned about (EMF, WMF).
PLACEABLE = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}
NEAR = 16
EMU_PER_MM = 36000           # ECMA-376 §20.1.2.1: 914400 EMU to the inch


def _emu(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


def snippet(text: str) -> str:
    text = re.sub(r"[ \t\r\n]+", " ", text.replace("**", "")).strip(" ")
    return text if len(text) <= NEAR else text[:NEAR] + "…"


class Align(enum.Enum):
    """A paragraph's alignment as far as the assembler cares (w:jc, ECMA-376 §17.3.1.13)."""
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"      # also distributed and the other full-width alignments


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A body paragraph as read, before the assembler decides what it is."""
    number: int                  # 1-based among the body's paragraphs, as an editor counts them
    text: str                    # cleaned, bold as **…**
    plain: str                   # cleaned, no marks
    style: str
    align: Align
    label: Label | None          # Word's automatic number or bullet, rendered
    outline: int | None          # 1-based outline level from a Heading style or w:outlineLvl
    size: float | None           # pt, of the first run with text
    from_text_box: bool = False


Piece = RawParagraph | Table | Figure


@dataclass(slots=True)
class Counts:
    """What one paragraph holds that is not its plain text (mutable while it is read)."""
    inserted: int = 0            # tracked insertions (w:ins, w:moveTo)
    deleted: int = 0             # tracked deletions (w:del, w:moveFrom)
    comments: int = 0
    hidden: str = ""             # text Word does not show (w:vanish)


class ImageStore:
    """Pictures saved beside the issue file: one file per distinct picture, never over a
    different existing file (a name taken by other bytes gets -2, -3, …)."""

    def __init__(self, folder: Path, base: Path, stem: str) -> None:
        self.folder, self.base = folder, base
        self.stem = re.sub(r"[^\w\u3400-\u9fff-]+", "-", stem).strip("-") or "image"
        self.saved: dict[str, str] = {}
        self.count = 0

    def save(self, blob: bytes, extension: str) -> str:
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError("is a file, not a folder: give a folder for the article's pictures with --images",
                             file=str(self.folder))
        try:
            return self._save(blob, extension)
        except OSError as exc:
            raise InputError(f"cannot save the article's pictures here ({exc.strerror}): give a folder "
                             "you can write to with --images", file=str(self.folder)) from None

    def _save(self, blob: bytes, extension: str) -> str:
        digest = hashlib.sha256(blob).hexdigest()
        if digest in self.saved:
            return self.saved[digest]
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        k = 1
        while True:
            name = f"{self.stem}-{self.count}{'' if k == 1 else f'-{k}'}{extension}"
            target = self.folder / name
            if _write_new(target, blob) or _same_file(target, blob):
                break
            k += 1
        rel = Path(os.path.relpath(target.resolve(), self.base.resolve())).as_posix()
        self.saved[digest] = rel
        return rel


def _write_new(target: Path, blob: bytes) -> bool:
    """Write `blob` to a new file `target`, never through a link: O_CREAT | O_EXCL fails on any
    name that exists, a symbolic link (even a dangling one) included (POSIX open()). False when
    the name is taken."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as fh:
        fh.write(blob)
    return True


def _same_file(target: Path, blob: bytes) -> bool:
    """Whether the taken name `target` is a regular file holding `blob` (the picture saved by an
    earlier run). A symbolic link or anything not a regular file in the way is refused: the
    pictures go in the folder itself, never through a link to elsewhere."""
    import stat

    info = os.lstat(target)
    if stat.S_ISLNK(info.st_mode):
        raise InputError(Message("word.picture_link"), file=str(target), hint=Message("hint.word_picture_link"))
    if not stat.S_ISREG(info.st_mode):
        return False
    if info.st_size != len(blob):
        return False
    return target.read_bytes() == blob


def _convert_to_png(blob: bytes) -> bytes | str | None:
    """A GIF, BMP or WebP as PNG; None when Pillow cannot draw it; the reason (in the editor's
    words) when it claims more pixels than a picture may decode to (`images.opened`, checked on
    the header before a pixel is decoded)."""
    from PIL import UnidentifiedImageError

    from ...images import PictureProblem, opened

    try:
        with opened(io.BytesIO(blob)) as im:
            if im.format in ("WMF", "EMF"):   # Pillow identifies these but cannot draw them on Linux
                return None
            im.load()
            out = io.BytesIO()
            im.save(out, "PNG")
            return out.getvalue()
    except PictureProblem as exc:
        return str(exc.message)
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError):
        return None


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


class Reader:
    """Walks one document; `pieces` and `warnings` are its result."""

    def __init__(self, document, images: ImageStore, clean: Callable[[str], str]) -> None:
        self.document, self.images, self.clean = document, images, clean
        self.part = document.part
        try:
            numbering = self.part.numbering_part.element
        except (KeyError, NotImplementedError):
            numbering = None
        except ValueError as exc:     # python-docx: several numbering relationships
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

    # -- places and warnings -------------------------------------------------------------
    def where(self, text: str = "", cell: str = "") -> str:
        near = snippet(text) or snippet(self.last_text)
        place = cell or f"paragraph {self.paragraph_number}"
        return f"{place} (near “{near}”)" if near else place

    def warn(self, loss: Loss, message: str, text: str = "", cell: str = "") -> None:
        self.warnings.append(WordWarning(loss, self.where(text, cell), message))

    # -- the body ------------------------------------------------------------------------
    def read(self) -> None:
        self.blocks(self.document.element.body, self.pieces)
        self.page_furniture()

    def page_furniture(self) -> None:
        """Text in the page headers and footers is the Word page's, not the article's (the
        layout prints its own): left out, but named so that nothing goes unnoticed."""
        seen = set()
        for section in self.document.sections:
            for part, name in ((section.header, "page header"), (section.footer, "page footer"),
                               (section.first_page_header, "first-page header"),
                               (section.first_page_footer, "first-page footer")):
                if part.is_linked_to_previous:
                    continue
                text = " ".join(p.text.strip() for p in part.paragraphs if p.text.strip())
                if text and (name, text) not in seen:
                    seen.add((name, text))
                    self.warnings.append(WordWarning(Loss.TEXT, name, f"(“{snippet(text)}”) is left out: "
                                                     "the layout prints its own"))

    def blocks(self, container, out: list[Piece], cell: str = "", in_text_box: bool = False) -> None:
        """Paragraphs and tables of a body, cell, text box or content control, in order."""
        for child in container:
            tag = child.tag
            if tag == q("w:p"):
                self.paragraph(child, out, cell, in_text_box)
            elif tag == q("w:tbl"):
                if cell:
                    self.warn(Loss.TABLE, "inside a table cannot be nested: its text is put in the cell",
                              cell=cell)
                    for row in _children(child, "w:tr"):
                        for nested in _children(row, "w:tc"):
                            self.blocks(nested, out, cell, in_text_box)
                else:
                    self.table(child, out, in_text_box)
            elif tag in (q("w:sdt"), q("w:sdtContent"), q("w:customXml")):
                self.blocks(child, out, cell, in_text_box)
            elif tag == q("w:altChunk"):
                self.warn(Loss.EMBEDDED, "(an inserted file, altChunk) cannot be read: open the file in "
                          "Word, save it as .docx and convert that", cell=cell)

    # -- paragraphs ----------------------------------------------------------------------
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
            self.warn(Loss.TRACKED, f"({counts.inserted} insertion(s), {counts.deleted} deletion(s)) are read as "
                      "if accepted: accept or reject them in Word to be sure", plain, cell)
        if counts.hidden:
            self.warn(Loss.TEXT, f"(“{snippet(counts.hidden)}”) is hidden in Word and left out: "
                      "unhide it in Word if it belongs to the article", plain, cell)
        if counts.comments:
            self.warn(Loss.COMMENT, "is left out (comments are not printed)", plain, cell)
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
            self.warn(Loss.TEXT, f"(“{snippet(missing) or snippet(expected)}”) in a part of the paragraph this "
                      "tool does not read was left out: check the paragraph against the Word file", read, cell)

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
                self.warn(Loss.EQUATION, f"({snippet(math) or 'empty'}) cannot be set: type it as text or "
                          "paste it as a picture", self._segments_text(segments), cell)
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
                self.warn(Loss.SYMBOL, f"(font {child.get(q('w:font'))}, code {child.get(q('w:char'))}) is left "
                          "out: type the character itself", self._segments_text(segments), cell)
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

    # -- notes ---------------------------------------------------------------------------
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
            self.warn(loss, f"(“{snippet(text)}”) is given as a note (注：) at the end of the article: "
                      "move it where it belongs", near, cell)
        else:
            self.warn(loss, "has no text and is left out", near, cell)

    # -- pictures, drawings, text boxes, objects -----------------------------------------
    def drawing(self, drawing, after: list[Piece], near: str, cell: str) -> None:
        for frame in drawing:
            doc_pr = frame.find(q("wp:docPr"))
            name = (doc_pr.get("descr") or doc_pr.get("name") or "") if doc_pr is not None else ""
            data = frame.find(f"{q('a:graphic')}/{q('a:graphicData')}")
            uri = data.get("uri", "") if data is not None else ""
            label = f"(“{name}”) " if name else ""
            if uri.endswith("/picture"):
                extent = frame.find(q("wp:extent"))
                width = _emu(extent.get("cx")) if extent is not None else None
                for blip in data.iter(q("a:blip")):
                    self.picture(blip.get(q("r:embed")), blip.get(q("r:link")), after, near, cell, width)
            elif uri.endswith("/chart"):
                self.warn(Loss.CHART, f"{label}cannot be brought: paste it into Word as a picture "
                          "(Paste Special → Picture) or give its figures as a table", near, cell)
            elif "/diagram" in uri:
                self.warn(Loss.SMARTART, f"{label}cannot be brought: paste it as a picture or type its text",
                          near, cell)
            elif data is not None:
                self.shapes(data, after, near, cell, label)

    def shapes(self, data, after, near, cell, label) -> None:
        """A shape, group or canvas: its pictures and text boxes are brought, the rest warned."""
        if not self.drawn(data, after, near, cell):
            self.warn(Loss.SHAPE, f"{label}is left out: a drawing cannot be brought; paste it as a picture",
                      near, cell)

    def vml(self, pict, after, near, cell) -> None:
        """An old-style (VML) drawing: the same, for Word 2003 files and compatibility fallbacks."""
        if not self.drawn(pict, after, near, cell) and pict.find(".//" + q("o:OLEObject")) is None:
            self.warn(Loss.SHAPE, "(an old-style drawing) is left out: paste it as a picture", near, cell)

    def drawn(self, container, after, near, cell) -> bool:
        """Bring the pictures (a:blip, v:imagedata) and text boxes (w:txbxContent) of a drawing,
        in document order; those inside a text box come with the text box's own content.
        False when there is neither."""
        found = False
        for node in container.iter(q("a:blip"), q("v:imagedata"), q("w:txbxContent")):
            if any(a.tag == q("w:txbxContent") for a in _ancestors(node, container)):
                continue
            found = True
            if node.tag == q("w:txbxContent"):
                self.text_box(node, after, near, cell)
            elif node.tag == q("a:blip"):
                self.picture(node.get(q("r:embed")), node.get(q("r:link")), after, near, cell)
            else:
                self.picture(node.get(q("r:id")), None, after, near, cell)
        return found

    def ole(self, obj, after, near, cell) -> None:
        ole = obj.find(".//" + q("o:OLEObject"))
        prog = ole.get("ProgID", "") if ole is not None else ""
        if prog.startswith("Equation"):
            self.warn(Loss.EQUATION, f"({prog}) cannot be set: type it as text or paste it as a picture",
                      near, cell)
        else:
            self.warn(Loss.EMBEDDED, f"({prog or 'unknown kind'}) cannot be brought: paste its content "
                      "as a table, text or picture", near, cell)

    def text_box(self, content, after: list[Piece], near: str, cell: str) -> None:
        pieces: list[Piece] = []
        self.blocks(content, pieces, cell, in_text_box=True)
        text = " ".join(p.plain for p in pieces if isinstance(p, RawParagraph))
        if not pieces:
            return
        self.warn(Loss.TEXT_BOX, f"(“{snippet(text)}”) is given as paragraph(s) after "
                  f"{'the table' if cell else 'this paragraph'}: keep, move or delete it", near, cell)
        after.extend(pieces)

    def picture(self, embed: str | None, link: str | None, after, near: str, cell: str,
                width_emu: int | None = None) -> None:
        """Save the picture and add a figure for it. Its width is given (in mm) only when Word
        placed it narrower than nine tenths of the page's text width; a picture across the
        text width takes the layout's full measure."""
        if not embed:
            self.warn(Loss.IMAGE, f"is linked, not embedded ({link or 'no file'}): insert the picture "
                      "itself in Word (Insert → Picture, not Link to File)", near, cell)
            return
        try:
            part = self.part.related_parts[embed]
        except KeyError:
            self.warn(Loss.IMAGE, "is missing from the .docx file (a broken picture)", near, cell)
            return
        blob, ctype = part.blob, getattr(part, "content_type", "")
        extension = PLACEABLE.get(ctype)
        if extension is None:
            png = _convert_to_png(blob)
            if not isinstance(png, bytes):
                original = Path(str(getattr(part, "partname", "image"))).suffix or ".bin"
                path = self.images.save(blob, original)
                why = f" ({png})" if png else ""
                self.warn(Loss.IMAGE, f"({ctype or original}) cannot be placed{why}: it was saved as {path}; "
                          "save it as PNG or JPEG and add a figure block", near, cell)
                return
            blob, extension = png, ".png"
        path = self.images.save(blob, extension)
        if cell:
            self.warn(Loss.IMAGE, f"inside a table cannot be placed in its cell: {path} is given as a "
                      "figure after the table", near, cell)
        width = None
        if width_emu and self.text_width and width_emu < 0.9 * self.text_width:
            width = round(width_emu / EMU_PER_MM)
        after.append(Figure(path, width_mm=width))

    # -- tables --------------------------------------------------------------------------
    def table(self, tbl, out: list[Piece], in_text_box: bool) -> None:
        self.table_number += 1
        number = self.table_number
        self.table_context = self.last_text
        after: list[Piece] = []
        grid: list[list[GridCell]] = []
        header_rows = 0
        for r, tr in enumerate(_children(tbl, "w:tr"), 1):
            tr_pr = tr.find(q("w:trPr"))
            if tr_pr is not None and _on(tr_pr.find(q("w:tblHeader"))) and header_rows == r - 1:
                header_rows = r
            column = _columns(_int(tr_pr, "w:gridBefore", 0), "w:gridBefore", f"table {number}, row {r}")
            row = []
            for c, tc in enumerate(_children(tr, "w:tc"), 1):
                tc_pr = tc.find(q("w:tcPr"))
                span = max(1, _columns(_int(tc_pr, "w:gridSpan", 1), "w:gridSpan", f"table {number}, row {r}, column {c}"))
                v_merge = tc_pr.find(q("w:vMerge")) if tc_pr is not None else None
                merge = None if v_merge is None else (
                    Merge.RESTART if v_merge.get(q("w:val")) == "restart" else Merge.CONTINUE)
                place = f"table {number}, row {r}, column {c}"
                pieces: list[Piece] = []
                self.blocks(tc, pieces, cell=place, in_text_box=in_text_box)
                own = [p for p in pieces if isinstance(p, RawParagraph) and p.from_text_box == in_text_box]
                texts = [p.plain for p in own if p.plain]
                after.extend(p for p in pieces if not any(p is o for o in own))   # pictures, text boxes
                row.append(GridCell(column, span, merge, self.clean(_join(texts))))
                column += span
            grid.append(row)
        if not grid:
            return
        shape = spans(grid, header_rows or 1)
        for problem in shape.problems:
            self.warn(Loss.TABLE, problem.message, problem.text or self.table_context,
                      cell=f"table {number}, row {problem.row}")
        header, rows = shape.header, shape.rows
        if not rows:                      # a one-row table: its row is the body
            header, rows = (), header
        out.append(Table(header, rows))
        out.extend(after)


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


def _join(texts: list[str]) -> str:
    """Several paragraphs of one cell as one text: joined directly between Chinese, with a
    space between Latin/digits."""
    out = ""
    for text in texts:
        if out and re.match(r"[A-Za-z0-9]", text) and re.search(r"[A-Za-z0-9.,;:%]$", out):
            out += " "
        out += text
    return out


def _hidden(r) -> bool:
    """A run Word does not show (w:vanish, ECMA-376 §17.3.2.41)."""
    return r is not None and _on(r.find(f"{q('w:rPr')}/{q('w:vanish')}"))


def _ancestors(element, stop):
    """`element`'s ancestors up to (not including) `stop`."""
    node = element.getparent()
    while node is not None and node is not stop:
        yield node
        node = node.getparent()


def _children(element, tag: str):
    """`element`'s children named `tag`, also those wrapped in a content control or custom
    XML (w:sdt, w:customXml around rows or cells)."""
    for child in element:
        if child.tag == q(tag):
            yield child
        elif child.tag in (q("w:sdt"), q("w:sdtContent"), q("w:customXml")):
            yield from _children(child, tag)


def _on(element) -> bool:
    return element is not None and element.get(q("w:val"), "true") not in ("0", "false", "off")


#: Word's tables have at most 63 columns (its Insert Table dialog; ECMA-376 sets no bound).
MAX_WORD_COLUMNS = 63


def _columns(n: int, tag: str, place: str) -> int:
    """A grid span or skip (w:gridSpan, w:gridBefore, ECMA-376 §17.4.17, §17.4.14) within a
    table Word can hold: a damaged or hostile count (10⁹) is refused, not expanded into cells."""
    if not 0 <= n <= MAX_WORD_COLUMNS:
        raise InputError(Message("word.columns", place=place, tag=tag, n=n, most=MAX_WORD_COLUMNS),
                         hint=Message("hint.word_resave"))
    return n


def _int(parent, tag: str, default: int) -> int:
    node = parent.find(q(tag)) if parent is not None else None
    value = node.get(q("w:val")) if node is not None else None
    return int(value) if value is not None and value.lstrip("-").isdigit() and len(value) < 12 else default
