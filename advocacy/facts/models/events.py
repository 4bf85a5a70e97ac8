"""Events: what happened, when, where, to whom, and who says so."""

from __future__ import annotations

import re
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

Status = Literal["confirmed", "alleged", "disputed", "scheduled"]

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _time(value: object) -> object:
    """'14:30'; YAML 1.1 reads an unquoted 14:30 as the number 870 (minutes), taken back."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        value = f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise ValueError(f"{value!r} is not a time of day; write it as HH:MM, e.g. '14:30'")
    return value.strip()


TimeOfDay = Annotated[str, BeforeValidator(_time, json_schema_input_type=str)]


class Event(FactModel):
    """One thing that happened, dated as precisely as its sources allow."""

    id: Id | None = Field(default=None, description="Optional id, to cite the event elsewhere.")
    date: EdtfDate | None = Field(
        default=None,
        description="When (EDTF: 2025-07-31, 2025-08, 2004, 2016-05-16/2016-05-20, 2025-05~, "
        "2025-05?). Omit when no source dates it; it is then listed under 'Date unknown'.",
    )
    time: TimeOfDay | None = Field(
        default=None,
        description="The time of day, HH:MM ('14:30'): orders events of the same day.",
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
        "a claim; 'disputed' when sources or parties contradict each other; 'scheduled' for "
        "what is announced to happen (a hearing), which may be dated after `updated`.",
    )
    sources: Sources = Field(min_length=1, description="Ids of the sources that report it.")
    confidential: Confidential = False
