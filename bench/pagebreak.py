"""What the page optimiser costs and what it fills (docs/page-makeup.md), beside first fit.

For a generated issue of about PAGES pages (bench/issues.py, the sample's articles varied copy
to copy): whole builds in one process (load, fonts, compose, PDF; warm after the first run),
with `pagination.optimise` false (first fit) and true, RUNS of each alternating; the process
CPU time of each (the machine is shared: wall time measures the neighbours too), min and
median; the pages and the empty grid lines at the feet of pages 2 to n−1 of each (a contents
page, which ends by rule, counting 0; `page_fill` of tests/test_pagebreak.py). Measured here, never in tests.

    python bench/pagebreak.py [--pages 50] [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from issues import unit_count, write_issue  # noqa: E402
from tests.test_pagebreak import page_fill  # noqa: E402  (read from the composed pages, as the test reads them)

from bulletin_pdf import pipeline  # noqa: E402
from bulletin_pdf.input.load import load_layout  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"
SAMPLE_PAGES = 11


def layout_for(optimise: bool):
    def load(path):
        layout = load_layout(path)
        return replace(layout, pagination=replace(layout.pagination, optimise=optimise))
    return load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="write the issue and both PDFs here")
    a = ap.parse_args()
    folder = a.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    units = max(1, round((a.pages - 1) * unit_count(SAMPLE) / (SAMPLE_PAGES - 1)))
    issue = write_issue(SAMPLE, units, f"bench-{a.pages}", folder / f"p{a.pages}.yaml")
    cpu: dict[bool, list[float]] = {False: [], True: []}
    last = {}
    for _ in range(a.runs + 1):                     # the first round warms the process
        for optimise in (False, True):
            start = time.process_time()
            result = pipeline.build(issue, layout_for=layout_for(optimise))
            cpu[optimise].append(time.process_time() - start)
            last[optimise] = result
    for optimise in (False, True):
        times = cpu[optimise][1:]
        result = last[optimise]
        fill = page_fill(result.document, result.layout)
        name = "optimised" if optimise else "first fit"
        print(f"{name:9}: {len(result.document.pages)} pages, {sum(fill)} empty grid lines at page feet, "
              f"build CPU min {min(times):.3f} s, median {statistics.median(times):.3f} s")
        if a.keep:
            (folder / f"p{a.pages}-{'opt' if optimise else 'ff'}.pdf").write_bytes(result.pdf)
    ratio_min = min(cpu[True][1:]) / min(cpu[False][1:])
    ratio_median = statistics.median(cpu[True][1:]) / statistics.median(cpu[False][1:])
    print(f"optimised / first fit: {ratio_min:.2f} (min), {ratio_median:.2f} (median)")


if __name__ == "__main__":
    main()
