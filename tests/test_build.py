"""advocacy build: a campaign's every file, as recipients and archivists get them."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any, cast

import pikepdf
import pypdfium2
import pytest
from lxml import etree
from pypdf import PdfReader

from advocacy.facts.load import LoadedCase, load_case
from advocacy.facts.markup import plain
from advocacy.i18n.words import date_words
from advocacy.views.language import in_language
from tests.conftest import BUNDLED, TINY, Runner, tiny_case
from tests.extract import docx_text, in_order, normalise, pdf_text, sentences
from tests.watch import until_file

APPEAL = "appeal-fld-2025-08-05"
RECIPIENTS = [
    "kz-president",
    "kz-prosecutor-general",
    "kz-human-rights-commissioner",
    "un-sr-human-rights-defenders",
    "kz-embassy-ireland",
]


def _appeal(loaded: LoadedCase, lang: str | None) -> Any:
    """The bundled appeal in ``lang`` (default: the case's)."""
    return in_language(loaded, lang or loaded.case.language)[0].appeal()


def _letter_text(path: Path) -> str:
    """A letter's PDF text: a word with a hyphen at a line's end read whole, no page numbers."""
    text = re.sub(r"(?<=\w)-\n(?=\w)", "-", pdf_text(path))
    return re.sub(r"Страница \d+ из \d+", " ", text)


def _build(out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "advocacy", "build", str(BUNDLED), "-o", str(out), *options]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The bundled campaign built twice: with emails on two processes, then on one."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    done = _build(first, "--emails", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    again = _build(second, "--emails", "--jobs", "1")
    assert again.returncode == 0, again.stderr
    return first / "kz-toregozhina-2025", second / "kz-toregozhina-2025", done.stdout


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_document_and_a_letter_per_recipient_are_built(
    campaign: tuple[Path, Path, str],
) -> None:
    folder, _, stdout = campaign
    expected = {"manifest.json"}
    for stem in (APPEAL, "summary", "chronology"):
        expected |= {f"{stem}.pdf", f"{stem}.docx"}
    for recipient in RECIPIENTS:
        expected |= {f"{APPEAL}/{recipient}.{ext}" for ext in ("pdf", "docx", "eml")}
    assert set(_files(folder)) == expected
    printed = {Path(line).relative_to(folder).as_posix() for line in stdout.splitlines()}
    assert printed == expected


def test_a_second_build_is_byte_identical_whatever_the_jobs(
    campaign: tuple[Path, Path, str],
) -> None:
    first, second, _ = campaign
    one, two = _files(first), _files(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_the_manifest_describes_every_file_and_the_facts(
    campaign: tuple[Path, Path, str], bundled: LoadedCase
) -> None:
    folder, _, _ = campaign
    # The Kazakh authorities read Russian; the others, the case's English.
    languages = {r.id: r.language for r in bundled.recipients}
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["case"] == "kz-toregozhina-2025"
    assert manifest["case_sha256"] == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    assert manifest["audience"] == "public"
    files = {entry["path"]: entry for entry in manifest["files"]}
    assert set(files) == set(_files(folder)) - {"manifest.json"}
    for path, entry in files.items():
        data = (folder / path).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["format"] == path.rsplit(".", 1)[1]
        assert entry["language"] == (languages.get(entry["recipient"]) or "en")
        if entry["format"] == "pdf":
            assert entry["pages"] == len(PdfReader(folder / path).pages)
        else:
            assert entry["pages"] is None
        in_folder = path.startswith(f"{APPEAL}/")
        assert entry["recipient"] == (path.split("/")[1].split(".")[0] if in_folder else None)
        assert entry["kind"] == (
            "email" if path.endswith(".eml") else path.split("/")[0].split("-")[0].split(".")[0]
        )


def test_each_letter_is_addressed_and_reads_in_order(
    campaign: tuple[Path, Path, str], bundled: LoadedCase
) -> None:
    folder, _, _ = campaign
    loaded = bundled
    for recipient in loaded.recipients:
        appeal = _appeal(loaded, recipient.language)
        expected = [
            "Front Line Defenders",
            *recipient.lines(),
            date_words(appeal.issued, recipient.language or "en"),
            appeal.title,
            recipient.salutation,
            plain(appeal.lead),
        ]
        pdf = _letter_text(folder / APPEAL / f"{recipient.id}.pdf")
        docx = docx_text(folder / APPEAL / f"{recipient.id}.docx")
        assert in_order(pdf, expected) == [], recipient.id
        assert in_order(docx, expected) == [], recipient.id
        others = [r for r in loaded.recipients if r.title != recipient.title]
        assert all(str(other.title) not in pdf for other in others)


def test_letters_are_the_pages_a_whole_render_gives(
    campaign: tuple[Path, Path, str], tmp_path: Path, run: Runner
) -> None:
    """Composed letters look and read exactly like each letter rendered on its own."""
    folder, _, _ = campaign
    for recipient in RECIPIENTS:
        result = run("render", "appeal", BUNDLED, "--to", recipient, "-o", tmp_path)
        assert result.code == 0, result.err
        composed = folder / APPEAL / f"{recipient}.pdf"
        whole = tmp_path / APPEAL / f"{recipient}.pdf"
        assert _pages_seen(composed) == _pages_seen(whole)
        ids = [cast(Any, PdfReader(path).trailer["/ID"])[0] for path in (composed, whole)]
        assert ids[0] == ids[1] == f"{APPEAL}/{recipient}"
        assert (folder / APPEAL / f"{recipient}.docx").read_bytes() == (
            tmp_path / APPEAL / f"{recipient}.docx"
        ).read_bytes()


def _pages_seen(path: Path) -> list[tuple[str, bytes]]:
    """Each page's text in reading order and its pixels at 72 dpi."""
    document = pypdfium2.PdfDocument(path)
    seen = []
    for page in document:
        text = page.get_textpage().get_text_bounded()
        seen.append((" ".join(text.split()), bytes(page.render(scale=1).buffer)))
    document.close()
    return seen


def test_every_pdf_is_pdf_a_3b_with_the_public_case_file(campaign: tuple[Path, Path, str]) -> None:
    folder, _, _ = campaign
    for path in [folder / "summary.pdf", folder / APPEAL / "kz-president.pdf"]:
        reader = PdfReader(path)
        root: Any = reader.trailer["/Root"]
        xmp = etree.fromstring(root["/Metadata"].get_object().get_data())
        described = xmp.find(".//{*}Description[@{http://www.aiim.org/pdfa/ns/id/}part]")
        assert described is not None, "no PDF/A identification in the XMP metadata"
        assert described.get("{http://www.aiim.org/pdfa/ns/id/}part") == "3"
        assert described.get("{http://www.aiim.org/pdfa/ns/id/}conformance") == "B"
        assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
        assert "/ID" in reader.trailer
        (spec,) = [item.get_object() for item in root["/AF"]]
        assert spec["/AFRelationship"] == "/Source"
        assert spec["/F"] == "kz-toregozhina-2025.public.yaml"
        for page in reader.pages:
            for font in _fonts(page):
                font = font.get_object()
                descendant = font.get("/DescendantFonts")
                described_font = descendant[0].get_object() if descendant else font
                descriptor = described_font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
        attached = reader.attachments["kz-toregozhina-2025.public.yaml"][0].decode()
        assert attached.startswith("# The public version of kz-toregozhina-2025.yaml")
        assert "id: kz-toregozhina-2025" in attached
        assert "example.org" not in attached  # recipients stay out of what is published


def _fonts(page: Any) -> list[Any]:
    """Every font a page uses."""
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources else None
    return list(fonts.get_object().values()) if fonts else []


def test_email_drafts_carry_the_letter(
    campaign: tuple[Path, Path, str], bundled: LoadedCase
) -> None:
    folder, _, _ = campaign
    loaded = bundled
    for recipient in loaded.recipients:
        appeal = _appeal(loaded, recipient.language)
        raw = (folder / APPEAL / f"{recipient.id}.eml").read_bytes()
        assert b"\r\n" in raw  # RFC 5322 line ends
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert message["X-Unsent"] == "1"
        assert message["Subject"] == appeal.title
        assert message["To"].addresses[0].addr_spec == recipient.email
        assert message["From"].addresses[0].addr_spec == "info@frontlinedefenders.org"
        assert message["Date"].datetime.date() == appeal.issued
        body = message.get_body(("plain",))
        assert body is not None
        text = body.get_content().replace("\r\n", "\n")
        assert text.startswith(recipient.salutation + "\n\n")
        assert normalise(plain(appeal.lead)) in normalise(text)
        (attachment,) = message.iter_attachments()
        assert attachment.get_filename() == f"{APPEAL}-{recipient.id}.pdf"
        assert attachment.get_content() == (folder / APPEAL / f"{recipient.id}.pdf").read_bytes()


# The tiny case: recipients written out in the case file, and what can go wrong.


def _with_recipients(recipients: list[Any]) -> Any:
    def change(data: Any) -> None:
        data["recipients"] = recipients

    return change


def test_a_failed_letter_does_not_stop_the_others_and_leaves_nothing_stale(
    tmp_path: Path, run: Runner
) -> None:
    long_address = [
        f"Line {n} of an address far too long for any window, repeated" for n in range(6)
    ]
    recipients: list[dict[str, Any]] = [
        {"id": "first", "title": "Minister", "address": ["1 Street", "City"]},
        {"id": "second", "title": "Minister of Long Addresses", "address": ["2 Street"]},
        {"id": "last", "name": "Sam Example", "salutation": "Dear Sam,"},
    ]
    out = tmp_path / "out"
    case = tiny_case(tmp_path / "one", _with_recipients(recipients))
    assert run("build", case, "-o", out).code == 0
    letters = out / "tiny" / "appeal-first"
    assert len(list(letters.iterdir())) == 6

    recipients[1]["address"] = long_address
    case = tiny_case(tmp_path / "two", _with_recipients(recipients))
    result = run("build", case, "-o", out)
    assert result.code == 1
    # The letter that failed is gone with its Word twin: no stale letter to send by mistake.
    assert sorted(p.name for p in letters.iterdir()) == [
        "first.docx",
        "first.pdf",
        "last.docx",
        "last.pdf",
    ]
    line = next(
        n for n, text in enumerate(case.read_text().splitlines(), 1) if "id: second" in text
    )
    assert (
        f"{letters / 'second.pdf'}: {case}:{line}:3: recipients[1].address: does not fit the "
        "letter's window (85 x 40 mm): shorten it (not written)"
    ) in result.err
    assert result.err.strip().endswith("1 failure; 10 files written")
    manifest = json.loads((out / "tiny" / "manifest.json").read_text())
    assert {entry["path"] for entry in manifest["files"]} == {
        p.relative_to(out / "tiny").as_posix()
        for p in (out / "tiny").rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # prints a recipient field outside the windows
            "<p>{{ appeal.lead|rich }}</p>",
            "<p>{{ appeal.lead|rich }}</p>\n"
            "{% if recipient %}<p>For the attention of {{ recipient.title }}.</p>{% endif %}",
        ),
        (  # decides on a recipient's value outside the windows
            "<p>{{ appeal.lead|rich }}</p>",
            "<p>{{ appeal.lead|rich }}</p>\n"
            "{% if recipient and recipient.example %}<p>SAMPLE ADDRESS</p>{% endif %}",
        ),
        ("<p>{{ line }}</p>", "<p>{{ line|truncate(20) }}</p>"),  # changes a line in a window
    ],
)
def test_a_template_doing_more_with_the_recipient_still_gets_each_letter_right(
    tmp_path: Path, run: Runner, old: str, new: str
) -> None:
    """Composing needs recipient fields printed as they are, in windows; else each letter is
    rendered whole, and every letter is what `render --to` gives."""
    templates = tmp_path / "mine"
    run("templates", "export", templates, "appeal")
    html = templates / "appeal" / "appeal.html"
    assert old in html.read_text()
    html.write_text(html.read_text().replace(old, new))
    case = tiny_case(
        tmp_path / "facts",
        _with_recipients(
            [
                {"id": "a", "title": "Minister of Everything in General", "example": True},
                {"id": "b", "title": "Minister B"},
            ]
        ),
    )
    result = run("build", case, "-o", tmp_path / "out", "--templates", templates)
    assert result.code == 0, result.err
    for name in "ab":
        alone = run(
            "render",
            "appeal",
            case,
            "--to",
            name,
            "-o",
            tmp_path / "alone",
            "--templates",
            templates,
        )
        assert alone.code == 0, alone.err
        built = tmp_path / "out" / "tiny" / "appeal-first" / f"{name}.pdf"
        assert _pages_seen(built) == _pages_seen(
            tmp_path / "alone" / "appeal-first" / f"{name}.pdf"
        )
    text = normalise(pdf_text(tmp_path / "out" / "tiny" / "appeal-first" / "b.pdf"))
    assert "SAMPLE ADDRESS" not in text and "Minister of Everything" not in text


