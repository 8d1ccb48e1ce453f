"""Display lines keep their words whole; captions typed with their label print it once (issue 17).

The words below are stated here, as a reader of Chinese splits these titles and headers, not
taken from the segmenter the engine uses: a break in a title, contents entry or table header
must fall between two of them. The PDF is read back with pdfplumber.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.pipeline import build

from .pdfread import read_lines
from .profiles import examples

ROOT = Path(__file__).resolve().parents[1]

TITLE = "临安区人大常委会紧盯政府“钱袋子”聚焦预算编制、执行、决算全过程监督"
#: The title's words (a break between 人大 and 常委会, or 预算 and 编制, parts a compound into
#: two words, which is allowed; inside 预算 or 钱袋子 it is not).
TITLE_WORDS = ["临安区", "人大", "常委会", "紧盯", "政府", "“钱袋子”", "聚焦", "预算", "编制、", "执行、", "决算",
               "全过程", "监督"]

#: Header cells and the lines they must come out as when they break: a unit in brackets
#: after the whole name (设施数│（万处）, never 设施│数（万处）).
UNIT_CELLS = {
    "设施数（万处）": ["设施数", "（万处）"],
    "受益农户（万户）": ["受益农户", "（万户）"],
    "达标率（%）": ["达标率", "（%）"],
    "运维经费（亿元）": ["运维经费", "（亿元）"],
}
#: Long header cells and their words.
WORD_CELLS = {
    "立法协商座谈会场次": ["立法", "协商", "座谈会", "场次"],
    "征集企业意见建议数": ["征集", "企业", "意见", "建议", "数"],
}

HEAD = """\
publication: 杭州人大信息
number: 10
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 调查研究
    articles:
"""
FILLER = "今年以来，全市上下坚持把项目建设作为稳增长、调结构、惠民生的重要抓手，持续深化行动，工作取得积极成效。"


def write_issue(tmp_path: Path, title: str, body: str) -> Path:
    path = tmp_path / "issue.yaml"
    article = f"      - title: {title}\n        body:\n" + textwrap.indent(textwrap.dedent(body), " " * 10)
    path.write_text(HEAD + article, encoding="utf-8")
    return path


def boundaries(words: list[str]) -> set[int]:
    """Character offsets at which a line may end: between two of the words."""
    out, at = set(), 0
    for w in words[:-1]:
        at += len(w)
        out.add(at)
    return out


def line_ends(lines: list[str]) -> list[int]:
    out, at = [], 0
    for t in lines[:-1]:
        at += len(t)
        out.append(at)
    return out


def pdf_of(result, tmp_path: Path, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(result.pdf)
    return path


def header_cells(pdf: Path, texts: list[str]) -> dict[str, list[str]]:
    """Each header cell's lines as the PDF shows them: the header's glyphs (from the line that
    starts with the first header cell to the first with a decimal number, a body row), cut into cells where the gap between two glyphs is
    wider than half a character, cells of successive lines joined by their overlap."""
    lines = read_lines(pdf)
    start = next(k for k, ln in enumerate(lines) if ln.text.startswith(texts[0][:2]))
    columns: list[dict] = []
    for ln in lines[start:]:
        if re.search(r"\d\.\d", ln.text):
            break           # the first body row: its numbers
        runs, current = [], [ln.glyphs[0]]
        for g in ln.glyphs[1:]:
            if g.x0 - current[-1].x1 > g.size / 2:
                runs.append(current)
                current = []
            current.append(g)
        runs.append(current)
        for run in runs:
            x0, x1 = run[0].x0, run[-1].x1
            text = "".join(g.text for g in run)
            col = next((c for c in columns if x0 < c["x1"] and x1 > c["x0"]), None)
            if col is None:
                columns.append({"x0": x0, "x1": x1, "lines": [text]})
            else:
                col["lines"].append(text)
                col["x0"], col["x1"] = min(col["x0"], x0), max(col["x1"], x1)
    return {"".join(c["lines"]): c["lines"] for c in columns}


TABLE = """\
- table:
    caption: 农村生活污水治理情况
    header:
      - [年份, 设施数（万处）, 受益农户（万户）, 达标率（%）, 运维经费（亿元）, 立法协商座谈会场次, 征集企业意见建议数]
    rows:
      - [2021, 1.25, 312.5, 86.4, 3.2, 12, 156]
      - [2022, 1.31, 325.0, 89.1, 3.6, 15, 203]
      - [2025, 1.42, 348.7, 95.3, 4.4, 21, 1298]
