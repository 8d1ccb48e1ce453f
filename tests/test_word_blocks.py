"""Issue 10, "From Word": the three kinds of Word file offices send, built here with
python-docx (plus raw WordprocessingML for what python-docx cannot write: a chart, a text box,
tracked changes, an equation, a footnote, merged cells), converted with `bulletin-pdf docx`
as an editor would, and the YAML read back and checked against the block schema.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Mm, Pt
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.pipeline import build, text_of
from bulletin_pdf.editor.word.numbering import chinese_counting, format_number

NSDECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"')

CAPTION = "2025年1—9月主要财政指标（亿元）"
TEXT_BOX = "专栏：全市已建成智慧养老服务平台12个。"


# ---- the Word files ---------------------------------------------------------------------

def centred(d, text, size=None):
    p = d.add_paragraph()
    run = p.add_run(text)
    if size:
        run.font.size = Pt(size)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def raw_run(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(f"<w:r {NSDECL}>{xml}</w:r>"))


CHART = """<w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/><wp:docPr id="21" name="图表 3"/>
  <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">
  <c:chart r:id="rId999"/></a:graphicData></a:graphic></wp:inline></w:drawing>"""

TEXT_BOX_XML = f"""<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>
  <wp:docPr id="22" name="文本框 4"/><a:graphic>
  <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{TEXT_BOX}</w:t></w:r></w:p></w:txbxContent></wps:txbx>
  </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{TEXT_BOX}</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"""


def photo(path: Path, colour=(200, 40, 40)) -> Path:
    Image.new("RGB", (300, 200), colour).save(path)
    return path


def table_file(path: Path, tmp: Path) -> Path:
    """A report with a 3-row table of figures, an inline photo with its 图1 caption, a chart,
    a text box, tracked changes, an equation and a footnote."""
    d = docx.Document()
    centred(d, "全市财政运行情况调研报告", 22)
    d.add_paragraph("今年以来，全市财政运行总体平稳。主要数据见下表。")
    d.add_paragraph("表1　" + CAPTION)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "金额", "同比增长"), ("一般公共预算收入", "1,234.5", "5.2%"),
                             ("税收收入", "1,020.3", "4.8%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("资料来源：杭州市财政局")
    d.add_paragraph("收入结构持续优化。").add_run().add_picture(str(photo(tmp / "p.png")), width=Mm(100))
    d.add_paragraph("图1　" + CAPTION)
    p = d.add_paragraph("各项支出保障有力，详见图表。")
    raw_run(p, CHART)
    p = d.add_paragraph("民生支出占比保持在八成以上。")
    raw_run(p, TEXT_BOX_XML)
    p = d.add_paragraph("预算执行进度")
    p._p.append(parse_xml(f'<w:ins {NSDECL} w:id="1" w:author="审稿人"><w:r><w:t>符合</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {NSDECL} w:id="2" w:author="审稿人"><w:r><w:delText>基本</w:delText></w:r></w:del>'))
    p.add_run("预期。")
    p = d.add_paragraph("增长率按下式计算：")
    p._p.append(parse_xml(f"<m:oMath {NSDECL}><m:r><m:t>g=(a-b)/b</m:t></m:r></m:oMath>"))
    p = d.add_paragraph("数据为快报数")
    add_footnote(d, p, "快报数据以决算为准。")
    p.add_run("。")
    d.add_paragraph("注：本文金额均为现价。")
    d.save(str(path))
    return path


def add_footnote(d, paragraph, text: str) -> None:
    """A footnotes part with one footnote, referenced from `paragraph` (python-docx does not
    write footnotes)."""
    xml = (f'<w:footnotes {NSDECL}><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
           '</w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", xml, d.part.package)
    rid = d.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes")
    assert rid
    raw_run(paragraph, '<w:footnoteReference w:id="1"/>')


NUMBERING = f"""<w:abstractNum {NSDECL} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""


