"""Word documents through docxtpl: the committed .docx is the template a user edits in Word."""

from __future__ import annotations

import io
from typing import Any

from jinja2 import TemplateError as JinjaError

from advocacy.documents import Document
from advocacy.environment import environment
from advocacy.errors import RenderError
from advocacy.markup import runs
from advocacy.render.errors import template_error

LINK_COLOUR = "1F4E9A"


def render_docx(doc: Document) -> bytes:
    """The DOCX of ``doc``, from its kind's ``<kind>.docx`` template."""
    from docxtpl import DocxTemplate, RichText

    name = f"{doc.kind}.docx"
    path = doc.template_dir / name
    if not path.is_file():
        raise RenderError(f"{path}: no such template")
    template = DocxTemplate(str(path))

    def rich(text: str) -> Any:
        rich_text = RichText()
        for run in runs(text):
            link = template.build_url_id(run.link) if run.link else None
            rich_text.add(
                run.text,
                italic=run.italic,
                bold=run.bold,
                url_id=link,
                color=LINK_COLOUR if link else None,
                underline=bool(link),
            )
        return rich_text

    try:
        template.render(doc.context, environment(rich=rich), autoescape=True)
    except JinjaError as err:
        raise template_error(err, name) from err
    # Set after rendering, in Python: through Jinja they would be escaped twice.
    properties = template.docx.core_properties
    properties.title = _fit(doc.title)
    properties.author = _fit(doc.author)
    properties.subject = _fit(doc.subject)
    properties.keywords = _fit(", ".join(doc.keywords))
    properties.language = doc.lang
    properties.last_modified_by = _fit(doc.author)
    properties.comments = ""
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _fit(text: str, limit: int = 255) -> str:
    """Word's core properties hold at most 255 characters: cut longer ones at a word, with '…'."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
