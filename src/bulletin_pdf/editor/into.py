"""`bulletin-pdf docx ARTICLE.docx --into ISSUE.yaml --column NAME [--after TITLE]`: a Word
article (or a column's short items) put straight into the issue file.

The issue file is edited in place with ruamel.yaml's round trip, so every comment, the order of
the fields, the quotes and the indentation the editor chose stay as they are; only the new
entry's lines are added (docs/issue-format.md: the file is the editor's). The clean-up is that of
`from_word` and is reported, with anything left for the editor to fix by hand.
"""

from __future__ import annotations

import collections
import difflib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import InputError
from ..messages import Message
from .docx import Change, _cleaned, article_from_docx, clean
from .word import WordItems, as_data, summary
from ..input.load import load_issue
from .new import PLACEHOLDER_BODY, PLACEHOLDER_TITLE


@dataclass(frozen=True, slots=True)
class Inserted:
    """What `insert_docx` did, for the report."""

    column: str
    what: Message                   # "the article 《…》" or "2 short items"
    where: Message                  # "in place of the placeholder", "after 《…》", "at the end"
    lines: tuple[int, int]          # first and last line of the new entry in the file
    changes: tuple[tuple[Message, int], ...]   # clean-up made: (what, how many)
    notes: tuple[Message, ...]      # things to look at by hand
    text: str                       # the new file
    warnings: tuple[Message, ...] = ()  # what the Word file holds that the issue file cannot (editor/word/reader.py)
    brought: Message | None = None  # what came from Word, as `docx` without --into says it (word.summary)


def issue_target(issue_path: Path) -> Path:
    """The file `docx --into` rewrites: a symbolic link's target (edited in place, atomically,
    so the link stays a link), refused when it is read-only (no write permission for its owner:
    the editor or a colleague protected it, and a rename over it would undo that without a word)."""
    import stat

    target = Path(os.path.realpath(issue_path))
    try:
        info = os.stat(target)
    except OSError:
        return target            # load_issue says what is wrong with it
    if stat.S_ISREG(info.st_mode) and not info.st_mode & stat.S_IWUSR:
        raise InputError(Message("issue.read_only"), file=str(issue_path), hint=Message("hint.read_only"))
    return target


def insert_docx(issue_path: Path, docx_path: Path, column: str | None, after: str | None = None,
                as_what: str | None = None) -> Inserted:
    """The issue file's new text with the Word file's article (or items) in `column`.

    `as_what` ("article" or "items", from `--as`) says what the Word file is when its look
    does not. Nothing is written when the file would go in wrong: an article into a column of
    items (it would lose its title) unless `--as items`, items into a column of articles, or
    an article or items already in the issue (the command run twice)."""
    load_issue(issue_path)          # a broken issue file is reported where it is broken, first
    try:
        raw = issue_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(Message("into.utf8"), file=str(issue_path), hint=Message("hint.utf8")) from None
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    crlf = "\r\n" in raw
    original = raw.removeprefix(bom).replace("\r\n", "\n")
    yaml = _round_trip_yaml(original)
    try:
        data = yaml.load(original)
    except YAMLError as exc:  # pragma: no cover - load_issue above has read it already
        raise InputError(Message("into.cannot_edit", problem=str(exc)), file=str(issue_path)) from None
    col = _column(data, column, issue_path)
    changes: collections.Counter = collections.Counter()
    notes: list[str] = []
    items_column = not ("articles" in col or "items" not in col)
    as_items = as_what == "items" or (items_column and as_what != "article")
    if items_column and as_what is None:
        _refuse_article_into_items(docx_path, col, data, issue_path)
    result = article_from_docx(docx_path, base=issue_path.parent, clean=_counting_clean(changes), as_items=as_items,
                               as_article=as_what == "article")
    warnings = [w.as_message() for w in result.warnings]
    content = result.content
    if not as_items:
        if isinstance(content, WordItems):
            raise InputError(Message("into.items_not_article"), file=str(docx_path),
                             hint=Message("hint.items_not_article"))
        entries = [_article_node(as_data(content))]
        key, what = "articles", Message("into.what.article", title=_joined(entries[0]["title"]))
        _refuse_twice(data, _joined(entries[0]["title"]), issue_path)
    else:
        if content.left_out:
            notes.append(Message("into.left_out_title", title="／".join(content.left_out)))
        items = as_data(content)["items"]
        entries = [_item_node(item) for item in items]
        key, what = "items", Message("into.what.items", n=len(entries))
        _refuse_items_twice(data, [item["text"] for item in items], issue_path)
        notes += [Message("into.no_byline", k=k, n=len(items))
                  for k, item in enumerate(items, 1) if "byline" not in item]
    target = col.setdefault(key, CommentedSeq())
    where = _place(target, entries, after, key, column, issue_path)
    out = io.StringIO()
    yaml.dump(data, out)
    text = _as_written(original, out.getvalue())
    if changes.get(Change.UNPAIRED_QUOTE):
        notes.append(Message("into.unpaired_quote"))
    lines = _added_lines(original, text)
    if crlf:
        text = text.replace("\n", "\r\n")
    return Inserted(column, what, where, lines, tuple(
        (Message(f"change.{kind.name}"), n) for kind, n in changes.items() if kind is not Change.UNPAIRED_QUOTE),
        tuple(notes), bom + text, tuple(warnings), summary(result))


