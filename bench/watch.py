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
    save → page  — the same edit saved while `bulletin-pdf watch` runs (a process of its own)
                   with its preview page open in headless chromium (Debian's, driven by
                   selenium, as tests/test_watch_browser.py does; skipped with the reason when
                   either is missing): from the file's write to the page showing the new
                   images of the pages the edit changed, every image loaded. Median of N.

Beside Typst (PyPI `typst`, the `bench` extra; skipped when it is not installed), on the same
issue as Typst source (bench/typst_source.py: the same text, layout and font files), the
same edit made to the Typst source (generated before the clock starts):

    incremental  — CPU time of `typst.Compiler.compile` after the edit in one warm
                   `Compiler` (Typst's memoised incremental compilation, PDF written), paired
                   run by run with our warm rebuild's CPU time.
    save → PDF   — Typst's own watcher (`typst.Compiler.watch`, in a child process) against
                   ours (`watch_loop` in a thread): from the write of the saved source to the
                   new PDF on disk, both seen the same way (polling the PDF's mtime and size).
                   Paired and interleaved, median of N.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_pdf.input.load import load_issue, load_layout  # noqa: E402
from bulletin_pdf.input.places import find_layout  # noqa: E402
from bulletin_pdf.editor.watch.builder import WarmBuilder  # noqa: E402
from bulletin_pdf.editor.watch.loop import watch_loop  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"
INSERTS = "一二三四五六七八九十百千万亿"


class OneParagraphEdit:
    """Edits the longest body paragraph of a copy of an issue: each call inserts one more
    character after its first one, so every edit is new text. The characters are numerals
    (一二三…, some of them new to the issue: the face gains a glyph), or with `known` ideographs
    of the paragraph itself (no face gains a glyph: the common case of typing). With `typing`
    each edit is the last one and one character more (typing on in one place): the paragraph's
    last line grows with every edit, where the other edits put one character in place of
    another and mostly leave the paragraph's shape as it was."""

    def __init__(self, issue: Path, known: bool = False, typing: bool = False) -> None:
        self.issue = issue
        self.typing = typing        # each edit one character more than the last (typing on)
        parsed = load_issue(issue)
        paragraph = max((p for c in parsed.columns for a in c.articles for p in a.body), key=lambda p: len(p.text))
        self.lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
        self.index = paragraph.source.line - 1
        self.original = self.lines[self.index]
        first = paragraph.text[0]
        self.at = self.original.index(first) + 1
        self.count = 0
        # the insert goes into the paragraph's first run (often a bold lead-in): its own ideographs
        own = [c for c in paragraph.runs[0].text if "\u4e00" <= c <= "\u9fff"]
        self.inserts = "".join(own[(7 * d + 3) % len(own)] for d in range(10)) if known else INSERTS

    def __call__(self) -> None:
        self.count += 1
        if self.typing:
            added = "".join(self.inserts[k % len(self.inserts)] for k in range(self.count))
        else:
            added = "".join(self.inserts[int(d)] for d in str(self.count))
        self.lines[self.index] = self.original[:self.at] + added + self.original[self.at:]
        self.issue.write_text("".join(self.lines), encoding="utf-8")


def rebuild(folder: Path, runs: int, known: bool = False) -> dict:
    issue = folder / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    builder = WarmBuilder(issue, "jianbao", folder / "issue.pdf", own_process=True)
    first = builder.build()
    assert first.ok, first.diagnostics
    edit = OneParagraphEdit(issue, known)
    totals, cpu, stages, reused, pages = [], [], {}, [], []
    for _ in range(runs):
        edit()
        start = time.process_time()
        outcome = builder.build()
        cpu.append(time.process_time() - start)
        assert outcome.ok and outcome.set_paragraphs == 1, (outcome.diagnostics, outcome.set_paragraphs)
        totals.append(outcome.seconds)
        reused.append(outcome.reused_paragraphs)
        pages.append(outcome.reused_pages)
        for name, seconds in outcome.stages:
            stages.setdefault(name, []).append(seconds)
    stage_sum = sum(statistics.median(v) for v in stages.values())
    return {"first": first.seconds, "median": statistics.median(totals), "best": min(totals),
            "cpu": statistics.median(cpu),
            "stages": {k: statistics.median(v) for k, v in stages.items()},
            "write": statistics.median(totals) - stage_sum, "reused": reused[0], "pages": first.pages,
            "pages_reused": statistics.median(pages)}


CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
#: the flags of tests/test_watch_browser.py: headless, no sandbox (root), no network chatter
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000")
PAGE_IMAGES = """return Array.from(document.querySelectorAll('#pages img')).map(
    img => [img.getAttribute('src'), img.complete && img.naturalWidth > 0]);"""


def save_to_page(folder: Path, runs: int) -> float | str:
    """Median seconds from a save to the preview page showing the build's new images (see the
    module docstring), or why it was not measured."""
    import subprocess

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        return f"needs Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER})"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return "needs selenium (the `test` extra)"
    issue = folder / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "bulletin_pdf", "watch", str(issue), "--port", "0"], cwd=folder,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    driver = None
    try:
        url = None
        for line in proc.stderr:
            url = url or next(iter(re.findall(r"http://127\.0\.0\.1:\d+/", line)), None)
            if line.startswith("wrote "):
                break
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={folder / 'chromium'}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
        driver.get(url)

        def shown(before=None):
            images = driver.execute_script(PAGE_IMAGES)
            ready = bool(images) and all(ok for _, ok in images) and [src for src, _ in images] != before
            return [src for src, _ in images] if ready else None
        waited = _until(shown, 60)
        edit = OneParagraphEdit(issue)
        latencies = []
        for _ in range(runs):
            start = time.perf_counter()
            edit()
            waited = _until(lambda: shown(waited), 30)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.3)
        return statistics.median(latencies)
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        proc.wait(timeout=30)


