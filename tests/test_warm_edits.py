"""A warm rebuild after any sequence of edits is the cold build of the same input, byte for
byte (issue 20: "the file it writes is byte-identical to a cold build of the same input").

Hypothesis draws a sequence of the edits an editor makes while `watch` runs — a character
changed, text typed in, a character no face of the sample has set yet, a paragraph added or
deleted, a title changed, an article deleted, a 信息摘登 item changed, the masthead's number,
a number of the layout changed, a face of the layout swapped, the issue's `layout:` line
naming the other layout, a YAML error saved and then
fixed, an earlier state of the file saved again — and after each one the PDF `WarmBuilder`
wrote is compared with `pipeline.build` of the same files in a fresh state. Where the cold
build refuses the input, the warm one must report an error and keep the last good PDF.
"""

from __future__ import annotations

import copy
import enum
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.editor.watch.builder import WarmBuilder
from bulletin_pdf.errors import BulletinError
from bulletin_pdf.pipeline import build

from .conftest import ROOT, SAMPLE


class Edit(enum.Enum):
    CHAR = "a character put in place of another"
    TYPE = "text typed into a paragraph"
    NEW_CHARACTER = "a character the faces have not set yet in this issue"
    ADD_PARAGRAPH = "a paragraph added"
    DELETE_PARAGRAPH = "a paragraph deleted"
    TITLE = "a title changed"
    DELETE_ARTICLE = "an article deleted"
    ITEM = "a 信息摘登 item changed"
    NUMBER = "the issue's number changed (masthead)"
    LAYOUT = "a number of the layout changed"
    FACE = "a face of the layout swapped for another"
    LAYOUT_NAME = "the issue's `layout:` line names the other layout"
    YAML_ERROR = "a YAML error saved, then fixed"
    UNDO = "the file as it was after an earlier edit saved again"


#: Characters none of the sample's paragraphs has: each makes a face cut again with one more glyph.
NEW_CHARACTERS = "龘鑫犇淼㐂ÆΩЖ€≈"
TYPED = ["各级人民政府", "A", "2025年", "，", "“好”", "——", "新"]
#: (old, new) text of layouts/jianbao.yaml; each applies while `old` is in the file
LAYOUT_EDITS = [("cjk_latin_space: 0.25", "cjk_latin_space: 0.5"), ("cjk_latin_space: 0.5", "cjk_latin_space: 0.25"),
                ("indent: 2\n", "indent: 0\n"), ("indent: 0\n", "indent: 2\n"),
                ("size: 16, grid: true, align: justify}", "size: 15, grid: true, align: justify}"),
                ("size: 15, grid: true, align: justify}", "size: 16, grid: true, align: justify}")]
FACE_EDITS = [("heading: {file: NotoSansSC-Bold.ttf", "heading: {file: NotoSerifSC-Bold.ttf"),
              ("heading: {file: NotoSerifSC-Bold.ttf", "heading: {file: NotoSansSC-Bold.ttf")]

