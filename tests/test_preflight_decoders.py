"""The bounds `check` keeps before reading a PDF (preflight/bounds.py): its own stream decoders,
each held to the decoding rules of ISO 32000-1:2008 clause 7.4 written out here (and checked
against qpdf's decoders, which the readers use), chunk by chunk; and the limits, with the
words the editor sees in English and Chinese."""

from __future__ import annotations

import base64
import random

import pikepdf
import pytest

from bulletin_pdf.errors import InputError
from bulletin_pdf.preflight import bounds, preflight

Name = pikepdf.Name


def decoded(decoder, data: bytes, chunk: int | None = None, monkeypatch=None) -> bytes:
    if chunk:
        monkeypatch.setattr(bounds, "_CHUNK", chunk)
    return b"".join(decoder([data]))


def qpdf(data: bytes, *filters: str) -> bytes:
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, data)
        stream.Filter = pikepdf.Array([Name(f) for f in filters]) if len(filters) > 1 else Name(filters[0])
        return stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized)


# ---------------------------------------------------------------------------- RunLengthDecode

# 7.4.5: "The data shall be a sequence of runs, where each run shall consist of a length byte
# followed by 1 to 128 bytes of data. If the length byte is in the range 0 to 127, the following
# length + 1 (1 to 128) bytes shall be copied literally during decompression. If length is in
# the range 129 to 255, the following single byte shall be copied 257 - length (2 to 128)
# times during decompression. A length value of 128 shall denote EOD."
RUNS = (bytes([2]) + b"abc" + bytes([254]) + b"x" + bytes([0]) + b"y" + bytes([129]) + b"z"
        + bytes([127]) + bytes(range(128)) + bytes([255]) + b"-")
PLAIN = b"abc" + b"xxx" + b"y" + b"z" * 128 + bytes(range(128)) + b"--"


def test_run_length_as_the_standard_says(monkeypatch):
    assert decoded(bounds._run_length, RUNS) == PLAIN == qpdf(RUNS, "/RunLengthDecode")
    assert decoded(bounds._run_length, RUNS + bytes([128])) == PLAIN
    # decoded output handed on a chunk at a time (each piece once, none lost)
    pieces = list(_pieces(bounds._run_length, RUNS, 100, monkeypatch))
    assert b"".join(pieces) == PLAIN and len(pieces) > 2


def test_run_length_is_counted_past_its_end_of_data_as_qpdf_reads_it():
    """qpdf (which decodes content streams for the object scan) does not stop at the EOD byte
    128: the bound counts what it reads, never less (a bomb may hide behind a leading 128)."""
    hidden = bytes([128]) + bytes([2]) + b"not" + bytes([128])
    assert qpdf(RUNS + hidden, "/RunLengthDecode") == PLAIN + b"not"
    assert decoded(bounds._run_length, RUNS + hidden) == PLAIN + b"not"


def _pieces(decoder, data, chunk, monkeypatch):
    monkeypatch.setattr(bounds, "_CHUNK", chunk)
    return decoder(iter([data[:7], data[7:]]))


# ---------------------------------------------------------------------------- LZWDecode

def lzw_encode(data: bytes, eod: bool = True) -> bytes:
    """LZW as 7.4.4.2 describes it, EarlyChange 1 (Table 8): codes 0–255 are the bytes, 256
    clears the table, 257 is EOD, new entries from 258; codes start 9 bits wide and widen to
    10, 11, 12 bits one code early (after entry 510, 1022, 2046 is made); "codes shall never be
    longer than 12 bits" — entry 4095 is the last, then the encoder emits a clear-table code."""
    out, acc, nbits = bytearray(), 0, 0

    def emit(code, width):
        nonlocal acc, nbits
        acc, nbits = (acc << width) | code, nbits + width
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)

    def fresh():
        return {bytes([k]): k for k in range(256)}, 258, 9

    table, next_code, width = fresh()
    emit(256, width)
    word = b""
    for byte in data:
        grown = word + bytes([byte])
        if grown in table:
            word = grown
            continue
        emit(table[word], width)
        if next_code < 4096:
            table[grown] = next_code
            next_code += 1
            if next_code + 1 > (1 << width) and width < 12:
                width += 1
        if next_code == 4096:
            emit(256, width)
            table, next_code, width = fresh()
        word = bytes([byte])
    if word:
        emit(table[word], width)
    if eod:
        emit(257, width)
    if nbits:
        out.append((acc << (8 - nbits)) & 0xFF)
    return bytes(out)


