"""Benchmark: the line engine on the sample's text, and whole cold builds beside Typst.

Measured here, never in tests (timings are not assertions). Run: `make bench` (it installs the
`bench` extra, PyPI's `typst`); the numbers are appended to bench/results.md with the date,
the machine and the versions. `python bench/run.py --help` for fewer runs or other sizes.

    line engine  — every body paragraph of content/2025-09.yaml through `set_paragraph`
                   (prepare → linebreak → justify), fonts already loaded; best of 7 runs;
                   and every call the composer makes for the whole issue (best of 5)
                   (target of issue #4: the whole sample under 150 ms)
    vs Typst     — issue #9: `bulletin-pdf build` and Typst setting the same issue in the same
                   run: the sample, and issues of about 10, 50, 100 and 200 pages made from the
                   sample's articles with text that differs copy to copy (bench/issues.py),
                   Typst's source generated from the same YAML and layout (bench/typst_source.py)
                   with the same font files. Both sides are cold processes as an editor runs them:
                   our command-line tool, and a fresh `python -c` calling `typst.compile` (the
                   PyPI package ships no `typst` executable). One warm-up each, then N paired
                   runs, ours and Typst's alternating so that load on the machine hits both; the
                   median wall time, and the peak RSS of each child from os.wait4's ru_maxrss.
                   Targets of issue 20 (which replaced issue 9's 0.5 × and 2 ×): sample ≤ 0.8 ×
                   Typst and ≤ 100 MiB; ~200 pages ≤ 1.5 × Typst; time per page linear (at 200
                   pages ≤ 1.1 × that at 10 pages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bulletin_pdf.compose.typeset import Setter  # noqa: E402
from bulletin_pdf.input.load import load_issue, load_layout  # noqa: E402
from bulletin_pdf.input.places import find_layout  # noqa: E402
from bulletin_pdf.pipeline import load_fonts  # noqa: E402
from issues import unit_count, write_issue  # noqa: E402
from typst_source import typst_source  # noqa: E402

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



# ----------------------------------------------------------------------------- beside Typst

TYPST_CHILD = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
               "font_paths=[sys.argv[3]], ignore_system_fonts=True)")


@dataclass
class Run:
    wall: float       # seconds, from spawning the process to reaping it
    cpu: float        # seconds of CPU, user + system (less disturbed by other load than wall)
    peak: float       # MiB, the child's maximum resident set size


# A child's ru_maxrss counts the memory of the process it was forked from (Linux records the
# old address space's high-water mark at exec), and this process holds fonts and Typst's
# library. So children are forked by a small spawner started before anything heavy is loaded:
# a child's peak is then its own (a bare Python, about 10 MiB, is the floor).
SPAWNER = r"""
import json, os, sys, time
for line in sys.stdin:
    errors, argv = json.loads(line)
    fd = os.open(errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(fd, 2)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(fd)
    print(json.dumps([os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime,
                      usage.ru_maxrss]), flush=True)
"""


class Spawner:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-S", "-c", SPAWNER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def run(self, argv: list[str]) -> Run:
        """One cold process: wall time, CPU time and peak RSS of that process alone."""
        with tempfile.NamedTemporaryFile(prefix="bench-err-") as errors:
            self.proc.stdin.write(json.dumps([errors.name, argv]) + "\n")
            self.proc.stdin.flush()
            code, wall, cpu, peak = json.loads(self.proc.stdout.readline())
            if code != 0:
                raise SystemExit(f"bench: {' '.join(argv)} failed ({code}):\n"
                                 + Path(errors.name).read_text("utf-8", "replace")[-2000:])
        return Run(wall, cpu, peak / 1024)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


SPAWN: Spawner | None = None
#: The command timed as ours (`--exe`), and the one timed beside it as a baseline (`--baseline`)
EXE = {"ours": str(Path(sys.executable).with_name("bulletin-pdf")), "baseline": ""}


def run_child(argv: list[str]) -> Run:
    assert SPAWN is not None, "start the spawner first (main)"
    return SPAWN.run(argv)


@dataclass
class Case:
    name: str
    yaml: Path
    typ: Path
    ours: list[Run]
    typst: list[Run]
    pages_ours: int = 0
    pages_typst: int = 0
    baseline: list[Run] = field(default_factory=list)

    def median(self, side: str) -> float:
        return statistics.median(r.wall for r in getattr(self, side))

    def cpu(self, side: str) -> float:
        return statistics.median(r.cpu for r in getattr(self, side))

    def peak(self, side: str) -> float:
        return max(r.peak for r in getattr(self, side))

    def pages(self, side: str) -> int:
        return self.pages_ours if side == "ours" else self.pages_typst

    def per_page(self, side: str) -> float:
        return self.median(side) / self.pages(side)


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def make_typst(yaml_path: Path, typ: Path) -> Path:
    layout = load_layout(find_layout("jianbao"))
    typ.write_text(typst_source(load_issue(yaml_path), layout, ROOT / "fonts"), encoding="utf-8")
    return typ


def console_script() -> str:
    """`bulletin-pdf` as pip installs it, for the entry point this tree's pyproject.toml
    declares: the installed script of an editable install names the entry point of the day it
    was installed, which may no longer be the one the code has (issue 20 moved it to
    entry.main). Written once, beside the bench's other files."""
    import tomllib

    entry = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]["bulletin-pdf"]
    module, func = entry.split(":")
    script = Path(tempfile.gettempdir()) / f"bench-bulletin-pdf-{os.getpid()}"
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom {module} import {func}\n"
                      f"if __name__ == '__main__':\n    sys.exit({func}())\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def measure(case: Case, runs: int) -> Case:
    ours_pdf, typst_pdf = case.yaml.with_suffix(".pdf"), case.typ.with_suffix(".typst.pdf")
    ours = [EXE["ours"], "build", str(case.yaml), "-o", str(ours_pdf)]
    theirs = [sys.executable, "-c", TYPST_CHILD, str(case.typ), str(typst_pdf), str(ROOT / "fonts")]
    base = [EXE["baseline"], "build", str(case.yaml), "-o", str(case.yaml.with_suffix(".baseline.pdf"))]
    run_child(ours), run_child(theirs)                 # warm-up: page cache, .pyc, font cache
    if EXE["baseline"]:
        run_child(base)
    for _ in range(runs):
        case.ours.append(run_child(ours))
        case.typst.append(run_child(theirs))
        if EXE["baseline"]:
            case.baseline.append(run_child(base))
    case.pages_ours, case.pages_typst = page_count(ours_pdf), page_count(typst_pdf)
    print(f"  {case.name}: ours {case.median('ours'):.2f} s ({case.pages_ours} pp), "
          f"Typst {case.median('typst'):.2f} s ({case.pages_typst} pp)", flush=True)
    return case


