"""`bulletin-pdf new` starts the next issue from the last one; `preview` renders the pages."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.load import load_issue

from .conftest import SAMPLE


def test_new_issue_from_the_sample(tmp_path):
    target = tmp_path / "2025-10.yaml"
    result = CliRunner().invoke(app, ["new", str(SAMPLE), "-o", str(target), "--date", "2025-10-30"])
    assert result.exit_code == 0, result.stderr
    issue = load_issue(target)
    assert (issue.number, issue.cumulative, issue.date.isoformat()) == (10, 716, "2025-10-30")
    previous = load_issue(SAMPLE)
    assert [c.name for c in issue.columns] == [c.name for c in previous.columns]
    assert issue.distribution == previous.distribution
    again = CliRunner().invoke(app, ["new", str(SAMPLE), "-o", str(target)])
    assert again.exit_code == 2 and "exists already" in again.stderr


def test_new_year_starts_at_number_one(tmp_path):
    target = tmp_path / "2026-01.yaml"
    assert CliRunner().invoke(app, ["new", str(SAMPLE), "-o", str(target), "--date", "2026-01-20"]).exit_code == 0
    issue = load_issue(target)
    assert issue.number == 1 and issue.cumulative == 716


def test_preview_writes_one_png_per_page(tmp_path, sample_build):
    result = CliRunner().invoke(app, ["preview", str(SAMPLE), "--dir", str(tmp_path), "--dpi", "20"])
    assert result.exit_code == 0, result.stderr
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == len(sample_build.document.pages)
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def _copy_sample(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    previous = folder / "2025-09.yaml"
    previous.write_bytes(SAMPLE.read_bytes())
    return previous


def test_new_without_date_and_no_terminal_refuses(tmp_path):
    previous = _copy_sample(tmp_path)
    result = CliRunner().invoke(app, ["new", str(previous)], input="")
    assert result.exit_code == 2
    assert "error: no date given for the new issue" in result.stderr
    assert "hint: add --date YEAR-MONTH-DAY" in result.stderr
    assert sorted(p.name for p in previous.parent.iterdir()) == ["2025-09.yaml"]


def test_new_refuses_a_date_not_after_the_previous_issue(tmp_path):
    previous = _copy_sample(tmp_path)
    for day in ("2025-09-29", "2025-03-01", "2024-10-30"):
        result = CliRunner().invoke(app, ["new", str(previous), "--date", day])
        assert result.exit_code == 2, day
        assert f"the date {day} is not after the previous issue's date 2025-09-29 (2025-09.yaml)" in result.stderr
    assert sorted(p.name for p in previous.parent.iterdir()) == ["2025-09.yaml"]
    bad = CliRunner().invoke(app, ["new", str(previous), "--date", "2025/10/30"])
    assert bad.exit_code == 2 and "'2025/10/30' is not a date" in bad.stderr


def test_new_names_the_file_by_the_date_beside_the_previous_and_force_overwrites(tmp_path):
    previous = _copy_sample(tmp_path)
    first = CliRunner().invoke(app, ["new", str(previous), "--date", "2025-10-30"])
    assert first.exit_code == 0, first.stderr
    target = previous.parent / "2025-10.yaml"
    assert "wrote " + str(target) + ": 杭州人大信息 2025年第10期（总第716期）, dated 2025-10-30" in first.stderr
    assert f"  next: put each Word article in with  bulletin-pdf docx ARTICLE.docx --into {target} --column NAME  (columns: 助力攻坚、监督纵横、情况交流、信息摘登)" in first.stderr
    assert load_issue(target).date.isoformat() == "2025-10-30"
    target.write_text("# my edits\n", encoding="utf-8")
    again = CliRunner().invoke(app, ["new", str(previous), "--date", "2025-10-31"])
    assert again.exit_code == 2 and "exists already" in again.stderr and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "# my edits\n"
    forced = CliRunner().invoke(app, ["new", str(previous), "--date", "2025-10-31", "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert load_issue(target).date.isoformat() == "2025-10-31"


def test_new_asks_for_the_date_on_a_terminal(tmp_path):
    """On a real terminal (a pty) `new` asks, offering the same day of the next month."""
    import os
    import pty
    import subprocess
    import sys

    previous = _copy_sample(tmp_path)
    main, child = pty.openpty()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "bulletin-pdf"), "new", str(previous)],
                            stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    seen = b""
    while b"]:" not in seen:
        chunk = os.read(main, 1024)
        assert chunk, seen
        seen += chunk
    assert b"Date of the new issue (the previous one is dated 2025-09-29) [2025-10-29]:" in seen
    os.write(main, b"2025-09-01\n")          # not after the last issue: asked again
    while b"later than 2025-09-29" not in seen or seen.count(b"]:") < 2:
        chunk = os.read(main, 1024)
        assert chunk, seen
        seen += chunk
    os.write(main, b"2025-10-30\n")
    while True:
        try:
            chunk = os.read(main, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=60) == 0, seen.decode()
    assert load_issue(previous.parent / "2025-10.yaml").date.isoformat() == "2025-10-30"
