"""The live preview: what it serves and refuses, how it ends, and a real browser watching it.

The browser test drives a headless Chromium through the DevTools protocol, as a template author
would use the preview: open the page, save a template, a stylesheet, a letterhead and the case
file, and see each change (or its error) without reloading by hand. It is skipped only where no
Chromium is installed (``apt-get install chromium``).
"""

from __future__ import annotations

import http.client
import io
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from pypdf import PdfReader

from advocacy.authoring.preview import Preview, with_reload
from advocacy.documents.document import document
from advocacy.documents.options import options
from advocacy.documents.templates import template_set
from advocacy.errors import FactsError, UsageError
from advocacy.facts.load import load_case
from advocacy.formats.pdf import render_html
from tests.conftest import BUNDLED, ROOT

NAME = "Bakhytzhan Toregozhina"
WAIT_SECONDS = 10.0


@dataclass
class Work:
    """A copy of the bundled case, its letterheads and the templates, to edit under a preview."""

    facts: Path
    letterhead: Path
    templates: Path


def _work(tmp_path: Path) -> Work:
    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(BUNDLED, folder)
    shutil.copytree(BUNDLED.parent / "letterheads", folder / "letterheads")
    shutil.copytree(BUNDLED.parent / "recipients", folder / "recipients")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates, ignore=shutil.ignore_patterns("__pycache__"))
    return Work(
        folder / BUNDLED.name, folder / "letterheads" / "front-line-defenders.yaml", templates
    )


@pytest.fixture
def work(tmp_path: Path) -> Work:
    return _work(tmp_path)


@pytest.fixture
def preview(work: Work) -> Iterator[Preview]:
    with Preview("appeal", work.facts, options(templates=work.templates), port=0) as running:
        yield running


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One preview for the tests that only ask it for things: its templates hold a symlink
    (``appeal/secret.css``) to a file outside them, made once it serves."""
    folder = tmp_path_factory.mktemp("guarded")
    work = _work(folder)
    with Preview("appeal", work.facts, options(templates=work.templates), port=0) as running:
        secret = folder / "secret.txt"
        secret.write_text("confidential\n")
        (work.templates / "appeal" / "secret.css").symlink_to(secret)
        yield running


@dataclass
class Reply:
    status: int
    headers: Message
    body: bytes


def get(preview: Preview, path: str, host: str | None = None) -> Reply:
    """The reply to ``GET path`` exactly as written (urllib would tidy some ``..`` away)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT_SECONDS)
    try:
        connection.request("GET", path, headers={"Host": host} if host else {})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def _said(what: str | Callable[[], str]) -> str:
    return f"after {WAIT_SECONDS} s, still not {what if isinstance(what, str) else what()}"


class Announcements:
    """The preview's event stream, kept open as a page keeps it: each new version is announced
    on it, so a test waits for a version instead of looking again and again."""

    def __init__(self, preview: Preview) -> None:
        self.connection = http.client.HTTPConnection(
            "127.0.0.1", preview.port, timeout=WAIT_SECONDS
        )
        self.connection.request("GET", "/_events")
        self.events = self.connection.getresponse()
        assert self.events.getheader("Content-Type") == "text/event-stream"

    def until(self, condition: Callable[[], bool], what: str) -> None:
        """Wait for ``condition``, looked at once now and again at each version announced."""
        # The clock only ends a wait that failed (keep-alives come while nothing changes).
        deadline = time.monotonic() + WAIT_SECONDS
        while not condition():
            try:
                line = self.events.readline()
            except TimeoutError:
                line = b""
            if not line or time.monotonic() > deadline:
                pytest.fail(_said(what))

    def __enter__(self) -> Announcements:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.connection.close()


