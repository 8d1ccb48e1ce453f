"""Fonts through HarfBuzz: TrueType and CFF outlines used as they are, a collection member
picked by name, each face embedded once as a CID font subset to the glyphs used; unknown
files and families are clear errors.

The faces are made here with fontTools' FontBuilder; the PDF is read back with pikepdf (and
poppler's `pdffonts` where it is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.ttCollection import TTCollection
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.errors import FontError
from bulletin_pdf.fonts.faces import FaceSpec, locate, open_face
from bulletin_pdf.input.load import load_issue, load_layout
from bulletin_pdf.input.places import find_layout
from bulletin_pdf.pipeline import build, load_fonts
from bulletin_pdf.writers.pdf.write import write_pdf

from .conftest import ROOT, SAMPLE


def _square(pen) -> None:
    pen.moveTo((100, -100))
    pen.lineTo((900, -100))
    pen.lineTo((900, 800))
    pen.lineTo((100, 800))
    pen.closePath()


def make_font(chars: str, family: str, *, cff: bool, full: str | None = None) -> TTFont:
    """A font whose glyphs for `chars` are squares 1000 units wide, ink from 100 to 900."""
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    if cff:
        strings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            _square(pen)
            strings[name] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": full or family}, strings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            _square(pen)
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular", "fullName": full or family,
                       "psName": family.replace(" ", "") if family.isascii() else "TestSong"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    return fb.font


def test_cff_face_is_used_as_it_is(tmp_path):
    path = tmp_path / "test.otf"
    make_font("中", "Test CFF", cff=True).save(str(path))
    face = open_face(path)
    assert face.outlines == "cff"
    assert face.has("中") and face.advance("中") == 1.0
    assert face.ink(face.gid("中")) == (0.1, 0.9)
    assert (face.ascent, face.descent) == (0.88, 0.12)


def test_collection_member_by_family_or_full_name(tmp_path):
    path = tmp_path / "pair.ttc"
    ttc = TTCollection()
    ttc.fonts = [make_font("中", "Test Sans", cff=False), make_font("国", "宋体", cff=False, full="SimSun Test")]
    ttc.save(str(path))
    assert open_face(path).has("中")                       # no name: the first member
    assert open_face(path, "宋体").has("国") and not open_face(path, "宋体").has("中")
    assert open_face(path, "simsun test").index == 1        # full name, any case
    with pytest.raises(FontError, match="has no member named 'Nope'"):
        open_face(path, "Nope")


@pytest.fixture(scope="module")
def own_faces(tmp_path_factory):
    """The sample built with a layout whose body is a CFF face and whose titles use the
    second member of a collection, both covering a few characters, Noto as the fallback."""
    folder = tmp_path_factory.mktemp("faces")
    make_font("的人大会", "Test CFF", cff=True).save(str(folder / "body.otf"))
    ttc = TTCollection()
    ttc.fonts = [make_font("的", "Test Sans", cff=False), make_font("区城", "测试宋体", cff=False, full="Test Song")]
    ttc.save(str(folder / "pair.ttc"))
    text = find_layout("jianbao").read_text(encoding="utf-8")
    text = text.replace("body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}",
                        "body: {file: body.otf, fallbacks: [{file: NotoSerifSC-Regular.ttf}]}")
    text = text.replace("title: {file: NotoSerifSC-Black.ttf, fallbacks: [{family: Noto Serif CJK SC Bold}]}",
                        "title: {file: pair.ttc, family: 测试宋体, fallbacks: [{file: NotoSerifSC-Black.ttf}]}")
    layout_path = folder / "own.yaml"
    layout_path.write_text(text, encoding="utf-8")
    result = build(SAMPLE, str(layout_path))
    pdf_path = folder / "own.pdf"
    pdf_path.write_bytes(result.pdf)
    return layout_path, result, pdf_path


def test_own_faces_in_the_frames(own_faces):
    """Frames, no PDF: the characters the test faces cover are set in them, with the glyph
    ids of those faces (FontBuilder's glyph order: .notdef, then the characters)."""
    _, result, _ = own_faces
    body = {(g.text, g.style.face, g.gid) for p in result.document.pages for ln in p.lines
            if ln.role is LineRole.BODY for g in ln.glyphs}
    assert ("的", "body", 1) in body and ("会", "body", 4) in body
    assert any(t == "，" and f == "body#1" for t, f, _ in body)          # the fallback
    titles = {(g.text, g.style.face, g.gid) for p in result.document.pages for ln in p.lines
              if ln.role is LineRole.TITLE for g in ln.glyphs}
    assert ("区", "title", 1) in titles and ("城", "title", 2) in titles


def test_fonts_list_names_the_face_of_a_collection(own_faces):
    """`fonts list` says which face of a collection a role uses (the title: the second of the
    two in pair.ttc), so the print shop or a colleague can find the same one; a single-face
    file is named as it is."""
    from typer.testing import CliRunner

    from bulletin_pdf.cli import app

    layout_path, _, _ = own_faces
    result = CliRunner().invoke(app, ["fonts", "list", "--layout", str(layout_path)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line and not line[0].isspace()}
    assert rows["title"].startswith("title      Test Song  (") and rows["title"].endswith("pair.ttc, face 2 of 2)")
    assert rows["body"].endswith("body.otf)")
    assert "fallback Noto Serif SC Black (" in result.stdout


def _fonts_of(pdf_path: Path) -> list[dict]:
    out = []
    with pikepdf.open(pdf_path) as pdf:
        seen = set()
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                if font.objgen in seen:
                    continue
                seen.add(font.objgen)
                cid = font.DescendantFonts[0]
                fd = cid.FontDescriptor
                out.append({"base": str(font.BaseFont), "subtype": str(font.Subtype), "cid": str(cid.Subtype),
                            "encoding": str(font.Encoding), "unicode": "/ToUnicode" in font,
                            "file2": "/FontFile2" in fd,
                            "file3": str(fd.FontFile3.Subtype) if "/FontFile3" in fd else None})
    return out


def test_one_cid_font_per_face_used(own_faces):
    _, _, pdf_path = own_faces
    fonts = _fonts_of(pdf_path)
    names = [re.sub(r"^[A-Z]{6}\+", "", f["base"][1:]) for f in fonts]
    assert len(names) == len(set(names))                     # one font object per face
    assert all(re.match(r"^/[A-Z]{6}\+", f["base"]) for f in fonts)   # subset tags
    assert all(f["subtype"] == "/Type0" and f["encoding"] == "/Identity-H" and f["unicode"] for f in fonts)
    cff = [f for f in fonts if f["cid"] == "/CIDFontType0"]
    assert [re.sub(r"^/[A-Z]{6}\+", "", f["base"]) for f in cff] == ["TestCFF"]
    assert cff[0]["file3"] == "/CIDFontType0C" and not cff[0]["file2"]
    truetype = [f for f in fonts if f["cid"] == "/CIDFontType2"]
    assert all(f["file2"] for f in truetype) and "TestSong" in " ".join(f["base"] for f in truetype)
    assert "TestSans" not in " ".join(names)                 # the collection's other member: unused
    with pdfplumber.open(pdf_path) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "杭州市人大常委会研究室编" in text and "上城区" in text     # copies as written


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler's pdffonts is not installed")
def test_pdffonts_lists_only_cid_fonts(own_faces, sample_pdf):
    for path in (own_faces[2], sample_pdf):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = rows.splitlines()[2:]
        assert rows
        for row in rows:
            kind = "CID Type 0C" if "CID Type 0C" in row else "CID TrueType" if "CID TrueType" in row else row
            assert kind in ("CID Type 0C", "CID TrueType"), row
            assert row.split()[-5:-2] == ["yes", "yes", "yes"], row     # emb sub uni


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists(),
                    reason="Debian's fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)")
def test_noto_serif_cjk_sc_from_the_system(tmp_path):
    """`family: Noto Serif CJK SC` (a CFF collection) finds its member and sets SC forms."""
    text = find_layout("jianbao").read_text(encoding="utf-8")
    text = text.replace("body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}", "body: {family: Noto Serif CJK SC}")
    path = tmp_path / "noto.yaml"
    path.write_text(text, encoding="utf-8")
    layout = load_layout(path)
    fonts = load_fonts(layout)
    face = fonts.primary("body")
    assert face.outlines == "cff" and face.ps_name == "NotoSerifCJKsc-Regular"     # SC member, not Bold
    doc = compose(load_issue(SAMPLE), layout, fonts)
    dash = [g for p in doc.pages for ln in p.lines for g in ln.glyphs if g.style.face == "body" and "—" in g.text]
    assert all(g.advance >= 15.9 for g in dash)              # the SC form: a full em at 16 pt
    pdf_path = tmp_path / "noto.pdf"
    pdf_path.write_bytes(write_pdf(doc, fonts))
    cff = [f for f in _fonts_of(pdf_path) if "NotoSerifCJK" in f["base"]]
    assert len(cff) == 1 and cff[0]["cid"] == "/CIDFontType0" and cff[0]["file3"] == "/CIDFontType0C"
    with pdfplumber.open(pdf_path) as pdf:
        text = pdf.pages[1].extract_text().replace("\n", "")
    assert "今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务" in text   # a CID-keyed CFF copies too


def test_missing_font_file_and_family(tmp_path):
    with pytest.raises(FontError, match="fonts install"):
        locate(FaceSpec("body", file="NoSuch.ttf"), [tmp_path])
    with pytest.raises(FontError, match="is not installed"):
        locate(FaceSpec("body", family="No Such Family 仿宋"), [tmp_path])


def test_unreadable_font_is_a_font_error(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"junk" * 10)
    with pytest.raises(FontError, match="cannot read font"):
        open_face(bad)
    text = tmp_path / "notes.ttf"
    text.write_text("not a font", encoding="utf-8")
    with pytest.raises(FontError, match="not a TrueType or OpenType font"):
        open_face(text)


def test_default_faces_are_truetype(fonts):
    assert {fonts.primary(r).outlines for r in fonts.roles} == {"glyf"}
    assert ROOT.joinpath("fonts", "NotoSerifSC-Regular.ttf").exists()


def test_installed_families_without_fontconfig(tmp_path, monkeypatch):
    """No `fc-list`: the system font folders are indexed once (names of every member of every
    file), kept in the cache folder, and not read again while the files are unchanged."""
    from bulletin_pdf.fonts import faces as fonts_module

    folder = tmp_path / "system"
    folder.mkdir()
    ttc = TTCollection()
    ttc.fonts = [make_font("中", "Test Sans", cff=False), make_font("国", "宋体", cff=False, full="SimSun Test")]
    ttc.save(str(folder / "simsun.ttc"))
    make_font("中", "Test CFF", cff=True).save(str(folder / "test.otf"))
    (folder / "readme.ttf").write_text("not a font", encoding="utf-8")
    monkeypatch.setattr(shutil, "which", lambda name: None)         # no fontconfig
    monkeypatch.setattr(fonts_module, "SYSTEM_FONT_DIRS", (str(folder),))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts_module.installed_families.cache_clear()
    try:
        found = fonts_module.installed_families()
        assert found["宋体"] == (folder / "simsun.ttc", 1) and found["simsun test"] == (folder / "simsun.ttc", 1)
        assert found["test sans"] == (folder / "simsun.ttc", 0) and found["test cff"] == (folder / "test.otf", 0)
        assert (tmp_path / "cache" / "bulletin-pdf" / "fonts.json").exists()
        assert locate(FaceSpec("body", family="宋体"), []) == (folder / "simsun.ttc", 1)
        assert open_face(*locate(FaceSpec("body", family="宋体"), [])).has("国")

        def must_not_read(path):
            raise AssertionError(f"{path} read again")

        monkeypatch.setattr(fonts_module, "_faces_in", must_not_read)
        fonts_module.installed_families.cache_clear()
        assert fonts_module.installed_families() == found       # from the cache alone
    finally:
        fonts_module.installed_families.cache_clear()


def test_fallback_family_looked_up_only_when_a_character_needs_it(layout, monkeypatch):
    """Finding a family asks fontconfig (a process) for every installed face: a build whose
    characters the layout's files all have never asks. The default layouts name a fallback
    family for every role; the first character the files lack looks it up, and it takes the
    place it has in the layout (`body#1`)."""
    from bulletin_pdf.fonts import faces as fonts_module

    asked = []
    real = fonts_module.installed_families

    def counted():
        asked.append(1)
        return real()

    monkeypatch.setattr(fonts_module, "installed_families", counted)
    fonts = load_fonts(layout)
    build(SAMPLE, fonts_for=lambda _layout: fonts)
    assert asked == []
    assert fonts.face_for("body", "中") == "body" and fonts.missing("body", "中文") == []
    assert asked == []
    key = fonts.face_for("body", "𠮷")           # CJK Extension B: not in Noto Serif SC
    assert asked                                   # looked up now
    if "noto serif cjk sc" in real():
        assert key == "body#1" and fonts.face(key).ps_name == "NotoSerifCJKsc-Regular"
    else:
        assert key == "body" and fonts.absent["body"] == ("Noto Serif CJK SC",)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中文字，。、 1aBé—（）《》Ω\u3000x", max_size=16))
@example("")
@example("中文")
@example("，中")
@example("a中")
@example("1，a")
def test_script_runs_cover_the_text_one_script_each(text):
    """Runs of one script each (UAX #24 in short: a character of no script of its own joins the
    run before it, at the start the run after it; Han where nothing decides), covering the text
    end to end, neighbours of different scripts."""
    from bulletin_pdf.fonts.faces import _script_of, script_runs

    runs = script_runs(text)
    if not text:
        assert runs == []
        return
    assert runs[0][0] == 0 and runs[-1][1] == len(text)
    assert all(a[1] == b[0] and a[2] != b[2] for a, b in zip(runs, runs[1:]))
    own = [_script_of(ch) for ch in text]
    for start, end, script in runs:
        assert start < end
        assert all(s in (None, script) for s in own[start:end])
        if any(s is not None for s in own):
            assert script in own[start:end]
            first = next(i for i in range(start, end) if own[i] is not None)
            assert start == 0 or first == start          # a common character never opens a run but the first
        else:
            assert script == "Hani"
