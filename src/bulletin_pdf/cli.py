"""The `bulletin-pdf` command: thin typer commands over the pipeline.

Only the command line prints and picks exit codes (docs/commands.md, "Errors and messages"):
this module, and for a plain `build` the console entry (entry.py), both through terminal.py: a
`BulletinError` becomes one red line `FILE:LINE: field: message` on stderr and exit code 2; tracebacks only
with `--debug`. Messages are printed in the reader's language (`--lang`, else the locale;
messages.py).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import enum

# pydantic looks for plugins (the entry points of every installed distribution) the first time
# it builds a schema; this command uses none. PYDANTIC_DISABLE_PLUGINS is pydantic's documented
# switch (typer sets it too while it builds its own adapters); a value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402  (after the line above, before pydantic builds any schema)
from rich.text import Text

from . import __version__
from .errors import one_line
from .messages import Message, language, render
from .terminal import DEBUG, LANG, err, failed, out, print_error, print_warnings, say

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Typeset a Chinese bulletin (简报) from its YAML issue file into print-ready PDF (and OFD).")
fonts_app = typer.Typer(no_args_is_help=True, help="The default faces: install them, see what a layout uses.")
app.add_typer(fonts_app, name="fonts")

#: Set by `build` as it starts: `console` then ends the process without tearing it down.
BUILDING = {"on": False}
#: Set by `console`: this process is the installed command, not a program calling `app`.
CONSOLE = {"on": False}


class MessageLang(str, enum.Enum):
    zh = "zh"
    en = "en"


class ReadAs(str, enum.Enum):
    article = "article"
    items = "items"


LayoutOpt = Annotated[Optional[str], typer.Option("--layout", "-l", help="Layout name (layouts/NAME.yaml) or path (default: the issue's `layout:` line, else jianbao).")]
FormatOpt = Annotated[Optional[str], typer.Option(
    "--format", "-f", help="pdf, ofd or pdf,ofd (both from one composition, named by the stem of -o); "
                           "default: from the suffix of -o (.pdf, .ofd).")]


def console() -> None:
    """The `bulletin-pdf` console script (pyproject.toml): typer's `app`; a `build` runs
    without cyclic garbage collection and, once it has run, the process ends without freeing
    what the OS frees anyway (quick_exit.py). Tests and other programs call `app`, which
    collects and returns to them as before."""
    CONSOLE["on"] = True
    try:
        app()
    except SystemExit as exit:
        if not BUILDING["on"]:
            raise
        from .quick_exit import exit_code, exit_now

        exit_now(exit_code(exit.code))


def user_errors(fn):
    """Turn library errors into one message and exit code 2 (no traceback unless --debug)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
            raise
        except Exception as exc:   # the user's mistake located, or a bug of ours in one line (terminal.failed)
            raise typer.Exit(failed(exc)) from None

    return wrapper


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context,
         debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
         version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
         lang: Annotated[Optional[MessageLang], typer.Option(
             "--lang", help="Language of messages: zh (中文) or en (default: from LC_ALL, LC_MESSAGES or LANG).")] = None
         ) -> None:
    DEBUG["on"] = debug
    LANG["messages"] = language(lang.value if lang else None)
    if version:
        out.print(f"bulletin-pdf {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        out.print(ctx.get_help())
        raise typer.Exit(0)


@app.command()
@user_errors
def build(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
          output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                         help="File to write: .pdf or .ofd (GB/T 33190).")] = None,
          layout: LayoutOpt = None,
          pdfx: Annotated[Optional[bool], typer.Option("--pdfx/--no-pdfx",
                                                       help="PDF/X-4 output (default: the layout's)")] = None,
          formats: FormatOpt = None,
          then_check: Annotated[bool, typer.Option("--check", help="Preflight the new files (as `check`).")] = False) -> None:
    """Build the PDF (or OFD) of an issue.

    The previous file is replaced only by a complete new one."""
    from .build_command import build_files

    BUILDING["on"] = True
    if CONSOLE["on"]:
        from .quick_exit import no_collection

        no_collection()

    result, targets = build_files(issue, output, layout, pdfx, formats)
    if then_check:
        from .preflight import preflight
        from .preflight.report import print_report

        layout_ = result.layout
        faults = 0
        for target, _fmt in targets:
            report = preflight(target, (layout_.block.left, layout_.block.left + layout_.block.width))
            print_report(report, err.rich, lang=LANG["messages"])
            faults += len(report.faults)
        raise typer.Exit(1 if faults else 0)


