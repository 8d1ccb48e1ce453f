"""A table (三线表) as compose/blocks.py sets it, read from the frames of a small issue each test
composes: where its caption, header, cells, rules and source line are, and what it says when
an editor's label or a row does not fit.

The 三线表 of Chinese reports: a caption (表N + title) centred above, a thick top rule (顶线),
a thin rule under the header (栏目线), a thick bottom rule (底线), nothing vertical; the widths
are jianbao.yaml's `blocks.table.rules` (1 pt, 0.5 pt, 1 pt), stated here. A table's parts on
later pages open with `续表N` and the header again; each part closes with the bottom rule.
Numbers in a column of numbers align on their decimal point; header cells are centred.
"""

from __future__ import annotations

import textwrap

import pytest

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.compose.keys import Part
from bulletin_pdf.errors import LayoutError
from bulletin_pdf.input.load import load_issue

from .test_blocks import FILLER, HEAD

TOP, HEADER, BOTTOM = 1.0, 0.5, 1.0


def composed(tmp_path, body: str, layout, fonts):
    path = tmp_path / "issue.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(body), " " * 10), encoding="utf-8")
    return compose(load_issue(path), layout, fonts), path


def ink_end(line) -> float:
    return line.x + line.glyphs[-1].x + line.glyphs[-1].advance


def table_rules(page, layout):
    """The full-measure rules of a page that are not the 版记's (those lie below the text)."""
    left, right = layout.block.left, layout.block.left + layout.block.width
    return sorted((r for r in page.rules if r.x0 == pytest.approx(left) and r.x1 == pytest.approx(right)
                   and not r.dash), key=lambda r: r.y)


def test_a_three_line_table_with_caption_header_cells_and_source(tmp_path, layout, fonts):
    doc, _ = composed(tmp_path, """\
        - table:
            caption: 表1：主要指标
            header: [[指标, 金额]]
            rows: [[收入, "1,234.5"], [支出, "56.25"], [结余, "1,178.25"]]
            source: 资料来源：市财政局
        """, layout, fonts)
    assert not doc.warnings
    page = next(p for p in doc.pages if any(l.role is LineRole.TABLE for l in p.lines))
    caption = [l for l in page.lines if l.role is LineRole.CAPTION]
    # the typed label is not printed twice; the source's label neither
    assert [l.text for l in caption] == ["表1　主要指标", "资料来源：市财政局"]
    assert [l.key.part for l in caption] == [Part.CAPTION, Part.SOURCE]
    middle = layout.block.left + layout.block.width / 2
    assert (caption[0].x + ink_end(caption[0])) / 2 == pytest.approx(middle, abs=1)       # centred
    assert caption[1].x == pytest.approx(layout.block.left, abs=0.01)                    # the source: left
    cells = [l for l in page.lines if l.role is LineRole.TABLE]
    rows = sorted({round(l.baseline, 2) for l in cells})
    assert len(rows) == 4                      # the header and three rows, one grid line each
    pitch = layout.line_pitch
    assert [round((b - rows[0]) / pitch, 3) for b in rows] == [0, 1, 2, 3]
    assert caption[0].baseline == pytest.approx(rows[0] - pitch)
    assert round((caption[1].baseline - rows[-1]) / pitch, 1) == 1       # (its own size's baseline)
    rules = table_rules(page, layout)
    assert [r.width for r in rules] == [TOP, HEADER, BOTTOM]
    top, header, bottom = (r.y for r in rules)
    assert top < rows[0] < header < rows[1] and rows[-1] < bottom < caption[1].baseline
    assert header - top == pytest.approx(pitch) and bottom - header == pytest.approx(3 * pitch)
    # header cells centred in their columns: the two columns split the measure at one x
    head = [l for l in cells if round(l.baseline, 2) == rows[0]]
    assert [l.text for l in head] == ["指标", "金额"]
    assert [l.key.cell for l in head] == [0, 1] and {l.key.index for l in head} == {-2}
    # (two columns of widths w and W − w, W the measure: their centres lie W / 2 apart)
    centres = [(l.x + ink_end(l)) / 2 for l in head]
    assert centres[1] - centres[0] == pytest.approx(layout.block.width / 2, abs=0.01)
    # the numbers align on their decimal point (or after their last digit)
    numbers = [l for l in cells if l.key.cell == 1 and l.key.index >= 0]
    points = []
    for line in numbers:
        dot = next(g for g in line.glyphs if g.text == ".")
        points.append(round(line.x + dot.x, 2))
    assert len(set(points)) == 1, points
    # text cells start where their column starts, half a padding in (1 em of 14 pt)
    labels = [l for l in cells if l.key.cell == 0 and l.key.index >= 0]
    assert {round(l.x, 2) for l in labels} == {round(layout.block.left + 7.0, 2)}
    assert [l.key.index for l in labels] == [0, 1, 2]


