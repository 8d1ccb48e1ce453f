"""Word's automatic numbering (numbering.xml) rendered as Word shows it: `%1、` → 一、.

A paragraph is numbered by `w:numPr` (numId, ilvl) in its own properties or in its style's
(the `List Number` style carries one). `w:num` points at a `w:abstractNum` whose `w:lvl`
gives the start value, the number format (`w:numFmt`: decimal, chineseCounting,
ideographDigital, …) and the label pattern (`w:lvlText`: `%1、`, `（%1）`, `%1.`).
Counters run per abstract definition, as Word counts them, unless the `w:num` restarts
them with a `w:startOverride`; a level restarts when a higher level advances.
See ECMA-376 Part 1 §17.9 (Numbering) and §17.18.59 (ST_NumberFormat).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from ...errors import InputError
from ...messages import Message

DIGITS = "〇一二三四五六七八九"
LEGAL = "零壹贰叁肆伍陆柒捌玖"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int, digits: str = DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Chinese counting, as Word's
    chineseCounting does up to 999; larger numbers fall back to Arabic digits)."""
    if n <= 0 or n > 999:
        return str(n)
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = digits[h] + hundred if h else ""
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    elif h and u:
        out += "零"
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """The counter `n` in Word's number format `fmt` (ECMA-376 §17.18.59)."""
    if n <= 0:                    # a start value of 0 or a damaged one: shown as a plain number
        return str(n)
    match fmt:
        case "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting":
            return chinese_counting(n)
        case "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand":
            return "".join(DIGITS[int(d)] for d in str(n))
        case "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal":
            return chinese_counting(n, LEGAL, "拾", "佰")
        case "ideographTraditional":
            return TIANGAN[(n - 1) % 10]
        case "decimalFullWidth" | "decimalFullWidth2":
            return "".join(chr(0xFF10 + int(d)) for d in str(n))
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle":
            return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
        case "decimalEnclosedParen":
            return f"({n})"
        case "decimalZero":
            return f"{n:02d}"
        case "upperRoman":
            return _roman(n)
        case "lowerRoman":
            return _roman(n).lower()
        case "upperLetter":
            return _letters(n).upper()
        case "lowerLetter":
            return _letters(n)
        case "none":
            return ""
    return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    start: int
    fmt: str          # w:numFmt, e.g. chineseCounting; "bullet" for a bulleted list
    text: str         # w:lvlText, e.g. "%1、"
    restart: int | None = None   # w:lvlRestart: restart after this (1-based) level, 0 = never


@dataclass(frozen=True, slots=True)
class Label:
    """A numbered paragraph's label as Word shows it."""
    text: str         # "一、", "（一）", "1." ; the bullet character for a bullet
    bullet: bool


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int | None) -> int | None:
    """A number attribute; a damaged one reads as the default (Word does the same)."""
    try:
        if value is not None and len(value) > 12:     # past any count: kept huge, for `_start` to refuse
            return 10 ** 12 if value.strip().lstrip("-").isdigit() else default
        return int(value) if value is not None else default
    except ValueError:
        return default


#: Word numbers a list from 0 to 32767 (its Set Numbering Value dialog); a label pattern
#: (w:lvlText) is at most 255 characters. Larger is damage, refused before a label is rendered
#: (upperRoman from 10⁹ is a million Ms, lowerLetter from 10¹² a million million letters).
MAX_START = 32767
MAX_LEVEL_TEXT = 255


def _start(value: int | None, what: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_START:
        raise InputError(Message("word.list_start", n=value, tag=what, most=MAX_START),
                         hint=Message("hint.word_list_start"))
    return value


def _levels(container) -> dict[int, Level]:
    levels = {}
    for lvl in container.findall(qn("w:lvl")):
        text = _val(lvl, "w:lvlText") or ""
        if len(text) > MAX_LEVEL_TEXT:
            raise InputError(Message("word.level_text", n=len(text), most=MAX_LEVEL_TEXT),
                             hint=Message("hint.word_level_text"))
        levels[_int(lvl.get(qn("w:ilvl")), 0)] = Level(
            _start(_int(_val(lvl, "w:start"), 1), "w:start"), _val(lvl, "w:numFmt") or "decimal",
            text, _int(_val(lvl, "w:lvlRestart"), None))
    return levels


class Numbering:
    """Counts numbered paragraphs in document order and renders their labels."""

    def __init__(self, numbering_element) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_element is None:
            return
        for ab in numbering_element.findall(qn("w:abstractNum")):
            self.abstract[ab.get(qn("w:abstractNumId"))] = _levels(ab)
        for num in numbering_element.findall(qn("w:num")):
            starts, levels = {}, {}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = _start(_int(_val(override, "w:startOverride"), None), "w:startOverride")
                if start is not None:
                    starts[ilvl] = start
                levels.update(_levels(override))
            self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", starts, levels)

    def level(self, num_id: str, ilvl: int) -> Level | None:
        if num_id not in self.nums:
            return None
        abstract_id, _, overrides = self.nums[num_id]
        return overrides.get(ilvl) or self.abstract.get(abstract_id, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counter of (num_id, ilvl) and return the label Word shows; None when
        the paragraph is not numbered (numId 0 or undefined)."""
        level = self.level(num_id, ilvl)
        if level is None or level.fmt == "none" or not level.text.strip():
            return None
        if level.fmt == "bullet":
            return Label(level.text, True)
        abstract_id, starts, _ = self.nums[num_id]
        key = f"num{num_id}" if starts else f"abstract{abstract_id}"
        counts = self.counters.setdefault(key, {})
        if ilvl in counts:
            counts[ilvl] += 1
        else:
            counts[ilvl] = starts.get(ilvl, level.start)
        for deeper in [k for k in counts if k > ilvl]:
            deeper_level = self.level(num_id, deeper)
            if deeper_level is None or deeper_level.restart != 0:
                del counts[deeper]

        def value(k: int) -> str:
            lvl = self.level(num_id, k)
            n = counts.get(k, starts.get(k, lvl.start if lvl else 1))
            return format_number(n, lvl.fmt if lvl else "decimal")

        text = level.text
        for k in range(8, -1, -1):
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", value(k))
        return Label(text, False)
