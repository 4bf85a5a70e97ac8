"""People and organisations named in a case."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from advocacy.facts.dates import EdtfDate
from advocacy.facts.models.common import (
    Confidential,
    FactModel,
    Id,
    LocalText,
    Narrative,
    OrganisationRef,
    Sources,
    Text,
)
from advocacy.facts.models.countries import CountryCode

AliasKind = Literal["spelling", "transliteration", "acronym", "former-name"]
"""What another name is. A spelling or a transliteration used in prose is warned about (the
documents spell a name one way); an acronym and a former name are names of their own."""


class Alias(FactModel):
    """Another spelling of a name, and who uses it."""

    name: Text = Field(description="The other spelling, as the source writes it.")
    kind: AliasKind = Field(
        default="spelling",
        description="'spelling' (a variant or misspelling), 'transliteration' (another "
        "romanisation), 'acronym' ('EMDS'), 'former-name' (what it was called before); "
        "`validate` warns where prose uses a spelling or a transliteration.",
    )
    sources: Sources = Field(default=(), description="Ids of the sources that spell it so.")


def _alias_from_text(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


Aliases = Annotated[
    tuple[
        Annotated[Alias, BeforeValidator(_alias_from_text, json_schema_input_type=str | Alias)], ...
    ],
    Field(
        default=(),
        description=(
            "Other names: a string, or {name, kind, sources} to say what it is and who spells "
            "it so. Documents always use `name`; `validate` warns where prose uses a spelling "
            "or a transliteration (not an acronym, a former name or a spelling in quotes)."
        ),
    ),
]


class Award(FactModel):
    """A prize or honour given to a person."""

    name: Text = Field(description="The award: 'International Women of Courage Award'.")
    date: EdtfDate | None = Field(default=None, description="When it was given (EDTF).")
    by: Text | None = Field(default=None, description="Who gave it.")
    sources: Sources = Field(min_length=1)


PersonField = Literal[
    "native_name",
    "aliases",
    "pronouns",
    "born",
    "nationality",
    "description",
    "profile",
    "organisations",
    "contact",
    "awards",
]
"""The fields of a person that can be confidential on their own (not the id and name)."""


class Person(FactModel):
    """A person the case names: a defender, a relative, an official, a lawyer."""

    id: Id = Field(description="Id other facts use for this person, e.g. 'bakhytzhan-toregozhina'.")
    name: Text = Field(description="The one spelling every document uses, in Latin script.")
    native_name: Text | None = Field(
        default=None, description="The name in the person's own script: 'Бақытжан Төреғожина'."
    )
    aliases: Aliases
    pronouns: Text | None = Field(default=None, description="'she/her', 'he/him', 'they/them'.")
    born: EdtfDate | None = Field(default=None, description="Date of birth, as precise as known.")
    nationality: CountryCode | None = Field(
        default=None, description="Nationality as an ISO 3166-1 alpha-2 code: 'KZ'."
    )
    description: LocalText | None = Field(
        default=None,
        description="What the person is, in a few words: 'woman human rights defender'.",
    )
    profile: Narrative | None = Field(
        default=None, description="A paragraph on who the person is, as a letter would put it."
    )
    organisations: tuple[OrganisationRef, ...] = Field(
        default=(), description="Ids of the organisations the person leads or belongs to."
    )
    contact: Text | None = Field(
        default=None,
        description="How to reach the person (a lawyer's phone, an email); usually confidential.",
    )
    awards: tuple[Award, ...] = Field(default=(), description="Prizes and honours received.")
    sources: Sources = Field(
        default=(), description="Ids of the sources for the name, birth and profile."
    )
    confidential: bool | tuple[PersonField, ...] = Field(
        default=False,
        description="true: the whole person is left out of public documents; a list of fields "
        "([born, contact]): only those are.",
    )


class Organisation(FactModel):
    """An organisation the case names: an NGO, a court, a ministry, a UN body."""

    id: Id = Field(description="Id other facts use for it, e.g. 'front-line-defenders'.")
    name: Text = Field(description="The one spelling every document uses.")
    aliases: Aliases
    role: Text | None = Field(
        default=None, description="What it is in this case: 'court of first instance'."
    )
    country: CountryCode | None = Field(
        default=None, description="Where it is, as an ISO 3166-1 alpha-2 code."
    )
    sources: Sources = Field(default=(), description="Ids of the sources that name it.")
    confidential: Confidential = False
