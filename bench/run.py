"""Benchmark: the line engine on the sample's text, and a whole cold build of the sample.

Targets (issue #4): the line engine sets the sample issue in under 150 ms on this machine.
Measured here, never in tests (timings are not assertions). Run: `make bench`; the numbers are
appended to bench/results.md with the date and machine.

    line engine  — every body paragraph of content/2025-09.yaml through `set_paragraph`
                   (prepare → linebreak → justify), fonts already loaded; best of 7 runs;
                   and every call the composer makes for the whole issue (best of 5)
    cold build   — `bulletin-pdf build` in a new process: wall time, peak RSS, pages, size
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_pdf.compose.typeset import Setter  # noqa: E402
from bulletin_pdf.load import load_issue, load_layout  # noqa: E402
from bulletin_pdf.pipeline import find_layout, load_fonts  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"


def line_engine() -> tuple[float, int, int]:
    layout = load_layout(find_layout("jianbao"))
    fonts = load_fonts(layout)
    issue = load_issue(SAMPLE)
    setter = Setter(layout, fonts)
    body = layout.body
    paras = [p for c in issue.columns for a in c.articles for p in a.body] + \
            [it.text for c in issue.columns for it in c.items]
    jobs = [setter.runs(p.runs, body.style, body.emphasis) for p in paras]
    indent = body.indent * layout.char_pitch
    chars = sum(len(p.text) for p in paras)
    setter.paragraph(jobs[0], layout.block.width, indent)   # warm the ink cache once
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for spans in jobs:
            setter.paragraph(spans, layout.block.width, indent)
        best = min(best, time.perf_counter() - start)
    return best, len(jobs), chars


def line_engine_in_compose() -> tuple[float, int]:
    """Time spent in the line engine while composing the whole sample: paragraphs, titles,
    contents, bylines, masthead, 版记 and folios (every call of set_paragraph/set_balanced)."""
    from bulletin_pdf.compose import compose
    from bulletin_pdf.compose import typeset

    layout = load_layout(find_layout("jianbao"))
    fonts = load_fonts(layout)
    issue = load_issue(SAMPLE)
    compose(issue, layout, fonts)                       # warm the caches
    spent = [0.0, 0]
    originals = typeset.set_paragraph, typeset.set_balanced

    def timed(fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
                spent[1] += 1
        return wrapper

    typeset.set_paragraph, typeset.set_balanced = (timed(f) for f in originals)
    try:
        best = float("inf")
        for _ in range(5):
            spent[:] = [0.0, 0]
            compose(issue, layout, fonts)
            best = min(best, spent[0])
        return best, spent[1]
    finally:
        typeset.set_paragraph, typeset.set_balanced = originals


def cold_build() -> tuple[float, float, int, int]:
    exe = Path(sys.executable).with_name("bulletin-pdf")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "s.pdf"
        start = time.perf_counter()
        subprocess.run([str(exe), "build", str(SAMPLE), "-o", str(out)], check=True, capture_output=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import pikepdf
        with pikepdf.open(out) as pdf:
            pages = len(pdf.pages)
        return wall, peak, pages, out.stat().st_size


def main() -> None:
    seconds, paragraphs, chars = line_engine()
    total, calls = line_engine_in_compose()
    wall, peak, pages, size = cold_build()
    lines = [
        f"## {dt.date.today().isoformat()} — {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"- line engine: {seconds * 1000:.1f} ms for {paragraphs} paragraphs ({chars} characters) "
        f"= {paragraphs / seconds:.0f} paragraphs/s, {chars / seconds / 1000:.0f}k characters/s",
        f"- line engine, whole sample inside compose: {total * 1000:.1f} ms for {calls} calls "
        f"(paragraphs, titles, contents, bylines, masthead, 版记, folios; target < 150 ms)",
        f"- cold build: {wall:.2f} s, peak RSS {peak:.0f} MiB, {pages} pages, {size / 1024:.0f} KB",
        "",
    ]
    print("\n".join(lines))
    with open(ROOT / "bench" / "results.md", "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
