"""A `build` run as the console command: no cyclic garbage collection, and an end without
tearing the interpreter down.

When the console command `build` has written its files, what is left of the process is
memory the operating system takes back at once: the composed pages, the shaped glyphs, every
module imported. CPython's normal exit frees it object by object first (about a fifth of
Typst's whole build of the sample, issue 20). `exit_now` flushes what the command printed and
ends the process with `os._exit`: no `atexit` handlers and no finalizers run, so it is called
only where none has work to do — by the console entry (`cli.console`), after `build` returned,
when every file it wrote is closed and renamed into place (`pipeline.write_atomically` closes
and renames before it returns, and removes its temporary file in a `finally`) — and never from
`cli.app`, which tests and other programs call in-process (typer's CliRunner).

For the same reason the build switches the cyclic garbage collector off (`no_collection`): a
build keeps nearly everything it makes (glyphs, lines, pages) until its file is written, so
each collection walks an ever larger heap and finds next to nothing — 569 collections freed
178 objects in a 202-page build (whole-issue page make-up on), and switching them off takes a
sixth off its CPU time (1.52 s → 1.27 s) with the same peak memory (185 MiB). Reference
counting still frees what the build drops.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def no_collection() -> None:
    """Switch the cyclic garbage collector off for the rest of this process (a console
    `build`: see above)."""
    import gc

    gc.disable()


def exit_code(code: object) -> int:
    """A `SystemExit` code as the process's exit status, as the interpreter turns it into one:
    None is 0, an integer itself, anything else is printed to stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def exit_now(code: int) -> NoReturn:
    """Flush stdout and stderr, then end the process with `code` at once (keeping the methods
    and patterns this process compiled first: `code_cache.save`, an `atexit` job)."""
    from .code_cache import save

    save()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):    # a reader gone (closed pipe) or a closed stream:
            pass                         # nothing more can be said to it
    os._exit(code)
