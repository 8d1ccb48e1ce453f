"""The `bulletin-pdf` command: thin typer commands over the pipeline.

Only this module prints and picks exit codes (docs/style.md, "Errors"): a `BulletinError`
becomes one red line `FILE:LINE: field: message` on stderr and exit code 2; tracebacks only
with `--debug`.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from . import __version__
from .errors import BulletinError, one_line

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Typeset a Chinese bulletin (简报) from its YAML issue file into print-ready PDF.")
fonts_app = typer.Typer(no_args_is_help=True, help="The default faces: install them, see what a layout uses.")
app.add_typer(fonts_app, name="fonts")

# emoji=False: a `:100:` in `file.yaml:100:` must stay as typed, not become an emoji;
# markup=False: a `[red]` in a file name is printed as typed (styles are given as rich Text)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False, markup=False)
out = Console(highlight=False, soft_wrap=True, emoji=False, markup=False)
DEBUG = {"on": False}

LayoutOpt = Annotated[str, typer.Option("--layout", "-l", help="Layout name (layouts/NAME.yaml) or path.")]


def user_errors(fn):
    """Turn library errors into one message and exit code 2 (no traceback unless --debug)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BulletinError as exc:
            if DEBUG["on"]:
                raise
            for problem in exc.errors():
                print_error(problem)
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
            raise
        except Exception as exc:   # a bug of ours: say so in one line, traceback with --debug
            if DEBUG["on"]:
                raise
            err.print(Text("internal error: ", style="bold red")
                      + Text(one_line(f"{type(exc).__name__}: {exc} "
                                      "(run with --debug for the traceback, and please report it)")))
            raise typer.Exit(70) from None

    return wrapper


def print_error(problem: BulletinError) -> None:
    """One located error: `error: FILE:LINE:COL: field: message`, then its source line with a
    caret and its hint. User text is printed as written (never read as rich markup)."""
    err.print(Text("error: ", style="bold red") + Text(one_line(problem.headline())))
    for line in problem.details():
        err.print(Text(one_line(line)))


