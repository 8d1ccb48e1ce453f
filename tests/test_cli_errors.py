"""Bad input gets one clear message `FILE:LINE: field: message` and exit code 2, never a
traceback; a failed build leaves the previous PDF untouched (issue #3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin_pdf.cli import app

from .conftest import SAMPLE

GOOD = """\
publication: 杭州人大信息
edition: 普刊
number: 10
cumulative: 716
compiled_by: 杭州市人大常委会研究室编
date: 2025-10-30
columns:
  - name: 助力攻坚
    articles:
      - title: 测试标题
        byline: 测试办公室
        body:
          - 这是一段正文。
distribution:
  send_to: [省人大常委会办公厅]
  editor: 杨青青
  phone: (0571)85250657
"""


def run(*args):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "issue.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_issue_builds(tmp_path):
    code, _, err = run("build", str(write(tmp_path, GOOD)), "-o", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


def test_broken_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD.replace("number: 10", "number: [10"))
    code, _, err = run("build", str(path), "-o", str(tmp_path / "a.pdf"))
    assert code == 2
    assert f"error: {path}:3:9: number: the `[` that starts this text opens a list that is never closed\n" in err
    assert "  3 | number: [10\n              ^\n" in err     # the caret under the `[`
    assert "Traceback" not in err


def test_unknown_field_suggests_the_known_one(tmp_path):
    path = write(tmp_path, GOOD.replace("date: 2025-10-30", "datum: 2025-10-30"))
    code, _, err = run("build", str(path))
    assert code == 2
    assert f"{path}:6:1: datum: unknown field (did you mean `date`?)" in err
    assert f"{path}:1: date: missing required field\n  1 | publication: 杭州人大信息\n  hint: add a line `date: …`\n" in err


@pytest.mark.parametrize("old, new, message", [
    # an unknown nested field: its path and line, and the known field it resembles
    ("        byline: 测试办公室", "        bylien: 测试办公室",
     "11:9: columns[0].articles[0].bylien: unknown field (did you mean `byline`?)"),
    # a missing required field: the line of the mapping that lacks it
    ("compiled_by: 杭州市人大常委会研究室编\n", "", "1: compiled_by: missing required field"),
    # a wrong type
    ("          - 这是一段正文。", "          - 42", "13:13: columns[0].articles[0].body[0]: expected text"),
    ("number: 10", "number: ten", "3:9: number: expected a whole number"),
    ("edition: 普刊", "edition: 特刊", "2:10: edition: expected one of 普刊, 专刊, 增刊"),
])
def test_input_error_names_file_line_and_field(tmp_path, old, new, message):
    path = write(tmp_path, GOOD.replace(old, new))
    code, _, err = run("build", str(path))
    assert code == 2
    assert f"{path}:{message}" in err
    assert "Traceback" not in err


def test_impossible_date_and_negative_number(tmp_path):
    path = write(tmp_path, GOOD.replace("number: 10", "number: -3"))
    code, _, err = run("build", str(path))
    assert code == 2 and f"{path}:3:9: number: -3 is too small: this field takes more than 0" in err
    path = write(tmp_path, GOOD.replace("2025-10-30", "2025-09-31"))
    code, _, err = run("build", str(path))
    assert code == 2 and f"{path}:6:7: date: 2025-09-31 is not a date: 2025-09 has 30 days" in err


def test_yaml_tags_are_refused(tmp_path):
    path = write(tmp_path, GOOD.replace("edition: 普刊", "edition: !!python/object:os.system 普刊"))
    code, _, err = run("build", str(path))
    assert code == 2 and f"{path}:2:" in err and "tags" in err


def test_unclosed_emphasis(tmp_path):
    path = write(tmp_path, GOOD.replace("          - 这是一段正文。", '          - "**一是没有结束。正文"'))
    code, _, err = run("build", str(path))
    assert code == 2 and f"{path}:13:14: columns[0].articles[0].body[0]: this `**` opens bold text that is never " \
        "closed" in err
    lines = err.splitlines()
    assert lines[1] == '  13 |           - "**一是没有结束。正文"'
    assert lines[2].index("^") == lines[1].index("**")        # the caret under the `**` that opens


def test_character_no_font_has(tmp_path):
    path = write(tmp_path, GOOD.replace("这是一段正文。", "这是一段正文\U0001F600。"))
    code, _, err = run("build", str(path))
    assert code == 2
    assert "U+1F600" in err and f"{path}:13:19: columns[0].articles[0].body[0]" in err
    assert "remove it or replace it" in err and "fallback" not in err     # an emoji: no font hunt


def test_missing_font_file(tmp_path):
    layout = (SAMPLE.parents[1] / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "layouts" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_text(layout.replace("LXGWWenKai-Regular.ttf", "NoSuchKai.ttf"), encoding="utf-8")
    code, _, err = run("build", str(write(tmp_path, GOOD)), "--layout", str(broken))
    assert code == 2 and "NoSuchKai.ttf" in err and "byline" in err


def test_failed_build_keeps_the_previous_pdf(tmp_path):
    out = tmp_path / "issue.pdf"
    assert run("build", str(write(tmp_path, GOOD)), "-o", str(out))[0] == 0
    before = out.read_bytes()
    write(tmp_path, GOOD.replace("number: 10", "number: ten"))
    code, _, _ = run("build", str(tmp_path / "issue.yaml"), "-o", str(out))
    assert code == 2
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".issue.pdf")] == []


def test_unknown_layout_name(tmp_path):
    code, _, err = run("build", str(write(tmp_path, GOOD)), "--layout", "nosuch")
    assert code == 2 and "no layout named 'nosuch'" in err and "jianbao" in err


def test_text_prints_the_strings_in_reading_order():
    code, out, _ = run("text", str(SAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == ["杭州人大信息", "（普\u3000刊）", "第9期（总第715期）"]
    assert "（上城区人大常委会办公室）" in lines
    assert lines.index("助力攻坚") < lines.index("上城区：打好组合拳助力因地制宜发展新质生产力")
    assert lines[-1] == "电话：(0571)85250657"


LONG = "编号" + "A" * 200 + "。"


def test_paragraph_that_cannot_fit_warns_with_its_place(tmp_path):
    path = write(tmp_path, GOOD.replace("这是一段正文。", LONG))
    code, _, err = run("build", str(path), "-o", str(tmp_path / "a.pdf"))
    assert code == 0
    assert f"warning: {path}:13: columns[0].articles[0].body[0]: does not fit the measure unbroken" in err


def test_paragraph_that_cannot_fit_fails_when_the_layout_says(tmp_path):
    layout = (SAMPLE.parents[1] / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    strict = tmp_path / "strict.yaml"
    strict.write_text(layout.replace("overfull: break", "overfull: error"), encoding="utf-8")
    path = write(tmp_path, GOOD.replace("这是一段正文。", LONG))
    code, _, err = run("build", str(path), "--layout", str(strict), "-o", str(tmp_path / "a.pdf"))
    assert code == 2
    assert f"error: {path}:13: columns[0].articles[0].body[0]: does not fit the measure unbroken" in err
    assert not (tmp_path / "a.pdf").exists()


def test_layout_errors_name_the_layout_file(tmp_path):
    layout = (SAMPLE.parents[1] / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(layout.replace("grid: {lines: 22, chars: 28}", "grid: {lines: 22, chars: 28, colums: 2}"),
                   encoding="utf-8")
    code, _, err = run("build", str(write(tmp_path, GOOD)), "--layout", str(bad))
    assert code == 2 and f"{bad}:7:30: grid.colums: unknown field" in err
    bad.write_text(layout.replace("{font: heading, size: 18, colour: red}", "{font: kaiti, size: 18, colour: red}"),
                   encoding="utf-8")
    code, _, err = run("build", str(write(tmp_path, GOOD)), "--layout", str(bad))
    assert code == 2 and "column_head.style.font: unknown font role `kaiti`" in err


def test_a_bug_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    """Even an error of ours reaches the user as one line (the traceback with --debug)."""
    import bulletin_pdf.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(pipeline, "build", broken)
    code, _, err = run("build", str(write(tmp_path, GOOD)))
    assert code == 70
    assert "internal error: RuntimeError: something inside broke" in err and "Traceback" not in err


@pytest.mark.parametrize("lang, setting, message, hint", [
    ("en", "grid: {lines: -2, chars: 28}", "grid.lines: -2 is too small: the least this field takes is 1",
     "hint: give a value of at least 1"),
    ("zh", "grid: {lines: -2, chars: 28}", "grid.lines: -2 太小：这一项最小是 1", "提示: 请给出不小于 1 的值"),
    ("en", "line_rules: {cjk_latin_space: 50}", "line_rules.cjk_latin_space: 50 is too large: the most this "
     "field takes is 10", "hint: give a value of at most 10"),
    # a length is checked in points: the bound is given in points and millimetres, the value as typed
    ("en", "masthead: {rules: [{line: 9, width: 40mm, colour: red}]}", "masthead.rules[0].width: 40mm is too "
     "large: the most this field takes is 5 pt (1.8 mm)", "hint: give a value of at most 5 pt (1.8 mm)"),
    ("en", "line_rules: {max_expansion: .nan}", "line_rules.max_expansion: expected an ordinary number",
     "hint: write a number such as 16 (not .nan or .inf)"),
])
def test_a_value_out_of_range_is_told_in_the_editors_words(tmp_path, lang, setting, message, hint):
    """A layout value outside its range (model.py's bounds, checked by pydantic) is named as
    typed, with the bound and what to give instead: not pydantic's "Input should be greater
    than or equal to 1"."""
    layout = tmp_path / "mine.yaml"
    layout.write_text(f"extends: jianbao\n{setting}\n", encoding="utf-8")
    code, _, err = run("--lang", lang, "build", str(SAMPLE), "--layout", str(layout), "-o", str(tmp_path / "x.pdf"))
    assert code == 2
    assert f"{layout}:2:" in err and message in err and hint in err
    assert "Input should" not in err and "Traceback" not in err
