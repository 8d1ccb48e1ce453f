"""`bulletin-pdf check` (issue #6) on our sample and on PDFs made here with known faults:
each fault-injected file exits 1 and the report names the fault and its page."""

from __future__ import annotations

import io
import json
import re

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from bulletin_pdf.cli import app

from .rules import NO_LINE_END, NO_LINE_START


def run_check(path, *extra):
    result = CliRunner().invoke(app, ["check", str(path), "--json", *extra])
    return result.exit_code, json.loads(result.stdout)


def codes(report, page=None):
    return {f["code"] for f in report["findings"] if page is None or f["page"] == page}


@pytest.fixture(scope="module")
def cjk_font(fonts):
    path = fonts.primary("body").path
    if "TestSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif", str(path)))
    return "TestSerif"


def make_pdf(path, draw, pages=2, size=A4):
    c = Canvas(str(path), pagesize=size, invariant=1, initialFontName="Times-Roman")
    for number in range(1, pages + 1):
        c.setFillColorCMYK(0, 0, 0, 1)
        draw(c, number)
        c.showPage()
    c.save()
    return path


def test_our_sample_passes(sample_pdf):
    code, report = run_check(sample_pdf, "--text-block", "28mm,184mm")
    assert code == 0, report["findings"]
    assert report["faults"] == 0 and report["ok"]
    assert report["facts"]["pdfx"]["GTS_PDFXVersion"] == "PDF/X-4"
    assert report["facts"]["a4"] is True
    assert report["facts"]["kinsoku_violations"] == 0
    assert report["facts"]["typography"]["lines_short_gt_1pt"] == 0
    assert set(report["facts"]["colour_spaces"]) == {"CMYK"}


def test_rgb_rule_is_a_fault_on_its_page(tmp_path, cjk_font):
    def draw(c, n):
        c.setFont(cjk_font, 16)
        c.drawString(80, 700, "正文")
        if n == 2:
            c.setStrokeColorRGB(1, 0, 0)
            c.line(80, 600, 500, 600)
    code, report = run_check(make_pdf(tmp_path / "rgb.pdf", draw))
    assert code == 1
    assert "rgb-colour" in codes(report, page=2) and "rgb-colour" not in codes(report, page=1)


def test_gray_rule_is_a_warning_on_its_page(tmp_path, cjk_font):
    """DeviceGray prints on the black plate only: a warning (not a fault), on the page where it
    is first used, with the colour space in the facts."""
    def draw(c, n):
        c.setFont(cjk_font, 16)
        c.drawString(80, 700, "正文")
        if n == 2:
            c.setStrokeGray(0.5)
            c.line(80, 600, 500, 600)
    code, report = run_check(make_pdf(tmp_path / "gray.pdf", draw))
    assert code == 0 and report["faults"] == 0
    gray = [f for f in report["findings"] if f["code"] == "gray-colour"]
    assert [(f["severity"], f["page"]) for f in gray] == [("warning", 2)]
    assert report["facts"]["colour_spaces"]["Gray"] == [2]


def test_the_report_for_people_states_the_facts(sample_pdf):
    """`check` without --json: the head line (pages, page size, A4), colour, fonts, PDF/X and
    text lines, and the verdict, each as the JSON report counts it."""
    code, report = run_check(sample_pdf, "--text-block", "28mm,184mm")
    human = CliRunner().invoke(app, ["check", str(sample_pdf), "--text-block", "28mm,184mm"])
    assert human.exit_code == code == 0
    said = " ".join(human.stdout.split())
    facts = report["facts"]
    n = len(facts["fonts"])
    typo = facts["typography"]
    # A4 is 210 × 297 mm (ISO 216) = 595.28 × 841.89 pt
    for line in (f"{report['pages']} pages, 595.28×841.89 pt (A4)",
                 "colour: CMYK",
                 f"fonts: {n}, embedded {n}, subset {n}, ToUnicode {n}; .notdef glyphs 0",
                 "PDF/X: PDF/X-4, output intent FOGRA39",
                 f"text: {typo['lines']} lines, body {typo['body_size']} pt; kinsoku 0; "
                 f"inner lines {typo['inner_lines']}, short > 1 pt 0; 孤字 {typo['orphans']}",
                 "OK: nothing a print shop would reject; 0 warning(s)"):
        assert line in said, (line, said)