"""


def test_header_cells_break_between_words_and_before_their_unit(tmp_path):
    result = build(write_issue(tmp_path, "测试标题", TABLE))
    cells = header_cells(pdf_of(result, tmp_path), ["年份"])
    for text, lines in UNIT_CELLS.items():
        assert cells[text] in ([text], lines), (text, cells[text])
    broken = 0
    for text, words in WORD_CELLS.items():
        assert set(line_ends(cells[text])) <= boundaries(words), (text, cells[text])
        broken += len(cells[text]) > 1
    assert broken, "the table is narrow enough that its long headers wrap"
    assert not [w for w in result.document.warnings if "inside a word" in w]


def test_five_columns_with_long_headers_wrap_only_before_their_units(tmp_path):
    body = """\
    - table:
        header:
          - [地区, 设施数（万处）, 受益农户（万户）, 达标率（%）, 运维经费（亿元）]
        rows:
          - [上城区, 1.25, 312.5, 86.4, 3.2]
          - [西湖风景名胜区, 1.31, 325.0, 89.1, 13.6]
    """
    result = build(write_issue(tmp_path, "测试标题", body))
    cells = header_cells(pdf_of(result, tmp_path), ["地区"])
    assert any(len(cells[t]) == 2 for t in UNIT_CELLS)          # some do wrap
    for text, lines in UNIT_CELLS.items():
        assert cells[text] in ([text], lines), (text, cells[text])


def test_numbers_stay_aligned_on_their_point_in_a_squeezed_table(tmp_path):
    result = build(write_issue(tmp_path, "测试标题", TABLE))
    chars = [c for p in pdfplumber.open(pdf_of(result, tmp_path)).pages for c in p.chars]
    # the column 受益农户: 312.5 325.0 348.7 — their points at one x
    points = {round(c["x0"], 1) for k, c in enumerate(chars) if c["text"] == "." and chars[k - 1]["text"] in "258"
              and chars[k - 2]["text"] in "124" and chars[k - 3]["text"] == "3"}
    assert len(points) == 1, points


@pytest.fixture
def big_titles(tmp_path) -> Path:
    """The house layout with a 30 pt title over up to three lines and 28 pt contents entries:
    the long title breaks twice in both."""
    text = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    for old, new in (("  style: {font: title, size: 22, align: center}", "  style: {font: title, size: 30, align: center}"),
                     ("\n  max_lines: 2\n", "\n  max_lines: 3\n"),
                     ("  entry_style: {font: body, size: 16, grid: true}", "  entry_style: {font: body, size: 28}")):
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "layouts").mkdir()
    path = tmp_path / "layouts" / "big.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_long_title_and_its_contents_entry_break_between_words(tmp_path, big_titles):
    result = build(write_issue(tmp_path, TITLE, f"- {FILLER}\n"), str(big_titles))
    lines = [ln.text for ln in read_lines(pdf_of(result, tmp_path))]
    found = 0
    for k in range(len(lines)):
        for n in (2, 3):
            group = lines[k:k + n]
            if "".join(group) == TITLE:
                found += 1
                assert set(line_ends(group)) <= boundaries(TITLE_WORDS), group
    assert found == 2, lines          # the title, and its entry in the contents, each on 2–3 lines
    assert not [w for w in result.document.warnings if "inside a word" in w]


def test_a_place_name_in_a_title_is_not_broken_at_its_joints(tmp_path):
    """`中华人民共和国` is one name: a title breaks before or after it, not at `中华人民│共和国`
    (a joint of two dictionary words: allowed in a compound such as 人大│常委会, which a
    narrow table column may need, but a broken name in a place name)."""
    title = "桐庐县人大常委会组织开展《中华人民共和国乡村振兴促进法》执法检查"
    result = build(write_issue(tmp_path, title, "- 正文。\n"))
    titles = [[ln.text for ln in page.lines if ln.role.name == "TITLE"] for page in result.document.pages]
    (lines,) = [t for t in titles if t]
    assert "".join(lines) == title and len(lines) == 2
    assert all("中华人民共和国" in ln or "中华" not in ln for ln in lines), lines


def test_a_number_keeps_its_unit_in_a_table_cell(tmp_path):
    """docs/typography.md, "Line breaking": a number and its unit are one unit (`1—9月` breaks
    only after `—`): a header cell `2023年` is never `2023│年`, `2025年1—10月` breaks before `1`."""
    from bulletin_pdf.text.words import WORD_PENALTY, word_costs

    assert word_costs("2023年")[3] >= WORD_PENALTY
    assert word_costs("1—10月")[3] >= WORD_PENALTY and word_costs("1—10月")[1] < WORD_PENALTY
    result = build(write_issue(tmp_path, "标题", """\
        - table:
            header:
              - [项目类型, 2023年, 2024年, 2025年1—10月, 合计]
            rows:
              - [低效工业用地再开发（亩）, "3,120", "4,060", "3,580", "10,760"]
        """))
    cells = [ln.text for page in result.document.pages for ln in page.lines if ln.role.name == "TABLE"]
    assert "2023年" in cells and "2024年" in cells, cells
    assert not [c for c in cells if c in ("2023", "2024", "年")], cells
    assert not [w for w in result.document.warnings if "inside a word" in w or "孤字" in w]


def test_a_narrow_cells_line_is_set_flush_left_without_a_warning(tmp_path):
    """A cell's line that would open holes in a narrow column is set flush left on purpose
    (text/justify.py): no 'cannot be justified' warning for it (three were printed)."""
    result = build(write_issue(tmp_path, "标题", """\
        - table:
            header:
              - [模块, 数据来源, 更新频率, 预警规则数, 上线时间, 使用单位]
            rows:
              - [重点支出穿透监督, 财政局、国资委, 每日, 38, 2025年6月, 市、区县]
        """))
    assert not [w for w in result.document.warnings if "cannot be justified" in w], result.document.warnings
    # and the column of 预警规则数 is made wide enough for 规则数: a last line of 数 alone would be
    # a 孤字, which the breaker avoids by cutting a word (it printed 预警│规│则数, warned)
    from bulletin_pdf.text.words import pieces

    assert pieces("预警规则数") == ["预警", "规则数"]
    assert not [w for w in result.document.warnings if "inside a word" in w], result.document.warnings


def test_caption_labels_typed_by_the_editor_print_once(tmp_path):
    (tmp_path / "images").mkdir()
    shutil.copy(ROOT / "content" / "examples" / "images" / "lakeside.jpg", tmp_path / "images")
    body = """\
    - table:
        caption: 表1　2021—2025年主要指标
        header: [[指标, 数值]]
        rows: [[设施数, 1.25]]
        source: 资料来源：市生态环境局
    - figure:
        image: images/lakeside.jpg
        caption: 图1：治理后的湖滨
        source: 资料来源:市农业农村局
        width: 100mm
    - table:
        caption: 表 2 分区情况
        header: [[地区, 数值]]
        rows: [[上城区, 2]]
    """
    result = build(write_issue(tmp_path, "测试标题", body))
    text = "\n".join(p.extract_text() for p in pdfplumber.open(pdf_of(result, tmp_path)).pages)
    text = text.replace(" ", "").replace("\u3000", "")
    assert text.count("表1") == 1 and "表12021—2025年主要指标" in text
    assert text.count("表2") == 1 and "表2分区情况" in text
    assert text.count("图1") == 1 and "图1治理后的湖滨" in text
    assert text.count("资料来源") == 2 and "资料来源：市生态环境局" in text and "资料来源：市农业农村局" in text
    assert not [w for w in result.document.warnings if "typed as" in w]


def test_a_typed_number_other_than_the_count_is_a_warning_naming_both(tmp_path):
    body = """\
    - table:
        caption: 表1　第一张表
        header: [[指标, 数值]]
        rows: [[设施数, 1.25]]
    - table:
        caption: 表3　第二张表
        header: [[指标, 数值]]
        rows: [[设施数, 1.31]]
    """
    path = write_issue(tmp_path, "测试标题", body)
    result = build(path)
    (warning,) = [w for w in result.document.warnings if "typed as" in w]
    line = path.read_text(encoding="utf-8").splitlines().index("              caption: 表3　第二张表") + 1
    assert warning.startswith(f"{path}:{line}:") or f"issue.yaml:{line}:" in warning, warning
    assert "表3" in warning and "2" in warning.split("表3", 1)[1]
    text = "".join(p.extract_text() for p in pdfplumber.open(pdf_of(result, tmp_path)).pages).replace(" ", "")
    assert "表2第二张表" in text and "表3" not in text


def test_the_segmenter_is_not_loaded_when_no_display_line_breaks(tmp_path):
    """Loading the word segmenter costs ~0.05 s and 34 MB: a build whose titles, entries and
    cells all fit their lines does not load it; one whose header must wrap does."""
    short = write_issue(tmp_path, "测试标题", f"- {FILLER}\n- table:\n    header: [[指标, 数值]]\n    rows: [[设施数, 1.25]]\n")
    long = tmp_path / "long.yaml"
    long.write_text(HEAD + f"      - title: 测试标题\n        body:\n" + textwrap.indent(TABLE, " " * 10), encoding="utf-8")
    code = ("import sys; from bulletin_pdf.pipeline import build; build(sys.argv[1]); "
            "print('rjieba' in sys.modules)")
    loaded = [subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, check=True).stdout.strip()
              for p in (short, long)]
    assert loaded == ["False", "True"]


#: Two-character words no dictionary joins with a neighbour of this list into a longer one
#: cut differently (a reader's words: 监督 is never 监│督).
PLAIN_WORDS = ["监督", "预算", "执行", "政府", "企业", "农户", "经费", "设施", "乡村", "发展", "管理", "服务",
               "项目", "建设", "人才", "科技"]


@pytest.fixture(scope="module")
def setter(layout, fonts):
    from bulletin_pdf.compose.typeset import Setter
    return Setter(layout, fonts)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(PLAIN_WORDS), min_size=2, max_size=12),
       chars=st.integers(min_value=2, max_value=12), header=st.booleans())
@example(words=["预算", "执行", "监督"], chars=3, header=True)
def test_a_display_line_never_breaks_inside_a_word_when_its_words_fit(setter, layout, words, chars, header):
    """Any measure at least one word wide: a table cell (header ragged, body justified) breaks
    only between the words."""
    style = layout.blocks.table.header
    text = "".join(words)
    para = setter.paragraph(setter.spans(text, style), chars * style.size + 0.01, 0.0, 0.0, not header, words=True)
    lines = [ln.text for ln in para.lines]
    assert "".join(lines) == text
    assert set(line_ends(lines)) <= boundaries(words), lines


# --- the cost of each break, as docs/display-lines.md's table states it ----------------------
# (the words below are stated as a reader splits them; the costs are compared with one another,
# never with the engine's constants)

#: text → the stretches a table column keeps whole (words with the marks bound to them, clreq
#: https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end), compounds whole
PIECES = {
    "紧盯政府": ["紧盯", "政府"],
    "设施数（万处）": ["设施数", "（万处）"],                  # the unit, and the part before it, whole
    "运维经费（亿元人民币）": ["运维经费", "（亿元人民币）"],  # a unit of two words is one still
    "预算编制": ["预算编制"],                                # a compound, whole
    "执行、决算": ["执行、", "决算"],                          # 、 never starts a line
    "“钱袋子”聚焦": ["“钱袋子”", "聚焦"],                      # a break after a closing quote
    "增长3.2%": ["增长", "3.2%"],
    "人大常委会": ["人大常委会"],
}
#: the same with compounds parted into their two words
PIECES_OF_COMPOUNDS = {
    "预算编制": ["预算", "编制"],
    "人大常委会": ["人大", "常委会"],
    "监督制度": ["监督", "制度"],
    "征集企业意见建议数": ["征集", "企业", "意见", "建议数"],     # 数 alone on a last line: a 孤字
}


def test_a_column_keeps_each_word_with_its_marks_whole():
    from bulletin_pdf.text.words import pieces

    for text, expected in PIECES.items():
        assert pieces(text) == expected, text
    for text, expected in PIECES_OF_COMPOUNDS.items():
        assert pieces(text, compounds=True) == expected, text
    # the part before a unit that does not fit a line is broken between its words like any text
    assert pieces("设施数（万处）", head_fits=False) == ["设施", "数", "（万处）"]


def test_a_trailing_unit_is_found_only_after_some_text():
    from bulletin_pdf.text.words import trailing_unit

    assert trailing_unit("设施数（万处）") == 3
    assert trailing_unit("率（%）") == 1
    assert trailing_unit("（万处）") == -1           # nothing before it: no unit rule
    assert trailing_unit("设施数") == -1
    assert trailing_unit("（万处）设施数") == -1      # not at the end


def test_the_cost_of_a_break_ranks_as_the_table_says():
    """docs/display-lines.md, "Which lines": between two words free; between the halves of a
    compound a small penalty; next to a one-character word a larger one; inside a word (and
    between two one-character words, "The segmenter and its cost") the most."""
    from bulletin_pdf.text.words import word_costs

    inside = word_costs("预算")[0]
    assert inside > 0
    costs = dict(zip(["临│安", "安│区", "区│人", "人│大", "大│常", "常│委", "委│会"], word_costs("临安区人大常委会")))
    compound, single = costs["大│常"], costs["安│区"]
    assert 0 < compound < single < inside
    assert costs["区│人"] == single
    assert costs["临│安"] == costs["人│大"] == costs["常│委"] == costs["委│会"] == inside
    assert word_costs("紧盯政府") == [inside, 0.0, inside]
    assert word_costs("万处") == [inside]            # two one-character words: inside a word
    assert word_costs("人") == [] and word_costs("") == []
    # a unit in brackets is one word; the part before it is one when it fits a line (head_fits)
    unit = word_costs("运维经费（亿元人民币）", head_fits=True)
    assert unit[:3] == [inside] * 3 and unit[3] == 0.0 and unit[4:] == [inside] * 6
    assert word_costs("数（亿元人民币）", head_fits=True) == [0.0] + [inside] * 6
    assert word_costs("立法协商（场次）", head_fits=True)[:4] == [inside, inside, inside, 0.0]
    assert word_costs("立法协商（场次）", head_fits=False)[:4] == [inside, 0.0, inside, 0.0]
    # a compound parts only into two words of two or more characters each (总│工程师 is not one)
    assert word_costs("总工程师") == [inside] * 3
    # a break is a word boundary only where the cuts with and without the HMM agree: the HMM
    # joins 发力筑 wrongly, the dictionary alone has four one-character words
    assert word_costs("发力筑牢") == [inside] * 3
    assert word_costs("增长3.2%") == [inside, 0.0, inside, inside, inside]     # a number is one word


def test_display_words_mark_only_the_gaps_between_two_han_characters(fonts):
    """text/words.py: the words mark the gaps between two Han characters; every other gap
    keeps what `prepare` made of it (kinsoku, Latin units, the CJK–Latin space)."""
    from bulletin_pdf.model import LineRules
    from bulletin_pdf.text import RunStyle, Span
    from bulletin_pdf.text.prepare import prepare
    from bulletin_pdf.text.types import Gap
    from bulletin_pdf.text.words import mark_words

    text = "临安区2025年第3季度人大常委会“钱袋子”"
    p = prepare([Span(text, RunStyle("body", 16, 16))], fonts, LineRules())
    gaps, penalties = list(p.gaps), list(p.gap_penalty)
    mark_words(p, None)
    # inside a word, or between two one-character words (年│第)
    inside = {"临安", "年第", "季度", "人大", "常委", "委会", "钱袋", "袋子"}
    for g in range(len(text) - 1):
        pair = text[g:g + 2]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in pair):
            assert (p.gaps[g], p.gap_penalty[g]) == (gaps[g], penalties[g]), pair
        elif pair in inside:
            assert p.gaps[g] is Gap.INSIDE_WORD, pair
        else:
            assert p.gaps[g] is Gap.FREE, pair
    assert p.gap_penalty[text.index("区2") - 1] > 0              # 临安│区: next to a one-character word
    assert 0 < p.gap_penalty[text.index("大常")] < p.gap_penalty[text.index("区2") - 1]   # 人大│常委会


def test_the_warning_names_each_word_a_break_cuts_whole(fonts):
    """docs/display-lines.md: a break inside a word is taken only when nothing else fits, and
    the build warns `broken inside a word (预│算)`, naming the whole word around the cut."""
    from bulletin_pdf.model import LineRules
    from bulletin_pdf.text import RunStyle, Span
    from bulletin_pdf.text.prepare import prepare
    from bulletin_pdf.text.words import mark_words, split_words

    text = "监督钱袋子预算"
    p = prepare([Span(text, RunStyle("body", 16, 16))], fonts, LineRules())
    mark_words(p, None)
    assert split_words(p, (1, 6)) == ""                     # 监督│钱袋子预算: between words
    warning = str(split_words(p, (2, 5, 6)))                  # 监督钱│袋子预│算
    assert "钱│袋子" in warning and "预│算" in warning


def test_a_unit_in_brackets_is_short_and_closes_the_text():
    """text/words.py: a unit in brackets is a few characters (`（万处）`, `（%）`, `(亿元)`, up to
    twelve) closing the text, spaces after it allowed; a longer bracket is a phrase, not a unit."""
    from bulletin_pdf.text.words import trailing_unit

    assert trailing_unit("设施数（" + "万" * 12 + "）") == 3
    assert trailing_unit("设施数（" + "万" * 13 + "）") == -1
    assert trailing_unit("设施数（）") == -1                  # an empty bracket holds no unit
    assert trailing_unit("经费(亿元)") == 2 and trailing_unit("经费（亿元)") == 2
    assert trailing_unit("设施数（万处）  ") == 3
    assert trailing_unit("设施数（万（处）") == 5             # the innermost bracket closes it


def test_the_segmenter_cuts_with_its_hmm_unless_asked_not_to():
    """text/words.py `words`: with the hidden Markov model a word not in the dictionary is
    joined (`发力筑/牢`, wrongly), without it falls apart into single characters (`发/力/筑/牢`)."""
    from bulletin_pdf.text.words import words

    assert words("发力筑牢") == ("发力筑", "牢")
    assert words("发力筑牢", False) == ("发", "力", "筑", "牢")


def test_a_compound_parts_at_every_joint_between_two_words():
    """docs/display-lines.md: a compound whose halves are words of two or more characters may
    part there — at each such joint (人民│代表│大会: 人民 + 代表大会 and 人民代表 + 大会)."""
    from bulletin_pdf.text.words import pieces

    assert pieces("人民代表大会", compounds=True) == ["人民", "代表", "大会"]
    assert pieces("人民代表大会") == ["人民代表大会"]


def test_the_warning_names_a_cut_word_at_either_end_of_the_text(fonts):
    """A cut word that opens or closes the text is named whole too (`钱袋│子`, `钱│袋子`)."""
    from bulletin_pdf.model import LineRules
    from bulletin_pdf.text import RunStyle, Span
    from bulletin_pdf.text.prepare import prepare
    from bulletin_pdf.text.words import mark_words, split_words

    for text, ends, named in (("钱袋子监督", (1, 4), "钱袋│子"), ("监督钱袋子", (2, 4), "钱│袋子")):
        p = prepare([Span(text, RunStyle("body", 16, 16))], fonts, LineRules())
        mark_words(p, None)
        assert named in str(split_words(p, ends)), text


def test_a_two_character_word_cut_on_a_narrow_line_is_named(fonts):
    """docs/display-lines.md: a display line of one two-character word on a one-cell measure
    must be cut, and says which word it cut."""
    from bulletin_pdf.model import LineRules
    from bulletin_pdf.text import ParagraphSpec, RunStyle, Span
    from bulletin_pdf.text.balance import set_balanced

    spec = ParagraphSpec(16.01, 0.0, 0.0, False, LineRules(), words=True)
    para = set_balanced([Span("预算", RunStyle("body", 16, 16))], fonts, spec)
    assert [line.text for line in para.lines] == ["预", "算"]
    assert any("预│算" in str(w) for w in para.warnings)
