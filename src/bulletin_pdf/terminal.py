"""What the command prints, line by line, on standard output or standard error; rich only
where a terminal reads it.

A line is made of parts, each plain text or `(text, style)` with a rich style ("bold red").
A line with a style, when the stream is a terminal (or `FORCE_COLOR`, `TTY_COMPATIBLE` say to
colour, as rich reads them), goes through rich, coloured as before. Any other line rich would
print as exactly its text and a line break, so it is written so and rich is not imported: a
`build` that only says what it wrote, or whose messages go to a file, a pipe or an editor's
build panel, saves rich's import (issue 20, "a lean cold path"). A line holding a control
character (a tab rich expands, a carriage return it drops) also goes through rich, so no
output differs from rich's.

Here too: the reader's language and `--debug` (set once by the command line), the located
error (`error: FILE:LINE:COL: field: message`, source line, caret, hint) and the warning
line that every command prints alike.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from .errors import BulletinError, one_line
from .messages import Lang, Message, render

if TYPE_CHECKING:
    from rich.console import Console

Part = str | tuple[str, str]

#: the command line's settings: `--debug` (tracebacks), `--lang` (messages)
DEBUG = {"on": False}
LANG: dict[str, Lang] = {"messages": "en"}


class Stream:
    """Standard output or standard error, looked up at each line (a test's runner swaps them)."""

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr
        self._rich: Console | None = None

    @property
    def file(self):
        return sys.stderr if self.stderr else sys.stdout

    @property
    def rich(self) -> Console:
        """The rich console of this stream, made on first use. emoji=False: a `:100:` in
        `file.yaml:100:` stays as typed; markup=False: a `[red]` in a file name is printed as
        typed (styles are given as parts, never as markup)."""
        if self._rich is None:
            from rich.console import Console

            self._rich = Console(stderr=self.stderr, highlight=False, soft_wrap=True, emoji=False, markup=False)
        return self._rich

    def line(self, *parts: Part) -> None:
        """One line of `parts`."""
        text = "".join(p if isinstance(p, str) else p[0] for p in parts)
        styled = any(not isinstance(p, str) for p in parts)
        if _has_control(text) or (styled and self._terminal()):
            from rich.text import Text

            line = Text()
            for part in parts:
                if isinstance(part, str):
                    line.append(part)
                else:
                    line.append(part[0], style=part[1])
            self.rich.print(line)
        else:
            self.file.write(text + "\n")

    def print(self, renderable) -> None:
        """A rich renderable (help text, a report's table) or a plain line of text."""
        if isinstance(renderable, str):
            self.line(renderable)
        else:
            self.rich.print(renderable)

    def _terminal(self) -> bool:
        """rich's own test (Console.is_terminal): TTY_COMPATIBLE, FORCE_COLOR, then isatty."""
        tty = os.environ.get("TTY_COMPATIBLE", "")
        if tty in ("0", "1"):
            return tty == "1"
        force = os.environ.get("FORCE_COLOR")
        if force is not None:
            return force != ""
        isatty = getattr(self.file, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:        # a closed stream (the end of a test run)
            return False


def _has_control(text: str) -> bool:
    return any(ch < " " or ch == "\x7f" for ch in text)


err = Stream(stderr=True)
out = Stream(stderr=False)


def print_error(problem: BulletinError) -> None:
    """One located error: `error: FILE:LINE:COL: field: message`, then its source line with a
    caret and its hint, in the reader's language. User text is printed as written (never read
    as rich markup)."""
    lang = LANG["messages"]
    err.line((render(Message("label.error"), lang) + ": ", "bold red"), one_line(problem.headline(lang)))
    for line in problem.details(lang):       # a hint may be several lines on purpose (a layout to save)
        for part in line.split("\n"):
            err.line(one_line(part))


def say(id: str, **params) -> str:
    """The catalogue message `id` in the reader's language (messages.py)."""
    return render(Message(id, **params), LANG["messages"])


def print_warnings(warnings, stream: Stream = err) -> None:
    """`warning: …` lines in the reader's language, on standard error unless `stream` says
    otherwise (`check` prints its report, warnings included, on standard output)."""
    label = render(Message("label.warning"), LANG["messages"])
    for warning in warnings:
        stream.line((label + ": ", "yellow"), one_line(render(warning, LANG["messages"])))


def failed(exc: BaseException) -> int:
    """The exit code of a command stopped by `exc`, said in one line each (no traceback unless
    --debug, when `exc` is raised again): 2 for what the user can fix (each problem located),
    70 for a bug of ours."""
    if DEBUG["on"]:
        raise exc
    if isinstance(exc, BulletinError):
        for problem in exc.errors():
            print_error(problem)
        return 2
    err.line((say("label.internal") + ": ", "bold red"),
             one_line(say("internal.report", problem=f"{type(exc).__name__}: {exc}")))
    return 70
