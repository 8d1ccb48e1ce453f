"""The numbers and labels compose/furniture.py writes before headings, captions and source
lines, stated here from their sources:

- GB/T 9704—2012 §7.3.3: headings are numbered 一、 （一） 1． （1） by level; a level counts
  through its article and restarts under each heading of a level above it; a number the
  editor typed counts as one.
- 表N / 图N: tables and figures are counted apart, per article or through the issue as the
  layout says (`blocks.numbering`); the number printed is always the count's.
- A label the editor typed at the start of a caption or source line (`表1：`, `表 2`, `表１．`,
  `续表1`, `资料来源：`) is not printed a second time.
"""

from __future__ import annotations

import dataclasses

from bulletin_pdf.compose.furniture import (block_numbers, caption_text, credit_text, heading_numbers, numbered,
                                            typed_label)
from bulletin_pdf.compose.keys import Part, SourceKey
from bulletin_pdf.model import (Article, Cell, Column, Figure, Inline, Issue, Paragraph, SectionHeading, Source,
                                Table)

WHERE = Source("labels.yaml", 1, "x")
TABLE_TEMPLATES = ("表{n}　{text}", "续表{n}")


def heading(level: int, numbered: bool = True) -> SectionHeading:
    return SectionHeading(level, (Inline("标题"),), numbered, WHERE)


def test_heading_numbers_count_by_level_and_restart_under_a_higher_one(layout):
    body = (heading(1), heading(2), heading(2), heading(3), heading(4), heading(3), heading(2),
            Paragraph((Inline("正文"),), WHERE), heading(1), heading(2), heading(1, numbered=False), heading(2),
            heading(4))
    article = Article(("标题",), body, None, None, WHERE)
    numbers = heading_numbers(article, layout)
    assert numbers == {0: "一、", 1: "（一）", 2: "（二）", 3: "1．", 4: "（1）", 5: "2．", 6: "（三）",
                       8: "二、", 9: "（一）", 10: "", 11: "（一）", 12: "（1）"}
    # a typed level-1 number counts as one: the next level 1 is 四、
    more = Article(("标题",), body + (heading(1),), None, None, WHERE)
    assert heading_numbers(more, layout)[13] == "四、"


def test_a_template_asks_for_the_chinese_numeral_only_by_name():
    assert numbered("{cn}、", 12) == "十二、"
    assert numbered("（{n}）", 12) == "（12）"
    assert numbered("第{cn}部分 {text}", 3, text="总则") == "第三部分 总则"


def test_tables_and_figures_are_counted_apart_per_article_or_through_the_issue(layout):
    def table():
        return Table("表", (), ((Cell("甲"),),), None, 1, WHERE)

    def figure():
        return Figure("x.png", "图", None, None, WHERE)

    first = Article(("一",), (table(), figure(), table()), None, None, WHERE)
    second = Article(("二",), (Paragraph((Inline("正文"),), WHERE), figure(), table()), None, None, WHERE)
    issue = Issue("刊", "普刊", 1, None, "编", __import__("datetime").date(2025, 1, 1), None, None,
                  (Column("栏", (first,), (), WHERE), Column("栏二", (second,), (), WHERE)), None, "labels.yaml")
    per_article = block_numbers(issue, layout)
    assert per_article == {SourceKey(Part.BLOCK, 0, 0, 0): 1, SourceKey(Part.BLOCK, 0, 0, 1): 1,
                           SourceKey(Part.BLOCK, 0, 0, 2): 2, SourceKey(Part.BLOCK, 1, 0, 1): 1,
                           SourceKey(Part.BLOCK, 1, 0, 2): 1}
    through = dataclasses.replace(layout, blocks=dataclasses.replace(layout.blocks, numbering="issue"))
    assert block_numbers(issue, through) == {SourceKey(Part.BLOCK, 0, 0, 0): 1, SourceKey(Part.BLOCK, 0, 0, 1): 1,
                                             SourceKey(Part.BLOCK, 0, 0, 2): 2, SourceKey(Part.BLOCK, 1, 0, 1): 2,
                                             SourceKey(Part.BLOCK, 1, 0, 2): 3}


def test_typed_labels_are_read_in_any_digits_and_with_their_separator():
    cases = {
        "表1　主要指标": ("主要指标", "表1", 1),
        "表 2：主要指标": ("主要指标", "表 2", 2),
        "表１．主要指标": ("主要指标", "表１", 1),
        "表12、主要指标": ("主要指标", "表12", 12),
        "表3 主要指标": ("主要指标", "表3", 3),
        "续表4": ("", "续表4", 4),
        "表一　主要指标": ("主要指标", "表一", 1),       # Chinese numerals, as many offices type them
        "表十二：主要指标": ("主要指标", "表十二", 12),
        "表二十一 主要指标": ("主要指标", "表二十一", 21),
        "表一季度数据": ("表一季度数据", "", None),      # no separator after it: text, not a label
        "表中数据": ("表中数据", "", None),          # 表 followed by text is no label
        "主要指标": ("主要指标", "", None),
    }
    for text, (rest, label, number) in cases.items():
        got = typed_label(text, TABLE_TEMPLATES)
        assert (got.rest, got.label, got.number) == (rest, label, number), text
    source = typed_label("资料来源：市统计局", ("资料来源：{text}",))
    assert (source.rest, source.label, source.number) == ("市统计局", "资料来源", None)
    assert typed_label("资料来源:市统计局", ("资料来源：{text}",)).rest == "市统计局"     # a half-width colon
    assert typed_label("市统计局", ("{text}",)).rest == "市统计局"                   # a template with no label


