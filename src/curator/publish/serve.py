"""Serving an exported site on this computer, to look at it before it goes online."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _SiteHandler(SimpleHTTPRequestHandler):
    not_found: Path | None = None
    prefix = "/"  # the path the site lives under, as on the festival's server

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        pass  # a local preview has nobody to read an access log

    def send_error(self, code: int, message: str | None = None, explain: str | None = None
                   ) -> None:
        page = self.not_found or Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer:
    """A folder served on 127.0.0.1 at a free port, from a background thread; under
    `prefix` (the path of the archive's base URL), so even the 404 page's links work."""

    def __init__(self, folder: Path, *, not_found: Path | None = None, prefix: str = "/"
                 ) -> None:
        self.folder = Path(folder)
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler_class = type("Handler", (_SiteHandler,), {"not_found": not_found,
                                                         "prefix": self.prefix})
        handler = functools.partial(handler_class, directory=str(self.folder))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="curator-site-server", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{self.prefix}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
