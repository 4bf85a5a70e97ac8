"""The case summary and the chronology, as a partner reads them in PDF and in Word."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from advocacy.documents.chronology import Citations, rows
from advocacy.facts.load import LoadedCase, load_case
from advocacy.i18n.words import citation
from tests.conftest import BUNDLED, TINY, Render
from tests.extract import docx_text, normalise, pdf_text, sentences, without_figure

HEADER = "Date Place What happened Sources"


def _render(out: Path, kind: str, facts: Path = BUNDLED) -> tuple[Path, Path]:
    from advocacy.cli.app import main

    try:
        main(["render", kind, str(facts), "-f", "pdf", "-f", "docx", "-o", str(out)])
    except SystemExit as done:
        assert done.code in (0, None)
    return out / f"{kind}.pdf", out / f"{kind}.docx"


def _shared(bundled_render: Render, kind: str) -> tuple[Path, Path]:
    """The bundled case's ``kind`` in both formats, rendered once for the session."""
    out = bundled_render(kind)
    return out / f"{kind}.pdf", out / f"{kind}.docx"


@pytest.fixture(scope="module")
def summary(bundled_render: Render) -> tuple[Path, Path]:
    return _shared(bundled_render, "summary")


def test_the_summary_fits_on_two_pages_and_says_who_she_is(summary: tuple[Path, Path]) -> None:
    pdf, docx = summary
    assert 1 <= len(PdfReader(pdf).pages) <= 2
    for text in (pdf_text(pdf), docx_text(docx)):
        flat = normalise(text)
        assert "Bakhytzhan Toregozhina (Бақытжан Төреғожина)" in flat
        assert "23 March 1962 (63 on 20 August 2025)" in flat
        assert "International Women of Courage Award" in flat
        assert "Qantar 2022" in flat and "Ar.Rukh.Khak" in flat


def test_the_charges_table_gives_every_account_of_the_fine_with_its_source(
    summary: tuple[Path, Path], bundled: LoadedCase
) -> None:
    case = bundled.case
    tables = WordDocument(str(summary[1])).tables
    table = next(t for t in tables if [c.text for c in t.rows[0].cells][3:4] == ["Penalty"])
    header = [cell.text for cell in table.rows[0].cells]
    assert header == ["Law and article", "Court", "Decision", "Penalty", "Appeal"]
    law, court, decision, penalty, appeal = (cell.text for cell in table.rows[1].cells)
    assert law.startswith("Code of Administrative Offenses, Article 456-2(3)")
    assert court.startswith("Specialized Interdistrict Administrative Court")
    assert decision.startswith("31 July 2025: found guilty")
    assert appeal.startswith("Almaty City Court, 20 August 2025: upheld")
    listed = _source_list(docx_text(summary[1]))
    accounts = re.findall(r"(\S[^\[\n]*?) \[(\d+)\]", penalty)
    publishers = {words: listed[int(n)].split(".")[0] for words, n in accounts}
    assert publishers == {
        "KZT 78,640 (approximately USD 145)": "Human Rights Watch",
        "approximately KZT 78,000 (EUR 140)": "Front Line Defenders",
        "KZT 78,000 (approximately USD 146)": "“[News article on the arrest of Bakhytzhan Toregozhina on 17 August 2025]”",
    }
    assert len(case.charges[0].penalty) == len(accounts)


def _source_list(text: str) -> dict[int, str]:
    """The numbered list of sources at the end of a document: number -> citation."""
    tail = text[text.rindex("Sources") :]
    return {int(n): entry for n, entry in re.findall(r"^(\d+)\. (.+)$", tail, re.MULTILINE)}


def test_the_list_of_sources_numbers_every_cited_source(
    summary: tuple[Path, Path], bundled: LoadedCase
) -> None:
    case = bundled.case
    listed = _source_list(docx_text(summary[1]))
    assert list(listed) == list(range(1, len(listed) + 1))
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", docx_text(summary[1]))}
    assert cited == set(listed)
    by_citation = {citation(s): s for s in case.sources}
    for entry in listed.values():
        assert any(entry.startswith(text) for text in by_citation), entry


def test_the_summary_says_the_same_in_pdf_and_docx(summary: tuple[Path, Path]) -> None:
    pdf, docx = summary
    assert sentences(without_figure(pdf_text(pdf))) == sentences(docx_text(docx))


