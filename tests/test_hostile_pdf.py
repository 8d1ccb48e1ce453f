"""Hostile input, second round (issue 21): `check FILE.pdf`. The decoded size of every stream is
counted through its whole filter chain, images included, so no filter order or /Subtype lets a
stream past the bound; a number that is not a number in a valid file is reported as what it is."""

from __future__ import annotations

import base64
import binascii
import io
import random
import zlib

import pikepdf
import pytest
from PIL import Image

from bulletin_pdf.preflight import bounds

from .fuzzing import BASE_ISSUE, run_cli
from .test_hostile import LIMIT_MIB, refused, work  # noqa: F401  (work is a fixture)
from .test_hostile_blocks import BODY_LINE


def one_page(content: bytes, dictionary: bytes = b"") -> bytes:
    """A minimal PDF whose page's content stream is `content` (already encoded), its dictionary
    extended by `dictionary` (filters, a subtype)."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
            b"4 0 obj<</Length " + str(len(content)).encode() + dictionary + b">>stream\n" + content +
            b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


BOMB = zlib.compress(b"0 0 m " * (60 * 2**20), 9)      # 360 MB of content in ~350 KB


def test_a_content_stream_behind_ascii_hex_then_flate(work):
    (work / "hex.pdf").write_bytes(one_page(binascii.hexlify(BOMB) + b">", b"/Filter[/ASCIIHexDecode/FlateDecode]"))
    refused(work, ["check", "hex.pdf"], "hex.pdf", None, message="inflates to more than 64 MB")


def test_a_content_stream_marked_as_an_image(work):
    (work / "image.pdf").write_bytes(one_page(BOMB, b"/Subtype/Image/Filter/FlateDecode"))
    refused(work, ["check", "image.pdf"], "image.pdf", None, message="inflates to more than 64 MB")


def test_a_content_stream_behind_ascii85_then_flate(work):
    (work / "a85.pdf").write_bytes(one_page(base64.a85encode(BOMB) + b"~>", b"/Filter[/A85/Fl]"))
    refused(work, ["check", "a85.pdf"], "a85.pdf", None, message="inflates to more than 64 MB")


def test_run_length_bomb(work):
    run = b"\x81 " * (3 * 2**20)           # each pair: 128 spaces, 3 M pairs: 384 MB
    (work / "rl.pdf").write_bytes(one_page(zlib.compress(run, 9), b"/Filter[/FlateDecode/RunLengthDecode]"))
    refused(work, ["check", "rl.pdf"], "rl.pdf", None, message="inflates to more than 64 MB")


@pytest.mark.parametrize("encode, name", [
    (lambda d: zlib.compress(d), "/FlateDecode"),
    (lambda d: binascii.hexlify(d) + b">", "/ASCIIHexDecode"),
    (lambda d: base64.a85encode(d, wrapcol=64) + b"~>", "/ASCII85Decode"),
])
def test_each_decoder_counts_what_qpdf_decodes(encode, name):
    """The bound counts exactly the bytes the readers get: each decoder here against qpdf's."""
    rnd = random.Random(7)
    data = bytes(rnd.choice(b"0123 mlBTET\n\0zz") for _ in range(3 * 2**20 + 17))
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, encode(data))
        stream.Filter = pikepdf.Name(name)
        assert stream.read_bytes() == data
        assert bounds.inflated_size(stream, "x.pdf", 2**30) == len(data)


def test_lzw_as_libtiff_writes_it_is_counted_as_qpdf_decodes_it():
    rnd = random.Random(3)
    raw = bytes(rnd.choice(b"abcdefgh") for _ in range(300 * 200))
    buf = io.BytesIO()
    Image.frombytes("L", (300, 200), raw).save(buf, "TIFF", compression="tiff_lzw", rowsperstrip=200)
    tiff = Image.open(io.BytesIO(buf.getvalue()))
    offset, length = tiff.tag_v2[273][0], tiff.tag_v2[279][0]
    with pikepdf.new() as pdf:
        stream = pikepdf.Stream(pdf, buf.getvalue()[offset:offset + length])
        stream.Filter = pikepdf.Name.LZWDecode
        assert stream.read_bytes() == raw
        assert b"".join(bounds._lzw([stream.read_raw_bytes()])) == raw


def test_a_placed_image_whose_matrix_becomes_nan(work):
    Image.new("RGB", (1400, 1000), (20, 120, 200)).save(work / "fig.png")
    (work / "issue.yaml").write_text(BASE_ISSUE.replace(
        BODY_LINE, BODY_LINE + "          - figure:\n              image: fig.png\n"), encoding="utf-8")
    code, _out, err, _rss = run_cli(["build", "issue.yaml", "-o", "good.pdf"], work)
    assert code == 0, err
    huge = b"1" + b"0" * 400 + b".5"          # a valid PDF real that no float holds: infinity
    with pikepdf.open(work / "good.pdf") as pdf:
        for page in pdf.pages:
            page.contents_coalesce()
            page.Contents.write(huge + b" 0 0 " + huge + b" 0 0 cm 0 0 0 0 0 0 cm " + page.Contents.read_bytes())
        pdf.save(work / "nan.pdf")
    code, out, err, rss = run_cli(["check", "nan.pdf"], work)
    assert "Traceback" not in err and rss <= LIMIT_MIB, err
    assert "cannot convert float NaN" not in out + err
    assert code in (1, 2), out + err
    assert "not a number" in out + err, out + err


def test_run_length_bomb_behind_its_end_of_data(tmp_path):
    """RunLengthDecode's 128 is end of data (ISO 32000-1 7.4.5), but qpdf — which decodes the
    content streams `check` scans — reads on past it: 384 MB after a leading 128 must be
    refused like any other bomb, not counted as nothing. (In process, so that `make mutation`
    tests the mutated copy: a `bulletin-pdf` subprocess imports the installed package.)"""
    from bulletin_pdf.errors import InputError
    from bulletin_pdf.preflight import preflight

    run = b"\x80" + b"\x81 " * (3 * 2**20)
    (tmp_path / "rl-eod.pdf").write_bytes(one_page(zlib.compress(run, 9), b"/Filter[/FlateDecode/RunLengthDecode]"))
    with pytest.raises(InputError, match="inflates to more than 64 MB"):
        preflight(tmp_path / "rl-eod.pdf")
