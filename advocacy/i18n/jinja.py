"""The catalogs inside templates: Jinja's gettext, "Page 1 of 3" and CSS strings, each in the
language of the document a template renders (its ``lang``).

Apart from :mod:`advocacy.i18n.catalogs` so that checking a case file, which asks only which
catalogs ship, does not load Jinja.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from advocacy.i18n.catalogs import SOURCE, page_words, translations


def _lang(context: Context) -> str:
    return str(context.get("lang", SOURCE))


@pass_context
def _gettext(context: Context, message: str) -> str:
    return str(translations(_lang(context)).gettext(message))


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return str(translations(_lang(context)).ngettext(singular, plural, n))


def install(env: Any) -> None:
    """Give ``env`` gettext in the language of each document: the ``lang`` it renders with.

    Jinja's newstyle gettext: ``{{ _("Page") }}``, ``{{ _("%(n)s sources", n=3) }}`` and
    ``{% trans %}`` blocks; placeholders are filled (and escaped) after translation.
    """
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=_gettext, ngettext=_ngettext, newstyle=True)
    env.globals["page_numbers"] = _page_numbers
    env.globals["page_words"] = _page_words
    env.filters["css_string"] = css_string


def css_string(text: str) -> Markup:
    """Text as a CSS string: `content: {{ _("Draft")|css_string }};`."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return Markup(f'"{escaped}"')


@pass_context
def _page_numbers(context: Context) -> Markup:
    """'Page 1 of 3' as CSS page-margin content: `content: {{ page_numbers() }};`."""
    before, between, after = page_words(_lang(context))
    parts = [css_string(before), "counter(page)", css_string(between), "counter(pages)"]
    return Markup(" ".join([*parts, css_string(after)] if after else parts))


@pass_context
def _page_words(context: Context) -> tuple[str, str, str]:
    """The words before, between and after the two numbers of 'Page 1 of 3': a Word footer's
    runs around its PAGE and NUMPAGES fields."""
    return page_words(_lang(context))
