"""Rendering documents to files: PDF through WeasyPrint, DOCX through docxtpl."""

from __future__ import annotations

from pathlib import Path

from advocacy.documents import FORMATS, Document
from advocacy.errors import RenderError, UsageError
from advocacy.files import write_atomic


def render(doc: Document, formats: list[str] | None, out: Path) -> list[Path]:
    """Render ``doc`` in each format (default: every format its kind has) into ``out``.

    Every format is rendered in memory and every destination checked first, so a failure
    writes nothing: a fact text the document printed that its language lacks is such a
    failure, unless the document falls back (then ``doc.fallbacks`` says which). Returns the
    paths.
    """
    from advocacy.localize import check, watching

    formats = formats or list(doc.kind.formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"no format {fmt!r}; choose from: {', '.join(FORMATS)}")
        doc.kind.template(fmt)
    rendered: list[tuple[Path, bytes]] = []
    with watching(*doc.template_context.values(), doc.title, doc.subject) as untranslated:
        for fmt in dict.fromkeys(formats):
            if fmt == "pdf":
                from advocacy.render.pdf import render_pdf

                rendered.append((out / f"{doc.stem}.pdf", render_pdf(doc)))
            else:
                from advocacy.render.docx import render_docx

                rendered.append((out / f"{doc.stem}.docx", render_docx(doc)))
    doc.fallbacks[:] = check(doc.lang, list(untranslated.values()), doc.fallback)
    for path, _ in rendered:
        # Before anything is written: a folder in the way of the DOCX must not leave a new PDF.
        if path.is_dir():
            raise RenderError(f"{path}: is a folder; move it away or choose another --out folder")
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