def test_captions_and_source_lines_print_the_counts_number_once():
    assert caption_text("表{n}　{text}", "表3：主要指标", 1, TABLE_TEMPLATES) == "表1　主要指标"
    assert caption_text("表{n}　{text}", "主要指标", 2, TABLE_TEMPLATES) == "表2　主要指标"
    assert caption_text("表{n}　{text}", None, 2) == "表2"                     # no text: no trailing space
    assert caption_text("续表{n}", "表1　主要指标", 1, TABLE_TEMPLATES) == "续表1"
    assert caption_text("图{n}　{text}", "图2、现场照片", 5, ("图{n}　{text}",)) == "图5　现场照片"
    assert credit_text("资料来源：{text}", "资料来源：市统计局") == "资料来源：市统计局"
    assert credit_text("资料来源：{text}", "市统计局") == "资料来源：市统计局"
    assert caption_text("表{n}　{text}", "表一　主要指标", 1, TABLE_TEMPLATES) == "表1　主要指标"
    # another credit label the editor typed is kept, and the layout's is not put before it
    # (it printed 资料来源：数据来源：市统计局, and called a photographer a source)
    assert credit_text("资料来源：{text}", "数据来源：市统计局") == "数据来源：市统计局"
    assert credit_text("资料来源：{text}", "来源:市统计局") == "来源:市统计局"
    assert credit_text("资料来源：{text}", "摄影：张三") == "摄影：张三"
    assert credit_text("资料来源：{text}", "张三摄") == "资料来源：张三摄"


def test_a_source_key_prints_the_fields_its_part_uses():
    """keys.py: a key is printable — its part and the indices that apply, -1 left out."""
    cell = SourceKey(Part.BLOCK, 0, 1, 2).with_part(Part.CELL, 3, 4)
    assert cell == SourceKey(Part.CELL, 0, 1, 2, 3, 4)
    assert str(cell) == "cell column 0 article 1 block 2 index 3 cell 4"
    assert str(SourceKey(Part.FOLIO, index=5)) == "folio index 5"
    assert str(SourceKey(Part.CONTENTS_HEADING)) == "contents_heading"
    assert str(SourceKey(Part.BLOCK, 0, 1, 2).with_part(Part.CAPTION)) == "caption column 0 article 1 block 2"


def test_reading_order_takes_a_line_without_glyphs_and_groups_by_the_larger_size(layout, fonts):
    """reading.py: lines within 0.3 of the larger size of their type are one line of the page,
    read left to right; a line that sets nothing (an empty furniture string) is read as size 0."""
    from bulletin_pdf.compose.frames import Document, LineRole, Page, TextLine
    from bulletin_pdf.compose.reading import document_text, reading_order
    from bulletin_pdf.compose.typeset import Setter
    from bulletin_pdf.model import Style

    setter = Setter(layout, fonts)

    def line(text, x, baseline, size, key):
        glyphs = setter.line(text, Style("body", size), 400.0).lines[0].glyphs if text else ()
        return TextLine(x, baseline, glyphs, LineRole.CONTENTS, key)

    a, b, c = (SourceKey(Part.CONTENTS_ENTRY, 0, k) for k in range(3))
    lines = (line("页码", 300.0, 100.0, 16.0, a), line("栏目", 10.0, 105.0, 18.0, b),   # 5 ≤ 0.3 × 18 (not × 16): one line
             line("", 0.0, 200.0, 16.0, c), line("下一行", 10.0, 130.0, 16.0, c))
    doc = Document((Page(1, 595.0, 842.0, lines, (), (), ()),), "t", "a", "s", "2025-01-01")
    assert [ln.text for ln in reading_order(doc)] == ["栏目", "页码", "下一行", ""]
    assert document_text(doc) == ["栏目", "页码", "下一行"]


def test_a_typed_number_not_the_counts_is_said_with_what_the_count_runs_through(tmp_path):
    """The warning names the count's scope as the layout numbers: per article (jianbao), or
    through the issue (`blocks.numbering: issue`); it said "of the issue" for both."""
    from typer.testing import CliRunner

    from bulletin_pdf.cli import app

    issue = tmp_path / "issue.yaml"
    issue.write_text("""\
publication: 测试简报
number: 1
compiled_by: 测试编
date: 2025-01-01
columns:
  - name: 栏目
    articles:
      - title: 甲
        body:
          - table: {caption: 表3　标题, rows: [[a, b]]}
      - title: 乙
        body:
          - table: {caption: 表三　标题, rows: [[a, b]]}
""", encoding="utf-8")
    (tmp_path / "through.yaml").write_text("extends: jianbao\nblocks:\n  numbering: issue\n", encoding="utf-8")
    for layout, numbers, scope in (("jianbao", (1, 1), "its article"), (str(tmp_path / "through.yaml"), (1, 2), "the issue")):
        result = CliRunner().invoke(app, ["build", str(issue), "-l", layout, "-o", str(tmp_path / "x.pdf")])
        assert result.exit_code == 0, result.stderr
        said = [ln for ln in result.stderr.splitlines() if "the caption is typed as" in ln]
        assert [f"typed as {typed}, but this is table {n} of {scope}: printed as 表{n}" in ln
                for ln, typed, n in zip(said, ("表3", "表三"), numbers)] == [True, True], said
