"""Raw pieces of a Word body → an article (title, byline, blocks) or several 信息摘登 items.

What each paragraph is, decided as a careful editor would:
* the title: up to two leading short paragraphs, centred or in a Title/Heading style;
* the byline: a short centred line under the title in （…） or naming an office and a person
  (not the title's second line), else a last paragraph in （…） or right-aligned;
* headings: a paragraph whose number (typed, or Word's automatic number as Word shows it)
  has one of the four forms of GB/T 9704-2012 §7.3.3 — 一、 （一） 1. （1） — gives the level;
  a Heading-style paragraph without such a number is numbered by the layout, its level from
  the style (the shallowest Heading style used in the body is level 1);
* captions: a 图N/表N paragraph next to a picture/table (before or after) becomes its caption
  and a 资料来源：/数据来源： line under it its source;
* notes: 注：…; lists: bulleted paragraphs, or numbered ones whose number is no heading form;
* no title, but paragraphs each closed by a （byline）: several items for `items:`.
"""

from __future__ import annotations

import dataclasses
import re

from ...messages import Message
from .blocks import (Block, Figure, Heading, ListBlock, Loss, Note, Paragraph, Table, WordArticle,
                     WordItem, WordItems, WordWarning)
from .pieces import Align, Piece, RawParagraph
from .places import snippet

HAN_NUMBER = "一二三四五六七八九十百零〇"
#: The four heading number forms of GB/T 9704-2012 §7.3.3, by level.
HEADING_FORMS = (
    (1, re.compile(rf"^[{HAN_NUMBER}]+、")),
    (2, re.compile(rf"^[（(][{HAN_NUMBER}]+[)）]")),
    (3, re.compile(r"^[0-9０-９]+[.．](?![0-9０-９])")),
    (4, re.compile(r"^[（(][0-9０-９]+[)）]")),
)
HEADING_MAX = 40
SENTENCE_END = re.compile(r"[。；！？]")
CLAUSES = re.compile(r"[，,；].*[。！？]$")
CAPTION = re.compile(r"^(图|表)\s*([0-9０-９]+(?:[-－—.．][0-9０-９]+)?|[一二三四五六七八九十]+)[\s\u3000:：、.．]*(\S.*)$")
CAPTION_MAX = 60
SOURCE = re.compile(r"^(?:资料来源|数据来源|来源)[：:]\s*(\S.*)$")
NOTE = re.compile(r"^注[：:]\s*(\S.*)$")
BYLINE = re.compile(r"^[（(](.+)[）)]$")
#: A personal name: two or three characters, a two-character one often spaced 王　昆.
NAME = r"[\u3400-\u9fff](?:[\u3400-\u9fff]|\u3000[\u3400-\u9fff]){1,2}"
#: An office (its last word) followed by one or more personal names, as bylines read:
#: 西湖区人大常委会办公室 方敏杰, 市人大常委会研究室 王　昆 李四.
OFFICE_WORDS = r"(?:常委会|委员会|办公室|办公厅|研究室|工委|人大|政府|局|厅|处|科|室|中心|街道|社区|记者|通讯员|编辑部)"
OFFICE = re.compile(OFFICE_WORDS)
#: An office's name, ending in an office word: （上城区人大常委会办公室）, not
#: （2025年10月28日…常委会第二十五次会议通过）, an adoption note that names one inside it.
OFFICE_LAST = re.compile(OFFICE_WORDS + r"[\s\u3000]*$")
OFFICE_AND_NAMES = re.compile(
    OFFICE_WORDS + r"[\s\u3000]+" + NAME + r"(?:[\s、，,]+" + NAME + r")*$")
WRITER = re.compile(r"^(?:文[/／]|作者[：:]|供稿[：:]|撰稿[：:])")
TRAILING_BYLINE = re.compile(r"^(.*[。！？”…])\s*[（(]([^（）()]{2,40})[)）]$")
TITLE_MAX = 40


