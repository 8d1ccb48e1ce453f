"""`bulletin-pdf watch` (issue #11): the warm builder gives the very PDF a cold build gives,
sets again only what changed, never stops on a mistake and keeps the last good PDF; the loop
rebuilds on saves of the files the build read and on nothing else; the preview server;
Ctrl-C ends the command cleanly. (The page in a real browser: test_watch_browser.py.)"""

from __future__ import annotations


import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.model import LineRules
from bulletin_pdf.pipeline import build
from bulletin_pdf.text import ParagraphSpec, set_paragraph
from bulletin_pdf.text.cache import ParagraphCache
from bulletin_pdf.editor.watch.builder import WarmBuilder
from bulletin_pdf.editor.watch.loop import watch_loop
from bulletin_pdf.editor.watch.outcome import Level
from bulletin_pdf.editor.watch.server import PreviewServer, PreviewState

from .conftest import ROOT, SAMPLE
from .profiles import examples
from .test_text_properties import BODY, CELL, measures, paragraph, spans_of

BIN = Path(sys.executable).parent / "bulletin-pdf"


@pytest.fixture
def issue(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the sample in a project folder of its own (content/, layouts/), the working
    directory, as an editor's project is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "layouts").mkdir()
    shutil.copy(ROOT / "layouts" / "jianbao.yaml", tmp_path / "layouts" / "jianbao.yaml")
    issue = tmp_path / "content" / "2025-09.yaml"
    shutil.copy(SAMPLE, issue)
    return issue


def edit_one_paragraph(issue: Path, mark: str = "新") -> str:
    """Put `mark` after the first character of the first article's second paragraph; return
    the paragraph's new text."""
    para = load_issue(issue).columns[0].articles[0].body[1]
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[para.source.line - 1]
    at = line.index(para.text[0]) + 1
    lines[para.source.line - 1] = line[:at] + mark + line[at:]
    issue.write_text("".join(lines), encoding="utf-8")
    return para.text[0] + mark + para.text[1:]


def break_date(issue: Path) -> int:
    """Save the issue with a misspelt field name (`datum:` for `date:`); return its line."""
    text = issue.read_text(encoding="utf-8")
    line = text[:text.index("\ndate:")].count("\n") + 2
    issue.write_text(text.replace("\ndate:", "\ndatum:", 1), encoding="utf-8")
    return line


# --- the paragraph cache -------------------------------------------------------------------

@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=paragraph, measure=measures, indent=st.sampled_from([0.0, 2 * CELL]))
@example(parts=[("人大常委会，ESG 评级", False)], measure=CELL * 13.5, indent=0.0)
def test_cache_gives_the_engines_lines_and_keys_on_every_argument(fonts, parts, measure, indent):
    cache = ParagraphCache()
    spans = spans_of(parts)
    spec = ParagraphSpec(measure, indent, 0.0, True, LineRules())
    first = cache.paragraph(spans, fonts, spec)
    assert first == set_paragraph(spans, fonts, spec)
    assert cache.paragraph(list(spans), fonts, spec) is first and (cache.hits, cache.misses) == (1, 1)
    # any other measure, indent, rule or style is another paragraph, set anew
    others = [(spans, ParagraphSpec(measure - CELL, indent, 0.0, True, LineRules())),
              (spans, ParagraphSpec(measure, indent + CELL, 0.0, True, LineRules())),
              (spans, ParagraphSpec(measure, indent, 0.0, True, LineRules(cjk_latin_space=0.0))),
              (spans, ParagraphSpec(measure, indent, 0.0, False, LineRules())),
              ([s.__class__(s.text, BODY.__class__(BODY.face, 15, CELL)) for s in spans], spec)]
    for other_spans, other_spec in others:
        assert cache.paragraph(other_spans, fonts, other_spec) == set_paragraph(other_spans, fonts, other_spec)
    assert cache.misses == 1 + len(others)


def test_cache_empties_itself_for_other_fonts(fonts):
    cache = ParagraphCache()
    spans = spans_of([("人大常委会", False)])
    spec = ParagraphSpec(CELL * 28)
    cache.paragraph(spans, fonts, spec)

    class OtherFonts:       # same face keys, other glyphs: every advance half as wide
        def shape_run(self, face, text):
            run = fonts.shape_run(face, text)
            return run._replace(advances=[a / 2 for a in run.advances], owns=[o / 2 for o in run.owns])

        def ink(self, face, gid):
            return None

        def half_width(self, face, text):
            return None

    other_fonts = OtherFonts()
    other = cache.paragraph(spans, other_fonts, spec)
    assert cache.misses == 2 and len(cache) == 1
    assert other == set_paragraph(spans, other_fonts, spec) != set_paragraph(spans, fonts, spec)


def test_cache_is_bounded(fonts):
    cache = ParagraphCache(max_entries=3)
    for k in range(5):
        cache.paragraph(spans_of([("人大" * (k + 1), False)]), fonts, ParagraphSpec(CELL * 28))
    assert len(cache) == 3


