"""The fact models: what a case file may say, validated with pydantic."""

from __future__ import annotations

from advocacy.models.appeals import Letter, Paragraph
from advocacy.models.case import Case
from advocacy.models.charges import Amount, Appeal, Charge, Money
from advocacy.models.common import Translation
from advocacy.models.events import Event
from advocacy.models.letterhead import Board, Letterhead, Member, Office, Signatory
from advocacy.models.people import Alias, Award, Organisation, Person
from advocacy.models.recipients import ListRef, Recipient, RecipientList
from advocacy.models.sources import Source
from advocacy.models.text import Localized

__all__ = [
    "Alias",
    "Amount",
    "Appeal",
    "Award",
    "Board",
    "Case",
    "Charge",
    "Event",
    "Letter",
    "Letterhead",
    "ListRef",
    "Localized",
    "Member",
    "Money",
    "Office",
    "Organisation",
    "Paragraph",
    "Person",
    "Recipient",
    "RecipientList",
    "Signatory",
    "Source",
    "Translation",
]
