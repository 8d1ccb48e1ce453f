"""Every kind of mistake the schema finds, as the editor sees it: `bulletin-pdf build` prints
FILE:LINE:COLUMN, the field, the message, the source line with a caret under the spot, and the
hint — in English and in Chinese (input/validation.py turns pydantic's findings into these).
Mistakes that break a bound of each kind (`gt`, `ge`, `le`, a length typed with a unit, too
few and too many items, blank text, not finite) go the doubt path of input/accept.py, so these
also check what bounds.Check tells pydantic.

The expected output is written out literally. A caret line is two spaces, the width of the
`NN | ` gutter and the terminal columns of the text before the spot (a CJK character takes
two, UAX #11): counted by hand in the comments.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bulletin_pdf.cli import app

from .conftest import ROOT, SAMPLE

LINES = SAMPLE.read_text(encoding="utf-8").split("\n")
LAYOUT = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
assert LINES[3] == "number: 9" and LINES[71:74] == ["  send_to:", "    - 省人大常委会办公厅、研究室",
                                                     "    - 市人大常委会组成人员，市人大机关各部门，各区、县（市）人大常委会"]
BODY_FACE = "  body: {file: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Serif CJK SC}]}  # stands in for 仿宋_GB2312"
HEADING_4 = '    - {style: {font: body, size: 16, grid: true}, number: "（{n}）", indent: 2}                # （1） 仿宋\n'


def printed(result, path, name) -> list[str]:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    return result.stderr.replace(str(path), name).splitlines()


def issue(tmp_path, lang, first, last, *new) -> list[str]:
    """What `build` prints for the sample issue with its lines first…last (1-based) replaced by `new`."""
    path = tmp_path / "issue.yaml"
    path.write_text("\n".join(LINES[:first - 1] + list(new) + LINES[last:]), encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", lang, "build", str(path), "-o", str(tmp_path / "a.pdf")])
    return printed(result, path, "ISSUE")


def layout(tmp_path, lang, old, new) -> list[str]:
    """What `build` prints for the sample with layouts/jianbao.yaml's `old` replaced by `new`."""
    assert old in LAYOUT
    path = tmp_path / "layout.yaml"
    path.write_text(LAYOUT.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", lang, "build", str(SAMPLE), "--layout", str(path), "-o",
                                      str(tmp_path / "a.pdf")])
    return printed(result, path, "LAYOUT")


def caret(n: int) -> str:
    return " " * n + "^"


# ----------------------------------------------------------------------------- the issue file

