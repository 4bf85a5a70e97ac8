"""Events: what happened, when, where, to whom, and who says so."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from advocacy.facts.dates import EdtfDate
from advocacy.facts.models.common import (
    Confidential,
    FactModel,
    Id,
    LocalText,
    Narrative,
    OrganisationRef,
    PersonRef,
    Sources,
)

EventKind = Literal[
    "arrest",
    "detention",
    "release",
    "summons",
    "interrogation",
    "raid",
    "charge",
    "hearing",
    "conviction",
    "fine",
    "sentence",
    "appeal",
    "ban",
    "surveillance",
    "threat",
    "hunger-strike",
    "visit",
    "statement",
    "publication",
    "protest",
    "activism",
    "award",
    "un-decision",
    "other",
]

Status = Literal["confirmed", "alleged", "disputed"]


class Event(FactModel):
    """One thing that happened, dated as precisely as its sources allow."""

    id: Id | None = Field(default=None, description="Optional id, to cite the event elsewhere.")
    date: EdtfDate | None = Field(
        default=None,
        description="When (EDTF: 2025-07-31, 2025-08, 2004, 2016-05-16/2016-05-20, 2025-05~, "
        "2025-05?). Omit when no source dates it; it is then listed under 'Date unknown'.",
    )
    date_note: LocalText | None = Field(
        default=None, description="Wording a date cannot carry: 'late May', 'the same evening'."
    )
    place: LocalText | None = Field(default=None, description="Where: 'Almaty, Kazakhstan'.")
    kind: EventKind = Field(description="What sort of event it is.")
    text: Narrative = Field(description="What happened, in a sentence or two.")
    people: tuple[PersonRef, ...] = Field(default=(), description="Ids of the people involved.")
    organisations: tuple[OrganisationRef, ...] = Field(
        default=(), description="Ids of the organisations involved."
    )
    status: Status = Field(
        default="confirmed",
        description="'confirmed' when the sources state it as fact; 'alleged' when they report "
        "a claim; 'disputed' when sources or parties contradict each other.",
    )
    sources: Sources = Field(min_length=1, description="Ids of the sources that report it.")
    confidential: Confidential = False
