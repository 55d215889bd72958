"""HTTP and livereload for the live preview; rebuilds run on the server's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import mimetypes
import shutil
import signal
import socket
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, netutil, web

from site_builder.devserver.watch import CannotWatch, site_changes
from site_builder.incremental import IncrementalBuilder, RebuildReport
from site_builder.messages import message
from site_builder.problems import Problem, Severity, errors_in
from site_builder.render.environment import make_chrome
from site_builder.search import SearchIndexError, index_site_async

LOOPBACK = "127.0.0.1"
STATE_FILE = Path(".build-cache/serve-state.json")  # git-ignored; lets the next run start warm
RELOAD_SCRIPT = b'<script src="/livereload.js"></script>'
HEAD_END = b"</head>"

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}


def content_type(path: Path) -> str:
    return (
        _CONTENT_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )


@dataclass(frozen=True, slots=True)
class ShownProblem:
    where: str
    field: str
    text: str
    line: int
    column: int
    excerpt: str  # the line of the file the problem is on, when it can be read


def _excerpt(problem: Problem) -> str:
    location = problem.location
    if location.line < 1:
        return ""
    try:
        lines = Path(location.file).read_bytes().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[location.line - 1].lstrip("\ufeff") if location.line <= len(lines) else ""


def error_page(problems: Sequence[Problem], lang: str) -> bytes:
    """The page shown instead of the site while its content has errors."""
    template = jinja2.Environment(autoescape=True).from_string(
        resources.files(__package__).joinpath("error.html").read_text(encoding="utf-8")
    )
    errors = sorted(errors_in(problems), key=Problem.sort_key)
    shown = [
        ShownProblem(
            str(p.location),
            p.field_path,
            p.text(lang),
            p.location.line,
            max(p.location.column, 1),
            _excerpt(p),
        )
        for p in errors
    ]
    html = template.render(
        lang=lang,
        title=message(lang, "serve_error_title"),
        intro=message(lang, "serve_error_intro", count=len(errors)),
        problems=shown,
    )
    return html.encode("utf-8")


class ReloadSocket(LiveReloadHandler):
    """livereload's WebSocket, answering only pages of this server (not other sites)."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def check_origin(self, origin: str) -> bool:
        return urlsplit(origin).netloc == self.request.host

    def on_message(self, text: str | bytes) -> None:
        super().on_message(text)
        # A page that changed between being served and connecting missed its reload.
        hello = json.loads(text)
        url = hello.get("url") if hello.get("command") == "info" else None
        if isinstance(url, str) and self.preview.stale(urlsplit(url).path):
            self.send_message({"command": "reload", "path": "*", "liveCSS": True})