def numbered_file(path: Path) -> Path:
    """A 调研报告 whose headings are Word's automatic numbering: the `List Number` style points
    at a chineseCounting definition (一、二、三、), deeper levels by ilvl; typed 1. and （1）
    headings; a centred byline under a centred two-line title."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    first_num.addprevious(parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    num_pr = d.styles["List Number"].element.pPr.numPr
    num_pr.numId.val = 90
    centred(d, "关于全市养老服务体系建设", 22)
    centred(d, "情况的调研报告", 22)
    centred(d, "市人大常委会研究室 王　昆", 16)
    d.add_paragraph("根据年度工作安排，调研组开展了专题调研。")
    d.add_paragraph("基本情况", style="List Number")
    d.add_paragraph("全市共有养老机构300余家。")
    sub = d.add_paragraph("机构建设", style="List Number")
    sub.paragraph_format.element.get_or_add_pPr().get_or_add_numPr().get_or_add_ilvl().val = 1
    d.add_paragraph("1.床位数量")
    d.add_paragraph("（1）护理型床位")
    d.add_paragraph("护理型床位占比逐年提高。")
    d.add_paragraph("存在的问题", style="List Number")
    d.add_paragraph("一是专业人才不足。二是运营成本较高。")
    d.add_paragraph("意见建议", style="List Number")
    d.add_paragraph("建议加大财政支持力度。")
    d.save(str(path))
    return path


def items_file(path: Path, column_name: str | None = None) -> Path:
    """Two 信息摘登 items in one file, no title, each closed by its （byline）."""
    d = docx.Document()
    if column_name:
        centred(d, column_name)
    d.add_paragraph("淳安县人大常委会坚持效果导向，组织代表开展专题视察，推动问题整改落实。"
                    "（淳安县人大常委会办公室 何沐阳）")
    d.add_paragraph("钱塘区人大常委会高度重视生态文明建设，听取和审议专项工作报告。")
    right = d.add_paragraph("（钱塘区人大常委会城建环保工委 王　昆）")
    right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


# ---- converting as an editor would ------------------------------------------------------

def convert(path: Path, cwd: Path, monkeypatch, *args: str) -> tuple[object, list[str]]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, ["docx", str(path), *args])
    assert result.exit_code == 0, result.stderr
    *lines, last = result.stderr.splitlines()
    warnings = [ln for ln in lines if ln.startswith("warning: ")]
    assert len(warnings) == len(lines), result.stderr
    assert last.startswith(f"{path}: ") and last.endswith(f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
                                                          + (" above: read them" if warnings else "")), last
    data = yaml.safe_load(textwrap.dedent(result.stdout))
    if isinstance(data, list):          # an article: one list item to paste under `articles:`
        (data,) = data
    return data, warnings


BLOCK_KINDS = {"heading", "note", "list", "table", "figure"}


def check_schema(body: list, base: Path) -> None:
    """The body against docs/issue-format.md, "Blocks of an article", stated here: a string, or a
    one-key mapping naming a kind (heading's `level` 1–4 beside it); a table has rows, and every
    row the same number of columns once colspan/rowspan are counted; a figure's image is a file
    beside the issue."""
    for block in body:
        if isinstance(block, str):
            assert block.strip()
            continue
        kind = next(iter(block))
        assert kind in BLOCK_KINDS, block
        if kind == "heading":
            assert set(block) <= {"heading", "level"} and block["level"] in (1, 2, 3, 4)
            assert isinstance(block["heading"], str) and block["heading"]
        elif kind in ("note",):
            assert len(block) == 1 and isinstance(block["note"], str)
        elif kind == "list":
            assert len(block) == 1 and all(isinstance(i, str) for i in block["list"])
        elif kind == "table":
            table = block["table"]
            assert set(table) <= {"caption", "header", "rows", "source"} and table["rows"]
            grid = table.get("header", []) + table["rows"]
            widths = [0] * len(grid)
            for r, row in enumerate(grid):
                for cell in row:
                    if isinstance(cell, dict):
                        assert set(cell) <= {"text", "colspan", "rowspan"}
                        for k in range(r, r + cell.get("rowspan", 1)):
                            widths[k] += cell.get("colspan", 1)
                    else:
                        assert isinstance(cell, str)
                        widths[r] += 1
            assert len(set(widths)) == 1, widths
        elif kind == "figure":
            figure = block["figure"]
            assert set(figure) <= {"image", "caption", "source", "width"}
            image = base / figure["image"]
            assert image.is_file() and image.suffix in (".jpg", ".png", ".tif")


def test_table_photo_and_what_cannot_come(tmp_path, monkeypatch):
    path = table_file(tmp_path / "财政.docx", tmp_path)
    article, warnings = convert(path, tmp_path, monkeypatch)
    body = article["body"]
    check_schema(body, tmp_path)
    assert article["title"] == "全市财政运行情况调研报告"
    tables = [b["table"] for b in body if isinstance(b, dict) and "table" in b]
    assert tables == [{"caption": CAPTION, "header": [["指标", "金额", "同比增长"]],
                       "rows": [["一般公共预算收入", "1,234.5", "5.2%"], ["税收收入", "1,020.3", "4.8%"]],
                       "source": "杭州市财政局"}]
    figures = [b["figure"] for b in body if isinstance(b, dict) and "figure" in b]
    assert figures == [{"image": "images/财政-1.png", "caption": CAPTION, "width": "100mm"}]   # as placed
    assert Image.open(tmp_path / "images/财政-1.png").size == (300, 200)
    # the captions are not also paragraphs; the text before the table stays
    assert "今年以来，全市财政运行总体平稳。主要数据见下表。" in body and not any(isinstance(b, str) and CAPTION in b for b in body)
    assert {"note": "本文金额均为现价。"} in body
    # tracked changes read as accepted, the text box offered after its paragraph
    assert "预算执行进度符合预期。" in body
    assert body[body.index("民生支出占比保持在八成以上。") + 1] == TEXT_BOX
    assert body.count(TEXT_BOX) == 1           # the VML fallback is not a second copy
    assert body[-1] == {"note": "快报数据以决算为准。"}
    # every element it cannot bring is named, with its paragraph and nearby text
    expect = {"a chart": "paragraph 7 (near “各项支出保障有力，详见图表。”)",
              "a text box": "paragraph 8 (near “民生支出占比保持在八成以上。”)",
              "tracked changes": "paragraph 9 (near “预算执行进度符合预期。”)",
              "an equation": "paragraph 10 (near “增长率按下式计算：”)",
              "a footnote": "paragraph 11 (near “数据为快报数”)"}
    for what, where in expect.items():
        assert any(w.startswith(f"warning: {where}: {what} ") for w in warnings), (what, warnings)
    assert len(warnings) == len(expect), warnings


def test_the_editor_is_told_what_came(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["docx", str(table_file(tmp_path / "财政.docx", tmp_path))])
    assert result.stderr.splitlines()[-1] == (
        f"{tmp_path / '财政.docx'}: an article: 8 paragraphs, 1 table, 1 figure, 2 notes "
        "(pictures saved in images/); 5 warnings above: read them")


def test_numbered_headings_and_centred_byline(tmp_path, monkeypatch):
    article, warnings = convert(numbered_file(tmp_path / "养老.docx"), tmp_path, monkeypatch)
    assert warnings == []
    assert article["title"] == ["关于全市养老服务体系建设", "情况的调研报告"]
    assert article["byline"] == "市人大常委会研究室 王　昆"
    check_schema(article["body"], tmp_path)
    headings = [(b["heading"], b["level"]) for b in article["body"] if isinstance(b, dict)]
    assert headings == [("一、基本情况", 1), ("（一）机构建设", 2), ("1.床位数量", 3), ("（1）护理型床位", 4),
                        ("二、存在的问题", 1), ("三、意见建议", 1)]
    assert "一是专业人才不足。二是运营成本较高。" in article["body"]


def test_two_items_in_one_file(tmp_path, monkeypatch):
    content, warnings = convert(items_file(tmp_path / "摘登.docx"), tmp_path, monkeypatch, "--indent", "6")
    assert warnings == []
    assert content == {"items": [
        {"text": "淳安县人大常委会坚持效果导向，组织代表开展专题视察，推动问题整改落实。",
         "byline": "淳安县人大常委会办公室 何沐阳"},
        {"text": "钱塘区人大常委会高度重视生态文明建设，听取和审议专项工作报告。",
         "byline": "钱塘区人大常委会城建环保工委 王　昆"}]}
    # pasted under a column (the column's `items:` at 4 spaces), the issue builds with 2 items
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["docx", str(tmp_path / "摘登.docx")]).stdout
    issue = tmp_path / "issue.yaml"
    issue.write_text("publication: 杭州人大信息\nnumber: 10\ncompiled_by: 杭州市人大常委会研究室编\n"
                     "date: 2025-10-30\ncolumns:\n  - name: 信息摘登\n" + out, encoding="utf-8")
    (column,) = build(issue, "jianbao").issue.columns
    assert [it.byline for it in column.items] == [it["byline"] for it in content["items"]]


def test_items_under_the_column_name(tmp_path, monkeypatch):
    content, warnings = convert(items_file(tmp_path / "摘登.docx", "信息摘登"), tmp_path, monkeypatch)
    assert [it["byline"] for it in content["items"]] == ["淳安县人大常委会办公室 何沐阳",
                                                        "钱塘区人大常委会城建环保工委 王　昆"]
    assert warnings == ["warning: paragraph 1 (near “信息摘登”): text (“信息摘登”) is read as the column's "
                        "name over 2 items and left out: items have no title"]


def merged_table_file(path: Path) -> Path:
    d = docx.Document()
    centred(d, "合并单元格")
    d.add_paragraph("见下表。")
    t = d.add_table(rows=4, cols=3)
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {NSDECL}/>'))
    for r in range(4):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "纵向"
    t.cell(3, 0).merge(t.cell(3, 1)).text = "合计"
    d.save(str(path))
    return path


def test_merged_cells_become_spans(tmp_path, monkeypatch):
    article, warnings = convert(merged_table_file(tmp_path / "m.docx"), tmp_path, monkeypatch)
    assert warnings == []
    (table,) = [b["table"] for b in article["body"] if isinstance(b, dict)]
    assert table == {"header": [["00", "01", "02"]],
                     "rows": [[{"text": "纵向", "rowspan": 2}, "11", "12"], ["21", "22"],
                              [{"text": "合计", "colspan": 2}, "32"]]}


def test_a_picture_across_the_text_width_takes_the_layouts_width(tmp_path, monkeypatch):
    d = docx.Document()                 # Letter, 1.25 in margins: text 152.4 mm wide
    centred(d, "图片")
    d.add_paragraph("正文。")
    d.add_paragraph().add_run().add_picture(str(photo(tmp_path / "p.png")), width=Mm(140))
    d.add_paragraph().add_run().add_picture(str(photo(tmp_path / "q.png", (9, 9, 9))), width=Mm(130))
    d.save(str(tmp_path / "w.docx"))
    article, _ = convert(tmp_path / "w.docx", tmp_path, monkeypatch)
    assert [b["figure"] for b in article["body"] if isinstance(b, dict)] == [
        {"image": "images/w-1.png"}, {"image": "images/w-2.png", "width": "130mm"}]


def test_images_never_overwrite_a_different_file(tmp_path, monkeypatch):
    path = table_file(tmp_path / "财政.docx", tmp_path)
    (tmp_path / "images").mkdir()
    photo(tmp_path / "images" / "财政-1.png", (0, 0, 255))
    before = (tmp_path / "images" / "财政-1.png").read_bytes()
    article, _ = convert(path, tmp_path, monkeypatch, "--images", "pics")
    figures = [b["figure"]["image"] for b in article["body"] if isinstance(b, dict) and "figure" in b]
    assert figures == ["pics/财政-1.png"]
    article, _ = convert(path, tmp_path, monkeypatch)
    figures = [b["figure"]["image"] for b in article["body"] if isinstance(b, dict) and "figure" in b]
    assert figures == ["images/财政-1-2.png"]
    assert (tmp_path / "images" / "财政-1.png").read_bytes() == before
    article, _ = convert(path, tmp_path, monkeypatch)     # the same picture again: reused
    assert [b["figure"]["image"] for b in article["body"] if isinstance(b, dict) and "figure" in b] == figures
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["财政-1-2.png", "财政-1.png"]


# ---- Word's number formats --------------------------------------------------------------

HAN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def read_chinese(text: str) -> int:
    """An independent reader of Chinese counting numbers (一百零五 → 105)."""
    total, digit = 0, 0
    for ch in text:
        if ch in HAN:
            digit = HAN[ch]
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            total += digit * 100
            digit = 0
    return total + digit


@given(st.integers(1, 999))
@example(10)
@example(11)
@example(20)
@example(101)
@example(110)
def test_chinese_counting_reads_back(n):
    assert read_chinese(chinese_counting(n)) == n


def test_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 12, 20, 105)] == ["一", "十", "十二", "二十", "一百零五"]
    assert format_number(10, "ideographDigital") == "一〇"
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "lowerRoman") == "iv"


# ---- tables of any shape ----------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(st.integers(2, 5), st.integers(2, 4), st.data())
@example(2, 2, None)
def test_any_merge_keeps_the_table_rectangular(rows, cols, data):
    import tempfile

    d = docx.Document()
    centred(d, "表")
    d.add_paragraph("正文。")
    t = d.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            t.cell(r, c).text = f"格{r}{c}"
    merges = data.draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1),
                                          st.integers(0, rows - 1), st.integers(0, cols - 1)), max_size=2)) \
        if data is not None else [(0, 0, 1, 1)]
    for r1, c1, r2, c2 in merges:
        try:
            t.cell(r1, c1).merge(t.cell(r2, c2))
        except Exception:          # python-docx refuses overlapping merges; skip those
            pass
    with tempfile.TemporaryDirectory() as tmp:
        d.save(f"{tmp}/t.docx")
        result = CliRunner().invoke(app, ["docx", f"{tmp}/t.docx", "--images", f"{tmp}/images"])
    assert result.exit_code == 0, result.stderr
    (article,) = yaml.safe_load(textwrap.dedent(result.stdout))
    check_schema(article["body"], Path("."))
    table = next(b["table"] for b in article["body"] if isinstance(b, dict))
    texts = "".join(str(c if isinstance(c, str) else c["text"]) for row in table.get("header", []) + table["rows"]
                    for c in row)
    for r in range(rows):                  # every cell's text is somewhere (merged cells join theirs)
        for c in range(cols):
            assert f"格{r}{c}" in texts
    assert "cannot" not in result.stderr or "merged across the header" in result.stderr


def test_one_row_table_is_a_body_row(tmp_path, monkeypatch):
    name = "one-row"
    d = docx.Document()
    centred(d, "单行表")
    d.add_paragraph("正文。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "甲", "乙"
    d.save(str(tmp_path / f"{name}.docx"))
    article, _ = convert(tmp_path / f"{name}.docx", tmp_path, monkeypatch)
    assert {"table": {"rows": [["甲", "乙"]]}} in article["body"]


# ---- the other things offices' Word files hold ------------------------------------------

SMARTART = """<w:drawing><wp:inline><wp:docPr id="31" name="SmartArt 1"/><a:graphic>
  <a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:graphic></wp:inline></w:drawing>"""
OLE = """<w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" ProgID="Excel.Sheet.12"/></w:object>"""
HYPERLINK = ('<w:hyperlink {ns} r:id="rId77"><w:r><w:t>市人大常委会门户网站</w:t></w:r></w:hyperlink>')
SEQ_FIELD = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> SEQ 图 \\* ARABIC </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
UNKNOWN = '<w:unknownWrapper><w:r><w:t>藏在未知元素里的字</w:t></w:r></w:unknownWrapper>'


def features_file(path: Path, tmp: Path) -> Path:
    """Title style, a byline in （…） centred under it, Heading 1/2 styles without numbers,
    bullets, a floating GIF picture with a SEQ-field caption, SmartArt, an embedded
    spreadsheet, a hyperlink, a table with two header rows and a cell merged across them
    and the body, and text in an element this tool does not know."""
    d = docx.Document()
    d.add_paragraph("全市人大代表联络站建设情况", style="Title")
    centred(d, "（市人大常委会代表工作委员会 李　明）")
    d.add_paragraph("近年来，全市代表联络站建设不断深化。")
    d.add_paragraph("主要成效", style="Heading 1")
    d.add_paragraph("联络站覆盖全部镇街。")
    d.add_paragraph("阵地建设", style="Heading 2")
    d.add_paragraph("统一标识", style="List Bullet")
    d.add_paragraph("统一制度", style="List Bullet")
    p = d.add_paragraph("联络站分布情况如下。")
    gif = tmp / "map.gif"
    Image.new("P", (120, 80), 3).save(gif)
    p.add_run().add_picture(str(gif))
    inline = p._p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline")
    inline.tag = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"   # floating
    caption = d.add_paragraph("图", style="Caption")
    for run in parse_xml(f"<w:p {NSDECL}>{SEQ_FIELD}</w:p>"):
        caption._p.append(run)
    caption.add_run("　全市代表联络站分布")
    raw_run(d.add_paragraph("工作流程见图示。"), SMARTART)
    raw_run(d.add_paragraph("明细见附件表格。"), OLE)
    p = d.add_paragraph("详见")
    p._p.append(parse_xml(HYPERLINK.format(ns=NSDECL)))
    p.add_run("。")
    t = d.add_table(rows=4, cols=2)
    for r in range(2):
        t.rows[r]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {NSDECL}/>"))
    for r, (a, b) in enumerate([("类别", "数量"), ("", "个"), ("站", "120"), ("点", "300")]):
        t.cell(r, 0).text, t.cell(r, 1).text = a, b
    for r, merge in enumerate(('<w:vMerge w:val="restart"/>', "<w:vMerge/>", "<w:vMerge/>")):
        t.cell(r, 0)._tc.get_or_add_tcPr().append(parse_xml(merge.replace("<w:vMerge", f"<w:vMerge {NSDECL}")))
    p = d.add_paragraph("以上为")
    p._p.append(parse_xml(f"<w:p {NSDECL}>{UNKNOWN}</w:p>")[0])
    p.add_run("统计口径。")
    d.save(str(path))
    return path


def test_styles_bullets_floating_picture_and_the_rest(tmp_path, monkeypatch):
    article, warnings = convert(features_file(tmp_path / "联络站.docx", tmp_path), tmp_path, monkeypatch)
    body = article["body"]
    check_schema(body, tmp_path)
    assert article["title"] == "全市人大代表联络站建设情况"
    assert article["byline"] == "市人大常委会代表工作委员会 李　明"
    assert {"heading": "主要成效", "level": 1} in body and {"heading": "阵地建设", "level": 2} in body
    assert {"list": ["统一标识", "统一制度"]} in body
    figure = next(b["figure"] for b in body if isinstance(b, dict) and "figure" in b)
    # GIF → PNG; 120 px at 72 dpi is 42 mm wide in Word
    assert figure == {"image": "images/联络站-1.png", "caption": "全市代表联络站分布", "width": "42mm"}
    assert Image.open(tmp_path / figure["image"]).format == "PNG"
    assert "详见市人大常委会门户网站。" in body
    table = next(b["table"] for b in body if isinstance(b, dict) and "table" in b)
    assert table["header"] == [[{"text": "类别", "rowspan": 2}, "数量"], ["个"]]
    assert table["rows"] == [["站", "120"], ["点", "300"]]    # the merge is cut, its text kept
    expect = {"a SmartArt diagram": "paragraph 11 (near “工作流程见图示。”)",
              "an embedded object": "paragraph 12 (near “明细见附件表格。”)",
              "a table": "table 1, row 1 (near “类别”)",
              "text": "paragraph 14 (near “以上为统计口径。”)"}
    for what, where in expect.items():
        assert any(w.startswith(f"warning: {where}: {what} ") for w in warnings), (what, warnings)
    assert any("藏在未知元素里的字" in w for w in warnings)
    assert len(warnings) == len(expect), warnings


# ---- nothing silently lost --------------------------------------------------------------

HAN_TEXT = st.text(alphabet="人大常委会代表监督财政预算养老服务建设工作情况年月", min_size=2, max_size=12)
KINDS = ("paragraph", "typed", "numbered", "table", "picture", "chart", "text box", "note", "caption",
         "inserted", "equation", "hidden")


@settings(max_examples=20, deadline=None)
@given(parts=st.lists(st.tuples(st.sampled_from(KINDS), HAN_TEXT), min_size=1, max_size=8))
@example(parts=[("caption", "标题"), ("picture", "图")])
@example(parts=[("table", "表格"), ("caption", "表名")])
def test_every_text_is_in_the_yaml_or_a_warning(parts, tmp_path_factory):
    """Whatever mix of blocks a file holds, each text typed into it comes out in the YAML or is
    named in a warning, and each picture, table and typed heading is a block."""
    tmp = tmp_path_factory.mktemp("mix")
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num").addprevious(
        parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    d.styles["List Number"].element.pPr.numPr.numId.val = 90
    centred(d, "测试标题")
    d.add_paragraph("正文开头。")
    expected_kinds = []
    for k, (kind, text) in enumerate(parts):
        text = f"{text}{k}"
        if kind == "paragraph":
            d.add_paragraph(text + "。")
        elif kind == "typed":
            d.add_paragraph(f"（{k + 1}）{text}")
            expected_kinds.append("heading")
        elif kind == "numbered":
            d.add_paragraph(text, style="List Number")
            expected_kinds.append("heading")
        elif kind == "table":
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text, t.cell(1, 1).text = text, text + "格"
            expected_kinds.append("table")
        elif kind == "picture":
            d.add_paragraph().add_run().add_picture(str(photo(tmp / f"{k}.png", (k * 20 % 255, 80, 80))))
            expected_kinds.append("figure")
        elif kind == "chart":
            raw_run(d.add_paragraph(text + "。"), CHART)
        elif kind == "text box":
            raw_run(d.add_paragraph(text + "。"), TEXT_BOX_XML.replace(TEXT_BOX, text + "框"))
        elif kind == "note":
            d.add_paragraph(f"注：{text}")
        elif kind == "caption":
            d.add_paragraph(f"图{k}　{text}")
        elif kind == "inserted":        # a tracked insertion: in the text, as if accepted
            p = d.add_paragraph("修改")
            p._p.append(parse_xml(f'<w:ins {NSDECL} w:id="{k}" w:author="甲"><w:r><w:t>{text}</w:t></w:r></w:ins>'))
        elif kind == "equation":        # named in the warning
            p = d.add_paragraph("公式")
            p._p.append(parse_xml(f"<m:oMath {NSDECL}><m:r><m:t>{text[:8]}</m:t></m:r></m:oMath>"))
        elif kind == "hidden":          # named in the warning
            raw_run(d.add_paragraph("可见。"), f"<w:rPr><w:vanish/></w:rPr><w:t>{text[:8]}</w:t>")
    d.save(str(tmp / "mix.docx"))
    result = CliRunner().invoke(app, ["docx", str(tmp / "mix.docx"), "--images", str(tmp / "images")])
    assert result.exit_code == 0, result.stderr
    (article,) = yaml.safe_load(textwrap.dedent(result.stdout))
    body = article["body"]
    check_schema(body, Path.cwd())     # images are referenced from the current folder
    found = [next(iter(b)) for b in body if isinstance(b, dict)]
    for kind in ("heading", "table", "figure"):
        assert found.count(kind) == expected_kinds.count(kind), (found, expected_kinds)
    for k, (kind, text) in enumerate(parts):
        text = f"{text}{k}"
        if kind in ("equation", "hidden"):   # named in a warning (its first characters)
            assert text[:8] in result.stderr, (text, result.stderr)
        elif kind != "picture":        # a picture has no text of its own
            assert text in result.stdout or text in result.stderr, (text, result.stdout, result.stderr)
        if kind == "chart":
            assert f"(near “{snippet_of(text + '。')}”): a chart" in result.stderr
        if kind == "text box":
            assert text + "框" in result.stdout and "a text box" in result.stderr


def snippet_of(text: str) -> str:
    return text if len(text) <= 16 else text[:16] + "…"


def test_errors_an_editor_can_act_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    d.add_table(rows=1, cols=1).cell(0, 0).text = "只有表格"
    d.save("table-only.docx")
    runner = CliRunner()
    result = runner.invoke(app, ["docx", "table-only.docx"])
    assert result.exit_code == 2 and "table-only.docx: no title found" in result.stderr
    result = runner.invoke(app, ["docx", "missing.docx"])
    assert result.exit_code == 2 and "missing.docx: no such file" in result.stderr
    table_file(tmp_path / "r.docx", tmp_path)
    (tmp_path / "pics").write_text("not a folder")
    result = runner.invoke(app, ["docx", "r.docx", "--images", "pics"])
    assert result.exit_code == 2 and "pics: is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("second, title, byline", [
    ("（市人大常委会研究室 王　昆）", ["上城区：打好组合拳"], "市人大常委会研究室 王　昆"),
    ("西湖区人大常委会办公室 方敏杰", ["上城区：打好组合拳"], "西湖区人大常委会办公室 方敏杰"),
    ("文/张　三", ["上城区：打好组合拳"], "文/张　三"),
    ("助力因地制宜发展新质生产力", ["上城区：打好组合拳", "助力因地制宜发展新质生产力"], None),
    ("西湖区人大常委会 聚焦民生", ["上城区：打好组合拳", "西湖区人大常委会 聚焦民生"], None),
])
def test_second_centred_line_title_or_byline(tmp_path, monkeypatch, second, title, byline):
    d = docx.Document()
    centred(d, "上城区：打好组合拳")
    centred(d, second)
    d.add_paragraph("今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务。")
    d.save(str(tmp_path / "t.docx"))
    article, _ = convert(tmp_path / "t.docx", tmp_path, monkeypatch)
    assert article["title"] == (title if len(title) > 1 else title[0])
    assert article.get("byline") == byline


