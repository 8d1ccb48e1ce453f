"""The flow of an issue as compose/flow.py sets it, read back from the composed frames of
issues built here (each test composes its own): the contents, column heads, titles, bylines
and short items, with the rules they follow stated from their sources.

- The contents (目录): each column's name on the line of its first entry, wider names (more
  than `name_max` characters) on a line of their own; page numbers flush right with dot
  leaders that stop half a character short of the entry and of the number.
- GB/T 9704—2012 §5.2.3 / §7.3.3: the body and headings on the grid; a title (标题) and a
  column head keep with the text after them; `min_lines_after_heading` (2 here) lines of
  the first paragraph go with a title.
- The byline (署名) flush right, in the layout's brackets: `（{byline}）`.
- Bookmarks: the column head at level 0, each article's title at level 1 with its text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.model import (Article, Column, Distribution, Inline, Issue, Paragraph, ShortItem,
                                Source)

WHERE = Source("flow.yaml", 5, "x")
SENTENCE = "区人大常委会坚持问题导向，围绕中心工作开展专题调研，推动解决了一批群众急难愁盼问题。"


def para(sentences: int = 2) -> Paragraph:
    return Paragraph((Inline(SENTENCE * sentences),), WHERE)


def article(title=("区人大：“三个紧盯”助推发展",), paragraphs: int = 1, byline: str | None = None,
            contents_title: str | None = None, sentences: int = 2) -> Article:
    return Article(tuple(title), tuple(para(sentences) for _ in range(paragraphs)), byline, contents_title, WHERE)


def issue_of(*columns: Column) -> Issue:
    return Issue("杭州人大信息", "普刊", 9, None, "杭州市人大常委会研究室编", dt.date(2025, 9, 29), None, None,
                 tuple(columns), Distribution(("市人大常委会组成人员",), "杨青青", None, None), "flow.yaml")


def lines_of(doc, role: LineRole):
    return [(page.number, ln) for page in doc.pages for ln in page.lines if ln.role is role]


def numbered(layout):
    return dataclasses.replace(layout, contents=dataclasses.replace(layout.contents, page_numbers=True))


# ------------------------------------------------------------------------------ the contents

def test_contents_puts_each_column_name_on_its_first_entry_line(layout, fonts):
    issue = issue_of(Column("工作动态", (article(), article(("第二篇：代表联络站全覆盖",))), (), WHERE),
                     Column("信息摘登", (), (ShortItem(para(1), "某县人大"), ShortItem(para(1), None)), WHERE))
    doc = compose(issue, layout, fonts)
    contents = [ln for _, ln in lines_of(doc, LineRole.CONTENTS)]
    texts = [ln.text for ln in contents]
    assert texts[0] == "目　录"
    by_line: dict[float, list[str]] = {}
    for ln in sorted(contents[1:], key=lambda l: (l.baseline, l.x)):
        by_line.setdefault(round(ln.baseline, 2), []).append(ln.text)
    assert list(by_line.values()) == [["工作动态", "区人大：“三个紧盯”助推发展"], ["第二篇：代表联络站全覆盖"],
                                      ["信息摘登", "2则"]]       # `{n} 则`: the space is set as space
    # the entries start one character (entry_gap) after the widest column name, at one x
    # (each character of these grid styles takes a cell of char_pitch)
    name_end = max(l.x + l.glyphs[-1].x + layout.char_pitch for l in contents if l.text in ("工作动态", "信息摘登"))
    starts = {round(l.x, 2) for l in contents if l.key.part is Part.CONTENTS_ENTRY}
    assert starts == {round(name_end + layout.char_pitch, 2)}
    # keys: the heading, each column name, each entry (short items: article -1)
    assert contents[0].key == SourceKey(Part.CONTENTS_HEADING)
    assert {l.key for l in contents if l.text == "信息摘登"} == {SourceKey(Part.CONTENTS_COLUMN, 1)}
    assert {l.key for l in contents if l.text == "2则"} == {SourceKey(Part.CONTENTS_ENTRY, 1)}


def test_a_column_name_wider_than_name_max_takes_a_line_of_its_own(layout, fonts):
    wide = "九个字的栏目名称长"     # 9 characters > name_max 8
    issue = issue_of(Column(wide, (article(),), (), WHERE))
    doc = compose(issue, layout, fonts)
    contents = [ln for _, ln in lines_of(doc, LineRole.CONTENTS)][1:]
    name = next(l for l in contents if l.text == wide)
    entry = next(l for l in contents if l.key.part is Part.CONTENTS_ENTRY)
    assert entry.baseline > name.baseline          # on the next line …
    assert entry.x - layout.block.left == pytest.approx(layout.char_pitch, abs=0.01)    # … a gap in
    # eight characters still share the entry's line
    issue = issue_of(Column(wide[:8], (article(),), (), WHERE))
    contents = [ln for _, ln in lines_of(compose(issue, layout, fonts), LineRole.CONTENTS)][1:]
    assert len({round(l.baseline, 2) for l in contents}) == 1


def test_contents_page_numbers_are_flush_right_with_leaders_clear_of_both(layout, fonts):
    issue = issue_of(Column("工作动态", (article(paragraphs=12, sentences=4), article(("第二篇",), paragraphs=2)), (),
                            WHERE))
    lay = numbered(layout)
    doc = compose(issue, lay, fonts)
    page1 = doc.pages[0]
    numbers = [l for l in page1.lines if l.key.part is Part.CONTENTS_PAGE]
    titles = {p.number for p in doc.pages for l in p.lines if l.role is LineRole.TITLE and l.text == "第二篇"}
    assert [l.text for l in numbers][1] == str(min(titles))
    right = layout.block.left + layout.block.width
    half = layout.char_pitch / 2
    for number in numbers:
        end = number.x + number.glyphs[-1].x + number.glyphs[-1].advance
        assert end == pytest.approx(right, abs=0.01)
        entry = next(l for l in page1.lines if l.key.part is Part.CONTENTS_ENTRY
                     and l.key.article == number.key.article and abs(l.baseline - number.baseline) < 0.01)
        leaders = [r for r in page1.rules if abs(r.y - (number.baseline - lay.contents.leader_rise)) < 0.01]
        assert len(leaders) == 1
        leader = leaders[0]
        # the entry's last character ends its grid cell (char_pitch, a little wider than its glyph)
        assert leader.x0 == pytest.approx(entry.x + entry.glyphs[-1].x + layout.char_pitch + half, abs=0.01)
        assert leader.x1 == pytest.approx(number.x - half, abs=0.01)
        assert leader.width == pytest.approx(lay.contents.leader_dot)
        assert leader.dash == (0.0, lay.contents.leader_spacing)
    bare = dataclasses.replace(lay, contents=dataclasses.replace(lay.contents, leader="none"))
    doc = compose(issue, bare, fonts)
    assert not [r for r in doc.pages[0].rules if r.dash]


def test_a_title_the_editor_broke_is_listed_on_her_two_lines_when_it_is_too_long(layout, fonts):
    """A contents entry wider than its measure is set on the editor's two title lines when
    each fits; else balanced over at most `entry_max_lines` lines."""
    first, second = "杭州市人大常委会召开专题会议听取", "全市民生实事项目推进情况汇报并开展满意度测评"
    issue = issue_of(Column("工作动态", (article((first, second)),), (), WHERE))
    doc = compose(issue, layout, fonts)
    entries = [l.text for _, l in lines_of(doc, LineRole.CONTENTS) if l.key.part is Part.CONTENTS_ENTRY]
    assert entries == [first, second]
    long = first + second + "的通知"
    issue = issue_of(Column("工作动态", (article((long,)),), (), WHERE))
    doc = compose(issue, layout, fonts)
    entries = [l.text for _, l in lines_of(doc, LineRole.CONTENTS) if l.key.part is Part.CONTENTS_ENTRY]
    assert len(entries) == 2 and "".join(entries) == long
    assert abs(len(entries[0]) - len(entries[1])) <= 2       # balanced, not one full line and a stub


# ------------------------------------------------------------------------------ heads, titles, bylines

def test_column_heads_titles_and_bylines_where_the_layout_puts_them(layout, fonts):
    issue = issue_of(Column("工作动态", (article(byline="区人大常委会办公室 王　昆"), article(("第二篇",))), (), WHERE),
                     Column("代表风采", (article(("第三篇",)),), (), WHERE))
    # first fit: the whole-issue optimiser may give up a title's blank line at a page top
    first_fit = dataclasses.replace(layout, pagination=dataclasses.replace(layout.pagination, optimise=False))
    doc = compose(issue, first_fit, fonts)
    pitch = layout.line_pitch
    body_lines = [(p, l) for p, l in lines_of(doc, LineRole.BODY)]
    heads = lines_of(doc, LineRole.HEAD)
    titles = lines_of(doc, LineRole.TITLE)
    assert [l.text for _, l in heads] == ["工作动态", "代表风采"]
    assert [l.text for _, l in titles] == ["区人大：“三个紧盯”助推发展", "第二篇", "第三篇"]
    assert [l.key for _, l in titles] == [SourceKey(Part.TITLE, 0, 0), SourceKey(Part.TITLE, 0, 1),
                                          SourceKey(Part.TITLE, 1, 0)]
    # titles centred on the measure
    for _, t in titles:
        ink = t.glyphs[-1].x + t.glyphs[-1].advance
        assert t.x + ink / 2 == pytest.approx(layout.block.left + layout.block.width / 2, abs=0.6)
    # the byline flush right in its brackets, on the line under the text it signs
    (page, byline), = lines_of(doc, LineRole.BYLINE)
    assert byline.text == "（区人大常委会办公室　王　昆）"      # the ASCII space is set as space
    # its closing bracket, last on the line, takes half its grid cell (the other half is its
    # blank side)
    last = byline.glyphs[-1]
    assert byline.x + last.x + layout.char_pitch / 2 == pytest.approx(layout.block.left + layout.block.width, abs=0.01)
    signed = max(l.baseline for p, l in body_lines if p == page and l.key.article == 0 and l.key.column == 0)
    assert byline.baseline - signed == pytest.approx(pitch, abs=0.01)
    # a title follows the column head with no blank line; a later title after one blank line
    # (space_before 1), and its body after one (space_after 1); a later column head after one
    first_head, first_title, second_title, second_head = heads[0][1], titles[0][1], titles[1][1], heads[1][1]
    body0 = min(l.baseline for p, l in body_lines if l.key.article == 0 and l.key.column == 0)
    assert round((first_title.baseline - first_head.baseline) / pitch) == 1
    assert round((body0 - first_title.baseline) / pitch) == 2
    body1_end = max(l.baseline for p, l in body_lines if l.key.article == 0 and l.key.column == 0)
    assert round((second_title.baseline - byline.baseline) / pitch) == 2
    third_body_end = max(l.baseline for p, l in body_lines if l.key.article == 1 and l.key.column == 0)
    assert round((second_head.baseline - third_body_end) / pitch) == 2
    assert body1_end < byline.baseline
    # bookmarks: the column heads at level 0, the titles at level 1, where they are set
    marks = [(p.number, m.level, m.title) for p in doc.pages for m in p.bookmarks]
    assert [(lvl, t) for _, lvl, t in marks] == [(0, "工作动态"), (1, "区人大：“三个紧盯”助推发展"), (1, "第二篇"),
                                                 (0, "代表风采"), (1, "第三篇")]
    # a layout that keeps the byline two characters from the right edge
    indented = dataclasses.replace(first_fit, byline=dataclasses.replace(layout.byline, right_indent=2))
    (_, moved), = lines_of(compose(issue, indented, fonts), LineRole.BYLINE)
    assert moved.x == pytest.approx(byline.x - 2 * layout.char_pitch, abs=0.01)


def test_short_items_are_paragraphs_with_their_bylines(layout, fonts):
    items = (ShortItem(para(1), "某县人大常委会办公室"), ShortItem(para(1), None), ShortItem(para(1), "某区人大"))
    issue = issue_of(Column("信息摘登", (), items, WHERE))
    doc = compose(issue, layout, fonts)
    bylines = [l for _, l in lines_of(doc, LineRole.BYLINE)]
    assert [l.text for l in bylines] == ["（某县人大常委会办公室）", "（某区人大）"]
    assert [l.key for l in bylines] == [SourceKey(Part.BYLINE, 0, index=0), SourceKey(Part.BYLINE, 0, index=2)]
    body = [l for _, l in lines_of(doc, LineRole.BODY)]
    assert {l.key for l in body} == {SourceKey(Part.ITEM, 0, index=i) for i in range(3)}
    # space_between_items 0: each item starts on the line after the one before
    starts = [min(l.baseline for l in body if l.key.index == i) for i in range(3)]
    ends = [max(l.baseline for l in body + bylines if l.key.index == i) for i in range(3)]
    assert [round((s - e) / layout.line_pitch) for s, e in zip(starts[1:], ends)] == [1, 1]
    spaced = dataclasses.replace(layout, body=dataclasses.replace(layout.body, space_between_items=2))
    doc = compose(issue, spaced, fonts)
    body = [l for _, l in lines_of(doc, LineRole.BODY)]
    bylines = [l for _, l in lines_of(doc, LineRole.BYLINE)]
    starts = [min(l.baseline for l in body if l.key.index == i) for i in range(3)]
    ends = [max(l.baseline for l in body + bylines if l.key.index == i) for i in range(3)]
    assert [round((s - e) / layout.line_pitch) for s, e in zip(starts[1:], ends)] == [3, 3]


def test_a_title_takes_two_lines_of_its_first_paragraph_to_the_next_page(layout, fonts):
    """`min_lines_after_heading: 2`: never a title with a single line under it at a page foot.
    A first article long enough to end near the foot of page 2, then a second one: wherever
    the second title lands, at least two of its paragraph's lines are on its page."""
    second = Article(("第二篇",), (Paragraph((Inline("会议强调。"),), WHERE), para(4)), None, None, WHERE)
    for n in range(6, 16):    # its first paragraph a single line: the keep reaches into the next
        issue = issue_of(Column("工作动态", (article(paragraphs=n, sentences=3), second), (), WHERE))
        doc = compose(issue, layout, fonts)
        (page, title), = [(p, l) for p, l in lines_of(doc, LineRole.TITLE) if l.text == "第二篇"]
        after = [l for p, l in lines_of(doc, LineRole.BODY) if p == page and l.key.article == 1]
        assert len(after) >= 2, n


