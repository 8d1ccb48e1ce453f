"""The console script ends a `build` without tearing the interpreter down (issue 20: CPython's
exit frees every object the build made, which the OS throws away anyway), and only a `build`:
every other command, and `cli.app` called in-process (typer's CliRunner, as the tests do),
exits as before. Seen from outside: the file is complete, the messages are all there, the exit
code is the command's, and an `atexit` handler (which a normal exit runs) never runs."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pikepdf
from typer.testing import CliRunner

from bulletin_pdf import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "2025-09.yaml"

PROBE = """
import atexit, gc, sys
atexit.register(lambda: sys.stderr.write("ATEXIT RAN\\n"))
sys.argv = ["bulletin-pdf"] + sys.argv[1:]
import bulletin_pdf.pipeline as pipeline
build = pipeline.build
def probed(*args, **kwargs):
    sys.stderr.write(f"COLLECTOR {'ON' if gc.isenabled() else 'OFF'}\\n")
    return build(*args, **kwargs)
pipeline.build = probed
from bulletin_pdf.cli import console
console()
"""


def console(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd)


def test_build_ends_at_once_with_its_file_and_messages(tmp_path):
    proc = console("build", str(SAMPLE), "-o", "out.pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "wrote out.pdf: 11 pages" in proc.stderr
    assert "ATEXIT RAN" not in proc.stderr               # the interpreter was not torn down
    assert "COLLECTOR OFF" in proc.stderr                # no cyclic collection during the build
    with pikepdf.open(tmp_path / "out.pdf") as pdf:      # the file is whole
        assert len(pdf.pages) == 11 and pdf.check_pdf_syntax() == []
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]       # no temporary file left


def test_a_failed_build_ends_at_once_with_its_message_and_code(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    proc = console("build", str(bad), "-o", "out.pdf", cwd=tmp_path)
    assert proc.returncode == 2
    assert "bad.yaml:" in proc.stderr and "ATEXIT RAN" not in proc.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_other_commands_exit_as_python_does(tmp_path):
    proc = console("--version", cwd=tmp_path)
    assert proc.returncode == 0 and "bulletin-pdf" in proc.stdout
    assert "ATEXIT RAN" in proc.stderr


def test_the_app_called_in_process_returns(tmp_path):
    result = CliRunner().invoke(cli.app, ["build", str(SAMPLE), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()                                # a program calling `app` still collects
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-1.6")   # and this process goes on