def test_smaller_centred_line_under_the_title_is_the_byline(tmp_path, monkeypatch):
    d = docx.Document()
    centred(d, "上城区：打好组合拳", 22)
    centred(d, "方敏杰　王　昆", 16)
    d.add_paragraph("今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务。")
    d.save(str(tmp_path / "t.docx"))
    article, _ = convert(tmp_path / "t.docx", tmp_path, monkeypatch)
    assert (article["title"], article["byline"]) == ("上城区：打好组合拳", "方敏杰　王　昆")


def test_odd_places_old_pictures_and_page_headers(tmp_path, monkeypatch):
    """A text box inside a table cell comes once, after the table; an old-style (VML) picture
    is a figure; the page header's text is named, not brought."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "杭州人大信息（内部资料）"
    centred(d, "旧格式图片")
    d.add_paragraph("正文。")
    t = d.add_table(rows=2, cols=1)
    t.cell(0, 0).text, t.cell(1, 0).text = "项目", "内容"
    raw_run(t.cell(1, 0).paragraphs[0], TEXT_BOX_XML.replace(TEXT_BOX, "格内文本框"))
    rid, _ = d.part.get_or_add_image(str(photo(tmp_path / "v.png", (1, 2, 3))))
    raw_run(d.add_paragraph("旧图如下。"), f'<w:pict><v:shape><v:imagedata r:id="{rid}"/></v:shape></w:pict>')
    d.save(str(tmp_path / "old.docx"))
    article, warnings = convert(tmp_path / "old.docx", tmp_path, monkeypatch)
    body = article["body"]
    assert body[1] == {"table": {"header": [["项目"]], "rows": [["内容"]]}} and body[2] == "格内文本框"
    assert body.count("格内文本框") == 1
    assert body[3:] == ["旧图如下。", {"figure": {"image": "images/old-1.png"}}]
    assert warnings == [
        "warning: table 1, row 2, column 1 (near “内容”): a text box (“格内文本框”) is given as paragraph(s) "
        "after the table: keep, move or delete it",
        "warning: page header: text (“杭州人大信息（内部资料）”) is left out: the layout prints its own"]


# ---- merged cells, read straight from the grid ------------------------------------------

def test_spans_fill_skipped_columns_and_report_what_cannot_be():
    from bulletin_pdf.editor.word.blocks import Cell
    from bulletin_pdf.editor.word.tables import GridCell, Merge, spans

    shape = spans([
        [GridCell(0, 1, Merge.RESTART, "甲"), GridCell(1, 2, None, "乙")],
        [GridCell(0, 1, Merge.CONTINUE, ""), GridCell(2, 1, None, "丙")],     # w:gridBefore-like gap at 1
        [GridCell(0, 1, None, "丁"), GridCell(1, 1, Merge.CONTINUE, "戊")],   # merged with nothing above
    ], header_rows=1)
    assert shape.header == ((Cell("甲"), Cell("乙", colspan=2)),)           # the merge is cut at the header
    assert shape.rows == ((Cell(""), Cell(""), Cell("丙")), (Cell("丁"), Cell("戊"), Cell("")))
    assert [(p.row, p.text) for p in shape.problems] == [(1, "甲"), (3, "戊")]
    assert "across the header" in shape.problems[0].message and "nothing above" in shape.problems[1].message


def test_picture_in_a_text_box_comes_once_with_its_caption_and_hidden_text_is_named(tmp_path, monkeypatch):
    d = docx.Document()
    centred(d, "文本框里的图")
    d.add_paragraph("正文。")
    rid, _ = d.part.get_or_add_image(str(photo(tmp_path / "b.png", (5, 5, 5))))
    box = f"""<w:drawing><wp:anchor><wp:docPr id="40" name="文本框 9"/><a:graphic>
      <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>
      <w:txbxContent><w:p><w:r><w:drawing><wp:inline><wp:extent cx="1800000" cy="1200000"/><wp:docPr id="41" name="图片 1"/>
        <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
        <pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>
        <a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
      <w:p><w:r><w:t>图1　框中照片</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>
      </a:graphicData></a:graphic></wp:anchor></w:drawing>"""
    raw_run(d.add_paragraph("见照片。"), box)
    p = d.add_paragraph("可见文字。")
    raw_run(p, '<w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t>')
    d.save(str(tmp_path / "box.docx"))
    article, warnings = convert(tmp_path / "box.docx", tmp_path, monkeypatch)
    assert article["body"] == ["正文。", "见照片。", {"figure": {"image": "images/box-1.png", "caption": "框中照片",
                                                                "width": "50mm"}}, "可见文字。"]
    assert warnings == [
        "warning: paragraph 3 (near “见照片。”): a text box (“图1　框中照片”) is given as paragraph(s) after "
        "this paragraph: keep, move or delete it",
        "warning: paragraph 4 (near “可见文字。”): text (“隐藏文字”) is hidden in Word and left out: unhide it "
        "in Word if it belongs to the article"]


def test_a_table_nested_in_a_cell_keeps_its_text_and_pictures(tmp_path, monkeypatch):
    d = docx.Document()
    centred(d, "嵌套表")
    d.add_paragraph("正文。")
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内一"
    inner.cell(0, 1).paragraphs[0].add_run().add_picture(str(photo(tmp_path / "n.png")))
    d.save(str(tmp_path / "nest.docx"))
    article, warnings = convert(tmp_path / "nest.docx", tmp_path, monkeypatch)
    assert article["body"][1:] == [{"table": {"rows": [["外", "内一"]]}}, {"figure": {"image": "images/nest-1.png",
                                                                                    "width": "106mm"}}]
    assert [w.split(": ", 2)[1:] for w in warnings] == [
        ["table 1, row 1, column 2 (near “外”)", "a table inside a table cannot be nested: its text is put in the cell"],
        ["table 1, row 1, column 2 (near “内一”)", "a picture inside a table cannot be placed in its cell: "
         "images/nest-1.png is given as a figure after the table"]]


def test_byline_typed_at_the_end_of_the_last_paragraph(tmp_path, monkeypatch):
    d = docx.Document()
    centred(d, "临平区：“三个紧盯”助推共同富裕")
    d.add_paragraph("临平区人大常委会聚焦乡村振兴。")
    d.add_paragraph("下一步将持续跟踪监督。（临平区人大常委会办公室 沈　洁）")
    d.save(str(tmp_path / "end.docx"))
    article, _ = convert(tmp_path / "end.docx", tmp_path, monkeypatch)
    assert article["byline"] == "临平区人大常委会办公室 沈　洁"
    assert article["body"] == ["临平区人大常委会聚焦乡村振兴。", "下一步将持续跟踪监督。"]


@given(st.integers(-50, 3000), st.sampled_from([
    "decimal", "chineseCounting", "ideographDigital", "chineseLegalSimplified", "ideographTraditional",
    "decimalFullWidth", "decimalEnclosedCircle", "decimalEnclosedParen", "decimalZero", "upperRoman",
    "lowerRoman", "upperLetter", "lowerLetter", "none", "someFutureFormat"]))
@example(-1, "ideographDigital")
@example(0, "upperRoman")
def test_every_number_format_gives_a_label(n, fmt):
    label = format_number(n, fmt)
    assert isinstance(label, str) and (label or fmt == "none")


def test_a_docx_without_a_body_is_named_damaged(tmp_path, monkeypatch):
    """Found by mutating the test files' XML at random: no traceback, an editor's message."""
    import re
    import zipfile

    good = table_file(tmp_path / "good.docx", tmp_path)
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(tmp_path / "bad.docx", "w") as out:
        for name in z.namelist():
            data = z.read(name)
            if name == "word/document.xml":
                data = re.sub(rb"<w:body>.*</w:body>", b"", data, flags=re.S)
            out.writestr(name, data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["docx", "bad.docx"])
    assert result.exit_code == 2 and "bad.docx: a damaged .docx: it has no document body" in result.stderr


CIRCLED = f"""<w:abstractNum {NSDECL} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircleChinese"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>"""


