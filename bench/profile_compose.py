"""Where an in-process build spends its time: load, fonts, compose, write, for the sample or a
generated issue of N copies of the sample's columns (text varied copy to copy, so no cache
short-circuits the work). A developer's tool beside `bench/run.py`, never a test: it prints
CPU times (best of `--repeat`, after one warm-up) and, with `--profile`, the cProfile top.

    .venv/bin/python bench/profile_compose.py                  # the sample
    .venv/bin/python bench/profile_compose.py --copies 10      # about 100 pages
    .venv/bin/python bench/profile_compose.py --copies 10 --profile compose
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_pdf.compose import compose  # noqa: E402
from bulletin_pdf.input.load import load_issue, load_layout  # noqa: E402
from bulletin_pdf.input.places import find_layout  # noqa: E402
from bulletin_pdf.pipeline import load_fonts  # noqa: E402
from bulletin_pdf.writers.pdf.write import write_pdf  # noqa: E402

SAMPLE = ROOT / "content" / "2025-09.yaml"


def _vary(text: str, k: int) -> str:
    """Copy k of a paragraph: its sentences rotated by k, its numbers plus k (other widths,
    other breaks, other glyphs than copy 0)."""
    if k == 0:
        return text
    parts = re.split(r"(?<=[。；])", text)
    parts = [p for p in parts if p]
    head = parts[0] if parts[0].startswith("**") else None     # a run-in heading stays first
    body = parts[1:] if head else parts
    if len(body) > 1:
        r = k % len(body)
        body = body[r:] + body[:r]
    text = (head or "") + "".join(body)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + k), text)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def generated_issue(copies: int, folder: Path) -> Path:
    """The sample with its columns repeated `copies` times, each copy's text varied."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    columns = []
    for k in range(copies):
        for column in data["columns"]:
            col = {"name": column["name"] if k == 0 else f"{column['name']}{k + 1}"}
            if "articles" in column:
                col["articles"] = [dict(a, body=[_vary(p, k) for p in a["body"]]) for a in column["articles"]]
            if "items" in column:
                col["items"] = [dict(i, text=_vary(i["text"], k)) for i in column["items"]]
            columns.append(col)
    data["columns"] = columns
    path = folder / f"issue-x{copies}.yaml"
    # written without anchors: the copies share dictionaries (a column's `items`, say), which
    # PyYAML would write once and alias, and an issue file refuses aliases
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def best(fn, repeat: int) -> tuple[float, object]:
    result = fn()                      # warm-up (font caches, imports)
    times = []
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1, help="copies of the sample's columns (1: the sample)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", choices=("compose", "write", "both"), help="cProfile this stage")
    ap.add_argument("--top", type=int, default=35)
    ap.add_argument("--sort", default="tottime")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = SAMPLE if args.copies == 1 else generated_issue(args.copies, Path(tmp))
        t_load, issue = best(lambda: load_issue(path), args.repeat)
        layout = load_layout(find_layout("jianbao", path))
        t_fonts, fonts = best(lambda: load_fonts(layout), 1)
        t_compose, doc = best(lambda: compose(issue, layout, fonts), args.repeat)
        t_write, pdf = best(lambda: write_pdf(doc, fonts, pdfx=layout.output.pdfx), args.repeat)
        pages = len(doc.pages)
        print(f"{path.name}: {pages} pages, {len(pdf) // 1024} KB; CPU s, best of {args.repeat}:")
        print(f"  load {t_load:.3f}  fonts {t_fonts:.3f}  compose {t_compose:.3f}  write {t_write:.3f}  "
              f"compose+write per page {1000 * (t_compose + t_write) / pages:.1f} ms")
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            if args.profile in ("compose", "both"):
                doc = compose(issue, layout, fonts)
            if args.profile in ("write", "both"):
                write_pdf(doc, fonts, pdfx=layout.output.pdfx)
            prof.disable()
            pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
