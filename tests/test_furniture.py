"""Page furniture driven by the layout (issue #5): masthead variants, derived 总第 numbers,
balanced titles, folios, the second layout, ending on an even page."""

from __future__ import annotations

import dataclasses

import pytest

from bulletin_pdf.compose import LineRole, compose, document_text
from bulletin_pdf.input.load import load_issue, load_layout
from bulletin_pdf.input.places import find_layout
from bulletin_pdf.pipeline import load_fonts
from .conftest import SAMPLE
from .rules import NO_LINE_END, NO_LINE_START


@pytest.fixture(scope="module")
def issue():
    return load_issue(SAMPLE)


def page_one(doc):
    return {ln.text: ln for ln in doc.pages[0].lines}


def test_masthead_of_the_sample(issue, layout, fonts):
    lines = page_one(compose(issue, layout, fonts))
    for text in ("杭州人大信息", "（普\u3000刊）", "第9期（总第715期）", "杭州市人大常委会研究室编", "2025年9月29日"):
        assert text in lines
    name = lines["杭州人大信息"]
    assert name.glyphs[0].style.colour.cmyk == (0, 100, 100, 0) and name.glyphs[0].style.size == 60
    assert lines["杭州市人大常委会研究室编"].x == pytest.approx(layout.block.left)
    date = lines["2025年9月29日"]
    assert date.x + date.glyphs[-1].x + 16 == pytest.approx(layout.block.left + layout.block.width, abs=0.5)


def test_supplement_with_marking_and_serial(issue, layout, fonts):
    special = dataclasses.replace(issue, edition="增刊", number=2, cumulative=None,
                                  marking="内部资料　注意保存", serial="No.000123")
    lines = page_one(compose(special, layout, fonts))
    assert "（增\u3000刊）" in lines and "第2期" in lines
    assert not [t for t in lines if "总第" in t]          # 增刊 numbered on its own
    mark = lines["内部资料　注意保存"]
    assert mark.x == pytest.approx(layout.block.left) and mark.glyphs[0].style.face == "heading"
    serial = lines["No.000123"]
    assert serial.x > layout.block.left + layout.block.width / 2
    assert mark.baseline < lines["杭州人大信息"].baseline


def test_cumulative_number_is_derived_when_omitted(issue, layout, fonts):
    """The layout's offset for 2025 is 706: 第9期 → 总第715期, as printed."""
    derived = dataclasses.replace(issue, cumulative=None)
    assert "第9期（总第715期）" in page_one(compose(derived, layout, fonts))
    no_offset = dataclasses.replace(layout, masthead=dataclasses.replace(layout.masthead, cumulative_offset={}))
    assert "第9期" in page_one(compose(derived, no_offset, fonts))


def test_long_title_is_balanced(issue, layout, fonts):
    title = "西湖区人大常委会：聚焦民生实事项目推动基层治理能力现代化持续提升"
    col = issue.columns[0]
    art = dataclasses.replace(col.articles[0], title=(title,))
    changed = dataclasses.replace(issue, columns=(dataclasses.replace(col, articles=(art,) + col.articles[1:]),)
                                  + issue.columns[1:])
    doc = compose(changed, layout, fonts)
    lines = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.TITLE][:2]
    assert "".join(lines) == title
    assert abs(len(lines[0]) - len(lines[1])) <= 2
    assert lines[0][-1] not in NO_LINE_END and lines[1][0] not in NO_LINE_START


def test_editor_title_breaks_are_kept(issue, layout, fonts):
    doc = compose(issue, layout, fonts)
    titles = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.TITLE]
    assert titles[:2] == ["上城区：打好组合拳", "助力因地制宜发展新质生产力"]


def test_folios(issue, layout, fonts):
    doc = compose(issue, layout, fonts)
    assert not doc.pages[0].text_lines(LineRole.FOLIO)          # none on the masthead page
    for page in doc.pages[1:]:
        (folio,) = page.text_lines(LineRole.FOLIO)
        assert folio.glyphs[0].style.size == 14
        inset = 14.0                                      # one character in (GB/T 9704 §7.5)
        if page.number % 2:
            right = folio.x + folio.glyphs[-1].x + folio.glyphs[-1].advance
            assert right == pytest.approx(layout.block.left + layout.block.width - inset, abs=0.5)
        else:
            assert folio.x == pytest.approx(layout.block.left + inset, abs=0.01)