def heading_level(text: str) -> int | None:
    """The level whose number form `text` starts with (GB/T 9704-2012 §7.3.3), or None."""
    for level, form in HEADING_FORMS:
        if form.match(text):
            return level
    return None


def _short(text: str) -> bool:
    """A heading is one short line: at most 40 characters, no sentence end inside; one typed
    with a level-3 or level-4 number (`1.`, `（1）`, the numbers a paragraph of points is also
    typed with) is not a sentence of clauses either (a comma or semicolon, then a closing
    。！？): `1.归集数据28个，共1.2亿条。` is a numbered paragraph, `1.强化组织领导。` a heading,
    and so is `一、坚持问题导向，强化监督实效。` (一、 and （一） number headings only)."""
    if not 0 < len(text) <= HEADING_MAX or SENTENCE_END.search(text[:-1]):
        return False
    return heading_level(text) not in (3, 4) or not CLAUSES.search(text)


def _is_title(p: RawParagraph) -> bool:
    return (bool(p.plain) and len(p.plain) <= TITLE_MAX and not p.plain.endswith("。") and p.label is None
            and heading_level(p.plain) is None and not CAPTION.match(p.plain)
            and (p.style.startswith(("Title", "Heading", "标题")) or p.align is Align.CENTER))


def _is_bold_title(p: RawParagraph) -> bool:
    """A first paragraph set wholly in bold, short and with no sentence end, is the title
    even when left-aligned in the Normal style: how many offices type a title in Word."""
    text = p.text.strip()
    return (bool(p.plain) and text.startswith("**") and text.endswith("**") and "**" not in text[2:-2]
            and len(p.plain) <= TITLE_MAX and not SENTENCE_END.search(p.plain) and p.label is None
            and heading_level(p.plain) is None and not CAPTION.match(p.plain))


def _byline_under_title(p: RawParagraph, title_size: float | None) -> str | None:
    """The byline, when `p` (right under the title) is one: centred or flush right, in （…）,
    an office and names, 文/…, or in a smaller size than the title; in any alignment (a line
    typed in Word's Normal style, flush left), an office in （…）, an office and names or 文/….
    A body paragraph is never short, bracketed and an office's name at once."""
    text = p.plain
    if not text or len(text) > TITLE_MAX or text.endswith("。"):
        return None
    placed = p.align in (Align.CENTER, Align.RIGHT)
    m = BYLINE.match(text)
    if m and (placed or OFFICE_LAST.search(m.group(1)) or OFFICE_AND_NAMES.search(m.group(1))):
        return m.group(1).strip()
    if OFFICE_AND_NAMES.search(text) or WRITER.match(text):
        return text
    if placed and title_size and p.size and p.size < title_size - 0.5:
        return text
    return None


def _byline_at_end(p: RawParagraph) -> str | None:
    m = BYLINE.match(p.plain)
    if m:
        return m.group(1).strip()
    if p.align is Align.RIGHT and p.plain and len(p.plain) <= TITLE_MAX:
        return p.plain
    return None


def split_title(pieces: list[Piece]) -> tuple[list[str], str | None, list[Piece]]:
    """Title lines, byline and the rest of the pieces."""
    rest = list(pieces)
    title: list[str] = []
    size = None
    byline = None
    while rest and len(title) < 2 and isinstance(rest[0], RawParagraph) and (
            _is_title(rest[0]) or (not title and _is_bold_title(rest[0]))):
        if title and _byline_under_title(rest[0], size):
            break
        size = size or rest[0].size
        title.append(rest.pop(0).plain.replace("**", ""))
    if title and rest and isinstance(rest[0], RawParagraph):
        byline = _byline_under_title(rest[0], size)
        if byline:
            rest.pop(0)
    if title and not byline and rest and isinstance(rest[-1], RawParagraph):
        byline = _byline_at_end(rest[-1])
        trailing = TRAILING_BYLINE.match(rest[-1].text)
        if byline:
            rest.pop()
        elif trailing and OFFICE.search(trailing.group(2)):     # …。（西湖区人大常委会办公室 方敏杰）
            byline = trailing.group(2).strip()
            last = rest.pop()
            kept = trailing.group(1).rstrip()
            rest.append(dataclasses.replace(last, text=kept, plain=kept.replace("**", "")))
    return title, byline, rest


