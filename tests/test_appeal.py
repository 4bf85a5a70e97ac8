"""The urgent appeal, as a reader gets it in PDF and in Word."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from advocacy.documents.options import options
from advocacy.facts.load import LoadedCase, load_case
from advocacy.facts.markup import plain
from tests.conftest import BUNDLED, TINY, Render, Runner, tiny_case
from tests.extract import docx_text, in_order, normalise, pdf_text, sentences


@pytest.fixture(scope="module")
def letters(bundled_render: Render) -> tuple[Path, Path]:
    """The bundled case's appeal rendered once, in both formats, by the real command."""
    out = bundled_render("appeal")
    return out / "appeal-fld-2025-08-05.pdf", out / "appeal-fld-2025-08-05.docx"


def _expected_order(bundled: LoadedCase) -> list[str]:
    case = bundled.case
    appeal = case.appeal()
    parts = ["Front Line Defenders", "5 August 2025", appeal.title, plain(appeal.lead)]
    parts.append("Front Line Defenders urges the authorities in Kazakhstan to:")
    for number, demand in enumerate(appeal.demands, 1):
        parts += [f"{number}.", plain(demand.text)]
    return parts


def test_the_command_prints_exactly_the_written_paths(tmp_path: Path, run: Runner) -> None:
    result = run("render", "appeal", BUNDLED, "-f", "pdf", "-f", "docx", "-o", tmp_path)
    assert result.code == 0, result.err
    pdf, docx = tmp_path / "appeal-fld-2025-08-05.pdf", tmp_path / "appeal-fld-2025-08-05.docx"
    assert result.out == f"{pdf}\n{docx}\n"
    assert sorted(tmp_path.iterdir()) == [docx, pdf]


