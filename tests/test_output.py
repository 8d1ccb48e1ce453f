"""Print-ready output (issue #6): PDF/X-4 keys, metadata, outline, overprint, spot colour,
byte-identical rebuilds — read back with pikepdf."""

from __future__ import annotations

import dataclasses
import decimal

import pikepdf
import pytest

from bulletin_pdf.compose import compose
from bulletin_pdf.images import OUTPUT_PROFILE
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.model import Colour
from bulletin_pdf.pipeline import build
from bulletin_pdf.writers.pdf.write import write_pdf

from .conftest import SAMPLE


def test_same_input_gives_identical_bytes(sample_build):
    again = build(SAMPLE, "jianbao")
    assert again.pdf == sample_build.pdf


def test_pdfx4_keys(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert pdf.docinfo.Trapped == pikepdf.Name("/False")
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFX
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4 and profile.read_bytes()[16:20] == b"CMYK"
        assert profile.read_bytes() == OUTPUT_PROFILE.read_bytes()     # the stored zlib copy is the profile
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
        assert pdf.pdf_version >= "1.6"
        assert "/ID" in pdf.trailer
        for page in pdf.pages:
            assert [float(v) for v in page.TrimBox] == [float(v) for v in page.MediaBox]


def test_metadata_from_the_issue(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        assert str(pdf.docinfo.Title) == "杭州人大信息2025年第9期"
        assert str(pdf.docinfo.Author) == "杭州市人大常委会研究室"
        assert str(pdf.docinfo.CreationDate).startswith("D:20250929")
        assert str(pdf.Root.Lang) == "zh-CN"


def test_one_bookmark_per_column_and_article(sample_pdf, sample_build):
    issue = sample_build.issue
    with pikepdf.open(sample_pdf) as pdf:
        with pdf.open_outline() as outline:
            top = list(outline.root)
            titles = [item.title for item in top]
            assert titles == [c.name for c in issue.columns]
            for col, item in zip(issue.columns, top):
                assert [c.title for c in item.children] == ["".join(a.title) for a in col.articles]


def test_black_text_overprints(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        states = [gs for page in pdf.pages for gs in (page.Resources.get("/ExtGState") or {}).values()]
        assert any(gs.get("/op") is True or gs.get("/OP") is True for gs in states)
        assert any(int(gs.get("/OPM", 0)) == 1 for gs in states)


def test_every_font_resource_shows_text(sample_pdf):
    """No font resource that is not used (issue #6): a page lists only the fonts its content
    selects, and every font of the document shows text somewhere."""
    shown_anywhere, listed_anywhere = set(), set()
    with pikepdf.open(sample_pdf) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            selected, current = set(), None
            for ops, op in pikepdf.parse_content_stream(page):
                if str(op) == "Tf":
                    current = str(ops[0])
                    selected.add(current)
                elif str(op) in ("Tj", "TJ") and current:
                    shown_anywhere.add(fonts[current].objgen)
            assert set(fonts.keys()) == selected
            listed_anywhere |= {f.objgen for f in fonts.values()}
    assert listed_anywhere == shown_anywhere


def test_spot_red_is_a_separation(layout, fonts):
    spot = dataclasses.replace(layout, colours={**layout.colours,
                                                "red": Colour((0, 100, 100, 0), "PANTONE 485 C")})
    issue = load_issue(SAMPLE)
    doc = compose(issue, spot, fonts)
    pdf_bytes = write_pdf(doc, fonts)
    import io
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        spaces = pdf.pages[0].Resources.ColorSpace
        seps = [cs for cs in spaces.values() if isinstance(cs, pikepdf.Array) and cs[0] == "/Separation"]
        assert seps
        assert str(seps[0][1]) in ("/PANTONE#20485#20C", "/PANTONE 485 C")
        assert seps[0][2] == pikepdf.Name.DeviceCMYK
        ops = [str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])]
        assert "cs" in ops or "CS" in ops
        assert "rg" not in ops and "RG" not in ops


def test_no_pdfx_when_switched_off():
    plain = build(SAMPLE, "jianbao", pdfx=False)
    import io
    with pikepdf.open(io.BytesIO(plain.pdf)) as pdf:
        assert "/GTS_PDFXVersion" not in pdf.docinfo
        assert "/OutputIntents" not in pdf.Root
        assert str(pdf.docinfo.Title) == "杭州人大信息2025年第9期"


def test_fake_bold_is_stroked_text_that_still_copies(layout, fonts):
    """Word-style fake bold for faces with no bold: text render mode 2 with a 0.4 pt stroke at
    16 pt; the text extracts as written (issue #4)."""
    import io

    import pdfplumber

    fake = dataclasses.replace(layout, body=dataclasses.replace(
        layout.body, emphasis=dataclasses.replace(layout.body.style, fake_bold=True)))
    issue = load_issue(SAMPLE)
    doc = compose(issue, fake, fonts)
    pdf_bytes = write_pdf(doc, fonts)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        ops = [(str(op), [float(x) for x in operands if isinstance(x, (int, float, decimal.Decimal))])
               for operands, op in pikepdf.parse_content_stream(pdf.pages[1])]
    assert ("Tr", [2.0]) in ops
    assert ("w", [pytest.approx(0.4)]) in ops
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = pdf.pages[1].extract_text().replace("\n", "")
    assert "一是找准服务发展新质生产力“主阵地”。" in text


def test_fake_bold_stroke_follows_each_runs_size(layout, fonts):
    """Title (22 pt) and emphasis (16 pt) both in fake bold: 0.55 pt and 0.4 pt strokes."""
    fake_title = dataclasses.replace(layout.title, style=dataclasses.replace(layout.title.style, fake_bold=True))
    fake_emph = dataclasses.replace(layout.body, emphasis=dataclasses.replace(layout.body.style, fake_bold=True))
    both = dataclasses.replace(layout, title=fake_title, body=fake_emph)
    pdf_bytes = write_pdf(compose(load_issue(SAMPLE), both, fonts), fonts)
    import io
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        widths = {round(float(ops[0]), 3) for ops, op in pikepdf.parse_content_stream(pdf.pages[1])
                  if str(op) == "w"}
    assert {0.4, 0.55} <= widths


def test_the_sample_file_is_sound(sample_pdf):
    """The writer's own serializer (writers/pdf/serialize.py) makes a file qpdf reads without a
    warning: cross-reference stream, object streams, every stream's length and filter
    (`qpdf --check` where qpdf is installed, pikepdf's check of the same library always)."""
    import shutil
    import subprocess

    with pikepdf.open(sample_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []
        assert len(pdf.pages) == 11 and pdf.pdf_version == "1.6"
    if shutil.which("qpdf"):
        proc = subprocess.run(["qpdf", "--check", str(sample_pdf)], capture_output=True, text=True)
        assert proc.returncode == 0 and "No syntax or stream encoding errors" in proc.stdout, proc.stdout
