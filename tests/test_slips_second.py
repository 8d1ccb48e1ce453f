"""A second set of an editor's slips (issue 18, point 6), made from the sample: each is located
at the slip, with a caret, and said in plain words in both languages; `check` counts what it
prints."""

from __future__ import annotations

import re
import unicodedata

import pytest
import yaml
from typer.testing import CliRunner

from bulletin_pdf.cli import app

from .conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def slip(tmp_path, edit) -> tuple:
    lines = list(LINES)
    edit(lines)
    path = tmp_path / "issue.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check(path, lang="en"):
    result = CliRunner().invoke(app, ["--lang", lang, "check", str(path)])
    return result.exit_code, (result.stdout + result.stderr).splitlines()


def caret_column(excerpt_line: str, caret_line: str) -> int:
    """1-based column (in characters) of the source the caret stands under."""
    text = excerpt_line.split(" | ", 1)[1]
    width = caret_line.index("^") - (excerpt_line.index(" | ") + 3)
    col = 0
    for k, ch in enumerate(text):
        if col >= width:
            return k + 1
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return len(text) + 1


def where(lines, label="error"):
    head = next(ln for ln in lines if ln.startswith(label + ":") or ln.startswith("错误:"))
    k = lines.index(head)
    return head, lines[k + 1], lines[k + 2], lines[k + 3]


def at(line_no: int, text: str) -> int:
    return LINES[line_no - 1].index(text) + 1


def tab_in_text(lines):
    lines[16] = lines[16].replace("今年以来，", "今年以来，\t", 1)


def body_on_one_line(lines):
    assert lines[15].strip() == "body:"
    lines[15:17] = ["        body: " + lines[16].strip()[2:]]


def articles_left_out(lines):
    assert lines[10].strip() == "articles:"
    del lines[10]


def after_the_distribution(lines):
    lines += ["      - title: 新文章", "        byline: 某某办公室", "        body:", "          - 正文。"]


def open_stars(lines):
    lines[17] = lines[17].replace("“主阵地”。**", "“主阵地”。", 1)


@pytest.mark.parametrize("edit, line, column, english, chinese", [
    (tab_in_text, 17, at(17, "上城区") - 0, "a tab inside the text", "文字里有制表符"),
    (body_on_one_line, 16, 15, "`body:` has its text on the same line and list items below it",
     "`body:` 后面同一行写了文字，下面又有列表项"),
    (articles_left_out, 11, 7, "`- title:` begins one of the `articles:` entries, but there is no line "
     "`articles:` above it", "它上面缺少 `articles:` 这一行"),
    (after_the_distribution, len(LINES) + 1, 7, "it stands after `phone:`", "放在了第"),
    (open_stars, 18, at(18, "**") , "this `**` opens bold text that is never closed", "加粗文字没有结束"),
])
def test_each_slip_at_its_place_in_both_languages(tmp_path, edit, line, column, english, chinese):
    path = slip(tmp_path, edit)
    code, lines = check(path)
    assert code == 2, lines
    head, excerpt, caret, hint = where(lines)
    assert head.startswith(f"error: {path}:{line}:{column}: ") and english in head, head
    assert caret_column(excerpt, caret) == column, (excerpt, caret)
    assert hint.startswith("  hint: ")
    assert "indentation" not in head and "phone" not in head.split(": ", 2)[1] and "more than the line above" not in head
    code, lines = check(path, "zh")
    head, excerpt, caret, hint = where(lines)
    assert head.startswith(f"错误: {path}:{line}:{column}: ") and chinese in head, head
    assert hint.startswith("  提示: ")


def test_a_long_title_says_it_is_the_title_and_is_counted(tmp_path):
    title = yaml.safe_load(TEXT)["columns"][0]["articles"][1]["title"]
    path = tmp_path / "issue.yaml"
    path.write_text(TEXT.replace(title, title * 3, 1), encoding="utf-8")
    code, lines = check(path)
    warnings = [ln for ln in lines if ln.startswith("warning: ")]
    assert any("the title needs 4 lines; the layout allows 2" in ln for ln in warnings), lines
    summary = lines[-1]
    assert re.search(rf": 0 errors, {len(warnings)} warnings?$", summary), (summary, warnings)
    code, lines = check(path, "zh")
    assert any("标题要排 4 行，版式最多允许 2 行" in ln for ln in lines)
    assert lines[-1].endswith(f"0 处错误，{len(warnings)} 处警告")
