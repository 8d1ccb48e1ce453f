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

    # characters (input/files.py)
    "text.escaped_control": ("invisible control character {char}, written as an escape in quoted text",
                             "引号里的文字用转义写了一个看不见的控制字符 {char}"),
    "hint.escaped_control": ("delete the escape (the \\ and what follows it); write the character itself if "
                             "it is a real one",
                             "请删除这个转义（\\ 及其后的字母数字）；如果是真实的字符，请直接写出该字符"),

    # pictures (images.py)
    "picture.name_too_long": ("the picture's name is too long for the file system ({n} characters)",
                              "图片文件名太长（{n} 个字符），文件系统不接受"),
    "picture.folder": ("this is a folder, not a picture file", "这是一个文件夹，不是图片文件"),
    "picture.fifo": ("this is a pipe (FIFO), not a picture file", "这是一个管道（FIFO），不是图片文件"),
    "picture.device": ("this is a device, not a picture file", "这是一个设备，不是图片文件"),
    "picture.socket": ("this is a socket, not a picture file", "这是一个套接字（socket），不是图片文件"),
    "picture.unreadable": ("the picture cannot be opened ({why})", "无法打开图片（{why}）"),
    "picture.too_many_pixels": ("the picture claims {pixels} pixels, far more than can be read",
                                "图片声称有 {pixels} 个像素，远远超出可读取的范围"),
    "picture.too_large": ("the picture is {width}×{height} pixels: {mb} MB once decoded, more than the {most} MB "
                          "a picture may take",
                          "图片为 {width}×{height} 像素，解码后占 {mb} MB，超过每张图片 {most} MB 的上限"),
    "picture.cut_short": ("the picture's header says {width}×{height} pixels, but the file has only {size} bytes: "
                          "it is cut off or damaged",
                          "图片头部声称 {width}×{height} 像素，但文件只有 {size} 字节：文件不完整或已损坏"),
    "hint.picture_again": ("copy or export the picture again from its source, and save it as JPEG, PNG or TIFF",
                           "请从原处重新复制或导出这张图片，存为 JPEG、PNG 或 TIFF"),
    "picture.broken_icc": ("the picture's colour profile (ICC) is damaged; its colours were read as sRGB",
                           "图片的色彩配置文件（ICC）已损坏，已按 sRGB 处理颜色"),
    "hint.picture_rename": ("give the picture a shorter name, and the same name in the issue file",
                            "请把图片改成较短的文件名，并在简报文件里写同样的名字"),
    "hint.picture_file": ("give the path of a picture file (JPEG, PNG or TIFF)",
                          "请给出图片文件（JPEG、PNG 或 TIFF）的路径"),
    "hint.picture_permission": ("make the file readable (check its permissions), or copy it next to the issue file",
                                "请让这个文件可读（检查权限），或把它复制到简报文件旁边"),
    "hint.picture_smaller": ("save the picture smaller, about 3,000 pixels on its long side (plenty for print), "
                             "as JPEG",
                             "请把图片另存得小一些，长边约 3000 像素（印刷足够），存为 JPEG"),

    # article blocks (input/load.py, compose/blocks.py)
    "table.overlap": ("this cell overlaps a cell of a row above that spans down to it (rowspan)",
                      "这个单元格与上面某行向下合并（rowspan）的单元格重叠"),
    "hint.table_overlap": ("make the rowspan above smaller, or the colspan here",
                           "请把上面的 rowspan 改小，或把这里的 colspan 改小"),
    "table.too_wide": ("this row has more than {most} columns", "这一行超过 {most} 列"),
    "hint.table_too_wide": ("split the table; a page's measure holds far fewer columns",
                            "请把表格拆开；一页的版心远远放不下这么多列"),
    "table.long_cell": ("a table cell of {n:,} characters; a cell holds at most {most:,}",
                        "表格单元格有 {n:,} 个字符；一个单元格最多 {most:,} 个字符"),
    "hint.table_long_cell": ("move the long text into a paragraph under the table", "请把长文字移到表格下面的段落里"),
    "figure.width": ("a figure's width is a length from {least}mm up, with its unit, such as 120mm",
                     "图的宽度应是带单位的长度，至少 {least}mm，例如 120mm"),
    "hint.figure_width": ("leave it out for the layout's width (the full measure)", "不写宽度则按版式宽度（整个版心）排"),
    "figure.no_room": ("the figure's caption and source take {n} lines; a page holds {most}, which leaves no room "
                       "for the picture",
                       "图的说明和来源占 {n} 行；一页只有 {most} 行，放不下图片"),
    "hint.figure_no_room": ("shorten the caption, or put the long text in a paragraph under the figure",
                            "请缩短图的说明，或把长文字放到图下面的段落里"),

    # Word files (editor/word/, editor/into.py)
    "word.part_too_big": ("the part {part} inflates to {mb:,.0f} MB; a part may take at most {most} MB",
                          "文件内的部件 {part} 解压后有 {mb:,.0f} MB；每个部件最多 {most} MB"),
    "word.package_too_big": ("the package inflates to {mb:,.0f} MB; a Word file may take at most {most} MB",
                             "整个文件解压后有 {mb:,.0f} MB；Word 文件最多 {most} MB"),
    "word.too_many_parts": ("a damaged .docx: {n:,} parts in the package (a Word file has a few dozen)",
                            "损坏的 .docx：文件包里有 {n:,} 个部件（Word 文件通常只有几十个）"),
    "word.too_many_elements": ("the part {part} holds more than {most:,} XML elements", "文件内的部件 {part} 超过 {most:,} 个 XML 元素"),
    "hint.word_split": ("split the article into several Word files, or open it in Word and save it again",
                        "请把文章拆成几个 Word 文件，或在 Word 里打开后重新保存"),
    "word.part_type": ("a damaged .docx: the part {part} is not marked as Word {what} in [Content_Types].xml",
                       "损坏的 .docx：[Content_Types].xml 没有把部件 {part} 标为 Word 的 {what}"),
    "hint.word_compress": ("open it in Word, make its pictures smaller (Compress Pictures) and save it again",
                           "请在 Word 里打开，压缩图片（“压缩图片”）后重新保存"),
    "word.root": ("a damaged .docx: its main part (word/document.xml) is a <{root}>, not a Word document "
                  "(<w:document>)",
                  "损坏的 .docx：主部件 word/document.xml 是 <{root}>，不是 Word 文档（<w:document>）"),
    "hint.word_resave": ("open it in Word and save it again as .docx", "请在 Word 里打开，重新另存为 .docx"),
    "word.numbering_twice": ("a damaged .docx: word/_rels/document.xml.rels names more than one numbering part",
                             "损坏的 .docx：word/_rels/document.xml.rels 指向了不止一个编号部件（numbering）"),
    "word.columns": ("a damaged .docx: {place} has {tag} of {n:,} columns (word/document.xml); a Word table has at "
                     "most {most}",
                     "损坏的 .docx：{place} 的 {tag} 为 {n:,} 列（word/document.xml）；Word 表格最多 {most} 列"),
    "word.list_start": ("a damaged .docx: the numbering (word/numbering.xml) starts a list at {n:,} ({tag}); Word "
                        "numbers lists from 0 to {most}",
                        "损坏的 .docx：编号（word/numbering.xml）让列表从 {n:,} 开始（{tag}）；Word 的编号范围是 0 到 {most}"),
    "hint.word_list_start": ("open it in Word, set the list's numbering value again and save it as .docx",
                             "请在 Word 里打开，重新设置列表的编号值后另存为 .docx"),
    "word.level_text": ("a damaged .docx: a list's label pattern (w:lvlText in word/numbering.xml) has {n:,} "
                        "characters; Word allows {most}",
                        "损坏的 .docx：列表的编号格式（word/numbering.xml 的 w:lvlText）有 {n:,} 个字符；Word 最多 {most} 个"),
    "hint.word_level_text": ("open it in Word, define the list's number format again and save it as .docx",
                             "请在 Word 里打开，重新定义列表的编号格式后另存为 .docx"),
    "word.picture_link": ("is a symbolic link where a picture of the article would be saved; it is not written "
                          "through",
                          "这是一个符号链接，文章的图片本应保存在这里；不会通过链接写入别处"),
    "hint.word_picture_link": ("remove the link, or give another folder with --images",
                               "请删除这个链接，或用 --images 指定另一个文件夹"),
    "issue.read_only": ("the issue file is read-only; it is not changed", "简报文件是只读的，没有改动"),
    "hint.read_only": ("make it writable first (chmod u+w, or uncheck Read-only in its Properties)",
                       "请先让它可写（chmod u+w，或在“属性”里取消“只读”）"),

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

    # characters no face has (compose/coverage.py, docs/fonts.md)
    "font.missing": ("character '{char}' (U+{code}) is in no font of role '{role}' ({face})",
                     "字符“{char}”（U+{code}）在“{role}”的字体（{face}）里都没有"),
    "font.more_missing": ("and {n} more characters no font has, from here on", "从这里起另有 {n} 个字符字体里没有"),
    "hint.symbol": ("'{char}' is an emoji or a symbol, not text, and the faces of a bulletin have none: "
                    "remove it or replace it with words",
                    "“{char}”是表情符号或图形符号，不是文字，简报的字体里没有：请删除，或改用文字表达"),
    "hint.fallback_absent": ("the layout's fallback font {family} has such characters ({chars}) but is not "
                             "installed on this machine: {install}, then build again",
                             "版式指定的后备字体 {family} 有这些字（{chars}），但本机没有安装：{install}，然后重新生成"),
    "hint.fallback_absent_short": ("install the layout's fallback font {family} (the message for '{last}' says how)",
                                   "请安装版式指定的后备字体 {family}（方法见“{last}”那一条）"),
    "hint.install_package": ("install it with `sudo apt-get install {package}` (Debian, Ubuntu) or your "
                             "system's font installer",
                             "请用 `sudo apt-get install {package}`（Debian、Ubuntu）或系统的字体安装程序安装"),
    "hint.install_family": ("install it with your system's font installer", "请用系统的字体安装程序安装"),
    "hint.font_installed": ("installed on this machine with {chars}: {fonts}; {how}\n{lines}",
                            "本机已安装、有 {chars} 的字体：{fonts}；{how}\n{lines}"),
    "hint.font_installed_short": ("installed on this machine with it: {fonts} (the message for '{last}' says how "
                                  "to use it)",
                                  "本机已安装、有这个字的字体：{fonts}（用法见“{last}”那一条）"),
    "hint.font_none": ("no font installed on this machine has {chars}: find a font file that has them, put it "
                       "in fonts/ and write its name in the lines below; then {how}\n{lines}",
                       "本机安装的字体里都没有 {chars}：请找一个有这些字的字体文件，放进 fonts/，把文件名填进下面几行；"
                       "然后{how}\n{lines}"),
    "hint.font_none_short": ("no font installed here has it (the message for '{last}' says what to do)",
                             "本机字体里都没有这个字（怎么办见“{last}”那一条）"),
    "fonts.set_in": ("{key:10} {chars}  set in {face}", "{key:10} {chars}  用 {face} 排出"),
    "fonts.synthesised": ("{face} ({position})", "{face}（{position}）"),
    "fonts.subscript": ("subscript, made from its digits", "下标，由其数字缩小而成"),
    "fonts.superscript": ("superscript, made from its digits", "上标，由其数字缩小而成"),
    "fonts.not_installed": ("fallback {family} (not installed)", "后备字体 {family}（未安装）"),
    "hint.layout_line": ("give a layout name (jianbao, gbt9704) or the path of a layout file from the issue's folder",
                         "请写版式名称（jianbao、gbt9704），或从稿件所在文件夹算起的版式文件路径"),
    "how.new_layout": ("save these lines as {path} (next to the issue) and put the line `layout: {name}` at the "
                       "top of {issue}",
                       "把下面几行存为 {path}（与稿件放在一起），并在 {issue} 的开头加一行 `layout: {name}`"),
    "how.new_layout_change": ("save these lines as {path} (next to the issue) and change the line `layout: {old}` "
                              "of {issue} to `layout: {name}`",
                              "把下面几行存为 {path}（与稿件放在一起），并把 {issue} 里的 `layout: {old}` 改为 `layout: {name}`"),
    "how.own_layout": ("put these lines into your layout {path} (a role's `fallbacks:` list replaces the one it "
                       "had: the lines repeat it)",
                       "把下面几行写进您的版式文件 {path}（某一角色的 `fallbacks:` 列表会整体替换原有的，下面几行已包含原有的）"),
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

    return template.format(**{k: value(v) for k, v in params.items()})


def language(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Lang:
    """The language of messages: `--lang` when given, else the locale's (POSIX order: LC_ALL,
    then LC_MESSAGES, then LANG; the first one set decides). Chinese for `zh…`, else English."""
    if option:
        return "zh" if option.lower().startswith("zh") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            return "zh" if environ[name].lower().startswith("zh") else "en"
    return "en"
