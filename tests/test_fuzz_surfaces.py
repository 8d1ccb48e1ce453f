"""Mutation fuzzing of the surfaces that landed after issue 12 (issue 21): article blocks,
pictures, Word packages, PDFs with images and the `watch` server.

Each case runs in-process under the same caps as `test_fuzz` (`fuzzing.capped`: a wall-clock
alarm and an address-space limit), through the calls the CLI makes. Outcomes allowed: success,
or a `BulletinError` that names its file (and its line, for an issue file). About 400 examples
a run, a few seconds each surface; `FUZZ_SCALE=10` for a longer hunt. Every case found is kept
in `tests/fuzz_corpus/` (blocks/, pictures/, word/, pdfs/, requests/) and run by `test_corpus`
there.
"""

from __future__ import annotations

import hashlib
import io
import os
import urllib.request
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from bulletin_pdf.compose import compose
from bulletin_pdf.editor.docx import article_from_docx
from bulletin_pdf.errors import BulletinError
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.preflight import preflight
from bulletin_pdf.writers.pdf.write import write_pdf

from .fuzzing import BASE_ISSUE, CORPUS, mutated_binary, mutated_text, outcome
from .test_fuzz import FUZZ, PDF_WORDS, SCALE, event
from .test_hostile_watch import Pages, status_of

BODY_LINE = "          - 今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务，立足人大职能定位。\n"
BLOCKS = """\
          - heading: 基本情况
          - note: 注：数据截至九月底。
          - list: [第一项, 第二项, 第三项]
          - table:
              caption: 主要指标
              header:
                - [指标, {text: 金额, colspan: 2}]
              rows:
                - [{text: 地区, rowspan: 2}, "1,234.50", 12%]
                - ["98.6", "-3.2%"]
              source: 市统计局
          - figure:
              image: fig.png
              caption: 西湖夜景
              width: 120mm
"""
BLOCKS_ISSUE = BASE_ISSUE.replace(BODY_LINE, BODY_LINE + BLOCKS)
assert BLOCKS in BLOCKS_ISSUE


