"""Appeals: the letters issued on a case, as their sender wrote them."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field

from advocacy.facts.dates import Day
from advocacy.facts.models.common import Confidential, FactModel, Id, LocalText, Narrative, Sources


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
    profile: Narrative | None = Field(
        default=None,
        description="Who the defender is, as this letter puts it; omit to use the defender's "
        "`profile`.",
    )
    paragraphs: Paragraphs = Field(
        default=(), description="The facts as the letter tells them, in order."
    )
    concern: Narrative = Field(description="The statement of concern.")
    authorities: LocalText | None = Field(
        default=None,
        description="Whom the demands address, after 'urges the authorities in': defaults to the "
        "case's country.",
    )
    demands: Paragraphs = Field(
        min_length=1,
        description="The numbered requests, in order: each a string or {text, sources, "
        "confidential}.",
    )
    sources: Sources = Field(
        default=(), description="Ids of the sources for the letter as a whole."
    )