def test_cache_forgets_the_least_recently_used_paragraph_first(fonts):
    """Bounded as an LRU (text/cache.py): a paragraph read again is kept over one set earlier
    and not read since; each hit and miss is counted."""
    cache = ParagraphCache(max_entries=3)
    spec = ParagraphSpec(CELL * 28)
    a, b, c, d = (spans_of([(text, False)]) for text in ("人大", "常委会", "监督", "预算"))
    first = cache.paragraph(a, fonts, spec)
    cache.paragraph(b, fonts, spec)
    cache.paragraph(c, fonts, spec)
    assert cache.paragraph(a, fonts, spec) is first          # a read again: now the most recent
    assert cache.paragraph(a, fonts, spec) is first
    cache.paragraph(d, fonts, spec)                          # one too many: b goes, not a
    assert (cache.hits, cache.misses, len(cache)) == (2, 4, 3)
    assert cache.paragraph(a, fonts, spec) is first and cache.hits == 3
    cache.paragraph(b, fonts, spec)
    assert cache.misses == 5
    cache.reset_counts()
    assert (cache.hits, cache.misses) == (0, 0)


def test_cache_gives_the_balanced_title_of_its_arguments(fonts):
    """`balanced` is `set_balanced` with the same arguments; another line count or tolerance
    is another title, set anew."""
    from bulletin_pdf.text.balance import set_balanced

    cache = ParagraphCache()
    spans = spans_of([("聚焦民生实事，推动代表建议办理工作提质增效", False)])
    spec = ParagraphSpec(CELL * 20, 0.0, 0.0, False, LineRules())
    first = cache.balanced(spans, fonts, spec, 2, 0)
    assert first == set_balanced(spans, fonts, spec, 2, 0) != set_balanced(spans, fonts, spec, 2, 2)
    assert cache.balanced(list(spans), fonts, spec, 2, 0) is first and (cache.hits, cache.misses) == (1, 1)
    assert cache.balanced(spans, fonts, spec, 3, 0) == set_balanced(spans, fonts, spec, 3, 0)
    assert cache.balanced(spans, fonts, spec, 2, 2) == set_balanced(spans, fonts, spec, 2, 2)
    assert cache.paragraph(spans, fonts, spec) == set_paragraph(spans, fonts, spec)
    assert cache.misses == 4
    assert cache.balanced(spans, fonts, spec, 2, 0) is first      # the same fonts: still there


def test_cache_memo_keeps_any_pure_result_with_the_paragraphs(fonts):
    """`memo`: made once per key and fonts, emptied with the paragraphs when the fonts change,
    not counted as a paragraph."""
    cache = ParagraphCache(max_entries=2)
    made = []

    def make(value):
        return lambda: made.append(value) or [value]

    one = cache.memo(("runs", "人大"), fonts, make(1))
    assert cache.memo(("runs", "人大"), fonts, make(2)) is one == [1]
    assert cache.memo(("runs", "常委会"), fonts, make(3)) == [3]
    assert made == [1, 3] and (cache.hits, cache.misses) == (0, 0)
    cache.memo(("runs", "监督"), fonts, make(4))
    assert len(cache) == 2                                   # bounded with the paragraphs
    other_fonts = object()
    assert cache.memo(("runs", "人大"), other_fonts, make(5)) == [5] and len(cache) == 1
    assert cache.memo(("runs", "人大"), fonts, make(6)) == [6]    # back to the first fonts: made anew


def test_cache_keeps_the_optimisers_settings_and_guess(fonts):
    """The page optimiser's calls (a line tighter or looser, and the quick guess at them) give
    what the engine gives, and are made once for the same paragraph."""
    from bulletin_pdf.text.engine import looseness_estimate, set_paragraph_lines
    from bulletin_pdf.text.prepare import prepare

    cache = ParagraphCache()
    spans = spans_of([("全面贯彻落实党的二十大精神，扎实推进各项工作，" * 4, False)])
    spec = ParagraphSpec(CELL * 28, 2 * CELL, 0.0, True, LineRules())
    natural = cache.paragraph(spans, fonts, spec)
    assert len(natural.lines) > 2
    loose = cache.looseness(spans, fonts, spec, natural)
    assert loose == set_paragraph_lines(prepare(spans, fonts, spec.rules), spec, natural)
    assert cache.looseness(list(spans), fonts, spec, natural) is loose
    guess = cache.estimate(spans, fonts, spec, natural)
    assert guess == looseness_estimate(natural, spec)
    assert cache.estimate(spans, fonts, spec, natural) is guess
    assert (cache.hits, cache.misses) == (0, 1), "the optimiser's calls are not paragraphs set"


def test_deflate_memo_gives_zlibs_bytes_and_keeps_two_builds():
    """Streams are encoded as zlib encodes them, from the memo when the same data came before
    (the last build's or this one's), and a build's leftovers go after the next."""
    import zlib

    from bulletin_pdf.writers.pdf.reuse import Deflated
    from bulletin_pdf.writers.pdf.serialize import LEVEL

    deflate = Deflated()
    data = [bytes(f"BT /F1 12 Tf <{k:04X}> Tj ET\n" * 50, "ascii") for k in range(3)]
    deflate.turn()
    assert [deflate(d) for d in data] == [zlib.compress(d, LEVEL) for d in data] and deflate.hits == 0
    deflate.turn()
    assert deflate(bytes(data[0])) == zlib.compress(data[0], LEVEL) and deflate.hits == 1
    deflate.turn()                      # data[1] and data[2] were not used by the last build
    deflate(data[1])
    assert deflate.hits == 1


