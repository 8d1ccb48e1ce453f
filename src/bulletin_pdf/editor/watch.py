"""`bulletin-pdf watch`: rebuild on every save, in one warm process, with a live preview page.

Three parts, each usable alone (the CLI wires them and does all the printing):

- `WarmBuilder` runs the pipeline (`pipeline.build`) again and again in one process: the faces
  stay open while the layout names the same font files and they do not change on disk
  (`WarmFonts`), and paragraphs whose text and style did not change are not set again (the
  line engine's memo, text/cache.py). A build never raises: an input error becomes a
  diagnostic, the previous good PDF stays on disk (it is replaced only by a complete new one,
  `write_atomically`) and in the preview.
- `watch_loop` waits for saves (watchfiles: inotify where there is one) of the files the last
  build read — the issue, the layout, every layout beside it (a layout may extend another by
  name), the font files — and rebuilds. It watches their folders, not the files, because
  editors save by writing a new file and renaming it over the old one.
- `PreviewServer` serves a page on 127.0.0.1 (stdlib `http.server`, in a thread) showing every
  page of the last good PDF as an image at a readable resolution (editor/preview.py) and the
  diagnostics of the last build; the page polls a small JSON status and redraws after each
  build.
"""

from __future__ import annotations

import enum
import html
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import BulletinError
from ..fonts.faces import FontSet, load_fontset, locate
from ..input.load import load_layout
from ..model import Layout
from ..pipeline import Build, build, face_specs, find_layout, font_dirs, layout_dirs, write_atomically
from .preview import DEFAULT_DPI, PageImages
from ..text.cache import ParagraphCache


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message of a build: its headline (`FILE:LINE:COL: field: message`) and the lines
    shown under it (the source line with a caret, the hint)."""

    level: Level
    headline: str
    details: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"level": self.level.value, "headline": self.headline, "details": list(self.details)}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one build did. `pdf` is the last good PDF (this build's when `ok`, else the one
    before, or None if there has never been one)."""

    generation: int
    ok: bool
    output: Path
    pdf: bytes | None
    pdf_version: int                # generation that made `pdf` (0: none yet)
    pages: int                      # pages of `pdf`
    seconds: float
    diagnostics: tuple[Diagnostic, ...]
    stages: tuple[tuple[str, float], ...] = ()
    set_paragraphs: int = 0         # paragraphs the line engine set in this build
    reused_paragraphs: int = 0      # paragraphs found in the cache
    warm: bool = False              # an earlier build had filled the cache
    finished: float = field(default_factory=time.time)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)