def test_internal_builds_go_apart_and_write_no_drafts(tmp_path: Path, run: Runner) -> None:
    case = tiny_case(
        tmp_path, _with_recipients([{"id": "a", "name": "A", "email": "a@example.org"}])
    )
    result = run("build", case, "-o", tmp_path / "out", "--audience", "internal", "--emails")
    assert result.code == 2
    assert "--emails writes drafts ready to send, so only with the public audience" in result.err
    assert not (tmp_path / "out").exists()
    assert run("build", case, "-o", tmp_path / "out", "--audience", "internal").code == 0
    assert run("build", case, "-o", tmp_path / "out", "--emails").code == 0
    internal, public = tmp_path / "out" / "tiny.internal", tmp_path / "out" / "tiny"
    assert json.loads((internal / "manifest.json").read_text())["audience"] == "internal"
    assert "CONFIDENTIAL" in pdf_text(internal / "appeal-first" / "a.pdf")
    assert "CONFIDENTIAL" not in pdf_text(public / "appeal-first" / "a.pdf")
    assert (public / "appeal-first" / "a.eml").is_file()
    assert not list(internal.rglob("*.eml"))


def test_two_case_files_with_one_id_are_not_built_over_each_other(
    tmp_path: Path, run: Runner
) -> None:
    first = tiny_case(tmp_path / "a", _with_recipients([]))
    second = tiny_case(tmp_path / "b", _with_recipients([]))
    result = run("build", first, second, "-o", tmp_path / "out", "-j", "1")
    assert result.code == 1
    assert f"{second}: has the id 'tiny', as {first} does" in result.err
    manifest = json.loads((tmp_path / "out" / "tiny" / "manifest.json").read_text())
    assert manifest["case_sha256"] == hashlib.sha256(first.read_bytes()).hexdigest()


