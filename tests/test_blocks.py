"""Article bodies as blocks (issue #10): headings, notes, lists, tables, figures — loaded with
located errors, composed on the grid with their keeps, written as print images, read back."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.compose import LineRole
from bulletin_pdf.errors import InputError, LayoutError
from bulletin_pdf.images import ImageColour, print_image
from bulletin_pdf.input.load import load_issue, load_layout
from bulletin_pdf.input.places import find_layout
from bulletin_pdf.pipeline import build, text_of

from .pdfread import read_lines

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "content" / "examples" / "report.yaml"
MM = 72 / 25.4

HEAD = """\
publication: 杭州人大信息
number: 10
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 调查研究
    articles:
      - title: 测试标题
        body:
"""


def issue(tmp_path: Path, body: str, name: str = "issue.yaml") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(body), " " * 10), encoding="utf-8")
    return path


def run(*args):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


FILLER = "今年以来，全市上下坚持把项目建设作为稳增长、调结构、惠民生的重要抓手，持续深化行动，工作取得积极成效。"


# ----------------------------------------------------------------------------- loading

def test_blocks_load_as_typed_with_numbers_as_typed(tmp_path):
    path = issue(tmp_path, """\
        - 第一段正文。
        - heading: 基本情况
        - heading: （三）强化监督问效
          level: 2
        - note: 本文数据来源于市统计局。
        - list: [第一项, 第二项]
        - table:
            caption: 主要指标
            header: [[指标, 金额]]
            rows:
              - [收入, 1234.50]
              - [{text: 合计, colspan: 2}]
        """)
    body = load_issue(path).columns[0].articles[0].body
    kinds = [b.kind.value for b in body]
    assert kinds == ["paragraph", "heading", "heading", "note", "list", "table"]
    assert body[1].numbered and not body[2].numbered          # （三） typed: kept as typed
    table = body[5]
    assert table.rows[0][1].text == "1234.50"                  # YAML number kept as typed
    assert table.columns == 2 and table.rows[1][0].colspan == 2


def test_text_lists_numbers_notes_lists_and_cells_in_order(tmp_path):
    path = issue(tmp_path, """\
        - heading: 基本情况
        - heading: 主要做法
          level: 2
        - heading: 做法细节
          level: 3
        - heading: 第一点
          level: 4
        - heading: 第二方面
          level: 2
        - heading: 存在问题
        - heading: （一）问题之一
          level: 2
        - heading: 问题之二
          level: 2
        - heading: 1.5亿元项目
          level: 3
        - heading: 2．已编号
          level: 3
        - note: 数据为初步统计。
        - list: [甲项, 乙项]
        - table:
            caption: 主要指标
            header: [[指标, 金额]]
            rows: [[收入, "1,234.5"]]
            source: 市财政局
        """)
    text = text_of(path)
    start = len(text) - text[::-1].index("测试标题")     # after the title (the contents list it first)
    assert text[start:] == [
        "一、基本情况", "（一）主要做法", "1．做法细节", "（1）第一点", "（二）第二方面",
        "二、存在问题", "（一）问题之一", "（二）问题之二",          # lower levels restart under each 一、
        "1．1.5亿元项目", "2．已编号",                               # 1.5 is no typed number
        "注：数据为初步统计。", "1．甲项", "2．乙项",
        "表1　主要指标", "指标", "金额", "收入", "1,234.5", "资料来源：市财政局"]


def test_a_list_typed_with_its_numbers_gets_no_second_one(tmp_path):
    """docs/issue-format.md, "Blocks of an article" (Lists): a list whose every item starts with a typed number (①,
    1., （1）) keeps those as typed and the layout adds none; one typed number among plain
    items is text, and the layout numbers the list."""
    path = issue(tmp_path, """\
        - list: [①甲项, ②乙项]
        - list: ["1. 丙项", 2.丁项, 3、戊项]
        - list: [（1）己项, (2)庚项]
        - list: [①辛项, 壬项]
        - list: [1.5亿元项目, 2.5亿元项目]
        """)
    text = text_of(path)
    start = len(text) - text[::-1].index("测试标题")
    assert text[start:] == ["①甲项", "②乙项", "1. 丙项", "2.丁项", "3、戊项", "（1）己项", "(2)庚项",
                            "1．①辛项", "2．壬项", "1．1.5亿元项目", "2．2.5亿元项目"]
    # the marker as typed, the space after it too: `1. 5亿元` is no `1.5亿元`
    path = issue(tmp_path, '- list: ["1. 5亿元用于基础设施；", "2. 3亿元用于民生项目。"]\n', "spaced.yaml")
    text = text_of(path)
    assert text[len(text) - 2:] == ["1. 5亿元用于基础设施；", "2. 3亿元用于民生项目。"]


@pytest.mark.parametrize("body, message, hint", [
    ("- tabel:\n    rows: [[a, b]]\n",
     "body[0].tabel: unknown block kind `tabel`",
     "did you mean `table`? a block is one of: heading, note, list, table, figure"),
    ("- table:\n    rows:\n      - [a, b, c]\n      - [d, e]\n",
     "body[0].table.rows[1]: this row has 2 columns, the first row has 3",
     "give every row the same number of cells"),
    ("- table:\n    header: [[a, b]]\n    rows: [[{text: c, colspan: 3}]]\n",
     "body[0].table.rows[0]: this row has 3 columns, the first row has 2", "colspan"),
    ("- table:\n    caption: 无行\n",
     "body[0].table: a table needs `rows`", "at least one row"),
    ("- table:\n    rows: [[a]]\n    captoin: 错字\n",
     "body[0].table.captoin: unknown field `captoin` in a table", "did you mean `caption`?"),
    ("- heading: 标题\n  level: 5\n",
     "body[0].level: a heading's level is 1, 2, 3 or 4", "（1）"),
    ("- figure:\n    image: images/nothere.jpg\n",
     "body[0].figure.image: image file images/nothere.jpg not found", "next to the issue file"),
    ("- figure:\n    caption: 无图\n",
     "body[0].figure: a figure needs `image`", "images/fig1.jpg"),
    ("- 42\n", "body[0]: expected text: a paragraph, or a block", "quote text"),
    # a full-width ， typed between two cells (a Chinese keyboard): said at that cell
    ("- table:\n    rows:\n      - [甲, '1', '2']\n      - [乙，'3', '4']\n",
     ":13:20: columns[0].articles[0].body[0].table.rows[1][0]: this row has 2 columns, the first row has 3",
     "cells are parted by a half-width comma `,`: `乙，'3'` is one cell, its full-width ， joins two"),
    # a header so tall that no row fits under it on a page (it said "a page holds -8")
    ("- table:\n    header: [[" + "很长的表头说明文字" * 100 + ", 乙]]\n    rows: [[甲, 1]]\n",
     "body[0].table.header: the table's header takes", "shorten the header cells"),
    # a cell's closing quote left out: the next cell's opening quote closed it
    ("- table:\n    rows:\n      - [北山街道, '5', '1,236, '96.5']\n",
     ":12:31: columns[0].articles[0].body[0].table.rows[0]: this quotation mark is never closed",
     "close the cell's text with the same quotation mark (') before the comma that ends it"),
])
def test_mistakes_in_blocks_are_located_with_a_hint(tmp_path, body, message, hint):
    path = issue(tmp_path, body)
    code, _, err = run("build", str(path), "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert f"{path}:" in err and message in err, err
    assert "hint: " in err and hint in err, err
    assert "Traceback" not in err and not (tmp_path / "x.pdf").exists()


def test_a_file_that_is_no_picture_is_refused_naming_it(tmp_path):
    (tmp_path / "fig.jpg").write_text("not a picture")
    path = issue(tmp_path, "- figure:\n    image: fig.jpg\n")
    with pytest.raises(InputError) as err:
        load_issue(path)
    assert "fig.jpg is not a picture that can be read" in err.value.message
    assert err.value.hint == "save it as JPEG, PNG or TIFF"
    assert err.value.line == 11


def test_layout_block_values_are_checked_for_range(tmp_path):
    text = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    bad = text.replace("rules: {top: 1pt,", "rules: {top: 12pt,")
    assert bad != text
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_layout(tmp_path / "bad.yaml")
    assert err.value.field == "blocks.table.rules.top"
    bad = text.replace('text: "表{n}　{text}"', 'text: "表{num}　{text}"')
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown placeholder \{num\}"):
        load_layout(tmp_path / "bad.yaml")
    bad = text.replace("    placement: float ", "    placement: sideways ")
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_layout(tmp_path / "bad.yaml")
    assert err.value.field == "blocks.figure.placement"


# ----------------------------------------------------------------------------- composing

@pytest.mark.parametrize("fillers", range(4, 12))
def test_a_heading_is_never_the_last_line_of_a_page(tmp_path, fillers):
    body = "".join(f"- {FILLER}\n" for _ in range(fillers)) + "- heading: 基本情况\n" + f"- {FILLER}\n" * 3
    result = build(issue(tmp_path, body))
    for page in result.document.pages:
        lines = [ln for ln in page.lines if ln.role is not LineRole.FOLIO]
        assert lines and lines[-1].role is not LineRole.HEADING, (fillers, page.number)
    heading = [(p.number, ln) for p in result.document.pages for ln in p.lines if ln.role is LineRole.HEADING]
    assert [ln.text for _, ln in heading] == ["一、基本情况"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    result = build(REPORT)
    path = tmp_path_factory.mktemp("report") / "report.pdf"
    path.write_bytes(result.pdf)
    return result, path


def rows_of(line, layout):
    return (line.baseline - layout.block.top) / layout.line_pitch


def test_a_long_table_splits_between_rows_with_its_header_repeated(report):
    result, _ = report
    pages = result.document.pages
    cont = [p for p in pages if any(ln.text == "续表1" for ln in p.lines)]
    assert len(cont) == 1
    first = pages[cont[0].number - 2]
    assert any(ln.text.startswith("表1") for ln in first.lines)
    for page in (first, cont[0]):
        texts = [ln.text for ln in page.lines]
        assert "地区" in texts and "项目数（个）" in texts           # the header on both parts
        table = [ln for ln in page.lines if ln.role is LineRole.TABLE]
        body_rows = sorted({ln.baseline for ln in table if ln.text.endswith(("区", "县", "市", "级", "计"))})
        assert body_rows
        # the part ends with a rule under its last row: a thick rule below the last baseline
        below = [r for r in page.rules if r.y > body_rows[-1] and r.width >= 0.99]
        assert below, page.number
    # every row of the table on both pages: baselines on whole grid lines
    layout = result.layout
    table_lines = [ln for p in (first, cont[0]) for ln in p.lines if ln.role is LineRole.TABLE]
    offsets = {round(rows_of(ln, layout) % 1, 3) for ln in table_lines}
    assert len(offsets) == 1


#: The 三线表's three rules as layouts/jianbao.yaml gives them (blocks.table.rules), stated here
#: so that the PDF is read against the numbers, not against what the composer did with them:
#: the top and bottom rules heavier than the one under the header (the 三线表 of Chinese
#: reports and papers: 顶线 and 底线 thick, 栏目线 thin).
TABLE_RULES = {"top": 1.0, "header": 0.5, "bottom": 1.0}


def test_the_three_rules_of_each_table_part_have_the_layouts_widths(report):
    """On each page holding a part of table 1 (表1, then 续表1), the strokes drawn across the
    measure below the caption are, from the top: the top rule above the header text, the
    header rule between the header and the first body row, the bottom rule under the last row
    — with the widths the layout gives them (read from the PDF's `w` operators by pdfplumber)."""
    import pdfplumber
    import yaml

    stated = yaml.safe_load((ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8"))
    assert {k: float(v.removesuffix("pt")) for k, v in stated["blocks"]["table"]["rules"].items()} == TABLE_RULES
    _, path = report
    lines = [ln for ln in read_lines(path) if not re.fullmatch(r"—\d+—", ln.text)]
    parts = [ln for ln in lines if ln.text.startswith(("表1", "续表1"))]   # the U+3000 after 表1 reads as nothing
    assert [ln.text[:2] for ln in parts] == ["表1", "续表"] and parts[0].page < parts[1].page
    with pdfplumber.open(path) as pdf:
        for caption in parts:
            page = pdf.pages[caption.page - 1]
            strokes = sorted((ln for ln in page.lines if abs(ln["top"] - ln["bottom"]) < 0.01
                              and ln["top"] > caption.baseline), key=lambda ln: ln["top"])
            assert [round(ln["linewidth"], 3) for ln in strokes] == \
                [TABLE_RULES["top"], TABLE_RULES["header"], TABLE_RULES["bottom"]], caption.text
            top, header, bottom = (ln["top"] for ln in strokes)
            on_page = [ln for ln in lines if ln.page == caption.page and top < ln.baseline < bottom]
            head = [ln for ln in on_page if "地区" in ln.text]
            body = [ln for ln in on_page if ln.baseline > header]
            assert head and body, caption.text
            assert top < head[0].baseline < header < body[0].baseline, caption.text


def test_body_text_after_a_table_stays_on_the_grid(report):
    result, _ = report
    layout = result.layout
    body = [ln for p in result.document.pages for ln in p.lines if ln.role is LineRole.BODY]
    offsets = {round(rows_of(ln, layout) % 1, 3) for ln in body}
    assert len(offsets) == 1


def test_numbers_align_on_their_decimal_point(tmp_path):
    path = issue(tmp_path, """\
        - table:
            header: [[项目, 数值]]
            rows: [[甲, 1.5], [乙, 12.25], [丙, 100], [丁, "3,003.125"], [戊, 7%]]
        """)
    doc = build(path).document
    points = {}
    for page in doc.pages:
        for ln in page.lines:
            if ln.role is LineRole.TABLE and re.fullmatch(r"[\d,.%]+", ln.text):
                digits = [g for g in ln.glyphs if g.text.isdigit()]
                dot = next((g.x for g in ln.glyphs if g.text == "."), digits[-1].x + digits[-1].advance)
                points[ln.text] = round(ln.x + dot, 2)
    assert sorted(points) == ["1.5", "100", "12.25", "3,003.125", "7%"]
    assert len(set(points.values())) == 1, points    # 100 and 7% have their point after the last digit


def test_a_figure_that_does_not_fit_floats_to_the_next_page_top(report):
    result, _ = report
    layout = result.layout
    pages = result.document.pages
    page = next(p for p in pages if p.images and p.images[0].image.colour is ImageColour.CMYK)
    image = page.images[0]
    assert image.y - layout.block.top < layout.line_pitch        # at the top of its page
    before = pages[page.number - 2]
    body = [ln for ln in before.lines if ln.role in (LineRole.BODY, LineRole.HEADING)]
    # the text went on to the foot: its last grid line (first fit left it empty, the page
    # optimiser sets a paragraph above a line looser: docs/page-makeup.md)
    assert round(rows_of(body[-1], layout)) == layout.grid.lines
    # and the text goes on under the figure where it stopped: a paragraph interrupted at the
    # foot with a continued line (not indented), else the next block
    after = [ln for ln in page.lines if ln.role in (LineRole.BODY, LineRole.HEADING)]
    if body[-1].role is LineRole.BODY and not body[-1].ends_paragraph:
        assert after[0].x == pytest.approx(layout.block.left)
        assert after[0].key == body[-1].key
    else:
        assert after[0].key != body[-1].key


def test_keep_in_place_makes_the_text_wait_for_the_figure(tmp_path):
    layout_text = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "inplace.yaml").write_text(
        layout_text.replace("    placement: float ", "    placement: keep-in-place "), encoding="utf-8")
    (tmp_path / "images").mkdir()
    shutil.copy(ROOT / "content" / "examples" / "images" / "lakeside.jpg", tmp_path / "images")
    def page_of(doc, text):
        return next(p.number for p in doc.pages for ln in p.lines if ln.text.startswith(text))

    def image_page(doc):
        return next(p.number for p in doc.pages if p.images)

    floats = 0
    for fillers in range(6, 14):
        body = f"- {FILLER}\n" * fillers + "- figure:\n    image: images/lakeside.jpg\n    caption: 图片\n" \
            "    width: 120mm\n- 图后第一段，紧接图片之后的文字。\n"
        path = issue(tmp_path, body)
        floated = build(path).document
        kept = build(path, str(tmp_path / "layouts" / "inplace.yaml")).document
        assert page_of(kept, "图后第一段") >= image_page(kept), fillers
        floats += page_of(floated, "图后第一段") < image_page(floated)
    assert floats >= 1     # some of these put the figure at a page foot, where it floats


def test_cells_go_through_the_line_engine(tmp_path):
    cell = "推进“飞地经济”发展，（重点）项目共计ESG评级A级的企业达到一百二十家以上，继续推进"
    path = issue(tmp_path, f"""\
        - table:
            header: [[说明, 数]]
            rows: [["{cell}", 1]]
        """)
    doc = build(path).document
    lines = [ln.text for p in doc.pages for ln in p.lines if ln.role is LineRole.TABLE]
    wrapped = [t for t in lines if t not in ("说明", "数", "1")]
    assert len(wrapped) >= 2 and "".join(wrapped).replace(" ", "") == cell.replace(" ", "")
    for t in wrapped:                                   # kinsoku inside cells
        assert t[0] not in "，。、；：？！”）》" and t[-1] not in "“（《"


def test_a_table_too_wide_for_the_measure_is_an_error(tmp_path):
    wide = ", ".join(["ABCDEFGHIJKLMNOP"] * 6)
    path = issue(tmp_path, f"- table:\n    rows: [[{wide}]]\n")
    with pytest.raises(LayoutError) as err:
        build(path)
    assert "the table's 6 columns need at least" in err.value.message
    assert err.value.hint.startswith("split the table")


# ----------------------------------------------------------------------------- print images

def picture(path: Path, mode: str, size=(1300, 800), colour=(200, 30, 40)):
    if mode == "L":
        Image.new("L", size, 90).save(path)
    elif mode == "RGBA":
        Image.new("RGBA", size, colour + (128,)).save(path)
    else:
        Image.new(mode, size, colour).save(path)
    return path


def test_colour_goes_to_cmyk_through_the_output_intent_and_gray_stays_gray(tmp_path):
    red = print_image(str(picture(tmp_path / "red.png", "RGB", (8, 8), (255, 0, 0))))
    assert red.colour is ImageColour.CMYK
    import zlib
    c, m, y, k = zlib.decompress(red.data)[:4]
    assert m > 200 and y > 200 and c < 40 and k < 40        # FOGRA39 red: about 0/100/100/0
    gray = print_image(str(picture(tmp_path / "gray.png", "L", (8, 8))))
    assert gray.colour is ImageColour.GRAY and zlib.decompress(gray.data)[0] == 90
    neutral = print_image(str(picture(tmp_path / "neutral.png", "RGB", (8, 8), (120, 120, 120))))
    assert neutral.colour is ImageColour.GRAY               # neutral RGB pixels: the black plate only
    glass = print_image(str(picture(tmp_path / "glass.png", "RGBA", (8, 8), (0, 0, 255))))
    assert glass.colour is ImageColour.CMYK                  # transparency flattened on white


def test_low_resolution_warns_and_very_low_is_refused_naming_the_file(tmp_path):
    picture(tmp_path / "soft.png", "RGB", (900, 600))       # 900 px over 156 mm: 147 ppi
    picture(tmp_path / "blocky.png", "RGB", (400, 300))     # 65 ppi
    soft = build(issue(tmp_path, "- figure:\n    image: soft.png\n"))
    assert any("image " in w and "soft.png has 147 ppi" in w and "200 or more" in w for w in soft.document.warnings)
    with pytest.raises(LayoutError) as err:
        build(issue(tmp_path, "- figure:\n    image: blocky.png\n", "b.yaml"))
    assert "blocky.png has 65 ppi" in err.value.message and "at least 100" in err.value.message
    assert "smaller `width`" in err.value.hint


def test_every_image_in_the_pdf_is_cmyk_or_gray(report):
    _, path = report
    spaces = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for _, xobj in page.get_images().items():
                spaces.append(str(xobj.ColorSpace))
    assert sorted(spaces) == ["/DeviceCMYK", "/DeviceGray"]


def test_check_lists_the_images_with_colour_space_and_ppi(report):
    _, path = report
    code, out, _ = run("check", str(path), "--text-block", "28mm,184mm")
    assert code == 0, out
    images = re.findall(r"image (\S+) on page (\d+): (\S+), (\d+)×(\d+) px at ([\d.]+)×([\d.]+) mm, (\d+) ppi", out)
    assert [(i[2], i[3]) for i in images] == [("CMYK", "1100"), ("Gray", "900")]
    assert all(int(i[7]) >= 200 for i in images)
    # 1100 px over 120 mm: 232.8 ppi
    assert images[0][5] == "120.0" and images[0][7] == "233"


def test_check_faults_an_rgb_image_of_another_tool(tmp_path):
    from reportlab.pdfgen import canvas

    picture(tmp_path / "rgb.png", "RGB", (300, 200))
    path = tmp_path / "other.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(str(tmp_path / "rgb.png"), 50, 500, width=300, height=200)   # 72 ppi
    c.save()
    code, out, _ = run("check", str(path))
    assert code == 1
    assert "[rgb-image]" in out and "[image-resolution]" in out and "72 ppi" in out


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) is not installed; `make setup` installs it")
def test_the_grayscale_photo_page_prints_on_the_black_plate_only(report):
    result, path = report
    gray_page = next(p.number for p in result.document.pages
                     if p.images and all(im.image.colour is ImageColour.GRAY for im in p.images))
    out = subprocess.run(["gs", "-q", "-o", "-", "-sDEVICE=inkcov", str(path)], capture_output=True, text=True,
                         check=True).stdout
    ink = [tuple(float(v) for v in line.split()[:4]) for line in out.splitlines() if "CMYK" in line]
    c, m, y, k = ink[gray_page - 1]
    assert c == m == y == 0 and k > 0.05
    colour_page = next(p.number for p in result.document.pages
                       if p.images and p.images[0].image.colour is ImageColour.CMYK)
    assert min(ink[colour_page - 1][:3]) > 0.01


# ----------------------------------------------------------------------------- round trip

def test_report_text_round_trips_with_cells_captions_and_continuation(report):
    _, path = report
    pdf_text = "".join(ln.text for ln in read_lines(path) if not re.fullmatch(r"—\d+—", ln.text))
    source = re.sub(r"\s", "", "".join(text_of(REPORT)))
    assert pdf_text == source


def test_report_images_are_small_and_sharp_enough():
    images = ROOT / "content" / "examples" / "images"
    assert sum(p.stat().st_size for p in images.iterdir()) <= 300 * 1024
    body = load_issue(REPORT).columns[0].articles[0].body
    for block in body:
        if block.kind.value == "figure":
            with Image.open(block.image) as im:
                assert im.width / (block.width / 72) >= 200, block.image


def test_layouts_define_every_block_key():
    for name in ("jianbao", "gbt9704"):
        text = find_layout(name).read_text(encoding="utf-8")
        for key in ("headings:", "note:", "table:", "figure:", "placement:", "numbering:", "续表{n}"):
            assert key in text, (name, key)


def test_floats_that_wait_together_never_leave_the_text_block(tmp_path):
    picture(tmp_path / "a.png", "RGB", (1300, 900))
    picture(tmp_path / "b.png", "L", (1300, 900))
    body = f"- {FILLER}\n" * 3 + "- figure: {image: a.png, caption: 甲图}\n- figure: {image: b.png, caption: 乙图}\n" \
        + f"- {FILLER}\n" * 4
    result = build(issue(tmp_path, body))
    layout = result.layout
    bottom = layout.block.top + layout.block.height
    placed = [(p.number, im) for p in result.document.pages for im in p.images]
    assert len(placed) == 2 and placed[0][0] < placed[1][0]       # in order, one a page
    for _, im in placed:
        assert layout.block.top <= im.y and im.y + im.height <= bottom
    text = text_of(issue(tmp_path, body))
    assert text.index("图1　甲图") < text.index("图2　乙图")


def test_a_damaged_picture_is_named_not_a_crash(tmp_path):
    data = (ROOT / "content" / "examples" / "images" / "lakeside.jpg").read_bytes()
    (tmp_path / "half.jpg").write_bytes(data[:len(data) // 2])
    code, _, err = run("build", str(issue(tmp_path, "- figure: {image: half.jpg}\n")), "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "the picture half.jpg cannot be read to the end" in err and "save it again" in err


def test_rows_whose_cells_wrap_round_trip_line_by_line(tmp_path):
    long = "城中村改造、老旧小区综合改造提升、地下管网更新等民生类市政项目"
    path = issue(tmp_path, f"""\
        - table:
            caption: 折行的单元格
            header: [[项目名称与主要建设内容说明, 投资（亿元）, 进度说明文字较长需要折行]]
            rows:
              - ["{long}", 318.4, 已完成年度计划的八成以上]
              - [轨道交通, 52.6, 按计划推进]
        """)
    result = build(path)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(result.pdf)
    text = text_of(path)
    k = next(k for k, t in enumerate(text) if t.startswith("城中村改造"))
    # line 1 of the row, across its cells: the long cell's first line, the number, the third cell's first line
    assert text[k] != long and text[k + 1] == "318.4" and text[k + 2].startswith("已完成")
    pdf_text = "".join(ln.text for ln in read_lines(pdf) if not re.fullmatch(r"—\d+—", ln.text))
    assert pdf_text == re.sub(r"\s", "", "".join(text_of(path)))


NO_START = set("，。、；：？！”’）》」』】〕…—・·%")   # GB/T 15834-2011 5.1; these never begin a line
NO_END = set("“‘（《「『【〔")                           # opening marks never end one


def test_report_lines_keep_kinsoku_and_no_lone_last_character(report):
    result, path = report
    lines = [ln for ln in read_lines(path) if not re.fullmatch(r"—\d+—", ln.text)]
    assert len(lines) > 80
    for ln in lines:
        assert ln.text[0] not in NO_START and ln.text[-1] not in NO_END, (ln.page, ln.text)
    ends = {(p.number, round(ln.baseline, 1)) for p in result.document.pages for ln in p.lines
            if ln.ends_paragraph}
    last = [ln for ln in lines if (ln.page, ln.baseline) in ends]
    assert len(last) == len(ends) == 17          # every paragraph's, note's and item's last line
    for ln in last:
        assert len([g for g in ln.glyphs if g.text not in NO_START | NO_END]) >= 2, ln.text


cell_text = st.one_of(
    st.text(alphabet="市区县项目投资建设完成进度情况说明，。（）、", min_size=1, max_size=30),
    st.decimals(min_value=-9999, max_value=99999, places=2, allow_nan=False).map(str),
    st.sampled_from(["ESG评级", "5G基站", "1,234.5", "12%", "—"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(cell_text, min_size=n, max_size=n), min_size=1,
                                                     max_size=4)))
@example([["城中村改造、老旧小区综合改造提升、地下管网更新", "318.40", "-3.5"], ["（重点）", "7", "12%"]])
def test_table_cells_stay_in_their_columns_within_the_measure(layout, fonts, rows):
    import json
    import tempfile

    from bulletin_pdf.compose import compose

    with tempfile.TemporaryDirectory() as tmp:
        path = issue(Path(tmp), "- table:\n    rows: " + json.dumps(rows, ensure_ascii=False) + "\n")
        doc = compose(load_issue(path), layout, fonts)
    left, right = layout.block.left, layout.block.left + layout.block.width
    cells = [(p.number, ln) for p in doc.pages for ln in p.lines if ln.role is LineRole.TABLE]
    assert cells
    by_line: dict = {}
    for page, ln in cells:
        width = ln.glyphs[-1].x + ln.glyphs[-1].advance
        assert left - 0.01 <= ln.x and ln.x + width <= right + 0.5, ln.text
        by_line.setdefault((page, round(ln.baseline, 2)), []).append((ln.x, ln.x + width, ln.text))
    for spans in by_line.values():
        spans.sort()
        for (_, end, a), (start, _, b) in zip(spans, spans[1:]):
            assert end <= start + 0.01, (a, b)                 # cells of one line never overlap
    numbers = [t for row in rows for t in row if re.fullmatch(r"-?[\d,]+(\.\d+)?%?", t)]
    set_texts = [ln.text for _, ln in cells]
    for n in numbers:
        assert n in set_texts                                  # a number is never broken


def test_the_report_builds_to_the_same_bytes_twice(report):
    result, _ = report
    assert build(REPORT).pdf == result.pdf


def test_a_row_taller_than_a_page_is_an_error_not_an_overflow(tmp_path):
    path = issue(tmp_path, "- table:\n    rows:\n      - [短, 1]\n      - [\"" + "很长的单元格内容" * 120 + "\", 2]\n")
    with pytest.raises(LayoutError) as err:
        build(path)
    assert re.fullmatch(r"row 2 of this table needs \d\d lines; a page holds 22 under the table's header",
                        err.value.message)
    assert err.value.field.endswith("table.rows[1]") and err.value.hint.startswith("shorten the cell")
    assert err.value.line == 13                  # the row's own line in the issue file


def test_a_cmyk_tiff_is_kept_as_cmyk(tmp_path):
    Image.new("CMYK", (1300, 900), (0, 50, 100, 0)).save(tmp_path / "print.tif")
    result = build(issue(tmp_path, "- figure: {image: print.tif, caption: 印刷色}\n"))
    image = next(im.image for p in result.document.pages for im in p.images)
    import zlib
    assert image.colour is ImageColour.CMYK and zlib.decompress(image.data)[:4] == bytes((0, 50, 100, 0))


def test_check_json_carries_the_images(report):
    import json

    _, path = report
    code, out, _ = run("check", str(path), "--json", "--text-block", "28mm,184mm")
    assert code == 0
    images = json.loads(out)["facts"]["images"]
    assert [(i["colour"], i["pixels"], i["ppi"]) for i in images] == [("CMYK", [1100, 700], 233),
                                                                     ("Gray", [900, 560], 208)]


def test_check_finds_inline_images_too(tmp_path):
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(300, 300))
    gray = bytes([0, 80, 160, 255] * 50)       # 20 × 10 gray pixels
    page.Contents = pdf.make_stream(b"q 72 0 0 36 10 10 cm BI /W 20 /H 10 /CS /G /BPC 8 ID " + gray + b" EI Q")
    path = tmp_path / "inline.pdf"
    pdf.save(path)
    code, out, _ = run("check", str(path))
    assert "image inline on page 1: Gray, 20×10 px at 25.4×12.7 mm, 20 ppi" in out
    assert "[image-resolution]" in out and code == 1


def test_tables_and_figures_are_numbered_per_article_or_through_the_issue(tmp_path):
    picture(tmp_path / "p.png", "L", (1300, 900))
    body = "- table: {caption: 甲表, rows: [[a, b]]}\n- figure: {image: p.png, caption: 甲图}\n" \
        "- table: {caption: 乙表, rows: [[c, d]]}\n"
    text = HEAD + textwrap.indent(body, " " * 10) + "      - title: 第二篇\n        body:\n" \
        + textwrap.indent("- table: {caption: 丙表, rows: [[e, f]]}\n- figure: {image: p.png, caption: 乙图}\n", " " * 10)
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    captions = [t for t in text_of(path) if t[:1] in "表图"]
    assert captions == ["表1　甲表", "图1　甲图", "表2　乙表", "表1　丙表", "图1　乙图"]
    layout = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    (tmp_path / "through.yaml").write_text(layout.replace("  numbering: article", "  numbering: issue"), encoding="utf-8")
    captions = [t for t in text_of(path, str(tmp_path / "through.yaml")) if t[:1] in "表图"]
    assert captions == ["表1　甲表", "图1　甲图", "表2　乙表", "表3　丙表", "图2　乙图"]


def test_a_figure_floated_into_a_continued_table_reads_in_place(tmp_path):
    picture(tmp_path / "p.png", "RGB", (1300, 700))
    rows = "".join(f"      - [第{k}项, {k}.5]\n" for k in range(1, 31))
    table = "- table:\n    caption: 长表\n    header: [[项目, 数值]]\n    rows:\n" + rows
    inside = 0
    for fillers in (5, 6, 7):
        body = f"- {FILLER}\n" * fillers + "- figure: {image: p.png, caption: 浮动图}\n" + table
        path = issue(tmp_path, body, f"f{fillers}.yaml")
        result = build(path)
        pdf = tmp_path / f"f{fillers}.pdf"
        pdf.write_bytes(result.pdf)
        text = text_of(path)
        pdf_text = "".join(ln.text for ln in read_lines(pdf) if not re.fullmatch(r"—\d+—", ln.text))
        assert pdf_text == re.sub(r"\s", "", "".join(text)), fillers
        k = text.index("图1　浮动图")
        inside += text[k + 1] == "续表1" and text.index("表1　长表") < k
    assert inside >= 1     # in at least one, the figure heads the page where the table goes on


def test_a_note_under_a_table_stays_on_the_table_s_page(tmp_path):
    table = "- table:\n    rows: [[甲, 1], [乙, 2], [丙, 3], [丁, 4], [末行, 5]]\n- note: 表中数据为初步统计。\n"
    for fillers in range(4, 12):
        path = issue(tmp_path, f"- {FILLER}\n" * fillers + table, f"n{fillers}.yaml")
        doc = build(path).document
        last = next(p.number for p in doc.pages for ln in p.lines if ln.text == "末行")
        note = next(p.number for p in doc.pages for ln in p.lines if ln.text.startswith("注："))
        assert last == note, fillers


KEYS = ["heading", "level", "note", "list", "table", "figure", "caption", "header", "rows", "source", "image",
        "width", "text", "colspan", "rowspan", "tabel"]
yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 60), st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from(["", " ", "标题", "1,234.5", "120mm", "images/x.png", "（一）做法", "a.b"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)),
    max_leaves=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(yaml_values, min_size=1, max_size=4))
@example([{"table": {"rows": [[{"text": "a", "rowspan": 3}]]}}])
@example([{"table": {"header": [], "rows": [[None, True, 1.5]]}}])
@example([{"heading": "标题", "level": True}])
def test_any_body_shape_loads_or_gets_a_located_error(layout, fonts, body):
    import tempfile

    import yaml

    from bulletin_pdf.compose import compose
    from bulletin_pdf.errors import BulletinError

    with tempfile.TemporaryDirectory() as tmp:
        text = yaml.safe_dump(body, allow_unicode=True)
        path = issue(Path(tmp), text)
        try:
            parsed = load_issue(path)
        except InputError as err:
            assert err.file == str(path) and err.line and err.field and err.field.startswith("columns[0]")
            return
        try:
            compose(parsed, layout, fonts)
        except BulletinError as err:       # e.g. a table too wide: located, never a crash
            assert err.file == str(path)


def test_report_round_trips_under_the_gbt9704_layout_too(tmp_path):
    """Its contents show page numbers: `text` must paginate as the final pass does."""
    result = build(REPORT, "gbt9704")
    path = tmp_path / "g.pdf"
    path.write_bytes(result.pdf)
    pdf_text = "".join(ln.text for ln in read_lines(path) if not re.fullmatch(r"—\d+—", ln.text))
    assert pdf_text == re.sub(r"\s", "", "".join(text_of(REPORT, "gbt9704")))


def test_check_finds_the_text_block_of_short_indented_paragraphs(report):
    """Without --text-block, `check` finds the text block itself. In the report example most
    paragraphs are two or three lines, each first line indented two characters, so indented
    starts are about as common as flush ones: the left edge must still be the flush one, the
    layout's 28 mm (and the right edge 184 mm), with the same findings as when it is given."""
    import json

    _, path = report
    given = json.loads(run("check", str(path), "--json", "--text-block", "28mm,184mm")[1])
    code, out, _ = run("check", str(path), "--json")
    found = json.loads(out)
    left, right = found["facts"]["typography"]["text_block"]
    assert abs(left - 28 / 25.4 * 72) < 0.5 and abs(right - 184 / 25.4 * 72) < 0.5
    assert code == 0 and found["findings"] == given["findings"]
    assert found["facts"]["typography"]["inner_lines"] == given["facts"]["typography"]["inner_lines"] > 20
