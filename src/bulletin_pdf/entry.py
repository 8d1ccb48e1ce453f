"""The `bulletin-pdf` console entry: a plain `build` goes straight to the build, everything
else to the typer command line (cli.py).

typer, with click and rich under it, takes about as long to import as Typst takes to set the
whole sample (issue 20's measure); `build` is what an editor runs after every change, and its
arguments are few. So a command line that is `[--lang zh|en] build ISSUE [-o FILE] [-l
LAYOUT] [-f FORMATS] [--pdfx|--no-pdfx]` (options in any order after `build`, `--opt VALUE`
or `--opt=VALUE`) is parsed here and built without importing typer or rich; its output,
messages and exit codes are those of the typer command, which runs the same code
(build_command.py, terminal.py). Anything else — another command, `--help`, `--version`,
`--debug` (typer prints the traceback), `--check` (the preflight report is rich's), an option
given twice, a value that starts with `-`, or a mistake in the arguments — goes to typer,
which parses and reports it as it always has. tests/test_entry.py runs both ways on the same
arguments and compares what they print and exit with.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: `build`'s options that take a value: the long name each short one stands for
_VALUED = {"--output": "--output", "-o": "--output", "--layout": "--layout", "-l": "--layout",
           "--format": "--format", "-f": "--format"}
_FLAGS = {"--pdfx": True, "--no-pdfx": False}
_LANGS = ("zh", "en")


def parse_build(argv: list[str]) -> dict | None:
    """The arguments of a plain `build` (the keywords of `build_files`, and `lang`), or None
    when typer must parse `argv`."""
    args = list(argv)
    lang = None
    while args and args[0] != "build":
        head = args.pop(0)
        if head.startswith("--lang="):
            value = head.split("=", 1)[1]
        elif head == "--lang" and args:
            value = args.pop(0)
        else:
            return None
        if lang is not None or value not in _LANGS:
            return None
        lang = value
    if not args:
        return None
    found: dict = {}
    issue = None
    rest = args[1:]
    while rest:
        token = rest.pop(0)
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in _VALUED:
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            key = _VALUED[name]
            if key in found or not value or value.startswith("-"):
                return None
            found[key] = value
        elif token in _FLAGS:
            if "pdfx" in found:
                return None
            found["pdfx"] = _FLAGS[token]
        elif token.startswith("-") or issue is not None or not token:
            return None           # --check, --help, `--`, an unknown option, a second file
        else:
            issue = token
    if issue is None:
        return None
    output = found.get("--output")
    return {"issue": Path(issue), "output": Path(output) if output is not None else None,
            "layout": found.get("--layout"), "pdfx": found.get("pdfx"),
            "formats": found.get("--format"), "lang": lang}


def run() -> None:
    """`bulletin-pdf`, pyproject's console script: `main`, then, after a plain `build`, the
    process ends at once (quick_exit.py; the typer route does the same in `cli.console`)."""
    code = main()
    from .quick_exit import exit_now

    exit_now(code or 0)


def lang_first(argv: list[str]) -> list[str]:
    """`argv` with a `--lang zh` (or `--lang=zh`) typed after the command moved before it,
    where the command line takes it: `bulletin-pdf check ISSUE --lang zh` is what an editor
    types as often as `bulletin-pdf --lang zh check ISSUE`. Left as it is when `--lang` comes
    first already, is given more than once, or stands after `--` (then it is a file name)."""
    ends = argv.index("--") if "--" in argv else len(argv)
    at = [k for k in range(ends) if argv[k] == "--lang" or argv[k].startswith("--lang=")]
    if len(at) != 1 or at[0] == 0:
        return argv
    k = at[0]
    width = 1 if "=" in argv[k] else 2
    if argv[k - 1] in _VALUED:        # the value of another option (`-o --lang`): not ours
        return argv
    if width == 2 and (k + 1 >= ends or argv[k + 1].startswith("-")):
        return argv                   # no value: the command line says so where it stands
    return argv[k:k + width] + argv[:k] + argv[k + width:]


def main() -> int | None:
    """The command: a plain `build` here (without cyclic garbage collection, as `cli.console`
    builds), anything else through `cli.console`; the exit code of a plain build."""
    sys.argv[1:] = lang_first(sys.argv[1:])
    parsed = parse_build(sys.argv[1:])
    if parsed is None:
        from .cli import console

        return console()
    from .quick_exit import no_collection

    no_collection()
    return build(**parsed)


def build(lang: str | None, **arguments) -> int:
    """The fast path's `build`: the exit code typer's command would give (0; 2 for the user's
    mistake, each located; 70 for a bug of ours; 130 on Ctrl-C)."""
    from .build_command import build_files
    from .messages import language
    from .terminal import LANG, failed

    LANG["messages"] = language(lang)
    try:
        build_files(**arguments)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        return failed(exc)
    return 0
