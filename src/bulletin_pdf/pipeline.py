"""The pipeline in one call: load → fonts → compose → render → atomic write.

Finds the layout and the fonts the way a user expects: a layout by name in a `layouts/`
folder (the working directory's, the issue's project's, this project's) or by path; fonts in
the `fonts/` folder beside the layout's folder (or `BULLETIN_PDF_FONTS`), else installed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import InputError
from .input.load import load_issue, load_layout, read_issue
from .input.places import PROJECT_ROOT, find_layout, font_dirs, layout_dirs  # noqa: F401 (re-exported)
from .model import BlockKind, FontChoice, Issue, Layout

if TYPE_CHECKING:
    from .compose import Document
    from .fonts.faces import FaceSpec, FontSet
    from .input.load import Document as IssueSource
    from .text.cache import ParagraphCache

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
    pdf: bytes
    seconds: float
    #: the files this build read: issue, layout, font files (what `watch` watches)
    inputs: tuple[Path, ...] = ()
    #: seconds per stage, in order: load, fonts, compose, pdf (writing the PDF in memory)
    stages: tuple[tuple[str, float], ...] = ()
    #: the issue file as read (values, lines, source lines): what the proofreader reads, so that
    #: `build` warns of proofreading errors without reading the file again
    issue_source: IssueSource | None = None


def build(issue_path: Path | str, layout_ref: str = "jianbao", pdfx: bool | None = None, *,
          layout_for: Callable[[Path], Layout] = load_layout, fonts_for: Callable[[Layout], FontSet] = load_fonts,
          cache: ParagraphCache | None = None) -> Build:
    """`pdfx`: PDF/X-4 keys on or off; None follows the layout (`output.pdfx`).

    A warm process (`bulletin-pdf watch`) passes `layout_for` and `fonts_for`, which keep the
    layout and the faces loaded while their files do not change, and `cache`, which keeps the
    paragraphs set before (text/cache.py)."""
    from .compose import compose
    from .writers.pdf.write import write_pdf

    start = time.perf_counter()
    clock = [("start", start)]
    issue_path = Path(issue_path)
    issue, issue_source = read_issue(issue_path)
    layout_path = find_layout(layout_ref, issue_path)
    layout = layout_for(layout_path)
    clock.append(("load", time.perf_counter()))
    fonts = fonts_for(layout)
    clock.append(("fonts", time.perf_counter()))
    document = compose(issue, layout, fonts, cache)
    clock.append(("compose", time.perf_counter()))
    pdf = write_pdf(document, fonts, pdfx=layout.output.pdfx if pdfx is None else pdfx)
    clock.append(("pdf", time.perf_counter()))
    faces = dict.fromkeys(face.path for faces in fonts.faces.values() for face in faces)
    stages = tuple((name, t - clock[k][1]) for k, (name, t) in enumerate(clock[1:]))
    return Build(issue, layout, document, pdf, time.perf_counter() - start,
                 (issue_path, layout_path, *faces), stages, issue_source)


def text_of(issue_path: Path | str, layout_ref: str = "jianbao") -> list[str]:
    """The strings the PDF sets (see `compose.issue_text`); composes only when the contents
    show page numbers, which come from pagination."""
    from .compose import compose, issue_text, page_of_articles, placement

    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout = load_layout(find_layout(layout_ref, issue_path))
    page_of = where = None
    fonts = None
    if layout.contents.page_numbers:
        fonts = load_fonts(layout)
        page_of = page_of_articles(compose(issue, layout, fonts), issue)
    if any(block.kind in (BlockKind.TABLE, BlockKind.FIGURE) for col in issue.columns for art in col.articles
           for block in art.body):
        where = placement(issue, layout, fonts or load_fonts(layout), page_of)   # 续表 parts, floated figures
    return issue_text(issue, layout, page_of, where)


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
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(f"is {kind}; the output must be a file", file=name,
                             hint="give a file name such as out/2025-10.pdf")
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
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
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


def _cannot_write(name: str, exc: OSError) -> InputError:
    return InputError(f"cannot write the file: {exc.strerror or exc}", file=name,
                      hint="check the folder exists, that you may write there and that the disk is not full")


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