@pytest.mark.parametrize("heading", ["", "   "])
def test_a_layout_may_leave_the_contents_heading_out(layout, fonts, heading):
    """`contents.heading` empty (or only spaces): the contents has no heading line and no space
    after one — its entries follow the blank lines before it (the fuzzer found the empty
    heading raising IndexError in the composer)."""
    issue = issue_of(Column("工作动态", (article(), article(("第二篇",))), (), WHERE))
    plain = dataclasses.replace(layout, contents=dataclasses.replace(layout.contents, heading=heading))
    doc = compose(issue, plain, fonts)
    assert [l for _, l in lines_of(doc, LineRole.CONTENTS) if l.key.part is Part.CONTENTS_HEADING] == []
    entries = [l for _, l in lines_of(doc, LineRole.CONTENTS) if l.key.part is Part.CONTENTS_ENTRY]
    assert [l.text for l in entries] == ["区人大：“三个紧盯”助推发展", "第二篇"]
    with_heading = [l for _, l in lines_of(compose(issue, layout, fonts), LineRole.CONTENTS)
                    if l.key.part is Part.CONTENTS_ENTRY]
    pitch = layout.line_pitch
    gap = layout.contents.heading_space_after + 1      # the heading's line and the space after it
    assert round((with_heading[0].baseline - entries[0].baseline) / pitch) == gap


