"""Each command imports only what it uses (issue #9, "Speed"): `text`, `new`, `docx`, `check`
and `--help` run in a fresh interpreter, and the libraries they have no use for must not have
been imported when the command finishes. Not a timing: which modules are loaded is a property
of the code, the same on every machine (how long they take is measured by `make bench`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "2025-09.yaml"

# the font parsers, the PDF writer and readers, the page renderer, Word's reader
FONTS = {"fontTools", "uharfbuzz", "reportlab"}
PDF = {"pikepdf", "pdfplumber", "pdfminer", "pypdfium2", "PIL"}
WORD = {"docx", "lxml"}

RUN = """
import json, sys
sys.argv = ["bulletin-pdf"] + sys.argv[1:]
from bulletin_pdf.cli import app
try:
    app()
except SystemExit as exit:
    code = exit.code
print("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
sys.exit(code)
"""


def imported_by(*args: str, cwd: Path) -> tuple[int, set[str]]:
    proc = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=cwd)
    tail = proc.stdout.rsplit("MODULES ", 1)
    assert len(tail) == 2, proc.stderr
    return proc.returncode, set(json.loads(tail[1]))


@pytest.fixture()
def article(tmp_path) -> Path:
    d = docx.Document()
    d.add_paragraph("上城区：打好组合拳").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务。")
    d.add_paragraph("（上城区人大常委会办公室）")
    d.save(tmp_path / "a.docx")
    return tmp_path / "a.docx"


@pytest.mark.parametrize("args, unused", [
    (("--help",), FONTS | PDF | WORD | {"pydantic", "yaml"}),
    # `text` reads the composed pages (issue 16: one source of truth), so it shapes with HarfBuzz;
    # it neither subsets a font nor writes or reads a PDF
    (("text", str(SAMPLE)), FONTS - {"uharfbuzz"} | PDF | WORD),
    (("new", str(SAMPLE), "-o", "next.yaml", "--date", "2025-10-30"), FONTS | PDF | WORD),
])
def test_light_commands(tmp_path, args, unused):
    code, modules = imported_by(*args, cwd=tmp_path)
    assert code == 0
    assert modules & unused == set()


def test_docx_reads_word_only(tmp_path, article):
    code, modules = imported_by("docx", str(article), cwd=tmp_path)
    assert code == 0
    assert "docx" in modules                       # the probe sees what the command imports
    assert modules & (FONTS | PDF) == set()


def test_check_reads_the_pdf_without_the_writer(tmp_path, sample_pdf):
    code, modules = imported_by("check", str(sample_pdf), cwd=tmp_path)
    assert code == 0
    assert "pikepdf" in modules and "pdfplumber" in modules
    assert modules & {"reportlab", "uharfbuzz", "docx", "pypdfium2"} == set()


def test_build_proofreads_without_word(tmp_path):
    """`build` proofreads the issue (it warns of what `check` counts as an error) with the
    patterns of `marks`, never through the Word reader: python-docx is for `docx` only."""
    code, modules = imported_by("build", str(SAMPLE), "-o", "out.pdf", cwd=tmp_path)
    assert code == 0 and (tmp_path / "out.pdf").exists()
    assert "bulletin_pdf" in modules and "uharfbuzz" in modules  # the probe sees what the build imports
    assert "docx" not in modules


def test_build_writes_the_pdf_without_a_pdf_library(tmp_path):
    """`build` says its PDF's objects itself (writers/pdf/serialize.py): no PDF library is
    imported. pikepdf, whose import alone cost a cold build about 0.2 s, reads PDFs for
    `check` and the tests only (issue 20, "a lean cold path")."""
    code, modules = imported_by("build", str(SAMPLE), "-o", "out.pdf", cwd=tmp_path)
    assert code == 0 and (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-1.6")
    assert "uharfbuzz" in modules                  # the probe sees what the build imports
    assert modules & (PDF | {"qpdf", "reportlab", "fitz", "pypdf"}) == set()


@pytest.mark.parametrize("module", ["bulletin_pdf.editor.proofread", "bulletin_pdf.editor.marks", "bulletin_pdf.pipeline"])
def test_proofreading_needs_no_word(module):
    """The modules `build` runs to proofread import no Word reader (docx, or our `word` package
    and `from_word`, which import it)."""
    probe = (f"import json, sys, {module}\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('docx', 'bulletin_pdf.')))))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(json.loads(proc.stdout))
    assert module in loaded
    assert loaded & {"docx", "bulletin_pdf.editor.word", "bulletin_pdf.editor.docx"} == set()
