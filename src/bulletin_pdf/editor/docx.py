"""Articles written in Word (.docx) → the YAML of one article (or of 信息摘登 items) for the
issue file.

Editors write articles in Word; the `word` package reads the document (python-docx, lxml)
into typed blocks — title, byline, paragraphs with bold as `**…**`, headings, notes, lists,
tables, figures — and names in a warning whatever it cannot bring (editor/word/reader.py).
This module tidies the text as a careful editor would type it:

* punctuation typed the Western way inside Chinese text (`,:;()!?` next to a Han character,
  `.` ending a Chinese sentence) becomes full-width, and a space typed between Chinese and a digit or Latin letter is
  dropped (the typesetter puts the ¼-em gap there), and so is a space beside a full-width mark,
  as docs/issue-format.md asks ("Type text as it is printed");
* straight quotes are paired into “” ‘’ and spaces typed around a dash or an ellipsis go
  (`clean` also counts what it changed, for the report of `docx --into`).

The result is printed for the editor to paste under a column's `articles:` and check.
"""

from __future__ import annotations

import collections
import enum
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .marks import DOT_ELLIPSIS, HALF_END_MARK, HALF_FULL_STOP, HAN_RANGE, HYPHEN_DASH, SPACED_DASH, in_chinese_sentence
from .word import FromWord, WordArticle, WordItems, as_data, extract

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
#: A Western mark with a Han character on at least one side (brackets: see `_pair_brackets`).
WESTERN_MARK = re.compile(r"(?<=[\u3400-\u9fff\uff00-\uffef“”‘’（）《》])[,:;!?]|[,:;!?](?=[\u3400-\u9fff“‘（《])")
#: A full stop typed `.` at the end of a Chinese sentence (the proofreader's rule: `marks.py`).
FULL_STOP = re.compile(HALF_FULL_STOP)
#: The proofreader's rules too: a half-width end mark after a number, % or a closing mark;
#: dots for …… and hyphens for —— (applied to text with Han characters only).
END_MARK = re.compile(HALF_END_MARK)
ELLIPSIS = re.compile(DOT_ELLIPSIS)
DASH = re.compile(HYPHEN_DASH)
#: Next to a bracket, what makes it Chinese text's bracket (a Han character or a full-width mark).
CHINESE_SIDE = re.compile(r"[\u3400-\u9fff\uff00-\uffef“”‘’（）《》，。、；：！？]")
CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u00a0]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])[ \u00a0]+(?=[\u3400-\u9fff])")
#: The full-width marks of Chinese text (a dash and an ellipsis have `SPACED_DASH`).
CJK_MARK = "，。、；：！？“”‘’（）《》〈〉【】·「」『』"
#: A space typed beside a full-width mark, with Chinese on its other side (`余条， 确保` once
#: `,` is made full-width, `评估。  年底`): the mark takes a whole character cell of its own,
#: so the space is a slip, the one `check` reports as a space inside Chinese text. Between two
#: Han characters (a name typed `王 昆`) it is left for the editor.
MARK_SPACE = re.compile(f"(?<=[{CJK_MARK}])[ \u00a0]+(?=[\u3400-\u9fff{CJK_MARK}])"
                        f"|(?<=[\u3400-\u9fff{CJK_MARK}])[ \u00a0]+(?=[{CJK_MARK}])")


