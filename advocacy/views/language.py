"""Fact text in the document's language: pick each text's translation, and say what lacks one.

A case file's translatable texts (:mod:`advocacy.facts.models.text`) are each a string in the file's
language or a mapping of languages. :func:`in_language` gives the case (and its letterheads) with
every such field holding the text of one language. A field without a text in that language holds
an :class:`Untranslated`: its text in the file's own language, marked with its place.

Only what a document prints matters: a Russian letter does not need the Russian text of every
event. So the marks are noticed when a template reads them (the sandbox reports every attribute
it hands a template, :func:`noticed`), and after rendering :func:`check` fails with every
untranslated field the document used, at its place in the file, or with ``fallback`` lets the
file's language stand and says where.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from advocacy.errors import FactsError, Problem
from advocacy.facts.load import LoadedCase, letterhead_file
from advocacy.facts.models import Case, Letterhead
from advocacy.facts.models.text import translatable_fields, translation
from advocacy.facts.reader import at
from advocacy.facts.tree import YamlMapping

if TYPE_CHECKING:  # documents stand above views: named for the type only
    from advocacy.documents.document import Document

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class Untranslated(str):
    """A text the document's language lacks, in the file's language, and where it stands.

    Templates receive it as text: its own attributes start with '_', which the sandbox never
    lets a template read (its path would be a way to the file system).
    """

    _path: Path
    _loc: Loc
    _language: str
    """The language the text is in."""

    def __new__(cls, text: str, path: Path, loc: Loc, language: str) -> Untranslated:
        made = super().__new__(cls, text)
        made._path, made._loc, made._language = path, loc, language
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Untranslated, (str(self), self._path, self._loc, self._language))


def in_language(loaded: LoadedCase, lang: str) -> tuple[Case, dict[str, Letterhead]]:
    """The case and letterheads of ``loaded`` with every translatable text in ``lang`` (or
    marked :class:`Untranslated`)."""
    case = _localized(loaded.case, lang, loaded.case.language, loaded.path, ())
    letterheads = {
        key: _localized(
            letterhead, lang, letterhead.language, letterhead_file(loaded.path, key), ()
        )
        for key, letterhead in loaded.letterheads.items()
    }
    return case, letterheads


def _localized(model: M, lang: str, own: str, path: Path, loc: Loc) -> M:
    names = translatable_fields(type(model))
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, tuple):
            new: Any = tuple(
                _value(item, name in names, lang, own, path, (*loc, name, i))
                for i, item in enumerate(value)
            )
            changed = any(a is not b for a, b in zip(new, value, strict=True))
        else:
            new = _value(value, name in names, lang, own, path, (*loc, name))
            changed = new is not value
        if changed:
            changes[name] = new
    return model.model_copy(update=changes) if changes else model


def _value(value: Any, translatable: bool, lang: str, own: str, path: Path, loc: Loc) -> Any:
    if isinstance(value, BaseModel):
        return _localized(value, lang, own, path, loc)
    if not translatable or not isinstance(value, str):
        return value
    found = translation(value, lang, own)
    if found is not None:
        return found
    return Untranslated(translation(value, own, own) or str(value), path, loc, own)


_NOTICED: ContextVar[dict[tuple[str, Loc], Untranslated] | None] = ContextVar(
    "advocacy_untranslated", default=None
)


def noticed(value: Any) -> None:
    """Note an untranslated text (or a list of them) a template is reading."""
    seen = _NOTICED.get()
    if seen is None:
        return
    for item in value if isinstance(value, tuple | list) else (value,):
        if isinstance(item, Untranslated):
            seen.setdefault((str(item._path), item._loc), item)


@contextmanager
def watching(*values: Any) -> Iterator[dict[tuple[str, Loc], Untranslated]]:
    """Collect the untranslated texts templates read while rendering; ``values`` (a context's
    own variables) count as read."""
    seen: dict[tuple[str, Loc], Untranslated] = {}
    token = _NOTICED.set(seen)
    try:
        for value in values:
            noticed(value)
        yield seen
    finally:
        _NOTICED.reset(token)


@contextmanager
def checked(doc: Document, fallback: bool) -> Iterator[list[Problem]]:
    """Render ``doc`` (a :class:`advocacy.documents.document.Document`) inside: then fail with every
    text its language lacks that it printed, or, with ``fallback``, fill the list given with
    the warnings that say which texts were printed in the file's language instead."""
    fallbacks: list[Problem] = []
    with watching(*doc.template_context.values(), doc.title, doc.subject) as untranslated:
        yield fallbacks
    fallbacks[:] = check(doc.lang, list(untranslated.values()), fallback, doc.view.loaded.trees)


def unreviewed(loaded: LoadedCase, lang: str) -> str | None:
    """The note that a document in ``lang`` prints an unreviewed translation, if it does."""
    translation = loaded.case.translations.get(lang)
    if translation is None or translation.reviewed:
        return None
    return f"note: the {lang!r} texts of {loaded.path} are an unreviewed translation"


def check(
    lang: str,
    untranslated: list[Untranslated],
    fallback: bool,
    trees: Mapping[Path, YamlMapping],
) -> list[Problem]:
    """Fail with every untranslated text a document printed; with ``fallback``, the warnings
    that say which texts it printed in the file's language instead. ``trees`` are the files'
    YAML as the case was loaded with it (:attr:`LoadedCase.trees`): they place each text."""
    problems = [_problem(lang, text, trees[text._path], fallback) for text in untranslated]
    if problems and not fallback:
        raise FactsError(problems)
    return sorted(problems)


def _problem(lang: str, text: Untranslated, root: YamlMapping, fallback: bool) -> Problem:
    own = text._language
    if fallback:
        message = f"no text in {lang!r}: printed in {own!r} (--fallback)"
    else:
        message = (
            f"no text in {lang!r}, the document's language: give it as "
            f"{{{own}: ..., {lang}: ...}}, or render with --fallback to print the {own!r} text"
        )
    return at(text._path, root, text._loc, message, warning=fallback)
