"""`check ISSUE.yaml`: the proofreading report (each finding at FILE:LINE:COLUMN with the fix)
and the fit report, read against the PDF `build` writes of the same issue."""

from __future__ import annotations

import re

import pikepdf
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.editor.proofread import Severity, proofread

from .conftest import SAMPLE
from .test_from_word import ISSUE_HEAD
from .pdfread import read_lines

MM = 72 / 25.4
BLOCK_TOP, BLOCK_HEIGHT, ROWS = 37 * MM, 225 * MM, 22     # jianbao: GB/T 9704 block, 22 lines


def check(*args):
    return CliRunner().invoke(app, ["check", *map(str, args)])


def test_the_sample_checks_clean_and_its_fit_matches_the_pdf(sample_pdf):
    result = check(SAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"{SAMPLE}: 0 errors, 0 warnings"
    notes = [ln.strip() for ln in result.stdout.splitlines() if ln.startswith("  ")]
    with pikepdf.open(sample_pdf) as pdf:
        pages = len(pdf.pages)
        page_index = {p.objgen: k for k, p in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            firsts = [f"page {page_index[a.destination[0].objgen]}: 《{a.title}》"
                      for col in outline.root for a in col.children]
    assert notes[0] == f"{pages} pages"
    assert (pages % 2 == 1) == any(n.startswith("an odd number of pages") for n in notes)
    assert [n for n in notes if "《" in n] == firsts
    # pages that end short, read back from the PDF: the last baseline's grid line
    lines = read_lines(sample_pdf)
    pitch = BLOCK_HEIGHT / ROWS
    for page in range(1, pages):
        text = [ln for ln in lines if ln.page == page and not re.fullmatch(r"— \d+ —|—\d+—", ln.text)]
        last_row = int((max(ln.baseline for ln in text) - BLOCK_TOP) // pitch) + 1
        short = [n for n in notes if n.startswith(f"page {page} ends ")]
        if last_row < ROWS:
            n = ROWS - last_row
            assert short and short[0].startswith(f"page {page} ends {n} line{'s' if n > 1 else ''} short: ")
        else:
            assert not short


BAD = "# 2025年第10期\n" + ISSUE_HEAD + """\
      - title: （标题待填写）
        byline: 上城区人大常委会办公室
        body:
          - 正文。
      - title: 拱墅区：紧盯"钱袋子"
        body:
          - 拱墅区人大常委会紧盯钱袋子。
"""


def test_placeholder_missing_byline_and_straight_quotes_each_with_its_line(tmp_path):
    issue = tmp_path / "2025-10.yaml"
    issue.write_text(BAD, encoding="utf-8")
    result = check(issue)
    assert result.exit_code == 1
    report = result.stdout.splitlines()
    assert report[:4] == [
        f"error: {issue}:9:16: columns[0].articles[0].title: placeholder left: （标题待填写）",
        "  9 |       - title: （标题待填写）",
        "                     ^",
        "  hint: replace it with the real text (docx --into puts a Word article in its place)"]
    assert f"warning: {issue}:13: columns[0].articles[1]: article without a byline" in report
    assert f"warning: {issue}:13:22: columns[0].articles[1].title: straight quote \" in Chinese text" in report
    assert f"warning: {issue}:13:26: columns[0].articles[1].title: straight quote \" in Chinese text" in report
    assert report[-1] == f"{issue}: 1 error, 3 warnings"


def findings_of(tmp_path, body: str, **fields):
    """(severity, column, message) of each finding on the one body line of a small issue."""
    text = BAD.replace("          - 正文。", "          - " + body).replace("（标题待填写）", "上城区：打好组合拳")
    issue = tmp_path / "x.yaml"
    issue.write_text(text, encoding="utf-8")
    _, findings = proofread(issue)
    return [(f.severity.value, f.problem.column, f.problem.message) for f in findings if f.problem.line == 12]


@pytest.mark.parametrize("body, expected", [
    ("今年以来,我们坚持。", [("warning", 17, "half-width ',' in Chinese text")]),
    ("我们坚持(一是)。", [("warning", 17, "half-width '(' in Chinese text"),
                      ("warning", 20, "half-width ')' in Chinese text")]),
    ("工作取得实效.", [("warning", 19, "half-width '.' in Chinese text")]),
    ("人大 常委会", [("warning", 15, "space inside Chinese text")]),
    ("1 — 9月", [("warning", 14, "space around '—'")]),
    ("等等 ……", [("warning", 15, "space around '……'")]),
    ("取得实效，，再接再厉。", [("warning", 17, "doubled punctuation '，，'")]),
    ("取得实效。。", [("warning", 17, "doubled punctuation '。。'")]),
    ("学习《预算法。", [("error", 15, "'《' is not closed")]),
    ("学习预算法）。", [("error", 18, "'）' closes nothing: no （ before it")]),
    ("他说“好。", [("error", 15, "'“' is not closed")]),
    ("见附件××。", [("error", 16, "placeholder left: ××")]),
    # after a number, % or a closing mark at the end, and dots or hyphens for …… and ——
    # (GB/T 15834-2011 4.10, 4.11: the dash is two — , the ellipsis two …)
    ("同比增长7.8%.", [("warning", 21, "half-width '.' in Chinese text")]),
    ("完成率100%!", [("warning", 20, "half-width '!' in Chinese text")]),
    ("他说“要把好事办好”.", [("warning", 23, "half-width '.' in Chinese text")]),
    ("共310余条...其中", [("warning", 19, "'...' typed for '……'")]),
    ("百分点--这是", [("warning", 16, "'--' typed for '——'")]),
    # not findings: numbers, URLs, Latin, a full-width space, CJK–Latin spaces (the ¼-em gap)
    ("3,560人、93.2%，网址https://a.gov.cn/x,y。", []),
    ("1.强化组织领导，增长3.5%。", []),
    ("相关经验被报道。The rate reached 95%.", []),          # an English sentence keeps its .
    ("他说“要把好事办好”!", [("warning", 23, "half-width '!' in Chinese text")]),     # said once
    ("“三推两助　双岗建功”ESG 评级 1—9 月。", []),
])
def test_each_rule_at_its_column(tmp_path, body, expected):
    assert findings_of(tmp_path, body) == expected


def test_ordinals_run_on(tmp_path):
    text = BAD.replace("          - 正文。", "          - 正文。\n          - \"**一是抓。**好。\"\n"
                       "          - \"**三是抓。**好。\"\n          - 四是好。")
    issue = tmp_path / "x.yaml"
    issue.write_text(text, encoding="utf-8")
    _, findings = proofread(issue)
    assert [(f.problem.line, f.problem.column, f.problem.message) for f in findings
            if "是 where" in f.problem.message] == [(14, 16, "三是 where 二是 comes next")]


def test_a_numeral_that_is_none_is_an_ordinal_out_of_turn(tmp_path):
    """十十是, 一一六是: not numerals the proofreader can read (typed in error, or a watch
    session's edit half-way): reported as out of turn, never a crash."""
    text = BAD.replace("          - 正文。", "          - \"**一是抓。**好。\"\n          - 十十是好。\n"
                       "          - 一十一十是好。")
    issue = tmp_path / "x.yaml"
    issue.write_text(text, encoding="utf-8")
    _, findings = proofread(issue)
    assert [f.problem.message for f in findings if "是 where" in f.problem.message] == [
        "十十是 where 二是 comes next", "一十一十是 where 一是 comes next"]


def test_against_the_previous_issue(tmp_path):
    issue = tmp_path / "next.yaml"
    issue.write_text(SAMPLE.read_text(encoding="utf-8").replace("number: 9", "number: 11")
                     .replace("date: 2025-09-29", "date: 2025-09-01").replace("cumulative: 715", "cumulative: 716"),
                     encoding="utf-8")
    result = check(issue, "--from", SAMPLE)
    assert result.exit_code == 1
    assert (f"error: {issue}:7: date: the date 2025-09-01 is not after the previous issue's date 2025-09-29 "
            "(2025-09.yaml)") in result.stdout
    assert f"warning: {issue}:4: number: 第11期 after 第9期 of 2025 (2025-09.yaml): expected 第10期" in result.stdout
    issue.write_text(SAMPLE.read_text(encoding="utf-8").replace("number: 9", "number: 1")
                     .replace("date: 2025-09-29", "date: 2026-01-10").replace("cumulative: 715", "cumulative: 716"),
                     encoding="utf-8")
    result = check(issue, "--from", SAMPLE)
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.stdout
    # the same number again, or one before, in the same year: two issues with one number
    for number in (9, 8):
        issue.write_text(SAMPLE.read_text(encoding="utf-8").replace("number: 9", f"number: {number}")
                         .replace("date: 2025-09-29", "date: 2025-10-30").replace("cumulative: 715", "cumulative: 716"),
                         encoding="utf-8")
        result = check(issue, "--from", SAMPLE)
        assert result.exit_code == 1
        assert (f"error: {issue}:4: number: 第{number}期 after 第9期 of 2025 (2025-09.yaml): expected 第10期"
                in result.stdout), result.stdout
    # 总第 the same as the previous issue's: an error too
    issue.write_text(SAMPLE.read_text(encoding="utf-8").replace("number: 9", "number: 10")
                     .replace("date: 2025-09-29", "date: 2025-10-30"), encoding="utf-8")
    result = check(issue, "--from", SAMPLE)
    assert result.exit_code == 1 and f"error: {issue}:5: cumulative: 总第715期 after 总第715期" in result.stdout, result.stdout


def test_an_issue_that_cannot_be_set_is_an_error(tmp_path):
    issue = tmp_path / "x.yaml"
    issue.write_text(BAD.replace("（标题待填写）", "上城区").replace("正文。", "正文\U0001F600。")
                     .replace('"钱袋子"', "“钱袋子”"), encoding="utf-8")
    result = check(issue)
    assert result.exit_code == 1 and "U+1F600" in result.stderr and "hint: '😀' is an emoji or a symbol" in result.stderr
    # an invisible character is named, not printed raw nor called an emoji
    issue.write_text(BAD.replace("（标题待填写）", "上城区").replace("正文。", "正文\u200b。")
                     .replace('"钱袋子"', "“钱袋子”"), encoding="utf-8")
    result = check(issue)
    assert result.exit_code == 1 and "character '<ZERO WIDTH SPACE>' (U+200B)" in result.stderr, result.stderr
    assert "hint: <ZERO WIDTH SPACE> is an invisible character" in result.stderr and "emoji" not in result.stderr
    # a combining accent no face has: told to type the accented letter, not called an emoji
    issue.write_text(BAD.replace("（标题待填写）", "上城区").replace("正文。", "正文nai\u0308ve。")
                     .replace('"钱袋子"', "“钱袋子”"), encoding="utf-8")
    result = check(issue)
    assert "(U+0308) is in no font" in result.stderr, result.stderr        # (the body face has no U+0308)
    assert "type the accented letter as one character" in result.stderr and "emoji" not in result.stderr


def test_a_pdf_is_still_preflighted(sample_pdf, tmp_path):
    renamed = tmp_path / "issue.bin"           # by content, not by name
    renamed.write_bytes(sample_pdf.read_bytes())
    for path in (sample_pdf, renamed):
        result = check(path)
        assert result.exit_code == 0 and "OK: nothing a print shop would reject" in result.stdout


MARKS = st.sampled_from(list("，。、；：！？"))
HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x62FF)
CLEAN = st.lists(st.one_of(st.text(HANZI, min_size=1, max_size=6), st.tuples(HANZI, MARKS).map("".join),
                           st.text(HANZI, min_size=1, max_size=4).map(lambda t: f"“{t}”"),
                           st.text(HANZI, min_size=1, max_size=4).map(lambda t: f"《{t}》")),
                 min_size=1, max_size=8).map("".join)


@given(CLEAN)
@example("一，二。")
@example("“一”《二》")
def test_clean_chinese_text_has_no_findings(tmp_path_factory, body):
    """Text typed as printed — Chinese characters, one mark at a time, closed quotes and
    titles — gets no finding."""
    if re.search(r"[，。、；：！？]{2}", body):
        return
    assert findings_of(tmp_path_factory.mktemp("p"), body) == []


def test_severity_decides_the_exit_code(tmp_path):
    issue = tmp_path / "w.yaml"
    issue.write_text(BAD.replace("（标题待填写）", "上城区").replace('"钱袋子"', "“钱袋子”"), encoding="utf-8")
    _, findings = proofread(issue)
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert check(issue).exit_code == 0


def test_build_warns_of_what_would_print_wrong(tmp_path):
    issue = tmp_path / "2025-10.yaml"
    issue.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(issue), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.stderr
    assert f"warning: {issue}:9:16: columns[0].articles[0].title: placeholder left: （标题待填写）" in result.stderr
    assert f"  1 to fix before printing: bulletin-pdf check {issue} shows each" in result.stderr
    clean = CliRunner().invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "s.pdf")])
    assert "to fix before printing" not in clean.stderr