def test_fontset_keeps_covered_texts_and_never_a_missing_character(fonts, monkeypatch):
    """`FontSet.missing` answers a text it found covered from its memo (a warm process checks
    the same texts every build), and checks a text with a character no face has every time."""
    from bulletin_pdf.fonts import faces as module

    text = "人大常委会审议通过"
    assert fonts.missing("body", text) == []
    asked = []
    monkeypatch.setattr(module.Face, "has", lambda self, ch: asked.append(ch) or False)
    assert fonts.missing("body", text) == [] and asked == []
    assert fonts.missing("body", "\U0001F600" + text) == ["\U0001F600"]
    assert fonts.missing("body", "\U0001F600" + text) == ["\U0001F600"] and asked.count("\U0001F600") >= 2


def test_a_face_cut_again_is_cut_from_harfbuzzs_preprocessed_face(fonts):
    """A face cut a second time (a warm process) is cut from HarfBuzz's preprocessed face,
    into the very bytes and codes a face cut once gives."""
    from bulletin_pdf.fonts.faces import open_face

    body = fonts.primary("body")
    face = open_face(body.path, body.index)
    gids = [g.gid for g in fonts.shape("body", "全面贯彻落实党的二十大精神")]
    face.subset(set(gids[:5]))
    assert face._preprocessed is None, "one cut: no preprocessing"
    again = face.subset(set(gids))
    assert face._preprocessed is not None
    once = open_face(body.path, body.index).subset(set(gids))
    assert (again.program, again.code, again.tag) == (once.program, once.code, once.tag)


# --- the warm builder ----------------------------------------------------------------------

@pytest.mark.parametrize("layout", ["jianbao", "gbt9704"])   # gbt9704: contents with page numbers
def test_warm_rebuild_is_the_cold_build_and_sets_one_paragraph(tmp_path, issue, layout):
    out = tmp_path / "out.pdf"
    builder = WarmBuilder(issue, layout, out)
    first = builder.build()
    assert first.ok and out.read_bytes() == first.pdf
    assert first.pdf == build(issue, layout).pdf
    first_doc = builder._last_good.document
    new_text = edit_one_paragraph(issue)
    second = builder.build()
    assert second.ok and second.generation == 2 and second.pdf_version == 2
    assert second.set_paragraphs == 1, "only the edited paragraph is set again"
    cold = build(issue, layout)
    assert second.pdf == cold.pdf == out.read_bytes()
    assert builder._last_good.document.warnings == cold.document.warnings
    # the other paragraphs' units are the last build's own (ParagraphCache.units)
    kept = {id(line.glyphs) for page in first_doc.pages for line in page.lines}
    now = [line for page in builder._last_good.document.pages for line in page.lines if line.role.name == "BODY"]
    assert 0 < sum(id(line.glyphs) not in kept for line in now) < len(now) / 5
    assert new_text[:12] in pdf_text(out)


@pytest.mark.parametrize("layout", ["jianbao", "gbt9704"])   # gbt9704: the pages are cut twice a build
def test_warm_rebuild_keeps_the_page_breaks_while_the_flow_keeps_its_shape(tmp_path, issue, layout):
    """An ideograph put in place of another (same advance: no line count, no guess at a line
    tighter or looser changes) leaves the flow's shape as it was: the breaks are the last
    build's, rebuilt of the new lines. A longer insert reflows the paragraph: searched again.
    Every PDF is the cold build's."""
    builder = WarmBuilder(issue, layout, tmp_path / "out.pdf")
    assert builder.build().ok
    edit_one_paragraph(issue, "新")
    assert builder.build().pdf == build(issue, layout).pdf
    searched, reused = builder.breaks.searched, builder.breaks.reused
    issue.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    new_text = edit_one_paragraph(issue, "旧")
    third = builder.build()
    assert builder.breaks.searched == searched and builder.breaks.reused > reused
    assert third.pdf == build(issue, layout).pdf
    assert new_text[:12] in pdf_text(tmp_path / "out.pdf")
    edit_one_paragraph(issue, "各级人民政府及其有关部门应当加强组织领导" * 3)
    fourth = builder.build()
    assert builder.breaks.searched > searched
    assert fourth.pdf == build(issue, layout).pdf


#: (old, new) text of the sample: a title whose line count changes while no paragraph's does
TITLE_EDITS = {
    "a one-line title long enough to wrap": ("title: 西湖区：高质效履职助推AI赋能养老服务工作",
                                             "title: 西湖区：高质效履职助推AI赋能养老服务工作让智能养老真正管理无感服务有感"),
    "a two-line title made one line": ("title:\n          - 上城区：打好组合拳\n          - 助力因地制宜发展新质生产力",
                                       "title: 上城区：打好组合拳"),
}