ISSUE_CASES = {
    # gt (Positive): the value as typed, the bound, what to give
    "number 0": ((4, 4, "number: 0"), [
        "error: ISSUE:4:9: number: 0 is too small: this field takes more than 0",
        "  4 | number: 0",
        caret(14),                     # 2 + len("4 | ") + len("number: ")
        "  hint: give a value above 0",
    ], [
        "错误: ISSUE:4:9: number: 0 太小：这一项应大于 0",
        "  4 | number: 0",
        caret(14),
        "  提示: 请给出大于 0 的值",
    ]),
    # two mistakes: both, in the file's order, each with its own place and hint
    "two mistakes": ((4, 7, "number: 0", "cumulative: 715", "compiled_by: 杭州市人大常委会研究室编", "date: 2025年9月29日"), [
        "error: ISSUE:4:9: number: 0 is too small: this field takes more than 0",
        "  4 | number: 0",
        caret(14),
        "  hint: give a value above 0",
        "error: ISSUE:7:7: date: expected a date such as 2025-09-29",
        "  7 | date: 2025年9月29日",
        caret(12),
        "  hint: write the date as YYYY-MM-DD, e.g. 2025-10-30",
    ], [
        "错误: ISSUE:4:9: number: 0 太小：这一项应大于 0",
        "  4 | number: 0",
        caret(14),
        "  提示: 请给出大于 0 的值",
        "错误: ISSUE:7:7: date: 这里应是日期，例如 2025-09-29",
        "  7 | date: 2025年9月29日",
        caret(12),
        "  提示: 日期请写成 年-月-日，例如 2025-10-30",
    ]),
    # a mistake that is no range before one that is: the range's hint is still found
    "blank, then out of range": ((2, 4, 'publication: " "', "edition: 普刊", "number: 0"), [
        "error: ISSUE:2:14: publication: must not be empty or blank",
        '  2 | publication: " "',
        caret(19),
        "error: ISSUE:4:9: number: 0 is too small: this field takes more than 0",
        "  4 | number: 0",
        caret(14),
        "  hint: give a value above 0",
    ], None),
    # a pattern (Text: not blank)
    "blank text": ((2, 2, 'publication: " "'), [
        "error: ISSUE:2:14: publication: must not be empty or blank",
        '  2 | publication: " "',
        caret(19),                     # 2 + 4 + 13
    ], [
        "错误: ISSUE:2:14: publication: 不能为空，也不能只有空格",
        '  2 | publication: " "',
        caret(19),
    ]),
    # strict: a number is not text
    "a number for text": ((6, 6, "compiled_by: 5"), [
        "error: ISSUE:6:14: compiled_by: expected text",
        "  6 | compiled_by: 5",
        caret(19),
    ], [
        "错误: ISSUE:6:14: compiled_by: 这里应是文字",
        "  6 | compiled_by: 5",
        caret(19),
    ]),
    # … a comment after it is no `- #…` slip
    "a number for text, and a comment": ((6, 6, "compiled_by: 5  # 编者"), [
        "error: ISSUE:6:14: compiled_by: expected text",
        "  6 | compiled_by: 5  # 编者",
        caret(19),
    ], None),
    # full-width digits and minus typed on a Chinese keyboard
    "full-width digits": ((4, 4, "number: －１"), [
        "error: ISSUE:4:9: number: expected a whole number",
        "  4 | number: －１",
        caret(14),
        "  hint: type numbers with half-width digits: -1",
    ], [
        "错误: ISSUE:4:9: number: 这里应是整数",
        "  4 | number: －１",
        caret(14),
        "  提示: 数字请用半角：-1",
    ]),
    "one of": ((3, 3, "edition: 周刊"), [
        "error: ISSUE:3:10: edition: expected one of 普刊, 专刊, 增刊",
        "  3 | edition: 周刊",
        caret(15),
    ], [
        "错误: ISSUE:3:10: edition: 只能是以下之一：普刊、专刊、增刊",
        "  3 | edition: 周刊",
        caret(15),
    ]),
    # a near name, found with difflib's ratio 0.53 (publ / publication): above our cutoff 0.5,
    # under difflib's default 0.6; the missing field is said first, on the mapping's line
    "unknown, near": ((2, 2, "publ: 杭州人大信息"), [
        "error: ISSUE:2: publication: missing required field",
        "  2 | publ: 杭州人大信息",
        "  hint: add a line `publication: …`",
        "error: ISSUE:2:1: publ: unknown field (did you mean `publication`?)",
        "  2 | publ: 杭州人大信息",
        caret(6),
    ], [
        "错误: ISSUE:2: publication: 缺少必填字段",
        "  2 | publ: 杭州人大信息",
        "  提示: 请补上一行 `publication: …`",
        "错误: ISSUE:2:1: publ: 未知字段（是不是 `publication`？）",
        "  2 | publ: 杭州人大信息",
        caret(6),
    ]),
    # nested: a column's name misspelt — missing `name` at the column's mapping, with its column
    "missing, nested": ((10, 10, "  - nam: 助力攻坚"), [
        "error: ISSUE:10:5: columns[0].name: missing required field",
        "  10 |   - nam: 助力攻坚",
        caret(11),                     # 2 + 5 + 4
        "  hint: add a line `name: …`",
        "error: ISSUE:10:5: columns[0].nam: unknown field (did you mean `name`?)",
        "  10 |   - nam: 助力攻坚",
        caret(11),
    ], [
        "错误: ISSUE:10:5: columns[0].name: 缺少必填字段",
        "  10 |   - nam: 助力攻坚",
        caret(11),
        "  提示: 请补上一行 `name: …`",
        "错误: ISSUE:10:5: columns[0].nam: 未知字段（是不是 `name`？）",
        "  10 |   - nam: 助力攻坚",
        caret(11),
    ]),
    # missing four deep (the second article's title): at that article's `-` line, not its column's
    "missing, deeper": ((21, 21, "      - titel:"), [
        "error: ISSUE:21:9: columns[0].articles[1].title: missing required field",
        "  21 |       - titel:",
        caret(15),                     # 2 + 5 + 8
        "  hint: add a line `title: …`",
        "error: ISSUE:21:9: columns[0].articles[1].titel: unknown field (did you mean `title`?)",
        "  21 |       - titel:",
        caret(15),
    ], None),
    # nothing near: the fields it may be; at the key's line, not its value's (a list below)
    "unknown, nothing near": ((75, 75, "  zzz:", "    - a"), [
        "error: ISSUE:75:3: distribution.zzz: unknown field; known fields: send_to, editor, phone, copies",
        "  75 |   zzz:",
        caret(9),
    ], [
        "错误: ISSUE:75:3: distribution.zzz: 未知字段；可用的字段：send_to, editor, phone, copies",
        "  75 |   zzz:",
        caret(9),
    ]),
    # `- 注: 说明` in a list of text is a mapping {注: 说明}: under the colon
    "text became a field": ((73, 73, "    - 注: 说明"), [
        "error: ISSUE:73:8: distribution.send_to[0]: expected text, but the colon and space after `注` made it a field name",
        "  73 |     - 注: 说明",
        caret(15),                     # 2 + 5 + 6 + 2 (注)
        "  hint: use the full-width colon ： in Chinese text, or put the whole text in double quotes",
    ], [
        "错误: ISSUE:73:8: distribution.send_to[0]: 这里应是文字，但 `注` 后面的“冒号加空格”使它成了字段名",
        "  73 |     - 注: 说明",
        caret(15),
        "  提示: 中文里请用全角冒号“：”，或把整段文字放进英文双引号",
    ]),
    # `- #…` is an empty item and a comment: under the first #, the text after it all quoted
    "a # starts a comment": ((73, 73, "    - #热点#话题"), [
        "error: ISSUE:73:7: distribution.send_to[0]: expected text, but the line is empty after the `-`: a # starts a comment",
        "  73 |     - #热点#话题",
        caret(13),                     # 2 + 5 + 6
        '  hint: put text that starts with # in double quotes: - "#热点#话题"',
    ], [
        "错误: ISSUE:73:7: distribution.send_to[0]: 这里应是文字，但 `-` 后面是空的：# 在这里表示注释",
        "  73 |     - #热点#话题",
        caret(13),
        '  提示: 以 # 开头的文字请放进英文双引号：- "#热点#话题"',
    ]),
    # … its example cut after 16 characters
    "a long comment": ((73, 73, "    - #抄送单位名称很长很长很长很长很长很长很长"), [
        "error: ISSUE:73:7: distribution.send_to[0]: expected text, but the line is empty after the `-`: a # starts a comment",
        "  73 |     - #抄送单位名称很长很长很长很长很长很长很长",
        caret(13),
        '  hint: put text that starts with # in double quotes: - "#抄送单位名称很长很长很长很长很长…"',
    ], [
        "错误: ISSUE:73:7: distribution.send_to[0]: 这里应是文字，但 `-` 后面是空的：# 在这里表示注释",
        "  73 |     - #抄送单位名称很长很长很长很长很长很长很长",
        caret(13),
        '  提示: 以 # 开头的文字请放进英文双引号：- "#抄送单位名称很长很长很长很长很长…"',
    ]),
    # … and not cut at exactly 16 (抄送单位名称 and 很长 five times)
    "a comment of 16": ((73, 73, "    - #抄送单位名称很长很长很长很长很长"), [
        "error: ISSUE:73:7: distribution.send_to[0]: expected text, but the line is empty after the `-`: a # starts a comment",
        "  73 |     - #抄送单位名称很长很长很长很长很长",
        caret(13),
        '  hint: put text that starts with # in double quotes: - "#抄送单位名称很长很长很长很长很长"',
    ], None),
    # min_length of an empty list: the title's lines
    "empty": ((12, 14, "      - title: []"), [
        "error: ISSUE:12:16: columns[0].articles[0].title: must not be empty",
        "  12 |       - title: []",
        caret(22),                     # 2 + 5 + 15
    ], [
        "错误: ISSUE:12:16: columns[0].articles[0].title: 不能为空",
        "  12 |       - title: []",
        caret(22),
    ]),
    # … and cut at 17
    "a comment of 17": ((73, 73, "    - #抄送单位名称很长很长很长很长很长很"), [
        "error: ISSUE:73:7: distribution.send_to[0]: expected text, but the line is empty after the `-`: a # starts a comment",
        "  73 |     - #抄送单位名称很长很长很长很长很长很",
        caret(13),
        '  hint: put text that starts with # in double quotes: - "#抄送单位名称很长很长很长很长很长…"',
    ], None),
    # a number where a list was due: no slip made it text
    "not a list": ((72, 74, "  send_to: 5"), [
        "error: ISSUE:72:12: distribution.send_to: expected a list",
        "  72 |   send_to: 5",
        caret(18),                     # 2 + 5 + 11
        "  hint: write each item on its own line, starting with a dash and a space (`- …`)",
    ], [
        "错误: ISSUE:72:12: distribution.send_to: 这里应是列表（每项以 - 开头）",
        "  72 |   send_to: 5",
        caret(18),
        "  提示: 每一项单独一行，以短横加一个空格（`- …`）开头",
    ]),
}


