"""Bounds a PDF must keep before `check` reads it (issue 12: hostile and broken input).

`check` reads any PDF, including damaged and hostile ones. Before the object scan and the
glyph read-back (which decompress every content stream and font program), the file must be a
regular file within `MAX_PDF_BYTES`, hold at most `MAX_OBJECTS` objects and `MAX_PAGES` pages,
and every stream that the checks decompress must inflate to at most `MAX_STREAM_BYTES`
(`MAX_TOTAL_BYTES` together). A 400 KB file that inflates to 400 MB (a "zip bomb") is refused
after reading 64 MB of it, not read to the end. Image data is never decompressed by the checks
and so is not counted.
"""

from __future__ import annotations

import zlib

import pikepdf

from ..errors import InputError
from ..messages import Message

MAX_PDF_BYTES = 1024 * 1024 * 1024
MAX_OBJECTS = 1_000_000
MAX_PAGES = 10_000
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
_CHUNK = 1 << 20


def check_bounds(pdf: pikepdf.Pdf, name: str) -> None:
    """Refuse a PDF whose objects, pages or inflated streams exceed the bounds."""
    objects = pdf.objects
    if len(objects) > MAX_OBJECTS:
        raise _refused(name, f"it has {len(objects):,} objects (the limit is {MAX_OBJECTS:,})")
    pages = len(pdf.pages)
    if pages > MAX_PAGES:
        raise _refused(name, f"it has {pages:,} pages (the limit is {MAX_PAGES:,})")
    total = 0
    for obj in objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") == pikepdf.Name.Image:
            continue
        total += inflated_size(obj, name, MAX_STREAM_BYTES)
        if total > MAX_TOTAL_BYTES:
            raise _refused(name, f"its streams inflate to more than {MAX_TOTAL_BYTES // 2**20} MB")


def inflated_size(stream: pikepdf.Stream, name: str, limit: int) -> int:
    """Bytes the stream decompresses to, counted without keeping them; refused past `limit`."""
    filters = stream.get("/Filter")
    first = filters[0] if isinstance(filters, pikepdf.Array) and len(filters) else filters
    raw = stream.read_raw_bytes()
    if first != pikepdf.Name.FlateDecode:
        return len(raw)
    inflater = zlib.decompressobj()
    size = 0
    data = raw
    try:
        while data:
            size += len(inflater.decompress(data, _CHUNK))
            if size > limit:
                raise _refused(name, f"a stream (object {stream.objgen[0]}) inflates to more than "
                               f"{limit // 2**20} MB")
            data = inflater.unconsumed_tail
    except zlib.error:
        pass      # a damaged stream: the readers below see what is there
    return size


def _refused(name: str, reason: str) -> InputError:
    return InputError(Message("pdf.too_large", reason=reason), file=name, hint=Message("hint.pdf_size"))
