"""`bulletin-pdf text` reads the composed pages (issue 16, "one source of truth"): every
caption, source line, 续表 line, repeated header and cell where the pages set it, so that the
PDF read back (pdfplumber) gives the same characters in the same order — round trip 1.0 — on
the sample, the report example and an issue written here whose figures float to the next
page (one of them past its article's byline, the case `text` used to lose) and whose table
goes on under 续表. And no object address (`id()`) is a key anywhere in the code."""

from __future__ import annotations

import difflib
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from bulletin_pdf.compose import LineRole, Part
from bulletin_pdf.pipeline import build, text_of
from bulletin_pdf.writers import Format

from .pdfread import read_lines
from .test_display_words import write_issue

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "bulletin_pdf"
FOLIO = re.compile(r"—\d+—")
F = "今年以来，全市上下坚持把项目建设作为稳增长、调结构、惠民生的重要抓手，持续深化行动，工作取得积极成效。"


def test_no_object_address_is_a_key_in_the_code():
    """Keys are places in the source (compose/keys.py), files, faces — never `id()`, which
    two runs do not share and which a freed object's successor may reuse."""
    found = [f"{path.relative_to(SRC)}:{n}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"(?<![\w.])id\(", line)]
    assert found == []


def floating_issue(folder: Path) -> Path:
    """An article whose figure does not fit under seven paragraphs and floats to the next page,
    then a 25-row table that goes on under 续表; a second article ending in a figure that
    floats past its byline to the top of the next page, between two short items (where
    `text` used to lose it); a 版记."""
    Image.new("RGB", (1300, 900), (200, 30, 40)).save(folder / "photo.png")
    Image.new("L", (1300, 1000), 90).save(folder / "gray.png")
    paragraphs = "".join(f"          - {F}{F}\n" for _ in range(7))
    rows = "".join(f"                - [第{k}片区, {k}.5, 已完成]\n" for k in range(1, 26))
    path = folder / "floating.yaml"
    path.write_text(f"""\
publication: 杭州人大信息
number: 10
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 调查研究
    articles:
      - title: 全市重点项目建设情况
        body:
{paragraphs}          - figure: {{image: photo.png, caption: 项目现场, source: 市发改委}}
          - 图后的第一段：{F}{F}
          - table:
              caption: 各片区进度
              header: [[片区, 投资（亿元）, 状态]]
              rows:
{rows}              source: 市统计局
          - 表后的段落：{F}
        byline: 市人大常委会研究室 张三
      - title: 专题调研
        body:
          - {F}{F}
          - {F}{F}{F}
          - {F}
          - figure: {{image: gray.png, caption: 文末的图, source: 区人大}}
        byline: 区人大常委会办公室 李四
  - name: 信息摘登
    items:
      - text: 第一则短讯：{F}
        byline: 办公室
      - text: 第二则短讯：{F}
        byline: 研究室
      - text: 第三则短讯：{F}{F}
        byline: 研究室
distribution:
  send_to: [市人大常委会领导]
  editor: 王五
  phone: (0571)85250657
  copies: 50
""", encoding="utf-8")
    return path


def pdf_text(result, folder: Path) -> str:
    pdf = folder / "out.pdf"
    pdf.write_bytes(result.pdf)
    return "".join(ln.text for ln in read_lines(pdf) if not FOLIO.fullmatch(ln.text))


def ratio(reference: list[str], pdf: str) -> float:
    """The shared checker's round-trip measure: both sides without white space."""
    return difflib.SequenceMatcher(None, re.sub(r"\s", "", "".join(reference)), pdf, autojunk=False).ratio()


@pytest.mark.parametrize("issue, layout", [
    (ROOT / "content" / "2025-09.yaml", "jianbao"),
    (ROOT / "content" / "examples" / "report.yaml", "jianbao"),
    (ROOT / "content" / "examples" / "report.yaml", "gbt9704"),     # contents with page numbers
])
def test_text_round_trips_on_the_shipped_issues(tmp_path, issue, layout):
    text = text_of(issue, layout)
    assert ratio(text, pdf_text(build(issue, layout), tmp_path)) == 1.0


def test_floated_figures_and_continued_tables_read_where_they_are_set(tmp_path):
    path = floating_issue(tmp_path)
    result = build(path)
    doc = result.document
    text = text_of(path)
    assert ratio(text, pdf_text(result, tmp_path)) == 1.0

    def page_of(part: Part, article: int, block: int) -> int:
        return next(p.number for p in doc.pages for ln in p.lines
                    if ln.key.part is part and ln.key.column == 0 and ln.key.article == article
                    and ln.key.block == block)

    # the set-up holds: the first figure (block 7) floated past the paragraph after it to the
    # top of the page where the table (block 9) goes on; the last figure is set before its
    # byline, on the byline's page (issue 17: a figure never leaves its article)
    assert page_of(Part.CAPTION, 0, 7) > page_of(Part.BLOCK, 0, 8)
    parts = sorted({p.number for p in doc.pages for ln in p.lines if ln.role is LineRole.TABLE and ln.key.block == 9})
    assert len(parts) >= 2 and page_of(Part.CAPTION, 0, 7) in parts[1:]
    byline = next(p.number for p in doc.pages for ln in p.lines if ln.text.startswith("（区人大常委会办公室"))
    assert page_of(Part.CAPTION, 1, 3) == byline
    first_item = next(p.number for p in doc.pages for ln in p.lines if ln.key.part is Part.ITEM and ln.key.index == 0)
    assert page_of(Part.CAPTION, 1, 3) <= first_item

    # each caption and source line once, in the order the pages set them
    for line in ("图1　项目现场", "资料来源：市发改委", "图1　文末的图", "资料来源：区人大", "表1　各片区进度",
                 "资料来源：市统计局"):
        assert text.count(line) == 1, line
    figure = text.index("图1　项目现场")
    assert text.index("图后的第一段：" + F + F) < text.index("表1　各片区进度") < figure
    assert text[figure + 1:figure + 6] == ["资料来源：市发改委", "续表1", "片区", "投资（亿元）", "状态"]
    # 续表 with the header again at the top of every later part, each header cell a line
    repeats = [k for k, t in enumerate(text) if t == "续表1"]
    assert len(repeats) == len(parts) - 1
    for k in repeats:
        assert text[k + 1:k + 4] == ["片区", "投资（亿元）", "状态"]
    # every cell once, as a line of its own
    for k in range(1, 26):
        assert text.count(f"第{k}片区") == 1 and text.count(f"{k}.5") == 1
    # the figure that closes the second article is read where it was set: before its byline
    column_head = len(text) - 1 - text[::-1].index("信息摘登")      # the column's head (the contents name it first)
    assert text.index("图1　文末的图") < text.index("（区人大常委会办公室　李四）") < column_head \
        < text.index("第一则短讯：" + F) < text.index("第二则短讯：" + F)


def test_a_row_set_in_two_sizes_reads_left_to_right(tmp_path):
    """A contents column name set larger than its entry sits on a lower baseline on the same
    grid line; a reader takes the row left to right (the name, then the entry), as
    pdfplumber does, not by baseline."""
    layout = tmp_path / "big-names.yaml"
    layout.write_text("extends: jianbao\ncontents:\n  column_style: {font: heading, size: 20, grid: true}\n",
                      encoding="utf-8")
    issue = ROOT / "content" / "2025-09.yaml"
    text = text_of(issue, str(layout))
    assert text.index("助力攻坚") + 1 == text.index("上城区：打好组合拳助力因地制宜发展新质生产力")
    assert ratio(text, pdf_text(build(issue, str(layout)), tmp_path)) == 1.0


WORDS = "Project evaluation follows the PDCA cycle of plan, do, check and act in every county and district"


def test_typed_word_spaces_are_text_in_the_pdf_the_ofd_and_text(tmp_path):
    """A space typed between Latin words is a character of the text (U+0020), not only a gap:
    `bulletin-pdf text`, the PDF's drawn characters (pdfplumber's `chars`, read from the codes
    without guessing spaces from the gaps) and the OFD's text codes all keep it, once, also
    where a line breaks at it (the two words are not run together across the break). A space
    typed between two Chinese characters is dropped (clreq
    https://www.w3.org/International/clreq/#principles_of_arrangement_of_han_characters) and
    one between a Chinese character and a Latin word becomes the quarter-em gap (clreq
    #mixed_text_composition_in_horizontal_writing_mode): neither is text."""
    path = write_issue(tmp_path, "全市 重点项目 Zhejiang Daily 报道",
                       f"- 项目完成后，组织代表进行满意度测评。{WORDS}. 相关经验被 Zhejiang Daily 报道。\n"
                       f"- {WORDS}, {WORDS}.\n"
                       "- table:\n    rows: [[Finance Bureau of Hangzhou, Data Office of Xihu District, 甲, 乙, 丙, 丁, 戊]]\n")
    text = text_of(path)
    paragraph = f"项目完成后，组织代表进行满意度测评。{WORDS}. 相关经验被Zhejiang Daily报道。"
    assert paragraph in text
    assert f"{WORDS}, {WORDS}." in text
    assert "全市重点项目Zhejiang Daily报道" in text
    # a cell's line broken at a word space (read row by row, a line a string) ends in no space
    assert "Finance Bureau" in text or "Finance Bureau of" in text
    assert not [t for t in text if t != t.rstrip(" ")]
    # the set-up holds: the second paragraph breaks at least once at a word space
    result = build(path, formats=(Format.PDF, Format.OFD))
    lines = [ln for page in result.document.pages for ln in page.lines if ln.text.startswith(WORDS[:20])]
    assert lines
    second = [ln.text for page in result.document.pages for ln in page.lines
              if ln.key == lines[-1].key]
    assert any(t.endswith(" ") for t in second[:-1]), second

    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        drawn = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert f"{WORDS}. 相关经验被Zhejiang Daily报道。" in drawn
    assert f"{WORDS}, {WORDS}." in drawn
    assert "  " not in drawn        # never two for one

    z = zipfile.ZipFile(io.BytesIO(result.ofd))
    codes = "".join(code.text or "" for name in z.namelist() if name.endswith("Content.xml")
                    for code in ET.fromstring(z.read(name)).iter("{http://www.ofdspec.org/2016}TextCode"))
    assert f"{WORDS}. 相关经验被Zhejiang Daily报道。" in codes
