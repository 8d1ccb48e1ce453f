"""Benchmark: `bulletin-pdf watch` rebuilding after a one-paragraph edit (issue #11: the new
PDF written in ≤ 150 ms on this machine).

Measured here, never in tests. Run `make bench` or `.venv/bin/python bench/watch.py [--runs N]`.

    rebuild      — wall and CPU time of the warm builder (`bulletin_pdf.editor.watch.builder.WarmBuilder`) in this process, on a
                   copy of content/2025-09.yaml: one build to warm it, then N times one body
                   paragraph gets one more character (new text each time, so the cache holds
                   it never) and `build()` runs: load, compose, render, PDF/X finish, atomic
                   write. Median and best of N, and the median of each stage. The CPU time
                   says what the wall time would be on an idle machine (this one is shared).
    save → PDF   — the same edit saved while `watch_loop` runs in a thread: from the file's
                   write to the new PDF on disk, watchfiles' notice included. Median of N.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_pdf.input.load import load_issue  # noqa: E402
from bulletin_pdf.editor.watch.builder import WarmBuilder  # noqa: E402
from bulletin_pdf.editor.watch.loop import watch_loop  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"
INSERTS = "一二三四五六七八九十百千万亿"


class OneParagraphEdit:
    """Edits the longest body paragraph of a copy of an issue: each call inserts one more
    character after its first one, so every edit is new text."""

    def __init__(self, issue: Path) -> None:
        self.issue = issue
        parsed = load_issue(issue)
        paragraph = max((p for c in parsed.columns for a in c.articles for p in a.body), key=lambda p: len(p.text))
        self.lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
        self.index = paragraph.source.line - 1
        self.original = self.lines[self.index]
        first = paragraph.text[0]
        self.at = self.original.index(first) + 1
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        added = "".join(INSERTS[int(d)] for d in str(self.count))
        self.lines[self.index] = self.original[:self.at] + added + self.original[self.at:]
        self.issue.write_text("".join(self.lines), encoding="utf-8")


def rebuild(folder: Path, runs: int) -> dict:
    issue = folder / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    builder = WarmBuilder(issue, "jianbao", folder / "issue.pdf")
    first = builder.build()
    assert first.ok, first.diagnostics
    edit = OneParagraphEdit(issue)
    totals, cpu, stages, reused = [], [], {}, []
    for _ in range(runs):
        edit()
        start = time.process_time()
        outcome = builder.build()
        cpu.append(time.process_time() - start)
        assert outcome.ok and outcome.set_paragraphs == 1, (outcome.diagnostics, outcome.set_paragraphs)
        totals.append(outcome.seconds)
        reused.append(outcome.reused_paragraphs)
        for name, seconds in outcome.stages:
            stages.setdefault(name, []).append(seconds)
    stage_sum = sum(statistics.median(v) for v in stages.values())
    return {"first": first.seconds, "median": statistics.median(totals), "best": min(totals),
            "cpu": statistics.median(cpu),
            "stages": {k: statistics.median(v) for k, v in stages.items()},
            "write": statistics.median(totals) - stage_sum, "reused": reused[0], "pages": first.pages}


def save_to_pdf(folder: Path, runs: int) -> float:
    issue = folder / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    builder = WarmBuilder(issue, "jianbao", folder / "issue.pdf")
    built = threading.Condition()
    seen: list[float] = []

    def on_build(outcome) -> None:
        with built:
            seen.append(time.perf_counter())
            built.notify_all()

    stop = threading.Event()
    thread = threading.Thread(target=watch_loop, args=(builder, on_build, stop), daemon=True)
    thread.start()
    edit = OneParagraphEdit(issue)
    latencies = []
    with built:
        built.wait_for(lambda: len(seen) == 1, timeout=60)
    time.sleep(0.5)    # the watcher starts after the first build
    for k in range(runs):
        with built:
            start = time.perf_counter()
            edit()
            if not built.wait_for(lambda: len(seen) == k + 2, timeout=30):
                raise RuntimeError("no rebuild after a save")
            latencies.append(seen[-1] - start)
        time.sleep(0.2)
    stop.set()
    thread.join(timeout=5)
    return statistics.median(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        r = rebuild(Path(tmp), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        latency = save_to_pdf(Path(tmp), args.runs)
    stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in r["stages"].items())
    print(f"- watch: first build {r['first']:.2f} s ({r['pages']} pages); after a one-paragraph edit "
          f"{r['median'] * 1000:.0f} ms median, {r['best'] * 1000:.0f} ms best of {args.runs} "
          f"(1 paragraph set, {r['reused']} reused; target ≤ 150 ms); CPU time {r['cpu'] * 1000:.0f} ms median")
    print(f"- watch, median per stage (ms): {stages}, write {r['write'] * 1000:.0f}")
    print(f"- watch, save → new PDF on disk (watchfiles notice included): {latency * 1000:.0f} ms median")


if __name__ == "__main__":
    main()
