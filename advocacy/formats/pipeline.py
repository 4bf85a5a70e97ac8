"""The one document pipeline: a document's formats rendered in memory, checked, then written.

``advocacy render``, ``advocacy build`` and ``advocacy preview`` all call :func:`produce`,
which renders each format and then checks the fact texts the document printed: every text its
language lacks is an error, or, when the document falls back, a warning it returns. Nothing is
written until every format is made; :func:`write` then writes them all or none, and says what
it wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from advocacy.documents.document import Document
from advocacy.errors import AdvocacyError, Problem, RenderError
from advocacy.files import write_all
from advocacy.formats.archive import CaseFile
from advocacy.formats.docx import render_docx
from advocacy.formats.pdf import render_html, render_pdf
from advocacy.views.language import checked

PREVIEW = "html"
"""The format the preview shows: the HTML a PDF is made from."""


@dataclass(frozen=True)
class Output:
    """One format of a document, in memory."""

    fmt: str
    name: str
    """Its path relative to the folder it is written into: ``appeal-<id>.pdf``."""
    data: bytes


@dataclass(frozen=True)
class Rendered:
    """What rendering a document gave: each format made, each that failed, and the warnings."""

    doc: Document
    outputs: tuple[Output, ...]
    failures: tuple[tuple[str, AdvocacyError], ...] = ()
    """Formats that failed, with why (only with ``keep_going``; else the first is raised)."""
    warnings: tuple[Problem, ...] = ()
    """Fact texts printed in the case's language because the document's lacks them."""


@dataclass(frozen=True)
class Written:
    """What :func:`write` wrote, and the warnings of its rendering."""

    paths: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...] = ()
    """What else to say of them: that they print an unreviewed translation."""


def produce(
    doc: Document,
    formats: Sequence[str] = (),
    case_file: CaseFile | None = None,
    *,
    keep_going: bool = False,
) -> Rendered:
    """``doc`` in each of ``formats`` (none given: every format its kind has), in memory.

    A PDF carries ``case_file`` (default: the one its view gives). A text the document printed
    that its language lacks fails the whole document (FactsError listing each, at its place in
    the file) unless the document falls back. With ``keep_going`` a format that fails is
    reported in the result and the others are still made; else its error is raised.
    """
    wanted = tuple(dict.fromkeys(formats or doc.kind.formats))
    for fmt in wanted:
        if fmt != PREVIEW:
            doc.kind.template(fmt)  # a format the kind lacks: said before anything renders
    outputs: list[Output] = []
    failures: list[tuple[str, AdvocacyError]] = []
    with checked(doc, doc.fallback) as warnings:
        for fmt in wanted:
            try:
                outputs.append(Output(fmt, f"{doc.stem}.{fmt}", rendered(doc, fmt, case_file)))
            except AdvocacyError as err:
                if not keep_going:
                    raise
                failures.append((fmt, err))
    return Rendered(doc, tuple(outputs), tuple(failures), tuple(warnings))


def rendered(doc: Document, fmt: str, case_file: CaseFile | None = None) -> bytes:
    """``doc`` in ``fmt``, in memory, unchecked: the step :func:`produce` makes per format, and
    what a campaign's letters are made of (they check their texts themselves)."""
    if fmt == "pdf":
        return render_pdf(doc, case_file)
    if fmt == "docx":
        return render_docx(doc)
    return render_html(doc).encode("utf-8")


def write(rendered: Rendered, out: Path) -> Written:
    """Write every output of ``rendered`` into ``out``, or none: each destination is checked
    before the first is written."""
    made = [(out / output.name, output.data) for output in rendered.outputs]
    for path, _ in made:
        # Before anything is written: a folder in the way of the DOCX must not leave a new PDF.
        if path.is_dir():
            raise RenderError(f"{path}: is a folder; move it away or choose another --out folder")
    write_all(made)  # every format or none: a full disk leaves no PDF without its DOCX
    return Written(tuple(path for path, _ in made), rendered.warnings)


def render(doc: Document, out: Path, formats: Sequence[str] = ()) -> Written:
    """Render ``doc`` in ``formats`` (default: every format its kind has) into ``out``."""
    return write(produce(doc, formats), out)
