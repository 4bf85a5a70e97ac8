"""TEMPLATES.md, the guide for template authors, written from the code it describes.

The variables come from the context models (:mod:`advocacy.documents.contexts`), the facts from the
case models, the filters from the rendering environment, each with its own description: the guide
changes when they do, and a test fails when the committed TEMPLATES.md is stale. Regenerate it with
``advocacy templates guide > TEMPLATES.md``.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from advocacy.documents.contexts import CONTEXT_MODELS, Context
from advocacy.facts.dates import EdtfDate
from advocacy.facts.models import Case
from advocacy.formats.environment import environment

OWN_FILTERS = (
    "date_words", "money", "country", "list_words", "citation", "plain", "rich", "css_string"
)  # fmt: skip

INTRO = """\
# Writing templates

<!-- Written by `advocacy templates guide` from the code; do not edit by hand. -->

This guide is for whoever changes how documents look: a new letterhead, a partner's layout, a
new kind of document. Everything below about variables and filters is generated from the code,
so it is what the templates really receive.

## The work, step by step

1. **Copy the shipped templates** into a folder of your own:
   `advocacy templates export my-templates` (or `advocacy templates export my-templates appeal`
   for one kind). Keep only what you change: whatever your folder lacks comes from the shipped
   templates (`advocacy templates list --templates my-templates` shows which file is used).
2. **Edit** the HTML and CSS in any text editor (they make the PDF), the `.docx` in Word or
   LibreOffice Writer (it makes the Word document).
3. **Check** them: `advocacy templates check my-templates` reports every Jinja syntax error,
   misplaced docxtpl tag and variable or attribute the facts do not have, with its file and line
   (HTML) or paragraph and table cell (Word), without rendering anything.
4. **Watch** the result: `advocacy preview appeal facts/CASE.yaml --templates my-templates`
   serves the document on http://127.0.0.1:8000/appeal/ and reloads the page whenever a template, a
   stylesheet or the case file changes; a mistake shows in the page, with its place.
5. **Render**: `advocacy render appeal facts/CASE.yaml --templates my-templates`.

## How a template set is laid out

```
my-templates/
  appeal/            one folder a document kind
    kind.toml        which facts it is made from, and its label
    appeal.html      makes the PDF (with WeasyPrint), with appeal.css
    appeal.css
    appeal.docx      makes the Word document (with docxtpl)
  summary/ ...
  partials/          pieces every kind shares: head.html (metadata, "Page X of Y" in the
                     document's language), base.css (A4, fonts, the page number's look)
  fonts/             Noto Sans and its licence; fonts.css declares them
```

A stylesheet links others by relative paths (`@import "../partials/base.css"`), an HTML
template includes partials by their path in the set (`{% include "partials/head.html" %}`).
Templates may load files from the template set only: no web address, no file elsewhere.

## The rules every template follows

- **Sandboxed.** Templates come from many hands: they can read the facts they are given and
  nothing else. No file, no clock, no network, no Python internals.
- **Strict.** A misspelt variable or attribute is an error that names the template and the line,
  never an empty space in a letter. Test what may be missing with `{% if x %}`; where a field
  is optional, its type below says `| None`.