def _as_written(original: str, dumped: str) -> str:
    """The dumped file with every line of the original that the edit did not replace given back
    exactly as typed (trailing spaces too), and every comment and blank line of the original
    before the same line as before. ruamel.yaml hangs a comment on the node before it, so an
    entry added after that node would otherwise come between the comment and the line the
    comment is about, and a replaced placeholder would take the comment after it away."""
    def is_glue(line: str) -> bool:
        return not line.strip() or line.lstrip().startswith("#")

    old = original.split("\n")
    content = [k for k, line in enumerate(old) if not is_glue(line)]
    before: dict[int, list[str]] = {}      # content line → the comments and blank lines above it
    pending: list[str] = []
    for k, line in enumerate(old):
        if is_glue(line):
            pending.append(line)
        else:
            before[k], pending = pending, []
    new = [line for line in dumped.split("\n") if not is_glue(line)]
    out: list[str] = []
    carried: list[str] = []                # comments of a replaced line go before what replaced it
    for tag, i1, i2, j1, j2 in _line_opcodes([old[k].rstrip() for k in content], [ln.rstrip() for ln in new]):
        if tag == "equal":
            for k in content[i1:i2]:
                out += carried + before[k] + [old[k]]
                carried = []
        else:
            carried += [line for k in content[i1:i2] for line in before[k]]
            if j2 > j1:
                out += carried + new[j1:j2]
                carried = []
    return "\n".join(out + carried + pending)


def _line_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from `a` to `b`, the lines both begin and end with taken out first: an
    edit changes one place of the file, and SequenceMatcher on the whole of a large issue (its
    `body:` lines repeated thousands of times) takes time that grows with the square of it."""
    start, most = 0, min(len(a), len(b))
    while start < most and a[start] == b[start]:
        start += 1
    end = 0
    while end < most - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    middle = difflib.SequenceMatcher(None, a[start:len(a) - end], b[start:len(b) - end], autojunk=False)
    ops = [("equal", 0, start, 0, start)] if start else []
    ops += [(tag, i1 + start, i2 + start, j1 + start, j2 + start) for tag, i1, i2, j1, j2 in middle.get_opcodes()
            if i2 > i1 or j2 > j1]
    if end:
        ops.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return ops


def _round_trip_yaml(text: str) -> YAML:
    """ruamel.yaml set to write the file back as it is written: its own list indentation
    (`- ` under or beside the field), quotes kept, no line wrapping."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 10**9
    try:
        _, sequence, offset = load_yaml_guess_indent(text)
    except YAMLError:  # pragma: no cover - load_issue has read it already
        sequence, offset = 4, 2
    mapping = _mapping_indent(text)
    yaml.indent(mapping=mapping, sequence=max(sequence or mapping, (offset or 0) + 2), offset=offset or 0)
    return yaml