def test_an_interrupted_build_leaves_the_previous_one_whole(tmp_path: Path) -> None:
    recipients = [{"id": f"r{n:03d}", "name": f"Member {n}"} for n in range(3)]
    case = tiny_case(tmp_path / "facts", _with_recipients(recipients))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "advocacy", "build", str(case), "-o", str(out), "-j", "2"]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    before = _files(out / "tiny")

    recipients += [{"id": f"r{n:03d}", "name": f"Member {n}"} for n in range(3, 60)]
    case = tiny_case(tmp_path / "more", _with_recipients(recipients))
    command[4] = str(case)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    until_file(out, ".tiny.building-*/appeal-first/r00*.pdf", process)  # well under way
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _files(out / "tiny") == before  # the previous build, every file of it, as it was
    for path in (out / "tiny").rglob("*"):
        if path.is_file() and path.suffix in (".pdf", ".docx"):
            _assert_whole(path)
    assert list(out.glob(".tiny.building-*"))  # what was killed left its staging folder

    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not list(out.glob(".tiny.building-*")) and not list(out.glob(".tiny.old-*"))
    assert len(list((out / "tiny" / "appeal-first").glob("*.pdf"))) == 60


def _assert_whole(path: Path) -> None:
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
    else:
        raise AssertionError(f"unexpected file {path}")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("nobody", "recipients[0]: no recipient has the id 'nobody'"),
        ({"list": "nothing"}, "recipients[0].list: no recipients file 'nothing'"),
        ({"id": "x"}, "recipients[0]: a recipient needs a `name`, a `title` or an `organisation`"),
        (
            {"id": "x", "name": "X", "salutation": "Dear " + "x" * 80},
            "recipients[0].salutation: a salutation is one line of at most 80 characters",
        ),
        (
            {"id": "x", "name": "X", "address": [str(n) for n in range(7)]},
            "recipients[0].address: too many: at most 6, found 7",
        ),
        (
            {"id": "x", "name": "X", "language": "fr"},
            "recipients[0].language: no catalog for the language 'fr'",
        ),
    ],
)
def test_a_wrong_recipient_is_placed_in_the_file(
    tmp_path: Path, run: Runner, entry: Any, message: str
) -> None:
    case = tiny_case(tmp_path, _with_recipients([entry]))
    result = run("build", case, "-o", tmp_path / "out")
    assert result.code == 1
    assert f"{case}:" in result.err and message in result.err, result.err
    assert not (tmp_path / "out" / "tiny").exists()