@app.command()
@user_errors
def text(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
         layout: LayoutOpt = None) -> None:
    """Print the text the PDF sets, in reading order.

    One block a line, folios left out: the reference for a text round-trip."""
    from .pipeline import text_of

    sys.stdout.write("\n".join(text_of(issue, layout)) + "\n")


@app.command()
@user_errors
def check(file: Annotated[Path, typer.Argument(help="An issue file (YAML) to proofread, or any PDF or OFD to preflight.")],
          previous: Annotated[Optional[Path], typer.Option(
              "--from", help="Issue file: the previous issue, to check this one's date and numbers against.")] = None,
          layout: LayoutOpt = None,
          as_json: Annotated[bool, typer.Option("--json", help="PDF: print the report as JSON.")] = False,
          text_block: Annotated[Optional[str], typer.Option(
              "--text-block", help="PDF: left,right edges of the text block, e.g. 28mm,184mm (default: found).")] = None) -> None:
    """Check an issue file, a PDF or an OFD.

    An issue file (YAML): a proofreading report (placeholders, bylines, quotes and
    punctuation, spaces, brackets, numbering) and how the issue fits its pages, without
    writing a PDF; exit code 1 on an error. A PDF: a preflight (page boxes,
    colour spaces, fonts, missing glyphs, PDF/X keys, kinsoku, justification and 孤字); exit
    code 1 when a print shop would reject the file. An OFD (.ofd): the same report where the
    formats agree (no PDF/X keys, no ToUnicode: its text codes are the text)."""
    from .errors import InputError

    if file.suffix.lower() in (".docx", ".doc", ".wps"):
        raise InputError(Message("check.word_file"), file=str(file), hint=Message("hint.word_into", file=str(file)))
    if _is_pdf(file):
        if previous is not None:
            raise InputError(Message("check.from_with_pdf"), file=str(file),
                             hint=Message("hint.run", command=f"bulletin-pdf check ISSUE.yaml --from {previous}"))
        _check_pdf(file, as_json, text_block)
    else:
        if as_json or text_block:
            raise InputError(Message("check.json_with_issue"), file=str(file),
                             hint=Message("hint.run", command=f"bulletin-pdf check {file}"))
        _check_issue(file, previous, layout)


def _is_pdf(path: Path) -> bool:
    """The file's name decides, not a flag: an issue file is `.yaml` or `.yml` (as `new` names
    it); any other file goes to the PDF preflight, which reads only a regular file and refuses
    one that is no PDF with one line saying what it starts with."""
    return path.suffix.lower() not in (".yaml", ".yml")


def _check_pdf(pdf: Path, as_json: bool, text_block: str | None) -> None:
    from .model import parse_length
    from .preflight import preflight
    from .preflight.report import print_report, to_json

    block = None
    if text_block:
        try:
            left, right = (parse_length(v) for v in text_block.split(","))
        except ValueError:
            raise typer.BadParameter(say("check.text_block"), param_hint="--text-block") from None
        block = (left, right)
    report = preflight(pdf, block)
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    else:
        print_report(report, out.rich, lang=LANG["messages"])
    raise typer.Exit(1 if report.faults else 0)


def _check_issue(path: Path, previous: Path | None, layout_ref: str | None) -> None:
    from .errors import BulletinError
    from .input.places import issue_layout
    from .pipeline import load_fonts
    from .input.load import load_layout
    from .editor.proofread import Severity, fit_report, proofread

    lang = LANG["messages"]
    issue, findings = proofread(path, previous)
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    for finding in findings:     # the report: on standard output, as check FILE.pdf prints its own
        error = finding.severity is Severity.ERROR
        out.print(Text(say("label.error" if error else "label.warning") + ": ",
                       style="bold red" if error else "yellow") + Text(one_line(finding.problem.headline(lang))))
        for line in finding.problem.details(lang):
            out.print(Text(one_line(line)))
    try:
        from .compose import compose

        layout_ = load_layout(issue_layout(layout_ref, issue))
        fonts = load_fonts(layout_)
        document = compose(issue, layout_, fonts)
    except BulletinError as exc:     # e.g. a character no font has: the issue cannot be set
        for problem in exc.errors():
            print_error(problem)
        errors += len(exc.errors())
    else:
        print_warnings(document.warnings, out)   # with the findings: the report is on standard output
        warnings += len(document.warnings)       # the summary counts every warning printed
        _print_faces_used(issue, layout_, fonts)
        out.print(Text(say("check.fit_head", layout=Path(layout_.file).stem)))
        for note in fit_report(issue, layout_, document).notes:
            out.print(Text(f"  {render(note, lang)}"))
    out.print(Text(one_line(say("check.summary", file=str(path), errors=errors, warnings=warnings))))
    raise typer.Exit(1 if errors else 0)


