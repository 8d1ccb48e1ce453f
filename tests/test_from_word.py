"""Articles written in Word come in through `bulletin-pdf docx` (python-docx writes the
test documents here)."""

from __future__ import annotations

import textwrap

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.compose import LineRole
from bulletin_pdf.editor.docx import normalise
from bulletin_pdf.pipeline import build

ISSUE_HEAD = """\
publication: 杭州人大信息
number: 10
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 助力攻坚
    articles:
"""


def word_article(path):
    d = docx.Document()
    for line in ("西湖区：高质效履职", "助推AI赋能养老服务工作"):
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　西湖区人大常委会高度关注养老服务工作,立足监督职能,以 AI 技术破解养老难题为抓手。")
    p = d.add_paragraph("　　")
    p.add_run("一是深研需求明方向。").bold = True
    p.add_run("开展“银发经济+AI养老”专题调研(走访 20 余家机构);精准梳理需求!")
    d.add_paragraph("网址 https://www.example.gov.cn/a,b 保持原样，3,560 人、93.2% 也不变。")
    byline = d.add_paragraph("（西湖区人大常委会办公室 方敏杰）")
    byline.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def test_word_article_becomes_issue_yaml(tmp_path):
    path = word_article(tmp_path / "article.docx")
    result = CliRunner().invoke(app, ["docx", str(path)])
    assert result.exit_code == 0, result.stderr
    (article,) = yaml.safe_load(textwrap.dedent(result.stdout))
    assert article["title"] == ["西湖区：高质效履职", "助推AI赋能养老服务工作"]
    assert article["byline"] == "西湖区人大常委会办公室 方敏杰"
    body = article["body"]
    assert body[0] == "西湖区人大常委会高度关注养老服务工作，立足监督职能，以AI技术破解养老难题为抓手。"
    assert body[1] == "**一是深研需求明方向。**开展“银发经济+AI养老”专题调研（走访20余家机构）；精准梳理需求！"
    assert body[2] == "网址https://www.example.gov.cn/a,b保持原样，3,560人、93.2%也不变。"
    # pasted under `articles:`, it builds
    issue = tmp_path / "issue.yaml"
    issue.write_text(ISSUE_HEAD + result.stdout, encoding="utf-8")
    built = build(issue, "jianbao")
    titles = [ln.text for p in built.document.pages for ln in p.lines if ln.role is LineRole.TITLE]
    assert titles == article["title"]


def test_normalise_keeps_western_text_western():
    assert normalise("In English, (really): yes; ok!") == "In English, (really): yes; ok!"
    assert normalise("共 120 余次,比 2024 年(同期)多") == "共120余次，比2024年（同期）多"


def test_not_a_docx(tmp_path):
    (tmp_path / "x.docx").write_text("plain")
    result = CliRunner().invoke(app, ["docx", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "not a Word .docx file" in result.stderr


def test_document_without_title(tmp_path):
    d = docx.Document()
    d.add_paragraph("这是一段很长的正文，没有标题，编辑忘记写标题了，所以工具应当明确地指出这一点，而不是猜测。")
    d.save(str(tmp_path / "t.docx"))
    result = CliRunner().invoke(app, ["docx", str(tmp_path / "t.docx")])
    assert result.exit_code == 2 and "no title found" in result.stderr