@pytest.mark.parametrize("edit", TITLE_EDITS)
def test_a_title_that_changes_its_line_count_has_the_page_breaks_searched_again(tmp_path, issue, edit):
    """A title's lines are units of the flow but no paragraph's guess at a line tighter or
    looser: the edit keeps every paragraph's guess (what else `PageBreaks` keys on) and
    changes only the flow's shape, a unit more or fewer. The last build's breaks would place
    the old units' count (a title line or the issue's last line lost, or an index past the
    end), so they are searched again and the PDF is the cold build's (fails when the key
    leaves out `shape(units)`)."""
    from bulletin_pdf.compose.remake import PageBreaks

    class Recording(PageBreaks):
        def __call__(self, units, rows, first_row, looseness, tail=0, even=False):
            calls.append((len(units), (rows, first_row, tail, even,
                                       {p: dict(e.estimate) for p, e in looseness.items()})))
            return super().__call__(units, rows, first_row, looseness, tail, even)

    calls: list = []
    builder = WarmBuilder(issue, None, tmp_path / "out.pdf")
    builder.breaks = Recording()
    assert builder.build().ok
    before, searched = list(calls), builder.breaks.searched
    old, new = TITLE_EDITS[edit]
    text = issue.read_text(encoding="utf-8")
    assert text.count(old) == 1
    issue.write_text(text.replace(old, new), encoding="utf-8")
    calls.clear()
    outcome = builder.build()
    assert outcome.ok, [d.headline for d in outcome.diagnostics]
    assert [rest for _n, rest in calls] == [rest for _n, rest in before], "every other part of the key is the same"
    assert [n for n, _rest in calls] != [n for n, _rest in before], "the flow has a unit more or fewer"
    assert builder.breaks.searched > searched
    assert outcome.pdf == build(issue).pdf


