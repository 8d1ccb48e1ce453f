"""Opening a font file a layout names, defensively (issue 12).

A layout may point a role at anything: `/dev/zero`, a FIFO, a folder, `/etc/passwd`, a
truncated download, random bytes. Before a font parser sees the file it must be a regular
file within `MAX_FONT_BYTES` that starts like a font (sfnt version or tag, OpenType spec
"Organization of an OpenType Font"); any failure of the parser afterwards is turned into a
`FontError` at the layout line that chose the face. Kept apart from `fonts` so the checks stay
the same whatever library parses the faces.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ..errors import BulletinError, FontError, InputError
from ..input.files import check_regular_file, first_bytes
from ..messages import Message
from ..model import Source

MAX_FONT_BYTES = 64 * 1024 * 1024    # the largest CJK faces are ~30 MB

#: the first four bytes of the font formats (OpenType spec, "Table Directory"; WOFF/WOFF2 specs)
SFNT = {b"\x00\x01\x00\x00": "TrueType", b"true": "TrueType", b"OTTO": "OpenType/CFF",
        b"ttcf": "font collection", b"wOFF": "WOFF web font", b"wOF2": "WOFF2 web font"}
SUPPORTED = ("TrueType", "OpenType/CFF", "font collection")


def where(source: Source | None) -> dict:
    """The keyword arguments that locate an error at the layout line of a font choice."""
    if source is None:
        return {}
    return {"file": source.file, "line": source.line or None, "field": source.field}


def _refuse(path: Path, message: Message, hint: Message, source: Source | None) -> FontError:
    return FontError(Message("fontfile.refused", path=str(path), problem=message), hint=hint, **where(source))


def check_font_file(path: Path, source: Source | None) -> str:
    """The format of `path` ('TrueType' or 'OpenType/CFF') if it is a font file the engine can
    open; otherwise a located `FontError` that says what the file looks like."""
    try:
        size = check_regular_file(path, MAX_FONT_BYTES, "font file")
    except InputError as exc:
        raise _refuse(path, exc.message, Message("hint.font_file"), source) from None
    if size < 12:
        raise _refuse(path, Message("fontfile.tiny", size=size), Message("hint.font_file"), source)
    with open(path, "rb") as fh:
        head = fh.read(16)
    kind = SFNT.get(head[:4])
    if kind is None:
        raise _refuse(path, Message("fontfile.starts", head=first_bytes(head)), Message("hint.font_file"), source)
    if kind not in SUPPORTED:
        raise _refuse(path, Message("fontfile.unsupported", kind=kind), Message("hint.web_font"), source)
    return kind


#: the tables the engine reads from a TrueType face (OpenType spec, "Required tables" and
#: "Tables related to TrueType outlines")
REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")


def check_tables(path: Path, tables, source: Source | None) -> None:
    """A face that parses but lacks a table the engine needs is refused by name."""
    missing = [tag for tag in REQUIRED_TABLES if tag not in tables]
    if "glyf" in tables and "loca" not in tables:     # TrueType outlines need their index
        missing.append("loca")
    if "glyf" not in tables and "CFF " not in tables:
        missing.append("glyf or CFF")
    if missing:
        raise _refuse(path, Message("fontfile.no_table", tables=", ".join(missing)), Message("hint.other_font"), source)


@contextlib.contextmanager
def parsing(path: Path, source: Source | None):
    """Any failure of the font parser on `path` (a truncated table, a bad offset: `struct.error`,
    `TTLibError`, `AssertionError`, `IndexError`… from a third-party parser fed arbitrary bytes)
    becomes a located `FontError`."""
    try:
        yield
    except BulletinError as exc:
        if exc.file or source is None:
            raise
        raise _damaged(path, exc.message.replace(f"cannot read font {path}: ", ""), source) from None
    except (Exception, RecursionError) as exc:     # noqa: BLE001 - any parser failure is the file's
        raise _damaged(path, str(exc) or type(exc).__name__, source) from None


def _damaged(path: Path, detail: str, source: Source | None) -> FontError:
    detail = " ".join(detail.split())[:160].replace(f'"{path}" ', "")
    return _refuse(path, Message("fontfile.damaged", detail=detail), Message("hint.other_font"), source)