def _until(probe, timeout: float):
    """Ask `probe` every 5 ms until it gives something; its answer."""
    deadline = time.perf_counter() + timeout
    while (found := probe()) is None:
        if time.perf_counter() > deadline:
            raise RuntimeError("the preview page never showed the new pages")
        time.sleep(0.005)
    return found


def save_to_pdf(folder: Path, runs: int) -> float:
    issue = folder / "issue.yaml"
    shutil.copy(SAMPLE, issue)
    builder = WarmBuilder(issue, "jianbao", folder / "issue.pdf", own_process=True)
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


# ----------------------------------------------------------------------------- beside Typst

def typst_edits(folder: Path, runs: int, source: Path = SAMPLE, known: bool = False, typing: bool = False) -> list[str]:
    """The Typst source of the sample after each of `runs` one-paragraph edits (the same
    edits `OneParagraphEdit` makes), generated up front: the clock never includes it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from typst_source import typst_source

    layout = load_layout(find_layout("jianbao", SAMPLE))
    scratch = folder / "scratch.yaml"
    shutil.copy(source, scratch)
    edit = OneParagraphEdit(scratch, known, typing)
    sources = [typst_source(load_issue(scratch), layout, ROOT / "fonts")]
    for _ in range(runs):
        edit()
        sources.append(typst_source(load_issue(scratch), layout, ROOT / "fonts"))
    return sources


def incremental_beside_typst(folder: Path, runs: int, source: Path = SAMPLE, known: bool = False,
                             typing: bool = False) -> dict:
    """CPU per rebuild after a one-paragraph edit: ours (warm builder) and Typst's warm
    `Compiler`, alternately, each edit new text for both."""
    import typst

    sources = typst_edits(folder, runs, source, known, typing)
    typ = folder / "issue.typ"
    typ.write_text(sources[0], encoding="utf-8")
    compiler = typst.Compiler(str(typ), font_paths=[str(ROOT / "fonts")], ignore_system_fonts=True)
    compiler.compile(output=str(folder / "issue.typst.pdf"))
    issue = folder / "issue.yaml"
    shutil.copy(source, issue)
    builder = WarmBuilder(issue, "jianbao", folder / "issue.pdf", own_process=True)
    first = builder.build()
    assert first.ok
    edit = OneParagraphEdit(issue, known, typing)
    ours, theirs = [], []
    for k in range(runs):
        edit()
        start = time.process_time()
        assert builder.build().ok
        ours.append(time.process_time() - start)
        typ.write_text(sources[k + 1], encoding="utf-8")
        start = time.process_time()
        compiler.compile(output=str(folder / "issue.typst.pdf"))
        theirs.append(time.process_time() - start)
    return {"ours": statistics.median(ours), "typst": statistics.median(theirs), "pages": first.pages}


def long_issue(folder: Path, pages: int) -> Path:
    """An issue of about `pages` pages made from the sample's articles, text varied copy to
    copy (bench/issues.py, as bench/run.py makes them)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from issues import unit_count, write_issue

    units = max(1, round((pages - 1) * unit_count(SAMPLE) / 10))     # the sample: 11 pages
    return write_issue(SAMPLE, units, f"bench-{pages}", folder / f"p{pages}.yaml")


