"""Mutation fuzzing of every input (issue 12): issue files, layouts, fonts, PDFs.

More than 2,000 hypothesis examples per run (`FUZZ_SCALE=10` for a longer local hunt), most
in-process through the same calls the CLI makes (load → fonts → compose → write → check),
each under a wall-clock and address-space cap (`fuzzing.capped`); a handful through the real
CLI with CPU-time and memory rlimits, checking that a failed build leaves the previous PDF
untouched and prints no traceback. Outcomes allowed: success, or a `BulletinError` whose
every message names its file and line (a PDF has no lines: its file). Every case that ever
failed is kept in `tests/fuzz_corpus/` and run by `test_corpus`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as _event
from hypothesis.errors import InvalidArgument
from hypothesis import strategies as st

from bulletin_pdf.compose import compose
from bulletin_pdf.errors import BulletinError
from bulletin_pdf.fonts.faces import FaceSpec, FontSet, load_fontset
from bulletin_pdf.input.load import load_issue, load_layout
from bulletin_pdf.model import Layout, Source
from bulletin_pdf.pipeline import load_fonts
from bulletin_pdf.preflight import preflight
from bulletin_pdf.writers.pdf.write import write_pdf

from .fuzzing import (BASE_ISSUE, BASE_LAYOUT, CORPUS, LOCATED, ROOT, assert_located, mutated_binary,
                      mutated_text, outcome, run_cli)

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck), print_blob=True)
PDF_WORDS = ("",)       # a PDF has no lines: every message of `check` needs only the file


def event(label: str) -> None:
    """Count an outcome in hypothesis' statistics (`--hypothesis-show-statistics`); a no-op
    outside a hypothesis test (the corpus)."""
    try:
        _event(label)
    except InvalidArgument:
        pass


def _write(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / (hashlib.sha1(data).hexdigest()[:12] + suffix)
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory, layout, fonts):
    """The base issue (written), the default layout and its faces, loaded once."""
    folder = tmp_path_factory.mktemp("fuzz")
    issue_path = folder / "base.yaml"
    issue_path.write_text(BASE_ISSUE, encoding="utf-8")
    return folder, load_issue(issue_path), layout, fonts


def _typeset(issue, layout: Layout, fonts: FontSet) -> None:
    write_pdf(compose(issue, layout, fonts), fonts, pdfx=layout.output.pdfx)


# ----------------------------------------------------------------------------- issue files

def check_issue(folder: Path, data: bytes, layout: Layout, fonts: FontSet) -> None:
    path = _write(folder, data, ".yaml")
    issue = outcome(lambda: load_issue(path), file_level=("the file is empty",))
    if isinstance(issue, BulletinError):
        event(f"issue refused: {issue.message[:30]}")
    else:
        event(f"issue typeset: {type(outcome(lambda: _typeset(issue, layout, fonts))).__name__}")


@settings(FUZZ, max_examples=900 * SCALE)
@given(data=mutated_text(BASE_ISSUE.encode("utf-8")))
@example(data=BASE_ISSUE.encode("utf-8"))
@example(data=b"a0: &a0 'lol'\n" + b"".join(b"a%d: &a%d [%s]\n" % (i, i, b", ".join([b"*a%d" % (i - 1)] * 10))
                                            for i in range(1, 9)))
@example(data=b"publication: " + b"[" * 5000)
@example(data=BASE_ISSUE.replace("2025-10-30", "2025-02-30").encode())
@example(data=BASE_ISSUE.encode("gb18030"))
@example(data=BASE_ISSUE.replace("editor:", "edi\u2028tor:").encode())
def test_fuzz_issue_files(base, data):
    folder, _issue, layout, fonts = base
    check_issue(folder, data, layout, fonts)


# ----------------------------------------------------------------------------- layouts

def check_layout(folder: Path, data: bytes, issue, base_layout: Layout, base_fonts: FontSet) -> None:
    path = _write(folder, data, ".yaml")
    layout = outcome(lambda: load_layout(path), file_level=("the file is empty",))
    if isinstance(layout, BulletinError):
        event(f"layout refused: {layout.message[:30]}")
        return
    event("layout loaded")
    fonts = base_fonts if layout.fonts == base_layout.fonts else outcome(lambda: load_fonts(layout))
    if not isinstance(fonts, BulletinError):
        outcome(lambda: _typeset(issue, layout, fonts))


@settings(FUZZ, max_examples=800 * SCALE)
@given(data=mutated_text(BASE_LAYOUT.encode("utf-8"), numbers=True))
@example(data=BASE_LAYOUT.encode("utf-8"))
@example(data=BASE_LAYOUT.replace("width: 210mm", "width: 0mm").encode())
@example(data=BASE_LAYOUT.replace("size: 22,", "size: -16,").encode())
@example(data=BASE_LAYOUT.replace("leader_spacing: 4pt", "leader_spacing: 0pt").encode())
@example(data=BASE_LAYOUT.replace("{folio}", "{folio}").replace('text: "— {n} —"', 'text: "— {n:>999999999} —"').encode())
@example(data=BASE_LAYOUT.replace("red: {cmyk: [0, 100, 100, 0]}", "red: {cmyk: [200, -5, 0, 0]}").encode())
@example(data=BASE_LAYOUT.replace('heading: "目　录"', "heading: |").encode())   # found: an empty contents heading
@example(data=BASE_LAYOUT.replace('send_label: "送："', 'send_label: ""').encode())   # found: an empty 送 label
@example(data=BASE_LAYOUT.replace('text: "— {n} —"', 'text: ""').encode())
@example(data=BASE_LAYOUT.replace('marker: "{n}．"', 'marker: ""').encode())
def test_fuzz_layouts(base, data):
    folder, issue, layout, fonts = base
    check_layout(folder, data, issue, layout, fonts)


# ----------------------------------------------------------------------------- fonts

@pytest.fixture(scope="module")
def small_font(tmp_path_factory) -> bytes:
    """A subset of the body face with the base issue's characters: a real font, small enough
    to mutate quickly."""
    from fontTools import subset

    options = subset.Options()
    options.notdef_outline = True
    font = subset.load_font(str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=BASE_ISSUE + "0123456789（）—第期年月日总则送：本期责任编辑电话印数份普刊　 ")
    subsetter.subset(font)
    path = tmp_path_factory.mktemp("font") / "small.ttf"
    subset.save_font(font, str(path), options)
    return path.read_bytes()


FONT_SOURCE = Source("layouts/fuzz.yaml", 10, "fonts.body.file")


def check_font(folder: Path, data: bytes, issue, layout: Layout, fonts: FontSet) -> None:
    path = _write(folder, data, ".ttf")
    body = outcome(lambda: load_fontset({"body": FaceSpec("body", str(path), source=FONT_SOURCE)}, []))
    event(f"font: {type(body).__name__}")
    if isinstance(body, BulletinError):
        assert body.file == FONT_SOURCE.file and body.line == FONT_SOURCE.line, body.headline()
        return
    mixed = FontSet({**fonts.faces, "body": body.faces["body"]})
    outcome(lambda: _typeset(issue, layout, mixed))


@settings(FUZZ, max_examples=200 * SCALE)
@given(data=st.data())
def test_fuzz_fonts(base, small_font, data):
    folder, issue, layout, fonts = base
    check_font(folder, data.draw(mutated_binary(small_font)), issue, layout, fonts)


# ----------------------------------------------------------------------------- PDFs for check

@pytest.fixture(scope="module")
def small_pdf(base) -> bytes:
    folder, issue, layout, fonts = base
    return write_pdf(compose(issue, layout, fonts), fonts, pdfx=True)


def check_pdf(folder: Path, data: bytes) -> None:
    path = _write(folder, data, ".pdf")
    event(f"pdf: {type(outcome(lambda: preflight(path), file_level=PDF_WORDS)).__name__}")


@settings(FUZZ, max_examples=150 * SCALE)
@given(data=st.data())
def test_fuzz_pdfs(base, small_pdf, data):
    check_pdf(base[0], data.draw(mutated_binary(small_pdf)))


# ----------------------------------------------------------------------------- the real CLI

@settings(FUZZ, max_examples=6 * SCALE)
@given(data=mutated_text(BASE_ISSUE.encode("utf-8")))
def test_fuzz_cli_keeps_the_previous_pdf(base, small_pdf, data):
    """Through the real command: exit 0 or 2 only, a located message, no traceback, and the
    previous PDF byte for byte the same after a failure (no temporary file left)."""
    folder = base[0]
    work = folder / hashlib.sha1(data).hexdigest()[:12]
    work.mkdir(exist_ok=True)
    (work / "issue.yaml").write_bytes(data)
    (work / "issue.pdf").write_bytes(small_pdf)
    code, _out, err, _rss = run_cli(["build", "issue.yaml", "-o", "issue.pdf"], work, cpu_seconds=30)
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert LOCATED.search(err) or "the file is empty" in err, err
        assert (work / "issue.pdf").read_bytes() == small_pdf
    assert [p.name for p in work.iterdir() if p.name.endswith(".part")] == []


# ----------------------------------------------------------------------------- the corpus

def corpus_cases():
    """The cases of the surfaces fuzzed here (test_fuzz_surfaces.py runs the other folders)."""
    return sorted(p for kind in ("issues", "layouts", "fonts", "pdfs") for p in (CORPUS / kind).glob("*")
                  if p.is_file())


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_corpus(base, case):
    """Every input that ever failed, run again the way it failed (by its folder)."""
    folder, issue, layout, fonts = base
    data = case.read_bytes()
    kind = case.parent.name
    if kind == "issues":
        check_issue(folder, data, layout, fonts)
    elif kind == "layouts":
        check_layout(folder, data, issue, layout, fonts)
    elif kind == "fonts":
        check_font(folder, data, issue, layout, fonts)
    elif kind == "pdfs":
        check_pdf(folder, data)
    else:
        pytest.fail(f"unknown corpus folder {kind}")


def test_located_checks_can_fail():
    """The outcome rule itself: an error without a line is caught."""
    with pytest.raises(AssertionError):
        assert_located(BulletinError("no place", file="x.yaml"))
