"""HTML + CSS to PDF through WeasyPrint, loading nothing from outside the templates."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaError

from advocacy.documents import Document
from advocacy.environment import TemplateLoader, environment
from advocacy.errors import RenderError
from advocacy.render.errors import template_error
from advocacy.templates import TemplateSet


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


def render_pdf(doc: Document) -> bytes:
    """The PDF of ``doc``: A4 pages laid out by the template's CSS, fonts embedded."""
    html = render_html(doc)
    from weasyprint import HTML

    fetcher = _fetcher(doc.templates)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        pdf = HTML(
            string=html,
            base_url=(doc.templates.roots[0] / doc.kind.name).resolve().as_uri() + "/",
            url_fetcher=fetcher,
        ).write_pdf(pdf_identifier=doc.stem.encode(), uncompressed_pdf=False)
    except Exception as err:  # WeasyPrint raises many kinds; all mean this PDF failed
        raise RenderError(f"{doc.kind.name}.html: could not lay out the PDF: {err}") from err
    if fetcher.refused:
        raise RenderError(
            f"{doc.kind.name}.html: refused to load {', '.join(sorted(fetcher.refused))}: "
            f"templates may load only files of their template folders "
            f"({', '.join(str(root) for root in doc.templates.roots)})"
        )
    assert isinstance(pdf, bytes)
    return pdf


def _fetcher(templates: TemplateSet) -> Any:
    """A WeasyPrint URL fetcher that serves the template set's files and refuses everything else.

    A file under any folder of the set is looked up again through the set, so a user's folder
    that lacks ``appeal.css`` or a font gets the shipped one.
    """
    from weasyprint.urls import URLFetcher

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