class SiteHandler(web.RequestHandler):
    """Serves output/ (no listings, never outside it) or the error page, adding the reload script."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def get(self) -> None:
        self._respond(send_body=True)

    def head(self) -> None:
        self._respond(send_body=False)

    def compute_etag(self) -> None:
        return None  # always send the current bytes: the site changes under the browser

    def _respond(self, send_body: bool) -> None:
        preview = self.preview
        path = unquote(self.request.path)  # %2e%2e and %2f are decoded before the checks
        prefix = preview.prefix
        if "\0" in path or "\\" in path:
            return self._send(404, b"Not Found\n", "text/plain; charset=utf-8", send_body)
        if prefix != "/" and path in ("/", prefix.rstrip("/")):
            return self.redirect(prefix, permanent=False)
        if not path.startswith(prefix):
            return self._not_found(send_body)
        root = preview.root
        target = (root / path[len(prefix) :]).resolve()
        if not target.is_relative_to(root):  # "..", however written, or a symlink out
            return self._not_found(send_body)
        if target.is_dir():
            if not path.endswith("/"):
                return self.redirect(self.request.path + "/", permanent=False)
            target = target / "index.html"
        if preview.failure is not None and (target.suffix == ".html" or not target.is_file()):
            return self._send(500, preview.failure, _CONTENT_TYPES[".html"], send_body)
        if not target.is_file():
            return self._not_found(send_body)
        self._send(200, target.read_bytes(), content_type(target), send_body)

    def _not_found(self, send_body: bool) -> None:
        page = self.preview.root / "404.html"
        if page.is_file():
            return self._send(404, page.read_bytes(), _CONTENT_TYPES[".html"], send_body)
        self._send(404, b"Not Found\n", "text/plain; charset=utf-8", send_body)

    def _send(self, status: int, body: bytes, ctype: str, send_body: bool) -> None:
        if ctype.startswith("text/html") and HEAD_END in body:
            body = body.replace(HEAD_END, RELOAD_SCRIPT + HEAD_END, 1)
            self.preview.served[self.request.path] = self.preview.generation
        self.set_status(status)
        self.set_header("Content-Type", ctype)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Length", str(len(body)))
        if send_body:
            self.write(body)
        self.finish()


class Preview:
    """The state of one `serve` run: the builder, the last result, and the open pages."""

    def __init__(
        self,
        content: Path,
        templates: Path,
        output: Path,
        lang: str,
        state_file: Path | None,
        poll: bool = False,
        as_of: dt.date | None = None,
    ) -> None:
        self.builder = IncrementalBuilder(content, templates, output, state_file, as_of)
        self.root = output.resolve()
        self.lang = lang
        self.poll = poll  # compare files' stats instead of OS notifications (`serve --poll`)
        self.prefix = "/"
        self.failure: bytes | None = None  # the error page while the content has errors
        self.watched = (content, templates)
        self.generation = 0  # counts the rebuilds that changed what the browser sees
        self.served: dict[str, int] = {}  # page path → generation it was served at
        self.searching = False  # the search bundle is being made again
        self.search_task: asyncio.Task[None] | None = None

    def stale(self, path: str) -> bool:
        return self.served.get(path, self.generation) < self.generation

    def start(self) -> None:
        self._rebuild(None)

    async def watch(self, stop: asyncio.Event) -> bool:
        """Rebuild after every group of saved files until `stop` is set, on this loop
        (the builder is not thread-safe); False, and said, when the operating system
        refuses to watch the folders."""
        try:
            async for changed in site_changes(self.watched, stop, self.poll):
                self._rebuild(changed)
        except CannotWatch as refused:
            text = message(self.lang, "serve_watch_failed", problem=refused)
            print(text, file=sys.stderr, flush=True)
            return False
        return True

    def _rebuild(self, changed: set[Path] | None) -> None:
        """Pages first, so the browser reloads at once; the search index follows."""
        try:
            report = self.builder.rebuild(changed, search=False)
        except OSError as exc:  # output/ not writable, disk full: say so, keep serving
            self._write_failed(exc)
            return
        self.apply(report, changed or ())
        if report.ok:
            self.schedule_search()

    def _write_failed(self, exc: OSError) -> None:
        output = self.builder.output.as_posix()
        problem = exc.strerror or exc
        print(message(self.lang, "cli_write_failed", problem=problem, output=output), flush=True)

    def schedule_search(self) -> None:
        """Bring the search index up to date in the background; nothing before the
        server's loop runs (`serve` schedules it when it starts) or before a build
        succeeded (the content had errors from the start)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self.builder.built and not self.searching:
            self.searching = True
            self.search_task = loop.create_task(self._search())

    async def _search(self) -> None:
        """Pagefind over the pages until the bundle matches them: a large site takes
        seconds to index, so it runs beside the server, which keeps serving and
        rebuilding pages (a page changed meanwhile starts another round)."""
        builder = self.builder
        try:
            while not builder.search_current(key := builder.search_key()):
                started = time.perf_counter()
                scratch = builder.search_scratch()
                try:
                    await index_site_async(builder.output, scratch)
                    if builder.search_key() == key:
                        builder.install_search(scratch, key)
                        ms = f"{(time.perf_counter() - started) * 1000:.0f}"
                        print(message(self.lang, "serve_search_updated", ms=ms), flush=True)
                finally:
                    shutil.rmtree(scratch, ignore_errors=True)
        except SearchIndexError as exc:
            print(message(self.lang, "serve_search_failed", problem=exc), file=sys.stderr)
        except OSError as exc:
            self._write_failed(exc)
        finally:
            self.searching = False

    def apply(self, report: RebuildReport, changed: Sequence[Path] | set[Path]) -> None:
        lang = self.lang
        warnings = [p for p in report.problems if p.severity is Severity.WARNING]
        for problem in sorted(warnings if report.ok else report.problems, key=Problem.sort_key):
            print(problem.format(lang), file=sys.stderr, flush=True)
        was_failing = self.failure is not None
        if report.ok:
            self.failure = None
            if report.site is not None:  # a site deployed under /lad-ya/ is previewed there
                self.prefix = make_chrome(report.site).base_path
            print(
                message(
                    lang,
                    "serve_rebuilt",
                    changed=len(changed),
                    rendered=len(report.rendered),
                    written=len(report.written) + len(report.deleted),
                    ms=f"{report.seconds * 1000:.0f}",
                ),
                flush=True,
            )
        else:
            self.failure = error_page(report.problems, lang)
            count = len(errors_in(report.problems))
            print(message(lang, "serve_errors", count=count), file=sys.stderr, flush=True)
        reload = report.written or report.deleted or was_failing or self.failure is not None
        if reload:
            self.generation += 1
        if reload and LiveReloadHandler.waiters:
            only_css = report.ok and not was_failing and _only_stylesheets(report)
            LiveReloadHandler.reload_waiters(only_css or "*")


