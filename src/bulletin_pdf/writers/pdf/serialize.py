"""PDF objects as bytes: the file structure of ISO 32000-1 §7 written directly, without a
PDF library.

The writer builds its objects from plain Python values and this module says them in PDF
syntax (§7.3): `None` null, `bool`, `int`, `float` (a real: at most three decimals, never an
exponent, never `-0`, so the same value is always the same bytes), `Name`, `str` (a text
string, §7.9.2.2: ASCII as a literal string, anything else UTF-16BE with its byte order mark),
`bytes` (a byte string), `list`/`tuple` (array), `dict` (dictionary; keys are names, written
in insertion order), `Ref` (an indirect reference), `Stream` (a dictionary and its data,
Flate-compressed by zlib unless it is already encoded). `PdfFile` numbers the indirect objects
and writes the header, the body (the objects that are not streams packed into object
streams), a cross-reference stream and the trailer; no incremental update.

Why not pikepdf (qpdf), which wrote the file before: importing it costs a cold build about as
much as all the pages' content streams, and its save parses back every object the writer just
made before serializing it. The writer's objects are few and simple (pages, fonts, one ICC
profile, bookmarks); saying them is a page of code. pikepdf still reads PDFs: `check`, tests.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Callable

#: zlib's level for the streams this module compresses: 6 is zlib's default (what qpdf used);
#: higher levels cost several times the CPU for well under 1 % smaller content streams.
LEVEL = 6

#: Objects per object stream: a reader inflates a whole stream to reach one of them.
OBJECTS_PER_STREAM = 100
#: Bytes that stand for themselves in a name (§7.3.5): regular characters, not `#`.
_NAME_PLAIN = frozenset(b"!\"$&'*+,-.0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^_`"
                        b"abcdefghijklmnopqrstuvwxyz|~")
#: Literal-string escapes (§7.3.4.2): delimiters and the backslash escaped, control characters
#: and bytes above 126 as three octal digits, so the file's strings are plain ASCII.
_LITERAL = {b: chr(b) for b in range(32, 127)}
_LITERAL.update({ord("("): "\\(", ord(")"): "\\)", ord("\\"): "\\\\"})
_LITERAL.update({b: f"\\{b:03o}" for b in (*range(32), *range(127, 256))})
_LITERAL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"})


_INF = float("inf")
#: Characters of a text string that PDFDocEncoding does not read as ASCII does (§D.2).
_NOT_PDFDOC_ASCII = re.compile("[^\t\n\r -~]")


class Name(str):
    """A PDF name, given without its slash: `Name("FontFile2")` is written `/FontFile2`."""

    __slots__ = ()


class Ref:
    """An indirect reference `n 0 R` to object `n` of a `PdfFile` (generation always 0)."""

    __slots__ = ("number",)

    def __init__(self, number: int) -> None:
        self.number = number

    def __repr__(self) -> str:
        return f"Ref({self.number})"


class Stream:
    """A stream object: its dictionary (without /Length, which is written from the data) and
    its data. `compress`: Flate-encode the data as it is written; data that is already encoded
    carries its own /Filter and is written as it is."""

    __slots__ = ("dictionary", "data", "compress")

    def __init__(self, dictionary: dict, data: bytes, compress: bool = True) -> None:
        self.dictionary = dictionary
        self.data = data
        self.compress = compress and "Filter" not in dictionary


def flate(data: bytes) -> bytes:
    """`data` Flate-encoded (zlib at `LEVEL`): the same data always gives the same bytes."""
    return zlib.compress(data, LEVEL)


def segment(data: bytes) -> bytes:
    """`data` as raw deflate blocks (no header, none final) ending byte-aligned on a full flush
    (zlib's Z_FULL_FLUSH): the encoding of the data alone, whatever comes before it, so that
    segments made apart join into one stream (`flate_parts`)."""
    encoder = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return encoder.compress(data) + encoder.flush(zlib.Z_FULL_FLUSH)


#: a zlib stream's header at `LEVEL` (RFC 1950 §2.2), and an empty final deflate block
_ZLIB_HEADER = zlib.compress(b"", LEVEL)[:2]
_FINAL_BLOCK = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush()


def flate_parts(parts: list[bytes], encode: Callable[[bytes], bytes] = segment) -> bytes:
    """The data `parts` make, Flate-encoded as one zlib stream of one `segment` a part (RFC
    1950/1951: a header, the parts' blocks, an empty final block, the Adler-32 of the whole):
    any reader inflates it to the same bytes as `flate` would. A part that did not change
    keeps its segment (`encode` may be a memo): a font program cut by glyph ranges is
    compressed again only where a glyph came or went (embed.py)."""
    check = 1
    for part in parts:
        check = zlib.adler32(part, check)
    return b"".join((_ZLIB_HEADER, *map(encode, parts), _FINAL_BLOCK, struct.pack(">I", check)))


def real(v: float) -> str:
    """A PDF real as the writer says it everywhere (content streams too): at most three
    decimals, no trailing zeros, no `-0`, no exponent (§7.3.3 has none)."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def name(value: str) -> str:
    """`/value`, its UTF-8 bytes outside the regular characters written `#xx` (§7.3.5; a name
    may not hold the null character, not even as `#00`)."""
    if value.isascii() and value.isalnum():
        return "/" + value
    if "\x00" in value:
        raise ValueError(f"a PDF name cannot hold the null character: {value!r}")
    return "/" + "".join(chr(b) if b in _NAME_PLAIN else f"#{b:02X}" for b in value.encode("utf-8"))


def literal(data: bytes) -> str:
    """A literal string `( … )` (§7.3.4.2), every byte that is not printable ASCII escaped."""
    return "(" + "".join(map(_LITERAL.__getitem__, data)) + ")"


def text_string(value: str) -> str:
    """A text string (§7.9.2.2): printable ASCII, tab and line ends as a literal string (where
    PDFDocEncoding agrees with ASCII: its 0x18–0x1F are accents, 0x7F is undefined, and above
    it is not Latin-1); anything else in UTF-16BE with its byte order mark, as a hexadecimal
    string."""
    if value.isascii() and (value.isprintable() or not _NOT_PDFDOC_ASCII.search(value)):
        return literal(value.encode("ascii"))
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def dumps(obj: object) -> str:
    """One direct object in PDF syntax (ASCII). Streams are indirect objects only."""
    out: list[str] = []
    _dump(obj, out)
    return " ".join(out)


def _dump(obj: object, out: list[str]) -> None:
    kind = type(obj)
    if kind is Name:
        out.append(name(obj))
    elif kind is int:
        out.append(str(obj))
    elif kind is float:
        if obj != obj or obj in (_INF, -_INF):
            raise ValueError(f"no PDF number for {obj}")
        out.append(real(obj))
    elif kind is Ref:
        out.append(f"{obj.number} 0 R")
    elif kind is dict:
        out.append("<<")
        for key, value in obj.items():
            out.append(name(key))
            _dump(value, out)
        out.append(">>")
    elif kind is list or kind is tuple:
        out.append("[")
        for value in obj:
            _dump(value, out)
        out.append("]")
    elif kind is str:
        out.append(text_string(obj))
    elif kind is bool:
        out.append("true" if obj else "false")
    elif obj is None:
        out.append("null")
    elif kind is bytes:
        out.append(literal(obj))
    else:
        raise TypeError(f"no PDF object for {kind.__name__}: {obj!r}")


class PdfFile:
    """The indirect objects of one PDF, numbered from 1 in the order they are made (or
    reserved, for an object that refers to ones made after it), written once by `write`.

    With `object_streams` (PDF 1.5, §7.5.7) the objects that are not streams — page, font
    and outline dictionaries, most of a long issue's objects — go compressed into object
    streams, `OBJECTS_PER_STREAM` each, and the cross-reference table is a compressed
    cross-reference stream (§7.5.8), as qpdf wrote them: a 200-page issue's file is about
    a tenth smaller. Without, a classic table (§7.5.4)."""

    def __init__(self, version: str = "1.6", object_streams: bool = True,
                 deflate: Callable[[bytes], bytes] | None = None,
                 segment_of: Callable[[bytes], bytes] | None = None) -> None:
        self.version = version
        self.object_streams = object_streams
        #: Flate-encode a stream's data (`flate`) and a part of one (`segment`); a warm process
        #: passes memos of the same functions (writers/pdf/reuse.py `Deflated`)
        self.deflate = deflate or flate
        self.segment = segment_of or segment
        self.bodies: list[bytes | None] = []
        self.streams: set[int] = set()          # the numbers of stream objects
        self.written = False

    def flate_parts(self, parts: list[bytes]) -> bytes:
        """`flate_parts` with this file's segment encoder."""
        return flate_parts(parts, self.segment)

    def reserve(self) -> Ref:
        """A number for an object given later with `put` (a page tree's parent, a bookmark's
        next sibling)."""
        self.bodies.append(None)
        return Ref(len(self.bodies))

    def add(self, obj: object) -> Ref:
        """`obj` (a `Stream` or any direct object) as a new indirect object."""
        ref = self.reserve()
        self.put(ref, obj)
        return ref

    def put(self, ref: Ref, obj: object) -> None:
        if isinstance(obj, Stream):
            data = self.deflate(obj.data) if obj.compress else obj.data
            dictionary = dict(obj.dictionary)
            if obj.compress:
                dictionary["Filter"] = Name("FlateDecode")
            dictionary["Length"] = len(data)
            body = b"".join((dumps(dictionary).encode("ascii"), b"\nstream\n", data, b"\nendstream"))
            self.streams.add(ref.number)
        else:
            body = dumps(obj).encode("ascii")
        self.bodies[ref.number - 1] = body

    def write(self, root: Ref, info: Ref | None = None) -> bytes:
        """The file: header, objects, cross-reference table or stream, trailer. The document
        ID (§14.4) is the MD5 of every object: the same objects give the same bytes."""
        missing = [k + 1 for k, body in enumerate(self.bodies) if body is None]
        if missing:
            raise ValueError(f"PDF objects reserved but never given: {missing[:5]}")
        if self.written:       # the object streams and the cross-reference stream are objects too
            raise RuntimeError("a PdfFile is written once")
        self.written = True
        packed = self._pack() if self.object_streams else {}
        # the second line's bytes above 127 tell a transfer program the file is binary (§7.5.2)
        parts = [f"%PDF-{self.version}\n%\xe2\xe3\xcf\xd3\n".encode("latin-1")]
        offset = len(parts[0])
        offsets: dict[int, int] = {}
        for number, body in enumerate(self.bodies, 1):
            if number in packed:
                continue
            head = f"{number} 0 obj\n".encode("ascii")
            offsets[number] = offset
            parts += (head, body, b"\nendobj\n")
            offset += len(head) + len(body) + 8
        digest = hashlib.md5(usedforsecurity=False)
        for part in parts:
            digest.update(part)
        trailer: dict = {"Size": len(self.bodies) + 1, "Root": root}
        if info is not None:
            trailer["Info"] = info
        trailer["ID"] = [digest.digest(), digest.digest()]
        if self.object_streams:
            parts.append(self._xref_stream(trailer, offsets, packed, offset))
        else:
            # each entry exactly 20 bytes, its end of line two (§7.5.4)
            xref = [f"xref\n0 {trailer['Size']}\n0000000000 65535 f\r\n"]
            xref += [f"{offsets[n]:010d} 00000 n\r\n" for n in range(1, len(self.bodies) + 1)]
            xref.append(f"trailer\n{dumps(trailer)}\nstartxref\n{offset}\n%%EOF\n")
            parts.append("".join(xref).encode("ascii"))
        return b"".join(parts)

    def _pack(self) -> dict[int, tuple[int, int]]:
        """Every object that is not a stream into object streams (§7.5.7: pairs of object
        number and offset, then the objects); returns number → (its object stream, index)."""
        plain = [n for n in range(1, len(self.bodies) + 1) if n not in self.streams]
        where: dict[int, tuple[int, int]] = {}
        for k in range(0, len(plain), OBJECTS_PER_STREAM):
            group = plain[k:k + OBJECTS_PER_STREAM]
            pairs, at = [], 0
            for n in group:
                pairs.append(f"{n} {at}")
                at += len(self.bodies[n - 1]) + 1
            head = (" ".join(pairs) + "\n").encode("ascii")
            data = head + b"\n".join(self.bodies[n - 1] for n in group)
            ref = self.add(Stream({"Type": Name("ObjStm"), "N": len(group), "First": len(head)}, data))
            where.update((n, (ref.number, index)) for index, n in enumerate(group))
        return where

    def _xref_stream(self, trailer: dict, offsets: dict[int, int], packed: dict, offset: int) -> bytes:
        """The cross-reference stream (§7.5.8), itself the last object, at `offset`: one row
        per object of type (0 free, 1 at an offset, 2 in an object stream), field widths 1, 4
        and 2 bytes."""
        ref = self.reserve()
        offsets[ref.number] = offset
        rows = [struct.pack(">BIH", 0, 0, 65535)]
        for n in range(1, ref.number + 1):
            rows.append(struct.pack(">BIH", 2, *packed[n]) if n in packed else struct.pack(">BIH", 1, offsets[n], 0))
        trailer = {"Type": Name("XRef"), **trailer, "Size": ref.number + 1, "W": [1, 4, 2]}
        self.put(ref, Stream(trailer, b"".join(rows)))
        return b"".join((f"{ref.number} 0 obj\n".encode("ascii"), self.bodies[-1],
                         f"\nendobj\nstartxref\n{offset}\n%%EOF\n".encode("ascii")))
