"""`WarmBuilder` runs the pipeline (`pipeline.build`) again and again in one process: the faces
stay open while the layout names the same font files and they do not change on disk
(`WarmFonts`); paragraphs whose text and style did not change are not set again (the line
engine's memo, text/cache.py); a face is subset again only when its glyphs changed
(`Face.subset`); the page breaks are the last build's while the flow keeps its shape
(compose/remake.py); and the PDF writer reuses the content stream of every page equal to the one
it wrote at the same place last time, shown with the same fonts (writers/pdf/reuse.py). A
build never raises: an input error becomes a diagnostic, the previous good PDF stays on disk
(it is replaced only by a complete new one, `write_atomically`) and in the preview.
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from ...errors import BulletinError
from ...fonts.faces import FontSet, absent_family, load_fontset, locate
from ...messages import Lang, Message, render
from ...input.load import load_layout
from ...model import Layout
from ...input.places import find_layout, font_dirs, layout_dirs
from ...pipeline import (Build, build, face_specs, output_targets,
                         write_atomically)
from ...writers import Format
from ...text.cache import ParagraphCache
from ...writers.pdf.reuse import PageStreams
from ...compose.remake import PageBreaks
from .outcome import Diagnostic, Level, Outcome


#: Builds between two handings back of what the builds keep to the garbage collector.
THAW_EVERY = 64
#: Texts kept as having nothing for the proofreader to say: far more than any issue's.
MAX_CLEAN_TEXTS = 50_000


class WarmFonts:
    """`Layout → FontSet`, reusing the faces loaded before while the layout names the same
    faces in the same folders and none of their files changed (path, size, mtime)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._fonts: FontSet | None = None
        self.sources: tuple[Path, ...] = ()     # the font files as named (before any conversion)
        #: (layout, its font folders with their mtimes, face specs, files found): the files a
        #: layout's names find, found again only for another layout or when a folder's entries
        #: changed (a file added, removed or renamed changes its folder's mtime)
        self._located: tuple | None = None

    def __call__(self, layout: Layout) -> FontSet:
        dirs = font_dirs(layout)
        folders = tuple((d, _mtime(d)) for d in dirs)
        if self._located is None or self._located[0] is not layout or self._located[1] != folders:
            specs = face_specs(layout)
            every = [s for spec in specs.values()      # a fallback family not installed is skipped (faces.py)
                     for s in (spec, *(fb for fb in spec.fallbacks if not absent_family(fb)))]
            sources = tuple(dict.fromkeys(locate(s, dirs)[0] for s in every))   # (file, member)
            self._located = (layout, folders, specs, sources)
        _layout, _folders, specs, sources = self._located
        stats = tuple((p, p.stat().st_size, p.stat().st_mtime_ns) for p in sources)
        key = (tuple(specs.items()), tuple(dirs), stats)
        if key != self._key or self._fonts is None:
            self._fonts = load_fontset(specs, dirs, layout.file)
            self._key = key
            self.sources = sources
        return self._fonts


def _mtime(folder: Path) -> int | None:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


