"""Composition of synthetic issues (issue #5): assertions on the composed pages, not pixels.

Issues are generated here — 1 to 60 articles of random lengths, long and short titles, many
short items, a long distribution list — and every page is checked for: body baselines on
the grid, no stranded head or title, no widow or orphan line, the byline with its text, the
distribution block's last line on the last grid line of the last page, contents page numbers
equal to the pages where the titles landed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from bulletin_pdf.compose import LineRole, compose
from bulletin_pdf.compose.furniture import contents_title
from bulletin_pdf.model import (Article, Column, Distribution, Inline, Issue, Paragraph, ShortItem,
                                Source)

SENTENCES = [
    "区人大常委会坚持问题导向，围绕中心工作开展专题调研。",
    "代表们深入企业、社区和田间地头，面对面倾听群众心声。",
    "全年共收集意见建议1800余条，推动解决了一批群众急难愁盼问题。",
    "常委会听取和审议了政府专项工作报告，提出审议意见17条。",
    "聚焦“最后一公里”，推动资源下沉、服务前移。",
    "截至目前，全区已建成代表联络站45个，实现镇街全覆盖。",
    "会议强调，要以更高标准、更实举措推动各项工作落地见效。",
]
WHERE = Source("synthetic.yaml", 1, "x")


def para(rng, sentences):
    text = "".join(rng.choice(SENTENCES) for _ in range(sentences))
    if rng.random() < 0.3:
        return Paragraph((Inline("一是强化监督问效。", True), Inline(text)), WHERE)
    return Paragraph((Inline(text),), WHERE)


def synthetic_issue(seed: int, articles: int) -> Issue:
    rng = random.Random(seed)
    columns = []
    left = articles
    while left > 0:
        n = min(left, rng.randint(1, 5))
        left -= n
        arts = []
        for _ in range(n):
            long_title = rng.random() < 0.4
            title = ("区人大常委会：聚焦民生实事项目推动基层治理能力现代化持续提升" if long_title
                     else "区人大：“三个紧盯”助推发展")
            body = tuple(para(rng, rng.randint(1, 9)) for _ in range(rng.randint(1, 5)))
            arts.append(Article((title[:rng.randint(8, len(title))],), body,
                                rng.choice([None, "区人大常委会办公室 王　昆"]), None, WHERE))
        columns.append(Column(f"栏目{len(columns) + 1}", tuple(arts), (), WHERE))
    items = tuple(ShortItem(para(rng, rng.randint(1, 4)), "某县人大常委会办公室") for _ in range(rng.randint(0, 8)))
    if items:
        columns.append(Column("信息摘登", (), items, WHERE))
    send = tuple("市人大常委会组成人员，市人大机关各部门，各区、县（市）人大常委会" * rng.randint(1, 3)
                 for _ in range(rng.randint(1, 4)))
    return Issue("杭州人大信息", "普刊", 9, 715, "杭州市人大常委会研究室编", dt.date(2025, 9, 29), None, None,
                 tuple(columns), Distribution(send, "杨青青", "(0571)85250657", rng.choice([None, 350])),
                 "synthetic.yaml")


def grid_row(layout, setter_offset, baseline):
    return (baseline - layout.block.top - setter_offset) / layout.line_pitch


CASES = [(seed, n) for seed, n in [(1, 1), (2, 3), (3, 7), (4, 12), (5, 20), (6, 33), (7, 60)]]


@pytest.fixture(scope="module", params=CASES, ids=[f"{n}-articles" for _, n in CASES])
def composed(request, layout, fonts):
    seed, n = request.param
    issue = synthetic_issue(seed, n)
    numbered = dataclasses.replace(layout, contents=dataclasses.replace(layout.contents, page_numbers=True))
    return issue, numbered, compose(issue, numbered, fonts)


def body_offset(layout, fonts, size=16.0):
    face = fonts.primary(layout.body.style.font)
    return (layout.line_pitch - (face.ascent + face.descent) * size) / 2 + face.ascent * size


def test_body_baselines_are_on_the_grid(composed, fonts):
    _, layout, doc = composed
    off = body_offset(layout, fonts)
    for page in doc.pages:
        for ln in page.lines:
            if ln.role is LineRole.BODY:
                row = grid_row(layout, off, ln.baseline)
                assert abs(row - round(row)) < 1e-6 and 0 <= round(row) < layout.grid.lines


def test_no_head_or_title_stranded_at_a_page_foot(composed):
    _, layout, doc = composed
    for page in doc.pages:
        lines = sorted(page.lines, key=lambda l: (l.baseline, l.x))
        lines = [l for l in lines if l.role is not LineRole.FOLIO]
        for k, line in enumerate(lines):
            if line.role in (LineRole.HEAD, LineRole.TITLE):
                after = lines[k + 1:]
                body = [l for l in after if l.role is LineRole.BODY]
                ended = any(l.role is LineRole.BODY and l.ends_paragraph for l in after[:3]) \
                    or any(l.role is LineRole.BYLINE for l in after)
                assert len(body) >= 2 or ended, (page.number, [l.role.name for l in lines])


def test_no_widow_or_orphan_lines(composed):
    _, _, doc = composed
    paragraph, pages = [], []
    for page in doc.pages:
        for ln in sorted(page.lines, key=lambda l: l.baseline):
            if ln.role is LineRole.BODY:
                paragraph.append(page.number)
                if ln.ends_paragraph:
                    pages.append(paragraph)
                    paragraph = []
    assert pages
    for p in pages:
        if len(p) >= 2 and len(set(p)) > 1:
            counts = [p.count(n) for n in sorted(set(p))]
            assert counts[0] >= 2 and counts[-1] >= 2, p


def test_byline_stays_with_its_text(composed):
    _, _, doc = composed
    previous = None
    for page in doc.pages:
        for ln in sorted(page.lines, key=lambda l: l.baseline):
            if ln.role is LineRole.BYLINE:
                assert previous == (page.number, LineRole.BODY, True)
            if ln.role in (LineRole.BODY, LineRole.BYLINE, LineRole.TITLE, LineRole.HEAD):
                previous = (page.number, ln.role, ln.ends_paragraph)


def test_distribution_block_ends_on_the_last_grid_line(composed, fonts):
    _, layout, doc = composed
    last = doc.pages[-1]
    dist = [l for l in last.lines if l.role is LineRole.DISTRIBUTION]
    assert dist
    face = fonts.primary(layout.distribution.style.font)
    size = layout.distribution.style.size
    off = (layout.line_pitch - (face.ascent + face.descent) * size) / 2 + face.ascent * size
    assert round(grid_row(layout, off, max(l.baseline for l in dist)), 6) == layout.grid.lines - 1
    bottom = layout.block.top + layout.block.height
    assert any(abs(r.y - bottom) < 1e-6 for r in last.rules)
    for page in doc.pages[:-1]:
        assert not [l for l in page.lines if l.role is LineRole.DISTRIBUTION]


def test_contents_page_numbers_are_where_the_titles_landed(composed):
    issue, _, doc = composed
    articles = [a for c in issue.columns for a in c.articles]
    contents = [l for p in doc.pages for l in p.lines if l.role is LineRole.CONTENTS]
    numbers = [l.text for l in contents if l.text.isdigit()]
    assert len(numbers) == len(articles)
    landed = []
    for page in doc.pages:
        landed += [page.number for m in page.bookmarks if m.level == 1]
    assert [int(n) for n in numbers] == landed
    titles = [(p.number, l.text) for p in doc.pages for l in p.lines if l.role is LineRole.TITLE]
    for article, page in zip(articles, landed):   # the bookmark sits where the title is set
        assert any(n == page and t in contents_title(article) for n, t in titles)


def test_contents_never_splits_a_column_from_its_name(composed):
    _, _, doc = composed
    for page in doc.pages:
        lines = sorted([l for l in page.lines if l.role is LineRole.CONTENTS], key=lambda l: (l.baseline, l.x))
        if lines and page.number > 1:
            first_row = [l for l in lines if abs(l.baseline - lines[0].baseline) < 0.1]
            assert len(first_row) >= 2, [l.text for l in first_row]   # column name + entry


def test_folios_alternate_sides(composed, layout):
    _, layout, doc = composed
    for page in doc.pages:
        folios = [l for l in page.lines if l.role is LineRole.FOLIO]
        if page.number == 1:
            assert not folios
            continue
        assert len(folios) == 1
        f = folios[0]
        assert f.text == f"— {page.number} —"
        if page.number % 2:
            assert f.x > layout.block.left + layout.block.width / 2
        else:
            assert f.x < layout.block.left + layout.block.width / 2
        assert f.baseline > layout.block.top + layout.block.height + 7 * 72 / 25.4