def test_unembedded_font_is_a_fault(tmp_path):
    def draw(c, n):
        c.setFont("Helvetica", 12)
        c.drawString(80, 700, "Not embedded")
    code, report = run_check(make_pdf(tmp_path / "helv.pdf", draw, pages=1))
    assert code == 1
    assert "font-not-embedded" in codes(report, page=1)
    assert any("Helvetica" in f["message"] for f in report["findings"])


def test_line_starting_with_a_comma_is_a_fault(tmp_path, cjk_font):
    def draw(c, n):
        c.setFont(cjk_font, 16)
        c.drawString(80, 700, "这是第一行正文的内容")
        if n == 2:
            c.drawString(80, 671, "，这一行以逗号开头")
    code, report = run_check(make_pdf(tmp_path / "comma.pdf", draw))
    assert code == 1
    assert "kinsoku-start" in codes(report, page=2)
    assert not codes(report, page=1) & {"kinsoku-start", "kinsoku-end"}


def test_check_faults_every_mark_the_sources_keep_from_a_line_start_or_end(tmp_path, cjk_font, fonts):
    """`check` holds any PDF to GB/T 15834-2011 5.1 and clreq's strict level with tables of its
    own: on page k a line starts with the k-th no-line-start mark of tests/rules.py and another
    ends with the k-th no-line-end mark; every page is faulted for both (the marks the test
    font can draw; U+3000 reads back as nothing)."""
    from fontTools.ttLib import TTFont as FontFile

    cmap = FontFile(str(fonts.primary("body").path)).getBestCmap()
    starts = sorted(c for c in NO_LINE_START if ord(c) in cmap and not c.isspace())
    ends = sorted(c for c in NO_LINE_END if ord(c) in cmap)
    pairs = [(starts[k % len(starts)], ends[k % len(ends)]) for k in range(max(len(starts), len(ends)))]

    def draw(c, n):
        start, end = pairs[n - 1]
        c.setFont(cjk_font, 16)
        c.drawString(80, 700, "这是第一行正文的内容")
        c.drawString(80, 671, start + "这一行以标点开头")
        c.drawString(80, 642, "这一行以标点结尾" + end)
    code, report = run_check(make_pdf(tmp_path / "marks.pdf", draw, pages=len(pairs)))
    assert code == 1
    assert len(starts) > 40 and len(ends) > 15
    missed = [(n, pair) for n, pair in enumerate(pairs, 1) if not {"kinsoku-start", "kinsoku-end"} <= codes(report, page=n)]
    assert missed == []


def test_missing_glyph_is_a_fault(tmp_path, cjk_font):
    def draw(c, n):
        c.setFont(cjk_font, 16)
        c.drawString(80, 700, "缺字\U0001F600")
    code, report = run_check(make_pdf(tmp_path / "tofu.pdf", draw, pages=1))
    assert code == 1 and "notdef-glyph" in codes(report, page=1)


def test_mixed_page_sizes_are_a_fault(tmp_path, cjk_font):
    c = Canvas(str(tmp_path / "sizes.pdf"), pagesize=A4, invariant=1)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.showPage()
    c.setPageSize((A4[1], A4[0]))
    c.showPage()
    c.save()
    code, report = run_check(tmp_path / "sizes.pdf")
    assert code == 1 and "page-sizes-differ" in codes(report)


def test_pdfx_claim_without_output_intent_is_a_fault(tmp_path, sample_build):
    with pikepdf.open(io.BytesIO(sample_build.pdf)) as pdf:
        del pdf.Root.OutputIntents
        pdf.save(tmp_path / "nointent.pdf")
    code, report = run_check(tmp_path / "nointent.pdf")
    assert code == 1 and "pdfx-incomplete" in codes(report)


