"""The pipeline in one call: load → fonts → compose → write (PDF, OFD) → atomic write.

Finds the layout and the fonts the way a user expects: a layout by name in a `layouts/`
folder (the working directory's, the issue's project's, this project's) or by path; fonts in
the `fonts/` folder beside the layout's folder (or `BULLETIN_PDF_FONTS`), else installed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import InputError
from .input.load import load_issue, load_layout, read_issue
from .input.places import font_dirs, issue_layout
from .messages import Message
from .model import FontChoice, Issue, Layout
from .writers import Format, format_of, parse_formats

if TYPE_CHECKING:
    from .compose import Document
    from .compose.remake import PageBreaks
    from .fonts.faces import FaceSpec, FontSet
    from .input.yamlread import Document as IssueSource
    from .text.cache import ParagraphCache
    from .writers.pdf.reuse import PageStreams

# The stages after loading are imported where they run (issue #9, "each command imports only
# what it uses"): `text`, `new` and `docx` import this module but never parse a font, render
# or touch a PDF library.

def _face_spec(role: str, choice: FontChoice) -> FaceSpec:
    from .fonts.faces import FaceSpec

    return FaceSpec(role, choice.file, choice.family, tuple(_face_spec(role, f) for f in choice.fallbacks),
                    choice.source)


def face_specs(layout: Layout) -> dict[str, FaceSpec]:
    """The layout's face choice for each role, as `fonts` takes it."""
    return {role: _face_spec(role, c) for role, c in layout.fonts.items()}


def load_fonts(layout: Layout) -> FontSet:
    from .fonts.faces import load_fontset

    return load_fontset(face_specs(layout), font_dirs(layout), layout.file)


@dataclass(frozen=True, slots=True)
class Build:
    issue: Issue
    layout: Layout
    document: Document
    pdf: bytes | None         # None when the build was asked for other formats only
    seconds: float
    #: the files this build read: issue, layout, font files (what `watch` watches; a fallback
    #: face no character needed is not looked up, `load_fontset`)
    inputs: tuple[Path, ...] = ()
    #: seconds per stage, in order: load, fonts, compose, then each format written in memory
    #: (pdf, ofd)
    stages: tuple[tuple[str, float], ...] = ()
    #: the issue file as read (values, lines, source lines): what the proofreader reads, so that
    #: `build` warns of proofreading errors without reading the file again
    issue_source: IssueSource | None = None
    ofd: bytes | None = None

    def data(self, fmt: Format) -> bytes:
        """The bytes of the file in format `fmt` (one this build was asked for)."""
        data = self.pdf if fmt is Format.PDF else self.ofd
        if data is None:
            raise ValueError(f"this build wrote no {fmt.value}")
        return data


def build(issue_path: Path | str, layout_ref: str | None = None, pdfx: bool | None = None, *,
          layout_for: Callable[[Path], Layout] = load_layout, fonts_for: Callable[[Layout], FontSet] = load_fonts,
          cache: ParagraphCache | None = None, formats: tuple[Format, ...] = (Format.PDF,),
          streams: PageStreams | None = None, breaks: PageBreaks | None = None) -> Build:
    """`pdfx`: PDF/X-4 keys on or off; None follows the layout (`output.pdfx`). `formats`:
    the files written (in memory) from the one composition. `layout_ref`: `--layout`; None
    takes the issue's `layout:` line, else the default layout (`places.issue_layout`).

    A warm process (`bulletin-pdf watch`) passes `layout_for` and `fonts_for`, which keep the
    layout and the faces loaded while their files do not change, and `cache`, which keeps the
    paragraphs set before (text/cache.py), and `streams`, which keeps the pages the PDF writer
    wrote last (writers/pdf/reuse.py), and `breaks`, the page breaks it chose last
    (compose/remake.py)."""
    from .compose import compose

    start = time.perf_counter()
    clock = [("start", start)]
    issue_path = Path(issue_path)
    issue, issue_source = read_issue(issue_path)
    layout_path = issue_layout(layout_ref, issue)
    layout = layout_for(layout_path)
    clock.append(("load", time.perf_counter()))
    fonts = fonts_for(layout)
    clock.append(("fonts", time.perf_counter()))
    document = compose(issue, layout, fonts, cache, breaks)
    clock.append(("compose", time.perf_counter()))
    pdf = ofd = None
    for fmt in formats:
        if fmt is Format.PDF:
            from .writers.pdf.write import write_pdf

            pdf = write_pdf(document, fonts, pdfx=layout.output.pdfx if pdfx is None else pdfx, streams=streams)
        else:
            from .writers.ofd import write_ofd

            ofd = write_ofd(document, fonts)
        clock.append((fmt.value, time.perf_counter()))
    faces = dict.fromkeys(face.path for face in fonts.loaded())
    stages = tuple((name, t - clock[k][1]) for k, (name, t) in enumerate(clock[1:]))
    return Build(issue, layout, document, pdf, time.perf_counter() - start,
                 (issue_path, layout_path, *faces), stages, issue_source, ofd)