@app.command()
@user_errors
def docx(document: Annotated[Path, typer.Argument(help="An article written in Word (.docx).")],
         into: Annotated[Optional[Path], typer.Option(
             "--into", help="Put it straight into this issue file (comments and layout of the file kept).")] = None,
         column: Annotated[Optional[str], typer.Option(
             "--column", "-c", help="With --into: the column (栏目) to put it in, by name.")] = None,
         after: Annotated[Optional[str], typer.Option(
             "--after", help="With --into: after the article whose title has this text (default: in place "
                             "of the placeholder `new` left, else at the end of the column).")] = None,
         indent: Annotated[int, typer.Option(min=0, max=40, help="Without --into: spaces before each line (6 fits "
                                                                "under `articles:`; 0 to 40).")] = 6,
         images: Annotated[Optional[Path], typer.Option(
             "--images", help="Without --into: folder for the article's pictures (default: images/ in the "
                              "current folder; with --into, images/ beside the issue file).")] = None,
         as_what: Annotated[Optional[ReadAs], typer.Option(
             "--as", help="What the Word file is, when its look does not say: article (its first paragraph is "
                          "the title) or items (信息摘登 short items).")] = None) -> None:
    """Bring a Word article into the issue.

    Title, byline, paragraphs with bold as **…**, headings,
    notes, lists, tables and figures (pictures saved as files); straight quotes paired as “”
    ‘’, Western punctuation in Chinese text made full-width, stray spaces dropped. Whatever it
    cannot bring (a chart, a text box, a footnote, tracked changes, an equation…) is named in a
    warning. With --into it is written into the issue file (a 信息摘登 column gets short
    items); without, it is printed as YAML to paste."""
    from .errors import InputError
    from .editor.docx import article_from_docx, article_yaml
    from .editor.word import summary

    if into is None:
        if column or after:
            raise InputError(Message("docx.column_without_into"), hint=Message("hint.docx_into", file=str(document)))
        result = article_from_docx(document, images, as_items=as_what is ReadAs.items,
                                   as_article=as_what is ReadAs.article)
        sys.stdout.write(article_yaml(result, indent))
        print_warnings(w.as_message() for w in result.warnings)
        err.print(Text(one_line(say("docx.report", file=str(document), summary=summary(result)))))
        return
    from .editor.into import insert_docx, issue_target
    from .pipeline import write_atomically

    target = issue_target(into)
    done = insert_docx(into, document, column, after, as_what.value if as_what else None)
    write_atomically(target, done.text.encode("utf-8"))
    print_warnings(done.warnings)
    first, last = done.lines
    lines = f"{first}" if first == last else f"{first}-{last}"
    err.print(Text(one_line(say("into.added", file=str(into), lines=lines, what=done.what, column=done.column,
                                where=done.where))))
    err.print(Text(one_line(say("into.brought", summary=done.brought))))
    for what, n in done.changes:
        err.print(Text(say("into.cleaned", what=what, n=n)))
    for note in done.notes:
        err.print(Text(one_line(say("into.look", note=note))))
    err.print(Text(one_line(say("into.read_over", file=str(into)))))


@app.command()
@user_errors
def new(previous: Annotated[Path, typer.Argument(help="The previous issue file.")],
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="The new issue file (default: YEAR-MONTH.yaml beside the previous one).")] = None,
        date: Annotated[Optional[str], typer.Option(
            help="Issue date, YYYY-MM-DD (asked on a terminal when left out).")] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite the new file if it exists.")] = False) -> None:
    """Start the next issue from the previous one.

    Numbers advanced, date set, columns and
    distribution kept, one placeholder article per column. The date is never taken from the
    computer's clock: give --date, or answer the question on a terminal."""
    from .errors import InputError
    from .input.load import load_issue
    from .pipeline import write_atomically
    from .editor.new import default_path, next_issue_yaml, next_numbers, parse_date, suggested_date

    def refuse_existing(target: Path) -> None:
        if target.exists() and not force:
            raise InputError(Message("new.exists"), file=str(target), hint=Message("hint.new_exists"))

    last = load_issue(previous)
    if output is not None:
        refuse_existing(output)    # before asking anything
    if date is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError(Message("new.no_date"), hint=Message("hint.new_date", date=suggested_date(last).isoformat()))
        date = typer.prompt(say("new.prompt", date=last.date.isoformat()),
                            default=suggested_date(last).isoformat(), value_proc=_date_after(last))
    day = parse_date(date)
    target = output or default_path(previous, day)
    text = next_issue_yaml(previous, day, last, target, LANG["messages"])
    refuse_existing(target)
    write_atomically(target, text.encode("utf-8"))
    number, cumulative = next_numbers(last, day)
    err.print(Text(one_line(say("new.wrote", target=str(target), publication=last.publication,
                                numbering=f"{day.year}年第{number}期" + (f"（总第{cumulative}期）" if cumulative else ""),
                                date=day.isoformat()))))
    err.print(Text(one_line(say("new.next", target=str(target), columns="、".join(c.name for c in last.columns)))))