def test_a_typed_number_that_is_not_the_counts_is_printed_as_counted_and_warned(tmp_path, layout, fonts):
    doc, path = composed(tmp_path, """\
        - table:
            caption: 表3　主要指标
            rows: [[收入, "1"], [支出, "2"]]
        """, layout, fonts)
    caption = [l.text for p in doc.pages for l in p.lines if l.role is LineRole.CAPTION]
    assert caption == ["表1　主要指标"]
    (warning,) = [w for w in doc.warnings if "typed as" in w]
    assert "表3" in warning and "table 1" in warning and "printed as 表1" in warning
    assert warning.startswith(str(path))


def test_a_table_split_over_pages_repeats_its_header_under_a_continued_line(tmp_path, layout, fonts):
    rows = ", ".join(f"[地区{k}, \"{k}.5\"]" for k in range(30))
    doc, _ = composed(tmp_path, f"""\
        - {FILLER * 3}
        - table:
            caption: 分地区情况
            header: [[地区, 数值]]
            rows: [{rows}]
        - {FILLER}
        """, layout, fonts)
    parts = [p for p in doc.pages if any(l.role is LineRole.TABLE for l in p.lines)]
    assert len(parts) == 2
    first, second = parts
    captions = [[l.text for l in p.lines if l.role is LineRole.CAPTION] for p in parts]
    assert captions == [["表1　分地区情况"], ["续表1"]]
    cont = next(l for l in second.lines if l.role is LineRole.CAPTION)
    assert cont.key.part is Part.CONTINUED
    for page in parts:
        cells = [l for l in page.lines if l.role is LineRole.TABLE]
        rows_here = sorted({round(l.baseline, 2) for l in cells})
        assert [l.text for l in cells if round(l.baseline, 2) == rows_here[0]] == ["地区", "数值"]
        rules = table_rules(page, layout)
        assert [r.width for r in rules] == [TOP, HEADER, BOTTOM], page.number
        assert rules[-1].y > rows_here[-1] and rules[-1].y - rows_here[-1] < layout.line_pitch
    # every row once, in order, over the two parts
    names = [l.text for p in parts for l in p.lines if l.role is LineRole.TABLE and l.text.startswith("地区") and
             l.text != "地区"]
    assert names == [f"地区{k}" for k in range(30)]
    # the second part starts at the top of its page: 续表 line on the first grid line
    assert cont.baseline - layout.block.top < layout.line_pitch


def test_a_table_without_a_caption_opens_its_later_part_with_the_header_and_its_top_rule(tmp_path, layout, fonts):
    rows = ", ".join(f"[地区{k}, 说明{k}]" for k in range(30))
    doc, _ = composed(tmp_path, f"""\
        - {FILLER * 3}
        - table:
            header: [[地区, 说明]]
            rows: [{rows}]
        """, layout, fonts)
    parts = [p for p in doc.pages if any(l.role is LineRole.TABLE for l in p.lines)]
    assert len(parts) == 2
    assert not [l for p in parts for l in p.lines if l.role is LineRole.CAPTION]
    for page in parts:
        assert [r.width for r in table_rules(page, layout)] == [TOP, HEADER, BOTTOM]


def test_a_table_without_a_header_has_its_top_rule_over_the_first_row(tmp_path, layout, fonts):
    doc, _ = composed(tmp_path, """\
        - table:
            caption: 无表头
            rows: [[甲, 乙], [丙, 丁]]
        """, layout, fonts)
    page = next(p for p in doc.pages if any(l.role is LineRole.TABLE for l in p.lines))
    rules = table_rules(page, layout)
    assert [r.width for r in rules] == [TOP, BOTTOM]
    first = min(l.baseline for l in page.lines if l.role is LineRole.TABLE)
    assert rules[0].y < first and first - rules[0].y < layout.line_pitch


def test_a_row_taller_than_a_page_is_a_located_error(tmp_path, layout, fonts):
    tall = "很长的说明文字" * 140
    with pytest.raises(LayoutError) as caught:
        composed(tmp_path, f"""\
            - table:
                header: [[地区, 说明]]
                rows:
                  - [甲, 短]
                  - [乙, {tall}]
            """, layout, fonts)
    error = caught.value
    assert "row 2 of this table needs" in str(error) and "under the table's header" in str(error)
    assert error.field.endswith("table.rows[1]") and error.line == 14        # the row's own line
    assert "shorten the cell" in error.hint