def test_a_contents_heading_wider_than_the_measure_keeps_all_its_text(layout, fonts):
    """A heading longer than a line is wrapped, never cut after its first line (it was: the
    composer took `lines[0]`)."""
    issue = issue_of(Column("工作动态", (article(),), (), WHERE))
    text = "本期目录与要目索引" * 4
    long = dataclasses.replace(layout, contents=dataclasses.replace(layout.contents, heading=text))
    heading = [l for _, l in lines_of(compose(issue, long, fonts), LineRole.CONTENTS)
               if l.key.part is Part.CONTENTS_HEADING]
    assert len(heading) >= 2 and "".join(l.text for l in heading).replace("\u3000", "") == text


def test_the_contents_heading_keeps_with_its_entries(layout, fonts):
    """目录 is a heading: a masthead tall enough to put it near the foot of page 1 sends it on
    with the entries, never leaves it alone there. (Not tried: a masthead so tall that only the
    blank line before 目录 would stay on page 1 — first fit then takes the natural break rather
    than leave the page blank, and the heading stays: a known limit, see bench/results.md.)"""
    issue = issue_of(Column("工作动态", (article(), article(("第二篇",))), (), WHERE))
    rows = layout.grid.lines
    for lines in range(rows - 6, rows - 3):
        tall = dataclasses.replace(layout, masthead=dataclasses.replace(layout.masthead, lines=lines))
        doc = compose(issue, tall, fonts)
        (page, heading), = [(p, l) for p, l in lines_of(doc, LineRole.CONTENTS) if l.text == "目　录"]
        entries = [p for p, l in lines_of(doc, LineRole.CONTENTS) if l.key.part is Part.CONTENTS_ENTRY]
        assert page == entries[0], lines
