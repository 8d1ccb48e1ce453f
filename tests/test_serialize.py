"""The PDF object serializer (writers/pdf/serialize.py): what it writes is read back by
pikepdf (qpdf) as the value it was given, and the file's structure is what ISO 32000-1 §7
asks for. The syntax rules are stated here from the standard, not imported from the writer:

* §7.3.4.2 literal strings: `(`, `)` and `\\` are escaped with a backslash; any byte may be
  written as `\\ddd` (three octal digits).
* §7.3.5 names: a regular character stands for itself, any other byte (and `#`) is `#` and two
  hexadecimal digits; the null character is not allowed at all.
* §7.3.3 numbers: a real is digits with an optional sign and point, never an exponent.
* §7.5.4 cross-reference table: after `xref`, the subsection `0 N`, then one 20-byte entry per
  object (`nnnnnnnnnn ggggg n` and a two-byte end of line), each offset that of `N 0 obj`;
  §7.5.5 trailer: `/Size`, `/Root`, then `startxref` and the table's own offset.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib

import pikepdf
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bulletin_pdf.writers.pdf.serialize import Name, PdfFile, Stream, dumps, real


def one_page(pdf: PdfFile, **extra) -> bytes:
    """A minimal document around the objects under test: a catalog, a page tree, one page;
    `extra` goes into the Info dictionary."""
    catalog, pages = pdf.reserve(), pdf.reserve()
    page = pdf.add({"Type": Name("Page"), "Parent": pages, "MediaBox": [0, 0, 100.5, 200.25], "Resources": {},
                    "Contents": pdf.add(Stream({}, b"0 0 m 10 10 l S"))})
    pdf.put(pages, {"Type": Name("Pages"), "Kids": [page], "Count": 1})
    pdf.put(catalog, {"Type": Name("Catalog"), "Pages": pages})
    return pdf.write(catalog, pdf.add(dict(extra)))


def read_info(data: bytes) -> pikepdf.Dictionary:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.check_pdf_syntax() == []
        return pikepdf.Dictionary(pdf.trailer.Info)


# ----------------------------------------------------------------------------- strings

def test_literal_strings_escape_parentheses_and_backslashes():
    assert dumps(b"a(b)c\\d") == "(a\\(b\\)c\\\\d)"
    assert dumps(b"(") == "(\\()"
    assert dumps(b"\x00\x7f\xff") == "(\\000\\177\\377)"         # three octal digits each
    assert dumps("plain ASCII") == "(plain ASCII)"
    assert dumps("tab\tline\n") == "(tab\\tline\\n)"


def test_non_ascii_text_is_utf16_with_its_byte_order_mark():
    # §7.9.2.2: a text string that is not PDFDocEncoding starts with FE FF and is UTF-16BE
    assert dumps("简报") == "<FEFF7B8062A5>"
    assert dumps("é") == "<FEFF00E9>"                              # not Latin-1: PDFDocEncoding differs
    assert dumps("𠀀") == "<FEFFD840DC00>"                          # outside the BMP: a surrogate pair
    assert dumps("\x18") == "<FEFF0018>"                           # PDFDocEncoding's 0x18 is ˘


@given(st.text(max_size=40))
@example("(unbalanced")
@example("back\\slash)")
@example("\r\n\t\x00end")
@example("\x1f")                                  # PDFDocEncoding's 0x1F is ˜, not U+001F
@example("\x7f")                                  # undefined in PDFDocEncoding
@example("混合 ASCII 和（括号）\\")
def test_any_text_string_reads_back(text):
    info = read_info(one_page(PdfFile(), Title=text))
    assert str(info.Title) == text


@given(st.binary(max_size=40))
@example(b"\\(\\)")
@example(b"\r\r\n\n")
def test_any_byte_string_reads_back(data):
    info = read_info(one_page(PdfFile(), Data=data))
    assert bytes(info.Data) == data


# ----------------------------------------------------------------------------- names

def test_names_escape_what_is_not_regular():
    assert dumps(Name("FontFile2")) == "/FontFile2"
    assert dumps(Name("Identity-H")) == "/Identity-H"
    assert dumps(Name("A B")) == "/A#20B"
    assert dumps(Name("a#b")) == "/a#23b"
    assert dumps(Name("x/y(z)")) == "/x#2Fy#28z#29"
    assert dumps(Name("专色")) == "/#E4#B8#93#E8#89#B2"             # UTF-8 bytes, §7.3.5
    with pytest.raises(ValueError):
        dumps(Name("nul\x00"))
    with pytest.raises(ValueError):             # a lone surrogate has no UTF-8 (nor UTF-16)
        dumps(Name("\ud800"))
    with pytest.raises(ValueError):
        dumps("\ud800")


@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20))
@example("Pantone 186 C")
@example("#%()<>[]{}/")
def test_any_name_reads_back(value):
    info = read_info(one_page(PdfFile(), Spot=Name(value)))
    got = info.Spot
    assert isinstance(got, pikepdf.Name)
    assert bytes(str(got)[1:], "utf-8", "surrogateescape") == value.encode("utf-8")


# ----------------------------------------------------------------------------- numbers

def test_reals_are_fixed_point_three_decimals():
    assert real(0.1 + 0.2) == "0.3"
    assert real(2.5) == "2.5"
    assert real(595.2755905511812) == "595.276"
    assert real(-0.0001) == "0"                      # never "-0"
    assert real(-0.0) == "0"
    assert real(1e-9) == "0"
    assert real(1e20) == "100000000000000000000"     # no exponent
    assert real(-12.0) == "-12"
    assert dumps([1, 2.0, -3.25, True, False, None]) == "[ 1 2 -3.25 true false null ]"
    for bad in (float("nan"), float("inf"), -float("inf")):
        with pytest.raises(ValueError):
            dumps(bad)


@given(st.floats(min_value=-1e9, max_value=1e9))
@example(0.0005)
@example(-0.0005)
@example(1 / 3)
def test_any_real_is_written_one_way_and_reads_back_within_half_a_thousandth(v):
    text = real(v)
    assert re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]{0,2}[1-9])?", text), text
    assert text != "-0"
    assert abs(float(text) - v) <= 0.0005 + abs(v) * 1e-15
    assert real(float(repr(v))) == text                 # the same value, the same bytes


# ----------------------------------------------------------------------------- the file

def test_the_xref_table_gives_every_objects_offset():
    pdf = PdfFile(object_streams=False)
    data = one_page(pdf, Title="x", Note=b"(y)")
    head = data.split(b"\n", 2)
    assert head[0] == b"%PDF-1.6" and all(b > 127 for b in head[1][1:5])    # binary comment, §7.5.2
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[start:].startswith(b"xref\n")
    lines = data[start:].split(b"\n")
    first, count = map(int, lines[1].split())
    assert first == 0 and count == len(pdf.bodies) + 1
    table = data[start + len(lines[0]) + len(lines[1]) + 2:][:20 * count]
    entries = [table[k:k + 20] for k in range(0, len(table), 20)]
    assert entries[0] == b"0000000000 65535 f\r\n"
    for number, entry in enumerate(entries[1:], 1):
        assert re.fullmatch(rb"\d{10} 00000 n\r\n", entry), entry
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj\n".encode())
    trailer = data[start + len(lines[0]) + len(lines[1]) + 2 + 20 * count:]
    assert trailer.startswith(b"trailer\n<< /Size %d /Root 1 0 R" % count)
    assert trailer.endswith(b"%%EOF\n")


def test_the_xref_stream_gives_every_objects_place():
    """§7.5.8: rows of (type, field 2, field 3), widths /W; type 1 an object's offset, type 2
    its object stream and index there (§7.5.7: the stream begins with number–offset pairs)."""
    pdf = PdfFile()
    data = one_page(pdf, Title="x", Note=b"(y)")
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    with pikepdf.open(io.BytesIO(data)) as doc:
        xref = doc.get_object(int(data[start:].split(b" ", 1)[0]), 0)
        assert xref.Type == pikepdf.Name.XRef and list(xref.W) == [1, 4, 2]
        size = int(xref.Size)
        rows = xref.read_bytes()
        assert len(rows) == 7 * size and size == len(pdf.bodies) + 1
        packed = 0
        for number in range(1, size):
            kind, field2, field3 = struct.unpack(">BIH", rows[7 * number:7 * number + 7])
            if kind == 1:
                assert data[field2:].startswith(f"{number} 0 obj\n".encode())
            else:
                assert kind == 2
                stream = doc.get_object(field2, 0)
                assert stream.Type == pikepdf.Name.ObjStm
                pairs = stream.read_bytes()[:int(stream.First)].split()
                assert int(pairs[2 * field3]) == number
                packed += 1
        assert struct.unpack(">BIH", rows[:7]) == (0, 0, 65535)
        assert packed >= 4          # catalog, page tree, page, Info: no stream among them
        assert "/Title" in doc.trailer.Info and len(doc.pages) == 1


@pytest.mark.parametrize("object_streams", [True, False])
def test_qpdf_finds_nothing_wrong(tmp_path, object_streams):
    path = tmp_path / "t.pdf"
    path.write_bytes(one_page(PdfFile(object_streams=object_streams), Title="题名 (1)", Trapped=Name("False")))
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 1 and [float(v) for v in pdf.pages[0].MediaBox] == [0, 0, 100.5, 200.25]
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed: pikepdf's check only")
    proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr       # 3 would be warnings (a rebuilt xref)
    assert "No syntax or stream encoding errors" in proc.stdout


def test_streams_are_flate_compressed_unless_already_encoded():
    pdf = PdfFile()
    text = b"BT /F1 12 Tf (hello) Tj ET\n" * 50
    plain = pdf.add(Stream({"Type": Name("Test")}, text))
    encoded = zlib.compress(b"\x00" * 300)
    kept = pdf.add(Stream({"Filter": Name("FlateDecode")}, encoded))
    raw = pdf.add(Stream({}, b"<x:xmpmeta/>", compress=False))
    data = one_page(pdf, A=plain, B=kept, C=raw)
    assert encoded in data and b"<x:xmpmeta/>" in data
    with pikepdf.open(io.BytesIO(data)) as doc:
        info = doc.trailer.Info
        assert info.A.Filter == pikepdf.Name.FlateDecode and info.A.read_bytes() == text
        assert int(info.A.Length) == len(info.A.read_raw_bytes()) < len(text)
        assert info.B.read_bytes() == b"\x00" * 300 and info.B.read_raw_bytes() == encoded
        assert "/Filter" not in info.C and info.C.read_bytes() == b"<x:xmpmeta/>"


def test_same_objects_same_bytes_and_the_id_follows_them():
    a, b = one_page(PdfFile(), Title="一"), one_page(PdfFile(), Title="一")
    c = one_page(PdfFile(), Title="二")
    assert a == b
    ids = []
    for data in (a, c):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            ids.append(bytes(pdf.trailer.ID[0]))
            assert len(ids[-1]) == 16 and pdf.trailer.ID[0] == pdf.trailer.ID[1]
    assert ids[0] != ids[1]


def test_a_file_is_written_once():
    pdf = PdfFile()
    one_page(pdf)
    with pytest.raises(RuntimeError):
        pdf.write(pdf.add({"Type": Name("Catalog")}))


def test_an_object_reserved_and_never_given_is_an_error():
    pdf = PdfFile()
    root = pdf.add({"Type": Name("Catalog")})
    pdf.reserve()
    with pytest.raises(ValueError, match="never given"):
        pdf.write(root)


def test_nested_values_read_back():
    pdf = PdfFile()
    target = pdf.add([1, 2])
    data = one_page(pdf, Deep={"A": [[], {}, [Name("x"), 0.125, -7]], "B": {"C": target}, "D": True, "E": None})
    with pikepdf.open(io.BytesIO(data)) as doc:
        deep = doc.trailer.Info.Deep
        assert list(deep.A[2]) == [pikepdf.Name("/x"), 0.125, -7]
        assert len(deep.A[0]) == 0 and len(deep.A[1].keys()) == 0
        assert deep.B.C.is_indirect and list(deep.B.C) == [1, 2]
        assert bool(deep.D) is True and "/E" not in deep        # null: as if absent (§7.3.9)
