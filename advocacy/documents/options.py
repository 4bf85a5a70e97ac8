"""How documents are made: audience, language, fallback, templates and formats, as one value.

The command line, the Python API and a campaign all turn what they are given into an
:class:`Options` with :func:`options`, which checks every part once, before any case is read
or any file written; everything below receives the value and checks nothing again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from advocacy.documents.templates import FORMAT_SUFFIX, TemplateSet, template_set
from advocacy.errors import UsageError
from advocacy.i18n.catalogs import catalog_language
from advocacy.views.audience import Audience, audience_of

FORMATS = tuple(FORMAT_SUFFIX)
"""The formats a document can be rendered in: those a kind may have a template for."""


@dataclass(frozen=True)
class Options:
    """How the documents of a case are made."""

    templates: TemplateSet
    """Where templates are looked up: a user's folder first, the shipped ones last."""
    audience: Audience = "public"
    lang: str | None = None
    """The documents' language, one with a catalog (None: the case's, or a letter's
    recipient's)."""
    fallback: bool = False
    """Whether fact texts that ``lang`` lacks print in the case's language (each a warning)."""
    formats: tuple[str, ...] = ()
    """The formats to render (none given: every format a kind has)."""


def options(
    *,
    templates: Path | str | TemplateSet | None = None,
    audience: str = "public",
    lang: str | None = None,
    fallback: bool = False,
    formats: Sequence[str] | None = None,
) -> Options:
    """The options, each checked: UsageError for an unknown audience, a language without a
    catalog, a format no kind can have, a template folder that is not one."""
    chosen = audience_of(audience)
    if lang is not None:
        catalog_language(lang)
    wanted = tuple(dict.fromkeys(formats or ()))
    for fmt in wanted:
        if fmt not in FORMATS:
            raise UsageError(f"no format {fmt!r}; choose from: {', '.join(FORMATS)}")
    found = (
        templates
        if isinstance(templates, TemplateSet)
        else template_set(Path(templates) if templates is not None else None)
    )
    return Options(found, chosen, lang, fallback, wanted)
