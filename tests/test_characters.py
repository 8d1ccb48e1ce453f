"""Characters the faces lack (issue 18): every one in one run, in text order, located with a
caret; an emoji gets "remove it or replace it"; rare name characters set by the default
layouts' fallback family; sub- and superscripts synthesised from the face's own digits and
read back from the PDF and the OFD as typed; the layout named in the issue file.

The expected numbers are stated here from their source, not imported from the engine:
LibreOffice's defaults for text marked sub- or superscript (include/editeng/escapementitem.hxx:
`DFLT_ESC_PROP` 58 % of the size, `DFLT_ESC_SUPER` +33 %, `DFLT_ESC_SUB` -8 %)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.fonts.faces import installed_families
from bulletin_pdf.messages import CATALOGUE

from .test_fonts import make_font

ISSUE = """\
publication: 杭州人大信息
number: 10
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 调研报告
    articles:
      - title: 关于水质的调研报告
        byline: 研究室　邵　㛃
        body:
          - 今年以来，全市CO₂排放下降，氨氮（NH₃-N）浓度下降，面积120m⁵，离子SO₄²⁻。
          - 吉字写作𠮷。
"""

#: Characters of CJK Extension G, which no font installed here has (checked below).
EXT_G = "\U00030000\U00030001"
HAVE_NOTO_CJK = "noto serif cjk sc" in installed_families()
needs_noto_cjk = pytest.mark.skipif(not HAVE_NOTO_CJK, reason="Noto Serif CJK SC (fonts-noto-cjk) not installed")

SIZE = 16            # the body size of both default layouts
SCALE = 0.58         # LibreOffice DFLT_ESC_PROP
RISE_SUPER = 0.33    # LibreOffice DFLT_ESC_SUPER
RISE_SUB = -0.08     # LibreOffice DFLT_ESC_SUB


def run(*args, cwd: Path | None = None):
    import os

    old = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def bare_layout(folder: Path) -> Path:
    """jianbao without its fallback families: what a machine without Noto CJK sees."""
    return write(folder / "bare.yaml", "extends: jianbao\nfonts:\n"
                 "  body: {file: NotoSerifSC-Regular.ttf, fallbacks: []}\n"
                 "  byline: {file: LXGWWenKai-Regular.ttf, fallbacks: []}\n")


def test_extension_g_is_in_no_installed_font():
    """The premise of the tests that need a character no font has."""
    if shutil.which("fc-list"):
        assert subprocess.run(["fc-list", ":charset=30000"], capture_output=True, text=True).stdout == ""


def test_every_missing_character_in_one_run_in_text_order(tmp_path):
    """Four characters no face has, on three lines: four errors in one run, in the order of
    the file, each with its column and a caret under it; the emoji gets no font hunt."""
    text = ISSUE.replace("研究室　邵　㛃", f"研究室　邵　{EXT_G[0]}").replace(
        "吉字写作𠮷。", f"吉字写作{EXT_G[1]}，点赞👍，又见{EXT_G[0]}。")
    issue = write(tmp_path / "issue.yaml", text)
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.pdf"), "--layout", str(bare_layout(tmp_path)))
    assert code == 2 and not (tmp_path / "out.pdf").exists()
    heads = [ln for ln in err.splitlines() if ln.startswith("error:")]
    lines = text.splitlines()
    expected = []
    for n, line in enumerate(lines, 1):
        for col, ch in enumerate(line, 1):
            if ch in EXT_G + "👍":
                expected.append((n, col, ch))
    assert len(heads) == len(expected) == 4
    for head, (n, col, ch) in zip(heads, expected):
        assert head.startswith(f"error: {issue}:{n}:{col}: ") and f"character '{ch}'" in head
    # a caret under each: the excerpt line, then a line that is blank but for the caret
    assert err.count("^\n") == 4
    blocks = err.split("error: ")[1:]
    emoji = next(b for b in blocks if "'👍'" in b.splitlines()[0])
    assert "remove it or replace it" in emoji and "font" not in emoji.split("hint:")[1]
    # the last character of text carries the lines to add; the earlier ones point to it
    last_text = [b for b in blocks if "'👍'" not in b.splitlines()[0]][-1]
    assert "no font installed on this machine has" in last_text and "fonts:" in last_text
    assert "save these lines as" not in last_text or "my-bare" not in last_text


@needs_noto_cjk
def test_rare_names_and_subscripts_set_with_the_default_layout(tmp_path):
    """邵　㛃 in a byline, 𠮷 in a paragraph, CO₂ in the text: the default layout sets them all
    (the fallback family for 㛃 and 𠮷, synthesis for ₂ ₃ ⁵ ₄ ⁻) and pdftotext reads them back."""
    issue = write(tmp_path / "issue.yaml", ISSUE)
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    for piece in ("CO₂排放", "NH₃-N", "120m⁵", "SO₄²⁻", "吉字写作𠮷", "邵㛃"):
        assert piece in flat, piece
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    fonts = {c["text"]: c["fontname"].split("+", 1)[1] for c in chars if c["text"] in "𠮷㛃"}
    assert fonts == {"𠮷": "NotoSerifCJKsc-Regular", "㛃": "NotoSerifCJKsc-Regular"}


def _baseline(c) -> float:
    return c["matrix"][5]


def test_subscripts_and_superscripts_read_back_from_the_pdf(tmp_path):
    """₂ is the glyph of 2 at 58 % of the size, its baseline 8 % of the size below the text's;
    ⁵ 33 % above; each copies as typed (pdfplumber's chars are what the ToUnicode map says)."""
    issue = write(tmp_path / "issue.yaml", ISSUE.replace("          - 吉字写作𠮷。\n", "").replace("邵　㛃", "邵　娟"))
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert code == 0, err
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    body = [c for c in chars if c["text"] in "CO₂NH₃-m⁵S₄⁻" and round(c["size"], 2) in (SIZE, round(SIZE * SCALE, 2))]
    text = "".join(c["text"] for c in body)
    assert "CO₂" in text and "NH₃-" in text and "m⁵" in text and "SO₄" in text
    for small, before, rise in (("₂", "O", RISE_SUB), ("₃", "H", RISE_SUB), ("⁵", "m", RISE_SUPER)):
        k = next(i for i, c in enumerate(body) if c["text"] == small)
        c, b = body[k], body[k - 1]
        assert b["text"] == before
        assert c["size"] == pytest.approx(SIZE * SCALE, abs=0.01)
        assert _baseline(c) - _baseline(b) == pytest.approx(rise * SIZE, abs=0.01)
        assert c["x0"] == pytest.approx(b["x1"], abs=0.05)          # right after its letter
    # the synthesised glyphs are the face's own digits: the same outlines as 2, 3, 5
    sub_font = next(c["fontname"] for c in body if c["text"] == "₂")
    assert sub_font.split("+", 1)[1] == next(c["fontname"] for c in body if c["text"] == "O").split("+", 1)[1]
    # pdftotext copies them as typed
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout
    assert "CO₂" in text and "NH₃-N" in text and "SO₄²⁻" in text


def test_subscripts_in_the_ofd_keep_their_text(tmp_path):
    """The OFD's text code is ₂ (a CGTransform names the glyph of 2), at 58 % of the size."""
    issue = write(tmp_path / "issue.yaml", ISSUE.replace("          - 吉字写作𠮷。\n", "").replace("邵　㛃", "邵　娟"))
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.ofd"))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "out.ofd") as z:
        content = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith("Content.xml"))
    objects = re.findall(r'<ofd:TextObject [^>]*Size="([\d.]+)"[^>]*>(?:(?!</ofd:TextObject>).)*?'
                         r'<ofd:CGTransform[^>]*>.*?<ofd:TextCode[^>]*>([^<]*)</ofd:TextCode>', content)
    sizes = {code: float(size) for size, code in objects}
    assert "₂" in sizes and "₃" in sizes
    assert sizes["₂"] == pytest.approx(SIZE * SCALE * 25.4 / 72, abs=0.001)


