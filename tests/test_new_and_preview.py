"""`bulletin-pdf new` starts the next issue from the last one; `preview` renders the pages."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.load import load_issue
from bulletin_pdf.preview import PageSpecError, parse_pages, select_pages

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
