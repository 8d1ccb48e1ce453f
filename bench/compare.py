"""Before and after beside Typst, in one run: a cold `bulletin-pdf build` of the sample by an
earlier revision of this tree, by the tree as it is, and Typst's build of the same issue,
interleaved round by round so that the load on a shared machine hits all three alike.

    python bench/compare.py --before 17bcd4c [--rounds 9] [--save]

The earlier revision is taken with `git archive` into a temporary folder and run through the
console entry its own pyproject.toml declares (bench/run.py's `console_script`); both use this
interpreter and its packages. Prints the median wall and CPU time and the peak RSS of each,
their ratios to Typst, and whether the two PDFs are byte-identical; `--save` appends that to
bench/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402


def checkout(rev: str, into: Path) -> Path:
    """`rev`'s src/ and pyproject.toml under `into`."""
    archive = into / "rev.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev, "src", "pyproject.toml"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree"


def script_for(tree: Path, into: Path) -> str:
    """A console script for `tree`'s declared entry point, with `tree/src` first on the path."""
    import tomllib

    entry = tomllib.loads((tree / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]["bulletin-pdf"]
    module, func = entry.split(":")
    script = into / f"bulletin-pdf-{tree.name}"
    script.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(tree / 'src')!r})\n"
                      f"from {module} import {func}\nif __name__ == '__main__':\n    sys.exit({func}())\n",
                      encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def main() -> None:
    parser = argparse.ArgumentParser(description="Cold sample build: an earlier revision, this tree, Typst.")
    parser.add_argument("--before", required=True, help="the earlier revision (a commit, branch or tag)")
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds after one warm-up each")
    parser.add_argument("--save", action="store_true", help="append the figures to bench/results.md")
    args = parser.parse_args()
    try:
        import typst  # noqa: F401
    except ImportError:
        raise SystemExit("bench: Typst is not installed; run `make bench` (or pip install -e '.[bench]')") from None
    bench.SPAWN = bench.Spawner()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as name:
        tmp = Path(name)
        old_tree = checkout(args.before, tmp)
        new_tree = tmp / "current"
        new_tree.mkdir()
        (new_tree / "pyproject.toml").symlink_to(ROOT / "pyproject.toml")
        (new_tree / "src").symlink_to(ROOT / "src")
        for tree in (old_tree, new_tree):      # what `make setup` does for each tree
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "src")], check=True)
            if (tree / "src" / "bulletin_pdf" / "code_cache.py").exists():
                subprocess.run([sys.executable, "-c", "from bulletin_pdf.code_cache import main; main()"],
                               env={**os.environ, "PYTHONPATH": str(tree / "src")}, check=True)
        typ = bench.make_typst(bench.SAMPLE, tmp / "sample.typ")
        sides = {
            "before": [script_for(old_tree, tmp), "build", str(bench.SAMPLE), "-o", str(tmp / "before.pdf")],
            "after": [script_for(new_tree, tmp), "build", str(bench.SAMPLE), "-o", str(tmp / "after.pdf")],
            "Typst": [sys.executable, "-c", bench.TYPST_CHILD, str(typ), str(tmp / "typst.pdf"), str(ROOT / "fonts")],
        }
        for argv in sides.values():
            bench.run_child(argv)
        runs: dict[str, list] = {side: [] for side in sides}
        for _ in range(args.rounds):
            for side, argv in sides.items():
                runs[side].append(bench.run_child(argv))
        same = (tmp / "before.pdf").read_bytes() == (tmp / "after.pdf").read_bytes()
    bench.SPAWN.close()
    wall = {s: statistics.median(r.wall for r in v) for s, v in runs.items()}
    cpu = {s: statistics.median(r.cpu for r in v) for s, v in runs.items()}
    peak = {s: max(r.peak for r in v) for s, v in runs.items()}
    now = dt.datetime.now(dt.timezone.utc)
    lines = [f"## {now:%Y-%m-%d %H:%M} UTC — before ({args.before}) / after ({bench.versions()}) / Typst, "
             f"cold sample build, {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f} at the "
             f"start, {os.getloadavg()[0]:.1f} at the end; median of {args.rounds} interleaved rounds "
             "(bench/compare.py)", "",
             "| | wall s | CPU s | peak MiB | wall / Typst | CPU / Typst |", "|---|---|---|---|---|---|"]
    for side in sides:
        lines.append(f"| {side} | {wall[side]:.2f} | {cpu[side]:.2f} | {peak[side]:.0f} | "
                     f"{wall[side] / wall['Typst']:.2f} | {cpu[side] / cpu['Typst']:.2f} |")
    lines += ["", f"- before and after PDFs byte-identical: {'yes' if same else 'NO'}", ""]
    print("\n".join(lines))
    if args.save:
        with open(ROOT / "bench" / "results.md", "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
