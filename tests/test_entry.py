"""The console entry (entry.py): a plain `build` is parsed without typer and rich, and prints,
writes and exits exactly as the typer command does on the same arguments; anything else is
handed to typer untouched."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_pdf.entry import parse_build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "2025-09.yaml"

FAST = """
import json, sys
sys.argv = ["bulletin-pdf"] + sys.argv[1:]
from bulletin_pdf.entry import main
code = main()
print("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
sys.exit(code)
"""
TYPER = """
import sys
sys.argv = ["bulletin-pdf"] + sys.argv[1:]
from bulletin_pdf.cli import app
app()
"""


def run(code: str, *args: str, cwd: Path, **env: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT / "src"), **env})
    return proc.returncode, proc.stdout, proc.stderr


def same_seconds(text: str) -> str:
    return re.sub(r"用时 \d+\.\d\d 秒", "用时 N 秒", re.sub(r" in \d+\.\d\d s", " in N s", text))


@pytest.mark.parametrize("argv, parsed", [
    (["build", "a.yaml"], dict(issue=Path("a.yaml"), output=None, layout=None, pdfx=None, formats=None, lang=None)),
    (["--lang", "zh", "build", "-o", "x.pdf", "a.yaml", "--no-pdfx", "-l", "report"],
     dict(issue=Path("a.yaml"), output=Path("x.pdf"), layout="report", pdfx=False, formats=None, lang="zh")),
    (["--lang=en", "build", "a.yaml", "--output=o.pdf", "--format", "pdf,ofd", "--pdfx"],
     dict(issue=Path("a.yaml"), output=Path("o.pdf"), layout=None, pdfx=True, formats="pdf,ofd", lang="en")),
])
def test_plain_builds_are_parsed(argv, parsed):
    assert parse_build(argv) == parsed


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["build"], ["build", "--help"], ["--debug", "build", "a.yaml"], ["--version"],
    ["build", "a.yaml", "--check"], ["build", "a.yaml", "b.yaml"], ["build", "a.yaml", "-o"],
    ["build", "a.yaml", "-o", "a.pdf", "-o", "b.pdf"], ["build", "a.yaml", "-o", "-x.pdf"],
    ["build", "a.yaml", "--pdfx", "--no-pdfx"], ["build", "--", "a.yaml"], ["build", "a.yaml", "-oa.pdf"],
    ["--lang", "fr", "build", "a.yaml"], ["--lang", "zh", "--lang", "en", "build", "a.yaml"],
    ["build", "a.yaml", "--lang", "zh"], ["text", "a.yaml"], ["check", "a.pdf"], ["build", ""],
    ["build", "a.yaml", "--output="], ["build", "a.yaml", "--pdfx=1"], ["build", "a.yaml", "--frobnicate"],
])
def test_everything_else_goes_to_typer(argv):
    assert parse_build(argv) is None


def test_the_fast_build_imports_no_command_line_library(tmp_path):
    code, _out, err = run(FAST, "build", str(SAMPLE), "-o", "a.pdf", cwd=tmp_path)
    assert code == 0, err
    modules = set(json.loads(_out.rsplit("MODULES ", 1)[1]))
    assert "bulletin_pdf" in modules and modules & {"typer", "click", "rich", "pydantic", "pydantic_core"} == set()
    assert "wrote a.pdf: 11 pages" in err


BAD_ISSUE = "publication: 简报\nnumber: 0\ncompiled_by: 办公室\ndate: 2025-09-30\ncolumns:\n  - nam: 要闻\n"


@pytest.mark.parametrize("args", [
    ("build", "{sample}", "-o", "a.pdf"),
    ("--lang", "zh", "build", "{sample}", "-o", "b.pdf", "--no-pdfx"),
    ("build", "{sample}", "--format", "pdf,ofd", "-o", "c"),
    ("build", "bad.yaml", "-o", "bad.pdf"),
    ("--lang=zh", "build", "bad.yaml", "-o", "bad.pdf"),
    ("build", "missing.yaml"),
    ("build", "{sample}", "-o", "out.txt"),
    ("build", "{sample}", "-l", "no-such-layout", "-o", "d.pdf"),
    ("build", "own-layout.yaml", "-o", "e.pdf"),             # the issue's `layout:` line, not jianbao
    ("build", "own-layout.yaml", "-l", "jianbao", "-o", "f.pdf"),
])
def test_fast_and_typer_builds_agree(tmp_path, args):
    (tmp_path / "fast").mkdir()
    (tmp_path / "typer").mkdir()
    results = []
    for side, code in (("fast", FAST), ("typer", TYPER)):
        folder = tmp_path / side
        (folder / "bad.yaml").write_text(BAD_ISSUE, encoding="utf-8")
        (folder / "own-layout.yaml").write_text("layout: gbt9704\n" + SAMPLE.read_text("utf-8"), encoding="utf-8")
        argv = [a.replace("{sample}", str(SAMPLE)) for a in args]
        rc, out, err = run(code, *argv, cwd=folder)
        out = out.rsplit("\nMODULES ", 1)[0]
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".pdf", ".ofd")}
        results.append((rc, out, same_seconds(err), files))
    fast, typer = results
    assert fast == typer
    assert fast[0] in (0, 2)


def test_on_a_terminal_both_ways_colour_alike(tmp_path):
    """FORCE_COLOR makes rich colour as on a terminal: the fast path then prints through rich,
    the same escapes as typer's command (a red `error:`, a yellow `warning:`)."""
    (tmp_path / "bad.yaml").write_text(BAD_ISSUE, encoding="utf-8")
    fast = run(FAST, "build", "bad.yaml", "-o", "bad.pdf", cwd=tmp_path, FORCE_COLOR="1")
    typer = run(TYPER, "build", "bad.yaml", "-o", "bad.pdf", cwd=tmp_path, FORCE_COLOR="1")
    assert fast[0] == typer[0] == 2
    assert fast[2] == typer[2]
    assert "\x1b[" in fast[2] and "error" in fast[2]


def test_a_clean_build_on_a_terminal_prints_without_rich(tmp_path):
    """A line without a style is the same bytes through rich or not, on a terminal too: a
    build that only says what it wrote does not import rich, and prints what typer's does."""
    fast = run(FAST, "build", str(SAMPLE), "-o", "a.pdf", cwd=tmp_path, FORCE_COLOR="1")
    typer = run(TYPER, "build", str(SAMPLE), "-o", "b.pdf", cwd=tmp_path, FORCE_COLOR="1")
    assert fast[0] == typer[0] == 0
    assert same_seconds(fast[2]).replace("a.pdf", "b.pdf") == same_seconds(typer[2])
    assert "rich" not in json.loads(fast[1].rsplit("MODULES ", 1)[1])


@pytest.mark.parametrize("module", ["bulletin_pdf", "bulletin_pdf.cli"])
def test_run_as_a_module_is_the_console_command(tmp_path, module):
    """`python -m bulletin_pdf …` (and `-m bulletin_pdf.cli`, as the project's notes run it)
    is the `bulletin-pdf` command: a build writes its PDF, a mistake exits 2. Before, `-m
    bulletin_pdf.cli build …` imported the module, did nothing and exited 0 — no PDF, no word."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT / "src")}
    out = tmp_path / "out.pdf"
    proc = subprocess.run([sys.executable, "-m", module, "build", str(ROOT / "content" / "2025-09.yaml"), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0 and out.read_bytes().startswith(b"%PDF-") and proc.stderr.startswith(f"wrote {out}")
    proc = subprocess.run([sys.executable, "-m", module, "build", str(tmp_path / "none.yaml")],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "none.yaml" in proc.stderr
    # imported, not run (`make setup` imports every module: code_cache.main), it does nothing
    proc = subprocess.run([sys.executable, "-c", f"import {module if module != 'bulletin_pdf' else 'bulletin_pdf.__main__'}"],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


@pytest.mark.parametrize("argv, moved", [
    (["check", "a.yaml", "--lang", "zh"], ["--lang", "zh", "check", "a.yaml"]),
    (["build", "a.yaml", "--lang=zh", "-o", "x.pdf"], ["--lang=zh", "build", "a.yaml", "-o", "x.pdf"]),
    (["--lang", "zh", "check", "a.yaml"], ["--lang", "zh", "check", "a.yaml"]),                 # first already
    (["check", "a.yaml", "--lang", "zh", "--lang", "en"], ["check", "a.yaml", "--lang", "zh", "--lang", "en"]),
    (["build", "a.yaml", "--", "--lang"], ["build", "a.yaml", "--", "--lang"]),                # a file after --
    (["build", "a.yaml", "-o", "--lang"], ["build", "a.yaml", "-o", "--lang"]),                # -o's value
    (["check", "a.yaml", "--lang"], ["check", "a.yaml", "--lang"]),                            # no value
])
def test_lang_after_the_command_is_taken_as_before_it(argv, moved):
    from bulletin_pdf.entry import lang_first

    assert lang_first(argv) == moved


def test_an_editor_may_ask_for_chinese_after_the_command(tmp_path):
    """`bulletin-pdf check ISSUE --lang zh` (an editor's walkthrough: "No such option: --lang")
    answers in Chinese, as `--lang zh check ISSUE` does; `build` too."""
    (tmp_path / "bad.yaml").write_text(BAD_ISSUE, encoding="utf-8")
    for args in (("check", "bad.yaml", "--lang", "zh"), ("build", "bad.yaml", "-o", "b.pdf", "--lang=zh")):
        code, _, err = run(FAST, *args, cwd=tmp_path)
        assert code == 2 and err.startswith("错误: bad.yaml:"), err
