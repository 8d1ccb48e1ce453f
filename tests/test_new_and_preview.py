"""`bulletin-pdf new` starts the next issue from the last one; `preview` renders the pages."""

from __future__ import annotations

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
