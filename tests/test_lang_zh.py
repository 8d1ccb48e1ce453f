"""`--lang zh` throughout (issue 18): every command an editor runs prints Chinese, never a
mix. Each command runs under `--lang zh` and its whole output (standard output and error) is
read for English prose.

What counts as prose: a word of two or more Latin letters, except what is not prose and stays
as typed in any language —
* file names and paths (`content/2025-10.yaml`, `2025-10.pdf`), and the address of `watch`;
* code the reader types: anything in backticks (`byline:`), a command line (`bulletin-pdf …`
  to the end of its clause), an option (`--column`), a field path (`columns[0].body[1]`),
  `key:` as written in the issue file;
* units (pt, mm, KB, ppi, px) and the names of formats, standards and colour spaces (PDF, PDF/X-4,
  OFD, CMYK, RGB, FOGRA39, ToUnicode, TrimBox, .notdef, A4, YAML, UTF-8, Word, Ctrl-C);
* the layout's name (jianbao) and the words of the editor's own text (the issue file's and
  the Word file's Latin words, e.g. AI, CBD).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from typer.testing import CliRunner

from bulletin_pdf.cli import app

from .conftest import SAMPLE

NOT_PROSE = {
    "pt", "mm", "KB", "ppi", "px", "PDF", "OFD", "CMYK", "RGB", "FOGRA", "ToUnicode", "TrimBox", "MediaBox",
    "notdef", "YAML", "UTF", "Word", "Ctrl", "GTS_PDFXVersion", "PDFX", "ISSUE", "yaml", "pdf", "ofd", "docx",
    "jianbao", "gbt9704", "Tab", "ARTICLE", "NAME", "true", "false",
}
#: Code and names removed before the words are read: paths, options, field paths, backticks,
#: a command line up to the end of its clause, a URL.
CODE = re.compile(
    r"`[^`]*`"                                     # `code`
    r"|bulletin-pdf[^，。；）\n]*"                  # a command line
    r"|https?://\S+"                               # the preview's address
    r"|--?[a-z][\w-]*"                             # an option
    r"|[\w./\\-]*[/\\.][\w./\\-]*\.(?:yaml|yml|pdf|ofd|docx|png)\b"   # a file name with a folder
    r"|[\w\-]+\.(?:yaml|yml|pdf|ofd|docx|png)\b"   # a file name
    r"|\b[a-z_]+(?:\[\d+\]|\.[a-z_]+)+"            # a field path: columns[0].articles[1].body
    r"|\b[a-z_]+(?=:)"                             # a field as typed: byline:
    r"|/\S+"                                       # an absolute path
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_prose(output: str, own_words: set[str]) -> list[str]:
    """The lines of `output` that hold English prose, with the words that make them so."""
    found = []
    for line in output.splitlines():
        rest = CODE.sub(" ", line)
        words = [w for w in LATIN_WORD.findall(rest) if w not in NOT_PROSE and w not in own_words]
        if words:
            found.append(f"{words}: {line}")
    return found


def own_words(*files: Path) -> set[str]:
    """The Latin words of the editor's own files (her text is printed as she typed it)."""
    words: set[str] = set()
    for f in files:
        if f.suffix == ".docx":
            text = "\n".join(p.text for p in docx.Document(str(f)).paragraphs)
        else:
            text = f.read_text(encoding="utf-8")
        words |= set(LATIN_WORD.findall(text))
    return words


def zh(*args) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--lang", "zh", *map(str, args)])
    return result.exit_code, result.stdout + result.stderr


def test_the_prose_detector_sees_english_and_spares_code():
    """The detector must be able to fail: English sentences are found, code is not."""
    assert english_prose("错误: a.yaml:3: placeholder left: 待补充", set())
    assert english_prose("已写出 out.pdf：3 pages", set())
    assert english_prose("fit (jianbao layout):", set())
    assert not english_prose("错误: content/2025-10.yaml:17:9: columns[0].articles[0].byline: 请加上 `byline:`", set())
    assert not english_prose("  下一步：运行 bulletin-pdf docx ARTICLE.docx --into a.yaml --column 栏目名", set())
    assert not english_prose("字体：5 个，ToUnicode 5 个；PDF/X：PDF/X-4，输出意图 FOGRA39；16.0 pt", set())


