"""How compose/typeset.py turns a layout's styles into what the line engine and the writers
use, stated from the rules they follow:

- GB/T 9704—2012 §5.2.3: a full-width character of a style `on the grid` takes the body's
  character pitch (28 characters to the line), not its own size; tracking adds em of its size.
- The em box of a line of text is centred in its grid line (as Word's document grid sets it):
  the middle of the face's ascent + descent lies half a grid line below the line's top.
- Black text overprints when the layout asks (`output.black_overprint`): black is K only;
  a colour with C, M or Y does not.
- A faux bold is stroked at `output.fake_bold_stroke` em of the size.
- Centred and right-aligned furniture: the line's own width measured from the measure's
  middle or its right edge.
"""

from __future__ import annotations

import dataclasses

import pytest

from bulletin_pdf.compose.typeset import Setter, aligned_x
from bulletin_pdf.model import Style


def test_a_grid_style_takes_the_character_pitch_and_its_tracking(layout, fonts):
    setter = Setter(layout, fonts)
    on_grid = setter.run_style(Style("body", 16.0, grid=True))
    assert on_grid.cell == pytest.approx(layout.char_pitch)
    assert setter.run_style(Style("body", 14.0)).cell == 14.0
    tracked = setter.run_style(Style("masthead", 60.0, tracking=0.12))
    assert tracked.cell == pytest.approx(60.0 * 1.12)
    assert setter.run_style(Style("body", 16.0, grid=True, tracking=0.5)).cell == pytest.approx(layout.char_pitch + 8)
    assert (on_grid.face, on_grid.size) == ("body", 16.0)


def test_faux_bold_is_stroked_at_the_layouts_share_of_the_size(layout, fonts):
    setter = Setter(layout, fonts)
    assert setter.run_style(Style("body", 16.0, fake_bold=True)).stroke == pytest.approx(
        layout.output.fake_bold_stroke * 16.0)
    assert setter.run_style(Style("body", 16.0)).stroke == 0.0


def test_black_overprints_only_when_the_layout_says_and_only_black(layout, fonts):
    setter = Setter(layout, fonts)
    black, black_over = setter.paint("black")
    red, red_over = setter.paint("red")
    assert tuple(black.cmyk) == (0, 0, 0, 100) and black_over is True
    assert red_over is False
    # paper white (no ink at all) is no black
    paper = dataclasses.replace(layout.colours["black"], cmyk=(0, 0, 0, 0))
    assert Setter(dataclasses.replace(layout, colours={**layout.colours, "paper": paper}), fonts).paint("paper")[1] is False
    plain = dataclasses.replace(layout, output=dataclasses.replace(layout.output, black_overprint=False))
    assert Setter(plain, fonts).paint("black")[1] is False
    assert Setter(layout, fonts).run_style(Style("body", 16.0)).overprint is True
    assert Setter(layout, fonts).run_style(Style("body", 16.0, colour="red")).overprint is False


def test_the_em_box_is_centred_in_its_grid_line(layout, fonts):
    setter = Setter(layout, fonts)
    pitch = layout.line_pitch
    for role, size in (("body", 16.0), ("title", 22.0), ("body", 14.0)):
        face = fonts.primary(role)
        baseline = setter.baseline_offset(Style(role, size), pitch)
        top_of_em = baseline - face.ascent * size
        assert top_of_em + (face.ascent + face.descent) * size / 2 == pytest.approx(pitch / 2)


def test_furniture_is_aligned_by_its_own_width(layout, fonts):
    setter = Setter(layout, fonts)
    line = setter.line("杭州市人大常委会", Style("body", 16.0), 400.0).lines[0]
    assert aligned_x(line, "center", 400.0) == pytest.approx((400.0 - line.width) / 2)
    assert aligned_x(line, "right", 400.0) == pytest.approx(400.0 - line.width)
    assert aligned_x(line, "left", 400.0) == line.indent == 0.0
    assert aligned_x(line, "justify", 400.0) == 0.0
    # a space typed between Chinese words in furniture is a full-width space; between Latin
    # words it stays a space
    assert setter.line("办公室 王昆", Style("body", 16.0), 400.0).lines[0].glyphs[3].text == "\u3000"
    assert "\u3000" not in "".join(g.text for g in setter.line("No. 12", Style("body", 16.0), 400.0).lines[0].glyphs)


def test_a_latin_role_sets_the_ascii_letters_and_digits(layout, fonts):
    setter = Setter(layout, fonts)
    spans = setter.spans("第12期", Style("body", 16.0, latin="folio"))
    assert [(s.text, s.style.face) for s in spans] == [("第", "body"), ("12", "folio"), ("期", "body")]
    assert [(s.text, s.style.face) for s in setter.spans("第12期", Style("body", 16.0))] == [("第12期", "body")]