def _date_after(last):
    """At the prompt a date that is no date, or not after the last issue's, is asked again."""
    from .errors import InputError
    from .editor.new import check_date_after, parse_date

    def accept(text: str) -> str:
        try:
            check_date_after(last, parse_date(text, Message("new.the_date")))
        except InputError as exc:
            raise typer.BadParameter(say("new.later_prompt", problem=exc.message, date=last.date.isoformat())) from None
        return text

    return accept


def page_ranges(spec: str | None):
    """`--pages 1,3-5` parsed (None: every page); a bad value is one error line, exit 2."""
    from .errors import InputError
    from .editor.preview import PageSpecError, parse_pages

    if spec is None:
        return None
    try:
        return parse_pages(spec)
    except PageSpecError as exc:
        raise InputError(exc.args[0], field="--pages") from None


@app.command()
@user_errors
def preview(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
            directory: Annotated[Path, typer.Option("--dir", "-d", help="Folder for the PNG pages.")] = Path("preview"),
            layout: LayoutOpt = None,
            dpi: Annotated[int, typer.Option(min=20, max=600, help="Resolution of the pages.")] = 120,
            pages: Annotated[Optional[str], typer.Option(
                "--pages", help="Only these pages, e.g. 1,3-5 (default: all).")] = None) -> None:
    """Render the issue's pages to PNG to look at them.

    The issue is built and its pages written as page-01.png …; the folder then holds exactly
    these pages: page images left by an earlier, longer run are removed (only images this
    command made; other files stay)."""
    from .errors import InputError
    from .pipeline import build as run_build
    from .editor.preview import PageSpecError, render_pages

    ranges = page_ranges(pages)
    result = run_build(issue, layout)
    print_warnings(result.document.warnings)
    try:
        paths = render_pages(result.pdf, directory, dpi, ranges)
    except PageSpecError as exc:
        raise InputError(exc.args[0], field="--pages") from None
    for path in paths:
        out.print(str(path))


@app.command()
@user_errors
def watch(issue: Annotated[Path, typer.Argument(help="The issue file (YAML).")],
          output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                         help="File to write: .pdf or .ofd (GB/T 33190).")] = None,
          layout: LayoutOpt = None,
          formats: FormatOpt = None,
          port: Annotated[int, typer.Option(min=0, max=65535,
                                            help="Port of the preview page on 127.0.0.1 (0: any free port).")] = 8765,
          dpi: Annotated[int, typer.Option(min=20, max=600, help="Resolution of the page images.")] = 120,
          pdfx: Annotated[Optional[bool], typer.Option("--pdfx/--no-pdfx",
                                                       help="PDF/X-4 output (default: the layout's)")] = None) -> None:
    """Rebuild on every save and show the pages in the browser.

    Builds the PDF, then again on every save of the issue, its layout or its fonts, and
    shows the pages and messages on a preview page in the browser. A mistake is reported and
    the last good PDF stays; fix it and save again. Ctrl-C stops."""
    import signal
    import threading

    from .editor.watch.builder import WarmBuilder
    from .editor.watch.loop import watch_loop
    from .editor.watch.outcome import Level
    from .editor.watch.server import PreviewServer, PreviewState

    builder = WarmBuilder(issue, layout, output, pdfx, formats, lang=LANG["messages"], own_process=True)
    state = PreviewState(f"{issue.name} — {layout}" if layout else issue.name, dpi, LANG["messages"])
    try:
        server = PreviewServer(state, port)
    except OSError as exc:
        err.print(Text(say("label.error") + ": ", style="bold red") +
                  Text(say("watch.port", port=str(port), why=str(exc.strerror or exc))))
        raise typer.Exit(2) from None
    server.serve_in_thread()
    err.print(one_line(say("watch.watching_layout", issue=str(issue), layout=layout, url=server.url) if layout
                       else say("watch.watching", issue=str(issue), url=server.url)))

    def changed(paths: list[Path]) -> None:
        state.mark_building()
        err.print(one_line(say("watch.saved", paths=tuple(shown_path(p) for p in paths))))

    def built(outcome) -> None:
        state.publish(outcome)
        for diagnostic in outcome.diagnostics:
            error = diagnostic.level is Level.ERROR
            label = diagnostic.label or say("label.error" if error else "label.warning")
            err.print(Text(label + ": ", style="bold red" if error else "yellow")
                      + Text(one_line(diagnostic.headline)))
            for line in diagnostic.details:
                err.print(Text(one_line(line)))
        if outcome.ok:
            wrote = say("watch.wrote", written=tuple(str(path) for path, _fmt in builder.targets),
                        pages=outcome.pages, seconds=f"{outcome.seconds:.2f}")
            if outcome.warm:
                wrote = say("watch.reuse", wrote=wrote, n=outcome.set_paragraphs, kept=outcome.reused_paragraphs)
            err.print(one_line(wrote))
        elif outcome.pdf is not None:
            err.print(one_line(say("watch.not_rebuilt", output=str(outcome.output))))
        else:
            err.print(say("watch.no_pdf"))

    def terminate(signum, frame):   # `kill` stops as Ctrl-C does: cleanly
        raise KeyboardInterrupt

    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        watch_loop(builder, built, stop, changed)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    err.print(say("watch.stopped"))


