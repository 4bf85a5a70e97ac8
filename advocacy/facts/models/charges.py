"""Charges against a defender, the penalty and the appeal."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field

from advocacy.facts.dates import EdtfDate
from advocacy.facts.models.common import (
    Confidential,
    FactModel,
    LocalText,
    Narrative,
    OrganisationRef,
    PersonRef,
    Sources,
    Text,
)
from advocacy.facts.models.countries import CurrencyCode


class Amount(FactModel):
    """A sum of money in one currency."""

    amount: Decimal = Field(
        ge=0,
        max_digits=18,
        decimal_places=2,
        description="The sum, e.g. 78640 (at most 16 digits before the point, 2 after).",
    )
    currency: CurrencyCode = Field(description="ISO 4217 code: 'KZT', 'EUR', 'USD'.")
    approximate: bool = Field(default=False, description="True when the source says 'about'.")


class Money(Amount):
    """A sum as one or more sources report it, with the equivalents they give."""

    equivalents: tuple[Amount, ...] = Field(
        default=(), description="The sum in other currencies as the source gives it: 140 EUR."
    )
    sources: Sources = Field(default=(), description="Ids of the sources that give this sum.")


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, dict) else value


class Appeal(FactModel):
    """An appeal against a decision, and how it ended."""

    court: OrganisationRef = Field(description="Id of the court that heard the appeal.")
    decided: EdtfDate | None = Field(default=None, description="When it was decided.")
    outcome: LocalText | None = Field(
        default=None, description="'upheld', 'overturned', 'pending', ... in a few words."
    )
    sources: Sources = Field(min_length=1)


class Charge(FactModel):
    """One charge under one article of law, from accusation to appeal."""

    person: PersonRef = Field(description="Id of the person charged.")
    law: Text = Field(
        description="Code and article: 'Code of Administrative Offenses, Article 456-2(3)'."
    )
    text: Narrative = Field(description="The offence as the law or the court words it.")
    court: OrganisationRef | None = Field(default=None, description="Id of the court.")
    decided: EdtfDate | None = Field(default=None, description="When the court decided.")
    outcome: LocalText | None = Field(default=None, description="'found guilty', 'acquitted', ...")
    penalty: Annotated[
        tuple[Money, ...],
        BeforeValidator(_one_or_many, json_schema_input_type=Money | list[Money]),
    ] = Field(
        default=(),
        description="The penalty: one sum, or where sources disagree one entry per account, "
        "each with its sources, so documents never pick one silently.",
    )
    sentence: LocalText | None = Field(
        default=None, description="A penalty other than money: '10 days of administrative arrest'."
    )
    appeal: Appeal | None = Field(default=None, description="The appeal, if there was one.")
    sources: Sources = Field(min_length=1)
    confidential: Confidential = False
