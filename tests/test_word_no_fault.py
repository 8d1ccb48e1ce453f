"""Word import that never makes a fault (issue 18): brackets converted in pairs or not at all
(GB/T 15834-2011 4.9: （ ） come in pairs), a bold first line taken as the title, `--as`,
the same article or items refused with their place and the issue file unchanged; and a `#`
typed inside text (YAML 1.2 §6.6: a `#` after a space starts a comment) never lost silently."""

from __future__ import annotations

import unicodedata

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.editor.docx import clean
from bulletin_pdf.input.load import load_issue

from .conftest import SAMPLE


def run(*args):
    return CliRunner().invoke(app, [*map(str, args)])


def table_docx(path):
    """An article whose table has the header 同比增长(%) typed with half-width brackets."""
    d = docx.Document()
    d.add_paragraph("滨江区：预算执行情况").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　今年以来，滨江区人大常委会听取预算执行情况报告(见下表)。")
    t = d.add_table(rows=2, cols=3)
    for cell, text in zip(t.rows[0].cells, ("指标", "金额(亿元)", "同比增长(%)")):
        cell.text = text
    for cell, text in zip(t.rows[1].cells, ("一般公共预算收入", "120.5", "6.3")):
        cell.text = text
    d.add_paragraph("　　下一步，将继续跟踪监督(特别是民生支出。")
    d.add_paragraph("（滨江区人大常委会办公室 王　昆）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def items_docx(path):
    d = docx.Document()
    d.add_paragraph("上城区人大常委会开展专题询问，推动问题整改落实。（上城区人大常委会办公室）")
    d.add_paragraph("西湖区人大常委会视察养老服务工作，提出意见建议8条。（西湖区人大常委会办公室）")
    d.save(str(path))
    return path


def bold_title_docx(path):
    """The title typed in bold, left-aligned, in the Normal style: as many offices do."""
    d = docx.Document()
    d.add_paragraph().add_run("富阳区：聚焦乡村振兴开展专题调研").bold = True
    d.add_paragraph("　　富阳区人大常委会围绕乡村振兴开展专题调研，走访村社12个。")
    d.add_paragraph("　　调研组提出意见建议6条，推动相关部门落实。")
    d.save(str(path))
    return path


@given(st.text(alphabet="()%（）亿元增长ab1 ", max_size=12))
@example("同比增长(%)")
@example("增长(见表1")
@example("(%)增长")
def test_half_width_brackets_become_full_width_in_pairs_only(text):
    """Whatever the clean-up does, it never leaves a （ without its ） that the text as typed
    had: the count of open minus close brackets, half- and full-width together, is kept."""
    out, _ = clean(text)
    assert out.count("（") - out.count("）") == text.count("（") - text.count("）") or \
        out.count("（") + out.count("(") - out.count("）") - out.count(")") == \
        text.count("（") + text.count("(") - text.count("）") - text.count(")")
    # a full-width bracket made by the clean-up always has its partner made with it
    assert out.count("（") - text.count("（") == out.count("）") - text.count("）")


def test_a_word_table_with_brackets_leaves_no_error_for_check(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    done = run("docx", table_docx(tmp_path / "b.docx"), "--into", issue, "--column", "监督纵横")
    assert done.exit_code == 0, done.stderr
    text = issue.read_text(encoding="utf-8")
    assert "同比增长（%）" in text and "金额（亿元）" in text and "（见下表）" in text
    assert "同比增长（%)" not in text
    # the lone ( she typed stays as typed, and the report says so
    assert "跟踪监督(特别是" in text
    assert "a bracket ( or ) without its partner left half-width, as typed (1)" in done.stderr
    check = run("check", issue)
    assert "is not closed" not in check.stdout and "closes nothing" not in check.stdout, check.stdout
    assert check.exit_code == 0, check.stdout


def test_the_same_items_twice_are_refused_and_the_file_is_unchanged(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    word = items_docx(tmp_path / "信息摘登.docx")
    first = run("docx", word, "--into", issue, "--column", "信息摘登")
    assert first.exit_code == 0, first.stderr
    once = issue.read_bytes()
    again = run("docx", word, "--into", issue, "--column", "信息摘登")
    assert again.exit_code == 2
    assert issue.read_bytes() == once
    line = next(k for k, ln in enumerate(once.decode("utf-8").splitlines(), 1) if "上城区人大常委会开展专题询问" in ln)
    assert f"{issue}:{line}: columns: 2 of these 2 items are in the issue already (column 信息摘登)" in again.stderr
    assert "the issue file is unchanged" in again.stderr
    zh = run("--lang", "zh", "docx", word, "--into", issue, "--column", "信息摘登")
    assert "这 2 条短讯中有 2 条已经在期刊里了（栏目“信息摘登”）" in zh.stderr


def test_the_same_article_twice_is_refused_with_its_place(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    word = table_docx(tmp_path / "b.docx")
    assert run("docx", word, "--into", issue, "--column", "监督纵横").exit_code == 0
    once = issue.read_bytes()
    again = run("docx", word, "--into", issue, "--column", "情况交流")
    assert again.exit_code == 2 and issue.read_bytes() == once
    assert "the article 《滨江区：预算执行情况》 is in the issue already (column 监督纵横)" in again.stderr


def test_a_bold_left_aligned_first_line_is_the_title(tmp_path):
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    done = run("docx", bold_title_docx(tmp_path / "f.docx"), "--into", issue, "--column", "情况交流")
    assert done.exit_code == 0, done.stderr
    art = load_issue(issue).columns[2].articles[-1]
    assert "".join(art.title) == "富阳区：聚焦乡村振兴开展专题调研"
    assert len(art.body) == 2


def test_as_article_says_what_a_plain_file_is(tmp_path):
    """A first line with no mark of a title: the error says `--as article`; with it, the
    first paragraph is the title."""
    d = docx.Document()
    d.add_paragraph("桐庐区人大常委会开展立法调研")
    d.add_paragraph("　　调研组走访基层立法联系点3个，听取意见建议20条。")
    d.add_paragraph("　　下一步将梳理意见，形成调研报告。")
    d.save(str(tmp_path / "t.docx"))
    issue = tmp_path / "2025-09.yaml"
    issue.write_bytes(SAMPLE.read_bytes())
    refused = run("docx", tmp_path / "t.docx", "--into", issue, "--column", "情况交流")
    assert refused.exit_code == 2 and issue.read_bytes() == SAMPLE.read_bytes()
    assert "--as article" in refused.stderr, refused.stderr
    done = run("docx", tmp_path / "t.docx", "--into", issue, "--column", "情况交流", "--as", "article")
    assert done.exit_code == 0, done.stderr
    assert "".join(load_issue(issue).columns[2].articles[-1].title) == "桐庐区人大常委会开展立法调研"


def hash_issue(tmp_path, old: str, new: str):
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "issue.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_hashtag_inside_text_is_an_error_at_the_hash(tmp_path):
    path = hash_issue(tmp_path, "          - 今年以来，上城区人大常委会", "          - 今年以来 #重点工作 上城区人大常委会")
    result = run("check", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    k = next(i for i, ln in enumerate(lines) if "the text after this # is not in the issue" in ln)
    assert lines[k].startswith(f"error: {path}:17:18: columns[0].articles[0].body[0]: ")
    assert "“重点工作 上城区人大常委会牢牢把握高质量…” is left out" in lines[k]
    shown = lines[k + 1][:lines[k + 1].index("#")]         # CJK characters take two columns (UAX #11)
    assert lines[k + 2].index("^") == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown)
    build = run("build", path, "-o", tmp_path / "o.pdf")
    assert "the text after this # is not in the issue" in build.stderr


def test_a_comment_after_a_byline_is_a_warning(tmp_path):
    path = hash_issue(tmp_path, "byline: 西湖区人大常委会办公室 方敏杰\n", "byline: 西湖区人大常委会办公室 方敏杰  # 已核对\n")
    result = run("check", path)
    assert result.exit_code == 0
    assert "a comment after the text: “已核对” is not printed" in result.stdout


def test_watch_shows_what_build_and_check_flag(tmp_path):
    """A fresh issue from `new`: its placeholders are in watch's diagnostics with their lines,
    as `build` flags them."""
    from bulletin_pdf.editor.watch.builder import WarmBuilder
    from bulletin_pdf.editor.watch.outcome import Level

    (tmp_path / "2025-09.yaml").write_bytes(SAMPLE.read_bytes())
    assert run("new", tmp_path / "2025-09.yaml", "--date", "2025-10-30").exit_code == 0
    issue = tmp_path / "2025-10.yaml"
    build = run("build", issue, "-o", tmp_path / "b.pdf")
    flagged = build.stderr.count("placeholder left")
    outcome = WarmBuilder(issue, output=tmp_path / "w.pdf").build()
    assert outcome.ok
    placeholders = [d for d in outcome.diagnostics if "placeholder left" in d.headline]
    assert len(placeholders) >= flagged > 0
    assert all(d.level is Level.ERROR and d.details and "^" in d.details[1] for d in placeholders)
    zh = WarmBuilder(issue, output=tmp_path / "z.pdf", lang="zh").build()
    assert any("还留着占位内容" in d.headline and d.label == "错误" for d in zh.diagnostics)