def output_targets(output: Path | None, issue_path: Path, formats: str | None = None) -> tuple[tuple[Path, Format], ...]:
    """The files a build writes and their formats.

    Without `formats` the output file's suffix names the format (`.pdf`, `.ofd`; no `-o`:
    ISSUE.pdf). A regular file with another suffix is an error, not a PDF under another
    name; an output that exists and is no regular file (a device, a folder) is left to
    `write_atomically`, which refuses it. With `formats` (`pdf`, `ofd`, `pdf,ofd`) one file
    per format, named by the stem of `output` (or of the issue) with each format's suffix;
    one format given with an output file takes that file's name when its suffix agrees."""
    if formats is not None:
        try:
            wanted = parse_formats(formats)
        except ValueError as exc:
            raise InputError(Message("out.bad_format", problem=str(exc)), field="--format",
                             hint=Message("hint.formats")) from None
        base = Path(output) if output is not None else Path(issue_path.stem)
        named = format_of(base)
        if len(wanted) == 1 and output is not None:
            if named is not None and named is not wanted[0]:
                raise InputError(Message("out.format_clash", named=named.value.upper(), wanted=wanted[0].value),
                                 file=str(output), hint=Message("hint.name_it", name=str(base.with_suffix(wanted[0].suffix))))
            return ((base if named else base.with_name(base.name + wanted[0].suffix), wanted[0]),)
        stem = base.with_suffix("") if named else base
        return tuple((stem.with_name(stem.name + f.suffix), f) for f in wanted)
    if output is None:
        return ((Path(issue_path.stem + Format.PDF.suffix), Format.PDF),)
    output = Path(output)
    fmt = format_of(output)
    if fmt is None:
        if output.exists() and not output.is_file():
            return ((output, Format.PDF),)       # write_atomically says what it is
        known = tuple(f.suffix for f in Format)
        stem = output.with_suffix("")
        raise InputError(Message("out.unknown_format", suffix=output.suffix or Message("out.no_suffix"), known=known),
                         file=str(output), hint=Message("hint.out_format", stem=str(stem)))
    return ((output, fmt),)


def text_of(issue_path: Path | str, layout_ref: str | None = None) -> list[str]:
    """The strings the PDF sets, in reading order, read off the composed pages
    (`compose.document_text`): where pagination put them, floated figures and 续表 parts too."""
    from .compose import compose, document_text

    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout = load_layout(issue_layout(layout_ref, issue))
    return document_text(compose(issue, layout, load_fonts(layout)))


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename over it: a failed build never leaves a broken or
    half-written file, and the previous good PDF stays until the new one is complete.

    Behaves like a file the user saved (issue 12): the new file gets the usual permissions
    (0666 less the umask), a replaced file keeps its mode; a build stopped by SIGTERM, SIGHUP
    or Ctrl-C removes its temporary file; one left by a SIGKILL (`.NAME.PID.XXXX.part`, its
    process gone) is removed by the next write of the same file. Only a regular file is
    replaced (never a device such as /dev/null, a folder or a FIFO)."""
    path = Path(path)
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise _cannot_write(name, exc) from None
    else:
        if not stat.S_ISREG(info.st_mode):
            kind = Message("noun.folder" if stat.S_ISDIR(info.st_mode) else "noun.not_regular")
            raise InputError(Message("out.not_file", kind=kind), file=name, hint=Message("hint.out_name"))
        mode = stat.S_IMODE(info.st_mode)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(name, exc) from None
    remove_leftovers(path)
    tmp = None
    with _stopping_cleanly():
        try:
            with _signals_blocked():   # the temporary file exists only once `tmp` names it
                fd, tmp = _temporary(path)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fchmod(fh.fileno(), mode)
                os.fsync(fh.fileno())
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:
            raise _cannot_write(name, exc) from None
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)


#: The letters of a temporary file's random part (as `tempfile` draws them)
_NAME_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _temporary(path: Path) -> tuple[int, str]:
    """A new file `.NAME.PID.XXXXXXXX.part` beside `path`, opened for writing, readable by its
    owner only: what `tempfile.mkstemp` makes, without importing `tempfile` (and with it
    `shutil` and `random`) into every build (issue 20)."""
    for _attempt in range(100):
        tail = "".join(_NAME_LETTERS[b % len(_NAME_LETTERS)] for b in os.urandom(8))
        name = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{tail}.part")
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def _cannot_write(name: str, exc: OSError) -> InputError:
    return InputError(Message("out.cannot_write", why=str(exc.strerror or exc)), file=name, hint=Message("hint.can_write"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_leftovers(path: Path) -> None:
    """Delete `.NAME.PID.XXXX.part` files beside `path` whose process no longer runs (a build
    killed by SIGKILL cannot clean up after itself)."""
    prefix = f".{path.name}."
    try:
        entries = os.listdir(path.parent)
    except OSError:
        return
    for entry in entries:
        if not (entry.startswith(prefix) and entry.endswith(".part")):
            continue
        pid = entry[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / entry)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True       # exists, owned by someone else
    return True


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


@contextlib.contextmanager
def _signals_blocked():
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _stopping_cleanly():
    """While the temporary file exists, SIGTERM and SIGHUP raise SystemExit (as Ctrl-C raises
    KeyboardInterrupt), so the `finally` that removes it runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
