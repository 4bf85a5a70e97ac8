"""Sources: the published documents every fact rests on."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, HttpUrl

from advocacy.facts.dates import Day, EdtfDate
from advocacy.facts.models.common import Confidential, FactModel, Id, Narrative, Text

SourceKind = Literal[
    "ngo-statement",
    "news",
    "encyclopedia",
    "court",
    "un-body",
    "government",
    "report",
    "social-media",
    "testimony",
    "other",
]


class Source(FactModel):
    """A document that says something about the case, cited by its id."""

    id: Id = Field(description="Id other facts cite this source by, e.g. 'hrw-2025-08'.")
    publisher: Text | None = Field(
        default=None, description="Who published it: 'Human Rights Watch'. Omit if unknown."
    )
    title: Text = Field(
        description="Its title as published; a title the source lacks goes in [square brackets]."
    )
    author: Text | None = Field(default=None, description="Its author, if named.")
    version: Text | None = Field(
        default=None,
        description="Which version was read, where there are several: 'revision of August 2025'.",
    )
    published: EdtfDate | None = Field(
        default=None, description="When it was published, as precisely as known (EDTF)."
    )
    accessed: Day | None = Field(default=None, description="When it was last read online.")
    url: HttpUrl | None = Field(default=None, description="Where to read it.")
    kind: SourceKind = Field(description="What sort of document it is.")
    language: str | None = Field(
        default=None, description="Its language as a BCP 47 tag, if not the case's language."
    )
    note: Narrative | None = Field(
        default=None, description="What a reader should know about it: gaps, disagreements."
    )
    confidential: Confidential = False