- **Escaped.** Facts are text, never markup or template code: `&`, `<` and `{{` in a case file
  come out as written. Narrative fields (a profile, a lead, an event's text) may hold
  `*italic*`, `**bold**` and `[links](https://...)`: print them with the `rich` filter. Never
  use `|safe` on a fact.
- **Reproducible.** The same facts give the same bytes: dates come from the facts.

## Editing a Word template without breaking its tags

- Type each tag (`{{ defender.name }}`, `{% if x %}`) in one go, in one formatting. If Word
  splits a tag with a spelling mark or a change of font halfway, `templates check` says where;
  retype the whole tag.
- Turn off "smart quotes" (Word: File > Options > Proofing > AutoCorrect Options > AutoFormat
  As You Type; LibreOffice: Tools > AutoCorrect Options > Localized Options) before typing
  quotes inside tags: `{{ x|default("-") }}` needs straight quotes.
- `{%p if x %}` ... `{%p endif %}` keep or drop whole paragraphs; each such tag stands alone in
  its paragraph (any other text there is lost). `{%tr for row in rows %}` ... `{%tr endfor %}`
  repeat table rows: each in a row of its own, inside the table.
- Print narrative fields as `{{r appeal.lead|rich }}`, so italics and links come out as Word
  formatting.
- Accept or reject all tracked changes before saving: docxtpl renders deleted text too.
- Change the look through Word's styles (Normal, Appeal Title, Demand ...): a style changed once
  changes everywhere.

## Words in the document's language

A document is written in one language (`advocacy render ... --lang ru`; default: the case's
`language`). The facts come in that language (a case file gives a text per language as
`{en: ..., ru: ...}`); the words of the template come from gettext catalogs. Mark every fixed
word of a template so that it is translated:

- `{{ _("Charges") }}`, with placeholders for what changes:
  `{{ _("Current to %(date)s", date=updated|date_words) }}`. Keep a sentence whole in one
  message: word order differs between languages ("%(organisation)s urges the authorities in
  %(authorities)s to:").
- `{% trans %}Charges{% endtrans %}` works too; `ngettext` for counts.
- In a Word template, the same tags, each in one run: `{{ _("Sources") }}`.
- In CSS, words go in through the HTML: `content: {{ _("Draft")|css_string }};` in a `<style>`
  of the template; "Page X of Y" is `content: {{ page_numbers() }};` (partials/head.html) and
  in a Word footer `{{ page_words()[0] }}` PAGE `{{ page_words()[1] }}` NUMPAGES
  `{{ page_words()[2] }}`.

`advocacy templates check` knows these. A message the catalogs lack prints as written (in
English), so your own templates keep working in every language; to have their words translated,
add your messages to the catalogs (`advocacy/i18n/locales/<lang>/LC_MESSAGES/advocacy.po`) and send
them upstream. The shipped languages are en, ru and kk; the README says how to add one.

## Adding a document kind

Make a folder named after the kind (lowercase letters, digits and `-`), holding
`<kind>.html` (for a PDF) and/or `<kind>.docx` (for Word), and a `kind.toml` with one line
saying which facts it is made from:

```toml
context = "appeal"      # one letter of the case; or "summary", "chronology": the whole case
label = "Press release" # optional: what heads a case document ("Press release: <names>")
```

Then `advocacy render press-release facts/CASE.yaml --templates my-templates` writes
`press-release-<appeal-id>.pdf` (an appeal context) or `press-release.pdf` (a case context).
Start from the kind whose context you use: copy its folder, rename the files.
"""


def guide() -> str:
    """The whole of TEMPLATES.md."""
    return "\n".join([INTRO, _filters(), _contexts(), _facts()]).rstrip("\n") + "\n"


def _filters() -> str:
    env = environment()
    lines = [
        "## Filters",
        "",
        "Besides Jinja's own (`join`, `sort`, `length`, `default`, `capitalize` ...), every "
        "template, HTML and Word alike, has these; the words follow the document's language.",
        "",
        "| filter | what it gives |",
        "|---|---|",
    ]
    for name in OWN_FILTERS:
        lines.append(f"| `{name}` | {_one_line(inspect.getdoc(env.filters[name]))} |")
    return "\n".join(lines) + "\n"


def _contexts() -> str:
    lines = [
        "## What each kind receives",
        "",
        "A kind's `context` (in its `kind.toml`) decides which variables its templates have. "
        "Every context has these:",
        "",
        *_table(Context, inherited=True),
        "",
    ]
    for name, model in CONTEXT_MODELS.items():
        lines += [f'### `context = "{name}"`', "", _one_line(inspect.getdoc(model)), ""]
        lines += [*_table(model), ""]
    return "\n".join(lines)


def _facts() -> str:
    lines = [
        "## The facts and what they are made of",
        "",
        "Attributes of the variables above, as in `{{ case.defenders }}` or "
        "`{{ row.event.place }}`. A `date` prints with `date_words`; a `partial date` too "
        "('around May 2025', 'since 2019'); `text` is a narrative field, printed with `rich`.",
        "",
    ]
    for model in _models():
        if model is Context or model in CONTEXT_MODELS.values():
            continue
        lines += [f"### {model.__name__}", "", _one_line(inspect.getdoc(model)), ""]
        lines += [*_table(model, inherited=True), ""]
        methods = list(_methods(model))
        if methods:
            lines += ["Look-ups: " + "; ".join(methods) + ".", ""]
    return "\n".join(lines)


def _table(model: type[BaseModel], *, inherited: bool = False) -> list[str]:
    own = set(model.model_fields)
    if not inherited:
        own -= set(Context.model_fields)
    rows = ["| variable | type | what it is |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        if name in own:
            rows.append(f"| `{name}` | {type_name(info.annotation)} | {info.description or ''} |")
    return rows


def _models() -> Iterator[type[BaseModel]]:
    """Every model a template can reach from a context, contexts first, each once."""
    seen: list[type[BaseModel]] = []
    queue: list[Any] = [Context, *CONTEXT_MODELS.values(), Case]
    while queue:
        item = queue.pop(0)
        for model in _model_classes(item):
            if model not in seen:
                seen.append(model)
                queue += [info.annotation for info in model.model_fields.values()]
    yield from seen


def _model_classes(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _model_classes(arg)


def _methods(model: type[BaseModel]) -> Iterator[str]:
    for name, value in vars(model).items():
        if name.startswith("_") or name == "problems" or not inspect.isfunction(value):
            continue
        signature = inspect.signature(value)
        params = ", ".join(p for p in signature.parameters if p != "self")
        yield f"`{name}({params})`: {_one_line(inspect.getdoc(value)).rstrip('.')}"


def type_name(annotation: Any) -> str:
    """A type as a template author reads it: 'list of Person', 'Letter | None', 'date'."""
    if annotation is None or annotation is type(None):
        return "None"
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " \\| ".join(type_name(arg) for arg in args)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"'{arg}'" for arg in args)
    if origin is typing.Annotated:
        return type_name(args[0])
    if origin in (list, tuple) or (origin is not None and args and origin.__name__ == "Sequence"):
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"mapping of {type_name(args[0])} to {type_name(args[1])}"
    return _SIMPLE.get(annotation, getattr(annotation, "__name__", str(annotation)))


_SIMPLE: dict[Any, str] = {
    str: "text",
    int: "number",
    float: "number",
    bool: "yes/no",
    EdtfDate: "partial date",
}


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")
