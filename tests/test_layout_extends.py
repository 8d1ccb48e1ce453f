"""Layouts that extend another (`extends: NAME|PATH` plus only the keys that differ): mappings
merged key by key, lists replaced whole; errors point into the file and line the value came
from; the missing-character error gives the lines of such a layout, and they work."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_pdf.errors import InputError
from bulletin_pdf.input.load import load_layout

from .conftest import ROOT, SAMPLE
from .test_fonts import make_font

JIANBAO = ROOT / "layouts" / "jianbao.yaml"
CLI = str(Path(sys.executable).parent / "bulletin-pdf")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_only_the_keys_that_differ(tmp_path):
    base = load_layout(JIANBAO)
    child = load_layout(write(tmp_path / "layouts" / "mine.yaml",
                              "# mine\nextends: jianbao\ntitle:\n  style: {size: 20}\n"
                              "fonts:\n  body:\n    fallbacks:\n      - file: LXGWWenKai-Regular.ttf\n"))
    assert child.title.style.size == 20
    assert child.title.style.font == base.title.style.font          # merged, not replaced
    assert child.fonts["body"].file == "NotoSerifSC-Regular.ttf"
    assert [f.file for f in child.fonts["body"].fallbacks] == ["LXGWWenKai-Regular.ttf"]
    assert child.fonts["title"] == base.fonts["title"]
    same = {f.name for f in dataclasses.fields(base)} - {"title", "fonts", "file"}
    assert all(getattr(child, name) == getattr(base, name) for name in same)
    assert child.file == str(tmp_path / "layouts" / "mine.yaml")


def test_lists_are_replaced_whole(tmp_path):
    child = load_layout(write(tmp_path / "one.yaml", "extends: jianbao\nmasthead:\n  items:\n"
                              "    - {text: \"{publication}\", line: 3, style: {font: masthead, size: 40}}\n"))
    assert [item.text for item in child.masthead.items] == ["{publication}"]
    assert child.masthead.lines == load_layout(JIANBAO).masthead.lines


def test_extends_a_path_relative_to_the_file_and_chains(tmp_path):
    write(tmp_path / "base" / "a.yaml", JIANBAO.read_text(encoding="utf-8"))
    write(tmp_path / "base" / "b.yaml", "extends: a\ngrid: {lines: 20}\n")       # a sibling by name
    child = load_layout(write(tmp_path / "mine" / "c.yaml", "extends: ../base/b.yaml\ngrid: {chars: 26}\n"))
    assert (child.grid.lines, child.grid.chars) == (20, 26)


def error_of(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        load_layout(path)
    return caught.value


def test_errors_point_into_the_extending_file(tmp_path):
    child = write(tmp_path / "mine.yaml", "# mine\nextends: jianbao\ngrid: {lines: many}\n")
    err = error_of(child)
    assert (err.file, err.line, err.field, err.message) == (str(child), 3, "grid.lines", "expected a whole number")
    child = write(tmp_path / "role.yaml", "extends: jianbao\n\ntitle:\n  style: {font: nosuch}\n")
    err = error_of(child)
    assert (err.file, err.line, err.field) == (str(child), 4, "title.style.font")
    assert err.message.startswith("unknown font role `nosuch`")


def test_errors_point_into_the_base_file(tmp_path):
    text = JIANBAO.read_text(encoding="utf-8")
    assert text.count('text: "— {n} —"') == 1
    base = write(tmp_path / "base.yaml", text.replace('text: "— {n} —"', 'text: "— {page} —"'))
    line = 1 + text[:text.index('text: "— {n} —"')].count("\n")
    err = error_of(write(tmp_path / "mine.yaml", "extends: base.yaml\ngrid: {lines: 22}\n"))
    assert (err.file, err.line, err.field) == (str(base), line, "folio.text")
    assert "unknown placeholder {page}" in err.message


def test_bad_extends(tmp_path):
    err = error_of(write(tmp_path / "typo.yaml", "# x\nextends: jianbaoo\n"))
    assert (err.line, err.field) == (2, "extends")
    assert err.message == "no layout named or at 'jianbaoo' (did you mean `jianbao`?)"
    write(tmp_path / "one.yaml", "extends: two\n")
    err = error_of(write(tmp_path / "two.yaml", "extends: one\n"))
    assert err.message == "layouts extend each other in a circle: two.yaml → one.yaml → two.yaml"
    err = error_of(write(tmp_path / "list.yaml", "extends: [jianbao]\n"))
    assert err.message == "expected the name or path of a layout" and err.hint == "e.g. `extends: jianbao`"


def make_ttf(path: Path, chars: str) -> Path:
    """A TrueType font whose only glyphs are squares for `chars`."""
    make_font(chars, "Rare Names", cff=False).save(str(path))
    return path


#: A name character of CJK Extension G (U+30000), which no font installed here has.
RARE = "\U00030000"


def test_the_missing_character_hint_is_a_layout_that_works(tmp_path):
    """The editor does what the error says: saves the lines next to the issue, puts the
    `layout:` line at its top, names her font file; the issue builds with no --layout. The
    next character no font has is then to be put into that same layout, not into a new one
    extending it (my-my-jianbao.yaml)."""
    issue = write(tmp_path / "content" / "2025-09.yaml",
                  SAMPLE.read_text(encoding="utf-8").replace("西湖区人大常委会办公室 方敏杰", f"西湖区人大常委会办公室 方{RARE}杰"))
    run = subprocess.run([CLI, "build", "content/2025-09.yaml", "-o", "out.pdf"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 2 and not (tmp_path / "out.pdf").exists()
    lines = run.stderr.splitlines()
    assert lines[0].startswith("error: content/2025-09.yaml:")
    assert f"character '{RARE}' (U+30000) is in no font of role 'byline'" in lines[0]
    hint = next(ln for ln in lines if ln.startswith("  hint:"))
    assert hint == (f"  hint: no font installed on this machine has {RARE}: find a font file that has them, put it "
                    "in fonts/ and write its name in the lines below; then save these lines as content/my-jianbao.yaml "
                    "(next to the issue) and put the line `layout: my-jianbao.yaml` at the top of content/2025-09.yaml")
    layout_lines = [ln[6:] for ln in lines[lines.index(hint) + 1:] if ln.startswith("      ")]
    assert layout_lines[:4] == ["extends: jianbao", "fonts:", "  byline:", "    fallbacks:"]
    assert layout_lines[4] == "      - family: Noto Serif CJK SC"      # the fallback jianbao has, kept
    (tmp_path / "fonts").mkdir()
    make_ttf(tmp_path / "fonts" / "RareNames.ttf", RARE + "㐀")
    text = "\n".join(layout_lines).replace(f"FONT-WITH-{RARE}.ttf", "RareNames.ttf") + "\n"
    write(tmp_path / "content" / "my-jianbao.yaml", text)
    issue.write_text("layout: my-jianbao.yaml\n" + issue.read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([CLI, "build", "content/2025-09.yaml", "-o", "out.pdf"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    rare = [k for k, c in enumerate(chars) if c["fontname"].endswith("+RareNames")]
    # set in the fallback face between its neighbours, and it copies as typed (a ToUnicode
    # entry beyond the BMP: a UTF-16 surrogate pair)
    assert len(rare) == 1 and chars[rare[0] - 1]["text"] == "方" and chars[rare[0] + 1]["text"] == "杰"
    assert chars[rare[0]]["text"] == RARE
    # the next rare character (in a body): the hint is to edit her layout, not to extend it
    issue.write_text(issue.read_text(encoding="utf-8").replace("今年以来", f"今年{RARE}以来", 1), encoding="utf-8")
    write(tmp_path / "content" / "my-jianbao.yaml", text.replace("byline", "folio"))
    run = subprocess.run([CLI, "build", "content/2025-09.yaml", "-o", "out.pdf"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "my-my-" not in run.stderr and "extends" not in run.stderr
    assert "put these lines into your layout content/my-jianbao.yaml" in run.stderr


SECTIONS = sorted(yaml.safe_load(JIANBAO.read_text(encoding="utf-8")))


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(SECTIONS)), st.integers(min_value=10, max_value=40))
@example(set(), 22)
@example({"grid", "fonts"}, 30)
def test_restating_sections_changes_nothing_but_what_differs(tmp_path_factory, sections, lines):
    """A layout that extends jianbao and restates any of its sections is jianbao; one more key
    in a nested mapping changes that key only."""
    base = yaml.safe_load(JIANBAO.read_text(encoding="utf-8"))
    child = {"extends": "jianbao", **{k: base[k] for k in sections}}
    child.setdefault("grid", {})
    child["grid"] = {**child["grid"], "lines": lines}
    path = tmp_path_factory.mktemp("x") / "child.yaml"
    path.write_text(yaml.safe_dump(child, allow_unicode=True), encoding="utf-8")
    got, want = load_layout(path), load_layout(JIANBAO)
    assert got.grid.lines == lines and got.grid.chars == want.grid.chars
    for f in dataclasses.fields(want):
        if f.name not in ("file", "grid"):
            assert getattr(got, f.name) == getattr(want, f.name), f.name


def test_a_font_choice_given_by_family_replaces_the_base_file(tmp_path):
    """`fonts: body: {family: …}` over jianbao's `body: {file: NotoSerifSC-Regular.ttf}` means
    that family: a choice merged key by key would keep the base's file in force."""
    path = write(tmp_path / "layouts" / "cjk.yaml", "extends: jianbao\nfonts:\n  body:\n    family: Noto Serif CJK SC\n")
    body = load_layout(path).fonts["body"]
    assert (body.file, body.family, body.fallbacks) == (None, "Noto Serif CJK SC", ())
    assert load_layout(path).fonts["title"].file == "NotoSerifSC-Black.ttf"     # other roles kept