def items_of(pieces: list[Piece], warnings: list[WordWarning]) -> WordItems | None:
    """Untitled items, each closed by its byline (in （…） at its end or on its own line);
    None when the pieces are not that."""
    if not pieces or not all(isinstance(p, RawParagraph) for p in pieces):
        return None
    items: list[WordItem] = []
    texts: list[RawParagraph] = []

    def close(text_parts: list[str], byline: str) -> None:
        if len(text_parts) > 1:
            warnings.append(WordWarning(Loss.TEXT, Message("word.where.near", place=Message("word.where.item", n=len(items) + 1),
                                                           near=snippet(text_parts[0])),
                                        Message("word.joined", n=len(text_parts))))
        items.append(WordItem("".join(text_parts), byline))

    for p in pieces:
        alone = _byline_at_end(p) if texts else None
        trailing = TRAILING_BYLINE.match(p.text)
        if alone:
            close([t.text for t in texts], alone)
            texts = []
        elif trailing:
            close([t.text for t in texts] + [trailing.group(1)], trailing.group(2).strip())
            texts = []
        else:
            texts.append(p)
    if texts or not items:
        return None
    return WordItems(tuple(items))


def items_for_column(pieces: list[Piece]) -> WordItems | None:
    """The file as short items for a column of items (`docx --into … --column 信息摘登`): up
    to two title lines left out, then each paragraph an item; a byline (its own paragraph in
    （…） or right-aligned, or （…） typed at the end) goes with the item it closes. An item may
    have no byline (the report says so). None when the file holds more than paragraphs."""
    if not pieces or not all(isinstance(p, RawParagraph) for p in pieces):
        return None
    rest = [p for p in pieces if p.plain]
    title: list[str] = []
    while len(rest) > 1 and len(title) < 2 and _is_title(rest[0]):
        title.append(rest.pop(0).plain.replace("**", ""))
    items: list[WordItem] = []
    for p in rest:
        alone = _byline_at_end(p)
        if alone and items and items[-1].byline is None:
            items[-1] = WordItem(items[-1].text, alone)
            continue
        trailing = TRAILING_BYLINE.match(p.text)
        items.append(WordItem(trailing.group(1).rstrip(), trailing.group(2).strip()) if trailing
                     else WordItem(p.text, None))
    return WordItems(tuple(items), tuple(title)) if items else None


def attach_captions(pieces: list[Piece]) -> list[Piece]:
    """Give each figure/table its adjacent 图N/表N paragraph as caption (figures look after
    then before, tables before then after, as Chinese captions usually sit) and the
    资料来源： line under it as source; those paragraphs are then not also paragraphs."""
    out = list(pieces)
    used: set[int] = set()

    def caption_at(k: int, kind: str) -> str | None:
        if 0 <= k < len(out) and k not in used and isinstance(out[k], RawParagraph):
            m = CAPTION.match(out[k].plain)
            rest = m.group(3).strip() if m else ""
            if m and m.group(1) == kind and len(rest) <= CAPTION_MAX and not re.search("[，。；！？]", rest[:-1]):
                used.add(k)
                return rest
        return None

    for i, piece in enumerate(out):
        if not isinstance(piece, Figure | Table):
            continue
        kind, order = ("图", (i + 1, i - 1)) if isinstance(piece, Figure) else ("表", (i - 1, i + 1))
        caption, after = None, i
        for k in order:
            caption = caption_at(k, kind)
            if caption is not None:
                after = max(after, k)
                break
        source = None
        k = after + 1
        if k < len(out) and k not in used and isinstance(out[k], RawParagraph):
            m = SOURCE.match(out[k].plain)
            if m:
                used.add(k)
                source = m.group(1)
        if isinstance(piece, Figure):
            out[i] = Figure(piece.image, caption or piece.caption, source or piece.source, piece.width_mm)
        else:
            out[i] = Table(piece.header, piece.rows, caption or piece.caption, source or piece.source)
    return [p for k, p in enumerate(out) if k not in used]


