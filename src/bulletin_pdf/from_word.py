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

import collections
import enum
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


HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
#: A dash or ellipsis run with the spaces typed around it (`1 — 9月`, `等等 …… 。`).
SPACED_DASH = re.compile(r"(?P<l>.?)(?P<sp1>[ \u00a0\u3000]*)(?P<mark>[—―]+|…+|⋯+)(?P<sp2>[ \u00a0\u3000]*)(?P<r>.?)")
LATIN_LETTER = re.compile(r"[A-Za-z]")


class Change(str, enum.Enum):
    """What the clean-up changed, as the report names it."""

    WESTERN_MARK = "half-width ,:;()!? in Chinese text made full-width"
    CJK_SPACE = "spaces between Chinese and Latin letters or digits dropped"
    DOUBLE_QUOTES = "straight quotes \"…\" paired as “…”"
    SINGLE_QUOTES = "straight quotes '…' paired as ‘…’"
    DASH_SPACE = "spaces around a dash —— or an ellipsis …… removed"
    UNPAIRED_QUOTE = "a straight quote without its partner left as typed (fix it by hand)"


def normalise(text: str) -> str:
    """Full-width marks in Chinese text, no space between Chinese and Latin/digits."""
    return clean(text)[0]


def clean(text: str) -> tuple[str, collections.Counter]:
    """The clean-up of a paragraph typed in Word, and what it changed (how many of each kind):
    straight quotes paired into “” ‘’ in Chinese text, Western ,:;()!? next to Chinese made
    full-width, spaces between Chinese and Latin/digits and around dashes and ellipses dropped
    (content-format.md: type text as printed; the typesetter adds the CJK–Latin gap)."""
    changes: collections.Counter = collections.Counter()
    text = text.strip(" \t\u3000\u00a0")
    if HAN.search(text):
        text = _pair_quotes(text, '"', "“”", Change.DOUBLE_QUOTES, changes)
        text = _pair_quotes(text, "'", "‘’", Change.SINGLE_QUOTES, changes)
        text = SPACED_DASH.sub(lambda m: _tight_dash(m, changes), text)
    text, n = WESTERN_MARK.subn(lambda m: FULL_WIDTH[m.group(0)], text)
    changes[Change.WESTERN_MARK] += n
    text, n = CJK_SPACE.subn("", text)
    changes[Change.CJK_SPACE] += n
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


def _tight_dash(m: re.Match, changes: collections.Counter) -> str:
    if not (m.group("sp1") or m.group("sp2")) or (LATIN_LETTER.match(m.group("l")) and LATIN_LETTER.match(m.group("r"))):
        return m.group(0)
    changes[Change.DASH_SPACE] += 1
    return m.group("l") + m.group("mark") + m.group("r")


def _marked_text(paragraph, changes: collections.Counter) -> str:
    """The paragraph's text with bold runs as **…** (adjacent bold runs merged), cleaned up."""
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
    return _cleaned(out, changes)


def _cleaned(text: str, changes: collections.Counter) -> str:
    text, made = clean(text)
    changes.update(made)
    return text


def _is_title(paragraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    centred = paragraph.alignment is not None and int(paragraph.alignment) == 1
    text = paragraph.text.strip()
    return bool(text) and len(text) <= TITLE_MAX and not text.endswith("。") and (
        style.startswith(("Title", "Heading", "标题")) or centred)


def _is_right_aligned(paragraph) -> bool:
    return paragraph.alignment is not None and int(paragraph.alignment) == 2


def _paragraphs(path: Path | str) -> list:
    """The non-empty paragraphs of a Word file (python-docx)."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - installed with the package
        raise InputError("reading .docx needs python-docx (pip install python-docx)") from None
    if not Path(path).is_file():
        raise InputError("no such file", file=str(path), hint="check the name and folder of the Word file")
    try:
        document = docx.Document(str(path))
    except Exception:  # python-docx raises several kinds for a file that is not .docx
        raise InputError("not a Word .docx file", file=str(path),
                         hint="save it in Word as .docx (Word Document), not .doc, .wps or .pdf") from None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise InputError("the document has no text", file=str(path))
    return paragraphs


def _byline_of(paragraph, changes: collections.Counter) -> str | None:
    """A byline paragraph: wrapped in （…）, or short and right-aligned; the text inside."""
    text = paragraph.text.strip()
    m = BYLINE.match(text)
    if m or (_is_right_aligned(paragraph) and len(text) <= TITLE_MAX):
        return _cleaned((m.group(1) if m else text).strip(), changes)
    return None


def article_from_docx(path: Path | str, changes: collections.Counter | None = None) -> dict:
    """The article as the issue file's fields: title, byline, body; `changes` counts what the
    clean-up changed (see `clean`)."""
    changes = collections.Counter() if changes is None else changes
    paragraphs = _paragraphs(path)
    title = []
    while paragraphs and len(title) < 2 and _is_title(paragraphs[0]):
        title.append(_cleaned(paragraphs.pop(0).text.replace("**", ""), changes))
    byline = _byline_of(paragraphs[-1], changes) if paragraphs else None
    if byline is not None:
        paragraphs.pop()
    body = [t for t in (_marked_text(p, changes) for p in paragraphs) if t]
    if not title:
        raise InputError("no title found", file=str(path),
                         hint="give the title its own first paragraph, centred or in a Title/Heading style")
    if not body:
        raise InputError("no body paragraphs after the title", file=str(path))
    article: dict = {"title": title if len(title) > 1 else title[0]}
    if byline:
        article["byline"] = byline
    article["body"] = body
    return article


#: A byline typed at the end of a short item's paragraph: …。（淳安县人大常委会办公室 何沐阳）
TRAILING_BYLINE = re.compile(r"(?<=[。！？”])\s*[（(]([^（）()。，！？]{2,40})[）)]\s*$")


def items_from_docx(path: Path | str, changes: collections.Counter | None = None) -> tuple[list[dict], list[str]]:
    """Short items (信息摘登) from a Word file: each paragraph an item; a byline — its own
    paragraph in （…） or right-aligned, or （…） at the end of the paragraph — goes with the item
    before it. Returns the items and the title lines left out (items have no title)."""
    changes = collections.Counter() if changes is None else changes
    paragraphs = _paragraphs(path)
    dropped = []
    while paragraphs and len(dropped) < 2 and _is_title(paragraphs[0]) and len(paragraphs) > 1:
        dropped.append(paragraphs.pop(0).text.strip())
    items: list[dict] = []
    for paragraph in paragraphs:
        byline = _byline_of(paragraph, changes)
        if byline is not None and items and "byline" not in items[-1]:
            items[-1]["byline"] = byline
            continue
        text = _marked_text(paragraph, changes)
        m = TRAILING_BYLINE.search(text)
        item = {"text": text[:m.start()].rstrip() if m else text}
        if m:
            item["byline"] = m.group(1).strip()
        items.append(item)
    return items, dropped


def article_yaml(article: dict, indent: int = 6) -> str:
    """YAML for one list item under `articles:`, indented to paste into an issue file."""
    text = yaml.safe_dump([article], allow_unicode=True, sort_keys=False, width=10**6, indent=2)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


__all__ = ["article_from_docx", "items_from_docx", "article_yaml", "normalise", "clean", "Change"]
