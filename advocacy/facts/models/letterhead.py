"""Letterheads: who sends a letter, from where, signed by whom."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from advocacy.facts.models.common import (
    Email,
    FactModel,
    Id,
    LocalText,
    Narrative,
    Text,
    Translation,
    Website,
)
from advocacy.facts.models.countries import LanguageTag


class Office(FactModel):
    """One office of the sender, as the letterhead shows it."""

    city: Text = Field(description="The heading over the address: 'Dublin'.")
    name: Text = Field(description="The office's name: 'Front Line Defenders – Head Office'.")
    address: tuple[Text, ...] = Field(min_length=1, description="Postal address, line by line.")
    email: Email | None = Field(default=None, description="The office's email address.")
    website: Website | None = Field(
        default=None,
        description="The web address as printed, which documents link: 'www.example.org' or "
        "'https://www.example.org/en' (http and https only).",
    )
    phone: Text | None = Field(default=None, description="Phone number as printed.")
    fax: Text | None = Field(default=None, description="Fax number as printed.")


class Signatory(FactModel):
    """Who signs the letter."""

    name: Text = Field(description="The name under the letter.")
    title: LocalText | None = Field(default=None, description="Their position.")


class Member(FactModel):
    """A member of a board or council, or an organisation that co-signs a letter."""

    name: Text = Field(description="Full name (of the person or organisation).")
    country: Text | None = Field(default=None, description="Country shown after the name.")


def _member_from_text(value: object) -> object:
    return {"name": value} if isinstance(value, str) else value


Members = tuple[
    Annotated[Member, BeforeValidator(_member_from_text, json_schema_input_type=str | Member)],
    ...,
]
"""Members (or organisations) in the order printed, each a name or {name, country}."""


class Board(FactModel):
    """A board or council listed at the foot of the letter."""

    title: LocalText = Field(description="'Front Line Defenders Board of Directors'.")
    members: Members = Field(
        min_length=1, description="Members in the order printed: a name, or {name, country}."
    )


class Letterhead(FactModel):
    """A sender's letterhead file: facts/letterheads/<id>.yaml."""

    id: Id = Field(description="Matches the file name.")
    organisation: Text = Field(description="The sender's name: 'Front Line Defenders'.")
    language: LanguageTag = Field(
        default="en",
        description="The language its texts are written in where they are not given per language.",
    )
    urges: LocalText | None = Field(
        default=None,
        description="Who urges the authorities, in the line before the demands ('The "
        "Observatory urges the authorities in ... to:'); defaults to `organisation`.",
    )
    offices: tuple[Office, ...] = Field(min_length=1, description="Offices shown at the top.")
    signatory: Signatory | None = Field(default=None, description="Who signs the letter.")
    boards: tuple[Board, ...] = Field(default=(), description="Boards listed at the foot.")
    legal: tuple[Narrative, ...] = Field(
        default=(), description="The legal footer: registration, charity numbers."
    )
    translations: dict[LanguageTag, Translation] = Field(
        default_factory=dict,
        description="The languages its texts are translated into besides `language`, and "
        "whether each translation has been reviewed.",
    )
    example: bool = Field(
        default=False,
        description="True when the letterhead is sample data that no source gives.",
    )
