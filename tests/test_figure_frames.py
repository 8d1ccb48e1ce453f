"""A figure as compose/blocks.py sets it, read from the frames of a small issue each test
composes: one unit of whole grid lines (GB/T 9704 §5.2.3: the text after it stays on the
grid) holding the picture, centred on the measure with at least half a grid line of air, and
its caption (图N + title, centred) and source line under it; a picture too tall for a page is
scaled down to fit one with its caption and a line more (for the byline that may follow it); one wider than the measure is set at the measure
with a warning; one whose caption alone fills a page is a located error.
"""

from __future__ import annotations

import pytest
from PIL import Image

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.compose.keys import Part
from bulletin_pdf.errors import LayoutError
from bulletin_pdf.input.load import load_issue

from .test_blocks import HEAD
from .test_table_frames import composed as composed_issue, ink_end

MM = 72 / 25.4


def composed(tmp_path, body: str, layout, fonts, size=(1800, 1200)):
    Image.new("RGB", size, (200, 30, 40)).save(tmp_path / "photo.png")
    return composed_issue(tmp_path, body, layout, fonts)[0]


def the_figure(doc):
    (page,) = [p for p in doc.pages if p.images]
    (image,) = page.images
    return page, image


def test_a_figure_is_centred_with_air_and_its_caption_and_source_under_it(tmp_path, layout, fonts):
    doc = composed(tmp_path, """\
        - figure:
            image: photo.png
            width: 100mm
            caption: 图1：现场照片
            source: 资料来源：市统计局
        - 会后，与会人员进行了座谈交流。
        """, layout, fonts)
    page, image = the_figure(doc)
    pitch = layout.line_pitch
    left, measure = layout.block.left, layout.block.width
    assert image.width == pytest.approx(100 * MM) and image.height == pytest.approx(100 * MM * 1200 / 1800)
    assert image.x - left == pytest.approx((measure - image.width) / 2)                 # centred
    top_row = (image.y - layout.block.top) / pitch
    air_above = (top_row - int(top_row)) * pitch
    lines = int(top_row) + (image.height + air_above * 2) / pitch
    assert air_above * 2 >= pitch / 2 - 1e-6                                             # half a line of air
    assert lines == pytest.approx(round(lines))                                          # air above = below
    captions = [l for l in page.lines if l.role is LineRole.CAPTION]
    assert [l.text for l in captions] == ["图1　现场照片", "资料来源：市统计局"]
    assert [l.key.part for l in captions] == [Part.CAPTION, Part.SOURCE]
    assert (captions[0].x + ink_end(captions[0])) / 2 == pytest.approx(left + measure / 2, abs=1)
    bottom = image.y + image.height
    assert 0 < captions[0].baseline - bottom < pitch + air_above
    assert round((captions[1].baseline - captions[0].baseline) / pitch) == 1
    # the paragraph after it on the next grid line, on the grid
    after = next(l for l in page.lines if l.role is LineRole.BODY and l.text.startswith("会后"))
    assert round((after.baseline - captions[1].baseline) / pitch) == 1
    first_body = min(l.baseline for p in doc.pages for l in p.lines if l.role is LineRole.BODY)
    assert ((after.baseline - first_body) / pitch) == pytest.approx(round((after.baseline - first_body) / pitch))
    assert not doc.warnings


def test_a_figure_wider_than_the_measure_is_set_at_the_measure_with_a_warning(tmp_path, layout, fonts):
    doc = composed(tmp_path, """\
        - figure:
            image: photo.png
            width: 200mm
        """, layout, fonts, size=(2400, 1200))
    _, image = the_figure(doc)
    assert image.width == pytest.approx(layout.block.width)
    assert image.x == pytest.approx(layout.block.left)
    (warning,) = doc.warnings
    assert "width 200 mm is wider than the measure" in warning
    assert f"set at {layout.block.width / MM:.0f} mm" in warning


def test_a_figure_without_width_takes_the_layouts_share_of_the_measure(tmp_path, layout, fonts):
    doc = composed(tmp_path, "- figure:\n    image: photo.png\n", layout, fonts)
    _, image = the_figure(doc)
    assert image.width == pytest.approx(layout.blocks.figure.width * layout.block.width)


def test_a_picture_taller_than_a_page_is_scaled_to_fit_one_with_its_caption(tmp_path, layout, fonts):
    """At a width the editor gives (the layout's share of the page is the next test's)."""
    doc = composed(tmp_path, """\
        - figure:
            image: photo.png
            width: 150mm
            caption: 竖幅长图
        """, layout, fonts, size=(1000, 4000))
    page, image = the_figure(doc)
    pitch = layout.line_pitch
    room = (layout.grid.lines - 2) * pitch - pitch / 2            # a page less the caption's line, a line for the byline, air
    assert image.height == pytest.approx(room)
    assert image.width == pytest.approx(room / 4, rel=0.01)      # (the picture is decoded smaller: pixels round)
    caption = next(l for l in page.lines if l.role is LineRole.CAPTION)
    assert caption.baseline < layout.block.top + layout.block.height
    assert image.y >= layout.block.top


def test_a_portrait_picture_of_the_layouts_width_takes_its_share_of_the_page_and_its_byline_follows(
        tmp_path, layout, fonts):
    """A phone photo (portrait) at the layout's width would fill a page and push the rest of its
    article, its byline, alone onto the next: at the layout's width a picture is at most
    `max_height` of the text block high, made narrower (its proportions kept); the paragraph
    and byline after it stay on its page."""
    Image.new("RGB", (1000, 1600), (200, 30, 40)).save(tmp_path / "photo.png")
    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + """\
          - 今年以来，上城区人大常委会立足人大职能定位，找准履职切入点。
          - figure:
              image: photo.png
              caption: 代表视察现场
          - 下一步，常委会将持续跟踪监督。
        byline: 上城区人大常委会办公室 王　昆
""", encoding="utf-8")
    doc = compose(load_issue(path), layout, fonts)
    page, image = the_figure(doc)
    most = layout.blocks.figure.max_height * layout.grid.lines * layout.line_pitch
    assert layout.blocks.figure.max_height < 1
    assert image.height == pytest.approx(most)
    assert image.width == pytest.approx(most * 1000 / 1600, rel=0.01)
    assert any(l.text == "下一步，常委会将持续跟踪监督。" for l in page.lines)
    assert any(l.role is LineRole.BYLINE for l in page.lines)


def test_a_caption_that_leaves_no_room_for_its_picture_is_a_located_error(tmp_path, layout, fonts):
    long = "很长的图片说明" * 90
    with pytest.raises(LayoutError) as caught:
        composed(tmp_path, f"""\
            - figure:
                image: photo.png
                caption: {long}
            """, layout, fonts)
    error = caught.value
    assert f"a page holds {layout.grid.lines}" in str(error) and error.line == 11
    assert "shorten the caption" in error.hint