edits = st.lists(st.tuples(st.sampled_from(Edit), st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=5)


class Project:
    """The sample in a project folder of its own, edited as data and saved as YAML."""

    def __init__(self, folder: Path) -> None:
        (folder / "content").mkdir(parents=True)
        (folder / "layouts").mkdir()
        self.layout = folder / "layouts" / "jianbao.yaml"
        shutil.copy(ROOT / "layouts" / "jianbao.yaml", self.layout)
        shutil.copy(ROOT / "layouts" / "gbt9704.yaml", folder / "layouts" / "gbt9704.yaml")
        self.issue = folder / "content" / "2025-09.yaml"
        self.data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
        self.saved: list[dict] = []
        self.save()

    def save(self) -> None:
        self.issue.write_text(yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
        self.saved.append(copy.deepcopy(self.data))

    def paragraphs(self) -> list[tuple[list, int]]:
        return [(a["body"], i) for c in self.data["columns"] for a in c.get("articles", [])
                for i, p in enumerate(a["body"]) if isinstance(p, str)]

    def apply(self, edit: Edit, n: int, m: int) -> None:
        """Make `edit`, where `n` and `m` pick the place and the text."""
        if edit in (Edit.LAYOUT, Edit.FACE):
            text = self.layout.read_text(encoding="utf-8")
            choices = [(a, b) for a, b in (LAYOUT_EDITS if edit is Edit.LAYOUT else FACE_EDITS) if a in text]
            old, new = choices[n % len(choices)]
            self.layout.write_text(text.replace(old, new, 1), encoding="utf-8")
            return
        if edit is Edit.UNDO:
            self.data = copy.deepcopy(self.saved[n % len(self.saved)])
            self.save()
            return
        paragraphs = self.paragraphs()
        body, i = paragraphs[n % len(paragraphs)]
        text = body[i]
        at = m % (len(text) + 1)
        articles = [(c, a) for c in self.data["columns"] for a in c.get("articles", [])]
        column, article = articles[n % len(articles)]
        if edit is Edit.CHAR:
            body[i] = text[:at] + "新旧的一国人大"[m % 7] + text[at + 1:]
        elif edit is Edit.TYPE:
            body[i] = text[:at] + TYPED[m % len(TYPED)] + text[at:]
        elif edit is Edit.NEW_CHARACTER:
            body[i] = text[:at] + NEW_CHARACTERS[m % len(NEW_CHARACTERS)] + text[at:]
        elif edit is Edit.ADD_PARAGRAPH:
            body.insert(i, "新增段落" + "测试内容" * (1 + m % 30))
        elif edit is Edit.DELETE_PARAGRAPH:
            if len(body) > 1:
                del body[i]
        elif edit is Edit.TITLE:
            title = article["title"]
            article["title"] = (title[0] if isinstance(title, list) else title) + ["改", "：新", "长" * 12][m % 3]
        elif edit is Edit.DELETE_ARTICLE:
            if len(articles) > 1:
                column["articles"].remove(article)
                if not column["articles"]:
                    self.data["columns"].remove(column)
        elif edit is Edit.ITEM:
            items = next((c["items"] for c in self.data["columns"] if c.get("items")), None)
            if items:
                item = items[n % len(items)]
                if m % 3 == 0 and len(items) > 1:
                    items.remove(item)
                elif m % 3 == 1:
                    items.insert(0, dict(item))
                else:
                    item["text"] = item["text"][:3] + "新龘"[m % 2] + item["text"][3:]
        elif edit is Edit.NUMBER:
            self.data["number"] = 1 + m % 30
        elif edit is Edit.LAYOUT_NAME:
            self.data = {"layout": "gbt9704" if self.data.get("layout", "jianbao") == "jianbao" else "jianbao",
                         **{k: v for k, v in self.data.items() if k != "layout"}}
        self.save()


def cold(project: Project) -> bytes | None:
    try:
        return build(project.issue).pdf
    except BulletinError:
        return None


def assert_warm_is_cold(builder: WarmBuilder, project: Project, out: Path, last_good: bytes) -> bytes:
    """Build warm; the PDF is the cold build's, or, where the cold build refuses the input,
    the warm one reports an error and the last good PDF stays. Returns the PDF now on disk."""
    outcome = builder.build()
    expected = cold(project)
    if expected is None:
        assert not outcome.ok and outcome.errors and out.read_bytes() == last_good
        return last_good
    assert outcome.ok, [d.headline for d in outcome.diagnostics]
    assert outcome.pdf == expected and out.read_bytes() == expected
    return expected


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits)
@example([(Edit.NEW_CHARACTER, 3, 7), (Edit.YAML_ERROR, 0, 0), (Edit.DELETE_ARTICLE, 1, 0), (Edit.FACE, 0, 0),
          (Edit.UNDO, 0, 0)])
@example([(Edit.LAYOUT, 4, 0), (Edit.ADD_PARAGRAPH, 5, 11), (Edit.ITEM, 2, 2), (Edit.TITLE, 0, 2),
          (Edit.DELETE_PARAGRAPH, 7, 0)])
@example([(Edit.TYPE, 9, 40), (Edit.CHAR, 9, 41), (Edit.NUMBER, 0, 3), (Edit.UNDO, 1, 0), (Edit.LAYOUT, 0, 0)])
@example([(Edit.LAYOUT_NAME, 0, 0), (Edit.CHAR, 2, 5)])      # found: WarmLayout kept jianbao for `layout: gbt9704`
@example([(Edit.TITLE, 1, 2)])     # found: a title wrapping to a second line, every paragraph's guess kept:
@example([(Edit.TITLE, 0, 0)])     # ... or a two-line title made one: PageBreaks must key on the flow's shape
def test_warm_rebuild_after_any_edits_is_the_cold_build(tmp_path_factory, monkeypatch, sequence):
    folder = tmp_path_factory.mktemp("warm")
    monkeypatch.chdir(folder)
    project = Project(folder)
    out = folder / "out.pdf"
    builder = WarmBuilder(project.issue, None, out)        # the issue's `layout:`, else the default (jianbao)
    first = builder.build()
    assert first.ok, [d.headline for d in first.diagnostics]
    on_disk = out.read_bytes()
    for edit, n, m in sequence:
        if edit is Edit.YAML_ERROR:
            project.save()
            project.issue.write_text(project.issue.read_text(encoding="utf-8").replace("columns:", "columns: [", 1),
                                     encoding="utf-8")
            on_disk = assert_warm_is_cold(builder, project, out, on_disk)
            project.save()          # fixed
        else:
            project.apply(edit, n, m)
        on_disk = assert_warm_is_cold(builder, project, out, on_disk)


def test_a_character_new_to_a_cff_fallback_face_rewrites_the_pages_showing_it(tmp_path, monkeypatch):
    """A CFF face's codes are its glyph ids in the subset (writers/pdf/embed.py): a Hangul
    syllable set by the fallback family (Noto Serif CJK SC, CFF outlines) added after another
    one, but before it in the face, gives the first a new code, so the page showing only the
    first is written again, not reused (fails when `PageStreams.reuse` ignores changed codes)."""
    from bulletin_pdf.fonts.faces import installed_families

    if "noto serif cjk sc" not in installed_families():
        pytest.skip("the fallback family Noto Serif CJK SC is not installed")
    monkeypatch.chdir(tmp_path)
    project = Project(tmp_path)
    body, i = project.paragraphs()[0]
    body[i] = "나" + body[i]
    project.save()
    out = tmp_path / "out.pdf"
    builder = WarmBuilder(project.issue, None, out)
    assert builder.build().ok
    body, i = project.paragraphs()[-1]
    body[i] = "가" + body[i]          # U+AC00, before 나 in the face
    project.save()
    assert_warm_is_cold(builder, project, out, out.read_bytes())
    assert 0 < builder.streams.last_reused
