"""The furniture a 简报 places on pages rather than in the flow (compose/page_furniture.py):
folios, the 版记 at the foot of the last page, the masthead of page 1. Each rule is stated here
from its source and checked on composed frames, each test composing its own issue.

- GB/T 9704—2012 §7.5 (页码): 单页码居右空一字，双页码居左空一字; the folio is 一字线 + the
  number + 一字线, below the text block's foot (7 mm: "版心下边缘之下").
- GB/T 9704—2012 §7.4 (版记): the 版记 sits on the last lines of the last page; its last rule
  is the foot of the text block; when it does not fit under the text it goes to a page of its own.
- The masthead gives 第N期 and, for a 普刊 whose layout or file knows it, 总第M期 (the layout's
  `cumulative_offset`: 总第 = offset + N).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.compose.page_furniture import folio_line, masthead, place_distribution
from bulletin_pdf.compose.paginate import Placed
from bulletin_pdf.compose.typeset import Setter
from bulletin_pdf.compose.unit import Unit, UnitKind
from bulletin_pdf.errors import LayoutError
from bulletin_pdf.model import Article, Column, Distribution, Inline, Issue, Paragraph, Source

WHERE = Source("furniture.yaml", 3, "x")
TEXT = "区人大常委会坚持问题导向，围绕中心工作开展专题调研，推动解决了一批群众急难愁盼问题。"


def issue_of(paragraphs: int = 1, sentences: int = 2, distribution: Distribution | None = None,
             **fields) -> Issue:
    body = tuple(Paragraph((Inline(TEXT * sentences),), WHERE) for _ in range(paragraphs))
    article = Article(("区人大：“三个紧盯”助推发展",), body, None, None, WHERE)
    base = dict(publication="杭州人大信息", edition="普刊", number=9, cumulative=None,
                compiled_by="杭州市人大常委会研究室编", date=dt.date(2025, 9, 29), marking=None, serial=None,
                columns=(Column("工作动态", (article,), (), WHERE),),
                distribution=distribution or Distribution(("市人大常委会组成人员",), "杨青青", "(0571)85250657", 350),
                file="furniture.yaml")
    base.update(fields)
    return Issue(**base)


# ------------------------------------------------------------------------------ folios (§7.5)

def test_folio_odd_pages_right_even_pages_left_one_character_in(layout, fonts):
    """GB/T 9704 §7.5: 单页码居右空一字，双页码居左空一字. Pages 2 to 7:
    each folio's text is `— N —`, an odd page's ends one folio character (14 pt here) inside
    the block's right edge, an even page's starts one character inside its left edge."""
    setter = Setter(layout, fonts)
    em = layout.folio.style.size
    right = layout.block.left + layout.block.width
    for number in range(2, 8):
        line = folio_line(layout, setter, number, 9, True)
        assert line is not None and line.role is LineRole.FOLIO
        assert line.text == f"— {number} —"      # the layout's `— {n} —`, its spaces kept as text
        assert line.key == SourceKey(Part.FOLIO, index=number)
        ink = line.glyphs[-1].x + line.glyphs[-1].advance
        if number % 2:      # odd: right, one character in
            assert line.x + ink == pytest.approx(right - em, abs=0.01)
        else:               # even: left, one character in
            assert line.x == pytest.approx(layout.block.left + em, abs=0.01)
        # below the block: 7 mm under its foot, the baseline a face's ascent lower still
        assert line.baseline > layout.block.top + layout.block.height + 7 * 72 / 25.4


def test_folio_pages_the_layout_leaves_bare(layout, fonts):
    """jianbao.yaml: `first_page: false` (the masthead's page has none), `last_page: true`; a
    page with nothing on it (the blank page before an even end) has none either."""
    setter = Setter(layout, fonts)
    assert folio_line(layout, setter, 1, 4, True) is None
    assert folio_line(layout, setter, 4, 4, True) is not None
    assert folio_line(layout, setter, 3, 4, False) is None
    bare = dataclasses.replace(layout, folio=dataclasses.replace(layout.folio, first_page=True, last_page=False))
    assert folio_line(bare, setter, 1, 4, True) is not None
    assert folio_line(bare, setter, 4, 4, True) is None
    assert folio_line(bare, setter, 3, 4, True) is not None


def test_a_layout_may_leave_the_folio_text_and_the_send_label_empty(layout, fonts):
    """`folio.text: ""` prints no folios; `distribution.send_label: ""` sets the 送 entries
    without a label (the fuzzer found both raising IndexError)."""
    issue = issue_of(paragraphs=8, sentences=4)
    bare = dataclasses.replace(layout, folio=dataclasses.replace(layout.folio, text=""),
                               distribution=dataclasses.replace(layout.distribution, send_label=""))
    doc = compose(issue, bare, fonts)
    assert len(doc.pages) >= 2
    assert [ln for page in doc.pages for ln in page.lines if ln.role is LineRole.FOLIO] == []
    send = [ln for page in doc.pages for ln in page.lines
            if ln.role is LineRole.DISTRIBUTION and ln.key == SourceKey(Part.DISTRIBUTION, index=0)]
    assert [ln.text for ln in send] == ["市人大常委会组成人员"]
    labelled = [ln for page in compose(issue, layout, fonts).pages for ln in page.lines
                if ln.role is LineRole.DISTRIBUTION and ln.key == SourceKey(Part.DISTRIBUTION, index=0)]
    assert labelled[0].text.startswith("送")


def test_folios_of_a_composed_issue_alternate(layout, fonts):
    issue = issue_of(paragraphs=14, sentences=5)
    doc = compose(issue, layout, fonts)
    assert len(doc.pages) >= 3
    middle = layout.block.left + layout.block.width / 2
    for page in doc.pages:
        folios = [ln for ln in page.lines if ln.role is LineRole.FOLIO]
        if page.number == 1:
            assert folios == []
            continue
        assert [f.text for f in folios] == [f"— {page.number} —"]
        assert (folios[0].x > middle) == bool(page.number % 2), page.number


# ------------------------------------------------------------------------------ 版记 (§7.4)

def _row_of_last(pages):
    return max((p.row + p.unit.span for p in pages[-1]), default=0)


def test_distribution_goes_to_a_page_of_its_own_only_when_it_does_not_fit(layout, fonts):
    """§7.4: the 版记 takes the last grid lines of the last page; when the text already there
    leaves fewer free lines than it needs (its `space_before` included), it opens a new page.
    Tried with the text ending on every grid line of a page, with and without space before."""
    setter = Setter(layout, fonts)
    issue = issue_of()
    rows = layout.grid.lines
    for space in (0, 2):
        spaced = dataclasses.replace(layout, distribution=dataclasses.replace(layout.distribution, space_before=space))
        for used in range(1, rows + 1):
            text = [[Placed(Unit(UnitKind.BODY), 0)], [Placed(Unit(UnitKind.BODY, span=used), 0)]]
            pages = place_distribution(issue, spaced, setter, text)
            dist = [p for p in pages[-1] if p.unit.kind is UnitKind.DISTRIBUTION]
            need = sum(p.unit.span for p in dist)
            assert 0 < need < rows
            assert dist[-1].row + dist[-1].unit.span == rows          # ends on the last grid line
            assert [p.row for p in dist] == list(range(rows - need, rows))
            fits = used + space + need <= rows
            assert len(pages) == (2 if fits else 3), (space, used, need)
            if not fits:
                assert pages[-1] == dist and pages[1] == text[1]


def test_distribution_under_the_masthead_of_a_one_page_issue(layout, fonts):
    """A last page that is page 1 and holds no text yet is filled down to the masthead."""
    setter = Setter(layout, fonts)
    issue = issue_of()
    pages = place_distribution(issue, layout, setter, [[]])
    need = sum(p.unit.span for p in pages[-1])
    rows, masthead_lines = layout.grid.lines, layout.masthead.lines
    assert len(pages) == 1 if masthead_lines + need <= rows else 2
    tall = dataclasses.replace(layout, masthead=dataclasses.replace(layout.masthead, lines=rows - need + 1))
    assert len(place_distribution(issue, tall, setter, [[]])) == 2
    fits = dataclasses.replace(layout, masthead=dataclasses.replace(layout.masthead, lines=rows - need))
    assert len(place_distribution(issue, fits, setter, [[]])) == 1
    # a later empty page (a break left it so) holds no masthead: the 版记 fits there
    assert len(place_distribution(issue, tall, setter, [[Placed(Unit(UnitKind.BODY), 0)], []])) == 2


def test_distribution_ends_on_an_even_page_when_the_layout_says(layout, fonts):
    setter = Setter(layout, fonts)
    issue = issue_of()
    even = dataclasses.replace(layout, pagination=dataclasses.replace(layout.pagination, end_on_even_page=True))
    one = [[Placed(Unit(UnitKind.BODY), 0)]]
    two = one + [[Placed(Unit(UnitKind.BODY), 0)]]
    assert len(place_distribution(issue, even, setter, one)) == 2
    assert len(place_distribution(issue, even, setter, two)) == 2
    assert len(place_distribution(issue, layout, setter, one)) == 1
    without = issue_of(distribution=None)
    without = dataclasses.replace(without, distribution=None)
    assert place_distribution(without, layout, setter, one) == one
    assert len(place_distribution(without, even, setter, one)) == 2     # a blank page closes the issue


def test_distribution_taller_than_a_page_is_a_located_error(layout, fonts):
    setter = Setter(layout, fonts)
    where = Source("furniture.yaml", 41, "distribution")
    send = tuple(f"第{k}个收文单位" for k in range(layout.grid.lines + 2))
    issue = issue_of(distribution=Distribution(send, "杨青青", None, None, where))
    with pytest.raises(LayoutError) as caught:
        place_distribution(issue, layout, setter, [[]])
    error = caught.value
    assert (error.file, error.line, error.field) == ("furniture.yaml", 41, "distribution")
    assert f"a page has {layout.grid.lines}" in str(error) and "distribution block needs" in str(error)
    assert "send_to" in error.hint


def test_distribution_exactly_a_page_tall_fills_one(layout, fonts):
    """The bound is a page: a 版记 of exactly the page's grid lines fills a page of its own; one
    line more is the error."""
    setter = Setter(layout, fonts)
    issue = issue_of()
    need = sum(p.unit.span for p in place_distribution(issue, layout, setter, [[]])[-1])
    exact = dataclasses.replace(layout, grid=dataclasses.replace(layout.grid, lines=need))
    pages = place_distribution(issue, exact, setter, [[Placed(Unit(UnitKind.BODY), 0)]])
    assert len(pages) == 2 and [p.row for p in pages[1]] == list(range(need))
    short = dataclasses.replace(layout, grid=dataclasses.replace(layout.grid, lines=need - 1))
    with pytest.raises(LayoutError):
        place_distribution(issue, short, setter, [[Placed(Unit(UnitKind.BODY), 0)]])


# ------------------------------------------------------------------------------ the masthead

def _masthead_texts(issue, layout, fonts):
    lines, rules, warnings = masthead(issue, layout, Setter(layout, fonts))
    return [ln.text for ln in lines], rules, warnings


def test_masthead_numbers_the_issue_and_its_cumulative_count(layout, fonts):
    """jianbao.yaml: `第{number}期（总第{cumulative}期）` for a 普刊 with a cumulative count
    (given in the file, or the layout's offset for the year + the number: 2025 → 706 + 9 = 715),
    `第{number}期` without one (another year); a 增刊 never shows it."""
    texts, _, _ = _masthead_texts(issue_of(cumulative=800), layout, fonts)
    assert "第9期（总第800期）" in texts
    texts, _, _ = _masthead_texts(issue_of(), layout, fonts)
    assert "第9期（总第715期）" in texts
    texts, _, _ = _masthead_texts(issue_of(date=dt.date(2024, 9, 1)), layout, fonts)
    assert "第9期" in texts and not any("总第" in t for t in texts)
    texts, _, _ = _masthead_texts(issue_of(edition="增刊"), layout, fonts)
    assert "第9期" in texts and not any("总第" in t for t in texts)
    assert "（增　刊）" in texts


def test_masthead_places_items_on_their_grid_lines(layout, fonts):
    """The masthead's items on their `line`, the 报头线 (1 mm red, full measure) under them."""
    issue = issue_of(marking="内部资料", serial="No.000123")
    lines, rules, warnings = masthead(issue, layout, Setter(layout, fonts))
    assert warnings == []
    texts = [ln.text for ln in lines]
    assert texts[:2] == ["内部资料", "No.000123"]       # line 0: left, then right
    marking, serial = lines[0], lines[1]
    assert marking.x == pytest.approx(layout.block.left, abs=0.01)
    assert serial.x > layout.block.left + layout.block.width / 2
    assert all(ln.role is LineRole.MASTHEAD for ln in lines)
    assert [ln.key for ln in lines] == [SourceKey(Part.MASTHEAD, index=k) for k in range(len(lines))]
    # each item's baseline on its grid line, in order down the page
    assert [ln.baseline for ln in lines] == sorted(ln.baseline for ln in lines)
    pitch = layout.line_pitch
    assert lines[-1].baseline - lines[0].baseline == pytest.approx(8 * pitch, abs=pitch)
    assert len(rules) == 1
    rule = rules[0]
    assert (rule.x0, rule.x1) == (pytest.approx(layout.block.left), pytest.approx(layout.block.left + layout.block.width))
    assert rule.y == pytest.approx(layout.block.top + 9 * pitch)
    assert rule.width == pytest.approx(72 / 25.4)


def test_masthead_items_that_do_not_fit_are_set_smaller_on_their_line_and_said(layout, fonts):
    """Every masthead item stays one line on its grid line, within the measure, and two items
    of one line never run into each other: one too long for its room is set smaller (its
    tracking with it), the widest of a line giving way, and a warning says so at the issue's
    field that made it long (the layout's file for an issue made in code, with no file
    lines). It broke a long name into lines set on top of each other, and ran a long
    `compiled_by` into the date, with a warning at the layout."""
    from bulletin_pdf.model import Source

    long = "杭州市人民代表大会常务委员会研究室" * 3
    issue = issue_of(compiled_by=long, marking="内部资料" * 6, serial="No.000123" * 4, publication="杭州人大信息杭州人大",
                     field_sources=(("compiled_by", Source("furniture.yaml", 5, "compiled_by")),))
    lines, _, warnings = masthead(issue, layout, Setter(layout, fonts))
    left, right = layout.block.left, layout.block.left + layout.block.width
    assert len({ln.key for ln in lines}) == len(lines)                       # one line an item
    rows: dict[float, list] = {}
    for ln in lines:
        x0, x1 = ln.x + ln.glyphs[0].x, ln.x + ln.glyphs[-1].x + ln.glyphs[-1].advance      # (advance: pt)
        assert left - 0.01 <= x0 and x1 <= right + 0.01, ln.text
        rows.setdefault(round(ln.baseline, 1), []).append((x0, x1, ln.text))
    for row in rows.values():
        row.sort()
        assert all(a[1] <= b[0] for a, b in zip(row, row[1:])), row          # never over each other
    name = next(ln for ln in lines if ln.text == "杭州人大信息杭州人大")
    assert name.glyphs[0].style.size < 60
    assert any(w.startswith("furniture.yaml:5: compiled_by: ") and long in w and "instead of 16 pt" in w for w in warnings)
    assert any(w.startswith(str(layout.file) + ": ") and "杭州人大信息杭州人大" in w and "instead of 60 pt" in w
               for w in warnings)
    assert any("内部资料" in w for w in warnings) or any("No.000123" in w for w in warnings)


# ------------------------------------------------------------------------------ the document

def test_the_document_says_what_issue_it_is(layout, fonts):
    """The PDF's metadata comes from the masthead's fields: the layout's `title_format`
    (`{publication}{year}年第{number}期`), the compiler less its 编, the publication and
    edition, the issue's date; page 1 holds the masthead (its lines, its red 报头线) and every
    page the page size of the layout."""
    doc = compose(issue_of(), layout, fonts)
    assert (doc.title, doc.author, doc.subject, doc.date) == ("杭州人大信息2025年第9期", "杭州市人大常委会研究室",
                                                               "杭州人大信息（普刊）", "2025-09-29")
    first = doc.pages[0]
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert all((p.width, p.height) == (layout.page.width, layout.page.height) for p in doc.pages)
    assert any(l.role is LineRole.MASTHEAD and l.text == "杭州人大信息" for l in first.lines)
    assert not any(l.role is LineRole.MASTHEAD for p in doc.pages[1:] for l in p.lines)
    red = [r for r in first.rules if r.width == pytest.approx(72 / 25.4)]
    assert len(red) == 1
    # the units of a page are placed at their grid rows: the contents heading on page 1 lies
    # below the masthead's 9 lines
    heading = next(l for l in first.lines if l.text == "目　录")
    assert heading.baseline > layout.block.top + layout.masthead.lines * layout.line_pitch
    ink = heading.glyphs[-1].x + heading.glyphs[-1].advance
    assert heading.x + ink / 2 == pytest.approx(layout.block.left + layout.block.width / 2, abs=0.6)   # centred


def test_a_warm_rebuild_sets_the_same_pages(layout, fonts):
    """`bulletin-pdf watch` composes again through its paragraph cache (text/cache.py): the
    pages must be the ones a cold build sets, line for line, on the first build and the next."""
    from bulletin_pdf.text.cache import ParagraphCache

    issue = issue_of(paragraphs=6, sentences=4, compiled_by="杭州市人大常委会 研究室编")
    cold = compose(issue, layout, fonts)
    cache = ParagraphCache()
    assert compose(issue, layout, fonts, cache) == cold
    assert compose(issue, layout, fonts, cache) == cold


# ------------------------------------------------------------------- the 版记's lines (§7.4)

MM = 72 / 25.4
EM = 14.0                    # the 版记 is set in 4号 (14 pt), stated here from §7.4, not the layout


def _right(line) -> float:
    g = line.glyphs[-1]
    return line.x + g.x + g.advance


@pytest.mark.parametrize("editor,phone", [
    ("杨青青", "(0571)85250657"),                                            # one line, both ends
    ("张三、李四、王五、赵六、钱七、孙八", "0571-85251234、0571-85251235"),  # too long: one each
])
def test_distribution_lines_sit_one_character_in_between_their_rules(layout, fonts, editor, phone):
    """GB/T 9704—2012 §7.4: the 版记's entries start 空一字 from the left of the text block and
    回行时与冒号后的首字对齐 (a hanging indent to after 送：); the item on the right of a line
    (here the phone, the print run) ends 空一字 from the right edge; rules the full width of the
    text block: the first and last 0.35 mm (粗线), the one between 送： and the rest 0.25 mm
    (细线); the last rule lies under the last line, one grid line below its top."""
    from bulletin_pdf.compose.page_furniture import distribution_units

    send = ("市人大常委会组成人员，各区、县（市）人大常委会，市级各有关部门，市各民主党派，"
            "市工商联，市人民政府各部门，各区、县（市）人民政府",)
    issue = issue_of(distribution=Distribution(send, editor, phone, 350))
    units = distribution_units(issue, layout, Setter(layout, fonts))
    width = layout.block.width
    lines = [ln for u in units for ln in u.lines]
    by_key = {}
    for ln in lines:
        by_key.setdefault(ln.key, []).append(ln)
    sent = by_key[SourceKey(Part.DISTRIBUTION, index=0)]
    assert len(sent) >= 2 and sent[0].text.startswith("送：")
    assert sent[0].x + sent[0].glyphs[0].x == pytest.approx(EM)             # 空一字
    label = sum(g.advance for g in sent[0].glyphs[:2])                       # 送：
    for ln in sent[1:]:
        assert ln.x + ln.glyphs[0].x == pytest.approx(EM + label)            # under the first word after 送：
    editor_line = by_key[SourceKey(Part.DISTRIBUTION, index=1)]
    phone_line = by_key[SourceKey(Part.DISTRIBUTION, index=2)]
    copies_line = by_key[SourceKey(Part.DISTRIBUTION, index=3)]
    assert editor_line[0].x + editor_line[0].glyphs[0].x == pytest.approx(EM)
    assert _right(phone_line[-1]) == pytest.approx(width - EM)
    assert _right(copies_line[-1]) == pytest.approx(width - EM)
    assert copies_line[-1].text == "印数：350份"
    same_row = [u for u in units if {l.key for l in u.lines} >= {editor_line[0].key, phone_line[0].key}]
    assert bool(same_row) == (len(editor) < 10)
    assert all(ln.baseline == lines[0].baseline for ln in lines)            # one grid line each unit
    rules = [(i, r) for i, u in enumerate(units) for r in u.rules]
    assert [(r.x0, r.x1) for _, r in rules] == [(0.0, width)] * 3
    n_send = len(sent)
    assert [(i, r.y) for i, r in rules] == [(0, 0.0), (n_send, 0.0), (len(units) - 1, layout.line_pitch)]
    assert [round(r.width / MM, 2) for _, r in rules] == [0.35, 0.25, 0.35]
    assert all(u.kind is UnitKind.DISTRIBUTION and u.span == 1 for u in units)
