"""Articles written in Word (.docx) → the YAML of one article for the issue file.

Editors write articles in Word; this reads the paragraphs (python-docx) and guesses what a
careful editor would type:

* the title: the leading short paragraph(s) in a Title/Heading style or centred (one or two
  lines, as broken in Word);
* the byline: a last paragraph wrapped in （…） or right-aligned (the parentheses dropped:
  the layout adds them);
* the body: every other paragraph, bold runs as `**…**`, indents and soft line breaks
  removed (the layout indents);
* punctuation typed the Western way inside Chinese text (`,:;()!?` next to a Han character)
  becomes full-width, and a space typed between Chinese and a digit or Latin letter is
  dropped (the typesetter puts the ¼-em gap there), as docs/content-format.md asks.

The result is printed for the editor to paste under a column's `articles:` and check.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import InputError

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
#: A Western mark with a Han character on at least one side.
WESTERN_MARK = re.compile(r"(?<=[\u3400-\u9fff\uff00-\uffef“”‘’（）《》])[,:;()!?]|[,:;()!?](?=[\u3400-\u9fff“‘（《])")
CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u00a0]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])[ \u00a0]+(?=[\u3400-\u9fff])")
BYLINE = re.compile(r"^[（(](.+)[）)]$")
TITLE_MAX = 40


def normalise(text: str) -> str:
    """Full-width marks in Chinese text, no space between Chinese and Latin/digits."""
    text = text.replace("\u3000", "　").strip(" \t\u3000\u00a0")
    text = WESTERN_MARK.sub(lambda m: FULL_WIDTH[m.group(0)], text)
    return CJK_SPACE.sub("", text)


def _marked_text(paragraph) -> str:
    """The paragraph's text with bold runs as **…** (adjacent bold runs merged)."""
    parts: list[tuple[str, bool]] = []
    for run in paragraph.runs:
        text = run.text.replace("\n", "").replace("\t", "")
        if not text:
            continue
        bold = bool(run.bold) or bool(paragraph.style is not None and paragraph.style.font.bold and run.bold is None)
        if parts and parts[-1][1] == bold:
            parts[-1] = (parts[-1][0] + text, bold)
        else:
            parts.append((text, bold))
    if not parts:
        return ""
    out = ""
    for k, (text, bold) in enumerate(parts):
        if k == 0:
            text = text.lstrip(" \t\u3000\u00a0")
        if bold and text.strip():
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            out += text[:lead] + "**" + text.strip() + "**" + text[len(text) - trail:]
        else:
            out += text
    return normalise(out)


def _is_title(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    centred = paragraph.alignment is not None and int(paragraph.alignment) == 1
    text = paragraph.text.strip()
    return bool(text) and len(text) <= TITLE_MAX and not text.endswith("。") and (
        style.startswith(("Title", "Heading", "标题")) or centred)


def _is_right_aligned(paragraph) -> bool:
    return paragraph.alignment is not None and int(paragraph.alignment) == 2


def article_from_docx(path: Path | str) -> dict:
    """The article as the issue file's fields: title, byline, body."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - installed with the package
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        raise InputError(f"not a Word .docx file: {exc}", file=str(path)) from None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise InputError("the document has no text", file=str(path))
    title = []
    while paragraphs and len(title) < 2 and _is_title(paragraphs[0]):
        title.append(normalise(paragraphs.pop(0).text.replace("**", "")))
    byline = None
    if paragraphs:
        last = normalise(paragraphs[-1].text)
        m = BYLINE.match(last)
        if m or (_is_right_aligned(paragraphs[-1]) and len(last) <= TITLE_MAX):
            byline = (m.group(1) if m else last).strip()
            paragraphs.pop()
    body = [t for t in (_marked_text(p) for p in paragraphs) if t]
    if not title:
        raise InputError("no title found: give the title its own first paragraph, centred or in a "
                         "Title/Heading style", file=str(path))
    if not body:
        raise InputError("no body paragraphs after the title", file=str(path))
    article: dict = {"title": title if len(title) > 1 else title[0]}
    if byline:
        article["byline"] = byline
    article["body"] = body
    return article


def article_yaml(article: dict, indent: int = 6) -> str:
    """YAML for one list item under `articles:`, indented to paste into an issue file."""
    text = yaml.safe_dump([article], allow_unicode=True, sort_keys=False, width=10**6, indent=2)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


__all__ = ["article_from_docx", "article_yaml", "normalise"]
