"""`bulletin-pdf fonts install` (fonts/install.py) without the network: a face npm ships as a
plain .ttf is installed byte for byte as published; web-font slices are merged into the very
bytes fontTools' own merger makes of them (the reference below is that merger, called the
plain way), with the face's extremes (head bounding box, hhea/maxp maxima) those of the glyphs
merged, not the whole font's figures each slice carries."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from fontTools.merge import Merger, Options as MergeOptions
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from bulletin_pdf.fonts.install import face_bytes

from .conftest import ROOT

SOURCE = ROOT / "fonts" / "LXGWWenKai-Regular.ttf"
TEXTS = ("简报编辑部印发", "人大常委会组合拳，。", "ABC abc 123（）《》")


def web_slice(text: str) -> bytes:
    """A WOFF2 slice of the source face with the glyphs of `text`, carrying (like LXGW
    WenKai's published slices) extremes bigger than its own glyphs': the whole font's."""
    font = TTFont(SOURCE)
    options = Options()
    options.flavor = "woff2"
    options.glyph_names = True
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font["head"].xMax, font["head"].yMax = 3000, 2500
    font["hhea"].advanceWidthMax = 4000
    font["maxp"].maxPoints = 9999
    font.recalcBBoxes = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def plain_merge(blobs: list[bytes]) -> bytes:
    """fontTools' merger as its documentation calls it: each slice unwrapped to a .ttf file,
    merged with the layout tables dropped, saved with the sources' dates."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, blob in enumerate(blobs):
            part = TTFont(io.BytesIO(blob), recalcTimestamp=False)
            part.flavor = None
            paths.append(str(Path(tmp) / f"{i}.ttf"))
            part.save(paths[-1])
        font = Merger(options=MergeOptions(drop_tables=["GSUB", "GPOS", "GDEF"])).merge(paths)
    first = TTFont(io.BytesIO(blobs[0]))["head"]
    font["head"].created, font["head"].modified = first.created, first.modified
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def slices() -> list[bytes]:
    if not SOURCE.exists():
        pytest.skip("the default faces are not installed (`make` installs them)")
    return [web_slice(t) for t in TEXTS]


def test_slices_merge_into_the_bytes_fonttools_merger_makes(slices):
    merged = face_bytes(slices)
    assert merged == plain_merge(slices)
    font = TTFont(io.BytesIO(merged))
    assert set(font.getBestCmap()) == {ord(c) for t in TEXTS for c in t}
    assert font.flavor is None and merged[:4] == b"\x00\x01\x00\x00"


def test_the_merged_extremes_are_the_merged_glyphs(slices):
    font = TTFont(io.BytesIO(face_bytes(slices)))
    glyf, hmtx = font["glyf"], font["hmtx"]
    boxes = [glyf[name] for name in font.getGlyphOrder() if glyf[name].numberOfContours]
    assert (font["head"].xMax, font["head"].yMax) == (max(g.xMax for g in boxes), max(g.yMax for g in boxes))
    assert font["hhea"].advanceWidthMax == max(hmtx[n][0] for n in font.getGlyphOrder())
    assert font["maxp"].maxPoints == max(len(g.getCoordinates(glyf)[0]) for g in boxes if g.numberOfContours > 0)


def test_a_plain_ttf_is_installed_as_published_and_a_web_font_unwrapped(slices):
    published = unwrapped(slices[0])
    assert face_bytes([published]) is published
    single = face_bytes([slices[0]])
    assert single[:4] == b"\x00\x01\x00\x00"
    assert TTFont(io.BytesIO(single)).getBestCmap() == TTFont(io.BytesIO(slices[0])).getBestCmap()


def unwrapped(woff2: bytes) -> bytes:
    """The slice as a plain .ttf file."""
    font = TTFont(io.BytesIO(woff2))
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
