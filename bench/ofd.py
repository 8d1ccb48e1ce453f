"""Benchmark: what an OFD build costs beside a PDF build of the same issue (issue 19: at most
1.2 × the PDF build).

Two measures, on the sample, content/examples/report.yaml (tables, photos) and generated
issues of about `--sizes` pages (bench/issues.py, as bench/run.py makes them):

    cold builds  — `bulletin-pdf build ISSUE -o X.pdf` and `-o X.ofd` as an editor runs them,
                   one warm-up each, then `--runs` paired runs alternating (so that load on the
                   machine hits both); median wall and CPU time of each child (os.wait4);
    writers      — in one process, the composition made once, then each writer alone on it
                   (`write_pdf`, `write_ofd`): best of `--runs`.

Measured here, never in tests. Run: `.venv/bin/python bench/ofd.py [--runs 5] [--sizes 50]`;
it prints a markdown table (nothing is written to bench/results.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run  # noqa: E402  (bench/run.py: the cold-process spawner)
from issues import unit_count, write_issue  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"
REPORT = ROOT / "content" / "examples" / "report.yaml"


def cold(issue: Path, out: Path, runs: int) -> tuple[list, list]:
    exe = bench_run.console_script()
    pdf = [exe, "build", str(issue), "-o", str(out.with_suffix(".pdf"))]
    ofd = [exe, "build", str(issue), "-o", str(out.with_suffix(".ofd"))]
    bench_run.run_child(pdf), bench_run.run_child(ofd)          # warm-up
    a, b = [], []
    for _ in range(runs):
        a.append(bench_run.run_child(pdf))
        b.append(bench_run.run_child(ofd))
    return a, b


def writers(issue: Path, runs: int) -> tuple[float, float, int]:
    """Best time of each writer alone on one composition, and the pages."""
    from bulletin_pdf.pipeline import build, load_fonts
    from bulletin_pdf.writers.pdf.write import write_pdf
    from bulletin_pdf.writers.ofd import write_ofd

    result = build(issue)
    fonts = load_fonts(result.layout)
    doc = result.document

    def best(fn) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    return best(lambda: write_pdf(doc, fonts)), best(lambda: write_ofd(doc, fonts)), len(doc.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="paired cold runs (and writer runs) per issue")
    parser.add_argument("--sizes", default="50", help="approximate page counts of generated issues ('' for none)")
    args = parser.parse_args()
    bench_run.SPAWN = bench_run.Spawner()
    rows = ["| issue | pages | PDF build (s) | OFD build (s) | OFD / PDF | write_pdf (ms) | write_ofd (ms) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    try:
        with tempfile.TemporaryDirectory(prefix="bench-ofd-") as name:
            tmp = Path(name)
            cases = [("sample", SAMPLE), ("report", REPORT)]
            units, pages_set = unit_count(SAMPLE), 11
            for pages in [int(s) for s in args.sizes.split(",") if s.strip()]:
                units = max(1, round((pages - 1) * units / max(1, pages_set - 1)))
                cases.append((f"~{pages} pp", write_issue(SAMPLE, units, f"bench-{pages}", tmp / f"p{pages}.yaml")))
            for label, issue in cases:
                a, b = cold(issue, tmp / f"{label.strip('~ ')}-out", args.runs)
                wp, wo, n = writers(issue, args.runs)
                pdf_s = statistics.median(r.wall for r in a)
                ofd_s = statistics.median(r.wall for r in b)
                rows.append(f"| {label} | {n} | {pdf_s:.2f} | {ofd_s:.2f} | {ofd_s / pdf_s:.2f} | "
                            f"{wp * 1000:.0f} | {wo * 1000:.0f} |")
                print(rows[-1], flush=True)
    finally:
        bench_run.SPAWN.close()
    print("\n".join(rows))


if __name__ == "__main__":
    main()