def test_a_table_wider_than_the_measure_is_a_located_error(tmp_path, layout, fonts):
    row = "[" + ", ".join(["\"123456789012345\""] * 12) + "]"
    with pytest.raises(LayoutError) as caught:
        composed(tmp_path, f"""\
            - table:
                rows: [{row}]
            """, layout, fonts)
    error = caught.value
    assert "the table's 12 columns need at least" in str(error)
    assert f"the measure is {layout.block.width * 25.4 / 72:.0f} mm" in str(error)
    assert error.line == 11 and error.field.endswith("body[0].table") and "split the table" in error.hint


# ------------------------------------------------------------------------------ headings, notes, lists

def test_headings_notes_and_lists_where_the_layout_puts_them(tmp_path, layout, fonts):
    """GB/T 9704 §7.3.3: a heading's first line two characters in, in its level's face; 注：
    two characters of its own size in (14 pt); a list item's marker two characters in and its
    later lines hanging under the item's text, not under the marker; all on the grid."""
    long = "持续深化行动，推动项目建设取得积极成效，" * 3
    doc, _ = composed(tmp_path, f"""\
        - heading: 基本情况
        - heading: 主要做法
          level: 2
        - heading: {long}
          level: 3
        - note: {long}
        - list: [{long}, 乙项]
        - {FILLER}
        """, layout, fonts)
    lines = [l for p in doc.pages for l in p.lines]
    cp, left, pitch = layout.char_pitch, layout.block.left, layout.line_pitch
    heads = [l for l in lines if l.role is LineRole.HEADING]
    assert [l.text for l in heads[:3]] == ["一、基本情况", "（一）主要做法", "1．" + long[:len(heads[2].text) - 2]]
    for h in heads[:3]:
        assert h.x == pytest.approx(left + 2 * cp, abs=0.01)
    assert len(heads) > 3 and all(h.x == pytest.approx(left, abs=0.01) for h in heads[3:])   # later lines: not in
    heads = heads[:2]
    faces = [h.glyphs[0].style.face for h in heads]
    assert faces == [layout.blocks.headings[0].style.font, layout.blocks.headings[1].style.font]
    note = [l for l in lines if l.role is LineRole.NOTE]
    assert note[0].text.startswith("注：持续深化") and len(note) >= 2
    assert note[0].x == pytest.approx(left + 2 * 14.0, abs=0.01)
    assert note[1].x == pytest.approx(left, abs=0.01)
    assert {g.style.size for l in note for g in l.glyphs} == {14.0}
    items = [l for l in lines if l.role is LineRole.BODY and l.key.part is Part.BLOCK and l.key.block == 4]
    first = [l for l in items if l.key.index == 0]
    assert first[0].text.startswith("1．持续") and len(first) >= 2
    assert first[0].x == pytest.approx(left + 2 * cp, abs=0.01)
    marker = first[0].glyphs[2].x                      # the item's text starts after `1．`
    assert all(l.x == pytest.approx(first[0].x + marker, abs=0.01) for l in first[1:])
    second = [l for l in items if l.key.index == 1]
    assert [l.text for l in second] == ["2．乙项"]
    baselines = sorted(l.baseline for l in lines if l.role in (LineRole.HEADING, LineRole.BODY))
    assert all(((b - baselines[0]) / pitch) == pytest.approx(round((b - baselines[0]) / pitch)) for b in baselines)


def test_a_table_s_caption_and_header_never_end_a_page(tmp_path, layout, fonts):
    """A caption and the header rows keep with the table's first rows: wherever the filler
    before it puts the table, no page ends on them (docs/typography.md, "Breaking across
    pages": a heading is never the last line of a page; a table header is one)."""
    rows = ", ".join(f"[地区{k}, \"{k}\"]" for k in range(6))
    for lines in range(14, 24):
        filler = "\n".join(f"- 第{k}行。" for k in range(lines))
        folder = tmp_path / str(lines)
        folder.mkdir()
        doc, _ = composed(folder, f"""\
            {textwrap.indent(filler, "            ").strip()}
            - table:
                caption: 分地区情况
                header: [[地区, 数值]]
                rows: [{rows}]
            """, layout, fonts)
        for page in doc.pages:
            last = max((l for l in page.lines if l.role in (LineRole.BODY, LineRole.TABLE, LineRole.CAPTION)),
                       key=lambda l: l.baseline, default=None)
            if last is not None and last.key.part in (Part.CAPTION, Part.CELL):
                assert not (last.key.part is Part.CAPTION or last.key.index < 0), (lines, page.number, last.text)
