"""The text checks of `check` (preflight/typography.py: `check_lines`, which a PDF's glyphs and
an OFD's text codes both go through) on lines laid out here glyph by glyph — 10 pt characters,
a text block 0–300 pt (30 cells) — and the report for people and for machines
(preflight/report.py, model.py), and the refusals of run.py, in English and in Chinese.

The rules, from their sources: kinsoku, GB/T 15834-2011 5.1 (a comma may not start a line,
5.1.1; an opening quote may not end one, 5.1.3; a 破折号 —— or 省略号 …… may not be split,
5.1.4, 5.1.5); a line broken for width is justified to the right edge (clreq
https://www.w3.org/International/clreq/#necessity_for_line_adjustment), a full-width comma may
hang its blank half past it (GB/T 15834-2011 5.1.10); a paragraph should not end with one
character (孤字, clreq https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows).
"""

from __future__ import annotations

import json

import pikepdf
import pytest
from rich.console import Console

from bulletin_pdf.errors import InputError
from bulletin_pdf.preflight import Report, preflight
from bulletin_pdf.preflight.report import print_report, to_json
from bulletin_pdf.preflight.typography import Line, check_lines

from .preflight_words import printed, said

EM = 10.0
PAGE = 842.0


def line(text, x0=0.0, baseline=100.0, page=1, size=EM, step=None, last=None):
    """A line of `text`, a glyph every `step` (default the size) from x0; `last`: where the
    last glyph starts (a mark hung past the edge)."""
    step = size if step is None else step
    chars = [(ch, x0 + k * step, x0 + k * step + size, size) for k, ch in enumerate(text)]
    if last is not None:
        ch = chars[-1]
        chars[-1] = (ch[0], last, last + size, size)
    return Line(page, baseline, chars)


def run(lines, block=None, pages=2):
    report = Report("x.pdf", pages)
    check_lines(lines, [PAGE] * pages, report, block)
    return report


FULL = "中" * 30              # a full line: 30 cells, 0–300 pt


def test_kinsoku_at_line_starts_and_ends():
    lines = [line("这一行的最后是破折号的前一半" + "中" * 15 + "—", baseline=100),
             line("—后一半到了下一行的开头" + "中" * 18, baseline=115),         # —— split: 5.1.4
             line("……省略号在页首不算拆开" + "中" * 18, baseline=100, page=2),    # new page: a line start
             line("，逗号在行首" + "中" * 24, baseline=115, page=2),             # 5.1.1
             line("中" * 29 + "“", baseline=130, page=2),                        # 5.1.3
             line("网址见 https://example.org/", baseline=145, page=2),          # a URL may break after /
             line("中" * 28 + "和/", baseline=160, page=2),                     # 分隔号 5.1.9
             line("中" * 29 + "…", baseline=175, page=2),
             line("…被拆开了" + "中" * 25, baseline=190, page=2)]                # …… split: 5.1.5
    report = run(lines)
    assert report.facts["kinsoku_violations"] == 6
    assert said(report, "en", "kinsoku-split", "kinsoku-start", "kinsoku-end") == [
        ("fault", "kinsoku-split", "page 1: '——' split across lines: …中中中中中— | —后一半到了…"),
        ("fault", "kinsoku-start", "page 2: line starts with '…': ……省略号在页首不算拆开…"),
        ("fault", "kinsoku-start", "page 2: line starts with '，': ，逗号在行首中中中中中中…"),
        ("fault", "kinsoku-end", "page 2: line ends with '“': …中中中中中中中中中中中“"),
        ("fault", "kinsoku-end", "page 2: line ends with '/': …中中中中中中中中中中和/"),
        ("fault", "kinsoku-split", "page 2: '……' split across lines: …中中中中中… | …被拆开了中…")]
    assert said(report, "zh", "kinsoku-split", "kinsoku-start", "kinsoku-end")[:2] == [
        ("fault", "kinsoku-split", "第 1 页：“——”被拆到两行：…中中中中中— | —后一半到了…"),
        ("fault", "kinsoku-start", "第 2 页：行首是“…”：……省略号在页首不算拆开…")]
    assert said(report, "zh", "kinsoku-end")[0] == ("fault", "kinsoku-end", "第 2 页：行末是““”：…中中中中中中中中中中中“")