def _mapping_indent(text: str) -> int:
    """Spaces a nested field is indented by (2 in the files `new` writes)."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for a, b in zip(lines, lines[1:]):
        if re.match(r"^[^\s#-][^:]*:\s*(#.*)?$", a) and re.match(r"^\s+[^\s#-][^:]*:", b):
            return len(b) - len(b.lstrip())
    return 2


def _column(data, name: str | None, issue_path: Path) -> CommentedMap:
    columns = data.get("columns") if isinstance(data, dict) else None
    names = [str(c.get("name", "")).strip() for c in columns or [] if isinstance(c, dict)]
    if not name:
        raise InputError(Message("into.which_column"), file=str(issue_path), field="columns",
                         hint=Message("hint.columns", names="、".join(names)))
    for col, col_name in zip(columns or [], names):
        if col_name == name.strip():
            return col
    near = difflib.get_close_matches(name.strip(), names, n=1, cutoff=0.3)
    raise InputError(Message("into.no_column_near", name=name, near=near[0]) if near else
                     Message("into.no_column", name=name), file=str(issue_path), field="columns",
                     hint=Message("hint.columns", names="、".join(names)))


def _refuse_twice(data, title: str, issue_path: Path) -> None:
    """The same article twice is a slip (the command run again), not a wish."""
    for col in data.get("columns") or []:
        for art in (col.get("articles") or []) if isinstance(col, dict) else []:
            if isinstance(art, dict) and _joined(art.get("title", "")) == title:
                raise InputError(Message("into.article_twice", title=title, column=str(col.get("name"))),
                                 file=str(issue_path), line=art.lc.line + 1, field="columns",
                                 hint=Message("hint.twice"))


def _refuse_items_twice(data, texts: list[str], issue_path: Path) -> None:
    """The same short items twice (the same 信息摘登 file brought in again) are refused, with
    the place of the first one found; an item is the same when its text is, spaces aside."""
    def norm(text) -> str:
        return re.sub(r"\s+", "", str(text))

    new = {norm(t) for t in texts}
    for col in data.get("columns") or []:
        items = (col.get("items") or []) if isinstance(col, dict) else []
        found = [it for it in items if isinstance(it, dict) and norm(it.get("text", "")) in new]
        if found:
            text = str(found[0].get("text", ""))
            raise InputError(Message("into.items_twice", n=len(found), total=len(texts), column=str(col.get("name")),
                                     text=_shown(text, 24)),
                             file=str(issue_path), line=found[0].lc.line + 1, field="columns",
                             hint=Message("hint.twice"))


def _refuse_article_into_items(docx_path: Path, col, data, issue_path: Path) -> None:
    """A Word file that reads as an article (a title marked as one) is not cut into items
    silently: that would lose its title and make each paragraph an item without a byline.
    `--as items` says it is meant."""
    from ..errors import BulletinError

    try:
        found = article_from_docx(docx_path, base=issue_path.parent).content
    except BulletinError:
        return                     # not an article: read as items below, whose errors say why
    if isinstance(found, WordItems):
        return
    columns = "、".join(str(c.get("name")) for c in data.get("columns") or []
                       if isinstance(c, dict) and "articles" in c)
    raise InputError(Message("into.article_not_items", title="".join(found.title), column=str(col.get("name"))),
                     file=str(docx_path), hint=Message("hint.article_not_items", columns=columns))


def _joined(title) -> str:
    return "".join(title) if isinstance(title, list) else str(title)


def _shown(title: str, most: int = 40) -> str:
    """A title whole (the editor copies a part of it for --after), an item's long text cut
    with an ellipsis that says it was."""
    return title if len(title) <= most else title[:most] + "…"


def _is_placeholder(entry, key: str) -> bool:
    if key == "articles":
        return isinstance(entry, dict) and _joined(entry.get("title", "")) == PLACEHOLDER_TITLE
    return isinstance(entry, dict) and entry.get("text") == PLACEHOLDER_BODY


def _place(target: CommentedSeq, entries: list, after: str | None, key: str, column: str, issue_path: Path) -> str:
    """Put the entries after the article named by `after`, else in place of the placeholder
    `new` left, else at the end of the column."""
    if after is not None:
        wanted = re.sub(r"\s+", "", after)
        found = [k for k, e in enumerate(target) if isinstance(e, dict) and wanted in re.sub(
            r"\s+", "", _joined(e.get("title") or e.get("text") or "") + str(e.get("contents_title") or ""))]
        if len(found) != 1:
            titles = [_shown(_joined(e.get("title") or e.get("text") or "")) for e in target if isinstance(e, dict)]
            kind = Message(f"into.kind.{key}")
            raise InputError(Message("into.after_many", n=len(found), key=kind, column=column, after=after) if found
                             else Message("into.after_none", key=kind, column=column, after=after),
                             file=str(issue_path), field="--after", hint=Message("hint.after", titles=" / ".join(titles)))
        for k, entry in enumerate(entries, found[0] + 1):
            target.insert(k, entry)
        return Message("into.where.after", title=_shown(_joined(target[found[0]].get("title") or target[found[0]].get("text"))))
    placeholder = next((k for k, e in enumerate(target) if _is_placeholder(e, key)), None)
    if placeholder is not None:
        del target[placeholder]
        for k, entry in enumerate(entries, placeholder):
            target.insert(k, entry)
        return Message("into.where.placeholder")
    target.extend(entries)
    return Message("into.where.end")


def _text(value: str):
    """A string as the sample writes it: plain when YAML allows, else in double quotes."""
    needs_quotes = (value[:1] in "!&*[]{}|>'\"%@`#,?:-" or ": " in value or " #" in value
                    or value != value.strip() or value.endswith(":"))
    return DoubleQuotedScalarString(value) if needs_quotes else value


def _article_node(article: dict) -> CommentedMap:
    node = CommentedMap()
    title = article["title"]
    node["title"] = CommentedSeq([_text(t) for t in title]) if isinstance(title, list) else _text(title)
    if article.get("byline"):
        node["byline"] = _text(article["byline"])
    node["body"] = CommentedSeq([_block_node(b) for b in article["body"]])
    return node


def _counting_clean(changes: collections.Counter):
    """`clean`, counting what it changed once per text: the Word reader cleans a paragraph both
    with its bold marks and without (to recognise headings and captions), one text for the report."""
    seen: set[str] = set()

    def tidy(text: str) -> str:
        key = text.replace("**", "").strip(" \t\u3000\u00a0")
        if key in seen:
            return clean(text)[0]
        seen.add(key)
        return _cleaned(text, changes)

    return tidy


def _block_node(block):
    """A body block as the sample writes it: a paragraph as a string; a table's rows on one
    line each (`[指标, 金额, 同比增长]`), as the block schema shows them."""
    if isinstance(block, str):
        return _text(block)
    if isinstance(block, list):
        return CommentedSeq(_block_node(v) for v in block)
    node = CommentedMap()
    for key, value in block.items():
        if key in ("header", "rows") and isinstance(value, list):
            rows = CommentedSeq()
            for row in value:
                flow = CommentedSeq(_block_node(cell) for cell in row)
                flow.fa.set_flow_style()
                rows.append(flow)
            node[key] = rows
        else:
            node[key] = _block_node(value) if isinstance(value, (str, list, dict)) else value
    return node


def _item_node(item: dict) -> CommentedMap:
    node = CommentedMap()
    node["text"] = _text(item["text"])
    if item.get("byline"):
        node["byline"] = _text(item["byline"])
    return node


def _added_lines(before: str, after: str) -> tuple[int, int]:
    """First and last line (1-based) of what the edit added to the file."""
    old, new = before.splitlines(), after.splitlines()
    added = [j for tag, _i1, _i2, j1, j2 in _line_opcodes(old, new) if tag in ("insert", "replace")
             for j in range(j1, j2)]
    return (added[0] + 1, added[-1] + 1) if added else (0, 0)