def test_the_page_is_the_html_a_pdf_is_made_from(preview: Preview, work: Work) -> None:
    for path in ("/", "/appeal"):
        redirect = get(preview, path)
        assert (redirect.status, redirect.headers["Location"]) == (302, "/appeal/")
    page = get(preview, "/appeal/")
    assert page.status == 200
    assert page.headers.get("Content-Type") == "text/html; charset=utf-8"
    templates = template_set(work.templates)
    html = render_html(document(load_case(work.facts), "appeal", options(templates=templates)))
    assert NAME in html
    assert page.body.decode() == with_reload(html, 1)
    assert '<script>new EventSource("/_events")' in page.body.decode().rpartition("</body>")[0]


def test_files_come_from_the_users_templates_then_the_shipped_ones(
    preview: Preview, work: Work
) -> None:
    stylesheet = work.templates / "appeal" / "appeal.css"
    stylesheet.write_text(stylesheet.read_text() + "/* mine */\n")
    shutil.rmtree(work.templates / "fonts")
    css = get(preview, "/appeal/appeal.css")
    assert css.status == 200 and css.headers.get("Content-Type") == "text/css; charset=utf-8"
    assert css.body.endswith(b"/* mine */\n")
    assert css.headers.get("Cache-Control") == "no-store"  # a reload shows the edited sheet
    font = get(preview, "/fonts/NotoSans-Regular.ttf")
    assert font.status == 200
    assert font.body == (ROOT / "templates" / "fonts" / "NotoSans-Regular.ttf").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/appeal/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/appeal/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/../facts/kz-toregozhina-2025.yaml",
        "/appeal/secret.css",  # a symlink in the user's templates that leads out of them
        "/appeal/nothing.css",
        "/appeal/%00.css",
    ],
)
def test_nothing_outside_the_templates_is_served(guarded: Preview, path: str) -> None:
    response = get(guarded, path)
    assert response.status == 404
    assert response.body == b"not found\n"


def test_a_page_of_another_site_cannot_read_the_preview(guarded: Preview) -> None:
    # DNS rebinding: a site points its own name at 127.0.0.1; its Host header gives it away.
    response = get(guarded, "/appeal/", host=f"attacker.example:{guarded.port}")
    assert response.status == 403
    assert NAME.encode() not in response.body
    assert get(guarded, "/appeal/", host=f"localhost:{guarded.port}").status == 200


def test_a_saved_file_announces_a_new_version(preview: Preview, work: Work) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT_SECONDS)
    connection.request("GET", "/_events")
    events = connection.getresponse()
    assert events.getheader("Content-Type") == "text/event-stream"
    assert events.readline() == b"data: 1\n"
    text = work.letterhead.read_text()
    work.letterhead.write_text(
        text.replace("organisation: Front Line Defenders", "organisation: FLD")
    )
    assert [events.readline(), events.readline(), events.readline()] == [b"\n", b"data: 2\n", b"\n"]
    connection.close()
    assert b'<p class="wordmark">FLD</p>' in get(preview, "/appeal/").body


def test_the_pdf_is_made_on_demand_and_a_broken_template_says_why(
    preview: Preview, work: Work
) -> None:
    response = get(preview, "/document.pdf")
    assert (response.status, response.headers.get("Content-Type")) == (200, "application/pdf")
    pages = PdfReader(io.BytesIO(response.body)).pages
    assert NAME in pages[0].extract_text()
    template = work.templates / "appeal" / "appeal.html"
    with Announcements(preview) as announced:
        template.write_text(template.read_text().replace("</main>", "{% if defender %}</main>"))
        announced.until(lambda: preview.page.doc is None, "broken")
    broken = get(preview, "/document.pdf")
    assert broken.status == 500
    assert b"error: appeal.html:" in broken.body and b"Unexpected end of template" in broken.body


def test_wrong_usage_and_a_missing_case_file_are_said_before_anything_is_served(work: Work) -> None:
    with pytest.raises(UsageError, match="no document kind 'nonsense'"):
        Preview("nonsense", work.facts, port=0)
    with pytest.raises(UsageError, match="no appeal 'nope'"):
        Preview("appeal", work.facts, appeal="nope", port=0)
    with pytest.raises(FactsError, match="no such file"):
        Preview("appeal", work.facts.with_name("missing.yaml"), port=0)