@pytest.fixture
def month(tmp_path):
    """Her folder: last month's issue, a Word article, a 信息摘登 Word file, and an issue
    with findings (a placeholder, straight quotes, a space, a skipped 三是, a title of three
    lines, a # inside text)."""
    (tmp_path / "2025-09.yaml").write_bytes(SAMPLE.read_bytes())
    d = docx.Document()
    d.add_paragraph('拱墅区：紧盯"钱袋子"助推预算监督').alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph('　　拱墅区人大常委会紧盯"钱袋子",1 — 9月开展预算联网监督(见下表)。')
    t = d.add_table(rows=2, cols=2)
    for cell, text in zip(t.rows[0].cells + t.rows[1].cells, ("指标", "同比增长(%)", "收入", "6.3")):
        cell.text = text
    d.add_paragraph("　　听取审议报告3次,提出意见12条。")
    d.add_paragraph("（拱墅区人大常委会办公室 李　明）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(tmp_path / "拱墅区.docx"))
    d = docx.Document()
    d.add_paragraph("上城区人大常委会开展专题询问，推动问题整改落实。（上城区人大常委会办公室）")
    d.save(str(tmp_path / "信息摘登.docx"))
    text = SAMPLE.read_text(encoding="utf-8")
    sample = yaml.safe_load(text)
    title = sample["columns"][0]["articles"][1]["title"]
    slips = (text.replace(title, title * 3, 1)
             .replace("西湖区人大常委会高度关注养老服务工作", '西湖区人大常委会高度关注 "养老服务" 工作', 1)
             .replace("**三是听计问需优服务。**", "**四是听计问需优服务。**", 1)
             .replace("          - 今年以来，上城区", "          - 今年以来 #重点工作 上城区", 1)
             .replace("byline: 上城区人大常委会办公室", "byline: 待补充", 1))
    (tmp_path / "slips.yaml").write_text(slips, encoding="utf-8")
    return tmp_path


def no_prose(output: str, *files: Path) -> None:
    prose = english_prose(output, own_words(*files))
    assert not prose, "English prose under --lang zh:\n" + "\n".join(prose) + "\n--- output:\n" + output


def test_check_an_issue_with_findings(month):
    code, output = zh("check", month / "slips.yaml")
    assert code == 1
    assert "错误:" in output and "警告:" in output and "提示:" in output
    assert "error:" not in output and "warning:" not in output and "hint:" not in output
    no_prose(output, month / "slips.yaml")


def test_build_with_and_without_errors(month):
    code, output = zh("build", month / "slips.yaml", "-o", month / "slips.pdf")
    assert code == 0 and "警告:" in output and "warning:" not in output
    no_prose(output, month / "slips.yaml")
    code, output = zh("build", month / "2025-09.yaml", "-o", month / "good.pdf")
    assert code == 0 and "已写出" in output
    no_prose(output, month / "2025-09.yaml")
    broken = month / "broken.yaml"
    broken.write_text(SAMPLE.read_text(encoding="utf-8").replace("number: 9", "number：9"), encoding="utf-8")
    code, output = zh("build", broken, "-o", month / "broken.pdf")
    assert code == 2 and "错误:" in output
    no_prose(output, broken)


def test_check_a_pdf(month):
    assert zh("build", month / "2025-09.yaml", "-o", month / "good.pdf")[0] == 0
    code, output = zh("check", month / "good.pdf")
    assert code == 0 and "合格" in output
    no_prose(output)


def test_new_docx_and_docx_into(month):
    code, output = zh("new", month / "2025-09.yaml", "--date", "2025-10-30")
    assert code == 0 and "已写出" in output
    no_prose(output, month / "2025-09.yaml")
    issue = month / "2025-10.yaml"
    code, output = zh("docx", month / "拱墅区.docx")
    assert code == 0
    no_prose(output.split("\n- title:")[0] if False else output.splitlines()[-1], month / "拱墅区.docx")
    code, output = zh("docx", month / "拱墅区.docx", "--into", issue, "--column", "监督纵横")
    assert code == 0 and "已整理" in output
    no_prose(output, month / "拱墅区.docx", issue)
    code, output = zh("docx", month / "信息摘登.docx", "--into", issue, "--column", "信息摘登")
    assert code == 0
    no_prose(output, month / "信息摘登.docx", issue)
    code, output = zh("docx", month / "信息摘登.docx", "--into", issue, "--column", "信息摘登")
    assert code == 2
    no_prose(output, month / "信息摘登.docx", issue)
    code, output = zh("docx", month / "拱墅区.docx", "--into", issue, "--column", "信息摘登")
    assert code == 2
    no_prose(output, month / "拱墅区.docx", issue)
    code, output = zh("check", issue)
    no_prose(output, issue)
