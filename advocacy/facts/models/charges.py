"""Charges against a defender, the penalty and the appeal."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

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


AppealLevel = Literal["appeal", "cassation", "supervisory", "pardon", "amnesty"]


class Appeal(FactModel):
    """An appeal against a decision (or a plea for pardon or amnesty), and how it ended."""

    level: AppealLevel = Field(
        default="appeal",
        description="'appeal', 'cassation', 'supervisory' (review), 'pardon' or 'amnesty'.",
    )
    court: OrganisationRef | None = Field(
        default=None,
        description="Id of the court (or, for a pardon or amnesty, the body) that decided it.",
    )
    decided: EdtfDate | None = Field(default=None, description="When it was decided.")
    outcome: LocalText | None = Field(
        default=None, description="'upheld', 'overturned', 'pending', ... in a few words."
    )
    sources: Sources = Field(min_length=1)


class Imprisonment(FactModel):
    """A term of imprisonment, as a court sentences it."""

    years: int = Field(default=0, ge=0, le=100, description="Whole years of the term.")
    months: int = Field(default=0, ge=0, le=11, description="Months besides the years.")
    suspended: bool = Field(default=False, description="True for a suspended sentence.")

    @model_validator(mode="after")
    def _some_term(self) -> Imprisonment:
        if not self.years and not self.months:
            raise ValueError("give the term in `years`, `months` or both")
        return self


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
    imprisonment: Imprisonment | None = Field(
        default=None,
        description="A sentence of imprisonment: {years: 7, months: 6, suspended: false}; "
        "documents print it in words.",
    )
    max_penalty: LocalText | None = Field(
        default=None,
        description="The maximum penalty the article provides: 'up to 10 years of imprisonment'.",
    )
    status: Literal["decided", "pending"] | None = Field(
        default=None,
        description="'pending': no court has decided yet (then no decision, outcome, penalty, "
        "sentence or appeal may be given, and documents say 'Pending').",
    )
    appeal: Appeal | None = Field(
        default=None, description="The appeal, if there was one (or use `appeals`)."
    )
    appeals: tuple[Appeal, ...] = Field(
        default=(),
        description="Every level of appeal in order: appeal, cassation, supervisory review, "
        "pardon, amnesty.",
    )
    sources: Sources = Field(min_length=1)
    confidential: Confidential = False

    @property
    def all_appeals(self) -> tuple[Appeal, ...]:
        """`appeal` (the older, single form) and then `appeals`."""
        return ((self.appeal,) if self.appeal else ()) + self.appeals

    @property
    def pending(self) -> bool:
        """True while no court has decided the charge."""
        return self.status == "pending"

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        """What a pending charge may not have (it would print as decided)."""
        if not self.pending:
            return []
        given = ("decided", "outcome", "penalty", "sentence", "imprisonment", "appeal", "appeals")
        return [
            ((name,), "a pending charge has no decision yet: remove it, or drop `status: pending`")
            for name in given
            if getattr(self, name)
        ]
