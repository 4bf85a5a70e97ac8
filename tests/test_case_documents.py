"""The case summary and the chronology, as a partner reads them in PDF and in Word."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from advocacy.chronology import Citations, rows
from advocacy.facts import load_case
from advocacy.words import citation
from tests.conftest import BUNDLED, TINY
from tests.extract import docx_text, normalise, pdf_text, sentences

FIGURE_START, FIGURE_END = "by year", "a span of time"


def _render(out: Path, kind: str, facts: Path = BUNDLED) -> tuple[Path, Path]:
    from advocacy.cli import main

    try:
        main(["render", kind, str(facts), "-f", "pdf", "-f", "docx", "-o", str(out)])
    except SystemExit as done:
        assert done.code in (0, None)
    return out / f"{kind}.pdf", out / f"{kind}.docx"


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _render(tmp_path_factory.mktemp("summary"), "summary")


def without_figure(text: str) -> str:
    """The PDF's text without the figure's labels (the DOCX has the figure as a picture)."""
    start = text.find(FIGURE_START)
    start = text.rfind("\n", 0, start) if start >= 0 else -1
    end = text.find(FIGURE_END, start)
    return text if start < 0 or end < 0 else text[:start] + text[end + len(FIGURE_END) :]


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
    summary: tuple[Path, Path],
) -> None:
    case = load_case(BUNDLED).case
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


def test_the_list_of_sources_numbers_every_cited_source(summary: tuple[Path, Path]) -> None:
    case = load_case(BUNDLED).case
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


@pytest.mark.parametrize("kind", ["summary"])
def test_the_figure_is_in_both_formats(kind: str, tmp_path: Path) -> None:
    pdf, docx = _render(tmp_path, kind)
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
