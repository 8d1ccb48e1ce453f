"""The preflight's findings as the print shop reads them, for the preflight tests: the words
of each finding in a language, and the report for people as printed."""

from __future__ import annotations

from rich.console import Console

from bulletin_pdf.messages import render
from bulletin_pdf.preflight.report import print_report


def said(report, lang, *codes):
    """(severity, code, words) of each finding (of `codes` only, when given), the words as the
    report for people prints them: `page N: words`, or the words."""
    out = []
    for f in report.findings:
        if codes and f.code not in codes:
            continue
        words = render(f.message, lang)
        if f.page:
            words = {"en": f"page {f.page}: {words}", "zh": f"第 {f.page} 页：{words}"}[lang]
        out.append((f.severity, f.code, words))
    return out


def printed(report, lang, **options):
    """The report for people as `check` prints it, without colour (`options`: print_report's)."""
    console = Console(record=True, width=2000, color_system=None)
    print_report(report, console, lang=lang, **options)
    return console.export_text()
