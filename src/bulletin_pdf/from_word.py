"""Articles written in Word (.docx) → the YAML of one article (or of 信息摘登 items) for the
issue file.

Editors write articles in Word; the `word` package reads the document (python-docx, lxml)
into typed blocks — title, byline, paragraphs with bold as `**…**`, headings, notes, lists,
tables, figures — and names in a warning whatever it cannot bring (word/reader.py).
This module tidies the text as a careful editor would type it:

* punctuation typed the Western way inside Chinese text (`,:;()!?` next to a Han character)
  becomes full-width, and a space typed between Chinese and a digit or Latin letter is
  dropped (the typesetter puts the ¼-em gap there), as docs/content-format.md asks.

The result is printed for the editor to paste under a column's `articles:` and check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .word import FromWord, WordArticle, WordItems, as_data, extract

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
#: A Western mark with a Han character on at least one side.
WESTERN_MARK = re.compile(r"(?<=[\u3400-\u9fff\uff00-\uffef“”‘’（）《》])[,:;()!?]|[,:;()!?](?=[\u3400-\u9fff“‘（《])")
CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u00a0]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])[ \u00a0]+(?=[\u3400-\u9fff])")


def normalise(text: str) -> str:
    """Full-width marks in Chinese text, no space between Chinese and Latin/digits."""
    text = text.replace("\u3000", "　").strip(" \t\u3000\u00a0")
    text = WESTERN_MARK.sub(lambda m: FULL_WIDTH[m.group(0)], text)
    return CJK_SPACE.sub("", text)


def article_from_docx(path: Path | str, images: Path | None = None, base: Path | None = None,
                      clean: Callable[[str], str] = normalise) -> FromWord:
    """The article (title, byline, body blocks) or the 信息摘登 items of a Word file, and a
    warning for everything it holds that the issue file cannot (word/reader.py says what).

    Pictures are saved in `images` (default: `images/` under `base`), referenced relative
    to `base`, the folder of the issue file (default: the current folder). `clean` tidies
    every text taken from the file (default `normalise`; pass one that also counts changes)."""
    base = Path(base) if base is not None else Path.cwd()
    return extract(path, clean, Path(images) if images is not None else base / "images", base)


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


__all__ = ["article_from_docx", "article_yaml", "normalise"]