def pdf_text(path: Path) -> str:
    """Every page's text read back with pdfplumber, line ends and spaces dropped."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "".join((page.extract_text() or "").replace(" ", "").replace("\n", "") for page in pdf.pages)


def test_warm_rebuild_after_a_layout_edit_is_the_cold_build(tmp_path, issue):
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    first = builder.build()
    layout = tmp_path / "layouts" / "jianbao.yaml"
    text = layout.read_text(encoding="utf-8")
    assert "cjk_latin_space: 0.25" in text
    layout.write_text(text.replace("cjk_latin_space: 0.25", "cjk_latin_space: 0.5"), encoding="utf-8")
    second = builder.build()
    assert second.ok and second.pdf != first.pdf
    assert second.pdf == build(issue, "jianbao").pdf
    assert second.set_paragraphs > 1


def test_warm_rebuild_after_the_issue_names_another_layout_is_the_cold_build(tmp_path, issue):
    """The issue's `layout:` line edited while watching: the layout named now is used, not the
    one loaded for the last build (its files did not change, only which one is named)."""
    shutil.copy(ROOT / "layouts" / "gbt9704.yaml", tmp_path / "layouts" / "gbt9704.yaml")
    text = SAMPLE.read_text(encoding="utf-8")
    builder = WarmBuilder(issue, None, tmp_path / "out.pdf")
    for name in ("jianbao", "gbt9704", "jianbao"):
        issue.write_text(f"layout: {name}\n" + text, encoding="utf-8")
        outcome = builder.build()
        cold = build(issue)
        assert outcome.ok and cold.layout.name == name
        assert outcome.pdf == cold.pdf, f"the warm build after `layout: {name}` is not the cold build"


def test_a_broken_save_is_reported_and_the_last_good_pdf_stays(tmp_path, issue):
    out = tmp_path / "out.pdf"
    builder = WarmBuilder(issue, "jianbao", out)
    good = builder.build()
    line = break_date(issue)
    broken = builder.build()
    assert not broken.ok and broken.generation == 2
    assert broken.pdf == good.pdf and broken.pdf_version == 1 and broken.pages == good.pages
    assert out.read_bytes() == good.pdf
    assert broken.diagnostics and {d.level for d in broken.diagnostics} == {Level.ERROR}
    assert any(e.headline.startswith(f"{issue}:{line}") and "datum" in e.headline for e in broken.errors)
    issue.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    fixed = builder.build()
    assert fixed.ok and fixed.diagnostics == () and fixed.pdf_version == 3 and out.read_bytes() == good.pdf


def test_a_first_build_that_fails_has_no_pdf(tmp_path, issue):
    break_date(issue)
    outcome = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf").build()
    assert not outcome.ok and outcome.pdf is None and outcome.pages == 0 and outcome.pdf_version == 0
    assert not (tmp_path / "out.pdf").exists()


def test_an_unwritable_output_is_a_diagnostic(tmp_path, issue):
    (tmp_path / "blocker").write_text("a file, not a folder")
    outcome = WarmBuilder(issue, "jianbao", tmp_path / "blocker" / "out.pdf").build()
    assert not outcome.ok
    assert outcome.errors[0].headline.startswith(f"{tmp_path / 'blocker' / 'out.pdf'}: cannot write the PDF")


def test_a_bug_of_ours_is_a_diagnostic_too(tmp_path, issue, monkeypatch):
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")

    def broken_build(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("bulletin_pdf.editor.watch.builder.build", broken_build)
    outcome = builder.build()
    assert not outcome.ok
    assert outcome.errors[0].headline == "internal error: ZeroDivisionError: division by zero"
    assert "please report it" in outcome.errors[0].details[0]


def test_a_bug_of_the_proofreaders_is_a_diagnostic_and_the_pdf_is_written(tmp_path, issue, monkeypatch):
    """The proofreader runs after the PDF is written: a bug of its own is said, the build
    counts as written, and watch goes on."""
    out = tmp_path / "out.pdf"
    builder = WarmBuilder(issue, "jianbao", out)

    def broken(*args, **kwargs):
        raise ValueError("substring not found")

    monkeypatch.setattr("bulletin_pdf.editor.proofread.findings_of", broken)
    outcome = builder.build()
    assert outcome.ok and out.read_bytes() == outcome.pdf
    assert outcome.errors[0].headline == "internal error: ValueError: substring not found"


def test_watched_files_are_what_the_build_read(tmp_path, issue):
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    builder.build()
    files = builder.watched_files()
    assert issue.resolve() in files
    assert (tmp_path / "layouts" / "jianbao.yaml").resolve() in files
    assert (ROOT / "fonts" / "NotoSerifSC-Regular.ttf").resolve() in files
    assert (tmp_path / "out.pdf").resolve() not in files


# --- the loop ------------------------------------------------------------------------------

class Recorder:
    def __init__(self) -> None:
        self.outcomes = []
        self.changes = []
        self.cond = threading.Condition()

    def built(self, outcome) -> None:
        with self.cond:
            self.outcomes.append(outcome)
            self.cond.notify_all()

    def changed(self, paths) -> None:
        self.changes.append(paths)

    def wait(self, n: int) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: len(self.outcomes) >= n, timeout=60), f"no build {n}"


def test_the_loop_rebuilds_on_saves_of_what_it_read_only(tmp_path, issue):
    builder = WarmBuilder(issue, "jianbao", tmp_path / "content" / "out.pdf")
    rec, stop = Recorder(), threading.Event()
    thread = threading.Thread(target=watch_loop, args=(builder, rec.built, stop, rec.changed), daemon=True)
    thread.start()
    try:
        rec.wait(1)             # and at once: a save before the watcher is set up is not missed
        (tmp_path / "content" / "notes.txt").write_text("not an input")
        # an editor's save: a new file renamed over the old one
        edited = tmp_path / "content" / ".2025-09.yaml.swp"
        shutil.copy(issue, edited)
        edit_one_paragraph(edited)
        os.replace(edited, issue)
        rec.wait(2)
        assert rec.changes[0] == [issue.resolve()]
        assert rec.outcomes[1].ok and rec.outcomes[1].set_paragraphs == 1
        break_date(issue)
        rec.wait(3)
        assert not rec.outcomes[2].ok
        (tmp_path / "layouts" / "jianbao.yaml").touch()
        rec.wait(4)
        assert rec.changes[-1] == [(tmp_path / "layouts" / "jianbao.yaml").resolve()]
        assert len(rec.outcomes) == 4, "the PDF written and notes.txt set off no build"
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_loop_waits_for_an_issue_whose_folder_is_not_there_yet(tmp_path, issue):
    later = tmp_path / "later" / "2025-10.yaml"
    builder = WarmBuilder(later, "jianbao", tmp_path / "out.pdf")
    rec, stop = Recorder(), threading.Event()
    thread = threading.Thread(target=watch_loop, args=(builder, rec.built, stop, rec.changed), daemon=True)
    thread.start()
    try:
        rec.wait(1)
        assert not rec.outcomes[0].ok and "later/2025-10.yaml" in rec.outcomes[0].errors[0].headline
        later.parent.mkdir()
        shutil.copy(issue, later)
        rec.wait(2)
        assert rec.outcomes[1].ok and not rec.outcomes[1].warm and (tmp_path / "out.pdf").exists()
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


# --- the preview server --------------------------------------------------------------------

def get(url) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def test_the_server_gives_status_pages_and_nothing_else(tmp_path, issue):
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    state = PreviewState("2025-09.yaml", dpi=30)
    server = PreviewServer(state, 0)
    server.serve_in_thread()
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert json.loads(get(server.url + "status.json")[2])["state"] == "building"
        state.publish(builder.build())
        status = json.loads(get(server.url + "status.json")[2])
        assert (status["state"], status["pages"], status["pdf_version"]) == ("ok", builder.last.pages, 1)
        code, kind, body = get(server.url)
        assert code == 200 and kind.startswith("text/html") and b"status.json" in body
        code, kind, png = get(server.url + f"page/1/{status['pages']}.png")
        assert (code, kind) == (200, "image/png") and png.startswith(b"\x89PNG")
        for missing in (f"page/1/{status['pages'] + 1}.png", "page/2/1.png", "page/1/0.png", "page/x.png",
                        "../pyproject.toml", "out.pdf"):
            assert get(server.url + missing)[0] == 404, missing
        port = server.server_address[1]
        rebound = urllib.request.Request(server.url + "status.json", headers={"Host": f"evil.example:{port}"})
        assert get(rebound)[0] == 403, "a name that is not this computer's gets nothing"
        localhost = urllib.request.Request(server.url + "status.json", headers={"Host": f"localhost:{port}"})
        assert get(localhost)[0] == 200
        break_date(issue)
        state.publish(builder.build())
        status = json.loads(get(server.url + "status.json")[2])
        assert status["state"] == "error" and status["pdf_version"] == 1
        assert status["diagnostics"][0]["level"] == "error"
        assert get(server.url + "page/1/1.png")[0] == 200, "the last good pages are still shown"
    finally:
        server.stop()


@contextlib.contextmanager
def serving(tmp_path: Path, issue: Path):
    """A warm builder of `issue` and a preview server of its outcomes, stopped at the end."""
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    state = PreviewState("2025-09.yaml", dpi=30)
    server = PreviewServer(state, 0)
    server.serve_in_thread()
    try:
        yield builder, state, server
    finally:
        server.stop()


def test_an_edit_changes_only_the_images_of_the_pages_it_changed(tmp_path, issue):
    """After a one-paragraph edit the status names, for each page, the build that first showed
    it as it is now: the pages the writer kept keep their address and their image (byte for
    byte, never rendered again), the edited page gets a new address, and its old one is gone."""
    with serving(tmp_path, issue) as (builder, state, server):
        state.publish(builder.build())
        first = json.loads(get(server.url + "status.json")[2])
        assert first["page_versions"] == [1] * first["pages"]
        before = {n: get(server.url + f"page/1/{n}.png")[2] for n in range(1, first["pages"] + 1)}
        edit_one_paragraph(issue, "新")
        state.publish(builder.build())
        second = json.loads(get(server.url + "status.json")[2])
        versions = second["page_versions"]
        assert second["pdf_version"] == 2 and len(versions) == second["pages"] == first["pages"]
        changed = [n for n, v in enumerate(versions, 1) if v == 2]
        assert changed and len(changed) < len(versions) and set(versions) == {1, 2}, versions
        assert len(changed) == len(versions) - builder.last.reused_pages
        for n, v in enumerate(versions, 1):
            code, _, png = get(server.url + f"page/{v}/{n}.png")
            assert code == 200
            if v == 1:
                assert png == before[n], f"page {n} is shown as it was"
            else:
                assert png != before[n] and get(server.url + f"page/1/{n}.png")[0] == 404


def test_a_page_changed_by_a_build_that_could_not_write_gets_a_new_address(tmp_path, issue):
    """A build whose PDF was made but could not be written (its folder gone, a viewer holding
    the file) shows the last good PDF on; the writer's pages are its, though, so the next build
    takes the pages it changed from it. Such a page is not the page the preview showed: it
    must not keep that page's address (its old image would be shown on)."""
    from bulletin_pdf.editor.preview import PageImages

    folder = tmp_path / "out"
    folder.mkdir()
    builder = WarmBuilder(issue, "jianbao", folder / "out.pdf")
    first = builder.build()
    edit_one_paragraph(issue, "新")
    shutil.rmtree(folder)
    folder.write_text("a file where the folder was")
    failed = builder.build()
    assert not failed.ok and failed.page_versions == first.page_versions
    folder.unlink()
    folder.mkdir()
    third = builder.build()
    assert third.ok and third.pages == first.pages
    before, now = PageImages(first.pdf, 30), PageImages(third.pdf, 30)
    try:
        stale = [n for n, v in enumerate(third.page_versions, 1)
                 if v == first.page_versions[n - 1] and before.png(n) != now.png(n)]
    finally:
        before.close()
        now.close()
    assert not stale, f"pages {stale} keep the address of an image they no longer look like"


