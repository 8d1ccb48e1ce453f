"""The words of our messages, in English and Chinese (issue 11, "Errors an editor understands").

A `Message` is the English text itself (a `str`, so any code that prints, joins or compares
it sees English) that also remembers its id and parameters, so the CLI can print it in the
reader's language with `render(message, lang)`. A plain `str` message — one without an entry
here yet — is printed as written, in English: adding a translation never blocks adding a
message.

The catalogue is one table, id → (English, Chinese), with `str.format` placeholders; a
placeholder that is a tuple is joined with ", " in English and "、" in Chinese, one that is a
`Message` is rendered in the same language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

CATALOGUE: dict[str, tuple[str, str]] = {
    # labels the CLI prints before a message
    "label.error": ("error", "错误"),
    "label.hint": ("hint", "提示"),
    "label.warning": ("warning", "警告"),

    # YAML slips (input/slips.py): what is wrong at the caret …
    "yaml.tab": ("a tab in the indentation", "缩进里有制表符（Tab）"),
    "yaml.fullwidth_space": ("a full-width space in the indentation", "缩进里有全角空格"),
    "yaml.tab_in_text": ("a tab inside the text: YAML cannot read a tab after a space or a mark there",
                         "文字里有制表符（Tab）：YAML 在这里读不了它"),
    "hint.tab_in_text": ("delete the tab (type a space if a gap is meant), or put the whole text in double quotes",
                         "请删去制表符（要空开就打一个空格），或把整段文字放进英文双引号"),
    "yaml.text_and_items": ("`{key}:` has its text on the same line and list items below it: YAML reads the items "
                            "as more of that text",
                            "`{key}:` 后面同一行写了文字，下面又有列表项：YAML 会把这些列表项当作这段文字的延续"),
    "hint.text_and_items": ("put the text on a line of its own under `{key}:`, as its first item: `- {text}`",
                            "请把这段文字移到 `{key}:` 的下一行，作为第一项：`- {text}`"),
    "yaml.list_missing": ("`- {key}:` begins one of the `{list}:` entries, but there is no line `{list}:` above it: "
                          "YAML reads it as part of `{above}:` on line {line}",
                          "`- {key}:` 是 `{list}:` 下面的一项，但它上面缺少 `{list}:` 这一行：YAML 把它当作第 {line} 行 `{above}:` 的一部分"),
    "hint.list_missing": ("add a line `{list}:` above it, indented as `{above}:`",
                          "请在它上面加一行 `{list}:`，缩进与 `{above}:` 相同"),
    "yaml.item_misplaced": ("`- {key}:` begins one of the `{list}:` entries, but it stands after `{above}:` "
                            "(line {line}), where no `{list}:` can go",
                            "`- {key}:` 是 `{list}:` 下面的一项，却放在了第 {line} 行 `{above}:` 后面，那里不能有 `{list}:`"),
    "hint.item_misplaced": ("move it, with the lines that belong to it, under the `{list}:` of its column "
                            "(the 版记, `distribution:`, comes last)",
                            "请把它连同下面属于它的各行，移到所属栏目的 `{list}:` 下面（版记 `distribution:` 要放在最后）"),
    "inline.unclosed": ("this `**` opens bold text that is never closed", "这个 `**` 开始的加粗文字没有结束"),
    "hint.inline_unclosed": ("end the bold text with `**` (e.g. `**…。**`), or delete this `**`",
                             "请在加粗文字末尾补上 `**`（例如 **一是……。**），或删去这个 `**`"),
    "yaml.odd_space": ("a {name} in the indentation", "缩进里有特殊空格（{name}）"),
    "yaml.fullwidth_colon": ("a full-width colon ： after the field name `{key}`",
                             "字段名 `{key}` 后面用了全角冒号“：”"),
    "yaml.colon_space": ("no space after the colon of `{key}`", "`{key}` 的冒号后面缺少空格"),
    "yaml.dash_space": ("no space after the dash that starts a list item", "列表项开头的短横 `-` 后面缺少空格"),
    "yaml.fullwidth_dash": ("a list item starts with `{dash}` instead of the half-width dash `-`",
                            "列表项开头用了 `{dash}`，应为半角短横 `-`"),
    "yaml.stars": ("text that starts with ** must be in quotes", "以 ** 开头的文字必须加引号"),
    "yaml.sign": ("text that starts with '{char}' must be in quotes (YAML reads '{char}' there as a sign)",
                  "以“{char}”开头的文字必须加引号（YAML 把开头的“{char}”当作符号）"),
    "yaml.quote_ends_early": ("the quoted text ends here, but the line goes on",
                              "引号在这里就结束了，但这一行还没有完"),
    "yaml.quote_unclosed": ("this quotation mark is never closed", "这个引号没有结束"),
    "yaml.colon_in_text": ("a colon and a space inside text: YAML reads the text before it as a field name",
                           "文字里有“冒号加空格”：YAML 会把冒号前面的部分当作字段名"),
    "yaml.align": ("`{key}` is indented {have} spaces, but `{sibling}` on line {line}, the field it goes with, "
                   "is indented {want}",
                   "`{key}` 缩进了 {have} 个空格，而与它同级的第 {line} 行 `{sibling}` 缩进 {want} 个空格"),
    "yaml.item_align": ("this item's `-` is indented {have} spaces, but the `-` of the item above it (line {line}) "
                        "is indented {want}",
                        "这一项的 `-` 缩进了 {have} 个空格，而上面一项（第 {line} 行）的 `-` 缩进 {want} 个空格"),
    "yaml.item_key_align": ("this item's `-` is indented {have} spaces; for `{key}` to line up with `{sibling}` "
                            "on line {line}, it must be indented {want}",
                            "这一项的 `-` 缩进了 {have} 个空格；要让 `{key}` 与第 {line} 行的 `{sibling}` 对齐，"
                            "`-` 应缩进 {want} 个空格"),
    "yaml.folded": ("this line was read as more text of line {line}, not as a field or a list item",
                    "这一行被当作第 {line} 行文字的延续，而不是字段或列表项"),
    "yaml.deeper": ("this line is indented more than the line above allows", "这一行的缩进比上一行允许的更深"),
    "yaml.misaligned": ("this line does not line up with the lines above", "这一行没有与上面的行对齐"),
    "yaml.not_item": ("a line of text where a field or a list item should be",
                      "这里应是字段或列表项，却是一行文字"),
    "yaml.unclosed_bracket": ("the `{char}` that starts this text opens a list that is never closed",
                              "这段文字开头的 `{char}` 开始了一个列表，但没有结束"),
    "yaml.other": ("the file's structure is broken here (the YAML reader says: {problem})",
                   "文件结构在这里出错（YAML 解析器报告：{problem}）"),
    # … and what to do about it
    "hint.spaces": ("indent with spaces, not full-width spaces or tabs",
                    "请用半角空格缩进，不要用全角空格或制表符"),
    "hint.halfwidth_colon": ("use a half-width colon and a space after a field name: `{key}: …`",
                             "字段名后面请用半角冒号加一个空格：`{key}: …`"),
    "hint.colon_space": ("put a space after the colon: `{key}: …`", "请在冒号后面加一个空格：`{key}: …`"),
    "hint.dash_space": ("start a list item with a dash and a space: `- {text}`",
                        "列表项请以短横加一个空格开头：`- {text}`"),
    "hint.quote": ('put the whole text in double quotes: {example}', '请把整段文字放进英文双引号：{example}'),
    "hint.quote_inside": ('in Chinese text write quotation marks as “ ” (e.g. “钱袋子”); to keep a " inside '
                          'a quoted text, write it as \\"',
                          '中文里的引号请用“ ”（例如“钱袋子”）；如要在加了引号的文字里保留 "，请写成 \\"'),
    "hint.close_quote": ("end the text with the same quotation mark ({quote}), on the line where it starts",
                         "请在这段文字末尾（同一行）补上同样的引号（{quote}）"),
    "hint.close_bracket": ("end the list with `{close}` on the same line; if it is text, put it in double quotes: "
                           "{example}",
                           "请在同一行用 `{close}` 结束列表；如果这是文字，请把整段文字放进英文双引号：{example}"),
    "hint.colon_in_text": ("use the full-width colon ： in Chinese text, or put the whole text in double quotes",
                           "中文里请用全角冒号“：”，或把整段文字放进英文双引号"),
    "hint.align": ("indent `{key}` by {want} spaces, as `{sibling}` above", "请把 `{key}` 缩进 {want} 个空格，与上面的 `{sibling}` 对齐"),
    "hint.item_align": ("indent the `-` by {want} spaces, as the item above", "请把 `-` 缩进 {want} 个空格，与上面一项对齐"),
    "hint.dash_indent": ("indent the `-` by {want} spaces", "请把 `-` 缩进 {want} 个空格"),
    "hint.line_up": ("line it up, with spaces only, with the field or the `-` it belongs with",
                     "请只用半角空格，把它与所属的字段或 `-` 对齐"),
    "hint.not_item": ("start a paragraph with a dash and a space (`- …`), or join this line to the one above",
                      "段落请以短横加空格（`- …`）开头，或把这一行接到上一行末尾"),
    "hint.other": ("check the indentation, and put text that starts with a sign such as * \" ' [ {{ & ! | > "
                   "in double quotes",
                   "请检查缩进；以 * \" ' [ {{ & ! | > 等符号开头的文字请放进英文双引号"),
    "yaml.construct": ("this value cannot be read ({problem})", "无法读取这个值（{problem}）"),
    "hint.no_tags": ("remove the `!` or `!!` sign before the value: YAML tags are not accepted",
                     "请删除值前面的 `!` 或 `!!`：不接受 YAML 标签（tag）"),

    # values (input/yamlread.py, input/validation.py)
    "date.month": ("{text} is not a date: there is no month {month}", "{text} 不是有效日期：没有 {month} 月"),
    "date.day": ("{text} is not a date: {year}-{month:02d} has {days} days",
                 "{text} 不是有效日期：{year} 年 {month} 月只有 {days} 天"),
    "hint.halfwidth_digits": ("type numbers with half-width digits: {example}", "数字请用半角：{example}"),
    "hint.date": ("write the date as YYYY-MM-DD, e.g. 2025-10-30", "日期请写成 年-月-日，例如 2025-10-30"),

    # schema (input/validation.py, `_validation_error`)
    "schema.unknown_near": ("unknown field (did you mean `{near}`?)", "未知字段（是不是 `{near}`？）"),
    "schema.unknown_known": ("unknown field; known fields: {known}", "未知字段；可用的字段：{known}"),
    "schema.unknown": ("unknown field", "未知字段"),
    "schema.missing": ("missing required field", "缺少必填字段"),
    "hint.missing": ("add a line `{key}: …`", "请补上一行 `{key}: …`"),
    "schema.duplicate": ("duplicate field (first given at line {line})", "字段重复（第 {line} 行已经给出）"),
    "schema.text": ("expected text", "这里应是文字"),
    "schema.text_became_field": ("expected text, but the colon and space after `{key}` made it a field name",
                                 "这里应是文字，但 `{key}` 后面的“冒号加空格”使它成了字段名"),
    "schema.text_was_comment": ("expected text, but the line is empty after the `-`: a # starts a comment",
                                "这里应是文字，但 `-` 后面是空的：# 在这里表示注释"),
    "hint.quote_hash": ('put text that starts with # in double quotes: {example}',
                        '以 # 开头的文字请放进英文双引号：{example}'),
    "schema.whole_number": ("expected a whole number", "这里应是整数"),
    "schema.number": ("expected a number", "这里应是数字"),
    "schema.number_above": ("expected a number greater than {gt}", "这里应是大于 {gt} 的数"),
    "schema.above": ("{value} is too small: this field takes more than {gt}", "{value} 太小：这一项应大于 {gt}"),
    "schema.at_least": ("{value} is too small: the least this field takes is {ge}",
                        "{value} 太小：这一项最小是 {ge}"),
    "schema.below": ("{value} is too large: this field takes less than {lt}", "{value} 太大：这一项应小于 {lt}"),
    "schema.at_most": ("{value} is too large: the most this field takes is {le}",
                       "{value} 太大：这一项最大是 {le}"),
    "schema.finite": ("expected an ordinary number", "这里应是普通的数"),
    "hint.above": ("give a value above {gt}", "请给出大于 {gt} 的值"),
    "hint.at_least": ("give a value of at least {ge}", "请给出不小于 {ge} 的值"),
    "hint.below": ("give a value below {lt}", "请给出小于 {lt} 的值"),
    "hint.at_most": ("give a value of at most {le}", "请给出不大于 {le} 的值"),
    "hint.finite": ("write a number such as 16 (not .nan or .inf)", "请写一个数，例如 16（不要写 .nan 或 .inf）"),
    "schema.bool": ("expected true or false", "这里应是 true 或 false"),
    "schema.date": ("expected a date such as 2025-09-29", "这里应是日期，例如 2025-09-29"),
    "schema.date_only": ("expected a date without a time", "这里应是不带时间的日期"),
    "schema.list": ("expected a list", "这里应是列表（每项以 - 开头）"),
    "hint.list": ("write each item on its own line, starting with a dash and a space (`- …`)",
                  "每一项单独一行，以短横加一个空格（`- …`）开头"),
    "schema.mapping": ("expected a mapping of fields", "这里应是若干字段（字段名: 值）"),
    "schema.empty": ("must not be empty", "不能为空"),
    "schema.blank": ("must not be empty or blank", "不能为空，也不能只有空格"),
    "schema.one_of": ("expected one of {options}", "只能是以下之一：{options}"),
    "schema.title_lines": ("a title has at most {max} lines; this one has {n}", "标题最多 {max} 行，这里有 {n} 行"),
    "hint.title_lines": ("join or shorten the lines of the title", "请合并或缩短标题的各行"),
    "schema.too_many": ("at most {max} items; this one has {n}", "最多 {max} 项，这里有 {n} 项"),

    # --------------------------------------------------------------- the commands' reports (cli.py)
    "label.fault": ("fault", "不合格"),
    "label.internal": ("internal error", "内部错误"),
    "internal.report": ("{problem} (run with --debug for the traceback, and please report it)",
                        "{problem}（加 --debug 运行可看到调用栈，请把它报告给我们）"),
    "build.wrote": ("wrote {target}: {pages} page{pages_s}, {kb} KB in {seconds} s",
                    "已写出 {target}：{pages} 页，{kb} KB，用时 {seconds} 秒"),
    "build.to_fix": ("  {n} to fix before printing: bulletin-pdf check {issue} shows each",
                     "  付印前还有 {n} 处要改：bulletin-pdf check {issue} 会逐条列出"),
    "check.word_file": ("this is a Word file; check takes the issue file (YAML) or a PDF",
                        "这是 Word 文件；check 只检查期刊文件（YAML）或 PDF"),
    "hint.word_into": ("put it into the issue with: bulletin-pdf docx {file} --into ISSUE.yaml --column NAME",
                       "请这样把它放进期刊：bulletin-pdf docx {file} --into ISSUE.yaml --column 栏目名"),
    "check.from_with_pdf": ("--from goes with an issue file, not a PDF", "--from 只能与期刊文件一起用，不能用于 PDF"),
    "check.json_with_issue": ("--json and --text-block go with a PDF, not an issue file",
                              "--json 和 --text-block 只能用于 PDF，不能用于期刊文件"),
    "hint.run": ("{command}", "{command}"),
    "check.text_block": ("expected LEFT,RIGHT such as 28mm,184mm", "应写成 左,右，例如 28mm,184mm"),
    "check.fit_head": ("fit ({layout} layout):", "版面（{layout} 版式）："),
    "check.summary": ("{file}: {errors} error{errors_s}, {warnings} warning{warnings_s}",
                      "{file}：{errors} 处错误，{warnings} 处警告"),
    "docx.column_without_into": ("--column and --after go with --into ISSUE.yaml",
                                 "--column 和 --after 只能与 --into ISSUE.yaml 一起用"),
    "hint.docx_into": ("bulletin-pdf docx {file} --into ISSUE.yaml --column NAME",
                       "bulletin-pdf docx {file} --into ISSUE.yaml --column 栏目名"),
    "docx.report": ("{file}: {summary}", "{file}：{summary}"),
    "docx.items": ("{n} short item{n_s} (信息摘登), printed as a column's `items:`",
                   "{n} 条短讯（信息摘登），作为栏目的 `items:` 列出"),
    "docx.article": ("an article: {parts}", "一篇文章：{parts}"),
    "docx.pictures": ("{what} (pictures saved in {folders})", "{what}（图片已存入 {folders}）"),
    "docx.count.paragraph": ("{n} paragraph{n_s}", "段落 {n} 段"),
    "docx.count.heading": ("{n} heading{n_s}", "小标题 {n} 个"),
    "docx.count.note": ("{n} note{n_s}", "注释 {n} 条"),
    "docx.count.list": ("{n} list{n_s}", "列表 {n} 个"),
    "docx.count.table": ("{n} table{n_s}", "表格 {n} 个"),
    "docx.count.figure": ("{n} figure{n_s}", "图片 {n} 幅"),
    "docx.warnings": ("{what}; {n} warning{n_s}", "{what}；{n} 条警告"),
    "docx.warnings_above": ("{what}; {n} warning{n_s} above: read them", "{what}；上面有 {n} 条警告，请逐条阅读"),
    "into.added": ("{file}:{lines}: added {what} to column {column}, {where}",
                   "{file}:{lines}：已把{what}放进栏目“{column}”，{where}"),
    "into.what.article": ("the article 《{title}》", "文章《{title}》"),
    "into.what.items": ("{n} short item{n_s}", " {n} 条短讯"),
    "into.where.placeholder": ("in place of the placeholder", "替换了占位内容"),
    "into.where.after": ("after 《{title}》", "放在《{title}》之后"),
    "into.where.end": ("at the end of the column", "放在栏目末尾"),
    "into.cleaned": ("  cleaned up: {what} ({n})", "  已整理：{what}（{n} 处）"),
    "into.look": ("  look at: {note}", "  请查看：{note}"),
    "into.read_over": ("  read it over, then: bulletin-pdf check {file}", "  请通读一遍，然后运行：bulletin-pdf check {file}"),
    "into.left_out_title": ("left out the title {title}: short items have none",
                            "没有收入标题 {title}：短讯没有标题"),
    "into.no_byline": ("no byline found for item {k} of {n} (add `byline:` under it if it has one)",
                       "第 {k} 条（共 {n} 条）没有找到署名（如有署名，请在它下面加 `byline:`）"),
    "into.unpaired_quote": ("a straight quote \" or ' without its partner was left as typed: find it and type “” or ‘’",
                            "有一个不成对的直引号 \" 或 ' 保留原样：请找到它，改成“”或‘’"),
    "change.WESTERN_MARK": ("half-width ,:;()!? in Chinese text made full-width", "中文里的半角 ,:;()!? 改为全角"),
    "change.CJK_SPACE": ("spaces between Chinese and Latin letters or digits dropped", "删去中文与字母、数字之间的空格"),
    "change.DOUBLE_QUOTES": ("straight quotes \"…\" paired as “…”", "直引号 \"…\" 改为“…”"),
    "change.SINGLE_QUOTES": ("straight quotes '…' paired as ‘…’", "直引号 '…' 改为‘…’"),
    "change.DASH_SPACE": ("spaces around a dash —— or an ellipsis …… removed", "删去破折号——或省略号……两边的空格"),
    "change.UNPAIRED_QUOTE": ("a straight quote without its partner left as typed (fix it by hand)",
                              "不成对的直引号保留原样（请手工修改）"),
    "change.UNPAIRED_BRACKET": ("a bracket ( or ) without its partner left half-width, as typed",
                                "不成对的括号 ( 或 ) 保留原样（半角）"),
    "new.wrote": ("wrote {target}: {publication} {numbering}, dated {date}",
                  "已写出 {target}：{publication} {numbering}，日期 {date}"),
    "new.next": ("  next: put each Word article in with  bulletin-pdf docx ARTICLE.docx --into {target} --column NAME  "
                 "(columns: {columns})",
                 "  下一步：逐篇放入 Word 稿件  bulletin-pdf docx 稿件.docx --into {target} --column 栏目名  "
                 "（栏目：{columns}）"),
    "new.exists": ("exists already", "文件已经存在"),
    "hint.new_exists": ("choose another name with -o, or add --force to replace it",
                        "请用 -o 换一个文件名，或加 --force 覆盖它"),
    "new.no_date": ("no date given for the new issue", "没有给出新一期的日期"),
    "hint.new_date": ("add --date YEAR-MONTH-DAY, e.g. --date {date} (the date printed on the issue)",
                      "请加上 --date 年-月-日，例如 --date {date}（印在期刊上的日期）"),
    "new.prompt": ("Date of the new issue (the previous one is dated {date})", "新一期的日期（上一期是 {date}）"),
    "new.not_after": ("the date {date} is not after the previous issue's date {previous} ({file})",
                      "日期 {date} 不晚于上一期的日期 {previous}（{file}）"),
    "hint.new_later": ("give the new issue's date with --date YEAR-MONTH-DAY, later than {date}",
                       "请用 --date 年-月-日 给出新一期的日期，须晚于 {date}"),
    "new.later_prompt": ("{problem}: type a date later than {date} as YEAR-MONTH-DAY",
                         "{problem}：请按 年-月-日 输入晚于 {date} 的日期"),
    "watch.port": ("cannot serve the preview on 127.0.0.1:{port} ({why}); choose another port with --port, "
                   "or --port 0 for any free one",
                   "无法在 127.0.0.1:{port} 提供预览（{why}）；请用 --port 换一个端口，或用 --port 0 任选空闲端口"),
    "watch.watching": ("watching {issue} (layout {layout}): preview at {url}  (Ctrl-C to stop)",
                       "正在监视 {issue}（版式 {layout}）：预览页 {url}（按 Ctrl-C 停止）"),
    "watch.saved": ("saved: {paths}; rebuilding", "已保存：{paths}；重新排版"),
    "watch.wrote": ("wrote {written}: {pages} page{pages_s} in {seconds} s", "已写出 {written}：{pages} 页，用时 {seconds} 秒"),
    "watch.reuse": ("{wrote} ({n} paragraph{n_s} set again, {kept} unchanged)", "{wrote}（重排 {n} 段，{kept} 段未变）"),
    "watch.not_rebuilt": ("not rebuilt; {output} is still the last good build. Fix the file and save again.",
                          "没有重新排版；{output} 仍是上一次成功的结果。请改正文件后再保存。"),
    "watch.no_pdf": ("no PDF yet. Fix the file and save again.", "还没有 PDF。请改正文件后再保存。"),
    "watch.stopped": ("stopped watching", "已停止监视"),
    # the preview page's status line (editor/watch/page.html fills in {output}, {finished}, …)
    "page.building": ("building…", "正在排版……"),
    "page.built": ("built {output} at {finished} in {seconds} s, {pages} pages",
                   "{finished} 排好 {output}，用时 {seconds} 秒，共 {pages} 页"),
    "page.error": ("error at {finished}", "{finished} 出错"),
    "page.last_good": (" — showing the last good build", "——显示的是上一次成功的结果"),
    "page.no_pdf": (" — no PDF yet", "——还没有 PDF"),
    "page.gone": ("bulletin-pdf watch is not running", "bulletin-pdf watch 没有在运行"),

    "word.no_title": ("no title found: the first paragraph is not centred, bold or in a Title/Heading style",
                      "找不到标题：第一段既没有居中、加粗，也没有用“标题”样式"),
    "hint.word_no_title": ("if it is an article, add --as article (its first paragraph becomes the title); "
                           "if it holds 信息摘登 items, add --as items (each item ends with its （byline）)",
                           "如果是一篇文章，请加 --as article（第一段作标题）；如果是信息摘登短讯，请加 --as items"
                           "（每条以（署名）结尾）"),
    "into.items_not_article": ("this Word file holds short items (信息摘登) without a title, not an article",
                               "这个 Word 文件是不带标题的短讯（信息摘登），不是文章"),
    "hint.items_not_article": ("put it into a column of short items, e.g. --column 信息摘登; or, if it is an article "
                               "whose title Word does not mark, add --as article",
                               "请放进短讯栏目，例如 --column 信息摘登；如果它是一篇文章、只是标题没有格式，请加 --as article"),
    "into.article_not_items": ("this Word file is an article (《{title}》), and column {column} holds short items: "
                               "brought in there it would lose its title",
                               "这个 Word 文件是一篇文章（《{title}》），而栏目“{column}”是短讯栏目：放进去会丢掉标题"),
    "hint.article_not_items": ("put it into a column of articles ({columns}), or add --as items to cut it into "
                               "short items", "请放进文章栏目（{columns}），或加 --as items 把它拆成短讯"),
    "into.article_twice": ("the article 《{title}》 is in the issue already (column {column})",
                           "文章《{title}》已经在期刊里了（栏目“{column}”）"),
    "hint.twice": ("delete it there first if you mean to replace it with this Word file; the issue file is unchanged",
                   "如要用这个 Word 文件替换它，请先删去那里的内容；期刊文件没有改动"),
    "into.items_twice": ("{n} of these {total} item{total_s} are in the issue already (column {column}), "
                         "the first: {text}",
                         "这 {total} 条短讯中有 {n} 条已经在期刊里了（栏目“{column}”），第一条是：{text}"),
    "into.utf8": ("docx --into edits issue files in UTF-8 only", "docx --into 只能修改 UTF-8 编码的期刊文件"),
    "hint.utf8": ("save the issue file as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
                  "请把期刊文件另存为 UTF-8 编码（记事本：另存为，编码选 UTF-8）"),
    "into.which_column": ("which column? add --column NAME", "放进哪个栏目？请加 --column 栏目名"),
    "into.no_column": ("no column named '{name}'", "没有名为“{name}”的栏目"),
    "into.no_column_near": ("no column named '{name}' (did you mean `{near}`?)", "没有名为“{name}”的栏目（是不是“{near}”？）"),
    "hint.columns": ("--column takes one of the names under `columns:`: {names}",
                     "--column 要写 `columns:` 下面的栏目名之一：{names}"),
    "into.after_none": ("no {key} in column {column} match '{after}'", "栏目“{column}”里没有与“{after}”相符的{key}"),
    "into.after_many": ("{n} {key} in column {column} match '{after}'", "栏目“{column}”里有 {n} 篇{key}与“{after}”相符"),
    "into.kind.articles": ("articles", "文章"),
    "into.kind.items": ("items", "短讯"),
    "hint.after": ("give a part of one title, as written: {titles}", "请照原样写出其中一个标题的一部分：{titles}"),

    # --------------------------------------------------------------- files and commands (input/, pipeline, preflight)
    "noun.file": ("file", "文件"),
    "noun.pdf": ("PDF", "PDF"),
    "noun.ofd": ("OFD", "OFD"),
    "noun.font": ("font file", "字体文件"),
    "noun.yaml": ("YAML file", "YAML 文件"),
    "noun.folder": ("a folder", "文件夹"),
    "noun.fifo": ("a pipe (FIFO)", "管道（FIFO）"),
    "noun.device": ("a device or other special file", "设备或其他特殊文件"),
    "noun.not_regular": ("not a regular file", "不是普通文件"),
    "file.not_found": ("{what} not found", "找不到{what}"),
    "hint.file_name": ("check the file name and folder", "请检查文件名和文件夹"),
    "file.cannot_read": ("cannot read the {what}: {why}", "无法读取{what}：{why}"),
    "hint.may_read": ("check that the file exists and that you may read it", "请检查文件是否存在、是否有权限读取"),
    "file.not_regular": ("is {kind}, not a {what}", "这是{kind}，不是{what}"),
    "hint.not_regular": ("give the path of the {what} itself", "请给出{what}本身的路径"),
    "file.too_big": ("the {what} is {size} bytes; the limit is {limit}", "{what}有 {size} 字节，上限是 {limit}"),
    "hint.right_file": ("check that this is the right file", "请确认是不是这个文件"),
    "file.control": ("invisible control character {name}", "看不见的控制字符 {name}"),
    "hint.control": ("delete it (it was probably pasted in with the text); a line break inside a paragraph is not needed",
                     "请删去它（多半是随文字粘贴进来的）；段落里面不需要换行"),
    "hint.save_utf8": ("open the file in your editor and save it with the encoding UTF-8 (Notepad: Save as → Encoding: UTF-8)",
                       "请在编辑器里打开文件，以 UTF-8 编码保存（记事本：另存为 → 编码：UTF-8）"),
    "file.empty": ("the file is empty", "文件是空的"),
    "file.top_mapping": ("expected a mapping of fields at the top of the file", "文件开头应是若干字段（字段名: 值）"),
    "issue.column_empty": ("a column needs `articles` or `items`", "栏目需要 `articles`（文章）或 `items`（短讯）"),
    "layout.file_not_found": ("layout file {ref} not found", "找不到版式文件 {ref}"),
    "layout.no_such": ("no layout named '{ref}'", "没有名为“{ref}”的版式"),
    "layout.no_such_known": ("no layout named '{ref}'; known: {known}", "没有名为“{ref}”的版式；现有：{known}"),
    "out.cannot_write": ("cannot write the file: {why}", "无法写入文件：{why}"),
    "hint.can_write": ("check the folder exists, that you may write there and that the disk is not full",
                       "请检查文件夹是否存在、是否有写入权限、磁盘是否已满"),
    "out.not_file": ("is {kind}; the output must be a file", "这是{kind}；输出必须是文件"),
    "hint.out_name": ("give a file name such as out/2025-10.pdf", "请给出文件名，例如 out/2025-10.pdf"),
    "out.unknown_format": ("unknown output format {suffix}: the file name must end in {known}",
                           "不认识的输出格式 {suffix}：文件名必须以 {known} 结尾"),
    "out.no_suffix": ("(no suffix)", "（没有后缀）"),
    "hint.out_format": ("name it {stem}.pdf or {stem}.ofd, or give --format pdf,ofd",
                        "请命名为 {stem}.pdf 或 {stem}.ofd，或加 --format pdf,ofd"),
    "out.bad_format": ("{problem}", "{problem}"),
    "hint.formats": ("give pdf, ofd or pdf,ofd", "请写 pdf、ofd 或 pdf,ofd"),
    "out.format_clash": ("the file name asks for {named} but --format is {wanted}", "文件名要的是 {named}，而 --format 是 {wanted}"),
    "hint.name_it": ("name it {name}", "请命名为 {name}"),
    "pdf.not_pdf": ("not a PDF: starts with `{head}`", "不是 PDF：文件开头是 `{head}`"),
    "hint.pdf_itself": ("give the .pdf file itself", "请给出 .pdf 文件本身"),
    "pdf.encrypted": ("the PDF is encrypted: give the print shop an unencrypted file", "PDF 加了密：请给印刷厂未加密的文件"),
    "pdf.damaged": ("damaged PDF, cannot be read: {detail}", "PDF 已损坏，无法读取：{detail}"),
    "hint.pdf_again": ("export or download the PDF again", "请重新导出或下载 PDF"),
    "ofd.not_ofd": ("not an OFD file (an OFD is a ZIP package): starts with `{head}`",
                    "不是 OFD 文件（OFD 是 ZIP 包）：文件开头是 `{head}`"),
    "hint.ofd_itself": ("give the .ofd file itself", "请给出 .ofd 文件本身"),
    "hint.is_pdf": ("this is a PDF: name it {name} to check it as one", "这是 PDF：请改名为 {name} 再按 PDF 检查"),
    "ofd.damaged": ("damaged OFD, cannot be read: {detail}", "OFD 已损坏，无法读取：{detail}"),
    "hint.ofd_again": ("export the OFD again", "请重新导出 OFD"),
    "word.not_found": ("no such file: check the name and the folder", "没有这个文件：请检查文件名和文件夹"),
    "word.not_file": ("is not a file: give the Word .docx file itself", "这不是文件：请给出 Word .docx 文件本身"),
    "word.not_docx": ("not a Word .docx file: {problem}", "不是 Word .docx 文件：{problem}"),
    "word.damaged": ("a damaged .docx: it has no document body", ".docx 已损坏：没有正文部分"),
    "hint.word_again": ("open it in Word and save it again as .docx", "请用 Word 打开，再另存为 .docx"),
    "word.no_text": ("the document has no text", "文档里没有文字"),
    "word.items_only_paragraphs": ("short items are paragraphs only; this Word file also has tables, pictures or "
                                   "other elements", "短讯只能是段落；这个 Word 文件里还有表格、图片等内容"),
    "hint.items_only_paragraphs": ("put it into a column of articles, or keep only the items' paragraphs in the Word file",
                                   "请放进文章栏目，或在 Word 文件里只保留短讯的段落"),
    "word.no_body": ("no body paragraphs after the title", "标题后面没有正文段落"),
    "word.images_is_file": ("is a file, not a folder: give a folder for the article's pictures with --images",
                            "这是文件，不是文件夹：请用 --images 给出存放文章图片的文件夹"),
    "word.images_cannot_save": ("cannot save the article's pictures here ({why}): give a folder you can write to with --images",
                                "无法在这里保存文章的图片（{why}）：请用 --images 给出可以写入的文件夹"),
    "into.cannot_edit": ("cannot edit this file: {problem}", "无法修改这个文件：{problem}"),
    "new.not_a_date": ("{what} {text} is not a date", "{what} {text} 不是日期"),
    "new.the_date": ("the date", "日期"),
    "hint.ymd": ("write it as YEAR-MONTH-DAY, e.g. 2025-10-30", "请写成 年-月-日，例如 2025-10-30"),
    "pages.none": ("page {page} does not exist: the issue has {count} pages", "没有第 {page} 页：这一期只有 {count} 页"),
    "pages.bad": ("'{part}' is not a page or a range; write pages like 1,3-5", "“{part}”不是页码或页码范围；请写成 1,3-5 这样"),
    "pages.bad_range": ("'{part}' is not a range of pages; pages count from 1, a range goes up (3-5)",
                        "“{part}”不是有效的页码范围；页码从 1 开始，范围由小到大（3-5）"),
    "compose.table_wide": ("the table's {cols} columns need at least {need} mm; the measure is {room} mm",
                           "这张表的 {cols} 列至少要 {need} 毫米，版心只有 {room} 毫米"),
    "hint.table_wide": ("split the table, shorten long numbers or words, or use fewer columns",
                        "请拆分表格、缩短过长的数字或词语，或减少列数"),
    "compose.row_tall": ("row {row} of this table needs {need} lines; a page holds {room} under the table's header",
                         "这张表第 {row} 行要占 {need} 行，一页在表头下面只放得下 {room} 行"),
    "hint.row_tall": ("shorten the cell, or move the long text into a paragraph under the table",
                      "请缩短这个单元格，或把长文字移到表格下面的段落里"),
    "compose.picture_unreadable": ("the picture {name} cannot be read to the end ({problem})",
                                   "图片 {name} 读不完整（{problem}）"),
    "hint.picture_again": ("open it in a picture editor and save it again as JPEG, PNG or TIFF",
                           "请用图片编辑软件打开，再另存为 JPEG、PNG 或 TIFF"),
    "compose.ppi_min": ("{said}; at least {min} is needed for print", "{said}；印刷至少需要 {min} ppi"),
    "hint.ppi_min": ("ask for the original picture, or give the figure a smaller `width`",
                     "请索要原图，或给这幅图设一个较小的 `width`"),
    "compose.distribution_tall": ("the distribution block needs {need} grid lines; a page has {rows}",
                                  "版记要占 {need} 行，一页只有 {rows} 行"),
    "hint.distribution_tall": ("send it to fewer lines (shorter send_to entries), or make the layout's distribution "
                               "style smaller", "请减少版记的行数（缩短 send_to 各项），或调小版式中版记的字号"),

    # --------------------------------------------------------------- an article's blocks (input/blocks.py)
    "what.text": ("text", "文字"),
    "what.heading_text": ("the heading's text", "小标题的文字"),
    "what.note_text": ("the note's text", "注释的文字"),
    "what.item_text": ("the item's text", "列表项的文字"),
    "what.caption": ("the caption", "图表题"),
    "what.source": ("the source", "资料来源"),
    "what.image_file": ("the image file", "图片文件"),
    "what.table_cell": ("table cell", "表格单元格"),
    "what.table": ("table", "表格"),
    "what.figure": ("figure", "图片"),
    "what.heading": ("heading", "小标题"),
    "what.note": ("note", "注释"),
    "what.list": ("list", "列表"),
    "what.header_rows": ("header rows", "表头行"),
    "what.rows": ("rows", "表格行"),
    "block.expected": ("expected {what}", "这里应是{what}"),
    "block.empty_text": ("{what} must not be empty", "{what}不能为空"),
    "hint.text_after_colon": ("write the text after the colon, e.g. `caption: 主要指标`", "请在冒号后面写文字，例如 `caption: 主要指标`"),
    "block.fields": ("expected the fields of a {what} ({known})", "这里应是{what}的字段（{known}）"),
    "block.unknown_field": ("unknown field `{key}` in a {what}", "{what}里没有 `{key}` 这个字段"),
    "hint.did_you_mean": ("did you mean `{near}`?", "是不是 `{near}`？"),
    "hint.fields_are": ("a {what} has {known}", "{what}的字段有：{known}"),
    "block.not_list": ("expected a list of paragraphs and blocks", "这里应是段落和内容块的列表"),
    "hint.not_list": ("write each paragraph as `- text`, a block as `- heading: …`", "每段写成 `- 文字`，内容块写成 `- heading: …`"),
    "block.empty_paragraph": ("empty paragraph", "空段落"),
    "hint.empty_paragraph": ("delete the line or write the paragraph's text", "请删去这一行，或写上段落文字"),
    "block.not_text": ("expected text: a paragraph, or a block such as `heading: …`", "这里应是文字：一个段落，或 `heading: …` 这样的内容块"),
    "hint.not_text": ("quote text that YAML would read as a number, date or list", "会被 YAML 当作数字、日期或列表的文字，请加引号"),
    "block.two_kinds": ("one block per list item, found {kinds}", "每个列表项只能有一个内容块，这里有 {kinds}"),
    "hint.two_kinds": ("start each block on its own line with `- `", "每个内容块另起一行，以 `- ` 开头"),
    "block.unknown_kind": ("unknown block kind `{key}`", "没有 `{key}` 这种内容块"),
    "hint.kinds": ("a block is one of: {kinds}", "内容块只能是：{kinds}"),
    "hint.kinds_near": ("did you mean `{near}`? a block is one of: {kinds}", "是不是 `{near}`？内容块只能是：{kinds}"),
    "block.heading_level": ("a heading's level is 1, 2, 3 or 4", "小标题的级别是 1、2、3 或 4"),
    "hint.heading_level": ("1 一、 | 2 （一） | 3 1． | 4 （1） (GB/T 9704 §7.3.3)", "1 一、 | 2 （一） | 3 1． | 4 （1）（GB/T 9704 §7.3.3）"),
    "block.list_empty": ("a list needs its items, one `- text` a line", "列表需要列表项，每行一个 `- 文字`"),
    "block.span": ("`{name}` is a whole number from 1 to 50", "`{name}` 应是 1 到 50 之间的整数"),
    "block.cell": ("expected a cell's text", "这里应是单元格的文字"),
    "hint.cell": ("a cell is text, a number, or {{text: …, colspan: 2}}", "单元格是文字、数字，或 {{text: …, colspan: 2}}"),
    "block.rows": ("expected the {what}, one `- [cell, cell, …]` a row", "这里应是{what}，每行一个 `- [单元格, 单元格, …]`"),
    "block.row": ("expected a row: a list of cells such as [指标, 金额, 增长]", "这里应是一行：单元格列表，例如 [指标, 金额, 增长]"),
    "block.table_rows": ("a table needs `rows`", "表格需要 `rows`"),
    "hint.table_rows": ("give at least one row: `rows: [[…, …]]`", "请至少给出一行：`rows: [[…, …]]`"),
    "block.table_no_row": ("a table needs at least one row", "表格至少要有一行"),
    "block.row_width": ("this row has {count} columns, the first row has {width}", "这一行有 {count} 列，第一行有 {width} 列"),
    "hint.row_width": ("give every row the same number of cells (an empty cell is \"\"), or merge cells with "
                       "{{text: …, colspan: 2}}", "每行的单元格数要相同（空单元格写 \"\"），或用 {{text: …, colspan: 2}} 合并单元格"),
    "block.rowspan": ("a rowspan reaches below the last row", "rowspan 超出了最后一行"),
    "hint.rowspan": ("make the rowspan smaller", "请把 rowspan 改小"),
    "block.figure_image": ("a figure needs `image`, the picture file", "图片块需要 `image`（图片文件）"),
    "hint.figure_image": ("e.g. `image: images/fig1.jpg`, next to the issue file", "例如 `image: images/fig1.jpg`，放在期刊文件旁边"),
    "block.figure_width": ("a figure's width is a length such as 120mm", "图片宽度应是长度，例如 120mm"),
    "hint.figure_width": ("leave it out for the layout's width (the full measure)", "不写则按版式宽度（整个版心）"),
    "block.image_missing": ("image file {name} not found (looked in {folder})", "找不到图片文件 {name}（在 {folder} 里找过）"),
    "hint.image_near": ("did you mean {near}?", "是不是 {near}？"),
    "hint.image_place": ("put the picture next to the issue file, or give its path relative to it",
                         "请把图片放在期刊文件旁边，或写出相对于期刊文件的路径"),
    "block.image_unreadable": ("{name} is not a picture that can be read ({problem})", "{name} 不是能读取的图片（{problem}）"),
    "block.image_format": ("{name} is a {fmt} image; JPEG, PNG and TIFF are accepted", "{name} 是 {fmt} 图片；只接受 JPEG、PNG 和 TIFF"),
    "hint.image_format": ("save it as JPEG, PNG or TIFF", "请另存为 JPEG、PNG 或 TIFF"),

    # --------------------------------------------------------------- proofreading (editor/proofread.py)
    "proof.placeholder": ("placeholder left: {text}", "还留着占位内容：{text}"),
    "hint.placeholder": ("replace it with the real text (docx --into puts a Word article in its place)",
                         "请换成正式文字（docx --into 会把 Word 稿件放在它的位置）"),
    "proof.straight_quote": ("straight quote {quote} in Chinese text", "中文里有直引号 {quote}"),
    "hint.straight_quote": ("type Chinese quotes {quote}", "请用中文引号 {quote}"),
    "proof.half_mark": ("half-width '{mark}' in Chinese text", "中文里有半角标点“{mark}”"),
    "hint.half_mark": ("type the full-width mark (，：；（）！？。) in Chinese text", "中文里请用全角标点（，：；（）！？。）"),
    "proof.inner_space": ("space inside Chinese text", "中文文字中间有空格"),
    "hint.inner_space": ("delete the space (a name of two characters may take a full-width space: 王　昆)",
                         "请删去空格（两个字的人名中间可以用全角空格：王　昆）"),
    "proof.dash_space": ("space around '{mark}'", "“{mark}”两边有空格"),
    "hint.dash_mark_space": ("delete the spaces around a dash or an ellipsis in Chinese text (1—9月, 等等……)",
                        "中文里破折号、省略号两边不加空格（1—9月、等等……）"),
    "proof.doubled": ("doubled punctuation '{mark}'", "标点重复：“{mark}”"),
    "hint.doubled": ("keep one of the two marks", "请只保留一个"),
    "proof.closes_nothing": ("'{char}' closes nothing: no {open} before it", "“{char}”前面没有对应的“{open}”"),
    "hint.closes_nothing": ("add its opening {open} or delete it", "请补上前面的“{open}”，或删去它"),
    "proof.not_closed": ("'{char}' is not closed", "“{char}”没有结束"),
    "hint.not_closed": ("add its closing {close}", "请补上后面的“{close}”"),
    "proof.no_byline.article": ("article without a byline", "文章没有署名"),
    "proof.no_byline.item": ("short item without a byline", "短讯没有署名"),
    "hint.byline": ("add `byline:` with the office and author, e.g. byline: 某某区人大常委会办公室 王某",
                    "请加上 `byline:`，写单位和作者，例如 byline: 某某区人大常委会办公室 王某"),
    "proof.ordinal": ("{have}是 where {want}是 comes next", "这里是“{have}是”，按顺序应是“{want}是”"),
    "hint.ordinal": ("check the numbering of the points", "请检查各条的序号"),
    "hint.date_printed": ("set the date this issue is printed with", "请改成本期印刷的日期"),
    "proof.number": ("第{number}期 after 第{previous}期 of {year} ({file}): expected 第{want}期",
                     "第{number}期排在 {year} 年第{previous}期（{file}）之后：应是第{want}期"),
    "hint.number": ("check the number (a new year starts again at 1)", "请检查期号（新的一年从 1 开始）"),
    "proof.cumulative": ("总第{number}期 after 总第{previous}期: expected 总第{want}期",
                         "总第{number}期排在总第{previous}期之后：应是总第{want}期"),
    "hint.cumulative": ("check the running number", "请检查总期号"),
    "proof.hash_lost": ("the text after this # is not in the issue: a # after a space starts a comment, so "
                        "“{lost}” is left out",
                        "这个 # 后面的文字没有排进期刊：空格后面的 # 表示注释，所以“{lost}”被丢掉了"),
    "proof.comment_after_text": ("a comment after the text: “{lost}” is not printed; if it belongs to the text, "
                                 "it is left out", "文字后面有注释：“{lost}”不会印出来；如果它是正文的一部分，就被丢掉了"),
    "hint.hash": ("put the whole text in double quotes, or type the full-width ＃: {example}",
                  "请把整段文字放进英文双引号，或改用全角“＃”：{example}"),

    # --------------------------------------------------------------- the fit report (editor/proofread.py)
    "fit.pages": ("{n} page{n_s}", "共 {n} 页"),
    "fit.odd": ("an odd number of pages: printed on both sides, the back of page {n} stays blank "
                "(one more page of text, or one page less, makes it even)",
                "页数是单数：双面印刷时第 {n} 页背面空白（多一页或少一页文字即成双数）"),
    "fit.last_only_dist": ("last page: only the 版记 ({need} lines), page {page} has {free} free line{free_s}: "
                           "about {less} line{less_s} less text would bring it under the text, one page less",
                           "最后一页只有版记（{need} 行），第 {page} 页还空 {free} 行：文字大约再少 {less} 行，"
                           "版记就能排在正文下面，少用一页"),
    "fit.last_dist": ("last page: text on {used} of {rows} lines, {free} free line{free_s} above the 版记",
                      "最后一页：文字占 {rows} 行中的 {used} 行，版记上面还空 {free} 行"),
    "fit.last": ("last page: text on {used} of {rows} lines ({free} free)", "最后一页：文字占 {rows} 行中的 {used} 行（空 {free} 行）"),
    "fit.short": ("page {page} ends {n} line{n_s} short: {why}", "第 {page} 页末尾空 {n} 行：{why}"),
    "fit.why.contents": ("the contents end their page (contents.new_page_after in the layout)",
                         "目录单独成页（版式中的 contents.new_page_after）"),
    "fit.why.head": ("the next column head moves to page {page} with the first {n} lines after it "
                     "(a column head never ends a page)",
                     "下一个栏目名连同其后 {n} 行移到第 {page} 页（栏目名不放在页末）"),
    "fit.why.title": ("the next title moves to page {page} with the first {n} lines after it (a title never ends a page)",
                      "下一篇标题连同其后 {n} 行移到第 {page} 页（标题不放在页末）"),
    "fit.why.dist_moves": ("the 版记 does not fit in the {n} line(s) left and goes to page {page} on its own",
                           "剩下的 {n} 行放不下版记，版记单独排到第 {page} 页"),
    "fit.why.dist_foot": ("the 版记 sits at the foot of the page", "版记排在页面底部"),
    "fit.why.figure": ("the figure {caption} (its picture about {lines} lines tall) does not fit in the {n} line(s) "
                       "left and goes to the top of page {page}; the text after it waits there too when it would "
                       "leave the figure's article (a figure never leaves its article). A narrower picture "
                       "(figure width:) or the figure placed earlier in the article fills the page",
                       "图 {caption}（图片约 {lines} 行高）在剩下的 {n} 行里放不下，移到第 {page} 页顶部；它后面的文字如果会离开"
                       "这篇文章，也一起等到那一页（图不离开所在的文章）。把图片改窄（figure 的 width:），或把图放在文章靠前的位置，"
                       "就能填满这一页"),
    "fit.a_figure": ("a figure", "一幅图"),
    "fit.why.byline": ("the byline keeps with the article's last line", "署名要与文章最后一行在同一页"),
    "fit.why.widow": ("a paragraph's single line is never left alone at the foot or the top of a page",
                      "段落的单独一行不留在页末或页首"),
    "fit.article": ("page {page}: 《{title}》", "第 {page} 页：《{title}》"),

    # --------------------------------------------------------------- composing (compose/, text/)
    "warn.at": ("{where}: {what}", "{where}：{what}"),
    "text.orphan": ("the last line holds a single character (孤字): no other breaks fit",
                    "最后一行只有一个字（孤字）：没有别的断行办法"),
    "text.overfull": ("does not fit the measure unbroken; broken inside {what}", "不拆开就排不下一行；只好在 {what} 中间断开"),
    "text.its_text": ("its text", "这段文字"),
    "text.split_word": ("broken inside a word ({cut}): no break between words fits the measure",
                        "在词语中间断行（{cut}）：在词与词之间断行都排不下"),
    "text.loose": ("line {lines} cannot be justified: nothing in it may be spaced "
                   "(one Latin word or number, whose letters are never spaced)",
                   "第 {lines} 行无法两端对齐：行内没有可以加宽的间隙（一个西文词或数字，字母之间不加空）"),
    "text.lines": ("needs {n} lines; the layout allows {max}", "要排 {n} 行，版式最多允许 {max} 行"),
    "text.title_lines": ("the title needs {n} lines; the layout allows {max}: shorten it, or break it into lines "
                         "yourself (title: as a list of lines)",
                         "标题要排 {n} 行，版式最多允许 {max} 行：请缩短标题，或自己分行（title: 写成多行列表）"),
    "compose.title_line_wide": ("title line '{text}' is wider than the measure", "标题的一行“{text}”超出版心宽度"),
    "compose.caption_number": ("the caption is typed as {label}, but this is {what} {number} of the issue: printed as "
                               "{printed} (leave the number out: the layout counts them)",
                               "图表题写成了 {label}，但这是本期第 {number} 个{what}：印成 {printed}（序号请不要自己写，版式会自动编号）"),
    "compose.table": ("table", "表"),
    "compose.figure": ("figure", "图"),
    "compose.figure_wide": ("the figure's width {width} mm is wider than the measure; set at {measure} mm",
                            "图片宽 {width} 毫米，超出版心；按 {measure} 毫米排"),
    "compose.ppi": ("image {name} has {ppi} ppi at its printed width of {width} mm ({w}×{h} pixels)",
                    "图片 {name} 按印刷宽度 {width} 毫米只有 {ppi} ppi（{w}×{h} 像素）"),
    "compose.ppi_warn": ("{said}; {warn} or more prints sharp", "{said}；{warn} ppi 以上印出来才清晰"),
    "masthead.wide": ("masthead item '{text}' is wider than the text block", "报头项“{text}”超出版心宽度"),
    "masthead.overlap": ("masthead items '{a}' and '{b}' overlap on one line", "报头项“{a}”和“{b}”在同一行重叠"),

    # --------------------------------------------------------------- the preflight report (preflight/)
    "pre.head": ("{file}: {pages} page{pages_s}, {sizes}{a4}", "{file}：{pages} 页，{sizes}{a4}"),
    "pre.colour": ("colour: {spaces}", "颜色：{spaces}"),
    "pre.none": ("none", "无"),
    "pre.no": ("no", "否"),
    "pre.fonts": ("fonts: {n}, embedded {embedded}, subset {subset}", "字体：{n} 个，嵌入 {embedded} 个，子集 {subset} 个"),
    "pre.tounicode": (", ToUnicode {n}", "，ToUnicode {n} 个"),
    "pre.notdef": ("; .notdef glyphs {n}", "；.notdef 字形 {n} 个"),
    "pre.pdfx": ("PDF/X: {version}", "PDF/X：{version}"),
    "pre.intent": (", output intent {intent}", "，输出意图 {intent}"),
    "pre.image": ("image {name} on page {page}: {colour}, {w}×{h} px at {mw}×{mh} mm, {ppi} ppi",
                  "第 {page} 页图片 {name}：{colour}，{w}×{h} 像素，印成 {mw}×{mh} 毫米，{ppi} ppi"),
    "pre.text": ("text: {lines} lines, body {size} pt; kinsoku {kinsoku}; inner lines {inner}, short > 1 pt {short}; "
                 "孤字 {orphans}",
                 "文字：{lines} 行，正文 {size} pt；避头尾问题 {kinsoku} 处；段内行 {inner} 行，右端短于 1 pt 以上的 {short} 行；"
                 "孤字 {orphans} 处"),
    "pre.page": ("page {page}: {what}", "第 {page} 页：{what}"),
    "pre.more": ("… and {n} more", "……还有 {n} 条"),
    "pre.ok": ("OK: nothing a print shop would reject", "合格：没有印刷厂会退回的问题"),
    "pre.faults": ("{n} fault(s) a print shop would reject", "{n} 处印刷厂会退回的问题"),
    "pre.verdict": ("{verdict}; {n} warning(s)", "{verdict}；{n} 条警告"),
    "pre.trimbox": ("TrimBox extends past the MediaBox", "TrimBox 超出了 MediaBox"),
    "pre.sizes": ("pages of different sizes: {sizes}", "页面大小不一：{sizes}"),
    "pre.rgb_colour": ("{name} colour used (print needs CMYK or spot) on page {where}",
                       "第 {where} 页用了 {name} 颜色（印刷要用 CMYK 或专色）"),
    "pre.gray_colour": ("{name} colour used on page {where} (black should be K)", "第 {where} 页用了 {name} 颜色（黑色应为 K）"),
    "pre.image_is": ("image {name} ({colour}, {w}×{h} px) at {ppi} ppi", "图片 {name}（{colour}，{w}×{h} 像素），{ppi} ppi"),
    "pre.rgb_image": ("{what}: RGB, print needs CMYK or gray", "{what}：RGB 图片，印刷要用 CMYK 或灰度"),
    "pre.blocky": ("{what}: under {ppi} ppi prints blocky", "{what}：低于 {ppi} ppi，印出来有马赛克"),
    "pre.soft": ("{what}: under {ppi} ppi prints soft", "{what}：低于 {ppi} ppi，印出来发虚"),
    "pre.not_embedded": ("font {name} is not embedded", "字体 {name} 没有嵌入"),
    "pre.not_embedded_unused": ("font {name} is not embedded (never shows text)", "字体 {name} 没有嵌入（没有用来显示文字）"),
    "pre.notdef_glyph": ("{n} missing glyph(s) (.notdef) in font {name}", "字体 {name} 缺 {n} 个字形（.notdef）"),
    "pre.not_subset": ("font {name} is embedded whole, not subset", "字体 {name} 整个嵌入，没有取子集"),
    "pre.no_tounicode": ("font {name} has no ToUnicode: text will not copy", "字体 {name} 没有 ToUnicode：文字无法复制"),
    "pre.font_unused": ("font {name} is in the resources but shows no text", "字体 {name} 在资源里，但没有显示任何文字"),
    "pre.not_pdfx": ("not a PDF/X file (no GTS_PDFXVersion): the print shop must guess the output condition",
                     "不是 PDF/X 文件（没有 GTS_PDFXVersion）：印刷厂只能猜测输出条件"),
    "pre.pdfx_missing": ("{version} claimed but {what} is missing", "声明为 {version}，但缺少 {what}"),
    "pre.no_pages_pdf": ("the PDF has no readable page", "这个 PDF 没有可读的页面"),
    "pre.no_pages_ofd": ("the OFD has no page", "这个 OFD 没有页面"),
    "pre.kinsoku_split": ("'{pair}' split across lines: …{before} | {after}…", "“{pair}”被拆到两行：…{before} | {after}…"),
    "pre.kinsoku_start": ("line starts with '{char}': {text}…", "行首是“{char}”：{text}…"),
    "pre.kinsoku_end": ("line ends with '{char}': …{text}", "行末是“{char}”：…{text}"),
    "pre.not_justified": ("line stops {gap} pt short of the right edge: …{text}", "这一行离右边还差 {gap} pt：…{text}"),
    "pre.orphan": ("paragraph ends with a lone character: '{text}'", "段落最后一行只有一个字：“{text}”"),
}


class Message(str):
    """A catalogue message: the English text, plus the id and parameters to translate it."""

    id: str
    params: Mapping[str, Any]

    def __new__(cls, id: str, **params: Any) -> Message:
        obj = super().__new__(cls, _format(CATALOGUE[id][0], params, "en"))
        obj.id = id
        obj.params = params
        return obj

    def __reduce__(self):       # pickles (multiprocessing) as what it is, not as a bare str
        return (_rebuild, (self.id, dict(self.params)))


def _rebuild(id: str, params: dict) -> Message:
    return Message(id, **params)


def render(text: str | None, lang: Lang) -> str | None:
    """`text` in `lang` when it is a catalogue message; any other text as written."""
    if isinstance(text, Message):
        return _format(CATALOGUE[text.id][LANGS.index(lang)], text.params, lang)
    return text


def _format(template: str, params: Mapping[str, Any], lang: Lang) -> str:
    def value(v):
        if isinstance(v, Message):
            return render(v, lang)
        if isinstance(v, tuple):
            return ("、" if lang == "zh" else ", ").join(str(value(x)) for x in v)
        return v

    values = {k: value(v) for k, v in params.items()}
    # `{n} page{n_s}`: the English plural of a count (the Chinese form needs none)
    values.update({k + "_s": "" if v == 1 else "s" for k, v in params.items()
                   if isinstance(v, int) and not isinstance(v, bool)})
    return template.format(**values)


def language(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Lang:
    """The language of messages: `--lang` when given, else the locale's (POSIX order: LC_ALL,
    then LC_MESSAGES, then LANG; the first one set decides). Chinese for `zh…`, else English."""
    if option:
        return "zh" if option.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "zh" if environ[name].lower().startswith("zh") else "en"
    return "en"
