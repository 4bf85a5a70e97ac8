"""Template sets: the shipped defaults, a user's folder over them, new kinds, and the build
scripts that make the committed Word templates."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from advocacy.documents.templates import CONTEXTS as KINDS
from advocacy.documents.templates import DEFAULTS as TEMPLATES
from tests.conftest import ROOT, TINY, Runner
from tests.extract import docx_text, pdf_text


@pytest.mark.parametrize("kind", KINDS)
def test_each_build_script_makes_the_committed_template(kind: str) -> None:
    script = TEMPLATES / kind / "build_docx.py"
    spec = importlib.util.spec_from_file_location(f"build_{kind}_docx", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (TEMPLATES / kind / f"{kind}.docx").read_bytes()
    assert module.build() == committed, (
        f"rebuild it: .venv/bin/python -m templates.{kind}.build_docx"
    )


def test_list_shows_each_kind_its_formats_and_files(run: Runner) -> None:
    result = run("templates", "list")
    assert result.code == 0, result.err
    assert "appeal: pdf, docx; made from: appeal" in result.out
    assert "summary: pdf, docx; made from: summary" in result.out
    assert "chronology: pdf, docx; made from: chronology" in result.out
    assert f"appeal.docx          {TEMPLATES / 'appeal' / 'appeal.docx'}" in result.out


def test_export_copies_the_templates_and_never_overwrites_unasked(
    tmp_path: Path, run: Runner
) -> None:
    result = run("templates", "export", tmp_path / "mine")
    assert result.code == 0, result.err
    assert result.out == f"{tmp_path / 'mine'}\n"
    for name in ("appeal/appeal.html", "appeal/appeal.docx", "partials/head.html", "fonts/OFL.txt"):
        assert (tmp_path / "mine" / name).read_bytes() == (TEMPLATES / name).read_bytes()
    assert not list((tmp_path / "mine").rglob("*.py")), "build scripts are not templates"
    (tmp_path / "mine" / "appeal" / "appeal.css").write_text("/* mine */")
    again = run("templates", "export", tmp_path / "mine")
    assert again.code == 1
    assert (
        again.err.startswith("error: ") and "already exists" in again.err and "--force" in again.err
    )
    assert (tmp_path / "mine" / "appeal" / "appeal.css").read_text() == "/* mine */"
    assert run("templates", "export", tmp_path / "mine", "--force").code == 0
    assert (tmp_path / "mine" / "appeal" / "appeal.css").read_bytes() != b"/* mine */"


def test_export_of_one_kind_copies_only_its_folder(tmp_path: Path, run: Runner) -> None:
    assert run("templates", "export", tmp_path / "mine", "summary").code == 0
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["summary"]
    unknown = run("templates", "export", tmp_path / "other", "leter")
    assert unknown.code == 2 and "no document kind 'leter'" in unknown.err


def test_a_templates_folder_overrides_what_it_holds_and_falls_back_for_the_rest(
    tmp_path: Path, run: Runner
) -> None:
    mine = tmp_path / "mine"
    (mine / "appeal").mkdir(parents=True)
    html = (TEMPLATES / "appeal" / "appeal.html").read_text()
    (mine / "appeal" / "appeal.html").write_text(
        html.replace("<body>", "<body><p>Partner letterhead 2026</p>")
    )
    out = tmp_path / "out"
    result = run("render", "appeal", TINY, "--templates", mine, "-o", out)
    assert result.code == 0, result.err
    pdf, docx = out / "appeal-first.pdf", out / "appeal-first.docx"
    assert pdf_text(pdf).startswith("Partner letterhead 2026")
    assert "Partner letterhead 2026" not in docx_text(docx), "the DOCX comes from the defaults"
    listing = run("templates", "list", "--templates", mine).out
    assert f"appeal.html          {mine / 'appeal' / 'appeal.html'}  (yours)" in listing
    assert f"appeal.css           {TEMPLATES / 'appeal' / 'appeal.css'}\n" in listing
    # The shipped stylesheet and fonts were used: the text is set in Noto Sans, at A4.
    reader = PdfReader(pdf)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.3, abs=0.5)
    pages: list[Any] = list(reader.pages)
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert "Noto-Sans" in fonts


def test_a_new_kind_is_a_folder_and_a_line_of_configuration(tmp_path: Path, run: Runner) -> None:
    folder = tmp_path / "mine" / "press-release"
    folder.mkdir(parents=True)
    (folder / "press-release.html").write_text(
        '<!DOCTYPE html>\n<html lang="{{ lang }}"><head>{% include "partials/head.html" %}'
        "</head><body><h1>Press release: {{ defender.name }}</h1>"
        "<p>{{ appeal.issued|date_words }}</p></body></html>\n"
    )
    out = tmp_path / "out"
    missing = run("render", "press-release", TINY, "--templates", tmp_path / "mine", "-o", out)
    assert missing.code == 1
    assert "press-release/: say which facts this kind is made from" in missing.err
    assert 'context = "appeal"' in missing.err
    (folder / "kind.toml").write_text('context = "appeal"\n')
    result = run("render", "press-release", TINY, "--templates", tmp_path / "mine", "-o", out)
    assert result.code == 0, result.err
    assert result.out == f"{out / 'press-release-first.pdf'}\n", "only the formats it has"
    text = " ".join(pdf_text(out / "press-release-first.pdf").split())
    assert text == "Press release: Ana Example 5 August 2025"
    docx = run("render", "press-release", TINY, "--templates", tmp_path / "mine", "-f", "docx")
    assert docx.code == 2
    assert "the document kind 'press-release' has no DOCX template" in docx.err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('context = "letter"\n', "context: 'letter' is not a context; choose one of: appeal"),
        ('contxt = "appeal"\n', "unknown setting 'contxt'; a kind has: context, label"),
        ("context = \n", "kind.toml: Invalid value (at line 1, column 11)"),
    ],
)
def test_a_bad_kind_configuration_is_named(
    tmp_path: Path, run: Runner, config: str, message: str
) -> None:
    folder = tmp_path / "mine" / "memo"
    folder.mkdir(parents=True)
    (folder / "memo.html").write_text("<p>{{ case.id }}</p>")
    (folder / "kind.toml").write_text(config)
    result = run("render", "memo", TINY, "--templates", tmp_path / "mine", "-o", tmp_path / "o")
    assert result.code == 1 and message in result.err, result.err
    assert "Traceback" not in result.err and not (tmp_path / "o").exists()


def test_a_missing_templates_folder_is_an_error(tmp_path: Path, run: Runner) -> None:
    result = run("render", "appeal", TINY, "--templates", tmp_path / "nowhere")
    assert result.code == 1
    assert result.err == f"error: {tmp_path / 'nowhere'}: no such templates folder\n"


def test_the_guide_for_template_authors_is_current(run: Runner) -> None:
    result = run("templates", "guide")
    assert result.code == 0
    committed = (ROOT / "TEMPLATES.md").read_text(encoding="utf-8")
    assert result.out == committed, "regenerate it: advocacy templates guide > TEMPLATES.md"


def test_the_guide_lists_every_variable_and_filter_with_a_description() -> None:
    from advocacy.authoring.guide import OWN_FILTERS, guide
    from advocacy.documents.contexts import CONTEXT_MODELS
    from advocacy.formats.environment import environment

    text = guide()
    for model in CONTEXT_MODELS.values():
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            assert f"| `{name}` |" in text
    own = {name for name, f in environment().filters.items() if f.__module__.startswith("advocacy")}
    assert own == set(OWN_FILTERS), "a new filter must be described in the guide"
    assert "| `date_words` | A date, partial or uncertain" in text
    assert "`person(person_id)`: The person with this id;" in text


def test_check_passes_the_shipped_templates(run: Runner) -> None:
    result = run("templates", "check")
    assert (result.code, result.err) == (0, "")
    assert result.out == "checked 6 templates of 3 kinds: no problems\n"


def test_the_template_authors_day(tmp_path: Path, run: Runner) -> None:
    """Export, change the letterhead, catch a misspelling with its line, fix it, render."""
    mine = tmp_path / "mine"
    assert run("templates", "export", mine, "appeal").code == 0
    html = mine / "appeal" / "appeal.html"
    source = html.read_text()
    lines = source.splitlines()
    at = next(i for i, line in enumerate(lines) if "letterhead.organisation" in line)
    html.write_text(
        source.replace("<body>", "<body><p>With our partners in Almaty</p>", 1).replace(
            "letterhead.organisation", "letterhead.organisaton", 1
        )
    )
    result = run("templates", "check", mine)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{html}:{at + 1}: 'organisaton' is not a field of Letterhead (in "
        "letterhead.organisaton); did you mean 'organisation'?",
        "1 problem in 6 templates of 3 kinds",
    ]
    html.write_text(html.read_text().replace("organisaton", "organisation"))
    result = run("templates", "check", mine)
    assert (result.code, result.out) == (0, "checked 6 templates of 3 kinds: no problems\n")
    out = tmp_path / "out"
    assert run("render", "appeal", TINY, "--templates", mine, "-o", out, "-f", "pdf").code == 0
    assert pdf_text(out / "appeal-first.pdf").startswith("With our partners in Almaty")


def test_check_names_the_paragraph_of_a_word_template(tmp_path: Path, run: Runner) -> None:
    mine = tmp_path / "mine"
    assert run("templates", "export", mine, "chronology").code == 0
    path = mine / "chronology" / "chronology.docx"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    assert xml.count("row.date_note") >= 1
    parts["word/document.xml"] = xml.replace("row.date_note", "row.date_nte", 1).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run("templates", "check", mine)
    assert result.code == 1
    [problem, summary] = result.err.splitlines()
    # Row 1 is the header, row 2 holds {%tr for row in rows %}, row 3 is repeated.
    assert problem == (
        f'{path}: table 1, row 3, cell 1, paragraph 2 ("{{%p if row.date_nte %}}"): '
        "'date_nte' is not a field of Row (in row.date_nte); did you mean 'date_note'?"
    )
    assert summary == "1 problem in 6 templates of 3 kinds"


def test_check_reports_a_broken_kind_a_misnamed_folder_and_an_idle_one(
    tmp_path: Path, run: Runner
) -> None:
    (tmp_path / "mine" / "memo").mkdir(parents=True)
    (tmp_path / "mine" / "memo" / "memo.html").write_text("<p>{{ case.id }}</p>")
    (tmp_path / "mine" / "Press").mkdir()
    (tmp_path / "mine" / "Press" / "Press.html").write_text("<p>{{ case.id }}</p>")
    result = run("templates", "check", tmp_path / "mine")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{tmp_path / 'mine' / 'Press'}: not a document kind: a kind's folder is named with "
        "lowercase letters, digits and '-'",
        "memo/: say which facts this kind is made from: add memo/kind.toml with the line "
        'context = "appeal" (one letter of the case), "summary" or "chronology" (the whole '
        "case); see TEMPLATES.md",
        "2 problems in 6 templates of 4 kinds",
    ]
    listing = run("templates", "list", "--templates", tmp_path / "mine")
    assert listing.code == 0 and "memo: cannot be used: memo/: say which facts" in listing.out
    (tmp_path / "idle").mkdir()
    idle = run("templates", "check", tmp_path / "idle")
    assert idle.code == 0
    assert (
        idle.err
        == f"note: {tmp_path / 'idle'} changes none of the templates; checked the shipped ones\n"
    )


def test_check_of_a_changed_partial_checks_every_kind_that_uses_it(
    tmp_path: Path, run: Runner
) -> None:
    partials = tmp_path / "mine" / "partials"
    partials.mkdir(parents=True)
    head = (TEMPLATES / "partials" / "head.html").read_text()
    (partials / "head.html").write_text(head.replace("meta_title", "meta_titel", 1))
    result = run("templates", "check", tmp_path / "mine")
    assert result.code == 1
    problems = [line for line in result.err.splitlines() if "meta_titel" in line]
    assert len(problems) == 3, "once for each kind that includes it"
    assert all(line.startswith("partials/head.html:") for line in problems)
    rendered = run("render", "summary", TINY, "--templates", tmp_path / "mine", "-f", "pdf")
    assert rendered.code == 1
    assert rendered.err.startswith("error: partials/head.html:"), "the partial, not summary.html"


def test_export_never_writes_through_a_link(tmp_path: Path, run: Runner) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "mine" / "appeal").mkdir(parents=True)
    (tmp_path / "mine" / "appeal" / "appeal.css").symlink_to(victim)
    (tmp_path / "mine" / "appeal" / "appeal.html").symlink_to(tmp_path / "created.html")
    refused = run("templates", "export", tmp_path / "mine", "appeal")
    assert refused.code == 1 and "already exists (2 of the files do)" in refused.err
    assert not (tmp_path / "created.html").exists()
    assert run("templates", "export", tmp_path / "mine", "appeal", "--force").code == 0
    assert victim.read_text() == "keep me"
    assert not (tmp_path / "mine" / "appeal" / "appeal.css").is_symlink()
    assert not (tmp_path / "created.html").exists()
    (tmp_path / "file").write_text("")
    under_a_file = run("templates", "export", tmp_path / "file" / "sub")
    assert under_a_file.code == 1 and "Traceback" not in under_a_file.err
    assert under_a_file.err.startswith("error: ") and "cannot write there" in under_a_file.err


@pytest.mark.parametrize(
    "tag",
    [
        "{{ case.parse_file('/etc/passwd') }}",
        "{{ defender.model_dump_json() }}",
        "{{ case.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    ],
)
def test_a_template_reaches_facts_only_never_files_or_python(
    tmp_path: Path, run: Runner, tag: str
) -> None:
    mine = tmp_path / "mine"
    (mine / "appeal").mkdir(parents=True)
    html = (TEMPLATES / "appeal" / "appeal.html").read_text()
    (mine / "appeal" / "appeal.html").write_text(html.replace("<body>", f"<body>{tag}", 1))
    out = tmp_path / "out"
    result = run("render", "appeal", TINY, "--templates", mine, "-f", "pdf", "-o", out)
    assert result.code == 1, result.out
    assert result.err.startswith("error: appeal.html:") and "unsafe" in result.err
    assert "root:" not in result.err and "Traceback" not in result.err
    assert not out.exists()
