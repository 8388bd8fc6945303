"""Headless Chromium for the site tests, and a local web server that serves a site from a
sub-folder of its root (as a festival's server serves https://festival.example/archive/)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Handler(SimpleHTTPRequestHandler):
    sub_folder = ""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        # as a web server configured with "ErrorDocument 404 /archive/404.html"
        page = Path(self.directory) / self.sub_folder / "404.html"
        if code != 404 or not self.path.startswith(f"/{self.sub_folder}/") or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went on before the answer was sent


@contextmanager
def serve_root(root: Path, sub_folder: str) -> Iterator[str]:
    """Serve the folder `root` (the web server's root) on 127.0.0.1; the site is in
    root/sub_folder. Yields the site's address, ending in `/`."""
    handler = type("Handler", (_Handler,), {"sub_folder": sub_folder})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/{sub_folder}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
