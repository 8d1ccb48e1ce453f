"""OFD output (GB/T 33190-2016), read back by this file's own small reader, by `ofdkit` and by
`easyofd` (two readers from PyPI), and compared with the PDF of the same build.

The rules asserted are the standard's, written out here: the package's parts and their
names (§7), coordinates in millimetres from the top-left corner (§8.1), `DeltaX` with its
`g COUNT VALUE` shorthand (§11.3), a colour as component values 0–255 of its colour space
(§8.3.2). The folio pattern left out of the text comparison is GB/T 9704-2012 §7.5's (a
one-em dash, the number, a one-em dash), as `bulletin-pdf text` leaves folios out.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pdfplumber
from hypothesis import example, given
from hypothesis import strategies as st
import pytest
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.pipeline import build, text_of
from bulletin_pdf.preflight import preflight
from bulletin_pdf.writers import Format

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "2025-09.yaml"
REPORT = ROOT / "content" / "examples" / "report.yaml"
NS = "{http://www.ofdspec.org/2016}"
MM = 25.4 / 72
FOLIO = re.compile(r"^\s*—\s*\d+\s*—\s*$")
BOTH = (Format.PDF, Format.OFD)


@pytest.fixture(scope="module")
def sample():
    return build(SAMPLE, "jianbao", formats=BOTH)


@pytest.fixture(scope="module")
def report():
    return build(REPORT, "jianbao", formats=BOTH)


def _xml(z: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(z.read(name))


def _deltas(text: str | None, count: int) -> list[float]:
    parts = (text or "").split()
    out: list[float] = []
    k = 0
    while k < len(parts):
        if parts[k] == "g":
            out += [float(parts[k + 2])] * int(parts[k + 1])
            k += 3
        else:
            out.append(float(parts[k]))
            k += 1
    assert len(out) == count, "DeltaX gives one value between each two characters"
    return out


def ofd_chars(data: bytes) -> list[list[tuple[str, float, float]]]:
    """Every character of every page: (char, x, baseline) in mm from the page's top-left."""
    z = zipfile.ZipFile(io.BytesIO(data))
    doc = _xml(z, "Doc_0/Document.xml")
    pages = []
    for page in doc.iter(f"{NS}Page"):
        content = _xml(z, "Doc_0/" + page.get("BaseLoc"))
        chars = []
        for obj in content.iter(f"{NS}TextObject"):
            bx, by, _w, _h = (float(v) for v in obj.get("Boundary").split())
            for code in obj.iter(f"{NS}TextCode"):
                text = code.text or ""
                x, y = float(code.get("X")), float(code.get("Y"))
                deltas = _deltas(code.get("DeltaX"), len(text) - 1)
                for k, ch in enumerate(text):
                    chars.append((ch, bx + x + sum(deltas[:k]), by + y))
        pages.append(chars)
    return pages


def pdf_chars(data: bytes) -> list[list[tuple[str, float, float]]]:
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = []
            for c in page.chars:
                baseline = float(page.height) - c["matrix"][5]
                chars += [(ch, c["x0"] * MM, baseline * MM) for ch in c["text"]]
            pages.append(chars)
    return pages


def _in_order(chars):
    return sorted((c for c in chars if c[0].strip()), key=lambda c: (round(c[2], 1), c[1], c[0]))


@pytest.mark.parametrize("which", ["sample", "report"])
def test_every_glyph_is_where_the_pdf_has_it(which, request):
    """Justification, compressed punctuation and CJK–Latin gaps come through DeltaX: every
    character of the OFD within 0.1 mm of the same character in the PDF."""
    result = request.getfixturevalue(which)
    ofd, pdf = ofd_chars(result.ofd), pdf_chars(result.pdf)
    assert len(ofd) == len(pdf) == len(result.document.pages)
    worst = 0.0
    for number, (a, b) in enumerate(zip(ofd, pdf), 1):
        a, b = _in_order(a), _in_order(b)
        assert [c[0] for c in a] == [c[0] for c in b], f"page {number}: other characters"
        for (ch, x, y), (_ch, px, py) in zip(a, b):
            worst = max(worst, abs(x - px), abs(y - py))
            assert abs(x - px) <= 0.1 and abs(y - py) <= 0.1, f"page {number}: {ch} at {x:.3f},{y:.3f} mm, PDF {px:.3f},{py:.3f}"
    assert sum(len(p) for p in ofd) > 1000
    assert worst < 0.01      # in fact to the micrometre