def test_absent_fallback_family_builds_until_a_character_needs_it(tmp_path):
    """A fallback family not on the machine does not stop a build that needs none of its
    characters; when one does, the message names the family to install."""
    layout = write(tmp_path / "absent.yaml", "extends: jianbao\nfonts:\n"
                   "  body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}\n"
                   "  byline: {file: LXGWWenKai-Regular.ttf, fallbacks: [{family: No Such Font SC}]}\n")
    plain = write(tmp_path / "plain.yaml", ISSUE.replace("邵　㛃", "邵　娟").replace("𠮷", "吉"))
    code, _, err = run("build", str(plain), "-o", str(tmp_path / "a.pdf"), "--layout", str(layout))
    assert code == 0, err
    rare = write(tmp_path / "rare.yaml", ISSUE.replace("邵　㛃", f"邵　{EXT_G[0]}").replace("𠮷", "吉"))
    code, _, err = run("build", str(rare), "-o", str(tmp_path / "b.pdf"), "--layout", str(layout))
    assert code == 2
    assert "the layout's fallback font No Such Font SC has such characters" in err and "is not installed" in err
    code, out, _ = run("fonts", "list", "--layout", str(layout))
    assert "fallback No Such Font SC (not installed)" in out


def test_fonts_list_and_check_say_which_face_set_what(tmp_path):
    issue = write(tmp_path / "issue.yaml", ISSUE.replace("邵　㛃", "邵　娟").replace("𠮷", "吉"))
    code, out, err = run("fonts", "list", str(issue))
    assert code == 0, err
    assert re.search(r"^body~sub\s+₂₃₄  set in Noto Serif SC Regular \(subscript, made from its digits\)$", out, re.M), out
    assert re.search(r"^body~sup\s+⁵⁻  set in Noto Serif SC Regular \(superscript, made from its digits\)$", out, re.M), out
    code, out, err = run("check", str(issue))
    assert "body~sub" in out


