"""Fonts: CFF (PostScript-outline) faces are converted to TrueType outlines so ReportLab can
embed them; unknown files and families are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont

from bulletin_pdf.errors import FontError
from bulletin_pdf.fonts import Face, FaceSpec, ensure_truetype, locate


def make_cff_font(path: Path) -> Path:
    """A two-glyph OpenType/CFF font: .notdef and 中 (a square), 1000 units wide."""
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "uni4E2D"])
    fb.setupCharacterMap({0x4E2D: "uni4E2D"})
    strings = {}
    for name in (".notdef", "uni4E2D"):
        pen = T2CharStringPen(1000, None)
        pen.moveTo((100, -100))
        pen.lineTo((900, -100))
        pen.curveTo((900, 300), (900, 500), (900, 800))
        pen.lineTo((100, 800))
        pen.closePath()
        strings[name] = pen.getCharString()
    fb.setupCFF("TestCFF", {"FullName": "Test CFF"}, strings, {})
    return finish_font(fb, path, [".notdef", "uni4E2D"], "Test CFF")


def finish_font(fb: FontBuilder, path: Path, glyphs: list[str], family: str) -> Path:
    """The tables every test font needs: 1000-unit advances, metrics, names; saved to `path`."""
    fb.setupHorizontalMetrics({name: (1000, 100) for name in glyphs})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


def test_cff_face_is_converted_once_and_embeds(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    otf = make_cff_font(tmp_path / "test.otf")
    ttf = ensure_truetype(otf)
    assert ttf != otf and ttf.suffix == ".ttf"
    converted = TTFont(str(ttf))
    assert "glyf" in converted and "CFF " not in converted
    assert converted["post"].formatType == 3.0
    assert converted["glyf"]["uni4E2D"].numberOfContours == 1
    assert ensure_truetype(otf) == ttf                      # cached: converted once
    face = Face(ttf)
    assert face.has("中") and face.advance("中") == 1.0
    assert face.ink("中") == (0.1, 0.9)


def test_missing_font_file_and_family(tmp_path):
    with pytest.raises(FontError, match="fonts install"):
        locate(FaceSpec("body", file="NoSuch.ttf"), [tmp_path])
    with pytest.raises(FontError, match="is not installed"):
        locate(FaceSpec("body", family="No Such Family 仿宋"), [tmp_path])


def test_unreadable_font_is_a_font_error(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00" + b"junk" * 10)
    with pytest.raises(FontError, match="cannot read font"):
        Face(bad)
