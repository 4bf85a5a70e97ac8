"""Live preview for template authors: a document's HTML on localhost, reloaded as files change.

``advocacy preview appeal facts/x.yaml`` serves the HTML a PDF is made from at
``http://127.0.0.1:8000/appeal/``, so the template's relative links (``appeal.css``,
``../partials/base.css``, ``../fonts/...``) resolve in the template set, the user's folder first.
A thread polls the templates, the case file and its letterheads; on a change it renders again
and every open page reloads itself (Server-Sent Events). A broken template or case file shows
the message the CLI would print, in the page, and the server keeps running.

Polling rather than file events (watchfiles, watchdog): a few dozen small files cost nothing to
stat three times a second, and polling also sees changes on network and container mounts, where
file events often do not arrive.
"""

from __future__ import annotations

import dataclasses
import errno
import mimetypes
import sys
import threading
import traceback
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from advocacy.documents.document import Document, document
from advocacy.documents.options import Options, options
from advocacy.errors import AdvocacyError, TemplateError, UsageError
from advocacy.facts.load import LETTERHEADS, load_case
from advocacy.facts.shared import shared_folder
from advocacy.formats.pipeline import PREVIEW, produce

POLL_SECONDS = 0.3
KEEPALIVE_SECONDS = 10.0
"""How often an idle event stream is written to, so that a closed page frees its thread."""

Log = Callable[[str], None]

_RELOAD = (
    # On screen the document reads as a sheet of A4 with the shipped margins; /document.pdf
    # shows where the pages break.
    '<style media="screen">html {{ background: #e4e4e4; }} body {{ box-sizing: border-box; '
    "width: 210mm; min-height: 297mm; margin: 1em auto; padding: 16mm 20mm 20mm; "
    "background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }}</style>\n"
    '<script>new EventSource("/_events").onmessage = (event) => {{'
    ' if (event.data !== "{version}") location.reload(); }};</script>\n'
)


@dataclass(frozen=True)
class Page:
    """One rendering: the document (``doc`` set) or the error that stopped it."""

    version: int
    html: str
    doc: Document | None = None


class Preview:
    """One document served on ``host:port`` and rendered again whenever its files change.

    ``serve_forever()`` serves until ``stop()`` is called from another thread (or Ctrl-C, in the
    main thread); ``with Preview(...) as preview:`` serves from a background thread instead.
    """

    def __init__(
        self,
        kind: str,
        facts: Path,
        made: Options | None = None,
        *,
        appeal: str | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Log | None = None,
    ) -> None:
        # A text the language lacks shows in the case's language: a preview is a draft.
        self.options = dataclasses.replace(made or options(), fallback=True)
        self.templates = self.options.templates
        # A wrong kind is wrong usage, said before serving; a broken kind.toml is the author's
        # to fix while previewing, and the page says what is wrong with it.
        with suppress(TemplateError):
            self.templates.kind(kind)
        try:
            regular = facts.is_file()
        except OSError:  # a folder the user may not enter: load_case says so
            regular = False
        if not regular:
            load_case(facts)  # says what is wrong with the path (exit 1), as `validate` does
        self.kind, self.facts, self.appeal, self.host = kind, facts, appeal, host
        self._log = log or (lambda _: None)
        self._changed = threading.Condition()
        self._stopped = threading.Event()
        self._pdf_lock = threading.Lock()
        self._pdf: tuple[int, bytes] | None = None
        self._snapshot = self._stat()
        self.page = self._render(1)
        self._server = _bind(host, port, _handler(self))
        self.port: int = self._server.server_address[1]
        self.url = f"http://{host}:{self.port}/{kind}/"
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Serve and watch until stopped; then close the port."""
        watcher = threading.Thread(target=self._watch, name="preview-watch", daemon=True)
        watcher.start()
        try:
            self._server.serve_forever(poll_interval=0.1)  # how long stop() waits, at most
        finally:
            self._halt()
            watcher.join()
            self._server.server_close()

    def stop(self) -> None:
        """End ``serve_forever()`` running in another thread, and wait for it."""
        self._halt()
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> Preview:
        self._thread = threading.Thread(target=self.serve_forever, name="preview", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _halt(self) -> None:
        with self._changed:
            self._stopped.set()
            self._changed.notify_all()  # event streams end now, not at their next keep-alive

    def _watched(self) -> list[Path]:
        letterheads = shared_folder(self.facts, LETTERHEADS)
        # Every letterhead, not only those the case names: a missing one may be added to fix it.
        extra = sorted(letterheads.iterdir()) if letterheads.is_dir() else []
        return [self.facts, *extra, *self.templates.files()]

    def _stat(self) -> dict[Path, tuple[int, int, int]]:
        snapshot: dict[Path, tuple[int, int, int]] = {}
        for path in self._watched():
            try:
                stat = path.stat()
            except OSError:
                continue  # gone, or not yet there: its absence is part of the snapshot
            # The inode too: editors that save by renaming a new file over the old one.
            snapshot[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        return snapshot

    def _watch(self) -> None:
        while not self._stopped.wait(POLL_SECONDS):
            snapshot = self._stat()
            if snapshot == self._snapshot:
                continue
            self._snapshot = snapshot
            page = self._render(self.page.version + 1)
            with self._changed:
                self.page = page
                self._changed.notify_all()

    def _render(self, version: int) -> Page:
        try:
            loaded = load_case(self.facts)
            doc = document(loaded, self.kind, self.options, appeal=self.appeal)
            html = produce(doc, (PREVIEW,)).outputs[0].data.decode("utf-8")
        except AdvocacyError as err:
            if version == 1 and isinstance(err, UsageError):
                raise  # an --appeal the case lacks, or that the kind does not take: said at once
            return self._failed(version, err.said())
        except Exception:  # a bug in advocacy: show it, and keep serving while it is reported
            return self._failed(version, traceback.format_exc())
        for warning in loaded.warnings:
            self._log(str(warning))
        if version > 1:
            self._log(f"{self.kind}: rendered again")
        return Page(version, html, doc)

    def _failed(self, version: int, text: str) -> Page:
        self._log(text.rstrip())
        return Page(version, error_page(self.kind, text))

    def pdf(self) -> Page | bytes:
        """The PDF of the current rendering (made once per version), or the page of its error."""
        page = self.page
        if page.doc is None:
            return page
        with self._pdf_lock:  # one PDF at a time: two tabs asking must not lay it out twice
            if self._pdf is None or self._pdf[0] != page.version:
                try:
                    self._pdf = (page.version, produce(page.doc, ("pdf",)).outputs[0].data)
                except AdvocacyError as err:
                    return Page(page.version, error_page(self.kind, err.said()))
            return self._pdf[1]

    def events(self, send: Callable[[bytes], object]) -> None:
        """Tell a page the current version, then each new one, until it leaves or we stop."""
        sent = None
        while not self._stopped.is_set():
            with self._changed:
                if self.page.version == sent:
                    self._changed.wait(KEEPALIVE_SECONDS)
                version = self.page.version
            try:
                send(f"data: {version}\n\n".encode() if version != sent else b": idle\n\n")
            except OSError:
                return  # the page was closed or reloaded
            sent = version


def error_page(kind: str, text: str) -> str:
    """A page that shows why the document could not be made."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(kind)}: error</title>\n<style>body {{ font: 16px/1.5 sans-serif; "
        "margin: 2em; }} pre {{ white-space: pre-wrap; background: #fde8e8; padding: 1em; }}"
        f"</style>\n</head>\n<body>\n<h1>The {escape(kind)} could not be made</h1>\n"
        f"<pre>{escape(text.rstrip())}</pre>\n<p>Fix it and save: this page reloads.</p>\n"
        "</body>\n</html>\n"
    )