def test_shared_recipients_are_found_by_id_and_by_list(tmp_path: Path) -> None:
    case = tiny_case(
        tmp_path, _with_recipients(["z", {"list": "members"}, {"id": "c", "name": "C"}])
    )
    (tmp_path / "recipients").mkdir()
    (tmp_path / "recipients" / "members.yaml").write_text(
        "id: members\nrecipients:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"
    )
    (tmp_path / "recipients" / "others.yaml").write_text(
        "id: others\nrecipients:\n  - {id: z, name: Z}\n"
    )
    loaded = load_case(case)
    assert [r.id for r in loaded.recipients] == ["z", "a", "b", "c"]


def test_a_recipient_listed_twice_is_an_error(tmp_path: Path, run: Runner) -> None:
    case = tiny_case(
        tmp_path, _with_recipients([{"id": "a", "name": "A"}, {"id": "a", "name": "A again"}])
    )
    result = run("validate", case)
    assert result.code == 1
    assert "recipients[1]: the recipient 'a' is already listed by recipients[0]" in result.err


def test_render_to_a_recipient_and_wrong_usage(tmp_path: Path, run: Runner) -> None:
    result = run("render", "appeal", BUNDLED, "--to", "kz-presidnt", "-o", tmp_path)
    assert result.code == 2
    assert "no recipient 'kz-presidnt'" in result.err and "kz-president" in result.err
    result = run("render", "summary", BUNDLED, "--to", "kz-president", "-o", tmp_path)
    assert result.code == 2
    assert run("build").code == 2
    assert list(tmp_path.iterdir()) == []


