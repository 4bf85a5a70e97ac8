"""Text given in several languages: a string, or a mapping of BCP 47 tags to strings.

A field marked :class:`Translatable` (narrative fields, titles, places: see
:mod:`advocacy.facts.models.common`) accepts either ``lead: The court fined her...`` (written in the
file's language) or ``lead: {en: The court fined her..., ru: Суд оштрафовал её...}``. A mapping
is validated key by key (each key a BCP 47 tag, each text as the field's own rules say) and
becomes a :class:`Localized`: a ``str`` (its first text, so code that reads the field as text
keeps working) that also holds every language's text. Documents never print that ``str``:
:mod:`advocacy.views.language` picks the text of the document's language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler
from pydantic_core import core_schema


class Localized(str):
    """A text in several languages; as a ``str``, the first one given."""

    texts: dict[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> Localized:
        if not texts:
            raise ValueError("give the text in at least one language")
        made = super().__new__(cls, next(iter(texts.values())))
        made.texts = dict(texts)
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Localized, (self.texts,))

    def get(self, lang: str) -> str | None:
        """The text in ``lang``: its own tag, else one of the same language ('ru' for 'ru-RU')."""
        return text_in(self.texts, lang)


def same_language(first: str, second: str) -> bool:
    """Whether two BCP 47 tags name one language: 'ru' and 'ru-RU' do, 'kk' and 'ru' do not."""
    return first.lower().replace("_", "-").split("-")[0] == second.lower().split("-")[0]


def text_in(texts: Mapping[str, str], lang: str) -> str | None:
    """The text of ``lang`` in ``texts``: an exact tag first, then the same language."""
    for tag, text in texts.items():
        if tag.lower() == lang.lower():
            return text
    for tag, text in texts.items():
        if same_language(tag, lang):
            return text
    return None


def translation(value: str, lang: str, own: str) -> str | None:
    """The text of a translatable field in ``lang`` (None if it has none); ``own`` is the
    language of its file, which a plain string is written in."""
    if isinstance(value, Localized):
        return value.get(lang)
    return value if same_language(lang, own) else None


def languages_of(value: str) -> Iterator[tuple[str | None, str]]:
    """Each text of a field with its language: ``(None, text)`` for a plain string (the
    file's language), ``('ru', text)`` for each language of a mapping."""
    if isinstance(value, Localized):
        yield from value.texts.items()
    else:
        yield None, value


def _language_tag(value: str) -> str:
    from advocacy.facts.models.countries import _language

    return _language(value)


def _localized(texts: dict[str, str]) -> Localized:
    return Localized(texts)


def _as_written(value: Any) -> Any:
    return dict(value.texts) if isinstance(value, Localized) else value


def _which(value: Any) -> str:
    return "per-language" if isinstance(value, Mapping) else "string"


@dataclass(frozen=True)
class Translatable:
    """Marks a text field that may be given per language (put it last in ``Annotated``)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        text = handler(source)
        key = core_schema.no_info_after_validator_function(
            _language_tag, core_schema.str_schema(min_length=2, max_length=35)
        )
        languages = core_schema.no_info_after_validator_function(
            _localized, core_schema.dict_schema(key, text, min_length=1)
        )
        return core_schema.tagged_union_schema(
            {"string": text, "per-language": languages},
            discriminator=_which,
            custom_error_type="text_or_languages",
            custom_error_message="expected text, or the text per language ({en: ..., ru: ...})",
            # Written out (the public case file a PDF carries), a text keeps every language.
            serialization=core_schema.plain_serializer_function_ser_schema(_as_written),
        )


TAGS = frozenset({"string", "per-language"})
Loc = tuple[str | int, ...]
"""The steps pydantic adds to an error's place inside a translatable field; they are not keys
of the file (:func:`advocacy.facts.validation.validate` drops them)."""


def is_translatable(annotation: Any) -> bool:
    """Whether a field's type is (or holds, as ``X | None`` or ``tuple[X, ...]``) translatable
    text."""
    import typing

    metadata = getattr(annotation, "__metadata__", ())
    if typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(meta, Translatable) for meta in metadata
    ):
        return True
    return any(is_translatable(arg) for arg in typing.get_args(annotation))


def translatable_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of ``model``'s fields that hold translatable text."""
    found = _FIELDS.get(model)
    if found is None:
        found = frozenset(
            name
            for name, info in model.model_fields.items()
            # pydantic keeps a field's own Annotated metadata apart from its type.
            if any(isinstance(meta, Translatable) for meta in info.metadata)
            or is_translatable(info.annotation)
        )
        _FIELDS[model] = found
    return found


_FIELDS: dict[type[BaseModel], frozenset[str]] = {}


def texts(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, str]]:
    """Every translatable text in ``model`` and the models inside it, with its place."""
    names = translatable_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        for index, item in _items(value):
            place = (*loc, name) if index is None else (*loc, name, index)
            if isinstance(item, BaseModel):
                yield from texts(item, place)
            elif name in names and isinstance(item, str):
                yield place, item


def _items(value: Any) -> Iterator[tuple[int | None, Any]]:
    if isinstance(value, tuple):
        yield from enumerate(value)
    else:
        yield None, value


def without_own_language(model: BaseModel, own: str) -> Iterator[tuple[Loc, str]]:
    """Each text given per language that lacks the file's own, ``own``, with what to say:
    documents fall back to that language."""
    for loc, text in texts(model):
        if isinstance(text, Localized) and text.get(own) is None:
            yield (
                loc,
                f"gives no text in the file's language {own!r} (only in "
                f"{', '.join(text.texts)}); add '{own}: ...'",
            )