def cases(table: dict) -> list[tuple[str, str]]:
    """(name, language) of each case, in each language it is written out for."""
    return [(name, lang) for name, (_, english, chinese) in table.items()
            for lang, expected in (("en", english), ("zh", chinese)) if expected is not None]


@pytest.mark.parametrize("name, lang", cases(ISSUE_CASES))
def test_a_mistake_in_the_issue(tmp_path, name, lang):
    edit, english, chinese = ISSUE_CASES[name]
    assert issue(tmp_path, lang, *edit) == (english if lang == "en" else chinese)


# ----------------------------------------------------------------------------- the layout

LAYOUT_CASES = {
    # ge, and a length typed without a unit: its bound as is
    "ge": (("  word_space: 0.25", "  word_space: -0.5"), [
        "error: LAYOUT:24:15: line_rules.word_space: -0.5 is too small: the least this field takes is 0",
        "  24 |   word_space: -0.5",
        caret(21),                     # 2 + 5 + 14
        "  hint: give a value of at least 0",
    ], [
        "错误: LAYOUT:24:15: line_rules.word_space: -0.5 太小：这一项最小是 0",
        "  24 |   word_space: -0.5",
        caret(21),
        "  提示: 请给出不小于 0 的值",
    ]),
    # le: the value as typed (11.50, not 11.5)
    "le": (("  word_space: 0.25", "  word_space: 11.50"), [
        "error: LAYOUT:24:15: line_rules.word_space: 11.50 is too large: the most this field takes is 10",
        "  24 |   word_space: 11.50",
        caret(21),
        "  hint: give a value of at most 10",
    ], [
        "错误: LAYOUT:24:15: line_rules.word_space: 11.50 太大：这一项最大是 10",
        "  24 |   word_space: 11.50",
        caret(21),
        "  提示: 请给出不大于 10 的值",
    ]),
    # a length of 0 with a unit: its bound 0 needs no millimetres
    "zero length": (("  leader_dot: 1.2pt", "  leader_dot: 0pt"), [
        "error: LAYOUT:57:15: contents.leader_dot: 0pt is too small: this field takes more than 0",
        "  57 |   leader_dot: 0pt",
        caret(21),
        "  hint: give a value above 0",
    ], [
        "错误: LAYOUT:57:15: contents.leader_dot: 0pt 太小：这一项应大于 0",
        "  57 |   leader_dot: 0pt",
        caret(21),
        "  提示: 请给出大于 0 的值",
    ]),
    "gt": (("  name_max: 8 ", "  name_max: 0 "), [
        "error: LAYOUT:62:13: contents.name_max: 0 is too small: this field takes more than 0",
        "  62 |   name_max: 0                                  # wider column names g...",
        caret(19),
        "  hint: give a value above 0",
    ], [
        "错误: LAYOUT:62:13: contents.name_max: 0 太小：这一项应大于 0",
        "  62 |   name_max: 0                                  # wider column names g...",
        caret(19),
        "  提示: 请给出大于 0 的值",
    ]),
    # lengths typed with a unit were checked in points: the bound in pt and in mm (1 mm = 72 / 25.4 pt;
    # 5 pt = 1.76 mm, 0.1 pt = 0.035 mm), one error for each field, in the line's order
    "lengths": (("    rules: {top: 1pt, header: 0.5pt, bottom: 1pt}", "    rules: {top: 0.05pt, header: 0.5pt, bottom: 20 mm}"), [
        "error: LAYOUT:137:18: blocks.table.rules.top: 0.05pt is too small: the least this field takes is 0.1 pt (0.04 mm)",
        "  137 |     rules: {top: 0.05pt, header: 0.5pt, bottom: 20 mm}",
        caret(25),                     # 2 + 6 + 17
        "  hint: give a value of at least 0.1 pt (0.04 mm)",
        "error: LAYOUT:137:49: blocks.table.rules.bottom: 20 mm is too large: the most this field takes is 5 pt (1.8 mm)",
        "  137 |     rules: {top: 0.05pt, header: 0.5pt, bottom: 20 mm}",
        caret(56),                     # 2 + 6 + 48
        "  hint: give a value of at most 5 pt (1.8 mm)",
    ], [
        "错误: LAYOUT:137:18: blocks.table.rules.top: 0.05pt 太小：这一项最小是 0.1 pt (0.04 mm)",
        "  137 |     rules: {top: 0.05pt, header: 0.5pt, bottom: 20 mm}",
        caret(25),
        "  提示: 请给出不小于 0.1 pt (0.04 mm) 的值",
        "错误: LAYOUT:137:49: blocks.table.rules.bottom: 20 mm 太大：这一项最大是 5 pt (1.8 mm)",
        "  137 |     rules: {top: 0.05pt, header: 0.5pt, bottom: 20 mm}",
        caret(56),
        "  提示: 请给出不大于 5 pt (1.8 mm) 的值",
    ]),
    # a page side: PDF's largest, 14400 pt; a bare number is in pt, its bound given as is
    "page": (("page: {width: 210mm, height: 297mm}", "page: {width: 20000, height: 6000mm}"), [
        "error: LAYOUT:5:15: page.width: 20000 is too large: the most this field takes is 14400",
        "  5 | page: {width: 20000, height: 6000mm}           # A4",
        caret(20),
        "  hint: give a value of at most 14400",
        "error: LAYOUT:5:30: page.height: 6000mm is too large: the most this field takes is 14400 pt (5080 mm)",
        "  5 | page: {width: 20000, height: 6000mm}           # A4",
        caret(35),
        "  hint: give a value of at most 14400 pt (5080 mm)",
    ], None),
    # missing two deep: at the mapping that lacks it, under its `{`
    "missing": (("page: {width: 210mm, height: 297mm}", "page: {width: 210mm}"), [
        "error: LAYOUT:5:7: page.height: missing required field",
        "  5 | page: {width: 210mm}           # A4",
        caret(12),
        "  hint: add a line `height: …`",
    ], [
        "错误: LAYOUT:5:7: page.height: 缺少必填字段",
        "  5 | page: {width: 210mm}           # A4",
        caret(12),
        "  提示: 请补上一行 `height: …`",
    ]),
    # a length no unit reads: model.parse_length's own words
    "not a length": (("  leader_dot: 1.2pt", "  leader_dot: 3furlongs"), [
        "error: LAYOUT:57:15: contents.leader_dot: expected a length such as 37mm or 16pt",
        "  57 |   leader_dot: 3furlongs",
        caret(21),
    ], [
        "错误: LAYOUT:57:15: contents.leader_dot: 这里应是长度，例如 37mm 或 16pt",
        "  57 |   leader_dot: 3furlongs",
        caret(21),
    ]),
    # not finite
    "nan": (("  heading_style: {font: heading, size: 18, align: center}", "  heading_style: {font: heading, size: .nan, align: center}"), [
        "error: LAYOUT:49:40: contents.heading_style.size: expected an ordinary number",
        "  49 |   heading_style: {font: heading, size: .nan, align: center}",
        caret(46),                     # 2 + 5 + 39
        "  hint: write a number such as 16 (not .nan or .inf)",
    ], [
        "错误: LAYOUT:49:40: contents.heading_style.size: 这里应是普通的数",
        "  49 |   heading_style: {font: heading, size: .nan, align: center}",
        caret(46),
        "  提示: 请写一个数，例如 16（不要写 .nan 或 .inf）",
    ]),
    # min_length and max_length of a list that is not empty: four heading levels
    "too few": ((HEADING_4, ""), [
        "error: LAYOUT:124:3: blocks.headings: at least 4 items; this one has 3",
        "  124 |   headings:                                    # levels 1–4, GB/T 970...",
        caret(10),
    ], [
        "错误: LAYOUT:124:3: blocks.headings: 至少 4 项，这里有 3 项",
        "  124 |   headings:                                    # levels 1–4, GB/T 970...",
        caret(10),
    ]),
    "too many": ((HEADING_4, HEADING_4 + HEADING_4), [
        "error: LAYOUT:124:3: blocks.headings: at most 4 items; this one has 5",
        "  124 |   headings:                                    # levels 1–4, GB/T 970...",
        caret(10),
    ], [
        "错误: LAYOUT:124:3: blocks.headings: 最多 4 项，这里有 5 项",
        "  124 |   headings:                                    # levels 1–4, GB/T 970...",
        caret(10),
    ]),
    "full-width digits": (("  word_space: 0.25", "  word_space: ０．５"), [
        "error: LAYOUT:24:15: line_rules.word_space: expected a number",
        "  24 |   word_space: ０．５",
        caret(21),
        "  hint: type numbers with half-width digits: 0.5",
    ], [
        "错误: LAYOUT:24:15: line_rules.word_space: 这里应是数字",
        "  24 |   word_space: ０．５",
        caret(21),
        "  提示: 数字请用半角：0.5",
    ]),
    "enum": (("  overfull: break ", "  overfull: breek "), [
        "error: LAYOUT:27:13: line_rules.overfull: expected one of break, error",
        "  27 |   overfull: breek                              # or `error`",
        caret(19),
    ], [
        "错误: LAYOUT:27:13: line_rules.overfull: 只能是以下之一：break、error",
        "  27 |   overfull: breek                              # or `error`",
        caret(19),
    ]),
    # `{font： heading}` in a flow mapping nested two deep is one unknown field `font： heading`:
    # said as the colon it is, under it, and `font` not also said missing
    "full-width colon": (("  heading_style: {font: heading, size: 18, align: center}",
                          "  heading_style: {font： heading, size: 18, align: center}"), [
        "error: LAYOUT:49:23: contents.heading_style.font: a full-width colon ： after the field name `font`",
        "  49 |   heading_style: {font： heading, size: 18, align: center}",
        caret(29),                     # 2 + 5 + 22
        "  hint: use a half-width colon and a space after a field name: `font: …`",
    ], [
        "错误: LAYOUT:49:23: contents.heading_style.font: 字段名 `font` 后面用了全角冒号“：”",
        "  49 |   heading_style: {font： heading, size: 18, align: center}",
        caret(29),
        "  提示: 字段名后面请用半角冒号加一个空格：`font: …`",
    ]),
    # … under the first of two colons
    "two full-width colons": (("  heading_style: {font: heading, size: 18, align: center}",
                               "  heading_style: {font：：heading, size: 18, align: center}"), [
        "error: LAYOUT:49:23: contents.heading_style.font: a full-width colon ： after the field name `font`",
        "  49 |   heading_style: {font：：heading, size: 18, align: center}",
        caret(29),
        "  hint: use a half-width colon and a space after a field name: `font: …`",
    ], None),
    # … in a flow mapping over two lines, where YAML reads `chars：` and `28` below it as one
    # name: at the line of the name's start
    "full-width colon, the value below": (("grid: {lines: 22, chars: 28}", "grid: {lines: 22, chars：\n  28}"), [
        "error: LAYOUT:7:24: grid.chars: a full-width colon ： after the field name `chars`",
        "  7 | grid: {lines: 22, chars：",
        caret(29),                     # 2 + 4 + 23
        "  hint: use a half-width colon and a space after a field name: `chars: …`",
    ], None),
    # text where the list of fallbacks was due, made text by a slip at the start of its line
    "a list item typed with ——": ((BODY_FACE, "  body:\n    file: NotoSerifSC-Regular.ttf\n    fallbacks:\n      —— Noto Serif"), [
        "error: LAYOUT:13:7: fonts.body.fallbacks: a list item starts with `——` instead of the half-width dash `-`",
        "  13 |       —— Noto Serif",
        caret(13),                     # 2 + 5 + 6
        "  hint: start a list item with a dash and a space: `- Noto Serif`",
    ], [
        "错误: LAYOUT:13:7: fonts.body.fallbacks: 列表项开头用了 `——`，应为半角短横 `-`",
        "  13 |       —— Noto Serif",
        caret(13),
        "  提示: 列表项请以短横加一个空格开头：`- Noto Serif`",
    ]),
    "a list item without its space": ((BODY_FACE, "  body:\n    file: NotoSerifSC-Regular.ttf\n    fallbacks:\n      -Noto Serif"), [
        "error: LAYOUT:13:8: fonts.body.fallbacks: no space after the dash that starts a list item",
        "  13 |       -Noto Serif",
        caret(14),
        "  hint: start a list item with a dash and a space: `- Noto Serif`",
    ], None),
    # the fields of a face, through the mapping of roles to faces
    "unknown in a mapping of records": (("  body: {file: NotoSerifSC-Regular.ttf,", "  body: {fiel: NotoSerifSC-Regular.ttf,"), [
        "error: LAYOUT:10:10: fonts.body.fiel: unknown field (did you mean `family`?)",
        "  10 |   body: {fiel: NotoSerifSC-Regular.ttf, fallbacks: [{family: Noto Ser...",
        caret(16),
    ], None),
    # the layout's own `file` (where it was read from) is no field to suggest
    "unknown at the top": (("name: jianbao", "name: jianbao\nfiel: x"), [
        "error: LAYOUT:4:1: fiel: unknown field; known fields: name, page, block, grid, fonts, colours, line_rules, "
        "masthead, contents, column_head, title, body, byline, distribution, folio, pagination, output, blocks",
        "  4 | fiel: x",
        caret(6),
    ], None),
}


