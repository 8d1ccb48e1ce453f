"""Hostile and broken input (issue 12): every example class of the issue's table, run through
the real CLI as the user would, ends with exit 2 and a message naming the file, the line (and
column where there is one) and what to do — within the limits, enforced by rlimits on the
process: 5 s of CPU, and a peak resident size (read back with wait4) of at most 300 MiB.
Output files: SIGTERM and Ctrl-C remove the temporary file, a SIGKILL leftover is removed by
the next build, permissions follow the umask and a replaced file keeps its mode."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest

from bulletin_pdf import pipeline
from bulletin_pdf.pipeline import write_atomically

from .fuzzing import BASE_ISSUE, BASE_LAYOUT, ROOT, run_cli

LIMIT_MIB = 300


def laughs(levels: int = 8) -> str:
    """The issue's "billion laughs": a0: &a0 "lol", a1: &a1 [*a0 ×10] … 8 levels (10^8 lols)."""
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def work(tmp_path) -> Path:
    """A clean folder as the editor has it: the issue, a copy of the layout, a previous PDF."""
    (tmp_path / "issue.yaml").write_text(BASE_ISSUE, encoding="utf-8")
    (tmp_path / "layout.yaml").write_text(BASE_LAYOUT, encoding="utf-8")
    return tmp_path


def refused(work: Path, args: list[str], file: str, line: int | None, column: int | None = None,
            message: str = "", hint: bool = True) -> str:
    """Run the CLI; assert exit 2 within the limits, the message located at FILE:LINE[:COLUMN]
    with a hint, no traceback. Returns stderr."""
    code, _out, err, rss = run_cli(args, work)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert rss <= LIMIT_MIB, f"peak {rss:.0f} MiB: {err}"
    first = err.splitlines()[0]
    if line is None:
        assert first.startswith(f"error: {file}: "), err
    elif column is None:      # a column may follow the line
        assert re.match(rf"error: {re.escape(file)}:{line}(:\d+)?: ", first), err
    else:
        assert first.startswith(f"error: {file}:{line}:{column}: "), err
    assert message in first, err
    assert "  hint: " in err or not hint, err
    return err


def layout_with(work: Path, old: str, new: str) -> str:
    assert old in BASE_LAYOUT, old
    (work / "layout.yaml").write_text(BASE_LAYOUT.replace(old, new), encoding="utf-8")
    return "layout.yaml"


def line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


BUILD = ["build", "issue.yaml", "-o", "out.pdf"]
WITH_LAYOUT = BUILD + ["--layout", "layout.yaml"]


# ----------------------------------------------------------------------------- YAML alias expansion

def test_billion_laughs_in_an_issue_file(work):
    (work / "issue.yaml").write_text(laughs(), encoding="utf-8")
    refused(work, BUILD, "issue.yaml", 1, 5, "YAML anchors (&name) and aliases (*name) are not accepted")


def test_billion_laughs_in_a_layout_is_bounded(work):
    (work / "layout.yaml").write_text(laughs(), encoding="utf-8")
    refused(work, WITH_LAYOUT, "layout.yaml", 6, 45, "expands to more than 100,000 values")


# ----------------------------------------------------------------------------- special files

@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_special_files_as_the_issue(work, target):
    os.mkfifo(work / "fifo")
    (work / "folder").mkdir()
    err = refused(work, ["build", target, "-o", "out.pdf"], target, None)
    assert {"/dev/zero": "is a device", "fifo": "is a pipe (FIFO)", "folder": "is a folder"}[target] in err


def test_a_fifo_as_the_layout(work):
    os.mkfifo(work / "fifo.yaml")
    refused(work, BUILD + ["--layout", "fifo.yaml"], "fifo.yaml", None, message="is a pipe (FIFO)")


@pytest.mark.parametrize("font, what", [("/dev/zero", "is a device"), ("FIFO", "is a pipe"),
                                        ("/tmp", "is a folder")])
def test_special_files_as_a_font(work, font, what):
    if font == "FIFO":
        os.mkfifo(work / "font.ttf")
        font = str(work / "font.ttf")
    name = layout_with(work, "body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}", f"body: {{file: {font}}}")
    refused(work, WITH_LAYOUT, name, line_of(BASE_LAYOUT, "body: {file: NotoSerifSC"), None,
            f"fonts.body.file: font file {font}: {what}")


# ----------------------------------------------------------------------------- templates