def test_second_layout_builds_the_sample(issue, fonts):
    layout = load_layout(find_layout("gbt9704"))
    doc = compose(issue, layout, load_fonts(layout))
    assert len(doc.pages) % 2 == 0                        # end_on_even_page
    assert doc.pages[-1].text_lines(LineRole.DISTRIBUTION)
    assert not doc.pages[-1].text_lines(LineRole.FOLIO)          # no folio on the 版记 page
    heads = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.HEAD]
    assert heads == ["一、助力攻坚", "二、监督纵横", "三、情况交流", "四、信息摘登"]
    titles = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.TITLE]
    assert titles[0].startswith("（一）上城区：")
    colours = {g.style.colour.cmyk for p in doc.pages for ln in p.lines for g in ln.glyphs}
    assert colours == {(0, 0, 0, 100)}
    strings = "".join(document_text(doc))
    assert "一、助力攻坚" in strings and "（一）上城区：打好组合拳助力因地制宜发展新质生产力" in strings


def test_latin_face_for_letters_and_digits(issue, layout, fonts):
    """A style's `latin` role sets Latin letters and digits in another face (公文 practice:
    Times New Roman digits in 仿宋 text); coverage is checked against that face."""
    latin = dataclasses.replace(layout.body.style, latin="heading")
    changed = dataclasses.replace(layout, body=dataclasses.replace(layout.body, style=latin))
    doc = compose(issue, changed, fonts)
    faces = {g.text: g.style.face for p in doc.pages for ln in p.lines if ln.role is LineRole.BODY
             for g in ln.glyphs}
    assert faces["1"] == "heading" and faces["A"] == "heading"
    assert faces["的"] == "body" and faces["，"] == "body"


def test_byline_keeps_the_space_between_office_and_name(issue, layout, fonts):
    doc = compose(issue, layout, fonts)
    bylines = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.BYLINE]
    assert "（西湖区人大常委会办公室\u3000方敏杰）" in bylines
    assert "（萧山区人大常委会办公室\u3000姜\u3000康）" in bylines


def test_long_column_name_takes_its_own_contents_line(issue, layout, fonts):
    long_name = "关于推动新质生产力发展的专题监督与调研工作"
    col = dataclasses.replace(issue.columns[0], name=long_name)
    doc = compose(dataclasses.replace(issue, columns=(col,) + issue.columns[1:]), layout, fonts)
    contents = [ln for ln in doc.pages[0].lines if ln.role is LineRole.CONTENTS]
    name = next(ln for ln in contents if ln.text == long_name)
    first_entry = next(ln for ln in contents if ln.text.startswith("上城区"))
    assert first_entry.baseline > name.baseline                 # below it, not beside it
    assert first_entry.x == pytest.approx(layout.block.left + layout.contents.entry_gap * layout.char_pitch)
    assert not doc.warnings


def test_masthead_items_that_do_not_fit_are_reported(issue, layout, fonts):
    long = dataclasses.replace(issue, compiled_by="杭州市人民代表大会常务委员会研究室与办公厅联合编印")
    doc = compose(long, layout, fonts)
    assert any("does not fit its line of the masthead" in w and "杭州市人民代表大会" in w for w in doc.warnings)


def test_distribution_editor_and_phone_share_a_line_only_when_they_fit(issue, layout, fonts):
    from bulletin_pdf.model import Distribution

    def info_lines(dist):
        doc = compose(dataclasses.replace(issue, distribution=dist), layout, fonts)
        rows = {}
        for ln in doc.pages[-1].text_lines(LineRole.DISTRIBUTION):
            rows.setdefault(round(ln.baseline, 1), []).append(ln)
        return [sorted(r, key=lambda l: l.x) for _, r in sorted(rows.items())]

    short = info_lines(Distribution(("省人大常委会办公厅",), "杨青青", "(0571)85250657", None))
    assert len(short) == 2 and len(short[-1]) == 2            # editor and phone on one line
    long = info_lines(Distribution(("省人大常委会办公厅",), "张三、李四、王五、赵六、钱七、孙八",
                                   "0571-85251234、0571-85251235", None))
    assert len(long) == 3
    for row in long:
        for a, b in zip(row, row[1:]):
            assert a.x + a.glyphs[-1].x + a.glyphs[-1].advance <= b.x


def test_distribution_edge_cases(issue, layout, fonts):
    from bulletin_pdf.errors import LayoutError
    from bulletin_pdf.model import Distribution

    empty = compose(dataclasses.replace(issue, distribution=Distribution((), None, None, None)), layout, fonts)
    assert not [l for p in empty.pages for l in p.lines if l.role is LineRole.DISTRIBUTION]
    tall = Distribution(tuple(f"第{i}个单位" for i in range(30)), "杨青青", None, None)
    with pytest.raises(LayoutError, match="needs 31 grid lines"):
        compose(dataclasses.replace(issue, distribution=tall), layout, fonts)


def test_even_page_ending_without_a_distribution_block(issue, fonts):
    layout = load_layout(find_layout("gbt9704"))
    doc = compose(dataclasses.replace(issue, distribution=None), layout, load_fonts(layout))
    assert len(doc.pages) % 2 == 0
