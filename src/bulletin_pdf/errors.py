"""Errors the library raises. Each carries where the problem is; only `cli` prints them.

An error names its place as `FILE:LINE:COLUMN: field.path: message` (1-based line and column,
as editors and compilers count), may carry the source line it points into (`excerpt`, shown
with a caret under `column`) and a `hint` that says what to do, in the editor's words.
Message and hint may be `messages.Message`s: English as text, translated when printed with
`lang="zh"`.
"""

from __future__ import annotations

from .messages import Lang, Message, render


class BulletinError(Exception):
    """Base of every error a user can cause and fix."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None, column: int | None = None, hint: str | None = None,
                 excerpt: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint
        self.excerpt = excerpt       # the source line `line` points into, for a caret under `column`
        self.all: list[BulletinError] = []   # several problems found at once, each a located error

    @property
    def location(self) -> str:
        """`FILE:LINE:COLUMN` as far as known ('' when the error has no file)."""
        if not self.file:
            return ""
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def headline(self, lang: Lang = "en") -> str:
        """The one-line form: `FILE:LINE:COL: field: message`."""
        where = self.location + ": " if self.location else ""
        if self.field:
            where += self.field + ": "
        return where + render(self.message, lang)

    def details(self, lang: Lang = "en") -> list[str]:
        """Lines shown under the headline: the source line with a caret, then the hint.

        The caret stands under the `column`-th character however wide the characters before
        it are on a terminal: CJK and full-width ones take two columns (UAX #11), a tab is
        shown as one space so that the count stays right."""
        out = []
        if self.excerpt is not None and self.line:
            shown, column = _window(self.excerpt.replace("\t", " "), self.column or 1)
            out.append(f"  {self.line} | {shown}")
            if self.column:
                pad = " " * (len(str(self.line)) + 3 + _display_width(shown[:column - 1]))
                out.append(f"  {pad}^")
        if self.hint:
            out.append(f"  {render(Message('label.hint'), lang)}: {render(self.hint, lang)}")
        return out

    def errors(self) -> list[BulletinError]:
        """Every problem this error stands for (itself when it is one)."""
        return self.all or [self]

    def __str__(self) -> str:
        return "\n".join(e.headline() for e in self.errors())


#: Terminal columns of source text shown under a message: a long paragraph is cut to a
#: window around the caret (marked `...`) so that a wrapped line cannot move the caret.
EXCERPT_WIDTH = 72


def _window(text: str, column: int) -> tuple[str, int]:
    """`text` cut to at most EXCERPT_WIDTH terminal columns around `column` (1-based), and
    the caret's column in the cut text. Linear in the length of the line: each character's
    width is taken once, then the window is found by walking out from the caret (an error
    at column 40,000 of one long line is shown as fast as one at column 4)."""
    column = max(1, min(column, len(text) + 1))
    # only the characters near the caret can be shown: look at no more than the window's width
    # of characters either side (each is at least one terminal column wide, save combining marks)
    lo = max(0, column - 1 - 4 * EXCERPT_WIDTH)
    hi = min(len(text), column - 1 + 4 * EXCERPT_WIDTH)
    if lo == 0 and hi == len(text) and _display_width(text) <= EXCERPT_WIDTH:
        return text, column
    widths = [_char_width(ch) for ch in text[lo:hi]]
    caret = column - 1 - lo                     # index of the caret's character in `widths`
    start, before = caret, 0
    while start > 0 and before + widths[start - 1] <= EXCERPT_WIDTH // 3:   # keep a third before the caret
        start -= 1
        before += widths[start]
    start += lo
    prefix = "..." if start else ""
    end, used = start, len(prefix)
    while end < len(text) and end - lo < len(widths) and used + widths[end - lo] <= EXCERPT_WIDTH - 3:
        used += widths[end - lo]
        end += 1
    return prefix + text[start:end] + ("..." if end < len(text) else ""), column - start + len(prefix)


def one_line(text: str) -> str:
    """`text` as one printable line: line breaks, line separators and other control characters
    (which a file name, field path or user text may hold) shown as `\\uXXXX`, so one message is
    one line on the terminal and cannot move the cursor or change colours."""
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if ch != " " and unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                   else ch for ch in text)


def _display_width(text: str) -> int:
    """Terminal columns of `text`: CJK and full-width characters take two (UAX #11 W/F),
    combining marks none."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    """Terminal columns of one character (UAX #11: W and F take two; combining marks none)."""
    import unicodedata

    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class InputError(BulletinError):
    """The issue or layout file is not valid (YAML syntax, unknown field, wrong type…)."""


class FontError(BulletinError):
    """A font cannot be found or read, or a character has no glyph in its role's fonts."""


class LayoutError(BulletinError):
    """The content cannot be set under the layout (e.g. a paragraph that cannot fit)."""