class WarmFonts:
    """`Layout → FontSet`, reusing the faces loaded before while the layout names the same
    faces in the same folders and none of their files changed (path, size, mtime)."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._fonts: FontSet | None = None
        self.sources: tuple[Path, ...] = ()     # the font files as named (before any conversion)

    def __call__(self, layout: Layout) -> FontSet:
        specs, dirs = face_specs(layout), font_dirs(layout)
        every = [s for spec in specs.values() for s in (spec, *spec.fallbacks)]
        sources = tuple(dict.fromkeys(locate(s, dirs)[0] for s in every))   # (file, member)
        stats = tuple((p, p.stat().st_size, p.stat().st_mtime_ns) for p in sources)
        key = (tuple(specs.items()), tuple(dirs), stats)
        if key != self._key or self._fonts is None:
            self._fonts = load_fontset(specs, dirs, layout.file)
            self._key = key
            self.sources = sources
        return self._fonts


class WarmLayout:
    """`Path → Layout`, reusing the layout loaded before while no layout file it may read
    changed: the file itself and every layout in the folders layouts are found in (a layout
    may extend another by name)."""

    def __init__(self, issue: Path) -> None:
        self.issue = issue
        self._key: tuple | None = None
        self._layout: Layout | None = None

    def __call__(self, path: Path) -> Layout:
        files = {path.resolve()} | layout_files(self.issue)
        key = tuple(sorted((p, p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.is_file()))
        if key != self._key or self._layout is None:
            self._layout = None          # a failed load must not leave the old layout in use
            self._layout = load_layout(path)
            self._key = key
        return self._layout


def layout_files(issue: Path) -> set[Path]:
    """Every layout file in the folders a layout name is looked up in (pipeline.layout_dirs)."""
    return {p.resolve() for folder in layout_dirs(issue) if folder.is_dir()
            for p in folder.iterdir() if p.suffix in (".yaml", ".yml")}


class WarmBuilder:
    """Builds one issue again and again in this process; see the module docstring."""

    def __init__(self, issue: Path, layout_ref: str = "jianbao", output: Path | None = None,
                 pdfx: bool | None = None) -> None:
        self.issue = Path(issue)
        self.layout_ref = layout_ref
        self.output = Path(output) if output else Path(self.issue.stem + ".pdf")
        self.pdfx = pdfx
        self.layouts = WarmLayout(self.issue)
        self.fonts = WarmFonts()
        self.cache = ParagraphCache()
        self.generation = 0
        self.last: Outcome | None = None
        self._last_good: Build | None = None
        self._inputs: set[Path] = set()

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
                           fonts_for=self.fonts, cache=self.cache)
        except BulletinError as exc:
            diagnostics += [Diagnostic(Level.ERROR, e.headline(), tuple(e.details())) for e in exc.errors()]
        except OSError as exc:   # a file went away between being found and being read
            diagnostics.append(Diagnostic(Level.ERROR, f"{exc.filename or self.issue}: cannot read: "
                                                       f"{exc.strerror or exc}"))
        except Exception as exc:  # a bug of ours: say so, keep watching
            diagnostics.append(Diagnostic(
                Level.ERROR, f"internal error: {type(exc).__name__}: {exc}",
                ("please report it, with the file that caused it; `bulletin-pdf build --debug` "
                 "shows the traceback",)))
        if result is not None:
            try:
                write_atomically(self.output, result.pdf)
            except (OSError, BulletinError) as exc:   # folder gone, disk full, no permission
                result = None
                reason = exc.message.removeprefix("cannot write the file: ") if isinstance(exc, BulletinError) \
                    else exc.strerror or exc
                diagnostics.append(Diagnostic(Level.ERROR, f"{self.output}: cannot write the PDF: {reason}"))
        if result is not None:
            self._last_good = result
            self._inputs = {p.resolve() for p in result.inputs}
            diagnostics += [Diagnostic(Level.WARNING, w) for w in result.document.warnings]
        good = self._last_good
        previous = self.last
        pdf_version = self.generation if result is not None else (previous.pdf_version if previous else 0)
        self.last = Outcome(
            self.generation, result is not None, self.output, good.pdf if good else None, pdf_version,
            len(good.document.pages) if good else 0, time.perf_counter() - start, tuple(diagnostics),
            result.stages if result else (), self.cache.misses, self.cache.hits, warm)
        return self.last

    def watched_files(self) -> set[Path]:
        """Files whose save triggers a build: what the last good build read, the issue and
        layout even when that build failed, the font files, every layout in the folders
        layouts are found in."""
        files = set(self._inputs) | {self.issue.resolve()} | {p.resolve() for p in self.fonts.sources}
        try:
            files.add(find_layout(self.layout_ref, self.issue).resolve())
        except BulletinError:
            pass
        return files | layout_files(self.issue)

    def watched_dirs(self) -> list[Path]:
        """The existing folders of the watched files (a save replaces the file: its folder
        is what can be watched)."""
        folders = {p.parent for p in self.watched_files()} | {d.resolve() for d in layout_dirs(self.issue)}
        return sorted(d for d in folders if d.is_dir())


def watch_loop(builder: WarmBuilder, on_build: Callable[[Outcome], None], stop: threading.Event,
               on_change: Callable[[list[Path]], None] | None = None) -> None:
    """Build once, then again after every save of a watched file, until `stop` is set (or
    Ctrl-C, which goes through as KeyboardInterrupt).

    A save is never missed: besides watchfiles' events, the watched files' size and mtime are
    compared with what they were when the last build started, whenever the watcher wakes
    (at least every half second) — so a save made during a build, or before the watcher was
    set up, still sets off a build."""
    import watchfiles

    before = file_stats(builder.watched_files())
    on_build(builder.build())
    files = builder.watched_files()
    seen = {**file_stats(files), **before}
    while not stop.is_set():
        dirs = builder.watched_dirs()
        wakes = watchfiles.watch(*dirs, stop_event=stop, recursive=False, debounce=400, step=30,
                                 watch_filter=None, rust_timeout=500, yield_on_timeout=True) if dirs else ticks(stop)
        try:
            for changes in wakes:
                now = file_stats(files)
                changed = sorted(({Path(p).resolve() for _, p in changes} & files)
                                 | {p for p in files if now[p] != seen.get(p)})
                if not changed:
                    if builder.watched_dirs() != dirs:
                        break     # a folder came or went: watch what is there now
                    continue
                if on_change is not None:
                    on_change(changed)
                on_build(builder.build())
                new_files = builder.watched_files()
                seen = {**file_stats(new_files), **now}
                if new_files != files or builder.watched_dirs() != dirs:
                    files = new_files
                    break     # the build read other files (another layout, other fonts): watch those
        except FileNotFoundError:   # a watched folder was removed while being set up
            stop.wait(0.5)


def ticks(stop: threading.Event, seconds: float = 0.5):
    """Empty wake-ups every `seconds` until `stop`: the loop's stat check alone, while no
    watched folder exists yet."""
    while not stop.wait(seconds):
        yield set()


def file_stats(files: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Size and mtime of each file (None: not there)."""
    stats: dict[Path, tuple[int, int] | None] = {}
    for path in files:
        try:
            st = path.stat()
            stats[path] = (st.st_size, st.st_mtime_ns)
        except OSError:
            stats[path] = None
    return stats