def _interruptible() -> None:
    # A suite started in the background by a shell without job control runs with SIGINT
    # ignored, and a child inherits that: the preview is given Ctrl-C back, as at a terminal.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def advocacy(*args: str | Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "advocacy", *(str(arg) for arg in args)]
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible if os.name == "posix" else None,
    )


def test_a_port_in_use_is_one_line_and_exit_1(work: Work) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = advocacy("preview", "appeal", work.facts, "--port", str(port))
        out, err = process.communicate(timeout=30)
    assert (process.returncode, out) == (1, "")
    assert err == (
        f"error: port {port} on 127.0.0.1 is in use: stop what uses it, or choose another port "
        "with --port (0 picks a free one)\n"
    )


def test_ctrl_c_stops_it_quietly(work: Work) -> None:
    process = advocacy("preview", "appeal", work.facts, "--port", "0")
    assert process.stderr is not None
    started = process.stderr.readline()
    assert started.startswith("previewing at http://127.0.0.1:"), started
    url = started.split()[2]
    with urllib.request.urlopen(url, timeout=WAIT_SECONDS) as page:
        assert NAME in page.read().decode()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (0, "", "")


def chromium() -> str | None:
    return next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )


class Browser:
    """One page of a headless Chromium, driven through the DevTools protocol."""

    def __init__(self, binary: str, profile: Path) -> None:
        import websocket

        profile.mkdir()
        self.log = (profile.parent / "chromium.log").open("wb")
        # No network but 127.0.0.1: every host name fails to resolve, background services are off.
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
        ]
        self.process = subprocess.Popen(
            [binary, *flags, "about:blank"],
            stdout=self.log,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        port = self._listening(profile.parent / "chromium.log")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
            target = next(t for t in json.load(reply) if t["type"] == "page")
        # Chromium refuses DevTools connections that carry a web page's Origin header.
        self.socket = websocket.create_connection(
            target["webSocketDebuggerUrl"], timeout=WAIT_SECONDS, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.loads = 0
        """Pages loaded since Page.enable: each reload the preview asks for is one more."""
        self.call("Page.enable")

    def _listening(self, log: Path) -> int:
        """The DevTools port, once Chromium says on stderr that the protocol listens; the rest of
        its stderr goes to the log. Killed if it says nothing for ten seconds (the test fails)."""
        assert self.process.stderr is not None
        stderr = self.process.stderr
        guard = threading.Timer(WAIT_SECONDS, os.killpg, (self.process.pid, signal.SIGKILL))
        guard.start()
        try:
            for line in stderr:  # ends when Chromium exits
                self.log.write(line)
                if line.startswith(b"DevTools listening on ws://"):
                    break
            else:
                self.log.flush()
                pytest.fail(f"chromium exited: {log.read_text(errors='replace')}")
        finally:
            guard.cancel()
        self.copying = threading.Thread(target=shutil.copyfileobj, args=(stderr, self.log))
        self.copying.start()
        return int(line.split(b"/")[2].rpartition(b":")[2])

    def _receive(self, what: str | Callable[[], str]) -> dict[str, Any]:
        """The next message from the page: a reply or an event (a load is counted)."""
        import websocket

        try:
            message: dict[str, Any] = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            pytest.fail(_said(what))
        if message.get("method") == "Page.loadEventFired":
            self.loads += 1
        return message

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            reply = self._receive(f"answered {method}")
            if reply.get("id") == number:  # the rest are events (loads are counted)
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def value(self, expression: str) -> Any:
        """Like evaluate(), but None while the page is between two loads."""
        try:
            return self.evaluate(expression)
        except RuntimeError:
            return None

    def until(self, condition: Callable[[], bool], what: str | Callable[[], str]) -> None:
        """Wait for ``condition``, looked at now and again each time the page has loaded (the
        preview reloads it on each change): no clock but the one that ends a failed wait."""
        while True:
            loads = self.loads
            if condition():
                return
            while self.loads == loads:  # a load while looking counts: it is looked at again
                self._receive(what)

    def shows(self, *texts: str) -> str:
        """The page's text once it shows every one of ``texts``."""
        seen = ""

        def showing() -> bool:
            nonlocal seen
            seen = str(self.value("document.body ? document.body.innerText : ''") or "")
            return all(text in seen for text in texts)

        self.until(showing, lambda: f"showing {texts}; the page reads:\n{seen[:3000]}")
        return seen

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.socket.close()
        os.killpg(self.process.pid, signal.SIGTERM)  # its own session: the browser and its helpers
        self.process.wait(timeout=10)
        self.copying.join(timeout=10)  # the helpers may hold stderr open a moment longer
        self.log.close()


def test_a_browser_shows_every_saved_change_and_error(work: Work, tmp_path: Path) -> None:
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium binary (apt-get install chromium) for the browser test")
    template = work.templates / "appeal" / "appeal.html"
    stylesheet = work.templates / "appeal" / "appeal.css"
    case = work.facts.read_text()
    edited = template.read_text().replace('<h1 class="title">', '<h1 class="title">Edited: ')
    broken = edited.replace('<main class="letter">', '<main class="letter">{{ unknown_var }}')
    line = broken[: broken.index("unknown_var")].count("\n") + 1

    with (
        Preview("appeal", work.facts, options(templates=work.templates), port=0) as preview,
        Browser(binary, tmp_path / "profile") as browser,
    ):
        browser.call("Page.navigate", url=preview.url)
        browser.shows(NAME)
        browser.until(lambda: browser.value("document.readyState") == "complete", "loaded")
        # The template's relative links found its stylesheet and, through it, the shipped fonts.
        assert "Noto Sans" in browser.evaluate("getComputedStyle(document.body).fontFamily")
        loaded = (
            "document.fonts.ready.then(() => [...document.fonts].some(f => f.status == 'loaded'))"
        )
        assert browser.evaluate(loaded) is True

        template.write_text(edited)
        browser.shows("Edited: ", NAME)

        stylesheet.write_text(stylesheet.read_text() + "h1.title { color: rgb(1, 2, 3); }\n")
        color = "getComputedStyle(document.querySelector('h1.title')).color"
        browser.until(
            lambda: browser.value(color) == "rgb(1, 2, 3)", "coloured by the edited sheet"
        )

        template.write_text(broken)
        text = browser.shows("could not be made")
        assert f"error: appeal.html:{line}: 'unknown_var' is undefined" in text
        template.write_text(edited)
        browser.shows("Edited: ", NAME)

        work.letterhead.write_text(
            work.letterhead.read_text().replace(
                "organisation: Front Line", "organisation: Back Line"
            )
        )
        browser.shows("Back Line Defenders")

        work.facts.write_text(case.replace("\ncountry: KZ\n", "\ncountry: KZ: KZ\n"))
        with pytest.raises(FactsError) as caught:
            load_case(work.facts)
        message = str(caught.value)  # what `advocacy render` prints for the same file
        line = case[: case.index("\ncountry: KZ\n")].count("\n") + 2
        assert message.startswith(f"{work.facts}:{line}:")
        browser.shows("could not be made", message)
        work.facts.write_text(case)
        browser.shows("Edited: ", NAME)

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", preview.port), timeout=1)


def test_the_preview_shows_a_document_in_another_language(work: Work) -> None:
    with Preview(
        "appeal", work.facts, options(templates=work.templates, lang="kk"), port=0
    ) as running:
        page = get(running, "/appeal/").body.decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="kk">')
    assert "Front Line Defenders Қазақстан билігін мыналарға шақырады:" in page
    # The facts' English stands in for the Kazakh they lack: a preview is a draft.
    assert "Kazakhstan: Bakhytzhan Toregozhina fined for social media post" in page