def shown_path(path: Path) -> str:
    """`path` relative to the working directory when it is below it, as the user typed it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@fonts_app.command("install")
@user_errors
def fonts_install(directory: Annotated[Optional[Path], typer.Option("--dir", help="Fonts folder (with manifest.yaml).")] = None,
                  force: Annotated[bool, typer.Option("--force", help="Rebuild even if present.")] = False) -> None:
    """Fetch and build the default faces listed in fonts/manifest.yaml (needs npm)."""
    from .fonts.install import install
    from .input.places import PROJECT_ROOT

    folder = directory or PROJECT_ROOT / "fonts"
    for path in install(folder, force=force, report=lambda m: err.print(m)):
        out.print(say("fonts.ok", path=str(path)))


@fonts_app.command("list")
@user_errors
def fonts_list(issue: Annotated[Optional[Path], typer.Argument(
                   help="An issue file: its layout, and which characters each fallback face sets.")] = None,
               layout: LayoutOpt = None) -> None:
    """Show the face each role of a layout resolves to.

    With an issue file, also the characters of the issue that a fallback face sets or that
    are synthesised (sub- and superscripts)."""
    from .input.load import load_issue, load_layout
    from .input.places import find_layout, issue_layout
    from .pipeline import load_fonts

    def where(face) -> str:
        """The file, and for a collection (.ttc) which of its faces: the one a print shop
        must find on its own machine."""
        if face.count > 1:
            return say("fonts.member", path=str(face.path), k=face.index + 1, n=face.count)
        return f"({face.path})"

    issue_ = load_issue(issue) if issue is not None else None
    layout_ = load_layout(issue_layout(layout, issue_) if issue_ else find_layout(layout or "jianbao"))
    fonts = load_fonts(layout_)
    for role in fonts.roles:
        faces = fonts.faces[role]
        out.print(f"{role:10} {faces[0].name}  {where(faces[0])}" +
                  "".join(f"\n{'':10} " + say("fonts.fallback", name=f.name, where=where(f)) for f in faces[1:]) +
                  "".join(f"\n{'':10} " + render(Message("fonts.not_installed", family=family), LANG["messages"])
                          for family in fonts.absent.get(role, ())))
    if issue_ is not None:
        _print_faces_used(issue_, layout_, fonts)


def _print_faces_used(issue, layout, fonts) -> None:
    """Which face set the characters the primary faces lack (`fonts list ISSUE`, `check`)."""
    from .compose.coverage import describe_key, faces_used

    for key, chars in faces_used(issue, layout, fonts).items():
        out.print(one_line(render(Message("fonts.set_in", key=key, chars=chars, face=describe_key(key, fonts)),
                                  LANG["messages"])))


def _help_of(doc: str) -> str:
    """A command's docstring with each paragraph on one line: typer's rich help keeps a
    docstring's single line breaks, so the source's wrapped lines printed as ragged half lines
    in `--help`; the terminal wraps the paragraph instead. The first paragraph is what the
    command list shows."""
    paragraphs = re.split(r"\n[ \t]*\n", (doc or "").strip())      # a blank line may hold spaces
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


for _command in (*app.registered_commands, *fonts_app.registered_commands):
    _command.help = _command.help or _help_of(_command.callback.__doc__)


if __name__ == "__main__":      # `python -m bulletin_pdf.cli …`: the console command, not a silent import
    console()