HAN = re.compile(f"[{HAN_RANGE}]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


class Change(str, enum.Enum):
    """What the clean-up changed, as the report names it."""

    WESTERN_MARK = "half-width ,:;()!?. in Chinese text made full-width"
    CJK_SPACE = "spaces between Chinese and Latin letters or digits dropped"
    DOUBLE_QUOTES = "straight quotes \"…\" paired as “…”"
    SINGLE_QUOTES = "straight quotes '…' paired as ‘…’"
    DASH_SPACE = "spaces around a dash —— or an ellipsis …… removed"
    TYPED_DASH = "an ellipsis typed as dots ... made …… and a dash typed as hyphens -- made ——"
    MARK_SPACE = "spaces beside full-width punctuation in Chinese text dropped"
    UNPAIRED_QUOTE = "a straight quote without its partner left as typed (fix it by hand)"
    UNPAIRED_BRACKET = "a bracket ( or ) without its partner left half-width, as typed"


def normalise(text: str) -> str:
    """Full-width marks in Chinese text, no space between Chinese and Latin/digits."""
    return clean(text)[0]


def clean(text: str) -> tuple[str, collections.Counter]:
    """The clean-up of a paragraph typed in Word, and what it changed (how many of each kind):
    straight quotes paired into “” ‘’ in Chinese text, Western ,:;()!? next to Chinese made
    full-width, spaces between Chinese and Latin/digits, beside full-width marks and around
    dashes and ellipses dropped
    (docs/issue-format.md, "Type text as it is printed"; the typesetter adds the CJK–Latin gap)."""
    changes: collections.Counter = collections.Counter()
    text = text.strip(" \t\u3000\u00a0")
    if HAN.search(text):
        text = _pair_quotes(text, '"', "“”", Change.DOUBLE_QUOTES, changes)
        text = _pair_quotes(text, "'", "‘’", Change.SINGLE_QUOTES, changes)
        text, n = ELLIPSIS.subn("……", text)
        changes[Change.TYPED_DASH] += n
        text, n = DASH.subn("——", text)
        changes[Change.TYPED_DASH] += n
        text = SPACED_DASH.sub(lambda m: _tight_dash(m, changes), text)
        marks = [m for m in END_MARK.finditer(text) if in_chinese_sentence(text, m.start())]
        for m in reversed(marks):
            text = text[:m.start()] + FULL_WIDTH.get(m.group(0), "。") + text[m.end():]
        changes[Change.WESTERN_MARK] += len(marks)
    text = _pair_brackets(text, changes)
    text, n = WESTERN_MARK.subn(lambda m: FULL_WIDTH[m.group(0)], text)
    changes[Change.WESTERN_MARK] += n
    text, n = FULL_STOP.subn("。", text)
    changes[Change.WESTERN_MARK] += n
    text, n = CJK_SPACE.subn("", text)
    changes[Change.CJK_SPACE] += n
    text, n = MARK_SPACE.subn("", text)
    changes[Change.MARK_SPACE] += n
    return text, +changes


def _pair_quotes(text: str, straight: str, curly: str, kind: Change, changes: collections.Counter) -> str:
    """Straight quotes paired in order: the first opens, the next closes (an apostrophe between
    two Latin letters, as in it's, is not a quote). An odd one out stays as typed."""
    spots = [i for i, ch in enumerate(text) if ch == straight and not (
        straight == "'" and 0 < i < len(text) - 1 and LATIN_LETTER.match(text[i - 1]) and LATIN_LETTER.match(text[i + 1]))]
    if len(spots) % 2:
        changes[Change.UNPAIRED_QUOTE] += 1
        spots = spots[:-1]
    chars = list(text)
    for k, i in enumerate(spots):
        chars[i] = curly[k % 2]
    changes[kind] += len(spots) // 2
    return "".join(chars)


def _pair_brackets(text: str, changes: collections.Counter) -> str:
    """Half-width ( ) made full-width in pairs, never one of a pair alone: `同比增长(%)` becomes
    `同比增长（%）`, not `同比增长（%)`, which the proofreader rightly calls unclosed (GB/T
    15834-2011 §4.9: brackets come in pairs). A pair is Chinese text's when a Han character or a
    full-width mark stands just outside either bracket or first or last inside it; `f(x)`,
    `(1)` in Latin text stay. A bracket without a partner is left as typed and counted."""
    opened: list[int] = []
    pairs: list[tuple[int, int]] = []
    lone = 0
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if opened:
                pairs.append((opened.pop(), i))
            else:
                lone += 1
    lone += len(opened)
    chars = list(text)
    for a, b in pairs:
        near = text[a - 1:a] + text[a + 1:a + 2] + text[b - 1:b] + text[b + 1:b + 2]
        if CHINESE_SIDE.search(near):
            chars[a], chars[b] = "（", "）"
            changes[Change.WESTERN_MARK] += 2
    if lone and (HAN.search(text)):
        changes[Change.UNPAIRED_BRACKET] += lone
    return "".join(chars)


def _tight_dash(m: re.Match, changes: collections.Counter) -> str:
    if not (m.group("sp1") or m.group("sp2")) or (LATIN_LETTER.match(m.group("l")) and LATIN_LETTER.match(m.group("r"))):
        return m.group(0)
    changes[Change.DASH_SPACE] += 1
    return m.group("l") + m.group("mark") + m.group("r")


def _cleaned(text: str, changes: collections.Counter) -> str:
    text, made = clean(text)
    changes.update(made)
    return text


def article_from_docx(path: Path | str, images: Path | None = None, base: Path | None = None,
                      clean: Callable[[str], str] = normalise, as_items: bool = False,
                      as_article: bool = False) -> FromWord:
    """The article (title, byline, body blocks) or the 信息摘登 items of a Word file, and a
    warning for everything it holds that the issue file cannot (editor/word/reader.py says what).

    Pictures are saved in `images` (default: `images/` under `base`), referenced relative
    to `base`, the folder of the issue file (default: the current folder). `clean` tidies
    every text taken from the file (default `normalise`; pass one that also counts changes).
    `as_items`: read as short items for a column of items (title lines left out); `as_article`:
    read as an article (its first paragraph the title when nothing else marks one)."""
    base = Path(base) if base is not None else Path.cwd()
    return extract(path, clean, Path(images) if images is not None else base / "images", base, as_items, as_article)


class _Row(list):
    """A table row, written on one line as the block schema shows it: [指标, 金额, 同比增长]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Row, lambda dumper, row: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", row, flow_style=True))


def _rows_on_one_line(data: dict) -> dict:
    for block in data.get("body", []):
        table = block.get("table") if isinstance(block, dict) else None
        for key in ("header", "rows"):
            if table and key in table:
                table[key] = [_Row(row) for row in table[key]]
    return data


def article_yaml(result: FromWord | WordArticle | WordItems, indent: int = 6) -> str:
    """YAML to paste into an issue file: an article as one list item under `articles:`
    (indented `indent`), or items as an `items:` list at the column's level (`indent` - 2)."""
    content = result.content if isinstance(result, FromWord) else result
    data = _rows_on_one_line(as_data(content))
    if isinstance(content, WordItems):
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2)
        lines = text.splitlines(keepends=True)
        lines = lines[:1] + ["  " + ln if ln.strip() else ln for ln in lines[1:]]
        pad = " " * max(0, indent - 2)
    else:
        text = yaml.dump([data], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6, indent=2)
        lines = text.splitlines(keepends=True)
        pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in lines)


__all__ = ["article_from_docx", "article_yaml", "normalise", "clean", "Change"]