def test_a_huge_format_width_in_a_template(work):
    old = '"第{number}期（总第{cumulative}期）"'
    name = layout_with(work, old, '"第{number:>999999999}期（总第{cumulative}期）"')
    line = line_of(BASE_LAYOUT, old)
    column = BASE_LAYOUT.splitlines()[line - 1].index("{number") + 1
    refused(work, WITH_LAYOUT, name, line, column, "only plain placeholders such as {publication} are "
            "allowed, not {number:>999999999}")


@pytest.mark.parametrize("template", ["{publication:d}", "{publication.__class__}", "{publication[0]}",
                                      "{publication!r}", "{}", "{0}"])
def test_template_format_codes_attributes_and_indexes(work, template):
    name = layout_with(work, '{text: "{compiled_by}"', f'{{text: "{template}"')
    refused(work, WITH_LAYOUT, name, line_of(BASE_LAYOUT, '{text: "{compiled_by}"'), None,
            "masthead.items[7].text: only plain placeholders")


# ----------------------------------------------------------------------------- once exit 70

def test_control_characters(work):
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("上城区人大常委会牢牢", "上城区人大\x07常委会牢牢"), encoding="utf-8")
    line = line_of(BASE_ISSUE, "今年以来")
    column = BASE_ISSUE.splitlines()[line - 1].index("常委会牢牢") + 1
    refused(work, BUILD, "issue.yaml", line, column, "invisible control character U+0007 (BEL)")


def test_deep_nesting(work):
    (work / "issue.yaml").write_text("publication: " + "[" * 100_000 + "\n", encoding="utf-8")
    refused(work, BUILD, "issue.yaml", 1, 14 + 31, "nested more than 32 levels deep")


@pytest.mark.parametrize("old, new, message", [
    ("style: {font: title, size: 22,", "style: {font: title, size: 0,", "title.style.size"),
    ("style: {font: title, size: 22,", "style: {font: title, size: .nan,", "title.style.size"),
    ("style: {font: title, size: 22,", "style: {font: title, size: .inf,", "title.style.size"),
    ("grid: {lines: 22, chars: 28}", "grid: {lines: 22, chars: 0}", "grid.chars"),
    ("grid: {lines: 22, chars: 28}", "grid: {lines: -3, chars: 28}", "grid.lines"),
    ("leader_spacing: 4pt", "leader_spacing: 0pt", "contents.leader_spacing"),
    ("leader_dot: 1.2pt", "leader_dot: -1pt", "contents.leader_dot"),
    ("outer_rule: 0.35mm", "outer_rule: .nan", "distribution.outer_rule"),
    ("max_expansion: 0.05", "max_expansion: 0", "line_rules.max_expansion"),
    # the issue's nonsense layouts that built with exit 0
    ("page: {width: 210mm", "page: {width: 0mm", "page.width"),
    ("width: 156mm, height: 225mm}", "width: 400mm, height: 500mm}", "block.width: the text block"),
    ("heading_style: {font: heading, size: 18", "heading_style: {font: heading, size: -16",
     "contents.heading_style.size"),
    ("red: {cmyk: [0, 100, 100, 0]}", "red: {cmyk: [200, -5, 0, 0]}", "colours.red.cmyk[0]"),
])
def test_sizes_and_pitches_out_of_range(work, old, new, message):
    name = layout_with(work, old, new)
    refused(work, WITH_LAYOUT, name, line_of(BASE_LAYOUT, old), None, message)


@pytest.mark.parametrize("damage", ["truncated", "random", "magic only"])
def test_damaged_font_files(work, damage):
    good = (ROOT / "fonts" / "NotoSerifSC-Regular.ttf").read_bytes()[:200_000]
    data = {"truncated": good[:5000], "random": os.urandom(20_000),
            "magic only": b"\x00\x01\x00\x00" + os.urandom(3000)}[damage]
    (work / "bad.ttf").write_bytes(data)
    name = layout_with(work, "byline: {file: LXGWWenKai-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}", f"byline: {{file: {work / 'bad.ttf'}}}")
    refused(work, WITH_LAYOUT, name, line_of(BASE_LAYOUT, "byline: {file:"), None,
            f"fonts.byline.file: font file {work / 'bad.ttf'}: ")


def test_a_text_file_as_a_font_says_what_it_looks_like(work):
    name = layout_with(work, "body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}", "body: {file: /etc/passwd}")
    refused(work, WITH_LAYOUT, name, line_of(BASE_LAYOUT, "body: {file:"), None,
            "font file /etc/passwd: not a font: starts with `root:x:0`")


def test_a_4301_digit_integer(work):
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("number: 10", "number: " + "9" * 4301), encoding="utf-8")
    refused(work, BUILD, "issue.yaml", 3, 9, "a number of 4,301 characters is too long")