def test_lzw_as_the_standard_says(monkeypatch):
    """Through every code width (9 to 12 bits), the clear-table code when the table is full,
    and a code for the entry being made (the K w K w K case: a run of one byte)."""
    rnd = random.Random(11)
    data = b"a" * 300 + bytes(rnd.choice(b"abcdefghijklmnop") for _ in range(40_000)) + bytes(range(256)) * 3
    code = lzw_encode(data)
    assert qpdf(code, "/LZWDecode") == data                     # the encoder above is right
    assert decoded(bounds._lzw, code) == data
    pieces = list(_pieces(bounds._lzw, code, 5000, monkeypatch))
    assert b"".join(pieces) == data and len(pieces) > 3


def test_lzw_stops_at_its_end_of_data_code():
    code = lzw_encode(b"TOBEORNOT")
    assert decoded(bounds._lzw, code + b"\xff\xff\xff") == b"TOBEORNOT"
    assert decoded(bounds._lzw, lzw_encode(b"TOBEORNOT", eod=False)) == b"TOBEORNOT"     # or at the data's end
    # the first code after a clear cannot refer to an entry not yet made: damaged data
    with pytest.raises(ValueError, match="damaged LZW data"):
        decoded(bounds._lzw, bytes([0b1000_0000, 0b0_1000_0000 >> 1]) + bytes([0x98, 0x00]))


# ---------------------------------------------------------------------------- ASCIIHex, ASCII85

def test_ascii_hex_as_the_standard_says(monkeypatch):
    """7.4.2: pairs of hexadecimal digits, either case; white space ignored; `>` is EOD; "if the
    filter encounters the EOD marker after reading an odd number of hexadecimal digits, it
    shall behave as if a 0 followed the last digit"."""
    text = b"48 65\n6c6C\t6f2\r0 57 6f 72 6c 64 2>41 42"
    assert decoded(bounds._hex, text) == b"Hello World " == qpdf(text, "/ASCIIHexDecode")
    assert decoded(bounds._hex, b"414") == b"A@"                   # no EOD: an odd digit all the same
    assert decoded(bounds._hex, text, 3, monkeypatch) == b"Hello World "     # groups split by chunks


def test_ascii85_as_the_standard_says(monkeypatch):
    """7.4.3: groups of five characters ! to u, each four bytes; `z` for four zero bytes; white
    space ignored; `~>` is EOD; a final partial group of n characters gives n − 1 bytes."""
    text = b"9jqo^ z\nBlbD-\t9jqo^Bl~>9jqo^"
    assert decoded(bounds._a85, text) == b"Man " + b"\0" * 4 + b"is d" + b"Man " + b"i" == qpdf(text, "/ASCII85Decode")
    assert decoded(bounds._a85, text, 3, monkeypatch) == b"Man \0\0\0\0is dMan i"    # groups split by chunks
    assert decoded(bounds._a85, b"9jqo^BlbD") == b"Man is "                 # no EOD: the partial group all the same


# ---------------------------------------------------------------------------- the filter chain

def run_length(data: bytes) -> bytes:
    """Literal runs of at most 128 bytes (7.4.5: a length byte n, then n + 1 bytes)."""
    return b"".join(bytes([len(data[k:k + 128]) - 1]) + data[k:k + 128] for k in range(0, len(data), 128))


@pytest.mark.parametrize("filters, encode", [
    (["/AHx"], lambda d: d.hex().encode() + b">"),
    (["/A85"], lambda d: base64.a85encode(d) + b"~>"),
    (["/RL"], lambda d: run_length(d) + b"\x80"),
    (["/LZW"], lzw_encode),
    (["/Fl"], lambda d: __import__("zlib").compress(d)),
    (["/ASCIIHexDecode", "/RunLengthDecode"],
     lambda d: run_length(d).hex().encode()),
])
def test_every_filter_name_and_its_abbreviation(filters, encode):
    """The decoded size through the chain, for the full names and the abbreviations of 8.9.7
    (Table 94: AHx A85 LZW Fl RL)."""
    data = bytes(random.Random(5).choice(b"0123456789 m l") for _ in range(5000))
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, encode(data))
        stream.Filter = pikepdf.Array([Name(f) for f in filters])
        assert bounds.inflated_size(stream, "x.pdf", 2**30) == len(data)