def test_the_status_is_answered_when_it_changes(tmp_path, issue):
    """`status.json?after=N` (the page's long poll) waits until the status has changed since
    the page saw count N, and answers at once when it already has; stopping the server ends a
    waiting poll."""
    with serving(tmp_path, issue) as (builder, state, server):
        state.publish(builder.build())
        seen = json.loads(get(server.url + "status.json")[2])["changes"]
        start = time.perf_counter()
        assert json.loads(get(server.url + f"status.json?after={seen - 1}")[2])["changes"] == seen
        assert time.perf_counter() - start < 1.0, "a change the page has not seen: answered at once"
        timer = threading.Timer(0.5, state.mark_building)
        timer.start()
        start = time.perf_counter()
        answer = json.loads(get(server.url + f"status.json?after={seen}")[2])
        waited = time.perf_counter() - start
        assert answer["changes"] == seen + 1 and answer["state"] == "building"
        assert 0.4 < waited < 5, waited
        result = []
        poll = threading.Thread(target=lambda: result.append(get(server.url + f"status.json?after={seen + 1}")[0]))
        poll.start()
        time.sleep(0.3)
    poll.join(timeout=5)
    assert not poll.is_alive() and result == [200]


# --- the command ---------------------------------------------------------------------------

def test_a_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["watch", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot serve the preview on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def start_watch(issue: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`bulletin-pdf watch ISSUE --port 0 …` in a process of its own; returns it and the
    preview address once the first build is done."""
    proc = subprocess.Popen([str(BIN), "watch", str(issue), "--port", "0", *args], cwd=issue.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(("wrote ", "no PDF yet")):
            break
    url = next((m.group(0) for line in seen if (m := re.search(r"http://127\.0\.0\.1:\d+/", line))), None)
    assert url, "".join(seen)
    return proc, url


def stop_watch(proc: subprocess.Popen, how: signal.Signals = signal.SIGINT) -> tuple[int, str]:
    proc.send_signal(how)
    try:
        rest = proc.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.returncode, rest


def test_kill_ends_watch_cleanly(tmp_path, issue):
    """As Ctrl-C does (test_watch_says_what_it_did_after_each_save)."""
    proc, url = start_watch(issue, "-o", str(tmp_path / "out.pdf"))
    try:
        assert json.loads(get(url + "status.json")[2])["state"] == "ok"
    finally:
        code, rest = stop_watch(proc, signal.SIGTERM)
    assert code == 0, rest
    assert "stopped watching" in rest and "Traceback" not in rest and "Aborted" not in rest
    assert [p.name for p in tmp_path.glob(".out.pdf*")] == [], "no temporary file left behind"


def wait_status(url: str, condition, timeout: float = 60) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = json.loads(get(url + "status.json")[2])
        if condition(status):
            return status
        time.sleep(0.1)
    raise AssertionError(f"the status never got there: {status}")


def test_watch_says_what_it_did_after_each_save(tmp_path, issue):
    proc, url = start_watch(issue, "-o", str(tmp_path / "out.pdf"))
    try:
        line = break_date(issue)
        wait_status(url, lambda s: s["generation"] == 2)
        issue.write_text(issue.read_text(encoding="utf-8").replace("\ndatum:", "\ndate:", 1), encoding="utf-8")
        edit_one_paragraph(issue)
        wait_status(url, lambda s: s["generation"] >= 3 and s["state"] == "ok")
    finally:
        code, rest = stop_watch(proc)     # Ctrl-C
    assert code == 0, rest
    assert "Traceback" not in rest and "Aborted" not in rest
    lines = rest.splitlines()
    assert "saved: 2025-09.yaml; rebuilding" in lines
    assert any(re.match(rf"error: {re.escape(str(issue))}:{line}(:\d+)?: ", ln) and "datum" in ln for ln in lines), rest
    assert f"not rebuilt; {tmp_path / 'out.pdf'} is still the last good build. Fix the file and save again." in lines
    assert re.search(r"^wrote .*out\.pdf: \d+ pages in \d+\.\d\d s \(1 paragraph set again, \d+ unchanged\)$",
                     rest, re.M), rest
    assert lines[-1] == "stopped watching"


def test_warm_findings_are_the_proofreaders_of_each_save(tmp_path, issue):
    """The warm builder skips what it found clean before, never what changed: a doubled comma
    typed into a clean paragraph is found at its line, and gone once taken out;
    every build's findings are those of a cold proofread of the same file."""
    from bulletin_pdf.editor.proofread import proofread

    def cold() -> list[str]:
        return [f.problem.headline("en") for f in proofread(issue)[1]]

    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    first = builder.build()
    assert [d.headline for d in first.diagnostics if "，，" in d.headline] == []
    assert [d.headline for d in first.diagnostics] == cold()
    edit_one_paragraph(issue, "，，")
    second = builder.build()
    quoted = [d.headline for d in second.diagnostics if "，，" in d.headline]
    assert len(quoted) == 1 and [d.headline for d in second.diagnostics] == cold()
    para = load_issue(issue).columns[0].articles[0].body[1]
    assert f":{para.source.line}:" in quoted[0]
    issue.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    third = builder.build()
    assert [d.headline for d in third.diagnostics] == [d.headline for d in first.diagnostics] == cold()


def test_the_watch_process_keeps_the_collector_off_what_builds_keep(tmp_path, issue, monkeypatch):
    """`watch` owns its process: after each build what the builds keep is frozen out of the
    cyclic collector's walks, and handed back every THAW_EVERY builds; a builder in someone
    else's process (the default) leaves the collector alone."""
    import gc

    from bulletin_pdf.editor.watch import builder as module

    gc.unfreeze()
    try:
        plain = WarmBuilder(issue, "jianbao", tmp_path / "plain.pdf")
        assert plain.build().ok and gc.get_freeze_count() == 0
        monkeypatch.setattr(module, "THAW_EVERY", 2)
        thawed = []
        unfreeze = gc.unfreeze
        monkeypatch.setattr(gc, "unfreeze", lambda: thawed.append(1) or unfreeze())
        owned = WarmBuilder(issue, "jianbao", tmp_path / "owned.pdf", own_process=True)
        assert owned.build().ok and gc.get_freeze_count() > 0 and thawed == []
        edit_one_paragraph(issue)
        second = owned.build()
        assert second.ok and thawed == [1] and gc.get_freeze_count() > 0
        assert second.pdf == build(issue, "jianbao").pdf
    finally:
        gc.unfreeze()


def edit_last_paragraph(issue: Path, mark: str) -> None:
    """Put `mark` after the first character of the issue's last body paragraph."""
    parsed = load_issue(issue)
    para = [p for c in parsed.columns for a in c.articles for p in a.body][-1]
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[para.source.line - 1]
    at = line.index(para.text[0]) + 1
    lines[para.source.line - 1] = line[:at] + mark + line[at:]
    issue.write_text("".join(lines), encoding="utf-8")


def test_warm_rebuild_cuts_only_changed_faces_and_writes_only_changed_pages(tmp_path, issue, monkeypatch):
    """An edit with a character its face already shows cuts no face again and keeps the
    content streams of the pages before the edit; a character the issue never showed cuts the
    face it is set in (and only it) again, and still keeps every page the edit did not change,
    those showing that face too (a TrueType face's codes are its own glyph ids: embed.py). Each
    warm PDF is byte for byte the cold build of the same input, back to the first after a
    revert."""
    from bulletin_pdf.fonts.faces import Face

    from bulletin_pdf.writers.pdf.embed import UsedFace

    cuts: list[Face] = []
    cut = Face._cut
    monkeypatch.setattr(Face, "_cut", lambda self, gids: cuts.append(self) or cut(self, gids))
    made: list[Face] = []           # fonts made (widths, maps), not taken from the last build
    font = UsedFace._font
    monkeypatch.setattr(UsedFace, "_font", lambda self: made.append(self.face) or font(self))
    builder = WarmBuilder(issue, "jianbao", tmp_path / "out.pdf")
    first = builder.build()
    assert first.ok and first.reused_pages == 0 and cuts
    # the last paragraph opens with a bold lead-in: the edit goes into the emphasis face
    fontset = builder.fonts(builder.layouts(tmp_path / "layouts" / "jianbao.yaml"))
    bold = fontset.faces["emphasis"][0]
    last = [p for c in load_issue(issue).columns for a in c.articles for p in a.body][-1]
    # the edit doubles the paragraph's first character: a glyph its face already shows

    cuts.clear()
    made.clear()
    edit_last_paragraph(issue, last.text[0])
    second = builder.build()
    assert second.ok and cuts == [] == made, "no face gained a glyph: none is cut or made again"
    assert 0 < second.reused_pages < second.pages, "the pages before the edit are kept, the edited one is not"
    assert second.pdf == build(issue, "jianbao").pdf

    cuts.clear()
    made.clear()
    before = builder._last_good.document.pages
    edit_last_paragraph(issue, "龘")     # U+9F98, in no text of the sample
    third = builder.build()
    assert third.ok and [(f.path, f.index) for f in cuts] == [(bold.path, bold.index)]
    assert [(f.path, f.index) for f in made] == [(bold.path, bold.index)]
    cold = build(issue, "jianbao")
    assert third.pdf == cold.pdf
    without_bold = [page for page in cold.document.pages
                    if not any(fontset.face(g.style.face).path == bold.path for line in page.lines for g in line.glyphs)]
    unchanged = sum(a == b for a, b in zip(before, cold.document.pages))
    assert len(without_bold) < third.reused_pages == unchanged == third.pages - 1

    issue.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")   # back to the start
    fourth = builder.build()
    assert fourth.ok and fourth.pdf == first.pdf

    # a paragraph of the first article taken out: every page after it moves up
    para = load_issue(issue).columns[0].articles[0].body[1]
    lines = issue.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[para.source.line - 1].lstrip().startswith("- ") and para.text[:8] in lines[para.source.line - 1]
    del lines[para.source.line - 1]
    issue.write_text("".join(lines), encoding="utf-8")
    fifth = builder.build()
    assert fifth.ok and fifth.pdf == build(issue, "jianbao").pdf
    assert fifth.reused_pages < fourth.pages - 1


def test_watch_takes_the_issues_layout_and_skips_an_absent_fallback(tmp_path, issue):
    """No --layout: the issue's `layout:` line (a file next to it, whose body falls back to a
    family not installed here) is the layout of every build, and is watched."""
    mine = issue.parent / "mine.yaml"
    mine.write_text("extends: gbt9704\nfonts:\n  body: {file: NotoSerifSC-Regular.ttf, "
                    "fallbacks: [{family: No Such Font SC}]}\n", encoding="utf-8")
    issue.write_text(f"layout: {mine.name}\n" + issue.read_text(encoding="utf-8"), encoding="utf-8")
    builder = WarmBuilder(issue, None, tmp_path / "out.pdf")
    first = builder.build()
    assert first.ok, first.diagnostics
    assert first.pdf == build(issue, str(mine)).pdf != build(issue, "jianbao").pdf
    assert mine.resolve() in builder.watched_files()