def test_justification_hanging_punctuation_and_lone_characters():
    """Paragraph 1: an indented first line, a full line, and a last line of one character and
    a full stop (孤字). Paragraph 2: a line 5 pt short though the next line's first unit (a
    character and the comma that may not start a line) would not have fitted: not justified;
    then a line whose comma hangs past the edge (justified: the text ends at the edge), and a
    last line. Then a centred line and a line whose next line's first character would fit
    (both ended by design)."""
    lines = [line("　段落的第一行缩进两格" + "中" * 18, x0=20, baseline=100, step=280 / 29),
             line(FULL, baseline=115),
             line("字。", baseline=130),
             line("第二段的第一行短了五点" + "中" * 17, x0=20, baseline=145, step=265 / 27),
             line("中，" + "中" * 28 + "，", baseline=160, last=300),
             line("中" * 29 + "，", baseline=175, step=285 / 28, last=299.5),  # hung, but the text ends at 295
             line("最后一行。", baseline=190),
             line("居中的一行" + "中" * 21, x0=20, baseline=205),
             line("短行", baseline=220),
             line("中" * 29, baseline=235),
             # page 2: a line 8 pt short (the next character would not fit), then one character
             line("中" * 29, baseline=100, page=2, step=282 / 28),
             line("好", baseline=115, page=2),
             # a line 5 pt short before a heading 1 pt larger: the paragraph ended, nothing to justify
             line("中" * 29, baseline=140, page=2, step=285 / 28),
             line("小标题", baseline=155, page=2, size=11)]
    report = run(lines, block=(0.0, 300.0))
    typo = report.facts["typography"]
    assert typo == {"lines": 14, "body_size": 10.0, "text_block": [0.0, 300.0], "inner_lines": 6,
                    "lines_short_gt_1pt": 3, "orphans": 2}
    assert said(report, "en", "not-justified", "orphan-character") == [
        ("warning", "orphan-character", "page 1: paragraph ends with a lone character: '字。'"),
        ("warning", "not-justified", "page 1: line stops 5.0 pt short of the right edge: …中中中中中中中中中中"),
        ("warning", "not-justified", "page 1: line stops 5.0 pt short of the right edge: …中中中中中中中中中，"),
        ("warning", "not-justified", "page 2: line stops 8.0 pt short of the right edge: …中中中中中中中中中中"),
        ("warning", "orphan-character", "page 2: paragraph ends with a lone character: '好'")]
    assert said(report, "zh", "not-justified", "orphan-character")[:2] == [
        ("warning", "orphan-character", "第 1 页：段落最后一行只有一个字：“字。”"),
        ("warning", "not-justified", "第 1 页：这一行离右边还差 5.0 pt：…中中中中中中中中中中")]


def test_the_text_block_is_found_from_the_lines():
    """Without --text-block: the right edge is where most lines end; the left edge the
    leftmost start shared by enough of the full lines (a tenth, and two) — not a stray line
    further left, nor the indented first lines, however many."""
    lines = []
    y = 100
    for _ in range(4):                         # four short paragraphs: indented 2 em, then one flush line
        lines += [line("中" * 26, x0=60, baseline=y), line("中" * 28, x0=40, baseline=y + 15)]
        y += 30
    lines.append(line("中" * 30, x0=20, baseline=y))        # one line further left: too rare to count
    report = run(lines)
    assert report.facts["typography"]["text_block"] == [40.0, 320.0]
    assert report.facts["typography"]["body_size"] == 10.0


def test_folios_are_not_text_lines():
    """A page number alone on a line at the foot or the head of the page (— 3 —, 第 3 页) is
    furniture, not a line of text; the same words in the body are text."""
    lines = [line("— 3 —", baseline=0.9 * PAGE), line("第 3 页", baseline=0.1 * PAGE, page=2),
             line("— 3 —", baseline=0.5 * PAGE, page=2),
             line("4", baseline=0.12 * PAGE, page=2), line("5", baseline=0.85 * PAGE, page=2)]   # not past the margins
    report = run(lines)
    assert report.facts["typography"]["lines"] == 3
    assert run(lines[:2]).facts["typography"] == {"lines": 0}


def test_the_first_line_has_no_line_before_it():
    """孤字 is a paragraph's last line after a full one: the first line of the text, alone, is
    not one, whatever the last line of the page is."""
    report = run([line("字"), line(FULL, baseline=200)])
    assert report.facts["typography"]["orphans"] == 0 and not report.warnings