def test_an_image_codec_ends_the_chain_counted_by_its_input():
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, b"\xff\xd8 a JPEG " * 10)
        stream.Filter = pikepdf.Array([Name.DCTDecode])
        assert bounds.inflated_size(stream, "x.pdf", 2**30) == 100
        hex_then_jpeg = pikepdf.Stream(pdf, (b"\xff\xd8" * 40).hex().encode())
        hex_then_jpeg.Filter = pikepdf.Array([Name.ASCIIHexDecode, Name.DCTDecode])
        assert bounds.inflated_size(hex_then_jpeg, "x.pdf", 2**30) == 80


def test_a_damaged_stream_counts_what_decodes(monkeypatch):
    monkeypatch.setattr(bounds, "_CHUNK", 100)
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, __import__("zlib").compress(b"q " * 1000)[:-8] + b"garbage!")
        stream.Filter = Name.FlateDecode
        assert 100 <= bounds.inflated_size(stream, "x.pdf", 2**30) < 2000
        lzw = pikepdf.Stream(pdf, bytes([0x80, 0x40, 0x98, 0x00]))
        lzw.Filter = Name.LZWDecode
        assert bounds.inflated_size(lzw, "x.pdf", 2**30) == 0


# ---------------------------------------------------------------------------- the limits

def test_a_stream_is_refused_just_past_its_limit():
    data = b"0 0 m " * (2**20 // 6) + b"0" * (2**20 % 6)
    assert len(data) == 2**20
    with pikepdf.new() as pdf:
        stream = pdf.make_stream(data)
        stream.Filter = Name.ASCIIHexDecode
        stream.write(data.hex().encode(), filter=Name.ASCIIHexDecode)
        assert bounds.inflated_size(stream, "x.pdf", 2**20) == 2**20
        with pytest.raises(InputError) as caught:
            bounds.inflated_size(stream, "x.pdf", 2**20 - 1)
    number = stream.objgen[0]
    assert caught.value.headline("en") == \
        f"x.pdf: the PDF is too large to check: a stream (object {number}) inflates to more than 0 MB"
    assert caught.value.headline("zh") == \
        f"x.pdf: PDF 太大，无法检查：a stream (object {number}) inflates to more than 0 MB"
    assert caught.value.details("zh")[-1].endswith("请确认是不是这个文件；付印的简报一般只有几 MB")


def small_pdf(path, pages=2, streams=3):
    """Pages of 1000 bytes of content each, and streams of 1 MiB besides (no page draws them)."""
    with pikepdf.new() as pdf:
        for _ in range(pages):
            page = pdf.add_blank_page()
            page.obj.Contents = pdf.make_stream(b"0 0 0 1 k " * 100)     # 1000 bytes each
        for _ in range(streams - pages):
            pdf.Root[f"/Extra{_}"] = pdf.make_indirect(pdf.make_stream(b"x" * 2**20))
        pdf.save(path)
    with pikepdf.open(path) as pdf:
        return len(pdf.objects)


@pytest.mark.parametrize("limit, value, said", [
    ("MAX_OBJECTS", lambda n: n - 1, lambda n: f"it has {n:,} objects (the limit is {n - 1:,})"),
    ("MAX_PAGES", lambda n: 1, lambda n: "it has 2 pages (the limit is 1)"),
    ("MAX_TOTAL_BYTES", lambda n: 2 * 2**20 + 1999, lambda n: "its streams inflate to more than 2 MB"),
])
def test_the_file_limits(tmp_path, monkeypatch, limit, value, said):
    """Objects, pages and all streams together each have a limit; at the limit the file is read."""
    path = tmp_path / "x.pdf"
    n = small_pdf(path, streams=4)
    at = {"MAX_OBJECTS": n, "MAX_PAGES": 2, "MAX_TOTAL_BYTES": 2 * 2**20 + 2000}[limit]
    monkeypatch.setattr(bounds, limit, at)
    assert preflight(path).pages == 2
    monkeypatch.setattr(bounds, limit, value(n))
    with pytest.raises(InputError) as caught:
        preflight(path)
    assert caught.value.headline("en") == f"{path}: the PDF is too large to check: {said(n)}"
    assert caught.value.headline("zh") == f"{path}: PDF 太大，无法检查：{said(n)}"