def test_check_a_pdf_without_root(work, tmp_path):
    good = _small_pdf(work)
    (work / "noroot.pdf").write_bytes(good.replace(b"/Root", b"/Rxxx"))
    err = refused(work, ["check", "noroot.pdf"], "noroot.pdf", None, message="damaged PDF")
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1


# ----------------------------------------------------------------------------- once exit 2 without a line

def test_a_non_utf8_byte(work):
    (work / "issue.yaml").write_bytes(BASE_ISSUE.encode("utf-8").replace("淳安县".encode(), b"\xff\xfe"))
    line = line_of(BASE_ISSUE, "淳安县")
    column = BASE_ISSUE.splitlines()[line - 1].index("淳安县") + 1
    refused(work, BUILD, "issue.yaml", line, column, "not UTF-8 text: byte 0xFF")


def test_a_file_saved_as_gbk(work):
    (work / "issue.yaml").write_bytes(BASE_ISSUE.encode("gb18030"))
    err = refused(work, BUILD, "issue.yaml", 1, 14, "it looks like GBK/GB18030")
    assert "save it with the encoding UTF-8" in err


@pytest.mark.parametrize("name, start, kind, hint", [
    # what an editor gives by mistake, told by its first bytes: a PDF (its header, ISO 32000-1
    # §7.5.2), a .docx (a ZIP archive), an old .doc/.wps (an OLE2 compound file)
    ("out.pdf", b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n", "this is a PDF, not a YAML file", "give the YAML file instead"),
    ("article.docx", b"PK\x03\x04\x14\x00\x06\x00", "this is a Word file (.docx) or another ZIP archive",
     "bulletin-pdf docx ARTICLE.docx --into"),
    ("article.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "this is an old Word or WPS file (.doc/.wps)",
     "save it as .docx"),
])
def test_a_pdf_or_word_file_given_for_the_issue_is_named(work, name, start, kind, hint):
    """Not 'the file is not UTF-8 text … save it as UTF-8 in Notepad', which sends the editor
    the wrong way: what the file is, and what to give instead."""
    (work / name).write_bytes(start + os.urandom(2000))
    err = refused(work, ["build", name, "-o", "out2.pdf"], name, None, message=kind)
    assert hint in err and "UTF-8" not in err


def test_a_bom_is_accepted(work):
    (work / "issue.yaml").write_bytes(b"\xef\xbb\xbf" + BASE_ISSUE.encode("utf-8"))
    code, _, err, _ = run_cli(BUILD, work)
    assert code == 0, err


def test_day_30_in_february(work):
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("2025-10-30", "2025-02-30"), encoding="utf-8")
    refused(work, BUILD, "issue.yaml", 6, 7, "date: 2025-02-30 is not a date: 2025-02 has 28 days")


def test_distribution_that_needs_more_lines_than_a_page(work):
    many = "\n".join(f"    - 省人大常委会办公厅{i}" for i in range(40))
    text = BASE_ISSUE.replace("    - 省人大常委会办公厅、研究室", many)
    (work / "issue.yaml").write_text(text, encoding="utf-8")
    refused(work, BUILD, "issue.yaml", line_of(text, "distribution:"), None, "the distribution block needs")


# ----------------------------------------------------------------------------- the printer

def test_line_100_is_not_an_emoji(work):
    text = BASE_ISSUE + "\n" * (99 - BASE_ISSUE.count("\n")) + "numbr: 3\n"
    (work / "issue.yaml").write_text(text, encoding="utf-8")
    (work / ":1234:.yaml").write_text(text, encoding="utf-8")
    err = refused(work, BUILD, "issue.yaml", 100, None, "numbr: unknown field", hint=False)
    assert "💯" not in err
    err = refused(work, ["build", ":1234:.yaml"], ":1234:.yaml", 100, None, hint=False)
    assert "🔢" not in err


def test_a_line_separator_in_a_key_stays_on_one_line(work):
    (work / "issue.yaml").write_text(BASE_ISSUE.replace("editor:", "edi\u2028tor:"), encoding="utf-8")
    err = refused(work, BUILD, "issue.yaml", line_of(BASE_ISSUE, "editor:"), 6, "U+2028 (LINE SEPARATOR)")
    assert "\u2028" not in err and "edi\\u2028tor" in err


def test_markup_in_a_file_name_is_printed_as_typed(work):
    (work / "[red]x[bold].yaml").write_text(BASE_ISSUE.replace("number: 10", "number: ten"), encoding="utf-8")
    refused(work, ["build", "[red]x[bold].yaml"], "[red]x[bold].yaml", 3, None, "number: expected a whole number",
            hint=False)