# ------------------------------------------------------------------------------------ the report

def small_report():
    report = Report("bulletin\n.pdf", 1)
    report.facts.update({"page_sizes_pt": [[595.28, 841.89]], "a4": True, "colour_spaces": {"CMYK": [1]},
                         "fonts": [], "pdfx": {}, "typography": {"lines": 0}})
    for k in range(4):
        report.add("fault", "rgb-colour", f"fault number {k}", k + 1)
    for k in range(3):
        report.add("warning", "not-pdfx", f"warning number {k}")
    return report


def test_the_report_for_people_cut_at_its_limit():
    """At most `limit` findings of each kind, then how many more; a finding with a page says
    it; the verdict counts faults and warnings; a file name is printed on one line."""
    report = small_report()
    assert printed(report, "en", limit=2).splitlines() == [
        "bulletin\\u000a.pdf: 1 page, 595.28×841.89 pt (A4)",
        "colour: CMYK",
        "fonts: 0, embedded 0, subset 0, ToUnicode 0; .notdef glyphs 0",
        "PDF/X: no",
        "fault [rgb-colour] page 1: fault number 0",
        "fault [rgb-colour] page 2: fault number 1",
        "… and 2 more",
        "warning [not-pdfx] warning number 0",
        "warning [not-pdfx] warning number 1",
        "… and 1 more",
        "4 fault(s) a print shop would reject; 3 warning(s)"]
    zh = printed(report, "zh", limit=3).splitlines()
    assert zh[-6:] == ["不合格 [rgb-colour] 第 3 页：fault number 2", "……还有 1 条",
                       "警告 [not-pdfx] warning number 0", "警告 [not-pdfx] warning number 1",
                       "警告 [not-pdfx] warning number 2", "4 处印刷厂会退回的问题；3 条警告"]
    assert printed(report, "en", limit=3).count("more") == 1 and "more" not in printed(report, "en", limit=4)


def test_the_report_for_machines():
    report = small_report()
    report.facts["pages_seen"] = {3, 1}
    data = json.loads(to_json(report))
    assert (data["file"], data["pages"], data["ok"], data["faults"], data["warnings"]) == ("bulletin\n.pdf", 1, False, 4, 3)
    assert data["findings"][0] == {"severity": "fault", "code": "rgb-colour", "message": "fault number 0", "page": 1}
    assert data["findings"][-1] == {"severity": "warning", "code": "not-pdfx", "message": "warning number 2", "page": None}
    assert sorted(data["facts"]["pages_seen"]) == [1, 3]
    assert "\n \"file\"" in to_json(report)                 # indented one space a level
    clean = Report("a.pdf", 2)
    clean.add("warning", "w", "only a warning")
    assert clean.to_dict()["ok"] is True and clean.faults == [] and len(clean.warnings) == 1
    assert "中文" in to_json(Report("中文.pdf", 0))           # not escaped


# ------------------------------------------------------------------------------------ refusals

def test_what_is_no_pdf_or_cannot_be_read(tmp_path):
    """A file that is no PDF (no %PDF- in its first KB) says what it starts with; an encrypted
    one is refused (a print shop needs it open); a damaged one is one message with a hint; a
    PDF of no page is a fault."""
    text = tmp_path / "a.pdf"
    text.write_bytes(b"hello, world")
    with pytest.raises(InputError) as caught:
        preflight(text)
    assert caught.value.headline("en") == f"{text}: not a PDF: starts with `hello, w`"
    assert caught.value.headline("zh") == f"{text}: 不是 PDF：文件开头是 `hello, w`"
    assert caught.value.details("en")[-1].endswith("give the .pdf file itself")

    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
        pdf.save(tmp_path / "good.pdf")
    with pytest.raises(InputError) as caught:
        preflight(tmp_path / "locked.pdf")
    assert caught.value.headline("en").endswith("locked.pdf: the PDF is encrypted: give the print shop an unencrypted file")
    assert caught.value.headline("zh").endswith("locked.pdf: PDF 加了密：请给印刷厂未加密的文件")

    late = tmp_path / "late.pdf"               # %PDF- after some bytes: still read (as PDF readers do)
    late.write_bytes(b"\n" * 100 + (tmp_path / "good.pdf").read_bytes())
    assert preflight(late).pages == 1

    cut = tmp_path / "cut.pdf"
    cut.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")
    with pytest.raises(InputError) as caught:
        preflight(cut)
    assert caught.value.headline("en").startswith(f"{cut}: damaged PDF, cannot be read: ")
    assert caught.value.headline("zh").startswith(f"{cut}: PDF 已损坏，无法读取：")
    assert caught.value.details("en")[-1].endswith("export or download the PDF again")
    assert caught.value.details("zh")[-1].endswith("请重新导出或下载 PDF")

    with pikepdf.new() as pdf:
        pdf.save(tmp_path / "none.pdf")
    report = preflight(tmp_path / "none.pdf")
    assert report.pages == 0 and said(report, "en") == [("fault", "no-pages", "the PDF has no readable page")]
    assert said(report, "zh") == [("fault", "no-pages", "这个 PDF 没有可读的页面")]