def _write(folder: Path, data: bytes, name: str) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A folder with the picture the blocks issue names."""
    path = tmp_path_factory.mktemp("surfaces")
    Image.new("RGB", (1500, 1000), (30, 90, 160)).save(path / "fig.png")
    return path


def typeset(path: Path, layout, fonts) -> None:
    issue = outcome(lambda: load_issue(path), file_level=("the file is empty",))
    if isinstance(issue, BulletinError):
        event(f"refused: {issue.message[:30]}")
        return
    result = outcome(lambda: write_pdf(compose(issue, layout, fonts), fonts, pdfx=layout.output.pdfx))
    event(f"typeset: {type(result).__name__}")


# ----------------------------------------------------------------------------- article blocks

def check_blocks(folder: Path, data: bytes, layout, fonts) -> None:
    typeset(_write(folder, data, hashlib.sha1(data).hexdigest()[:12] + ".yaml"), layout, fonts)


@settings(FUZZ, max_examples=150 * SCALE)
@given(data=mutated_text(BLOCKS_ISSUE.encode("utf-8")))
@example(data=BLOCKS_ISSUE.encode("utf-8"))
@example(data=BLOCKS_ISSUE.replace("colspan: 2}", "colspan: 50, rowspan: 50}").encode())
@example(data=BLOCKS_ISSUE.replace("120mm", "0.0001mm").encode())
@example(data=BLOCKS_ISSUE.replace("第一项", '"第一\\u0007项"').encode())
@example(data=BLOCKS_ISSUE.replace("fig.png", "图" * 300 + ".png").encode())
def test_fuzz_blocks(folder, layout, fonts, data):
    check_blocks(folder, data, layout, fonts)


# ----------------------------------------------------------------------------- pictures

def _picture(kind: str) -> bytes:
    buf = io.BytesIO()
    im = Image.new({"jpeg": "RGB", "png": "RGBA", "gray16": "I;16", "palette": "P"}[kind], (40, 30))
    im.save(buf, "JPEG" if kind == "jpeg" else "PNG")
    return buf.getvalue()


PICTURES = {kind: _picture(kind) for kind in ("jpeg", "png", "gray16", "palette")}


def check_picture(folder: Path, data: bytes, layout, fonts) -> None:
    """`data` as the figure's picture (its printed size made small so a tiny picture passes
    the resolution check and its decoding is what is tested)."""
    name = hashlib.sha1(data).hexdigest()[:12]
    _write(folder, data, name + ".pic")
    text = BLOCKS_ISSUE.replace("image: fig.png", f"image: {name}.pic").replace("120mm", "10mm")
    typeset(_write(folder, text.encode("utf-8"), name + ".yaml"), layout, fonts)


@settings(FUZZ, max_examples=80 * SCALE)
@given(kind=st.sampled_from(sorted(PICTURES)), data=st.data())
def test_fuzz_pictures(folder, layout, fonts, kind, data):
    check_picture(folder, data.draw(mutated_binary(PICTURES[kind])), layout, fonts)


# ----------------------------------------------------------------------------- Word packages

def _word_article() -> bytes:
    d = docx.Document()
    d.add_paragraph("西湖区：高质效履职").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("　　西湖区人大常委会高度关注养老服务工作，立足监督职能。")
    d.add_paragraph("一、基本情况", style="Heading 1")
    d.add_paragraph("第一项", style="List Number")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    table.cell(1, 0).text = "1,234"
    png = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(png, "PNG")
    d.add_picture(png)
    d.add_paragraph("（西湖区人大常委会办公室 方敏杰）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


WORD = _word_article()


@st.composite
def mutated_word(draw) -> bytes:
    """The article with one part's XML mutated as text (most cases: the package stays a package
    and python-docx reads it), or the ZIP file's bytes damaged."""
    if draw(st.integers(0, 4)) == 0:
        return draw(mutated_binary(WORD))
    with zipfile.ZipFile(io.BytesIO(WORD)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    name = draw(st.sampled_from(sorted(n for n in parts if n.endswith((".xml", ".rels")) and "theme" not in n)))
    parts[name] = draw(mutated_text(parts[name]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return out.getvalue()


def check_word(folder: Path, data: bytes) -> None:
    name = hashlib.sha1(data).hexdigest()[:12]
    path = _write(folder, data, name + ".docx")
    result = outcome(lambda: article_from_docx(path, images=folder / name), file_level=("",))
    event(f"word: {type(result).__name__}")


@settings(FUZZ, max_examples=80 * SCALE)
@given(data=mutated_word())
@example(data=WORD)
def test_fuzz_word_packages(folder, data):
    check_word(folder, data)


# ----------------------------------------------------------------------------- PDFs with images

@pytest.fixture(scope="module")
def pdf_with_image(folder, layout, fonts) -> bytes:
    path = _write(folder, BLOCKS_ISSUE.encode("utf-8"), "with-image.yaml")
    return write_pdf(compose(load_issue(path), layout, fonts), fonts, pdfx=True)


def check_pdf(folder: Path, data: bytes) -> None:
    path = _write(folder, data, hashlib.sha1(data).hexdigest()[:12] + ".pdf")
    event(f"pdf: {type(outcome(lambda: preflight(path), file_level=PDF_WORDS)).__name__}")


@settings(FUZZ, max_examples=60 * SCALE)
@given(data=st.data())
def test_fuzz_pdfs_with_images(folder, pdf_with_image, data):
    check_pdf(folder, data.draw(mutated_binary(pdf_with_image)))


# ----------------------------------------------------------------------------- the watch server

@pytest.fixture(scope="module")
def server():
    from bulletin_pdf.editor.watch.server import PreviewServer

    server = PreviewServer(Pages(), 0)
    server.serve_in_thread()
    yield server
    server.stop()


PATH_PARTS = ["page", "1", "0", "²", "١", "-1", "9" * 5000, "1.png", "..", "%00", "%2e%2e", "status.json", "",
              "%C2%B2.png", "//", "?x=1", "#", "\u2028"]


@settings(FUZZ, max_examples=100 * SCALE)
@given(parts=st.lists(st.sampled_from(PATH_PARTS), min_size=1, max_size=5))
@example(parts=["page", "²", "1.png"])
@example(parts=["page", "1", "9" * 5000 + ".png"])
def test_fuzz_server_paths(server, capfd, parts):
    path = "/" + urllib.request.quote("/".join(parts), safe="/%?#.")
    assert status_of(server, path) in (200, 400, 404)
    _out, err = capfd.readouterr()
    assert "Traceback" not in err, err


# ----------------------------------------------------------------------------- the corpus

def surface_cases():
    return sorted(p for kind in ("blocks", "pictures", "word", "pdfs-with-images", "requests")
                  for p in (CORPUS / kind).glob("*") if p.is_file())


@pytest.mark.parametrize("case", surface_cases(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_surface_corpus(folder, layout, fonts, server, case):
    """Every input of these surfaces that ever failed, run again the way it failed."""
    data = case.read_bytes()
    kind = case.parent.name
    if kind == "blocks":
        check_blocks(folder, data, layout, fonts)
    elif kind == "pictures":
        check_picture(folder, data, layout, fonts)
    elif kind == "word":
        check_word(folder, data)
    elif kind == "pdfs-with-images":
        check_pdf(folder, data)
    else:
        assert status_of(server, data.decode("utf-8").strip()) in (200, 400, 404)