def test_two_builds_are_byte_identical(sample):
    again = build(SAMPLE, "jianbao", formats=(Format.OFD,))
    assert again.ofd == sample.ofd
    assert again.pdf is None       # only what was asked for is written
    z = zipfile.ZipFile(io.BytesIO(sample.ofd))
    assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert z.namelist()[0] == "OFD.xml"


def test_package_parts_and_metadata(sample):
    z = zipfile.ZipFile(io.BytesIO(sample.ofd))
    names = set(z.namelist())
    assert {"OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml"} <= names
    info = _xml(z, "OFD.xml").find(f"{NS}DocBody/{NS}DocInfo")
    assert info.findtext(f"{NS}Title") == "杭州人大信息2025年第9期"
    assert info.findtext(f"{NS}Author") == "杭州市人大常委会研究室"      # compiled_by, without 编
    assert info.findtext(f"{NS}CreationDate") == sample.issue.date.isoformat()
    assert re.fullmatch(r"[0-9a-f]{32}", info.findtext(f"{NS}DocID"))
    doc = _xml(z, "Doc_0/Document.xml")
    assert doc.findtext(f"{NS}CommonData/{NS}PageArea/{NS}PhysicalBox") == "0 0 210 297"   # A4 in mm
    pages = doc.findall(f"{NS}Pages/{NS}Page")
    assert len(pages) == len(sample.document.pages)
    ids = [int(e.get("ID")) for part in names if part.endswith(".xml") for e in _xml(z, part).iter() if e.get("ID")]
    assert len(ids) == len(set(ids)) and max(ids) == int(doc.findtext(f"{NS}CommonData/{NS}MaxUnitID"))
    # bookmarks: the PDF's outline, columns with their articles
    marks = [(m.level, m.title) for p in sample.document.pages for m in p.bookmarks]
    outline = doc.find(f"{NS}Outlines")
    found = [(0, e.get("Title")) for e in outline.findall(f"{NS}OutlineElem")]
    found += [(1, e.get("Title")) for e in outline.findall(f"{NS}OutlineElem/{NS}OutlineElem")]
    assert sorted(found) == sorted(marks) and len(marks) > 3


