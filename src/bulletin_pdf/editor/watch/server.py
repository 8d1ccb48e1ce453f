"""`PreviewServer` serves a page on 127.0.0.1 (stdlib `http.server`, in a thread) showing every
page of the last good PDF as an image at a readable resolution (editor/preview.py) and the
diagnostics of the last build; the page (page.html, installed with the package) asks for a
small JSON status, which the server answers as soon as it changes (a long poll: the page shows a
build the moment it is done), and redraws in place: only the pages that changed get new images
(`Outcome.page_versions`), rendered on first request, the others stay as they are.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import secrets
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ..preview import DEFAULT_DPI, PageImages
from ...messages import CATALOGUE, LANGS, Lang
from .outcome import Outcome


#: How long a long poll of the status waits for a change before answering anyway.
LONG_POLL_SECONDS = 20.0


class PreviewState:
    """The last outcome, shared between the build loop and the server's threads, and the
    page images of its PDF, rendered on first request."""

    def __init__(self, title: str, dpi: int = DEFAULT_DPI, lang: Lang = "en") -> None:
        self.title = title
        #: the status line's words in the reader's language, with the page's {placeholders}
        self.words = {key.removeprefix("page."): CATALOGUE[key][LANGS.index(lang)]
                      for key in CATALOGUE if key.startswith("page.")}
        self.dpi = dpi
        self.building = False
        self._outcome: Outcome | None = None
        self._lock = threading.Lock()           # the outcome
        self._render_lock = threading.Lock()    # pdfium and the images
        self._images: tuple[int, PageImages] | None = None
        self._pngs: dict[tuple[int, int], bytes] = {}
        #: counts every change of the status (a build begun, a build done): a long poll waits
        #: for it to pass the count its page has seen
        self.changes = 0
        self._changed = threading.Condition(self._lock)
        #: this server's own: the builds of another `watch` (on the same port, after a restart)
        #: count from 1 again, and the page's images carry it so that a browser never shows the
        #: image another process made under the same address (they are cached as immutable)
        self.session = secrets.token_hex(6)
        self._closed = False

    def mark_building(self) -> None:
        with self._lock:
            self.building = True
            self.changes += 1
            self._changed.notify_all()

    def publish(self, outcome: Outcome) -> None:
        with self._lock:
            self._outcome = outcome
            self.building = False
            self.changes += 1
            self._changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> None:
        """Return when the status has changed since the page saw count `seen`, the server is
        closing, or after `timeout` seconds (the page then asks again)."""
        with self._lock:
            self._changed.wait_for(lambda: self.changes > seen or self._closed, timeout)

    def status(self) -> dict:
        with self._lock:
            o = self._outcome
            if o is None:
                return {"generation": 0, "changes": self.changes, "session": self.session, "state": "building",
                        "title": self.title, "pages": 0, "pdf_version": 0, "page_versions": [], "diagnostics": [],
                        "words": self.words}
            return {"generation": o.generation, "changes": self.changes, "session": self.session,
                    "state": "building" if self.building else ("ok" if o.ok else "error"),
                    "ok": o.ok, "title": self.title, "output": str(o.output), "pages": o.pages,
                    "pdf_version": o.pdf_version, "page_versions": list(self._versions(o)),
                    "seconds": round(o.seconds, 3),
                    "finished": time.strftime("%H:%M:%S", time.localtime(o.finished)),
                    "diagnostics": [d.as_json() for d in o.diagnostics], "words": self.words}

    @staticmethod
    def _versions(o: Outcome) -> tuple[int, ...]:
        """Each page's version: the build that first showed it as it is (every page the PDF's
        own where the outcome does not say)."""
        return o.page_versions if len(o.page_versions) == o.pages else (o.pdf_version,) * o.pages

    def page_png(self, version: int, number: int) -> bytes | None:
        """Page `number` as build `version` showed it, if the current PDF still shows it so
        (None otherwise, or when it has no such page): an unchanged page keeps its address and
        its image, a changed one gets a new address, so no stale image is ever shown. Rendering
        holds only the images' lock (pdfium is not thread-safe), so the status stays quick to
        answer meanwhile."""
        with self._lock:
            o = self._outcome
            if o is None or o.pdf is None or not 1 <= number <= o.pages or self._versions(o)[number - 1] != version:
                return None
        with self._render_lock:
            if (version, number) not in self._pngs:
                if self._images is None or self._images[0] != o.pdf_version:
                    if self._images is not None:
                        self._images[1].close()
                    self._images = (o.pdf_version, PageImages(o.pdf, self.dpi))
                    # the images of pages the new PDF no longer shows as they were
                    current = set(enumerate(self._versions(o), 1))
                    self._pngs = {key: png for key, png in self._pngs.items() if (key[1], key[0]) in current}
                self._pngs[(version, number)] = self._images[1].png(number)
            return self._pngs[(version, number)]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._changed.notify_all()
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
            # ?after=N: answered when the status has changed since the page saw count N
            seen = parse_qs(urlsplit(self.path).query).get("after", [""])[0]
            if _counter(seen):
                state.wait_for_change(int(seen), LONG_POLL_SECONDS)
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


def page_html(title: str) -> str:
    """The preview page: a status line, the diagnostics, the pages; redrawn after each build."""
    return _page().replace("{title}", html.escape(title))


@functools.cache
def _page() -> str:
    """page.html, the page's markup, style and script, beside this module."""
    return importlib.resources.files(__package__).joinpath("page.html").read_text(encoding="utf-8")


def _counter(part: str) -> bool:
    """A build version or page number as the page's addresses write them: ASCII digits, at most
    nine (str.isdigit() also takes ² and other digits int() refuses, and a 5,000-digit number
    would be converted only to answer 404)."""
    return 0 < len(part) <= 9 and part.isascii() and part.isdigit()