def test_default_output_folder_is_output_case_id(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", "appeal", BUNDLED, "--format", "pdf")
    assert result.out == "output/kz-toregozhina-2025/appeal-fld-2025-08-05.pdf\n"
    assert (tmp_path / "output" / "kz-toregozhina-2025" / "appeal-fld-2025-08-05.pdf").is_file()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_sections_come_in_the_order_of_the_seed_letter(
    letters: tuple[Path, Path], bundled: LoadedCase, fmt: str
) -> None:
    pdf, docx = letters
    text = pdf_text(pdf) if fmt == "pdf" else docx_text(docx)
    assert in_order(text, _expected_order(bundled)) == []
    last_demand = plain(bundled.case.appeal().demands[-1].text)
    # The signatory (the organisation itself) signs after the demands, before the boards.
    assert in_order(text, [last_demand, "Front Line Defenders", "Board of Directors"]) == []
    assert normalise(text).count("Front Line Defenders Front Line Defenders Board") == 1
    assert "Bakhytzhan Toregozhina" in text and "Бақытжан Төреғожина" in text


def test_pdf_and_docx_say_the_same_sentences(letters: tuple[Path, Path]) -> None:
    pdf, docx = letters
    assert sentences(pdf_text(pdf)) == sentences(docx_text(docx))


def test_the_pdf_is_a4_with_page_numbers_and_embedded_fonts(letters: tuple[Path, Path]) -> None:
    reader = PdfReader(letters[0])
    count = len(reader.pages)
    assert 1 < count <= 4
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert f"Page {number} of {count}" in (page.extract_text() or "")
        for font in _fonts(page):
            descriptor = (
                font.get("/FontDescriptor")
                or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font


def _fonts(page: Any) -> list[Any]:
    resources = page["/Resources"]
    fonts = resources.get("/Font", {})
    return [fonts[name].get_object() for name in fonts]


def test_pdf_metadata_language_and_outline(letters: tuple[Path, Path]) -> None:
    reader = PdfReader(letters[0])
    info = reader.metadata
    assert info is not None
    title = "Kazakhstan: Bakhytzhan Toregozhina fined for social media post"
    assert info.title == title
    assert info.author == "Front Line Defenders"
    assert info.subject == f"Urgent appeal of 2025-08-05: {title}"
    assert "Bakhytzhan Toregozhina" in str(info.get("/Keywords"))
    trailer: Any = reader.trailer
    assert trailer["/Root"]["/Lang"] == "en"
    top, sections = cast(Any, reader.outline)
    assert top.title == title
    assert [item.title for item in sections] == ["Profile", "Facts", "Concern", "Demands", "Board"]


def test_docx_opens_with_its_core_properties(letters: tuple[Path, Path]) -> None:
    properties = WordDocument(str(letters[1])).core_properties
    assert properties.title == "Kazakhstan: Bakhytzhan Toregozhina fined for social media post"
    assert properties.author == "Front Line Defenders"
    assert properties.language == "en"
    assert properties.subject.startswith("Urgent appeal of 2025-08-05: Kazakhstan: ")
    assert properties.keywords == (
        "urgent appeal, human rights defenders, Kazakhstan, Bakhytzhan Toregozhina"
    )


def test_emphasis_comes_out_as_italics_and_bold_in_both_formats(letters: tuple[Path, Path]) -> None:
    document = WordDocument(str(letters[1]))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    italic = " ".join(run.text for run in runs if run.italic)
    bold = " ".join(run.text for run in runs if run.bold)
    assert "disseminating false information by online platform users" in italic
    assert "Bakhytzhan Toregozhina" in bold
    faces = {
        str(font["/BaseFont"]) for page in PdfReader(letters[0]).pages for font in _fonts(page)
    }
    assert any(face.endswith("Noto-Sans-Italic") for face in faces), faces
    assert any(face.endswith("Noto-Sans-Bold") for face in faces), faces


LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 6
SPECIAL = f"& < > \" ' {{{{ x }}}} {{% if y %}} 😀 שלום {LONG_WORD} &amp; <b>bold</b>"


def _special_case(folder: Path) -> Path:
    """The tiny case with every text field an appeal prints holding the special characters."""

    def change(data: Any) -> None:
        data["people"][0]["name"] = SPECIAL
        data["people"][0]["profile"] = SPECIAL
        appeal = data["appeals"][0]
        for key in ("title", "lead", "concern"):
            appeal[key] = SPECIAL
        appeal["paragraphs"][0]["text"] = SPECIAL
        appeal["demands"] = [SPECIAL, SPECIAL]

    return tiny_case(folder, change)


def test_special_characters_come_out_literally_in_both_formats(tmp_path: Path, run: Runner) -> None:
    path = _special_case(tmp_path / "case")
    case = load_case(path).case
    assert case.appeal().lead == SPECIAL and [d.text for d in case.appeal().demands] == [
        SPECIAL,
        SPECIAL,
    ]
    result = run("render", "appeal", path, "-f", "pdf", "-f", "docx", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    pdf = tmp_path / "out" / "appeal-first.pdf"
    docx = tmp_path / "out" / "appeal-first.docx"
    WordDocument(str(docx))  # opens: a raw & did not corrupt the XML
    squeeze = str.maketrans("", "", " \n\u200e\u200f")
    for text in (pdf_text(pdf), docx_text(docx)):
        flat = text.translate(squeeze)
        for token in ("&<>\"'", "{{x}}", "{%ify%}", "😀", LONG_WORD, "&amp;<b>bold</b>"):
            assert flat.count(token) >= 5, (token, text[:500])
        assert "שלום" in text or "םולש" in text


def _tiny_with(folder: Path, change: dict[str, str]) -> Path:
    """A copy of the tiny case with some appeal fields replaced."""
    return tiny_case(folder, lambda data: data["appeals"][0].update(change))


def test_links_become_links_in_both_formats(tmp_path: Path, run: Runner) -> None:
    url = "https://example.org/report?a=1&b=2"
    path = _tiny_with(tmp_path / "case", {"concern": f"We read [the report]({url}) with concern."})
    assert run("render", "appeal", path, "-o", tmp_path / "out").code == 0
    reader = PdfReader(tmp_path / "out" / "appeal-first.pdf")
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert url in uris
    document = WordDocument(str(tmp_path / "out" / "appeal-first.docx"))
    targets = [rel.target_ref for rel in document.part.rels.values() if "hyperlink" in rel.reltype]
    assert url in targets
    assert "We read the report with concern." in docx_text(tmp_path / "out" / "appeal-first.docx")


def test_an_unknown_appeal_kind_or_format_is_wrong_usage(tmp_path: Path, run: Runner) -> None:
    for args in (
        ("render", "letter", TINY),
        ("render", "appeal", TINY, "--format", "odt"),
        ("render", "appeal", TINY, "--appeal", "nonesuch"),
    ):
        result = run(*args, "-o", tmp_path)
        assert result.code == 2, args
        assert result.err.startswith("error: no ") and result.out == ""
    assert list(tmp_path.iterdir()) == []


def test_a_bad_case_file_writes_nothing(tmp_path: Path, run: Runner) -> None:
    from tests.conftest import BAD

    result = run("render", "appeal", BAD / "unknown-source.yaml", "-o", tmp_path / "out")
    assert result.code == 1
    assert "no source has the id 'reprot'" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_a_broken_template_names_the_file_and_line(tmp_path: Path) -> None:
    from advocacy.documents.document import document
    from advocacy.documents.templates import DEFAULTS
    from advocacy.errors import TemplateError
    from advocacy.formats.pdf import render_html

    folder = tmp_path / "templates"
    shutil.copytree(DEFAULTS, folder)
    html = folder / "appeal" / "appeal.html"
    lines = html.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "appeal.issued|date_words" in line)
    lines[at] = lines[at].replace("appeal.issued", "appeal.isued")
    html.write_text("\n".join(lines))
    doc = document(load_case(TINY), "appeal", options(templates=folder))
    with pytest.raises(TemplateError, match=rf"^appeal\.html:{at + 1}: .*isued"):
        render_html(doc)


def test_the_same_facts_give_the_same_bytes(
    letters: tuple[Path, Path], tmp_path: Path, run: Runner
) -> None:
    # A second render, later in the session, against the first (the shared one).
    assert run("render", "appeal", BUNDLED, "-o", tmp_path).code == 0
    for first in letters:
        assert first.read_bytes() == (tmp_path / first.name).read_bytes()


def test_the_latest_appeal_is_rendered_unless_another_is_named(tmp_path: Path, run: Runner) -> None:
    def add_a_later_appeal(data: Any) -> None:
        later = dict(data["appeals"][0])
        later.update(id="second", issued="2025-08-19", title="Kazakhstan: Ana Example again")
        data["appeals"].append(later)

    path = tiny_case(tmp_path / "case", add_a_later_appeal)
    result = run("render", "appeal", path, "-f", "docx", "-o", tmp_path / "out")
    assert result.out == f"{tmp_path / 'out' / 'appeal-second.docx'}\n"
    assert "19 August 2025" in docx_text(tmp_path / "out" / "appeal-second.docx")
    result = run(
        "render", "appeal", path, "-f", "docx", "--appeal", "first", "-o", tmp_path / "out"
    )
    assert result.out == f"{tmp_path / 'out' / 'appeal-first.docx'}\n"
    assert "5 August 2025" in docx_text(tmp_path / "out" / "appeal-first.docx")


def test_a_template_cannot_include_a_file_outside_the_templates(tmp_path: Path) -> None:
    from advocacy.documents.document import document
    from advocacy.documents.templates import DEFAULTS
    from advocacy.errors import TemplateError
    from advocacy.formats.pdf import render_html

    folder = tmp_path / "templates"
    shutil.copytree(DEFAULTS, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-MARKER")
    (folder / "appeal" / "innocent.html").symlink_to(secret)
    html = folder / "appeal" / "appeal.html"
    html.write_text(html.read_text().replace("<body>", "<body>{% include 'innocent.html' %}"))
    doc = document(load_case(TINY), "appeal", options(templates=folder))
    with pytest.raises(TemplateError, match="leads outside the templates folder"):
        render_html(doc)


def test_the_same_facts_give_the_same_bytes_when_fonttools_subsets_the_fonts(
    tmp_path: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without libharfbuzz-subset WeasyPrint subsets with fontTools, which dates each font's
    # `head` table by the clock unless SOURCE_DATE_EPOCH says otherwise.
    import os
    import time

    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    shutil.copytree(TINY.parent, tmp_path / "cases")
    case = tmp_path / "cases" / "tiny.yaml"
    made = []
    for clock in (1_700_000_000.0, 1_800_000_000.0):
        monkeypatch.setattr(time, "time", lambda clock=clock: clock)
        out = tmp_path / f"out{int(clock)}"
        assert run("render", "appeal", case, "--format", "pdf", "--out", out).code == 0
        made.append((out / "appeal-first.pdf").read_bytes())
    assert made[0] == made[1]
    assert "SOURCE_DATE_EPOCH" not in os.environ  # put back as it was
