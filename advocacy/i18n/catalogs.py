"""Template strings in the document's language: gettext catalogs shipped as ``.po`` files.

Every fixed word a document prints (headings, "Page 1 of 2", "around", status words, table headers)
is an English message id, marked where it is written: ``_("...")`` or ``{% trans %}`` in templates
(Jinja's i18n extension, :mod:`advocacy.i18n.jinja`), :func:`translate` in Python. Catalogs live in
``advocacy/i18n/locales/<lang>/LC_MESSAGES/advocacy.po`` and are read as text when first used (no
compiled ``.mo`` files to keep in step); ``advocacy/i18n/locales/advocacy.pot`` lists every message,
and ``python -m advocacy.authoring.extract`` extracts it again and brings every catalog up to date.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from advocacy.errors import UsageError

DOMAIN = "advocacy"
LOCALES = Path(__file__).resolve().parent / "locales"
"""Where the catalogs are: ``<lang>/LC_MESSAGES/advocacy.po`` and the template ``advocacy.pot``."""
SOURCE = "en"
"""The language message ids are written in."""


def po_path(lang: str) -> Path:
    """The catalog of ``lang``."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def languages() -> tuple[str, ...]:
    """The languages a catalog ships for: 'en', 'kk', 'ru', ... (read once: they ship with the
    package and do not change while it runs)."""
    return tuple(sorted(p.name for p in LOCALES.iterdir() if po_path(p.name).is_file()))


def catalog_language(lang: str) -> str:
    """The shipped catalog for a BCP 47 tag: 'ru-RU' and 'ru' both use 'ru'.

    Wrong usage when none ships: a letter half in English is worse than no letter.
    """
    shipped = languages()
    tag = lang.replace("_", "-")
    for candidate in (tag, tag.split("-")[0]):
        for known in shipped:
            if known.lower() == candidate.lower():
                return known
    raise UsageError(
        f"no catalog for the language {lang!r}: documents can be written in "
        f"{', '.join(shipped)} (README: 'Adding a language')"
    )


@cache
def translations(lang: str) -> Any:
    """The gettext translations of ``lang`` (a ``babel.support.Translations``)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po_path(catalog_language(lang)).open("rb") as file:
        catalog = read_po(file, locale=catalog_language(lang), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is written; :func:`translate` it later."""
    return message


def translate(lang: str, message: str, **values: object) -> str:
    """``message`` in ``lang``, its ``%(name)s`` placeholders filled from ``values``."""
    text = str(translations(lang).gettext(message))
    return text % values if values else text


def page_words(lang: str) -> tuple[str, str, str]:
    """'Page 1 of 3' in ``lang``, cut around its numbers: ('Page ', ' of ', '')."""
    words = translate(lang, "Page %(page)s of %(pages)s", page="\x00", pages="\x01")
    before, _, rest = words.partition("\x00")
    between, _, after = rest.partition("\x01")
    return before, between, after