@pytest.mark.parametrize("name, lang", cases(LAYOUT_CASES))
def test_a_mistake_in_the_layout(tmp_path, name, lang):
    (old, new), english, chinese = LAYOUT_CASES[name]
    assert layout(tmp_path, lang, old, new) == (english if lang == "en" else chinese)


def test_the_error_raised_is_the_first_problem(tmp_path):
    """What `load_issue` raises is located as its first problem (a caller that shows one
    place shows that one), and carries every problem."""
    from bulletin_pdf.errors import InputError
    from bulletin_pdf.input.load import load_issue

    path = tmp_path / "issue.yaml"
    path.write_text("\n".join(LINES[:3] + ["number: 0", "cumulative: -1"] + LINES[5:]), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_issue(path)
    error = caught.value
    assert (error.file, error.line, error.column, error.field) == (str(path), 4, 9, "number")
    assert error.message == "0 is too small: this field takes more than 0" and error.hint == "give a value above 0"
    assert [(e.line, e.field) for e in error.errors()] == [(4, "number"), (5, "cumulative")]
    # … with its hint when that is not a range's (which _range_hints adds again by field)
    path.write_text("\n".join(LINES[:5] + LINES[6:]), encoding="utf-8")        # no compiled_by
    with pytest.raises(InputError) as caught:
        load_issue(path)
    error = caught.value
    assert (error.line, error.column, error.field) == (2, None, "compiled_by")     # the mapping that lacks it
    assert error.message == "missing required field" and error.hint == "add a line `compiled_by: …`"
