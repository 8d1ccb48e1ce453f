"""The line-breaking rules the tests hold the engine to, typed out from their sources.

Nothing here is read from `bulletin_pdf`: a test that took its expectation from the engine's
own tables would agree with any mistake in them (tests/test_citations.py checks that no test
module imports one). The lists are written from

* GB/T 15834-2011 《标点符号用法》, clause 5.1 (position of the marks in horizontal text): the
  marks that may not start a line (5.1.1, 5.1.2, 5.1.3, 5.1.6, 5.1.7, 5.1.9), not end one
  (5.1.3, 5.1.9), nor be split (5.1.4, 5.1.5);
* W3C clreq, editor's draft of 2024-03-21 (anchors listed in tests/data/clreq_toc.txt):
  https://www.w3.org/International/clreq/#prohibition_rules_for_line_start_end and its four
  levels; this project sets the strictest,
  https://www.w3.org/International/clreq/#prohibition-rules-strict (GB-style, which adds the
  solidus at a line end, plus 破折号 and 省略号 never at a line start); the characters of
  each mark from its appendix tables
  https://www.w3.org/International/clreq/#table_of_pause_or_stop_punctuation_marks,
  https://www.w3.org/International/clreq/#table_of_non-bracket_indication_punctuation_marks and
  https://www.w3.org/International/clreq/#table_of_bracket_indication_punctuation_marks;
* this project's own additions, each said where it is made (half-width forms typed in Chinese
  text, U+3000 at a line start, units after a number).
"""

from __future__ import annotations

# --- Never at the start of a line (避头) --------------------------------------------------

#: GB/T 15834-2011 5.1.1: 句号、逗号、顿号、分号、冒号 "不出现在一行之首"; clreq's table of pause
#: or stop marks adds the full-width full stop U+FF0E.
PAUSE_STOP = "。，、；：．"
#: GB/T 15834-2011 5.1.2: 问号、叹号; clreq's table adds the doubled forms U+203C, U+2047.
QUESTION_EXCLAMATION = "？！‼⁇"
#: GB/T 15834-2011 5.1.3: the second half of 引号、括号、书名号 never starts a line. clreq's
#: table of bracket marks: ”’ 」』 ） 》〉 】〗〕 ］｝.
CLOSING_BRACKETS = "”’」』）》〉】〗〕］｝"
#: GB/T 15834-2011 5.1.6: 连接号 (短横线 -, 一字线 —, 浪纹线 ～) "不出现在一行之首"; clreq's
#: table of non-bracket marks lists the en dash U+2013 with them.
CONNECTORS = "-–—～"
#: GB/T 15834-2011 5.1.7: 间隔号 "不出现在一行之首"; clreq's table: U+00B7, U+30FB, U+2027.
INTERPUNCTS = "·・‧"
#: GB/T 15834-2011 5.1.9: 分隔号 "不出现在一行之首或一行之末"; clreq's table: / (mainland
#: China) and ／ U+FF0F; clreq's GB-style level adds the line-end half.
SOLIDI = "/／"
#: clreq strict level: 破折号 and 省略号 never at a line start (GB/T 15834-2011 5.1.4 and
#: 5.1.5 already forbid splitting them). clreq's table: ⸺ U+2E3A, —— U+2014, …… U+2026,
#: ⋯⋯ U+22EF.
DASHES_ELLIPSES = "⸺—…⋯"
#: This project: the same marks typed half-width in Chinese text follow the same rules (an
#: editor's `,` is a comma); the closing halves of the other bracket pairs whose opening halves
#: are below; ％ ‰ % after a number (clreq
#: https://www.w3.org/International/clreq/#h-digits_and_their_prefix_and_suffix: a unit
#: is not parted from its number); U+3000 at a line start would read as an indent.
PROJECT_NO_START = ",.;:?!)]}" "〙〛﹚" "%‰％" "\u3000"

NO_LINE_START = frozenset(PAUSE_STOP + QUESTION_EXCLAMATION + CLOSING_BRACKETS + CONNECTORS
                          + INTERPUNCTS + SOLIDI + DASHES_ELLIPSES + PROJECT_NO_START)

# --- Never at the end of a line (避尾) ----------------------------------------------------

#: GB/T 15834-2011 5.1.3: the first half of 引号、括号、书名号 never ends a line. clreq's
#: table of bracket marks: “‘ 「『 （ 《〈 【〖〔 ［｛.
OPENING_BRACKETS = "“‘「『（《〈【〖〔［｛"
#: This project: half-width opening brackets typed in Chinese text, and the opening halves of
#: the pairs 〘〙 〚〛 ﹙﹚.
PROJECT_NO_END = "([{" "〘〚﹙"

NO_LINE_END = frozenset(OPENING_BRACKETS + SOLIDI + PROJECT_NO_END)

# --- Never split across two lines -----------------------------------------------------------

#: GB/T 15834-2011 5.1.4 (破折号 ——) and 5.1.5 (省略号 ……): "不能中间断开分处上行之末和下行之首";
#: clreq https://www.w3.org/International/clreq/#h-unbreakable_marks_punctuation (—— ⋯⋯ too).
TWO_EM_MARKS = ("——", "……", "⋯⋯")

# --- Classes used to check spacing ------------------------------------------------------------

#: Marks whose ink sits in one half of the em box with the blank half after it: a closing mark
#: followed by another closing or an opening mark gives up that blank half (clreq
#: https://www.w3.org/International/clreq/#h-adjustment_of_adjacent_punctuation_marks).
#: GB/T 15834-2011 5.1.1 (居左下) and 5.1.2 (居左) place ，。、；：？！ so; the closing brackets
#: by 5.1.3.
CLOSING = frozenset("，。、；：？！" + CLOSING_BRACKETS + "〙〛")
#: Opening brackets: the blank half is before the ink (GB/T 15834-2011 5.1.3).
OPENING = frozenset(OPENING_BRACKETS + "〘〚")

#: What the 孤字 rule does not count as a character: every mark of clreq's appendix tables
#: (https://www.w3.org/International/clreq/#table_of_punctuation_marks), their half-width forms,
#: U+3000, and the straight quotes an editor may type.
PUNCTUATION = frozenset(NO_LINE_START | NO_LINE_END | CLOSING | OPENING) | frozenset("'\"")


def is_punctuation(ch: str) -> bool:
    return ch in PUNCTUATION


def is_han(ch: str) -> bool:
    """A Han ideograph (clreq https://www.w3.org/International/clreq/#han_characters): the
    Unicode blocks CJK Unified Ideographs U+4E00–9FFF, Extension A U+3400–4DBF, the CJK
    Compatibility Ideographs U+F900–FAFF, and the supplementary planes 2 and 3."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
