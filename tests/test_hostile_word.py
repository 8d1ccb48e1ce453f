"""Hostile input, second round (issue 21): Word files. Each reproducer is a real .docx made
with python-docx and edited with zipfile (the XML of one part changed, a part added), then
converted by the real CLI (5 s of CPU, 300 MiB peak): large ordinary documents convert within
their time; every damaged or odd package is exit 2 with a message naming the file (and part)."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from PIL import Image

from .fuzzing import BASE_ISSUE, run_cli
from .test_hostile import LIMIT_MIB

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def article(path: Path, paragraphs: int = 3, table_rows: int = 0, text: str | None = None) -> Path:
    d = docx.Document()
    p = d.add_paragraph("西湖区：高质效履职助推养老服务")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for k in range(paragraphs):
        d.add_paragraph(text or f"　　第{k + 1}段，西湖区人大常委会高度关注养老服务工作，立足监督职能。")
    if table_rows:
        t = d.add_table(rows=table_rows, cols=3)
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"{r}-{c}"
    by = d.add_paragraph("（西湖区人大常委会办公室 方敏杰）")
    by.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
    return path


def edited(path: Path, change: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> Path:
    """The package at `path` with parts replaced (`change`: name → new bytes, or a function of the
    old bytes) and parts added; written back in place."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    for name, new in change.items():
        parts[name] = new(parts[name]) if callable(new) else new
    parts.update(add or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def in_body(xml: bytes) -> callable:
    """A change that puts `xml` (WordprocessingML) right after the body's first paragraph."""
    def change(old: bytes) -> bytes:
        at = old.index(b"</w:p>") + len(b"</w:p>")
        return old[:at] + xml + old[at:]
    return change


def numbered(num_fmt: str, start: str, lvl_text: str = "%1.") -> callable:
    """numbering.xml with one abstract list of `num_fmt` from `start`, and a paragraph using it."""
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{start}"/><w:numFmt w:val="{num_fmt}"/><w:lvlText w:val="{lvl_text}"/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '</w:numbering>').encode()
    return numbering


def with_numbering(path: Path, numbering: bytes, relations: int = 1) -> Path:
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>列表项</w:t>'
            '</w:r></w:p>').encode()

    def rels(old: bytes) -> bytes:
        extra = b"".join(b'<Relationship Id="rIdNum%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         b'relationships/numbering" Target="numbering%d.xml"/>' % (k, k) for k in range(relations))
        return old.replace(b"</Relationships>", extra + b"</Relationships>")

    def types(old: bytes) -> bytes:
        extra = b"".join(b'<Override PartName="/word/numbering%d.xml" ContentType="application/vnd.openxmlformats-'
                         b'officedocument.wordprocessingml.numbering+xml"/>' % k for k in range(relations))
        return old.replace(b"</Types>", extra + b"</Types>")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    drop = [n for n in names if n == "word/numbering.xml"]
    if drop:       # python-docx's template has a numbering part: take it out of the package
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i) for i in z.infolist() if i.filename not in drop}
        parts["word/_rels/document.xml.rels"] = re.sub(rb'<Relationship [^>]*relationships/numbering"[^>]*/>', b"",
                                                      parts["word/_rels/document.xml.rels"])
        parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/word/numbering.xml"[^>]*/>', b"",
                                              parts["[Content_Types].xml"])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return edited(path, {"word/document.xml": in_body(item), "word/_rels/document.xml.rels": rels,
                         "[Content_Types].xml": types},
                  {f"word/numbering{k}.xml": numbering for k in range(relations)})


def convert(tmp_path: Path, path: Path, cpu: int = 5, into: bool = False):
    args = ["docx", path.name] if not into else ["docx", path.name, "--into", "issue.yaml", "-c", "助力攻坚"]
    return run_cli(args, tmp_path, cpu_seconds=cpu)


def refused(tmp_path: Path, path: Path, words: str = "") -> str:
    code, _out, err, rss = convert(tmp_path, path)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB: {err}"
    assert err.startswith(f"error: {path.name}"), err
    assert words in err.splitlines()[0], err
    return err


def converted(tmp_path: Path, path: Path, cpu: int = 5) -> tuple[str, str]:
    code, out, err, rss = convert(tmp_path, path, cpu)
    assert code == 0, err
    assert "Traceback" not in err, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB: {err}"
    return out, err


# ----------------------------------------------------------------------------- large ordinary input

