"""Custody: the periods a person is deprived of liberty, as a state rather than a string of events.

A period says what kind of custody it is, since when (and until when, or still), where, on whose
authority and legal basis, its term and next review, and how the person fares (lawyer access,
health). Any of those may be confidential on its own, as a person's fields may: public
documents drop them (:mod:`advocacy.views.audience`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from advocacy.facts.dates import EdtfDate
from advocacy.facts.models.common import (
    FactModel,
    LocalText,
    Narrative,
    OrganisationRef,
    PersonRef,
    Sources,
)

CustodyKind = Literal[
    "arrest", "pre-trial-detention", "administrative-detention", "prison", "house-arrest"
]

CustodyField = Literal[
    "place", "authority", "legal_basis", "term", "next_review", "lawyer_access", "health"
]
"""The fields of a custody period that can be confidential on their own."""


class Custody(FactModel):
    """One period of deprivation of liberty of one person."""

    person: PersonRef = Field(description="Id of the person held.")
    kind: CustodyKind = Field(
        description="'arrest', 'pre-trial-detention', 'administrative-detention', 'prison' or "
        "'house-arrest'."
    )
    date: EdtfDate = Field(
        description="The period as an EDTF interval: '2024-04-30/..' (since 30 April 2024, "
        "still held), '2024-04-30/2024-08-28' (ended), or one day for a short arrest."
    )
    place: LocalText | None = Field(
        default=None, description="Where: 'Pre-trial detention centre No. 1, Almaty'."
    )
    authority: OrganisationRef | None = Field(
        default=None, description="Id of the court or body that ordered or holds it."
    )
    legal_basis: LocalText | None = Field(
        default=None,
        description="The law or decision it rests on: 'Criminal Procedure Code, Article 147'.",
    )
    term: LocalText | None = Field(
        default=None, description="The term as ordered, in words: 'two months', '7 years'."
    )
    next_review: EdtfDate | None = Field(
        default=None, description="When the custody is next reviewed or may be extended."
    )
    lawyer_access: Narrative | None = Field(
        default=None, description="Whether and how the person sees a lawyer of their choice."
    )
    health: Narrative | None = Field(
        default=None, description="The person's health in custody, as the sources report it."
    )
    sources: Sources = Field(min_length=1, description="Ids of the sources that report it.")
    confidential: bool | tuple[CustodyField, ...] = Field(
        default=False,
        description="true: the whole period is left out of public documents; a list of fields "
        "([health, lawyer_access]): only those are.",
    )

    def current(self, on: dt.date) -> bool:
        """True while the period goes on at ``on``: open, its end unknown, or ending later."""
        return bool(self.date.open_end) or self.date.upper >= on