class PreviewState:
    """The last outcome, shared between the build loop and the server's threads, and the
    page images of its PDF, rendered on first request."""

    def __init__(self, title: str, dpi: int = DEFAULT_DPI) -> None:
        self.title = title
        self.dpi = dpi
        self.building = False
        self._outcome: Outcome | None = None
        self._lock = threading.Lock()           # the outcome
        self._render_lock = threading.Lock()    # pdfium and the images
        self._images: tuple[int, PageImages] | None = None
        self._pngs: dict[tuple[int, int], bytes] = {}

    def mark_building(self) -> None:
        with self._lock:
            self.building = True

    def publish(self, outcome: Outcome) -> None:
        with self._lock:
            self._outcome = outcome
            self.building = False

    def status(self) -> dict:
        with self._lock:
            o = self._outcome
            if o is None:
                return {"generation": 0, "state": "building", "title": self.title, "pages": 0,
                        "pdf_version": 0, "diagnostics": []}
            return {"generation": o.generation, "state": "building" if self.building else ("ok" if o.ok else "error"),
                    "ok": o.ok, "title": self.title, "output": str(o.output), "pages": o.pages,
                    "pdf_version": o.pdf_version, "seconds": round(o.seconds, 3),
                    "finished": time.strftime("%H:%M:%S", time.localtime(o.finished)),
                    "diagnostics": [d.as_json() for d in o.diagnostics]}

    def page_png(self, version: int, number: int) -> bytes | None:
        """Page `number` of the PDF of build `version` (None when that is not the current
        PDF or has no such page). Rendering holds only the images' lock (pdfium is not
        thread-safe), so the status stays quick to answer meanwhile."""
        with self._lock:
            o = self._outcome
            if o is None or o.pdf is None or version != o.pdf_version or not 1 <= number <= o.pages:
                return None
            pdf = o.pdf
        with self._render_lock:
            if (version, number) not in self._pngs:
                if self._images is None or self._images[0] != version:
                    if self._images is not None:
                        self._images[1].close()
                    self._images = (version, PageImages(pdf, self.dpi))
                    self._pngs.clear()
                self._pngs[(version, number)] = self._images[1].png(number)
            return self._pngs[(version, number)]

    def close(self) -> None:
        with self._render_lock:
            if self._images is not None:
                self._images[1].close()
                self._images = None


