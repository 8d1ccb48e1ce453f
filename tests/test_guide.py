"""The README's guide, run as written in an empty folder: `new`, `docx --into` with Word files
made from the sample's articles, `check`, `watch` (until it has built, then Ctrl-C), `build`, `check` of the PDF — every command exits 0,
and the issue it makes holds the articles as the sample prints them."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import docx
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from bulletin_pdf.input.load import load_issue

from .conftest import ROOT, SAMPLE
from .pdfread import read_lines


def guide_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- guide:[^>]*-->\n```sh\n(.*?)```", readme, re.S)
    assert block, "the README's guide block is missing"
    return [ln for ln in block.group(1).splitlines() if ln.strip()]


def word_file(path: Path, title, byline: str | None, paragraphs: list[str]) -> None:
    """A Word file as an editor gets it: centred title lines, bold leads, the byline in （…），
    and straight quotes where the sample has “”."""
    d = docx.Document()
    for line in ([title] if isinstance(title, str) else title):
        d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        p = d.add_paragraph("　　")
        for k, part in enumerate(re.split(r"\*\*", text.replace("“", '"').replace("”", '"'))):
            if part:
                p.add_run(part).bold = k % 2 == 1
    if byline:
        d.add_paragraph(f"（{byline}）").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))


def watch_until_built(command: str, work: Path, env: dict) -> None:
    """`watch` runs until Ctrl-C: started as written (on a free port instead of the default,
    which another program may hold), it must write the PDF, then stop cleanly on Ctrl-C."""
    proc = subprocess.Popen(["bash", "-c", "exec " + command.split("#")[0] + " --port 0"], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    seen = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if line.startswith(("wrote ", "no PDF yet")):
                break
    finally:
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[1]
    assert any(line.startswith("wrote 2025-10.pdf: ") for line in seen), "".join(seen) + rest
    assert proc.returncode == 0 and "stopped watching" in rest, "".join(seen) + rest


def test_the_readme_guide_runs_as_written(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "2025-09.yaml").write_bytes(SAMPLE.read_bytes())
    work = tmp_path / "bulletin"
    work.mkdir()
    sample = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    cols = sample["columns"]
    for name, art in (("上城区", cols[0]["articles"][0]), ("西湖区", cols[0]["articles"][1]),
                      ("建德市", cols[1]["articles"][0]), ("余杭区", cols[2]["articles"][0])):
        word_file(work / f"{name}.docx", art["title"], art["byline"], art["body"])
    d = docx.Document()
    for item in cols[3]["items"]:
        d.add_paragraph(f"{item['text']}（{item['byline']}）")
    d.save(str(work / "信息摘登.docx"))
    # her shell as it is after `make sample`: the PATH is not touched here, so the guide's bare
    # `bulletin-pdf` must be where set-up put it (Makefile, `command`)
    env = {**os.environ, "HOME": str(home)}
    found = shutil.which("bulletin-pdf", path=env["PATH"])
    assert found, ("`bulletin-pdf` is not on the PATH, so the guide's first command would be "
                   "`command not found`: `make setup` links it into ~/.local/bin or /usr/local/bin")
    commands = guide_commands()
    assert any(c.startswith("bulletin-pdf docx") and "--into" in c for c in commands)
    assert any(c.startswith("bulletin-pdf watch") for c in commands)
    for command in commands:
        if command.startswith("bulletin-pdf watch"):
            watch_until_built(command, work, env)
            continue
        run = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True)
        assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
    issue = load_issue(work / "content" / "2025-10.yaml")
    printed = load_issue(SAMPLE)
    assert (issue.number, issue.cumulative, str(issue.date)) == (10, 716, "2025-10-30")
    got = [(a.title, a.byline, [p.runs for p in a.body]) for c in issue.columns for a in c.articles]
    want = [(a.title, a.byline, [p.runs for p in a.body]) for c, picks in zip(printed.columns, ([0, 1], [0], [0]))
            for a in (c.articles[k] for k in picks)]
    assert got == want
    assert [(i.text.runs, i.byline) for i in issue.columns[3].items] == \
        [(i.text.runs, i.byline) for i in printed.columns[3].items]
    # the fit report's last-page note against the PDF: a page that holds nothing but the 版记
    check = subprocess.run(["bulletin-pdf", "check", "content/2025-10.yaml"], cwd=work, env=env,
                           capture_output=True, text=True)
    note = next(ln.strip() for ln in check.stdout.splitlines() if ln.strip().startswith("last page: "))
    lines = read_lines(work / "2025-10.pdf")
    last = max(ln.page for ln in lines)
    dist = issue.distribution
    furniture = "送：" + "".join(dist.send_to) + f"本期责任编辑：{dist.editor}电话：{dist.phone}"
    text = [ln.text.replace("\u3000", "") for ln in lines if ln.page == last and not re.fullmatch(r"—\d+—", ln.text)]
    assert note.startswith("last page: only the 版记") == all(t in furniture for t in text), (note, text)