def _only_stylesheets(report: RebuildReport) -> str | None:
    """The path to send when only CSS changed, so the page restyles without a reload."""
    changed = [*report.written, *report.deleted]
    if changed and all(name.endswith(".css") for name in changed):
        return changed[0]
    return None


def make_application(preview: Preview) -> web.Application:
    LiveReloadHandler.live_css = True
    # The handler logs its watcher's last file; ours are watched by Preview.watch instead.
    LiveReloadHandler.watcher = Watcher()
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"preview": preview}),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r"/.*", SiteHandler, {"preview": preview}),
        ],
        log_function=lambda handler: None,  # no access log: the console is for the editor
    )


def bind(host: str, port: int) -> list[socket.socket]:
    return netutil.bind_sockets(port, host, family=socket.AF_INET if ":" not in host else 0)


def serve(preview: Preview, sockets: list[socket.socket], host: str) -> int:
    """Build, then serve until interrupted (Ctrl+C raises KeyboardInterrupt) or stopped
    (SIGTERM, a service stop: returns 0); 1 when the folders cannot be watched."""
    stopped = asyncio.Event()
    with asyncio.Runner() as runner:
        try:
            # Watching starts before the first build: a file saved during it is rebuilt.
            watching = runner.run(_start_watching(preview, stopped))
            preview.start()  # outside the loop, so Ctrl+C stops a long first build at once
            url = f"http://{host}:{sockets[0].getsockname()[1]}{preview.prefix}"
            print(message(preview.lang, "serve_started", url=url), flush=True)
            return runner.run(_serve_until_stopped(preview, sockets, stopped, watching))
        finally:
            stopped.set()  # the watcher's thread sees it within a step; then the loop closes


async def _start_watching(preview: Preview, stopped: asyncio.Event) -> asyncio.Task[bool]:
    watching = asyncio.create_task(preview.watch(stopped))
    await asyncio.sleep(0)  # the task's first step sets the watches up, then waits for changes
    return watching


async def _serve_until_stopped(
    preview: Preview,
    sockets: list[socket.socket],
    stopped: asyncio.Event,
    watching: asyncio.Task[bool],
) -> int:
    server = httpserver.HTTPServer(make_application(preview))
    server.add_sockets(sockets)
    preview.schedule_search()  # the index of the first build
    watching.add_done_callback(lambda _: stopped.set())  # watching refused: stop serving
    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set)
    try:
        await stopped.wait()
    finally:  # also on Ctrl+C: stop watching, stop Pagefind and remove its scratch folder
        stopped.set()
        watched = await watching
        if preview.search_task is not None:
            preview.search_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await preview.search_task
    return 0 if watched else 1


def run_preview(
    content: Path,
    templates: Path,
    output: Path,
    host: str,
    port: int,
    lang: str,
    as_of: dt.date | None = None,
    poll: bool = False,
) -> int:
    """`python build.py serve`: build, serve on host:port, rebuild on every save."""
    try:
        sockets = bind(host, port)
    except OSError as exc:
        print(
            message(lang, "serve_cannot_listen", port=port, problem=exc.strerror or exc),
            file=sys.stderr,
        )
        return 1
    if host != LOOPBACK:
        print(message(lang, "serve_not_loopback", host=host), file=sys.stderr, flush=True)
    preview = Preview(content, templates, output, lang, STATE_FILE, poll, as_of)
    code = 0
    with contextlib.suppress(KeyboardInterrupt):
        code = serve(preview, sockets, host)
    print(message(lang, "serve_stopped"), flush=True)
    return code
