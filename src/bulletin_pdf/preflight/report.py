"""The preflight report for people (rich) and for machines (JSON)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from ..errors import one_line
from ..messages import Lang, Message, render
from .model import Report


def to_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1, default=list)


def print_report(report: Report, console: Console, limit: int = 20, lang: Lang = "en") -> None:
    """The report for people, in `lang` (the JSON form stays English: it is for machines)."""
    def say(id: str, **params) -> str:
        return render(Message(id, **params), lang)

    f = report.facts
    pdfx = f.get("pdfx", {})
    fonts = f.get("fonts", [])
    typo = f.get("typography", {})
    sizes = " / ".join(f"{w}×{h} pt" for w, h in f.get("page_sizes_pt", []))
    console.print(Text(one_line(say("pre.head", file=report.file, pages=report.pages, sizes=sizes,
                                    a4=" (A4)" if f.get("a4") else "")), style="bold"))
    console.print(Text(say("pre.colour", spaces=tuple(f.get("colour_spaces", {})) or say("pre.none"))))
    ofd = f.get("format") == "OFD"      # an OFD's text codes are its text; it has no PDF/X keys
    console.print(Text(say("pre.fonts", n=len(fonts), embedded=sum(x["embedded"] for x in fonts),
                           subset=sum(x["subset"] for x in fonts))
                       + ("" if ofd else say("pre.tounicode", n=sum(x["to_unicode"] for x in fonts)))
                       + say("pre.notdef", n=sum(x["notdef"] for x in fonts))))
    if not ofd:
        console.print(Text(say("pre.pdfx", version=pdfx.get("GTS_PDFXVersion") or say("pre.no"))
                           + (say("pre.intent", intent=pdfx["output_intent"]) if pdfx.get("output_intent") else "")))
    for im in f.get("images", []):
        console.print(Text(one_line(say("pre.image", name=im["name"], page=im["page"], colour=im["colour"],
                                        w=im["pixels"][0], h=im["pixels"][1], mw=im["placed_mm"][0],
                                        mh=im["placed_mm"][1], ppi=im["ppi"]))))
    if typo.get("lines"):
        console.print(Text(say("pre.text", lines=typo["lines"], size=typo["body_size"],
                               kinsoku=f.get("kinsoku_violations", 0), inner=typo["inner_lines"],
                               short=typo["lines_short_gt_1pt"], orphans=typo["orphans"])))
    for label, items, colour in (("label.fault", report.faults, "red"), ("label.warning", report.warnings, "yellow")):
        for item in items[:limit]:
            what = render(item.message, lang)
            if item.page:
                what = say("pre.page", page=item.page, what=what)
            console.print(Text(say(label), style=colour) + Text(one_line(f" [{item.code}] {what}")))
        if len(items) > limit:
            console.print(Text(say("pre.more", n=len(items) - limit), style=colour))
    verdict = (Text(say("pre.ok"), style="bold green") if not report.faults
               else Text(say("pre.faults", n=len(report.faults)), style="bold red"))
    verdict_line = say("pre.verdict", verdict="\0", n=len(report.warnings))
    head, _, tail = verdict_line.partition("\0")
    console.print(Text(head) + verdict + Text(tail))