def classify(pieces: list[Piece], clean) -> list[Block]:
    """Paragraphs → headings, notes, list items, paragraphs; consecutive list items → lists."""
    styled = [p.outline for p in pieces if isinstance(p, RawParagraph) and p.outline and p.label is None
              and heading_level(p.plain) is None and _short(p.plain)]
    top = min(styled, default=1)
    blocks: list[Block] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            blocks.append(ListBlock(tuple(items)))
            items.clear()

    for p in pieces:
        if not isinstance(p, RawParagraph):
            flush()
            blocks.append(p)
            continue
        block: Block | None = None
        if p.label is not None and p.label.bullet:
            items.append(p.text)
            continue
        if p.label is not None:
            typed = clean(p.label.text + p.plain)
            level = heading_level(p.label.text + "\u3000")
            if (level or p.outline) and _short(p.plain):
                block = Heading(level or min(4, max(1, p.outline - top + 1)), typed, False)
            elif level or p.outline:
                block = Paragraph(clean(p.label.text + p.text))
            else:
                items.append(clean(p.label.text + p.text))
                continue
        elif heading_level(p.plain) and _short(p.plain):
            block = Heading(heading_level(p.plain), p.plain, False)
        elif p.outline and _short(p.plain):
            block = Heading(min(4, max(1, p.outline - top + 1)), p.plain, True)
        elif NOTE.match(p.plain):
            marked = NOTE.match(p.text.replace("**", ""))
            block = Note((marked or NOTE.match(p.plain)).group(1))
        else:
            block = Paragraph(p.text)
        flush()
        blocks.append(block)
    flush()
    return blocks


def assemble(pieces: list[Piece], notes: list[str], clean, warnings: list[WordWarning], as_items: bool = False,
             as_article: bool = False) -> WordArticle | WordItems | None:
    """The article (or items) the pieces make; None when neither a title nor items are found.
    `as_items`: the file goes into a column of items, whatever it looks like; `as_article`:
    it is an article, whose first paragraph is its title when nothing else marks one."""
    if as_items:
        return items_for_column(pieces)
    title, byline, rest = split_title(pieces)
    if as_article and not title and pieces and isinstance(pieces[0], RawParagraph) and pieces[0].plain \
            and len(pieces[0].plain) <= TITLE_MAX:
        title, byline, rest = split_title([dataclasses.replace(pieces[0], align=Align.CENTER)] + list(pieces[1:]))
    if title and not as_article:
        items = items_of(pieces[len(title):], [])     # warnings only if they are taken
        if items is not None and len(items.items) > 1 and all(
                it.byline and OFFICE.search(it.byline) for it in items.items):
            # the column's name (信息摘登) over several items, each with its office's byline
            warnings.append(WordWarning(Loss.TEXT, Message("word.where.near", place=Message("word.where.para", n=1),
                                                           near=snippet(title[0])),
                                        Message("word.column_name", title="/".join(title), n=len(items.items))))
            title, pieces = [], pieces[len(title):]
    if not title:
        items = items_of(pieces, warnings)
        if items is not None:
            for text in notes:
                warnings.append(WordWarning(Loss.FOOTNOTE, Message("word.where.items"),
                                            Message("word.items_no_notes", text=snippet(text))))
        return items
    body = classify(attach_captions(rest), clean) + [Note(text) for text in notes]
    return WordArticle(tuple(title), byline, tuple(body))