class WarmLayout:
    """`Path → Layout`, reusing the layout loaded before while it is asked for the same file
    and no layout file it may read changed: the file itself and every layout in the folders
    layouts are found in (a layout may extend another by name). The file asked for is part of
    the key: an issue whose `layout:` line now names another layout of the same folder changes
    no file's size or time."""

    def __init__(self, issue: Path) -> None:
        self.issue = issue
        self._key: tuple | None = None
        self._layout: Layout | None = None

    def __call__(self, path: Path) -> Layout:
        files = {path.resolve()} | layout_files(self.issue)
        key = (path.resolve(), tuple(sorted((p, p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file())))
        if key != self._key or self._layout is None:
            self._layout = None          # a failed load must not leave the old layout in use
            self._layout = load_layout(path)
            self._key = key
        return self._layout


def layout_files(issue: Path) -> set[Path]:
    """Every layout file in the folders a layout name is looked up in (input/places.layout_dirs)."""
    return {p.resolve() for folder in layout_dirs(issue) if folder.is_dir()
            for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}


class WarmBuilder:
    """Builds one issue again and again in this process; see the module docstring."""

    def __init__(self, issue: Path, layout_ref: str | None = None, output: Path | None = None,
                 pdfx: bool | None = None, formats: str | None = None, lang: Lang = "en",
                 own_process: bool = False) -> None:
        self.issue = Path(issue)
        self.lang = lang                # the language of the diagnostics (messages.py)
        #: the process is this builder's (`bulletin-pdf watch`): it may keep the garbage
        #: collector off what the builds keep (`_settle`), a setting of the whole process
        self.own_process = own_process
        self.layout_ref = layout_ref
        #: the files each build writes (`build`'s rule: by the suffix of `output`, or `formats`)
        self.targets = output_targets(Path(output) if output else None, self.issue, formats)
        self.output = self.targets[0][0]
        #: the PDF is always made: the preview shows its pages
        self.formats = tuple(dict.fromkeys((Format.PDF, *(fmt for _path, fmt in self.targets))))
        self.pdfx = pdfx
        self.layouts = WarmLayout(self.issue)
        self.fonts = WarmFonts()
        self.cache = ParagraphCache()
        self.streams = PageStreams()
        #: the page versions of the PDF the writer made last (`streams` holds its pages), shown
        #: or not (a build that could not write its file): the next build's kept pages are its
        self._written: tuple[int, ...] = ()
        self._turns = 0
        self.breaks = PageBreaks()
        self.generation = 0
        self.last: Outcome | None = None
        self._last_good: Build | None = None
        self._inputs: set[Path] = set()
        self._clean: set = set()        # texts the proofreader found nothing in (`findings_of`)

    def build(self) -> Outcome:
        """Build and write the PDF. Never raises for a problem of the input or of the build
        (only KeyboardInterrupt goes through): errors become diagnostics."""
        self.generation += 1
        warm = self._last_good is not None
        start = time.perf_counter()
        self.cache.reset_counts()
        diagnostics: list[Diagnostic] = []
        result: Build | None = None
        try:
            result = build(self.issue, self.layout_ref, self.pdfx, layout_for=self.layouts,
                           fonts_for=self.fonts, cache=self.cache, formats=self.formats,
                           streams=self.streams, breaks=self.breaks)
        except BulletinError as exc:
            diagnostics += [self.diagnostic(Level.ERROR, e) for e in exc.errors()]
        except OSError as exc:   # a file went away between being found and being read
            diagnostics.append(Diagnostic(Level.ERROR, self.say("watch.cannot_read", file=str(exc.filename or self.issue),
                                                                why=str(exc.strerror or exc)), (), self.label(Level.ERROR)))
        except Exception as exc:  # a bug of ours: say so, keep watching
            diagnostics.append(self.internal(exc))
        if result is not None:
            for target, fmt in self.targets:
                try:
                    write_atomically(target, result.data(fmt))
                except (OSError, BulletinError) as exc:   # folder gone, disk full, no permission
                    result = None
                    reason = exc.message.params.get("why", exc.message) if isinstance(getattr(exc, "message", None), Message) \
                        else exc.strerror or exc
                    diagnostics.append(Diagnostic(Level.ERROR, self.say("watch.cannot_write", target=str(target), fmt=fmt.name,
                                                                        why=str(reason)), (), self.label(Level.ERROR)))
                    break
        if result is not None:
            self._last_good = result
            self._inputs = {p.resolve() for p in result.inputs}
            try:
                diagnostics += self.findings(result)
            except Exception as exc:  # a bug of the proofreader's: the PDF is written, say so, keep watching
                diagnostics.append(self.internal(exc))
            diagnostics += [Diagnostic(Level.WARNING, render(w, self.lang), (), self.label(Level.WARNING))
                            for w in result.document.warnings]
        good = self._last_good
        previous = self.last
        pdf_version = self.generation if result is not None else (previous.pdf_version if previous else 0)
        self.last = Outcome(
            self.generation, result is not None, self.output, good.pdf if good else None, pdf_version,
            len(good.document.pages) if good else 0, time.perf_counter() - start, tuple(diagnostics),
            result.stages if result else (), self.cache.misses, self.cache.hits, warm,
            reused_pages=self.streams.last_reused if result is not None else 0,
            page_versions=self._page_versions(result, previous))
        if self.own_process:
            self._settle()
        return self.last

    def _page_versions(self, result, previous: Outcome | None) -> tuple[int, ...]:
        """`Outcome.page_versions`: a failed build's are those of the last good PDF it leaves
        shown; a new PDF's page keeps the version of the page before it where the writer took
        its stream from the last build (writers/pdf/reuse.py `PageStreams.last_kept`). That is
        the last PDF the writer made, which is not the one shown when its build failed after
        making it (the file could not be written): a page it changed has its version, never
        the version of the page shown before, whose image is not what it shows."""
        if self.streams.turns != self._turns:       # this build made a PDF
            self._turns = self.streams.turns
            kept, made = self.streams.last_kept, self._written
            self._written = tuple(made[k] if kept[k] and k < len(made) else self.generation
                                  for k in range(len(kept)))
        if result is None:
            return previous.page_versions if previous is not None else ()
        return self._written

    def _settle(self) -> None:
        """What this build keeps (the memos, the last document) is moved out of the cyclic
        garbage collector's reach (`gc.freeze`): at 200 pages it holds millions of objects, and
        a full collection, which the next build's allocations would set off every other build,
        walks them all (60 ms, three quarters of Typst's whole incremental compile), to find
        nothing: what the memos drop is freed by its reference count, the data being frozen
        dataclasses and tuples without cycles. Every `THAW_EVERY` builds they are handed back,
        so that a cycle among them is collected after all."""
        if self.generation % THAW_EVERY == 0:
            gc.unfreeze()
        gc.freeze()

    def internal(self, exc: Exception) -> Diagnostic:
        """A bug of ours as a diagnostic: what it was, and to report it."""
        return Diagnostic(Level.ERROR, self.say("watch.internal", problem=f"{type(exc).__name__}: {exc}"),
                          (self.say("watch.report_it"),), self.label(Level.ERROR))

    def say(self, id: str, **params) -> str:
        return render(Message(id, **params), self.lang)

    def label(self, level: Level) -> str:
        return render(Message("label.error" if level is Level.ERROR else "label.warning"), self.lang)

    def diagnostic(self, level: Level, problem: BulletinError) -> Diagnostic:
        """A located problem as the CLI prints it: headline, source line with a caret, hint."""
        return Diagnostic(level, problem.headline(self.lang), tuple(problem.details(self.lang)), self.label(level))

    def findings(self, result: Build) -> list[Diagnostic]:
        """What `check ISSUE.yaml` reports of the issue file that built: the errors `build`
        warns of (a placeholder left, a bracket not closed) and the warnings of `check`
        (straight quotes, spaces, bylines, numbering), each with its line and caret. The
        proofreader reads the file as the build read it: nothing is parsed twice."""
        from ..proofread import Severity, findings_of

        if len(self._clean) > MAX_CLEAN_TEXTS:      # a long session: start again
            self._clean.clear()
        return [self.diagnostic(Level.ERROR if f.severity is Severity.ERROR else Level.WARNING, f.problem)
                for f in findings_of(result.issue, result.issue_source, clean=self._clean)]

    def watched_files(self) -> set[Path]:
        """Files whose save triggers a build: what the last good build read, the issue and
        layout even when that build failed, the font files, every layout in the folders
        layouts are found in."""
        files = set(self._inputs) | {self.issue.resolve()} | {p.resolve() for p in self.fonts.sources}
        try:    # the layout named, else the one the last good build used (the issue's `layout:`)
            if self.layout_ref is not None:
                files.add(find_layout(self.layout_ref, self.issue).resolve())
            elif self._last_good is not None and self._last_good.layout.file:
                files.add(Path(self._last_good.layout.file).resolve())
        except BulletinError:
            pass
        return files | layout_files(self.issue)

    def watched_dirs(self) -> list[Path]:
        """The existing folders of the watched files (a save replaces the file: its folder
        is what can be watched)."""
        folders = {p.parent for p in self.watched_files()} | {d.resolve() for d in layout_dirs(self.issue)}
        return sorted(d for d in folders if d.is_dir())
