"""Issue 11, "Errors an editor understands": each YAML mistake the issue lists, typed into the
sample issue as an editor types it, is reported through the real CLI at its real line and
column, with the source line, a caret under the spot and what to do — in English, and in
Chinese when the locale or `--lang` says so.

The expected output is written out literally. A caret line is two spaces, the width of the
`NN | ` gutter and the terminal columns of the text before the spot (a CJK character or a
full-width space takes two, UAX #11) — counted by hand in each comment.
"""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bulletin_pdf.cli import app
from bulletin_pdf.errors import InputError
from bulletin_pdf.input.load import load_issue
from bulletin_pdf.messages import CATALOGUE, Message, language, render

from .conftest import SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
STARS = LINES[17]          # line 18: `          - "**一是找准服务发展新质生产力“主阵地”。**…"`
BYLINE = LINES[14]         # line 15: `        byline: 上城区人大常委会办公室`
assert STARS.startswith('          - "**一是找准') and BYLINE == "        byline: 上城区人大常委会办公室"


def edit(tmp_path, line: int, *new: str):
    """The sample issue with its line `line` (1-based) replaced by `new` lines."""
    lines = LINES[:line - 1] + list(new) + LINES[line:]
    path = tmp_path / "issue.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def report(path, *options: str, env: dict | None = None) -> list[str]:
    """What `bulletin-pdf [options] build ISSUE` prints, the file's path written ISSUE."""
    result = CliRunner().invoke(app, [*options, "build", str(path), "-o", str(path.with_suffix(".pdf"))], env=env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr and not path.with_suffix(".pdf").exists()
    return result.stderr.replace(str(path), "ISSUE").splitlines()


def pyyaml_line(path) -> int:
    """The line PyYAML itself blames (to show that ours is another, the real one)."""
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    return caught.value.problem_mark.line + 1


# ----------------------------------------------------------------------------- the issue's cases

def test_unquoted_stars(tmp_path):
    # PyYAML: "expected alphabetic or numeric character, but found '*'" at the second *
    path = edit(tmp_path, 18, STARS.replace('- "**', "- **").removesuffix('"'))
    assert report(path) == [
        "error: ISSUE:18:13: columns[0].articles[0].body[1]: text that starts with ** must be in quotes",
        "  18 |           - **一是找准服务发展新质生产力“主阵地”。**紧跟省市人大助力...",
        " " * 19 + "^",           # 2 + len("18 | ") + 12 spaces: under the first *
        '  hint: put the whole text in double quotes: - "**一是找准服务发展新质生产力“…"',
    ]
    assert report(path, "--lang", "zh") == [
        "错误: ISSUE:18:13: columns[0].articles[0].body[1]: 以 ** 开头的文字必须加引号",
        "  18 |           - **一是找准服务发展新质生产力“主阵地”。**紧跟省市人大助力...",
        " " * 19 + "^",
        '  提示: 请把整段文字放进英文双引号：- "**一是找准服务发展新质生产力“…"',
    ]


def test_note_with_a_colon_became_a_field(tmp_path):
    # PyYAML reads `注: …` as a mapping {注: …}; pydantic said only "expected text"
    path = edit(tmp_path, 18, STARS, "          - 注: 本文数据截至8月底。")
    assert report(path) == [
        "error: ISSUE:19:14: columns[0].articles[0].body[2]: expected text, but the colon and space after `注` "
        "made it a field name",
        "  19 |           - 注: 本文数据截至8月底。",
        " " * 21 + "^",           # 2 + 5 + 12 + 2 (注): under the colon
        "  hint: use the full-width colon ： in Chinese text, or put the whole text in double quotes",
    ]
    assert report(path, "--lang", "zh") == [
        "错误: ISSUE:19:14: columns[0].articles[0].body[2]: 这里应是文字，但 `注` 后面的“冒号加空格”使它成了字段名",
        "  19 |           - 注: 本文数据截至8月底。",
        " " * 21 + "^",
        "  提示: 中文里请用全角冒号“：”，或把整段文字放进英文双引号",
    ]


def test_tab_in_the_indentation(tmp_path):
    # PyYAML: "found character '\t' that cannot start any token"
    path = edit(tmp_path, 15, "\t" + BYLINE.lstrip())
    assert report(path) == [
        "error: ISSUE:15:1: a tab in the indentation",
        "  15 |  byline: 上城区人大常委会办公室",       # the tab shown as one space
        " " * 7 + "^",
        "  hint: indent with spaces, not full-width spaces or tabs",
    ]


def test_articles_at_the_margin(tmp_path):
    path = edit(tmp_path, 11, "articles:")
    assert pyyaml_line(path) == 37            # 26 lines below the mistake
    assert report(path) == [
        "error: ISSUE:11:1: columns[0].articles: `articles` is indented 0 spaces, but `name` on line 10, the field it goes with, "
        "is indented 4",
        "  11 | articles:",
        " " * 7 + "^",
        "  hint: indent `articles` by 4 spaces, as `name` above",
    ]
    assert report(path, "--lang", "zh") == [
        "错误: ISSUE:11:1: columns[0].articles: `articles` 缩进了 0 个空格，而与它同级的第 10 行 `name` 缩进 4 个空格",
        "  11 | articles:",
        " " * 7 + "^",
        "  提示: 请把 `articles` 缩进 4 个空格，与上面的 `name` 对齐",
    ]


@pytest.mark.parametrize("spaces", [1, 3, 6])
def test_articles_indented_wrongly(tmp_path, spaces):
    path = edit(tmp_path, 38, " " * spaces + "articles:")      # the second column's
    lines = report(path)
    assert lines[0] == (f"error: ISSUE:38:{min(spaces, 4) + 1}: columns[1].articles: `articles` is indented {spaces} spaces, but `name` "
                        "on line 37, the field it goes with, is indented 4")
    assert lines[2] == " " * (7 + min(spaces, 4)) + "^"
    assert lines[3] == "  hint: indent `articles` by 4 spaces, as `name` above"


def test_fullwidth_colon_after_a_field_name(tmp_path):
    path = edit(tmp_path, 15, BYLINE.replace(": ", "：", 1))
    assert pyyaml_line(path) == 16            # PyYAML: one line off
    assert report(path) == [
        "error: ISSUE:15:15: columns[0].articles[0].byline: a full-width colon ： after the field name `byline`",
        "  15 |         byline：上城区人大常委会办公室",
        " " * 21 + "^",           # 2 + 5 + 8 + 6 (byline): under ：
        "  hint: use a half-width colon and a space after a field name: `byline: …`",
    ]
    assert report(path, env={"LANG": "zh_CN.UTF-8"}) == [
        "错误: ISSUE:15:15: columns[0].articles[0].byline: 字段名 `byline` 后面用了全角冒号“：”",
        "  15 |         byline：上城区人大常委会办公室",
        " " * 21 + "^",
        "  提示: 字段名后面请用半角冒号加一个空格：`byline: …`",
    ]


@pytest.mark.parametrize("indent, column, caret", [
    ("　　　　", 1, 7),                # four full-width spaces: under the first
    ("      　", 7, 13),              # six spaces and a full-width one: under it
])
def test_fullwidth_space_in_the_indentation(tmp_path, indent, column, caret):
    path = edit(tmp_path, 15, indent + BYLINE.lstrip())
    assert report(path) == [
        f"error: ISSUE:15:{column}: a full-width space in the indentation",
        f"  15 | {indent}byline: 上城区人大常委会办公室",
        " " * caret + "^",
        "  hint: indent with spaces, not full-width spaces or tabs",
    ]


def test_title_of_three_lines(tmp_path):
    # pydantic: "Value should have at most 2 items after validation, not 3"
    path = edit(tmp_path, 14, LINES[13], "          - 第三行")
    assert report(path) == [
        "error: ISSUE:12:9: columns[0].articles[0].title: a title has at most 2 lines; this one has 3",
        "  12 |       - title:",
        " " * 15 + "^",
        "  hint: join or shorten the lines of the title",
    ]
    assert report(path, "--lang", "zh") == [
        "错误: ISSUE:12:9: columns[0].articles[0].title: 标题最多 2 行，这里有 3 行",
        "  12 |       - title:",
        " " * 15 + "^",
        "  提示: 请合并或缩短标题的各行",
    ]


def test_date_that_does_not_exist(tmp_path):
    # PyYAML: "month must be in 1..12", with no line and no field
    path = edit(tmp_path, 7, "date: 2025-13-01")
    assert report(path) == [
        "error: ISSUE:7:7: date: 2025-13-01 is not a date: there is no month 13",
        "  7 | date: 2025-13-01",
        " " * 12 + "^",
        "  hint: write the date as YYYY-MM-DD, e.g. 2025-10-30",
    ]
    assert report(path, "--lang", "zh") == [
        "错误: ISSUE:7:7: date: 2025-13-01 不是有效日期：没有 13 月",
        "  7 | date: 2025-13-01",
        " " * 12 + "^",
        "  提示: 日期请写成 年-月-日，例如 2025-10-30",
    ]
    path = edit(tmp_path, 7, "date: 2024-02-30")
    assert report(path)[0] == "error: ISSUE:7:7: date: 2024-02-30 is not a date: 2024-02 has 29 days"


# ----------------------------------------------------------------------------- other slips found by trying

@pytest.mark.parametrize("line, new, headline, caret, hint", [
    # a quotation mark left open at the end of a paragraph: the text runs on to the next one
    (18, STARS.removesuffix('"'), "18:13: columns[0].articles[0].body[1]: this quotation mark is never closed", 19,
     'end the text with the same quotation mark ("), on the line where it starts'),
    # … or to the end of the file
    (75, '  editor: "杨青青', "75:11: distribution.editor: this quotation mark is never closed", 17,
     'end the text with the same quotation mark ("), on the line where it starts'),
    # straight quotes inside quoted text end it early
    (17, '          - "钱袋子"工程让群众受益。', "17:17: columns[0].articles[0].body[0]: the quoted text ends here, but the line goes on", 26,
     'in Chinese text write quotation marks as “ ” (e.g. “钱袋子”); to keep a " inside a quoted text, write it as \\"'),
    # `: ` inside a title
    (12, "      - title: 上城区: 打好组合拳", "12:19: columns[0].articles[0].title: a colon and a space inside text: YAML reads the text before "
     "it as a field name", 28, "use the full-width colon ： in Chinese text, or put the whole text in double quotes"),
    # a paragraph pasted without its `- `
    (18, STARS[:10] + STARS[12:], "18:11: columns[0].articles[0].body: a line of text where a field or a list item should be", 17,
     "start a paragraph with a dash and a space (`- …`), or join this line to the one above"),
    # … the first one: YAML reads it and the paragraphs below as one text
    (17, "          今年以来，上城区人大常委会。", "17:11: columns[0].articles[0].body: a line of text where a field or a "
     "list item should be", 17, "start a paragraph with a dash and a space (`- …`), or join this line to the one above"),
    # a paragraph indented deeper than the one above: YAML reads it as more of that one's text
    (18, "  " + STARS, "18:13: columns[0].articles[0].body[0]: this line was read as more text of line 17, not as a "
     "field or a list item", 19, "line it up, with spaces only, with the field or the `-` it belongs with"),
    # a field indented deeper than the title: YAML reads it as more of the title
    (21, (LINES[20], "          byline：西湖区人大常委会办公室"), "22:17: columns[0].articles[1].title: a full-width "
     "colon ： after the field name `byline`", 23, "use a half-width colon and a space after a field name: `byline: …`"),
    # no space after the colon of a field
    (15, "        byline:上城区人大常委会办公室", "15:16: columns[0].articles[0].byline: no space after the colon of `byline`", 22,
     "put a space after the colon: `byline: …`"),
    # no space after the dash (YAML reads the paragraphs as one text, not a list)
    (17, "          -今年以来，上城区人大常委会。", "17:12: columns[0].articles[0].body: no space after the dash that "
     "starts a list item", 18, "start a list item with a dash and a space: `- 今年以来，上城区人大常委会。`"),
    # shift+- in a Chinese input method types —— for -
    (17, "          —— 今年以来。", "17:11: columns[0].articles[0].body: a list item starts with `——` instead of the "
     "half-width dash `-`", 17, "start a list item with a dash and a space: `- 今年以来。`"),
    # a # at the start of text begins a comment: the paragraph would be lost
    (17, "          - #热点 今年以来。", "17:13: columns[0].articles[0].body[0]: expected text, but the line is empty "
     "after the `-`: a # starts a comment", 19, 'put text that starts with # in double quotes: - "#热点 今年以来。"'),
    # a paragraph's `-` two spaces left of its neighbours'
    (18, STARS[2:], "18:9: columns[0].articles[0].body[1]: this item's `-` is indented 8 spaces, but the `-` of the item above it (line 17) is "
     "indented 10", 15, "indent the `-` by 10 spaces, as the item above"),
    # numbers and dates typed with a Chinese keyboard
    (4, "number: ９", "4:9: number: expected a whole number", 14, "type numbers with half-width digits: 9"),
    (7, "date: 2025年9月29日", "7:7: date: expected a date such as 2025-09-29", 12,
     "write the date as YYYY-MM-DD, e.g. 2025-10-30"),
    # the date in quotes is text: the hint says so, not to write the format it has
    (7, 'date: "2025-10-30"', "7:7: date: expected a date such as 2025-09-29", 12,
     "remove the quotes: `date: 2025-10-30` (in quotes it is text, not a date)"),
    # an invisible zero-width space (copied from a web page) before a line's text: named, at its place
    (10, "\u200b  - name: 助力攻坚", "10:1: an invisible character, <ZERO WIDTH SPACE> (U+200B), stands before "
     "this line's text", 7, "delete it: it usually comes with text copied from a web page or a chat (in an editor "
     "that does not show it, delete the start of the line and type it again)"),
    # a field name without its colon (`byline 上城区…`, `body` alone)
    (15, "        byline 上城区人大常委会办公室", "15:15: columns[0].articles[0]: the field name `byline` has no colon "
     "after it", 21, "use a half-width colon and a space after a field name: `byline: …`"),
    (16, "        body", "16:13: columns[0].articles[0]: the field name `body` has no colon after it", 19,
     "use a half-width colon and a space after a field name: `body: …`"),
    # a list in [ ] not closed
    (73, "    - [省人大常委会办公厅", "73:7: distribution.send_to[0]: the `[` that starts this text opens a list that is never closed", 13,
     'end the list with `]` on the same line; if it is text, put it in double quotes: - "[省人大常委会办公厅"'),
])
def test_other_slips(tmp_path, line, new, headline, caret, hint):
    path = edit(tmp_path, line, *((new,) if isinstance(new, str) else new))
    lines = report(path)
    assert lines[0] == "error: ISSUE:" + headline
    assert lines[2] == " " * caret + "^"
    assert lines[3] == "  hint: " + hint


@pytest.mark.parametrize("extra, caret", [(2, 13), (6, 13), (-2, 11), (-6, 7)])
def test_an_article_pasted_out_of_line(tmp_path, extra, caret):
    """The issue: a Word article pasted below an article gave "mapping values are not allowed
    here". `docx` prints it for an indent of 6; pasted with `extra` spaces more (or fewer)."""
    article = ["      - title: 新文章标题", "        byline: 某某办公室", "        body:", "          - 第一段。"]
    pasted = [" " * extra + line if extra > 0 else line[-extra:] for line in article]
    path = edit(tmp_path, 35, LINES[34], *pasted)          # after the first column's last article
    assert report(path) == [
        f"error: ISSUE:36:{min(6, 6 + extra) + 1}: columns[0].articles[3].title: this item's `-` is indented {6 + extra} spaces; for `title` to "
        "line up with `body` on line 32, it must be indented 6",
        "  36 | " + pasted[0],
        " " * caret + "^",
        "  hint: indent the `-` by 6 spaces",
    ]


def test_a_second_error_in_the_same_file_is_not_blamed_first(tmp_path):
    """A slip below the first one does not move the place of the first."""
    path = edit(tmp_path, 15, BYLINE.replace(": ", "：", 1), *LINES[15:22], "\tbyline: x")
    assert report(path)[0].startswith("error: ISSUE:15:15: columns[0].articles[0].byline: a full-width colon")


# ----------------------------------------------------------------------------- the language

def test_the_locale_picks_the_language_and_lang_overrides_it(tmp_path):
    path = edit(tmp_path, 7, "date: 2025-13-01")
    chinese, english = "错误: ISSUE:7:7: date: 2025-13-01 不是有效日期：没有 13 月", \
        "error: ISSUE:7:7: date: 2025-13-01 is not a date: there is no month 13"
    assert report(path, env={"LANG": "zh_CN.UTF-8"})[0] == chinese
    assert report(path, env={"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"})[0] == chinese
    assert report(path, env={"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})[0] == english     # LC_ALL first
    assert report(path, "--lang", "en", env={"LANG": "zh_CN.UTF-8"})[0] == english
    assert report(path, "--lang", "zh", env={"LANG": "en_GB.UTF-8"})[0] == chinese


def test_a_message_without_a_translation_prints_in_english(tmp_path):
    """A plain str (a message not in the catalogue yet) is printed as written; the labels
    around it are still the reader's (tests/test_lang_zh.py keeps such messages out of what
    the editor's commands print)."""
    from bulletin_pdf.errors import InputError

    assert render("a message not in the catalogue", "zh") == "a message not in the catalogue"
    assert InputError("plain", file="a.yaml", hint="do this").details("zh") == ["  提示: do this"]
    result = CliRunner().invoke(app, ["--lang", "zh", "build", str(edit(tmp_path, 7, LINES[6])), "--layout", "nosuch"])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误: 没有名为“nosuch”的版式")


def test_language_rule():
    assert language(None, {}) == "en"
    assert language(None, {"LANG": "zh_CN.GB18030"}) == "zh"
    assert language(None, {"LC_ALL": "", "LANG": "zh_HK.UTF-8"}) == "zh"      # empty means unset
    assert language("en", {"LANG": "zh_CN.UTF-8"}) == "en"


def test_every_message_has_both_languages_with_the_same_placeholders():
    def names(template):     # `{n_s}`, the English plural of `{n}`, has no Chinese form
        return {f.removesuffix("_s") for _, f, _, _ in string.Formatter().parse(template) if f}

    for key, (en, zh) in CATALOGUE.items():
        assert en and zh and names(en) == names(zh), key
        # the English names a bulletin's own parts and numbers in Chinese (版记, 孤字, 信息摘登,
        # 第9期, 一是), and shows Chinese examples; nothing else of it is Chinese
        for term in ("注", "钱袋子", "版记", "孤字", "信息摘登", "王　昆", "1—9月", "等等", "某某区人大常委会办公室",
                     "王某", "总第", "第", "期", "是",
                     "主要指标", "指标", "金额", "增长", "一、", "（一）"):
            en = en.replace(term, "")
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), key


def test_a_message_is_its_english_text():
    message = Message("schema.title_lines", max=2, n=3)
    assert message == "a title has at most 2 lines; this one has 3" and isinstance(message, str)
    assert render(message, "zh") == "标题最多 2 行，这里有 3 行"
    assert render("plain text", "zh") == "plain text"
    assert render(Message("schema.one_of", options=("普刊", "专刊")), "zh") == "只能是以下之一：普刊、专刊"


# ----------------------------------------------------------------------------- any slip, anywhere

SLIPS = ["\t", "\u3000", "：", '"', "'", "*", "**", "[", "{", ":", ": ", "-", "- ", "#", " ", "  ", "&", "|", "——", "\n"]


@given(line=st.integers(1, len(LINES)), where=st.floats(0, 1), slip=st.sampled_from(SLIPS))
@example(line=18, where=0.0, slip="")            # the sample itself loads
@example(line=10, where=0.1, slip='"')           # a quote opened before `- name:` runs into line 18
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_slip_is_placed_inside_the_file(tmp_path, line, where, slip):
    """Whatever one slip does to the sample, the error is an InputError placed on a line of the
    file and a column of that line (or none), with its source line, never an exception of ours."""
    text = LINES[line - 1]
    cut = round(where * len(text))
    path = edit(tmp_path, line, text[:cut] + slip + text[cut:])
    source = path.read_text(encoding="utf-8").split("\n")
    try:
        load_issue(path)
    except InputError as exc:
        for problem in exc.errors():
            assert problem.file == str(path) and problem.line and 1 <= problem.line <= len(source)
            assert problem.excerpt == source[problem.line - 1]
            assert problem.column is None or 1 <= problem.column <= len(problem.excerpt) + 1
            assert problem.details() and problem.headline("zh")


def test_the_docs_show_what_the_cli_prints(tmp_path):
    """The examples of docs/commands.md, "Errors and messages", are the real output for its three
    mistakes, fixed one after the other: `byline：`, unquoted `**一是…`, a third title line (in
    content/2025-10.yaml)."""
    doc = (SAMPLE.parents[1] / "docs/commands.md").read_text(encoding="utf-8")
    blocks = [b.split("\n```", 1)[0] for b in doc.split("```\n")[1:]]
    english = next(b for b in blocks if b.startswith("error: content/2025-10.yaml")).splitlines()
    chinese = next(b for b in blocks if b.startswith("错误: content/2025-10.yaml")).splitlines()
    (tmp_path / "content").mkdir()
    lines = LINES[:13] + [LINES[13], "          - 第三行", BYLINE.replace(": ", "：", 1)] + LINES[15:17] + \
        [STARS.replace('- "**', "- **").removesuffix('"')] + LINES[18:]
    fixes = [(16, BYLINE), (19, STARS), (None, None)]
    seen = {"en": [], "zh": []}
    path = tmp_path / "content" / "2025-10.yaml"
    for line, fixed in fixes:
        path.write_text("\n".join(lines), encoding="utf-8")
        for lang in seen:
            result = CliRunner().invoke(app, ["--lang", lang, "build", str(path), "-o", str(tmp_path / "x.pdf")])
            seen[lang] += result.stderr.replace(str(path), "content/2025-10.yaml").splitlines()
        if line:
            lines[line - 1] = fixed
    assert english == seen["en"]
    assert all(chinese[k:k + 4] in [seen["zh"][j:j + 4] for j in range(0, len(seen["zh"]), 4)]
               for k in range(0, len(chinese), 4))


def test_warnings_take_the_language_of_their_label(tmp_path):
    from .test_cli_errors import GOOD, LONG

    path = tmp_path / "issue.yaml"
    path.write_text(GOOD.replace("这是一段正文。", LONG), encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "zh", "build", str(path), "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code == 0
    assert f"警告: {path}:13: columns[0].articles[0].body[0]：不拆开就排不下一行" in result.stderr


@pytest.mark.parametrize("old, new, headline, caret", [
    # a field of the layout typed with ：, far below comments that hold `: ` (not text: comments)
    ("\nbyline:\n", "\nbyline：\n", "89:7: byline: a full-width colon ： after the field name `byline`", 13),
    # … inside a flow mapping, where YAML reads `chars： 28` as one unknown field
    ("grid: {lines: 22, chars: 28}", "grid: {lines: 22, chars： 28}",
     "7:24: grid.chars: a full-width colon ： after the field name `chars`", 29),
])
def test_slips_in_a_layout(tmp_path, old, new, headline, caret):
    layout = (SAMPLE.parents[1] / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    assert old in layout
    path = tmp_path / "layout.yaml"
    path.write_text(layout.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(SAMPLE), "--layout", str(path), "-o", str(tmp_path / "a.pdf")])
    lines = result.stderr.replace(str(path), "LAYOUT").splitlines()
    assert result.exit_code == 2 and len(lines) == 4          # one error, not also `chars` missing
    assert lines[0] == "error: LAYOUT:" + headline
    assert lines[2] == " " * caret + "^"


KEY_LINES = [n for n, text in enumerate(LINES, 1) if re.match(r"\s*(- )?[a-z_]+: \S", text)]
INDENTED = [n for n, text in enumerate(LINES, 1) if re.match(r"  +\S", text)]


@given(line=st.sampled_from(KEY_LINES), lang=st.sampled_from(["en", "zh"]))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_fullwidth_colon_is_found_on_any_field_line(tmp_path, line, lang):
    """`key：value` on any field line of the sample: reported on that line, under the ：."""
    text = LINES[line - 1].replace(": ", "：", 1)
    with pytest.raises(InputError) as caught:
        load_issue(edit(tmp_path, line, text))
    error = caught.value
    assert (error.line, error.column) == (line, text.index("：") + 1)
    assert error.message.id == "yaml.fullwidth_colon"


@given(line=st.sampled_from(INDENTED), slip=st.sampled_from(["\t", "\u3000"]), keep=st.integers(0, 12))
@example(line=73, slip="\u3000", keep=3)     # YAML took `　- 省人大…` as more text of `send_to:`, silently
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_tab_or_fullwidth_space_in_any_indent_is_found_there(tmp_path, line, slip, keep):
    """One space of any indented line typed as a tab or a full-width space: reported on that
    line, under it."""
    text = LINES[line - 1]
    indent = len(text) - len(text.lstrip(" "))
    at = min(keep, indent - 1)
    with pytest.raises(InputError) as caught:
        load_issue(edit(tmp_path, line, text[:at] + slip + text[at + 1:]))
    assert (caught.value.line, caught.value.column) == (line, at + 1)
    assert caught.value.hint == "indent with spaces, not full-width spaces or tabs"


def test_an_empty_or_comment_only_issue_file_is_said_at_line_one_with_what_to_do(tmp_path):
    """An issue file with no field (empty, or comments only: a file saved before it was
    written) is said at its first line, with how an issue file is started."""
    path = tmp_path / "issue.yaml"
    for text, said in (("", "the file is empty"), ("# 2025年第10期\n\n# 待填写\n", "the file holds only comments")):
        path.write_text(text, encoding="utf-8")
        lines = report(path)
        assert lines[0].startswith(f"error: ISSUE:1: {said}"), lines
        assert any(ln.startswith("  hint: an issue file is best started from last month's: bulletin-pdf new") for ln in lines)
