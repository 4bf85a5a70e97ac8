"""Word documents through docxtpl: the committed .docx is the template a user edits in Word."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from jinja2 import TemplateError as JinjaError

from advocacy.documents.document import Document
from advocacy.facts.markup import runs
from advocacy.files import reproducible_zip
from advocacy.formats.environment import environment
from advocacy.formats.word_package import check

LINK_COLOUR = "1F4E9A"


def render_docx(doc: Document) -> bytes:
    """The DOCX of ``doc``, from its kind's ``<kind>.docx`` template."""
    from docxtpl import RichText

    from advocacy.formats.places import PlacedTemplate

    path = doc.kind.template("docx")
    name = path.name
    check(path, str(path))  # nothing that reaches outside the letter; a real Word file
    # Places each Jinja line at its paragraph, so that an error names it (see PlacedTemplate).
    template = PlacedTemplate(str(path))

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

    context = doc.template_context
    if context.get("figure"):
        context["figure"] = _figure(template, str(context["figure"]))
    try:
        template.render(context, environment(rich=rich), autoescape=True)
    except JinjaError as err:
        raise template.error(err, name) from err
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError) as err:
        # A template's own mistake ({{ 1/0 }}), or text Word cannot hold.
        raise template.error(err, name) from err
    # Set after rendering, in Python: through Jinja they would be escaped twice.
    properties = template.docx.core_properties
    properties.title = _fit(doc.title)
    properties.author = _fit(doc.author)
    properties.subject = _fit(doc.subject)
    properties.keywords = _fit(", ".join(doc.keywords))
    properties.language = doc.lang
    _proofing_language(template, doc.lang)
    properties.last_modified_by = _fit(doc.author)
    properties.comments = ""
    properties.created = properties.modified = dt.datetime.combine(doc.date, dt.time())
    properties.revision = 1
    buffer = io.BytesIO()
    template.save(buffer)
    return reproducible_zip(buffer.getvalue(), doc.date)


def _fit(text: str, limit: int = 255) -> str:
    """Word's core properties hold at most 255 characters: cut longer ones at a word, with '…'."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _proofing_language(template: Any, lang: str) -> None:
    """Word checks spelling in the language its styles name: the document's ('ru-RU' for 'ru'),
    where the template names another (its 'en-GB' stays for English)."""
    from babel.core import get_global
    from docx.oxml.ns import qn

    from advocacy.facts.models.text import same_language

    parts = str(get_global("likely_subtags").get(lang.replace("-", "_"), lang)).split("_")
    tag = "-".join(part for part in (parts[0], parts[-1]) if part) if len(parts) > 1 else lang
    for element in template.docx.styles.element.iter(qn("w:lang")):
        if not same_language(element.get(qn("w:val"), ""), lang):
            element.set(qn("w:val"), tag)


FIGURE_WIDTH_MM = 170


def _figure(template: Any, svg: str) -> Any:
    """The document's SVG figure as a picture Word shows: a PNG at print resolution."""
    import cairosvg
    from docx.shared import Mm
    from docxtpl import InlineImage

    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=2000)
    return InlineImage(template, io.BytesIO(png), width=Mm(FIGURE_WIDTH_MM))