def beside_typst(runs: int, sizes: list[int], keep: Path | None = None) -> list[Case]:
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("bench: Typst is not installed; run `make bench` "
                         "(or .venv/bin/pip install -e '.[bench]')") from None
    cases = []
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        tmp = Path(name)
        if keep is not None:            # issue files, Typst sources and both PDFs, to look at
            tmp = keep
            tmp.mkdir(parents=True, exist_ok=True)
        sample_yaml = tmp / "sample.yaml"
        sample_yaml.write_bytes(SAMPLE.read_bytes())
        sample = Case("sample", sample_yaml, make_typst(SAMPLE, tmp / "sample.typ"), [], [])
        cases.append(measure(sample, runs))
        # units (articles, or a column's short items) per page as we set them, the first page
        # (masthead and contents) left out: from the sample, then from each generated issue
        units, pages_set = unit_count(SAMPLE), sample.pages_ours
        for pages in sizes:
            units = max(1, round((pages - 1) * units / max(1, pages_set - 1)))
            yaml_path = write_issue(SAMPLE, units, f"bench-{pages}", tmp / f"p{pages}.yaml")
            case = Case(f"~{pages} pp", yaml_path, make_typst(yaml_path, tmp / f"p{pages}.typ"), [], [])
            cases.append(measure(case, runs))
            pages_set = case.pages_ours
    return cases


# ----------------------------------------------------------------------------- each command


