"""Bounds a PDF must keep before `check` reads it (issue 12: hostile and broken input).

`check` reads any PDF, including damaged and hostile ones. Before the object scan and the
glyph read-back (which decompress every content stream and font program), the file must be a
regular file within `MAX_PDF_BYTES`, hold at most `MAX_OBJECTS` objects and `MAX_PAGES` pages,
and every stream must decode to at most `MAX_STREAM_BYTES` (`MAX_TOTAL_BYTES` together). A
400 KB file that inflates to 400 MB (a "zip bomb") is refused after decoding 64 MB of it, not
read to the end.

The size is counted through the stream's whole filter chain (ISO 32000-1 §7.4: /Filter may be
an array, each decoder's output the next one's input), for every stream, images included: a
content stream behind [/ASCIIHexDecode /FlateDecode], or one marked /Subtype /Image, is decoded
by the readers all the same (issue 21). The general filters (Flate, LZW, ASCIIHex, ASCII85,
RunLength) are decoded here chunk by chunk, never holding more than a chunk of each stage; an
image codec (DCT, JPX, JBIG2, CCITTFax) ends the chain, counted by its input.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterable, Iterator

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
    """Refuse a PDF whose objects, pages or decoded streams exceed the bounds."""
    objects = pdf.objects
    if len(objects) > MAX_OBJECTS:
        raise _refused(name, f"it has {len(objects):,} objects (the limit is {MAX_OBJECTS:,})")
    pages = len(pdf.pages)
    if pages > MAX_PAGES:
        raise _refused(name, f"it has {pages:,} pages (the limit is {MAX_PAGES:,})")
    total = 0
    for obj in objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        total += inflated_size(obj, name, MAX_STREAM_BYTES)
        if total > MAX_TOTAL_BYTES:
            raise _refused(name, f"its streams inflate to more than {MAX_TOTAL_BYTES // 2**20} MB")


def inflated_size(stream: pikepdf.Stream, name: str, limit: int) -> int:
    """Bytes the stream decodes to through its filter chain, counted without keeping them;
    refused past `limit`."""
    filters = stream.get("/Filter")
    chain = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else []
    data: Iterator[bytes] = iter((stream.read_raw_bytes(),))
    for f in chain:
        decoder = _DECODERS.get(str(f))
        if decoder is None:           # an image codec or an unknown filter: the readers stop here too
            break
        data = decoder(data)
    size = 0
    try:
        for piece in data:
            size += len(piece)
            if size > limit:
                raise _refused(name, f"a stream (object {stream.objgen[0]}) inflates to more than "
                               f"{limit // 2**20} MB")
    except (zlib.error, ValueError):
        pass      # a damaged stream: the readers below see what is there
    return size


def _flate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    for data in chunks:
        while data:
            yield inflater.decompress(data, _CHUNK)
            data = inflater.unconsumed_tail


def _hex(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """ASCIIHexDecode (§7.4.2): pairs of hex digits, white space ignored, `>` ends the data (an
    odd last digit is followed by 0)."""
    return _text_filter(chunks, b">", lambda t: _NOT_HEX.sub(b"", t), lambda t: len(t) // 2 * 2,
                        binascii.unhexlify, lambda rest: binascii.unhexlify(rest + b"0"))


def _a85(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """ASCII85Decode (§7.4.3): whole groups of five characters at a time (`z` stands for a
    group of four zero bytes), `~>` ends the data (a last partial group padded with `u`)."""
    return _text_filter(chunks, b"~", lambda t: _SPACE.sub(b"", t), _whole_groups, base64.a85decode,
                        lambda rest: base64.a85decode(rest + b"u" * (5 - len(rest)))[:len(rest) - 1])


def _text_filter(chunks: Iterable[bytes], end: bytes, clean, whole, decode, last) -> Iterator[bytes]:
    """An ASCII filter decoded a chunk at a time: each chunk `clean`ed (white space out), its
    longest prefix of `whole` groups decoded, the rest carried to the next chunk; at `end` or
    the end of the data, the carried part decoded by `last`."""
    carry = b""
    for data in chunks:
        for at in range(0, len(data), _CHUNK):
            part = data[at:at + _CHUNK]
            stop = part.find(end)
            text = carry + clean(part if stop < 0 else part[:stop])
            cut = whole(text)
            carry = text[cut:]
            yield decode(text[:cut])
            if stop >= 0:
                if carry:
                    yield last(carry)
                return
    if carry:
        yield last(carry)


def _whole_groups(text: bytes) -> int:
    """Length of the longest prefix of `text` made of whole ASCII85 groups."""
    cut = len(text)
    tail = text.rfind(b"z") + 1        # everything up to a `z` is whole groups if what follows is
    return tail + (cut - tail) // 5 * 5


def _run_length(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """RunLengthDecode (§7.4.5): a length byte n, then n+1 bytes to copy (n < 128) or one byte
    repeated 257-n times (n > 128); 128 ends the data — but qpdf, which decodes the content
    streams for the object scan, reads on past it (qpdf 11: a 128 is skipped), so the bound
    counts on too: a stream that starts with 128 and inflates to 400 MB after it is refused."""
    data = b"".join(chunks)          # the input of this stage is at most what decoded before it
    out, i = bytearray(), 0
    while i < len(data):
        n = data[i]
        if n == 128:
            i += 1
            continue
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
        if len(out) >= _CHUNK:
            yield bytes(out)
            out.clear()
    yield bytes(out)


def _lzw(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """LZWDecode (§7.4.4): 9- to 12-bit codes, 256 clears the table, 257 ends the data (early
    change 1, the default)."""
    table = [bytes((k,)) for k in range(256)] + [b"", b""]
    width, bits, have, previous = 9, 0, 0, b""
    out = bytearray()
    for data in chunks:
        for byte in data:
            bits = (bits << 8) | byte
            have += 8
            while have >= width:
                have -= width
                code = (bits >> have) & ((1 << width) - 1)
                bits &= (1 << have) - 1
                if code == 256:
                    table, width, previous = table[:258], 9, b""
                    continue
                if code == 257:
                    yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                elif previous:
                    entry = previous + previous[:1]
                else:
                    raise ValueError("damaged LZW data")
                out += entry
                if previous:
                    table.append(previous + entry[:1])
                previous = entry
                if len(table) + 1 >= (1 << width) and width < 12:
                    width += 1
                if len(out) >= _CHUNK:
                    yield bytes(out)
                    out.clear()
    yield bytes(out)


_DECODERS = {"/FlateDecode": _flate, "/Fl": _flate, "/ASCIIHexDecode": _hex, "/AHx": _hex,
             "/ASCII85Decode": _a85, "/A85": _a85, "/RunLengthDecode": _run_length, "/RL": _run_length,
             "/LZWDecode": _lzw, "/LZW": _lzw}
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_SPACE = re.compile(rb"[\x00\t\n\x0c\r ]")


def _refused(name: str, reason: str) -> InputError:
    return InputError(Message("pdf.too_large", reason=reason), file=name, hint=Message("hint.pdf_size"))