# ----------------------------------------------------------------------------- check on any file

def _small_pdf(work: Path) -> bytes:
    code, _, err, _ = run_cli(["build", "issue.yaml", "-o", "good.pdf"], work)
    assert code == 0, err
    return (work / "good.pdf").read_bytes()


def test_check_a_pdf_with_no_page_is_not_ok(work):
    with pikepdf.new() as pdf:
        pdf.save(work / "empty.pdf")
    code, out, err, _ = run_cli(["check", "empty.pdf"], work)
    assert code in (1, 2) and "OK" not in out, out + err
    assert "no readable page" in out + err or "no pages" in out + err or "unable to find any pages" in out + err


def test_check_a_decompression_bomb_is_bounded(work):
    data = zlib.compress(b"0" * (400 * 2**20), 9)    # 400 MiB of content stream in ~400 KB
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
           b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
           b"4 0 obj<</Length " + str(len(data)).encode() + b"/Filter/FlateDecode>>stream\n" + data +
           b"\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    (work / "bomb.pdf").write_bytes(pdf)
    refused(work, ["check", "bomb.pdf"], "bomb.pdf", None, message="inflates to more than 64 MB")


@pytest.mark.parametrize("target, what", [("/dev/zero", "is a device"), ("/etc/passwd", "not a PDF: starts with `root:x:0`")])
def test_check_special_and_wrong_files(work, target, what):
    refused(work, ["check", target], target, None, message=what)


# ----------------------------------------------------------------------------- output files

def test_sigterm_while_writing_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous good PDF")
    real_fsync = os.fsync

    def killed(fd):
        assert [p for p in os.listdir(tmp_path) if p.endswith(".part")]   # the moment it exists
        os.kill(os.getpid(), signal.SIGTERM)
        real_fsync(fd)

    monkeypatch.setattr(pipeline.os, "fsync", killed)
    with pytest.raises(SystemExit) as stopped:
        write_atomically(target, b"%PDF new")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert sorted(os.listdir(tmp_path)) == ["out.pdf"]
    assert target.read_bytes() == b"previous good PDF"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL      # the handler is put back


def test_ctrl_c_while_writing_removes_the_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(pipeline.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGINT))
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"%PDF new")
    assert os.listdir(tmp_path) == []


def test_a_sigkill_leftover_is_removed_by_the_next_build(work):
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = work / f".out.pdf.{dead.pid}.k3j2h1.part"
    leftover.write_bytes(b"half a PDF")
    running = work / f".out.pdf.{os.getpid()}.zzzzzz.part"     # a build still running: kept
    running.write_bytes(b"being written")
    code, _, err, _ = run_cli(BUILD, work)
    assert code == 0, err
    assert not leftover.exists() and running.exists()


def test_the_pdf_gets_the_umask_permissions_and_a_replaced_file_keeps_its_mode(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.pdf", b"%PDF")
        assert stat.S_IMODE(os.stat(tmp_path / "new.pdf").st_mode) == 0o644
        os.umask(0o027)
        write_atomically(tmp_path / "other.pdf", b"%PDF")
        assert stat.S_IMODE(os.stat(tmp_path / "other.pdf").st_mode) == 0o640
        (tmp_path / "shared.pdf").write_bytes(b"old")
        os.chmod(tmp_path / "shared.pdf", 0o664)
        write_atomically(tmp_path / "shared.pdf", b"%PDF")
        assert stat.S_IMODE(os.stat(tmp_path / "shared.pdf").st_mode) == 0o664
    finally:
        os.umask(old)


def test_a_device_is_never_replaced_by_the_output(work):
    refused(work, ["build", "issue.yaml", "-o", "/dev/null"], "/dev/null", None, message="not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_control_characters_are_exactly_the_refused_set():
    """`inputs.check_characters` searches with one character class; over every code point it
    refuses exactly these: C0 controls but tab, LF and CR; DEL and C1 (NEL among them); U+2028,
    U+2029; a BOM inside the text; U+FFFE, U+FFFF; lone surrogates."""
    from bulletin_pdf.input.files import _is_control

    def refused(cp: int) -> bool:
        return ((cp < 0x20 and cp not in (0x09, 0x0A, 0x0D)) or 0x7F <= cp <= 0x9F
                or cp in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= cp <= 0xDFFF)

    assert [cp for cp in range(0x110000) if _is_control(chr(cp)) != refused(cp)] == []