def import_cli_ms() -> float:
    """`python -X importtime -c 'import bulletin_pdf.cli'`: the cumulative µs of the last line."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", "import bulletin_pdf.cli"],
                          capture_output=True, text=True, check=True)
    last = [line for line in proc.stderr.splitlines() if line.rstrip().endswith("| bulletin_pdf.cli")][-1]
    return int(last.split("|")[1]) / 1000


def commands(runs: int) -> list[str]:
    """Each command an editor runs besides `build`, cold: wall and CPU, median of `runs` after a
    warm-up (which modules each may import is a test: tests/test_imports.py)."""
    import docx

    exe = EXE["ours"]
    with tempfile.TemporaryDirectory(prefix="bench-cmd-") as name:
        tmp = Path(name)
        pdf = tmp / "sample.pdf"
        run_child([exe, "build", str(SAMPLE), "-o", str(pdf)])
        article = docx.Document()
        article.add_paragraph("上城区：打好组合拳").alignment = 1            # centred: the title
        article.add_paragraph("今年以来，上城区人大常委会牢牢把握高质量发展这个首要任务。")
        article.add_paragraph("（上城区人大常委会办公室）")
        article.save(tmp / "article.docx")
        argvs = {
            "--help": lambda i: [exe, "--help"],
            "text": lambda i: [exe, "text", str(SAMPLE)],
            "new": lambda i: [exe, "new", str(SAMPLE), "-o", str(tmp / f"next{i}.yaml"), "--date", "2025-10-30"],
            "docx": lambda i: [exe, "docx", str(tmp / "article.docx")],
            "check": lambda i: [exe, "check", str(pdf)],
        }
        parts = []
        for label, argv in argvs.items():
            run_child(argv(-1))
            got = [run_child(argv(i)) for i in range(runs)]
            parts.append(f"`{label}` {statistics.median(r.wall for r in got):.2f} s "
                         f"(CPU {statistics.median(r.cpu for r in got):.2f} s, {max(r.peak for r in got):.0f} MiB)")
        imports = statistics.median(import_cli_ms() for _ in range(runs))
    return [f"- commands, cold, median of {runs}: " + ", ".join(parts)
            + f"; `import bulletin_pdf.cli` {imports:.0f} ms (-X importtime)"]


#: What a `build` imports before it reads the issue (its stages import the rest where they
#: run: pipeline.py): the console entry and the build command (no typer, rich or pydantic since
#: issue 20), PyYAML (load), uharfbuzz (fonts), the PDF writer, and the engine itself.
BUILD_IMPORTS = ("bulletin_pdf.entry, bulletin_pdf.build_command, bulletin_pdf.pipeline, bulletin_pdf.compose, "
                 "bulletin_pdf.writers.pdf.write, bulletin_pdf.editor.proofread")


def start_up_floor(runs: int, typst_sample: float) -> list[str]:
    """What no build can go below, cold: starting Python; starting it and importing the two
    libraries every build of ours needs (PyYAML to read the issue, uharfbuzz to shape it);
    and importing what a build imports — beside Typst's whole build of the sample in the same
    run (issue 20's sample target is 0.8 × Typst's)."""
    parts = []
    for label, code in (("`python -c pass`", "pass"),
                        ("importing PyYAML, uharfbuzz and zlib (what any build of ours reads and shapes with)",
                         "import yaml, uharfbuzz, zlib"),
                        ("importing what `build` imports", f"import {BUILD_IMPORTS}")):
        argv = [sys.executable, "-c", code]
        run_child(argv)
        wall = statistics.median(run_child(argv).wall for _ in range(runs))
        parts.append(f"{label} {wall:.2f} s ({wall / typst_sample:.2f} × Typst's sample build)")
    return [f"- start-up floor, cold, median of {runs}: " + "; ".join(parts)]


def versions() -> str:
    from importlib.metadata import version

    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
        commit = f"git {commit}{'+changes' if dirty else ''}"
    except (OSError, subprocess.CalledProcessError):
        commit = "no git"
    return (f"Python {platform.python_version()}, Typst {version('typst')} (PyPI typst), "
            f"bulletin-pdf {version('bulletin-pdf')} ({commit})")


def typst_table(cases: list[Case], runs: int) -> list[str]:
    lines = [
        f"- beside Typst, cold processes, median of {runs} paired runs after a warm-up "
        "(peak RSS: the largest of the runs; CPU: user + system, median):",
        "",
        "| issue | pages ours / Typst | ours s | Typst s | ours / Typst | ours ms/page | Typst ms/page "
        "| ours peak MiB | Typst peak MiB | ours CPU s | Typst CPU s | CPU ours / Typst |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in cases:
        o, t = c.median("ours"), c.median("typst")
        lines.append(f"| {c.name} | {c.pages_ours} / {c.pages_typst} | {o:.2f} | {t:.2f} | {o / t:.2f} "
                     f"| {c.per_page('ours') * 1000:.0f} | {c.per_page('typst') * 1000:.0f} "
                     f"| {c.peak('ours'):.0f} | {c.peak('typst'):.0f} "
                     f"| {c.cpu('ours'):.2f} | {c.cpu('typst'):.2f} | {c.cpu('ours') / c.cpu('typst'):.2f} |")
    if any(c.baseline for c in cases):
        lines += ["", f"- baseline `{EXE['baseline']}` in the same runs (each run: ours, Typst, baseline):", ""]
        lines += ["| issue | baseline s | baseline / Typst | ours / baseline | baseline CPU s "
                  "| CPU baseline / Typst | CPU ours / baseline | baseline peak MiB |",
                  "|---|---|---|---|---|---|---|---|"]
        for c in cases:
            b = c.median("baseline")
            lines.append(f"| {c.name} | {b:.2f} | {b / c.median('typst'):.2f} | {c.median('ours') / b:.2f} "
                         f"| {c.cpu('baseline'):.2f} | {c.cpu('baseline') / c.cpu('typst'):.2f} "
                         f"| {c.cpu('ours') / c.cpu('baseline'):.2f} | {c.peak('baseline'):.0f} |")
    sample, generated = cases[0], cases[1:]
    lines.append("")
    lines.append(f"- sample: ours / Typst {sample.median('ours') / sample.median('typst'):.2f} "
                 f"(target ≤ 0.8), peak {sample.peak('ours'):.0f} MiB (target ≤ 100)")
    if len(generated) >= 2:
        small, big = generated[0], generated[-1]
        per = {side: big.per_page(side) / small.per_page(side) for side in ("ours", "typst")}
        # the cost of one more page, start-up and fixed work taken out
        marginal = {side: (big.median(side) - small.median(side)) / (big.pages(side) - small.pages(side))
                    for side in ("ours", "typst")}
        marginal_cpu = {side: (big.cpu(side) - small.cpu(side)) / (big.pages(side) - small.pages(side))
                        for side in ("ours", "typst")}
        lines.append(f"- {big.name}: ours / Typst {big.median('ours') / big.median('typst'):.2f} (target ≤ 1.5); "
                     f"time per page at {big.name} over that at {small.name}: ours {per['ours']:.2f}, "
                     f"Typst {per['typst']:.2f} (target ≤ 1.1); each page beyond {small.name}: "
                     f"ours {marginal['ours'] * 1000:.0f} ms (CPU {marginal_cpu['ours'] * 1000:.0f} ms), "
                     f"Typst {marginal['typst'] * 1000:.0f} ms (CPU {marginal_cpu['typst'] * 1000:.1f} ms)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark bulletin-pdf (and Typst beside it).")
    parser.add_argument("--runs", type=int, default=5, help="paired runs per issue after the warm-up (≥ 5 for results.md)")
    parser.add_argument("--sizes", default="10,50,100,200", help="approximate page counts of the generated issues")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the issue files, Typst sources and PDFs of both sides in DIR")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to results.md")
    parser.add_argument("--exe", help="the bulletin-pdf command to time (default: the one beside this Python)")
    parser.add_argument("--baseline", metavar="EXE",
                        help="another bulletin-pdf command (an older version, say) timed in the same runs")
    parser.add_argument("--no-commands", action="store_true",
                        help="leave out the other commands and the start-up floor (builds beside Typst only)")
    args = parser.parse_args()
    EXE["ours"] = args.exe or console_script()
    EXE["baseline"] = args.baseline or ""
    sizes = [int(s) for s in args.sizes.split(",") if s]

    global SPAWN
    SPAWN = Spawner()
    load = os.getloadavg()
    seconds, paragraphs, chars = line_engine()
    total, calls = line_engine_in_compose()
    print("beside Typst:", flush=True)
    cases = beside_typst(args.runs, sizes, args.keep)
    command_lines = floor_lines = []
    if not args.no_commands:
        print("each command:", flush=True)
        command_lines = commands(args.runs)
        floor_lines = start_up_floor(args.runs, cases[0].median("typst"))
    sample = cases[0]
    now = dt.datetime.now(dt.timezone.utc)
    lines = [
        f"## {now:%Y-%m-%d %H:%M} UTC — {platform.machine()}, {os.cpu_count()} cores "
        f"(load average {load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end), {versions()}",
        f"- line engine: {seconds * 1000:.1f} ms for {paragraphs} paragraphs ({chars} characters) "
        f"= {paragraphs / seconds:.0f} paragraphs/s, {chars / seconds / 1000:.0f}k characters/s",
        f"- line engine, whole sample inside compose: {total * 1000:.1f} ms for {calls} calls "
        f"(paragraphs, titles, contents, bylines, masthead, 版记, folios; target < 150 ms)",
        f"- cold build: {sample.median('ours'):.2f} s, peak RSS {sample.peak('ours'):.0f} MiB, "
        f"{sample.pages_ours} pages",
        *typst_table(cases, args.runs),
        "",
        *command_lines,
        *floor_lines,
        "",
    ]
    SPAWN.close()
    print("\n".join(lines))
    if not args.no_save:
        with open(ROOT / "bench" / "results.md", "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