class PreviewServer(ThreadingHTTPServer):
    """The preview page on 127.0.0.1:`port` (0: any free port); `serve_in_thread` starts it."""

    daemon_threads = True

    def __init__(self, state: PreviewState, port: int) -> None:
        self.state = state
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def serve_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                  name="bulletin-pdf preview", daemon=True)
        thread.start()
        return thread

    def handle_error(self, request, client_address) -> None:
        """socketserver prints a traceback for any error of a request; a browser that drops its
        connection is ordinary (quiet), anything else is one line, never a traceback."""
        import sys

        exc = sys.exception() if hasattr(sys, "exception") else sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"preview: a request failed ({type(exc).__name__}: {exc})", file=sys.stderr)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self.state.close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = urlsplit(self.path).path
        state = self.server.state
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            # a page of another site that got its name to point here (DNS rebinding) reads nothing
            self._send(HTTPStatus.FORBIDDEN, "text/plain", b"only for this computer: open http://127.0.0.1:PORT/")
        elif path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", page_html(state.title).encode("utf-8"))
        elif path == "/status.json":
            self._send(HTTPStatus.OK, "application/json", json.dumps(state.status(), ensure_ascii=False).encode())
        elif path.startswith("/page/"):
            # /page/VERSION/NUMBER.png: a new PDF has new addresses, so no stale image is shown
            parts = path.removeprefix("/page/").removesuffix(".png").split("/")
            png = None
            if len(parts) == 2 and all(_counter(p) for p in parts):
                png = state.page_png(int(parts[0]), int(parts[1]))
            if png is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no such page in the current PDF")
            else:
                self._send(HTTPStatus.OK, "image/png", png, cache=True)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found")

    def _send(self, status: HTTPStatus, kind: str, body: bytes, cache: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600, immutable" if cache else "no-store")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (ConnectionError, TimeoutError):
            pass          # the browser went on (a page left, an image no longer wanted): nothing to say

    def log_message(self, format, *args) -> None:  # noqa: A002 — requests are not news to the editor
        pass


def _counter(part: str) -> bool:
    """A build version or page number as the page's addresses write them: ASCII digits, at most
    nine (str.isdigit() also takes ² and other digits int() refuses, and a 5,000-digit number
    would be converted only to answer 404)."""
    return 0 < len(part) <= 9 and part.isascii() and part.isdigit()


def page_html(title: str) -> str:
    """The preview page: a status line, the diagnostics, the pages; redrawn after each build."""
    return _PAGE.replace("{title}", html.escape(title))


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title} — bulletin-pdf watch</title>
<style>
 body { margin: 0; background: #e8e8e8; font: 15px/1.5 system-ui, sans-serif; color: #222; }
 header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc; padding: .5em 1em; z-index: 1; }
 header h1 { font-size: 1em; margin: 0; display: inline; }
 #status { margin-left: 1em; }
 body[data-state=error] #status { color: #b00; font-weight: bold; }
 #diagnostics { list-style: none; margin: 0; padding: 0 1em; }
 #diagnostics li { margin: .5em 0; padding: .4em .8em; border-left: 4px solid; background: #fff; }
 #diagnostics li.error { border-color: #c00; }
 #diagnostics li.warning { border-color: #c90; }
 #diagnostics pre { margin: 0; white-space: pre-wrap; font: 14px/1.4 ui-monospace, monospace; }
 #pages { display: flex; flex-wrap: wrap; gap: 1.5em; justify-content: center; padding: 1.5em; }
 figure { margin: 0; text-align: center; }
 figure img { max-width: 100%; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
 figcaption { color: #555; }
</style></head>
<body data-state="building" data-generation="0">
<header><h1>{title}</h1><span id="status">building…</span></header>
<ul id="diagnostics"></ul>
<main id="pages"></main>
<script>
"use strict";
let shownGeneration = -1, shownVersion = -1;
function text(tag, value, cls) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (cls) el.className = cls;
  return el;
}
function draw(s) {
  document.body.dataset.state = s.state;
  let line;
  if (s.state === "building") line = "building…";
  else if (s.ok) line = "built " + s.output + " at " + s.finished + " in " + s.seconds.toFixed(2) + " s, " + s.pages + " pages";
  else line = "error at " + s.finished + (s.pdf_version ? " — showing the last good build" : " — no PDF yet");
  document.getElementById("status").textContent = line;
  if (s.generation === shownGeneration) return;
  const list = document.getElementById("diagnostics");
  list.replaceChildren(...s.diagnostics.map(d => {
    const li = document.createElement("li");
    li.className = d.level;
    li.append(text("pre", d.level + ": " + [d.headline].concat(d.details).join("\\n")));
    return li;
  }));
  if (s.pdf_version !== shownVersion) {
    const pages = document.getElementById("pages");
    const figures = [];
    for (let n = 1; n <= s.pages; n++) {
      const figure = document.createElement("figure");
      const img = document.createElement("img");
      img.src = "page/" + s.pdf_version + "/" + n + ".png";
      img.alt = "page " + n;
      figure.append(img, text("figcaption", String(n)));
      figures.push(figure);
    }
    pages.replaceChildren(...figures);
    shownVersion = s.pdf_version;
  }
  shownGeneration = s.generation;
  document.body.dataset.generation = String(s.generation);
}
async function poll() {
  try {
    const response = await fetch("status.json", {cache: "no-store"});
    draw(await response.json());
  } catch (e) {
    document.body.dataset.state = "gone";
    document.getElementById("status").textContent = "bulletin-pdf watch is not running";
  }
  setTimeout(poll, 400);
}
poll();
</script>
</body></html>
"""
