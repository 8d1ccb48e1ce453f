"""`PreviewServer` serves a page on 127.0.0.1 (stdlib `http.server`, in a thread) showing every
page of the last good PDF as an image at a readable resolution (editor/preview.py) and the
diagnostics of the last build; the page (page.html, installed with the package) polls a small
JSON status and redraws after each build.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import json
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from ..preview import DEFAULT_DPI, PageImages
from ...messages import CATALOGUE, LANGS, Lang
from .outcome import Outcome


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
                        "pdf_version": 0, "diagnostics": [], "words": self.words}
            return {"generation": o.generation, "state": "building" if self.building else ("ok" if o.ok else "error"),
                    "ok": o.ok, "title": self.title, "output": str(o.output), "pages": o.pages,
                    "pdf_version": o.pdf_version, "seconds": round(o.seconds, 3),
                    "finished": time.strftime("%H:%M:%S", time.localtime(o.finished)),
                    "diagnostics": [d.as_json() for d in o.diagnostics], "words": self.words}

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