def test_a_word_list_numbered_1_2_or_circled_is_numbered_once(tmp_path, monkeypatch):
    """Word's automatic ①② and 1. 2. numbers come in typed (what the editor saw in Word), and
    the built page prints them once: the layout's own marker (`1．`) is left out of a list
    whose every item has its typed marker (it printed `1．①预算执行；`)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num").addprevious(parse_xml(CIRCLED))
    numbering.append(parse_xml(f'<w:num {NSDECL} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    centred(d, "富阳区：预算监督工作情况", 22)
    d.add_paragraph("重点包括：")
    for text in ("预算执行；", "国资管理。"):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>'))
    path = tmp_path / "富阳区.docx"
    d.save(str(path))
    article, _ = convert(path, tmp_path, monkeypatch)
    assert {"list": ["①预算执行；", "②国资管理。"]} in article["body"]

    issue = tmp_path / "issue.yaml"
    issue.write_text(yaml.safe_dump({"publication": "杭州人大信息", "number": 10, "compiled_by": "研究室编",
                                     "date": "2025-10-30", "columns": [{"name": "助力攻坚", "articles": [article]}]},
                                    allow_unicode=True, sort_keys=False).replace("'2025-10-30'", "2025-10-30"),
                     encoding="utf-8")
    text = text_of(issue)
    assert "①预算执行；" in text and "②国资管理。" in text
    assert not any("1．①" in line or "2．②" in line for line in text), text


def test_a_numbered_sentence_of_clauses_is_a_paragraph_and_a_short_one_a_heading(tmp_path, monkeypatch):
    """A heading of GB/T 9704 §7.3.3 is a short line; a numbered sentence of clauses (a comma
    before its closing 。) under 40 characters is a paragraph with its number typed, not a
    bold heading broken across two lines (docs/word-import.md, "What it brings": headings)."""
    d = docx.Document()
    centred(d, "余杭区：预算联网监督", 22)
    d.add_paragraph("1.强化组织领导。")
    d.add_paragraph("1.预算联网监督系统接入部门数据库28个，归集数据1.2亿条。")
    d.add_paragraph("（2）一是专业人才不足；二是运营成本较高。")
    # 一、 and （一） number headings only, and a Heading style says heading, sentence or not
    d.add_paragraph("一、坚持问题导向，强化监督实效。")
    d.add_paragraph("聚焦民生实事，推动项目落地。", style="Heading 2")
    path = tmp_path / "余杭区.docx"
    d.save(str(path))
    article, _ = convert(path, tmp_path, monkeypatch)
    assert article["body"] == [{"heading": "1.强化组织领导。", "level": 3},
                               "1.预算联网监督系统接入部门数据库28个，归集数据1.2亿条。",
                               "（2）一是专业人才不足；二是运营成本较高。",
                               {"heading": "一、坚持问题导向，强化监督实效。", "level": 1},
                               {"heading": "聚焦民生实事，推动项目落地。", "level": 1}]


@pytest.mark.parametrize("line, byline", [
    ("（上城区人大常委会办公室）", "上城区人大常委会办公室"),
    ("上城区人大常委会办公室 王　昆", "上城区人大常委会办公室 王　昆"),
    ("（本文有删节）", None),                 # bracketed but no office: the first paragraph
    ("（2025年10月28日杭州市人大常委会第二十五次会议通过）", None),   # an adoption note names one inside
])
def test_a_byline_typed_flush_left_under_a_bold_title_is_the_byline(tmp_path, monkeypatch, line, byline):
    """Many offices type the whole article in Word's Normal style: a bold title and the byline
    line under it, both flush left. The office under the title is the byline wherever it is
    aligned (it was printed as the first paragraph, with no warning)."""
    d = docx.Document()
    d.add_paragraph().add_run("上城区：以小切口撬动营商环境大提升").bold = True
    d.add_paragraph(line)
    d.add_paragraph("今年以来，上城区人大常委会围绕优化营商环境这一中心工作开展监督。")
    path = tmp_path / "上城区.docx"
    d.save(str(path))
    article, _ = convert(path, tmp_path, monkeypatch)
    assert article["title"] == "上城区：以小切口撬动营商环境大提升"
    assert article.get("byline") == byline
    assert article["body"][-1] == "今年以来，上城区人大常委会围绕优化营商环境这一中心工作开展监督。"
    assert (line in article["body"]) is (byline is None)
