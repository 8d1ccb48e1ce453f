"""Reading the files a user names, defensively (issue 12: hostile and broken input).

Every file the tool reads — issue, layout, font, PDF — may be anything: a FIFO that never
ends, `/dev/zero`, a directory, a 2 GB file, text saved as GBK by a Windows editor, a YAML
"billion laughs". This module bounds all of that *before* a parser sees the bytes, and names
every refusal by file, line and column with what to do (docs/commands.md, "Broken and hostile
input"):

- `read_file`: only a regular file (checked on the open descriptor, so a FIFO never blocks),
  at most `limit` bytes (read no further);
- `decode_text`: UTF-8 (a BOM is accepted, as is UTF-16 with its BOM, Notepad's "Unicode");
  anything else is refused with the line and column of the first bad byte, and named as
  GBK/GB18030 when it reads as such;
- `check_characters`: control characters (and the invisible line separators U+2028/U+2029/
  U+0085 that shift every later line number) named by code point, line and column;
- `BoundedLoader`: YAML composed with a nesting-depth bound, a bound on the number of nodes
  (aliases counted as the copies they expand to, so "billion laughs" stops at once), aliases
  refused outright in issue files, numbers too long for any field and impossible dates refused
  at their node; `FastBoundedLoader` is the same with libyaml's parser (`yamlread.read_yaml` uses
  it first and leaves any file it refuses to `BoundedLoader`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path

import yaml

from ..errors import InputError
from ..messages import Message

MAX_TEXT_BYTES = 2 * 1024 * 1024     # an issue is ~30 KB, a layout ~5 KB
MAX_DEPTH = 32                       # an issue nests 6 levels, a layout 5
MAX_NODES = 100_000                  # the sample issue has ~150 nodes; aliases count expanded
MAX_NUMBER_DIGITS = 30               # no field holds a longer number (a phone has 12 digits)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def read_file(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    The file is opened non-blocking and checked with fstat on the descriptor, so a FIFO or a
    device is refused without ever being read (a FIFO's open would otherwise wait for a
    writer, `/dev/zero` would never end)."""
    name = str(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise _not_regular(name, what, "a folder") from None
    except FileNotFoundError:
        raise InputError(Message("file.not_found", what=_noun(what)), file=name, hint=Message("hint.file_name")) from None
    except OSError as exc:
        raise InputError(Message("file.cannot_read", what=_noun(what), why=str(exc.strerror or exc)), file=name,
                         hint=Message("hint.may_read")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _not_regular(name, what, "a folder")
        if not stat.S_ISREG(info.st_mode):
            kind = "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else \
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else \
                "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file"
            raise _not_regular(name, what, kind)
        if info.st_size > limit:
            raise _too_big(name, what, info.st_size, limit)
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while True:      # read to the end, never past the limit (the file may grow meanwhile)
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise _too_big(name, what, size, limit)
        return b"".join(chunks)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise _not_regular(name, what, "a folder") from None
        raise InputError(Message("file.cannot_read", what=_noun(what), why=str(exc.strerror or exc)), file=name) from None
    finally:
        os.close(fd)


def check_regular_file(path: Path | str, limit: int, what: str = "file") -> int:
    """The size of `path` if it is a regular file within `limit` bytes (for files a library
    opens itself, such as a PDF given to `check`); refused like `read_file` otherwise."""
    name = str(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(Message("file.not_found", what=_noun(what)), file=name, hint=Message("hint.file_name")) from None
    except OSError as exc:
        raise InputError(Message("file.cannot_read", what=_noun(what), why=str(exc.strerror or exc)), file=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise _not_regular(name, what, "a folder")
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(name, what, "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device")
    if info.st_size > limit:
        raise _too_big(name, what, info.st_size, limit)
    return info.st_size


def first_bytes(head: bytes) -> str:
    """The first bytes of a file as a person would recognise them: text if they are text
    (`root:x:0`), else hex — to say what a file that should be a font or a PDF looks like."""
    text = head[:8].decode("latin-1")
    if text and all(32 <= ord(ch) < 127 for ch in text):
        return text
    return " ".join(f"{b:02X}" for b in head[:8])


#: The files a message names, as the catalogue says them (messages.py, `noun.…`).
_NOUNS = {"file": "noun.file", "PDF": "noun.pdf", "OFD": "noun.ofd", "font file": "noun.font",
          "YAML file": "noun.yaml", "a folder": "noun.folder", "a pipe (FIFO)": "noun.fifo",
          "a device": "noun.device"}


def _noun(what: str) -> Message | str:
    return Message(_NOUNS[what]) if what in _NOUNS else what


def _not_regular(name: str, what: str, kind: str) -> InputError:
    return InputError(Message("file.not_regular", kind=_noun(kind), what=_noun(what)), file=name,
                      hint=Message("hint.not_regular", what=_noun(what)))


def _too_big(name: str, what: str, size: int, limit: int) -> InputError:
    return InputError(Message("file.too_big", what=_noun(what), size=f"{size:,}", limit=f"{limit:,}"), file=name,
                      hint=Message("hint.right_file"))


# ----------------------------------------------------------------------------- text

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


#: Files an editor may give where an issue or layout file is due, told by their first bytes
#: (PDF: ISO 32000-1 §7.5.2 header; .docx: a ZIP archive; .doc/.wps: an OLE2 compound file).
_NOT_YAML = (
    (b"%PDF-", "kind.pdf", "hint.give_yaml"),
    (b"PK\x03\x04", "kind.docx", "hint.docx_into_issue"),
    (b"\xd0\xcf\x11\xe0", "kind.doc", "hint.save_docx"),
)


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (optionally with a BOM; UTF-16 with its BOM) → text; else a located refusal. A
    PDF or a Word file given by mistake is named as such, not as text in a wrong encoding."""
    for magic, kind, hint in _NOT_YAML:
        if raw.startswith(magic):
            raise InputError(Message("file.not_yaml", kind=Message(kind)), file=name, hint=Message(hint))
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError as exc:
                return _refuse_bytes(raw, exc.start, name, codec.upper().replace("-SIG", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _refuse_bytes(raw, exc.start, name, "UTF-8")


def _refuse_bytes(raw: bytes, start: int, name: str, codec: str) -> str:
    """Raise: the file is not `codec`; line and column of the first bad byte; GBK named when
    the whole file reads as GB18030 (what a Chinese Windows editor saves as 'ANSI')."""
    line_start = max(raw.rfind(b"\n", 0, start), raw.rfind(b"\r", 0, start)) + 1
    line = raw.count(b"\n", 0, start) + raw.count(b"\r", 0, start) - raw.count(b"\r\n", 0, start) + 1
    line_end = len(raw)
    for sep in (b"\n", b"\r"):
        at = raw.find(sep, start)
        if at != -1:
            line_end = min(line_end, at)
    gbk = None
    try:
        decoded = raw.decode("gb18030")
        gbk = sum(1 for ch in decoded if "\u4e00" <= ch <= "\u9fff") > 0
    except UnicodeDecodeError:
        pass
    text_codec = "gb18030" if gbk else "utf-8"
    column = len(raw[line_start:start].decode(text_codec, "replace")) + 1
    excerpt = raw[line_start:line_end].decode(text_codec, "replace")
    if gbk:
        message = Message("file.gbk", codec=codec)
    else:
        message = Message("file.bad_byte", codec=codec, byte=f"{raw[start]:02X}")
    raise InputError(message, file=name, line=line, column=column, excerpt=_visible(excerpt, column),
                     hint=Message("hint.save_utf8"))


# YAML 1.1 §5.1 printable characters (what PyYAML reads), minus the line breaks editors do not
# show: NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029), and a byte-order
# mark inside the text (two files pasted together; invisible, and in no font).
# As one character class, so that a whole file is searched by `re` in C rather than by a Python
# loop over every character (0.06–0.1 s of loading a 200-page issue): C0 controls but tab, line
# feed and carriage return; DEL and the C1 controls (NEL among them); U+2028, U+2029; a BOM
# inside the text; the non-characters U+FFFE, U+FFFF; lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB (a Word line break)",
          0x0C: "FORM FEED (a page break)", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
          0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR", 0xFEFF: "BYTE ORDER MARK inside the text",
          0xFFFE: "not a character",
          0xFFFF: "not a character"}


def _is_control(ch: str) -> bool:
    return _CONTROL.match(ch) is not None


def control_name(ch: str) -> str:
    """`U+0007 (BEL)`: a character as an editor can search for it."""
    cp = ord(ch)
    label = _NAMES.get(cp)
    if label is None:
        import unicodedata
        label = ("a lone surrogate, half of a character" if 0xD800 <= cp <= 0xDFFF
                 else unicodedata.name(ch, "control character"))
    return f"U+{cp:04X} ({label})"


def check_characters(text: str, name: str) -> None:
    """Refuse the first control character, named by code point, with its line and column."""
    found = _CONTROL.search(text)
    if found:
        line, column, excerpt = position(text, found.start())
        raise InputError(Message("file.control", name=control_name(found.group())), file=name, line=line,
                         column=column, excerpt=_visible(excerpt, column), hint=Message("hint.control"))


#: YAML's double-quoted escapes (YAML 1.1 §5.6, "Escape Sequences") and the one character each stands for
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)")
_ESCAPED = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
            "r": "\r", "e": "\x1b", "N": "\x85", "L": "\u2028", "P": "\u2029"}


def check_escapes(value: str, lines: tuple[str, ...], start: tuple[int, int], end: tuple[int, int],
                  name: str) -> None:
    """Refuse a control character that a double-quoted value spells as an escape ("\\u0000",
    "\\a", "\\ufeff", "\\ud800" …): `check_characters` sees only the file's own characters, so
    the value must be checked after YAML decoded it. Located at the escape (0-based `start`
    and `end` (line, column) of the quoted value in `lines`)."""
    found = _CONTROL.search(value)
    if not found:
        return
    where = (start[0] + 1, start[1] + 1, found.group())
    for i in range(start[0], min(end[0], len(lines) - 1) + 1):
        line = lines[i]
        lo = start[1] + 1 if i == start[0] else 0
        hi = end[1] if i == end[0] else len(line)
        hit = next((m for m in _ESCAPE.finditer(line, lo, hi) if _CONTROL.match(_unescape(m.group(1)))), None)
        if hit:
            where = (i + 1, hit.start() + 1, _unescape(hit.group(1)))
            break
    line, column, ch = where
    excerpt = lines[line - 1] if line <= len(lines) else ""
    raise InputError(Message("text.escaped_control", char=control_name(ch)), file=name, line=line, column=column,
                     excerpt=_visible(excerpt, column), hint=Message("hint.escaped_control"))


def _unescape(code: str) -> str:
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16)) if int(code[1:], 16) <= 0x10FFFF else "\ufffd"
    return _ESCAPED.get(code, code)


def position(text: str, index: int) -> tuple[int, int, str]:
    """(line, column, the line's text) of `text[index]`, 1-based, lines ending at \\n, \\r\\n, \\r."""
    prefix = text[:index]
    line = prefix.count("\n") + prefix.count("\r") - prefix.count("\r\n") + 1
    start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    end = len(text)
    for sep in ("\n", "\r"):
        at = text.find(sep, index)
        if at != -1:
            end = min(end, at)
    return line, index - start + 1, text[start:end]


def source_line(text: str, line: int) -> str | None:
    """Line `line` (1-based) of `text`, lines ending as in `position`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[line - 1] if 0 < line <= len(lines) else None


def find_in_file(name: str, needle: str, from_line: int = 1, nth: int = 0) -> tuple[int, int, str] | None:
    """(line, column, the line) of the first `needle` in the text file `name` (or the `nth`
    after it, counted from line `from_line`), for messages about a character of a string:
    its field keeps the line it starts on, or none (a masthead field, a layout label)."""
    try:
        text = read_text(name)
    except InputError:
        return None
    at = 0
    for _ in range(from_line - 1):
        at = text.find("\n", at) + 1
        if at == 0:
            return None
    at = text.find(needle, at)
    for _ in range(nth):
        if at < 0:
            break
        at = text.find(needle, at + len(needle))
    if at < 0:
        return None
    line, column, excerpt = position(text, at)
    return line, column, _visible(excerpt, column)


def _visible(text: str, column: int | None = None) -> str:
    """Control characters shown as `\\uXXXX`, so an excerpt stays one readable line; a very long
    line cut 60 characters after `column` (the caret's place is unchanged)."""
    keep = (column or 1) + 60
    if len(text) > keep + 1:
        text = text[:keep] + "…"
    return "".join(f"\\u{ord(ch):04x}" if _is_control(ch) or ch == "\t" else ch for ch in text)


def read_text(path: Path | str, limit: int = MAX_TEXT_BYTES, what: str = "YAML file") -> str:
    """A text file a user wrote: regular, bounded, UTF-8, no control characters."""
    name = str(path)
    text = decode_text(read_file(path, limit, what), name)
    check_characters(text, name)
    return text


# ----------------------------------------------------------------------------- YAML

_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _out_of_calendar(value: str) -> bool:
    """A YYYY-MM-DD whose month or day is not in the calendar (2025-13-01, 2025-02-30)."""
    m = re.match(r"\s*(\d{4})-(\d\d?)-(\d\d?)", value)
    if not m:
        return False
    year, month, day = map(int, m.groups())
    try:
        dt.date(year, month, day)
        return False             # a real date: `calendar` (and `locale`) not imported for it
    except ValueError:
        import calendar
    return not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]


class _Bounds:
    """The bounds, checked as each node is composed, refusing at the offending node.

    `aliases=False` (issue files): an anchor `&x` or alias `*x` is refused — an editor never
    needs them, and they are how a small file expands to gigabytes. `aliases=True` (layouts):
    allowed, but every node counts as often as it is reached, so the expanded document is
    bounded by `MAX_NODES` too, and an alias to a node still being read (a cycle) is refused.
    Mixed into a loader whose composer is PyYAML's Python `Composer`, whatever its parser.
    """

    def _start_bounds(self, text: str, name: str, aliases: bool) -> None:
        self._text = text
        self._name = name
        self._aliases = aliases
        self._depth = 0
        # node → nodes it expands to. Keyed by the node itself: a yaml.Node compares and
        # hashes by identity, which is what an alias shares with its anchor
        self._size: dict[yaml.Node, int] = {}
        self._total = 0

    def _refuse(self, mark, message: str, hint: str) -> InputError:
        line = mark.line + 1
        excerpt = source_line(self._text, line)
        return InputError(message, file=self._name, line=line, column=mark.column + 1,
                          excerpt=None if excerpt is None else _visible(excerpt, mark.column + 1), hint=hint)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if not self._aliases and (isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)):
            raise self._refuse(event.start_mark, "YAML anchors (&name) and aliases (*name) are not accepted "
                               "in an issue file", "write the text out in full where it is needed")
        if self._depth >= MAX_DEPTH:
            raise self._refuse(event.start_mark, f"nested more than {MAX_DEPTH} levels deep",
                               "check the indentation and the brackets [ ] { } around this line")
        self._depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(event, yaml.AliasEvent):
            size = self._size.get(node)
            if size is None:
                raise self._refuse(event.start_mark, f"the alias *{event.anchor} refers to the block it is in",
                                   "an alias must name a block that is complete before it")
        else:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(self._size[child] for child in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(self._size[k] + self._size[v] for k, v in node.value)
            else:
                self._check_scalar(node)
            self._size[node] = size
        self._total += size if isinstance(event, yaml.AliasEvent) else 1
        if size > MAX_NODES or self._total > MAX_NODES:
            raise self._refuse(event.start_mark, f"the file expands to more than {MAX_NODES:,} values",
                               "an alias (*name) repeats its whole block: use fewer or smaller ones"
                               if self._aliases else "split the file or shorten its lists")
        return node

    def _check_scalar(self, node: yaml.ScalarNode) -> None:
        if node.tag == _INT and len(node.value) > MAX_NUMBER_DIGITS:
            raise self._refuse(node.start_mark, f"a number of {_plural(len(node.value), 'character')} "
                               "is too long for any field", "if this is text, put it in quotes")
        if node.tag == _TIMESTAMP and not _out_of_calendar(node.value):   # those: yamlread._check_date, with the field
            try:
                self.construct_yaml_timestamp(node)
            except (ValueError, OverflowError) as exc:
                raise self._refuse(node.start_mark, f"{node.value} is not a real date ({exc})",
                                   "check the day and the month (YYYY-MM-DD)") from None


class BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's safe loader, all in Python, with the bounds: the reference reader, whose error
    messages `slips.explain` reads to explain a slip (and the only one without libyaml)."""

    def __init__(self, text: str, name: str, *, aliases: bool) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._start_bounds(text, name, aliases)


class NotReadAlike(yaml.MarkedYAMLError):
    """Raised by `FastBoundedLoader` where libyaml would not read the file exactly as PyYAML's
    reader does: `yamlread.read_yaml` then reads it with `BoundedLoader`."""


if getattr(yaml, "__with_libyaml__", False):
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.cyaml import CParser
    from yaml.resolver import Resolver

    class FastBoundedLoader(_Bounds, Composer, CParser, SafeConstructor, Resolver):
        """The same loader with libyaml's event parser (`CParser`, shipped in PyYAML's wheel)
        under the same Python composer, so every bound is checked at the same node: 7–9× faster
        on an issue file than the pure-Python scanner and parser. The events, their marks
        (line, column) and so the values and lines are PyYAML's; only the wording of a syntax
        error differs, so `yamlread.read_yaml` reads a file this loader refuses again with
        `BoundedLoader`, and the editor sees exactly PyYAML's explained message."""

        def __init__(self, text: str, name: str, *, aliases: bool) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._start_bounds(text, name, aliases)

        def compose_node(self, parent, index):
            """An empty value inside { } or [ ] (`{text: }`) is the one node whose place the two
            parsers give differently (PyYAML: right after the colon; libyaml: at the next
            token, possibly lines below): the file is left to PyYAML's reader, so the error
            about that value points where it always has."""
            event = self.peek_event()
            if (isinstance(event, yaml.ScalarEvent) and not event.value and not event.style   # plain: None or ""
                    and getattr(parent, "flow_style", False)):
                raise NotReadAlike("an empty value in a flow collection", None, None, event.start_mark)
            return super().compose_node(parent, index)
else:     # PyYAML built without libyaml: the Python loader does it all
    FastBoundedLoader = None


def libyaml_reads_alike(text: str) -> bool:
    """Whether `FastBoundedLoader` may read `text` first. libyaml accepts a few things PyYAML
    refuses, and a file must not load only because libyaml read it: a tab inside or after
    plain text (`title: 一<TAB>二`), which PyYAML refuses and `slips.explain` names. Such a
    file goes to the pure-Python loader directly (tests/test_yaml_readers.py looks for more)."""
    return "\t" not in text
