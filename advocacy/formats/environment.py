"""The one Jinja environment every template renders in, HTML and DOCX alike.

Sandboxed (templates come from many hands), strict (a misspelt variable is an error, not an
empty string) and autoescaping (fact text is never markup). The filters are the same in both
formats; only ``rich``, which draws narrative emphasis, differs: HTML tags for the PDF, Word
runs for the DOCX.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from pydantic import BaseModel

from advocacy.facts.markup import plain, runs
from advocacy.i18n import jinja as i18n
from advocacy.i18n import words
from advocacy.views.language import noticed

RichFilter = Callable[[str], Any]


class TemplateLoader(FileSystemLoader):
    """Loads templates from its folders only: a symlink that leads outside them is refused."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        roots = [Path(root).resolve() for root in self.searchpath]
        if not any(Path(filename).resolve().is_relative_to(root) for root in roots):
            raise TemplateNotFound(f"{template} (it leads outside the templates folder)")
        return source, filename, uptodate


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, closed further on the objects templates receive.

    Jinja stops `''.__class__` tricks, but it cannot know that every pydantic model carries
    `parse_file(path, proto='pickle', allow_pickle=True)` (reads any file and unpickles it: runs
    any code), or that docxtpl's picture holds its whole template (`figure.tpl.save(path)` writes
    any file). Templates get a model's fields and its own lookups, and nothing of docxtpl.
    """

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        model = obj if isinstance(obj, type) else type(obj)
        if issubclass(model, BaseModel) and hasattr(BaseModel, attr):
            return attr in model.model_fields or attr in model.model_computed_fields
        if model.__module__.partition(".")[0] in ("docxtpl", "docx"):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    # Every value a template reads is looked at once more: a fact text that the document's
    # language lacks is noted, so the document can say it printed it (advocacy.views.language).

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        noticed(value)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        noticed(value)
        return value


def environment(loader: BaseLoader | None = None, rich: RichFilter | None = None) -> Any:
    """A sandboxed, strict, autoescaping environment with the advocacy filters and gettext.

    ``rich`` turns narrative text into styled output; it defaults to HTML.
    """
    env = Sandbox(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        date_words=_date_words,
        money=_money,
        country=_country,
        list_words=_list_words,
        citation=_citation,
        plain=plain,
        rich=rich or rich_html,
    )
    i18n.install(env)
    return env


def rich_html(text: str) -> Markup:
    """Narrative text with its emphasis and links: `{{ appeal.lead|rich }}` in HTML;
    `{{r appeal.lead|rich }}` in a Word template (the `r` keeps Word's italics and links)."""
    html = []
    for run in runs(text):
        part = str(escape(run.text))
        if run.italic:
            part = f"<em>{part}</em>"
        if run.bold:
            part = f"<strong>{part}</strong>"
        if run.link:
            part = f'<a href="{escape(run.link)}">{part}</a>'
        html.append(part)
    return Markup("".join(html))


def _lang(context: Context) -> str:
    return str(context.get("lang", "en"))


@pass_context
def _date_words(context: Context, value: Any) -> str:
    """A date, partial or uncertain, as a reader writes it: `{{ appeal.issued|date_words }}` ->
    '5 August 2025'; also 'August 2025', '16–20 May 2016', 'around 7 August 2025'."""
    return words.date_words(value, _lang(context))


@pass_context
def _money(context: Context, value: Any) -> str:
    """An amount with its currency: `{{ charge.penalty[0]|money }}` -> 'KZT 78,640', with
    'approximately' where the source gives it so."""
    return words.money_words(value, _lang(context))


@pass_context
def _country(context: Context, code: str) -> str:
    """A country code named in the document's language: `{{ person.nationality|country }}` ->
    'Kazakhstan'."""
    return words.country_name(code, _lang(context))


@pass_context
def _list_words(context: Context, items: Any) -> str:
    """Items as a sentence lists them: `{{ names|list_words }}` -> 'a, b and c'."""
    return words.list_words([str(item) for item in items], _lang(context))


@pass_context
def _citation(context: Context, source: Any) -> str:
    """A source as a list of sources gives it: publisher, author, title, version, date,
    accessed (print its `url` yourself, as a link): `{{ source|citation }}`."""
    return words.citation(source, _lang(context))
