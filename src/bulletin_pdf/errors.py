"""Errors the library raises. Each carries where the problem is; only `cli` prints them."""

from __future__ import annotations


class BulletinError(Exception):
    """Base of every error a user can cause and fix."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        self.all: list[str] = []     # several problems found at once, each one formatted line

    def __str__(self) -> str:
        if self.all:
            return "\n".join(self.all)
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        if self.field:
            where += self.field + ": "
        return where + self.message


class InputError(BulletinError):
    """The issue or layout file is not valid (YAML syntax, unknown field, wrong type…)."""


class FontError(BulletinError):
    """A font cannot be found or read, or a character has no glyph in its role's fonts."""


class LayoutError(BulletinError):
    """The content cannot be set under the layout (e.g. a paragraph that cannot fit)."""