def test_the_hint_changes_a_layout_line_the_issue_has(tmp_path):
    """An issue that names the default layout (`layout: jianbao`): the hint says to change that
    line, not to add a second one (a duplicate field)."""
    issue = write(tmp_path / "issue.yaml", "layout: jianbao\n" + ISSUE.replace("吉字写作𠮷", f"吉字写作{EXT_G[0]}"))
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert code == 2
    assert (f"then save these lines as {tmp_path / 'my-jianbao.yaml'} (next to the issue) and change the line "
            f"`layout: jianbao` of {issue} to `layout: my-jianbao.yaml`") in err


def test_every_new_message_has_its_chinese_form():
    for key in ("how.new_layout_change", "font.missing", "font.more_missing", "hint.symbol", "hint.fallback_absent", "hint.font_installed",
                "hint.font_none", "how.new_layout", "how.own_layout", "hint.install_package"):
        en, zh = CATALOGUE[key]
        assert zh and re.search(r"[\u4e00-\u9fff]", zh), key


# -- the layout named in the issue file -------------------------------------------------------

def test_issue_layout_line_is_used_and_option_overrides(tmp_path):
    """`layout: gbt9704` builds the gbt9704 style with no --layout: the same bytes as
    `--layout gbt9704`; `--layout jianbao` still overrides it."""
    plain = ISSUE.replace("邵　㛃", "邵　娟").replace("𠮷", "吉")
    named = write(tmp_path / "named.yaml", "layout: gbt9704\n" + plain)
    other = write(tmp_path / "other.yaml", plain)
    outs = {}
    for name, args in (("own", [str(named)]), ("gbt", [str(other), "--layout", "gbt9704"]),
                       ("over", [str(named), "--layout", "jianbao"]), ("jb", [str(other)])):
        code, _, err = run("build", *args, "-o", str(tmp_path / f"{name}.pdf"))
        assert code == 0, err
        with pdfplumber.open(tmp_path / f"{name}.pdf") as pdf:
            outs[name] = [pdf.pages[0].extract_text(), len(pdf.pages)]
    assert outs["own"] == outs["gbt"] and outs["over"] == outs["jb"] and outs["own"] != outs["jb"]


def test_issue_layout_path_is_from_the_issue_folder(tmp_path):
    """A path is relative to the issue file, whatever the working folder; a layout that is not
    there is an error at the `layout:` line."""
    folder = tmp_path / "work" / "content"
    write(folder / "mine.yaml", "extends: gbt9704\n")
    issue = write(folder / "issue.yaml", "layout: mine.yaml\n" + ISSUE.replace("邵　㛃", "邵　娟").replace("𠮷", "吉"))
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "a.pdf"), cwd=tmp_path)
    assert code == 0, err
    code, out, err = run("text", "work/content/issue.yaml", cwd=tmp_path)
    assert code == 0 and "关于水质的调研报告" in out
    broken = write(folder / "broken.yaml", "layout: nothere.yaml\n" + ISSUE)
    code, _, err = run("build", str(broken), "-o", str(tmp_path / "b.pdf"))
    assert code == 2 and f"{broken}:1: layout: layout file" in err and "hint: give a layout name" in err


def test_new_copies_the_layout_line(tmp_path):
    previous = write(tmp_path / "content" / "2025-10.yaml", "layout: ../layouts/mine.yaml\n" + ISSUE)
    write(tmp_path / "layouts" / "mine.yaml", "extends: jianbao\n")
    code, _, err = run("new", str(previous), "--date", "2025-11-28")
    assert code == 0, err
    assert "\nlayout: ../layouts/mine.yaml\n" in (tmp_path / "content" / "2025-11.yaml").read_text(encoding="utf-8")
    target = tmp_path / "elsewhere" / "deep" / "x.yaml"
    target.parent.mkdir(parents=True)
    code, _, err = run("new", str(previous), "--date", "2025-11-28", "-o", str(target))
    assert code == 0, err
    assert "\nlayout: ../../layouts/mine.yaml\n" in target.read_text(encoding="utf-8")
    code, _, err = run("build", str(target), "-o", str(tmp_path / "x.pdf"))
    assert code == 0, err
    named = write(tmp_path / "c2" / "a.yaml", "layout: gbt9704\n" + ISSUE)
    code, _, err = run("new", str(named), "--date", "2025-11-28")
    assert code == 0, err
    assert "\nlayout: gbt9704\n" in (tmp_path / "c2" / "2025-11.yaml").read_text(encoding="utf-8")