def test_check_on_a_word_file_says_what_to_do(tmp_path):
    word = tmp_path / "article.docx"
    word.write_bytes(b"PK\x03\x04")
    result = check(word)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {word}: this is a Word file; check takes the issue file (YAML) or a PDF",
        f"  hint: put it into the issue with: bulletin-pdf docx {word} --into ISSUE.yaml --column NAME"]


def test_build_reads_the_errors_the_report_counts(tmp_path):
    """`build` proofreads for errors only (`errors_only`, the checks that can only warn are not
    run): exactly the errors of the full report, in the same order."""
    from bulletin_pdf.input.load import read_issue
    from bulletin_pdf.editor.proofread import findings_of

    def shown(finding):
        return finding.severity, finding.problem.headline(), finding.problem.details()

    bodies = ["今年以来,我们坚持“好。", "学习预算法）。见附件××。", "人大 常委会，，《预算法", "正文。"]
    for k, body in enumerate(bodies):
        issue = tmp_path / f"x{k}.yaml"
        issue.write_text(BAD.replace("          - 正文。", "          - " + body), encoding="utf-8")
        parsed, doc = read_issue(issue)
        everything = findings_of(parsed, doc)
        assert ([shown(f) for f in findings_of(parsed, doc, errors_only=True)]
                == [shown(f) for f in everything if f.severity is Severity.ERROR])
        assert any(f.severity is Severity.WARNING for f in everything) or body == "正文。"