def test_10000_paragraphs_convert_within_20_seconds(tmp_path):
    path = article(tmp_path / "long.docx", paragraphs=10_000)
    out, _err = converted(tmp_path, path, cpu=20)
    assert "第10000段" in out


def test_a_5000_row_table_converts(tmp_path):
    path = article(tmp_path / "table.docx", table_rows=5000)
    out, _err = converted(tmp_path, path, cpu=10)
    assert "4999-2" in out


def test_a_50000_character_paragraph_with_unread_text(tmp_path):
    """SequenceMatcher(autojunk=False) compared the read and the expected text in O(n²)."""
    path = article(tmp_path / "unread.docx")
    text = "文" * 50_000
    xml = (f'<w:p><w:r><w:t>{text}</w:t></w:r><w:unknownThing><w:r><w:t>漏掉的字</w:t></w:r></w:unknownThing></w:p>')
    edited(path, {"word/document.xml": in_body(xml.encode())})
    _out, err = converted(tmp_path, path)
    assert "漏掉的字" in err


# ----------------------------------------------------------------------------- spans and numbers

@pytest.mark.parametrize("prop", ['<w:gridSpan w:val="1000000000"/>', '<w:gridBefore w:val="1000000000"/>'])
def test_a_span_of_a_billion_columns(tmp_path, prop):
    path = article(tmp_path / "span.docx", table_rows=2)
    if "gridBefore" in prop:
        change = lambda old: old.replace(b"<w:tr>", b"<w:tr><w:trPr>" + prop.encode() + b"</w:trPr>", 1)  # noqa: E731
    else:
        change = lambda old: old.replace(b"<w:tc><w:tcPr>", b"<w:tc><w:tcPr>" + prop.encode(), 1)  # noqa: E731
    edited(path, {"word/document.xml": change})
    assert prop.encode() in zipfile.ZipFile(path).read("word/document.xml")
    refused(tmp_path, path, "column")


@pytest.mark.parametrize("fmt, start", [("upperRoman", "1000000000"), ("lowerLetter", "1000000000000"),
                                        ("decimal", "9" * 4300), ("chineseCounting", "1000000000")])
def test_a_list_numbered_from_a_huge_start(tmp_path, fmt, start):
    path = with_numbering(article(tmp_path / "list.docx"), numbered(fmt, start))
    code, out, err, rss = convert(tmp_path, path)
    assert code in (0, 2) and "Traceback" not in err and rss <= LIMIT_MIB, err
    if code == 2:
        assert err.startswith(f"error: {path.name}") and "numbering" in err.splitlines()[0], err
    else:
        assert "列表项" in out


def test_a_level_text_of_20000_placeholders(tmp_path):
    path = with_numbering(article(tmp_path / "list.docx"), numbered("decimal", "1", "%1" * 20000))
    code, out, err, rss = convert(tmp_path, path)
    assert code in (0, 2) and "Traceback" not in err and rss <= LIMIT_MIB, err
    if code == 2:
        assert err.startswith(f"error: {path.name}"), err


def test_two_numbering_relationships(tmp_path):
    path = with_numbering(article(tmp_path / "list.docx"), numbered("decimal", "1"), relations=2)
    refused(tmp_path, path, "numbering")


# ----------------------------------------------------------------------------- damaged packages

def test_a_document_part_whose_root_is_not_w_document(tmp_path):
    path = article(tmp_path / "root.docx")
    edited(path, {"word/document.xml": f'<w:body xmlns:w="{W}"><w:p/></w:body>'.encode()})
    refused(tmp_path, path, "word/document.xml")


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_a_picture_claiming_60000_pixels_square(tmp_path, fmt):
    path = tmp_path / "pic.docx"
    small = io.BytesIO()
    Image.new("P", (40, 30)).save(small, fmt)
    d = docx.Document()
    d.add_paragraph("标题：图片").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　正文第一段。")
    d.add_picture(io.BytesIO(small.getvalue()))
    d.add_paragraph("　　正文第二段。")
    d.save(str(path))
    data = bytearray(small.getvalue())
    if fmt == "GIF":          # logical screen and image descriptor widths/heights
        data[6:10] = (60000).to_bytes(2, "little") * 2
        at = data.index(b"\x2c", 13)
        data[at + 5:at + 9] = (60000).to_bytes(2, "little") * 2
    else:                     # BITMAPINFOHEADER biWidth, biHeight
        data[18:26] = (60000).to_bytes(4, "little") * 2
    name = next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/"))
    assert name.endswith(fmt.lower().replace("bmp", "bmp"))
    edited(path, {name: bytes(data)})
    code, out, err, rss = convert(tmp_path, path)
    assert code in (0, 2) and "Traceback" not in err and "internal error" not in err, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB"
    assert "DecompressionBomb" not in err
    assert "cannot be placed" in err and "pixels" in err, err


