"""The preflight report for people (rich) and for machines (JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape

from ..errors import one_line
from .model import Report


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1, default=list)


def print_report(report: Report, console: Console, limit: int = 20) -> None:
    f = report.facts
    pdfx = f.get("pdfx", {})
    fonts = f.get("fonts", [])
    typo = f.get("typography", {})
    console.print(f"[bold]{escape(one_line(report.file))}[/]: {report.pages} pages, "
                  f"{' / '.join(f'{w}×{h} pt' for w, h in f.get('page_sizes_pt', []))}"
                  f"{' (A4)' if f.get('a4') else ''}", markup=True)
    console.print(f"colour: {', '.join(f.get('colour_spaces', {})) or 'none'}")
    ofd = f.get("format") == "OFD"      # an OFD's text codes are its text; it has no PDF/X keys
    console.print(f"fonts: {len(fonts)}, embedded {sum(x['embedded'] for x in fonts)}, "
                  f"subset {sum(x['subset'] for x in fonts)}"
                  + ("" if ofd else f", ToUnicode {sum(x['to_unicode'] for x in fonts)}")
                  + f"; .notdef glyphs {sum(x['notdef'] for x in fonts)}")
    if not ofd:
        console.print(f"PDF/X: {pdfx.get('GTS_PDFXVersion') or 'no'}"
                      + (f", output intent {pdfx.get('output_intent')}" if pdfx.get("output_intent") else ""))
    for im in f.get("images", []):
        console.print(escape(f"image {im['name']} on page {im['page']}: {im['colour']}, "
                             f"{im['pixels'][0]}×{im['pixels'][1]} px at {im['placed_mm'][0]}×{im['placed_mm'][1]} mm, "
                             f"{im['ppi']} ppi"))
    if typo.get("lines"):
        console.print(f"text: {typo['lines']} lines, body {typo['body_size']} pt; kinsoku "
                      f"{f.get('kinsoku_violations', 0)}; inner lines {typo['inner_lines']}, short > 1 pt "
                      f"{typo['lines_short_gt_1pt']}; 孤字 {typo['orphans']}")
    for severity, items, colour in (("fault", report.faults, "red"), ("warning", report.warnings, "yellow")):
        for item in items[:limit]:
            where = f"page {item.page}: " if item.page else ""
            console.print(f"[{colour}]{severity}[/] {escape(f'[{item.code}]')} {escape(one_line(where + item.message))}",
                          markup=True)
        if len(items) > limit:
            console.print(f"[{colour}]… and {len(items) - limit} more {severity}s[/]", markup=True)
    verdict = "[bold green]OK[/]: nothing a print shop would reject" if not report.faults else \
        f"[bold red]{len(report.faults)} fault(s)[/] a print shop would reject"
    console.print(f"{verdict}; {len(report.warnings)} warning(s)", markup=True)