def print_warnings(warnings) -> None:
    for warning in warnings:
        err.print(Text("warning: ", style="yellow") + Text(one_line(str(warning))))


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context,
         debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
         version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    DEBUG["on"] = debug
    if version:
        out.print(f"bulletin-pdf {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        out.print(ctx.get_help())
        raise typer.Exit(0)


@app.command()
@user_errors
def build(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
          output: Annotated[Optional[Path], typer.Option("--output", "-o", help="PDF to write.")] = None,
          layout: LayoutOpt = "jianbao",
          pdfx: Annotated[Optional[bool], typer.Option("--pdfx/--no-pdfx",
                                                       help="PDF/X-4 output (default: the layout's)")] = None,
          then_check: Annotated[bool, typer.Option("--check", help="Preflight the new PDF (as `check`).")] = False) -> None:
    """Build the PDF of an issue. The previous PDF is replaced only by a complete new one."""
    from .pipeline import build as run_build, write_atomically

    result = run_build(issue, layout, pdfx)
    target = output or Path(issue.stem + ".pdf")
    write_atomically(target, result.pdf)
    print_warnings(result.document.warnings)
    err.print(one_line(f"wrote {target}: {len(result.document.pages)} pages, {len(result.pdf) / 1024:.0f} KB "
                       f"in {result.seconds:.2f} s"))
    if then_check:
        from .preflight import preflight
        from .preflight.report import print_report

        layout_ = result.layout
        report = preflight(target, (layout_.block.left, layout_.block.left + layout_.block.width))
        print_report(report, err)
        raise typer.Exit(1 if report.faults else 0)


@app.command()
@user_errors
def text(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
         layout: LayoutOpt = "jianbao") -> None:
    """Print every string the PDF sets, in reading order, one block a line (folios left out):
    the reference for a text round-trip."""
    from .pipeline import text_of

    sys.stdout.write("\n".join(text_of(issue, layout)) + "\n")


@app.command()
@user_errors
def check(pdf: Annotated[Path, typer.Argument(help="Any PDF.")],
          as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
          text_block: Annotated[Optional[str], typer.Option(
              "--text-block", help="Left,right edges of the text block, e.g. 28mm,184mm (default: found).")] = None) -> None:
    """Preflight a PDF: page boxes, colour spaces, fonts, missing glyphs, PDF/X keys, and
    for Chinese text kinsoku, justification and 孤字. Exit code 1 when a print shop would
    reject the file."""
    from .model import parse_length
    from .preflight import preflight
    from .preflight.report import print_report, to_json

    block = None
    if text_block:
        try:
            left, right = (parse_length(v) for v in text_block.split(","))
        except ValueError:
            raise typer.BadParameter("expected LEFT,RIGHT such as 28mm,184mm", param_hint="--text-block") from None
        block = (left, right)
    report = preflight(pdf, block)
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        print_report(report, out)
    raise typer.Exit(1 if report.faults else 0)


@app.command()
@user_errors
def docx(document: Annotated[Path, typer.Argument(help="An article written in Word (.docx).")],
         indent: Annotated[int, typer.Option(help="Spaces before each line (6 fits under `articles:`).")] = 6) -> None:
    """Print a Word article as YAML for the issue file: title, byline, paragraphs with bold
    as **…**, Western punctuation in Chinese text made full-width. Check it, then paste it
    under a column's `articles:`."""
    from .from_word import article_from_docx, article_yaml

    sys.stdout.write(article_yaml(article_from_docx(document), indent))


@app.command()
@user_errors
def new(previous: Annotated[Path, typer.Argument(help="The previous issue file.")],
        output: Annotated[Path, typer.Option("--output", "-o", help="The new issue file to write.")],
        date: Annotated[Optional[str], typer.Option(help="Issue date, YYYY-MM-DD (default: today).")] = None) -> None:
    """Start the next issue from the previous one: numbers advanced, date set, columns and
    distribution kept, one placeholder article per column."""
    import datetime as dt

    from .errors import InputError
    from .pipeline import write_atomically
    from .scaffold import next_issue_yaml

    if output.exists():
        raise InputError("exists already; choose another file name", file=str(output))
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise InputError(f"--date {date}: expected a date such as 2025-10-30") from None
    write_atomically(output, next_issue_yaml(previous, day).encode("utf-8"))
    err.print(one_line(f"wrote {output}"))


@app.command()
@user_errors
def preview(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
            directory: Annotated[Path, typer.Option("--dir", "-d", help="Folder for the PNG pages.")] = Path("preview"),
            layout: LayoutOpt = "jianbao",
            dpi: Annotated[int, typer.Option(help="Resolution of the pages.")] = 70) -> None:
    """Build the issue and render every page to PNG (page-01.png …) to look at it."""
    from .pipeline import build as run_build
    from .preview import render_pages

    result = run_build(issue, layout)
    print_warnings(result.document.warnings)
    for path in render_pages(result.pdf, directory, dpi):
        out.print(str(path))


@fonts_app.command("install")
@user_errors
def fonts_install(directory: Annotated[Optional[Path], typer.Option("--dir", help="Fonts folder (with manifest.yaml).")] = None,
                  force: Annotated[bool, typer.Option("--force", help="Rebuild even if present.")] = False) -> None:
    """Fetch and build the default faces listed in fonts/manifest.yaml (needs npm)."""
    from .fontinstall import install
    from .pipeline import PROJECT_ROOT

    folder = directory or PROJECT_ROOT / "fonts"
    for path in install(folder, force=force, report=lambda m: err.print(m)):
        out.print(f"ok {path}")


@fonts_app.command("list")
@user_errors
def fonts_list(layout: LayoutOpt = "jianbao") -> None:
    """Show the face each role of a layout resolves to."""
    from .load import load_layout
    from .pipeline import find_layout, load_fonts

    fonts = load_fonts(load_layout(find_layout(layout)))
    for role in fonts.roles:
        faces = fonts.faces[role]
        out.print(f"{role:10} {faces[0].name}  ({faces[0].path})" +
                  "".join(f"\n{'':10} fallback {f.name} ({f.path})" for f in faces[1:]))