def test_the_report_for_people_in_colour():
    """On a colour terminal: the head line bold, a fault's label red, a warning's yellow, the
    verdict bold green when nothing is rejected, bold red when something is (ANSI SGR: 1 bold,
    31 red, 32 green, 33 yellow)."""
    def coloured(report):
        console = Console(record=True, width=2000, color_system="standard", force_terminal=True)
        print_report(report, console)
        return console.export_text(styles=True)
    bad = coloured(small_report())
    assert "\x1b[1mbulletin\\u000a.pdf: 1 page" in bad
    assert "\x1b[31mfault [rgb-colour] page 1: fault number 0" in bad
    assert "\x1b[33mwarning [not-pdfx] warning number 0" in bad
    assert "\x1b[1;31m4 fault(s) a print shop would reject\x1b[0m; 3 warning(s)" in bad
    good = Report("ok.pdf", 2)
    good.facts.update({"page_sizes_pt": [[595.28, 841.89]], "a4": True})
    good_text = coloured(good)
    assert "\x1b[1;32mOK: nothing a print shop would reject\x1b[0m; 0 warning(s)" in good_text
    assert "ok.pdf: 2 pages, 595.28×841.89 pt (A4)" in good_text and "text:" not in good_text


def test_glyphs_read_back_into_lines(tmp_path):
    """`check FILE.pdf` reads glyphs by baseline (pdfplumber): a superscript — smaller, raised
    by about a third of the row's size — is in its row; a glyph as large or larger, off the
    baseline by more than 0.3 of its size, starts a row of its own; rotated or skewed glyphs
    are on no line."""
    from bulletin_pdf.preflight.typography import read_lines

    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
        page.obj.Contents = pdf.make_stream(
            b"BT /F1 10.54 Tf 100 700 Td (abc) Tj ET "      # sizes to 0.1 pt
            b"BT /F1 7 Tf 120 703.5 Td (2) Tj ET "          # 7 pt, 3.5 pt up: a superscript of the row
            b"BT /F1 11 Tf 130 696.5 Td (d) Tj ET "         # 11 pt, 3.5 pt down: a row of its own
            b"BT /F1 10 Tf 0 1 -1 0 300 300 Tm (up) Tj ET"   # rotated: no line
            b" BT /F1 10 Tf 1 0 0.5 1 300 400 Tm (sk) Tj ET")  # skewed (oblique by the matrix): no line
        pdf.save(tmp_path / "rows.pdf")
    lines, heights = read_lines(str(tmp_path / "rows.pdf"))
    assert heights == [842.0]
    assert [(ln.page, round(ln.baseline, 1), ln.text) for ln in lines] == [(1, 142.0, "abc2"), (1, 145.5, "d")]
    assert [c[3] for c in lines[0].chars] == [10.5, 10.5, 10.5, 7.0]


def test_a_hung_comma_after_one_character_before_a_long_word():
    """A line of one character and its comma hung at the edge, before a line that starts with
    a word too long to have followed it (a URL): the text stops 290 pt short — flagged; the
    hung comma does not make the line full."""
    report = run([line("见，", last=299.5), line("a" * 30, baseline=115), line("中" * 30, baseline=130)],
                 block=(0.0, 300.0))
    assert said(report, "en", "not-justified") == [
        ("warning", "not-justified", "page 1: line stops 290.0 pt short of the right edge: …见，")]