@pytest.mark.parametrize("kind", ["summary", "chronology"])
def test_the_figure_is_in_both_formats(kind: str, bundled_render: Render) -> None:
    pdf, docx = _shared(bundled_render, kind)
    assert "17 Aug detention" in pdf_text(pdf)  # vector text in the PDF
    with zipfile.ZipFile(docx) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        body = archive.read("word/document.xml").decode()
    assert len(media) == 1 and media[0].endswith(".png")
    assert "<a:blip" in body


def test_a_small_case_renders_its_summary(tmp_path: Path) -> None:
    pdf, docx = _render(tmp_path, "summary", TINY)
    assert "Ana Example (Ана Экзампл)" in normalise(pdf_text(pdf))
    assert "Ana Example (Ана Экзампл)" in normalise(docx_text(docx))
    case = load_case(TINY).case
    assert len(rows(case, Citations(case))) == 1


@pytest.fixture(scope="module")
def chronology(bundled_render: Render) -> tuple[Path, Path]:
    return _shared(bundled_render, "chronology")


def _row_dates(docx: Path) -> list[str]:
    """The Date column of the chronology table, without the date notes."""
    table = WordDocument(str(docx)).tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Date", "Place", "What happened", "Sources"]
    return [row.cells[0].paragraphs[0].text for row in table.rows[1:]]


def test_the_chronology_has_every_event_in_date_order(
    chronology: tuple[Path, Path], bundled: LoadedCase
) -> None:
    case = bundled.case
    expected = [row.date for row in rows(case, Citations(case))]
    dates = _row_dates(chronology[1])
    assert dates == expected
    assert len(dates) == len(case.events)
    pdf = normalise(pdf_text(chronology[0]))
    positions = [
        pdf.find(date) for date in ("2004", "16 March 2010", "16–20 May 2016", "Date unknown")
    ]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize(
    "words",
    [
        "31 July 2025",  # exact
        "August 2025",  # month
        "2004",  # year
        "16–20 May 2016",  # interval
        "around 7 August 2025",  # approximate
        "2005 (unconfirmed)",  # uncertain
        "Date unknown",  # undated
        "late May – mid-August",  # an interval's note
        "Alleged:",  # status in words
    ],
)
def test_each_kind_of_date_and_status_reads_right_in_both_formats(
    chronology: tuple[Path, Path], words: str
) -> None:
    pdf, docx = chronology
    assert words in normalise(docx_text(docx))
    assert words in normalise(pdf_text(pdf)).replace("mid- August", "mid-August")


def test_footnote_numbers_match_the_list_of_sources(
    chronology: tuple[Path, Path], bundled: LoadedCase
) -> None:
    case = bundled.case
    citations = Citations(case)
    rows(case, citations)
    listed = _source_list(docx_text(chronology[1]))
    assert list(listed) == list(range(1, len(citations.sources) + 1))
    for number, source in enumerate(citations.sources, 1):
        assert listed[number].startswith(citation(source)), number
    # In the PDF each source's footnote carries the same number and citation.
    pdf = normalise(pdf_text(chronology[0]))
    for number, source in enumerate(citations.sources, 1):
        assert f"{number}. {citation(source)}" in pdf, number
    # The numbers in the Sources column are those of the event's own sources.
    table = WordDocument(str(chronology[1])).tables[-1]
    for row, event_row in zip(table.rows[1:], rows(case, Citations(case)), strict=True):
        shown = [int(n) for n in re.findall(r"\d+", row.cells[3].text)]
        assert sorted(shown) == sorted(event_row.sources)


def test_the_chronology_says_the_same_words_in_pdf_and_docx(chronology: tuple[Path, Path]) -> None:
    from collections import Counter

    pdf, docx = chronology
    pdf_words = re.sub(r"([-/])\n", r"\1", without_figure(pdf_text(pdf)))
    pdf_words = normalise(pdf_words).replace(HEADER, " ")
    docx_words = normalise(docx_text(docx)).replace(HEADER, " ")
    docx_words = docx_words.replace("Sources 1. ", "1. ")  # the heading of the end list
    assert Counter(pdf_words.split()) == Counter(docx_words.split())