def with_reload(html: str, version: int) -> str:
    """``html`` with the script that reloads it when a version other than its own is announced."""
    script = _RELOAD.format(version=version)
    end = html.lower().rfind("</body>")
    return html + script if end < 0 else html[:end] + script + html[end:]


def serve(
    kind: str,
    facts: Path,
    made: Options | None = None,
    *,
    appeal: str | None = None,
    port: int = 8000,
    host: str = "127.0.0.1",
    ready: Callable[[str], None] | None = None,
    log: Log | None = None,
) -> None:
    """Preview ``kind`` of the case in ``facts`` until Ctrl-C; ``ready`` gets the page's URL."""
    try:
        preview = Preview(
            kind,
            facts,
            made,
            appeal=appeal,
            host=host,
            port=port,
            log=log,
        )
        if ready is not None:
            ready(preview.url)
        preview.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a preview ends


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a browser dropped a request it no longer needed (a reload): not a problem
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def _bind(host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> _Server:
    try:
        return _Server((host, port), handler)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise AdvocacyError(
                f"port {port} on {host} is in use: stop what uses it, or choose another port "
                "with --port (0 picks a free one)"
            ) from err
        raise AdvocacyError(f"cannot serve on {host}:{port}: {err.strerror or err}") from err


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    kind = preview.kind

    class Handler(BaseHTTPRequestHandler):
        server_version = "advocacy-preview"

        def do_GET(self) -> None:
            # Only our own names: a page elsewhere that points a name of its own at 127.0.0.1
            # (DNS rebinding) could otherwise read confidential case facts through the preview.
            names = {preview.host, "127.0.0.1", "localhost"}
            if self.headers.get("Host") not in {f"{name}:{preview.port}" for name in names}:
                return self.send(HTTPStatus.FORBIDDEN, b"unknown host\n", "text/plain")
            path = urlsplit(self.path).path
            if path in ("/", f"/{kind}"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{kind}/")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            if path == f"/{kind}/":
                page = preview.page
                status = HTTPStatus.OK if page.doc else HTTPStatus.INTERNAL_SERVER_ERROR
                return self.send(status, with_reload(page.html, page.version).encode())
            if path == "/_events":
                return self.stream()
            if path == "/document.pdf":
                pdf = preview.pdf()
                if isinstance(pdf, Page):
                    body = with_reload(pdf.html, pdf.version).encode()
                    return self.send(HTTPStatus.INTERNAL_SERVER_ERROR, body)
                return self.send(HTTPStatus.OK, pdf, "application/pdf")
            # Everything else is a file of the template set, or nothing: find() never leaves it.
            file = preview.templates.find(unquote(path).lstrip("/"))
            try:
                data = file.read_bytes() if file else None
            except OSError:
                data = None  # removed, or unreadable, since find() saw it
            if file is None or data is None:
                return self.send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")
            return self.send(HTTPStatus.OK, data, _content_type(file))

        def send(
            self, status: HTTPStatus, body: bytes, content_type: str = "text/html; charset=utf-8"
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")  # an edited stylesheet shows on reload
            self.end_headers()
            self.wfile.write(body)

        def stream(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            preview.events(self.wfile.write)

        def log_message(self, format: str, *args: object) -> None:
            pass  # an author watches the page; a line per request would bury the errors

    return Handler


def _content_type(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed
