"""Articles written in Word come in through `bulletin-pdf docx` (python-docx writes the
test documents here)."""

from __future__ import annotations

import io
import textwrap
import zipfile

import docx
import pytest
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


@pytest.mark.parametrize("typed, printed", [
    # GB/T 15834-2011: 。！ full-width in Chinese text (4.1, 4.4), the ellipsis …… (4.11), the
    # dash —— (4.10)
    ("同比增长7.8%.", "同比增长7.8%。"),
    ("完成率100%!", "完成率100%！"),
    ("要把好事办好”.", "要把好事办好”。"),
    ("增长7.8%.同时", "增长7.8%。同时"),
    ("共310余条...其中", "共310余条……其中"),
    ("等等。。。", "等等……"),
    ("百分点--这是", "百分点——这是"),
    # left as typed: English, a typed number, decimals, hyphens in Latin text
    ("Growth was 7.8%.", "Growth was 7.8%."),
    ("1.强化组织领导", "1.强化组织领导"),
    ("共3.5亿元。", "共3.5亿元。"),
    ("型号A--B。", "型号A--B。"),
])
def test_end_marks_dots_and_hyphens_typed_half_width_are_made_chinese(typed, printed):
    assert normalise(typed) == printed


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _real_docx() -> bytes:
    out = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("标题")
    d.save(out)
    return out.getvalue()


#: An OLE2 compound file's signature (MS-CFB §2.2: D0 CF 11 E0 A1 B1 1A E1), then a directory
#: entry name in UTF-16LE, as a password-protected .docx holds its package (MS-OFFCRYPTO
#: §2.3.4.1: the stream "EncryptedPackage") and a Word 97–2003 file its text ("WordDocument").
OLE = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


@pytest.mark.parametrize("name, data, said, hint", [
    ("x.docx", "plain text, typed in Notepad".encode(), "a text file named .docx, not a Word document", "Save As"),
    ("x.docx", "上城区：打好组合拳".encode("gbk"), "a text file named .docx, not a Word document", "Save As"),
    ("x.docx", b"", "the file is empty (0 bytes)", "ask for it again"),
    ("x.doc", OLE + "WordDocument".encode("utf-16-le"), "an old-format Word 97–2003 (.doc)", "Save As"),
    ("x.docx", OLE + "EncryptedPackage".encode("utf-16-le"), "protected with a password", "remove the password"),
    ("x.docx", b"{\\rtf1\\ansi hello}", "an RTF file named .docx", "Save As"),
    ("x.docx", _zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}),
     "an Office file of another kind (Excel)", "copy its content into a Word document"),
    ("x.docx", _zip({"notes.txt": b"hello"}), "a ZIP file with no Word document inside", "Save As"),
    ("x.docx", _real_docx()[:1500], "the .docx is damaged (cut short or corrupted)", "ask for it again"),
    ("~$上城区.docx", b"\x06editor" + bytes(150), "the lock file Word keeps", "give the document itself: 上城区.docx"),
])
def test_a_file_that_is_no_docx_is_named_for_what_it_is(tmp_path, name, data, said, hint):
    """What an editor is sent instead of a .docx, told in her words with what to do (not the
    library's `Package not found`): exit 2, the file named, a hint."""
    (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(app, ["docx", str(tmp_path / name)])
    assert result.exit_code == 2, result.output
    first, second = result.stderr.splitlines()[:2]
    assert first.startswith(f"error: {tmp_path / name}: ") and said in first, result.stderr
    assert second.strip().startswith("hint: ") and hint in second, result.stderr


def test_document_without_title(tmp_path):
    d = docx.Document()
    d.add_paragraph("这是一段很长的正文，没有标题，编辑忘记写标题了，所以工具应当明确地指出这一点，而不是猜测。")
    d.save(str(tmp_path / "t.docx"))
    result = CliRunner().invoke(app, ["docx", str(tmp_path / "t.docx")])
    assert result.exit_code == 2 and "no title found" in result.stderr