def test_missing_characters_in_chinese(tmp_path):
    """`--lang zh`: the errors, hints and the lines to add say it in Chinese."""
    text = ISSUE.replace("研究室　邵　㛃", f"研究室　邵　{EXT_G[0]}").replace("吉字写作𠮷。", "点赞👍。")
    issue = write(tmp_path / "issue.yaml", text)
    code, _, err = run("--lang", "zh", "build", str(issue), "-o", str(tmp_path / "out.pdf"),
                       "--layout", str(bare_layout(tmp_path)))
    assert code == 2
    assert err.count("错误: ") == 2 and "字体" in err and "请删除，或改用文字表达" in err and "本机安装的字体里都没有" in err
    for english in ("is in no font", "remove it", "installed on this machine", "put these lines", "error:", "hint:"):
        assert english not in err
    code, out, _ = run("--lang", "zh", "fonts", "list", str(write(tmp_path / "sub.yaml", ISSUE.replace("𠮷", "吉")
                                                                   .replace("邵　㛃", "邵　娟"))))
    assert "用 Noto Serif SC Regular（下标，由其数字缩小而成） 排出" in out and "set in" not in out


def test_preflight_reads_a_superscript_in_its_line(tmp_path):
    """`check FILE.pdf` groups glyphs into lines by baseline: a superscript raised a third of
    the size is in the line it is set in, not a line of its own (nor does it end a paragraph)."""
    from bulletin_pdf.preflight.typography import read_lines

    issue = write(tmp_path / "issue.yaml", ISSUE.replace("          - 吉字写作𠮷。\n", "").replace("邵　㛃", "邵　娟"))
    code, _, err = run("build", str(issue), "-o", str(tmp_path / "out.pdf"))
    assert code == 0, err
    lines, _ = read_lines(str(tmp_path / "out.pdf"))
    texts = [ln.text for ln in lines]
    assert any("120m⁵" in t for t in texts) and not any(t in ("⁵", "⁵⁻", "²⁻") for t in texts)


def test_symbols_and_text():
    """Letters, digits and punctuation (and the CJK blocks' symbols) are text; emoji and other
    symbols are not (Unicode general categories)."""
    from bulletin_pdf.compose.coverage import is_symbol

    assert all(is_symbol(ch) for ch in "👍😀☺★♥\U0001F1E8")
    assert not any(is_symbol(ch) for ch in "㛃𠮷吉，。A1₂²㎡〒" + EXT_G)


@needs_noto_cjk
def test_installed_fonts_found_without_fontconfig(monkeypatch):
    """Without `fc-list`, the installed faces are opened (the system folders' index) to find
    the ones that have the characters."""
    from bulletin_pdf.fonts import faces

    with_fc = faces.installed_with("𠮷㛃")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    without = faces.installed_with("𠮷㛃")
    assert "Noto Serif CJK SC" in with_fc and "Noto Serif CJK SC" in without
    assert faces.installed_with(EXT_G) == []


@pytest.fixture(scope="module")
def bare_fonts(tmp_path_factory):
    from bulletin_pdf.input.load import load_layout
    from bulletin_pdf.pipeline import load_fonts

    layout = load_layout(bare_layout(tmp_path_factory.mktemp("bare")))
    return layout, load_fonts(layout)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(EXT_G + "👍☺")), min_size=1, max_size=6))
@example([(0, "👍"), (0, EXT_G[0])])
def test_each_missing_character_is_where_the_caret_says(tmp_path_factory, bare_fonts, inserts):
    """Characters no face has, put anywhere in a paragraph: one error each, in text order,
    and the column of each points at that very character of the file's line."""
    from bulletin_pdf.compose import check_coverage
    from bulletin_pdf.errors import FontError
    from bulletin_pdf.input.load import load_issue

    layout, fonts = bare_fonts
    para = list("今年以来，全市CO₂排放下降，氨氮浓度下降。点赞。")
    for at, ch in sorted(inserts, reverse=True):
        para.insert(min(at, len(para)), ch)
    text = ISSUE.replace("吉字写作𠮷。", "".join(para)).replace("邵　㛃", "邵　娟")
    path = write(tmp_path_factory.mktemp("prop") / "issue.yaml", text)
    with pytest.raises(FontError) as info:
        check_coverage(load_issue(path), layout, fonts)
    lines = text.splitlines()
    found = [(e.line, e.column) for e in info.value.errors()]
    assert found == sorted(found) and len(found) == len(inserts)
    for e in info.value.errors():
        assert lines[e.line - 1][e.column - 1] == e.message.params["char"]
