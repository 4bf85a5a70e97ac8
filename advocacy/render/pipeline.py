"""Rendering documents to files: PDF through WeasyPrint, DOCX through docxtpl."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advocacy.documents.document import FORMATS, Document
from advocacy.errors import RenderError, UsageError
from advocacy.files import write_atomic

if TYPE_CHECKING:
    from advocacy.render.archive import CaseFile


def render(doc: Document, formats: list[str] | None, out: Path) -> list[Path]:
    """Render ``doc`` in each format (default: every format its kind has) into ``out``.

    Every format is rendered in memory and every destination checked first, so a failure
    writes nothing: a fact text the document printed that its language lacks is such a
    failure, unless the document falls back (then ``doc.fallbacks`` says which). Returns the
    paths.
    """
    from advocacy.views.language import checked

    formats = formats or list(doc.kind.formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"no format {fmt!r}; choose from: {', '.join(FORMATS)}")
        doc.kind.template(fmt)
    made: list[tuple[Path, bytes]] = []
    with checked(doc, doc.fallback) as fallbacks:
        for fmt in dict.fromkeys(formats):
            made.append((out / f"{doc.stem}.{fmt}", rendered(doc, fmt)))
    doc.fallbacks[:] = fallbacks
    for path, _ in made:
        # Before anything is written: a folder in the way of the DOCX must not leave a new PDF.
        if path.is_dir():
            raise RenderError(f"{path}: is a folder; move it away or choose another --out folder")
    for path, data in made:
        write_atomic(path, data)
    return [path for path, _ in made]


def rendered(doc: Document, fmt: str, case_file: CaseFile | None = None) -> bytes:
    """``doc`` in the format ``fmt`` ('pdf' or 'docx'), in memory; a PDF carries ``case_file``
    (default: the one its facts give)."""
    if fmt == "pdf":
        from advocacy.render.pdf import render_pdf

        return render_pdf(doc, case_file)
    from advocacy.render.docx import render_docx

    return render_docx(doc)