def test_another_tools_pdf_reports_rgb(tmp_path):
    """A PDF from plain ReportLab platypus with an RGB heading colour, as another tool would
    write it: the RGB use is reported, with the human summary naming it."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    heading = styles["Heading1"].clone("red", textColor=colors.red)
    SimpleDocTemplate(str(tmp_path / "other.pdf"), pagesize=A4).build(
        [Paragraph("Quarterly report", heading), Paragraph("Body text.", styles["Normal"])])
    code, report = run_check(tmp_path / "other.pdf")
    assert code == 1 and "rgb-colour" in codes(report, page=1)
    human = CliRunner().invoke(app, ["check", str(tmp_path / "other.pdf")])
    assert human.exit_code == 1 and "[rgb-colour]" in human.stdout and "page 1" in human.stdout


def test_not_a_pdf(tmp_path):
    (tmp_path / "x.pdf").write_text("hello")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and f"{tmp_path / 'x.pdf'}: not a PDF: starts with `hello`" in result.stderr


def test_encrypted_pdf_is_refused_clearly(tmp_path, sample_build):
    with pikepdf.open(io.BytesIO(sample_build.pdf)) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    result = CliRunner().invoke(app, ["check", str(tmp_path / "locked.pdf")])
    assert result.exit_code == 2 and "encrypted" in result.stderr


def test_build_then_check(tmp_path):
    from .conftest import SAMPLE

    result = CliRunner().invoke(app, ["build", str(SAMPLE), "-o", str(tmp_path / "s.pdf"), "--check"])
    assert result.exit_code == 0, result.stderr
    assert "nothing a print shop would reject" in result.stderr and "kinsoku 0" in result.stderr


def test_lines_short_by_design_are_not_flagged(tmp_path, cjk_font):
    """Another tool's PDF (ReportLab's canvas, 16 pt characters, block 80–528 pt = 28 cells):
    a centred line, one-line contents entries, a hard line break and a right-aligned line stop
    short on purpose; an inner line that could not take the next character but was not
    stretched is still flagged, as is one whose next Latin word would not have fitted."""
    left, size = 80, 16
    right = left + 28 * size

    def draw(c, n):
        c.setFont(cjk_font, size)
        y = iter(range(760, 0, -29))
        c.drawCentredString((left + right) / 2, next(y), "目　录")                   # centred
        for entry in ("助力攻坚　上城区：打好组合拳", "监督纵横　建德市：三聚焦三推动", "情况交流　余杭区"):
            c.drawString(left, next(y), entry)                                        # contents entries
        c.drawRightString(right, next(y), "（上城区人大常委会办公室）")                 # right-aligned
        c.drawString(left, next(y), "第一行正文的内容写到这里就换行了")               # a hard line break
        c.drawString(left, next(y), "第二行从左边开始，两行之间没有缩进。")
        short = "这一行只有二十七个字符它没有被两端对齐所以短了半个字啊"          # 27 characters
        assert len(short) == 27
        t = c.beginText(left, next(y))
        t.setFont(cjk_font, size)
        t.setCharSpace((28 * size - size / 2 - 27 * size) / 26)                     # ends 8 pt short
        t.textOut(short)
        c.drawText(t)
        c.drawString(left, next(y), "下一行开头是汉字，上一行放不下它。")
        c.drawString(left, next(y), "这一行后面的拉丁单词放不下的时候应当对齐的")       # 21 cells: 7 left
        c.drawString(left, next(y), "Internationalization 这个词很长。")
    code, report = run_check(make_pdf(tmp_path / "other.pdf", draw, pages=1), "--text-block", f"{left}pt,{right}pt")
    short = [f["message"] for f in report["findings"] if f["code"] == "not-justified"]
    assert len(short) == 2, short
    assert short[0] == "line stops 8.0 pt short of the right edge: …对齐所以短了半个字啊"
    assert re.fullmatch(r"line stops 1\d\d\.\d pt short of the right edge: …不下的时候应当对齐的", short[1])