def test_a_part_that_inflates_to_600_mb(tmp_path):
    path = article(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open("word/media/zeros.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * 2**20
            for _ in range(600):
                fh.write(chunk)
    assert path.stat().st_size < 5_000_000
    refused(tmp_path, path, "MB")


def test_an_indent_of_a_hundred_million(tmp_path):
    path = article(tmp_path / "a.docx")
    code, _out, err, rss = run_cli(["docx", path.name, "--indent", "100000000"], tmp_path)
    assert code == 2 and "Traceback" not in err and rss <= LIMIT_MIB, err
    assert "--indent" in err


# ----------------------------------------------------------------------------- files written only where meant

ISSUE = BASE_ISSUE


def picture_article(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("标题：图片").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　正文第一段。")
    png = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(png, "PNG")
    d.add_picture(png)
    d.add_paragraph("　　正文第二段。")
    d.save(str(path))
    return path


def test_a_symlink_where_a_picture_is_saved_is_not_written_through(tmp_path):
    (tmp_path / "issue.yaml").write_text(ISSUE, encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep me", encoding="utf-8")
    (tmp_path / "images").mkdir()
    path = picture_article(tmp_path / "pic.docx")
    for k in range(1, 3):
        for ext in ("png", "jpg"):
            os.symlink(outside, tmp_path / "images" / f"pic-{k}.{ext}")
    code, _out, err, _rss = convert(tmp_path, path, into=True)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert "Traceback" not in err, err
    assert code == 2 and "symbolic link" in err, err
    assert (tmp_path / "issue.yaml").read_text(encoding="utf-8") == ISSUE


def test_a_read_only_issue_file_is_refused(tmp_path):
    issue = tmp_path / "issue.yaml"
    issue.write_text(ISSUE, encoding="utf-8")
    issue.chmod(0o444)
    path = article(tmp_path / "a.docx")
    code, _out, err, _rss = convert(tmp_path, path, into=True)
    assert code == 2 and "read-only" in err and err.startswith("error: issue.yaml"), err
    assert issue.read_text(encoding="utf-8") == ISSUE and (issue.stat().st_mode & 0o777) == 0o444


def test_a_symlinked_issue_file_is_edited_at_its_target(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "issue.yaml"
    target.write_text(ISSUE, encoding="utf-8")
    target.chmod(0o640)
    os.symlink(target, tmp_path / "issue.yaml")
    path = article(tmp_path / "a.docx")
    code, _out, err, _rss = convert(tmp_path, path, into=True)
    assert code == 0, err
    assert (tmp_path / "issue.yaml").is_symlink()
    assert "西湖区" in target.read_text(encoding="utf-8")
    assert (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["issue.yaml"]


def test_into_a_large_issue(tmp_path):
    """--into on an issue of 3,000 articles (330 KB): the line comparison that keeps the file as
    written is linear outside the edited place (difflib over the whole file took seconds)."""
    articles = "".join(f"      - title: 第{k}篇文章的标题\n        body:\n          - 第{k}篇的正文段落，内容充实。\n"
                       for k in range(3000))
    (tmp_path / "issue.yaml").write_text(BASE_ISSUE.replace("    articles:\n", "    articles:\n" + articles, 1),
                                         encoding="utf-8")
    path = article(tmp_path / "a.docx")
    code, _out, err, rss = convert(tmp_path, path, into=True)
    assert code == 0 and "Traceback" not in err and rss <= LIMIT_MIB, err
    text = (tmp_path / "issue.yaml").read_text(encoding="utf-8")
    assert "第2999篇文章的标题" in text and "西湖区：高质效履职助推养老服务" in text


def test_a_document_of_two_million_empty_paragraphs(tmp_path):
    """12 MB of `<w:p/>` zip to 20 KB; read, they took 40 s and 330 MB."""
    path = article(tmp_path / "empty.docx")
    edited(path, {"word/document.xml": in_body(b"<w:p/>" * 2_000_000)})
    assert path.stat().st_size < 200_000
    refused(tmp_path, path, "more than 200,000 XML elements")
