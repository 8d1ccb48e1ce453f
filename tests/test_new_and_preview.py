"""`bulletin-pdf new` starts the next issue from the last one; `preview` renders the pages."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image
from pathlib import Path

from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.editor.preview import PageSpecError, parse_pages, select_pages

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


def test_the_comment_lines_of_a_new_issue_are_in_the_editors_language(tmp_path):
    """The two comment lines `new` writes at the top are for the editor to read: in Chinese
    when she asks for Chinese (an editor's walkthrough: English under a Chinese locale)."""
    for lang, started, replace in (("zh", "由 2025-09.yaml 生成", "请替换每一处"),
                                   ("en", "started from 2025-09.yaml", "Replace every")):
        target = tmp_path / f"{lang}.yaml"
        result = CliRunner().invoke(app, ["--lang", lang, "new", str(SAMPLE), "-o", str(target), "--date", "2025-10-30"])
        assert result.exit_code == 0, result.stderr
        first, second = target.read_text(encoding="utf-8").splitlines()[:2]
        assert first.startswith("# 杭州人大信息 2025年第10期 — ") and started in first
        assert second.startswith(f"# {replace} （标题待填写） / （正文待填写） / 署名待填写")
        assert load_issue(target).number == 10


def test_new_year_starts_at_number_one(tmp_path):
    target = tmp_path / "2026-01.yaml"
    assert CliRunner().invoke(app, ["new", str(SAMPLE), "-o", str(target), "--date", "2026-01-20"]).exit_code == 0
    issue = load_issue(target)
    assert issue.number == 1 and issue.cumulative == 716


def test_preview_writes_one_readable_png_per_page(tmp_path, sample_build):
    result = CliRunner().invoke(app, ["preview", str(SAMPLE), "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    pages = len(sample_build.document.pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"page-{n:02d}.png" for n in range(1, pages + 1)]
    assert result.stdout.split() == [str(tmp_path / f"page-{n:02d}.png") for n in range(1, pages + 1)]
    with Image.open(tmp_path / "page-01.png") as image:
        # the default is readable: an A4 page (210 × 297 mm) at 110 dpi or more
        assert image.format == "PNG" and image.width >= 210 / 25.4 * 110 and image.height >= 297 / 25.4 * 110


def test_preview_pages_and_no_stale_pages_left(tmp_path, sample_build):
    pages = len(sample_build.document.pages)
    run = CliRunner().invoke
    assert run(app, ["preview", str(SAMPLE), "--dir", str(tmp_path), "--dpi", "20"]).exit_code == 0
    Image.new("RGB", (4, 4)).save(tmp_path / f"page-{pages + 5:02d}.png")   # the editor's own file
    (tmp_path / "notes.txt").write_text("mine")
    result = run(app, ["preview", str(SAMPLE), "--dir", str(tmp_path), "--dpi", "20", "--pages", "1,3-4"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        ["notes.txt", "page-01.png", "page-03.png", "page-04.png", f"page-{pages + 5:02d}.png"]


@pytest.mark.parametrize("spec, message", [
    ("2-", "'2-' is not a page or a range; write pages like 1,3-5"),
    ("1,,3", "'' is not a page or a range"),
    ("0", "'0' is not a range of pages; pages count from 1"),
    ("5-3", "'5-3' is not a range of pages"),
    ("99", "page 99 does not exist: the issue has"),
])
def test_preview_pages_mistakes(tmp_path, spec, message, sample_build):
    result = CliRunner().invoke(app, ["preview", str(SAMPLE), "--dir", str(tmp_path), "--dpi", "20", "--pages", spec])
    assert result.exit_code == 2 and message in " ".join(result.stderr.split()), result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


ranges = st.lists(st.tuples(st.integers(1, 40), st.integers(0, 5)).map(lambda t: (t[0], t[0] + t[1])),
                  min_size=1, max_size=6)


@given(ranges=ranges, count=st.integers(1, 48))
@example(ranges=[(3, 5), (1, 1), (4, 4)], count=5)
def test_page_ranges_round_trip(ranges, count):
    spec = ",".join(f"{a}-{b}" if a != b else str(a) for a, b in ranges)
    assert parse_pages(spec) == ranges
    wanted = {n for a, b in ranges for n in range(a, b + 1)}
    if max(wanted) > count:
        with pytest.raises(PageSpecError, match=f"page {max(wanted)} does not exist"):
            select_pages(ranges, count)
    else:
        assert select_pages(ranges, count) == sorted(wanted)


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
