"""HTML + CSS to PDF through WeasyPrint, loading nothing from outside the templates."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaError

from advocacy.documents.document import Document
from advocacy.documents.templates import TemplateSet
from advocacy.errors import RenderError
from advocacy.formats.archive import CaseFile, embedded_case
from advocacy.formats.environment import TemplateLoader, environment
from advocacy.formats.errors import template_error


def render_html(doc: Document) -> str:
    """The HTML of ``doc``, from its kind's ``<kind>.html`` template."""
    kind = doc.kind.name
    name = f"{kind}.html"
    doc.kind.template("pdf")
    folders = doc.templates.folders(kind)
    env = environment(TemplateLoader(folders))
    try:
        return str(env.get_template(name).render(doc.template_context))
    except JinjaError as err:
        raise template_error(err, name, folders) from err
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as err:
        # A template's own mistake: {{ 1/0 }}, a template that includes itself.
        raise template_error(err, name, folders) from err


PDF_VARIANT = "pdf/a-3b"
"""Every PDF is archival: PDF/A-3b, fonts embedded, the case file attached as its source."""


def render_pdf(doc: Document, case_file: CaseFile | None = None) -> bytes:
    """The PDF of ``doc``: A4 pages laid out by the template's CSS, fonts embedded, PDF/A-3b
    with ``case_file`` (default: the one :func:`embedded_case` gives) attached.

    RenderError when a recipient's address is too long for its window (it would be cut off).
    """
    from advocacy.formats.compose import check_windows

    laid_out = layout(doc, render_html(doc))
    check_windows(laid_out, f"{doc.kind.name}.html")
    return write_pdf(laid_out, doc, case_file)


def layout(doc: Document, html: str, stylesheets: tuple[Any, ...] = (), fonts: Any = None) -> Any:
    """``html`` (a document of ``doc``'s kind) laid out in pages: a WeasyPrint Document."""
    from advocacy.formats.engine import HTML  # WeasyPrint takes 0.3 s to import: only for a PDF

    fetcher = _fetcher(doc.templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        laid_out = HTML(
            string=html,
            base_url=(doc.templates.roots[0] / doc.kind.name).resolve().as_uri() + "/",
            url_fetcher=fetcher,
        ).render(stylesheets=list(stylesheets), font_config=fonts, pdf_variant=PDF_VARIANT)
    except Exception as err:  # WeasyPrint raises many kinds; all mean this PDF failed
        raise RenderError(f"{doc.kind.name}.html: could not lay out the PDF: {err}") from err
    _refused(doc, fetcher)
    return laid_out


@contextmanager
def source_date(when: dt.datetime) -> Iterator[None]:
    """Let ``when`` be the clock of tools that read SOURCE_DATE_EPOCH while a PDF is written.

    Where libharfbuzz-subset is missing, WeasyPrint subsets fonts with fontTools, which stamps
    each font's ``head.modified`` with the time unless SOURCE_DATE_EPOCH says otherwise: two
    renders of the same facts would differ. The variable is set to the document's date for the
    write and put back as it was after.
    """
    before = os.environ.get(EPOCH)
    os.environ[EPOCH] = str(int(when.replace(tzinfo=dt.UTC).timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ[EPOCH]
        else:
            os.environ[EPOCH] = before


EPOCH = "SOURCE_DATE_EPOCH"


def write_pdf(
    laid_out: Any, doc: Document, case_file: CaseFile | None = None, attach: bool = True
) -> bytes:
    """The PDF/A-3b bytes of a laid-out document, dated as ``doc``, with ``case_file`` (default:
    the one :func:`embedded_case` gives) attached unless ``attach`` is false."""
    from advocacy.formats.engine import Attachment  # as in layout

    if not attach:
        case_file = None
    elif case_file is None:
        case_file = embedded_case(doc.view.loaded, doc.view.audience)
    when = dt.datetime.combine(doc.date, dt.time())
    attachments = (
        [
            Attachment(
                string=case_file.data,
                name=case_file.name,
                description=case_file.description,
                created=when,
                modified=when,
                relationship="Source",
            )
        ]
        if case_file
        else []
    )
    try:
        with source_date(when):
            pdf = laid_out.write_pdf(
                pdf_identifier=doc.stem.encode(),
                pdf_variant=PDF_VARIANT,
                uncompressed_pdf=False,
                attachments=attachments,
                finisher=_one_entry_per_file,
            )
    except Exception as err:  # as above
        raise RenderError(f"{doc.kind.name}.html: could not write the PDF: {err}") from err
    _refused(doc, laid_out.url_fetcher)  # attachments (<link rel=attachment>) load only now
    assert isinstance(pdf, bytes)
    return pdf


def _one_entry_per_file(document: Any, pdf: Any) -> None:
    """WeasyPrint lists a PDF/A-3 attachment twice in the catalog's /AF: once is right."""
    files = pdf.catalog.get("AF")
    if files:
        unique = list(dict.fromkeys(files))
        files.clear()
        files.extend(unique)


def _refused(doc: Document, fetcher: Any) -> None:
    if fetcher.refused:
        raise RenderError(
            f"{doc.kind.name}.html: refused to load {', '.join(sorted(fetcher.refused))}: "
            f"templates may load only files of their template folders "
            f"({', '.join(str(root) for root in doc.templates.roots)})"
        )


def _fetcher(templates: TemplateSet) -> Any:
    """A WeasyPrint URL fetcher that serves the template set's files and refuses everything else.

    A file under any folder of the set is looked up again through the set, so a user's folder
    that lacks ``appeal.css`` or a font gets the shipped one.
    """
    from advocacy.formats.engine import URLFetcher  # as in layout

    class TemplateFetcher(URLFetcher):  # type: ignore[misc]
        refused: set[str]

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.refused = set()

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _file_path(url)
            found = templates.locate(path) if path is not None else None
            if found is None:
                self.refused.add(url)
                raise ValueError(f"refused to load {url}")
            return super().fetch(found.resolve().as_uri(), headers)

    return TemplateFetcher()


def _file_path(url: str) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path)).resolve()
