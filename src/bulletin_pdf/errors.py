"""Errors the library raises. Each carries where the problem is; only `cli` prints them.

An error names its place as `FILE:LINE:COLUMN: field.path: message` (1-based line and column,
as editors and compilers count), may carry the source line it points into (`excerpt`, shown
with a caret under `column`) and a `hint` that says what to do, in the editor's words.
"""

from __future__ import annotations


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

    def headline(self) -> str:
        """The one-line form: `FILE:LINE:COL: field: message`."""
        where = self.location + ": " if self.location else ""
        if self.field:
            where += self.field + ": "
        return where + self.message

    def details(self) -> list[str]:
        """Lines shown under the headline: the source line with a caret, then the hint."""
        out = []
        if self.excerpt is not None and self.line:
            out.append(f"  {self.line} | {self.excerpt}")
            if self.column:
                pad = " " * (len(str(self.line)) + 3 + _display_width(self.excerpt[:self.column - 1]))
                out.append(f"  {pad}^")
        if self.hint:
            out.append(f"  hint: {self.hint}")
        return out

    def errors(self) -> list[BulletinError]:
        """Every problem this error stands for (itself when it is one)."""
        return self.all or [self]

    def __str__(self) -> str:
        return "\n".join(e.headline() for e in self.errors())


def one_line(text: str) -> str:
    """`text` as one printable line: line breaks, line separators and other control characters
    (which a file name, field path or user text may hold) shown as `\\uXXXX`, so one message is
    one line on the terminal and cannot move the cursor or change colours."""
    import unicodedata

    return "".join(f"\\u{ord(ch):04x}" if ch != " " and unicodedata.category(ch) in ("Cc", "Zl", "Zp")
                   else ch for ch in text)


def _display_width(text: str) -> int:
    """Terminal columns of `text`: CJK and full-width characters take two (UAX #11 W/F)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class InputError(BulletinError):
    """The issue or layout file is not valid (YAML syntax, unknown field, wrong type…)."""


class FontError(BulletinError):
    """A font cannot be found or read, or a character has no glyph in its role's fonts."""


class LayoutError(BulletinError):
    """The content cannot be set under the layout (e.g. a paragraph that cannot fit)."""
