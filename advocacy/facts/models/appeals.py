"""Appeals: the letters issued on a case, as their sender wrote them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from advocacy.facts.dates import Day
from advocacy.facts.models.common import (
    Confidential,
    FactModel,
    Id,
    LocalText,
    Narrative,
    PersonRef,
    Sources,
    Text,
)
from advocacy.facts.models.letterhead import Members


class Paragraph(FactModel):
    """A paragraph of a letter's facts, with the sources it rests on."""

    text: Narrative = Field(
        description="The paragraph; *italic*, **bold** and [links](https://...)."
    )
    sources: Sources = Field(default=(), description="Ids of the sources it rests on.")
    confidential: Confidential = False


def _paragraph_from_text(value: object) -> object:
    """A string, or a mapping of languages that names none of a paragraph's keys, is its text."""
    if isinstance(value, str):
        return {"text": value}
    if isinstance(value, dict) and value and not set(value) & set(Paragraph.model_fields):
        return {"text": value}
    return value


Paragraphs = tuple[
    Annotated[
        Paragraph,
        BeforeValidator(
            _paragraph_from_text, json_schema_input_type=str | dict[str, str] | Paragraph
        ),
    ],
    ...,
]
"""Paragraphs, each a string, the text per language ({en: ..., ru: ...}) or {text, sources,
confidential}."""


class DefenderProfile(FactModel):
    """Who one of the defenders is, as a letter puts it."""

    person: PersonRef = Field(description="Id of the defender (one of the case's `defenders`).")
    text: Narrative = Field(description="Their profile in this letter.")


class Letter(FactModel):
    """An urgent appeal issued on the case: what a campaign sends and publishes."""

    id: Id = Field(description="Id of the appeal, e.g. 'fld-2025-08-05'.")
    issued: Day = Field(description="The date the letter carries (YYYY-MM-DD).")
    sender: Id = Field(
        description="Id of the sender's letterhead: the file facts/letterheads/<id>.yaml."
    )
    title: LocalText = Field(
        description="The title line: 'Kazakhstan: Bakhytzhan Toregozhina fined for social "
        "media post'."
    )
    lead: Narrative = Field(description="The opening paragraph: what happened, to whom, when.")
    reference: Text | None = Field(
        default=None,
        description="The sender's number for the letter, printed under the date and in the "
        "documents' metadata: 'AZE 002/1213/OBS 098'.",
    )
    updates: Id | None = Field(
        default=None,
        description="Id of an earlier appeal of the case that this letter updates: its title "
        "line then begins 'Update – ', and it names that appeal and lists the events since.",
    )
    history: bool = Field(
        default=False,
        description="True for an appeal recorded only as history (another organisation's, or "
        "ours without its text): it needs no concern or demands, is never rendered as a "
        "letter, and is cited as an earlier appeal.",
    )
    profile: Narrative | None = Field(
        default=None,
        description="Who the defender is, as this letter puts it, for a case of one defender; "
        "omit to use the defender's `profile` (see `profiles` for several).",
    )
    profiles: tuple[DefenderProfile, ...] = Field(
        default=(),
        description="Who each defender is, as this letter puts it: [{person, text}]; a "
        "defender not listed is profiled by their own `profile`.",
    )
    paragraphs: Paragraphs = Field(
        default=(), description="The facts as the letter tells them, in order."
    )
    concern: Narrative | None = Field(
        default=None,
        description="The statement of concern (required unless `history: true`).",
    )
    authorities: LocalText | None = Field(
        default=None,
        description="Whom the demands address, after 'urges the authorities in': defaults to the "
        "case's country.",
    )
    demands: Paragraphs = Field(
        default=(),
        description="The numbered requests, in order: each a string or {text, sources, "
        "confidential} (at least one unless `history: true`).",
    )
    signatories: Members = Field(
        default=(),
        description="Organisations that co-sign, in the order printed: a name, or {name, "
        "country}. A joint letter lists them, numbered, after the signature.",
    )
    sources: Sources = Field(
        default=(), description="Ids of the sources for the letter as a whole."
    )
