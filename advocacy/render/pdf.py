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


def render_html(doc: Document) -> str:
    """The HTML of ``doc``, from its kind's ``<kind>.html`` template."""
    name = f"{doc.kind}.html"
    env = environment(TemplateLoader([doc.template_dir, doc.folder]))
    try:
        return str(env.get_template(name).render(doc.template_context))
    except JinjaError as err:
        raise template_error(err, name) from err
    except (ArithmeticError, LookupError, TypeError, ValueError) as err:
        raise template_error(err, name) from err


def render_pdf(doc: Document) -> bytes:
    """The PDF of ``doc``: A4 pages laid out by the template's CSS, fonts embedded."""
    html = render_html(doc)
    from weasyprint import HTML

    fetcher = _fetcher([doc.folder])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        pdf = HTML(
            string=html, base_url=doc.template_dir.as_uri() + "/", url_fetcher=fetcher
        ).write_pdf(pdf_identifier=doc.stem.encode(), uncompressed_pdf=False)
    except Exception as err:  # WeasyPrint raises many kinds; all mean this PDF failed
        raise RenderError(f"{doc.kind}.html: could not lay out the PDF: {err}") from err
    if fetcher.refused:
        raise RenderError(
            f"{doc.kind}.html: refused to load {', '.join(sorted(fetcher.refused))}: templates may "
            f"load only files under {doc.folder}"
        )
    assert isinstance(pdf, bytes)
    return pdf


def _fetcher(roots: list[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves files under ``roots`` and refuses everything else."""
    from weasyprint.urls import URLFetcher

    allowed = [root.resolve() for root in roots]

    class TemplateFetcher(URLFetcher):  # type: ignore[misc]
        refused: set[str]

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.refused = set()

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _file_path(url)
            if path is None or not any(path.is_relative_to(root) for root in allowed):
                self.refused.add(url)
                raise ValueError(f"refused to load {url}")
            return super().fetch(url, headers)

    return TemplateFetcher()


def _file_path(url: str) -> Path | None:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    return Path(unquote(parts.path)).resolve()