TYPST_WATCHER = ("import sys, typst; typst.Compiler(sys.argv[1], font_paths=[sys.argv[3]], "
                 "ignore_system_fonts=True).watch(sys.argv[2])")


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def new_file(path: Path, before: tuple[int, int] | None, start: float, timeout: float = 30) -> float:
    """Seconds from `start` until `path` is a new complete file (its mtime or size moved, and
    it ends with a PDF trailer), polled every millisecond."""
    while time.perf_counter() - start < timeout:
        now = stamp(path)
        if now is not None and now != before:
            with path.open("rb") as fh:
                fh.seek(max(0, now[1] - 32))
                if b"%%EOF" in fh.read():
                    return time.perf_counter() - start
        time.sleep(0.001)
    raise RuntimeError(f"no new {path.name} after a save")


def save_beside_typst(folder: Path, runs: int) -> dict:
    """Save → new PDF on disk: our `watch_loop` (a thread) and Typst's watcher (a child
    process), edit by edit alternately, each seen by polling its PDF."""
    import subprocess

    sources = typst_edits(folder, runs)
    typ, typ_pdf = folder / "issue.typ", folder / "issue.typst.pdf"
    typ.write_text(sources[0], encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", TYPST_WATCHER, str(typ), str(typ_pdf), str(ROOT / "fonts")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    issue, pdf = folder / "issue.yaml", folder / "issue.pdf"
    shutil.copy(SAMPLE, issue)
    builder = WarmBuilder(issue, "jianbao", pdf, own_process=True)
    stop = threading.Event()
    thread = threading.Thread(target=watch_loop, args=(builder, lambda _o: None, stop), daemon=True)
    thread.start()
    try:
        new_file(pdf, None, time.perf_counter(), 60)
        new_file(typ_pdf, None, time.perf_counter(), 60)
        time.sleep(1.0)      # both watchers settle after their first build
        edit = OneParagraphEdit(issue)
        ours, theirs = [], []
        for k in range(runs):
            before = stamp(pdf)
            start = time.perf_counter()
            edit()
            ours.append(new_file(pdf, before, start))
            time.sleep(0.3)
            before = stamp(typ_pdf)
            start = time.perf_counter()
            typ.write_text(sources[k + 1], encoding="utf-8")
            theirs.append(new_file(typ_pdf, before, start))
            time.sleep(0.3)
    finally:
        stop.set()
        child.terminate()
        child.wait(timeout=10)
        thread.join(timeout=5)
    return {"ours": statistics.median(ours), "typst": statistics.median(theirs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pages", type=int, default=200, help="the long issue of the Typst pairing (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        r = rebuild(Path(tmp), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        known = rebuild(Path(tmp), args.runs, known=True)
    with tempfile.TemporaryDirectory() as tmp:
        latency = save_to_pdf(Path(tmp), args.runs)
    stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in r["stages"].items())
    print(f"- watch: first build {r['first']:.2f} s ({r['pages']} pages); after a one-paragraph edit "
          f"{r['median'] * 1000:.0f} ms median, {r['best'] * 1000:.0f} ms best of {args.runs} "
          f"(1 paragraph set, {r['reused']} reused, {r['pages_reused']} of {r['pages']} pages' content "
          f"streams reused; target ≤ 150 ms); CPU time {r['cpu'] * 1000:.0f} ms median")
    print(f"- watch, median per stage (ms): {stages}, write {r['write'] * 1000:.0f}")
    print(f"- watch, the same edits with characters the paragraph already shows (no face gains a glyph): "
          f"{known['median'] * 1000:.0f} ms median, CPU time {known['cpu'] * 1000:.0f} ms median, "
          f"{known['pages_reused']} of {known['pages']} pages' content streams reused")
    print(f"- watch, save → new PDF on disk (watchfiles notice included): {latency * 1000:.0f} ms median")
    with tempfile.TemporaryDirectory() as tmp:
        page = save_to_page(Path(tmp), args.runs)
    print(f"- watch, save → the preview page showing the changed pages' new images (headless chromium): "
          + (f"{page * 1000:.0f} ms median" if isinstance(page, float) else f"skipped ({page})"))
    try:
        import typst  # noqa: F401
    except ImportError:
        print("- beside Typst: skipped (PyPI typst is not installed: `pip install -e '.[bench]'`)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        inc = incremental_beside_typst(Path(tmp), args.runs)
    long = None
    if args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            long = incremental_beside_typst(Path(tmp), args.runs, long_issue(Path(tmp), args.pages))
        with tempfile.TemporaryDirectory() as tmp:
            long_known = incremental_beside_typst(Path(tmp), args.runs, long_issue(Path(tmp), args.pages), True)
    with tempfile.TemporaryDirectory() as tmp:
        typed = incremental_beside_typst(Path(tmp), args.runs, known=True, typing=True)
    long_typed = None
    if args.pages:
        with tempfile.TemporaryDirectory() as tmp:
            long_typed = incremental_beside_typst(Path(tmp), args.runs, long_issue(Path(tmp), args.pages), True, True)
    with tempfile.TemporaryDirectory() as tmp:
        save = save_beside_typst(Path(tmp), args.runs)
    print(f"- watch beside Typst, warm rebuild after a one-paragraph edit, CPU median of {args.runs} paired: "
          f"ours {inc['ours'] * 1000:.0f} ms, Typst's incremental compile {inc['typst'] * 1000:.0f} ms "
          f"= {inc['ours'] / inc['typst']:.2f} × (target ≤ 1)")
    if long is not None:
        print(f"- watch beside Typst, the same at ~{args.pages} pp ({long['pages']} pages ours): "
              f"ours {long['ours'] * 1000:.0f} ms, Typst's incremental compile {long['typst'] * 1000:.0f} ms "
              f"= {long['ours'] / long['typst']:.2f} × (target ≤ 1)")
        print(f"- watch beside Typst, the same at ~{args.pages} pp with characters the paragraph already shows: "
              f"ours {long_known['ours'] * 1000:.0f} ms, Typst's incremental compile {long_known['typst'] * 1000:.0f} ms "
              f"= {long_known['ours'] / long_known['typst']:.2f} × (target ≤ 1)")
    print(f"- watch beside Typst, typing on (each edit one more character of the paragraph's own), CPU median "
          f"of {args.runs} paired: ours {typed['ours'] * 1000:.0f} ms, Typst's incremental compile "
          f"{typed['typst'] * 1000:.0f} ms = {typed['ours'] / typed['typst']:.2f} × (target ≤ 1)")
    if long_typed is not None:
        print(f"- watch beside Typst, typing on at ~{args.pages} pp: ours {long_typed['ours'] * 1000:.0f} ms, "
              f"Typst's incremental compile {long_typed['typst'] * 1000:.0f} ms "
              f"= {long_typed['ours'] / long_typed['typst']:.2f} × (target ≤ 1)")
    print(f"- watch beside Typst, save → new PDF on disk, median of {args.runs} interleaved: "
          f"ours {save['ours'] * 1000:.0f} ms, Typst's watcher {save['typst'] * 1000:.0f} ms "
          f"= {save['ours'] / save['typst']:.2f} × (target ≤ 0.7)")


if __name__ == "__main__":
    main()
