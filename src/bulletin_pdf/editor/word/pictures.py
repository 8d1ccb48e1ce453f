"""Pictures and drawings of a Word paragraph: each picture saved beside the issue file and
given as a figure after its paragraph (converted to PNG where the typesetter cannot place its
format); shapes, groups and canvases give their pictures and text boxes; charts, SmartArt,
embedded objects and old-style equations are warned about with their place, their content not
guessed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from pathlib import Path

from ...errors import InputError
from ...messages import Message
from .blocks import Figure, Loss
from .ooxml import _ancestors, q
from .pieces import Piece
from .places import Places

#: Image formats the typesetter places as they are; others are converted to PNG by Pillow
#: when it can read them (GIF, BMP, WebP), else saved and warned about (EMF, WMF).
PLACEABLE = {"image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif"}
EMU_PER_MM = 36000           # ECMA-376 §20.1.2.1: 914400 EMU to the inch


def _emu(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdigit() else None


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
            raise InputError(Message("word.images_is_file"), file=str(self.folder))
        try:
            return self._save(blob, extension)
        except OSError as exc:
            raise InputError(Message("word.images_cannot_save", why=str(exc.strerror)), file=str(self.folder)) from None

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
        return exc.message
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError):
        return None


class Drawings(Places):
    """Drawings, pictures and embedded objects (a part of `reader.Reader`, which gives it the
    document's `part`, the `images` store, the page's `text_width` and `text_box`)."""

    part: object
    images: ImageStore
    text_width: int | None

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
                self.warn(Loss.CHART, Message("word.chart", label=label), near, cell)
            elif "/diagram" in uri:
                self.warn(Loss.SMARTART, Message("word.smartart", label=label), near, cell)
            elif data is not None:
                self.shapes(data, after, near, cell, label)

    def shapes(self, data, after, near, cell, label) -> None:
        """A shape, group or canvas: its pictures and text boxes are brought, the rest warned."""
        if not self.drawn(data, after, near, cell):
            self.warn(Loss.SHAPE, Message("word.shape", label=label), near, cell)

    def vml(self, pict, after, near, cell) -> None:
        """An old-style (VML) drawing: the same, for Word 2003 files and compatibility fallbacks."""
        if not self.drawn(pict, after, near, cell) and pict.find(".//" + q("o:OLEObject")) is None:
            self.warn(Loss.SHAPE, Message("word.vml"), near, cell)

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
            self.warn(Loss.EQUATION, Message("word.ole_equation", prog=prog), near, cell)
        else:
            self.warn(Loss.EMBEDDED, Message("word.ole", prog=prog or Message("word.unknown_kind")), near, cell)

    def picture(self, embed: str | None, link: str | None, after, near: str, cell: str,
                width_emu: int | None = None) -> None:
        """Save the picture and add a figure for it. Its width is given (in mm) only when Word
        placed it narrower than nine tenths of the page's text width; a picture across the
        text width takes the layout's full measure."""
        if not embed:
            self.warn(Loss.IMAGE, Message("word.linked", link=link or Message("word.no_file")), near, cell)
            return
        try:
            part = self.part.related_parts[embed]
        except KeyError:
            self.warn(Loss.IMAGE, Message("word.broken_picture"), near, cell)
            return
        blob, ctype = part.blob, getattr(part, "content_type", "")
        extension = PLACEABLE.get(ctype)
        if extension is None:
            png = _convert_to_png(blob)
            if not isinstance(png, bytes):
                original = Path(str(getattr(part, "partname", "image"))).suffix or ".bin"
                path = self.images.save(blob, original)
                why = Message("word.why", why=png) if png else ""
                self.warn(Loss.IMAGE, Message("word.unplaceable", kind=ctype or original, path=path, why=why), near, cell)
                return
            blob, extension = png, ".png"
        path = self.images.save(blob, extension)
        if cell:
            self.warn(Loss.IMAGE, Message("word.picture_in_cell", path=path), near, cell)
        width = None
        if width_emu and self.text_width and width_emu < 0.9 * self.text_width:
            width = round(width_emu / EMU_PER_MM)
        after.append(Figure(path, width_mm=width))