def test_fonts_are_the_pdf_subsets_and_colour_is_cmyk(sample):
    from fontTools.ttLib import TTFont

    z = zipfile.ZipFile(io.BytesIO(sample.ofd))
    res = _xml(z, "Doc_0/PublicRes.xml")
    spaces = {cs.get("ID"): cs.get("Type") for cs in res.iter(f"{NS}ColorSpace")}
    assert set(spaces.values()) == {"CMYK"}
    assert spaces[_xml(z, "Doc_0/Document.xml").findtext(f"{NS}CommonData/{NS}DefaultCS")] == "CMYK"
    fonts = list(res.iter(f"{NS}Font"))
    assert len(fonts) == 5
    pdf_font_bytes = {}
    import pikepdf
    with pikepdf.open(io.BytesIO(sample.pdf)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                fd = font.DescendantFonts[0].FontDescriptor
                pdf_font_bytes[str(font.BaseFont).split("+")[1]] = fd.FontFile2.read_bytes()
    for font in fonts:
        data = z.read("Doc_0/Res/" + font.findtext(f"{NS}FontFile"))
        assert data == pdf_font_bytes[font.get("FontName")]      # the same HarfBuzz subset
        assert len(TTFont(io.BytesIO(data)).getGlyphOrder()) < 3000
    values = {c.get("Value") for part in z.namelist() if "/Pages/" in part
              for c in _xml(z, part).iter() if c.tag in (f"{NS}FillColor", f"{NS}StrokeColor")}
    assert values == {"0 0 0 255", "0 255 255 0"}       # black K only, the red 0/100/100/0


def test_ofdkit_reads_the_same_text(sample, report, tmp_path):
    """ofdkit (PyPI), an independent OFD reader: its text equals `bulletin-pdf text`."""
    ofdkit = pytest.importorskip("ofdkit")
    for path, result in ((SAMPLE, sample), (REPORT, report)):
        with ofdkit.open(result.ofd) as doc:
            assert len(doc.pages) == len(result.document.pages)
            text = "\n".join(line for page in doc.pages for line in page.text().splitlines() if not FOLIO.match(line))
        expected = "".join(text_of(path, "jianbao"))
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", expected)


EASYOFD = """
import io, sys, zipfile
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
z = zipfile.ZipFile(sys.argv[1])
body = max((n for n in z.namelist() if n.endswith(".ttf")), key=lambda n: z.getinfo(n).file_size)
pdfmetrics.registerFont(TTFont("宋体", io.BytesIO(z.read(body))))
from easyofd import OFD
reader = OFD()
reader.read(sys.argv[1], fmt="path")
open(sys.argv[2], "wb").write(reader.to_pdf())
"""


def test_easyofd_converts_it(sample, tmp_path):
    """easyofd (PyPI) turns the OFD into a PDF page by page, drawing every character at its
    DeltaX position. It draws all text in a font registered as 宋体 and ignores the embedded
    ones, so the body font of the OFD is registered under that name first. It runs in its own
    process: importing it registers fonts with ReportLab for the whole process."""
    pytest.importorskip("easyofd")
    import subprocess
    import sys

    import pymupdf

    path, out = tmp_path / "sample.ofd", tmp_path / "easyofd.pdf"
    path.write_bytes(sample.ofd)
    subprocess.run([sys.executable, "-c", EASYOFD, str(path), str(out)], check=True, capture_output=True,
                   timeout=300)
    converted = pymupdf.open(out)
    assert converted.page_count == len(sample.document.pages)      # not its one-page error PDF
    ours = pymupdf.open(stream=sample.pdf, filetype="pdf")
    scale = converted[1].rect.width / ours[1].rect.width
    assert abs(converted[1].rect.height / ours[1].rect.height - scale) < 1e-3     # same page shape
    # the body lines of page 2 at the same places (scaled): each line's first character
    lines = [ln for ln in sample.document.pages[1].lines if ln.role == "body"]
    drawn = {(w[4], w[0] / scale * MM) for w in converted[1].get_text("words")}
    assert drawn, "easyofd drew no text"
    hits = sum(1 for ln in lines if any(text.startswith(ln.text[0]) and abs(x - (ln.x + ln.glyphs[0].x) * MM) <= 0.5
                                        for text, x in drawn))
    assert hits >= 0.8 * len(lines)


def test_check_reads_the_ofd_like_the_pdf(sample, tmp_path):
    ofd, pdf = tmp_path / "s.ofd", tmp_path / "s.pdf"
    ofd.write_bytes(sample.ofd)
    pdf.write_bytes(sample.pdf)
    a, b = preflight(ofd), preflight(pdf)
    assert a.pages == b.pages == len(sample.document.pages)
    assert not a.faults and not a.warnings
    assert a.facts["typography"] == b.facts["typography"]
    assert a.facts["kinsoku_violations"] == 0
    assert a.facts["colour_spaces"] == {"CMYK": list(range(1, a.pages + 1))}
    assert all(f["embedded"] and not f["notdef"] for f in a.facts["fonts"]) and len(a.facts["fonts"]) == 5


def _edited(data: bytes, edits: dict[str, tuple[bytes, bytes] | None]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            if name in edits and edits[name] is None:
                continue
            part = src.read(name)
            if name in edits:
                part = part.replace(*edits[name])
            z.writestr(name, part)
    return out.getvalue()


def test_check_finds_faults_in_an_ofd(sample, tmp_path):
    """Without DefaultCS colours are RGB; a font file missing is a font not embedded; a line
    starting with a closing mark breaks kinsoku (clreq §3.1.7)."""
    path = tmp_path / "bad.ofd"
    path.write_bytes(_edited(sample.ofd, {
        "Doc_0/Document.xml": (b"<ofd:DefaultCS>1</ofd:DefaultCS>", b""),
        "Doc_0/Res/font_2.ttf": None,
        "Doc_0/Pages/Page_1/Content.xml": (b">\xe4\xbb\xbb\xe5\x8a\xa1", b">\xef\xbc\x8c\xe5\x8a\xa1"),  # 任务 → ，务
    }))
    codes = {f.code for f in preflight(path).faults}
    assert {"rgb-colour", "font-not-embedded", "kinsoku-start"} <= codes


def test_build_formats_from_the_command_line(tmp_path):
    runner = CliRunner()
    out = tmp_path / "x.ofd"
    assert runner.invoke(app, ["build", str(SAMPLE), "-o", str(out)]).exit_code == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    both = runner.invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "y.pdf"), "--format", "pdf,ofd"])
    assert both.exit_code == 0
    assert (tmp_path / "y.pdf").read_bytes()[:5] == b"%PDF-" and (tmp_path / "y.ofd").read_bytes()[:2] == b"PK"
    assert zipfile.ZipFile(tmp_path / "y.ofd").read("OFD.xml") == zipfile.ZipFile(out).read("OFD.xml")
    wrong = runner.invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "z.pfd")])
    assert wrong.exit_code == 2 and "unknown output format .pfd" in wrong.stderr
    assert not (tmp_path / "z.pfd").exists()
    clash = runner.invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "z.pdf"), "--format", "ofd"])
    assert clash.exit_code == 2 and not (tmp_path / "z.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_pictures_keep_their_print_colour(report):
    from PIL import Image

    z = zipfile.ZipFile(io.BytesIO(report.ofd))
    media = _xml(z, "Doc_0/DocumentRes.xml")
    modes = sorted(Image.open(io.BytesIO(z.read("Doc_0/Res/" + m.findtext(f"{NS}MediaFile")))).mode
                   for m in media.iter(f"{NS}MultiMedia"))
    assert modes == ["CMYK", "L"]          # never RGB
    placed = [im for p in report.document.pages for im in p.images]
    objects = [o for part in z.namelist() if "/Pages/" in part for o in _xml(z, part).iter(f"{NS}ImageObject")]
    assert len(objects) == len(placed)
    for obj, item in zip(objects, placed):
        x, y, w, h = (float(v) for v in obj.get("Boundary").split())
        assert abs(x - item.x * MM) < 0.001 and abs(w - item.width * MM) < 0.001


def test_watch_writes_both(tmp_path):
    from bulletin_pdf.editor.watch.builder import WarmBuilder

    builder = WarmBuilder(SAMPLE, "jianbao", tmp_path / "w.pdf", formats="pdf,ofd")
    outcome = builder.build()
    assert outcome.ok and outcome.pdf is not None        # the preview still shows the PDF's pages
    assert (tmp_path / "w.pdf").read_bytes() == outcome.pdf
    assert (tmp_path / "w.ofd").read_bytes()[:4] == b"PK\x03\x04"
    only = WarmBuilder(SAMPLE, "jianbao", tmp_path / "v.ofd")
    assert only.build().ok and (tmp_path / "v.ofd").exists() and not (tmp_path / "v.pdf").exists()


def test_fake_bold_is_fill_and_stroke(tmp_path):
    """GB/T 9704's fourth-level headings in Word bold (the gbt9704 layout's fake bold): the
    same glyphs filled and stroked, the stroke as wide as the frames say (0.4 pt here)."""
    result = build(REPORT, "gbt9704", formats=BOTH)
    bold = {g.style.stroke for p in result.document.pages for ln in p.lines for g in ln.glyphs if g.style.stroke}
    assert bold == {0.4}
    z = zipfile.ZipFile(io.BytesIO(result.ofd))
    stroked = [o for part in z.namelist() if "/Pages/" in part for o in _xml(z, part).iter(f"{NS}TextObject")
               if o.get("Stroke") == "true"]
    assert stroked
    for obj in stroked:
        assert abs(float(obj.get("LineWidth")) - 0.4 * MM) < 1e-4
        assert obj.find(f"{NS}StrokeColor").get("Value") == obj.find(f"{NS}FillColor").get("Value")
    assert sum(len(o.findtext(f"{NS}TextCode")) for o in stroked) == sum(
        1 for p in result.document.pages for ln in p.lines for g in ln.glyphs if g.style.stroke and g.text)
    ofd, pdf = ofd_chars(result.ofd), pdf_chars(result.pdf)
    for a, b in zip(ofd, pdf):
        for (ch, x, y), (_c, px, py) in zip(_in_order(a), _in_order(b)):
            assert abs(x - px) <= 0.1 and abs(y - py) <= 0.1


def test_a_cff_face_is_embedded_as_an_opentype_file(tmp_path):
    """A face with CFF outlines: the PDF embeds the bare CFF program, the OFD the whole
    OpenType file (`OTTO`) of the same subset, which a reader maps through its cmap."""
    from fontTools.ttLib import TTFont

    from .test_fonts import make_font

    make_font("的人大会", "Test CFF", cff=True).save(str(tmp_path / "body.otf"))
    text = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    text = text.replace("body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}",
                        "body: {file: body.otf, fallbacks: [{file: NotoSerifSC-Regular.ttf}]}")
    assert "body.otf" in text
    layout = tmp_path / "own.yaml"
    layout.write_text(text, encoding="utf-8")
    (tmp_path / "fonts").mkdir()
    result = build(SAMPLE, str(layout), formats=BOTH)
    z = zipfile.ZipFile(io.BytesIO(result.ofd))
    fonts = {f.get("FontName"): f.findtext(f"{NS}FontFile") for f in _xml(z, "Doc_0/PublicRes.xml").iter(f"{NS}Font")}
    data = z.read("Doc_0/Res/" + fonts["TestCFF"])
    assert data[:4] == b"OTTO" and fonts["TestCFF"].endswith(".otf")
    font = TTFont(io.BytesIO(data))
    assert "CFF " in font and set(font.getBestCmap()) >= {ord(c) for c in "的人大会"}
    path = tmp_path / "own.ofd"
    path.write_bytes(result.ofd)
    report = preflight(path)
    assert not report.faults and all(f["embedded"] and not f["notdef"] for f in report.facts["fonts"])
    for a, b in zip(ofd_chars(result.ofd), pdf_chars(result.pdf)):
        a, b = _in_order(a), _in_order(b)
        assert [c[0] for c in a] == [c[0] for c in b]
        assert all(abs(p[1] - q[1]) <= 0.1 and abs(p[2] - q[2]) <= 0.1 for p, q in zip(a, b))


@given(st.lists(st.integers(min_value=-2_000_000, max_value=2_000_000) | st.sampled_from([55714, 0, 28857]),
                max_size=60))
@example([55714, 55714, 55714, 46429, 55714])
@example([0, 0, 0])
def test_delta_x_says_each_delta(steps):
    """DeltaX (GB/T 33190 §11.3) as written, read back by this file's reader: one value per
    gap between two characters, `g N V` standing for N times V."""
    from bulletin_pdf.writers.ofd.write import STEP, _deltas as encode

    text = encode(steps)
    assert _deltas(text, len(steps)) == pytest.approx([s / STEP for s in steps], abs=1e-9)
    assert all(len(part) < 12 for part in text.split())


def test_check_refuses_what_is_no_ofd(tmp_path):
    """A file named .ofd that is no ZIP, or a ZIP without OFD.xml or with a part that is not
    XML, is one located message (exit 2), never an internal error."""
    runner = CliRunner()
    pdf_named_ofd = tmp_path / "a.ofd"
    pdf_named_ofd.write_bytes(b"%PDF-1.7\n%...")
    no_root = tmp_path / "b.ofd"
    with zipfile.ZipFile(no_root, "w") as z:
        z.writestr("Doc_0/Document.xml", "<x/>")
    broken = tmp_path / "c.ofd"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>")
    for path, message in ((pdf_named_ofd, "not an OFD file (an OFD is a ZIP package): starts with `%PDF-"),
                          (no_root, "the part OFD.xml is missing"), (broken, "OFD.xml is not XML")):
        result = runner.invoke(app, ["check", str(path)])
        assert result.exit_code == 2 and message in result.stderr, result.stderr
