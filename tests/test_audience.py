"""Confidential facts never reach a public document, and internal ones say what they are.

The leak test gives every field that can be confidential a marker no other text holds, renders
every kind in every format for both audiences, and searches everything a file carries: the text
a reader sees, every decompressed PDF stream, the PDF's metadata and outline, every XML part of
the DOCX.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from advocacy.facts.load import load_case
from advocacy.views.audience import public_case
from tests.conftest import Runner, tiny_case
from tests.extract import docx_text, pdf_text

MARKERS = {
    "person": "Zqxwitness Person",
    "person profile": "ZQX-PERSON-PROFILE",
    "contact": "ZQX-CONTACT",
    "born": "1 February 1970",
    "organisation": "ZQX-ORG Shelter",
    "event": "ZQX-EVENT hidden meeting",
    "charge": "ZQX-CHARGE-LAW",
    "source": "ZQX-SOURCE title",
    "paragraph": "ZQX-PARAGRAPH",
    "demand": "ZQX-DEMAND",
    "background": "ZQX-BACKGROUND",
}
UNPRINTED = ("person profile", "contact", "background")
"""Fields no shipped document prints (a bystander's profile, contacts, background): they must
stay out of public documents all the same, whatever a template does with them."""
KINDS = ("appeal", "summary", "chronology")
INTERNAL_MARK = "CONFIDENTIAL — internal"


def _secrets(data: Any) -> None:
    ana = data["people"][0]
    ana["contact"] = f"{MARKERS['contact']} +7 700 000 0000"
    ana["confidential"] = ["born", "contact"]
    ana["organisations"] = ["secret-org"]
    data["people"].append(
        {
            "id": "witness",
            "name": MARKERS["person"],
            "profile": f"{MARKERS['person profile']} saw it.",
            "confidential": True,
        }
    )
    data["organisations"].append(
        {"id": "secret-org", "name": MARKERS["organisation"], "confidential": True}
    )
    data["events"][0]["people"] = ["ana-example", "witness"]
    data["events"][0]["sources"] = ["report", "secret-source"]
    data["events"].append(
        {
            "date": "2025-08-10",
            "kind": "other",
            "text": f"{MARKERS['event']} with Ana Example.",
            "people": ["ana-example"],
            "sources": ["report"],
            "confidential": True,
        }
    )
    data["charges"].append(
        {
            "person": "ana-example",
            "law": MARKERS["charge"],
            "text": "a second offence",
            "sources": ["report"],
            "confidential": True,
        }
    )
    data["sources"].append(
        {
            "id": "secret-source",
            "title": MARKERS["source"],
            "kind": "testimony",
            "confidential": True,
        }
    )
    letter = data["appeals"][0]
    letter["paragraphs"].append({"text": f"{MARKERS['paragraph']}.", "confidential": True})
    letter["demands"].append({"text": f"{MARKERS['demand']} now;", "confidential": True})
    data["background"] = [{"text": f"{MARKERS['background']}.", "confidential": True}]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every kind in both formats for both audiences, rendered through the command line."""
    from advocacy.cli.app import main

    folder = tmp_path_factory.mktemp("leak")
    case = tiny_case(folder / "case", _secrets)
    out: dict[tuple[str, str], Path] = {}
    for audience in ("public", "internal"):
        for kind in KINDS:
            target = folder / audience
            with pytest.raises(SystemExit) as exited:
                main(["render", kind, str(case), "--audience", audience, "-o", str(target)])
            assert exited.value.code in (0, None)
            out[(audience, kind)] = target
    return out


def _files(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}*.pdf")) + sorted(folder.glob(f"{kind}*.docx"))


def everything(path: Path) -> str:
    """All a file carries that could hold a fact, as text."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        return docx_text(path) + "\n" + "\n".join(parts)
    reader = PdfReader(path)
    found = [pdf_text(path), str(reader.metadata), str(reader.outline)]
    size: Any = reader.trailer["/Size"]
    for number in range(1, int(size)):
        try:
            obj: Any = reader.get_object(number)
        except Exception:  # a free entry of the cross-reference table
            continue
        found.append(str(obj))
        if hasattr(obj, "get_data"):
            data = obj.get_data()
            found.append(data.decode("latin-1"))
            found.append(data.decode("utf-16-be", "ignore"))
    return "\n".join(found)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_no_confidential_fact_reaches_a_public_document(
    rendered: dict[tuple[str, str], Path], kind: str, fmt: str
) -> None:
    [path] = [p for p in _files(rendered[("public", kind)], kind) if p.suffix == f".{fmt}"]
    text = everything(path)
    assert "Ana Example" in text, "the search sees the document's facts"
    leaked = {field: marker for field, marker in MARKERS.items() if marker in text}
    assert leaked == {}
    assert INTERNAL_MARK not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_internal_documents_hold_every_confidential_fact(
    rendered: dict[tuple[str, str], Path], fmt: str
) -> None:
    texts = [
        everything(path)
        for kind in KINDS
        for path in _files(rendered[("internal", kind)], kind)
        if path.suffix == f".{fmt}"
    ]
    printed = {field: marker for field, marker in MARKERS.items() if field not in UNPRINTED}
    missing = [field for field, marker in printed.items() if not any(marker in t for t in texts)]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_of_an_internal_document_says_so(
    rendered: dict[tuple[str, str], Path], kind: str
) -> None:
    pdf, docx = _files(rendered[("internal", kind)], kind)
    pages = PdfReader(pdf).pages
    assert all(INTERNAL_MARK in page.extract_text() for page in pages)
    with zipfile.ZipFile(docx) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
        assert headers and all(INTERNAL_MARK in archive.read(n).decode() for n in headers)
        document = archive.read("word/document.xml").decode()
    assert 'r:id="' in document.split("<w:sectPr")[-1], "the section uses the header"


def test_a_public_case_drops_references_to_what_it_leaves_out(tmp_path: Path) -> None:
    case = load_case(tiny_case(tmp_path / "case", _secrets)).case
    public = public_case(case)
    assert [p.id for p in public.people] == ["ana-example"]
    ana = public.person("ana-example")
    assert (ana.born, ana.contact, ana.organisations) == (None, None, ())
    assert ana.native_name == "Ана Экзампл", "fields not marked stay"
    assert [e.people for e in public.events] == [("ana-example",)]
    assert [e.sources for e in public.events] == [("report",)]
    assert [s.id for s in public.sources] == ["report"]
    assert len(public.charges) == 1 and public.background == ()
    letter = public.appeal()
    assert [d.text for d in letter.demands] == ["Annul the fine;", "Stop the harassment."]
    assert [p.text for p in letter.paragraphs] == ["She will appeal."]
    assert case.person("witness").name == MARKERS["person"], "the loaded case is unchanged"


def test_a_document_without_its_defender_fails_instead_of_rendering_hollow(
    tmp_path: Path, run: Runner
) -> None:
    def hide_the_defender(data: Any) -> None:
        data["people"][0]["confidential"] = True

    case = tiny_case(tmp_path / "case", hide_the_defender)
    out = tmp_path / "out"
    result = run("render", "appeal", case, "-o", out)
    assert result.code == 1
    assert result.err == (
        f"error: {case}: the defender 'ana-example' is confidential: a public document cannot "
        "be made without them; render it with --audience internal\n"
    )
    assert not out.exists()
    assert run("render", "appeal", case, "--audience", "internal", "-o", out).code == 0


def test_a_chronology_of_only_confidential_events_fails(tmp_path: Path, run: Runner) -> None:
    def hide_every_event(data: Any) -> None:
        for event in data["events"]:
            event["confidential"] = True

    case = tiny_case(tmp_path / "case", hide_every_event)
    result = run("render", "chronology", case, "-o", tmp_path / "out")
    assert result.code == 1 and "every event is confidential" in result.err


def test_an_unknown_audience_is_wrong_usage(tmp_path: Path, run: Runner) -> None:
    case = tiny_case(tmp_path / "case", lambda data: None)
    result = run("render", "appeal", case, "--audience", "press", "-o", tmp_path / "out")
    assert result.code == 2
    assert result.err == "error: no audience 'press'; choose one of: public, internal\n"
