"""The punctuation rules `check` holds a PDF to, written here from their sources.

`check` reads PDFs made by any tool, this project's too; it must not take its rules from the
engine it checks (`bulletin_pdf.text`), or a mistake in the engine's tables would pass both.
Each entry says where its marks are ruled:

* GB/T 15834-2011 《标点符号用法》 clause 5.1 (the position of marks in horizontal text);
* W3C clreq (editor's draft of 2024-03-21), its strictest line-breaking level
  https://www.w3.org/International/clreq/#prohibition-rules-strict, with the characters of each
  mark from its appendix https://www.w3.org/International/clreq/#tables_of_chinese_punctuation_marks.
"""

from __future__ import annotations

import re

#: Marks that may not begin a line, by the rule that says so.
NOT_FIRST: dict[str, str] = {
    "GB/T 15834-2011 5.1.1 (句号 逗号 顿号 分号 冒号; clreq table: ．)": "。，、；：．",
    "GB/T 15834-2011 5.1.2 (问号 叹号; clreq table: ‼ ⁇)": "？！‼⁇",
    "GB/T 15834-2011 5.1.3 (the second half of 引号 括号 书名号)": "”’」』）〕】〗］｝》〉",
    "GB/T 15834-2011 5.1.6 (连接号: 短横线, 一字线, 浪纹线; clreq table: –)": "-—～–",
    "GB/T 15834-2011 5.1.7 (间隔号; clreq table: ・ ‧)": "·・‧",
    "GB/T 15834-2011 5.1.9 (分隔号)": "/／",
    "clreq strict level (破折号 省略号 at a line start)": "—⸺…⋯",
    "half-width forms typed in Chinese text": ",.;:?!)]}",
    "clreq #h-digits_and_their_prefix_and_suffix (a unit after its number)": "%‰％",
    "the closing halves of the other bracket pairs": "〙〛﹚",
}
#: Marks that may not end a line.
NOT_LAST: dict[str, str] = {
    "GB/T 15834-2011 5.1.3 (the first half of 引号 括号 书名号)": "“‘「『（〔【〖［｛《〈",
    "GB/T 15834-2011 5.1.9; clreq GB-style level (分隔号)": "/／",
    "half-width forms typed in Chinese text": "([{",
    "the opening halves of the other bracket pairs": "〘〚﹙",
}
#: Two-em marks that may not be split between two lines: GB/T 15834-2011 5.1.4 (破折号),
#: 5.1.5 (省略号); clreq https://www.w3.org/International/clreq/#h-unbreakable_marks_punctuation.
TWO_EM = ("——", "……", "⋯⋯")

NO_LINE_START = frozenset("".join(NOT_FIRST.values()))
NO_LINE_END = frozenset("".join(NOT_LAST.values()))
#: The characters of the two-em marks: a line that starts with the second half of one split.
SPLIT_HALVES = frozenset(mark[0] for mark in TWO_EM)

#: Marks with their ink in the left half of the em box, the right half blank — the blank a
#: line may hang past the right edge or drop at a line end (GB/T 15834-2011 5.1.10: a full-width
#: mark at a line end may take half a cell): 5.1.1 and 5.1.2 put 。，、；：？！ to the left, 5.1.3
#: the closing brackets after their text.
LEFT_INKED = frozenset("。，、；：？！" "”’」』）〕】〗］｝》〉")

#: What the 孤字 rule does not count (clreq
#: https://www.w3.org/International/clreq/#adjustments_of_orphans_and_widows): every mark of
#: clreq's appendix tables, their half-width forms, the straight quotes, U+3000.
NOT_CHARACTERS = NO_LINE_START | NO_LINE_END | frozenset("'\"\u3000%‰％")

#: A URL (or the piece of one a line ends with): a line may break after its `/`.
_URL_TAIL = re.compile(r"(?:(?:https?://|www\.)[!-~]*|^[!-~]*[./][!-~]*)$")


def ends_in_url(text: str) -> bool:
    """The line ends inside a URL: with a URL's start, or it is all URL characters."""
    return bool(_URL_TAIL.search(text))
