"""Serve a built site over real HTTP on 127.0.0.1, like a static host would.

A hand-written handler (instead of SimpleHTTPRequestHandler) so the behaviour
matches static hosting: no directory listings, a site-wide 404.html with
status 404, and an optional sub-path prefix for sites deployed under e.g.
``/lad-ya/``.
"""

from __future__ import annotations

import http.client
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Explicit types: mimetypes depends on the host's /etc/mime.types and would
# make tests machine-dependent (e.g. .js or .woff2 missing or different).
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


def raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET `path` from the server at `url` exactly as written: no client-side
    normalisation of `..`, `%2e` or backslashes (path traversal tests)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def content_type_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def _make_handler(root: Path, prefix: str) -> type[BaseHTTPRequestHandler]:
    class StaticSiteHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._respond(send_body=True)

        def do_HEAD(self) -> None:
            self._respond(send_body=False)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest output clean

        def _respond(self, *, send_body: bool) -> None:
            url = urlsplit(self.path)
            path = unquote(url.path)
            if path == prefix.rstrip("/") and prefix != "/":
                return self._redirect(prefix, url.query)
            if not path.startswith(prefix):
                # Outside the deployment sub-path: nothing of the site exists there.
                return self._send(HTTPStatus.NOT_FOUND, b"Not Found\n", "text/plain", send_body)

            target = (root / path[len(prefix) :]).resolve()
            if not target.is_relative_to(root):  # "..", symlinks out of the site
                return self._not_found(send_body)
            if target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(url.path + "/", url.query)
                target = target / "index.html"
            if not target.is_file():
                return self._not_found(send_body)
            self._send(HTTPStatus.OK, target.read_bytes(), content_type_for(target), send_body)

        def _not_found(self, send_body: bool) -> None:
            page = root / "404.html"
            if page.is_file():
                body, ctype = page.read_bytes(), CONTENT_TYPES[".html"]
            else:
                body, ctype = b"Not Found\n", "text/plain"
            self._send(HTTPStatus.NOT_FOUND, body, ctype, send_body)

        def _redirect(self, location: str, query: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: HTTPStatus, body: bytes, ctype: str, send_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            # Tests rebuild sites between requests; never let Chromium reuse a stale copy.
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return StaticSiteHandler


@contextmanager
def serve_directory(root: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``root`` at ``http://127.0.0.1:<port><prefix>``; yield ``http://127.0.0.1:<port>/``.

    The yielded URL is the server origin (not including ``prefix``) so tests can
    also probe paths outside the sub-path.
    """
    if not prefix.startswith("/") or not prefix.endswith("/"):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"not a directory: {root}")

    server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(root, prefix))
    # Daemon handler threads: a browser's idle keep-alive connection must not
    # block shutdown.
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="serve_directory", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