def test_a_build_of_a_missing_case_file_says_so(tmp_path: Path, run: Runner) -> None:
    # The other case is the tiny one: any case shows the build goes on (the bundled one is
    # built in full by the campaign fixture).
    result = run("build", tmp_path / "nope.yaml", TINY, "-o", tmp_path / "out", "-j", "1")
    assert result.code == 1
    assert f"{tmp_path / 'nope.yaml'}:1:1: no such file" in result.err
    assert (tmp_path / "out" / "tiny" / "manifest.json").is_file()


def test_a_letters_pdf_and_docx_say_the_same_sentences(campaign: tuple[Path, Path, str]) -> None:
    folder, _, _ = campaign
    for recipient in RECIPIENTS:
        pdf = _letter_text(folder / APPEAL / f"{recipient}.pdf")
        docx = docx_text(folder / APPEAL / f"{recipient}.docx")
        assert sentences(pdf) == sentences(docx), recipient


def test_a_build_at_a_terminal_shows_a_progress_bar(tmp_path: Path) -> None:
    import pty

    case = tiny_case(tmp_path / "facts", _with_recipients([{"id": "a", "name": "A"}]))
    command = [sys.executable, "-m", "advocacy", "build", str(case), "-o", str(tmp_path / "out")]
    try:
        terminal, its_end = pty.openpty()
    except OSError:  # a container without pseudo-terminals
        pytest.skip("no pseudo-terminal to stand for the user's terminal")
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=its_end, check=False)
    os.close(its_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert done.returncode == 0
    assert b"building" in shown and b"100%" in shown
    assert b"building" not in done.stdout  # the paths alone on stdout


def test_letters_in_a_language_the_facts_lack_fail_once_and_the_others_are_written(
    tmp_path: Path, run: Runner
) -> None:
    many = [{"id": f"k{n:03d}", "name": f"K {n}", "language": "kk"} for n in range(120)]
    case = tiny_case(tmp_path, _with_recipients([{"id": "e", "name": "E"}, *many]))
    result = run("build", case, "-o", tmp_path / "out")
    assert result.code == 1
    problems = [line for line in result.err.splitlines() if "no text in 'kk'" in line]
    assert f"{case}:40:9: appeals[0].lead: no text in 'kk'" in result.err
    assert len(problems) == len(set(problems)) > 0  # said once, not once per batch of letters
    assert all(re.match(r"\S+\.yaml:\d+:\d+: ", line) for line in problems)  # FILE:LINE:COL
    assert (
        f"{tmp_path / 'out' / 'tiny' / 'appeal-first'}: 120 letters in 'kk' not written"
        in result.err
    )
    assert result.err.strip().endswith("1 failure; 8 files written")
    letters = tmp_path / "out" / "tiny" / "appeal-first"
    assert sorted(p.name for p in letters.iterdir()) == ["e.docx", "e.pdf"]
    fallback = run("build", case, "-o", tmp_path / "out", "--fallback")
    assert fallback.code == 0, fallback.err
    assert len(list(letters.glob("k*.pdf"))) == 120
    warnings = [line for line in fallback.err.splitlines() if "(--fallback)" in line]
    assert warnings and len(warnings) == len(set(warnings))


def test_a_template_printing_text_the_language_lacks_fails_in_build_as_in_render(
    tmp_path: Path, run: Runner
) -> None:
    """Letters rendered whole (a template composing cannot use) are checked for texts their
    language lacks like every other document."""
    templates = tmp_path / "mine"
    run("templates", "export", templates, "appeal")
    html = templates / "appeal" / "appeal.html"
    html.write_text(
        html.read_text().replace(
            "<p>{{ appeal.lead|rich }}</p>",
            "<p>{{ appeal.lead|rich }}</p>\n"
            "{% if recipient and recipient.example %}<p>EXAMPLE</p>{% endif %}"
            "<p>{{ defender.profile|rich }}</p>",
        )
    )

    def russian_letter(data: Any) -> None:
        appeal = data["appeals"][0]
        for key in ("title", "lead", "concern"):
            appeal[key] = {"en": appeal[key], "ru": "Русский текст."}
        appeal["paragraphs"] = [{"text": {"en": "She will appeal.", "ru": "Обжалует."}}]
        appeal["demands"] = [{"en": "Annul;", "ru": "Отменить;"}]
        data["recipients"] = [{"id": "r", "name": "R", "language": "ru"}]

    case = tiny_case(tmp_path / "facts", russian_letter)
    alone = run(
        "render", "appeal", case, "--to", "r", "-o", tmp_path / "alone", "--templates", templates
    )
    built = run("build", case, "-o", tmp_path / "out", "--templates", templates)
    assert alone.code == built.code == 1
    missing = "people[0].profile: no text in 'ru'"
    assert missing in alone.err and missing in built.err
    assert not (tmp_path / "out" / "tiny" / "appeal-first" / "r.pdf").exists()


def test_a_build_killed_between_its_two_renames_gets_the_previous_one_back(tmp_path: Path) -> None:
    from advocacy.campaign.staging import Staging

    destination = tmp_path / "case"
    first = Staging(destination)
    (first.folder / "letter.pdf").write_text("first build")
    first.commit()
    second = Staging(destination)
    (second.folder / "letter.pdf").write_text("second build")
    aside = Path(tempfile.mkdtemp(prefix=".case.old-", dir=tmp_path))
    destination.replace(aside / "previous")  # what commit() does first; killed right after
    second.close()
    third = Staging(destination)
    try:
        assert (destination / "letter.pdf").read_text() == "first build"
        assert not aside.exists()
    finally:
        third.close()


def _manifest_is_true(folder: Path) -> bool:
    listed = json.loads((folder / "manifest.json").read_text())["files"]
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return files - {"manifest.json"} == {e["path"] for e in listed} and all(
        hashlib.sha256((folder / e["path"]).read_bytes()).hexdigest() == e["sha256"] for e in listed
    )


def test_an_internal_render_never_lands_among_public_documents(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tiny_case(tmp_path, _with_recipients([{"id": "a", "name": "A"}]))
    monkeypatch.chdir(tmp_path)
    assert run("build", case, "--jobs", "1").code == 0
    public = tmp_path / "output" / "tiny"
    before = _files(public)
    # Without --out, an internal render goes where internal builds go.
    result = run("render", "appeal", case, "--audience", "internal", "--format", "pdf")
    assert result.code == 0, result.err
    assert result.out.split() == [str(Path("output") / "tiny.internal" / "appeal-first.pdf")]
    assert "CONFIDENTIAL" in pdf_text(tmp_path / result.out.strip())
    # Into the public build, named or addressed: refused before anything is written.
    for extra in ([], ["--to", "a"]):
        refused = run("render", "appeal", case, "--audience", "internal", "--out", public, *extra)
        assert refused.code == 2
        assert refused.err.startswith(f"error: {public}: holds a public build (its manifest.json)")
    assert _files(public) == before
    assert _manifest_is_true(public)


def test_a_render_into_its_build_keeps_the_manifest_true(tmp_path: Path, run: Runner) -> None:
    case = tiny_case(tmp_path, _with_recipients([{"id": "a", "name": "A"}]))
    out = tmp_path / "out"
    assert run("build", case, "-o", out, "--jobs", "1").code == 0
    folder = out / "tiny"
    result = run("render", "appeal", case, "--to", "a", "--out", folder)
    assert result.code == 0, result.err
    assert _manifest_is_true(folder)
    # The case file changed since the build: its manifest would lie, so the render is refused.
    case.write_text(case.read_text().replace("She will appeal.", "She appealed."))
    before = _files(folder)
    refused = run("render", "summary", case, "--out", folder)
    assert refused.code == 2
    assert "holds a build of another version of the case file tiny.yaml" in refused.err
    assert _files(folder) == before


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, writes: int, code: int) -> None:
    """Make the disk fail (errno ``code``) from the write after ``writes`` files on."""
    import errno

    from advocacy import files

    real = files.fill
    done = [0]

    def fill(handle: Any, data: bytes) -> None:
        done[0] += 1
        if done[0] > writes:
            raise OSError(code, os.strerror(code))
        real(handle, data)

    monkeypatch.setattr(files, "fill", fill)
    assert code in (errno.ENOSPC, errno.EIO, errno.EROFS)


@pytest.mark.parametrize("code", ["ENOSPC", "EIO", "EROFS"])
def test_a_full_disk_keeps_the_previous_build_whole(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    import errno

    case = tiny_case(
        tmp_path, _with_recipients([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}])
    )
    out = tmp_path / "out"
    assert run("build", case, "-o", out, "--jobs", "1").code == 0
    before = _files(out / "tiny")
    case.write_text(case.read_text().replace("She will appeal.", "She appealed."))
    _disk_fills_after(monkeypatch, 3, getattr(errno, code))
    result = run("build", case, "-o", out, "--jobs", "1")
    assert result.code == 1
    said = [line for line in result.err.splitlines() if "not built" in line]
    assert len(said) == 1, result.err
    assert f"cannot write: {os.strerror(getattr(errno, code))}" in said[0]
    assert said[0].endswith(f"{out / 'tiny'}: not built, the previous build is kept")
    assert _files(out / "tiny") == before
    assert not [p for p in out.iterdir() if ".building" in p.name]  # no staging folder left


def test_render_writes_every_format_of_a_document_or_none(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    case = tiny_case(tmp_path, lambda data: None)
    out = tmp_path / "out"
    _disk_fills_after(monkeypatch, 1, errno.ENOSPC)  # the PDF is written, the DOCX is not
    result = run("render", "appeal", case, "--out", out)
    assert result.code == 1
    assert (
        result.err == f"error: {out / 'appeal-first.docx'}: cannot write: No space left on device\n"
    )
    assert list(out.iterdir()) == []
