"""Hostile input, second round (issue 21): the `watch` preview server answers a bad request
with 400/404 and never prints a traceback, also when a browser drops its connection."""

from __future__ import annotations

import socket
import struct
import time
import urllib.error
import urllib.request

import pytest

from bulletin_pdf.editor.watch.server import PreviewServer


class Pages:
    """A stand-in for PreviewState: every page is 4 MB of PNG bytes (a browser may drop it)."""

    title = "t"

    def status(self) -> dict:
        return {"state": "ok"}

    def page_png(self, version: int, number: int) -> bytes | None:
        return b"\x89PNG" + b"\0" * (4 * 2**20) if (version, number) == (1, 1) else None

    def close(self) -> None:
        pass


@pytest.fixture
def server():
    server = PreviewServer(Pages(), 0)
    server.serve_in_thread()
    yield server
    server.stop()


def status_of(server, path: str) -> int:
    try:
        with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize("path", ["/page/%C2%B2/1.png", "/page/1/%C2%B2.png", "/page/1/" + "9" * 5000 + ".png",
                                  "/page/" + "1" * 5000 + "/1.png", "/page/-1/1.png", "/page/1/0x1.png",
                                  "/page/%D9%A1/1.png", "/page/1/1/1.png", "/page/1/%00.png"])
def test_bad_page_addresses_are_404(server, path, capfd):
    assert status_of(server, path) == 404
    assert status_of(server, "/page/1/1.png") == 200
    _out, err = capfd.readouterr()
    assert "Traceback" not in err and err == ""


def test_a_dropped_client_is_quiet(server, capfd):
    host, port = server.server_address[:2]
    for _ in range(5):
        client = socket.create_connection((host, port))
        client.sendall(f"GET /page/1/1.png HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        client.recv(100)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))   # RST, not FIN
        client.close()
    time.sleep(0.5)
    assert status_of(server, "/status.json") == 200
    _out, err = capfd.readouterr()
    assert "Traceback" not in err and "Error" not in err, err


def test_a_malformed_request_line_is_400(server, capfd):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port)) as client:
        client.sendall(b"GET\x00 / HTTP/9.9 extra\r\n\r\n")
        answer = b""
        while chunk := client.recv(4096):
            answer += chunk
    assert b"Error code: 400" in answer, answer        # http.server's page, HTTP/0.9 style for such a line
    _out, err = capfd.readouterr()
    assert "Traceback" not in err
